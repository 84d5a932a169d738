"""The ledger's value types: a task as stored, a task to store, a change to one, and what saving a
plan did."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

DUE_SOON_DAYS = 14


@dataclass(frozen=True, slots=True)
class TaskView:
    """One task as stored, with what the date makes of it."""

    task_id: str
    number: int  # a short handle: T-<number>
    plan_id: str
    seq: int
    label: str
    provision_id: str | None
    part: str
    text: str
    action: str
    object: str
    lead: tuple[str, ...]
    cooperating: tuple[str, ...]
    lead_ids: tuple[str, ...]
    unknown: tuple[str, ...]
    laws: tuple[str, ...]
    deadline: date | None
    deadline_kind: str
    deadline_text: str
    status: str
    progress: int
    note: str
    completed_on: date | None
    version: int
    updated_at: str
    updated_by: str
    lead_bodies: tuple[dict[str, Any], ...] = ()  # name, full_name, kind, level, jurisdiction, key
    cooperating_bodies: tuple[dict[str, Any], ...] = ()

    @property
    def lead_keys(self) -> tuple[str, ...]:
        """The keys of the bodies that lead (see :attr:`nlp.bodies.gazetteer.Body.key`)."""
        return tuple(b["key"] for b in self.lead_bodies)

    def urgency(self, on: date) -> str:
        """ "overdue", "due_soon" (within 14 days) or "" for a task on day ``on``."""
        if self.status == "completed" or self.deadline is None:
            return ""
        if self.deadline < on:
            return "overdue"
        if self.deadline <= on + timedelta(days=DUE_SOON_DAYS):
            return "due_soon"
        return ""

    def to_dict(self) -> dict[str, Any]:
        """The CLI's JSON form (DESIGN's contract for tasks; fields are only ever added)."""
        return {
            "task_id": self.task_id,
            "number": self.number,
            "plan_id": self.plan_id,
            "provision_id": self.provision_id,
            "label": self.label,
            "text": self.text,
            "part": self.part,
            "action": self.action,
            "object": self.object,
            "lead": list(self.lead),
            "cooperating": list(self.cooperating),
            "lead_kinds": _kinds(self.lead_bodies),
            "cooperating_kinds": _kinds(self.cooperating_bodies),
            "lead_bodies": list(self.lead_bodies),
            "cooperating_bodies": list(self.cooperating_bodies),
            "unknown_departments": list(self.unknown),
            "laws": list(self.laws),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "deadline_kind": self.deadline_kind,
            "deadline_text": self.deadline_text,
            "status": self.status,
            "progress": self.progress,
            "note": self.note,
            "completed_on": self.completed_on.isoformat() if self.completed_on else None,
            "version": self.version,
        }


@dataclass(frozen=True, slots=True)
class TaskRecord:
    """A task to store, from extraction or from an imported division table."""

    key: str
    text: str
    label: str = ""
    provision_id: str | None = None
    start: int | None = None
    end: int | None = None
    part: str = ""
    action: str = ""
    object: str = ""
    lead: tuple[str, ...] = ()
    cooperating: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    laws: tuple[str, ...] = ()
    deadline: date | None = None
    deadline_kind: str = "none"
    deadline_text: str = ""
    lead_bodies: tuple[dict[str, Any], ...] = ()  # as TaskView's
    cooperating_bodies: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class PlanSaved:
    """What saving a plan did: tasks added, updated (text changed), kept as they were, and
    tasks no longer in the text (kept in the ledger, never deleted with their history)."""

    plan_id: str
    added: int
    updated: int
    unchanged: int
    missing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TaskChange:
    """What a user changes on a task; None leaves a field as it is."""

    status: str | None = None
    progress: int | None = None
    note: str | None = None
    completed_on: date | None = None  # the day the work was done, when not the day it is told
    extra: dict[str, str] = field(default_factory=dict)


def _kinds(bodies: tuple[dict[str, Any], ...]) -> list[str]:
    return list(dict.fromkeys(b["kind"] for b in bodies if b.get("kind")))


def plain(value: Any) -> Any:
    """A task field's value as stored and audited: dates as ISO text, tuples as lists."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value
