"""The task ledger: a plan's task-division items, their status and progress, who changed what.

Every change to a task writes its audit rows (``index/tasks/audit.py``) in the same transaction
as the change, and moves the chain's signed checkpoint after it commits
(:func:`index.tasks.checkpoint.anchored_change`). The reads are in
``index/tasks/ledger_reads.py``, the status workflow in ``index/tasks/workflow.py``. A
department user may change only the tasks its department leads (``require`` with the
department, in ``index/accounts.py``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from index.accounts import Permission, PermissionDenied, Role, User, require
from index.store.connection import Row
from index.store.database import NotFoundError, Store
from index.store.dialect import POSTGRESQL
from index.store.transactions import AUDIT_CHAIN_LOCK
from index.tasks.audit import AUDIT_INSERT, chained_rows, write_audit
from index.tasks.checkpoint import (
    HEAD_QUERY,
    Checkpoint,
    Head,
    Reading,
    anchored_batches,
    anchored_change,
    head_parameters,
    reading_of,
    reanchor,
)
from index.tasks.ledger_reads import (
    BODIES,
    BODIES_ORDER,
    LEAD_IDS,
    LEAD_IDS_ORDER,
    TASK_BY_REF,
    TASK_ID_BY_REF,
    LedgerReads,
    ref_parameters,
    view_of,
)
from index.tasks.records import PlanSaved, TaskChange, TaskRecord, TaskView
from index.tasks.units import UnitMatcher
from index.tasks.workflow import ConflictError, apply_change
from nlp.bodies.departments import DepartmentDirectory
from nlp.bodies.gazetteer import Gazetteer


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class Ledger(LedgerReads):
    """The task tables of one store."""

    def __init__(self, store: Store, directory: DepartmentDirectory | None = None) -> None:
        self.store = store
        self.db = store.db
        self.directory = directory or DepartmentDirectory.default()
        self.gazetteer = Gazetteer.default()

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
        outcomes: Counter[str] = Counter()
        with anchored_change(self.store):
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
                task_id = _task_id(plan_id, record)
                seen.add(task_id)
                old = known.get(task_id)
                outcomes[self._save_task(actor, plan_id, seq, record, old, now)] += 1
        missing = tuple(sorted(set(known) - seen))
        return PlanSaved(
            plan_id, outcomes["added"], outcomes["updated"], outcomes["unchanged"], missing
        )

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
        day = on or date.today()
        if self.store.dialect == POSTGRESQL:
            return self._update_in_two_round_trips(actor, ref, change, expected_version, day)
        with anchored_change(self.store):  # read, check and write as one step
            task = self.task(ref)  # SQLite's write lock covers the whole transaction
            new = self._checked_change(actor, task, change, expected_version, day)
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
        with anchored_change(self.store):
            # A whole document has no provision: NULLs never clash in a UNIQUE index, so look.
            if self.db.execute(
                "SELECT 1 FROM evidence WHERE task_id=? AND document_id=? AND provision_id IS ?",
                (task.task_id, document_id, provision_id),
            ).fetchone():
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

    def check_can_change(self, actor: User, ref: str) -> TaskView:
        """The task, when ``actor`` may change it.

        Raises:
            PermissionDenied, NotFoundError.
        """
        require(actor, Permission.UPDATE_TASKS)
        task = self.task(ref)
        self._require_lead(actor, task)
        return task

    def reanchor_audit(self, actor: User) -> Checkpoint:
        """Sign the audit chain's head as it is now: the explicit step after ``verify-audit``
        reported a checkpoint behind the chain (a change whose checkpoint was not written),
        missing or unreadable, once a person has checked the rows it would anchor.

        Raises:
            PermissionDenied: unless the actor may manage plans (admins).
            StoreError: for a store without a workspace folder, or files that cannot be written.
        """
        require(actor, Permission.MANAGE_PLANS)
        return reanchor(self.store)

    # -- internals -------------------------------------------------------------------------------
    def _require_lead(self, actor: User, task: TaskView) -> None:
        """Admins change any task; a department user only the tasks its own body leads, as
        :class:`~index.tasks.units.UnitMatcher` decides (the Tasks page's filter asks the same):
        示例市应急管理局 is not 另一市应急管理局, nor the province's 示例省应急管理厅."""
        if actor.role is Role.ADMIN:
            return
        if UnitMatcher(self.gazetteer, actor.department).leads(task):
            return
        raise PermissionDenied(
            f"{actor.username} ({actor.role}) may change only tasks led by "
            f"{actor.department or 'their own body'}; T-{task.number} is led by "
            f"{', '.join(task.lead) or 'no body'}"
        )

    def _checked_change(
        self,
        actor: User,
        task: TaskView,
        change: TaskChange,
        expected_version: int | None,
        on: date,
    ) -> dict[str, Any]:
        """The columns ``change`` sets on ``task`` as stored, once the actor, the version read
        and the workflow allow it (:meth:`update`'s checks, in its transaction)."""
        self._require_lead(actor, task)
        if expected_version is not None and task.version != expected_version:
            raise ConflictError(
                f"T-{task.number} was changed by {task.updated_by} at "
                f"{task.updated_at[:19].replace('T', ' ')} UTC; reload it and try again"
            )
        return apply_change(task, change, on)

    def _update_in_two_round_trips(
        self,
        actor: User,
        ref: str,
        change: TaskChange,
        expected_version: int | None,
        on: date,
    ) -> TaskView:
        """:meth:`update` on PostgreSQL, in two round trips to the server.

        The first batch begins the transaction under the audit chain's lock (the changes that
        append to the chain take turns; other writers of the store are not waited for), reads
        the chain's head (counted from the signed head: :data:`HEAD_QUERY`) and locks the task's
        row (FOR NO KEY UPDATE) with its departments and bodies. The checks and the audit rows'
        hashes are computed here; the second batch updates the row (its new form returned),
        appends the audit rows one statement each, in the chain's order, and commits.
        """
        from index.store.postgres import PostgresConnection, lock_statement

        db = self.db
        assert isinstance(db, PostgresConnection)
        key = ref_parameters(ref)
        by_ref = (*key, ref)
        with anchored_batches(self.store) as moved:
            *_, head, rows, leads, bodies = db.batch(
                [
                    ("BEGIN", ()),
                    (lock_statement(AUDIT_CHAIN_LOCK), ()),
                    (HEAD_QUERY, head_parameters(moved.since)),
                    (f"{TASK_BY_REF} ORDER BY task_id=? DESC LIMIT 1 FOR NO KEY UPDATE", by_ref),
                    (f"{LEAD_IDS} WHERE task_id={TASK_ID_BY_REF} {LEAD_IDS_ORDER}", by_ref),
                    (f"{BODIES} WHERE task_id={TASK_ID_BY_REF} {BODIES_ORDER}", by_ref),
                ]
            )
            if not rows:
                raise NotFoundError(f"no task {ref!r}; see `policylens tasks list`")
            moved.before = reading_of(head[0], moved.since)
            task = view_of(rows[0], leads, bodies)
            new = self._checked_change(actor, task, change, expected_version, on)
            if not new:
                return task
            now = _now()
            audit = chained_rows(
                moved.before.head.hash,
                [
                    (task.task_id, actor.username, name, getattr(task, name), value, now)
                    for name, value in new.items()
                ],
            )
            sets = ", ".join(f"{k}=?" for k in new)
            updated, *inserted, _ = db.batch(
                [
                    (
                        f"UPDATE tasks SET {sets}, version=version+1, updated_at=?, updated_by=? "
                        "WHERE task_id=? RETURNING rowid AS number, *",
                        (*new.values(), now, actor.username, task.task_id),
                    ),
                    *((f"{AUDIT_INSERT} RETURNING id", row) for row in audit),
                    ("COMMIT", ()),
                ]
            )
            # The chain's lock is held from the head's read to COMMIT: these rows follow it.
            last_id = int(inserted[-1][0][0])
            count = moved.before.head.rows + len(audit)
            moved.after = Reading(Head(last_id, audit[-1][-1], count), moved.before.extends)
            return view_of(updated[0], leads, bodies)

    def _audit(self, task_id: str, actor: str, name: str, old: Any, new: Any, at: str) -> None:
        write_audit(self.db, task_id, actor, name, old, new, at)

    def _save_task(
        self,
        actor: User,
        plan_id: str,
        seq: int,
        record: TaskRecord,
        old: Row | None,
        now: str,
    ) -> str:
        """Insert or update one task of a plan being saved: "added", "updated" or "unchanged"."""
        task_id = _task_id(plan_id, record)
        values = _task_values(record)
        if old is None:
            self._insert_task(task_id, plan_id, seq, record, values, now, actor)
            return "added"
        if not any(old[k] != v for k, v in values.items()) and old["seq"] == seq:
            return "unchanged"
        changed = {k: v for k, v in values.items() if old[k] != v}
        sets = ", ".join(f"{k}=?" for k in changed)
        self.db.execute(
            f"UPDATE tasks SET {sets + ', ' if sets else ''}seq=?, "
            "version=version+1, updated_at=?, updated_by=? WHERE task_id=?",
            (*changed.values(), seq, now, actor.username, task_id),
        )
        for name in ("text", "lead", "cooperating", "deadline"):
            if name in changed:
                self._audit(task_id, actor.username, name, old[name], changed[name], now)
        self._set_departments(task_id, record)
        return "updated"

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
        """The task's bodies: their kinds (for the department filter) and which bodies they are
        (for department accounts)."""
        self.db.execute("DELETE FROM task_departments WHERE task_id=?", (task_id,))
        rows = {(self.department_id(n), "lead") for n in record.lead}
        rows |= {(self.department_id(n), "cooperating") for n in record.cooperating}
        self.db.executemany(
            "INSERT OR IGNORE INTO task_departments (task_id, department, role) VALUES (?,?,?)",
            [(task_id, d, role) for d, role in sorted(rows)],
        )
        self.db.execute("DELETE FROM task_bodies WHERE task_id=?", (task_id,))
        for role, names, bodies in (
            ("lead", record.lead, record.lead_bodies),
            ("cooperating", record.cooperating, record.cooperating_bodies),
        ):
            for b in bodies or tuple(self.gazetteer.body(n).to_dict() for n in names):
                self.db.execute(
                    "INSERT OR IGNORE INTO task_bodies (task_id, body_key, name, full_name, kind, "
                    "level, jurisdiction, role) VALUES (?,?,?,?,?,?,?,?)",
                    (
                        task_id,
                        b["key"],
                        b["name"],
                        b["full_name"],
                        b["kind"],
                        b["level"],
                        b["jurisdiction"],
                        role,
                    ),
                )


def _task_id(plan_id: str, record: TaskRecord) -> str:
    """A task's id: its plan's id and the record's stable key."""
    return f"{plan_id}#{record.key}"


def _task_values(record: TaskRecord) -> dict[str, Any]:
    """The tasks columns a record sets (the rest are the ledger's own)."""
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
