"""Same topic across regions: one row per region, local texts by default, an article's own
document left out. Holds for however many provincial rules the sample corpus has."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from index.search.embedders import HashEmbedder
from index.search.engine import Filters, SearchEngine
from index.search.regions import LOCAL_LEVELS, across_regions, article_query
from tests.index.support import LAW_2024, PROVINCIAL, workspace

QUERY = "生产安全事故报告 安全生产教育和培训"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, backend: str) -> Iterator[SearchEngine]:
    store, folder, _ = workspace(tmp_path_factory.mktemp("regions"))
    eng = SearchEngine(store, folder, embedder=HashEmbedder())
    yield eng
    eng.close()


def local_documents(engine: SearchEngine) -> dict[str, str]:
    """document id -> region of every in-force local text in the store."""
    rows = engine.store.db.execute(
        "SELECT document_id, region, level FROM documents WHERE status='in_force'"
    )
    return {r[0]: r[1] for r in rows if r[2] and (r[2].startswith("local") or r[2] in LOCAL_LEVELS)}


def test_one_row_per_region_strongest_first(engine: SearchEngine) -> None:
    rows = across_regions(engine, QUERY)
    regions = [r.region for r in rows]
    assert len(regions) == len(set(regions))
    local = local_documents(engine)
    assert PROVINCIAL in local  # 示例省安全生产条例 is always there
    # every local region speaks of accident reports, so each one has its row
    assert set(regions) == set(local.values())
    for row in rows:
        assert row.hit.region == row.region
        assert local[row.hit.document_id] == row.region
    scores = [r.hit.score for r in rows]
    assert scores == sorted(scores, reverse=True)


def test_only_local_levels_by_default(engine: SearchEngine) -> None:
    rows = across_regions(engine, QUERY)
    assert rows
    assert all(r.hit.level in LOCAL_LEVELS or r.hit.level.startswith("local") for r in rows)
    assert "national" not in {r.region for r in rows}  # 示例安全生产法 matches, but is national
    # the 示例省 work plan shares the region but is no local rule: the row is the regulation
    assert next(r for r in rows if r.region == "示例省").hit.document_id == PROVINCIAL


def test_an_explicit_level_is_kept(engine: SearchEngine) -> None:
    rows = across_regions(engine, QUERY, filters=Filters(level=("national_law",)))
    assert rows and all(r.hit.level == "national_law" for r in rows)
    assert {r.region for r in rows} <= {"national", "Exampleland"}
    national = next(r for r in rows if r.region == "national")
    assert national.hit.document_id == LAW_2024  # the default status filter is kept: in force


def test_the_given_document_is_left_out(engine: SearchEngine) -> None:
    local = local_documents(engine)
    with_it = across_regions(engine, QUERY)
    without = across_regions(engine, QUERY, exclude_document=PROVINCIAL)
    assert all(r.hit.document_id != PROVINCIAL for r in without)
    # 示例省 has no other local rule, so its row goes; the other regions stay as they were
    others = {d for d, region in local.items() if region == "示例省" and d != PROVINCIAL}
    if not others:
        assert "示例省" not in {r.region for r in without}
    assert {(r.region, r.hit.document_id) for r in without} == {
        (r.region, r.hit.document_id) for r in with_it if r.region != "示例省"
    }


def test_an_article_as_the_query(engine: SearchEngine) -> None:
    article = engine.store.provision(PROVINCIAL, "示例省安全生产条例/art-1")
    query = article_query(article["text"], article["number"])
    assert not query.startswith(article["number"]) and query in article["text"]
    rows = across_regions(engine, query, exclude_document=PROVINCIAL)
    assert all(r.hit.document_id != PROVINCIAL for r in rows)
    assert len(article_query("第一条 " + "安全" * 500, "第一条")) == 600
