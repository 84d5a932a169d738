"""One line for every error a user can act on: the message of a known error, and what SQLite
and the operating system raise (a damaged store, a full disk, a permission, a lock) turned into
the cause, the file or workspace concerned and the recovery step, in the CLI's language (the
knowledge base's English messages are translated here, where they are shown, by their
templates in ``ui/i18n/catalogue/cli_kb.py``; see :func:`ui.cli.words.in_language`)."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from ui.cli.common import CURRENT, cli_language, say, visible
from ui.cli.words import in_language

FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
DENIED = (errno.EACCES, errno.EPERM, errno.EROFS)


def explain(error: BaseException) -> str:
    """The one-line message (without "Error: ") for an error ``main`` catches.

    Control characters and bidi overrides in it are made visible (file names come from data).
    """
    if isinstance(error, sqlite3.Error):
        message = _sqlite(error)
    elif isinstance(error, OSError):
        message = _os(error)
    else:
        message = str(error)
    return visible(in_language(message, cli_language()))


def _store() -> Path | str:
    """The store of the workspace the command works on (as far as it is known)."""
    from index.settings import DB_NAME

    home = CURRENT.get("home")
    return home / DB_NAME if home is not None else say("cli.kb.the_store")


def _sqlite(error: sqlite3.Error) -> str:
    from index.store.files import damaged_message, full_message, is_damage

    store = _store()
    text = str(error)
    if is_damage(error):
        return damaged_message(Path(store), error)
    if "full" in text:  # "database or disk is full"
        return full_message(store, error)
    if "locked" in text or "busy" in text:
        return say("cli.kb.busy", store=store, cause=text)
    if "readonly" in text or "unable to open" in text:
        return say("cli.kb.read_only", store=store, cause=text)
    return say("cli.kb.sqlite", store=store, cause=text)


def _os(error: OSError) -> str:
    from index.store.files import full_message

    where = error.filename or CURRENT.get("home") or say("cli.kb.the_workspace")
    reason = error.strerror or str(error)
    if error.errno in FULL:
        return full_message(where, reason)
    if error.errno in DENIED:
        return say("cli.kb.denied", where=where, cause=reason)
    return str(error)
