"""Embedding vectors of the LawRefBook articles, for the dense side of the review's alignment.

``ArticleVectors(embedder)`` embeds each distinct article text once (passage side) and keeps the
vectors in ``bench/out/article-vectors-<embedder>.npz``, keyed by a hash of the text, so a second
run reads them back. ``of(articles)`` gives the unit vectors of a list of (number, text) articles
in order; a planted copy differs from its original by a figure or a word, so an article the
cache lacks is embedded then (one at a time: a copy changes one article).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


class ArticleVectors:
    """Unit vectors of article texts by one embedder, cached on disk."""

    def __init__(self, embedder_name: str, folder: Path = OUT) -> None:
        from index.search.embedders import load_embedder

        self.embedder = load_embedder(embedder_name)
        self.path = folder / f"article-vectors-{embedder_name}.npz"
        self._vectors: dict[str, np.ndarray] = {}
        if self.path.exists():
            with np.load(self.path) as data:
                self._vectors = {key: data[key] for key in data.files}
        self._dirty = False

    def add(self, texts: Iterable[str]) -> None:
        """Embed the texts the cache lacks, in batches (:meth:`save` keeps them)."""
        missing = sorted({t for t in texts if _key(t) not in self._vectors})
        if missing:
            rows = self.embedder.passages(missing)
            for text, row in zip(missing, rows, strict=True):
                self._vectors[_key(text)] = row.astype(np.float32)
            self._dirty = True

    def of(self, articles: Sequence[tuple[str, str]]) -> np.ndarray:
        """The unit vectors of ``articles`` (rows in order)."""
        self.add(text for _, text in articles)
        return np.vstack([self._vectors[_key(text)] for _, text in articles])

    def save(self) -> None:
        """Write the cache when anything was added."""
        if self._dirty:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            np.savez(self.path, **self._vectors)
            self._dirty = False


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
