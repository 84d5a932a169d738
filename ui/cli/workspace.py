"""`policylens backup` and `policylens restore`: a consistent copy of the store, and the way
back from a damaged or lost one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ui.cli.common import HomeOption, JsonOption, emit_json, home_of, say, visible


def backup(
    dest: Annotated[
        Path, typer.Argument(metavar=say("cli.metavar.dest"), help=say("cli.backup.dest"))
    ],
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    """Copy the store (documents, accounts, tasks, reviews) to a new file of mode 600.

    The copy is consistent while others write (SQLite's online backup API). The search indexes
    are not copied: they are rebuilt from the store. To recover from a damaged or lost store:
    `policylens restore BACKUP`, then `policylens rebuild`.
    """
    from index.store.backup import backup_store

    copied = backup_store(home_of(home), dest)
    if as_json:
        emit_json({"path": str(copied.path), "documents": copied.documents})
        return
    typer.echo(
        say(
            "cli.backup.done",
            documents=copied.documents,
            path=visible(copied.path),
            schema=copied.schema,
        )
    )


def restore(
    source: Annotated[
        Path, typer.Argument(metavar=say("cli.metavar.source"), help=say("cli.restore.source"))
    ],
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    """Replace the store with a backup, after checking that it is a sound PolicyLens store.

    The recovery path for a damaged store (`policylens verify` reports it) or a deleted one:
    stop the app and other commands, run `policylens restore BACKUP`, then `policylens rebuild`
    to bring the search indexes in line. The backup is checked (SQLite integrity check, schema
    version) before anything changes; the replaced store is kept as policylens.db.before-restore.
    Work done after the backup was taken is not in it.
    """
    from index.store.backup import restore_store

    copied = restore_store(home_of(home), source)
    if as_json:
        emit_json(
            {
                "path": str(copied.path),
                "documents": copied.documents,
                "kept_aside": str(copied.aside) if copied.aside else None,
            }
        )
        return
    typer.echo(say("cli.restore.done", documents=copied.documents, source=visible(source)))
    if copied.aside:
        typer.echo(say("cli.restore.kept", path=visible(copied.aside)))
    typer.echo(say("cli.restore.next"))
