"""One write transaction on a store's connection: BEGIN IMMEDIATE, COMMIT, or ROLLBACK on error.

On PostgreSQL a write transaction holds one advisory lock from its start: the store's
(:data:`STORE_LOCK`, every writer's, as SQLite's BEGIN IMMEDIATE locks the whole file) or, for
the changes that append to the audit chain, the chain's own (:data:`AUDIT_CHAIN_LOCK`): those
take turns among themselves but not with ingest, accounts or review, whose tables they do not
write. On SQLite every write transaction is BEGIN IMMEDIATE, whichever lock is named.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from index.store.connection import Database

STORE_LOCK = "store"
AUDIT_CHAIN_LOCK = "audit-chain"
LOCKS = (STORE_LOCK, AUDIT_CHAIN_LOCK)


@contextmanager
def transaction(db: Database, *, lock: str = STORE_LOCK) -> Iterator[None]:
    """Run the ``with`` block as one write transaction.

    The write lock is taken at the start (BEGIN IMMEDIATE; on PostgreSQL, BEGIN and the
    advisory lock named by ``lock``), so what the block reads and checks cannot change before
    it writes. Leaving the block normally (a ``return`` included) commits; any exception,
    KeyboardInterrupt included, rolls back and is raised again. A rollback that
    fails too (SQLite may have ended the transaction itself, as on "database or disk is full")
    never hides the original error: it is added to that error as a note.

    Args:
        db: the store's connection (SQLite opened with ``isolation_level=None``, or
            PostgreSQL in autocommit mode).
        lock: :data:`STORE_LOCK` or :data:`AUDIT_CHAIN_LOCK` (only a writer of the audit
            chain's tables may take the latter alone).

    Raises:
        ValueError: for a lock of another name.
    """
    if lock not in LOCKS:
        raise ValueError(f"lock {lock!r}: use one of {', '.join(LOCKS)}")
    if lock == STORE_LOCK or getattr(db, "dialect", "sqlite") == "sqlite":
        db.execute("BEGIN IMMEDIATE")
    else:
        from index.store.postgres import PostgresConnection  # a PostgreSQL store's connection

        assert isinstance(db, PostgresConnection)
        db.begin(lock)  # BEGIN and that advisory lock, in one round trip
    with committed(db):
        yield


@contextmanager
def committed(db: Database) -> Iterator[None]:
    """Finish a transaction already begun: COMMIT when the block ends normally (unless the
    block committed it itself, as a batch of statements ending in COMMIT does), ROLLBACK on
    any exception, which is raised again (with a failed rollback as a note)."""
    try:
        yield
        if db.in_transaction:
            db.execute("COMMIT")
    except BaseException as error:
        if db.in_transaction:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error as failed:
                error.add_note(f"the rollback failed too: {failed}")
        raise
