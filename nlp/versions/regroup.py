"""The second alignment pass of :mod:`nlp.versions.compare`: merges, splits and rewrites in place.

The first pass pairs articles one to one. What it leaves over is looked at again here, by index
only (no article objects), on token bigrams: an old article whose text a new one largely contains
went into it (a merge), a new article largely contained in an old one was carved out of it (a
split), and a leftover pair that stands between the same aligned neighbours and still shares a
good part of its wording is one article rewritten.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

# Latin words are one token, any other character its own; white space and punctuation are no
# tokens at all, so a moved comma or a re-broken line does not count as different wording.
_WORD = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+|\S")
# Below this many bigrams an article is too short for containment to mean anything: "本法自
# 公布之日起施行" is contained in every commencement article.
_MIN_BIGRAMS = 8


@dataclass(slots=True)
class Regrouping:
    """What the second pass found, as indices into the old and new articles."""

    pairs: dict[int, int] = field(default_factory=dict)  # old -> new, both leftovers until now
    merged: dict[int, list[int]] = field(default_factory=dict)  # new -> further old sources
    split: dict[int, int] = field(default_factory=dict)  # new -> the old article it came from
    rewrites: dict[int, float] = field(default_factory=dict)  # new -> score, for pairs above


def bigrams(text: str) -> Counter[str]:
    """Return the multiset of adjacent token pairs of a (normalised) body.

    Chinese gives character bigrams, English word bigrams; a one-token body gives its token.
    """
    tokens = [t for t in _WORD.findall(text) if not unicodedata.category(t[0]).startswith("P")]
    if len(tokens) < 2:
        return Counter(tokens)
    return Counter(f"{a}\u0001{b}" for a, b in pairwise(tokens))


def containment(part: Counter[str], whole: Counter[str]) -> float:
    """Return the share of ``part``'s bigrams (counted with repeats) that ``whole`` also has."""
    size = part.total()
    if size < _MIN_BIGRAMS:
        return 0.0
    return sum(min(n, whole[g]) for g, n in part.items()) / size


def regroup(
    old: Sequence[Counter[str]],
    new: Sequence[Counter[str]],
    pairs: dict[int, int],
    unchanged: set[int],
    old_paragraphs: Sequence[Sequence[Counter[str]]] = (),
    *,
    contained: float = 0.6,
    rewritten: float = 0.3,
    moved: float = 0.5,
) -> Regrouping:
    """Place the articles the one-to-one pass left over.

    Args:
        old: the bigrams of each old body.
        new: the bigrams of each new body.
        pairs: the one-to-one pairs, old index -> new index.
        unchanged: new indices whose pair is identical; nothing is merged into them.
        old_paragraphs: the bigrams of each paragraph of each old body, where it has several.
        contained: the least containment for a merge or a split.
        rewritten: the least :func:`_weighted_overlap` for a rewrite in place.
        moved: the least :func:`_weighted_overlap` for a rewrite that changed place.
    """
    out = Regrouping()
    taken_old, taken_new = _merges(old, new, pairs, unchanged, contained, out)
    _splits(old, new, contained, out, (taken_old, taken_new))
    _paragraph_moves(new, pairs, unchanged, old_paragraphs, out)
    weights = _idf([*old, *new])
    _rewrites_in_place(old, new, pairs, weights, rewritten, out, (taken_old, taken_new))
    _moved_rewrites(old, new, weights, moved, out, (taken_old, taken_new))
    return out


def _merges(
    old: Sequence[Counter[str]],
    new: Sequence[Counter[str]],
    pairs: dict[int, int],
    unchanged: set[int],
    contained: float,
    out: Regrouping,
) -> tuple[set[int], set[int]]:
    """Record merges in ``out``; return the old and new indices placed so far.

    An old article whose text is mostly inside one new article went into it, wherever that
    article stands. The first such source of a leftover new article becomes its pair.
    """
    paired_new = set(pairs.values())
    left_old = [i for i in range(len(old)) if i not in pairs]
    targets = [j for j in range(len(new)) if j not in unchanged]
    into: dict[int, list[int]] = {}
    for i in left_old:
        best, j = max(((containment(old[i], new[j]), j) for j in targets), default=(0.0, -1))
        if best >= contained:
            into.setdefault(j, []).append(i)
    for j, sources in into.items():
        if j in paired_new:
            out.merged[j] = sources
        else:
            out.pairs[sources[0]] = j
            if sources[1:]:
                out.merged[j] = sources[1:]
    taken_old = set(pairs) | {i for sources in into.values() for i in sources}
    return taken_old, paired_new | set(into)


def _splits(
    old: Sequence[Counter[str]],
    new: Sequence[Counter[str]],
    contained: float,
    out: Regrouping,
    taken: tuple[set[int], set[int]],
) -> None:
    """Record splits in ``out``, adding what they place to ``taken`` (old and new indices).

    A leftover new article that holds most of an old one, or is mostly inside one, came from
    it. A still leftover old article pairs with it; a placed one was split.
    """
    taken_old, taken_new = taken
    for j in range(len(new)):
        if j in taken_new:
            continue
        best, i = max(
            (
                (max(containment(old[i], new[j]), containment(new[j], old[i])), i)
                for i in range(len(old))
            ),
            default=(0.0, -1),
        )
        if best < contained:
            continue
        if i in taken_old:
            out.split[j] = i
        else:
            out.pairs[i] = j
            taken_old.add(i)
        taken_new.add(j)


def _paragraph_moves(
    new: Sequence[Counter[str]],
    pairs: dict[int, int],
    unchanged: set[int],
    old_paragraphs: Sequence[Sequence[Counter[str]]],
    out: Regrouping,
) -> None:
    """Record as merges the paragraphs that moved from one placed article into another.

    A paragraph of a placed old article that left its own new article and stands almost word
    for word in another placed one makes that one a merge too (old 第三条's definition joining
    old 第二条 in a new 第二条, while its grading stays in new 第三条).
    """
    primary = {j: i for i, j in (*pairs.items(), *out.pairs.items())} | out.split
    own = {i: j for j, i in primary.items()}
    for i, paragraphs in enumerate(old_paragraphs):
        home = new[own[i]] if i in own else Counter()
        for paragraph in paragraphs:
            if containment(paragraph, home) >= 0.5:
                continue
            best, j = max(
                ((containment(paragraph, new[j]), j) for j in primary if j not in unchanged),
                default=(0.0, -1),
            )
            if best >= 0.9 and primary[j] != i and i not in out.merged.get(j, ()):
                out.merged.setdefault(j, []).append(i)


def _rewrites_in_place(
    old: Sequence[Counter[str]],
    new: Sequence[Counter[str]],
    pairs: dict[int, int],
    weights: dict[str, float],
    rewritten: float,
    out: Regrouping,
    taken: tuple[set[int], set[int]],
) -> None:
    """Pair leftovers between the same two aligned neighbours that still share wording."""
    taken_old, taken_new = taken
    for olds, news in gaps({**pairs, **out.pairs}, len(old), len(new)):
        olds = [i for i in olds if i not in taken_old]
        news = [j for j in news if j not in taken_new]
        if not olds or not news:
            continue
        scores = np.array(
            [[_weighted_overlap(old[i], new[j], weights) for j in news] for i in olds]
        )
        scores[scores < rewritten] = 0.0
        for r, c in monotone_alignment(scores):
            out.pairs[olds[r]] = news[c]
            out.rewrites[news[c]] = float(scores[r, c])
            taken_old.add(olds[r])
            taken_new.add(news[c])


def _moved_rewrites(
    old: Sequence[Counter[str]],
    new: Sequence[Counter[str]],
    weights: dict[str, float],
    moved: float,
    out: Regrouping,
    taken: tuple[set[int], set[int]],
) -> None:
    """Pair leftovers anywhere that share more wording (a rewrite that also moved), best first."""
    taken_old, taken_new = taken
    candidates = sorted(
        (
            (score, i, j)
            for i in range(len(old))
            if i not in taken_old
            for j in range(len(new))
            if j not in taken_new and (score := _weighted_overlap(old[i], new[j], weights)) >= moved
        ),
        reverse=True,
    )
    for score, i, j in candidates:
        if i not in taken_old and j not in taken_new:
            out.pairs[i] = j
            out.rewrites[j] = score
            taken_old.add(i)
            taken_new.add(j)


def _idf(profiles: Sequence[Counter[str]]) -> dict[str, float]:
    """Return each bigram's inverse document frequency over the articles of both versions.

    Wording every article shares ("生产经营单位", "应当") says little about which two articles
    are the same matter; a rare phrase says much.
    """
    df = Counter(g for profile in profiles for g in profile)
    n = len(profiles)
    return {g: math.log(1 + n / k) for g, k in df.items()}


def _weighted_overlap(a: Counter[str], b: Counter[str], weights: dict[str, float]) -> float:
    """Return the Dice overlap of two bigram multisets, each bigram weighted by its rarity."""
    total = sum(weights[g] * n for g, n in a.items()) + sum(weights[g] * n for g, n in b.items())
    if not total:
        return 0.0
    shared = sum(weights[g] * min(n, b[g]) for g, n in a.items() if g in b)
    return 2 * shared / total


def gaps(pairs: dict[int, int], n_old: int, n_new: int) -> list[tuple[list[int], list[int]]]:
    """Return the unpaired old and new articles, grouped by the stretch they lie in.

    The identical pairs that keep their order (a longest increasing run of new positions) are
    fixed points; a similarity pair may only join articles of the same stretch between two of
    them, so it never crosses one. An identical article that moved still pairs, but fixes nothing.
    """
    ordered = sorted(pairs.items())
    tails: list[int] = []  # tails[k]: index into ordered ending the best run of length k + 1
    back: list[int] = []
    for n, (_, j) in enumerate(ordered):
        k = bisect_left(tails, j, key=lambda t: ordered[t][1])
        back.append(tails[k - 1] if k else -1)
        tails[k : k + 1] = [n]
    fixed = [(n_old, n_new)]
    n = tails[-1] if tails else -1
    while n >= 0:
        fixed.append(ordered[n])
        n = back[n]
    fixed.append((-1, -1))
    taken = set(pairs.values())
    return [
        (
            [i for i in range(i0 + 1, i1) if i not in pairs],
            [j for j in range(j0 + 1, j1) if j not in taken],
        )
        for (i1, j1), (i0, j0) in pairwise(fixed)
    ]


def monotone_alignment(scores: np.ndarray) -> list[tuple[int, int]]:
    """Return the non-crossing pairs (row, column) of greatest total score; zero scores never pair.

    Dynamic programming rather than greedy best-first: amendments keep the order of articles, so
    the best set of non-crossing pairs is wanted, and a greedy pick of one high pair can block two
    slightly lower ones that together explain more of the text.
    """
    rows, cols = scores.shape
    best = np.zeros((rows + 1, cols + 1))
    for r in range(1, rows + 1):
        # best[r, c] = max(best[r-1, c], best[r-1, c-1] + s, best[r, c-1]); the last term, along
        # the row, is a running maximum, so each row is two vector operations.
        take = np.maximum(best[r - 1, 1:], best[r - 1, :-1] + scores[r - 1])
        best[r, 1:] = np.maximum.accumulate(take)
    out: list[tuple[int, int]] = []
    r, c = rows, cols
    while r and c:
        if best[r, c] == best[r, c - 1]:
            c -= 1
        elif best[r, c] == best[r - 1, c]:
            r -= 1
        else:
            out.append((r - 1, c - 1))
            r, c = r - 1, c - 1
    return out[::-1]
