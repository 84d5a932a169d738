"""English deadline forms: "by 30 June 2024", "by the end of 2025", "in the first quarter",
"within three years", "every June", "on a regular basis", "during the flood season"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from nlp.plans.deadline_calendar import (
    ORDINALS,
    Candidate,
    RuleSet,
    candidate,
    label_before,
    month_end,
    quarter_end,
    standalone,
    stated_year,
    year_of,
)

EN = RuleSet()

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_EN_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_EN_PRE = (
    r"(?P<pre>by|before|no\s+later\s+than|not\s+later\s+than|prior\s+to|until|till|"
    r"on\s+or\s+before|in|during|within|at|throughout)"
)
# Prepositions that make a bare date a deadline rather than, say, the plan's date of issue.
_EN_CUES = {"by", "before", "until", "till", "within", "during", "throughout"}
_EN_YEAR = (
    r"(?:(?P<y>(?:19|20)\d{2})|(?P<yw>(?:this|the\s+current|the\s+same|the|next|the\s+next|"
    r"the\s+following)\s+year))"
)
_EN_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "sixty": 60,
    "ninety": 90,
}
_EN_NUMBER = "|".join(sorted(_EN_NUMBERS, key=len, reverse=True))


def _month_as(group: str) -> str:
    """The month pattern with its group renamed, for a second month inside one pattern."""
    return _EN_MONTH.replace("(?P<mon>", f"(?P<{group}>")


# "30 June", "30th of June" or "June 30"
_EN_DAY = (
    rf"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_EN_MONTH}"
    rf"|{_month_as('mon2')}\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b"
)


@EN.rule(
    rf"\b(?:{_EN_PRE}\s+)?(?:the\s+)?(?:{_EN_DAY})(?:,?\s+(?:of\s+)?{_EN_YEAR})?"
    r"|\b(?P<iy>(?:19|20)\d{2})-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b",
    re.I,
)
def _en_day(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    if m["iy"]:
        return candidate(
            m, "date", date(int(m["iy"]), int(m["im"]), int(m["id"])), cued=label_before(text, m)
        )
    if not _real_may(m, "mon") or not _real_may(m, "mon2"):
        return None
    if _next_is_recurring(text, m.end()):
        return None
    month = _MONTHS[(m["mon"] or m["mon2"])[:3].lower()]
    day = int(m["d"] or m["d2"])
    year = year_of(m, plan, words=_EN_YEAR_WORDS)
    pre = _pre(m)
    # A named day is the due day, written "by" or "before" alike, as 日前 is in Chinese plans.
    due = None if year is None else date(year, month, day)
    return candidate(m, "date", due, cued=pre in _EN_CUES or pre == "on or before" or _later(pre))


@EN.rule(
    rf"\b(?:{_EN_PRE}\s+)?(?P<end>(?:the\s+)?(?:end|close)\s+of\s+)?(?:the\s+month\s+of\s+)?"
    rf"{_EN_MONTH}(?:,?\s+(?:of\s+)?{_EN_YEAR})?",
    re.I,
)
def _en_month(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    if not _real_may(m, "mon") or _next_is_recurring(text, m.end()):
        return None
    pre = _pre(m)
    if not pre and not stated_year(m):
        return None
    month = _MONTHS[m["mon"][:3].lower()]
    year = year_of(m, plan, words=_EN_YEAR_WORDS)
    due = None
    if year is not None:
        if pre == "before" and not m["end"]:
            due = date(year, month, 1) - timedelta(days=1)  # before June begins
        else:
            due = month_end(year, month)
    # "In October 2017 we will …": a month and year fronted before the sentence dates its work;
    # inside a clause ("likely to be published in November 2012") it may date another event
    in_year = bool(m["end"]) and pre in ("at", "in")
    if pre == "in" and m["y"] and _FRONTED.search(text, 0, m.start()):
        in_year = due is None or plan is None or due >= plan  # not a past event
    return candidate(m, "date", due, cued=pre in _EN_CUES or _later(pre) or in_year)


@EN.rule(
    rf"\b(?:{_EN_PRE}\s+)?(?:the\s+)?(?:(?:end|close)\s+of\s+(?:the\s+)?)?"
    r"(?:(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter|q(?P<qn>[1-4]))"
    rf"(?:,?\s+(?:of\s+)?{_EN_YEAR})?",
    re.I,
)
def _en_quarter(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    quarter = ORDINALS[m["q"].lower()] if m["q"] else int(m["qn"])
    year = year_of(m, plan, words=_EN_YEAR_WORDS)
    pre = _pre(m)
    cued = bool(pre) and pre != "at"
    return candidate(m, "date", None if year is None else quarter_end(year, quarter), cued=cued)


@EN.rule(
    rf"\b(?:{_EN_PRE}\s+)?(?:the\s+)?(?:(?:end|close)\s+of\s+(?:the\s+)?)?"
    rf"(?:(?P<h>first|second)\s+half|mid-?|middle\s+of)(?:,?\s*(?:of\s+)?{_EN_YEAR})?",
    re.I,
)
def _en_half(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    if not m["h"] and not stated_year(m):
        return None  # "mid-" or "middle of" alone is no time frame
    month = 12 if (m["h"] or "").lower() == "second" else 6
    year = year_of(m, plan, words=_EN_YEAR_WORDS)
    pre = _pre(m)
    return candidate(
        m, "date", None if year is None else month_end(year, month), cued=bool(pre) and pre != "at"
    )


_EN_YEAR_WORDS = {
    "this year": 0,
    "the current year": 0,
    "the same year": 0,
    "the year": 0,
    "next year": 1,
    "the next year": 1,
    "the following year": 1,
}


@EN.rule(
    rf"\b(?:{_EN_PRE}\s+)?(?P<end>(?:the\s+)?(?:end|close)\s+of\s+)?"
    rf"(?:{_EN_YEAR}|(?P<ye>(?:the\s+)?year[-\s]end))(?![-–—]?\d|\s*[年月日])",
    re.I,
)
def _en_year(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    pre = _pre(m)
    if m["ye"]:
        year = None if plan is None else plan.year
    else:
        year = year_of(m, plan, words=_EN_YEAR_WORDS)
    if m["yw"] and not (m["end"] or pre in ("within", "during", "throughout")):
        return None  # "the year" alone is not a time frame
    due = None
    if year is not None:
        due = date(year - 1, 12, 31) if pre == "before" and not m["end"] else date(year, 12, 31)
    cued = pre in _EN_CUES or _later(pre) or (pre in ("in", "at") and bool(m["end"] or m["y"]))
    if cued and pre == "in" and not m["end"] and _describes(text, m):
        cued = False
    if cued and pre == "in" and not m["end"] and plan is not None and due and due < plan:
        cued = False  # "At the first Summit in 2021, …" in a 2022 plan: the past, not a deadline
    return candidate(m, "date", due, cued=cued)


# "The second Summit in 2023 will help …": a year closing a subject, before its verb
_VERB_AFTER = re.compile(r"\s+(?:will|would|is|was|are|were|has|had|have)\b", re.I)
# "…, which will be reported on in 2023": a year in an aside on something the sentence names
_ASIDE_BEFORE = re.compile(r",\s*which\b[^.;:!?]*$", re.I)


def _describes(text: str, m: re.Match[str]) -> bool:
    """True when a bare "in YEAR" dates something the sentence speaks of, not the work it
    commits to: the year ends the subject of a verb that follows, or stands in a ", which …"
    aside."""
    return bool(_VERB_AFTER.match(text, m.end()) or _ASIDE_BEFORE.search(text, 0, m.start()))


# The US federal fiscal year N runs from 1 October of N-1 to 30 September of N; its quarters end
# 31 December, 31 March, 30 June and 30 September. "Fiscal Year 2025", "FY2025", "FY 25", "the
# 2018 fiscal year", "Q3 FY2024". A split year ("FY 2024/25") is read by ``_en_split_year``.
_FISCAL_END_MONTH = 9


@EN.rule(
    rf"\b(?:{_EN_PRE}\s+)?(?P<end>(?:the\s+)?(?:end|close)\s+of\s+)?(?:the\s+)?"
    r"(?:(?:q(?P<qn>[1-4])|(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
    r"(?:\s+of)?)\s+(?:the\s+)?)?"
    r"(?:fiscal\s+year\s*(?P<y>(?:19|20)\d{2})|fy\s?(?P<fy>(?:19|20)?\d{2})"
    r"|(?P<yb>(?:19|20)\d{2})\s+fiscal\s+year)\b(?!\s*[/–-]\s*\d)"
    # "in Fiscal Year 2017 and Fiscal Year 2018", "FY2024 through FY2026": due at the last
    r"(?:\s*(?:,|and|or|through|to|[-–])\s*(?:and\s+)?(?:fiscal\s+year\s*|fy\s?)"
    r"(?P<last>(?:19|20)?\d{2})\b)*",
    re.I,
)
def _en_fiscal_year(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    digits = m["last"] or m["y"] or m["yb"] or m["fy"]
    year = int(digits) if len(digits) == 4 else 2000 + int(digits)
    if m["qn"] or m["q"]:
        quarter = int(m["qn"]) if m["qn"] else ORDINALS[m["q"].lower()]
        months = _FISCAL_END_MONTH + 3 * quarter  # Q1 ends in December of the year before
        due = month_end(year - 1 + (months - 1) // 12, (months - 1) % 12 + 1)
    else:
        due = month_end(year, _FISCAL_END_MONTH)
    pre = _pre(m)
    return candidate(m, "date", due, cued=(bool(pre) and pre != "at") or bool(m["end"]))


# A split financial year ("FY 2024/25", "the 2024-25 financial year", "financial year 2024/2025"),
# as the UK and other Commonwealth governments write it, runs from 1 April to 31 March of its
# second year.
_SPLIT_YEAR = r"(?P<a>(?:19|20)\d{2})\s*[/–-]\s*(?P<b>(?:19|20)?\d{2})"
_SPLIT_YEAR_BEFORE = r"(?P<a2>(?:19|20)\d{2})\s*[/–-]\s*(?P<b2>(?:19|20)?\d{2})"


@EN.rule(
    rf"\b(?:{_EN_PRE}\s+)?(?P<end>(?:the\s+)?(?:end|close)\s+of\s+)?(?:the\s+)?"
    rf"(?:(?:fy|financial\s+year|fiscal\s+year)\s*{_SPLIT_YEAR}"
    rf"|{_SPLIT_YEAR_BEFORE}\s+(?:financial|fiscal)\s+year)\b",
    re.I,
)
def _en_split_year(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    """ "by the end of FY 2024/25": 31 March 2025; a second year that does not follow the
    first ("2024/27") is a span of years, not a financial year, and is left to other rules."""
    first, second = int(m["a"] or m["a2"]), m["b"] or m["b2"]
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if last != first + 1:
        return None
    pre = _pre(m)
    return candidate(
        m, "date", date(last, 3, 31), cued=(bool(pre) and pre != "at") or bool(m["end"])
    )


@EN.rule(
    rf"\b(?:{_EN_PRE}\s+)?(?P<end>(?:the\s+)?(?:end|close)\s+of\s+)?(?:the\s+)?"
    r"(?:calendar\s+year\s*|cy\s?)(?P<y>(?:19|20)\d{2})\b(?![-–/]\d)",
    re.I,
)
def _en_calendar_year(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    """ "by the end of calendar year 2024", "CY2024": the year's last day."""
    pre = _pre(m)
    return candidate(m, "date", date(int(m["y"]), 12, 31), cued=bool(pre) and pre != "at")


@EN.rule(
    r"\b(?:early\s+|late\s+)?(?:spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?:19|20)\d{2}\b",
    re.I,
)
def _en_season_of_year(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    """ "Spring 2026": a season has no agreed last day (hemispheres, school terms), so it fixes no
    date; it is a deadline only in a cell of its own, and it keeps a bare year from reading as one.
    A fixed date beside it ("Finalise in Spring 2014, available from September 2014") is longer."""
    return candidate(m, "season", None, cued=label_before(text, m))


_ONGOING_EN = (
    r"on\s+an?\s+(?:regular|ongoing|long[-\s]term|continuous|continuing|permanent|routine|"
    r"rolling|normali[sz]ed)\s+basis"
)


@EN.rule(
    rf"\b(?:{_ONGOING_EN}|as\s+a\s+long[-\s]term\s+task|long[-\s]term|ongoing|continuous(?:ly)?"
    r"|permanent(?:ly)?|regularly|constantly|normali[sz]ed)\b",
    re.I,
)
def _en_ongoing(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    always = m[0].lower().startswith(("on ", "as "))
    return candidate(m, "ongoing", None, cued=always or standalone(text, m.start(), m.end()))


@EN.rule(
    rf"\b(?:{_EN_PRE}\s+)?(?:the\s+)?(?:(?:end|close)\s+of\s+)?(?:{_EN_DAY}|{_month_as('mon3')})"
    r"\s+(?:of\s+)?(?:each|every)\s+year\b"
    r"|\b(?:every|each)\s+(?:(?P<unit>year|quarter|month|week|half[-\s]year|six\s+months|"
    r"(?:two|three|2|3)\s+years)|" + _month_as("mon4") + r")"
    r"|\b(?:annually|quarterly|monthly|weekly|yearly|semi-?annually|biannually|"
    r"(?:once|twice)\s+a\s+(?:year|quarter|month|week))\b",
    re.I,
)
def _en_recurring(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    for group in ("mon", "mon2", "mon3", "mon4"):
        if not _real_may(m, group):
            return None
    # a frequency has no last day: "every June" recurs, so the task stays open (due None)
    return candidate(m, "recurring", None, cued=True)


@EN.rule(
    r"\b(?:(?P<pre>during|before|in|ahead\s+of|prior\s+to|after|throughout|until|by)\s+)?"
    r"(?:the\s+)?(?:main\s+|annual\s+)?(?:flood|heating)(?:\s+|-)season\b"
    r"|\b(?:during|before|ahead\s+of|prior\s+to|around|throughout)\s+(?:the\s+)?"
    r"(?:spring\s+festival|national\s+day(?:\s+holidays?)?|new\s+year(?:'s\s+day)?|"
    r"(?:national\s+)?[\"“]?two\s+sessions[\"”]?|(?:major\s+)?(?:public\s+)?holidays|"
    r"winter\s+and\s+spring|summer|winter)\b",
    re.I,
)
def _en_season(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    flood_only = "season" in m[0].lower() and not m["pre"]  # "flood season safety": a name
    return candidate(m, "season", None, cued=not flood_only or label_before(text, m))


@EN.rule(
    r"\b(?P<pre>within|in|over)\s+(?:the\s+)?(?:next\s+|coming\s+|following\s+)?"
    rf"(?P<n>\d{{1,3}}|{_EN_NUMBER})\s+(?P<u>years?|months?|weeks?|(?:working\s+|calendar\s+)?days?|hours?)\b",
    re.I,
)
def _en_relative(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    """ "within 12 months", "over the next two years": a span counted from a day the text does
    not fix (the plan's issue, a report), so no due date; the words are kept as its text."""
    return candidate(m, "relative", None, cued=True)


@EN.rule(
    r"\b(?:in|during|for|throughout)\s+(?P<y1>(?:19|20)\d{2})(?:\s*,\s*(?:19|20)\d{2})*"
    r"\s*,?\s+and\s+(?P<y2>(?:19|20)\d{2})\b(?![-–—]?\d)",
    re.I,
)
def _en_years(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    """ "in 2025 and 2026": the work runs through the last year named."""
    first, last = int(m["y1"]), int(m["y2"])
    if not 0 < last - first <= 10:
        return None
    return Candidate(m.start(), m.end(), "period", date(last, 12, 31), date(first, 1, 1), True)


# --- helpers for the English rules ---------------------------------------------------------


def _pre(m: re.Match[str]) -> str:
    pre = m.groupdict().get("pre") or ""
    return " ".join(pre.lower().split())


# where a fronted adverbial stands: the text's start or a new sentence, line or clause
_FRONTED = re.compile(r"(?:^|[.;:!?\n•]\s*|\|\s*)$")


def _later(pre: str) -> bool:
    return pre in ("no later than", "not later than", "prior to", "on or before")


def _real_may(m: re.Match[str], group: str) -> bool:
    """False for the modal verb "may" read as the month: only a capital M names the month."""
    name = m.groupdict().get(group)
    return not name or name.lower() != "may" or name[0] == "M"


def _next_is_recurring(text: str, end: int) -> bool:
    return bool(re.match(r"\s+(?:of\s+)?(?:each|every)\s+year\b", text[end:], re.I))
