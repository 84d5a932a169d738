"""New versions waiting for an admin: what a non-admin uploads as a new version of a work already
in the library is held here, not stored as a document, until an admin confirms it.

A held version is only a row (``pending_versions``) and the saved upload: it is in no table that
search, "in force on a date" or ``docs`` read, so it cannot become the version in force or a
search hit before an admin ingests it (``index/library/changes.py`` ``confirm_version``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from index.accounts import Permission, User, require
from index.store.database import NotFoundError, Store
from index.store.transactions import transaction
from ingest.model import IngestResult

# Admins: whoever may remove a version from the library also decides which version comes in.
CONFIRM_VERSIONS = Permission.REMOVE_DOCUMENT


def needs_confirmation(store: Store, user: User, result: IngestResult) -> bool:
    """Whether ``result`` must wait for an admin: a parsed file, not stored yet, that is a
    version of a work the library holds, sent by someone who may not confirm versions.

    Raises:
        PermissionDenied: unless ``user`` may upload at all.
    """
    require(user, Permission.UPLOAD)
    doc = result.document
    if doc is None or user.can(CONFIRM_VERSIONS):
        return False
    sha = result.sha256 or doc.source.sha256
    db = store.db
    if db.execute("SELECT 1 FROM documents WHERE sha256=?", (sha,)).fetchone():
        return False  # the same bytes are stored already: ingest says "unchanged"
    return (
        db.execute("SELECT 1 FROM documents WHERE work_id=?", (doc.work_id,)).fetchone() is not None
    )


def hold_version(store: Store, user: User, result: IngestResult, name: str) -> int:
    """Keep a parsed upload as a pending version (the same bytes held twice are one row).

    Returns:
        The pending version's id.

    Raises:
        PermissionDenied: unless ``user`` may upload.
    """
    require(user, Permission.UPLOAD)
    doc = result.document
    assert doc is not None  # needs_confirmation said so
    sha = result.sha256 or doc.source.sha256
    with transaction(store.db):
        store.db.execute(
            "INSERT INTO pending_versions (work_id, title, version_date, file_name, path, sha256, "
            "provisions, uploaded_by, uploaded_at) VALUES (?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT (sha256) WHERE state='pending' DO NOTHING",
            (
                doc.work_id,
                doc.title,
                doc.metadata.get("version_date"),
                name,
                result.path,
                sha,
                len(doc.all_provisions()),
                user.username,
                _now(),
            ),
        )
        row = store.db.execute(
            "SELECT id FROM pending_versions WHERE sha256=? AND state='pending'", (sha,)
        ).fetchone()
    return int(row[0])


def list_pending(store: Store, user: User) -> list[dict[str, Any]]:
    """Versions waiting for an admin, oldest first, each with the work's version in force:
    every one for admins, a reviewer's own otherwise.

    Raises:
        PermissionDenied: unless ``user`` may upload.
    """
    require(user, Permission.UPLOAD)
    sql = (
        "SELECT p.*, (SELECT d.document_id FROM documents d WHERE d.work_id=p.work_id "
        "ORDER BY d.status='in_force' DESC, COALESCE(d.version_date,'') DESC LIMIT 1) "
        "AS in_force FROM pending_versions p WHERE p.state='pending'"
    )
    if user.can(CONFIRM_VERSIONS):
        rows = store.db.execute(sql + " ORDER BY p.id")
    else:
        rows = store.db.execute(sql + " AND p.uploaded_by=? ORDER BY p.id", (user.username,))
    return [dict(r) for r in rows]


def pending_row(store: Store, user: User, pending_id: int) -> dict[str, Any]:
    """One version still waiting, for an admin to decide.

    Raises:
        PermissionDenied: unless ``user`` may confirm versions.
        NotFoundError: when no version with that id is waiting.
    """
    require(user, CONFIRM_VERSIONS)
    row = store.db.execute(
        "SELECT * FROM pending_versions WHERE id=? AND state='pending'", (pending_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no version #{pending_id} is waiting; see the Ingest page")
    return dict(row)


def mark_decided(
    store: Store, user: User, pending_id: int, state: str, document_id: str | None = None
) -> None:
    """Record an admin's decision on a pending version ("confirmed" or "rejected").

    Raises:
        PermissionDenied: unless ``user`` may confirm versions.
    """
    require(user, CONFIRM_VERSIONS)
    with transaction(store.db):
        store.db.execute(
            "UPDATE pending_versions SET state=?, decided_by=?, decided_at=?, document_id=? "
            "WHERE id=? AND state='pending'",
            (state, user.username, _now(), document_id, pending_id),
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
