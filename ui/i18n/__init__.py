"""The interface's words, Chinese first: one message catalogue, a table per area.

Every user-visible label, message, level, status and export heading is looked up here by a stable
key with :func:`t`; the text is Chinese unless the user switched to English. The catalogue lives in
``ui/i18n/catalogue/<area>.py``, each module a ``MESSAGES`` dict of ``key: (中文, English)``, so a
key cannot exist in one language only (``tests/ui/test_i18n.py`` checks that both are written and
take the same ``{placeholders}``).

The language is per thread of execution (a :class:`contextvars.ContextVar`): the app sets it at the
top of every run from the signed-in user's setting, so two sessions never see each other's choice,
and code outside the app (the CLI, exports) gets Chinese unless it sets English itself.
"""

from __future__ import annotations

import importlib
import pkgutil
from contextvars import ContextVar
from functools import cache

LANGUAGES = ("zh", "en")
"""The supported languages, the default first."""

LANGUAGE_NAMES = {"zh": "中文", "en": "English"}

_language: ContextVar[str] = ContextVar("policylens_language", default=LANGUAGES[0])


class MissingMessageError(KeyError):
    """A key that no catalogue module defines (a programming error, caught by the tests)."""


@cache
def messages() -> dict[str, tuple[str, str]]:
    """Every key of every area module, merged; a key defined twice is an error."""
    package = importlib.import_module("ui.i18n.catalogue")

    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda found: found.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for key, texts in module.MESSAGES.items():
            if key in merged:
                raise ValueError(f"message key {key!r} is defined twice (again in {info.name})")
            merged[key] = texts
    return merged


def language() -> str:
    """The current language code ("zh" or "en")."""
    return _language.get()


def set_language(code: str | None) -> str:
    """Use ``code`` for this thread from now on (an unknown or empty code means Chinese).

    Returns:
        The language now in use.
    """
    chosen = code if code in LANGUAGES else LANGUAGES[0]
    _language.set(chosen)
    return chosen


def t(key: str, /, **values: object) -> str:
    """The text of ``key`` in the current language, with ``{name}`` placeholders filled in.

    Raises:
        MissingMessageError: when no catalogue module defines ``key``.
    """
    return text_in(language(), key, **values)


def text_in(code: str, key: str, /, **values: object) -> str:
    """The text of ``key`` in the language ``code`` (an unknown code means Chinese), whatever
    the current language is: for the CLI, whose language is its own setting.

    Raises:
        MissingMessageError: when no catalogue module defines ``key``.
    """
    try:
        texts = messages()[key]
    except KeyError:
        raise MissingMessageError(key) from None
    text = texts[LANGUAGES.index(code) if code in LANGUAGES else 0]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    """Whether the catalogue defines ``key`` (for names looked up from data, e.g. finding codes)."""
    return key in messages()
