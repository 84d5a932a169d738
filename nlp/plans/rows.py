"""Division tables (DOCX/XLSX/CSV rows) read as tasks: header synonyms and cell parsing.

A division table has one task per row and names its columns in many ways (任务, 工作任务, 重点任务,
任务内容, "Task"; 牵头单位, 牵头部门, "Lead" …). Headers are folded (spaces, colons, case) and
matched against the synonyms below; unknown columns are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from nlp.bodies.departments import DepartmentDirectory, DepartmentMention
from nlp.bodies.gazetteer import Gazetteer, bodies_of
from nlp.plans import chinese as _plan_zh
from nlp.plans import english as _plan_en
from nlp.plans import english_words as _plan_words
from nlp.plans.deadlines import Deadline, find_deadlines, parse_deadline
from nlp.plans.drafts import kind_names, mention_triples
from nlp.plans.english_names import is_speaker, resolve_names
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

# "OMB (in coordination with DHS)", "DHS, working with GSA", "X（会同Y）": a lead cell naming
# the bodies that co-operate with the lead
_JOINT = re.compile(
    r"\s*(?:[(（]\s*(?:with\s+)?|,\s*)?(?:in (?:close )?(?:coordination|collaboration|partnership|"
    r"consultation|cooperation) with|with (?:the )?(?:support|assistance|help|cooperation) "
    r"(?:of|from)|working with|together with|jointly with|supported by|会同|联合|配合单位[:：]?)"
    r"\s*(?P<joint>[^)）]+)[)）]?\s*$",
    re.IGNORECASE,
)


def split_joint(cell: str) -> tuple[str, str]:
    """A lead cell's lead and the co-operating bodies it names with them ("" if none)."""
    m = _JOINT.search(cell)
    if m is None or m.start() == 0:
        return cell, ""
    joint = re.sub(
        r",?\s*(?:and\s+)?other (?:relevant )?(?:stakeholders|parties)\s*$", "", m["joint"]
    )
    return cell[: m.start()].rstrip(" ,"), joint


def fold(header: str) -> str:
    """A header as compared: no spaces, colons or asterisks, lower case."""
    return re.sub(r"[\s:：*＊]+", "", str(header)).lower()


_SYNONYMS = {fold(name): column for column, names in COLUMNS.items() for name in names}


# Headers that name a column in other words: "Action Required", "Actions/Tasks", "Responsible
# Party/ies", "Lead Partner(s)", "Timeline (Starting 1 Jan 2018)", "Target Date", "Owner".
# Tried in this order on a folded header; the first column whose pattern matches wins.
_KEYWORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (column, re.compile(pattern))
    for column, pattern in (
        ("number", r"^(?:#|no\.?|序号|编号|number|item|ref\.?|id)$"),
        (
            "lead",
            r"牵头|^lead|owner|accountable|responsibleparty|responsibleparties|"
            r"responsibleagenc|responsibleorgani[sz]ation",
        ),
        ("cooperating", r"配合|协办|参与|协助|^support|^partners?|co-?operat|contribut"),
        ("responsible", r"责任单位|责任部门|承办|^responsib"),
        (
            "deadline",
            r"时限|时间|节点|期限|进度|deadline|timeline|timeframe|targetdate|"
            r"^due|^date|^when|schedule|completiondate|^by$",
        ),
        (
            "task",
            r"任务|措施|工作内容|重点工作|工作事项|预期目标|主要目标|^目标|^actions?|^task|measure|"
            r"milestone|recommendation|"
            r"deliverable|activit|commitment|^step",
        ),
        ("part", r"类别|领域|板块|^section$|^objective|^category|^area|^theme|^pillar|^goal"),
        ("source", r"来源|出处|依据|^source|^basis"),
    )
)


def column_of(header: str) -> str | None:
    """The column a header names: a synonym exactly, else the first keyword pattern it matches."""
    folded = fold(header)
    if folded in _SYNONYMS:
        return _SYNONYMS[folded]
    for column, pattern in _KEYWORDS:
        if pattern.search(folded):
            return column
    return None


def _columns(rows: Sequence[Mapping[str, object]]) -> dict[str, str]:
    """Column -> the header that holds it (rows from a spreadsheet may lack empty cells' keys).
    Of two task columns, one the task set above ("省《工作要点》部署任务") and one the plan's
    own measure for it ("市落实措施"), the measure is the task."""
    found: dict[str, str] = {}
    tasks: list[str] = []
    for row in rows:
        for header in row:
            column = column_of(str(header))
            if column == "task" and header not in tasks:
                tasks.append(header)
            if column and column not in found:
                found[column] = header
    if len(tasks) > 1 and _TARGET.search(fold(found["task"])) is not None:
        # "目标 | 任务": a target column beside the tasks that serve it; the tasks are the rows'
        found["task"] = next((h for h in tasks if not _TARGET.search(fold(h))), found["task"])
    measures = [h for h in tasks if _MEASURE.search(fold(h))]
    if len(tasks) > 1 and measures and any(_ASSIGNED.search(fold(h)) for h in tasks):
        found["task"] = measures[0]
    return found


# a column of the tasks a higher-level plan set ("部署任务", "重点任务"), beside a column of the
# measures this plan takes for them ("落实措施", "具体措施")
_ASSIGNED = re.compile(r"任务")
_MEASURE = re.compile(r"措施")
# a target column ("2022年预期目标"): the rows' tasks only where no column names tasks
_TARGET = re.compile(r"^(?:\d{4}年)?(?:预期|主要)?目标$")


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
    region: str = "",
    first_leads: bool = False,
) -> Iterator[dict[str, Any]]:
    """The fields of one TaskItem per task row (see ``nlp.plans.tasks.tasks_from_rows``)."""
    columns = _columns(rows)
    if "task" not in columns:
        headers = sorted({str(h) for row in rows for h in row})
        raise ValueError(
            f"no task column among the headers {headers}; head it one of {list(COLUMNS['task'])}"
        )
    part = ""
    rows = list(_spanned(rows, columns))
    for index, row in enumerate(rows, start=1):
        text = _BULLET.sub("", _cell(row, columns["task"]))
        filled = [v for v in (_cell(row, h) for h in row) if v]
        if len(filled) == 1 and _HEADING.match(filled[0]):
            part = filled[0]  # a part heading spanning the row
            continue
        if not text or fold(text) in _SYNONYMS:
            continue  # an empty row or a repeated header row
        part = _cell(row, columns.get("part")) or part
        chinese = any("\u4e00" <= c <= "\u9fff" for c in text)
        lead_cell, joint = split_joint(_PARENT.sub(r" \1", _cell(row, columns.get("lead"))))
        dated = None  # "Lead & Target Date": the cell's date is the row's, its rest the bodies
        if "deadline" not in columns and _names_a_date(columns.get("lead")):
            lead_cell, dated = _dated_cell(lead_cell, plan_date)
        lead = _named(resolve_names(directory, _GLUED.sub("、", lead_cell)))
        coop = _named(resolve_names(directory, _GLUED.sub("、", joint)))
        coop_cell = _GLUED.sub("、", _cell(row, columns.get("cooperating")))
        coop += _named(resolve_names(directory, coop_cell))
        responsible_cell = _GLUED.sub("、", _cell(row, columns.get("responsible")))
        listed = resolve_names(directory, responsible_cell)
        marked = [m for m in listed if _LEAD_MARK.search(_around(responsible_cell, m))]
        if marked:
            lead, coop = lead + marked, coop + [m for m in listed if m not in marked]
        elif first_leads:  # the plan said the first body listed leads
            lead, coop = lead + listed[:1], coop + listed[1:]
        elif lead:  # 牵头单位 | 责任单位 columns: those made responsible beside the lead co-operate
            coop = coop + [m for m in listed if m not in lead]
        else:
            lead = lead + listed
        if not lead and not listed:  # no lead column: the task's own subject ("Agencies must …")
            lead = [m for m in _subject(text, chinese, directory) if m not in coop]
            if not coop and not chinese:  # "… must work with CISA to …": the text's partners
                coop = _partners(text, directory)
        found = directory.find(text)
        action, obj = _action(text, chinese)
        gazetteer = Gazetteer.default()
        lead_bodies = bodies_of(gazetteer, mention_triples(lead), region)
        lead_names = tuple(b.name for b in lead_bodies)
        coop_bodies = tuple(
            b
            for b in bodies_of(gazetteer, mention_triples(coop), region)
            if b.name not in lead_names
        )
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
            "cooperating": tuple(b.name for b in coop_bodies),
            "lead_bodies": lead_bodies,
            "cooperating_bodies": coop_bodies,
            "lead_kind_names": (lead_kinds := kind_names(lead, chinese)),
            "cooperating_kind_names": tuple(
                k for k in kind_names(coop, chinese) if k not in lead_kinds
            ),
            "bodies": (*lead, *coop, *found),
            "laws": tuple(dict.fromkeys(laws)),
            "deadline": _with_due_day(
                dated or _deadline(row.get(columns.get("deadline", "")), text, plan_date),
                _cell(row, columns.get("due_day")),
            ),
            "label": _cell(row, columns.get("number")),
        }


# "ICT Policy Unit, (DES)": a parent body's acronym set off by a comma still belongs to the
# name before it
_PARENT = re.compile(r",\s*(\([A-Z][A-Za-z]*[A-Z]\))")

# Where two Chinese names in one cell run together, the line break between them lost in a copy
# ("市行政审批局市司法局"): after an office's last character, before a region's
_GLUED = re.compile(r"(?<=[局委办厅部署院])(?=[省市区县][^、，,；;\s]{1,15}?[局委办厅部署院])")

# A bullet mark opening a task cell ("- Publish …", "• Publish …"): not the task's text
_BULLET = re.compile(r"^(?:[-–—•·▪●]\s+)+")

# The columns a merged cell spans down: a row under one leaves them empty
_SPANNING = ("lead", "cooperating", "responsible", "deadline")


def _spanned(
    rows: Sequence[Mapping[str, object]], columns: Mapping[str, str]
) -> Iterator[Mapping[str, object]]:
    """The rows with merged cells filled in. A row whose first cell is empty, while the row
    above has one, continues that row's group (a cell merged down, as a PDF or a Markdown copy
    prints it: "1.3 Objective | Action | 2015 | Lead" then "| Action | 2016 |"); its empty lead,
    co-operating, responsible and deadline cells take the values above."""
    carried: dict[str, object] | None = None  # the open group's spanning cells
    task = columns.get("task")
    for row in rows:
        keys = list(row)
        first = _cell(row, keys[0]) if keys and keys[0] != task else "-"
        if not first and carried is not None:
            row = {**row, **{h: v for h, v in carried.items() if not _cell(row, h)}}
        elif first:
            carried = {}
        if carried is not None:
            for column in _SPANNING:
                header = columns.get(column)
                if header is not None and _cell(row, header):
                    carried[header] = row[header]
        yield row


# "other relevant parties", "other Federal partners", "other stakeholders": not a body
_OTHERS = re.compile(
    r"^(?:and\s+)?(?:all\s+|any\s+)?other\b.*\b(?:parties|partners|stakeholders|entities|"
    r"organi[sz]ations|bodies)$|^(?:其他|其它)(?:有关|相关)?(?:部门|单位|方面)$",
    re.IGNORECASE,
)


def _named(mentions: list[DepartmentMention]) -> list[DepartmentMention]:
    """The mentions of a cell without "other relevant parties" and the like."""
    return [m for m in mentions if not _OTHERS.match(m.text.strip())]


_DEADLINE_HEADER = dict(_KEYWORDS)["deadline"]


def _names_a_date(header: str | None) -> bool:
    """True for a lead column whose header names the date too ("Lead (position) & Target
    Date", "Responsibility and timeline")."""
    return header is not None and bool(_DEADLINE_HEADER.search(fold(header)))


def _dated_cell(cell: str, plan_date: date | None) -> tuple[str, Deadline | None]:
    """A lead cell that holds a date among its bodies ("PPB March 2012 PA"): the bodies, one
    list, and the date read as the row's deadline; the cell as it is when it holds none."""
    found = parse_deadline(cell, plan_date=plan_date)
    if found is None or found.due is None:
        return cell, None
    a, b = found.span
    names = [part.strip(" ,;-–—") for part in (cell[:a], cell[b:])]
    return ", ".join(n for n in names if n), found


def _subject(text: str, chinese: bool, directory: DepartmentDirectory) -> list[DepartmentMention]:
    """The bodies a row's task names as its subject: known ones, collectives, and in English a
    subject that is a body's name ("NARA will …", "Research Services plans to …")."""
    if chinese:
        start = _plan_zh.strip_number(text, 0, len(text))
        h = _plan_zh.head(text, start, len(text))
        span = h.subject if h is not None else None
    else:
        clauses = _plan_en.analyse(text).clauses
        span = clauses[0].subject if clauses and not clauses[0].passive else None
    if span is None:
        return []
    gazetteer = Gazetteer.default()
    words = text[span[0] : span[1]]
    return [
        m
        for m in ([] if is_speaker(words) else resolve_names(directory, words))
        if m.department is not None
        or gazetteer.body(m.text).collective
        or (not chinese and _plan_words.names_a_body(m.text) and _plan_words.heads_a_body(m.text))
    ]


def _partners(text: str, directory: DepartmentDirectory) -> list[DepartmentMention]:
    """The co-operating bodies an English task names in its own words ("work with X to …")."""
    out: list[DepartmentMention] = []
    for assignment in _plan_en.analyse(text).assignments:
        for a, b in assignment.cooperating:
            out += _named(resolve_names(directory, text[a:b]))
    return out


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
