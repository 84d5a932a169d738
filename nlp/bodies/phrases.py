"""Finding a fixed list of names in text with spaCy's ``PhraseMatcher``.

Chinese names are matched on character tokens (``spacy.blank("zh")`` segments by character), so
a name is found wherever it is written, as a plain substring search would; English names are
matched on lower-cased word tokens (``spacy.blank("en")``), so "All Agencies" is "all agencies"
and "agencies" is not found inside "subagencies". spaCy is imported on first use only: the
command line stays quick where no list is searched.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from nlp.text import has_cjk


class PhraseSpans:
    """Where any of some phrases occur in a text, as character offsets."""

    def __init__(self, phrases: Iterable[str]) -> None:
        """Build the matchers (one for Chinese phrases, one for the others)."""
        import spacy
        from spacy.matcher import PhraseMatcher

        phrases = list(dict.fromkeys(p for p in phrases if p.strip()))
        self._zh = spacy.blank("zh")
        self._en = spacy.blank("en")
        self._zh_matcher = PhraseMatcher(self._zh.vocab)
        self._en_matcher = PhraseMatcher(self._en.vocab, attr="LOWER")
        chinese = [p for p in phrases if has_cjk(p)]
        other = [p for p in phrases if not has_cjk(p)]
        # spaCy types a tokenizer as a plain callable; both of these also have pipe()
        if chinese:
            self._zh_matcher.add("name", list(cast(Any, self._zh.tokenizer).pipe(chinese)))
        if other:
            self._en_matcher.add("name", list(cast(Any, self._en.tokenizer).pipe(other)))
        self._has = (bool(chinese), bool(other))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Every ``(start, end)`` where a phrase occurs (overlapping ones included)."""
        out: list[tuple[int, int]] = []
        if self._has[0] and has_cjk(text):
            out += _char_spans(self._zh.tokenizer(text), self._zh_matcher)
        if self._has[1]:
            out += _char_spans(self._en.tokenizer(text), self._en_matcher)
        return out


def _char_spans(doc: Any, matcher: Any) -> list[tuple[int, int]]:
    return [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)) for _, a, b in matcher(doc)]
