"""Changing the library on a user's behalf: uploads, a server folder, removal, each followed by an
index update. Every entry point checks the user's permission first (index/accounts.py).

Only accounts with the upload permission add to the library; a task's evidence files are its
attachments (index/tasks/attachments.py), never documents. A new version of a work already in
the library, sent by a non-admin, is held as pending (index/library/pending.py) until an admin
confirms it with :func:`confirm_version`.

Uploaded bytes are kept in the store (:mod:`index.store.stored_files`) as well as under the
receiving server's ``uploads/`` folder (which ingest reads), so that another app server on a
shared store can run the upload's job or confirm its pending version.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.accounts import Permission, User, require
from index.library.intake import ingest_paths
from index.library.pending import (
    CONFIRM_VERSIONS,
    hold_version,
    list_pending,
    mark_decided,
    needs_confirmation,
    pending_row,
)
from index.search.build import BuildReport, Progress, choose_embedder, sync_indexes
from index.search.generations import IndexFolder
from index.settings import INDEX_DIR
from index.store.database import Store, Stored, StoreError, open_store
from index.store.stored_files import keep_file, read_file
from index.store.transactions import transaction
from index.tasks.evidence import suggest_for_new
from ingest import IngestResult, Limits, load_corpus

UPLOAD_DIR = "uploads"
MAX_UPLOAD_MB = 50  # also Streamlit's server.maxUploadSize in .streamlit/config.toml
ACCEPTED_SUFFIXES = ("pdf", "docx", "html", "htm", "txt", "md")
_UNSAFE = re.compile(r"[^\w.\-\u3400-\u9fff（）()]+")


@dataclass(frozen=True, slots=True)
class Upload:
    """A file a user sent: its name as given and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """One file's result, in the form the app and the CLI's JSON show."""

    path: str
    name: str
    status: str  # OK, PARTIAL or FAILED
    document_id: str | None
    provisions: int
    new: bool
    findings: tuple[dict[str, Any], ...]
    pending_id: int | None = None  # held for an admin's confirmation (a new version)

    @classmethod
    def from_stored(cls, stored: Stored, name: str | None = None) -> FileOutcome:
        r = stored.result
        name = name or Path(r.path).name
        return cls(
            path=r.path,
            name=name,
            status=str(r.status),
            document_id=stored.document_id,
            provisions=stored.provisions,
            new=stored.changed,
            findings=tuple(
                # Readers name the saved path; the uploader knows the file by its own name.
                {
                    "code": f.code,
                    "severity": str(f.severity),
                    "message": f.message.replace(r.path, name),
                }
                for f in r.findings
            ),
        )


@dataclass(slots=True)
class LibraryReport:
    """What one ingest or removal did: per-file outcomes and the index update."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    index: BuildReport | None = None
    suggestions: int = 0  # evidence suggested for open tasks


MAX_NAME_BYTES = 200  # file systems allow 255 bytes; room for ".part" and a margin


def safe_name(name: str) -> str:
    """A file name that cannot leave its folder: no path parts, no odd characters, at most
    :data:`MAX_NAME_BYTES` bytes of UTF-8 with its suffix kept."""
    base = Path(name.replace("\\", "/")).name.strip().lstrip(".")
    cleaned = _UNSAFE.sub("_", base) or "upload"
    stem, dot, suffix = cleaned.rpartition(".")
    if not dot or not stem or len(suffix.encode()) > 16:
        stem, suffix = cleaned, ""
    tail = f".{suffix}" if suffix else ""
    room = MAX_NAME_BYTES - len(tail.encode())
    stem = stem.encode()[:room].decode("utf-8", errors="ignore") or "upload"
    return stem + tail


def save_uploads(home: Path, user: User, uploads: Sequence[Upload]) -> list[Path]:
    """Write uploads under the workspace, one folder per content hash (re-sending a file is a
    no-op), and keep the bytes of each one within :data:`MAX_UPLOAD_MB` in the store. Size and
    format are judged by ingest, so each file still gets its result.

    Raises:
        PermissionDenied: unless the user may upload.
    """
    require(user, Permission.UPLOAD)
    within = [u for u in uploads if len(u.data) <= MAX_UPLOAD_MB * 2**20]
    if within:
        with open_store(home) as store, transaction(store.db):
            for upload in within:
                keep_file(store.db, upload.data, user.username)
    return _save(home, uploads)


def store_uploads(home: Path, user: User, uploads: Sequence[Upload]) -> list[str]:
    """Keep uploads in the store only (for a job that any server may run), in one transaction.

    Returns:
        Each upload's SHA-256, the key :func:`stored_uploads` reads it back by.

    Raises:
        PermissionDenied: unless the user may upload.
        StoreError: for a file over :data:`MAX_UPLOAD_MB` (nothing is kept).
    """
    require(user, Permission.UPLOAD)
    for upload in uploads:
        if len(upload.data) > MAX_UPLOAD_MB * 2**20:
            raise StoreError(
                f"{upload.name}: {len(upload.data) / 2**20:.1f} MB is over the {MAX_UPLOAD_MB} "
                "MB limit for an upload; send a smaller file"
            )
    with open_store(home) as store, transaction(store.db):
        return [keep_file(store.db, u.data, user.username) for u in uploads]


def stored_uploads(home: Path, files: Sequence[tuple[str, str]]) -> list[Upload]:
    """The uploads kept by :func:`store_uploads`, from ``(sha256, name)`` pairs.

    Raises:
        StoreError: when the store lacks one of them, or its bytes no longer match the hash.
    """
    with open_store(home) as store:
        found = [(name, read_file(store.db, digest)) for digest, name in files]
    missing = [name for name, data in found if data is None]
    if missing:
        raise StoreError(f"the sent files are not in the store {store.location}: {missing}")
    return [Upload(name, data) for name, data in found if data is not None]


def _save(home: Path, uploads: Sequence[Upload]) -> list[Path]:
    paths = []
    for upload in uploads:
        digest = hashlib.sha256(upload.data).hexdigest()[:16]
        folder = home / UPLOAD_DIR / digest
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / safe_name(upload.name)
        if not path.exists():
            tmp = path.with_name(path.name + ".part")
            tmp.write_bytes(upload.data)
            tmp.replace(path)
        paths.append(path)
    return paths


def ingest_uploads(
    home: Path,
    user: User,
    uploads: Sequence[Upload],
    *,
    on_file: Callable[[FileOutcome], None] | None = None,
    progress: Progress | None = None,
) -> LibraryReport:
    """Save and ingest uploaded files, then update the search indexes.

    Raises:
        PermissionDenied: unless the user may upload.
    """
    paths = save_uploads(home, user, uploads)
    names = {str(p): u.name for p, u in zip(paths, uploads, strict=True)}
    limits = Limits(max_file_mb=MAX_UPLOAD_MB)
    return _ingest(home, user, paths, limits, names, on_file, progress)


def ingest_folder(
    home: Path,
    user: User,
    folder: Path,
    *,
    on_file: Callable[[FileOutcome], None] | None = None,
    progress: Progress | None = None,
) -> LibraryReport:
    """Ingest a folder on the server (admins), then update the search indexes.

    Raises:
        PermissionDenied: unless the user may ingest server folders.
        StoreError: when the folder does not exist.
    """
    require(user, Permission.INGEST_FOLDER)
    folder = folder.expanduser()
    if not folder.is_dir():
        raise StoreError(f"no folder {folder} on the server")
    return _ingest(home, user, [folder], Limits(), {}, on_file, progress)


def remove_document(
    home: Path, user: User, document_id: str, *, progress: Progress | None = None
) -> LibraryReport:
    """Remove one document version, then update the search indexes.

    Raises:
        PermissionDenied: unless the user may remove documents.
        NotFoundError: when there is no such document.
    """
    require(user, Permission.REMOVE_DOCUMENT)
    with open_store(home) as store:
        store.delete_document(document_id)
        return LibraryReport(index=_sync(home, store, progress))


def pending_versions(home: Path, user: User) -> list[dict[str, Any]]:
    """New versions waiting for an admin (all for admins, a reviewer's own otherwise), each with
    its work's version in force (``in_force``).

    Raises:
        PermissionDenied: unless the user may upload.
    """
    require(user, Permission.UPLOAD)
    with open_store(home) as store:
        return list_pending(store, user)


def confirm_version(
    home: Path,
    user: User,
    pending_id: int,
    *,
    on_file: Callable[[FileOutcome], None] | None = None,
    progress: Progress | None = None,
) -> LibraryReport:
    """Ingest a pending version as the admin ``user`` (it may become the version in force),
    then update the search indexes.

    Raises:
        PermissionDenied: unless the user may confirm versions (admins).
        NotFoundError: when no version with that id is waiting.
        StoreError: when the held file is gone or no longer the file that was sent.
    """
    require(user, CONFIRM_VERSIONS)
    with open_store(home) as store:
        row = pending_row(store, user, pending_id)
        path = Path(row["path"])
        if not _holds(path, row["sha256"]):  # held on another server: the store keeps it
            data = read_file(store.db, row["sha256"])
            if data is not None:
                (path,) = _save(home, [Upload(row["file_name"], data)])
    if not _holds(path, row["sha256"]):
        raise StoreError(
            f"the held file of {row['file_name']!r} is missing or changed ({path}); "
            "reject this version and ask for the file again"
        )
    names = {str(path): row["file_name"]}
    report = _ingest(
        home, user, [path], Limits(max_file_mb=MAX_UPLOAD_MB), names, on_file, progress
    )
    stored = next((o.document_id for o in report.outcomes if o.document_id), None)
    if stored is not None:
        with open_store(home) as store:
            mark_decided(store, user, pending_id, "confirmed", stored)
    return report


def _holds(path: Path, digest: str) -> bool:
    """Whether ``path`` is a file on this server with the SHA-256 ``digest``."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == digest
    except OSError:
        return False


def reject_version(home: Path, user: User, pending_id: int) -> None:
    """Refuse a pending version: it is never stored, and its held file is deleted.

    Raises:
        PermissionDenied: unless the user may confirm versions (admins).
        NotFoundError: when no version with that id is waiting.
    """
    require(user, CONFIRM_VERSIONS)
    with open_store(home) as store:
        row = pending_row(store, user, pending_id)
        mark_decided(store, user, pending_id, "rejected")
    path = Path(row["path"])
    if path.resolve().is_relative_to((home / UPLOAD_DIR).resolve()):
        path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # its folder, when nothing else is in it
            path.parent.rmdir()


def _ingest(
    home: Path,
    user: User,
    paths: list[Path],
    limits: Limits,
    names: dict[str, str],
    on_file: Callable[[FileOutcome], None] | None,
    progress: Progress | None,
) -> LibraryReport:
    report = LibraryReport()

    def collect(stored: Stored) -> None:
        outcome = FileOutcome.from_stored(stored, names.get(stored.result.path))
        report.outcomes.append(outcome)
        if on_file is not None:
            on_file(outcome)

    with open_store(home) as store:
        if user.can(CONFIRM_VERSIONS):
            ingest_paths(store, paths, limits=limits, on_result=collect, actor=user.username)
        else:
            for result in load_corpus(paths, limits=limits):
                name = names.get(result.path) or Path(result.path).name
                if needs_confirmation(store, user, result):
                    held = _held(result, name, hold_version(store, user, result, name))
                    report.outcomes.append(held)
                    if on_file is not None:
                        on_file(held)
                else:
                    collect(store.write(result, user.username))
        report.index = _sync(home, store, progress)
        fresh = [o.document_id for o in report.outcomes if o.new and o.document_id]
        report.suggestions = suggest_for_new(
            store, choose_embedder(home), fresh, IndexFolder(home / INDEX_DIR)
        )
    return report


def _held(result: IngestResult, name: str, pending_id: int) -> FileOutcome:
    """The outcome of a file held as a pending version: not stored, waiting for an admin."""
    doc = result.document
    assert doc is not None
    note = {
        "code": "INGEST_NEW_VERSION",
        "severity": "info",
        "message": f"{name}: a new version of {doc.work_id}; held as pending #{pending_id} "
        "until an admin confirms it (not in force, not searchable before)",
    }
    return FileOutcome(
        path=result.path,
        name=name,
        status=str(result.status),
        document_id=None,
        provisions=len(doc.all_provisions()),
        new=False,
        findings=(
            *(
                {
                    "code": f.code,
                    "severity": str(f.severity),
                    "message": f.message.replace(result.path, name),
                }
                for f in result.findings
            ),
            note,
        ),
        pending_id=pending_id,
    )


def _sync(home: Path, store: Store, progress: Progress | None) -> BuildReport:
    folder = IndexFolder(home / INDEX_DIR)
    return sync_indexes(store, folder, choose_embedder(home), progress=progress)
