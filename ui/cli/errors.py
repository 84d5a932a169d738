"""One line for every error a user can act on: the message of a known error, and what SQLite
and the operating system raise (a damaged store, a full disk, a permission, a lock) turned into
the cause, the file or workspace concerned and the recovery step."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from ui.cli.common import CURRENT, visible

FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
DENIED = (errno.EACCES, errno.EPERM, errno.EROFS)


def explain(error: BaseException) -> str:
    """The one-line message (without "Error: ") for an error ``main`` catches.

    Control characters and bidi overrides in it are made visible (file names come from data).
    """
    if isinstance(error, sqlite3.Error):
        return visible(_sqlite(error))
    if isinstance(error, OSError):
        return visible(_os(error))
    return visible(str(error))


def _store() -> Path | str:
    """The store of the workspace the command works on (as far as it is known)."""
    from index.settings import DB_NAME

    home = CURRENT.get("home")
    return home / DB_NAME if home is not None else "the workspace's store"


def _sqlite(error: sqlite3.Error) -> str:
    from index.store.files import damaged_message, full_message, is_damage

    store = _store()
    text = str(error)
    if is_damage(error):
        return damaged_message(Path(store), error)
    if "full" in text:  # "database or disk is full"
        return full_message(store, error)
    if "locked" in text or "busy" in text:
        return f"{store} is busy ({text}): another command or the app is writing; try again"
    if "readonly" in text or "unable to open" in text:
        return (
            f"cannot write {store} ({text}); check that its folder exists and that you may "
            "write to it and its files, or choose another workspace with --home"
        )
    return f"{store}: {text}; run `policylens verify` to check the workspace"


def _os(error: OSError) -> str:
    from index.store.files import full_message

    where = error.filename or CURRENT.get("home") or "the workspace"
    reason = error.strerror or str(error)
    if error.errno in FULL:
        return full_message(where, reason)
    if error.errno in DENIED:
        return (
            f"cannot write {where} ({reason}); check the file's owner and mode, or choose "
            "another workspace with --home"
        )
    return str(error)
