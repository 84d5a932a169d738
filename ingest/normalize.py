"""Named, composable cleaning steps applied once, in ingest, to every block of text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

# Zero-width characters and soft hyphens carry no text; BOMs may sit inside joined files.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Runs of spaces, tabs, ideographic spaces (U+3000) and no-break spaces fold to one space.
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200a\u3000\u202f\u205f]+")
# A space between two CJK characters is layout, not text ("总  则" in headings is kept as one
# space by _SPACES; this only applies to blocks joined from wrapped lines, see join_lines).
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_SENTENCE_END = re.compile(r"[。！？；：.!?;:][”’\"')）」』]*$")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_TAIL = 64  # characters at a line's end that can hold its sentence-final punctuation


def remove_invisible(text: str) -> str:
    """Drop zero-width characters, soft hyphens, stray BOMs and control characters."""
    return _CONTROL.sub("", _INVISIBLE.sub("", text))


def fold_spaces(text: str) -> str:
    """Fold runs of horizontal white space (incl. U+3000) to one ASCII space and strip ends."""
    return _SPACES.sub(" ", text).strip()


CleaningStep = Callable[[str], str]
CLEANING_STEPS: dict[str, CleaningStep] = {
    "remove_invisible": remove_invisible,
    "fold_spaces": fold_spaces,
}
DEFAULT_STEPS: tuple[str, ...] = ("remove_invisible", "fold_spaces")


def clean_block(text: str, steps: Iterable[str | CleaningStep] = DEFAULT_STEPS) -> str:
    """Apply cleaning steps, given by name or as callables, to one block of text.

    Raises:
        ValueError: if a step name is unknown.
    """
    for step in steps:
        if callable(step):
            text = step(text)
        elif step in CLEANING_STEPS:
            text = CLEANING_STEPS[step](text)
        else:
            raise ValueError(
                f"cleaning steps must be callable or one of {list(CLEANING_STEPS)}, got {step!r}"
            )
    return text


def ends_sentence(line: str) -> bool:
    """True if a line ends with sentence-final punctuation (Chinese or English).

    Only the line's end is searched, so the cost does not grow with the line (a paragraph of
    megabytes joined from wrapped lines is tested once per line).
    """
    return bool(_SENTENCE_END.search(line[-_TAIL:].rstrip() or line.rstrip()[-_TAIL:]))


def is_cjk(char: str) -> bool:
    """True for a CJK ideograph or CJK punctuation character."""
    return bool(_CJK_CHAR.match(char))


def join_wrapped(left: str, right: str) -> str:
    """Join two pieces of one sentence broken at a line end: no space between CJK text."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if left.endswith("-") and len(left) > 1 and left[-2].isalpha() and right[0].islower():
        return left[:-1] + right
    if is_cjk(left[-1]) or is_cjk(right[0]):
        return left + right
    return left + " " + right


def append_wrapped(parts: list[str], text: str) -> None:
    """Append a wrapped line to a paragraph kept as parts, joined as :func:`join_wrapped` joins.

    Joining a long paragraph line by line with ``+`` copies it once per line; parts are joined
    once, at the end.
    """
    if not parts:
        parts.append(text)
        return
    prev = parts[-1]
    if prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha() and text[:1].islower():
        parts[-1] = prev[:-1]  # "safe-" + "ty": a soft hyphen at the line end
    elif prev and text and not (is_cjk(prev[-1]) or is_cjk(text[0])):
        parts.append(" ")
    parts.append(text)


def cjk_ratio(text: str) -> float:
    """Share of CJK characters among the letters of ``text`` (0.0 for empty text)."""
    cjk = len(_CJK_CHAR.findall(text))
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    return cjk / (cjk + latin) if cjk + latin else 0.0
