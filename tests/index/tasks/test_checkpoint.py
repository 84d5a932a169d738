"""The audit checkpoint with several writers (``index/tasks/checkpoint.py``): the chain's head read
from the signed head on (not by counting the whole table), two app servers with workspaces of
their own appending to one PostgreSQL chain, each checkpoint following it forward and verifying,
a checkpoint never moved past a head the chain no longer holds, and the workspace's lock file
not held across a shared chain's commit."""

from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.accounts import Role, User
from index.settings import DB_NAME
from index.store.database import Store
from index.store.dialect import POSTGRESQL
from index.tasks.checkpoint import (
    Head,
    anchor_of,
    chain_head,
    load_key,
    read_checkpoint,
    write_checkpoint,
)
from index.tasks.ledger import Ledger
from index.tasks.records import TaskChange, TaskRecord
from tests.backends import Server, sqlite_only

ADMIN = User("ada", Role.ADMIN)
PLAN = "plan-two-servers"
RECORDS = [
    TaskRecord("duty", "完善安全生产责任制", lead=("示例省应急管理厅",)),
    TaskRecord("hazards", "开展隐患排查治理", lead=("示例省公安厅",)),
]


def tid(key: str) -> str:
    return f"{PLAN}#{key}"


@pytest.fixture()
def servers(
    tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> Iterator[tuple[Ledger, Ledger]]:
    """The ledgers of servers A and B: one PostgreSQL database, a workspace folder each."""
    if backend != POSTGRESQL:
        pytest.skip("one SQLite file is one workspace: several servers share only PostgreSQL")
    server: Server = request.getfixturevalue("postgres_server")
    url = server.workspace_url(tmp_path / "shared-database")
    homes = [tmp_path / f"server-{name}" for name in ("a", "b")]
    for home in homes:
        home.mkdir(mode=0o700)
    stores = [Store(home / DB_NAME, url) for home in homes]
    try:
        yield Ledger(stores[0]), Ledger(stores[1])
    finally:
        for store in stores:
            store.close()


def history_rows(ledger: Ledger) -> int:
    return int(ledger.db.execute("SELECT COUNT(*) FROM task_history").fetchone()[0])


def test_the_head_is_counted_from_the_signed_head(tmp_path: Path) -> None:
    with Store(tmp_path / "workspace" / DB_NAME) as store:
        ledger = Ledger(store)
        ledger.save_plan(ADMIN, PLAN, "计划", RECORDS)
        for n in range(6):
            ledger.update(ADMIN, tid("duty"), TaskChange(progress=n + 1, note=f"第{n}次"))
        full = chain_head(store.db)
        assert full.extends and full.head.rows == history_rows(ledger)
        middle = store.db.execute(
            "SELECT id, hash FROM task_history ORDER BY id LIMIT 1 OFFSET 4"
        ).fetchone()
        signed = Head(int(middle[0]), middle[1], 5)
        assert chain_head(store.db, signed) == full  # the same head, from the signed one on
        # only the rows after the signed head are counted: a signed count one short is kept
        short = chain_head(store.db, Head(signed.id, signed.hash, 4))
        assert short.extends and short.head.rows == full.head.rows - 1
        # a signed head whose row the chain no longer holds (another hash) is not extended
        assert not chain_head(store.db, Head(signed.id, "f" * 64, 5)).extends


def test_two_servers_appending_in_turn_each_keep_a_checkpoint_that_verifies(
    servers: tuple[Ledger, Ledger], caplog: pytest.LogCaptureFixture
) -> None:
    a, b = servers
    a.save_plan(ADMIN, PLAN, "两台服务器", RECORDS)
    with caplog.at_level(logging.INFO, logger="policylens.audit"):
        for n in range(3):
            a.update(ADMIN, tid("duty"), TaskChange(progress=10 + n, note=f"甲{n}"))
            b.update(ADMIN, tid("hazards"), TaskChange(progress=20 + n, note=f"乙{n}"))
    assert "checkpoint not moved" not in caplog.text
    assert "audit checkpoint started" in caplog.text  # B's workspace began its own anchor
    rows = history_rows(a)
    anchors = [anchor_of(x.store) for x in (a, b)]
    assert all(x is not None for x in anchors)
    a_anchor, b_anchor = anchors[0], anchors[1]
    assert a_anchor is not None and b_anchor is not None
    assert a_anchor.workspace != b_anchor.workspace
    assert load_key(a_anchor) != load_key(b_anchor)  # each server signs with its own key
    a_signed, b_signed = read_checkpoint(a_anchor), read_checkpoint(b_anchor)
    assert a_signed is not None and b_signed is not None
    assert b_signed.head.rows == rows  # B wrote last: it signs the head
    assert a_signed.head.rows == rows - 2  # A's signs its own last change, B's 2 rows after
    check_b, check_a = b.verify_audit(), a.verify_audit()
    assert check_b.ok and check_b.warnings == (), check_b
    assert check_a.ok, check_a.problems
    assert len(check_a.warnings) == 1 and "other app servers appended them" in check_a.warnings[0]
    a.update(ADMIN, tid("duty"), TaskChange(note="甲再次"))  # A moves past B's rows
    assert a.verify_audit().warnings == ()


def test_a_checkpoint_is_not_moved_past_a_head_the_chain_no_longer_holds(
    servers: tuple[Ledger, Ledger], caplog: pytest.LogCaptureFixture
) -> None:
    a, _ = servers
    a.save_plan(ADMIN, PLAN, "两台服务器", RECORDS)
    a.update(ADMIN, tid("duty"), TaskChange(note="第一次"))
    anchor = anchor_of(a.store)
    assert anchor is not None
    key = load_key(anchor)
    assert key is not None
    head = chain_head(a.db).head
    # a checkpoint signing another hash at the head's row: that chain was rewritten since
    forged = write_checkpoint(anchor, key, Head(head.id, "f" * 64, head.rows))
    a.update(ADMIN, tid("duty"), TaskChange(note="第二次"))
    assert "audit checkpoint not moved: the chain no longer holds the head it signs" in (
        caplog.text
    )
    assert read_checkpoint(anchor) == forged  # kept as evidence
    check = a.verify_audit()
    assert not check.ok
    assert "its hash is not the one the signed checkpoint anchors" in check.problems[0]


def test_the_workspace_lock_is_not_held_across_a_shared_chain_commit(
    servers: tuple[Ledger, Ledger],
) -> None:
    """A change on PostgreSQL commits while another process of its workspace holds the lock
    file (only the checkpoint's small write waits for it), and the checkpoint follows after."""
    a, b = servers
    a.save_plan(ADMIN, PLAN, "两台服务器", RECORDS)
    anchor = anchor_of(a.store)
    assert anchor is not None
    version = a.task(tid("duty")).version
    fd = os.open(anchor.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    failed: list[BaseException] = []

    def change() -> None:
        try:
            a.update(ADMIN, tid("duty"), TaskChange(note="锁外提交"))
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            failed.append(exc)

    worker = threading.Thread(target=change)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        worker.start()
        deadline = time.monotonic() + 20
        while b.task(tid("duty")).version == version and time.monotonic() < deadline:
            time.sleep(0.01)
        assert b.task(tid("duty")).version == version + 1  # committed, lock still held
        assert worker.is_alive()  # its checkpoint waits for the lock
        assert json.loads(anchor.checkpoint_path.read_text())["rows"] < history_rows(b)
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
        worker.join(timeout=60)
    assert not failed, failed
    check = a.verify_audit()
    assert check.ok and check.warnings == (), check


def test_on_sqlite_the_checkpoint_is_written_before_the_change_returns(tmp_path: Path) -> None:
    """SQLite's rule: the checkpoint is written under the workspace's lock before ``update``
    returns, so it signs the chain's head after every change."""
    sqlite_only("on PostgreSQL the checkpoint follows the chain forward (tested above)")
    with Store(tmp_path / "workspace" / DB_NAME) as store:
        ledger = Ledger(store)
        ledger.save_plan(ADMIN, PLAN, "计划", RECORDS)
        anchor = anchor_of(store)
        assert anchor is not None
        for n in range(3):
            ledger.update(ADMIN, tid("duty"), TaskChange(note=f"第{n}次"))
            signed = read_checkpoint(anchor)
            assert signed is not None and signed.head == chain_head(store.db).head
