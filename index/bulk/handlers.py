"""What a queued job of each kind does (``JobQueue.run_next`` takes these handlers)."""

from __future__ import annotations

from pathlib import Path

from index.bulk.queue import ClaimedJob, Handler
from index.library.intake import ingest_paths
from index.search.build import choose_embedder, sync_indexes
from index.search.generations import IndexFolder
from index.settings import INDEX_DIR
from index.store.database import Stored, open_store
from ingest.corpus import iter_files

INGEST = "ingest"


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
                job.add_result(
                    {
                        "path": stored.result.path,
                        "status": str(stored.result.status),
                        "document_id": stored.document_id,
                        "provisions": stored.provisions,
                        "new": stored.changed,
                    }
                )
                job.progress("ingesting", done, total)

            ingest_paths(store, paths, on_result=on_result, actor=job.owner)
            sync_indexes(store, folder, embedder, dense=False)  # searchable by keywords now
            sync_indexes(store, folder, embedder, progress=job.progress)  # and densely later

    return run


def default_handlers(home: Path) -> dict[str, Handler]:
    """Every job kind a server of the workspace ``home`` runs."""
    return {INGEST: ingest_handler(home)}
