"""Searchable at once, dense later; generations recorded in the store; a second server on the
same store reloads its own index files when another publishes a newer generation."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from index import ingest_paths, open_store
from index.search.build import sync_indexes
from index.search.embedders import HashEmbedder
from index.search.engine import SearchEngine
from index.search.generations import IndexFolder, latest_generation
from index.search.reload import IndexWatcher
from index.search.verify import verify
from index.store.database import Store
from index.store.passages import passage_key
from tests import filegen
from tests.index.support import CORPUS, LAW_2019, unit_ids_of


def index_problems(store: Store, folder: IndexFolder) -> list[str]:
    """What verify finds wrong with the index files (the store's own checks aside)."""
    return [p.message for p in verify(store, folder)[1] if p.where != "store"]


def test_a_keyword_only_generation_is_searchable_and_says_dense_is_partial(home: Path) -> None:
    store = open_store(home)
    ingest_paths(store, [CORPUS], sandbox=False)
    folder = IndexFolder(home / "index")
    report = sync_indexes(store, folder, "hash", dense=False)
    units = store.search_units()
    assert report.dense_units == 0 and report.dense_partial and report.embedded == 0
    engine = SearchEngine(store, folder, embedder=HashEmbedder())
    assert engine.dense_partial and engine.dense_coverage == (0, len(units))
    hits = engine.search("安全生产责任制", 5, mode="keyword")
    assert hits and all(h.match == "keyword" for h in hits)
    assert engine.search("安全生产责任制", 5, mode="dense") == []
    assert index_problems(store, folder) == []  # a partial generation is consistent


def test_vectors_follow_and_the_generation_fills_in(home: Path) -> None:
    store = open_store(home)
    ingest_paths(store, [CORPUS], sandbox=False)
    folder = IndexFolder(home / "index")
    sync_indexes(store, folder, "hash", dense=False)
    # the vectors of one document arrive (as a bulk run's batches do), then a publish
    law = unit_ids_of(store, LAW_2019)
    some = [u for u in store.search_units() if u.id in law]
    vectors = HashEmbedder().passages([u.passage for u in some])
    store.cache_vectors(
        "hash", [(passage_key(u.passage), v.tobytes()) for u, v in zip(some, vectors, strict=True)]
    )
    partial = sync_indexes(store, folder, "hash", dense=False)
    gen = folder.open()
    # the same text in another version of the law shares the cached vector
    cached = {passage_key(u.passage) for u in some}
    with_vector = {u.id for u in store.search_units() if passage_key(u.passage) in cached}
    assert law < with_vector
    assert partial.generation and partial.dense_units == len(with_vector) < partial.units
    assert set(gen.dense_ids.tolist()) == with_vector == set(gen.vectors.ids().tolist())
    engine = SearchEngine(store, folder, embedder=HashEmbedder())
    dense_hits = engine.search("安全生产", 10, mode="dense")
    assert dense_hits and {h.id for h in dense_hits} <= with_vector
    assert sync_indexes(store, folder, "hash", dense=False).generation is None  # nothing new
    full = sync_indexes(store, folder, "hash")
    assert full.generation and not full.dense_partial
    assert full.embedded == len({passage_key(u.passage) for u in store.search_units()}) - len(
        {passage_key(u.passage) for u in some}
    )
    engine.use_generation(folder.open())
    assert not engine.dense_partial
    assert index_problems(store, folder) == []


def test_each_generation_is_recorded_in_the_store(home: Path) -> None:
    store = open_store(home)
    assert latest_generation(store) is None
    ingest_paths(store, [CORPUS], sandbox=False)
    folder = IndexFolder(home / "index")
    sync_indexes(store, folder, "hash", dense=False)
    first = latest_generation(store)
    sync_indexes(store, folder, "hash")
    second = latest_generation(store)
    assert first and second and second.id > first.id
    assert first.dense_partial and not second.dense_partial
    assert second.fingerprint == folder.manifest().fingerprint
    assert second.store_state == store.unit_state() and second.units == len(store.search_units())


def test_a_second_server_reloads_without_a_restart(tmp_path: Path, home: Path) -> None:
    """Two servers share the store (one database file here) and keep their own index folders."""
    store_a = open_store(home)
    ingest_paths(store_a, [CORPUS], sandbox=False)
    folder_a = IndexFolder(tmp_path / "server-a-index")
    sync_indexes(store_a, folder_a, "hash")

    store_b = open_store(home)  # its own connection, as another process would have
    folder_b = IndexFolder(tmp_path / "server-b-index")
    watcher = IndexWatcher(store_b, folder_b, interval=0)
    first = watcher.check()
    assert first is not None and first.manifest.fingerprint == folder_a.manifest().fingerprint
    engine_b = SearchEngine(store_b, folder_b, embedder=HashEmbedder(), generation=first)
    published = latest_generation(store_b)
    assert watcher.check() is None  # nothing newer; and B's rebuild published nothing
    assert latest_generation(store_b) == published

    # server A ingests a new document and publishes; B notices on its next look
    src = filegen.write_regulation_txt(tmp_path / "in" / "reg.txt")
    ingest_paths(store_a, [src], sandbox=False)
    sync_indexes(store_a, folder_a, "hash")
    new = set(store_a.select_units("d.source_path LIKE ?", ("%reg.txt",)))
    assert new and not new & set(engine_b.generation.unit_ids.tolist())
    fresh = watcher.check()
    assert fresh is not None
    engine_b.use_generation(fresh)
    assert new <= set(engine_b.generation.unit_ids.tolist())
    np.testing.assert_array_equal(fresh.unit_ids, folder_a.open().unit_ids)
    text = next(u.passage for u in store_b.search_units() if u.id in new)
    hits = engine_b.search(text[-40:], 5, mode="keyword")
    assert hits and hits[0].id in new


def test_the_watcher_waits_its_interval(home: Path) -> None:
    store = open_store(home)
    ingest_paths(store, [CORPUS], sandbox=False)
    sync_indexes(store, IndexFolder(home / "index"), "hash")
    watcher = IndexWatcher(store, IndexFolder(home / "other"), interval=3600)
    assert watcher.check() is not None  # the first look is at once
    sync_indexes(store, IndexFolder(home / "index"), "hash", full=True)
    assert watcher.check() is None  # within the interval: no look at the store
    assert watcher.check(force=True) is not None
