"""Task-division items of work plans: what is to be done, by whom, by when, under which law.

This module owns :class:`TaskItem` and the two entry points: :func:`extract_tasks` reads a parsed
plan (English plans in the seed's style, Chinese division plans with （牵头单位：…）notes) and
:func:`tasks_from_rows` reads a division table (DOCX/XLSX/CSV rows). Directive clauses come from
``nlp.plans.english`` and ``nlp.plans.chinese``; ``nlp.plans.reader`` resolves bodies, deadlines and
laws through ``nlp.bodies.departments``, ``nlp.plans.deadlines`` and ``nlp.plans.laws``.

Conventions (bench/gold/README.md): a directive clause is a task; a numbered item with its own
responsibility note is one task and each of its sub-items another; the bodies a sentence names
(its subject, "with the cooperation of …") apply to every clause of it; a sentence or note that
only assigns bodies applies to the tasks before it; generic addressees ("all relevant
departments", 各有关部门) and non-government actors (enterprises) lead nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ingest.model import Document, Finding, Provision, ProvisionKind, Section, SectionKind
from nlp.bodies.departments import DepartmentDirectory, DepartmentMention
from nlp.bodies.gazetteer import Body
from nlp.plans.deadlines import Deadline, find_deadlines, parse_deadline
from nlp.plans.drafts import Draft
from nlp.plans.flat_table import flat_table
from nlp.plans.laws import find_laws
from nlp.plans.notes import Note, declarations, find_note
from nlp.plans.reader import ACTION_LABEL, WILL_LIST, Reader, commitment_title
from nlp.plans.responses import response_groups
from nlp.plans.rows import column_of, rows_to_tasks
from nlp.plans.simplified import as_printed, simplified_document
from nlp.text import has_cjk


@dataclass(frozen=True, slots=True)
class TaskItem:
    """One task of a work plan.

    Attributes:
        key: Stable id, ``f"{provision_id}#{n}"`` with ``n`` the task's 1-based order in its
            provision.
        provision_id: The paragraph or item the task comes from.
        start: Offset of the task's text in ``Document.text`` (a table row: in its task cell).
        end: Exclusive end offset.
        text: The task's own text (``document.text[start:end]``): the clause, or the item
            without its number and responsibility note.
        part: The heading of the plan's part, as printed ("Third, carry out …", "二、…").
        action: The directive verb phrase ("Accelerate the revision of", "修订完善").
        object: What is acted on.
        lead: The lead bodies' names as the plan writes them ("省应急管理厅", "OMB"), without
            等 or a role word.
        cooperating: The co-operating bodies' names as written, in the order written.
        lead_bodies: The lead bodies with full name, kind, level and jurisdiction.
        cooperating_bodies: The same for the co-operating bodies.
        lead_kind_names: The canonical names of the lead bodies' kinds, for grouping ("应急管理部门"
            in Chinese plans, "Emergency Management" in English ones; a body of no known kind
            as written, without its region).
        cooperating_kind_names: The same for the co-operating bodies. (The JSON form's
            ``lead_kinds`` / ``cooperating_kinds`` give the kinds' ids instead.)
        bodies: Every body named in the task or assigned to it, resolved or flagged unknown
            (``department is None``); spans index ``Document.text``.
        laws: Laws and documents referred to, aliases resolved to one name.
        deadline: The time frame, or None.
    """

    key: str
    provision_id: str
    start: int
    end: int
    text: str
    part: str
    action: str
    object: str
    lead: tuple[str, ...] = ()
    cooperating: tuple[str, ...] = ()
    lead_bodies: tuple[Body, ...] = ()
    cooperating_bodies: tuple[Body, ...] = ()
    lead_kind_names: tuple[str, ...] = ()
    cooperating_kind_names: tuple[str, ...] = ()
    bodies: tuple[DepartmentMention, ...] = ()
    laws: tuple[str, ...] = ()
    deadline: Deadline | None = None
    label: str = ""  # the item's number in a division table (序号), when it has one

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"task {self.key}: bad span {self.start}..{self.end}")

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``policylens tasks extract --json``; fields are only ever added)."""
        deadline = self.deadline
        return {
            "provision_id": self.provision_id,
            "label": self.label,
            "text": self.text,
            "part": self.part,
            "action": self.action,
            "object": self.object,
            "lead": list(self.lead),
            "cooperating": list(self.cooperating),
            "lead_kinds": list(dict.fromkeys(b.kind for b in self.lead_bodies if b.kind)),
            "cooperating_kinds": list(
                dict.fromkeys(b.kind for b in self.cooperating_bodies if b.kind)
            ),
            "lead_bodies": [b.to_dict() for b in self.lead_bodies],
            "cooperating_bodies": [b.to_dict() for b in self.cooperating_bodies],
            "unknown_departments": [m.text for m in self.bodies if m.department is None],
            "laws": list(self.laws),
            "deadline": deadline.due.isoformat() if deadline and deadline.due else None,
            "deadline_kind": deadline.kind if deadline else "none",
            "deadline_text": deadline.text if deadline else "",
        }


@dataclass(frozen=True, slots=True)
class PlanReading:
    """What reading a plan gives: its tasks, and findings where the text could not be read.

    Attributes:
        tasks: The tasks in document order.
        findings: ``NLP_NOTE_UNREAD`` (a note the reader could not parse) and
            ``NLP_NOTE_UNATTACHED`` (a note with no item before it), each with its place.
    """

    tasks: list[TaskItem]
    findings: list[Finding]


def extract_tasks(
    document: Document,
    *,
    directory: DepartmentDirectory | None = None,
    plan_date: date | None = None,
) -> list[TaskItem]:
    """Find the tasks of a work plan (see :func:`read_plan` for the findings too).

    Args:
        document: The parsed plan.
        directory: The department alias table; the packaged one by default.
        plan_date: The date relative deadlines ("年底前", "by the end of the year") are read
            against; by default the document's promulgation or version date, else the first
            year in its title.

    Returns:
        The tasks in document order.
    """
    return read_plan(document, directory=directory, plan_date=plan_date).tasks


def read_plan(
    document: Document,
    *,
    directory: DepartmentDirectory | None = None,
    plan_date: date | None = None,
) -> PlanReading:
    """Read a work plan's tasks, with a finding wherever a note could not be attributed.

    Args:
        document: The parsed plan.
        directory: The department alias table; the packaged one by default.
        plan_date: As for :func:`extract_tasks`.

    Returns:
        The tasks in document order and the findings.
    """
    directory = directory or DepartmentDirectory.default()
    plan_date = plan_date or document_plan_date(document)
    text = document.text
    chinese = _is_chinese(document)
    if chinese and (simple := simplified_document(document)) is not None:
        reading = read_plan(simple, directory=directory, plan_date=plan_date)
        tasks = [_as_printed(t, text, simple.text) for t in reading.tasks]
        return PlanReading(tasks, reading.findings)
    reader = Reader(text, directory, plan_date, chinese, plan_region(document))
    headings, inherited, note_units = _noted_parts(document, reader) if chinese else ([], {}, set())
    units = [p for p in document.articles() if p.kind not in _OUTSIDE and p.id not in note_units]
    if not units and not headings:
        units = list(document.preamble)
    parts = _parts(document)
    table_items, table_ids = _table_tasks(document, units, directory, plan_date, parts)
    units = [u for u in units if u.id not in table_ids]
    if not chinese:
        flat_items, flat_ids = _flat_table_tasks(units, directory, plan_date, parts, document)
        table_items += flat_items
        units = [u for u in units if u.id not in flat_ids]
    if chinese:
        drafts = reader.read_chinese(units, inherited, parts)
    elif groups := response_groups(units, text):
        drafts = reader.read_responses(units, groups)
    elif sum(bool(ACTION_LABEL.match(u.text)) for u in units) >= _LABELLED_ACTIONS:
        drafts = reader.read_actions(units)
    elif sum(bool(WILL_LIST.fullmatch(u.text.strip())) for u in units) >= _LABELLED_ACTIONS:
        drafts = reader.read_will_lists(units)
    elif len(titles := _commitment_titles(document, units)) >= _LABELLED_ACTIONS:
        drafts = reader.read_commitments(units, [t for t in titles if t[0] != ""])
    else:
        drafts = reader.read_english(units)
    if not chinese:
        drafts = reader.record_fields(drafts, units)
    drafts += headings
    aliases: dict[str, str] = {}
    for unit in units:
        find_laws(unit.text, aliases)  # short names defined anywhere ("hereinafter …")
    counts: dict[str, int] = {}
    out = []
    division = bool(table_items) or any(d.noted for d in drafts)
    for d in sorted(drafts, key=lambda d: d.start):
        part = parts.get(d.provision_id, "")
        if _PREAMBLE_PART.search(part):
            continue  # guiding ideology, principles, objectives: background, not tasks
        if division and not d.noted and _REQUIREMENTS_PART.search(part):
            continue  # a division plan's general requirements assign no item
        counts[d.provision_id] = counts.get(d.provision_id, 0) + 1
        key = f"{d.provision_id}#{counts[d.provision_id]}"
        out.append(TaskItem(**reader.finish(d, key, parts, aliases)))
    findings = [replace(f, document_id=document.id) for f in reader.findings]
    tasks = sorted(out + table_items, key=lambda t: t.start)
    if tasks and not chinese:
        tasks = _with_plan_wide_deadline(text, tasks, plan_date)
    return PlanReading(tasks, findings)


def _as_printed(task: TaskItem, original: str, simple: str) -> TaskItem:
    """A task read from a plan's simplified copy, its quoted words as the plan prints them."""

    def back(value: str) -> str:
        return as_printed(value, original, simple)

    deadline = task.deadline
    if deadline is not None and deadline.text:
        deadline = replace(deadline, text=back(deadline.text))
    return replace(
        task,
        text=original[task.start : task.end],
        part=back(task.part),
        action=back(task.action),
        object=back(task.object),
        lead=tuple(back(n) for n in task.lead),
        cooperating=tuple(back(n) for n in task.cooperating),
        label=back(task.label),
        deadline=deadline,
    )


def _with_plan_wide_deadline(
    text: str, tasks: list[TaskItem], plan_date: date | None
) -> list[TaskItem]:
    """Give the date an English plan's opening sets for all its commitments to every task without
    a fixed date of its own. A first "task" that is only that declaration is none."""
    whole = plan_wide_deadline(text[: tasks[0].start], plan_date)
    first = tasks[0].text.rstrip().rstrip(".")
    if whole is None and ". " not in first:
        found = plan_wide_deadline(first, plan_date)
        if found is not None:
            at = tasks[0].start
            whole = replace(found, span=(at + found.span[0], at + found.span[1]))
            tasks = tasks[1:]
    if whole is None:
        return tasks
    return [t if t.deadline and t.deadline.due else replace(t, deadline=whole) for t in tasks]


# "The United States will work to implement these commitments by … June 2017": one fixed date the
# plan gives, before its first task, for all its commitments
_ALL_COMMITMENTS = re.compile(
    r"\b(?:will|shall|intends?\s+to|aims?\s+to|plans?\s+to)\s+(?:(?:work|seek|aim|strive)\s+to\s+)?"
    r"(?:implement|complete|deliver|fulfil+|carry\s+out|achieve)\s+(?:all\s+)?(?:of\s+)?"
    r"(?:these|the|its|our|this\s+plan's|the\s+plan's)\s+(?:\w+\s+)?"
    r"(?:commitments|actions|initiatives|milestones|tasks|measures)\b[^.;\n]*",
    re.I,
)


def plan_wide_deadline(opening: str, plan_date: date | None) -> Deadline | None:
    """The fixed date an English plan's opening sets for all its commitments ("will work to
    implement these commitments by the end of this cycle in June 2017"), else None. A task
    without a fixed date of its own takes it; a task's own date replaces it."""
    for m in _ALL_COMMITMENTS.finditer(opening):
        d = parse_deadline(m[0], plan_date=plan_date)  # the clause holds only the date
        if d is not None and d.due is not None:
            return replace(d, span=(m.start() + d.span[0], m.start() + d.span[1]))
    return None


def _commitment_titles(
    document: Document, units: Sequence[Provision]
) -> list[tuple[str, int, int]]:
    """Numbered commitment titles ("4. Launch a Process to …"): ``(section id, start, end)`` of
    those the structure holds as section titles, ``("", start, end)`` of those that are
    paragraphs of their own."""
    text = document.text
    found: list[tuple[str, int, int]] = []

    def visit(section: Section) -> None:
        start = text.find(section.title, section.span.start)
        title = commitment_title(section.title) if start >= 0 else None
        if title is not None:
            found.append((section.id, start + title[0], start + title[1]))
        for sub in section.sections:
            visit(sub)

    for s in document.sections:
        visit(s)
    for u in units:
        title = commitment_title(u.text)
        if title is not None:
            found.append(("", u.span.start + title[0], u.span.start + title[1]))
    return found


def _noted_parts(
    document: Document, reader: Reader
) -> tuple[list[Draft], dict[str, Note], set[str]]:
    """Numbered headings that carry a note ("一、…（X负责）"): a heading with nothing under it is
    a task; otherwise its note goes to every item under it that has none of its own. A note on
    the line after a heading ("（牵头单位：…）" alone) is the heading's.

    Returns:
        The headings' drafts, the note each item inherits (by provision id), and the ids of the
        provisions that were only a heading's note.
    """
    text = document.text
    headings: list[Draft] = []
    inherited: dict[str, Note] = {}
    note_units: set[str] = set()

    def visit(section: Section, above: Note | None) -> None:
        start = text.find(section.title, section.span.start)
        note = find_note(text, start, start + len(section.title)) if start >= 0 else None
        if section.kind != SectionKind.PART:
            note = None
        provisions = list(section.provisions)
        if note is None and provisions and section.kind == SectionKind.PART:
            note = reader.note_alone(provisions[0])
            if note is not None:
                note_units.add(provisions[0].id)
                provisions = provisions[1:]
        if note is not None and not provisions and not section.sections:
            headings.append(
                reader.heading_draft(section.id, start, start + len(section.title), note)
            )
            return
        for p in provisions:
            if note or above:
                inherited[p.id] = note or above  # type: ignore[assignment]
        for sub in section.sections:
            visit(sub, note or above)

    for s in document.sections:
        visit(s, None)
    return headings, inherited, note_units


def _table_tasks(
    document: Document,
    units: Sequence[Provision],
    directory: DepartmentDirectory,
    plan_date: date | None,
    parts: dict[str, str],
) -> tuple[list[TaskItem], set[str]]:
    """Tasks from division tables inside the document (a DOCX or Markdown table arrives as one
    provision per row, cells joined by " | "), and the ids of the rows they used.

    A table's header holds for the rows below it until another header: a table broken by
    section lines ("Network Modernization", "一、…") keeps its columns, and those lines, short
    and without a sentence's end, head the rows after them instead of being read as tasks.
    """
    items: list[TaskItem] = []
    used: set[str] = set()
    header: list[str] | None = None
    group: list[Provision] = []
    heading: Provision | None = None
    units, merged = _mended_rows(units, document.text)
    for unit in [*units, None]:
        if unit is not None and _is_row(unit.text, bool(group) or header is not None, bool(group)):
            group.append(unit)
            continue
        if group:
            found, header = _table_group(
                document.text,
                group,
                header,
                directory,
                plan_date,
                parts,
                heading,
                plan_region(document),
            )
            if found is not None:
                items += found
                used |= {u.id for u in group}
                used |= {i for u in group for i in merged.get(u.id, ())}
        group = []
        heading = None
        if unit is not None and header is not None and _RULE_ROW.fullmatch(unit.text.strip()):
            used.add(unit.id)  # "---|---|---|": a Markdown table's rule under its header
        elif unit is not None and header is not None and _is_inner_heading(unit.text):
            heading = unit
            used.add(unit.id)
        elif unit is not None:
            header = None  # prose between tables ends the table
    return items, used


_RULE_ROW = re.compile(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?")


def _mended_rows(
    units: Sequence[Provision], text: str
) -> tuple[list[Provision], dict[str, tuple[str, ...]]]:
    """The units with each table row that a copy broke over several lines made one again, and
    the ids each mended row stands for.

    Under a header of N cells, a line that is not a row starts a broken row when the lines
    after it, up to one that ends with a cell mark, hold exactly the header's cell marks
    ("1) Support …:" / "|" / "Agree | …" / "|" / "PPB March 2012 |")."""
    out: list[Provision] = []
    merged: dict[str, tuple[str, ...]] = {}
    marks = 0  # the cell marks of the header in force, 0 outside a table
    k = 0
    while k < len(units):
        unit = units[k]
        line = unit.text.strip()
        cells = [c.strip() for c in line.split("|")]
        if line.count(_CELL) >= 2 and any(column_of(c) == "task" for c in cells):
            marks = line.count("|")
        elif marks and "|" not in line and not unit.children:
            end = _broken_row_end(units, k, marks)
            if end is not None:
                last = units[end]
                span = replace(unit.span, end=last.span.end)
                out.append(replace(unit, text=text[span.start : span.end], span=span))
                merged[unit.id] = tuple(u.id for u in units[k + 1 : end + 1])
                k = end + 1
                continue
        elif "|" not in line and not _is_inner_heading(line):
            marks = 0  # prose ends the table
        out.append(unit)
        k += 1
    return out, merged


_BROKEN_ROW_LINES = 12


def _broken_row_end(units: Sequence[Provision], k: int, marks: int) -> int | None:
    """The last line of a row broken over lines from ``units[k]``, or None (no line may hold
    all the marks: then ``units[k]`` is a heading over the rows, not part of one)."""
    count = 0
    for end in range(k + 1, min(len(units), k + _BROKEN_ROW_LINES)):
        line = units[end].text.strip()
        if units[end].children:
            return None
        count += line.count("|")
        if count > marks or line.count("|") == marks:
            return None  # a line that holds every mark is a row of its own
        if count == marks and line.endswith("|"):
            return end
    return None


def _flat_table_tasks(
    units: Sequence[Provision],
    directory: DepartmentDirectory,
    plan_date: date | None,
    parts: dict[str, str],
    document: Document,
) -> tuple[list[TaskItem], set[str]]:
    """Tasks from action tables printed flat (``nlp.plans.flat_table``), and the ids of the
    units they used."""
    rows, used = flat_table(units)
    if not rows:
        return [], set()
    cells = [{"No": r.number, "Milestone": "", "Deadline": r.due, "Lead": r.body} for r in rows]
    for cell, row in zip(cells, rows, strict=True):
        cell["Milestone"] = document.text[row.start : row.end]
    found = tasks_from_rows(
        cells, directory=directory, plan_date=plan_date, source="flat", region=plan_region(document)
    )
    out = []
    for item, row in zip(found, rows, strict=True):
        out.append(
            replace(
                item,
                key=f"{row.unit.id}#1",
                provision_id=row.unit.id,
                start=row.start,
                end=row.end,
                text=document.text[row.start : row.end],
                part=item.part or parts.get(row.unit.id, ""),
                deadline=None if row.timed and not row.due else item.deadline,
            )
        )
    return out, used


def _is_row(text: str, in_table: bool, after_row: bool) -> bool:
    """A table row as a provision: three cells or more; inside a table, two (a row under
    merged cells, whose empty edge cells the copy dropped: "- Publish the guide. | 2016");
    right after a row, a bulleted task cell alone ("- Train the crews.")."""
    if text.count(_CELL) >= (1 if in_table else 2):
        return True
    return after_row and bool(_BULLET_CELL.match(text.strip()))


_BULLET_CELL = re.compile(r"[-–•]\s+\S")


def _aligned(cells: list[str], header: Sequence[str]) -> list[str]:
    """A row's cells under the header. A short row (its empty edge cells dropped) starts at the
    task column: "- Publish the guide. | 2016" under "Objective | Action | Timeframe | Lead"."""
    if len(cells) >= len(header):
        return cells
    if cells and re.fullmatch(r"\d{1,3}[.)、]?", cells[0]) and column_of(header[0]) == "number":
        return cells + [""] * (len(header) - len(cells))  # "1 | task | lead": its last cut
    task = next((i for i, h in enumerate(header) if column_of(h) == "task"), 0)
    if len(cells) > len(header) - task:
        task = len(header) - len(cells)
    return [""] * task + cells + [""] * (len(header) - task - len(cells))


def _is_inner_heading(text: str) -> bool:
    text = text.strip()
    return 0 < len(text) <= 300 and not re.search(r"[.。；;:：!?！？]$", text)


_HEADER_CELL_CHARS = 40


def _table_group(
    text: str,
    group: list[Provision],
    header: list[str] | None,
    directory: DepartmentDirectory,
    plan_date: date | None,
    parts: dict[str, str],
    heading: Provision | None,
    region: str,
) -> tuple[list[TaskItem] | None, list[str] | None]:
    """The tasks of a run of table rows, and the header in force after them. The run's first
    row is its header when it names a task column; else the header carried from above applies
    (None, None when neither does: the rows are read as prose)."""
    first = [c.strip() for c in group[0].text.split("|")]
    # a header names its task column in a few words; a row whose long cell only mentions a
    # column's word ("Commitments to provide undergraduate places …") is data
    if any(column_of(c) == "task" and len(c) <= _HEADER_CELL_CHARS for c in first):
        header, body = first, group[1:]
    elif header is not None and len(first) == len(header):
        body = group
    else:
        return None, None
    if not body:
        return [], header  # a header alone: its rows follow after a section line
    rows = [
        dict(zip(header, _aligned([c.strip() for c in u.text.split("|")], header), strict=False))
        for u in body
    ]
    try:
        declared = any(pos < group[0].span.start for pos in declarations(text))
        found = tasks_from_rows(
            rows,
            directory=directory,
            plan_date=plan_date,
            source="row",
            region=region,
            first_leads=declared,
        )
    except ValueError:
        return None, None
    part = heading.text.strip() if heading is not None else ""
    above = heading_deadline(heading, plan_date)
    out = []
    for item in found:
        unit = body[int(item.provision_id.rsplit("-", 1)[1]) - 1]
        offset = max(unit.text.find(item.text), 0)
        start = unit.span.start + offset
        end = start + len(item.text)
        out.append(
            replace(
                item,
                key=f"{unit.id}#1",
                provision_id=unit.id,
                start=start,
                end=end,
                text=text[start:end],
                part=item.part or part or parts.get(unit.id, ""),
                deadline=_own_or_above(item.deadline, above),
            )
        )
    return out, header


_TIMESCALE = re.compile(
    r"\b(?:short|medium|long|near)[- ]term\b|\bphase\s+\w+|\bstage\s+\w+|"
    r"近期|中期|远期|第[一二三四五六七八九十\d]+阶段",
    re.IGNORECASE,
)


def heading_deadline(heading: Provision | None, plan_date: date | None) -> Deadline | None:
    """The due day a section line inside a table sets for the rows under it: a cued deadline
    ("Short term (by 31 December 2012)", "2024年6月底前完成的任务"), or a timescale heading's
    date ("Medium term (30 June 2013)", "近期（2025年）"). A heading that only names a year
    ("2023年重点工作") sets none: the year is the plan's, not a deadline."""
    if heading is None:
        return None
    words = heading.text.strip()
    dated = [d for d in find_deadlines(words, plan_date=plan_date) if d.due is not None]
    if not dated and _TIMESCALE.search(words):
        bare = parse_deadline(words, plan_date=plan_date)
        dated = [bare] if bare is not None and bare.due is not None else []
    if not dated:
        return None
    d = dated[-1]
    return replace(d, span=(heading.span.start + d.span[0], heading.span.start + d.span[1]))


def _own_or_above(own: Deadline | None, above: Deadline | None) -> Deadline | None:
    """A row's own dated deadline wins; an open or missing one takes its heading's."""
    if own is not None and (own.due is not None or above is None):
        return own
    return above if above is not None else own


def tasks_from_rows(
    rows: Sequence[Mapping[str, object]],
    *,
    directory: DepartmentDirectory | None = None,
    plan_date: date | None = None,
    source: str = "table",
    region: str = "",
    first_leads: bool = False,
) -> list[TaskItem]:
    """Tasks from a division table: one task per row with a task cell.

    Headers are matched in either language (序号/编号/No., 任务/工作任务/重点任务/任务内容/Task,
    牵头单位/Lead, 配合单位/协办单位/Cooperating, 责任单位/Responsible, 完成时限/时间节点/Deadline,
    来源/出处/Source, 类别/领域/Part); a row holding only a part heading ("一、…") sets the part
    of the rows below it.

    Args:
        rows: The table's rows as header -> cell mappings.
        directory: The department alias table; the packaged one by default.
        plan_date: The date relative deadlines are read against.
        source: The prefix of the rows' provision ids (``f"{source}/row-{i}"``).
        region: The plan's own place, for bodies that write only a level ("省应急管理厅").
        first_leads: The plan has said that the first body of a 责任单位 list leads
            ("列第一位者为牵头单位"); otherwise every body listed there leads.

    Returns:
        The tasks in row order; offsets and body spans index each row's own cells.

    Raises:
        ValueError: if no column holds the tasks (the message lists the headers understood).
    """
    directory = directory or DepartmentDirectory.default()
    return [
        TaskItem(**fields)
        for fields in rows_to_tasks(rows, directory, plan_date, source, region, first_leads)
    ]


def plan_region(document: Document) -> str:
    """The plan's own place ("示例省"), or "" for a national plan or one that does not say."""
    region = str(document.metadata.get("region") or "")
    return "" if region.lower() in ("national", "unknown", "none", "全国") else region


def document_plan_date(document: Document) -> date | None:
    """The plan's date: promulgated, else version date, else 1 January of a year in its title."""
    for key in ("promulgated", "version_date", "effective"):
        value = document.metadata.get(key, "")
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            continue
    m = re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", document.title)
    return date(int(m[0]), 1, 1) if m else None


_LABELLED_ACTIONS = 3  # a plan labels its actions when three or more paragraphs say "Action N:"
_OUTSIDE = (ProvisionKind.PREAMBLE, ProvisionKind.TRAILER)
_CELL = " | "  # how a table row's cells arrive in a provision (ingest joins them so)
_PREAMBLE_PART = re.compile(
    r"指导思想|总体要求|基本原则|工作原则|主要目标|工作目标|总体目标|"
    r"\b(?:guiding\s+(?:ideology|thought|principles?)|basic\s+principles|"
    r"(?:main|overall|general|working)\s+(?:objectives|goals|requirements|principles)|"
    r"objectives|goals)\b",
    re.IGNORECASE,
)


# Sections of general requirements: in a plan that assigns its items by notes or a table,
# their running text ("各地要加强组织领导") assigns nothing; a noted item there is still a task.
_REQUIREMENTS_PART = re.compile(
    r"保障措施|工作要求|组织实施|组织保障|保障机制|有关要求|工作步骤|实施步骤|进度安排|组织领导|"
    r"\b(?:safeguards|implementation\s+arrangements|working\s+requirements)\b",
    re.IGNORECASE,
)


def _parts(document: Document) -> dict[str, str]:
    """Provision id -> the title of the part it is in (the nearest "part" section)."""
    out: dict[str, str] = {}

    def visit(section: Section, part: str) -> None:
        title = section.title if section.kind == SectionKind.PART or not part else part
        for p in section.provisions:
            for q in p.walk():
                out[q.id] = title
        for s in section.sections:
            visit(s, title)

    for s in document.sections:
        visit(s, "")
    return out


def _is_chinese(document: Document) -> bool:
    language = document.metadata.get("language", "")
    if language:
        return language.lower().startswith("zh")
    sample = document.text[:2000]
    return sum(has_cjk(c) for c in sample) > len(sample) // 10
