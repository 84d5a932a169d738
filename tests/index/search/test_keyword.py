"""The BM25 keyword index: build, search, mask (pre-filter), save and load."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.search.keyword import KeywordIndex

IDS = [11, 22, 33, 44, 55]
PASSAGES = [
    "事故发生后，现场人员应当立即向本单位负责人报告事故。",
    "生产经营单位应当对从业人员进行安全生产教育和培训。",
    "An operator shall report every accident to the department within one hour.",
    "特种作业人员应当经专门的安全作业培训，取得相应资格。",
    "Hazardous chemicals shall be stored in a dedicated warehouse.",
]


@pytest.fixture(scope="module")
def index() -> KeywordIndex:
    return KeywordIndex.build(IDS, PASSAGES)


def test_build_and_search(index: KeywordIndex) -> None:
    assert len(index) == 5 and index.ids.tolist() == IDS
    ids, scores = index.search("事故报告", 5)
    assert ids.tolist() == [11]  # the only passage with these words; zero scores are dropped
    assert scores.dtype == np.float32 and float(scores[0]) > 0
    ids, scores = index.search("安全培训", 5)
    assert set(ids.tolist()) == {22, 44}
    assert np.all(np.diff(scores) <= 0) and np.all(scores > 0)
    # English goes through the same stemming as the passages
    assert index.search("reporting accidents", 5)[0].tolist() == [33]
    assert index.search("WAREHOUSES", 5)[0].tolist() == [55]


def test_k_limits_the_hits(index: KeywordIndex) -> None:
    assert len(index.search("应当", 5)[0]) == 3
    ids, _ = index.search("应当", 1)
    assert len(ids) == 1 and ids[0] in (11, 22, 44)


def test_mask_restricts_results(index: KeywordIndex) -> None:
    mask = index.mask(np.array([44, 55, 999]))
    assert mask.tolist() == [0, 0, 0, 1, 1]
    ids, scores = index.search("安全培训", 5, mask)
    assert ids.tolist() == [44] and float(scores[0]) > 0
    # a word only in masked-out rows finds nothing
    assert index.search("事故", 5, mask)[0].tolist() == []
    # the unmasked score of an allowed row is unchanged by the mask
    unmasked = dict(zip(*index.search("安全培训", 5), strict=True))
    assert float(scores[0]) == pytest.approx(float(unmasked[44]))


def test_unknown_or_empty_query_returns_nothing(index: KeywordIndex) -> None:
    for query in ("zzqxv", "鑫鑫鑫", "", "the of and", "的"):
        ids, scores = index.search(query, 5)
        assert ids.tolist() == [] and scores.tolist() == [], query
        assert ids.dtype == np.int64


def test_save_and_load(index: KeywordIndex, tmp_path: Path) -> None:
    index.save(tmp_path / "kw")
    for mmap in (True, False):
        loaded = KeywordIndex.load(tmp_path / "kw", mmap=mmap)
        assert loaded.ids.tolist() == IDS and len(loaded) == 5
        for query in ("事故报告", "安全培训", "report accident"):
            a, sa = index.search(query, 5)
            b, sb = loaded.search(query, 5)
            np.testing.assert_array_equal(a, b)
            np.testing.assert_allclose(sa, sb)
        mask = loaded.mask(np.array([22]))
        assert loaded.search("安全培训", 5, mask)[0].tolist() == [22]


def test_empty_index(tmp_path: Path) -> None:
    empty = KeywordIndex.build([], [])
    assert len(empty) == 0 and empty.search("事故", 5)[0].tolist() == []
    empty.save(tmp_path / "kw")
    loaded = KeywordIndex.load(tmp_path / "kw")
    assert len(loaded) == 0 and loaded.search("事故", 5)[0].tolist() == []


def test_passage_without_tokens_does_not_break_the_index() -> None:
    index = KeywordIndex.build([1, 2], ["——。", "事故报告"])
    assert index.search("事故", 5)[0].tolist() == [2]
