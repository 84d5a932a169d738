"""A task's attachments keep their bytes in the store (SQLite, and PostgreSQL where a server is
given): another app server on the same store serves them, and an attachment an older PolicyLens
kept in the workspace folder is still served, then copied into the store."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from index import open_store
from index.accounts import Role, User
from index.settings import DB_NAME
from index.store.database import Store, StoreError
from index.store.stored_files import STORED, has_file, sha256_of
from index.tasks.attachments import ATTACHMENT_DIR, attach_file, attachment_bytes, attachments
from index.tasks.ledger import Ledger
from index.tasks.records import TaskRecord

ADMIN = User("ada", Role.ADMIN)
STAFF = User("zhao", Role.DEPARTMENT, "示例省应急管理厅")
DATA = "危险作业管理规定（印发稿）".encode() + bytes(range(256))


def _task(store: Store) -> str:
    Ledger(store).save_plan(
        ADMIN, "plan", "示例方案", [TaskRecord(key="k1", text="制定规定", lead=(STAFF.department,))]
    )
    return Ledger(store).tasks()[0].task_id


def _another_server(store: Store, folder: Path) -> Store:
    """The same store opened from another workspace folder that shares no file with this one:
    on PostgreSQL the same database; on SQLite a copy of the database alone (SQLite's backup)."""
    folder.mkdir()
    if store.url:
        return Store(folder / DB_NAME, store.url)
    assert isinstance(store.db, sqlite3.Connection)
    with closing(sqlite3.connect(folder / DB_NAME)) as copy:
        store.db.backup(copy)
    return Store(folder / DB_NAME)


def test_an_attachment_is_kept_in_the_store_and_served_by_another_server(
    home: Path, tmp_path: Path
) -> None:
    with open_store(home) as store:
        task_id = _task(store)
        attached = attach_file(store, STAFF, task_id, "规定.txt", DATA, "已印发")
        assert attached.stored_name == f"{STORED}{attached.sha256}"
        assert attached.sha256 == sha256_of(DATA) and has_file(store.db, attached.sha256)
        assert [h["field"] for h in Ledger(store).history(task_id)][-1] == "attachment"
        assert Ledger(store).verify_audit().ok
        with _another_server(store, tmp_path / "server-b") as other:
            assert attachments(other, task_id) == [attached]
            assert attachment_bytes(other, ADMIN, attached.id) == (attached, DATA)
    assert not (home / ATTACHMENT_DIR).exists()  # nothing in the workspace folder


def test_an_older_versions_attachment_on_disk_is_served_and_copied_into_the_store(
    home: Path, tmp_path: Path
) -> None:
    digest = sha256_of(DATA)
    stored_name = f"{ATTACHMENT_DIR}/0123456789abcdef/{digest}"
    with open_store(home) as store:
        task_id = _task(store)
        store.db.execute(
            "INSERT INTO task_attachments (task_id, file_name, stored_name, sha256, size, "
            "media_type, note, uploaded_by, uploaded_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (task_id, "规定.txt", stored_name, digest, len(DATA), "text/plain", "", "zhao", "2026"),
        )
        (old,) = attachments(store, task_id)
        other = _another_server(store, tmp_path / "server-b")  # the file is not there
        with other, pytest.raises(StoreError, match="open it on that server"):
            attachment_bytes(other, ADMIN, old.id)
        path = home / stored_name
        path.parent.mkdir(parents=True)
        path.write_bytes(b"changed")
        with pytest.raises(StoreError, match="changed on disk"):
            attachment_bytes(store, ADMIN, old.id)
        assert not has_file(store.db, digest)
        path.write_bytes(DATA)
        assert attachment_bytes(store, ADMIN, old.id) == (old, DATA)  # read on its server ...
        assert has_file(store.db, digest)  # ... and copied into the store
        path.unlink()
        assert attachment_bytes(store, ADMIN, old.id) == (old, DATA)
        with _another_server(store, tmp_path / "server-c") as other:
            assert attachment_bytes(other, ADMIN, old.id) == (old, DATA)
