"""The store's connection, whichever the backend: what the code may call on it (:class:`Database`),
how each backend is opened, and the one migration runner for both.

SQLite (a file in the workspace) is the default; PostgreSQL (``$POLICYLENS_DATABASE_URL``) is the
shared store for several app servers. Both take the same SQL (:mod:`index.store.dialect`
translates it for PostgreSQL) and raise the same DB-API errors (those of :mod:`sqlite3`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from index.store.dialect import POSTGRESQL, SQLITE, statements
from index.store.transactions import transaction


class Row(Protocol):
    """A result row: by column name or position (``sqlite3.Row`` and the PostgreSQL adapter's)."""

    def __getitem__(self, key: Any, /) -> Any: ...

    def keys(self) -> list[str]:
        """The column names."""
        ...


class Cursor(Protocol):
    """The result of one statement."""

    @property
    def lastrowid(self) -> int | None:
        """The row id an INSERT gave (None when there is none)."""
        ...

    @property
    def rowcount(self) -> int:
        """Rows changed by an INSERT, UPDATE or DELETE."""
        ...

    def fetchone(self) -> Any:
        """The next row, or None."""
        ...

    def fetchall(self) -> list[Any]:
        """The remaining rows."""
        ...

    def __iter__(self) -> Iterator[Any]: ...


class Database(Protocol):
    """What the store's code calls on its connection (``Store.db``): the part of
    :class:`sqlite3.Connection` that :class:`index.store.postgres.PostgresConnection` has too."""

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open."""
        ...

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor:
        """Run one statement with ``?`` placeholders."""
        ...

    def executemany(self, sql: str, seq_of_parameters: Iterable[Sequence[Any]], /) -> Cursor:
        """Run one statement for each parameter tuple."""
        ...

    def close(self) -> None:
        """Close the connection."""
        ...


def dialect_of(db: Database) -> str:
    """``"sqlite"`` or ``"postgresql"``."""
    return str(getattr(db, "dialect", SQLITE))


def is_postgres(db: Database) -> bool:
    """Whether ``db`` is a PostgreSQL connection."""
    return dialect_of(db) == POSTGRESQL


def connect_sqlite(path: Path) -> sqlite3.Connection:
    """The workspace's SQLite file in WAL mode with foreign keys (autocommit; rows by name)."""
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA synchronous=NORMAL")
    except BaseException:
        db.close()
        raise
    return db


def connect_postgres(url: str) -> Database:
    """A PostgreSQL connection (psycopg is imported only here, for the shared store).

    Raises:
        sqlite3.OperationalError: when the server cannot be reached.
    """
    from index.store.postgres import PostgresConnection

    return PostgresConnection(url)


def schema_version(db: Database) -> int:
    """The number of migrations applied (0 for a new store)."""
    if not is_postgres(db):
        return int(db.execute("PRAGMA user_version").fetchone()[0])
    row = db.execute(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_name='schema_version' "
        "AND table_schema=current_schema()"
    ).fetchone()
    if not row[0]:
        return 0
    found = db.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(found[0] or 0)


def migrate(db: Database, migrations: Sequence[str], where: str) -> None:
    """Apply the migrations ``db`` lacks, each in its own transaction; SQLite records the
    version in ``PRAGMA user_version``, PostgreSQL in ``schema_version``
    (:func:`index.store.postgres.migrate_postgres`).

    Raises:
        ValueError: when the store's schema is newer than these migrations (``where`` names it).
    """
    if is_postgres(db):
        from index.store.postgres import migrate_postgres

        migrate_postgres(db, migrations, where)
        return
    current = schema_version(db)
    check_version(current, migrations, where)
    for number, sql in enumerate(migrations[current:], start=current + 1):
        with transaction(db):
            for statement in statements(sql):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {number}")


def check_version(current: int, migrations: Sequence[str], where: str) -> None:
    """Refuse a store whose schema is newer than this program's migrations.

    Raises:
        ValueError: naming the store (``where``) and what to do.
    """
    if current > len(migrations):
        raise ValueError(
            f"{where} has schema {current}, newer than this PolicyLens ({len(migrations)}); "
            "upgrade PolicyLens"
        )
