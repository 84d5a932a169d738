"""Alignment of a local text's articles to its upper law's: keyword similarity, then embeddings.

Each local article goes to its most similar upper articles (IDF-weighted character bigrams; a
penalty's wording decides its pairing better than its topic), one-to-many. The typed checks look
at those pairs and at each local article's next best candidates; unit embedding vectors, when
given, add the nearest upper articles by meaning (the dense side).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

import numpy as np

from nlp.review.findings import Article
from nlp.text import char_bigrams
from nlp.versions.compare import article_body

ALIGN_MIN = 0.18  # weighted bigram overlap below which two articles are about different things
ALIGN_WEAK = 0.08  # a weaker best match, accepted only when it stands out by ALIGN_MARGIN
ALIGN_MARGIN = 1.5
ALIGN_KEEP = 0.8  # keep further upper articles scoring at least this share of the best
MAX_UPPER_PER_ARTICLE = 2
CHECK_CANDIDATES = 3  # upper articles each local article is checked against, best first
DENSE_CANDIDATES = 2  # and its nearest upper articles by embedding
DENSE_MARGIN = 0.03  # how far the nearest must stand out to pair an article the keywords did not
# Spaces and punctuation, left out before an article's bigrams are counted.
NOISE = re.compile(r"\s+|[，。；：、（）《》“”！？,.;:()\"'!?]")

Pair = tuple[int, int, float]  # (local index, upper index, similarity)


def align_articles(
    local: Sequence[Article],
    upper: Sequence[Article],
    vectors: tuple[np.ndarray, np.ndarray] | None = None,
) -> tuple[list[Pair], list[tuple[int, int]]]:
    """The aligned pairs and the (local index, upper index) pairs the typed checks look at.

    Args:
        local: The local text's articles.
        upper: The upper law's articles.
        vectors: Unit embedding vectors of the local and the upper articles (rows in order), for
            the dense side; without them the alignment is keyword-only.

    Returns:
        The aligned pairs (:func:`align`, then the dense side's) and the checked pairs: the
        aligned ones and each local article's further candidates.
    """
    scored = similarities(local, upper)
    pairs = align(local, upper, scored)
    checked = _check_pairs(pairs, scored)
    if vectors is not None:
        dense_pairs, dense_checked = _dense(vectors, pairs, checked)
        pairs += dense_pairs
        checked += dense_checked
    return pairs, checked


def similarities(
    local: Sequence[Article], upper: Sequence[Article]
) -> list[list[tuple[float, int]]]:
    """For each local article, (score, upper index) best first: IDF-weighted Jaccard overlap of
    character bigrams (word pairs for English), IDF over both texts' articles."""
    local_grams = [article_bigrams(a) for a in local]
    upper_grams = [article_bigrams(a) for a in upper]
    df: Counter[str] = Counter()
    for grams in (*local_grams, *upper_grams):
        df.update(grams)
    n = len(local_grams) + len(upper_grams)
    idf = {g: math.log((n + 1) / (c + 0.5)) for g, c in df.items()}
    upper_weight = [sum(idf[g] for g in grams) for grams in upper_grams]
    out = []
    for grams in local_grams:
        own = sum(idf[g] for g in grams)
        scores = []
        for j, other in enumerate(upper_grams):
            shared = sum(idf[g] for g in grams & other)
            union = own + upper_weight[j] - shared
            scores.append((shared / union if union else 0.0, j))
        scores.sort(reverse=True)
        out.append(scores)
    return out


def align(
    local: Sequence[Article],
    upper: Sequence[Article],
    scored: list[list[tuple[float, int]]] | None = None,
) -> list[Pair]:
    """Pairs (local index, upper index, similarity), one-to-many, best first per local article."""
    scored = scored if scored is not None else similarities(local, upper)
    pairs = []
    for i, scores in enumerate(scored):
        if not scores:
            continue
        best = scores[0][0]
        second = scores[1][0] if len(scores) > 1 else 0.0
        if best < ALIGN_MIN:
            # A weaker match still pairs when it clearly beats every other upper article: a
            # local article reworded around the same matter shares few characters with it.
            if best >= ALIGN_WEAK and best >= ALIGN_MARGIN * second:
                pairs.append((i, scores[0][1], round(best, 4)))
            continue
        for score, j in scores[:MAX_UPPER_PER_ARTICLE]:
            if score >= max(ALIGN_MIN, ALIGN_KEEP * best):
                pairs.append((i, j, round(score, 4)))
    return pairs


def candidates(scores: list[tuple[float, int]]) -> list[int]:
    """The upper articles worth checking one local article against, from its
    :func:`similarities` row: the :data:`CHECK_CANDIDATES` best, if at least :data:`ALIGN_WEAK`."""
    return [j for score, j in scores[:CHECK_CANDIDATES] if score >= ALIGN_WEAK]


def _check_pairs(pairs: list[Pair], scored: list[list[tuple[float, int]]]) -> list[tuple[int, int]]:
    """The pairs the typed checks look at: the aligned ones, then each local article's next
    best candidates. A penalty article often resembles several upper articles; the checks
    themselves only compare figures whose conduct and context match, so a wrong candidate
    yields nothing rather than a false alarm."""
    out = [(i, j) for i, j, _ in pairs]
    seen = set(out)
    for i, scores in enumerate(scored):
        for j in candidates(scores):
            if (i, j) not in seen:
                seen.add((i, j))
                out.append((i, j))
    return out


def _dense(
    vectors: tuple[np.ndarray, np.ndarray],
    pairs: list[Pair],
    checked: list[tuple[int, int]],
) -> tuple[list[Pair], list[tuple[int, int]]]:
    """The dense side of the alignment: each local article's nearest upper articles by
    embedding. The nearest pairs an article the keywords left unpaired when it stands out by
    :data:`DENSE_MARGIN`; the :data:`DENSE_CANDIDATES` nearest are checked besides."""
    local, upper = vectors
    if not len(local) or not len(upper):
        return [], []
    cosine = local @ upper.T
    paired = {i for i, _, _ in pairs}
    seen = set(checked)
    new_pairs, new_checked = [], []
    for i, row in enumerate(cosine):
        order = np.argsort(-row)
        best = int(order[0])
        second = float(row[order[1]]) if len(order) > 1 else 0.0
        near = [int(k) for k in order[:DENSE_CANDIDATES]]
        if i not in paired and float(row[best]) - second >= DENSE_MARGIN:
            new_pairs.append((i, best, round(float(row[best]), 4)))
            near.insert(0, best)  # a pair is checked like any other
        for j in near:
            if (i, j) not in seen:
                seen.add((i, j))
                new_checked.append((i, j))
    return new_pairs, new_checked


def article_bigrams(article: Article) -> frozenset[str]:
    """What an article is compared by: the character bigrams of its body, spaces and punctuation
    left out; for a text with no Chinese, its lower-cased words and word pairs."""
    body = NOISE.sub("", article_body(article.text, article.number))
    if re.search(r"[\u3400-\u9fff]", body):
        return char_bigrams(body)
    words = re.findall(r"[a-z0-9]+", article_body(article.text, article.number).lower())
    return frozenset(f"{a} {b}" for a, b in pairwise(words)) | frozenset(words)
