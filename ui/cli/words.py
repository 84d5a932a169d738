"""Typer's own words (the usage line, panel titles, the help option, usage errors, type names)
and the knowledge base's error messages in the CLI's language.

Typer 0.29 ships its own copy of Click, whose texts are written in (not asked of ``gettext``),
so they cannot be swapped by a translation file. The command translates them where they reach
the user instead, by one rule: a message is recognised by its English template in the
catalogue (``cli.click.*`` in ``ui/i18n/catalogue/cli_click.py``; ``cli.kb.*`` for the
knowledge base's errors) and written with the Chinese template, its values kept (and
translated in turn where they are messages too). A message no template knows stays as it is.
Under English nothing is changed.

:func:`speak` applies this to Typer once per process, before any help or error is shown:
the panel titles and hints Typer computes at import, the usage prefix, the help option's
text, the type names shown between ``<`` and ``>``, and the message of every usage error.
"""

from __future__ import annotations

import re
import string
from functools import cache
from typing import Any

CLICK_PREFIX = "cli.click."
TYPE_PREFIX = "cli.click.type."
KNOWLEDGE_BASE_PREFIX = "cli.kb."
# Typer's help texts computed at import (typer.rich_utils), by the English they hold.
RICH_TEXTS = (
    "DEPRECATED_STRING",
    "DEFAULT_STRING",
    "ENVVAR_STRING",
    "REQUIRED_LONG_STRING",
    "ARGUMENTS_PANEL_TITLE",
    "OPTIONS_PANEL_TITLE",
    "COMMANDS_PANEL_TITLE",
    "ERRORS_PANEL_TITLE",
    "ABORTED_TEXT",
    "RICH_HELP",
)
OPTIONS_METAVAR = "[OPTIONS]"
COMMAND_METAVAR = "COMMAND [ARGS]..."
HELP_OPTION = "Show this message and exit."
USAGE_PREFIX = "Usage: "
_WORD = re.compile(r"[A-Za-z]+")


@cache
def exact_words(code: str) -> dict[str, str]:
    """The fixed English texts of Typer and of the knowledge base's messages (``cli.click.*``,
    ``cli.kb.*`` without a field) and their words in the language ``code`` (empty in English,
    where nothing is looked up)."""
    from ui.i18n import messages

    if code == "en":
        return {}
    return {
        english: chinese
        for key, (chinese, english) in messages().items()
        if (key.startswith(CLICK_PREFIX) and not key.startswith(TYPE_PREFIX))
        or (key.startswith(KNOWLEDGE_BASE_PREFIX) and "{" not in english)
    }


@cache
def type_words(code: str) -> dict[str, str]:
    """The type names Typer shows between ``<`` and ``>`` (``str``, ``int``, ``Path``, ``range``)
    and their words in the language ``code`` (empty in English)."""
    from ui.i18n import messages

    if code == "en":
        return {}
    return {
        english: chinese
        for key, (chinese, english) in messages().items()
        if key.startswith(TYPE_PREFIX)
    }


def type_label(label: str, code: str) -> str:
    """A type label such as ``<list[Path]>`` with its known type names in ``code``'s words."""
    words = type_words(code)
    return _WORD.sub(lambda found: words.get(found.group(), found.group()), label)


def _pattern(template: str) -> re.Pattern[str] | None:
    """The regular expression that recognises messages made from ``template`` (``{name}``
    fields match any text), or None for a template with unnamed fields."""
    parts: list[str] = []
    seen: set[str] = set()
    for literal, name, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is None:
            continue
        if not name or not name.isidentifier():
            return None
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
    return re.compile("".join(parts), re.DOTALL)


@cache
def _templates(code: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Every message template of the CLI (``cli.click.*`` and ``cli.kb.*``) with a field, as
    (pattern of the English, template in ``code``), the most specific first (the longest
    fixed text): "{message} (Possible options: …)" is tried before "No such option: …"."""
    from ui.i18n import messages

    if code == "en":
        return ()
    found: list[tuple[int, re.Pattern[str], str]] = []
    for key, (chinese, english) in messages().items():
        if not key.startswith((CLICK_PREFIX, KNOWLEDGE_BASE_PREFIX)) or "{" not in english:
            continue
        pattern = _pattern(english)
        if pattern is not None:
            fixed = sum(len(literal) for literal, *_ in string.Formatter().parse(english))
            found.append((fixed, pattern, chinese))
    found.sort(key=lambda entry: -entry[0])
    return tuple((pattern, chinese) for _, pattern, chinese in found)


def in_language(message: str, code: str, *, depth: int = 0) -> str:
    """``message`` in the language ``code`` when the catalogue knows its English (exactly, or
    by a template whose values are kept, and translated in turn where they are messages);
    otherwise ``message`` itself."""
    exact = exact_words(code)
    if message in exact:
        return exact[message]
    if depth > 3:
        return message
    for pattern, chinese in _templates(code):
        matched = pattern.fullmatch(message)
        if matched is None:
            continue
        values = {
            name: in_language(value, code, depth=depth + 1)
            for name, value in matched.groupdict().items()
        }
        return chinese.format(**values)
    return message


def speak(code: str) -> None:
    """Make Typer write its own texts in the language ``code`` from now on (in this process):
    every text the catalogue knows, the others as Typer writes them."""
    if code == "en":
        return
    import typer.core
    import typer.rich_utils
    from typer._click.core import Command
    from typer._click.exceptions import ClickException
    from typer._click.formatting import HelpFormatter

    if getattr(typer.rich_utils, "policylens_language", None) == code:
        return
    typer.rich_utils.policylens_language = code  # type: ignore[attr-defined]
    for name in RICH_TEXTS:
        setattr(typer.rich_utils, name, in_language(getattr(typer.rich_utils, name), code))

    show_error = typer.rich_utils.rich_format_error

    def rich_format_error(self: ClickException) -> None:  # Typer's own signature
        written = self.format_message
        self.format_message = lambda: in_language(written(), code)  # type: ignore[method-assign]
        show_error(self)

    typer.rich_utils.rich_format_error = rich_format_error

    write_usage = HelpFormatter.write_usage

    def usage_line(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, in_language(USAGE_PREFIX, code) if prefix is None else prefix)

    HelpFormatter.write_usage = usage_line  # type: ignore[method-assign]

    help_option = Command.get_help_option

    def get_help_option(self: Any, ctx: Any) -> Any:
        option = help_option(self, ctx)
        if option is not None and option.help == HELP_OPTION:
            option.help = in_language(HELP_OPTION, code)
        return option

    Command.get_help_option = get_help_option  # type: ignore[method-assign]

    parameter = typer.core._TyperParameter
    shown = parameter.display_type

    def display_type(self: Any, ctx: Any) -> str:
        return type_label(shown(self, ctx), code)

    parameter.display_type = display_type  # type: ignore[method-assign]


def name_placeholders(command: Any, code: str) -> None:
    """Set the usage line's placeholders (``[OPTIONS]``, ``COMMAND [ARGS]...``) of ``command``
    and every command under it in the language ``code``."""
    if code == "en":
        return
    if getattr(command, "options_metavar", None) == OPTIONS_METAVAR:
        command.options_metavar = in_language(OPTIONS_METAVAR, code)
    if getattr(command, "subcommand_metavar", None) == COMMAND_METAVAR:
        command.subcommand_metavar = in_language(COMMAND_METAVAR, code)
    for child in getattr(command, "commands", {}).values():
        name_placeholders(child, code)
