"""The periodic progress report (通报) on a plan's tasks for a date: completion by department,
overdue items, items completed since the last report, what falls due soon; and completion over
time for the tasks page."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from index.accounts import Permission, User, require
from index.tasks.ledger import Ledger
from index.tasks.records import TaskView


@dataclass(frozen=True, slots=True)
class DepartmentProgress:
    """One lead department's tasks on the report date."""

    department: str
    total: int
    completed: int
    in_progress: int
    not_started: int
    suspended: int
    overdue: int
    due_soon: int

    @property
    def rate(self) -> float:
        return self.completed / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class Source:
    """Where a task's text stands: the plan's document and provision, for a link back."""

    title: str
    document_id: str | None
    provision_id: str | None
    label: str


@dataclass(frozen=True, slots=True)
class ProgressReport:
    as_of: date
    since: date | None  # the previous report's date, if any
    plans: tuple[str, ...]  # titles
    departments: tuple[DepartmentProgress, ...]
    total: DepartmentProgress
    overdue: tuple[TaskView, ...]
    due_soon: tuple[TaskView, ...]
    completed_since: tuple[TaskView, ...]
    sources: dict[str, Source]

    @property
    def language(self) -> str:
        return _language(self.plans)


def progress_report(ledger: Ledger, as_of: date, plan_id: str | None = None) -> ProgressReport:
    """The report on ``as_of`` for one plan (or all plans), from the ledger as it stood at the end
    of that day: a change recorded later (a status, progress or completion) is not counted, and
    a task added later is not listed."""
    tasks = as_of_day(ledger, ledger.tasks(plan_id=plan_id), as_of)
    plans = {p["plan_id"]: p for p in ledger.plans() if plan_id is None or p["plan_id"] == plan_id}
    since_row = ledger.db.execute(
        "SELECT MAX(as_of) FROM task_reports WHERE as_of < ? AND plan_id IS ?",
        (as_of.isoformat(), plan_id),
    ).fetchone()
    since = date.fromisoformat(since_row[0]) if since_row and since_row[0] else None
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    shown: dict[str, str] = {}  # department id -> the first spelling met, for the report
    for task in tasks:
        urgency = task.urgency(as_of)
        # One row per lead body however it was spelt (示例省应急管理厅, 省应急管理厅), never per
        # kind: a city's bureau and the province's department are two rows.
        ids = dict(reversed(_lead_keys(task)))
        for ident, name in ids.items():
            shown.setdefault(ident, name)
        for department in sorted(shown[i] for i in ids) or [NO_LEAD]:
            row = counts[department]
            row["total"] += 1
            row[task.status] += 1
            if urgency:
                row[urgency] += 1
    departments = tuple(
        sorted(
            (_progress(name, row) for name, row in counts.items()),
            key=lambda d: (-d.overdue, d.rate, d.department),
        )
    )
    total: dict[str, int] = defaultdict(int)
    for task in tasks:
        total["total"] += 1
        total[task.status] += 1
        if task.urgency(as_of):
            total[task.urgency(as_of)] += 1
    return ProgressReport(
        as_of=as_of,
        since=since,
        plans=tuple(p["title"] for p in plans.values()),
        departments=departments,
        total=_progress("all", total),
        overdue=tuple(t for t in tasks if t.urgency(as_of) == "overdue"),
        due_soon=tuple(t for t in tasks if t.urgency(as_of) == "due_soon"),
        completed_since=tuple(
            t
            for t in tasks
            if t.completed_on
            and (since is None or t.completed_on > since)
            and t.completed_on <= as_of
        ),
        sources={t.task_id: _source(t, plans) for t in tasks},
    )


def as_of_day(ledger: Ledger, tasks: list[TaskView], day: date) -> list[TaskView]:
    """The tasks as they stood at the end of ``day``: changes to status, progress, note and
    completion recorded later are undone from the audit history (a task saved later shows its
    first state: nothing had been reported on it)."""
    end = f"{day.isoformat()}T23:59:59.999999+00:00"
    out = []
    for task in tasks:
        rows = ledger.db.execute(
            "SELECT at, field, old FROM task_history WHERE task_id=? ORDER BY id DESC",
            (task.task_id,),
        ).fetchall()
        values: dict[str, Any] = {}
        for at, name, old in rows:
            if at > end and name in _REPLAYED:
                values[name] = json.loads(old) if old is not None else None
        if "completed_on" in values and values["completed_on"] is not None:
            values["completed_on"] = date.fromisoformat(str(values["completed_on"]))
        out.append(replace(task, **values) if values else task)
    return out


_REPLAYED = ("status", "progress", "note", "completed_on")
NO_LEAD = ""
"""The department row of tasks that name no lead department (each export words it)."""


def _lead_keys(task: TaskView) -> list[tuple[str, str]]:
    """(body key, name as written) of each lead body; a task saved before bodies were kept
    falls back to its names."""
    if task.lead_bodies:
        return [(b["key"], b["name"]) for b in task.lead_bodies]
    return [(name, name) for name in task.lead]


def record_report(ledger: Ledger, actor: User, report: ProgressReport, plan_id: str | None) -> None:
    """Remember that a report for this date was sent, so the next one lists what was
    completed since.

    Raises:
        PermissionDenied: unless the actor may manage plans.
    """
    require(actor, Permission.MANAGE_PLANS)
    ledger.db.execute(
        "INSERT INTO task_reports (plan_id, as_of, created_at, created_by) VALUES (?,?,?,?)",
        (
            plan_id,
            report.as_of.isoformat(),
            datetime.now(UTC).isoformat(timespec="seconds"),
            actor.username,
        ),
    )


def completion_over_time(tasks: list[TaskView]) -> list[dict[str, object]]:
    """Cumulative completed tasks by completion date."""
    per_day: dict[date, int] = defaultdict(int)
    for t in tasks:
        if t.completed_on:
            per_day[t.completed_on] += 1
    out, total = [], 0
    for day in sorted(per_day):
        total += per_day[day]
        out.append({"date": day.isoformat(), "completed": total, "share": total / len(tasks)})
    return out


def _language(titles: object) -> str:
    text = "".join(titles)  # type: ignore[arg-type]
    return "zh" if any("\u3400" <= ch <= "\u9fff" for ch in text) else "en"


def _progress(name: str, row: dict[str, int]) -> DepartmentProgress:
    return DepartmentProgress(
        department=name,
        total=row["total"],
        completed=row["completed"],
        in_progress=row["in_progress"],
        not_started=row["not_started"],
        suspended=row["suspended"],
        overdue=row["overdue"],
        due_soon=row["due_soon"],
    )


def _source(task: TaskView, plans: dict[str, dict]) -> Source:
    plan = plans.get(task.plan_id, {})
    return Source(
        title=str(plan.get("title", task.plan_id)),
        document_id=plan.get("document_id"),
        provision_id=task.provision_id,
        label=task.label or f"T-{task.number}",
    )
