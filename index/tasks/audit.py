"""The ledger's audit chain: one append-only row per changed field, each hashing the one before.

Each row's hash covers the previous row's hash and its own fields; the database refuses to update
or delete audit rows, and :func:`verify_audit` recomputes the chain.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from index.tasks.records import plain

GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class AuditCheck:
    """What recomputing the chain found: whether it holds, rows checked, what is wrong."""

    ok: bool
    rows: int
    problems: tuple[str, ...] = ()


def row_hash(
    prev_hash: str, task_id: str, at: str, actor: str, field_: str, old: Any, new: Any
) -> str:
    """The chain hash of one audit row."""
    payload = json.dumps(
        [prev_hash, task_id, at, actor, field_, old, new], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def write_audit(
    db: sqlite3.Connection, task_id: str, actor: str, name: str, old: Any, new: Any, at: str
) -> None:
    """Append one audit row to the chain.

    Raises:
        sqlite3.ProgrammingError: outside a transaction (the row belongs to its change's).
    """
    if not db.in_transaction:
        raise sqlite3.ProgrammingError("audit rows are written inside the change's transaction")
    last = db.execute("SELECT hash FROM task_history ORDER BY id DESC LIMIT 1").fetchone()
    prev = last[0] if last else GENESIS
    old_v, new_v = plain(old), plain(new)
    db.execute(
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


def verify_audit(db: sqlite3.Connection) -> AuditCheck:
    """Recompute the hash chain over every audit row."""
    problems = []
    prev = GENESIS
    count = 0
    for r in db.execute("SELECT * FROM task_history ORDER BY id"):
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
