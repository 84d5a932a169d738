"""verify(): the store is sound and the index agrees with it; each problem names its fix."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index import ingest_paths
from index.search.generations import IndexFolder
from index.search.verify import Problem, verify
from index.store.database import Store
from tests import filegen
from tests.backends import sqlite_only
from tests.index.support import workspace


@pytest.fixture()
def built(home: Path, tmp_path: Path) -> Iterator[tuple[Store, IndexFolder]]:
    sources = [
        filegen.write_regulation_txt(tmp_path / "in" / "zh.txt"),
        filegen.write_english_regulation_txt(tmp_path / "in" / "en.txt"),
    ]
    store, folder, _ = workspace(home, sources)
    yield store, folder
    store.close()


def only(problems: list[Problem], where: str) -> list[Problem]:
    return [p for p in problems if p.where == where]


def test_clean_store_and_index_have_no_problems(built: tuple[Store, IndexFolder]) -> None:
    store, folder = built
    counts, problems = verify(store, folder)
    assert problems == []
    units = len(store.search_units())
    assert units > 15
    assert counts == {"units": units, "vectors": units, "keyword_rows": units}


def test_a_deleted_provision_row_is_a_store_problem(built: tuple[Store, IndexFolder]) -> None:
    store, folder = built
    document_id = store.documents()[0]["document_id"]
    store.db.execute(
        "DELETE FROM provisions WHERE id = (SELECT MAX(id) FROM provisions WHERE document_id=?)",
        (document_id,),
    )
    _, problems = verify(store, folder)
    found = only(problems, "store")
    assert len(found) == 1
    assert document_id in found[0].message and "provisions, has" in found[0].message
    assert document_id in found[0].fix and "ingest" in found[0].fix


def test_orphan_rows_are_a_store_problem(built: tuple[Store, IndexFolder]) -> None:
    sqlite_only("PostgreSQL enforces foreign keys always: there are no orphan rows to find")
    store, folder = built
    document_id = store.documents()[0]["document_id"]
    store.db.execute("PRAGMA foreign_keys=OFF")
    store.db.execute("DELETE FROM documents WHERE document_id=?", (document_id,))
    store.db.execute("PRAGMA foreign_keys=ON")
    _, problems = verify(store, folder)
    messages = [p.message for p in only(problems, "store")]
    assert any(m == "orphan row in provisions" for m in messages), messages
    # the index still holds that document's articles: it was built from other text
    assert any("built from other text" in p.message for p in only(problems, "manifest"))


def test_index_built_from_other_text_is_a_manifest_problem(
    built: tuple[Store, IndexFolder], tmp_path: Path
) -> None:
    store, folder = built
    before = len(store.search_units())
    extra = filegen.write_regulation_txt(tmp_path / "more" / "other.txt")
    extra.write_text(extra.read_text(encoding="utf-8").replace("（测试用）", "（第二份）"), "utf-8")
    ingest_paths(store, [extra], sandbox=False)  # no sync
    added = len(store.search_units()) - before
    assert added > 0
    counts, problems = verify(store, folder)
    assert [p.where for p in problems] == ["manifest"]
    assert problems[0].fix == "policylens rebuild"
    assert f"{added} stored article(s) missing" in problems[0].message
    assert counts["units"] == before + added and counts["vectors"] == before


@pytest.mark.parametrize("damage", ["flip", "truncate", "delete"])
def test_tampered_index_file_is_a_problem(built: tuple[Store, IndexFolder], damage: str) -> None:
    store, folder = built
    file = folder.root / str(folder.current_name) / "vectors.faiss"
    data = bytearray(file.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x01
        file.write_bytes(bytes(data))
    elif damage == "truncate":
        file.write_bytes(bytes(data[:-8]))
    else:
        file.unlink()
    _, problems = verify(store, folder)
    assert len(problems) == 1 and problems[0].where == "manifest"
    assert problems[0].fix == "policylens rebuild" and "policylens rebuild" in problems[0].message
    expected = {"flip": "checksum", "truncate": "bytes", "delete": "missing"}[damage]
    assert expected in problems[0].message and "vectors.faiss" in problems[0].message


def test_no_index_is_a_problem(home: Path, tmp_path: Path) -> None:
    from index import open_store

    with open_store(home) as store:
        ingest_paths(store, [filegen.write_regulation_txt(tmp_path / "zh.txt")], sandbox=False)
        counts, problems = verify(store, IndexFolder(home / "index"))
    assert [p.where for p in problems] == ["manifest"] and "no search index" in problems[0].message
    assert counts["units"] > 0 and counts["vectors"] == 0
    assert problems[0].to_dict() == {
        "where": "manifest",
        "message": problems[0].message,
        "fix": "policylens rebuild",
    }
