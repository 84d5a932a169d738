"""Numeral parsers and label patterns in ``ingest.numbering``."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import numbering as nb
from ingest.numbering import (
    parse_chinese_numeral,
    parse_number,
    parse_roman,
    starts_with_label,
    to_ascii_digits,
    to_chinese_numeral,
    to_roman,
)

# --------------------------------------------------------------------------------------------
# Chinese numerals


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("二", 2),
        ("两", 2),
        ("九", 9),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("二十一", 21),
        ("九十九", 99),
        ("一百", 100),
        ("一百零三", 103),
        ("一百一十", 110),
        ("三百二十", 320),
        ("一千零一", 1001),
        ("两千", 2000),
        ("一〇五", 105),
        ("二〇二一", 2021),
        ("一零", 10),
        ("〇", 0),
        ("零", 0),
    ],
)
def test_parse_chinese_numeral(text: str, value: int) -> None:
    assert parse_chinese_numeral(text) == value


@pytest.mark.parametrize("text", ["", "十万", "abc", "第一", "1", "一 二", "百分之"])
def test_parse_chinese_numeral_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="not a Chinese numeral"):
        parse_chinese_numeral(text)


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (100, "一百"),
        (103, "一百零三"),
        (110, "一百一十"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (2000, "二千"),
        (9999, "九千九百九十九"),
    ],
)
def test_to_chinese_numeral(n: int, text: str) -> None:
    assert to_chinese_numeral(n) == text


@pytest.mark.parametrize("n", [0, -1, 10000])
def test_to_chinese_numeral_out_of_range(n: int) -> None:
    with pytest.raises(ValueError, match="out of range"):
        to_chinese_numeral(n)


def test_chinese_round_trip_oracle_1_to_2000() -> None:
    bad = [n for n in range(1, 2001) if parse_chinese_numeral(to_chinese_numeral(n)) != n]
    assert bad == []


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=9999))
def test_chinese_round_trip_property(n: int) -> None:
    assert parse_chinese_numeral(to_chinese_numeral(n)) == n


# --------------------------------------------------------------------------------------------
# Roman numerals and parse_number


def test_roman_round_trip_1_to_400() -> None:
    for n in range(1, 401):
        r = to_roman(n)
        assert parse_roman(r) == n
        assert parse_roman(r.lower()) == n


@pytest.mark.parametrize(
    ("text", "value"),
    [("I", 1), ("iv", 4), ("IX", 9), ("XLIV", 44), ("xcix", 99), ("CD", 400), ("MCMXCIV", 1994)],
)
def test_parse_roman(text: str, value: int) -> None:
    assert parse_roman(text) == value


@pytest.mark.parametrize("text", ["IIII", "VX", "IC", "XM", "VV", "IL"])
def test_parse_roman_rejects_non_canonical(text: str) -> None:
    with pytest.raises(ValueError, match="canonical"):
        parse_roman(text)


@pytest.mark.parametrize("text", ["", "abc", "X1", "12"])
def test_parse_roman_rejects_non_roman(text: str) -> None:
    with pytest.raises(ValueError, match="not a Roman numeral"):
        parse_roman(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Third", 3),
        ("third", 3),
        ("Seven", 7),
        ("First", 1),
        ("Two", 2),
        ("twelfth", 12),
        ("１２", 12),
        ("12", 12),
        (" 5 ", 5),
        ("十二", 12),
        ("xii", 12),
        ("IV", 4),
    ],
)
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "Thirteenth", "abc", "1.2"])
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


def test_to_ascii_digits() -> None:
    assert to_ascii_digits("第１２条 ３") == "第12条 3"


# --------------------------------------------------------------------------------------------
# Label patterns: (pattern, text, expected first group or None for "no match")

MATCHES: list[tuple[str, str, str | None]] = [
    ("CN_ARTICLE", "第十五条 生产经营单位应当……", "十五"),
    ("CN_ARTICLE", "第十五条之一\u3000生产经营单位……", "十五"),
    ("CN_ARTICLE", "第15条 内容", "15"),
    ("CN_ARTICLE", "第１５条 内容", "１５"),
    ("CN_ARTICLE", "依照第十五条的规定", None),
    ("CN_ARTICLE", " 第十五条", None),
    ("CN_ARTICLE", "第十五章 总则", None),
    ("CN_CHAPTER", "第二章 生产经营单位的安全生产保障", "二"),
    ("CN_CHAPTER", "第二章\u3000总\u3000则", "二"),
    ("CN_CHAPTER", "第二章", "二"),
    ("CN_CHAPTER", "依照第二章", None),
    ("CN_CHAPTER", "第二条 内容", None),
    ("CN_PART", "第一编 总则", "一"),
    ("CN_SECTION", "第三节 一般规定", "三"),
    ("CN_ITEM", "（一）建立健全制度；", "一"),
    ("CN_ITEM", "(十二) 内容", "十二"),
    ("CN_ITEM", "（1）内容", None),
    ("CN_ITEM", "一、内容", None),
    ("CN_SUBITEM", "1．内容", "1"),
    ("CN_SUBITEM", "12、内容", "12"),
    ("CN_SUBITEM", "1.2 内容", None),
    ("CN_SUBITEM", "2021年", None),
    ("CN_PLAN_PART", "一、总体要求", "一"),
    ("CN_PLAN_PART", "十二，内容", "十二"),
    ("CN_PLAN_PART", "（一）内容", None),
    ("EN_CFR_SECTION", "§ 56.1000 Definitions.", "56.1000"),
    ("EN_CFR_SECTION", "§ § 56.1000", "56.1000"),
    ("EN_CFR_SECTION", "§56.1000", "56.1000"),
    ("EN_CFR_SECTION", "§ 1910.1200-3 text", "1910.1200-3"),
    ("EN_CFR_SECTION", "§ 56 text", None),
    ("EN_CFR_SECTION", "See § 56.1000", None),
    ("EN_SECTION_SIGN", "§ 5. Scope", "5"),
    ("EN_SECTION_SIGN", "§ 56.1000 text", None),
    ("EN_ITEM", "(a) text", "a"),
    ("EN_ITEM", "(iv) text", "iv"),
    ("EN_ITEM", "(12) text", "12"),
    ("EN_ITEM", "(A) text", "A"),
    ("EN_ITEM", "(a)text", None),
    ("EN_ITEM", "(abcd) text", None),
    ("EN_ITEM", "see (a) text", None),
    ("EN_PLAN_PART", "Third, constantly improve the system", "Third"),
    ("EN_PLAN_PART", "Two, improve", "Two"),
    ("EN_PLAN_PART", "first, lower case", "first"),
    ("EN_PLAN_PART", "Thirdly, x", None),
    ("EN_PLAN_PART", "Someone, x", None),
    ("EN_PLAN_PART", "Third of all", None),
    ("EN_ARTICLE", "Article 5 text", "5"),
    ("EN_ARTICLE", "Article 5A. text", "5A"),
    ("EN_ARTICLE", "Article IV: text", "IV"),
    ("EN_ARTICLE", "article 5 text", None),
    ("EN_ARTICLE", "Articles 5 and 6", None),
    ("EN_PART", "PART 56—SAFETY AND HEALTH", "56"),
    ("EN_PART", "Part II General", "II"),
    ("EN_PART", "Partner 5", None),
    ("EN_SUBPART", "Subpart B—Ground Control", "B"),
    ("EN_SUBPART", "subpart B", None),
    ("EN_CHAPTER", "Chapter I General Provisions", "I"),
    ("EN_CHAPTER", "Chapters", None),
    ("EN_SUBCHAPTER", "SUBCHAPTER N—METAL", "N"),
    ("EN_SECTION_HEADING", "Section 3 Scope", "3"),
    ("CLAUSE", "4.2.1 企业应当建立制度", "4.2.1"),
    ("CLAUSE", "1 范围", "1"),
    ("CLAUSE", "0 x", None),
    ("CLAUSE", "2021 年", None),
    ("CLAUSE", "4.2.1企业", None),
    ("MARKDOWN_HEADING", "## 第一章 总则", "##"),
    ("MARKDOWN_HEADING", "#no-space", None),
]


@pytest.mark.parametrize(("name", "text", "group"), MATCHES)
def test_label_pattern(name: str, text: str, group: str | None) -> None:
    pattern: re.Pattern[str] = getattr(nb, name)
    m = pattern.match(text)
    if group is None:
        assert m is None, f"{name} should not match {text!r}"
    else:
        assert m is not None, f"{name} should match {text!r}"
        assert m.group(1) == group


def test_cn_article_supplementary_number() -> None:
    m = nb.CN_ARTICLE.match("第十五条之一　生产经营单位")
    assert m is not None
    assert m.group(3) == "一"
    assert "第十五条之一　生产经营单位"[m.end() :] == "生产经营单位"


def test_headings_capture_title() -> None:
    m = nb.CN_CHAPTER.match("第二章 生产经营单位的安全生产保障")
    assert m is not None and m.group(2) == "生产经营单位的安全生产保障"
    m = nb.MARKDOWN_HEADING.match("## 第一章 总则 ##")
    assert m is not None and m.group(2) == "第一章 总则"


@pytest.mark.parametrize(
    "line",
    [
        "第一条 内容",
        "  第一条 内容",
        "第一章 总则",
        "（一）内容",
        "一、内容",
        "1．内容",
        "(a) text",
        "Article 1 text",
        "§ 56.1 Purpose.",
        "§ 5. Scope",
        "PART 56",
        "Chapter II Work",
    ],
)
def test_starts_with_label(line: str) -> None:
    assert starts_with_label(line)


@pytest.mark.parametrize(
    "line",
    ["依照第十五条的规定", "hello world", "", "the (a) item", "4.2 clause", "2021年6月10日"],
)
def test_does_not_start_with_label(line: str) -> None:
    assert not starts_with_label(line)


@pytest.mark.parametrize(
    ("line", "opens"),
    [
        ("第十五条之一 生产经营单位应当……", True),  # an inserted article is still an article
        ("第三十条规定的情形，", False),  # a cross-reference wrapped to a line start
        ("第五条、第六条的规定", False),
        ("第 三 章 监督管理", True),  # spaced chapter heading as PDFs print it
        ("• 定期检查", True),
        ("4.2.1 企业应当", True),
        ("Section 5 of the Act applies", False),
        ("Section 5 Scope", True),
    ],
)
def test_starts_with_label_is_shared_by_every_reader(line: str, opens: bool) -> None:
    assert starts_with_label(line) is opens
