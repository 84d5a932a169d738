"""Changing the library on a user's behalf: uploads, a server folder, removal, each followed by an
index update. Every entry point checks the user's permission first (index/accounts.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.accounts import Permission, User, require
from index.library.intake import ingest_paths
from index.search.build import BuildReport, Progress, choose_embedder, sync_indexes
from index.search.generations import IndexFolder
from index.settings import INDEX_DIR
from index.store.database import Store, Stored, StoreError, open_store
from index.tasks.evidence import suggest_for_new
from index.tasks.ledger import Ledger
from ingest import Limits

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
    no-op). Size and format are judged by ingest, so each file still gets its result.

    Raises:
        PermissionDenied: unless the user may upload.
    """
    require(user, Permission.UPLOAD)
    return _save(home, uploads)


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


def ingest_evidence(
    home: Path,
    user: User,
    task_ref: str,
    upload: Upload,
    *,
    note: str = "",
    on_file: Callable[[FileOutcome], None] | None = None,
    progress: Progress | None = None,
) -> LibraryReport:
    """Ingest a document that shows a task done and attach it to the task as evidence.

    A department user may do this for the tasks its department leads, although it may not
    upload documents otherwise: the file goes into the library as evidence of that task.

    Raises:
        PermissionDenied: unless the user may change the task.
        NotFoundError: when there is no such task.
    """
    with open_store(home) as store:
        task = Ledger(store).check_can_change(user, task_ref)
    paths = _save(home, [upload])
    names = {str(paths[0]): upload.name}
    report = _ingest(home, user, paths, Limits(max_file_mb=MAX_UPLOAD_MB), names, on_file, progress)
    outcome = report.outcomes[0] if report.outcomes else None
    if outcome is not None and outcome.document_id:
        with open_store(home) as store:
            Ledger(store).attach_evidence(user, task.task_id, outcome.document_id, None, note)
    return report


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
        ingest_paths(store, paths, limits=limits, on_result=collect, actor=user.username)
        report.index = _sync(home, store, progress)
        fresh = [o.document_id for o in report.outcomes if o.new and o.document_id]
        report.suggestions = suggest_for_new(store, choose_embedder(home), fresh)
    return report


def _sync(home: Path, store: Store, progress: Progress | None) -> BuildReport:
    folder = IndexFolder(home / INDEX_DIR)
    return sync_indexes(store, folder, choose_embedder(home), progress=progress)
