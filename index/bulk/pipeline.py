"""Bulk ingest and rebuild on Ray: parse in Ray tasks, store through one writer (this driver),
make each stored batch searchable by keywords at once, then embed on Ray Data while the
published generations show the dense side filling in.

The result is the same as a plain ``policylens ingest``: the files are stored in the same order
(so documents and articles get the same ids) and each passage is embedded by the same model into
the same cache, from which the final generation is built exactly as a plain sync builds it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from index.bulk.cluster import RayPlan, ray_session
from index.bulk.embedding import embed_in_ray
from index.bulk.parsing import parse_in_ray
from index.library.intake import IngestSummary
from index.search.build import BuildReport, Progress, sync_indexes
from index.search.generations import IndexFolder
from index.store.database import Store, Stored
from index.store.passages import passage_key
from ingest import Limits, Status
from ingest.corpus import iter_files

# Seconds between two generations published while a bulk run goes on: each one rebuilds BM25
# over every unit, so publishing after every batch of a large load would cost more than it gives.
PUBLISH_SECONDS = 10.0
# A publish costs about 0.13 ms per stored article here (bench/bench_ray_ingest.py --writer): an
# hour at 30 million. The wait after a publish is at least this many times its duration, so that
# publishing takes at most a tenth of the writer's time however large the store grows.
PUBLISH_WAIT_FACTOR = 9.0


@dataclass(slots=True)
class BulkReport:
    """What a bulk run did, and how long each stage took."""

    summary: IngestSummary
    embedded: int
    build: BuildReport
    published: int  # generations published before the final one
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class Publisher:
    """Publishes a generation (keywords for every unit, vectors for those embedded so far) at
    most every ``every`` seconds, and at most every :data:`PUBLISH_WAIT_FACTOR` times the last
    publish's duration, so other searches see progress while the run goes on; ``every=0``
    publishes after every batch (tests)."""

    store: Store
    folder: IndexFolder
    embedder: str
    every: float = PUBLISH_SECONDS
    count: int = 0
    spent: float = 0.0  # seconds the last publish took
    _last: float = field(default_factory=time.monotonic)

    def maybe(self) -> None:
        """Publish if long enough has passed since the last one."""
        wait = max(self.every, self.spent * PUBLISH_WAIT_FACTOR) if self.every > 0 else 0.0
        if time.monotonic() - self._last >= wait:
            self.now()

    def now(self) -> None:
        """Publish now."""
        start = time.monotonic()
        if sync_indexes(self.store, self.folder, self.embedder, dense=False).generation:
            self.count += 1
        self._last = time.monotonic()
        self.spent = self._last - start


def bulk_ingest(
    store: Store,
    folder: IndexFolder,
    paths: Iterable[Path],
    *,
    embedder: str,
    plan: RayPlan,
    catalog: Path | None = None,
    limits: Limits | None = None,
    strict: bool = False,
    on_result: Callable[[Stored], None] | None = None,
    actor: str | None = None,
    progress: Progress | None = None,
    publish_every: float = PUBLISH_SECONDS,
) -> BulkReport:
    """Ingest ``paths`` on Ray and bring the indexes up to date.

    Args:
        store: the open store (this process is its only writer during the run).
        folder: the index folder.
        paths: files and folders.
        embedder: the embedder's name.
        plan: the Ray address and the number of workers.
        catalog: an explicit catalog file.
        limits: per-file limits (the same as a plain ingest's).
        strict: stop at the first FAILED file (raises ``RuntimeError`` after storing it).
        on_result: called with each stored result, in file order.
        actor: the user name recorded in the ingest log.
        progress: called as progress(stage, done, total).
        publish_every: seconds between the generations published during the run.

    Returns:
        The counts, the final build's report and the time of each stage.

    Raises:
        RayUnavailableError: when Ray is missing or the address cannot be reached.
    """
    files = list(iter_files(paths))
    summary = IngestSummary()
    publisher = Publisher(store, folder, embedder, publish_every)
    seconds: dict[str, float] = {}
    with ray_session(plan) as ray:
        start = time.perf_counter()
        for results in parse_in_ray(
            ray, files, catalog=catalog, limits=limits or Limits(), workers=plan.workers
        ):
            for result in results:
                stored = store.write(result, actor)
                summary.add(stored)
                if on_result is not None:
                    on_result(stored)
                if strict and result.status is Status.FAILED:
                    raise RuntimeError(f"{result.path}: {result.findings[0].message} (--strict)")
            if progress:
                progress("parsing", summary.files, len(files))
            publisher.maybe()
        publisher.now()  # every stored document is searchable by keywords from here on
        seconds["parse"] = time.perf_counter() - start
        embedded = embed_missing(ray, store, publisher, plan, progress)
        seconds["embed"] = time.perf_counter() - start - seconds["parse"]
    start = time.perf_counter()
    # The final generation is built afresh from the cache, in unit order, as a first plain
    # build is: the generations published meanwhile added vectors in the order they came back,
    # and equal vectors (repeated passages) would then tie in another order.
    changed = bool(embedded or summary.new_documents)
    build = sync_indexes(store, folder, embedder, full=changed, progress=progress)
    seconds["index"] = time.perf_counter() - start
    return BulkReport(summary, embedded, build, publisher.count, seconds)


def bulk_rebuild(
    store: Store,
    folder: IndexFolder,
    *,
    embedder: str,
    plan: RayPlan,
    progress: Progress | None = None,
    publish_every: float = PUBLISH_SECONDS,
) -> BulkReport:
    """Embed on Ray every stored passage with no cached vector, then rebuild the indexes.

    Raises:
        RayUnavailableError: when Ray is missing or the address cannot be reached.
    """
    publisher = Publisher(store, folder, embedder, publish_every)
    seconds: dict[str, float] = {}
    with ray_session(plan) as ray:
        start = time.perf_counter()
        embedded = embed_missing(ray, store, publisher, plan, progress)
        seconds["embed"] = time.perf_counter() - start
    start = time.perf_counter()
    build = sync_indexes(store, folder, embedder, full=True, progress=progress)
    seconds["index"] = time.perf_counter() - start
    return BulkReport(IngestSummary(), embedded, build, publisher.count, seconds)


def embed_missing(
    ray: Any,
    store: Store,
    publisher: Publisher,
    plan: RayPlan,
    progress: Progress | None,
) -> int:
    """Embed on Ray the stored passages with no cached vector of the publisher's embedder;
    the vectors are cached batch by batch (a run killed half-way resumes), and a generation
    with the vectors so far is published now and then."""
    name = publisher.embedder
    units = store.search_units()
    keys = [passage_key(u.passage) for u in units]
    have = store.cached_keys(name, keys)
    todo: dict[str, str] = {}
    for unit, key in zip(units, keys, strict=True):
        if key not in have:
            todo.setdefault(key, unit.passage)
    done = 0
    if progress:
        progress("embedding", 0, len(todo))

    def on_vectors(batch_keys: list[str], vectors: np.ndarray) -> None:
        nonlocal done
        rows = [(k, v.tobytes()) for k, v in zip(batch_keys, vectors, strict=True)]
        store.cache_vectors(name, rows)
        done += len(rows)
        if progress:
            progress("embedding", done, len(todo))
        publisher.maybe()

    return embed_in_ray(ray, list(todo.items()), name, plan, on_vectors)
