"""Shared machinery of the deadline rules: calendar arithmetic, years, cues and candidates.

:mod:`nlp.plans.deadlines` owns the model and the entry points; the rules live in
:mod:`nlp.plans.deadline_zh` and :mod:`nlp.plans.deadline_en`, with the forms both languages write
(a span of years) here. Each rule is a pattern and a handler that turns a match into a
:class:`Candidate`.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ingest.numbering import parse_number

# --- calendar arithmetic -------------------------------------------------------------------


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter_end(year: int, quarter: int) -> date:
    return month_end(year, quarter * 3)


# --- shared pieces of pattern --------------------------------------------------------------

CN_DIGIT = "〇零一二三四五六七八九"
YEAR_NUM = rf"(?:(?:19|20)\d{{2}}|[{CN_DIGIT}]{{4}})"
# Words that name a year relative to the plan's own (今年, 明年 ...): offset from the plan year.
YEAR_WORDS = {
    "今年": 0,
    "本年": 0,
    "本年度": 0,
    "当年": 0,
    "明年": 1,
    "次年": 1,
    "翌年": 1,
    "下一年": 1,
    "下一年度": 1,
    "下年度": 1,
}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4}
ORDINALS.update({"4th": 4, "一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4})

# A label before the expression makes it a deadline whatever its form ("完成时限：2025年").
LABEL_BEFORE = re.compile(
    r"(?:完成时限|完成时间|时限要求|时限|截止时间|截止日期|期限|deadline|due(?:\s+date)?|"
    r"time\s*limit|time\s*frame|timeline|completion(?:\s+date)?)\s*[:：]\s*$",
    re.I,
)
CN_LEAD_CUE = re.compile(r"(?:到|至|截至|截止到?|于|在|力争|确保)\s*$")
# Around a bare ongoing word ("长期坚持", "long-term"): it is a time frame only when it stands
# alone between punctuation, not when it opens a clause ("持续推进化工园区…").
STANDALONE_BEFORE = re.compile(r"(?:^|[(（:：,，;；、\[【])\s*$")
STANDALONE_AFTER = re.compile(r"^\s*(?:$|[)）,，;；。.、\]】])")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One reading of a deadline: its offsets, kind, dates, and whether a cue marks it."""

    start: int
    end: int
    kind: str
    due: date | None
    first: date | None
    cued: bool


Handler = Callable[[re.Match[str], str, "date | None"], "Candidate | None"]


class RuleSet:
    """Patterns and their handlers, in the order registered."""

    def __init__(self) -> None:
        """Start empty; :meth:`rule` adds to it."""
        self.rules: list[tuple[re.Pattern[str], Handler]] = []

    def rule(self, pattern: str, flags: int = 0) -> Callable[[Handler], Handler]:
        """Register the decorated handler for every match of ``pattern`` (compiled once, here)."""

        def register(handler: Handler) -> Handler:
            self.rules.append((re.compile(pattern, flags), handler))
            return handler

        return register


def year_of(
    m: re.Match[str], plan: date | None, *, words: dict[str, int] | None = None
) -> int | None:
    """The year a match names: its digits (二〇二五 too), a relative word, or the plan's year."""
    digits = m.groupdict().get("y")
    if digits:
        return year_of_text(digits)
    word = m.groupdict().get("yw")
    if plan is None:
        return None
    if word:
        key = " ".join(word.lower().split())
        offset = (words or YEAR_WORDS).get(key, 0)
        return plan.year + offset
    return plan.year


def cn_number(text: str) -> int:
    """A number as a deadline writes it: Arabic (ASCII or full-width) or Chinese."""
    return parse_number(text)


def candidate(
    m: re.Match[str], kind: str, due: date | None, *, cued: bool, first: date | None = None
) -> Candidate:
    return Candidate(m.start(), m.end(), kind, due, first, cued)


def stated_year(m: re.Match[str]) -> bool:
    return bool(m.groupdict().get("y") or m.groupdict().get("yw"))


def label_before(text: str, m: re.Match[str]) -> bool:
    return bool(LABEL_BEFORE.search(text, 0, m.start()))


def standalone(text: str, start: int, end: int) -> bool:
    return bool(
        STANDALONE_BEFORE.search(text[max(0, start - 40) : start])
        and STANDALONE_AFTER.match(text[end : end + 40])
    ) or bool(LABEL_BEFORE.search(text, 0, start))


# --- forms both languages share -----------------------------------------------------------

SHARED = RuleSet()


@SHARED.rule(
    r"(?P<open>[(（])?(?:\b(?:from|during|in|over|for|between)\s+|[自从])?(?<!\d)"
    r"(?P<y1>(?:19|20)\s?\d{2}|[〇零一二三四五六七八九]{4})\s*年?\s*"
    r"(?:[-–—~～－]{1,2}|至|到|to|through|until)\s*"
    r"(?P<y2>(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})(?![\d-])\s*(?:年度|年)?(?P<close>[)）])?",
    re.I,
)
def _period(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    first_year = year_of_text(m["y1"])
    last_year = year_of_text(m["y2"])
    if not 0 < last_year - first_year <= 30:
        return None
    start, end = m.start(), m.end()
    # keep a bracket only when both halves of the pair are in the match
    if m["open"] and not m["close"]:
        start = m.start() + 1
        start += len(text[start:]) - len(text[start:].lstrip())
    elif m["close"] and not m["open"]:
        end = m.end() - 1
    end = start + len(text[start:end].rstrip())
    return Candidate(
        start, end, "period", date(last_year, 12, 31), date(first_year, 1, 1), cued=True
    )


def year_of_text(text: str) -> int:
    """A year written in digits ("2025", the seed's broken "20 16") or Chinese ("二〇二五")."""
    return parse_number(re.sub(r"\s", "", text))


# The Nth five-year plan from the third on (1966-1970) runs 1966 + 5 (N - 3) to four years later:
# "十四五" is 2021-2025.
_FYP_NUMBERS = {"11th": 11, "12th": 12, "13th": 13, "14th": 14, "15th": 15, "16th": 16}
_FYP_NUMBERS.update({"eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14})
_FYP_NUMBERS.update({"fifteenth": 15, "sixteenth": 16})


@SHARED.rule(
    r"[“\"]?(?P<zh>十[一二三四五六])五[”\"]?(?:规划)?(?P<zpart>期间|时期|期末|期内|末|期)?"
    r"|\b(?:(?P<pre>during|in|over|by\s+the\s+end\s+of|within)\s+)?the\s+(?P<en>1[1-6]th|eleventh|"
    r"twelfth|thirteenth|fourteenth|fifteenth|sixteenth)\s+five-year\s+plan(?P<period>\s+period)?\b",
    re.I,
)
def _five_year_plan(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    number = parse_number(m["zh"]) if m["zh"] else _FYP_NUMBERS[m["en"].lower()]
    first = 1966 + 5 * (number - 3)
    if m["zh"] and not m["zpart"] and not re.match(r"\s*(?:规划|期间|时期)", text[m.end() :]):
        # "十四五" alone is a name ("十四五规划"); a span of time needs 期间, 时期 or 末
        return None
    if m["en"] and not (m["pre"] or m["period"]):
        return None  # "compile the 14th Five-Year Plan": the document, not its years
    return Candidate(m.start(), m.end(), "period", date(first + 4, 12, 31), date(first, 1, 1), True)
