"""Audit tampering of each kind, as someone holding the workspace's files could do it: the last
rows deleted (triggers dropped), a middle row edited and every later hash recomputed with the
module's own hash, a task's status edited without an audit row, the checkpoint forged or deleted,
and a process killed between its commit and its checkpoint. ``verify-audit`` must report each
(a specific problem; a warning for the kill), hold on an untouched ledger, and exit 1 with one
line per problem."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import index.tasks.audit as audit_module
import index.tasks.checkpoint as checkpoint_module
from index import open_store
from index.accounts import Role, User
from index.settings import DB_NAME
from index.store.database import Store
from index.tasks.audit import AuditCheck
from index.tasks.ledger import Ledger
from index.tasks.records import TaskChange, TaskRecord
from tests.ui.cli_support import run

ADMIN = User("ada", Role.ADMIN)
PLAN = "plan-2025"
RECORDS = [
    TaskRecord("duty", "完善安全生产责任制", lead=("示例省应急管理厅",)),
    TaskRecord("hazards", "开展道路交通隐患排查治理", lead=("示例省公安厅",)),
    TaskRecord("training", "加强从业人员安全培训", lead=("示例省应急管理厅",)),
]
UPDATES = 24


def tid(key: str) -> str:
    return f"{PLAN}#{key}"


def busy(ledger: Ledger, updates: int = UPDATES) -> None:
    """Many real changes: progress and notes on every task, one completed at the end."""
    for n in range(updates):
        key = RECORDS[n % 3].key
        ledger.update(ADMIN, tid(key), TaskChange(progress=n + 1, note=f"第{n}次"))
    ledger.update(ADMIN, tid("duty"), TaskChange(status="completed"))


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    """A workspace whose ledger has a plan and many changes (closed again)."""
    home = tmp_path / "workspace"
    with open_store(home) as store:
        ledger = Ledger(store)
        ledger.save_plan(ADMIN, PLAN, "示例省安全生产重点工作分工方案", RECORDS)
        busy(ledger)
    return home


@pytest.fixture()
def ledger(home: Path) -> Iterator[Ledger]:
    with open_store(home) as store:
        yield Ledger(store)


def verify(home: Path) -> AuditCheck:
    with open_store(home) as store:
        return Ledger(store).verify_audit()


def tamper(home: Path, *statements: str, params: tuple[Any, ...] = ()) -> None:
    """SQL straight on the file, as an attacker with the file would run it."""
    db = sqlite3.connect(home / DB_NAME)
    try:
        for sql in statements:
            db.execute(sql, params if "?" in sql else ())
        db.commit()
    finally:
        db.close()


def rows_of(home: Path) -> list[dict[str, Any]]:
    db = sqlite3.connect(home / DB_NAME)
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute("SELECT * FROM task_history ORDER BY id")]
    finally:
        db.close()


def test_an_untouched_ledger_with_many_updates_verifies(home: Path) -> None:
    check = verify(home)
    assert check.ok, check.problems
    assert (check.problems, check.warnings) == ((), ())
    rows = rows_of(home)
    # created; progress and note; each task's first progress starts it; completing sets three
    assert check.rows == len(rows) == 3 + 2 * UPDATES + 3 + 3
    assert check.head == {"id": rows[-1]["id"], "hash": rows[-1]["hash"], "rows": len(rows)}
    assert check.checkpoint is not None
    assert (check.checkpoint["head_id"], check.checkpoint["rows"]) == (rows[-1]["id"], len(rows))
    for name in ("audit.key", "audit-checkpoint.json"):
        assert stat.S_IMODE((home / name).stat().st_mode) == 0o600, name
    assert not list(home.glob(".*.tmp"))  # the atomic writes leave nothing behind


def test_deleting_the_last_rows_is_truncation(home: Path) -> None:
    rows = rows_of(home)
    tamper(
        home,
        "DROP TRIGGER task_history_no_delete",
        "DELETE FROM task_history WHERE id > ?",
        params=(rows[-4]["id"],),
    )
    check = verify(home)
    assert not check.ok
    assert check.rows == len(rows) - 3
    expected = (
        f"row {rows[-1]['id']}, the head the signed checkpoint anchors with {len(rows)} row(s), "
        f"was removed: the chain ends at row {rows[-4]['id']} with {len(rows) - 3} row(s) (its "
        "last rows were deleted)"
    )
    assert expected in check.problems
    # the chain that is left holds by itself: only the anchor (and the tasks) show the cut
    assert not any(p.startswith("row ") and "hash" in p for p in check.problems)


def test_a_recomputed_chain_does_not_match_the_checkpoint(home: Path) -> None:
    rows = rows_of(home)
    target = rows[len(rows) // 2]
    db = sqlite3.connect(home / DB_NAME)
    db.execute("DROP TRIGGER task_history_no_update")
    prev = target["prev_hash"]
    for row in rows[len(rows) // 2 :]:
        actor = "mallory" if row["id"] == target["id"] else row["actor"]
        new_hash = audit_module.row_hash(
            prev,
            row["task_id"],
            row["at"],
            actor,
            row["field"],
            json.loads(row["old"]),
            json.loads(row["new"]),
        )
        db.execute(
            "UPDATE task_history SET actor=?, prev_hash=?, hash=? WHERE id=?",
            (actor, prev, new_hash, row["id"]),
        )
        prev = new_hash
    db.commit()
    db.close()
    check = verify(home)
    assert not check.ok
    assert check.problems == (
        f"row {rows[-1]['id']}: its hash is not the one the signed checkpoint anchors: the chain "
        "was rewritten (its hashes recomputed) after that row was anchored",
    )


def test_a_status_changed_without_an_audit_row(ledger: Ledger, home: Path) -> None:
    number = ledger.task(tid("hazards")).number
    tamper(home, "UPDATE tasks SET status='suspended' WHERE task_id=?", params=(tid("hazards"),))
    check = verify(home)
    assert not check.ok
    assert check.problems == (
        f"T-{number} ({tid('hazards')}): status is 'suspended' in the tasks table, but its audit "
        "rows end at 'in_progress' (changed without an audit row, or its row removed)",
    )


def test_a_task_added_or_set_back_outside_the_ledger(ledger: Ledger, home: Path) -> None:
    duty = ledger.task(tid("duty"))
    tamper(
        home,
        "INSERT INTO tasks (task_id, plan_id, seq, text, updated_at, updated_by) "
        "VALUES ('plan-2025#forged', 'plan-2025', 9, '伪造', 'x', 'mallory')",
        "UPDATE tasks SET version=1 WHERE task_id=?",
        params=(tid("duty"),),
    )
    problems = verify(home).problems
    assert any(
        p.endswith("plan-2025#forged): it has no 'created' audit row (added outside the ledger)")
        for p in problems
    )
    assert any(
        p.startswith(f"T-{duty.number} ({tid('duty')}): version 1, but it has") for p in problems
    )


@pytest.mark.parametrize("how", ["edited", "signed with another key", "garbage"])
def test_a_forged_checkpoint(home: Path, how: str) -> None:
    """The attacker cuts the last rows and rewrites the checkpoint to the new end."""
    rows = rows_of(home)
    tamper(
        home,
        "DROP TRIGGER task_history_no_delete",
        "DELETE FROM task_history WHERE id > ?",
        params=(rows[-3]["id"],),
    )
    path = home / "audit-checkpoint.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(head_id=rows[-3]["id"], head_hash=rows[-3]["hash"], rows=len(rows) - 2)
    if how == "signed with another key":
        head = checkpoint_module.Head(data["head_id"], data["head_hash"], data["rows"])
        data["hmac"] = checkpoint_module.sign(os.urandom(32), DB_NAME, head, data["written_at"])
    path.write_text("{not json" if how == "garbage" else json.dumps(data), encoding="utf-8")
    check = verify(home)
    assert not check.ok
    if how == "garbage":
        assert check.problems[0].startswith("audit-checkpoint.json cannot be read (")
    else:
        assert check.problems[0] == (
            "audit-checkpoint.json: its signature does not match (forged, or signed with another "
            "key): the head it names cannot be trusted; compare it with a copy kept elsewhere"
        )


def test_a_deleted_checkpoint_or_key(home: Path) -> None:
    (home / "audit-checkpoint.json").unlink()
    check = verify(home)
    assert not check.ok
    assert check.problems[0].startswith(
        "audit-checkpoint.json is missing although audit.key exists: the checkpoint was deleted"
    )
    # a change afterwards does not quietly anchor the chain again
    with open_store(home) as store:
        Ledger(store).update(ADMIN, tid("hazards"), TaskChange(note="之后"))
    assert not (home / "audit-checkpoint.json").exists()
    (home / "audit.key").unlink()
    problems = verify(home).problems
    assert problems[0].startswith(f"the chain's {len(rows_of(home))} row(s) are not anchored")


def _killed_after_commit(home: str) -> None:
    """A change whose process dies (kill -9) after COMMIT, before its checkpoint is written."""

    def die(*args: Any) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    checkpoint_module.write_checkpoint = die  # type: ignore[assignment]
    with open_store(Path(home)) as store:
        Ledger(store).update(ADMIN, tid("training"), TaskChange(progress=77, note="崩溃前"))


def test_a_kill_between_commit_and_checkpoint_is_a_warning_until_reanchored(
    home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    child = multiprocessing.get_context("fork").Process(
        target=_killed_after_commit, args=(str(home),)
    )
    child.start()
    child.join(timeout=60)
    assert child.exitcode == -signal.SIGKILL
    rows = rows_of(home)
    assert json.loads(rows[-1]["new"]) == "崩溃前"  # the change was committed
    check = verify(home)
    assert check.ok, check.problems
    assert check.warnings == (
        f"the checkpoint is behind the chain by 2 row(s) (rows {rows[-2]['id']}-{rows[-1]['id']} "
        "are not anchored): a change ended before its checkpoint was written, or rows were added "
        "outside PolicyLens; read those rows, then anchor them: policylens tasks verify-audit "
        "--reanchor",
    )
    # later changes keep that checkpoint (and say so) until an admin re-anchors
    with open_store(home) as store:
        Ledger(store).update(ADMIN, tid("training"), TaskChange(progress=80))
    assert "audit checkpoint not moved: it signs row" in caplog.text
    assert "behind the chain by 3 row(s)" in verify(home).warnings[0]
    done = run("tasks", "verify-audit", "--reanchor", home=home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Audit chain intact: {len(rows) + 1} row(s)."
    assert "was: the checkpoint is behind the chain by 3 row(s)" in done.stderr
    check = verify(home)
    assert check.ok and check.warnings == ()
    with open_store(home) as store:  # and changes move it again
        Ledger(store).update(ADMIN, tid("training"), TaskChange(progress=85))
    assert verify(home).warnings == ()


def _update_many(home: str, n: int, start: Any) -> None:
    start.wait()
    with open_store(Path(home)) as store:
        for k in range(5):
            Ledger(store).update(ADMIN, tid(RECORDS[n % 3].key), TaskChange(note=f"{n}-{k}"))


def test_concurrent_writers_keep_the_checkpoint_at_the_head(home: Path) -> None:
    context = multiprocessing.get_context("fork")
    start = context.Barrier(6)
    workers = [context.Process(target=_update_many, args=(str(home), n, start)) for n in range(6)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
        assert w.exitcode == 0
    check = verify(home)
    assert check.ok, check.problems
    assert check.warnings == ()  # no writer left the checkpoint behind another's rows
    assert check.checkpoint is not None and check.checkpoint["rows"] == check.rows


def test_an_in_memory_store_has_no_checkpoint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # whatever a ":memory:" path leaves stays in tmp_path
    with Store(Path(":memory:")) as store:
        ledger = Ledger(store)
        ledger.save_plan(ADMIN, PLAN, "plan", RECORDS)
        busy(ledger, 3)
        check = ledger.verify_audit()
    assert check.ok
    assert check.warnings == ("no checkpoint: this store has no workspace folder (in-memory)",)
    assert check.checkpoint is None
    assert not list(tmp_path.glob("*audit*"))


def test_the_cli_exits_1_with_one_line_per_problem(ledger: Ledger, home: Path) -> None:
    rows = rows_of(home)
    number = ledger.task(tid("hazards")).number
    tamper(
        home,
        "UPDATE tasks SET note='伪造' WHERE task_id=?",
        params=(tid("hazards"),),
    )
    (home / "audit-checkpoint.json").write_text(
        (home / "audit-checkpoint.json").read_text().replace('"rows": ', '"rows": 1'), "utf-8"
    )
    done = run("tasks", "verify-audit", home=home)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stdout.strip() == f"Audit chain BROKEN: {len(rows)} row(s)."
    lines = done.stderr.strip().splitlines()
    assert [line.split(":")[0].strip() for line in lines] == [
        "audit-checkpoint.json",
        f"T-{number} ({tid('hazards')})",
    ]
    as_json = run("tasks", "verify-audit", "--json", home=home)
    assert as_json.returncode == 1
    data = json.loads(as_json.stdout)
    assert data["ok"] is False and len(data["problems"]) == 2
    assert data["head"] == {"id": rows[-1]["id"], "hash": rows[-1]["hash"], "rows": len(rows)}
    assert data["checkpoint"]["head_hash"] == rows[-1]["hash"]
