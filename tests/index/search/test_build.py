"""Keeping the indexes in step with the store: no-op, incremental add/delete, resume, rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

import index.search.build as build
from index import ingest_paths
from index.search.build import sync_indexes
from index.search.embedders import HashEmbedder
from index.search.generations import IndexFolder
from index.search.verify import verify
from index.store.passages import passage_key
from tests import filegen
from tests.index.support import (
    LAW_2019,
    CountingEmbedder,
    FailingEmbedder,
    unit_ids_of,
    workspace,
)


def held_ids(folder: IndexFolder) -> tuple[set[int], set[int]]:
    gen = folder.open()
    return set(gen.vectors.ids().tolist()), set(gen.keyword.ids.tolist())


def test_first_build_embeds_each_distinct_passage_once(home: Path) -> None:
    emb = CountingEmbedder()
    store, folder, report = workspace(home, embedder=emb)
    units = store.search_units()
    distinct = {passage_key(u.passage) for u in units}
    assert report.units == len(units) > 200
    assert report.embedded == len(distinct) == len(emb.texts) == len(set(emb.texts))
    assert report.full and report.generation == folder.root / str(folder.current_name)
    vectors, keyword = held_ids(folder)
    assert vectors == keyword == {u.id for u in units}
    assert verify(store, folder)[1] == []


def test_sync_is_a_no_op_when_nothing_changed(home: Path) -> None:
    store, folder, _ = workspace(home)
    current = folder.current_name
    emb = CountingEmbedder()
    report = sync_indexes(store, folder, emb)
    assert report.generation is None
    assert (report.embedded, report.added, report.removed) == (0, 0, 0)
    assert emb.calls == 0 and folder.current_name == current
    assert report.units == len(store.search_units())


def test_adding_a_document_embeds_only_its_articles(home: Path, tmp_path: Path) -> None:
    store, folder, _ = workspace(home)
    before = {u.id for u in store.search_units()}
    src = filegen.write_regulation_txt(tmp_path / "in" / "reg.txt")
    ingest_paths(store, [src], sandbox=False)
    new_ids = {u.id for u in store.search_units()} - before
    new_doc = next(d["document_id"] for d in store.documents() if d["source_path"] == str(src))
    assert new_ids == unit_ids_of(store, new_doc) and len(new_ids) >= 10  # ten articles

    emb = CountingEmbedder()
    report = sync_indexes(store, folder, emb)
    assert report.embedded == len(emb.texts) == len(new_ids)
    assert (report.added, report.removed, report.full) == (len(new_ids), 0, False)
    new_passages = {u.passage for u in store.search_units() if u.id in new_ids}
    assert set(emb.texts) == new_passages
    vectors, keyword = held_ids(folder)
    assert vectors == keyword == before | new_ids
    # the incremental index answers like a full rebuild from the cache
    gen = folder.open()
    q = HashEmbedder().query("动火作业 分级审批")
    hits = gen.vectors.search(q, 3)[0].tolist()
    assert hits[0] in new_ids
    assert verify(store, folder)[1] == []


def test_adding_a_document_tokenises_only_its_articles(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, folder, _ = workspace(home)
    src = filegen.write_regulation_txt(tmp_path / "in" / "reg.txt")
    ingest_paths(store, [src], sandbox=False)
    seen: list[str] = []
    real = build.tokens

    def counting(text: str) -> list[str]:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(build, "tokens", counting)
    sync_indexes(store, folder, HashEmbedder())
    new_doc = next(d["document_id"] for d in store.documents() if d["source_path"] == str(src))
    new_passages = {u.passage for u in store.search_units() if u.id in unit_ids_of(store, new_doc)}
    assert set(seen) == new_passages
    # and the index built from cached and new tokens ranks the new document's article first
    found = folder.open().keyword.search("动火作业 分级审批", 5)[0].tolist()
    assert found and found[0] in unit_ids_of(store, new_doc)


def test_a_new_version_embeds_only_the_changed_article(home: Path, tmp_path: Path) -> None:
    src = filegen.write_regulation_txt(tmp_path / "in" / "reg.txt")
    store, folder, _ = workspace(home, [src])
    src.write_text(
        src.read_text(encoding="utf-8").replace("制定本规定", "制定本规定（修订）"),
        encoding="utf-8",
    )
    ingest_paths(store, [src], sandbox=False)
    assert len(store.documents()) == 2
    emb = CountingEmbedder()
    report = sync_indexes(store, folder, emb)
    assert report.embedded == 1 and len(emb.texts) == 1 and "（修订）" in emb.texts[0]
    per_version = report.units // 2
    assert report.added == per_version >= 10 and report.units == 2 * per_version


def test_deleting_a_document_removes_its_ids_and_embeds_nothing(home: Path) -> None:
    store, folder, _ = workspace(home)
    gone = unit_ids_of(store, LAW_2019)
    assert len(gone) > 30
    vectors, keyword = held_ids(folder)
    assert gone <= vectors and gone <= keyword

    store.delete_document(LAW_2019)
    emb = CountingEmbedder()
    report = sync_indexes(store, folder, emb)
    assert emb.calls == 0 and report.embedded == 0
    assert report.removed == len(gone) and report.added == 0
    vectors, keyword = held_ids(folder)
    assert not (gone & vectors) and not (gone & keyword)
    assert vectors == keyword == {u.id for u in store.search_units()}
    gen = folder.open()
    assert gen.manifest.units == len(gen.vectors) == report.units
    assert verify(store, folder)[1] == []


def test_a_crashed_build_resumes_without_re_embedding(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "EMBED_BATCH", 16)
    store, _, _ = workspace(home, [])  # empty store, empty index
    ingest_paths(store, [Path(filegen.__file__).parents[1] / "corpus"], sandbox=False)
    folder = IndexFolder(home / "index")
    before = folder.current_name
    distinct = {passage_key(u.passage) for u in store.search_units()}

    with pytest.raises(RuntimeError, match="embedder crashed"):
        sync_indexes(store, folder, FailingEmbedder(good_calls=2))
    cached = store.db.execute("SELECT COUNT(*) FROM embeddings WHERE model='hash'").fetchone()[0]
    assert cached == 32  # two batches of 16 survived the crash
    assert folder.current_name == before  # no half-built generation was published

    emb = CountingEmbedder()
    report = sync_indexes(store, folder, emb)
    assert report.embedded == len(emb.texts) == len(distinct) - 32
    assert emb.calls == -(-(len(distinct) - 32) // 16)  # in batches of EMBED_BATCH
    rows = store.db.execute(
        "SELECT COUNT(*), COUNT(DISTINCT key) FROM embeddings WHERE model='hash'"
    ).fetchone()
    assert tuple(rows) == (len(distinct), len(distinct))
    assert not store.db.execute(
        "SELECT model, key FROM embeddings GROUP BY model, key HAVING COUNT(*) > 1"
    ).fetchall()
    # and the vectors cached before the crash are the ones a clean run computes
    gen = folder.open()
    ids = gen.unit_ids[:5]
    fresh = HashEmbedder().passages(
        [u.passage for u in store.search_units() if u.id in set(ids.tolist())]
    )
    np.testing.assert_allclose(gen.vectors.vectors(ids), fresh, rtol=1e-6)
    assert verify(store, folder)[1] == []


@pytest.mark.parametrize("full", [True, False])
def test_rebuild_after_losing_the_index_reuses_every_cached_vector(home: Path, full: bool) -> None:
    store, folder, _ = workspace(home)
    old = folder.open()
    ids = old.unit_ids
    old_vectors = old.vectors.vectors(ids)
    shutil.rmtree(home / "index")

    emb = CountingEmbedder()
    report = sync_indexes(store, folder, emb, full=full)
    assert report.embedded == 0 and emb.calls == 0
    assert report.reused_vectors == report.units == len(ids)
    assert report.full  # nothing to update: built from the cache
    gen = folder.open(checksums=True)
    np.testing.assert_array_equal(gen.vectors.vectors(ids), old_vectors)
    assert verify(store, folder)[1] == []


def test_another_embedder_builds_its_own_vectors(home: Path) -> None:
    store, folder, _ = workspace(home)

    class Small(CountingEmbedder):
        name = "hash-64"

    emb = Small(dim=64)
    report = sync_indexes(store, folder, emb)
    distinct = {passage_key(u.passage) for u in store.search_units()}
    assert report.embedded == len(distinct) and report.full
    gen = folder.open()
    assert (gen.manifest.embedder, gen.manifest.dim, gen.vectors.dim) == ("hash-64", 64, 64)
    models = dict(
        store.db.execute("SELECT model, COUNT(*) FROM embeddings GROUP BY model").fetchall()
    )
    assert models == {"hash": len(distinct), "hash-64": len(distinct)}
