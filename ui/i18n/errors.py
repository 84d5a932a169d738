"""The knowledge base's error messages in the interface's language, for the web app and the CLI.

``index/`` words its errors in English (they are also stored and logged). Where an error
reaches a user it is recognised by its English template in the catalogue and written with
the template of the user's language, its values kept and translated in turn where they are
words the catalogue knows too (a status, a role). A template is a catalogue entry whose
English is the exact text ``index/`` raises with ``{name}`` where it puts a value; an entry
without a field is looked up whole. A message no template knows is shown as raised, and
under English nothing is changed.

Each caller names the catalogue groups (key prefixes) it uses, the first group winning where
two know the same English: the web app uses ``errors.*`` (its own wording: 任务17, statuses
as the page names them) before ``cli.kb.*``; the CLI uses ``cli.click.*`` (Typer's texts)
and ``cli.kb.*`` (:mod:`ui.cli.words`).
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from functools import cache

from ui.i18n import has, language, messages

APP_GROUPS = ("errors.", "cli.kb.")
"""The catalogue groups the web app reads errors with, its own wording first."""
_DEPTH = 3


@cache
def exact_words(
    code: str, groups: tuple[str, ...], skip: tuple[str, ...] = (), whole: tuple[str, ...] = ()
) -> dict[str, str]:
    """The fixed English texts of the catalogue ``groups`` (keys starting so, not with one of
    ``skip``) and their words in the language ``code``; empty in English. A text of the
    groups ``whole`` is looked up whole even with braces (Typer's "[default: {}]")."""
    if code == "en":
        return {}
    index = 0 if code == "zh" else 1
    found: dict[str, str] = {}
    for group in reversed(groups):  # the first group is written last and wins
        for key, texts in messages().items():
            if not key.startswith(group) or key.startswith(skip):
                continue
            if "{" not in texts[1] or key.startswith(whole):
                found[texts[1]] = texts[index]
    return found


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
def templates(code: str, groups: tuple[str, ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Every template with a field in the catalogue ``groups``, as (pattern of the English,
    template in ``code``): group by group, and within a group the most specific first (the
    longest fixed text), so "{message} (Possible options: …)" is tried before "No such
    option: …"."""
    if code == "en":
        return ()
    index = 0 if code == "zh" else 1
    ordered: list[tuple[re.Pattern[str], str]] = []
    for group in groups:
        found: list[tuple[int, re.Pattern[str], str]] = []
        for key, texts in messages().items():
            english = texts[1]
            if not key.startswith(group) or "{" not in english:
                continue
            pattern = _pattern(english)
            if pattern is not None:
                fixed = sum(len(literal) for literal, *_ in string.Formatter().parse(english))
                found.append((fixed, pattern, texts[index]))
        found.sort(key=lambda entry: -entry[0])
        ordered.extend((pattern, text) for _, pattern, text in found)
    return tuple(ordered)


def in_language(
    message: str,
    code: str,
    groups: tuple[str, ...] = APP_GROUPS,
    *,
    skip: tuple[str, ...] = (),
    whole: tuple[str, ...] = (),
    depth: int = 0,
) -> str:
    """``message`` in the language ``code`` when the catalogue ``groups`` know its English
    (exactly, or by a template whose values are kept, and translated in turn where they are
    messages or words too); otherwise ``message`` itself. ``skip`` and ``whole``: as for
    :func:`exact_words`."""
    exact = exact_words(code, groups, skip, whole)
    if message in exact:
        return exact[message]
    if depth > _DEPTH:
        return message
    for pattern, text in templates(code, groups):
        matched = pattern.fullmatch(message)
        if matched is None:
            continue
        values = {
            name: in_language(value, code, groups, skip=skip, whole=whole, depth=depth + 1)
            for name, value in matched.groupdict().items()
        }
        return text.format(**values)
    return message


def said(error: object) -> str:
    """The text of ``error`` (an exception or a message from ``index/``) in the current
    language of the interface, for the web app to show."""
    return in_language(str(error), language())


def ingest_finding_text(finding: Mapping[str, object], lang: str | None = None) -> str:
    """An ingest finding (``code``, ``message``) as the reader of the interface language reads
    it: in Chinese what its code means (``ingest_finding.<CODE>`` of the catalogue); in English,
    and for a code the catalogue does not know, the code and the stored English message. A
    sentence that starts with the name is said alone (not 文件已损坏：文件已损坏，或…).

    Args:
        finding: The finding's ``code`` and ``message``.
        lang: The language to say it in; by default the page's (the CLI passes its own, since
            it prints from worker threads where the page's language is not set).
    """
    from ui.i18n import text_in

    code, message = finding["code"], finding["message"]
    key = f"ingest_finding.{code}"
    chosen = lang or language()
    if chosen == "en" or not has(key):
        return f"{code}: {message}"
    name, sentence = text_in(chosen, f"finding.{code}"), text_in(chosen, key)
    # the sentence may start with the name (文件已损坏：文件已损坏，或…): say it once
    return sentence if sentence.startswith(name) else f"{name}：{sentence}"
