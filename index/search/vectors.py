"""The FAISS vector index: ids are provision ids; filters become id selectors before search."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import faiss
import numpy as np

# Beyond this many vectors an HNSW graph replaces the exact scan (see bench/bench_search_speed.py).
HNSW_FROM = 400_000
HNSW_M = 32
HNSW_EF_SEARCH = 128
# A filter keeping at most this many ids is searched exactly over those ids alone.
EXACT_SUBSET = 50_000


class VectorIndex:
    """Inner-product search over unit vectors in an ``IndexIDMap2``."""

    def __init__(self, index: faiss.IndexIDMap2) -> None:
        self.index = index
        self._held: np.ndarray | None = None  # ids held, read lazily; reset on add/remove

    @classmethod
    def empty(cls, dim: int, expected: int = 0) -> VectorIndex:
        """An exact index, or HNSW when ``expected`` vectors will exceed :data:`HNSW_FROM`."""
        inner: faiss.IndexHNSWFlat | faiss.IndexFlatIP
        if expected >= HNSW_FROM:
            inner = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            inner.hnsw.efConstruction = 80
        else:
            inner = faiss.IndexFlatIP(dim)
        return cls(faiss.IndexIDMap2(inner))

    @property
    def kind(self) -> str:
        """ "flat" or "hnsw"."""
        inner = faiss.downcast_index(self.index.index)
        return "hnsw" if isinstance(inner, faiss.IndexHNSW) else "flat"

    @property
    def dim(self) -> int:
        return int(self.index.d)

    def __len__(self) -> int:
        return int(self.index.ntotal)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors under their provision ids."""
        if len(ids):
            self._held = None
            self.index.add_with_ids(
                np.ascontiguousarray(vectors, dtype=np.float32), np.asarray(ids, dtype=np.int64)
            )

    def remove(self, ids: np.ndarray) -> int:
        """Remove these ids (exact index only; an HNSW index is rebuilt instead)."""
        if not len(ids):
            return 0
        self._held = None
        return int(self.index.remove_ids(faiss.IDSelectorBatch(np.asarray(ids, dtype=np.int64))))

    def ids(self) -> np.ndarray:
        """Every id held, in insertion order."""
        return faiss.vector_to_array(self.index.id_map).astype(np.int64)

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        """The stored vectors of these ids."""
        return self.index.reconstruct_batch(np.asarray(ids, dtype=np.int64))

    def search(
        self, query: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The k nearest ids (and inner products) among ``allowed`` ids, or among all.

        A filter is applied inside the search (an id selector), so a filter that keeps 1 % of
        the index still returns k hits; small allowed sets are scanned exactly.
        """
        if not len(self) or k <= 0:
            return np.empty(0, np.int64), np.empty(0, np.float32)
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        if allowed is None:
            if self.kind == "hnsw":
                # faiss's stubs lack SearchParametersHNSW and the keyword constructors
                params = faiss.SearchParametersHNSW(  # type: ignore[attr-defined]
                    efSearch=max(HNSW_EF_SEARCH, k)
                )
                scores, ids = self.index.search(q, k, params=params)
            else:
                scores, ids = self.index.search(q, k)
            return _valid(ids[0], scores[0])
        allowed = np.asarray(allowed, dtype=np.int64)
        if not len(allowed):
            return np.empty(0, np.int64), np.empty(0, np.float32)
        if self.kind == "hnsw" and len(allowed) <= EXACT_SUBSET:
            return self._scan(q[0], allowed, k)
        selector = faiss.IDSelectorBatch(allowed)
        if self.kind == "hnsw":
            params = faiss.SearchParametersHNSW(  # type: ignore[attr-defined]
                sel=selector, efSearch=max(HNSW_EF_SEARCH, 4 * k)
            )
        else:
            params = faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]
        scores, ids = self.index.search(q, k, params=params)
        found = _valid(ids[0], scores[0])
        if len(found[0]) < min(k, len(allowed)):
            return self._scan(q[0], allowed, k)
        return found

    def _scan(
        self, query: np.ndarray, allowed: np.ndarray, k: int
    ) -> tuple[np.ndarray, np.ndarray]:
        if self._held is None:
            self._held = self.ids()
        present = allowed[np.isin(allowed, self._held)]
        if not len(present):
            return np.empty(0, np.int64), np.empty(0, np.float32)
        scores = self.vectors(present) @ query
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return present[top], scores[top].astype(np.float32)

    def save(self, path: Path) -> None:
        """Write the index file (the caller renames the folder into place)."""
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path) -> VectorIndex:
        """Read an index file written by :meth:`save`."""
        # read_index is typed as returning the base class; save() wrote an IndexIDMap2
        return cls(cast(faiss.IndexIDMap2, faiss.read_index(str(path))))


def _valid(ids: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    keep = ids >= 0
    return ids[keep].astype(np.int64), scores[keep].astype(np.float32)
