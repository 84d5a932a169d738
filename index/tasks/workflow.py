"""The status workflow: which status may follow which, and what a change sets on a task."""

from __future__ import annotations

from datetime import date
from typing import Any

from index.store.database import StoreError
from index.tasks.records import TaskChange, TaskView, plain

STATUSES = ("not_started", "in_progress", "completed", "suspended")
# Which status may follow which: a completed task can be reopened, a suspended one resumed.
TRANSITIONS = {
    "not_started": {"in_progress", "completed", "suspended"},
    "in_progress": {"completed", "suspended", "not_started"},
    "completed": {"in_progress"},
    "suspended": {"in_progress", "not_started"},
}


class TaskError(StoreError):
    """A change the ledger refuses (bad status, progress out of range, …)."""


class ConflictError(TaskError):
    """The task changed since the caller read it (optimistic concurrency)."""


def apply_change(task: TaskView, change: TaskChange, on: date) -> dict[str, Any]:
    """The fields a change sets, checked against the workflow.

    Args:
        task: the task as stored.
        change: what the user asks for.
        on: the day a completion is recorded.

    Returns:
        The columns to update with their new values (empty when nothing changes).

    Raises:
        TaskError: for an unknown status, a transition the workflow forbids, a progress
            outside 0-100 (or 100 without completing the task, or under 100 with it), or a
            completion date on a task that is not completed or in the future.
    """
    new: dict[str, Any] = {}
    status = change.status
    if status is not None and status != task.status:
        if status not in STATUSES:
            raise TaskError(f"status {status!r}: use one of {', '.join(STATUSES)}")
        if status not in TRANSITIONS[task.status]:
            raise TaskError(f"T-{task.number} cannot go from {task.status} to {status}")
        new["status"] = status
    progress = change.progress
    if progress is not None:
        if not 0 <= progress <= 100:
            raise TaskError(f"progress {progress}: give a percentage from 0 to 100")
        if progress != task.progress:
            new["progress"] = progress
    final = new.get("status", task.status)
    if final == "completed" and progress is not None and progress < 100:
        raise TaskError(
            f"T-{task.number}: completed means 100 % done, not {progress} %; give progress 100 "
            "or keep the task in progress"
        )
    if change.completed_on is not None:
        if final != "completed":
            raise TaskError(f"T-{task.number}: a completion date needs status completed")
        if change.completed_on > on:
            raise TaskError(f"T-{task.number}: completed on {change.completed_on} is in the future")
    if final == "completed":
        new["progress"] = 100
        if task.status != "completed" or change.completed_on is not None:
            new["completed_on"] = (change.completed_on or on).isoformat()
    elif task.status == "completed":
        new["completed_on"] = None  # reopened
        if new.get("progress", task.progress) == 100:
            new["progress"] = 90
    elif new.get("progress") == 100:
        raise TaskError(f"progress 100 means completed: set T-{task.number} to completed")
    if change.note is not None and change.note.strip() != task.note:
        new["note"] = change.note.strip()
    if new.get("progress", 0) and final == "not_started" and "status" not in new:
        new["status"] = "in_progress"  # reported progress means the work has started
    return {k: v for k, v in new.items() if plain(getattr(task, k)) != v}
