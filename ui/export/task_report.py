"""The progress report (通报) as DOCX and XLSX, in the plan's language, each item with its source
(the plan and the item's number, and a link into the app when its address is given).

A Chinese report follows the form of a 通报: dates written 2025年3月1日, sections
numbered 一、二、, the items of a section numbered （一）（二）, each followed by
牵头单位：…；完成时限：…；进度：…；出处：….
"""

from __future__ import annotations

import io
import re
from datetime import date
from urllib.parse import urlencode

from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl.styles import Font, PatternFill

from index.tasks.records import TaskView
from index.tasks.reports import NO_LEAD, DepartmentProgress, ProgressReport
from ingest.numbering import to_chinese_numeral
from ui.export.authored import new_docx, new_workbook, workbook_bytes
from ui.i18n import text_in

# the stops and numbering marks a field may end with
_END_MARKS = re.compile(r"[\s。．.；;，,、：:]+$")
# a plan item's bare number: 1．, 1., 1、
_NUMBERED = re.compile(r"(\d+)\s*[．.、]")

LABELS = {
    "zh": {
        "title": "重点工作任务进展情况通报",
        "as_of": "截至{date}",
        "summary": "共{total}项任务：已完成{completed}项（{rate:.0%}），推进中{in_progress}项，"
        "未启动{not_started}项，暂停{suspended}项；逾期{overdue}项，14日内到期{due_soon}项。",
        "by_department": "一、各牵头单位完成情况",
        "overdue": "二、逾期未完成任务",
        "completed": "三、{since}以来完成的任务",
        "completed_first": "三、已完成的任务",
        "due_soon": "四、14日内到期的任务",
        "none": "无。",
        "no_lead": "未明确牵头单位",
        "columns": ["牵头单位", "任务数", "已完成", "推进中", "未启动", "暂停", "逾期", "完成率"],
        "item": ["编号", "任务", "牵头单位", "完成时限", "进度", "出处"],
        "sheets": ["汇总", "逾期", "已完成", "即将到期"],
    },
    "en": {
        "title": "Progress report on the task-division plan",
        "as_of": "As of {date}",
        "summary": "{total} tasks: {completed} completed ({rate:.0%}), {in_progress} in progress, "
        "{not_started} not started, {suspended} suspended; {overdue} overdue, {due_soon} due "
        "within 14 days.",
        "by_department": "1. Completion by lead department",
        "overdue": "2. Overdue tasks",
        "completed": "3. Tasks completed since {since}",
        "completed_first": "3. Completed tasks",
        "due_soon": "4. Tasks due within 14 days",
        "none": "None.",
        "no_lead": "(no lead department)",
        "columns": [
            "Lead department",
            "Tasks",
            "Completed",
            "In progress",
            "Not started",
            "Suspended",
            "Overdue",
            "Rate",
        ],
        "item": ["No.", "Task", "Lead", "Deadline", "Progress", "Source"],
        "sheets": ["summary", "overdue", "completed", "due soon"],
    },
}


def _counts(d: DepartmentProgress, words: dict) -> list[object]:
    """A department's row of the summary table, before its completion rate."""
    return [
        d.department if d.department != NO_LEAD else words["no_lead"],
        d.total,
        d.completed,
        d.in_progress,
        d.not_started,
        d.suspended,
        d.overdue,
    ]


def _summary(report: ProgressReport, words: dict) -> str:
    t = report.total
    return words["summary"].format(
        total=t.total,
        completed=t.completed,
        rate=t.rate,
        in_progress=t.in_progress,
        not_started=t.not_started,
        suspended=t.suspended,
        overdue=t.overdue,
        due_soon=t.due_soon,
    )


def _day(report: ProgressReport, day: date) -> str:
    """A date as the report's language writes it: 2025年3月1日, or 2025-03-01."""
    return f"{day.year}年{day.month}月{day.day}日" if report.language == "zh" else day.isoformat()


def _ordinal(report: ProgressReport, n: int) -> str:
    """An item's number within its section: （一）, or 1."""
    return f"（{to_chinese_numeral(n)}）" if report.language == "zh" else f"{n}. "


def _details(report: ProgressReport, words: dict, row: list[str]) -> str:
    """牵头单位：…；完成时限：…；进度：…；出处：…。 (English: "Lead: … · Deadline: …")."""
    _, _, lead, deadline, progress, source = row
    names = words["item"][2:]
    if report.language == "zh":
        pairs = zip(names, (lead, deadline, progress, source), strict=True)
        return "；".join(f"{name}：{_bare(value)}" for name, value in pairs) + "。"
    pairs = zip(names, (lead, deadline, progress, source), strict=True)
    return " · ".join(f"{name}: {value}" for name, value in pairs)


def _bare(value: str) -> str:
    """A field's value without the stop it may end with (a note "已形成初稿。", a number "1．"):
    the separator after it, "；" or the closing "。", is the only stop (never "初稿。；")."""
    return _END_MARKS.sub("", value)


def _label(report: ProgressReport, label: str) -> str:
    """An item's number in its plan as a reader names it: a bare "1．" or "1." reads 第1项 in a
    Chinese report (never "1．。"), 1 in an English one; other labels ("（一）") as they are."""
    found = _NUMBERED.fullmatch(label.strip())
    if not found:
        return label
    return f"第{found[1]}项" if report.language == "zh" else found[1]


def _sections(report: ProgressReport, words: dict) -> list[tuple[str, tuple[TaskView, ...]]]:
    completed = (
        words["completed"].format(since=_day(report, report.since))
        if report.since
        else words["completed_first"]
    )
    return [
        (words["overdue"], report.overdue),
        (completed, report.completed_since),
        (words["due_soon"], report.due_soon),
    ]


def _source(report: ProgressReport, task: TaskView, app_url: str | None) -> str:
    source = report.sources[task.task_id]
    text = f"{source.title} {_label(report, source.label)}".strip()
    if app_url and source.document_id:
        params = {"doc": source.document_id}
        if source.provision_id:
            params["art"] = source.provision_id
        text += f" — {app_url.rstrip('/')}/documents?{urlencode(params)}"
    return text


def _item_row(report: ProgressReport, task: TaskView, app_url: str | None) -> list[str]:
    return [
        text_in(report.language, "tasks.number", number=task.number),
        task.text,
        "、".join(task.lead) if report.language == "zh" else ", ".join(task.lead),
        task.deadline_text or (_day(report, task.deadline) if task.deadline else ""),
        f"{task.progress}% {task.note}".strip(),
        _source(report, task, app_url),
    ]


def report_docx(report: ProgressReport, *, app_url: str | None = None) -> bytes:
    """The report as a Word document."""
    words = LABELS[report.language]
    doc = new_docx(str(words["title"]), report.language)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    # Chinese text needs an East Asian font named on the style, or Word falls back oddly.
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "SimSun")
    doc.add_heading(words["title"], level=0)
    doc.add_paragraph(
        words["as_of"].format(date=_day(report, report.as_of)) + " · " + "；".join(report.plans)
    )
    doc.add_paragraph(_summary(report, words))
    doc.add_heading(words["by_department"], level=1)
    table = doc.add_table(rows=1, cols=len(words["columns"]))
    table.style = "Light Grid Accent 1"
    for cell, name in zip(table.rows[0].cells, words["columns"], strict=True):
        cell.text = name
    for d in report.departments:
        cells = table.add_row().cells
        for cell, value in zip(cells, [*_counts(d, words), f"{d.rate:.0%}"], strict=True):
            cell.text = str(value)
    for heading, tasks in _sections(report, words):
        doc.add_heading(heading, level=1)
        if not tasks:
            doc.add_paragraph(words["none"])
            continue
        for n, task in enumerate(tasks, start=1):
            row = _item_row(report, task, app_url)
            p = doc.add_paragraph()
            p.add_run(f"{_ordinal(report, n)}{row[0]} ").bold = True
            p.add_run(row[1])
            doc.add_paragraph(_details(report, words, row))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def report_xlsx(report: ProgressReport, *, app_url: str | None = None) -> bytes:
    """The report as a workbook: a summary sheet by department and one sheet per list."""
    words = LABELS[report.language]
    book = new_workbook(str(words["title"]), report.language)
    ws = book.active
    ws.title = words["sheets"][0]
    ws.append([words["title"], words["as_of"].format(date=_day(report, report.as_of))])
    ws.append([_summary(report, words)])
    ws.append([])
    ws.append(words["columns"])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for d in report.departments:
        ws.append([*_counts(d, words), round(d.rate, 4)])
        if d.overdue:
            ws.cell(ws.max_row, 7).fill = PatternFill("solid", fgColor="F8D7DA")
    ws.column_dimensions["A"].width = 30
    for name, (heading, tasks) in zip(words["sheets"][1:], _sections(report, words), strict=True):
        sheet = book.create_sheet(name)
        sheet.append([heading])
        sheet.append(words["item"])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for task in tasks:
            sheet.append(_item_row(report, task, app_url))
        sheet.column_dimensions["B"].width = 80
        sheet.column_dimensions["F"].width = 50
    return workbook_bytes(book)
