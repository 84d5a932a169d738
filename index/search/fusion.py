"""Fusing keyword and dense rankings into one list: the weights, and the fusion itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np


@dataclass(frozen=True, slots=True)
class Fusion:
    """How keyword and dense rankings are combined.

    ``rrf``: sum of weight / (rrf_k + rank). ``linear``: weighted sum of each list's scores
    scaled to [0, 1] over its top ``depth`` (a unit missing from a list scores 0 there).
    Then each article gains ``document_weight`` times the best fused score of its document
    among the top ``document_depth`` (scaled by the best overall): articles of the law that
    answers the question as a whole move up.
    """

    method: Literal["rrf", "linear"] = "linear"
    keyword_weight: float = 0.6
    dense_weight: float = 0.4
    rrf_k: int = 60
    depth: int = 200
    document_weight: float = 0.3
    document_depth: int = 100


# Chosen with `bench/bench_retrieval.py --tune` on the shared dev sets: English regulatory
# questions (ObliQA) do best with keyword weight 0.6, Chinese layperson questions (STARD) with
# 0.35, where jieba's words miss more of the question's wording.
DEFAULT_FUSION = Fusion()
FUSION_BY_LANGUAGE: dict[str, Fusion] = {"zh": Fusion(keyword_weight=0.35, dense_weight=0.65)}


def fuse(
    lists: dict[str, tuple[np.ndarray, np.ndarray]], fusion: Fusion
) -> list[tuple[int, float, dict[str, int]]]:
    """Combine ranked lists into one: (id, fused score, {list name: rank}), best first."""
    scores: dict[int, float] = {}
    ranks: dict[int, dict[str, int]] = {}
    for name, (ids, raw) in lists.items():
        weight = fusion.keyword_weight if name == "keyword" else fusion.dense_weight
        ids, raw = ids[: fusion.depth], raw[: fusion.depth]
        if fusion.method == "linear" and len(raw):
            low, high = float(raw.min()), float(raw.max())
            scaled = (raw - low) / (high - low) if high > low else np.ones_like(raw)
        for n, ident in enumerate(ids.tolist()):
            if fusion.method == "rrf":
                gain = weight / (fusion.rrf_k + n + 1)
            else:
                gain = weight * float(scaled[n])
            scores[ident] = scores.get(ident, 0.0) + gain
            ranks.setdefault(ident, {})[name] = n + 1
    order = sorted(scores, key=lambda i: (-scores[i], i))
    return [(i, scores[i], ranks[i]) for i in order]
