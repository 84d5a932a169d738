"""The store (SQLite, and PostgreSQL where a server is given): versions, no-op re-ingest,
resume, migrations, the append-only logs, backups."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import psycopg
import pytest

from index import ingest_paths, open_store
from index.store.backup import backup_store, restore_store
from index.store.database import Store, StoreError
from index.store.schema import MIGRATIONS
from tests import filegen
from tests.backends import on_postgres, with_option

ROOT = Path(__file__).resolve().parents[3]


def test_corpus_ingests_and_links_versions(home: Path) -> None:
    with open_store(home) as store:
        summary = ingest_paths(store, [ROOT / "corpus"], sandbox=False)
        assert summary.by_status["FAILED"] == 0 and summary.new_documents == summary.files
        versions = store.versions("示例安全生产法")
        assert [v["status"] for v in versions] == ["superseded", "in_force"]
        assert versions[0]["version_date"] < versions[1]["version_date"]
        assert store.schema_version == len(MIGRATIONS)
        assert (home / "policylens.db").is_file() == (store.dialect == "sqlite")


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
    with open_store(home) as store:
        if store.dialect == "sqlite":
            store.db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
        else:
            store.db.execute("UPDATE schema_version SET version=?", (len(MIGRATIONS) + 1,))
    import pytest

    from index.store.database import StoreError

    with pytest.raises(StoreError, match="newer than this PolicyLens"):
        open_store(home)


APPEND_ONLY = ("task_history", "account_log", "review_decision_log")


def test_the_append_only_logs_refuse_updates_and_deletes(home: Path) -> None:
    with open_store(home) as store:
        store.db.execute(
            "INSERT INTO account_log (at, actor, username, event, detail) "
            "VALUES ('2026-01-01', 'ada', 'bob', 'created', '')"
        )
        for statement in ("UPDATE account_log SET actor='mallory'", "DELETE FROM account_log"):
            with pytest.raises(sqlite3.IntegrityError, match="account_log rows are never"):
                store.db.execute(statement)
        if store.dialect == "postgresql":  # TRUNCATE skips row triggers: refused on its own
            for table in APPEND_ONLY:
                with pytest.raises(sqlite3.IntegrityError, match="are never deleted"):
                    store.db.execute(f"TRUNCATE {table}")
        assert [tuple(r) for r in store.db.execute("SELECT actor, event FROM account_log")] == [
            ("ada", "created")
        ]


def test_a_postgresql_store_is_backed_up_with_pg_dump(home: Path, tmp_path: Path) -> None:
    if not on_postgres():
        pytest.skip("PostgreSQL only: the SQLite backup round trip is tests/reliability's")
    with pytest.raises(StoreError, match="pg_dump --format=custom") as caught:
        backup_store(home, tmp_path / "copy.db")
    assert "pg_restore" in str(caught.value) and "***" not in str(caught.value)
    with pytest.raises(StoreError, match="pg_restore"):
        restore_store(home, tmp_path / "copy.db")
    assert not (tmp_path / "copy.db").exists()


def test_an_app_role_without_update_on_the_logs_runs_the_store(
    home: Path, request: pytest.FixtureRequest
) -> None:
    """The README's hardening: the owner migrates; the app servers' role may only read and
    append the logs, so not even a dropped trigger lets it rewrite them."""
    if not on_postgres():
        pytest.skip("PostgreSQL only: SQLite has no roles (its triggers are the guard)")
    server = request.getfixturevalue("postgres_server")
    with open_store(home) as owner:  # migrates, as the owner
        url = owner.url
    database = url.split("?")[0].rsplit("/", 1)[1]
    role = f"{server.prefix}_app"
    admin = psycopg.connect(url, autocommit=True)
    try:
        admin.execute(f'CREATE ROLE "{role}" LOGIN')
        admin.execute(f'GRANT CONNECT ON DATABASE "{database}" TO "{role}"')
        admin.execute(f'GRANT USAGE ON SCHEMA public TO "{role}"')
        admin.execute(
            f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}"'
        )
        admin.execute(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "{role}"')
        admin.execute(
            "REVOKE UPDATE, DELETE, TRUNCATE ON task_history, account_log, review_decision_log "
            f'FROM "{role}"'
        )
        app_url = with_option(url, "user", role)
        with Store(home / "policylens.db", app_url) as app:
            app.db.execute(
                "INSERT INTO account_log (at, actor, username, event, detail) "
                "VALUES ('2026-01-01', 'ada', 'bob', 'created', '')"
            )
            for statement in (
                "UPDATE account_log SET actor='mallory'",
                "DELETE FROM account_log",
                "ALTER TABLE account_log DISABLE TRIGGER USER",
                "DROP TRIGGER account_log_no_update ON account_log",
            ):
                with pytest.raises(sqlite3.Error, match=r"permission denied|must be owner"):
                    app.db.execute(statement)
            assert app.db.execute("SELECT COUNT(*) FROM account_log").fetchone()[0] == 1
    finally:
        admin.execute(f'DROP OWNED BY "{role}"')
        admin.close()
        server.admin.execute(f'DROP ROLE IF EXISTS "{role}"')
