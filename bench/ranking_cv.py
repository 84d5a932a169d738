"""Training and cross-validating the learned ranker on a retrieval test set (bench_retrieval).

Each query's candidates are the head of the engine's law-aware list; a candidate is labelled 1
when it is one of the query's gold passages. Cross-validation splits by query (``folds``
groups, fixed seed): every query is ranked by a model that never saw it. Rows of another set
(``extra``: features saved by a run on another corpus) join every training fold and the final
fit, never a test fold.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index.search.features import FEATURES
from index.search.ranker import Ranker, train


@dataclass(slots=True)
class QueryRows:
    """One query's candidates: ids in law-aware order, their features and 0/1 labels."""

    ids: np.ndarray
    matrix: np.ndarray
    labels: np.ndarray


def in_train_part(query_id: str, fraction: float) -> bool:
    """Whether a query belongs to the training part (stable by its id, not by file order)."""
    if fraction >= 1:
        return True
    digest = hashlib.sha256(query_id.encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < fraction


def stack(rows: Sequence[QueryRows]) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Rows of the queries with at least one gold candidate (the others teach nothing)."""
    useful = [r for r in rows if r.labels.any()]
    if not useful:
        return np.zeros((0, len(FEATURES)), np.float32), np.zeros(0), []
    return (
        np.vstack([r.matrix for r in useful]),
        np.concatenate([r.labels for r in useful]),
        [len(r.labels) for r in useful],
    )


def save_rows(path: Path, rows: Sequence[QueryRows]) -> None:
    """Write training rows for another run's ``--extra``."""
    matrix, labels, groups = stack(rows)
    np.savez_compressed(
        path, matrix=matrix, labels=labels, groups=np.asarray(groups), features=list(FEATURES)
    )


def load_rows(path: Path) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Rows written by :func:`save_rows` (refused when made for another feature list)."""
    data = np.load(path)
    if tuple(str(f) for f in data["features"]) != FEATURES:
        raise SystemExit(f"{path} holds features of another list; rerun with --save-features")
    return data["matrix"], data["labels"], [int(g) for g in data["groups"]]


def fit(
    rows: Sequence[QueryRows],
    extra: tuple[np.ndarray, np.ndarray, list[int]] | None,
    params: dict[str, Any],
    rounds: int,
    embedder: str,
    meta: dict[str, Any] | None = None,
) -> Ranker:
    """Train on ``rows`` plus the extra rows."""
    matrix, labels, groups = stack(rows)
    if extra is not None and len(extra[0]):
        matrix = np.vstack([matrix, extra[0]])
        labels = np.concatenate([labels, extra[1]])
        groups = groups + extra[2]
    return train(matrix, labels, groups, params=params, rounds=rounds, embedder=embedder, meta=meta)


def cross_validate(
    rows: Sequence[QueryRows],
    folds: int,
    extra: tuple[np.ndarray, np.ndarray, list[int]] | None,
    params: dict[str, Any],
    rounds: int,
    embedder: str,
    log: Callable[[str], None] = print,
) -> tuple[list[np.ndarray], list[int]]:
    """Out-of-fold ranker scores for every query's candidates (in the order of ``rows``), and
    each query's fold."""
    order = list(range(len(rows)))
    random.Random(19).shuffle(order)
    fold_of = {q: n % folds for n, q in enumerate(order)}
    scores: list[np.ndarray] = [np.empty(0)] * len(rows)
    for fold in range(folds):
        training = [rows[q] for q in order if fold_of[q] != fold]
        model = fit(training, extra, params, rounds, embedder)
        for q in order:
            if fold_of[q] == fold:
                scores[q] = model.score(rows[q].matrix)
        log(f"fold {fold + 1}/{folds} done")
    return scores, [fold_of[q] for q in range(len(rows))]


def reorder(aware: list[tuple[int, float, Any]], ids: np.ndarray, scores: np.ndarray) -> list[int]:
    """The law-aware list with its head (``ids``) reordered by ``scores``."""
    head = [
        int(i)
        for i, _ in sorted(zip(ids.tolist(), scores.tolist(), strict=True), key=lambda t: -t[1])
    ]
    return head + [i for i, _, _ in aware[len(ids) :]]
