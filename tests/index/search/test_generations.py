"""Index generations on disk: write/open, the manifest, and damage detected on open."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from index.search.generations import REBUILD, IndexFilesError, IndexFolder, fingerprint
from index.search.keyword import KeywordIndex
from index.search.vectors import VectorIndex
from index.store.passages import passage_key

DIM = 64


def write_generation(folder: IndexFolder, n: int = 50, seed: int = 0) -> dict:  # type: ignore[type-arg]
    rng = np.random.default_rng(seed)
    ids = np.arange(100, 100 + n, dtype=np.int64)
    x = rng.standard_normal((n, DIM)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    vectors = VectorIndex.empty(DIM)
    vectors.add(ids, x)
    passages = [f"第{i}条 生产经营单位应当报告事故 item {i}" for i in ids.tolist()]
    keys = np.array([passage_key(p).encode() for p in passages], dtype="S64")
    path = folder.write(
        embedder="hash",
        vectors=vectors,
        keyword=KeywordIndex.build(ids.tolist(), passages),
        unit_ids=ids,
        unit_keys=keys,
        store_state=f"{n}:state",
        languages={"zh": n},
    )
    return {"path": path, "ids": ids, "keys": keys, "x": x}


def test_write_then_open(tmp_path: Path) -> None:
    folder = IndexFolder(tmp_path / "index")
    written = write_generation(folder)
    path = written["path"]
    assert folder.current_name == path.name and path.name.startswith("gen-")
    assert not list(folder.root.glob(".tmp-*")) and not list(folder.root.glob(".CURRENT-*"))
    gen = folder.open(checksums=True)
    m = gen.manifest
    assert gen.path == path
    assert (m.embedder, m.dim, m.vector_kind, m.units) == ("hash", DIM, "flat", 50)
    assert m.store_state == "50:state" and m.languages == {"zh": 50}
    assert m.fingerprint == fingerprint(written["ids"], written["keys"])
    assert {"vectors.faiss", "units.npy", "keyword/ids.npy"} <= set(m.files)
    for rel, facts in m.files.items():
        assert (path / rel).stat().st_size == facts["bytes"] and len(facts["sha256"]) == 64
    np.testing.assert_array_equal(gen.unit_ids, written["ids"])
    assert gen.unit_keys.tolist() == written["keys"].tolist()
    assert gen.vectors.search(written["x"][7], 1)[0].tolist() == [107]
    assert gen.keyword.search("item 123", 3)[0][0] == 123
    assert folder.manifest() == m


def test_older_generations_are_pruned_but_the_previous_one_is_kept(tmp_path: Path) -> None:
    folder = IndexFolder(tmp_path / "index")
    paths = [write_generation(folder, n=10 + i, seed=i)["path"] for i in range(3)]
    left = sorted(p.name for p in folder.root.glob("gen-*"))
    assert left == sorted([paths[1].name, paths[2].name])
    assert folder.current_name == paths[2].name
    assert folder.open().manifest.units == 12


def test_truncated_vectors_file_names_the_fix(tmp_path: Path) -> None:
    folder = IndexFolder(tmp_path / "index")
    path = write_generation(folder)["path"]
    file = path / "vectors.faiss"
    data = file.read_bytes()
    file.write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexFilesError, match="policylens rebuild") as info:
        folder.open()
    assert "vectors.faiss" in str(info.value) and "bytes" in str(info.value)


def test_missing_file_names_the_fix(tmp_path: Path) -> None:
    folder = IndexFolder(tmp_path / "index")
    path = write_generation(folder)["path"]
    (path / "keyword" / "ids.npy").unlink()
    with pytest.raises(IndexFilesError, match="missing; run `policylens rebuild`"):
        folder.open()


def test_flipped_byte_is_only_found_by_checksums(tmp_path: Path) -> None:
    folder = IndexFolder(tmp_path / "index")
    written = write_generation(folder)
    file = written["path"] / "vectors.faiss"
    data = bytearray(file.read_bytes())
    data[len(data) // 2] ^= 0xFF  # inside the float data: same size, still parses
    file.write_bytes(bytes(data))
    gen = folder.open()  # sizes agree, so the quick check passes
    assert not np.array_equal(gen.vectors.vectors(written["ids"]), written["x"])
    with pytest.raises(IndexFilesError, match="checksum") as info:
        folder.open(checksums=True)
    assert REBUILD in str(info.value) and "vectors.faiss" in str(info.value)


@pytest.mark.parametrize(
    "content",
    ["{not json", "", json.dumps({"version": 99}), json.dumps({"version": 1, "dim": 3})],
)
def test_unreadable_manifest_names_the_fix(tmp_path: Path, content: str) -> None:
    folder = IndexFolder(tmp_path / "index")
    path = write_generation(folder)["path"]
    (path / "manifest.json").write_text(content, encoding="utf-8")
    for call in (folder.manifest, folder.open):
        with pytest.raises(IndexFilesError, match="policylens rebuild"):
            call()


@pytest.mark.parametrize("content", ["[]", "null"])
def test_manifest_that_is_not_an_object_names_the_fix(tmp_path: Path, content: str) -> None:
    folder = IndexFolder(tmp_path / "index")
    path = write_generation(folder)["path"]
    (path / "manifest.json").write_text(content, encoding="utf-8")
    with pytest.raises(IndexFilesError, match="policylens rebuild"):
        folder.open()


def test_current_naming_a_missing_generation(tmp_path: Path) -> None:
    folder = IndexFolder(tmp_path / "index")
    write_generation(folder)
    (folder.root / "CURRENT").write_text("gen-gone\n", encoding="utf-8")
    with pytest.raises(IndexFilesError, match="policylens rebuild"):
        folder.open()


def test_no_index_yet(tmp_path: Path) -> None:
    folder = IndexFolder(tmp_path / "index")
    assert folder.current_name is None
    for call in (folder.manifest, folder.open):
        with pytest.raises(IndexFilesError) as info:
            call()
        assert str(info.value) == f"no search index in {folder.root}; run `policylens rebuild`"
    folder.root.mkdir()
    (folder.root / "CURRENT").write_text("\n", encoding="utf-8")  # empty pointer: same
    with pytest.raises(IndexFilesError, match="no search index"):
        folder.open()


def test_open_is_consistent_when_current_switches_during_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = IndexFolder(tmp_path / "index")
    old = write_generation(folder, n=50)["path"]
    new = write_generation(folder, n=60, seed=1)["path"]
    (folder.root / "CURRENT").write_text(old.name + "\n", encoding="utf-8")
    read_manifest = IndexFolder.manifest

    def manifest_then_writer_switches(self: IndexFolder):  # type: ignore[no-untyped-def]
        m = read_manifest(self)
        (self.root / "CURRENT").write_text(new.name + "\n", encoding="utf-8")  # a sync lands
        return m

    monkeypatch.setattr(IndexFolder, "manifest", manifest_then_writer_switches)
    gen = folder.open()
    assert len(gen.vectors) == gen.manifest.units == len(gen.unit_ids)
