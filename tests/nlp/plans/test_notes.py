"""The note grammar of Chinese plans: each item takes its nearest note; State Council forms;
the first-listed-leads declaration; notes that cannot be read are findings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ingest import load_document
from nlp.bodies.gazetteer import Gazetteer
from nlp.plans.deadlines import find_deadlines
from nlp.plans.notes import find_note, plain_note
from nlp.plans.tasks import TaskItem, read_plan


def _plan(tmp_path: Path, body: str, title: str = "示例市重点工作分工方案") -> list[TaskItem]:
    return _reading(tmp_path, body, title).tasks


def _reading(tmp_path: Path, body: str, title: str = "示例市重点工作分工方案"):
    path = tmp_path / "plan.md"
    path.write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
    result = load_document(path)
    assert result.document is not None
    return read_plan(result.document)


def _fields(tasks: list[TaskItem]) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return [(t.text[:6], t.lead, t.cooperating) for t in tasks]


def test_each_sub_item_takes_its_own_note_not_its_last_siblings(tmp_path: Path) -> None:
    tasks = _plan(
        tmp_path,
        "一、强化重点行业监管\n\n（一）加强矿山安全监管：\n\n"
        "1．开展非煤矿山专项检查。（市应急管理局负责）\n\n"
        "2．推进尾矿库闭库治理。（市自然资源局负责）\n\n"
        "3．整治建筑施工起重机械。（市住房城乡建设局负责）\n\n"
        "二、夯实基层基础\n\n（一）开展基层执法人员轮训。（市司法局负责）\n\n"
        "三、强化保障\n\n（一）落实专项经费。（市财政局负责）",
    )
    assert [t.text for t in tasks][:3] == [
        "开展非煤矿山专项检查",
        "推进尾矿库闭库治理",
        "整治建筑施工起重机械",
    ]
    assert [t.lead for t in tasks][:3] == [
        ("市应急管理局",),
        ("市自然资源局",),
        ("市住房城乡建设局",),
    ]


def test_items_numbered_like_parts_are_tasks_when_they_carry_a_note(tmp_path: Path) -> None:
    tasks = _plan(
        tmp_path,
        "为做好全年工作，现将重点任务分工如下。\n\n"
        "一、修订部门安全生产职责清单。（市应急管理局负责）\n\n"
        "二、开展危险化学品安全专项整治。（市公安局负责）\n\n"
        "三、推进燃气管网更新改造。（市住房城乡建设局负责）",
    )
    assert [t.text for t in tasks] == [
        "修订部门安全生产职责清单",
        "开展危险化学品安全专项整治",
        "推进燃气管网更新改造",
    ]
    assert [t.lead for t in tasks] == [("市应急管理局",), ("市公安局",), ("市住房城乡建设局",)]


def test_an_item_without_a_modal_verb_is_kept_whole(tmp_path: Path) -> None:
    tasks = _plan(
        tmp_path,
        "一、重点任务\n\n（一）安全生产责任保险扩面提质，高危行业领域全面覆盖，保费结构更趋合理。（市应急管理局、市财政局负责）",
    )
    assert len(tasks) == 1
    assert tasks[0].text.startswith("安全生产责任保险扩面提质")
    assert tasks[0].lead == ("市应急管理局", "市财政局")  # all of them: no declaration


@pytest.mark.parametrize(
    ("note", "lead", "coop"),
    [
        ("（市应急管理局、市财政局负责）", ["市应急管理局", "市财政局"], []),
        (
            "（市应急管理局牵头，市公安局、市交通运输局按职责分工负责）",
            ["市应急管理局"],
            ["市公安局", "市交通运输局"],
        ),
        (
            "（市教育局、市人力资源社会保障局，各区人民政府按职责分工负责）",
            ["市教育局", "市人力资源社会保障局", "各区人民政府"],
            [],
        ),
        ("（市应急管理局等负责，2025年底前完成）", ["市应急管理局"], []),
        ("（市消防救援支队牵头，市教育局参与）", ["市消防救援支队"], ["市教育局"]),
        # the role told with 按照/依照 and after 等
        ("（市发展改革委、市地税局等按照职责分工负责）", ["市发展改革委", "市地税局"], []),
        ("（市应急管理局牵头，市公安局依照职责负责）", ["市应急管理局"], ["市公安局"]),
    ],
)
def test_plain_notes_of_state_council_form(note: str, lead: list[str], coop: list[str]) -> None:
    text = "开展专项整治。" + note
    found = plain_note(text, 0, len(text))
    assert found is not None
    names = lambda spans: [n for a, b in spans for n in text[a:b].replace("，", "、").split("、")]  # noqa: E731
    assert names(found.lead) + names(found.responsible) == lead
    assert names(found.cooperating) == coop
    assert (found.deadline is not None) == ("完成" in note)


@pytest.mark.parametrize(
    "text", ["开展专项整治（含）", "推进改造（2021—2025年）", "加强监管（试行）"]
)
def test_a_parenthesis_is_not_a_note(text: str) -> None:
    assert find_note(text, 0, len(text)) is None


def test_the_first_listed_leads_once_the_plan_says_so(tmp_path: Path) -> None:
    tasks = _plan(
        tmp_path,
        "一、修订部门职责清单。（市应急管理局、市委编办负责。列第一位者为牵头单位，下同）\n\n"
        "二、开展危险化学品安全专项整治。（市公安局、市应急管理局、市交通运输局负责）",
    )
    assert _fields(tasks) == [
        ("修订部门职责", ("市应急管理局",), ("市委编办",)),
        ("开展危险化学", ("市公安局",), ("市应急管理局", "市交通运输局")),
    ]


def test_a_declaration_in_the_cover_text_applies_to_every_note(tmp_path: Path) -> None:
    tasks = _plan(
        tmp_path,
        "现将任务分工如下，排在第一位的部门为牵头部门。\n\n"
        "一、推进燃气管网更新改造。（市住房城乡建设局、市市场监管局负责）",
    )
    assert _fields(tasks) == [("推进燃气管网", ("市住房城乡建设局",), ("市市场监管局",))]


def test_a_part_note_goes_to_the_items_under_it_without_their_own(tmp_path: Path) -> None:
    tasks = _plan(
        tmp_path,
        "一、强化消防安全管理（市消防救援支队牵头）\n\n（一）开展高层建筑消防隐患排查。\n\n"
        "（二）整治电动自行车违规停放充电。（市公安局负责）\n\n"
        "二、夯实基层基础\n\n（一）开展基层执法人员轮训。（市司法局负责）\n\n"
        "三、强化保障\n\n（一）落实专项经费。（市财政局负责）",
    )
    assert _fields(tasks)[:2] == [
        ("开展高层建筑", ("市消防救援支队",), ()),
        ("整治电动自行", ("市公安局",), ()),
    ]


def test_a_note_that_cannot_be_read_is_a_finding(tmp_path: Path) -> None:
    reading = _reading(
        tmp_path, "一、重点任务\n\n（一）开展专项整治。（由市应急管理局统筹，视情负责协调）"
    )
    assert [f.code for f in reading.findings] == ["NLP_NOTE_UNREAD"]


def test_a_note_with_no_item_before_it_is_a_finding(tmp_path: Path) -> None:
    reading = _reading(
        tmp_path, "（牵头单位：市应急管理局）\n\n（一）开展专项整治。（市公安局负责）"
    )
    assert "NLP_NOTE_UNATTACHED" in [f.code for f in reading.findings]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("2019年1月1日至12月31日开展专项行动", date(2019, 12, 31)),  # the range's own year
        ("自2019年起至12月底前完成", date(2019, 12, 31)),
        ("12月31日前完成", date(2018, 12, 31)),  # no year written: the plan's
    ],
)
def test_a_date_without_a_year_takes_the_year_written_before_it(text: str, due: date) -> None:
    found = find_deadlines(text, plan_date=date(2018, 11, 5))
    assert found and found[-1].due == due


def test_the_year_of_a_condition_is_not_a_deadline() -> None:
    assert (
        find_deadlines("对小微企业当年新招用高校毕业生给予补贴", plan_date=date(2018, 11, 5)) == []
    )
    assert find_deadlines("当年底前完成", plan_date=date(2018, 11, 5))[0].due == date(2018, 12, 31)


def test_bodies_keep_their_names_kinds_levels_and_place(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    body = (
        "一、修订职责清单。（省应急管理厅、发展改革委负责）\n\n二、开展专项整治。（各市人民政府负责）\n\n"
        "三、推进燃气改造。（示例省住房城乡建设厅负责）"
    )
    path.write_text(f"# 示例省重点工作分工方案\n\n{body}\n", encoding="utf-8")
    document = load_document(path).document
    assert document is not None
    document = replace(document, metadata={**document.metadata, "region": "示例省"})
    first, second, third = read_plan(document).tasks
    assert first.lead == ("省应急管理厅", "发展改革委")
    assert first.lead_kind_names == ("应急管理部门", "发展和改革部门")
    emergency, ndrc = first.lead_bodies
    assert (emergency.level, emergency.jurisdiction) == ("provincial", "示例省")
    assert emergency.key == Gazetteer.default().body("示例省应急管理厅", region="示例省").key
    assert (ndrc.full_name, ndrc.level, ndrc.jurisdiction) == (
        "国家发展和改革委员会",
        "national",
        "CN",
    )
    assert second.lead_bodies[0].collective and second.lead == ("各市人民政府",)
    assert third.lead_bodies[0].jurisdiction == "示例省"


def test_a_collective_written_with_a_list_inside_stays_one_body() -> None:
    gazetteer = Gazetteer.default()
    text = "各区、县级市人民政府"
    assert gazetteer.collective_spans(text) == [(0, len(text))]
    assert gazetteer.body(text).collective


def test_a_note_written_a_field_on_each_line_is_one_note(tmp_path: Path) -> None:
    tasks = _plan(
        tmp_path,
        "一、强化监管\n\n（一）开展燃气安全检查。\n\n牵头单位：市住房城乡建设局\n\n"
        "配合单位：市市场监管局、市消防救援支队\n\n完成时限：2025年6月底前\n\n"
        "（二）开展消防安全检查。（市消防救援支队负责）\n\n"
        "二、夯实基础\n\n（一）开展执法轮训。（市司法局负责）\n\n"
        "三、强化保障\n\n（一）落实专项经费。（市财政局负责）",
    )
    first = tasks[0]
    assert (first.text, first.lead) == ("开展燃气安全检查", ("市住房城乡建设局",))
    assert first.cooperating == ("市市场监管局", "市消防救援支队")
    assert first.deadline is not None and first.deadline.due == date(2025, 6, 30)
    assert tasks[1].lead == ("市消防救援支队",)
