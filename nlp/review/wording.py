"""How the review's checks read clauses: figure-free bigrams and the sentence around a word."""

from __future__ import annotations

import functools
import re

from nlp.text import run_bigrams

_FIGURE = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千万亿]+")
_SENTENCE_END = "；;。\n"


@functools.lru_cache(maxsize=65536)
def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of Chinese, lower-cased words of Latin text; figures left out (kept for
    the texts last asked about: a review compares the same clauses many times)."""
    text = _FIGURE.sub(" ", text)
    words = frozenset(re.findall(r"[a-z]{3,}", text.lower()))
    return run_bigrams(text) | words


def sentence_span(text: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos``: from after the last ；。 or line break to the next one."""
    start = max(text.rfind(c, 0, pos) for c in _SENTENCE_END) + 1
    ends = [i for i in (text.find(c, pos) for c in _SENTENCE_END) if i >= 0]
    return start, min(ends, default=len(text))
