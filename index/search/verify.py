"""Check that the store is sound and the derived indexes agree with it.

A damaged, unreadable or missing store is reported as a problem with its recovery step (restore
a backup, then rebuild), never raised: `policylens verify` is what a user runs when in doubt.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index.search.generations import REBUILD, IndexFilesError, IndexFolder, fingerprint
from index.settings import DB_NAME, INDEX_DIR
from index.store.database import DamagedStoreError, MissingStoreError, Store, open_store
from index.store.files import RESTORE
from index.store.passages import passage_key

RESTORE_FIX = f"{RESTORE} (a copy made by `policylens backup`), then {REBUILD}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One disagreement, with the command that fixes it."""

    where: str  # "store", "vectors", "keyword", "manifest"
    message: str
    fix: str

    def to_dict(self) -> dict[str, str]:
        return {"where": self.where, "message": self.message, "fix": self.fix}


def verify_workspace(home: Path) -> tuple[dict[str, int], list[Problem]]:
    """Check a workspace's store and index; a store that cannot be opened is a problem.

    Args:
        home: The workspace folder.

    Returns:
        The counts (units, vectors, keyword rows) and the problems found.
    """
    counts = {"units": 0, "vectors": 0, "keyword_rows": 0}
    path = home / DB_NAME
    try:
        store = open_store(home)
    except MissingStoreError:
        index = home / INDEX_DIR
        fix = f"{RESTORE}, or remove {index} and ingest the files again"
        return counts, [Problem("store", f"{path} is missing beside the index in {index}", fix)]
    except DamagedStoreError as exc:
        return counts, [Problem("store", f"{path} is damaged: {exc.__cause__}", RESTORE_FIX)]
    with store:
        return verify(store, IndexFolder(home / INDEX_DIR))


def verify(store: Store, folder: IndexFolder) -> tuple[dict[str, int], list[Problem]]:
    """Check the store and the current index generation; returns counts and problems.

    The index is compared only with a sound store; a store SQLite cannot read is one problem.
    """
    counts = {"units": 0, "vectors": 0, "keyword_rows": 0}
    try:
        # PostgreSQL checks its own pages and always enforces foreign keys; SQLite is asked.
        rows = ["ok"]
        if store.dialect == "sqlite":
            rows = [str(r[0]) for r in store.db.execute("PRAGMA integrity_check(20)")]
        if rows != ["ok"]:  # the rest of the checks would only read damaged pages
            damage = f"SQLite integrity check: {'; '.join(rows)}"
            return counts, [Problem("store", damage, RESTORE_FIX)]
        problems = _store_problems(store)
        units = store.search_units()
    except sqlite3.DatabaseError as exc:
        return counts, [Problem("store", f"{store.location} cannot be read: {exc}", RESTORE_FIX)]
    counts["units"] = len(units)
    return counts, problems + _index_problems(units, folder, counts)


def _store_problems(store: Store) -> list[Problem]:
    """Orphan rows and provision counts that disagree with the documents' own."""
    problems: list[Problem] = []
    # PostgreSQL enforces foreign keys itself; SQLite is asked for rows that break them.
    orphans: list[tuple[Any, ...]] = []
    if store.dialect == "sqlite":
        orphans = [tuple(r) for r in store.db.execute("PRAGMA foreign_key_check")]
    for row in orphans:
        problems.append(Problem("store", f"orphan row in {row[0]}", "policylens ingest again"))
    for document_id, expected, actual in store.db.execute(
        "SELECT d.document_id, d.provisions, COUNT(p.id) FROM documents d "
        "LEFT JOIN provisions p USING (document_id) GROUP BY d.document_id "
        "HAVING d.provisions != COUNT(p.id)"
    ):
        problems.append(
            Problem(
                "store",
                f"{document_id} should have {expected} provisions, has {actual}",
                f"policylens ingest the file of {document_id} again",
            )
        )
    return problems


def _index_problems(units: list, folder: IndexFolder, counts: dict[str, int]) -> list[Problem]:
    """Whether the current index generation holds exactly the stored units (fills ``counts``)."""
    problems: list[Problem] = []
    try:
        generation = folder.open(checksums=True)
    except IndexFilesError as exc:
        problems.append(Problem("manifest", str(exc), REBUILD))
        return problems
    counts["vectors"] = len(generation.vectors)
    counts["keyword_rows"] = len(generation.keyword)
    ids = np.fromiter((u.id for u in units), dtype=np.int64, count=len(units))
    keys = np.array([passage_key(u.passage).encode() for u in units], dtype="S64")
    if generation.manifest.fingerprint != fingerprint(ids, keys):
        missing = len(set(ids.tolist()) - set(generation.unit_ids.tolist()))
        extra = len(set(generation.unit_ids.tolist()) - set(ids.tolist()))
        problems.append(
            Problem(
                "manifest",
                f"the index was built from other text: {missing} stored article(s) missing "
                f"from it, {extra} no longer stored",
                REBUILD,
            )
        )
    held = np.sort(generation.vectors.ids())
    # a generation written before its vectors ("dense later") holds the units marked dense
    if not np.array_equal(held, np.sort(generation.dense_ids)):
        problems.append(Problem("vectors", "vector ids differ from the manifest's units", REBUILD))
    if not np.array_equal(np.sort(generation.keyword.ids), np.sort(generation.unit_ids)):
        problems.append(
            Problem("keyword", "keyword rows differ from the manifest's units", REBUILD)
        )
    return problems
