"""Heading and label patterns, and numeral parsers (Chinese, Arabic, Roman, English ordinals)."""

from __future__ import annotations

import re

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
CN_NUMERAL = "[零〇一二两兩三四五六七八九十百千]+"


def to_ascii_digits(text: str) -> str:
    """Replace full-width digits (０-９) with ASCII digits."""
    return text.translate(_FULLWIDTH_DIGITS)


def parse_chinese_numeral(text: str) -> int:
    """Parse a Chinese numeral such as 十五, 二十一, 一百零三, 一〇五 or 两千.

    Raises:
        ValueError: if ``text`` is not a Chinese numeral.
    """
    if not text or any(c not in _CN_DIGITS and c not in _CN_UNITS for c in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if all(c in _CN_DIGITS for c in text) and len(text) > 1:
        # digit-by-digit form: 一〇五 = 105
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total, digit = 0, None
    for c in text:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
        else:
            unit = _CN_UNITS[c]
            total += (1 if digit is None else digit) * unit
            digit = None
    return total + (digit or 0)


_DECIMAL = re.compile(r"\d+(?:\.\d+)?")


def parse_chinese_amount(text: str) -> float:
    """Parse an amount that may carry 万 or 亿: 二万, 一千五百万, 1.5万, 三亿五千万, 半 (0.5).

    Digits may be ASCII or full-width, with "." or "．" as the decimal point; the part before
    and after each 亿 or 万 is read by :func:`parse_chinese_numeral` (or as digits).

    Raises:
        ValueError: if ``text`` is not such an amount.
    """
    t = to_ascii_digits(text).replace("．", ".")
    if t == "半":
        return 0.5
    for mark, factor in (("亿", 10**8), ("万", 10**4)):
        if mark in t:
            head, _, tail = t.partition(mark)
            upper = parse_chinese_amount(head) if head else 1.0
            return upper * factor + (parse_chinese_amount(tail.lstrip("零〇")) if tail else 0.0)
    if _DECIMAL.fullmatch(t):
        return float(t)
    return float(parse_chinese_numeral(t))


def to_chinese_numeral(n: int) -> str:
    """Write 1..9999 as a Chinese numeral (the inverse of :func:`parse_chinese_numeral`)."""
    if not 0 < n < 10000:
        raise ValueError(f"out of range: {n}")
    digits = "零一二三四五六七八九"
    out, zero = "", False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, unit)
        if d:
            if zero:
                out += "零"
            out += digits[d] + name
            zero = False
        elif out:
            zero = True
    if out.startswith("一十"):
        out = out[1:]
    return out


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def parse_roman(text: str) -> int:
    """Parse a Roman numeral (either case).

    Raises:
        ValueError: if ``text`` is not a valid Roman numeral.
    """
    s = text.lower()
    if not s or any(c not in _ROMAN for c in s):
        raise ValueError(f"not a Roman numeral: {text!r}")
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    if to_roman(total).lower() != s:
        raise ValueError(f"not a canonical Roman numeral: {text!r}")
    return total


def to_roman(n: int) -> str:
    """Write a positive integer as an upper-case Roman numeral."""
    out = ""
    for v, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= v:
            out += sym
            n -= v
    return out


# "First, …", "Two, …", "Third, …": the seed mixes cardinal and ordinal words, so both count.
ENGLISH_ORDINALS = {
    "first": 1,
    "one": 1,
    "second": 2,
    "two": 2,
    "third": 3,
    "three": 3,
    "fourth": 4,
    "four": 4,
    "fifth": 5,
    "five": 5,
    "sixth": 6,
    "six": 6,
    "seventh": 7,
    "seven": 7,
    "eighth": 8,
    "eight": 8,
    "ninth": 9,
    "nine": 9,
    "tenth": 10,
    "ten": 10,
    "eleventh": 11,
    "eleven": 11,
    "twelfth": 12,
    "twelve": 12,
}


def parse_number(text: str) -> int:
    """Parse a label's number: Arabic (ASCII or full-width), Chinese, Roman or an English word.

    Raises:
        ValueError: if nothing parses.
    """
    t = to_ascii_digits(text.strip())
    if t.isdigit():
        return int(t)
    if t.lower() in ENGLISH_ORDINALS:
        return ENGLISH_ORDINALS[t.lower()]
    try:
        return parse_chinese_numeral(t)
    except ValueError:
        return parse_roman(t)


# Chinese structure. Headings like "第一章 总 则" may carry spaces inside the title. Laws in
# traditional characters (Big5 files, Taiwan and Hong Kong texts) write 第一條, 第一節, 第一編:
# the same labels, with the same ids.
_SEP = r"[ \t\u3000]*"
CN_PART = re.compile(rf"^第({CN_NUMERAL}|\d+)[编編]{_SEP}(.*)$")
CN_CHAPTER = re.compile(rf"^第({CN_NUMERAL}|\d+)章{_SEP}(.*)$")
CN_SECTION = re.compile(rf"^第({CN_NUMERAL}|\d+)[节節]{_SEP}(.*)$")
# What follows "第三十条" when it is a cross-reference wrapped to a line start ("第三十条规定的",
# "第五条、第六条"), not the label of an article.
_REFERENCE_NEXT = "[的、，,规規和或与與及至所中第款项項]"
# 第十五条 / 第十五条之一 — the article label, then its text on the same line.
CN_ARTICLE = re.compile(
    rf"^第({CN_NUMERAL}|[0-9０-９]+)[条條](之({CN_NUMERAL}))?(?!{_REFERENCE_NEXT}){_SEP}"
)
CN_ITEM = re.compile(rf"^[（(]({CN_NUMERAL})[）)]{_SEP}")
CN_SUBITEM = re.compile(r"^([0-9０-９]{1,3})[．.、﹒](?![0-9０-９])" + _SEP)
CN_PLAN_PART = re.compile(rf"^({CN_NUMERAL})[、，,]{_SEP}")
# English structure. A lower-case word after a heading number ("Section 5 of the Act") is a
# cross-reference, not a heading.
EN_PART = re.compile(r"^PART\s+([0-9]+|[IVXLC]+)\b(?!\s+(?-i:[a-z]))[\s.:—-]*(.*)$", re.I)
EN_SUBPART = re.compile(r"^Subpart\s+([A-Z]{1,2})\b[\s.:—-]*(.*)$")
EN_SUBCHAPTER = re.compile(r"^SUBCHAPTER\s+([A-Z]{1,2})\b[\s.:—-]*(.*)$", re.I)
EN_CHAPTER = re.compile(r"^CHAPTER\s+([0-9]+|[IVXLC]+)\b(?!\s+(?-i:[a-z]))[\s.:—-]*(.*)$", re.I)
EN_SECTION_HEADING = re.compile(
    r"^SECTION\s+([0-9]+|[IVXLC]+)\b(?!\s+(?-i:[a-z]))[\s.:—-]*(.*)$", re.I
)
EN_ARTICLE = re.compile(r"^Article\s+([0-9]+[A-Za-z]?|[IVXLC]+)\b[\s.:—-]*")
EN_CFR_SECTION = re.compile(r"^(?:§\s*)+([0-9]+[A-Za-z]?(?:\.[0-9]+[A-Za-z]?(?:-[0-9]+)?)+)\s*")
EN_SECTION_SIGN = re.compile(r"^(?:§\s*)+([0-9]+[A-Za-z]?)\.?\s+")
EN_ITEM = re.compile(r"^\(([a-z]{1,3}|[0-9]{1,3}|[A-Z]{1,2}|[ivxlc]{1,6})\)\s+")
EN_PLAN_PART = re.compile(
    r"^(" + "|".join(sorted(ENGLISH_ORDINALS, key=len, reverse=True)) + r"),\s*", re.I
)
# A plan's part heading numbered "I. …" or "1. …" (English translations): a short heading line,
# not a sentence; taken as structure only in a plan (``ingest.labels.LabelScanner``), since in a
# law or standard "1. …" is an item or a clause.
EN_NUMBERED_PART = re.compile(r"^([IVXLC]{1,7}|[1-9][0-9]?)\.[ \t]+(?=[A-Z])(.*)$")
# A standard's numbered clause: "4 基本要求", "4.2.1 企业应当…", "3.1 hazard".
CLAUSE = re.compile(r"^([1-9][0-9]?(?:\.[0-9]{1,2}){0,4})(?:[ \t\u3000]+)(?=\S)")
# Markdown heading markers (LawRefBook uses "## 第一章 总则").
MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")

_ANY_LABEL = (
    CN_PART,
    CN_CHAPTER,
    CN_SECTION,
    CN_ARTICLE,
    CN_ITEM,
    CN_SUBITEM,
    CN_PLAN_PART,
    EN_PART,
    EN_SUBPART,
    EN_CHAPTER,
    EN_SECTION_HEADING,
    EN_ARTICLE,
    EN_CFR_SECTION,
    EN_SECTION_SIGN,
    EN_ITEM,
)


# Looser openers that readers of wrapped layout (PDF, hard-wrapped text) also treat as the start
# of a new block, beyond the structural labels above.
_CN_NUM = "[零〇一二两兩三四五六七八九十百千万萬0-9０-９]+"
_BLOCK_OPENER = re.compile(
    "|".join(
        (
            rf"第\s*{_CN_NUM}\s*(?:编|編|章|节|節|部分)(?!{_REFERENCE_NEXT})",  # 第 三 章 (spaced)
            rf"[（(]\s*{_CN_NUM}\s*[）)]",  # （一） (1)
            r"\((?:[a-zA-Z]|[ivxlcdm]{1,6}|[IVXLCDM]{1,6})\)",  # (a) (iv) (A)
            "[一二三四五六七八九十百]+[、．.]",  # 一、
            r"[0-9０-９]{1,3}[.．、](?![0-9０-９])",  # 1.  1．  1、
            # Article 5 / Chapter IV / Section 3 / Part 2, but not "Section 5 of the Act"
            r"(?:Article|ARTICLE|Chapter|CHAPTER|Section|SECTION|Part|PART|Subpart|SUBPART)"
            r"\s+(?:\d+[A-Za-z]?|[IVXLC]+)(?=$|[.:：—–-]|\s+(?![a-z]))",
            r"§+\s*\d[\d.]*[a-z]?(?=$|[.:]|\s+(?![a-z]))",  # § 56.1000
            # a decimal clause number: "4.2.1 ", or "4.2 " before a capital or a CJK character
            r"\d{1,2}(?:\.\d{1,3}){2,5}(?=[\s\u3000])",
            r"\d{1,2}\.\d{1,3}(?=[\s\u3000]*[A-Z\u4e00-\u9fff])",
            "[•●▪◆■□○◦]",  # bullets
        )
    )
)


def starts_with_label(line: str) -> bool:
    """True if a line opens a new block (heading, article, item, clause, bullet), not a wrap."""
    line = line.lstrip()
    return bool(_BLOCK_OPENER.match(line)) or any(p.match(line) for p in _ANY_LABEL)
