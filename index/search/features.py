"""Features of (query, candidate article) pairs for the learned ranker.

One row per candidate of the law-aware list's head. The features are the retrievers' scores and
ranks (scaled within the query, so one model serves BM25 scores of Chinese and of English), the
fused and law-aware scores, the law's standing (:class:`index.search.laws.LawStats`), how much of
the query's wording the article, its title and its headings hold (jieba words and character
bigrams), and the article's length, position and status. ``FEATURES`` names the columns in order;
a saved model records the list it was trained on, and a model trained on another list is not
used (:mod:`index.search.ranker`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from index.search.laws import LawStats
from index.search.tokens import tokens

FEATURES: tuple[str, ...] = (
    "bm25",
    "bm25_scaled",
    "bm25_rank",
    "dense",
    "dense_gap",
    "dense_rank",
    "in_both",
    "fused_scaled",
    "fused_rank",
    "law_aware_scaled",
    "law_aware_rank",
    "law_best",
    "law_mean_top",
    "law_count",
    "law_rank",
    "law_named",
    "title_terms",
    "heading_terms",
    "text_terms",
    "text_terms_long",
    "text_bigrams",
    "length",
    "position",
    "law_articles",
    "in_force",
    "same_language",
    "english_query",
    "query_terms",
)

MISSING_RANK = 1000


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the features read about one article (one row of the store)."""

    document_id: str
    title: str
    heading: str
    text: str
    ordinal: int
    status: str
    language: str


def query_terms(query: str) -> list[str]:
    """The query's distinct BM25 words of two or more characters (Chinese) or any English."""
    return list(dict.fromkeys(w for w in tokens(query) if len(w) >= 2 or w.isascii()))


def bigrams(text: str) -> set[str]:
    """Character bigrams of the Chinese runs of ``text``."""
    runs = "".join(c if "\u3400" <= c <= "\u9fff" else " " for c in text).split()
    return {run[i : i + 2] for run in runs for i in range(len(run) - 1)}


def _share(terms: Sequence[str], text: str) -> float:
    """The share of ``terms`` that occur in ``text`` (English terms are compared as stems)."""
    if not terms:
        return 0.0
    low = text.lower()
    return sum(1 for t in terms if t in low) / len(terms)


def _scaled_ranks(
    ranked: Sequence[tuple[int, float, Any]],
) -> tuple[dict[int, int], dict[int, float]]:
    top = max((s for _, s, _ in ranked), default=0.0) or 1.0
    return (
        {i: n + 1 for n, (i, _, _) in enumerate(ranked)},
        {i: s / top for i, s, _ in ranked},
    )


def extract(
    query: str,
    lists: Mapping[str, tuple[np.ndarray, np.ndarray]],
    fused: Sequence[tuple[int, float, Any]],
    aware: Sequence[tuple[int, float, Any]],
    candidates: Mapping[int, Candidate],
    laws: Mapping[str, LawStats],
    law_sizes: Mapping[str, int],
    language: str = "zh",
) -> tuple[np.ndarray, np.ndarray]:
    """(candidate ids, feature matrix with columns ``FEATURES``) for the ids of ``aware``."""
    ids = np.asarray([i for i, _, _ in aware], dtype=np.int64)
    out = np.zeros((len(ids), len(FEATURES)), dtype=np.float32)
    if not len(ids):
        return ids, out
    keyword = _list_maps(lists.get("keyword"))
    dense = _list_maps(lists.get("dense"))
    fused_rank, fused_scaled = _scaled_ranks(fused)
    aware_rank, aware_scaled = _scaled_ranks(aware)
    terms = query_terms(query)
    weights = [float(len(t)) for t in terms]  # longer words are the more specific
    total_weight = sum(weights) or 1.0
    grams = bigrams(query)
    english = 0.0 if language == "zh" else 1.0
    top_dense = max(dense[1].values(), default=0.0)
    top_bm25 = max(keyword[1].values(), default=0.0) or 1.0
    for row, ident in enumerate(ids.tolist()):
        c = candidates.get(ident)
        law = laws.get(c.document_id) if c else None
        bm25 = keyword[1].get(ident, 0.0)
        cos = dense[1].get(ident)
        low = c.text.lower() if c else ""
        values = (
            bm25,
            bm25 / top_bm25,
            math.log1p(keyword[0].get(ident, MISSING_RANK)),
            cos if cos is not None else 0.0,
            top_dense - cos if cos is not None else 1.0,
            math.log1p(dense[0].get(ident, MISSING_RANK)),
            float(ident in keyword[0] and ident in dense[0]),
            fused_scaled.get(ident, 0.0),
            math.log1p(fused_rank.get(ident, MISSING_RANK)),
            aware_scaled.get(ident, 0.0),
            math.log1p(aware_rank.get(ident, MISSING_RANK)),
            law.best if law else 0.0,
            law.mean_top if law else 0.0,
            math.log1p(law.count) if law else 0.0,
            math.log1p(law.rank) if law else math.log1p(MISSING_RANK),
            float(law.named) if law else 0.0,
            _share(terms, c.title) if c else 0.0,
            _share(terms, c.heading) if c else 0.0,
            _share(terms, low),
            sum(w for t, w in zip(terms, weights, strict=True) if t in low) / total_weight,
            len(grams & bigrams(c.text)) / len(grams) if c and grams else 0.0,
            math.log1p(len(c.text)) if c else 0.0,
            c.ordinal / max(1, law_sizes.get(c.document_id, 1)) if c else 0.0,
            math.log1p(law_sizes.get(c.document_id, 0)) if c else 0.0,
            float(c.status == "in_force") if c else 0.0,
            float((c.language or "und") == language) if c else 0.0,
            english,
            float(len(terms)),
        )
        out[row] = values
    return ids, out


def _list_maps(
    found: tuple[np.ndarray, np.ndarray] | None,
) -> tuple[dict[int, int], dict[int, float]]:
    """{id: rank} and {id: score} of one retriever's list."""
    if found is None:
        return {}, {}
    ids, scores = found
    id_list = ids.tolist()
    return (
        {i: n + 1 for n, i in enumerate(id_list)},
        dict(zip(id_list, scores.astype(float).tolist(), strict=True)),
    )
