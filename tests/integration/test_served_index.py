"""The index a server serves follows the store: a generation another server published is
rebuilt here on a thread of its own while searches go on with the one they had."""

from __future__ import annotations

from pathlib import Path

from index import ingest_paths, open_store
from index.search.build import sync_indexes
from index.search.generations import IndexFolder, latest_generation
from index.search.reload import ServedIndex
from index.store.database import Store
from tests import filegen
from tests.index.support import CORPUS


def test_a_newer_generation_is_rebuilt_aside_and_then_served(tmp_path: Path, home: Path) -> None:
    store_a = open_store(home)  # server A ingests and publishes into its own folder
    ingest_paths(store_a, [CORPUS], sandbox=False)
    sync_indexes(store_a, IndexFolder(tmp_path / "a-index"), "hash")
    opened: list[Store] = []

    def opener() -> Store:
        opened.append(open_store(home))
        return opened[-1]

    served = ServedIndex(IndexFolder(tmp_path / "b-index"), opener=opener, interval=0)
    store_b = open_store(home)
    first = served.current(store_b)  # nothing served yet: built in the request
    assert opened == [] and first.manifest.units == len(store_b.search_units())
    assert served.current(store_b) is first  # nothing newer: the same object, no reload

    src = filegen.write_regulation_txt(tmp_path / "in" / "reg.txt")
    ingest_paths(store_a, [src], sandbox=False)
    sync_indexes(store_a, IndexFolder(tmp_path / "a-index"), "hash")
    new = set(store_a.select_units("d.source_path LIKE ?", ("%reg.txt",)))
    during = served.current(store_b)  # the rebuild starts aside; this search keeps the old one
    assert during is first and not new & set(during.unit_ids.tolist())
    served.wait(60)
    after = served.current(store_b)
    assert new <= set(after.unit_ids.tolist()) and len(opened) == 1
    assert latest_generation(store_b).fingerprint == after.manifest.fingerprint  # type: ignore[union-attr]
    assert after.path.parent == tmp_path / "b-index"  # B's own files, rebuilt from the caches


def test_a_failed_rebuild_keeps_the_old_generation_and_is_tried_again(
    tmp_path: Path, home: Path
) -> None:
    store = open_store(home)
    ingest_paths(store, [CORPUS], sandbox=False)
    sync_indexes(store, IndexFolder(tmp_path / "a-index"), "hash")
    attempts: list[int] = []

    def flaky() -> Store:
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("the database is not reachable just now")
        return open_store(home)

    served = ServedIndex(IndexFolder(tmp_path / "b-index"), opener=flaky, interval=0)
    first = served.current(store)
    ingest_paths(store, [filegen.write_regulation_txt(tmp_path / "in" / "r.txt")], sandbox=False)
    sync_indexes(store, IndexFolder(tmp_path / "a-index"), "hash")
    served.current(store)  # starts a rebuild, which fails
    served.wait(60)
    assert attempts == [1]
    assert served.current(store) is first  # the old one kept; this look starts a second try
    served.wait(60)
    final = served.current(store)
    assert attempts == [1, 1] and final.manifest.units == len(store.search_units())
    assert final.manifest.units > first.manifest.units


def test_the_servers_own_ingest_is_served_at_once(tmp_path: Path, home: Path) -> None:
    store = open_store(home)
    ingest_paths(store, [CORPUS], sandbox=False)
    folder = IndexFolder(home / "index")
    sync_indexes(store, folder, "hash")
    served = ServedIndex(folder, opener=lambda: open_store(home), interval=3600)
    first = served.current(store)
    ingest_paths(store, [filegen.write_regulation_txt(tmp_path / "in" / "r.txt")], sandbox=False)
    sync_indexes(store, folder, "hash")  # this server's own ingest: same folder, new CURRENT
    again = served.current(store)  # within the interval: no look at the store, but reopened
    assert again is not first and again.manifest.units > first.manifest.units
