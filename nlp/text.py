"""Text helpers every analysis shares: character bigrams, set likeness, script and sentence tests.

One of each: the review, study packs and version comparison normalise a text in their own way
(figures out, punctuation out, an article's number out) and then all count bigrams here.
"""

from __future__ import annotations

import re
from itertools import pairwise

CJK = re.compile(r"[\u4e00-\u9fff]")
CJK_RUNS = re.compile(r"[\u4e00-\u9fff]+")
_LATIN = re.compile(r"[A-Za-z]")


def char_bigrams(text: str) -> frozenset[str]:
    """Every pair of adjacent characters of ``text`` (nothing for a text of one character)."""
    return frozenset(a + b for a, b in pairwise(text))


def run_bigrams(text: str, runs: re.Pattern[str] = CJK_RUNS) -> frozenset[str]:
    """Character bigrams inside each run that ``runs`` matches, never across two runs."""
    return frozenset(g for run in runs.findall(text) for g in char_bigrams(run))


def dice(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    """Dice coefficient of two sets (0 when both are empty)."""
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    """Jaccard similarity of two sets (0 when either is empty)."""
    return len(a & b) / len(a | b) if a and b else 0.0


def is_chinese(text: str) -> bool:
    """True when the text has Chinese characters and no fewer of them than Latin letters."""
    return len(CJK.findall(text)) >= len(_LATIN.findall(text)) and bool(CJK.search(text))


def has_cjk(text: str) -> bool:
    """True when the text has any Chinese character (however many Latin letters it has)."""
    return bool(CJK.search(text))


def trim(text: str, start: int, end: int, chars: str = " \u3000\n") -> tuple[int, int]:
    """``(start, end)`` narrowed past ``chars`` at either end."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end
