"""What ``verify-audit`` checks beyond the hash chain itself: the chain's head against the signed
checkpoint (``index/tasks/checkpoint.py``), and the tasks table against the audit rows.

The tasks' invariant, as the ledger keeps it (``index/tasks/ledger.py``): every task has a
``created`` row; since that row, every change to status, progress, note or completion date is an
audit row with the new value, so each of these fields as stored equals the ``new`` of its last
audit row (or the schema's default when it never changed: not_started, 0, "", none); and every
change that writes audit rows raises the version by one, all its rows carrying the same time, so
a task's version is at least 1 + the number of distinct times of its changes (at least: a plan
saved again may raise it for columns that are not audited, such as the order of the tasks). A
task with no ``created`` row was added outside the ledger. The rows of a task that is gone are
no problem: history outlives its task (a plan's tasks go with its row).
"""

from __future__ import annotations

import json
import os
import stat
from collections import defaultdict
from typing import Any

from index.store.connection import Database, is_postgres
from index.tasks.checkpoint import (
    KEY_NAME,
    REANCHOR,
    Anchor,
    Checkpoint,
    CheckpointError,
    Head,
    is_signed,
    load_key,
    read_checkpoint,
)

# The fields a task stores and every change audits, with the schema's defaults.
AUDITED_STATE: dict[str, Any] = {
    "status": "not_started",
    "progress": 0,
    "note": "",
    "completed_on": None,
}
# The fields whose change raises a task's version (``created``, ``evidence``, attachments do not).
VERSIONED = (*AUDITED_STATE, "text", "lead", "cooperating", "deadline")


def check_anchor(
    db: Database, anchor: Anchor | None, head: Head
) -> tuple[list[str], list[str], Checkpoint | None]:
    """The chain's head against the signed checkpoint.

    Returns:
        Problems (tampering: the check fails), warnings (the checkpoint is behind, no folder,
        a key others can read) and the checkpoint when one could be read.
    """
    if anchor is None:
        return [], ["no checkpoint: this store has no workspace folder (in-memory)"], None
    name = anchor.checkpoint_path.name
    try:
        key = load_key(anchor)
        checkpoint = read_checkpoint(anchor)
    except CheckpointError as exc:
        return [f"{exc}: restore it from a copy, or anchor the chain again: {REANCHOR}"], [], None
    warnings = _key_mode(anchor) if key else []
    if checkpoint is None:
        if head.rows == 0:
            return [], warnings, None
        if key is None:
            problem = (
                f"the chain's {head.rows} row(s) are not anchored: there is no {name} and no "
                f"{KEY_NAME} (deleted, or a workspace from before checkpoints); once the rows "
                f"are known to be right: {REANCHOR}"
            )
        else:
            problem = (
                f"{name} is missing although {KEY_NAME} exists: the checkpoint was deleted, and "
                f"the end of the chain cannot be checked; restore it from a copy, or: {REANCHOR}"
            )
        return [problem], warnings, None
    if key is None:
        problem = (
            f"{KEY_NAME} is missing: the signature of {name} cannot be checked; restore the key "
            f"from a copy, or: {REANCHOR}"
        )
        return [problem], warnings, checkpoint
    if not is_signed(checkpoint, key):
        problem = (
            f"{name}: its signature does not match (forged, or signed with another key): the "
            "head it names cannot be trusted; compare it with a copy kept elsewhere"
        )
        return [problem], warnings, checkpoint
    problems, behind = _against_head(db, checkpoint.head, head)
    return problems, warnings + behind, checkpoint


def _against_head(db: Database, signed: Head, head: Head) -> tuple[list[str], list[str]]:
    """Problems and warnings from comparing a signed head with the table."""
    row = db.execute("SELECT hash FROM task_history WHERE id=?", (signed.id,)).fetchone()
    below = int(
        db.execute("SELECT COUNT(*) FROM task_history WHERE id<=?", (signed.id,)).fetchone()[0]
    )
    if signed.id and row is None:
        return [
            f"row {signed.id}, the head the signed checkpoint anchors with {signed.rows} row(s), "
            f"was removed: the chain ends at row {head.id} with {head.rows} row(s) (its last "
            "rows were deleted)"
        ], []
    if row is not None and row[0] != signed.hash:
        return [
            f"row {signed.id}: its hash is not the one the signed checkpoint anchors: the chain "
            "was rewritten (its hashes recomputed) after that row was anchored"
        ], []
    if below != signed.rows:
        how = "are missing" if below < signed.rows else "were added"
        return [
            f"{abs(signed.rows - below)} row(s) up to row {signed.id} {how}: the signed "
            f"checkpoint anchors {signed.rows} row(s) there, the table has {below}"
        ], []
    if head.rows > signed.rows:
        after = db.execute("SELECT MIN(id) FROM task_history WHERE id>?", (signed.id,))
        first = after.fetchone()[0]
        if is_postgres(db):  # other app servers append too (index/tasks/checkpoint.py)
            return [], [
                f"the checkpoint is behind the chain by {head.rows - signed.rows} row(s) (rows "
                f"{first}-{head.id} are not anchored by this workspace): other app servers "
                "appended them, a change ended before its checkpoint was written, or rows were "
                "added outside PolicyLens; this server's next change anchors them"
            ]
        return [], [
            f"the checkpoint is behind the chain by {head.rows - signed.rows} row(s) (rows "
            f"{first}-{head.id} are not anchored): a change ended before its checkpoint was "
            "written, or rows were added outside PolicyLens; read those rows, then anchor them: "
            f"{REANCHOR}"
        ]
    return [], []


def _key_mode(anchor: Anchor) -> list[str]:
    """A warning when others may read the key."""
    if os.name != "posix":
        return []
    try:
        mode = stat.S_IMODE(anchor.key_path.stat().st_mode)
    except OSError:
        return []
    if mode & 0o077:
        return [f"{anchor.key_path} can be read by others (mode {mode:o}): chmod 600 it"]
    return []


def check_tasks(db: Database, skip: set[str]) -> list[str]:
    """The tasks table against the audit rows (the invariant in the module's docstring).

    Args:
        db: the store's connection.
        skip: tasks whose rows are already reported changed (not judged twice).
    """
    state: dict[str, dict[str, Any]] = {}
    stamps: dict[str, set[str]] = defaultdict(set)
    for r in db.execute("SELECT task_id, at, field, new FROM task_history ORDER BY id"):
        task_id, name = r["task_id"], r["field"]
        if name == "created":  # a task created again starts afresh
            state[task_id] = dict(AUDITED_STATE)
            stamps[task_id] = set()
            continue
        if name in AUDITED_STATE and task_id in state:
            try:
                state[task_id][name] = json.loads(r["new"]) if r["new"] is not None else None
            except ValueError:
                skip.add(task_id)  # the chain check reports the row
        if name in VERSIONED:
            stamps[task_id].add(r["at"])
    problems = []
    for t in db.execute("SELECT rowid AS number, * FROM tasks ORDER BY rowid"):
        task_id = t["task_id"]
        who = f"T-{t['number']} ({task_id})"
        if task_id in skip:
            continue
        if task_id not in state:
            problems.append(f"{who}: it has no 'created' audit row (added outside the ledger)")
            continue
        for name, audited in state[task_id].items():
            if t[name] != audited:
                problems.append(
                    f"{who}: {name} is {t[name]!r} in the tasks table, but its audit rows end "
                    f"at {audited!r} (changed without an audit row, or its row removed)"
                )
        changes = len(stamps[task_id])
        if int(t["version"]) < 1 + changes:
            problems.append(
                f"{who}: version {t['version']}, but it has {changes} audited change(s) (its "
                "version was set back)"
            )
    return problems
