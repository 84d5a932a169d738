"""Parsing on Ray: files in chunks, one Ray task per chunk, each file under the usual limits.

A task runs :func:`ingest.load_corpus` over its chunk, so each file is parsed in the same
sandboxed worker process, under the same time, memory and size limits, as a plain ingest; a
file that overruns them gives a FAILED result and the rest of the chunk goes on. Results come
back to the driver in the order of the files, so the one writer stores them in the same order
as a plain ingest and the documents get the same ids.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ingest import IngestResult, Limits, load_corpus

# Files per task: at least enough to spread a sandboxed worker's start-up (about a second) over
# several files, few enough that two workers share a small batch evenly; a large load gets up to
# MAX_CHUNK_FILES a task (about four tasks a worker), so the start-ups stay a small share.
CHUNK_FILES = 8
MAX_CHUNK_FILES = 64
# Tasks in flight per worker: enough to keep every worker busy while the writer stores, few
# enough that parsed texts do not pile up in Ray's object store when the writer is the slower.
IN_FLIGHT_PER_WORKER = 3


def chunk_size(files: int, workers: int) -> int:
    """Files per parse task for ``files`` files on ``workers`` workers."""
    return max(CHUNK_FILES, min(MAX_CHUNK_FILES, files // (workers * 4)))


def parse_files(files: Sequence[str], catalog: str | None, limits: Limits) -> list[IngestResult]:
    """Parse these files (in a Ray task) one by one, each in a sandboxed worker under
    ``limits``; one result per file, in order."""
    return list(
        load_corpus(
            [Path(f) for f in files],
            catalog=Path(catalog) if catalog else None,
            limits=limits,
            sandbox=True,
        )
    )


def chunks(files: Sequence[Path], size: int) -> list[list[str]]:
    """The files in consecutive chunks of at most ``size`` (as strings, for the tasks)."""
    return [[str(f) for f in files[i : i + size]] for i in range(0, len(files), size)]


def parse_in_ray(
    ray: Any,
    files: Sequence[Path],
    *,
    catalog: Path | None,
    limits: Limits,
    chunk: int | None = None,
    workers: int = 1,
) -> Iterator[list[IngestResult]]:
    """Parse ``files`` in Ray tasks; yields each chunk's results in file order.

    At most :data:`IN_FLIGHT_PER_WORKER` chunks a worker are submitted ahead of the one the
    driver waits for (in order), so it stores chunk n while later chunks are being parsed.
    Leaving the loop early (strict mode) cancels the chunks in flight.
    """
    task = ray.remote(num_cpus=1, max_retries=1)(parse_files)
    where = str(catalog) if catalog else None
    parts = iter(chunks(files, chunk or chunk_size(len(files), workers)))
    pending: deque[Any] = deque()

    def submit(count: int) -> None:
        for part in parts:
            pending.append(task.remote(part, where, limits))
            if len(pending) >= count:
                return

    submit(max(1, workers) * IN_FLIGHT_PER_WORKER)
    try:
        while pending:
            results: list[IngestResult] = ray.get(pending[0])
            pending.popleft()
            submit(max(1, workers) * IN_FLIGHT_PER_WORKER)
            yield results
    finally:
        for ref in pending:
            ray.cancel(ref, force=True)
