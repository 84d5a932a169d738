"""What every `policylens` command module shares: the user-error type, the workspace, JSON and
embedder options, JSON printing, and the one way data reaches the terminal (:func:`visible` for
plain lines, :func:`markup_safe` inside Rich markup)."""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from pathlib import Path
from typing import Annotated, Any

import typer

# The CLI's language: $POLICYLENS_LANG, Chinese unless it says ``en``.
LANGUAGE_ENV = "POLICYLENS_LANG"


def cli_language() -> str:
    """The language of the CLI's help and messages: ``en`` when $POLICYLENS_LANG says so,
    else ``zh``."""
    return "en" if os.environ.get(LANGUAGE_ENV, "").strip().lower().startswith("en") else "zh"


def say(key: str, /, **values: object) -> str:
    """The catalogue's text of ``key`` (``ui/i18n/catalogue/cli.py``) in the CLI's language."""
    from ui.i18n import text_in

    return text_in(cli_language(), key, **values)


def named(prefix: str, value: object) -> str:
    """A stored word (a status, a severity, a decision) by its name in the CLI's language where
    the catalogue has one (``prefix.value``), else as stored."""
    from ui.i18n import has

    key = f"{prefix}.{value}"
    return say(key) if has(key) else str(value)


class UserError(Exception):
    """A message for the user, printed without a traceback (exit 1)."""


def parse_day(value: str, option: str) -> Any:
    """The date an option gives, in the forms the app's date fields take (2021-06-01,
    2021年6月1日, 二〇二一年六月一日, June 1, 2021).

    Raises:
        UserError: naming ``option`` when ``value`` is not such a date.
    """
    from datetime import date

    from ingest.metadata import parse_date

    iso = parse_date(value.strip())
    try:
        return date.fromisoformat(iso or value.strip())
    except ValueError:
        raise UserError(f"{option} {say('cli.bad_date', value=value)}") from None


def stored_word(
    option: str, value: str, names: dict[str, str], aliases: dict[str, str] | None = None
) -> str:
    """The stored code an option's value names: the code itself (``local_regulation``) or its
    name in either language (地方性法规, ``local regulation``).

    Args:
        option: The option, for the error.
        value: What the user typed.
        names: Each accepted code and the catalogue key of its name (``level.local_regulation``).
        aliases: Other words a user types for a code (采纳 for ``accepted``, named 已采纳).

    Raises:
        UserError: for any other value, listing the names in the CLI's language.
    """
    from ui.i18n import text_in

    wanted = value.strip()
    if aliases and wanted in aliases:
        return aliases[wanted]
    for code, key in names.items():
        if wanted == text_in("zh", key) or wanted.lower() in (code, text_in("en", key).lower()):
            return code
    choices = ("、" if cli_language() == "zh" else ", ").join(say(k) for k in names.values())
    raise UserError(say("cli.use_one_of", option=option, value=value, choices=choices))


# The workspace the running command works on, for the one-line error messages of ui/cli/main.py.
CURRENT: dict[str, Path] = {}

# Characters that reorder or hide text on a terminal: bidi embeddings, overrides and isolates,
# directional marks, line and paragraph separators.
HIDDEN = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"
)


def home_of(home: Path | None) -> Path:
    """The workspace: --home, else $POLICYLENS_HOME, else ./workspace."""
    from index.settings import workspace_home

    chosen = home or workspace_home()
    CURRENT["home"] = chosen
    return chosen


def visible(value: object, *, lines: bool = False) -> str:
    """``value`` as text safe for a terminal: control characters (ESC included), bidi overrides
    and isolates and directional marks are shown as escapes (``\\x1b``, ``\\u202e``).

    Use it for every string that comes from data (file names, titles, texts, messages) printed
    with ``typer.echo``; inside Rich markup use :func:`markup_safe`.

    Args:
        value: Anything; ``None`` becomes the empty string.
        lines: Keep line breaks (multi-line texts); otherwise they are shown as ``\\n``.
    """
    text = "" if value is None else str(value)
    return "".join(
        char
        if (lines and char == "\n")
        or char == "\t"
        or (unicodedata.category(char) != "Cc" and char not in HIDDEN)
        else _escaped(char)
        for char in text
    )


def markup_safe(value: object, *, lines: bool = False) -> str:
    """:func:`visible`, with Rich markup escaped, for a data string placed in a Rich markup line
    (a file named ``a[/b]c.txt`` prints as itself)."""
    from rich.markup import escape

    return escape(visible(value, lines=lines))


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


HomeOption = Annotated[
    Path | None,
    typer.Option("--home", help=say("cli.home")),
]
JsonOption = Annotated[bool, typer.Option("--json", help=say("cli.json"))]
EmbedderOption = Annotated[
    str | None,
    typer.Option(
        "--embedder",
        help=say("cli.embedder"),
    ),
]


def emit_json(data: Any) -> None:
    """Print ``data`` as one line of JSON on stdout (non-ASCII text kept as is)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


def progress_bar(*, disable: bool, remaining: bool = False, console: Any = None) -> Any:
    """The commands' progress bar on stderr (description, bar, done of total, and the time left
    where ``remaining``); it vanishes when done and shows nothing where ``disable``."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns: list[Any] = [
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
    ]
    if remaining:
        columns.append(TimeRemainingColumn())
    return Progress(
        *columns,
        console=console or Console(stderr=True, soft_wrap=True),
        transient=True,
        disable=disable,
    )
