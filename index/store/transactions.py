"""One write transaction on a store's connection: BEGIN IMMEDIATE, COMMIT, or ROLLBACK on error."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from index.store.connection import Database


@contextmanager
def transaction(db: Database) -> Iterator[None]:
    """Run the ``with`` block as one write transaction.

    The write lock is taken at the start (BEGIN IMMEDIATE; on PostgreSQL, BEGIN and the store's
    advisory write lock), so what the block reads and checks cannot change before it writes.
    Leaving the block normally (a ``return`` included) commits; any exception,
    KeyboardInterrupt included, rolls back and is raised again. A rollback that
    fails too (SQLite may have ended the transaction itself, as on "database or disk is full")
    never hides the original error: it is added to that error as a note.

    Args:
        db: the store's connection (SQLite opened with ``isolation_level=None``, or
            PostgreSQL in autocommit mode).
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException as error:
        if db.in_transaction:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error as failed:
                error.add_note(f"the rollback failed too: {failed}")
        raise
