"""Note forms many city plans share: labels with a qualifier (牵头考核单位, 配合责任单位, 主责单位),
a time written before the label inside the same brackets, a body list standing on its own line
after the item, months without a year, and English recommendations addressed to a body."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ingest import load_document
from nlp.plans.notes import find_note
from nlp.plans.tasks import TaskItem, read_plan


def _plan(tmp_path: Path, body: str, title: str = "示例市重点工作分工方案") -> list[TaskItem]:
    path = tmp_path / "plan.md"
    path.write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
    result = load_document(path)
    assert result.document is not None
    return read_plan(result.document, plan_date=date(2022, 4, 14)).tasks


def _names(text: str, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [n for a, b in spans for n in text[a:b].split("、")]


@pytest.mark.parametrize(
    ("note", "lead", "coop", "responsible"),
    [
        ("（牵头考核单位：市审批服务局）", ["市审批服务局"], [], []),
        ("（牵头责任单位：市应急局；配合责任单位：市公安局）", ["市应急局"], ["市公安局"], []),
        ("（主责单位：市民政局；协办单位：市财政局）", [], ["市财政局"], ["市民政局"]),
        ("（牵头单位：市水务局；配合考核单位：市农业农村局）", ["市水务局"], ["市农业农村局"], []),
        # a time before the label, inside the same brackets
        (
            "（6月底完成，牵头考核单位：市政府办公室、市公安局）",
            ["市政府办公室", "市公安局"],
            [],
            [],
        ),
        ("（5月底取得明显成效并持续推进，牵头考核单位：市审批服务局）", ["市审批服务局"], [], []),
        ("（持续推进，牵头考核单位：市住建局、审批服务局）", ["市住建局", "审批服务局"], [], []),
    ],
)
def test_labels_with_a_qualifier(
    note: str, lead: list[str], coop: list[str], responsible: list[str]
) -> None:
    text = "完善政务服务平台功能。" + note
    found = find_note(text, 0, len(text))
    assert found is not None
    assert found.span == (len("完善政务服务平台功能。"), len(text))
    assert _names(text, found.lead) == lead
    assert _names(text, found.cooperating) == coop
    assert _names(text, found.responsible) == responsible
    assert (found.deadline is not None) == ("月" in note or "持续" in note)


def test_persons_in_a_note_are_not_bodies() -> None:
    text = "完善平台功能。（牵头单位：市应急局；责任领导：张副市长；分管领导：李局长）"
    found = find_note(text, 0, len(text))
    assert found is not None
    assert _names(text, found.lead) == ["市应急局"]
    assert not found.cooperating and not found.responsible


def test_a_parenthesis_with_a_comma_is_still_not_a_note() -> None:
    text = "开展专项整治（含城区，牵头考核单位见附件）"
    assert find_note(text, 0, len(text)) is None


def test_a_time_before_the_label_gives_the_deadline_in_the_plans_year(tmp_path: Path) -> None:
    tasks = _plan(
        tmp_path,
        "一、政务服务\n\n"
        "1．各级政务服务事项全部开通全程网办。完成适老化改造，适应特殊群体需求。"
        "（5月底取得明显成效并持续推进，牵头考核单位：市审批服务局）\n\n"
        "2．成立热线工作机构，强化热线整合。建立受理、办理、考评等机制。"
        "（6月底完成，牵头考核单位：市政府办公室、市公安局）\n\n"
        "3．推动自助终端向社区延伸。（持续推进，牵头考核单位：市审批服务局）",
    )
    assert [t.lead for t in tasks] == [
        ("市审批服务局",),
        ("市政府办公室", "市公安局"),
        ("市审批服务局",),
    ]
    assert [t.deadline.due if t.deadline else None for t in tasks] == [
        date(2022, 5, 31),
        date(2022, 6, 30),
        None,
    ]


def test_a_body_list_on_its_own_line_belongs_to_the_item_above(tmp_path: Path) -> None:
    tasks = _plan(
        tmp_path,
        "一、目标分解\n\n"
        "1、地区生产总值增长11.5%;地方财政一般预算收入同口径增长12%。\n\n"
        "(市发改委、财政局,市税务局)\n\n"
        "2、万元地区生产总值能耗较2010年降低3.8%。\n\n"
        "(市经信委)\n\n"
        "3、城镇登记失业率控制在3.5%以内。\n\n"
        "(市人保局,各区人民政府)",
    )
    assert [t.lead for t in tasks] == [
        ("市发改委", "财政局", "市税务局"),
        ("市经信委",),
        ("市人保局", "各区人民政府"),
    ]


def test_a_responsibility_line_after_the_item_belongs_to_it(tmp_path: Path) -> None:
    tasks = _plan(
        tmp_path,
        "一、重点任务\n\n"
        "1、推进老旧小区改造。\n\n责任单位：市住建局、市财政局\n\n"
        "2、开展燃气安全专项整治。\n\n责任单位：市城管局",
    )
    assert [t.lead for t in tasks] == [("市住建局", "市财政局"), ("市城管局",)]


@pytest.mark.parametrize(
    ("cell", "due"),
    [
        ("12月取得明显成效并持续推进", date(2022, 12, 31)),
        ("6月底完成", date(2022, 6, 30)),
        ("持续推进", None),
        ("长期坚持", None),
    ],
)
def test_a_month_set_for_a_result_is_due_in_the_plans_year(cell: str, due: date | None) -> None:
    from nlp.plans.deadlines import parse_deadline

    found = parse_deadline(cell, plan_date=date(2022, 4, 14))
    assert found is not None and found.due == due


def _english(tmp_path: Path, body: str) -> list[TaskItem]:
    path = tmp_path / "recommendations.txt"
    path.write_text(body, encoding="utf-8")
    result = load_document(path)
    assert result.document is not None
    return read_plan(result.document).tasks


def test_a_recommendation_list_addresses_its_bodies(tmp_path: Path) -> None:
    tasks = _english(
        tmp_path,
        "ISP-I-24-01\n"
        "1. Recommendation Number\n1\nOpen\n"
        "Embassy Quito should conduct end-use monitoring of donated equipment.\n"
        "2. Recommendation Number\n2\nClosed\n"
        "Consulate General Lagos should comply with Department standards for grant files.\n"
        "3. Recommendation Number\n3\nResolved\n"
        "Embassy Quito, in coordination with the Bureau of Overseas Buildings Operations, "
        "should implement an emergency exit plan.\n",
    )
    assert [t.text[:24] for t in tasks] == [
        "Embassy Quito should con",
        "Consulate General Lagos ",
        "Embassy Quito, in coordi",
    ]
    assert [t.lead for t in tasks] == [
        ("Embassy Quito",),
        ("Consulate General Lagos",),
        ("Embassy Quito",),
    ]
    assert tasks[2].cooperating == ("Bureau of Overseas Buildings Operations",)


def test_that_year_before_a_result_is_a_condition_not_a_deadline() -> None:
    from nlp.plans.deadlines import find_deadlines

    text = "对当年完成加装并投入使用的电梯，每台给予不超过15万元补助"
    assert find_deadlines(text, plan_date=date(2021, 3, 1)) == []
    assert [d.due for d in find_deadlines("力争10月完成平台上线", plan_date=date(2021, 3, 1))] == [
        date(2021, 10, 31)
    ]


def test_an_unnumbered_line_over_noted_items_is_a_heading(tmp_path: Path) -> None:
    tasks = _plan(
        tmp_path,
        "一、重点工作安排\n\n（一）做强增长引擎\n\n加强基础设施建设\n\n"
        "12.启动南外环公路建设，确保绕城段建成通车。（责任领导:张三;牵头单位:区交通运输局）\n\n"
        "附件1\n\n消防站点建设主要目标任务及责任分解\n\n"
        "1.完成特勤消防中队建设。\n\n责任单位：市公安消防支队",
    )
    assert [(t.text[:6], t.lead) for t in tasks] == [
        ("启动南外环公", ("区交通运输局",)),
        ("完成特勤消防", ("市公安消防支队",)),
    ]


def test_a_titled_commitments_paragraph_is_one_task(tmp_path: Path) -> None:
    tasks = _english(
        tmp_path,
        "New National Action Plan Initiatives\n"
        "The United States is building upon the commitments in its existing plan.\n"
        "Champion Internet Connectivity through Global Connect\n"
        "The Department of State, in coordination with other countries, will work to promote "
        "global interconnectivity. As part of Global Connect, the Department of Commerce will "
        "champion Internet policies that encourage investment by June 2017.\n"
        "Improve Access to Small Business Data\n"
        "The Small Business Administration will publish its contracting data.\n",
    )
    assert [t.lead for t in tasks] == [
        ("Department of State", "Department of Commerce"),
        ("Small Business Administration",),
    ]
    assert tasks[0].text.endswith("encourage investment by June 2017")
    assert tasks[0].deadline is not None and tasks[0].deadline.due == date(2017, 6, 30)


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        (
            "The Federal Government commits to implementing these recommendations.",
            "The Federal Government",
        ),
        ("FEMA has committed to developing an agency-wide engagement plan.", "FEMA"),
        (
            "The Legal Aid Roundtable works to convene agencies on access to justice.",
            "The Legal Aid Roundtable",
        ),
    ],
)
def test_present_tense_commitments_name_their_body(sentence: str, subject: str) -> None:
    from nlp.plans.english import analyse

    clauses = analyse(sentence).clauses
    assert clauses and clauses[0].subject is not None
    a, b = clauses[0].subject
    assert sentence[a:b] == subject


def test_a_commitment_titled_by_a_sentence_spans_its_paragraphs(tmp_path: Path) -> None:
    tasks = _english(
        tmp_path,
        "Improve Access to Government Data\n"
        "Transparency is a cornerstone of open government.\n"
        "Revise the Federal Standards for Collecting and Reporting Race and Ethnicity.\n"
        "The Office of Management and Budget will revise the standards by September 2024.\n"
        "The Census Bureau will test the revised questions.\n"
        "Expand Online Access to Historical Records.\n"
        "The National Archives will digitize its holdings.\n",
    )
    assert [t.text[:20] for t in tasks] == ["Revise the Federal S", "Expand Online Access"]
    assert [t.lead for t in tasks] == [
        ("Office of Management and Budget", "Census Bureau"),
        ("National Archives",),
    ]
    assert tasks[0].deadline is not None and tasks[0].deadline.due == date(2024, 9, 30)


def test_a_row_whose_long_cell_mentions_a_column_word_is_no_header(tmp_path: Path) -> None:
    tasks = _english(
        tmp_path,
        "ICT Skills Action Plan 2014\n"
        "Actions/Tasks | Lead Responsibility | Success Criteria | Timeframe | Industry inputs\n"
        "1. Incentivise provision of additional undergraduate places\n"
        "Issue call for expressions of interest in new places | HEA/HEIs | Number of places | "
        "2018 | Commitments to provide work placements for students\n"
        "Undertake an audit of capacity in ICT discipline areas | HEA | Capacity issues "
        "identified | 2014 | Support promotion of initiative\n",
    )
    assert [(t.text[:20], t.lead) for t in tasks] == [
        ("Issue call for expre", ("HEA", "HEIs")),
        ("Undertake an audit o", ("HEA",)),
    ]


def test_unnumbered_paragraphs_closed_by_a_note_continue_the_item_above(tmp_path: Path) -> None:
    tasks = _plan(
        tmp_path,
        "一、重点任务\n\n"
        "12．深化融合应用。支持企业开展网络改造。（责任单位：省通信管理局）\n\n"
        "13．开展工业互联网新模式推广。\n\n"
        "智能化制造。鼓励企业加大数字技术应用力度，全面提升智能化水平。\n\n"
        "网络化协同。支持企业间利用平台实现资源共享，发展协同设计新模式。\n\n"
        "数字化管理。推动重点企业打通管理环节，打造敏捷高效的经营管理体系。（责任单位：省经济和信息化厅）\n\n"
        "14．利用工业互联网提升安全生产。（责任单位：省应急厅）",
    )
    assert [(t.text[:6], t.lead) for t in tasks] == [
        ("深化融合应用", ("省通信管理局",)),
        ("开展工业互联", ("省经济和信息化厅",)),
        ("利用工业互联", ("省应急厅",)),
    ]
