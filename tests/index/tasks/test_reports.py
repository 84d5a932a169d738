"""The progress report (通报): counts by lead department, the overdue and due-soon lists, what was
completed since the previous recorded report, its DOCX and XLSX forms in the plan's language, and
completion over time."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from docx import Document as DocxDocument

from index.accounts import PermissionDenied, Role, User
from index.store.database import Store
from index.tasks.ledger import Ledger
from index.tasks.records import TaskChange, TaskRecord
from index.tasks.reports import completion_over_time, progress_report, record_report
from nlp.bodies.gazetteer import Gazetteer
from ui.export.task_report import report_docx, report_xlsx

ADMIN = User("ada", Role.ADMIN)
ON = date(2025, 3, 1)
ZH_PLAN = "zh-plan"
ZH_TITLE = "示例省安全生产重点工作分工方案"
EMERGENCY = "示例省应急管理厅"
POLICE = "示例省公安厅"
NO_LEAD = ""  # the row of tasks with no lead department, as index.tasks.reports keeps it
NO_LEAD_ZH = "未明确牵头单位"  # and as a Chinese report words it

# key -> (label, text, lead, deadline offset from ON in days, status, completed on)
ZH_TASKS = {
    "a": ("（一）", "完善安全生产责任制", (EMERGENCY,), -10, "not_started", None),
    "b": ("（二）", "开展隐患排查治理", (EMERGENCY, POLICE), 5, "in_progress", None),
    "c": ("（三）", "加强道路运输安全管理", (POLICE,), -3, "completed", date(2025, 2, 20)),
    "d": ("（四）", "健全应急预案体系", (), None, "suspended", None),
}


def _records(tasks: dict[str, tuple]) -> list[TaskRecord]:
    return [
        TaskRecord(
            key,
            text,
            label=label,
            lead=lead,
            deadline=None if days is None else ON + timedelta(days=days),
            deadline_kind="none" if days is None else "date",
        )
        for key, (label, text, lead, days, _, _) in tasks.items()
    ]


def _set_states(ledger: Ledger, plan_id: str, tasks: dict[str, tuple]) -> None:
    for key, (*_, status, completed_on) in tasks.items():
        if status != "not_started":
            ledger.update(
                ADMIN, f"{plan_id}#{key}", TaskChange(status=status), on=completed_on or ON
            )


@pytest.fixture()
def ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Ledger]:
    # the ledger's changes are recorded on the morning of ON: reports read the history by date
    monkeypatch.setattr(
        "index.tasks.ledger._now", lambda: f"{ON.isoformat()}T09:00:00.000000+00:00"
    )
    with Store(tmp_path / "reports.sqlite") as store:
        led = Ledger(store)
        led.save_plan(ADMIN, ZH_PLAN, ZH_TITLE, _records(ZH_TASKS))
        _set_states(led, ZH_PLAN, ZH_TASKS)
        yield led


def number(ledger: Ledger, key: str, plan_id: str = ZH_PLAN) -> str:
    """A task's number as its report shows it: 任务N in a Chinese plan's, T-N in an English's."""
    prefix = "T-" if plan_id == "en" else "任务"
    return f"{prefix}{ledger.task(f'{plan_id}#{key}').number}"


# -- counting -------------------------------------------------------------------------------------
def test_counts_by_lead_department_with_a_two_lead_task_in_both(ledger: Ledger) -> None:
    report = progress_report(ledger, ON, ZH_PLAN)
    rows = {
        d.department: (
            d.total,
            d.completed,
            d.in_progress,
            d.not_started,
            d.suspended,
            d.overdue,
            d.due_soon,
        )
        for d in report.departments
    }
    assert rows == {
        EMERGENCY: (2, 0, 1, 1, 0, 1, 1),
        POLICE: (2, 1, 1, 0, 0, 0, 1),
        NO_LEAD: (1, 0, 0, 0, 1, 0, 0),
    }
    # most overdue first, then the lowest completion rate
    assert [d.department for d in report.departments] == [EMERGENCY, NO_LEAD, POLICE]
    assert {d.department: d.rate for d in report.departments}[POLICE] == 0.5
    # the total counts each task once
    t = report.total
    assert (t.total, t.completed, t.in_progress, t.not_started, t.suspended) == (4, 1, 1, 1, 1)
    assert (t.overdue, t.due_soon, t.rate) == (1, 1, 0.25)
    assert report.plans == (ZH_TITLE,)
    assert report.language == "zh"


def test_overdue_and_due_soon_lists_follow_the_date(ledger: Ledger) -> None:
    report = progress_report(ledger, ON, ZH_PLAN)
    assert [t.task_id for t in report.overdue] == [f"{ZH_PLAN}#a"]
    assert [t.task_id for t in report.due_soon] == [f"{ZH_PLAN}#b"]
    # ten days later b is overdue too; c, though past its deadline, is completed
    later = progress_report(ledger, ON + timedelta(days=10), ZH_PLAN)
    assert [t.task_id for t in later.overdue] == [f"{ZH_PLAN}#a", f"{ZH_PLAN}#b"]
    assert later.due_soon == ()
    # on a day long before every deadline nothing is overdue
    early = progress_report(ledger, ON - timedelta(days=60), ZH_PLAN)
    assert early.overdue == ()
    assert early.total.overdue == 0


def test_completed_since_the_previous_recorded_report(ledger: Ledger) -> None:
    first = progress_report(ledger, ON, ZH_PLAN)
    assert first.since is None
    assert [t.task_id for t in first.completed_since] == [f"{ZH_PLAN}#c"]
    record_report(ledger, ADMIN, first, ZH_PLAN)

    ledger.update(ADMIN, f"{ZH_PLAN}#a", TaskChange(status="completed"), on=date(2025, 3, 10))
    second = progress_report(ledger, date(2025, 3, 15), ZH_PLAN)
    assert second.since == ON
    assert [t.task_id for t in second.completed_since] == [f"{ZH_PLAN}#a"]
    # a report dated before a completion does not list it
    between = progress_report(ledger, date(2025, 3, 5), ZH_PLAN)
    assert between.since == ON
    assert between.completed_since == ()
    # a report not recorded does not move "since"; a recorded one does
    assert progress_report(ledger, date(2025, 3, 20), ZH_PLAN).since == ON
    record_report(ledger, ADMIN, second, ZH_PLAN)
    third = progress_report(ledger, date(2025, 3, 20), ZH_PLAN)
    assert third.since == date(2025, 3, 15)
    assert third.completed_since == ()


def test_reports_of_another_plan_do_not_move_since(ledger: Ledger) -> None:
    ledger.save_plan(ADMIN, "en-plan", "Work plan", [TaskRecord("x", "Do it")])
    record_report(ledger, ADMIN, progress_report(ledger, ON, "en-plan"), "en-plan")
    report = progress_report(ledger, date(2025, 3, 15), ZH_PLAN)
    assert report.since is None
    assert [t.task_id for t in report.completed_since] == [f"{ZH_PLAN}#c"]


def test_a_report_on_one_plan_does_not_hide_completions_from_the_all_plans_report(
    ledger: Ledger,
) -> None:
    ledger.save_plan(ADMIN, "en-plan", "Work plan", [TaskRecord("x", "Do it")])
    record_report(ledger, ADMIN, progress_report(ledger, ON, "en-plan"), "en-plan")
    report = progress_report(ledger, date(2025, 3, 15))  # every plan; none reported yet
    assert report.since is None
    assert [t.task_id for t in report.completed_since] == [f"{ZH_PLAN}#c"]


@pytest.mark.parametrize(
    "actor",
    [User("dora", Role.DEPARTMENT, "示例省应急管理厅"), User("vic", Role.VIEWER)],
    ids=["department", "viewer"],
)
def test_only_admins_record_a_report(ledger: Ledger, actor: User) -> None:
    report = progress_report(ledger, ON, ZH_PLAN)
    with pytest.raises(PermissionDenied):
        record_report(ledger, actor, report, ZH_PLAN)
    assert progress_report(ledger, date(2025, 3, 15), ZH_PLAN).since is None


def test_one_department_written_two_ways_is_one_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("index.tasks.ledger._now", lambda: f"{ON.isoformat()}T09:00:00+00:00")
    # as extraction gives them: "省应急管理厅" in 示例省's plan is 示例省应急管理厅
    province = Gazetteer.default().body("省应急管理厅", plan_region="示例省").to_dict()
    with Store(tmp_path / "alias.sqlite") as store:
        led = Ledger(store)
        led.save_plan(
            ADMIN,
            "p",
            ZH_TITLE,
            [
                TaskRecord("x", "任务一", lead=(EMERGENCY,)),
                TaskRecord("y", "任务二", lead=("省应急管理厅",), lead_bodies=(province,)),
            ],
        )
        assert led.task("p#x").lead_ids == led.task("p#y").lead_ids
        led.update(ADMIN, "p#x", TaskChange(status="completed"), on=ON)
        report = progress_report(led, ON, "p")
    assert [(d.total, d.completed) for d in report.departments] == [(2, 1)]


# -- DOCX and XLSX --------------------------------------------------------------------------------
def docx_text(data: bytes) -> tuple[list[str], list[list[str]]]:
    """The paragraphs and the first table's rows of a Word document."""
    doc = DocxDocument(io.BytesIO(data))
    paragraphs = [p.text for p in doc.paragraphs]
    table = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    return paragraphs, table


def test_docx_report_in_chinese(ledger: Ledger) -> None:
    report = progress_report(ledger, ON, ZH_PLAN)
    paragraphs, table = docx_text(report_docx(report))
    text = "\n".join(paragraphs)
    assert paragraphs[0] == "重点工作任务进展情况通报"
    assert f"截至2025年3月1日 · {ZH_TITLE}" in paragraphs
    assert (
        "共4项任务：已完成1项（25%），推进中1项，未启动1项，暂停1项；逾期1项，14日内到期1项。"
        in paragraphs
    )
    for heading in (
        "一、各牵头单位完成情况",
        "二、逾期未完成任务",
        "三、已完成的任务",
        "四、14日内到期的任务",
    ):
        assert heading in paragraphs
    # the overdue item with its T-number and its source (the plan and the printed label)
    overdue = paragraphs.index("二、逾期未完成任务")
    completed = paragraphs.index("三、已完成的任务")
    section = "\n".join(paragraphs[overdue:completed])
    # items numbered （一）（二） in their section, each with 牵头单位：…；完成时限：…
    assert f"（一）{number(ledger, 'a')} 完善安全生产责任制" in section
    assert "牵头单位：" in section and "；完成时限：" in section
    assert f"{ZH_TITLE} （一）" in section
    assert number(ledger, "b") not in section
    assert f"{number(ledger, 'c')} 加强道路运输安全管理" in text
    assert table[0] == [
        "牵头单位",
        "任务数",
        "已完成",
        "推进中",
        "未启动",
        "暂停",
        "逾期",
        "完成率",
    ]
    assert table[1:] == [
        [EMERGENCY, "2", "0", "1", "1", "0", "1", "0%"],
        [NO_LEAD_ZH, "1", "0", "0", "0", "1", "0", "0%"],
        [POLICE, "2", "1", "1", "0", "0", "0", "50%"],
    ]


def test_a_report_as_of_a_past_day_leaves_out_later_changes(ledger: Ledger) -> None:
    later = f"{(ON + timedelta(days=5)).isoformat()}T10:00:00+00:00"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("index.tasks.ledger._now", lambda: later)
        ledger.update(ADMIN, f"{ZH_PLAN}#a", TaskChange(status="completed"), on=ON + timedelta(5))
    before = progress_report(ledger, ON, ZH_PLAN)
    after = progress_report(ledger, ON + timedelta(days=5), ZH_PLAN)
    assert (before.total.completed, after.total.completed) == (1, 2)
    assert f"{ZH_PLAN}#a" in {t.task_id for t in before.overdue}


def test_docx_report_in_english_names_since_and_links_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("index.tasks.ledger._now", lambda: f"{ON.isoformat()}T09:00:00+00:00")
    tasks = {
        "one": ("1", "Revise the emergency plans", ("MEM",), -2, "in_progress", None),
        "two": ("2", "Train inspectors", ("MEM",), 30, "completed", date(2025, 2, 27)),
    }
    with Store(tmp_path / "en.sqlite") as store:
        led = Ledger(store)
        led.save_plan(ADMIN, "en", "Work Safety Plan 2025", _records(tasks))
        _set_states(led, "en", tasks)
        record_report(led, ADMIN, progress_report(led, date(2025, 2, 25), "en"), "en")
        report = progress_report(led, ON, "en")
        paragraphs, table = docx_text(report_docx(report, app_url="http://app.example/"))
        one = number(led, "one", "en")
    assert report.language == "en"
    assert paragraphs[0] == "Progress report on the task-division plan"
    assert (
        "2 tasks: 1 completed (50%), 1 in progress, 0 not started, 0 suspended; "
        "1 overdue, 0 due within 14 days." in paragraphs
    )
    assert "2. Overdue tasks" in paragraphs
    assert "3. Tasks completed since 2025-02-25" in paragraphs
    assert f"1. {one} Revise the emergency plans" in paragraphs
    assert any("Source: Work Safety Plan 2025 1" in p for p in paragraphs)
    assert table[0][0] == "Lead department"
    assert table[1] == ["MEM", "2", "1", "1", "0", "0", "1", "50%"]


def test_xlsx_report_has_one_sheet_per_list(ledger: Ledger) -> None:
    report = progress_report(ledger, ON, ZH_PLAN)
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(report)))
    assert book.sheetnames == ["汇总", "逾期", "已完成", "即将到期"]
    summary = [list(r) for r in book["汇总"].iter_rows(values_only=True)]
    assert summary[0][:2] == ["重点工作任务进展情况通报", "截至2025年3月1日"]
    assert summary[1][0].startswith("共4项任务：已完成1项")
    assert summary[3][:8] == [
        "牵头单位",
        "任务数",
        "已完成",
        "推进中",
        "未启动",
        "暂停",
        "逾期",
        "完成率",
    ]
    assert [r[:8] for r in summary[4:]] == [
        [EMERGENCY, 2, 0, 1, 1, 0, 1, 0],
        [NO_LEAD_ZH, 1, 0, 0, 0, 1, 0, 0],
        [POLICE, 2, 1, 1, 0, 0, 0, 0.5],
    ]

    def rows(sheet: str) -> list[list[object]]:
        return [list(r) for r in book[sheet].iter_rows(min_row=3, values_only=True)]

    header = ["编号", "任务", "牵头单位", "完成时限", "进度", "出处"]
    for sheet in ("逾期", "已完成", "即将到期"):
        assert [c.value for c in book[sheet][2]] == header
    assert rows("逾期") == [
        [
            number(ledger, "a"),
            "完善安全生产责任制",
            EMERGENCY,
            "2025年2月19日",
            "0%",
            f"{ZH_TITLE} （一）",
        ]
    ]
    assert [r[0] for r in rows("已完成")] == [number(ledger, "c")]
    assert rows("已完成")[0][4] == "100%"
    assert [r[0] for r in rows("即将到期")] == [number(ledger, "b")]
    assert rows("即将到期")[0][2] == f"{EMERGENCY}、{POLICE}"
    assert book["逾期"]["A1"].value == "二、逾期未完成任务"


# -- completion over time -------------------------------------------------------------------------
def test_completion_over_time_is_cumulative(ledger: Ledger) -> None:
    ledger.update(ADMIN, f"{ZH_PLAN}#a", TaskChange(status="completed"), on=date(2025, 3, 10))
    ledger.update(ADMIN, f"{ZH_PLAN}#b", TaskChange(status="completed"), on=date(2025, 3, 4))
    points = completion_over_time(ledger.tasks(plan_id=ZH_PLAN))
    assert points == [
        {"date": "2025-02-20", "completed": 1, "share": 0.25},
        {"date": "2025-03-04", "completed": 2, "share": 0.5},
        {"date": "2025-03-10", "completed": 3, "share": 0.75},
    ]
    assert completion_over_time([]) == []


def test_completion_over_time_has_one_point_per_day(ledger: Ledger) -> None:
    ledger.update(ADMIN, f"{ZH_PLAN}#a", TaskChange(status="completed"), on=date(2025, 3, 4))
    ledger.update(ADMIN, f"{ZH_PLAN}#b", TaskChange(status="completed"), on=date(2025, 3, 4))
    points = completion_over_time(ledger.tasks(plan_id=ZH_PLAN))
    assert [(p["date"], p["completed"]) for p in points] == [
        ("2025-02-20", 1),
        ("2025-03-04", 3),
    ]
