"""Task-division items of work plans: what is to be done, by whom, by when, under which law.

This module owns :class:`TaskItem` and the two entry points: :func:`extract_tasks` reads a parsed
plan (English plans in the seed's style, Chinese division plans with （牵头单位：…）notes) and
:func:`tasks_from_rows` reads a division table (DOCX/XLSX/CSV rows). Directive clauses come from
``nlp.plans.english`` and ``nlp.plans.chinese``; ``nlp.plans.reader`` resolves bodies, deadlines and
laws through ``nlp.plans.departments``, ``nlp.plans.deadlines`` and ``nlp.plans.laws``.

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

from ingest.model import Document, Provision, ProvisionKind, Section, SectionKind
from nlp.plans.deadlines import Deadline
from nlp.plans.departments import DepartmentDirectory, DepartmentMention
from nlp.plans.laws import find_laws
from nlp.plans.reader import Reader, canonical_name, has_cjk
from nlp.plans.rows import rows_to_tasks


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
        lead: Canonical names of the lead bodies (``name_en`` in English plans, ``name_zh`` in
            Chinese ones; an unknown body as written, without its region prefix).
        cooperating: Canonical names of the co-operating bodies, in the order written.
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
    bodies: tuple[DepartmentMention, ...] = ()
    laws: tuple[str, ...] = ()
    deadline: Deadline | None = None
    label: str = ""  # the item's number in a division table (序号), when it has one

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"task {self.key}: bad span {self.start}..{self.end}")


def extract_tasks(
    document: Document,
    *,
    directory: DepartmentDirectory | None = None,
    plan_date: date | None = None,
) -> list[TaskItem]:
    """Find the tasks of a work plan.

    Args:
        document: The parsed plan.
        directory: The department alias table; the packaged one by default.
        plan_date: The date relative deadlines ("年底前", "by the end of the year") are read
            against; by default the document's promulgation or version date, else the first
            year in its title.

    Returns:
        The tasks in document order.
    """
    directory = directory or DepartmentDirectory.default()
    plan_date = plan_date or document_plan_date(document)
    text = document.text
    chinese = _is_chinese(document)
    reader = Reader(text, directory, plan_date, chinese)
    units = [p for p in document.articles() if p.kind not in _OUTSIDE] or list(document.preamble)
    parts = _parts(document)
    table_items, table_ids = _table_tasks(document, units, directory, plan_date, parts)
    units = [u for u in units if u.id not in table_ids]
    drafts = reader.read_chinese(units) if chinese else reader.read_english(units)
    aliases: dict[str, str] = {}
    for unit in units:
        find_laws(unit.text, aliases)  # short names defined anywhere ("hereinafter …")
    counts: dict[str, int] = {}
    out = []
    for d in sorted(drafts, key=lambda d: d.start):
        if _PREAMBLE_PART.search(parts.get(d.provision_id, "")):
            continue  # guiding ideology, principles, objectives: background, not tasks
        counts[d.provision_id] = counts.get(d.provision_id, 0) + 1
        key = f"{d.provision_id}#{counts[d.provision_id]}"
        out.append(TaskItem(**reader.finish(d, key, parts, aliases)))
    return sorted(out + table_items, key=lambda t: t.start)


def _table_tasks(
    document: Document,
    units: Sequence[Provision],
    directory: DepartmentDirectory,
    plan_date: date | None,
    parts: dict[str, str],
) -> tuple[list[TaskItem], set[str]]:
    """Tasks from division tables inside the document (a DOCX or Markdown table arrives as one
    provision per row, cells joined by " | "), and the ids of the rows they used."""
    items: list[TaskItem] = []
    used: set[str] = set()
    group: list[Provision] = []
    for unit in [*units, None]:
        if unit is not None and unit.text.count(_CELL) >= 2:
            group.append(unit)
            continue
        if len(group) >= 2:
            found = _table_group(document.text, group, directory, plan_date, parts)
            if found is not None:
                items += found
                used |= {u.id for u in group}
        group = []
    return items, used


def _table_group(
    text: str,
    group: list[Provision],
    directory: DepartmentDirectory,
    plan_date: date | None,
    parts: dict[str, str],
) -> list[TaskItem] | None:
    """The tasks of one table whose first row is its header; None when it is not a division
    table (no task column), so its rows are read as prose."""
    header = [c.strip() for c in group[0].text.split("|")]
    rows = [
        dict(zip(header, (c.strip() for c in u.text.split("|")), strict=False)) for u in group[1:]
    ]
    try:
        found = tasks_from_rows(rows, directory=directory, plan_date=plan_date, source="row")
    except ValueError:
        return None
    out = []
    for item in found:
        unit = group[int(item.provision_id.rsplit("-", 1)[1])]
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
                part=item.part or parts.get(unit.id, ""),
            )
        )
    return out


def tasks_from_rows(
    rows: Sequence[Mapping[str, object]],
    *,
    directory: DepartmentDirectory | None = None,
    plan_date: date | None = None,
    source: str = "table",
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

    Returns:
        The tasks in row order; offsets and body spans index each row's own cells.

    Raises:
        ValueError: if no column holds the tasks (the message lists the headers understood).
    """
    directory = directory or DepartmentDirectory.default()
    return [
        TaskItem(**fields)
        for fields in rows_to_tasks(rows, directory, plan_date, source, canonical_name)
    ]


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


_OUTSIDE = (ProvisionKind.PREAMBLE, ProvisionKind.TRAILER)
_CELL = " | "  # how a table row's cells arrive in a provision (ingest joins them so)
_PREAMBLE_PART = re.compile(
    r"指导思想|总体要求|基本原则|工作原则|主要目标|工作目标|总体目标|"
    r"\b(?:guiding\s+(?:ideology|thought|principles?)|basic\s+principles|"
    r"(?:main|overall|general|working)\s+(?:objectives|goals|requirements|principles)|"
    r"objectives|goals)\b",
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
