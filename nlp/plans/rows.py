"""Division tables (DOCX/XLSX/CSV rows) read as tasks: header synonyms and cell parsing.

A division table has one task per row and names its columns in many ways (任务, 工作任务, 重点任务,
任务内容, "Task"; 牵头单位, 牵头部门, "Lead" …). Headers are folded (spaces, colons, case) and
matched against the synonyms below; unknown columns are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from nlp.plans import chinese as _plan_zh
from nlp.plans import english as _plan_en
from nlp.plans.deadlines import Deadline, find_deadlines, parse_deadline
from nlp.plans.departments import DepartmentDirectory, DepartmentMention
from nlp.plans.laws import find_laws

COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号", "no", "no.", "number", "#", "item"),
    "task": (
        "任务",
        "工作任务",
        "重点任务",
        "任务内容",
        "主要任务",
        "工作内容",
        "具体任务",
        "工作措施",
        "task",
        "tasks",
        "task description",
        "measure",
    ),
    "lead": ("牵头单位", "牵头部门", "牵头", "lead", "lead unit", "lead department", "lead body"),
    "cooperating": (
        "配合单位",
        "配合部门",
        "协办单位",
        "参与单位",
        "cooperating",
        "co-operating",
        "cooperating units",
        "cooperating departments",
        "cooperation",
    ),
    "responsible": (
        "责任单位",
        "责任部门",
        "主要责任单位",
        "承办单位",
        "responsible",
        "responsible unit",
        "responsible units",
        "responsible department",
        "responsible departments",
        "responsibility",
    ),
    "deadline": (
        "完成时限",
        "时间节点",
        "完成时间",
        "时限",
        "时限要求",
        "进度安排",
        "deadline",
        "time limit",
        "time frame",
        "timeline",
        "due",
        "due date",
    ),
    "source": ("来源", "出处", "任务来源", "依据", "source", "basis"),
    # an exported ledger's computed due day (policylens tasks export), read back on import
    "due_day": ("截止日期", "到期日", "deadline_date", "due day"),
    "part": ("类别", "领域", "重点领域", "板块", "工作类别", "part", "category", "area"),
}
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|two|"
    r"three|four|five|six|seven|eight|nine|ten)\s*,|[IVX]+\.\s)",
    re.IGNORECASE,
)
_LEAD_MARK = re.compile(r"[（(]\s*牵头\s*[）)]|牵头$|\(lead\)", re.IGNORECASE)

Namer = Callable[[DepartmentMention, bool], str]


def fold(header: str) -> str:
    """A header as compared: no spaces, colons or asterisks, lower case."""
    return re.sub(r"[\s:：*＊]+", "", str(header)).lower()


_SYNONYMS = {fold(name): column for column, names in COLUMNS.items() for name in names}


def _columns(rows: Sequence[Mapping[str, object]]) -> dict[str, str]:
    """Column -> the header that holds it (rows from a spreadsheet may lack empty cells' keys)."""
    found: dict[str, str] = {}
    for row in rows:
        for header in row:
            column = _SYNONYMS.get(fold(header))
            if column and column not in found:
                found[column] = header
    return found


def _cell(row: Mapping[str, object], header: str | None) -> str:
    if header is None:
        return ""
    value = row.get(header)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


def rows_to_tasks(
    rows: Sequence[Mapping[str, object]],
    directory: DepartmentDirectory,
    plan_date: date | None,
    source: str,
    name: Namer,
) -> Iterator[dict[str, Any]]:
    """The fields of one TaskItem per task row (see ``nlp.plans.tasks.tasks_from_rows``)."""
    columns = _columns(rows)
    if "task" not in columns:
        headers = sorted({str(h) for row in rows for h in row})
        raise ValueError(
            f"no task column among the headers {headers}; head it one of {list(COLUMNS['task'])}"
        )
    part = ""
    for index, row in enumerate(rows, start=1):
        text = _cell(row, columns["task"])
        filled = [v for v in (_cell(row, h) for h in row) if v]
        if len(filled) == 1 and _HEADING.match(filled[0]):
            part = filled[0]  # a part heading spanning the row
            continue
        if not text or fold(text) in _SYNONYMS:
            continue  # an empty row or a repeated header row
        part = _cell(row, columns.get("part")) or part
        chinese = any("\u4e00" <= c <= "\u9fff" for c in text)
        lead = directory.resolve_list(_cell(row, columns.get("lead")))
        coop = directory.resolve_list(_cell(row, columns.get("cooperating")))
        responsible_cell = _cell(row, columns.get("responsible"))
        listed = directory.resolve_list(responsible_cell)
        marked = [m for m in listed if _LEAD_MARK.search(_around(responsible_cell, m))]
        if marked:
            lead, coop = lead + marked, coop + [m for m in listed if m not in marked]
        else:
            lead, coop = lead + listed[:1], coop + listed[1:]
        found = directory.find(text)
        action, obj = _action(text, chinese)
        lead_names = tuple(dict.fromkeys(name(m, chinese) for m in lead))
        laws = [n for n, _ in find_laws(text)]
        laws += [n for n, _ in find_laws(_cell(row, columns.get("source")))]
        yield {
            "key": f"{source}/row-{index}#1",
            "provision_id": f"{source}/row-{index}",
            "start": 0,
            "end": len(text),
            "text": text,
            "part": part,
            "action": action,
            "object": obj,
            "lead": lead_names,
            "cooperating": tuple(
                n for n in dict.fromkeys(name(m, chinese) for m in coop) if n not in lead_names
            ),
            "bodies": (*lead, *coop, *found),
            "laws": tuple(dict.fromkeys(laws)),
            "deadline": _with_due_day(
                _deadline(row.get(columns.get("deadline", "")), text, plan_date),
                _cell(row, columns.get("due_day")),
            ),
            "label": _cell(row, columns.get("number")),
        }


def _around(cell: str, m: DepartmentMention) -> str:
    return cell[m.span[0] : m.span[1] + 4]


def _action(text: str, chinese: bool) -> tuple[str, str]:
    if chinese:
        start = _plan_zh.strip_number(text, 0, len(text))
        h = _plan_zh.head(text, start, len(text))
        if h is None:
            return "", text[start:]
        return text[h.action[0] : h.action[1]], text[h.object[0] : h.object[1]]
    clauses = _plan_en.analyse(text).clauses
    if not clauses:
        return "", text
    c = clauses[0]
    return text[c.action[0] : c.action[1]], text[c.object[0] : c.object[1]]


def _with_due_day(deadline: Deadline | None, day: str) -> Deadline | None:
    """An explicit due day (an exported ledger's) fills a deadline whose words alone give none
    (年底前 without the plan's year)."""
    try:
        due = date.fromisoformat(day[:10]) if day else None
    except ValueError:
        return deadline
    if due is None or (deadline is not None and deadline.due is not None):
        return deadline
    if deadline is None:
        return Deadline(day[:10], "date", due)
    if deadline.kind in ("recurring", "ongoing"):
        return deadline  # no single due day, whatever the cell says
    return replace(deadline, due=due)


def _deadline(value: object, text: str, plan_date: date | None) -> Deadline | None:
    """The deadline cell (a spreadsheet date too), else the last deadline in the task."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return Deadline(value.isoformat(), "date", value)
    cell = "" if value is None else str(value).strip()
    if cell:
        found = parse_deadline(cell, plan_date=plan_date)
        if found is not None:
            return found
    in_text = find_deadlines(text, plan_date=plan_date)
    return in_text[-1] if in_text else None
