"""The learned ranker: a LightGBM LambdaMART model over :mod:`index.search.features`.

A model lives in the index folder beside the generations (``<index>/ranker/``): ``model.txt``
(LightGBM's own text format) and ``ranker.json`` (format version, the feature list it was trained
on, the embedder whose scores it read, how it was trained and cross-validated). A model that is
missing, unreadable, of another format version, trained on another feature list or for another
embedder is not used: :func:`load_ranker` says why, and search keeps the plain fusion.

Training uses LightGBM; search reads the saved trees into :class:`Forest`, a numpy evaluator of
LightGBM's text format (numerical splits, as the features are), so that a server does not
import LightGBM and its dependencies (several seconds on a busy 2-core machine) to answer its
first query. A test checks that both give the same scores.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from index.search.features import FEATURES

RANKER_VERSION = 1
RANKER_DIR = "ranker"
MODEL_FILE = "model.txt"
META_FILE = "ranker.json"

# Chosen by query-grouped cross-validation on the training queries (bench_retrieval --train).
DEFAULT_PARAMS: dict[str, Any] = {
    "objective": "lambdarank",
    "metric": "ndcg",
    "eval_at": [10],
    "learning_rate": 0.05,
    "num_leaves": 31,
    "min_data_in_leaf": 50,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambdarank_truncation_level": 30,
    "num_threads": 2,
    "verbose": -1,
    "seed": 7,
}
DEFAULT_ROUNDS = 300
# How many of the law-aware list's first hits the ranker reorders.
RERANK_DEPTH = 100


class RankerError(Exception):
    """A saved ranker cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class _Tree:
    """One regression tree: internal nodes 0.., a child below 0 is leaf ``~child``."""

    feature: np.ndarray
    threshold: np.ndarray
    default_left: np.ndarray
    missing: np.ndarray  # 0: none, 1: zero, 2: NaN (LightGBM's missing types)
    left: np.ndarray
    right: np.ndarray
    leaf: np.ndarray


class Forest:
    """The trees of a LightGBM model saved as text, scored with numpy (the sum of the trees'
    leaf values: LambdaMART's raw score)."""

    def __init__(self, trees: list[_Tree], features: int) -> None:
        self.trees = trees
        self.features = features
        # All trees' nodes in one set of arrays, so that every (row, tree) pair steps down
        # together: an internal node is an index >= 0, leaf j of the forest is ~j (< 0).
        nodes = np.cumsum([0] + [len(t.feature) for t in trees])
        leaves = np.cumsum([0] + [len(t.leaf) for t in trees])

        def child(c: np.ndarray, n: int) -> np.ndarray:
            return np.where(c >= 0, c + nodes[n], ~(~c + leaves[n]))

        def joined(parts: list[np.ndarray], dtype: Any) -> np.ndarray:
            return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype)

        self._feature = joined([t.feature for t in trees], np.int64)
        self._threshold = joined([t.threshold for t in trees], np.float64)
        self._default_left = joined([t.default_left for t in trees], bool)
        self._missing = joined([t.missing for t in trees], np.int64)
        self._left = joined([child(t.left, n) for n, t in enumerate(trees)], np.int64)
        self._right = joined([child(t.right, n) for n, t in enumerate(trees)], np.int64)
        self._leaf = joined([t.leaf for t in trees], np.float64)
        self._root = np.array(
            [nodes[n] if len(t.feature) else ~leaves[n] for n, t in enumerate(trees)], np.int64
        )

    @classmethod
    def parse(cls, text: str) -> Forest:
        """Read LightGBM's model text (``Booster.save_model``).

        Raises:
            ValueError: for text that is not such a model, or that has categorical splits or
                linear trees.
        """
        blocks = text.split("end of trees")[0].split("\nTree=")
        fields = dict(line.split("=", 1) for line in blocks[0].splitlines() if "=" in line)
        if "max_feature_idx" not in fields:
            raise ValueError("not a LightGBM model")
        trees = []
        for block in blocks[1:]:
            values = dict(line.split("=", 1) for line in block.splitlines() if "=" in line)
            if int(values.get("num_cat", "0")) or values.get("is_linear", "0") != "0":
                raise ValueError("categorical splits and linear trees are not read")
            leaf = np.array(values["leaf_value"].split(), dtype=np.float64)
            if int(values["num_leaves"]) == 1:  # a constant: no split
                none = np.zeros(0, np.int64)
                trees.append(_Tree(none, none.astype(float), none != 0, none, none, none, leaf))
                continue
            kind = np.array(values["decision_type"].split(), dtype=np.int64)
            trees.append(
                _Tree(
                    feature=np.array(values["split_feature"].split(), dtype=np.int64),
                    threshold=np.array(values["threshold"].split(), dtype=np.float64),
                    default_left=(kind & 2) != 0,
                    missing=(kind >> 2) & 3,
                    left=np.array(values["left_child"].split(), dtype=np.int64),
                    right=np.array(values["right_child"].split(), dtype=np.int64),
                    leaf=leaf,
                )
            )
        return cls(trees, int(fields["max_feature_idx"]) + 1)

    def num_feature(self) -> int:
        """How many feature columns the model reads."""
        return self.features

    def predict(self, matrix: np.ndarray, **_: Any) -> np.ndarray:
        """One raw score per row."""
        x = np.asarray(matrix, dtype=np.float64)
        if not len(x) or not len(self._root):
            return np.zeros(len(x), np.float64)
        node = np.tile(self._root, (len(x), 1))  # (rows, trees)
        row = np.repeat(np.arange(len(x)), len(self._root)).reshape(node.shape)
        active = node >= 0
        while active.any():
            at = node[active]
            value = x[row[active], self._feature[at]]
            missing = self._missing[at]
            nan = np.isnan(value)
            # LightGBM: missing type "none" reads NaN as 0; "zero" sends 0 (and NaN) the
            # default way; "NaN" sends NaN the default way.
            value = np.where(nan & (missing != 2), 0.0, value)
            default = ((missing == 1) & ((np.abs(value) <= 1e-35) | nan)) | ((missing == 2) & nan)
            go_left = np.where(default, self._default_left[at], value <= self._threshold[at])
            node[active] = np.where(go_left, self._left[at], self._right[at])
            active = node >= 0
        return np.asarray(self._leaf[~node].sum(axis=1), dtype=np.float64)


@dataclass(slots=True)
class Ranker:
    """A trained model and what it expects."""

    booster: Any  # lightgbm.Booster after training, a Forest when read from disk
    features: tuple[str, ...] = FEATURES
    embedder: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    def score(self, matrix: np.ndarray) -> np.ndarray:
        """One score per row of a feature matrix (higher is better)."""
        if not len(matrix):
            return np.empty(0, np.float64)
        return np.asarray(self.booster.predict(matrix, num_threads=1), dtype=np.float64)

    def save(self, folder: Path) -> Path:
        """Write the model into ``folder/ranker`` (replacing one there); returns that folder."""
        target = folder / RANKER_DIR
        target.mkdir(parents=True, exist_ok=True)
        tmp = target / (MODEL_FILE + ".tmp")
        self.booster.save_model(str(tmp))
        tmp.replace(target / MODEL_FILE)
        meta = {
            **self.meta,
            "version": RANKER_VERSION,
            "features": list(self.features),
            "embedder": self.embedder,
        }
        tmp_meta = target / (META_FILE + ".tmp")
        tmp_meta.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
        tmp_meta.replace(target / META_FILE)
        return target


# Models already read, by folder and the files' (size, mtime): the app opens an engine per
# request, and a model is read from disk once, not once per search.
_LOADED: dict[tuple[str, tuple[int, ...]], Ranker] = {}


def load_ranker(folder: Path, embedder: str | None = None) -> Ranker:
    """The model saved under ``folder`` (an index folder, or its ``ranker`` folder itself).

    Raises:
        RankerError: when there is none, it cannot be read, or it was made for another format
            version, feature list or embedder.
    """
    target = folder if (folder / META_FILE).exists() else folder / RANKER_DIR
    meta_path = target / META_FILE
    if not meta_path.exists():
        raise RankerError(f"no learned ranker in {folder}")
    try:
        stamp = tuple(n for p in (meta_path, target / MODEL_FILE) for n in _stamp(p.stat()))
    except OSError as exc:
        raise RankerError(f"learned ranker in {target} is incomplete ({exc})") from exc
    key = (str(target.resolve()), stamp)
    cached = _LOADED.get(key)
    if cached is None:
        cached = _read(target, meta_path)
        _LOADED.clear()  # one index per process: keep only the newest model
        _LOADED[key] = cached
    if embedder is not None and cached.embedder != embedder:
        raise RankerError(
            f"learned ranker {meta_path} was trained on {cached.embedder!r} scores, "
            f"the index uses {embedder!r}"
        )
    return cached


def _stamp(stat: os.stat_result) -> tuple[int, int]:
    return stat.st_size, stat.st_mtime_ns


def _read(target: Path, meta_path: Path) -> Ranker:
    """Read and check one saved model (see :func:`load_ranker`)."""
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RankerError(f"learned ranker {meta_path} is unreadable ({exc})") from exc
    if meta.get("version") != RANKER_VERSION:
        raise RankerError(
            f"learned ranker {meta_path} has format version {meta.get('version')}, "
            f"this PolicyLens reads {RANKER_VERSION}"
        )
    if tuple(meta.get("features", ())) != FEATURES:
        raise RankerError(f"learned ranker {meta_path} was trained on another feature list")
    try:
        booster = Forest.parse((target / MODEL_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError) as exc:
        raise RankerError(f"learned ranker model in {target} cannot be read ({exc})") from exc
    if booster.num_feature() != len(FEATURES):
        raise RankerError(f"learned ranker in {target} expects {booster.num_feature()} features")
    return Ranker(booster, FEATURES, str(meta.get("embedder", "")), meta)


def train(
    matrix: np.ndarray,
    labels: np.ndarray,
    groups: Sequence[int],
    *,
    params: dict[str, Any] | None = None,
    rounds: int = DEFAULT_ROUNDS,
    embedder: str = "",
    meta: dict[str, Any] | None = None,
) -> Ranker:
    """Fit LambdaMART on rows grouped by query (``groups``: rows per query, in order)."""
    import lightgbm

    if len(matrix) != len(labels) or sum(groups) != len(matrix):
        raise ValueError("rows, labels and query groups do not agree")
    if matrix.shape[1] != len(FEATURES):
        raise ValueError(f"feature matrix has {matrix.shape[1]} columns, not {len(FEATURES)}")
    data = lightgbm.Dataset(
        matrix, label=labels, group=list(groups), feature_name=list(FEATURES), free_raw_data=True
    )
    booster = lightgbm.train({**DEFAULT_PARAMS, **(params or {})}, data, num_boost_round=rounds)
    return Ranker(booster, FEATURES, embedder, dict(meta or {}))
