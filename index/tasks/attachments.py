"""Files that show a task done: the task's attachments, kept in their own table.

An attachment is never a library document: it is not parsed, not indexed, not searchable and
never a version of a work, so whoever may update a task (a department user for the tasks its
body leads) can attach any file without being able to change the law the library holds. The
bytes are kept in the store (:mod:`index.store.stored_files`), so every app server on a shared
store serves them; attaching writes the bytes, the row and an audit row in the task's history in
one transaction (:func:`index.tasks.checkpoint.anchored_change`, which also moves the chain's
checkpoint).

An attachment made by an older PolicyLens names its file under
``<workspace>/attachments/<task id hash>/<sha256>``: it is read there, on the server that
received it, and copied into the store on that first read (or by ``policylens backup``).
"""

from __future__ import annotations

import mimetypes
import unicodedata
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from index.accounts import Permission, User, require
from index.store.database import NotFoundError, Store, StoreError
from index.store.stored_files import STORED, keep_file, read_file, sha256_of
from index.tasks.audit import write_audit
from index.tasks.checkpoint import anchored_change
from index.tasks.ledger import Ledger

ATTACHMENT_DIR = "attachments"  # where an older PolicyLens kept the bytes, one folder per task
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
    digest = sha256_of(data)
    now = datetime.now(UTC).isoformat(timespec="microseconds")
    with anchored_change(store):  # one transaction; the audit checkpoint follows it
        row = store.db.execute(
            "SELECT * FROM task_attachments WHERE task_id=? AND sha256=?",
            (task.task_id, digest),
        ).fetchone()
        if row is not None:
            return Attachment.from_row(row)
        keep_file(store.db, data, actor.username)
        cursor = store.db.execute(
            "INSERT INTO task_attachments (task_id, file_name, stored_name, sha256, size, "
            "media_type, note, uploaded_by, uploaded_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                task.task_id,
                name,
                f"{STORED}{digest}",
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
        StoreError: when its bytes are missing or no longer match the hash (in the store, or
            on disk for an attachment made by an older PolicyLens).
    """
    require(actor, Permission.SEARCH)
    row = store.db.execute("SELECT * FROM task_attachments WHERE id=?", (attachment_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no attachment {attachment_id}")
    attachment = Attachment.from_row(row)
    data = read_file(store.db, attachment.sha256)
    if data is not None:
        return attachment, data
    if attachment.stored_name.startswith(STORED):
        raise StoreError(
            f"the bytes of attachment {attachment.file_name!r} are missing from the store; "
            "restore the store from a backup"
        )
    return attachment, _adopted(store, attachment)


def _adopted(store: Store, attachment: Attachment) -> bytes:
    """The bytes of an attachment an older PolicyLens kept on this server's disk, now copied
    into the store so that every server serves them.

    Raises:
        StoreError: when the file is not on this server or was changed on disk.
    """
    path = _home(store) / attachment.stored_name
    try:
        data = path.read_bytes()
    except OSError:
        raise StoreError(
            f"the file of attachment {attachment.file_name!r} is missing ({path}); it was "
            "attached on one server by an older PolicyLens: open it on that server, or run "
            "`policylens backup` there (either copies it into the store), or restore the "
            "workspace's attachments folder from a backup"
        ) from None
    if sha256_of(data) != attachment.sha256:
        raise StoreError(
            f"the file of attachment {attachment.file_name!r} was changed on disk ({path}); "
            "restore it from a backup"
        )
    keep_file(store.db, data, attachment.uploaded_by)
    return data


def _home(store: Store) -> Path:
    """The workspace: the folder of the store's database file."""
    return store.path.parent
