"""Files kept in the store itself, by the SHA-256 of their bytes: uploads waiting for their ingest
job and tasks' attachments. Every app server on a shared PostgreSQL store reads the same rows,
so a file received by one server is ingested or served by another; a backup of the store (SQLite
file or ``pg_dump``) carries the bytes.

Large values: the app refuses files over 50 MB before they get here (``MAX_UPLOAD_MB`` and
``MAX_ATTACHMENT_MB``). SQLite keeps a BLOB of up to 1,000,000,000 bytes (``SQLITE_MAX_LENGTH``)
in overflow pages of the database file; PostgreSQL keeps a ``bytea`` of up to 1 GB out of line
(TOAST), compressed where that helps. Both read and write a value whole, so each file is held in
the server's memory once while it is stored or read.

Files written by an older PolicyLens, which kept them on the receiving server's disk, are still
read there; :func:`adopt_disk_files` copies them into the table (``policylens backup`` does).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from index.store.connection import Database
from index.store.database import StoreError
from index.store.document_rows import now_stamp

STORED = "stored_files:"  # how an attachment row names bytes kept in this table


def sha256_of(data: bytes) -> str:
    """The hex SHA-256 of ``data``: the key of its row."""
    return hashlib.sha256(data).hexdigest()


def keep_file(db: Database, data: bytes, by: str) -> str:
    """Keep ``data`` in the store (once: the same bytes sent again add nothing), in the caller's
    transaction when one is open.

    Returns:
        The SHA-256 the bytes are kept under.
    """
    digest = sha256_of(data)
    if has_file(db, digest):  # a cheap look first: the bytes need not travel again
        return digest
    db.execute(
        "INSERT OR IGNORE INTO stored_files (sha256, size, data, created_at, created_by) "
        "VALUES (?,?,?,?,?)",
        (digest, len(data), data, now_stamp(), by),
    )
    return digest


def has_file(db: Database, digest: str) -> bool:
    """Whether the store keeps the bytes of SHA-256 ``digest``."""
    return db.execute("SELECT 1 FROM stored_files WHERE sha256=?", (digest,)).fetchone() is not None


def read_file(db: Database, digest: str) -> bytes | None:
    """The bytes kept under SHA-256 ``digest``, or None when the store has none.

    Raises:
        StoreError: when the bytes no longer match their hash (the store was changed behind
            PolicyLens's back).
    """
    row = db.execute("SELECT data FROM stored_files WHERE sha256=?", (digest,)).fetchone()
    if row is None:
        return None
    data = bytes(row[0])
    if sha256_of(data) != digest:
        raise StoreError(
            f"the stored file {digest[:16]}… no longer matches its SHA-256; restore the store "
            "from a backup"
        )
    return data


def adopt_disk_files(db: Database, home: Path) -> int:
    """Copy into the table the files an older PolicyLens kept on this server's disk: task
    attachments under ``<home>/attachments/`` and uploads held as pending versions. A file
    missing here (received by another server) or changed since (its hash differs) is left out.

    Returns:
        How many files were added.
    """
    wanted = [
        (r[0], home / r[1], r[2])
        for r in db.execute(
            "SELECT sha256, stored_name, uploaded_by FROM task_attachments WHERE stored_name "
            "NOT LIKE ? AND sha256 NOT IN (SELECT sha256 FROM stored_files)",
            (f"{STORED}%",),
        )
    ]
    wanted += [
        (r[0], Path(r[1]), r[2])
        for r in db.execute(
            "SELECT sha256, path, uploaded_by FROM pending_versions WHERE state='pending' "
            "AND sha256 NOT IN (SELECT sha256 FROM stored_files)"
        )
    ]
    added = 0
    for digest, path, by in wanted:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if sha256_of(data) == digest and not has_file(db, digest):
            keep_file(db, data, by)
            added += 1
    return added
