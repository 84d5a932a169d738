"""The SQLite store: versions, no-op re-ingest, resume, migrations."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from index import ingest_paths, open_store
from index.store.schema import MIGRATIONS
from tests import filegen

ROOT = Path(__file__).resolve().parents[3]


def test_corpus_ingests_and_links_versions(home: Path) -> None:
    with open_store(home) as store:
        summary = ingest_paths(store, [ROOT / "corpus"], sandbox=False)
        assert summary.by_status["FAILED"] == 0 and summary.new_documents == summary.files
        versions = store.versions("示例安全生产法")
        assert [v["status"] for v in versions] == ["superseded", "in_force"]
        assert versions[0]["version_date"] < versions[1]["version_date"]
        assert store.schema_version == len(MIGRATIONS)
        assert (home / "policylens.db").is_file()


def test_unchanged_file_is_a_no_op_and_changed_file_a_new_version(
    home: Path, tmp_path: Path
) -> None:
    src = filegen.write_regulation_txt(tmp_path / "reg.txt")
    with open_store(home) as store:
        first = ingest_paths(store, [src], sandbox=False)
        again = ingest_paths(store, [src], sandbox=False)
        assert (first.new_documents, again.new_documents, again.unchanged) == (1, 0, 1)
        src.write_text(
            src.read_text(encoding="utf-8").replace("制定本规定", "制定本规定（修订）"),
            encoding="utf-8",
        )
        changed = ingest_paths(store, [src], sandbox=False)
        assert changed.new_documents == 1
        docs = store.documents()
        assert len(docs) == 2 and len({d["work_id"] for d in docs}) == 1
        assert sorted(d["status"] for d in docs) == ["in_force", "superseded"]
        log = store.db.execute("SELECT COUNT(*) FROM ingest_log").fetchone()[0]
        assert log == 3


def test_rerun_after_a_partial_batch_resumes_without_duplicates(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    shutil.copytree(ROOT / "corpus", folder)
    files = sorted(
        p for p in folder.iterdir() if p.suffix in (".md", ".txt", ".html") and p.stem != "README"
    )
    with open_store(home) as store:
        ingest_paths(store, files[:2], sandbox=False)  # "killed" after two files
        summary = ingest_paths(store, [folder], sandbox=False)
        assert summary.unchanged == 2
        ids = [r[0] for r in store.db.execute("SELECT provision_id FROM provisions")]
        per_doc = store.db.execute(
            "SELECT document_id, provision_id, COUNT(*) FROM provisions "
            "GROUP BY document_id, provision_id HAVING COUNT(*) > 1"
        ).fetchall()
        assert ids and not per_doc


def test_store_refuses_a_newer_schema(home: Path) -> None:
    open_store(home).close()
    db = sqlite3.connect(home / "policylens.db")
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    db.commit()
    db.close()
    import pytest

    from index.store.database import StoreError

    with pytest.raises(StoreError, match="newer than this PolicyLens"):
        open_store(home)
