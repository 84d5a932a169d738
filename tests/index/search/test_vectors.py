"""The FAISS vector index: exact and HNSW search, filters inside the search, remove, save/load."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import index.search.vectors as vectors_module
from index.search.vectors import VectorIndex

N, DIM, K = 2000, 32, 10


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((N, DIM)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    ids = np.arange(N, dtype=np.int64) * 7 + 3  # not row numbers
    return ids, x


@pytest.fixture(scope="module")
def flat(data: tuple[np.ndarray, np.ndarray]) -> VectorIndex:
    ids, x = data
    index = VectorIndex.empty(DIM)
    index.add(ids, x)
    return index


@pytest.fixture(scope="module")
def hnsw(data: tuple[np.ndarray, np.ndarray]) -> VectorIndex:
    ids, x = data
    index = VectorIndex.empty(DIM, expected=10**6)
    index.add(ids, x)
    return index


def brute(
    data: tuple[np.ndarray, np.ndarray], q: np.ndarray, k: int, allowed: np.ndarray | None = None
) -> np.ndarray:
    ids, x = data
    keep = np.ones(len(ids), bool) if allowed is None else np.isin(ids, allowed)
    scores = x[keep] @ q
    order = np.argsort(-scores, kind="stable")[:k]
    return ids[keep][order]


def queries(n: int, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    q = rng.standard_normal((n, DIM)).astype(np.float32)
    return q / np.linalg.norm(q, axis=1, keepdims=True)


def one_percent(data: tuple[np.ndarray, np.ndarray], seed: int) -> np.ndarray:
    ids, _ = data
    return np.random.default_rng(seed).choice(ids, N // 100, replace=False)


def test_exact_index_returns_the_k_nearest(
    flat: VectorIndex, data: tuple[np.ndarray, np.ndarray]
) -> None:
    assert flat.kind == "flat" and flat.dim == DIM and len(flat) == N
    ids, x = data
    for q in queries(5):
        found, scores = flat.search(q, K)
        np.testing.assert_array_equal(found, brute(data, q, K))
        assert np.all(np.diff(scores) <= 1e-6)
        np.testing.assert_allclose(scores, x[np.searchsorted(ids, found)] @ q, rtol=1e-5)
    # a stored vector finds itself first, with inner product 1
    found, scores = flat.search(x[123], 1)
    assert found.tolist() == [ids[123]] and abs(float(scores[0]) - 1.0) < 1e-5


def test_exact_filter_keeping_one_percent_still_returns_k(
    flat: VectorIndex, data: tuple[np.ndarray, np.ndarray]
) -> None:
    for seed, q in enumerate(queries(5, seed=2)):
        allowed = one_percent(data, seed)
        found, _ = flat.search(q, K, allowed)
        assert len(found) == K
        assert set(found.tolist()) <= set(allowed.tolist())
        np.testing.assert_array_equal(found, brute(data, q, K, allowed))


def test_filter_edge_cases(flat: VectorIndex, data: tuple[np.ndarray, np.ndarray]) -> None:
    ids, _ = data
    q = queries(1)[0]
    assert len(flat.search(q, K, np.array([], np.int64))[0]) == 0
    # fewer allowed than k: all of them
    few = ids[:3]
    assert sorted(flat.search(q, K, few)[0].tolist()) == sorted(few.tolist())
    # ids not in the index are ignored
    found, _ = flat.search(q, K, np.array([ids[5], 1, 2, 10**9]))
    assert found.tolist() == [ids[5]]
    assert len(flat.search(q, 0)[0]) == 0
    assert len(VectorIndex.empty(DIM).search(q, K)[0]) == 0


def test_hnsw_is_chosen_for_large_expected_sizes(
    hnsw: VectorIndex, data: tuple[np.ndarray, np.ndarray]
) -> None:
    assert hnsw.kind == "hnsw" and len(hnsw) == N
    assert VectorIndex.empty(DIM, expected=vectors_module.HNSW_FROM - 1).kind == "flat"
    recall = []
    for q in queries(10, seed=3):
        found, scores = hnsw.search(q, K)
        assert len(found) == K and np.all(np.diff(scores) <= 1e-6)
        recall.append(len(set(found.tolist()) & set(brute(data, q, K).tolist())) / K)
    assert np.mean(recall) >= 0.9


def test_hnsw_small_filter_is_exact(hnsw: VectorIndex, data: tuple[np.ndarray, np.ndarray]) -> None:
    for seed, q in enumerate(queries(5, seed=4)):
        allowed = one_percent(data, seed)
        found, _ = hnsw.search(q, K, allowed)
        np.testing.assert_array_equal(found, brute(data, q, K, allowed))


def test_hnsw_filter_inside_the_graph_search(
    hnsw: VectorIndex, data: tuple[np.ndarray, np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Allowed sets above EXACT_SUBSET go through the HNSW id selector, large or small."""
    ids, _ = data
    monkeypatch.setattr(vectors_module, "EXACT_SUBSET", 5)
    rng = np.random.default_rng(5)
    recall = []
    for q in queries(5, seed=6):
        large = rng.choice(ids, N // 2, replace=False)
        found, _ = hnsw.search(q, K, large)
        assert len(found) == K and set(found.tolist()) <= set(large.tolist())
        recall.append(len(set(found.tolist()) & set(brute(data, q, K, large).tolist())) / K)
        small = rng.choice(ids, N // 100, replace=False)  # 1 %: the graph alone finds few
        found, _ = hnsw.search(q, K, small)
        assert len(found) == K and set(found.tolist()) <= set(small.tolist())
    assert np.mean(recall) >= 0.8


def test_remove(data: tuple[np.ndarray, np.ndarray]) -> None:
    ids, x = data
    index = VectorIndex.empty(DIM)
    index.add(ids, x)
    gone = ids[:10]
    assert index.remove(gone) == 10
    assert len(index) == N - 10
    assert not set(gone.tolist()) & set(index.ids().tolist())
    found, _ = index.search(x[0], K)  # the removed vector's own query
    assert ids[0] not in found.tolist() and len(found) == K
    assert not set(index.search(x[0], K, ids[:20])[0].tolist()) & set(gone.tolist())
    assert index.remove(np.array([], np.int64)) == 0
    assert index.remove(gone) == 0  # already gone


@pytest.mark.parametrize("expected", [0, 10**6])
def test_save_and_load_round_trip(
    tmp_path: Path, data: tuple[np.ndarray, np.ndarray], expected: int
) -> None:
    ids, x = data
    index = VectorIndex.empty(DIM, expected=expected)
    index.add(ids[:500], x[:500])
    path = tmp_path / "vectors.faiss"
    index.save(path)
    loaded = VectorIndex.load(path)
    assert (loaded.kind, loaded.dim, len(loaded)) == (index.kind, DIM, 500)
    np.testing.assert_array_equal(loaded.ids(), ids[:500])
    np.testing.assert_allclose(loaded.vectors(ids[[3, 499]]), x[[3, 499]], rtol=1e-6)
    for q in queries(3, seed=8):
        np.testing.assert_array_equal(loaded.search(q, K)[0], index.search(q, K)[0])
        allowed = ids[:500:50]
        np.testing.assert_array_equal(
            loaded.search(q, K, allowed)[0], brute((ids[:500], x[:500]), q, K, allowed)
        )
