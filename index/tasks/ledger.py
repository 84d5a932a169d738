"""The task ledger: a plan's task-division items, their status and progress, who changed what.

Every change to a task writes its audit rows in the same transaction as the change. Audit rows
form one hash chain (each row's hash covers the previous row's hash and its own fields); the
database refuses to update or delete them, and :meth:`Ledger.verify_audit` recomputes the chain.
A department user may change only the tasks its department leads (``require`` with the
department, in ``index/library/accounts.py``).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from index.library.accounts import Permission, PermissionDenied, Role, User, require
from index.store.database import NotFoundError, Store, StoreError
from nlp.plans.departments import DepartmentDirectory

STATUSES = ("not_started", "in_progress", "completed", "suspended")
# Which status may follow which: a completed task can be reopened, a suspended one resumed.
TRANSITIONS = {
    "not_started": {"in_progress", "completed", "suspended"},
    "in_progress": {"completed", "suspended", "not_started"},
    "completed": {"in_progress"},
    "suspended": {"in_progress", "not_started"},
}
DUE_SOON_DAYS = 14
GENESIS = "0" * 64
_TRACKED = ("status", "progress", "note")


class TaskError(StoreError):
    """A change the ledger refuses (bad status, progress out of range, …)."""


class ConflictError(TaskError):
    """The task changed since the caller read it (optimistic concurrency)."""


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
class AuditCheck:
    ok: bool
    rows: int
    problems: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TaskChange:
    """What a user changes on a task; None leaves a field as it is."""

    status: str | None = None
    progress: int | None = None
    note: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def row_hash(
    prev_hash: str, task_id: str, at: str, actor: str, field_: str, old: Any, new: Any
) -> str:
    """The chain hash of one audit row."""
    payload = json.dumps(
        [prev_hash, task_id, at, actor, field_, old, new], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class Ledger:
    """The task tables of one store."""

    def __init__(self, store: Store, directory: DepartmentDirectory | None = None) -> None:
        self.store = store
        self.db = store.db
        self.directory = directory or DepartmentDirectory.default()

    # -- plans -----------------------------------------------------------------------------------
    def save_plan(
        self,
        actor: User,
        plan_id: str,
        title: str,
        records: Sequence[TaskRecord],
        *,
        document_id: str | None = None,
        plan_date: date | None = None,
        source: str = "extracted",
    ) -> PlanSaved:
        """Store a plan's tasks; saving again updates texts and keeps status, progress and
        history (tasks are matched by their stable key).

        Raises:
            PermissionDenied: unless the actor may manage plans (admins).
        """
        require(actor, Permission.MANAGE_PLANS)
        now = _now()
        added = updated = unchanged = 0
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute(
                "INSERT INTO plans (plan_id, document_id, title, plan_date, source, created_at, "
                "created_by) VALUES (?,?,?,?,?,?,?) ON CONFLICT (plan_id) DO UPDATE SET "
                "title=excluded.title, document_id=excluded.document_id, "
                "plan_date=excluded.plan_date",
                (
                    plan_id,
                    document_id,
                    title,
                    plan_date.isoformat() if plan_date else None,
                    source,
                    now,
                    actor.username,
                ),
            )
            known = {
                r["task_id"]: r
                for r in self.db.execute("SELECT * FROM tasks WHERE plan_id=?", (plan_id,))
            }
            seen = set()
            for seq, record in enumerate(records, start=1):
                task_id = f"{plan_id}#{record.key}"
                seen.add(task_id)
                values = self._task_values(record)
                old = known.get(task_id)
                if old is None:
                    self._insert_task(task_id, plan_id, seq, record, values, now, actor)
                    added += 1
                elif any(old[k] != v for k, v in values.items()) or old["seq"] != seq:
                    changed = {k: v for k, v in values.items() if old[k] != v}
                    sets = ", ".join(f"{k}=?" for k in changed)
                    self.db.execute(
                        f"UPDATE tasks SET {sets + ', ' if sets else ''}seq=?, "
                        "version=version+1, updated_at=?, updated_by=? WHERE task_id=?",
                        (*changed.values(), seq, now, actor.username, task_id),
                    )
                    for name in ("text", "lead", "cooperating", "deadline"):
                        if name in changed:
                            self._audit(
                                task_id, actor.username, name, old[name], changed[name], now
                            )
                    self._set_departments(task_id, record)
                    updated += 1
                else:
                    unchanged += 1
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        missing = tuple(sorted(set(known) - seen))
        return PlanSaved(plan_id, added, updated, unchanged, missing)

    def plans(self) -> list[dict[str, Any]]:
        """Every plan with its task count."""
        return [
            dict(r)
            for r in self.db.execute(
                "SELECT p.*, (SELECT COUNT(*) FROM tasks t WHERE t.plan_id=p.plan_id) AS tasks "
                "FROM plans p ORDER BY p.created_at"
            )
        ]

    def delete_plan(self, actor: User, plan_id: str) -> None:
        """Remove a plan and its tasks; their audit rows stay.

        Raises:
            PermissionDenied, NotFoundError.
        """
        require(actor, Permission.MANAGE_PLANS)
        self.db.execute("BEGIN IMMEDIATE")
        gone = self.db.execute("DELETE FROM plans WHERE plan_id=?", (plan_id,)).rowcount
        if not gone:
            self.db.execute("ROLLBACK")
            raise NotFoundError(f"no plan {plan_id!r}; see `policylens tasks list`")
        self._audit(plan_id, actor.username, "plan", "present", "deleted", _now())
        self.db.execute("COMMIT")

    # -- reading ---------------------------------------------------------------------------------
    def tasks(
        self,
        *,
        plan_id: str | None = None,
        department: str | None = None,
        status: Iterable[str] = (),
        part: str | None = None,
    ) -> list[TaskView]:
        """Tasks in plan order, filtered by plan, lead or co-operating department (an id or a
        name), status and part."""
        sql = "SELECT rowid AS number, * FROM tasks t WHERE 1=1"
        params: list[Any] = []
        if plan_id:
            sql += " AND plan_id=?"
            params.append(plan_id)
        if department:
            sql += (
                " AND EXISTS (SELECT 1 FROM task_departments d WHERE d.task_id=t.task_id "
                "AND d.department=?)"
            )
            params.append(self.department_id(department))
        statuses = tuple(status)
        if statuses:
            sql += f" AND status IN ({','.join('?' * len(statuses))})"
            params += statuses
        if part:
            sql += " AND part=?"
            params.append(part)
        sql += " ORDER BY plan_id, seq"
        return [self._view(r) for r in self.db.execute(sql, params)]

    def task(self, ref: str) -> TaskView:
        """One task by id or by its short handle ("T-12" or "12").

        Raises:
            NotFoundError: when there is no such task.
        """
        handle = ref.upper().removeprefix("T-")
        row = self.db.execute(
            "SELECT rowid AS number, * FROM tasks WHERE task_id=? OR (? != '' AND rowid=?)",
            (ref, handle if handle.isdigit() else "", handle if handle.isdigit() else -1),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no task {ref!r}; see `policylens tasks list`")
        return self._view(row)

    def history(self, task_id: str | None = None) -> list[dict[str, Any]]:
        """Audit rows, oldest first (of one task when given)."""
        if task_id:
            rows = self.db.execute(
                "SELECT * FROM task_history WHERE task_id=? ORDER BY id", (task_id,)
            )
        else:
            rows = self.db.execute("SELECT * FROM task_history ORDER BY id")
        return [dict(r) for r in rows]

    def department_id(self, name: str) -> str:
        """The alias table's id for a department name, or the name itself when unknown."""
        mention = self.directory.resolve(name)
        return mention.department.id if mention.department else name.strip()

    # -- changing --------------------------------------------------------------------------------
    def update(
        self,
        actor: User,
        ref: str,
        change: TaskChange,
        *,
        expected_version: int | None = None,
        on: date | None = None,
    ) -> TaskView:
        """Change a task's status, progress or note, with one audit row per changed field, all
        in one transaction.

        Args:
            actor: who changes it; a department user must lead the task.
            ref: the task id or handle.
            change: the new values.
            expected_version: the version the caller read; a different stored version raises
                :class:`ConflictError` instead of overwriting someone else's change.
            on: the day a completion is recorded (default today).

        Raises:
            PermissionDenied, NotFoundError, TaskError, ConflictError.
        """
        require(actor, Permission.UPDATE_TASKS)
        self.db.execute("BEGIN IMMEDIATE")  # read, check and write as one step
        try:
            task = self.task(ref)
            self._require_lead(actor, task)
            if expected_version is not None and task.version != expected_version:
                raise ConflictError(
                    f"T-{task.number} was changed by {task.updated_by} at "
                    f"{task.updated_at[:19].replace('T', ' ')} UTC; reload it and try again"
                )
            new = _apply(task, change, on or date.today())
            if new:
                now = _now()
                sets = ", ".join(f"{k}=?" for k in new)
                self.db.execute(
                    f"UPDATE tasks SET {sets}, version=version+1, updated_at=?, updated_by=? "
                    "WHERE task_id=?",
                    (*new.values(), now, actor.username, task.task_id),
                )
                for name, value in new.items():
                    self._audit(task.task_id, actor.username, name, getattr(task, name), value, now)
            # Read back inside the transaction: afterwards another session may already have
            # changed the task, and the caller must see the version its own change made.
            result = self.task(task.task_id)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return result

    def attach_evidence(
        self,
        actor: User,
        ref: str,
        document_id: str,
        provision_id: str | None = None,
        note: str = "",
    ) -> None:
        """Link a stored document (or one of its articles) to a task as evidence.

        Raises:
            PermissionDenied, NotFoundError.
        """
        task = self.check_can_change(actor, ref)
        if not self.db.execute(
            "SELECT 1 FROM documents WHERE document_id=?", (document_id,)
        ).fetchone():
            raise NotFoundError(f"no document {document_id!r}; see `policylens docs`")
        now = _now()
        self.db.execute("BEGIN IMMEDIATE")
        try:
            # A whole document has no provision: NULLs never clash in a UNIQUE index, so look.
            if self.db.execute(
                "SELECT 1 FROM evidence WHERE task_id=? AND document_id=? AND provision_id IS ?",
                (task.task_id, document_id, provision_id),
            ).fetchone():
                self.db.execute("COMMIT")
                return
            self.db.execute(
                "INSERT INTO evidence (task_id, document_id, provision_id, note, "
                "added_by, added_at) VALUES (?,?,?,?,?,?)",
                (task.task_id, document_id, provision_id, note, actor.username, now),
            )
            self._audit(
                task.task_id,
                actor.username,
                "evidence",
                None,
                f"{document_id}/{provision_id}" if provision_id else document_id,
                now,
            )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def evidence(self, ref: str) -> list[dict[str, Any]]:
        task = self.task(ref)
        return [
            dict(r)
            for r in self.db.execute(
                "SELECT e.*, d.title FROM evidence e LEFT JOIN documents d USING (document_id) "
                "WHERE task_id=? ORDER BY e.id",
                (task.task_id,),
            )
        ]

    # -- the audit chain -------------------------------------------------------------------------
    def verify_audit(self) -> AuditCheck:
        """Recompute the hash chain over every audit row."""
        problems = []
        prev = GENESIS
        count = 0
        for r in self.db.execute("SELECT * FROM task_history ORDER BY id"):
            count += 1
            if r["prev_hash"] != prev:
                problems.append(f"row {r['id']}: the chain is broken before it (a row is missing)")
            expected = row_hash(
                r["prev_hash"],
                r["task_id"],
                r["at"],
                r["actor"],
                r["field"],
                json.loads(r["old"]),
                json.loads(r["new"]),
            )
            if expected != r["hash"]:
                problems.append(f"row {r['id']}: its content does not match its hash (changed)")
            prev = r["hash"]
        return AuditCheck(not problems, count, tuple(problems))

    def check_can_change(self, actor: User, ref: str) -> TaskView:
        """The task, when ``actor`` may change it.

        Raises:
            PermissionDenied, NotFoundError.
        """
        require(actor, Permission.UPDATE_TASKS)
        task = self.task(ref)
        self._require_lead(actor, task)
        return task

    # -- internals -------------------------------------------------------------------------------
    def _require_lead(self, actor: User, task: TaskView) -> None:
        """Admins change any task; a department user only the tasks its department leads."""
        if actor.role is Role.ADMIN:
            return
        own = self.department_id(actor.department) if actor.department else ""
        if own and own in task.lead_ids:
            return
        raise PermissionDenied(
            f"{actor.username} ({actor.role}) may change only tasks led by "
            f"{actor.department or 'their own department'}; T-{task.number} is led by "
            f"{', '.join(task.lead) or 'no department'}"
        )

    def _audit(self, task_id: str, actor: str, name: str, old: Any, new: Any, at: str) -> None:
        if not self.db.in_transaction:
            raise sqlite3.ProgrammingError("audit rows are written inside the change's transaction")
        last = self.db.execute("SELECT hash FROM task_history ORDER BY id DESC LIMIT 1").fetchone()
        prev = last[0] if last else GENESIS
        old_v, new_v = _plain(old), _plain(new)
        self.db.execute(
            "INSERT INTO task_history (task_id, at, actor, field, old, new, prev_hash, hash) "
            "VALUES (?,?,?,?,?,?,?,?)",
            (
                task_id,
                at,
                actor,
                name,
                json.dumps(old_v, ensure_ascii=False),
                json.dumps(new_v, ensure_ascii=False),
                prev,
                row_hash(prev, task_id, at, actor, name, old_v, new_v),
            ),
        )

    def _task_values(self, record: TaskRecord) -> dict[str, Any]:
        return {
            "label": record.label,
            "provision_id": record.provision_id,
            "start": record.start,
            "end": record.end,
            "part": record.part,
            "text": record.text,
            "action": record.action,
            "object": record.object,
            "lead": json.dumps(list(record.lead), ensure_ascii=False),
            "cooperating": json.dumps(list(record.cooperating), ensure_ascii=False),
            "unknown": json.dumps(list(record.unknown), ensure_ascii=False),
            "laws": json.dumps(list(record.laws), ensure_ascii=False),
            "deadline": record.deadline.isoformat() if record.deadline else None,
            "deadline_kind": record.deadline_kind,
            "deadline_text": record.deadline_text,
        }

    def _insert_task(
        self,
        task_id: str,
        plan_id: str,
        seq: int,
        record: TaskRecord,
        values: dict[str, Any],
        now: str,
        actor: User,
    ) -> None:
        columns = ["task_id", "plan_id", "seq", *values, "updated_at", "updated_by"]
        self.db.execute(
            f"INSERT INTO tasks ({', '.join(columns)}) VALUES ({','.join('?' * len(columns))})",
            (task_id, plan_id, seq, *values.values(), now, actor.username),
        )
        self._set_departments(task_id, record)
        self._audit(task_id, actor.username, "created", None, record.text, now)

    def _set_departments(self, task_id: str, record: TaskRecord) -> None:
        self.db.execute("DELETE FROM task_departments WHERE task_id=?", (task_id,))
        rows = {(self.department_id(n), "lead") for n in record.lead}
        rows |= {(self.department_id(n), "cooperating") for n in record.cooperating}
        self.db.executemany(
            "INSERT OR IGNORE INTO task_departments (task_id, department, role) VALUES (?,?,?)",
            [(task_id, d, role) for d, role in sorted(rows)],
        )

    def _view(self, r: sqlite3.Row) -> TaskView:
        lead_ids = tuple(
            x[0]
            for x in self.db.execute(
                "SELECT department FROM task_departments WHERE task_id=? AND role='lead' "
                "ORDER BY department",
                (r["task_id"],),
            )
        )
        return TaskView(
            task_id=r["task_id"],
            number=int(r["number"]),
            plan_id=r["plan_id"],
            seq=int(r["seq"]),
            label=r["label"],
            provision_id=r["provision_id"],
            part=r["part"],
            text=r["text"],
            action=r["action"],
            object=r["object"],
            lead=tuple(json.loads(r["lead"])),
            cooperating=tuple(json.loads(r["cooperating"])),
            lead_ids=lead_ids,
            unknown=tuple(json.loads(r["unknown"])),
            laws=tuple(json.loads(r["laws"])),
            deadline=date.fromisoformat(r["deadline"]) if r["deadline"] else None,
            deadline_kind=r["deadline_kind"],
            deadline_text=r["deadline_text"],
            status=r["status"],
            progress=int(r["progress"]),
            note=r["note"],
            completed_on=date.fromisoformat(r["completed_on"]) if r["completed_on"] else None,
            version=int(r["version"]),
            updated_at=r["updated_at"],
            updated_by=r["updated_by"],
        )


def _apply(task: TaskView, change: TaskChange, on: date) -> dict[str, Any]:
    """The fields a change sets, checked against the workflow."""
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
    if final == "completed":
        new["progress"] = 100
        if task.status != "completed":
            new["completed_on"] = on.isoformat()
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
    return {k: v for k, v in new.items() if _plain(getattr(task, k)) != v}


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value
