"""Deadlines in work plans and division tables, in Chinese and English, as real dates.

This module owns the :class:`Deadline` model and the two entry points: :func:`parse_deadline`
for one expression on its own (a 完成时限 cell, a spreadsheet cell) and :func:`find_deadlines`
for every deadline inside a sentence. Calendar forms resolve to the last day they allow (end of
month, quarter, half-year, year or period); forms without a year ("年底前", "by the end of the
year") take the plan's year when ``plan_date`` is given and stay open (``due=None``) otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ingest.numbering import to_ascii_digits
from nlp.plans.deadline_calendar import CN_LEAD_CUE, SHARED, Candidate, label_before
from nlp.plans.deadline_en import EN
from nlp.plans.deadline_zh import ZH

KINDS = ("date", "period", "ongoing", "recurring", "season", "relative")


@dataclass(frozen=True, slots=True)
class Deadline:
    """A time frame as written, with the last day it allows.

    Attributes:
        text: The words as written: "2025年12月底前", "by the end of 2025", "(2024-2026)".
        kind: One of :data:`KINDS`: "date" (a due day), "period" (a span of years, due at its
            end), "ongoing" (长期坚持, "on a regular basis"), "recurring" (每年, "annually"),
            "season" ("during the flood season", 汛期前) or "relative" ("within three years").
        due: The last day; None when the expression is open or needs a plan date it lacks.
        start: A period's first day, when stated.
        span: Offsets of ``text`` in the text searched.
    """

    text: str
    kind: str
    due: date | None
    start: date | None = None
    span: tuple[int, int] = (0, 0)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown deadline kind {self.kind!r}; expected one of {KINDS}")
        if not 0 <= self.span[0] <= self.span[1]:
            raise ValueError(f"bad span {self.span}")


# --- entry points --------------------------------------------------------------------------


_START_AFTER = re.compile(r"\s*(?:起|开始|以来)")
# a result the date is set for ("12月取得明显成效并持续推进", "12月完成"): the date is the due day,
# and the ongoing words after it only say the work goes on
_RESULT_AFTER = re.compile(r"\s*(?:完成|取得|实现|建成|出台|上线|见效|达到|形成)")
# Every rule of both languages: a text in one may quote the other ("（2024-2026）", "Q1").
_RULES = (*ZH.rules, *EN.rules, *SHARED.rules)


def _candidates(text: str, plan: date | None) -> list[Candidate]:
    found: list[Candidate] = []
    impossible: list[tuple[int, int]] = []
    for pattern, handler in _RULES:
        for m in pattern.finditer(text):
            try:
                c = handler(m, text, plan)
            except (ValueError, KeyError, OverflowError):
                # an impossible date (2月30日): neither it nor the year inside it is a deadline
                impossible.append(m.span())
                continue
            if c is None or c.start >= c.end:
                continue
            if c.kind == "date" and _START_AFTER.match(text, c.end):
                continue  # "自2024年7月1日起": when something starts, not when it is due
            if not c.cued and (
                label_before(text, m)
                or CN_LEAD_CUE.search(text, 0, m.start())
                or (_numbered_date(c, text) and _RESULT_AFTER.match(text, c.end))
            ):
                c = Candidate(c.start, c.end, c.kind, c.due, c.first, True)
            found.append(c)
    return [c for c in found if not any(a <= c.start and c.end <= b for a, b in impossible)]


def _numbered_date(c: Candidate, text: str) -> bool:
    """A date written with a number ("12月", "2025年"), not a word for "that year" (当年: a
    condition, "对当年完成加装的电梯")."""
    return c.kind == "date" and any(ch.isdigit() for ch in text[c.start : c.end])


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Longest first, then leftmost; a candidate overlapping one already kept is dropped."""
    kept: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _deadline(text: str, original: str, c: Candidate) -> Deadline:
    return Deadline(original[c.start : c.end], c.kind, c.due, c.first, (c.start, c.end))


def find_deadlines(text: str, *, plan_date: date | None = None) -> list[Deadline]:
    """Every deadline in a sentence, in order, with spans into ``text``.

    Bare dates that no cue marks as a deadline (a plan's date of issue, "the end of the year" in a
    list of busy periods, "持续推进" opening a clause) are left out; :func:`parse_deadline` takes
    them, since a cell holds nothing else.

    Args:
        text: A sentence or clause.
        plan_date: The plan's date, for forms without a year and for relative forms.

    Returns:
        The deadlines found, ordered by position; overlapping readings keep the longest.
    """
    normal = to_ascii_digits(text)
    chosen = _select([c for c in _candidates(normal, plan_date) if c.cued])
    return [_deadline(normal, text, c) for c in chosen]


def parse_deadline(text: str, *, plan_date: date | None = None) -> Deadline | None:
    """One deadline expression on its own, such as a 完成时限 cell; None when it holds none.

    >>> parse_deadline("2024年6月底前").due
    datetime.date(2024, 6, 30)
    >>> parse_deadline("年底前", plan_date=date(2024, 3, 15)).due
    datetime.date(2024, 12, 31)
    >>> parse_deadline("长期坚持").kind
    'ongoing'

    Args:
        text: The expression, with or without surrounding words.
        plan_date: The plan's date, for forms without a year and for relative forms.

    Returns:
        The longest deadline reading in ``text`` (the leftmost of equals), or None.
    """
    normal = to_ascii_digits(text)
    chosen = _select(_candidates(normal, plan_date))
    if not chosen:
        return None
    # a cued reading beats a bare one ("2025年 长期坚持"), then length decides
    best = max(chosen, key=lambda c: (c.cued, c.end - c.start, -c.start))
    return _deadline(normal, text, best)
