"""The store's files on disk: private modes (folder 700, database and its -wal/-shm 600), the
refusal to recreate a store that is missing beside an existing index, and the one-line messages
(with the recovery step) for a damaged store or a full disk."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from index.settings import INDEX_DIR

FILE_MODE = 0o600
FOLDER_MODE = 0o700
SIDE_FILES = ("-wal", "-shm", "-journal")
RESTORE = "policylens restore BACKUP"
REBUILD = "policylens rebuild"


def damaged_message(path: Path, error: BaseException) -> str:
    """What to tell the user when SQLite finds the store damaged or not a database at all."""
    return (
        f"the store {path} is damaged ({error}); restore a backup with `{RESTORE}` "
        f"(made by `policylens backup`), then run `{REBUILD}`"
    )


def missing_message(path: Path, index: Path) -> str:
    """What to tell the user when the store is gone but the workspace still has an index."""
    return (
        f"the store {path} is missing, but the workspace has search indexes in {index}: it was "
        f"deleted or moved, and is not recreated empty; restore a backup with `{RESTORE}`, or "
        f"remove {index} and ingest the files again"
    )


def full_message(where: Path | str, cause: object) -> str:
    """What to tell the user when the disk (or the store's size limit) is full."""
    return f"no space left for {where} ({cause}); free disk space and run the command again"


def has_index(home: Path) -> bool:
    """Whether the workspace holds search index files (a CURRENT pointer or a generation)."""
    folder = home / INDEX_DIR
    if not folder.is_dir():
        return False
    return (folder / "CURRENT").exists() or any(folder.glob("gen-*"))


def prepare(path: Path) -> None:
    """Create the workspace folder (mode 700) and an empty database file (mode 600) when they
    do not exist yet, so that SQLite, which gives -wal and -shm the database file's mode,
    never writes a readable file."""
    path.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):  # another process created it first: fine
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))


def make_private(path: Path) -> None:
    """Set mode 600 on the database file and its -wal/-shm where they exist and are readable by
    others (a store made by an older PolicyLens). Files of another owner are left as they are."""
    for file in (path, *(path.with_name(path.name + side) for side in SIDE_FILES)):
        # A side file may vanish meanwhile; another owner's file cannot be changed by us.
        with contextlib.suppress(FileNotFoundError, PermissionError):
            if file.stat().st_mode & 0o077:
                file.chmod(FILE_MODE)


def is_damage(error: BaseException) -> bool:
    """Whether a SQLite error means a damaged file (not a lock, a full disk or a permission)."""
    return isinstance(error, sqlite3.DatabaseError) and not isinstance(
        error, sqlite3.OperationalError
    )
