"""Backing up and restoring the store: SQLite's online backup API for a consistent copy while
others write, and a restore that checks the copy before it replaces anything.

The recovery path for a damaged or lost store: ``policylens restore BACKUP`` (the replaced file
is kept as ``policylens.db.before-restore``), then ``policylens rebuild`` for the indexes.
Uploaded files and tasks' attachments are kept in the store (:mod:`index.store.stored_files`), so
the copy holds them; the files an older PolicyLens kept in the workspace's folders are copied
into the store first. A PostgreSQL store is backed up and restored with PostgreSQL's own tools
(``pg_dump`` and ``pg_restore``): both commands refuse it with those steps
(:data:`POSTGRES_STEPS`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from index.settings import DB_NAME, ENV_DATABASE_URL, database_url
from index.store.database import StoreError, open_store
from index.store.dialect import redacted_url
from index.store.files import FILE_MODE, FOLDER_MODE, SIDE_FILES, make_private
from index.store.schema import MIGRATIONS
from index.store.stored_files import adopt_disk_files

ASIDE = ".before-restore"
POSTGRES_STEPS = (
    "the store is the PostgreSQL database in {variable} ({url}), not a file in the workspace: "
    "back it up with `pg_dump --format=custom --file=BACKUP.dump DATABASE_URL` and restore it "
    "into an empty database with `pg_restore --no-owner --dbname=DATABASE_URL BACKUP.dump` "
    "(stop the app servers first), then run `policylens rebuild` on each server; see the "
    "README's Deployment section"
)
REQUIRED_TABLES = ("documents", "provisions", "ingest_log")


@dataclass(frozen=True, slots=True)
class Copied:
    """What a backup or a restore did."""

    path: Path  # the file written: the backup, or the restored store
    documents: int
    schema: int
    aside: Path | None = None  # restore: where the replaced store was kept


def backup_store(home: Path, dest: Path) -> Copied:
    """Copy the workspace's store to ``dest`` (mode 600), consistent while others write, with
    the attachment and upload files an older PolicyLens kept in the workspace copied into the
    store first (:func:`index.store.stored_files.adopt_disk_files`).

    Args:
        home: The workspace.
        dest: A new file, or an existing folder (the copy is named with the time inside it).

    Raises:
        StoreError: when ``dest`` exists, or the store is damaged or missing, or is a
            PostgreSQL database (the message gives the pg_dump steps).
    """
    _refuse_postgres()
    if dest.is_dir():
        dest = dest / f"policylens-{datetime.now():%Y%m%d-%H%M%S}.db"
    if dest.exists():
        raise StoreError(f"{dest} exists; a backup never overwrites a file, give a new name")
    if not (home / DB_NAME).exists():
        raise StoreError(f"there is no store {home / DB_NAME} to back up")
    dest.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    part = dest.with_name(f".{dest.name}.part-{os.getpid()}")
    _create_private(part)
    try:
        with open_store(home) as store, contextlib.closing(sqlite3.connect(part)) as copy:
            if not isinstance(store.db, sqlite3.Connection):  # checked above; for the types
                raise StoreError(POSTGRES_STEPS)
            adopt_disk_files(store.db, home)
            store.db.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            documents, schema = _check(copy, f"the store {home / DB_NAME}")
        _fsync(part)
        os.replace(part, dest)
    finally:
        _remove(part)
    return Copied(dest, documents, schema)


def restore_store(home: Path, source: Path) -> Copied:
    """Replace the workspace's store with the backup ``source``, once it is checked as sound.

    The backup is copied and checked (SQLite integrity check, a PolicyLens schema no newer than
    this program's) before anything changes; the replaced store, if any, is kept beside it as
    ``policylens.db.before-restore``. Stop the app and other commands first; run ``policylens
    rebuild`` afterwards.

    Raises:
        StoreError: when ``source`` is missing or not a sound PolicyLens store (nothing changed),
            or the store is a PostgreSQL database (the message gives the pg_restore steps).
    """
    _refuse_postgres()
    if not source.is_file():
        raise StoreError(f"no backup file {source}")
    home.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    target = home / DB_NAME
    part = home / f".{DB_NAME}.restore-{os.getpid()}"
    _create_private(part)
    try:
        shutil.copyfile(source, part)
        wal = source.with_name(source.name + "-wal")
        if wal.exists():  # a copy taken beside a live WAL: SQLite reads both
            shutil.copyfile(wal, part.with_name(part.name + "-wal"))
        with contextlib.closing(sqlite3.connect(part)) as copy:
            documents, schema = _check(copy, str(source))
            copy.execute("PRAGMA journal_mode=DELETE")
        _fsync(part)
        aside = _move_aside(target)
        os.replace(part, target)
    finally:
        _remove(part)
    make_private(target)
    open_store(home).close()  # migrates an older backup now, and proves it opens
    return Copied(target, documents, schema, aside)


def _refuse_postgres() -> None:
    """Refuse to copy files when the store is a PostgreSQL database, with what to do instead.

    Raises:
        StoreError: when ``$POLICYLENS_DATABASE_URL`` names a PostgreSQL database.
    """
    url = database_url()
    if url:
        raise StoreError(POSTGRES_STEPS.format(variable=ENV_DATABASE_URL, url=redacted_url(url)))


def _check(db: sqlite3.Connection, name: str) -> tuple[int, int]:
    """The documents and schema version of a sound PolicyLens store, else a StoreError."""
    try:
        rows = [str(r[0]) for r in db.execute("PRAGMA integrity_check(5)")]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        schema = int(db.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{name} is not a sound SQLite database ({exc}); nothing changed") from exc
    if rows != ["ok"]:
        raise StoreError(f"{name} fails SQLite's integrity check ({'; '.join(rows)})")
    missing = [t for t in REQUIRED_TABLES if t not in tables]
    if schema < 1 or missing:
        raise StoreError(f"{name} is not a PolicyLens store (no {', '.join(missing) or 'schema'})")
    if schema > len(MIGRATIONS):
        raise StoreError(
            f"{name} has schema {schema}, newer than this PolicyLens ({len(MIGRATIONS)}); "
            "upgrade PolicyLens"
        )
    return int(db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]), schema


def _move_aside(target: Path) -> Path | None:
    """Keep the store being replaced (and its WAL) as ``policylens.db.before-restore``."""
    if not target.exists():
        for side in SIDE_FILES:
            _remove(target.with_name(target.name + side))
        return None
    aside = target.with_name(target.name + ASIDE)
    n = 1
    while aside.exists():
        n += 1
        aside = target.with_name(f"{target.name}{ASIDE}-{n}")
    os.replace(target, aside)
    wal = target.with_name(target.name + "-wal")
    if wal.exists():  # what the WAL holds belongs to the file kept aside
        os.replace(wal, aside.with_name(aside.name + "-wal"))
    for side in ("-shm", "-journal"):
        _remove(target.with_name(target.name + side))
    return aside


def _create_private(path: Path) -> None:
    """A new empty file of mode 600 (replacing a leftover of an earlier, killed run)."""
    _remove(path)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    """Delete ``path`` and its SQLite side files where they exist."""
    for file in (path, *(path.with_name(path.name + side) for side in SIDE_FILES)):
        file.unlink(missing_ok=True)
