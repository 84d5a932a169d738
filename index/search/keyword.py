"""The BM25 keyword index (bm25s), aligned to provision ids, with pre-filtering by mask."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.search.tokens import tokens

K1 = 1.2
B = 0.75


class KeywordIndex:
    """BM25 over search units; row i of the index is provision ``ids[i]``."""

    def __init__(self, model: object, ids: np.ndarray) -> None:
        self._model = model
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def build(cls, ids: Sequence[int], passages: Sequence[str]) -> KeywordIndex:
        """Tokenise and index the passages."""
        return cls.from_tokens(ids, [tokens(p) for p in passages])

    @classmethod
    def from_tokens(cls, ids: Sequence[int], token_lists: Sequence[list[str]]) -> KeywordIndex:
        """Index passages already tokenised with :func:`index.search.tokens.tokens`."""
        import bm25s

        model = bm25s.BM25(k1=K1, b=B)
        corpus = [t or [""] for t in token_lists]
        if corpus:
            model.index(corpus, show_progress=False)
        return cls(model, np.asarray(ids, dtype=np.int64))

    def save(self, folder: Path) -> None:
        """Write the index files into ``folder`` (which the caller renames into place)."""
        folder.mkdir(parents=True, exist_ok=True)
        np.save(folder / "ids.npy", self.ids)
        if len(self.ids):
            self._model.save(str(folder / "bm25"), show_progress=False)  # type: ignore[attr-defined]

    @classmethod
    def load(cls, folder: Path, *, mmap: bool = True) -> KeywordIndex:
        """Open an index written by :meth:`save` (memory-mapped by default)."""
        import bm25s

        ids = np.load(folder / "ids.npy")
        model = (
            bm25s.BM25.load(str(folder / "bm25"), mmap=mmap, load_corpus=False)
            if len(ids)
            else None
        )
        return cls(model, ids)

    def mask(self, allowed: np.ndarray) -> np.ndarray:
        """A 0/1 weight per row keeping only the allowed provision ids."""
        return np.isin(self.ids, allowed).astype(np.float32)

    def search(
        self, query: str, k: int, weight_mask: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return (provision ids, scores) of the best k rows with a positive score."""
        words = tokens(query)
        if not len(self.ids) or not words:
            return np.empty(0, np.int64), np.empty(0, np.float32)
        known = self._model.get_tokens_ids(words)  # type: ignore[attr-defined]
        if not known:
            return np.empty(0, np.int64), np.empty(0, np.float32)
        scores = self._model.get_scores_from_ids(known, weight_mask=weight_mask)  # type: ignore[attr-defined]
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        top = top[scores[top] > 0]
        return self.ids[top], scores[top].astype(np.float32)
