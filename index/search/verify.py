"""Check that the store is sound and the derived indexes agree with it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from index.search.generations import REBUILD, IndexFilesError, IndexFolder, fingerprint
from index.store.database import Store
from index.store.passages import passage_key


@dataclass(frozen=True, slots=True)
class Problem:
    """One disagreement, with the command that fixes it."""

    where: str  # "store", "vectors", "keyword", "manifest"
    message: str
    fix: str

    def to_dict(self) -> dict[str, str]:
        return {"where": self.where, "message": self.message, "fix": self.fix}


def verify(store: Store, folder: IndexFolder) -> tuple[dict[str, int], list[Problem]]:
    """Check the store and the current index generation; returns counts and problems."""
    problems: list[Problem] = []
    integrity = store.db.execute("PRAGMA integrity_check").fetchone()[0]
    if integrity != "ok":
        problems.append(
            Problem("store", f"SQLite integrity check: {integrity}", "restore a backup")
        )
    for row in store.db.execute("PRAGMA foreign_key_check"):
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
    units = store.search_units()
    counts = {"units": len(units), "vectors": 0, "keyword_rows": 0}
    try:
        generation = folder.open(checksums=True)
    except IndexFilesError as exc:
        problems.append(Problem("manifest", str(exc), REBUILD))
        return counts, problems
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
    if not np.array_equal(held, np.sort(generation.unit_ids)):
        problems.append(Problem("vectors", "vector ids differ from the manifest's units", REBUILD))
    if not np.array_equal(np.sort(generation.keyword.ids), np.sort(generation.unit_ids)):
        problems.append(
            Problem("keyword", "keyword rows differ from the manifest's units", REBUILD)
        )
    return counts, problems
