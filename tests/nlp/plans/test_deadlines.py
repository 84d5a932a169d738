"""Deadlines in Chinese and English plans: kinds, due dates, relative forms and spans."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.plans.deadlines import KINDS, Deadline, find_deadlines, parse_deadline

PLAN = date(2024, 3, 15)


# --- one expression: (text, kind, due) with no plan date --------------------------------------

ABSOLUTE = [
    # Chinese: day, month end, 底/末, 上中下旬, Chinese numerals
    ("2024年6月底前", "date", date(2024, 6, 30)),
    ("2025年12月底前", "date", date(2025, 12, 31)),
    ("2024年2月底前", "date", date(2024, 2, 29)),  # leap year
    ("2025年2月底前", "date", date(2025, 2, 28)),
    ("2024年9月末", "date", date(2024, 9, 30)),
    ("2024年5月31日前", "date", date(2024, 5, 31)),
    ("2024年5月31日之前", "date", date(2024, 5, 31)),
    ("2024年11月15日", "date", date(2024, 11, 15)),
    ("2024年6月", "date", date(2024, 6, 30)),
    ("2024年6月上旬", "date", date(2024, 6, 10)),
    ("2024年6月中旬", "date", date(2024, 6, 20)),
    ("2024年6月下旬", "date", date(2024, 6, 30)),
    ("二〇二五年十二月底前", "date", date(2025, 12, 31)),
    ("二〇二四年六月三十日前", "date", date(2024, 6, 30)),
    ("二〇二五年底前", "date", date(2025, 12, 31)),
    ("２０２５年３月底前", "date", date(2025, 3, 31)),  # full-width digits
    # Chinese: year, quarter, half
    ("2025年底前", "date", date(2025, 12, 31)),
    ("2025年年底前", "date", date(2025, 12, 31)),
    ("2025年内", "date", date(2025, 12, 31)),
    ("2025年末", "date", date(2025, 12, 31)),
    ("2025年", "date", date(2025, 12, 31)),
    ("2026年前", "date", date(2025, 12, 31)),  # before 2026 begins
    ("2025年第一季度", "date", date(2025, 3, 31)),
    ("2025年第二季度末", "date", date(2025, 6, 30)),
    ("2025年三季度前", "date", date(2025, 9, 30)),
    ("2025年第4季度", "date", date(2025, 12, 31)),
    ("2025年上半年", "date", date(2025, 6, 30)),
    ("2025年下半年", "date", date(2025, 12, 31)),
    ("2025年年中", "date", date(2025, 6, 30)),
    # periods, both languages
    ("2024-2026年", "period", date(2026, 12, 31)),
    ("（2024—2026年）", "period", date(2026, 12, 31)),
    ("2024年至2026年", "period", date(2026, 12, 31)),
    ("(2024-2026)", "period", date(2026, 12, 31)),
    ("2016–2020", "period", date(2020, 12, 31)),
    ("(20 16-2020)", "period", date(2020, 12, 31)),  # the seed's broken year
    ("from 2024 to 2026", "period", date(2026, 12, 31)),
    # English: days
    ("by 30 June 2024", "date", date(2024, 6, 30)),
    ("by June 30, 2024", "date", date(2024, 6, 30)),
    ("no later than 31 March 2025", "date", date(2025, 3, 31)),
    ("before 1st October 2024", "date", date(2024, 10, 1)),
    ("by 2024-09-30", "date", date(2024, 9, 30)),
    ("30 Sept. 2024", "date", date(2024, 9, 30)),
    # English: months, quarters, halves, years
    ("by the end of June 2025", "date", date(2025, 6, 30)),
    ("by February 2028", "date", date(2028, 2, 29)),
    ("before June 2025", "date", date(2025, 5, 31)),  # before June begins
    ("by the end of the first quarter of 2025", "date", date(2025, 3, 31)),
    ("in the third quarter of 2025", "date", date(2025, 9, 30)),
    ("by Q2 2025", "date", date(2025, 6, 30)),
    ("in the first half of 2025", "date", date(2025, 6, 30)),
    ("by the end of the second half of 2025", "date", date(2025, 12, 31)),
    ("by mid-2025", "date", date(2025, 6, 30)),
    ("by the end of 2025", "date", date(2025, 12, 31)),
    ("By the end of 2025", "date", date(2025, 12, 31)),
    ("before the end of 2026", "date", date(2026, 12, 31)),
    ("by 2027", "date", date(2027, 12, 31)),
    ("before 2027", "date", date(2026, 12, 31)),
]


@pytest.mark.parametrize(("text", "kind", "due"), ABSOLUTE)
def test_absolute_forms_resolve_without_a_plan_date(text: str, kind: str, due: date) -> None:
    found = parse_deadline(text)
    assert found is not None
    assert (found.kind, found.due) == (kind, due)
    assert found.text == text[found.span[0] : found.span[1]]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("(2024-2026)", date(2024, 1, 1)),
        ("2023—2025年", date(2023, 1, 1)),
        ("二〇二四年至二〇二六年", date(2024, 1, 1)),
    ],
)
def test_a_period_records_its_first_day(text: str, first: date) -> None:
    found = parse_deadline(text)
    assert found is not None and found.kind == "period"
    assert found.start == first


def test_a_period_keeps_both_brackets_in_its_text() -> None:
    found = parse_deadline("(2024-2026)")
    assert found is not None
    assert found.text == "(2024-2026)"
    half = find_deadlines("a plan, 2024-2026) and more")
    assert [d.text for d in half] == ["2024-2026"]


# --- forms without a year: resolved against the plan date, open without one ------------------

RELATIVE_TO_PLAN = [
    ("年底前", "date", date(2024, 12, 31)),
    ("年内", "date", date(2024, 12, 31)),
    ("今年底前", "date", date(2024, 12, 31)),
    ("明年6月底前", "date", date(2025, 6, 30)),
    ("次年底前", "date", date(2025, 12, 31)),
    ("下半年", "date", date(2024, 12, 31)),
    ("上半年", "date", date(2024, 6, 30)),
    ("第三季度", "date", date(2024, 9, 30)),
    ("9月底前", "date", date(2024, 9, 30)),
    ("6月前", "date", date(2024, 5, 31)),
    ("10月20日前", "date", date(2024, 10, 20)),
    ("by the end of the year", "date", date(2024, 12, 31)),
    ("by the end of this year", "date", date(2024, 12, 31)),
    ("by the end of next year", "date", date(2025, 12, 31)),
    ("by year-end", "date", date(2024, 12, 31)),
    ("within the year", "date", date(2024, 12, 31)),
    ("by the end of June", "date", date(2024, 6, 30)),
    ("by 30 September", "date", date(2024, 9, 30)),
    ("in the second half of the year", "date", date(2024, 12, 31)),
]

# A span counted from a day the text does not fix stays open, with its words, even with the
# plan's date at hand (bench/plans-real/CONVENTIONS.md: relative periods are null).
RELATIVE_SPANS = [
    "within three years",
    "within 30 days",
    "within six months",
    "within 12 months",
    "in the next two years",
    "Over the next two years",
    "三年内",
    "两年内",
    "6个月内",
    "30日内",
    "用三年时间",
]


@pytest.mark.parametrize("text", RELATIVE_SPANS)
def test_relative_spans_fix_no_date(text: str) -> None:
    found = parse_deadline(text, plan_date=PLAN)
    assert found is not None
    assert (found.kind, found.due, found.text) == ("relative", None, text)


# A frequency never has a due date, whatever day of the year it names (the spec: due is the last
# day the expression allows, None when open; a recurring task has no last day).
RECURRING_WITH_A_DAY = [
    "每年6月",
    "每年6月底前",
    "every June",
    "before 20 December each year",
    "每年年底前",
    "每季度末",
    "each quarter",
    "每半年",
    "before the 5th of each month",
]


@pytest.mark.parametrize("text", RECURRING_WITH_A_DAY)
def test_recurring_deadlines_have_no_due_date(text: str) -> None:
    found = parse_deadline(text, plan_date=PLAN)
    assert found is not None
    assert (found.kind, found.due) == ("recurring", None)


@pytest.mark.parametrize(("text", "kind", "due"), RELATIVE_TO_PLAN)
def test_forms_without_a_year_take_the_plan_date(text: str, kind: str, due: date) -> None:
    found = parse_deadline(text, plan_date=PLAN)
    assert found is not None
    assert (found.kind, found.due) == (kind, due)


@pytest.mark.parametrize(("text", "kind", "_due"), RELATIVE_TO_PLAN)
def test_forms_without_a_year_stay_open_without_a_plan_date(
    text: str, kind: str, _due: date
) -> None:
    found = parse_deadline(text)
    assert found is not None
    assert found.kind == kind
    assert found.due is None


def test_relative_to_an_event_is_not_dated_from_the_plan() -> None:
    # "within one year after each report is approved" counts from the approval, not the plan
    sentence = "organise an assessment within one year after each report is approved"
    (found,) = find_deadlines(sentence, plan_date=PLAN)
    assert found.kind == "relative" and found.due is None
    (cn,) = find_deadlines("自收到举报之日起30日内反馈", plan_date=PLAN)
    assert cn.kind == "relative" and cn.due is None


# --- open kinds -------------------------------------------------------------------------------

OPEN = [
    ("长期坚持", "ongoing"),
    ("持续推进", "ongoing"),
    ("长期", "ongoing"),
    ("常态化开展", "ongoing"),
    ("Ongoing", "ongoing"),
    ("long-term", "ongoing"),
    ("on a regular basis", "ongoing"),
    ("on a long-term basis", "ongoing"),
    ("每年", "recurring"),
    ("每季度", "recurring"),
    ("每半年", "recurring"),
    ("annually", "recurring"),
    ("every quarter", "recurring"),
    ("each year", "recurring"),
    ("twice a year", "recurring"),
    ("汛期前", "season"),
    ("主汛期", "season"),
    ("入汛前", "season"),
    ("春节前", "season"),
    ("during the flood season", "season"),
    ("before the flood season", "season"),
    ("during the Spring Festival", "season"),
]


@pytest.mark.parametrize(("text", "kind"), OPEN)
def test_open_kinds_have_no_due_day(text: str, kind: str) -> None:
    found = parse_deadline(text, plan_date=PLAN)
    assert found is not None
    assert found.kind == kind
    assert found.due is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "完成",
        "牵头单位：示例省应急管理厅",
        "the Ministry of Justice",
        "第三季",
        "13月底前",
        "2024年2月30日前",
    ],
)
def test_no_deadline_gives_none(text: str) -> None:
    assert parse_deadline(text) is None


# --- sentences --------------------------------------------------------------------------------

SENTENCES = [
    (
        "（一）修订完善职责清单。（牵头单位：示例省应急管理厅；配合单位：示例省司法厅；完成时限：2024年6月底前）",
        [("2024年6月底前", "date", date(2024, 6, 30))],
    ),
    (
        "（八）关闭小型矿山，汛期前完成尾矿库安全检查。（牵头单位：示例省应急管理厅；完成时限：2024年5月底前）",
        [("汛期前", "season", None), ("2024年5月底前", "date", date(2024, 5, 31))],
    ),
    (
        "主要负责人每年签订安全生产承诺书。（牵头单位：示例省应急管理厅；完成时限：长期坚持）",
        [("每年", "recurring", None), ("长期坚持", "ongoing", None)],
    ),
    (
        "各牵头单位要于每年6月底前和12月底前报送推进情况。",
        [("每年6月底前和12月底前", "recurring", None)],
    ),
    (
        "Carry out a three-year special rectification campaign for hazardous chemicals (2024-2026), "
        "and complete the upgrading of control systems by the end of 2025.",
        [
            ("(2024-2026)", "period", date(2026, 12, 31)),
            ("by the end of 2025", "date", date(2025, 12, 31)),
        ],
    ),
    (
        "Each province should report the results of the review to the Committee by 30 June 2024.",
        [("by 30 June 2024", "date", date(2024, 6, 30))],
    ),
    (
        "During the flood season, we will strengthen inspections of mines and tailings ponds.",
        [("During the flood season", "season", None)],
    ),
    (
        "Organise at least one comprehensive drill in each province every year (2024-2026).",
        [("every year", "recurring", None), ("(2024-2026)", "period", date(2026, 12, 31))],
    ),
    (
        "Local emergency management departments should publish typical cases every quarter.",
        [("every quarter", "recurring", None)],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), SENTENCES)
def test_find_deadlines_in_sentences(sentence: str, expected: list[tuple]) -> None:
    found = find_deadlines(sentence, plan_date=PLAN)
    assert [(d.text, d.kind, d.due) for d in found] == expected
    for d in found:
        assert sentence[d.span[0] : d.span[1]] == d.text


@pytest.mark.parametrize(
    "sentence",
    [
        # a verb that opens a clause is not a time frame
        "持续推进化工园区安全风险评估和分级管控。",
        "Formulate medium-and long-term legislative plans for safety production.",
        "Constantly improve the prevention mechanism and regularly check the risk points.",
        # a year that is a version or a document number, not a deadline
        "依照《示例安全生产法》（2024年修正）进行清理。",
        "the State Council's Opinions on Road Traffic Safety (Guo Fa [2012] No.30)",
        # busy periods listed, with no cue that they bound a task
        "in key periods such as the Spring Festival, the flood season, the end of the year",
        "no organisation or person may delay accident reports",
        "We will publish an annual list of standards.",
    ],
)
def test_find_deadlines_ignores_words_that_are_no_deadline(sentence: str) -> None:
    assert find_deadlines(sentence, plan_date=PLAN) == []


def test_a_label_makes_a_bare_form_a_deadline() -> None:
    bare = "发布于2024年3月15日的方案"
    assert [d.text for d in find_deadlines("方案2024年3月15日印发")] == []
    labelled = find_deadlines("（完成时限：2024年3月15日）")
    assert [(d.text, d.due) for d in labelled] == [("2024年3月15日", date(2024, 3, 15))]
    assert [d.text for d in find_deadlines(bare)] == ["2024年3月15日"]  # 于 cues it
    assert [d.kind for d in find_deadlines("完成时限：持续推进；")] == ["ongoing"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [("2024年起长期坚持", "ongoing"), ("自2024年7月1日起每年开展", "recurring")],
)
def test_a_starting_date_is_not_a_due_date(text: str, kind: str) -> None:
    found = parse_deadline(text)
    assert found is not None and found.kind == kind
    assert find_deadlines("本办法自2024年7月1日起施行") == []


def test_find_keeps_the_longest_reading() -> None:
    (found,) = find_deadlines("于2025年12月底前完成")
    assert found.text == "2025年12月底前"  # not "2025年" nor "12月底前"


@pytest.mark.parametrize(
    ("text", "first", "due"),
    [
        ("“十四五”期间", date(2021, 1, 1), date(2025, 12, 31)),
        ("十三五时期", date(2016, 1, 1), date(2020, 12, 31)),
        ("十四五规划期内", date(2021, 1, 1), date(2025, 12, 31)),
        ("during the 14th Five-Year Plan period", date(2021, 1, 1), date(2025, 12, 31)),
        ("in the Thirteenth Five-Year Plan", date(2016, 1, 1), date(2020, 12, 31)),
    ],
)
def test_five_year_plans_are_periods(text: str, first: date, due: date) -> None:
    (found,) = find_deadlines(f"{text}完成" if "五" in text else f"{text}, complete it")
    assert (found.kind, found.start, found.due) == ("period", first, due)


@pytest.mark.parametrize(
    "sentence", ["编制十四五规划", "Compile the 14th Five-Year Plan for work safety."]
)
def test_a_five_year_plan_named_as_a_document_is_no_period(sentence: str) -> None:
    assert find_deadlines(sentence) == []


def test_deadline_rejects_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown deadline kind"):
        Deadline("x", "someday", None)


# --- properties -------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "2025年",
        "12月",
        "底前",
        "第一季度",
        "上半年",
        "每年",
        "长期坚持",
        "汛期前",
        "三年内",
        "by the end of ",
        "2025",
        "June ",
        "30 ",
        "within ",
        "three years",
        "(2024-2026)",
        "，",
        ", ",
        " ",
        "完成",
        "二〇二五年",
        "十三月",
        "2月30日",
        "every ",
        "quarter",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=8).map("".join), st.one_of(st.none(), st.dates()))
def test_spans_always_point_at_the_text(text: str, plan: date | None) -> None:
    previous_end = 0
    for d in find_deadlines(text, plan_date=plan):
        assert text[d.span[0] : d.span[1]] == d.text
        assert d.span[0] >= previous_end  # in order, never overlapping
        previous_end = d.span[1]
        assert d.kind in KINDS


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.one_of(st.none(), st.dates()))
def test_parse_deadline_never_raises(text: str, plan: date | None) -> None:
    found = parse_deadline(text, plan_date=plan)
    if found is not None:
        assert text[found.span[0] : found.span[1]] == found.text
        assert found.kind in KINDS


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=6).map("".join), st.one_of(st.none(), st.dates()))
def test_parse_deadline_never_raises_on_deadline_like_text(text: str, plan: date | None) -> None:
    found = parse_deadline(text, plan_date=plan)
    if found is not None and found.start is not None:
        assert found.due is not None and found.start <= found.due


@given(st.integers(1900, 2099), st.integers(1, 12))
def test_every_month_end_is_the_last_day(year: int, month: int) -> None:
    found = parse_deadline(f"{year}年{month}月底前")
    assert found is not None and found.due is not None
    assert (found.due.year, found.due.month) == (year, month)
    assert (found.due.toordinal() + 1) == date(year + month // 12, month % 12 + 1, 1).toordinal()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # several years named: the last one bounds the work
        ("Towns shall repair their dykes in 2031 and 2032.", ("period", date(2032, 12, 31))),
        ("各县要在2031年和2032年完成堤防加固。", ("period", date(2032, 12, 31))),
        # the heating season is a season, like the flood season
        ("During the heating season, boiler rooms should be checked.", ("season", None)),
        ("供暖季前完成锅炉检修。", ("season", None)),
        ("采暖期间加强巡查。", ("season", None)),
        # hours count from an event, never from the plan's date
        ("Report a leak within one hour.", ("relative", None)),
        ("接报后2小时内到达现场。", ("relative", None)),
        # a time limit anchored to an event is open
        ("Answer complaints within 30 days of receiving them.", ("relative", None)),
        ("Repair the pipe within 15 days after each report.", ("relative", None)),
        ("自收到通知之日起30日内完成整改。", ("relative", None)),
    ],
)
def test_more_time_frames(sentence: str, expected: tuple) -> None:
    found = find_deadlines(sentence, plan_date=PLAN)
    assert found, sentence
    assert (found[-1].kind, found[-1].due) == expected
