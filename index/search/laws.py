"""Law-aware ranking: score each law for the query, and let the law's score shape its articles'.

Most misses on layperson questions are articles of the right law ranked low, or a near-twin
article of the wrong law ranked high. So after fusion each law (stored document) gets a score of
its own, from two sources:

- its articles in aggregate: the mean of the ``top`` best fused scores among its articles in
  the head of the fused list (``top = 1`` is the best article alone, the older "document lift");
- its name: a query that names a law ("劳动合同法", "the Work Safety Law", by short title or by an
  English name known to :mod:`nlp.legal.law_names`) boosts that law's articles by ``named``.

An article's law-aware score is its fused score (scaled by the best) plus ``weight`` times its
law's aggregate score (scaled likewise) plus the named boost. The constants are chosen with
``bench/bench_retrieval.py --tune-laws`` on training queries only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from nlp.legal.law_names import chinese_title

_LAW_WORD = re.compile(r"\b(?:law|laws|regulations?|code|rules|measures|provisions)\b", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|,")
_MAX_NAME_WORDS = 14


@dataclass(frozen=True, slots=True)
class LawWeights:
    """How much a law's own score moves its articles (see the module docstring)."""

    weight: float = 0.3
    top: int = 1
    named: float = 0.0
    depth: int = 100


# Chosen with ``bench/bench_retrieval.py --tune-laws`` on training queries only (see the README):
# Chinese on STARD's train split, English on the training half of ObliQA dev (``--train-part
# 0.5``), both over BM25 + hash-embedder fusion. That a named law is boosted is a design choice;
# the grid chooses by how much (0.2 scored best of 0.2, 0.5 and 1.0 for both languages).
LAW_WEIGHTS_BY_LANGUAGE: dict[str, LawWeights] = {
    "zh": LawWeights(weight=0.3, top=2, named=0.2),
    "en": LawWeights(weight=0.8, top=2, named=0.2),
}


@dataclass(frozen=True, slots=True)
class LawStats:
    """One law's standing for a query, from its articles in the head of the fused list."""

    best: float  # its best article's fused score, scaled by the overall best (0..1)
    mean_top: float  # the mean of its ``top`` best scaled scores (missing ones count 0)
    count: int  # its articles among the head
    rank: int  # 1 for the law of the best article, 2 for the next law, …
    named: bool  # the query names it


def title_key(title: str) -> str:
    """A law's name reduced for matching: no 中华人民共和国, book marks, bracketed notes, "the",
    case or extra spaces."""
    t = title.replace("中华人民共和国", "").replace("《", "").replace("》", "")
    t = re.sub(r"\([^)]*\)|（[^）]*）", "", t)
    t = re.sub(r"^(the|illustrative)\s+", "", t.strip(), flags=re.I)
    return re.sub(r"\s+", " ", t).strip().lower()


def english_law_names(query: str) -> set[str]:
    """Chinese short titles of the laws an English query names ("the Work Safety Law" →
    安全生产法), by trying each run of words that ends in "law", "regulations", …"""
    words = [m.group() for m in _WORD.finditer(query)]
    found: set[str] = set()
    for end, word in enumerate(words):
        if not _LAW_WORD.fullmatch(word):
            continue
        for start in range(max(0, end - _MAX_NAME_WORDS), end + 1):
            title = chinese_title(" ".join(words[start : end + 1]).replace(" ,", ","))
            if title:
                found.add(title_key(title))
                break
    return found


class LawCatalogue:
    """The stored laws' matching keys, for finding the laws a query names."""

    def __init__(self, titles: Mapping[str, str]) -> None:
        self.keys: dict[str, str] = {doc: title_key(t) for doc, t in titles.items()}

    def named(self, query: str) -> set[str]:
        """Ids of the documents whose short title (or a known English name of it) the query
        contains; a name inside a longer matched name ("劳动法" inside "劳动合同法") does not
        count on its own."""
        text = title_key(query)
        english = english_law_names(query) if query.isascii() or " " in query else set()
        hits = {
            key
            for key in set(self.keys.values())
            if (len(key) >= 2 and not key.isascii() and key in text)
            or (key.isascii() and len(key) >= 12 and key in text)
            or key in english
        }
        longest = {k for k in hits if not any(k != o and k in o for o in hits)}
        return {doc for doc, key in self.keys.items() if key in longest}


def law_stats(
    fused: Iterable[tuple[int, float, object]],
    documents: Mapping[int, str],
    named: set[str],
    top: int = 1,
    depth: int = 100,
) -> dict[str, LawStats]:
    """Each law's standing among the first ``depth`` fused hits (scores scaled by the best)."""
    head = list(fused)[:depth]
    best_score = max((s for _, s, _ in head), default=0.0) or 1.0
    scores: dict[str, list[float]] = {}
    for ident, score, _ in head:
        doc = documents.get(ident)
        if doc is not None:
            scores.setdefault(doc, []).append(score / best_score)
    order = sorted(scores, key=lambda d: -max(scores[d]))
    out = {
        doc: LawStats(
            best=max(scores[doc]),
            mean_top=sum(sorted(scores[doc], reverse=True)[:top]) / top,
            count=len(scores[doc]),
            rank=n + 1,
            named=doc in named,
        )
        for n, doc in enumerate(order)
    }
    for doc in named - out.keys():
        out[doc] = LawStats(0.0, 0.0, 0, len(order) + 1, True)
    return out


def law_aware(
    fused: list[tuple[int, float, dict[str, int]]],
    documents: Mapping[int, str],
    named: set[str],
    weights: LawWeights,
) -> list[tuple[int, float, dict[str, int]]]:
    """The fused list re-scored by each article's law (see the module docstring), best first."""
    if not fused:
        return fused
    stats = law_stats(fused, documents, named, weights.top, weights.depth)
    best_score = max(s for _, s, _ in fused) or 1.0
    out = []
    for ident, score, ranks in fused:
        law = stats.get(documents.get(ident, ""))
        gain = 0.0
        if law is not None:
            gain = weights.weight * law.mean_top + (weights.named if law.named else 0.0)
        out.append((ident, score / best_score + gain, ranks))
    out.sort(key=lambda t: (-t[1], t[0]))
    return out
