"""Bulk ingest on a real local Ray instance gives what a plain ingest gives: the same documents
and article ids, the same vectors bit for bit, the same index and search results."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from index import ingest_paths, open_store
from index.bulk.cluster import RayPlan, ray_session
from index.bulk.parsing import parse_in_ray
from index.bulk.pipeline import Publisher, bulk_ingest, bulk_rebuild
from index.search.build import sync_indexes
from index.search.embedders import HashEmbedder
from index.search.engine import SearchEngine
from index.search.generations import IndexFolder, latest_generation
from index.store.passages import passage_key
from ingest import Limits
from ingest.corpus import iter_files
from tests.index.support import CORPUS

ray = pytest.importorskip("ray", reason="ray[data] is not installed")
FILES = len(list(iter_files([CORPUS])))
QUERIES = ("安全生产责任制", "事故隐患排查治理", "work safety plan", "第二十一条")


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    """One local Ray instance (2 CPUs, no dashboard) for the module's tests."""
    with ray_session(RayPlan(workers=2)):
        yield


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return [tuple(r) for r in conn.execute(sql)]


def plain(home: Path, paths: list[Path]) -> None:
    with open_store(home) as store:
        ingest_paths(store, paths)  # the sandboxed workers, as `policylens ingest`
        sync_indexes(store, IndexFolder(home / "index"), "hash")


def on_ray(home: Path, paths: list[Path], workers: int = 2):  # type: ignore[no-untyped-def]
    with open_store(home) as store:
        return bulk_ingest(
            store,
            IndexFolder(home / "index"),
            paths,
            embedder="hash",
            plan=RayPlan(workers=workers, embed_batch=16),
            publish_every=0.0,
        )


def assert_same_workspace(a: Path, b: Path) -> None:
    for sql in (
        "SELECT document_id, sha256, provisions, work_id, status FROM documents "
        "ORDER BY document_id",
        "SELECT id, document_id, provision_id, text_hash, ord FROM provisions ORDER BY id",
        "SELECT model, key, vector FROM embeddings ORDER BY model, key",
        "SELECT tokenizer, key, tokens FROM passage_tokens ORDER BY key",
        "SELECT path, status, document_id FROM ingest_log ORDER BY id",
    ):
        assert rows(a / "policylens.db", sql) == rows(b / "policylens.db", sql), sql
    ga, gb = IndexFolder(a / "index").open(), IndexFolder(b / "index").open()
    np.testing.assert_array_equal(ga.unit_ids, gb.unit_ids)
    assert ga.unit_keys.tolist() == gb.unit_keys.tolist()
    assert ga.manifest.fingerprint == gb.manifest.fingerprint
    assert not gb.manifest.dense_partial and gb.unit_dense.all()
    np.testing.assert_array_equal(ga.vectors.vectors(ga.unit_ids), gb.vectors.vectors(ga.unit_ids))
    ea, eb = SearchEngine.open(a), SearchEngine.open(b)
    try:
        for query in QUERIES:
            for mode in ("hybrid", "keyword", "dense"):
                found_a = [
                    (h.provision_id, round(h.score, 6)) for h in ea.search(query, 10, mode=mode)
                ]
                found_b = [
                    (h.provision_id, round(h.score, 6)) for h in eb.search(query, 10, mode=mode)
                ]
                assert found_a == found_b and found_a, (query, mode)
    finally:
        ea.close()
        eb.close()


def test_ray_ingest_matches_a_plain_ingest_bad_files_included(
    local_ray: None, tmp_path: Path, bad_folder: dict[str, str]
) -> None:
    # the bad inputs but the 1.8 MB line, whose tokens and hash vector alone take seconds
    bad = sorted(Path(p) for name, p in bad_folder.items() if name != "long_line.txt")
    plain(tmp_path / "plain", [CORPUS, *bad])
    report = on_ray(tmp_path / "ray", [CORPUS, *bad])
    statuses = report.summary.by_status
    assert report.summary.files == FILES + len(bad)
    assert statuses["FAILED"] >= 1 and statuses["OK"] >= FILES  # a bad file fails alone
    assert report.embedded > 100 and report.build.embedded == 0  # the actors embedded them all
    assert report.published >= 2  # keywords first, then each batch of vectors
    assert_same_workspace(tmp_path / "plain", tmp_path / "ray")
    sql = "SELECT path, status, document_id, findings FROM ingest_log ORDER BY id"
    assert rows(tmp_path / "plain" / "policylens.db", sql) == rows(
        tmp_path / "ray" / "policylens.db", sql
    )


def test_one_worker_gives_the_same_result_and_a_rerun_is_a_no_op(
    local_ray: None, tmp_path: Path
) -> None:
    on_ray(tmp_path / "two", [CORPUS], workers=2)
    on_ray(tmp_path / "one", [CORPUS], workers=1)
    assert_same_workspace(tmp_path / "two", tmp_path / "one")
    again = on_ray(tmp_path / "one", [CORPUS])
    assert again.summary.unchanged == FILES and again.embedded == 0
    assert again.build.generation is None


def test_rebuild_on_ray_embeds_what_is_missing(local_ray: None, tmp_path: Path) -> None:
    home = tmp_path / "ws"
    plain(home, [CORPUS])
    with open_store(home) as store:
        before = rows(home / "policylens.db", "SELECT key, vector FROM embeddings ORDER BY key")
        store.prune_embeddings("hash", keep=set())
        report = bulk_rebuild(
            store, IndexFolder(home / "index"), embedder="hash", plan=RayPlan(workers=2)
        )
        assert report.embedded == len(before) and report.build.full
        assert latest_generation(store) is not None
    after = rows(home / "policylens.db", "SELECT key, vector FROM embeddings ORDER BY key")
    assert after == before


def test_publishing_waits_in_proportion_to_its_own_cost(home: Path) -> None:
    with open_store(home) as store:
        ingest_paths(store, [CORPUS], sandbox=False)
        publisher = Publisher(store, IndexFolder(home / "index"), "hash", every=0.01)
        publisher.now()
        assert publisher.count == 1 and publisher.spent > 0
        units = store.search_units()[:5]
        vectors = HashEmbedder().passages([u.passage for u in units])
        rows = [(passage_key(u.passage), v.tobytes()) for u, v in zip(units, vectors, strict=True)]
        store.cache_vectors("hash", rows)
        time.sleep(0.05)
        publisher.spent = 3600.0  # a publish that took an hour waits nine more
        publisher.maybe()
        assert publisher.count == 1
        publisher.spent = 0.0
        publisher.maybe()
        assert publisher.count == 2 and latest_generation(store).dense_units == 5  # type: ignore[union-attr]


def test_parse_tasks_come_back_in_file_order_with_few_in_flight(local_ray: None) -> None:
    files = list(iter_files([CORPUS]))[:5]
    got = list(parse_in_ray(ray, files, catalog=None, limits=Limits(), chunk=1, workers=1))
    assert [[r.path for r in chunk] for chunk in got] == [[str(f)] for f in files]
    assert all(r.status.name != "FAILED" for chunk in got for r in chunk)
