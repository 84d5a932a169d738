"""The ledger's reads: plans, tasks as :class:`TaskView`, their evidence and audit history."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from index.store.connection import Database, Row
from index.store.database import NotFoundError, Store
from index.tasks.audit import AuditCheck, verify_audit
from index.tasks.checkpoint import anchor_of
from index.tasks.records import TaskView
from nlp.bodies.departments import DepartmentDirectory
from nlp.bodies.gazetteer import Gazetteer


class LedgerReads:
    """The reading methods of :class:`index.tasks.ledger.Ledger` (a mixin over its ``db``)."""

    store: Store
    db: Database
    directory: DepartmentDirectory
    gazetteer: Gazetteer

    def plans(self) -> list[dict[str, Any]]:
        """Every plan with its task count."""
        return [
            dict(r)
            for r in self.db.execute(
                "SELECT p.*, (SELECT COUNT(*) FROM tasks t WHERE t.plan_id=p.plan_id) AS tasks "
                "FROM plans p ORDER BY p.created_at"
            )
        ]

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
        if department:  # a kind ("应急管理部门") or one body ("示例省应急管理厅")
            sql += (
                " AND (EXISTS (SELECT 1 FROM task_departments d WHERE d.task_id=t.task_id "
                "AND d.department=?) OR EXISTS (SELECT 1 FROM task_bodies b "
                "WHERE b.task_id=t.task_id AND b.body_key=?))"
            )
            params += [self.department_id(department), self.gazetteer.body(department).key]
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
        row = self.db.execute(TASK_BY_REF, ref_parameters(ref)).fetchone()
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

    def verify_audit(self) -> AuditCheck:
        """Recompute the hash chain over every audit row, compare its head with the signed
        checkpoint in the store's workspace, and the tasks with their audit rows."""
        return verify_audit(self.db, anchor_of(self.store))

    def department_id(self, name: str) -> str:
        """The alias table's id for a department name, or the name itself when unknown."""
        mention = self.directory.resolve(name)
        return mention.department.id if mention.department else name.strip()

    def evidence(self, ref: str) -> list[dict[str, Any]]:
        """The evidence linked to a task, oldest first, with each document's title.

        Raises:
            NotFoundError: when there is no such task.
        """
        task = self.task(ref)
        return [
            dict(r)
            for r in self.db.execute(
                "SELECT e.*, d.title FROM evidence e LEFT JOIN documents d USING (document_id) "
                "WHERE task_id=? ORDER BY e.id",
                (task.task_id,),
            )
        ]

    def _view(self, r: Row) -> TaskView:
        task_id = (r["task_id"],)
        return view_of(
            r,
            self.db.execute(f"{LEAD_IDS} WHERE task_id=? {LEAD_IDS_ORDER}", task_id).fetchall(),
            self.db.execute(f"{BODIES} WHERE task_id=? {BODIES_ORDER}", task_id).fetchall(),
        )


# A task by id or handle: a ``tasks`` row with its handle as ``number``; its lead departments
# and its bodies (each ``… WHERE task_id=? ORDER …``, or by ref with :data:`TASK_ID_BY_REF`).
TASK_BY_REF = "SELECT rowid AS number, * FROM tasks WHERE task_id=? OR (? != '' AND rowid=?)"
TASK_ID_BY_REF = (
    "(SELECT task_id FROM tasks WHERE task_id=? OR (? != '' AND rowid=?) "
    "ORDER BY task_id=? DESC LIMIT 1)"
)
LEAD_IDS = "SELECT department FROM task_departments"
LEAD_IDS_ORDER = "AND role='lead' ORDER BY department"
BODIES = "SELECT * FROM task_bodies"
BODIES_ORDER = "ORDER BY rowid"


def ref_parameters(ref: str) -> tuple[str, str, str | int]:
    """The parameters of :data:`TASK_BY_REF` for a task id or a handle ("T-12" or "12")."""
    handle = ref.upper().removeprefix("T-")
    return (ref, handle if handle.isdigit() else "", handle if handle.isdigit() else -1)


def view_of(r: Row, lead_rows: Iterable[Row], body_rows: Iterable[Row]) -> TaskView:
    """A task as :class:`TaskView`: its ``tasks`` row (with ``number``), the rows of its lead
    departments (:data:`LEAD_IDS`) and of its bodies (:data:`BODIES`), in their order."""
    lead_ids = tuple(x[0] for x in lead_rows)
    bodies: dict[str, list[dict[str, Any]]] = {"lead": [], "cooperating": []}
    for b in body_rows:
        entry = {k: b[k] for k in ("name", "full_name", "kind", "level", "jurisdiction")}
        bodies[b["role"]].append({**entry, "key": b["body_key"]})
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
        lead_bodies=tuple(bodies["lead"]),
        cooperating_bodies=tuple(bodies["cooperating"]),
    )
