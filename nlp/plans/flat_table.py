"""Action tables that a PDF extractor printed flat: no cell marks, one line per row.

A schedule such as "No | Milestone | Start | End | Implementing Agency" arrives as::

    No Commitments and milestone activities Implementing Agency 2020 2021
    2. Publish the budget in plain language
    1 Draft a citizens' budget guide. Jan 2020 Jun 2020 MoF
    2 Consult civil society on the draft

The header is a line naming a task column and a lead column; a line "N. Title" heads a group
(the commitment); a line "N text" (a number with no dot) is a row. The row's last columns are
printed after its text: dates (start, end) and the body's name. A lead cell merged down a group
is printed once, on the group's first row, and the rows under it take it. This module finds such
tables and gives their rows as header -> cell mappings for ``nlp.plans.rows``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.model import Provision

_TASK_HEAD = re.compile(
    r"\b(?:milestones?|activit(?:y|ies)|actions?|commitments?|deliverables?|tasks?)\b", re.I
)
_LEAD_HEAD = re.compile(
    r"\b(?:(?:implementing|responsible|lead)\s+(?:agenc(?:y|ies)|organi[sz]ations?|"
    r"bod(?:y|ies)|part(?:y|ies)|institutions?|ministr(?:y|ies)|departments?|partners?)|"
    r"lead|owner)\b",
    re.I,
)
_ROW = re.compile(r"(?P<n>\d{1,3})\)?\s+(?=[A-Z])(?P<text>.+)", re.S)
# a row's sub-item printed on a line of its own ("ii) Notification of …"): still the row's text
_SUB_ITEM = re.compile(r"(?:[ivx]{1,4}|[a-h])\)\s+\S")
_GROUP = re.compile(r"\d{1,3}\.\s+\S")

# A body's name as a flat row ends with it: an acronym (IDLG, MoF) or a head word, then more
# acronyms and capitalised words, joined by "&", "and", "of" or commas
_ACRONYM = r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*"
_HEAD_WORD = (
    r"(?:Ministry|Department|Office|Agency|Authority|Commission|Council|Directorate|Bureau|"
    r"Municipality|Secretariat|Unit|Committee|Board|Administration)"
)
_WORD = rf"(?:{_ACRONYM}|[A-Z][a-z]+)"
_TRAILING_BODY = re.compile(
    rf"(?:(?<=[.;:,)])|(?<=[a-z0-9] ))\s*(?P<body>(?:{_ACRONYM}|{_HEAD_WORD})"
    rf"(?:\s*(?:&|,|\band\b|\bof\b|\bthe\b|/)?\s*{_WORD})*)\s*$"
)
# Words before a trailing name or date that make it part of the row's own text ("… to the
# NSC", "… for the year 2021")
_GOVERNING = re.compile(
    r"\b(?:year|to|the|of|for|with|by|in|on|at|from|and|or|a|an|under|between|among)\s*$", re.I
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_TRAILING_DATES = re.compile(
    rf"(?:\s+(?:{_MONTH}\s+(?:19|20)\d{{2}}|Q[1-4]\s+(?:19|20)\d{{2}}|"
    r"\d{1,2}/\d{1,2}/(?:19|20)?\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}|(?:19|20)\d{2}))+\s*$"
)
_TIME_HEAD = re.compile(
    rf"\b(?:start|end|date|deadline|timeline|timeframe|due|(?:19|20)\d{{2}}|{_MONTH})(?:\s|$)", re.I
)
_MIN_ROWS = 3  # a flat table is read only when it has this many rows


@dataclass(frozen=True, slots=True)
class FlatRow:
    """One row of a flat table.

    Attributes:
        unit: The provision that holds the row.
        number: The row's number as printed ("1").
        start: Offset of the row's task text in ``Document.text``.
        end: Exclusive end of the task text (before the trailing dates and body).
        body: The lead as printed at the row's end, or the one of the row above in its group.
        due: The row's last trailing date as printed ("Jun 2020"), "" when none.
        timed: The header has time columns (start, end, years or months): the row's time is
            printed in them, so a year in its text ("for the year 2021") is not its deadline.
    """

    unit: Provision
    number: str
    start: int
    end: int
    body: str
    due: str
    timed: bool = False


# a full date and the lead's name after it, closing a row ("… strategy. November 30, 2016 CC",
# "March 31, 2016 Contribution Coordinator (CC)"): a date column, then a lead column
_DATE_THEN_BODY = re.compile(
    rf"(?:^|(?<=[.;:,)] )|(?<=[a-z0-9] ))(?P<date>{_MONTH}\s+\d{{1,2}},\s+(?:19|20)\d{{2}}|"
    rf"\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d{{2}})\s+(?P<body>[A-Z][^\n.;]{{0,80}}?)\s*$"
)


def split_trailing(text: str) -> tuple[str, str, str]:
    """A flat row's text, its trailing dates and its trailing body name ("" when absent)."""
    dated = _DATE_THEN_BODY.search(text)
    if dated is not None:
        return text[: dated.start()].rstrip(), dated["date"], dated["body"].strip()
    body = ""
    m = _TRAILING_BODY.search(text)
    if m is not None and m.start("body") > 0 and not _GOVERNING.search(text[: m.start("body")]):
        body, text = m["body"].strip(), text[: m.start("body")].rstrip()
    dates = ""
    d = _TRAILING_DATES.search(text)
    if d is not None and d.start() > 0 and not _GOVERNING.search(text[: d.start()] + " "):
        dates, text = d[0].strip(), text[: d.start()].rstrip()
    return text, dates, body


def _last_date(dates: str) -> str:
    found = re.findall(
        rf"{_MONTH}\s+\d{{1,2}},\s+(?:19|20)\d{{2}}|\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d{{2}}|"
        rf"{_MONTH}\s+(?:19|20)\d{{2}}|Q[1-4]\s+(?:19|20)\d{{2}}|\d{{1,2}}/\d{{1,2}}/(?:19|20)?\d{{2}}|"
        r"(?:19|20)\d{2}-\d{2}-\d{2}|(?:19|20)\d{2}",
        dates,
    )
    return found[-1] if found else ""


def flat_table(units: Sequence[Provision]) -> tuple[list[FlatRow], set[str]]:
    """The rows of the flat tables among ``units``, and the ids of the units they used (rows,
    group titles and the header's continuation lines, none of them tasks of their own)."""
    rows: list[FlatRow] = []
    used: set[str] = set()
    table: list[FlatRow] = []
    table_used: set[str] = set()
    inside = timed = False
    body = ""

    def close() -> None:
        if len(table) >= _MIN_ROWS:
            rows.extend(table)
            used.update(table_used)
        table.clear()
        table_used.clear()

    for unit in units:
        text = unit.text.strip()
        lead = len(unit.text) - len(unit.text.lstrip())
        if "|" not in text and _TASK_HEAD.search(text) and _LEAD_HEAD.search(text):
            close()
            inside, body = True, ""
            timed = bool(_TIME_HEAD.search(text))
            table_used.add(unit.id)
            continue
        if not inside:
            continue
        row = _ROW.fullmatch(text)
        if table and row is None and _continues(text):
            # a row printed over several lines: its sub-items, then its date and lead
            own, dates, named = split_trailing(text)
            last = table[-1]
            body = named or body
            end = last.end if not own else unit.span.start + lead + len(own)
            table[-1] = FlatRow(
                last.unit,
                last.number,
                last.start,
                end,
                named or last.body,
                _last_date(dates) or last.due,
                last.timed,
            )
            table_used.add(unit.id)
            continue
        if row is not None:
            own, dates, named = split_trailing(row["text"].rstrip())
            body = named or body
            start = unit.span.start + lead + row.start("text")
            due = _last_date(dates)
            table.append(FlatRow(unit, row["n"], start, start + len(own), body, due, timed))
            table_used.add(unit.id)
        elif _GROUP.match(text) or not re.search(r"[.;:!?]$", text):
            body = ""  # a group's title, or a line of the header or a section's name
            table_used.add(unit.id)
        else:
            close()  # prose: the table has ended
            inside = False
    close()
    return rows, used


def _continues(line: str) -> bool:
    """A line that goes on with the row above: a sub-item of its text ("ii) …"), or only the
    row's closing date and lead ("March 31, 2016 Contribution Coordinator (CC)")."""
    if _SUB_ITEM.match(line):
        return True
    dated = _DATE_THEN_BODY.search(line)
    return dated is not None and dated.start() == 0
