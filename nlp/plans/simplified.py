"""Plans in traditional characters read like simplified ones, the stored text untouched.

The plan reader's words (负责, 牵头, 责任单位, 年底前 …) are written in simplified characters.
A plan printed in traditional characters (負責, 牵頭, 責任單位) is read through a copy whose
every character is replaced by its simplified form one for one
(:func:`ingest.chinese_script.simplified_chars`, the project's one converter), so that offsets,
spans and provision ids stay those of the original; what the reader quotes is then taken back from
the original text at the same offsets.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any

from ingest.chinese_script import simplified_chars
from ingest.model import Document

__all__ = ["as_printed", "simplified_chars", "simplified_document"]


def _rewrite(obj: Any, text: str) -> Any:
    return replace(obj, **_changes(obj, text))


def _changes(obj: Any, text: str) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if f.name == "text" and hasattr(obj, "span"):
            changes[f.name] = text[obj.span.start : obj.span.end]
        elif isinstance(value, str) and f.name in {"number", "title"}:
            changes[f.name] = simplified_chars(value)
        elif isinstance(value, tuple) and value and is_dataclass(value[0]):
            changes[f.name] = tuple(_rewrite(v, text) for v in value)
        elif isinstance(value, tuple) and value and isinstance(value[0], str):
            changes[f.name] = tuple(simplified_chars(v) for v in value)
    return changes


def simplified_document(document: Document) -> Document | None:
    """A copy of the document in simplified characters, or None when it has none to change.

    The copy has the same length, offsets and ids as the original: its text, titles, numbers and
    provision texts are converted one for one (:func:`simplified_chars`).

    Args:
        document: A document as loaded, in any script.

    Returns:
        The simplified copy, or None when the document has no traditional character.
    """
    text = simplified_chars(document.text)
    if text == document.text:
        return None
    changes = _changes(document, text)
    changes.update(text=text, title=simplified_chars(document.title))
    return replace(document, **changes)


def as_printed(value: str, original: str, simplified: str) -> str:
    """A string read from the simplified copy, as the original prints it.

    Args:
        value: Words quoted from ``simplified`` (a lead unit, a deliverable).
        original: The text as printed.
        simplified: Its one-for-one simplified copy, offsets equal to ``original``'s.

    Returns:
        The words at the same offsets of ``original``, or ``value`` unchanged when
        ``simplified`` does not contain it.

    >>> as_printed("市医保局", "由市醫保局負責", "由市医保局负责")
    '市醫保局'
    >>> as_printed("省政府", "由市醫保局負責", "由市医保局负责")
    '省政府'
    """
    at = simplified.find(value) if value else -1
    return original[at : at + len(value)] if at >= 0 else value
