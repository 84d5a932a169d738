"""What every `policylens` command module shares: the user-error type, the workspace, JSON and
embedder options, and JSON printing."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer


class UserError(Exception):
    """A message for the user, printed without a traceback (exit 1)."""


def home_of(home: Path | None) -> Path:
    """The workspace: --home, else $POLICYLENS_HOME, else ./workspace."""
    from index.settings import workspace_home

    return home or workspace_home()


HomeOption = Annotated[
    Path | None,
    typer.Option("--home", help="Workspace folder (default: $POLICYLENS_HOME or ./workspace)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (a stable interface).")]
EmbedderOption = Annotated[
    str | None,
    typer.Option(
        "--embedder",
        help="e5 (default), use, minilm, hash, or the folder of a sentence-transformers model "
        "(default: $POLICYLENS_EMBEDDER, else the index's own, else e5).",
    ),
]


def emit_json(data: Any) -> None:
    """Print ``data`` as one line of JSON on stdout (non-ASCII text kept as is)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
