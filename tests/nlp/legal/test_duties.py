"""Who must do what: bearers, kinds and duty texts of obligations and prohibitions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.legal.duties import collect_duties, find_duties, group_by_bearer

CASES = [
    (
        "生产经营单位应当具备本法规定的安全生产条件。",
        [("生产经营单位", "obligation", "具备本法规定的安全生产条件")],
    ),
    (
        "发生生产安全事故后，事故现场有关人员应当立即报告本单位负责人。",
        [("事故现场有关人员", "obligation", "立即报告本单位负责人")],
    ),
    (
        "从业人员在作业过程中，应当严格落实岗位安全责任，不得违章作业。",
        [
            ("从业人员", "obligation", "严格落实岗位安全责任，不得违章作业"),
            ("从业人员", "prohibition", "违章作业"),
        ],
    ),
    (
        "生产经营单位的主要负责人不得在本单位兼职。",
        [("生产经营单位的主要负责人", "prohibition", "在本单位兼职")],
    ),
    (
        "单位负责人接到事故报告后，应当迅速采取有效措施。",
        [("单位负责人", "obligation", "迅速采取有效措施")],
    ),
    (
        "负有安全生产监督管理职责的部门应当依法开展检查。",
        [("负有安全生产监督管理职责的部门", "obligation", "依法开展检查")],
    ),
    (
        "生产经营单位使用被派遣劳动者的，应当将其纳入统一管理。",
        [("生产经营单位", "obligation", "将其纳入统一管理")],
    ),
    # the contract, not the unit, is the subject: no bearer rather than a wrong one
    (
        "生产经营单位与从业人员订立的劳动合同，应当载明有关事项。",
        [("", "obligation", "载明有关事项")],
    ),
    (
        "Where an accident occurs, the employer shall immediately report it.",
        [("employer", "obligation", "immediately report it")],
    ),
    ("Workers must not remove guards.", [("Workers", "prohibition", "remove guards")]),
    ("生产经营单位可以委托服务机构提供服务。", []),
    # one word of a list naming measures, not a prohibition
    (
        "生产经营单位应当执行本市危险化学品禁止、限制、控制措施。",
        [
            ("生产经营单位", "obligation", "执行本市危险化学品禁止、限制、控制措施"),
        ],
    ),
    # a repeated modal inside the clause just found is one duty, not three suffixes of it
    (
        "实行管行业必须管安全、管业务必须管安全，强化主体责任。",
        [("", "obligation", "管安全、管业务必须管安全，强化主体责任")],
    ),
    # a clause with its own modal is no bearer
    (
        "规模较小的，可以不建立应急救援队伍，但应当指定兼职的应急救援人员。",
        [("", "obligation", "指定兼职的应急救援人员")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_duties(text: str, expected: list[tuple[str, str, str]]) -> None:
    duties = find_duties(text)
    assert [(d.bearer, d.kind, d.text) for d in duties] == expected
    for d in duties:
        assert text[d.span[0] : d.span[1]] == d.text
        if d.bearer_span:
            assert text[d.bearer_span[0] : d.bearer_span[1]] == d.bearer


def test_a_known_body_is_resolved() -> None:
    (duty,) = find_duties("县级以上地方各级人民政府应急管理部门应当加强监督检查。")
    assert duty.department == "emergency-management"


def test_group_by_bearer_keeps_order() -> None:
    duties = collect_duties(
        ["从业人员应当服从管理。", "生产经营单位应当培训。从业人员不得违章作业。"]
    )
    groups = group_by_bearer(duties)
    assert list(groups) == ["从业人员", "生产经营单位"]
    assert [d.article for d in groups["从业人员"]] == [0, 1]


def test_duties_of_the_work_safety_law(shared_data: Path) -> None:
    rows = [
        json.loads(line) for line in (shared_data / "lawrefbook_safety" / "articles.jsonl").open()
    ]
    law = [
        r["text"]
        for r in rows
        if r["doc_title"] == "中华人民共和国安全生产法"
        and str(r["version_date"]).startswith("2021")
    ]
    duties = collect_duties(law)
    groups = group_by_bearer(duties)
    assert len(duties) > 150
    assert len(groups["生产经营单位"]) >= 40
    assert "从业人员" in groups and "负有安全生产监督管理职责的部门" in groups
    # most duties name their bearer; the rest are passive rules ("考核不得收费")
    assert sum(1 for d in duties if d.bearer) / len(duties) > 0.65


@pytest.mark.parametrize(
    "text",
    [
        "有关部门接到报告后，并告知从业人员应当立即撤离。",
        "发包单位与承包单位签订协议后，以协议方式应当明确各自的安全生产管理职责。",
        "对下列人员应当给予奖励。",
        "按照国务院规定应当报告。",
        "规范突发事件应对活动，保护人民生命财产安全。",
    ],
)
def test_no_bearer_opens_with_a_conjunction_a_preposition_or_a_verb(text: str) -> None:
    for duty in find_duties(text):
        assert not duty.bearer.startswith(("并", "以", "对", "按照")), duty
        assert duty.modal != "应", duty


def test_an_attributive_clause_is_still_a_bearer() -> None:
    (duty,) = find_duties("在港区内储存危险化学品的企业应当建立安全管理制度。")
    assert duty.bearer == "在港区内储存危险化学品的企业"
