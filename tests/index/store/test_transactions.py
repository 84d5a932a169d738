"""One write transaction: committed when the block ends, rolled back on any error, and a rollback
that fails too never hides the error that caused it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from index.store.transactions import transaction


def connect(tmp_path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(tmp_path / "t.sqlite", isolation_level=None)
    db.execute("CREATE TABLE t (x INTEGER)")
    return db


def values(db: sqlite3.Connection) -> list[int]:
    return [r[0] for r in db.execute("SELECT x FROM t ORDER BY x")]


def test_the_block_is_committed_when_it_ends(tmp_path: Path) -> None:
    db = connect(tmp_path)
    with transaction(db):
        assert db.in_transaction
        db.execute("INSERT INTO t VALUES (1)")
    assert not db.in_transaction
    assert values(db) == [1]


def test_a_return_inside_the_block_commits(tmp_path: Path) -> None:
    db = connect(tmp_path)

    def early() -> str:
        with transaction(db):
            db.execute("INSERT INTO t VALUES (2)")
            return "done"

    assert early() == "done"
    assert not db.in_transaction and values(db) == [2]


@pytest.mark.parametrize("error", [ValueError("bad"), KeyboardInterrupt()])
def test_any_error_rolls_back_and_is_raised_again(tmp_path: Path, error: BaseException) -> None:
    db = connect(tmp_path)
    with pytest.raises(type(error)), transaction(db):
        db.execute("INSERT INTO t VALUES (3)")
        raise error
    assert not db.in_transaction and values(db) == []


def test_a_transaction_sqlite_ended_itself_keeps_the_original_error(tmp_path: Path) -> None:
    db = connect(tmp_path)
    with pytest.raises(sqlite3.OperationalError, match="disk is full"), transaction(db):
        db.execute("INSERT INTO t VALUES (4)")
        db.execute("ROLLBACK")  # as SQLite does itself on SQLITE_FULL
        raise sqlite3.OperationalError("database or disk is full")
    assert not db.in_transaction and values(db) == []


class RollbackFails:
    """A connection whose ROLLBACK fails (the transaction seems still open)."""

    in_transaction = True

    def execute(self, sql: str) -> None:
        if sql == "ROLLBACK":
            raise sqlite3.OperationalError("cannot rollback - no transaction is active")


def test_a_failing_rollback_is_a_note_on_the_original_error() -> None:
    with (
        pytest.raises(sqlite3.OperationalError, match="disk is full") as caught,
        transaction(RollbackFails()),  # type: ignore[arg-type]
    ):
        raise sqlite3.OperationalError("database or disk is full")
    assert caught.value.__notes__ == [
        "the rollback failed too: cannot rollback - no transaction is active"
    ]
