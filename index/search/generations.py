"""Derived index files on disk: generations, a manifest, atomic switch-over, checks on open.

Layout under the index folder (``$POLICYLENS_HOME/index``)::

    CURRENT                   name of the generation readers open
    gen-<time>-<pid>/
        manifest.json         embedder, dimension, unit fingerprint, store state, checksums
        vectors.faiss         FAISS IndexIDMap2, ids = provision ids
        units.npy             provision ids, their passage keys (for incremental updates) and
                              whether each has its vector yet ("searchable at once, dense later")
        keyword/              BM25 (bm25s) and its row -> provision id map

A new generation is written in a temporary folder, renamed into place, and only then named in
CURRENT (itself replaced atomically), so a reader never sees a half-written index, and a crash
leaves the previous generation in use.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index.search.keyword import KeywordIndex
from index.search.vectors import VectorIndex
from index.store.database import Store
from index.store.document_rows import now_stamp
from index.store.transactions import transaction

MANIFEST_VERSION = 1
REBUILD = "policylens rebuild"


class IndexFilesError(Exception):
    """Index files missing, corrupt or made for another configuration; says how to fix it."""


@dataclass(frozen=True, slots=True)
class Manifest:
    """What a generation was built from and holds."""

    embedder: str
    dim: int
    vector_kind: str
    units: int
    fingerprint: str
    store_state: str
    languages: dict[str, int]
    files: dict[str, dict[str, Any]]
    built_at: str
    version: int = MANIFEST_VERSION
    dense_units: int | None = None  # units with a vector; None (older manifests): all of them

    @property
    def vectors_held(self) -> int:
        """How many units the vector index holds (all of them unless the dense side is partial)."""
        return self.units if self.dense_units is None else self.dense_units

    @property
    def dense_partial(self) -> bool:
        """Whether some units are searchable by keywords only, their vectors still to come."""
        return self.vectors_held < self.units

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "embedder": self.embedder,
            "dim": self.dim,
            "vector_kind": self.vector_kind,
            "units": self.units,
            "fingerprint": self.fingerprint,
            "store_state": self.store_state,
            "languages": self.languages,
            "files": self.files,
            "built_at": self.built_at,
            "dense_units": self.vectors_held,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Manifest:
        if data.get("version") != MANIFEST_VERSION:
            raise IndexFilesError(
                f"index manifest version {data.get('version')} is not {MANIFEST_VERSION}; "
                f"run `{REBUILD}`"
            )
        return cls(
            embedder=data["embedder"],
            dim=int(data["dim"]),
            vector_kind=data["vector_kind"],
            units=int(data["units"]),
            fingerprint=data["fingerprint"],
            store_state=data["store_state"],
            languages=dict(data["languages"]),
            files=dict(data["files"]),
            built_at=data["built_at"],
            dense_units=int(data.get("dense_units", data["units"])),
        )


def fingerprint(ids: np.ndarray, keys: np.ndarray) -> str:
    """A digest of which passages (id and text key) an index holds."""
    digest = hashlib.sha256()
    for ident, key in zip(ids.tolist(), keys.tolist(), strict=True):
        digest.update(f"{ident}:{key.decode() if isinstance(key, bytes) else key}\n".encode())
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    """The sha256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(slots=True)
class Generation:
    """One opened generation: its manifest and its indexes."""

    path: Path
    manifest: Manifest
    vectors: VectorIndex
    keyword: KeywordIndex
    unit_ids: np.ndarray
    unit_keys: np.ndarray
    unit_dense: np.ndarray  # bool per unit: its vector is in ``vectors``

    @property
    def dense_ids(self) -> np.ndarray:
        """The ids of the units the vector index holds."""
        return self.unit_ids[self.unit_dense]


class IndexFolder:
    """The folder of generations."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def current_name(self) -> str | None:
        try:
            name = (self.root / "CURRENT").read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return name or None

    def manifest(self) -> Manifest:
        """The current generation's manifest.

        Raises:
            IndexFilesError: when there is no index yet or the manifest is unreadable.
        """
        return self._manifest(self._current())

    def _current(self) -> str:
        name = self.current_name
        if name is None:
            raise IndexFilesError(f"no search index in {self.root}; run `{REBUILD}`")
        return name

    def _manifest(self, name: str) -> Manifest:
        path = self.root / name / "manifest.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise TypeError("not a JSON object")
            return Manifest.from_dict(data)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IndexFilesError(
                f"index manifest {path} is unreadable ({exc}); run `{REBUILD}`"
            ) from exc

    def open(self, *, checksums: bool = False) -> Generation:
        """Open the current generation, checking each file's size (and checksum if asked).

        Raises:
            IndexFilesError: for a missing, truncated or corrupt file, naming the fix.
        """
        name = self._current()  # read once: a writer may switch CURRENT meanwhile
        manifest = self._manifest(name)
        path = self.root / name
        for rel, facts in manifest.files.items():
            file = path / rel
            if not file.exists():
                raise IndexFilesError(f"index file {file} is missing; run `{REBUILD}`")
            if file.stat().st_size != facts["bytes"]:
                raise IndexFilesError(
                    f"index file {file} has {file.stat().st_size} bytes, the manifest says "
                    f"{facts['bytes']}; run `{REBUILD}`"
                )
            if checksums and file_sha256(file) != facts["sha256"]:
                raise IndexFilesError(f"index file {file} fails its checksum; run `{REBUILD}`")
        try:
            vectors = VectorIndex.load(path / "vectors.faiss")
            keyword = KeywordIndex.load(path / "keyword")
            units = np.load(path / "units.npy")
        except Exception as exc:  # FAISS and numpy raise many kinds on a damaged file
            raise IndexFilesError(
                f"index in {path} cannot be read ({exc}); run `{REBUILD}`"
            ) from exc
        if vectors.dim != manifest.dim or len(vectors) != manifest.vectors_held:
            raise IndexFilesError(
                f"index in {path} holds {len(vectors)} vectors of dimension {vectors.dim}, "
                f"the manifest says {manifest.vectors_held} of {manifest.dim}; run `{REBUILD}`"
            )
        # Generations written before "dense later" hold a vector for every unit.
        names = units.dtype.names or ()
        dense = units["dense"] if "dense" in names else np.ones(len(units), dtype=bool)
        return Generation(path, manifest, vectors, keyword, units["id"], units["key"], dense)

    def write(
        self,
        *,
        embedder: str,
        vectors: VectorIndex,
        keyword: KeywordIndex,
        unit_ids: np.ndarray,
        unit_keys: np.ndarray,
        store_state: str,
        languages: dict[str, int],
        unit_dense: np.ndarray | None = None,
    ) -> Path:
        """Write a new generation and make it current; older ones but the last are removed.

        ``unit_dense`` says which units have their vector in ``vectors`` (all when None).
        """
        self.root.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%dT%H%M%S")
        tmp = self.root / f".tmp-{stamp}-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        vectors.save(tmp / "vectors.faiss")
        keyword.save(tmp / "keyword")
        dense = np.ones(len(unit_ids), bool) if unit_dense is None else unit_dense.astype(bool)
        if int(dense.sum()) != len(vectors):
            raise ValueError(f"{len(vectors)} vectors for {int(dense.sum())} units marked dense")
        units = np.empty(len(unit_ids), dtype=[("id", "<i8"), ("key", "S64"), ("dense", "?")])
        units["id"], units["key"], units["dense"] = unit_ids, unit_keys, dense
        np.save(tmp / "units.npy", units)
        files = {
            str(f.relative_to(tmp)): {"bytes": f.stat().st_size, "sha256": file_sha256(f)}
            for f in sorted(tmp.rglob("*"))
            if f.is_file()
        }
        manifest = Manifest(
            embedder=embedder,
            dim=vectors.dim,
            vector_kind=vectors.kind,
            units=len(unit_ids),
            fingerprint=fingerprint(unit_ids, unit_keys),
            store_state=store_state,
            languages=languages,
            files=files,
            built_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            dense_units=len(vectors),
        )
        (tmp / "manifest.json").write_text(
            json.dumps(manifest.to_dict(), indent=2, ensure_ascii=False), encoding="utf-8"
        )
        name = f"gen-{stamp}-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
        os.replace(tmp, self.root / name)
        pointer = self.root / f".CURRENT-{os.getpid()}"
        pointer.write_text(name + "\n", encoding="utf-8")
        os.replace(pointer, self.root / "CURRENT")
        self._prune(keep=name)
        return self.root / name

    def _prune(self, keep: str) -> None:
        """Keep the new generation and the one before it (a reader may still have it open)."""
        generations = sorted(
            (p for p in self.root.glob("gen-*") if p.name != keep),
            key=lambda p: p.stat().st_mtime,
        )
        for old in generations[:-1]:
            shutil.rmtree(old, ignore_errors=True)
        for tmp in self.root.glob(".tmp-*"):
            if tmp.stat().st_mtime < time.time() - 3600:
                shutil.rmtree(tmp, ignore_errors=True)


@dataclass(frozen=True, slots=True)
class PublishedGeneration:
    """One generation as recorded in the store: what any server on the store should load."""

    id: int
    embedder: str
    store_state: str
    fingerprint: str
    units: int
    dense_units: int
    built_at: str
    built_by: str

    @property
    def dense_partial(self) -> bool:
        """Whether some units have no vector yet."""
        return self.dense_units < self.units


def record_generation(store: Store, manifest: Manifest) -> int:
    """Record in the store that a generation with this manifest is now current; returns its
    number (increasing), which other servers compare with the one they have loaded."""
    with transaction(store.db):
        row = store.db.execute(
            "INSERT INTO index_generations (embedder, store_state, fingerprint, units, "
            "dense_units, built_at, built_by) VALUES (?,?,?,?,?,?,?) RETURNING id",
            (
                manifest.embedder,
                manifest.store_state,
                manifest.fingerprint,
                manifest.units,
                manifest.vectors_held,
                now_stamp(),
                f"{socket.gethostname()}:{os.getpid()}",
            ),
        ).fetchone()
    return int(row[0])


def latest_generation(store: Store) -> PublishedGeneration | None:
    """The newest generation recorded in the store, or None before the first build."""
    row = store.db.execute(
        "SELECT id, embedder, store_state, fingerprint, units, dense_units, built_at, built_by "
        "FROM index_generations ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return None if row is None else PublishedGeneration(*(row[i] for i in range(8)))
