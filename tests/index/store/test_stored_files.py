"""Files kept in the store by their SHA-256 (SQLite, and PostgreSQL where a server is given): kept
once, read back byte for byte, never changed; and the SQLite backup carries them, with the files
an older PolicyLens kept in the workspace copied in first."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from index import open_store
from index.store.backup import backup_store, restore_store
from index.store.database import StoreError
from index.store.stored_files import adopt_disk_files, has_file, keep_file, read_file

# every byte value, and more than one SQLite page and one PostgreSQL TOAST chunk
DATA = bytes(range(256)) * 8192 + b"\x00end"


def test_the_same_bytes_are_kept_once_and_read_back_whole(home: Path) -> None:
    digest = hashlib.sha256(DATA).hexdigest()
    with open_store(home) as store:
        assert read_file(store.db, digest) is None and not has_file(store.db, digest)
        assert keep_file(store.db, DATA, "ada") == digest
        assert keep_file(store.db, DATA, "bob") == digest  # sent again: nothing added
        rows = store.db.execute("SELECT sha256, size, created_by FROM stored_files").fetchall()
        assert [tuple(r) for r in rows] == [(digest, len(DATA), "ada")]
    with open_store(home) as again:  # another connection, as another server would open it
        assert read_file(again.db, digest) == DATA and has_file(again.db, digest)


def test_kept_bytes_are_never_changed_and_a_change_behind_the_stores_back_is_found(
    home: Path,
) -> None:
    with open_store(home) as store:
        digest = keep_file(store.db, b"evidence", "ada")
        with pytest.raises(sqlite3.IntegrityError, match="stored files are never changed"):
            store.db.execute("UPDATE stored_files SET data=?", (b"forged",))
        assert read_file(store.db, digest) == b"evidence"
        store.db.execute("DROP TRIGGER stored_files_no_update")  # the owner, by hand
        store.db.execute("UPDATE stored_files SET data=?", (b"forged",))
        with pytest.raises(StoreError, match="no longer matches its SHA-256"):
            read_file(store.db, digest)


def _older_attachment(home: Path, data: bytes) -> str:
    """A task attachment as an older PolicyLens kept it: a row naming a file in the workspace."""
    digest = hashlib.sha256(data).hexdigest()
    stored_name = f"attachments/0123456789abcdef/{digest}"
    (home / stored_name).parent.mkdir(parents=True)
    (home / stored_name).write_bytes(data)
    with open_store(home) as store:
        store.db.execute(
            "INSERT INTO task_attachments (task_id, file_name, stored_name, sha256, size, "
            "media_type, note, uploaded_by, uploaded_at) VALUES (?,?,?,?,?,?,?,?,?)",
            ("plan#k1", "a.txt", stored_name, digest, len(data), "text/plain", "", "ada", "2026"),
        )
    return digest


def _older_pending_upload(home: Path, data: bytes) -> str:
    """A new version held for an admin by an older PolicyLens: a row naming the saved upload."""
    digest = hashlib.sha256(data).hexdigest()
    path = home / "uploads" / digest[:16] / "v2.txt"
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    with open_store(home) as store:
        store.db.execute(
            "INSERT INTO pending_versions (work_id, title, file_name, path, sha256, provisions, "
            "uploaded_by, uploaded_at) VALUES (?,?,?,?,?,?,?,?)",
            ("work", "title", "v2.txt", str(path), digest, 3, "rita", "2026"),
        )
    return digest


def test_an_older_versions_files_on_disk_are_adopted_once_and_changed_ones_left_out(
    home: Path,
) -> None:
    attached = _older_attachment(home, b"attachment bytes")
    held = _older_pending_upload(home, b"held upload")
    changed = _older_attachment(home / "other", b"original")  # its row, in its own workspace
    with open_store(home) as store:
        assert adopt_disk_files(store.db, home) == 2
        assert adopt_disk_files(store.db, home) == 0
        assert read_file(store.db, attached) == b"attachment bytes"
        assert read_file(store.db, held) == b"held upload"
    (home / "other" / "attachments" / "0123456789abcdef" / changed).write_bytes(b"forged")
    with open_store(home / "other") as other:
        assert adopt_disk_files(other.db, home / "other") == 0
        assert not has_file(other.db, changed)


def test_a_backup_carries_the_kept_files_and_an_older_versions_files(
    home: Path, tmp_path: Path
) -> None:
    with open_store(home) as store:
        if store.dialect != "sqlite":
            pytest.skip("SQLite only: a PostgreSQL store is backed up with pg_dump")
        kept = keep_file(store.db, DATA, "ada")
    older = _older_attachment(home, b"kept on disk by an older PolicyLens")
    copy = backup_store(home, tmp_path / "backup.db")
    elsewhere = tmp_path / "restored"
    restore_store(elsewhere, copy.path)
    assert not (elsewhere / "attachments").exists()
    with open_store(elsewhere) as restored:
        assert read_file(restored.db, kept) == DATA
        assert read_file(restored.db, older) == b"kept on disk by an older PolicyLens"
