"""Files that show a task done: the task's attachments, kept in their own table and folder.

An attachment is never a library document: it is not parsed, not indexed, not searchable and
never a version of a work, so whoever may update a task (a department user for the tasks its
body leads) can attach any file without being able to change the law the library holds. The
bytes live under ``<workspace>/attachments/<task id hash>/<sha256>`` (folders 700, files 600);
attaching writes an audit row in the task's history in the same transaction as the row
(:func:`index.tasks.checkpoint.anchored_change`, which also moves the chain's checkpoint).
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import unicodedata
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from index.accounts import Permission, User, require
from index.store.database import NotFoundError, Store, StoreError
from index.tasks.audit import write_audit
from index.tasks.checkpoint import anchored_change
from index.tasks.ledger import Ledger

ATTACHMENT_DIR = "attachments"
MAX_ATTACHMENT_MB = 50  # the app's upload limit (index/library/changes.py MAX_UPLOAD_MB)
MAX_NAME_CHARS = 200


@dataclass(frozen=True, slots=True)
class Attachment:
    """One file attached to a task, as the table holds it."""

    id: int
    task_id: str
    file_name: str
    stored_name: str
    sha256: str
    size: int
    media_type: str
    note: str
    uploaded_by: str
    uploaded_at: str

    @classmethod
    def from_row(cls, row: Any) -> Attachment:
        return cls(**{f.name: row[f.name] for f in fields(cls)})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def clean_file_name(name: str) -> str:
    """The last part of an uploaded name, without control or format characters (bidi overrides
    included), at most :data:`MAX_NAME_CHARS` characters; "attachment" when nothing is left."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    kept = "".join("_" if unicodedata.category(c) in ("Cc", "Cf") else c for c in base).strip()
    return kept[-MAX_NAME_CHARS:] or "attachment"


def check_size(size: int, name: str) -> None:
    """Refuse a file over :data:`MAX_ATTACHMENT_MB` before anything is written.

    Raises:
        StoreError: naming the file and the limit.
    """
    if size > MAX_ATTACHMENT_MB * 2**20:
        raise StoreError(
            f"{name}: {size / 2**20:.1f} MB is over the {MAX_ATTACHMENT_MB} MB limit for an "
            "attachment; send a smaller file (or a link to it in the note)"
        )


def attach_file(
    store: Store, actor: User, ref: str, name: str, data: bytes, note: str = ""
) -> Attachment:
    """Keep ``data`` as an attachment of task ``ref``, with an audit row in the same transaction.

    Attaching the same bytes to the same task again returns the attachment already there.

    Raises:
        PermissionDenied: unless ``actor`` may change the task (before anything is written).
        NotFoundError: when there is no such task.
        StoreError: for a file over the size limit.
    """
    task = Ledger(store).check_can_change(actor, ref)
    name = clean_file_name(name)
    check_size(len(data), name)
    digest = hashlib.sha256(data).hexdigest()
    stored_name = f"{ATTACHMENT_DIR}/{_task_folder(task.task_id)}/{digest}"
    path = _home(store) / stored_name
    written = _write_private(path, data)
    now = datetime.now(UTC).isoformat(timespec="microseconds")
    try:
        with anchored_change(store):  # one transaction; the audit checkpoint follows it
            row = store.db.execute(
                "SELECT * FROM task_attachments WHERE task_id=? AND sha256=?",
                (task.task_id, digest),
            ).fetchone()
            if row is not None:
                return Attachment.from_row(row)
            cursor = store.db.execute(
                "INSERT INTO task_attachments (task_id, file_name, stored_name, sha256, size, "
                "media_type, note, uploaded_by, uploaded_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    task.task_id,
                    name,
                    stored_name,
                    digest,
                    len(data),
                    mimetypes.guess_type(name)[0] or "application/octet-stream",
                    note,
                    actor.username,
                    now,
                ),
            )
            write_audit(
                store.db,
                task.task_id,
                actor.username,
                "attachment",
                None,
                f"{name} ({len(data)} bytes, sha256 {digest})",
                now,
            )
            row = store.db.execute(
                "SELECT * FROM task_attachments WHERE id=?", (cursor.lastrowid,)
            ).fetchone()
    except BaseException:
        if written:  # no row points at it: do not leave it behind
            path.unlink(missing_ok=True)
        raise
    return Attachment.from_row(row)


def attach_path(store: Store, actor: User, ref: str, path: Path, note: str = "") -> Attachment:
    """Attach a file on disk (the CLI), its size checked before it is read.

    Raises:
        PermissionDenied, NotFoundError, StoreError: as :func:`attach_file`; StoreError also
            when the file cannot be read.
    """
    Ledger(store).check_can_change(actor, ref)
    try:
        check_size(path.stat().st_size, path.name)
        data = path.read_bytes()
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}; check the path") from None
    return attach_file(store, actor, ref, path.name, data, note)


def attachments(store: Store, ref: str) -> list[Attachment]:
    """The files attached to a task, oldest first.

    Raises:
        NotFoundError: when there is no such task.
    """
    task = Ledger(store).task(ref)
    return [
        Attachment.from_row(r)
        for r in store.db.execute(
            "SELECT * FROM task_attachments WHERE task_id=? ORDER BY id", (task.task_id,)
        )
    ]


def attachment_bytes(store: Store, actor: User, attachment_id: int) -> tuple[Attachment, bytes]:
    """An attachment and its bytes, checked against the hash stored when it was attached.

    Raises:
        PermissionDenied: unless ``actor`` may read the knowledge base.
        NotFoundError: when there is no such attachment.
        StoreError: when its file is missing or was changed on disk.
    """
    require(actor, Permission.SEARCH)
    row = store.db.execute("SELECT * FROM task_attachments WHERE id=?", (attachment_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no attachment {attachment_id}")
    attachment = Attachment.from_row(row)
    path = _home(store) / attachment.stored_name
    try:
        data = path.read_bytes()
    except OSError:
        raise StoreError(
            f"the file of attachment {attachment.file_name!r} is missing ({path}); "
            "restore the workspace's attachments folder from a backup"
        ) from None
    if hashlib.sha256(data).hexdigest() != attachment.sha256:
        raise StoreError(
            f"the file of attachment {attachment.file_name!r} was changed on disk ({path}); "
            "restore it from a backup"
        )
    return attachment, data


def _home(store: Store) -> Path:
    """The workspace: the folder of the store's database file."""
    return store.path.parent


def _task_folder(task_id: str) -> str:
    """A task's folder name: task ids hold '#', '@' and Chinese text, a hash holds none."""
    return hashlib.sha256(task_id.encode("utf-8")).hexdigest()[:16]


def _write_private(path: Path, data: bytes) -> bool:
    """Write ``data`` at ``path`` (folders 700, the file 600) unless it is there already.

    Returns:
        True when this call wrote the file.
    """
    root = path.parent.parent
    for folder in (root, path.parent):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.chmod(0o700)
    if path.exists():
        return False
    tmp = path.with_name(f"{path.name}.{os.getpid()}.part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    tmp.replace(path)
    return True
