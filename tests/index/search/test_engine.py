"""Hybrid search over the sample corpus: citations, filters applied before ranking, versions in
force on a date, snippets, fusion, staleness and deleted documents."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from index import ingest_paths, open_store
from index.search.build import sync_indexes
from index.search.embedders import HashEmbedder
from index.search.engine import (
    Filters,
    SearchEngine,
    _highlight_words,
    query_language,
    snippet,
)
from index.search.fusion import Fusion, fuse
from index.search.generations import IndexFolder
from index.store.database import NotFoundError, Store
from tests import filegen
from tests.index.support import (
    CORPUS,
    LAW_2019,
    LAW_2024,
    PROVINCIAL,
    synthetic_results,
    unit_ids_of,
    workspace,
)

ACT = "illustrative-work-safety-act-of-the-republic-of-exampleland@2021-03-15"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, backend: str) -> Iterator[SearchEngine]:
    """The sample corpus, ingested and indexed once for the read-only tests."""
    home = tmp_path_factory.mktemp("search")
    store, folder, _ = workspace(home)
    eng = SearchEngine(store, folder, embedder=HashEmbedder())
    yield eng
    eng.close()


@pytest.fixture()
def fresh(home: Path) -> Iterator[SearchEngine]:
    """The sample corpus in a workspace of its own, for tests that change the store."""
    store, folder, _ = workspace(home)
    eng = SearchEngine(store, folder, embedder=HashEmbedder())
    yield eng
    eng.close()


def docs_of(engine: SearchEngine, ids: np.ndarray | list[int]) -> set[str]:
    rows = engine.store.unit_rows([int(i) for i in ids])
    return {r["document_id"] for r in rows.values()}


# -- citations ---------------------------------------------------------------------------------


def test_citation_returns_that_article_first(engine: SearchEngine) -> None:
    hits = engine.search("示例安全生产法第二十一条", k=5)
    first = hits[0]
    assert (first.document_id, first.number, first.match) == (LAW_2024, "第二十一条", "reference")
    assert first.provision_id == "示例安全生产法/art-21"
    assert first.score > max(h.score for h in hits[1:])  # best first, by score too
    assert first.text.startswith("第二十一条 从业人员有权向本单位询问")  # the 2024 wording
    assert first.ranks == {"reference": 1}
    assert len(hits) == 5 and len({h.id for h in hits}) == 5  # not repeated further down
    assert all(h.match != "reference" for h in hits[1:])
    # the same citation written with book marks and a trailing question
    again = engine.search("《示例安全生产法》第二十一条的规定", k=1)
    assert again[0].id == first.id and again[0].match == "reference"


def test_citation_resolves_to_the_version_in_force_on_a_date(engine: SearchEngine) -> None:
    hits = engine.search(
        "示例安全生产法第二十一条", k=3, filters=Filters(in_force_on=date(2020, 1, 1))
    )
    first = hits[0]
    assert (first.document_id, first.number, first.match) == (LAW_2019, "第二十一条", "reference")
    assert first.text.startswith("第二十一条 对于违反安全操作规程的指挥")  # the 2019 wording
    assert first.status == "superseded" and first.version_date == "2019-06-10"


def test_english_citation(engine: SearchEngine) -> None:
    first = engine.search("Article 5 of the Work Safety Act", k=3)[0]
    assert (first.document_id, first.number, first.match) == (ACT, "Article 5", "reference")


def test_citation_of_a_missing_article_falls_back_to_ranking(engine: SearchEngine) -> None:
    hits = engine.search("示例安全生产法第九百条", k=3)
    assert hits and all(h.match != "reference" for h in hits)


# -- filters -----------------------------------------------------------------------------------

FILTER_CASES = [
    (Filters(level=("local_regulation",)), lambda h: h.level == "local_regulation"),
    (Filters(region=("Exampleland",)), lambda h: h.region == "Exampleland"),
    (Filters(status=("superseded",)), lambda h: h.status == "superseded"),
    (Filters(language=("en",)), lambda h: h.language == "en"),
    (Filters(document=(PROVINCIAL,)), lambda h: h.document_id == PROVINCIAL),
    (
        Filters(level=("national_law",), language=("zh",)),
        lambda h: h.document_id in (LAW_2019, LAW_2024),
    ),
]


@pytest.mark.parametrize("mode", ["hybrid", "keyword", "dense"])
@pytest.mark.parametrize(("filters", "keep"), FILTER_CASES)
def test_filters_restrict_every_hit(
    engine: SearchEngine, filters: Filters, keep, mode: str
) -> None:  # type: ignore[no-untyped-def]
    query = "安全生产 事故 work safety accident"
    unfiltered = engine.search(query, k=200, mode=mode)  # type: ignore[arg-type]
    assert any(not keep(h) for h in unfiltered)  # so the filter has something to remove
    hits = engine.search(query, k=10, filters=filters, mode=mode)  # type: ignore[arg-type]
    assert hits, filters
    assert all(keep(h) for h in hits), [(h.document_id, h.number) for h in hits]
    if mode != "keyword":  # dense ranks every allowed unit: k hits whenever k are allowed
        assert len(hits) == min(10, len(engine.allowed_ids(filters)))
    assert all(h.match == mode for h in hits) or mode == "hybrid"


def test_document_filter_by_work_title_and_unknown_document(engine: SearchEngine) -> None:
    by_work = engine.allowed_ids(Filters(document=("示例安全生产法",)))
    assert docs_of(engine, by_work) == {LAW_2019, LAW_2024}  # a work id: every version
    by_id = engine.allowed_ids(Filters(document=(LAW_2019,)))
    assert set(by_id.tolist()) == unit_ids_of(engine.store, LAW_2019)
    with pytest.raises(NotFoundError):
        engine.allowed_ids(Filters(document=("no such law",)))
    assert engine.allowed_ids(Filters()) is None


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2019, 7, 1), set()),  # promulgated, not yet effective (2019-09-01)
        (date(2020, 1, 1), {LAW_2019}),
        (date(2024, 5, 1), {LAW_2019}),  # 2024 version promulgated but not effective
        (date(2024, 7, 1), {LAW_2024}),
        (date(2030, 1, 1), {LAW_2024}),
    ],
)
def test_in_force_on_picks_the_version_valid_that_day(
    engine: SearchEngine, day: date, expected: set[str]
) -> None:
    filters = Filters(document=("示例安全生产法",), in_force_on=day)
    assert docs_of(engine, engine.allowed_ids(filters)) == expected
    hits = engine.search("生产经营单位 事故 报告", k=50, filters=filters)
    assert {h.document_id for h in hits} == expected


def test_in_force_on_alone_keeps_one_version_of_each_work(engine: SearchEngine) -> None:
    allowed = engine.allowed_ids(Filters(in_force_on=date(2022, 1, 1)))
    assert docs_of(engine, allowed) == {LAW_2019, PROVINCIAL, ACT}


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory, backend: str) -> Iterator[SearchEngine]:
    """100 synthetic documents of 12 articles: 1,200 units, each region keeps 1 %."""
    home = tmp_path_factory.mktemp("big")
    store = open_store(home)
    for result in synthetic_results(100, 12):
        store.write(result)
    folder = IndexFolder(home / "index")
    sync_indexes(store, folder, HashEmbedder())
    eng = SearchEngine(store, folder, embedder=HashEmbedder())
    yield eng
    eng.close()


def test_a_filter_keeping_one_percent_still_returns_k(big: SearchEngine) -> None:
    units = big.store.search_units()
    assert len(units) == 1200
    query = "应急预案演练 隐患排查治理"
    for filters in (Filters(region=("R37",)), Filters(document=("synthetic-061@2020-01-01",))):
        allowed = big.allowed_ids(filters)
        assert len(allowed) == 12  # 1 % of the store
        for mode in ("hybrid", "dense"):
            hits = big.search(query, k=10, filters=filters, mode=mode)  # type: ignore[arg-type]
            assert len(hits) == 10, (filters, mode)
            assert {h.id for h in hits} <= set(allowed.tolist())
        keyword = big.search(query, k=10, filters=filters, mode="keyword")
        assert keyword and {h.id for h in keyword} <= set(allowed.tolist())
        # the dense ranking inside the filter is the exact one
        passages = {u.id: u.passage for u in units if u.id in set(allowed.tolist())}
        ids = list(passages)
        scores = HashEmbedder().passages([passages[i] for i in ids]) @ HashEmbedder().query(query)
        exact = [ids[n] for n in np.argsort(-scores, kind="stable")[:10]]
        ranked = [i for i, _, _ in big.rank(query, 10, filters, mode="dense")]
        assert set(ranked) == set(exact)


# -- snippets ----------------------------------------------------------------------------------


def test_hit_snippets_mark_query_words(engine: SearchEngine) -> None:
    hits = engine.search("事故报告", k=5)
    assert hits
    for h in hits:
        assert "**事故**" in h.snippet or "**报告**" in h.snippet, h.snippet
        assert h.snippet.replace("**", "").strip("…") in " ".join(h.text.split())
    english = engine.search("accidents reported", k=3, filters=Filters(language=("en",)))
    assert any(
        "**accident" in h.snippet.lower() or "**report" in h.snippet.lower() for h in english
    )


def test_snippet_window_and_marks() -> None:
    text = "甲" * 300 + "发生事故后应当立即报告" + "乙" * 300
    out = snippet(text, ["事故", "报告"], width=80)
    assert "**事故**" in out and "**报告**" in out
    assert out.startswith("…") and out.endswith("…")
    assert len(out.replace("**", "")) <= 80 + 2
    # no words: the start of the text, clipped
    assert snippet("第一条 " + "字" * 200, [], width=20) == "第一条 " + "字" * 16 + "…"
    # English stems mark the whole word, case-insensitively
    assert "**Requirements**" in snippet("Requirements apply.", _highlight_words("requirement"))
    assert snippet("short text", ["absent"]) == "short text"


def test_snippet_marks_plural_ies_words() -> None:
    text = "Article 9 The duties of an operator include the following."
    assert "**duties**" in snippet(text, _highlight_words("duties"))


# -- fusion ------------------------------------------------------------------------------------

LISTS = {
    "keyword": (np.array([1, 2, 3]), np.array([10.0, 5.0, 0.0], np.float32)),
    "dense": (np.array([3, 1, 4]), np.array([0.9, 0.5, 0.1], np.float32)),
}


def test_fuse_rrf() -> None:
    fused = fuse(LISTS, Fusion(method="rrf", keyword_weight=0.3, dense_weight=0.7, rrf_k=60))
    expected = {
        1: 0.3 / 61 + 0.7 / 62,
        2: 0.3 / 62,
        3: 0.3 / 63 + 0.7 / 61,
        4: 0.7 / 63,
    }
    assert [i for i, _, _ in fused] == [3, 1, 4, 2]
    for ident, score, _ in fused:
        assert score == pytest.approx(expected[ident])
    assert {i: r for i, _, r in fused} == {
        1: {"keyword": 1, "dense": 2},
        2: {"keyword": 2},
        3: {"keyword": 3, "dense": 1},
        4: {"dense": 3},
    }


def test_fuse_linear() -> None:
    fused = fuse(LISTS, Fusion(method="linear", keyword_weight=0.3, dense_weight=0.7))
    # min-max scaled: keyword 1, .5, 0; dense 1, .5, 0
    expected = {1: 0.3 + 0.35, 2: 0.15, 3: 0.0 + 0.7, 4: 0.0}
    assert [i for i, _, _ in fused] == [3, 1, 2, 4]
    for ident, score, _ in fused:
        assert score == pytest.approx(expected[ident])


def test_fuse_edge_cases() -> None:
    # one hit scales to 1; equal scores tie-break on the id
    fused = fuse({"dense": (np.array([9]), np.array([0.2]))}, Fusion(dense_weight=0.5))
    assert fused == [(9, pytest.approx(0.5), {"dense": 1})]
    ties = fuse({"keyword": (np.array([5, 2]), np.array([1.0, 1.0]))}, Fusion(keyword_weight=1.0))
    assert [i for i, _, _ in ties] == [2, 5]
    # depth cuts each list before fusing
    cut = fuse(LISTS, Fusion(method="rrf", depth=1))
    assert {i for i, _, _ in cut} == {1, 3}
    assert fuse({}, Fusion()) == []
    assert fuse({"keyword": (np.empty(0, np.int64), np.empty(0))}, Fusion()) == []


# -- modes, staleness, deletions ----------------------------------------------------------------


def test_modes_label_their_hits(engine: SearchEngine) -> None:
    for mode in ("keyword", "dense"):
        hits = engine.search("事故报告", k=5, mode=mode)  # type: ignore[arg-type]
        assert len(hits) == 5 and {h.match for h in hits} == {mode}
        assert all(h.ranks == {mode: n} for n, h in enumerate(hits, 1))
    hybrid = engine.search("事故报告", k=5)
    assert {h.match for h in hybrid} <= {"hybrid", "keyword", "dense"}
    assert any(h.match == "hybrid" for h in hybrid)
    assert engine.search("   ", k=5) == []


def test_stale_after_ingest_without_sync(fresh: SearchEngine, tmp_path: Path) -> None:
    assert fresh.stale is None
    src = filegen.write_regulation_txt(tmp_path / "in" / "reg.txt")
    ingest_paths(fresh.store, [src], sandbox=False)
    warning = fresh.stale
    assert warning is not None and "policylens rebuild" in warning
    sync_indexes(fresh.store, fresh.folder, HashEmbedder())
    assert SearchEngine(fresh.store, fresh.folder, embedder=HashEmbedder()).stale is None


def test_stale_after_delete_and_edited_reingest(home: Path, tmp_path: Path) -> None:
    src = filegen.write_regulation_txt(tmp_path / "in" / "reg.txt")
    store, folder, _ = workspace(home, [src])
    engine = SearchEngine(store, folder, embedder=HashEmbedder())
    assert engine.stale is None
    store.delete_document(store.documents()[0]["document_id"])
    src.write_text(
        src.read_text(encoding="utf-8").replace("制定本规定", "制定本规定（修订）"),
        encoding="utf-8",
    )
    ingest_paths(store, [src], sandbox=False)
    assert engine.stale is not None  # the index holds the old wording


def test_hits_of_a_deleted_document_are_not_returned(fresh: SearchEngine) -> None:
    store: Store = fresh.store
    gone = unit_ids_of(store, LAW_2024)
    fresh.store.delete_document(LAW_2024)
    assert gone <= set(fresh.generation.unit_ids.tolist())  # still in the (stale) index
    assert fresh.stale is not None
    first = fresh.search("示例安全生产法第二十一条", k=5)[0]
    assert (first.document_id, first.match) == (LAW_2019, "reference")  # 2019 is in force again
    for mode in ("hybrid", "keyword", "dense"):
        hits = fresh.search("生产经营单位 事故 报告 安全", k=50, mode=mode)  # type: ignore[arg-type]
        assert hits and all(h.document_id != LAW_2024 for h in hits), mode
        assert not {h.id for h in hits} & gone


def test_query_language_picks_the_fusion_weights(engine: SearchEngine) -> None:
    assert query_language("事故报告 time limit") == "zh"
    assert query_language("time limit for accident reports") == "en"
    zh, en = engine.fusion_for("事故报告"), engine.fusion_for("accident reports")
    assert zh.keyword_weight < en.keyword_weight
    fixed = Fusion(keyword_weight=0.9, dense_weight=0.1)
    pinned = SearchEngine(engine.store, engine.folder, embedder=HashEmbedder(), fusion=fixed)
    assert pinned.fusion_for("事故报告") == fixed


def test_document_weight_lifts_articles_of_the_best_document(big: SearchEngine) -> None:
    rows = big.store.db.execute(
        "SELECT id, document_id FROM provisions WHERE parent_id IS NULL ORDER BY id"
    ).fetchall()
    by_doc: dict[str, list[int]] = {}
    for ident, doc in rows:
        by_doc.setdefault(doc, []).append(int(ident))
    strong, other, third = list(by_doc.values())[:3]
    # One strong article in the first document; the runner-up sits in another document, and
    # a weaker article of the strong document sits below it (the last one anchors the scale).
    ids = np.array([strong[0], other[0], strong[1], third[0]], dtype=np.int64)
    scores = np.array([1.0, 0.8, 0.75, 0.0], dtype=np.float32)
    lists = {"keyword": (ids, scores)}
    plain = Fusion(keyword_weight=1.0, dense_weight=0.0, document_weight=0.0)
    lifted = Fusion(keyword_weight=1.0, dense_weight=0.0, document_weight=0.5)
    assert [i for i, _, _ in big.combine("q", lists, plain)] == ids.tolist()
    lifted_order = [i for i, _, _ in big.combine("q", lists, lifted)]
    assert lifted_order == [strong[0], strong[1], other[0], third[0]]


@pytest.mark.slow
def test_english_question_finds_chinese_articles_with_e5(tmp_path: Path) -> None:
    """DESIGN's cross-lingual case: restricted to Chinese texts, an English question is answered
    by meaning (keywords cannot match across languages)."""
    from index.search.embedders import load_embedder

    store = open_store(tmp_path)
    ingest_paths(store, [CORPUS], sandbox=False)
    folder = IndexFolder(tmp_path / "index")
    e5 = load_embedder("e5")
    sync_indexes(store, folder, e5)
    engine = SearchEngine(store, folder, embedder=e5)
    only_zh = Filters(language=("zh",), status=("in_force",))
    hits = engine.search("Who may refuse orders that violate safety rules?", 3, only_zh)
    assert hits[0].provision_id == "示例安全生产法/art-22"  # 从业人员有权拒绝执行
    assert all(h.language == "zh" for h in hits)
    reported = engine.search("How soon must an accident be reported?", 5, only_zh)
    assert {"示例省安全生产条例/art-16", "示例安全生产法/art-31"} & {
        h.provision_id for h in reported
    }
    engine.close()
