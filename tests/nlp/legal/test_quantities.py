"""Quantities: fines, multiples, income shares, time limits, periods and thresholds, normalised."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nlp.legal.quantities import Quantity, find_quantities

# (text, [(kind, low, high, unit, words as written)])
CASES = [
    ("处二万元以上五万元以下的罚款", [("fine", 20000, 50000, "yuan", "二万元以上五万元以下")]),
    ("处十万元以下的罚款", [("fine", None, 100000, "yuan", "十万元以下")]),
    ("处1万元以上5万元以下罚款", [("fine", 10000, 50000, "yuan", "1万元以上5万元以下")]),
    ("并处二万至五万元罚款", [("fine", 20000, 50000, "yuan", "二万至五万元")]),
    ("处一千万元以上二千万元以下的罚款", [("fine", 1e7, 2e7, "yuan", "一千万元以上二千万元以下")]),
    ("处5000元罚款", [("fine", 5000, 5000, "yuan", "5000元")]),
    ("并处违法所得一倍以上五倍以下的罚款", [("fine_multiple", 1, 5, "times", "一倍以上五倍以下")]),
    ("处上一年年收入百分之四十的罚款", [("income_share", 40, 40, "percent", "百分之四十")]),
    (
        "处其上一年年收入百分之三十至百分之六十的罚款",
        [("income_share", 30, 60, "percent", "百分之三十至百分之六十")],
    ),
    ("处上一年年收入30%的罚款", [("income_share", 30, 30, "percent", "30%")]),
    ("应当在一小时内报告", [("time_limit", 1, 1, "hour", "一小时内")]),
    ("自受理之日起六十日内办结", [("time_limit", 1440, 1440, "day", "六十日内")]),
    ("十五个工作日内作出决定", [("time_limit", 360, 360, "workday", "十五个工作日内")]),
    ("三十分钟内直报", [("time_limit", 0.5, 0.5, "minute", "三十分钟内")]),
    ("三个月内", [("time_limit", 2160, 2160, "month", "三个月内")]),
    ("每两年至少组织一次综合演练", [("period", 17520, 17520, "year", "每两年")]),
    ("对逃匿的处十五日以下拘留", [("detention", None, 360, "day", "十五日以下")]),
    ("从业人员超过一百人的", [("threshold", 100, None, "person", "超过一百人")]),
    ("从业人员在一百人以下的", [("threshold", None, 100, "person", "一百人以下")]),
    ("培训时间不得少于二十四学时", [("threshold", 24, None, "class_hour", "不得少于二十四学时")]),
    ("造成三人以上十人以下死亡", [("threshold", 3, 10, "person", "三人以上十人以下")]),
    ("直接经济损失一千万元以上", [("amount", 1e7, None, "yuan", "一千万元以上")]),
    (
        "a fine of not less than 10,000 yuan but not more than 50,000 yuan",
        [("fine", 10000, 50000, "yuan", "not less than 10,000 yuan but not more than 50,000 yuan")],
    ),
    ("report within one hour", [("time_limit", 1, 1, "hour", "within one hour")]),
    (
        "units with more than 100 employees",
        [("threshold", 100, None, "person", "more than 100 employees")],
    ),
    (
        "a fine of 40 percent of the annual income",
        [("income_share", 40, 40, "percent", "40 percent")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_quantities_are_read_and_normalised(text: str, expected: list[tuple]) -> None:
    got = [(q.kind, q.low, q.high, q.unit, q.text) for q in find_quantities(text)]
    assert got == expected
    for q in find_quantities(text):
        assert text[q.span[0] : q.span[1]] == q.text


@pytest.mark.parametrize(
    "text",
    [
        "本条例自2021年1月1日起施行。",
        "二〇二一年十月一日",
        "依照本法第九十五条的规定",
        "发生一般事故的",
        "上一年年收入",
        "第一百一十条",
    ],
)
def test_dates_labels_and_bare_numbers_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_who_a_fine_is_on() -> None:
    text = (
        "生产经营单位有下列行为之一的，责令限期改正，处十万元以下的罚款；逾期未改正的，责令停产停业"
        "整顿，并处十万元以上二十万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处二万元"
        "以上五万元以下的罚款。"
    )
    assert [q.subject for q in find_quantities(text)] == ["单位", "单位", "直接责任人员"]
    person = "生产经营单位的主要负责人未履行本法规定的安全生产管理职责的，责令限期改正，处二万元以上五万元以下的罚款。"
    assert [q.subject for q in find_quantities(person)] == ["主要负责人"]


@pytest.mark.parametrize(
    "officer",
    ["其他负责人和安全生产管理人员", "分管安全生产工作的负责人", "安全总监", "安全管理人员"],
)
def test_the_officers_under_the_principal_are_one_kind_of_offender(officer: str) -> None:
    text = f"生产经营单位的{officer}未履行安全生产管理职责的，责令限期改正，处一万元以上三万元以下的罚款。"
    assert [q.subject for q in find_quantities(text)] == ["其他负责人"]


def test_an_item_takes_its_subject_from_the_lead_paragraph() -> None:
    text = (
        "事故发生单位主要负责人未依法履行安全生产管理职责，导致事故发生的，依照下列规定处以罚款；"
        "构成犯罪的，依法追究刑事责任：\n(一)发生一般事故的，处上一年年收入30%的罚款；"
    )
    (q,) = find_quantities(text)
    assert (q.kind, q.subject) == ("income_share", "主要负责人")


def test_time_limits_know_their_duty_and_thresholds_their_head_noun() -> None:
    (report,) = find_quantities(
        "单位负责人应当在事故发生后二小时内，向县级人民政府应急管理部门报告。"
    )
    assert (report.subject, report.value) == ("报告", 2)
    (filing,) = find_quantities(
        "并自登记建档之日起二十日内，报所在地县级以上人民政府应急管理部门备案。"
    )
    assert filing.subject == "登记"
    (training,) = find_quantities("新上岗人员接受岗前安全培训的时间不得少于二十四学时")
    assert training.subject == "培训时间"


def test_value_is_the_bound_that_matters() -> None:
    assert Quantity("fine", None, 5.0, "yuan", "", (0, 0)).value == 5.0
    assert Quantity("threshold", 100.0, None, "person", "", (0, 0)).value == 100.0


@given(
    st.text(
        alphabet="一二三四五六七八九十百千万亿0123456789.%元万倍小时日天个月年人以上下至内超过不得少于每拘留罚款，。第",
        max_size=60,
    )
)
def test_find_quantities_never_raises_on_numeral_soup(text: str) -> None:
    for q in find_quantities(text):
        assert 0 <= q.span[0] < q.span[1] <= len(text)
        assert text[q.span[0] : q.span[1]] == q.text
        assert q.low is None or q.high is None or q.low <= q.high


@given(st.text(max_size=80))
def test_find_quantities_never_raises_on_any_text(text: str) -> None:
    for q in find_quantities(text):
        assert 0 <= q.span[0] < q.span[1] <= len(text)


def test_every_fine_of_the_work_safety_law_is_read(shared_data: Path) -> None:
    rows = [
        json.loads(line) for line in (shared_data / "lawrefbook_safety" / "articles.jsonl").open()
    ]
    law = [r["text"] for r in rows if r["doc_title"] == "中华人民共和国安全生产法"]
    with_fines = [t for t in law if "元" in t and "罚款" in t]
    assert len(with_fines) >= 15
    read = [t for t in with_fines if any(q.kind == "fine" for q in find_quantities(t))]
    assert len(read) == len(with_fines)
    # art. 95: 40/60/80/100 % of the prior year's income on the principal person
    art95 = next(
        t
        for t in law
        if t.startswith("生产经营单位的主要负责人未履行本法规定的安全生产管理职责，导致")
    )
    shares = [q for q in find_quantities(art95) if q.kind == "income_share"]
    assert [q.low for q in shares] == [40, 60, 80, 100]
    assert {q.subject for q in shares} == {"主要负责人"}


def test_a_later_fine_that_names_no_one_falls_on_the_paragraphs_offender() -> None:
    # The second sentence names no one: the fine stays on the person the paragraph opens with.
    text = (
        "矿山企业的实际控制人不组织应急演练的，责令改正，处一万元以下的罚款；"
        "拒不改正的，处一万元以上三万元以下的罚款。"
    )
    assert [q.subject for q in find_quantities(text)] == ["主要负责人", "主要负责人"]
    # A person named after the offence starts is its object, not the offender.
    text = (
        "施工企业未向作业人员发放劳动防护用品的，责令改正，处五千元以下的罚款；"
        "拒不改正的，处五千元以上二万元以下的罚款。"
    )
    assert [q.subject for q in find_quantities(text)] == ["单位", "单位"]
