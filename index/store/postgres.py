"""The store's connection to PostgreSQL (psycopg 3), shaped like the SQLite connection it stands
in for: ``execute``/``executemany`` with ``?`` placeholders, rows read by name or position,
``lastrowid``, ``in_transaction``, and the errors of Python's DB-API as :mod:`sqlite3` defines
them (so one ``except sqlite3.IntegrityError`` serves both backends).

The connection runs in autocommit mode, as the SQLite one (``isolation_level=None``) does: a
statement outside ``index.store.transactions.transaction`` commits by itself, and a transaction
is an explicit BEGIN … COMMIT. SQL is translated by :mod:`index.store.dialect`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus

from index.store.dialect import (
    COMPAT_FUNCTIONS,
    ROWID_COLUMN,
    VERSION_TABLE,
    DialectError,
    migration_for_postgres,
    redacted_url,
    statement_for_postgres,
)
from index.store.transactions import AUDIT_CHAIN_LOCK, STORE_LOCK, transaction

# Stable numbers for advisory locks: the store's one-writer-at-a-time lock (what SQLite's BEGIN
# IMMEDIATE takes), the audit chain's (taken instead by the changes that append to it), and the
# lock under which servers starting together migrate in turn.
WRITE_LOCK = 0x504C_5752
CHAIN_LOCK = 0x504C_4143
MIGRATION_LOCK = 0x504C_4D49
ADVISORY_LOCKS = {STORE_LOCK: WRITE_LOCK, AUDIT_CHAIN_LOCK: CHAIN_LOCK}

_FUNCTION = re.compile(r"\bFUNCTION (\w+)\(")
_INSERT = re.compile(r'^\s*INSERT\s+INTO\s+"?(\w+)"?\s*(\(|VALUES\b)', re.IGNORECASE)

# psycopg's errors as the DB-API errors of the sqlite3 module, most specific first.
_ERRORS: tuple[tuple[type[psycopg.Error], type[sqlite3.Error]], ...] = (
    (psycopg.IntegrityError, sqlite3.IntegrityError),
    (psycopg.DataError, sqlite3.DataError),
    (psycopg.OperationalError, sqlite3.OperationalError),
    (psycopg.ProgrammingError, sqlite3.OperationalError),  # SQLite: "no such table", syntax
    (psycopg.NotSupportedError, sqlite3.NotSupportedError),
    (psycopg.InternalError, sqlite3.InternalError),
    (psycopg.DatabaseError, sqlite3.DatabaseError),
    (psycopg.InterfaceError, sqlite3.InterfaceError),
)


def as_sqlite_error(error: psycopg.Error) -> sqlite3.Error:
    """The DB-API error of the sqlite3 module that stands for a psycopg error (its message
    without psycopg's context lines)."""
    text = str(error)
    message = error.diag.message_primary or (text.splitlines()[0] if text else type(error).__name__)
    for source, target in _ERRORS:
        if isinstance(error, source):
            return target(message)
    return sqlite3.Error(message)


class Row:
    """One result row, read by column name or position like :class:`sqlite3.Row`."""

    __slots__ = ("_names", "_values")

    def __init__(self, names: dict[str, int], values: tuple[Any, ...]) -> None:
        self._names = names
        self._values = values

    def __getitem__(self, key: int | str | slice) -> Any:
        if isinstance(key, str):
            try:
                return self._values[self._names[key]]
            except KeyError:
                raise IndexError(f"No item with that key: {key!r}") from None
        return self._values[key]

    def keys(self) -> list[str]:
        """The column names, in order."""
        return list(self._names)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Row):
            return NotImplemented
        return self._values == other._values and self._names == other._names

    def __hash__(self) -> int:
        return hash(self._values)

    def __repr__(self) -> str:
        return f"Row({dict(zip(self._names, self._values, strict=True))!r})"


def _plain(value: Any) -> Any:
    """A value as SQLite would give it: booleans as 0/1, whole decimals (SUM) as int."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _row_factory(cursor: psycopg.Cursor[Any]) -> Callable[[Sequence[Any]], Row]:
    names: dict[str, int] = {}
    for n, column in enumerate(cursor.description or ()):
        names.setdefault(column.name, n)  # like sqlite3.Row: the first of a repeated name
    return lambda values: Row(names, tuple(_plain(v) for v in values))


def _parameters(params: Sequence[Any] | None) -> tuple[Any, ...]:
    """Parameters as psycopg should send them: booleans as 0/1 (the columns are integers)."""
    return tuple(int(p) if isinstance(p, bool) else p for p in params or ())


class Cursor:
    """The result of one statement: ``fetchone``, ``fetchall``, iteration, ``lastrowid``."""

    def __init__(self, cursor: psycopg.Cursor[Row], lastrowid: int | None = None) -> None:
        self._cursor = cursor
        self.lastrowid = lastrowid
        self.rowcount = cursor.rowcount

    def fetchone(self) -> Any:
        """The next row, or None."""
        if self._cursor.description is None:
            return None
        return _translated(self._cursor.fetchone)

    def fetchall(self) -> list[Any]:
        """The remaining rows."""
        if self._cursor.description is None:
            return []
        return list(_translated(self._cursor.fetchall))

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


def _translated(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except psycopg.Error as exc:
        raise as_sqlite_error(exc) from exc


class PostgresConnection:
    """A psycopg connection with the store's SQLite-shaped interface."""

    dialect = "postgresql"

    def __init__(self, url: str, *, connect_timeout: int = 30) -> None:
        """Connect to ``url`` (``postgresql://…``) in autocommit mode.

        Raises:
            sqlite3.OperationalError: when the server cannot be reached (the message says which).
        """
        try:
            self.raw: psycopg.Connection[Row] = psycopg.connect(
                url, autocommit=True, row_factory=_row_factory, connect_timeout=connect_timeout
            )
        except psycopg.Error as exc:
            raise sqlite3.OperationalError(
                f"cannot connect to PostgreSQL at {redacted_url(url)}: {exc}"
            ) from exc
        self._keys: dict[str, str | None] = {}
        self._columns: dict[str, list[str]] = {}

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open (BEGIN without COMMIT or ROLLBACK yet)."""
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Cursor:
        """Run one statement (``?`` placeholders).

        Raises:
            sqlite3.Error: the DB-API error that stands for the server's (IntegrityError for a
                constraint or an append-only trigger).
        """
        if _is_begin_immediate(sql):
            return self._begin_immediate()
        query = self._query(sql)
        returning = self._returning(query)
        if returning:
            query = f"{query} RETURNING {returning}"
        try:
            cursor = self.raw.execute(query, _parameters(parameters), prepare=False)
        except psycopg.Error as exc:
            raise as_sqlite_error(exc) from exc
        lastrowid = None
        if returning and cursor.rowcount > 0:
            row = cursor.fetchone()
            lastrowid = int(row[0]) if row is not None else None
        return Cursor(cursor, lastrowid)

    def run_native(self, sql: str, parameters: Sequence[Any] = ()) -> None:
        """Run a statement already in PostgreSQL's dialect (``%s`` placeholders), untranslated.

        Raises:
            sqlite3.Error: as :meth:`execute`.
        """
        try:
            self.raw.execute(sql, tuple(parameters) if parameters else None, prepare=False)
        except psycopg.Error as exc:
            raise as_sqlite_error(exc) from exc

    def executemany(self, sql: str, seq_of_parameters: Iterable[Sequence[Any]], /) -> Cursor:
        """Run one statement for each parameter tuple (in one pipeline)."""
        query = self._query(sql)
        cursor = self.raw.cursor()
        try:
            cursor.executemany(query, [_parameters(p) for p in seq_of_parameters])
        except psycopg.Error as exc:
            raise as_sqlite_error(exc) from exc
        return Cursor(cursor)

    def begin(self, lock: str = STORE_LOCK) -> None:
        """BEGIN a transaction that holds the advisory lock named ``lock`` (a name of
        :data:`ADVISORY_LOCKS`) until it ends, in one round trip.

        Raises:
            sqlite3.Error: as :meth:`execute`.
        """
        try:  # no parameters, so psycopg sends both statements at once
            self.raw.execute(f"BEGIN; {lock_statement(lock)}")
        except psycopg.Error as exc:
            raise as_sqlite_error(exc) from exc

    def batch(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> list[list[Row]]:
        """Run several statements (``?`` placeholders, translated as by :meth:`execute`) in one
        round trip (psycopg's pipeline mode), and return each one's rows (empty for a
        statement without any). A batch may begin or end a transaction (``BEGIN``,
        ``COMMIT``); when one statement fails, those after it are not run.

        Raises:
            sqlite3.Error: the DB-API error for the first statement that failed.
        """
        try:
            cursors = []
            with self.raw.pipeline():
                for sql, parameters in statements:
                    cursor = self.raw.cursor()
                    cursor.execute(self._query(sql), _parameters(parameters), prepare=False)
                    cursors.append(cursor)
            return [c.fetchall() if c.description is not None else [] for c in cursors]
        except psycopg.Error as exc:
            raise as_sqlite_error(exc) from exc

    def close(self) -> None:
        """Close the connection (an open transaction is rolled back by the server)."""
        self.raw.close()

    def table_columns(self, table: str) -> list[str]:
        """A table's columns in order, without the emulated ``rowid``."""
        if table not in self._columns:
            rows = self.raw.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name=%s "
                "AND table_schema=current_schema() ORDER BY ordinal_position",
                (table,),
            ).fetchall()
            self._columns[table] = [r[0] for r in rows if r[0] != ROWID_COLUMN]
        return self._columns[table]

    def forget_schema(self) -> None:
        """Drop what was learnt about the tables (after a migration changed them)."""
        self._keys.clear()
        self._columns.clear()

    # -- internals -------------------------------------------------------------------------------
    def _begin_immediate(self) -> Cursor:
        """SQLite's BEGIN IMMEDIATE: a transaction that holds the store's write lock from its
        start (released at COMMIT or ROLLBACK), so what it reads and checks cannot change
        before it writes; readers are never blocked."""
        try:  # one round trip: no parameters, so psycopg sends both statements at once
            cursor = self.raw.execute(f"BEGIN; {lock_statement(STORE_LOCK)}")
        except psycopg.Error as exc:
            raise as_sqlite_error(exc) from exc
        return Cursor(cursor)

    def _query(self, sql: str) -> str:
        try:
            query = statement_for_postgres(sql)
        except DialectError as exc:
            raise sqlite3.NotSupportedError(str(exc)) from exc
        insert = _INSERT.match(query)
        if insert and insert.group(2).upper() == "VALUES":  # no column list: name them
            columns = ", ".join(f'"{c}"' for c in self.table_columns(insert.group(1)))
            query = f"{query[: insert.start(2)]}({columns}) {query[insert.start(2) :]}"
        return query

    def _returning(self, query: str) -> str | None:
        """The identity column to return from a single INSERT (for ``lastrowid``), if any."""
        insert = _INSERT.match(query)
        if insert is None or " RETURNING " in query.upper():
            return None
        table = insert.group(1)
        if table not in self._keys:
            row = self.raw.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name=%s "
                "AND table_schema=current_schema() AND is_identity='YES' "
                "ORDER BY column_name != 'id', column_name LIMIT 1",
                (table,),
            ).fetchone()
            self._keys[table] = row[0] if row else None
        return self._keys[table]


def lock_statement(lock: str) -> str:
    """The statement that takes the advisory lock named ``lock`` (waiting its turn) until the
    transaction ends.

    Raises:
        ValueError: for a name :data:`ADVISORY_LOCKS` lacks.
    """
    if lock not in ADVISORY_LOCKS:
        raise ValueError(f"lock {lock!r}: use one of {', '.join(ADVISORY_LOCKS)}")
    return f"SELECT pg_advisory_xact_lock({int(ADVISORY_LOCKS[lock])})"


def _is_begin_immediate(sql: str) -> bool:
    words = sql.split()
    return len(words) == 2 and words[0].upper() == "BEGIN" and words[1].upper() == "IMMEDIATE"


def migrate_postgres(db: Any, migrations: Sequence[str], where: str) -> None:
    """Apply the migrations a PostgreSQL store lacks, each in its own transaction under an
    advisory lock (servers starting together migrate once); the version is kept in
    ``schema_version``. SQLite's compatible functions are (re)created first.

    Raises:
        ValueError: when the store's schema is newer than these migrations.
    """
    from index.store.connection import check_version, schema_version

    connection: PostgresConnection = db
    current = schema_version(connection)
    check_version(current, migrations, where)
    if current == len(migrations) and _has_compat_functions(connection):
        return  # nothing to change: a role that may not change the schema opens it too
    with transaction(connection):
        connection.run_native("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        for sql in (*COMPAT_FUNCTIONS, VERSION_TABLE):
            connection.run_native(sql)
    check_version(schema_version(connection), migrations, where)
    for number, sql in enumerate(migrations, start=1):
        if number <= schema_version(connection):
            continue
        with transaction(connection):
            connection.run_native("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            if schema_version(connection) >= number:  # another server applied it meanwhile
                continue
            for statement in migration_for_postgres(sql):
                connection.run_native(statement)
            connection.run_native("DELETE FROM schema_version")
            connection.run_native("INSERT INTO schema_version (version) VALUES (%s)", (number,))
    connection.forget_schema()


def _has_compat_functions(connection: PostgresConnection) -> bool:
    """Whether SQLite's compatible functions exist in the store's schema (a change to one of
    them comes with a migration, which creates them again)."""
    names = sorted({m.group(1) for sql in COMPAT_FUNCTIONS for m in _FUNCTION.finditer(sql)})
    row = connection.raw.execute(
        "SELECT COUNT(DISTINCT p.proname) FROM pg_proc p JOIN pg_namespace n "
        "ON n.oid = p.pronamespace WHERE n.nspname = current_schema() AND p.proname = ANY(%s)",
        (names,),
    ).fetchone()
    return row is not None and int(row[0]) == len(names)


__all__ = [
    "ADVISORY_LOCKS",
    "Cursor",
    "PostgresConnection",
    "Row",
    "as_sqlite_error",
    "lock_statement",
]
