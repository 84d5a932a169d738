"""What a queued job of each kind does (``JobQueue.run_next`` and ``QueueRunner`` take these
handlers), and the payloads the app queues: data that any server on the store can run, so that
an ingest outlives the server it was sent to.

Each handler reads the user from the store when it runs, so a permission withdrawn meanwhile is
refused then, as it would be at submission.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from index.accounts import Accounts, User
from index.bulk.queue import ClaimedJob, Handler, encode_result
from index.library.changes import (
    FileOutcome,
    Upload,
    confirm_version,
    ingest_folder,
    ingest_uploads,
    store_uploads,
    stored_uploads,
)
from index.library.intake import ingest_paths
from index.search.build import choose_embedder, sync_indexes
from index.search.generations import IndexFolder
from index.settings import INDEX_DIR
from index.store.database import Stored, open_store
from ingest.corpus import iter_files

INGEST = "ingest"
UPLOAD = "upload"
FOLDER = "folder"
CONFIRM = "confirm"
_OUTCOME_FIELDS = frozenset(f.name for f in dataclasses.fields(FileOutcome))


def ingest_handler(home: Path) -> Handler:
    """The handler of ``ingest`` jobs in the workspace ``home``.

    The payload is ``{"paths": [...], "embedder": name or null}`` (files and folders every
    server can read). The stored documents are searchable by keywords as soon as the files are
    stored; their vectors follow, and the job is done when they are in the index too.
    """

    def run(job: ClaimedJob) -> None:
        paths = [Path(p) for p in job.payload["paths"]]
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise FileNotFoundError(f"no such file or folder on {job.queue.worker}: {missing}")
        embedder = job.payload.get("embedder") or choose_embedder(home)
        folder = IndexFolder(home / INDEX_DIR)
        total = sum(1 for _ in iter_files(paths))
        job.progress("ingesting", 0, total)
        with open_store(home) as store:
            done = 0

            def on_result(stored: Stored) -> None:
                nonlocal done
                done += 1
                job.add_result(encode_result(FileOutcome.from_stored(stored)))
                job.progress("ingesting", done, total)

            ingest_paths(store, paths, on_result=on_result, actor=job.owner)
            sync_indexes(store, folder, embedder, dense=False)  # searchable by keywords now
            sync_indexes(store, folder, embedder, progress=job.progress)  # and densely later

    return run


def upload_job(home: Path, user: User, uploads: Sequence[Upload]) -> dict[str, Any]:
    """Keep ``uploads`` in the store and return the payload of an ``upload`` job that ingests
    them as ``user``: ``{"user": name, "files": [{"sha256": …, "name": …}, …]}``, which any
    server on the store can run.

    Raises:
        PermissionDenied: unless the user may upload.
        StoreError: for a file over the upload limit (nothing is kept or queued).
    """
    digests = store_uploads(home, user, uploads)
    return {
        "user": user.username,
        "files": [{"sha256": d, "name": u.name} for d, u in zip(digests, uploads, strict=True)],
    }


def folder_job(user: User, folder: Path) -> dict[str, Any]:
    """The payload of a ``folder`` job: ingest a server folder as ``user`` (admins)."""
    return {"user": user.username, "folder": str(folder)}


def confirm_job(user: User, pending_id: int) -> dict[str, Any]:
    """The payload of a ``confirm`` job: ingest a pending version as the admin ``user``."""
    return {"user": user.username, "pending_id": int(pending_id)}


def _user(home: Path, username: str) -> User:
    with open_store(home) as store:
        return Accounts(store).get(username)


def upload_handler(home: Path) -> Handler:
    """Ingest the files of an :func:`upload_job`, then update the search indexes."""

    def run(job: ClaimedJob) -> None:
        user = _user(home, job.payload["user"])
        uploads = _uploads(home, job.payload["files"], job.queue.worker)
        job.progress("ingesting", 0, len(uploads))
        done = 0

        def on_file(outcome: FileOutcome) -> None:
            nonlocal done
            done += 1
            job.add_result(encode_result(outcome))
            job.progress("ingesting", done, len(uploads))

        ingest_uploads(home, user, uploads, on_file=on_file, progress=job.progress)

    return run


def _uploads(home: Path, files: list[Any], worker: str) -> list[Upload]:
    """The uploads of an ``upload`` job, read from the store; a job queued by an older
    PolicyLens names saved files (``[path, name]`` pairs), read from this server's disk.

    Raises:
        StoreError: when the store lacks a sent file.
        FileNotFoundError: when an older job's file is not on this server.
    """
    if all(isinstance(f, dict) for f in files):
        return stored_uploads(home, [(f["sha256"], f["name"]) for f in files])
    saved = [(Path(p), name) for p, name in files]
    missing = [name for p, name in saved if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"the sent files are not on {worker}: {missing}")
    return [Upload(name, p.read_bytes()) for p, name in saved]


def _reporting(job: ClaimedJob) -> dict[str, Any]:
    """The callbacks that record each file's outcome and the progress on ``job``."""
    return {
        "on_file": lambda outcome: job.add_result(encode_result(outcome)),
        "progress": job.progress,
    }


def folder_handler(home: Path) -> Handler:
    """Ingest the server folder of a :func:`folder_job`, then update the search indexes."""

    def run(job: ClaimedJob) -> None:
        user = _user(home, job.payload["user"])
        job.progress("ingesting", 0, 0)
        ingest_folder(home, user, Path(job.payload["folder"]), **_reporting(job))

    return run


def confirm_handler(home: Path) -> Handler:
    """Ingest the pending version of a :func:`confirm_job`, then update the search indexes."""

    def run(job: ClaimedJob) -> None:
        user = _user(home, job.payload["user"])
        job.progress("ingesting", 0, 1)
        confirm_version(home, user, int(job.payload["pending_id"]), **_reporting(job))

    return run


def default_handlers(home: Path) -> dict[str, Handler]:
    """Every job kind a server of the workspace ``home`` runs."""
    return {
        INGEST: ingest_handler(home),
        UPLOAD: upload_handler(home),
        FOLDER: folder_handler(home),
        CONFIRM: confirm_handler(home),
    }


def job_result(result: Any) -> Any:
    """A result kept in a job's row as the app shows it: a file's outcome as a
    :class:`FileOutcome`, anything else as kept."""
    if isinstance(result, dict) and result.keys() >= _OUTCOME_FIELDS:
        return FileOutcome(
            **{k: v for k, v in result.items() if k in _OUTCOME_FIELDS and k != "findings"},
            findings=tuple(result["findings"]),
        )
    return result
