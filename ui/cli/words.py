"""Typer's own words (the usage line, panel titles, the help option, usage errors, type names)
and the knowledge base's error messages in the CLI's language.

Typer 0.29 ships its own copy of Click, whose texts are written in (not asked of ``gettext``),
so they cannot be swapped by a translation file. The command translates them where they reach
the user instead, by the rule the web app uses for errors too (:mod:`ui.i18n.errors`): a
message is recognised by its English template in the catalogue (``cli.click.*`` in
``ui/i18n/catalogue/cli_click.py``; ``cli.kb.*`` for the knowledge base's errors) and
written with the Chinese template, its values kept (and translated in turn where they are
messages too). A message no template knows stays as it is. Under English nothing is changed.

:func:`speak` applies this to Typer once per process, before any help or error is shown:
the panel titles and hints Typer computes at import, the usage prefix, the help option's
text, the type names shown between ``<`` and ``>``, and the message of every usage error.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ui.i18n import errors

CLICK_PREFIX = "cli.click."
TYPE_PREFIX = "cli.click.type."
KNOWLEDGE_BASE_PREFIX = "cli.kb."
CLI_GROUPS = (CLICK_PREFIX, KNOWLEDGE_BASE_PREFIX)
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


def exact_words(code: str) -> dict[str, str]:
    """The fixed English texts of Typer and of the knowledge base's messages (``cli.click.*``,
    ``cli.kb.*`` without a field) and their words in the language ``code`` (empty in English,
    where nothing is looked up)."""
    return errors.exact_words(code, CLI_GROUPS, (TYPE_PREFIX,), (CLICK_PREFIX,))


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


def in_language(message: str, code: str) -> str:
    """``message`` in the language ``code`` when the catalogue knows its English (exactly, or
    by a template whose values are kept, and translated in turn where they are messages);
    otherwise ``message`` itself. The matching is the web app's (:mod:`ui.i18n.errors`), with
    the CLI's groups of the catalogue."""
    return errors.in_language(message, code, CLI_GROUPS, skip=(TYPE_PREFIX,), whole=(CLICK_PREFIX,))


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
