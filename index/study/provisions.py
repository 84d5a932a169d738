"""Key provisions: the articles a pack leads with, by relevance and then coverage.

Coverage is maximal marginal relevance over character bigrams, so a local rule's copy of a
national article does not appear twice.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from index.study.sections import FIGURE_KINDS
from index.study.sources import SourcedArticle
from nlp.legal.duties import collect_duties
from nlp.legal.quantities import find_quantities
from nlp.legal.terms import collect_terms
from nlp.quiz.quality import provision_kind
from nlp.text import char_bigrams, jaccard
from nlp.versions.compare import article_body

# Two articles sharing this share of their character bigrams say the same thing (a local rule
# restating the national law, 示例省安全生产条例 and 示例安全生产法 in the sample corpus).
NEAR_DUPLICATE = 0.6
MMR_LAMBDA = 0.7
# At most this share of the key provisions are penalty articles while duties and core rules are
# left: penalty articles carry the most figures, and took 7 of 10 places for 安全生产法 (2021).
PENALTY_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class KeyProvision:
    """An article chosen as key, with its score (relevance after the coverage penalty)."""

    document_id: str
    provision_id: str
    number: str
    heading: str
    text: str
    relevance: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "provision_id": self.provision_id,
            "number": self.number,
            "heading": self.heading,
            "text": self.text,
            "relevance": round(self.relevance, 4),
        }


def bigrams(text: str) -> frozenset[str]:
    """The character bigrams of an article's words (white space and punctuation dropped)."""
    return char_bigrams("".join(c for c in text if c.isalnum()))


def key_provisions(
    candidates: Sequence[SourcedArticle], relevance: dict[tuple[str, str], float], k: int
) -> list[KeyProvision]:
    """Up to ``k`` articles by maximal marginal relevance, never two near-duplicates, and
    penalty articles no more than :data:`PENALTY_SHARE` of them while other articles are left
    (:func:`nlp.quiz.quality.provision_kind`).

    Args:
        candidates: The articles to choose from.
        relevance: Score per (document id, provision id) (0..1; missing counts 0).
        k: How many to choose.
    """
    grams = {c.uid: bigrams(article_body(c.article.text, c.article.number)) for c in candidates}
    penalty = {
        c.uid for c in candidates if provision_kind(c.article.text, c.article.heading) == "penalty"
    }
    most_penalties = max(1, math.ceil(PENALTY_SHARE * k))
    chosen: list[tuple[SourcedArticle, float]] = []
    left = list(candidates)
    while left and len(chosen) < k:
        best, best_score = None, float("-inf")
        full = sum(c.uid in penalty for c, _ in chosen) >= most_penalties
        others_left = any(c.uid not in penalty for c in left)
        for c in left:
            if full and others_left and c.uid in penalty:
                continue
            overlap = max(
                (jaccard(grams[c.uid], grams[o.uid]) for o, _ in chosen),
                default=0.0,
            )
            if overlap >= NEAR_DUPLICATE:
                continue
            score = MMR_LAMBDA * relevance.get(c.uid, 0.0) - (1 - MMR_LAMBDA) * overlap
            if score > best_score:
                best, best_score = c, score
        if best is None:
            break
        chosen.append((best, best_score))
        left.remove(best)
    return [
        KeyProvision(
            c.document_id,
            c.provision_id,
            c.article.number,
            c.article.heading,
            c.article.text,
            relevance.get(c.uid, 0.0),
        )
        for c, _ in chosen
    ]


def density(articles: Sequence[SourcedArticle]) -> dict[tuple[str, str], float]:
    """Relevance without a query: how much an article gives to learn (duties, figures, terms).

    Args:
        articles: The pack's articles.

    Returns:
        Score per (document id, provision id), 1 for the richest article.
    """
    raw = {}
    for a in articles:
        text = a.article.text
        duties = len(collect_duties([article_body(text, a.article.number)]))
        figures = sum(q.kind in FIGURE_KINDS for q in find_quantities(text))
        terms = len(collect_terms([text]))
        raw[a.uid] = duties + 2 * figures + 2 * terms
    top = max(raw.values(), default=0) or 1
    return {k: v / top for k, v in raw.items()}
