"""The `policylens` command: the typer app, its global options and the entry point; each
command group lives in its own module (heavy imports inside each command, so that `--help` is
instant)."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from ui.cli import accounts, library, review, search, study, tasks, workspace
from ui.cli.common import UserError, cli_language, say

app = typer.Typer(
    name="policylens",
    help=say("cli.app"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
_state: dict[str, Any] = {"debug": False}


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help=say("cli.debug"))] = False,
) -> None:
    """PolicyLens: parse regulations and plans, then search, track, review and study them."""
    _state["debug"] = debug


# In this order in `policylens --help`.
for command in (
    library.ingest,
    library.docs,
    library.show,
    search.search,
    search.rebuild,
    library.remove,
    search.verify,
    workspace.backup,
    workspace.restore,
):
    app.command(help=say(f"cli.{command.__name__}"))(command)
accounts.register(app)
tasks.register(app)
review.register(app)
study.register(app)


def main() -> None:
    """Entry point: run the app, turning known errors into one-line messages (exit 1).

    Known errors are the domain's (users, store, index, embedder), SQLite's (a damaged store,
    a full disk, a lock) and the operating system's (no space, no permission): each becomes one
    line naming the file or workspace and the recovery step (ui/cli/errors.py). Usage errors are
    the argument parser's (exit 2); ``--debug`` shows tracebacks instead.
    """
    import sqlite3

    from index.search.embedders import EmbedderError
    from index.search.generations import IndexFilesError
    from index.store.database import StoreError
    from ui.cli.errors import explain
    from ui.cli.words import name_placeholders, speak

    known = (UserError, StoreError, IndexFilesError, EmbedderError, ValueError, OSError)
    speak(cli_language())
    command = typer.main.get_command(app)
    name_placeholders(command, cli_language())
    try:
        command()
    except (*known, sqlite3.Error) as exc:
        if _state["debug"]:
            raise
        typer.echo(say("cli.error", text=explain(exc)), err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
