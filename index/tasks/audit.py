"""The ledger's audit chain: one append-only row per changed field, each hashing the one before.

Each row's hash covers the previous row's hash and its own fields; the database refuses to update
or delete audit rows. The chain's head is anchored outside the table in a signed checkpoint
(``index/tasks/checkpoint.py``), and :func:`verify_audit` recomputes the chain, compares its head
with the checkpoint and the tasks with their rows (``index/tasks/audit_checks.py``).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from index.store.connection import Database
from index.tasks.audit_checks import check_anchor, check_tasks
from index.tasks.checkpoint import GENESIS, Anchor, Head
from index.tasks.records import plain

__all__ = [
    "AUDIT_INSERT",
    "GENESIS",
    "AuditCheck",
    "chained_rows",
    "row_hash",
    "verify_audit",
    "write_audit",
]

AUDIT_INSERT = (
    "INSERT INTO task_history (task_id, at, actor, field, old, new, prev_hash, hash) "
    "VALUES (?,?,?,?,?,?,?,?)"
)


@dataclass(frozen=True, slots=True)
class AuditCheck:
    """What verifying the audit found.

    Attributes:
        ok: no problem (warnings do not make it fail).
        rows: the rows checked.
        problems: what is wrong, one line each: a row changed or missing, the end of the chain
            removed or rewritten, a checkpoint missing or forged, a task changed without its
            audit row.
        warnings: what needs a person but is not tampering (the checkpoint behind the chain).
        head: the chain's head as stored (``{id, hash, rows}``).
        checkpoint: the checkpoint as read (its file's JSON form), or None.
    """

    ok: bool
    rows: int
    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    head: dict[str, Any] | None = None
    checkpoint: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The CLI's JSON form: ``{ok, rows, problems, warnings, head, checkpoint}``."""
        return {
            "ok": self.ok,
            "rows": self.rows,
            "problems": list(self.problems),
            "warnings": list(self.warnings),
            "head": self.head,
            "checkpoint": self.checkpoint,
        }


def row_hash(
    prev_hash: str, task_id: str, at: str, actor: str, field_: str, old: Any, new: Any
) -> str:
    """The chain hash of one audit row."""
    payload = json.dumps(
        [prev_hash, task_id, at, actor, field_, old, new], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def chained_rows(
    prev: str, changes: Sequence[tuple[str, str, str, Any, Any, str]]
) -> list[tuple[str, str, str, str, str, str, str, str]]:
    """The parameters of :data:`AUDIT_INSERT` for audit rows appended in this order after the
    row whose hash is ``prev``, each chained to the one before.

    Args:
        prev: the hash of the chain's last row (:data:`GENESIS` when it is empty).
        changes: ``(task_id, actor, field, old, new, at)`` per row.
    """
    rows = []
    for task_id, actor, name, old, new, at in changes:
        old_v, new_v = plain(old), plain(new)
        digest = row_hash(prev, task_id, at, actor, name, old_v, new_v)
        rows.append(
            (
                task_id,
                at,
                actor,
                name,
                json.dumps(old_v, ensure_ascii=False),
                json.dumps(new_v, ensure_ascii=False),
                prev,
                digest,
            )
        )
        prev = digest
    return rows


def write_audit(
    db: Database, task_id: str, actor: str, name: str, old: Any, new: Any, at: str
) -> None:
    """Append one audit row to the chain.

    Raises:
        sqlite3.ProgrammingError: outside a transaction (the row belongs to its change's).
    """
    if not db.in_transaction:
        raise sqlite3.ProgrammingError("audit rows are written inside the change's transaction")
    last = db.execute("SELECT hash FROM task_history ORDER BY id DESC LIMIT 1").fetchone()
    prev = last[0] if last else GENESIS
    (row,) = chained_rows(prev, [(task_id, actor, name, old, new, at)])
    db.execute(AUDIT_INSERT, row)


def verify_audit(db: Database, anchor: Anchor | None = None) -> AuditCheck:
    """Verify the audit: the hash chain row by row, its head against the signed checkpoint in
    ``anchor``'s workspace (None: no checkpoint, a warning), and the tasks against their rows.
    """
    problems, head, changed = _walk_chain(db)
    anchored, warnings, checkpoint = check_anchor(db, anchor, head)
    problems += anchored
    problems += check_tasks(db, changed)
    return AuditCheck(
        not problems,
        head.rows,
        tuple(problems),
        tuple(warnings),
        head.to_dict(),
        checkpoint.to_dict() if checkpoint else None,
    )


def _walk_chain(db: Database) -> tuple[list[str], Head, set[str]]:
    """Recompute the chain: its problems, its head, the tasks with a changed row."""
    problems = []
    changed = set()
    prev = GENESIS
    count = last_id = 0
    for r in db.execute("SELECT * FROM task_history ORDER BY id"):
        count += 1
        last_id = int(r["id"])
        if r["prev_hash"] != prev:
            problems.append(f"row {r['id']}: the chain is broken before it (a row is missing)")
        try:
            old, new = (json.loads(v) if v is not None else None for v in (r["old"], r["new"]))
            expected = row_hash(
                r["prev_hash"], r["task_id"], r["at"], r["actor"], r["field"], old, new
            )
        except (ValueError, TypeError):
            expected = ""
        if expected != r["hash"]:
            problems.append(f"row {r['id']}: its content does not match its hash (changed)")
            changed.add(r["task_id"])
        prev = r["hash"]
    return problems, Head(last_id, prev, count), changed
