"""Background jobs: long work (ingest, index updates) runs on a worker thread, outside any one
request, so the person who started it and everyone else keep working while it runs.

One worker runs jobs in order: ingests write the same store and index folder, and parsing
already runs in sandboxed processes, so a second worker would only contend for the two cores.

:class:`JobView` is how every job is shown. :class:`JobRunner` keeps its jobs in one process's
memory (scripts, tests); the app's jobs are rows of the store instead, run by any app server on
it (``index.bulk.queue.QueueRunner``, which hands a job given as a function a :class:`Job`).
"""

from __future__ import annotations

import itertools
import threading
import traceback
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

KEEP_FINISHED = 50


@dataclass(frozen=True, slots=True)
class JobView:
    """A snapshot of one job for display."""

    id: str
    kind: str
    owner: str
    label: str
    state: str  # queued, running, done, failed
    stage: str
    done: int
    total: int
    results: tuple[Any, ...]
    error: str | None
    submitted: str
    finished: str | None
    sequence: int = 0  # submission order (timestamps can tie)

    @property
    def active(self) -> bool:
        return self.state in ("queued", "running")


@dataclass(slots=True)
class Job:
    """A running job's mutable state; its function reports through :meth:`progress` and
    :meth:`add_result`."""

    view: JobView
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def progress(self, stage: str, done: int, total: int) -> None:
        with self._lock:
            self.view = replace(self.view, stage=stage, done=done, total=total)

    def add_result(self, result: Any) -> None:
        with self._lock:
            self.view = replace(self.view, results=(*self.view.results, result))

    def _set(self, **changes: Any) -> None:
        with self._lock:
            self.view = replace(self.view, **changes)


class JobRunner:
    """A queue of jobs in one process's memory; they end with it."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="policylens-job")
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._sequence = itertools.count(1)

    def submit(self, kind: str, owner: str, label: str, work: Callable[[Job], None]) -> str:
        """Queue ``work(job)``; returns the job id. An exception fails the job, with its
        message kept for display; it never reaches another job."""
        view = JobView(
            id=uuid.uuid4().hex[:12],
            kind=kind,
            owner=owner,
            label=label,
            state="queued",
            stage="waiting",
            done=0,
            total=0,
            results=(),
            error=None,
            submitted=_stamp(),
            finished=None,
            sequence=next(self._sequence),
        )
        job = Job(view)
        with self._lock:
            self._jobs[view.id] = job
            self._forget_old()
        self._pool.submit(self._run, job, work)
        return view.id

    def _run(self, job: Job, work: Callable[[Job], None]) -> None:
        job._set(state="running", stage="starting")
        try:
            work(job)
        except BaseException as exc:  # noqa: BLE001 - even SystemExit only fails this job
            job._set(
                state="failed",
                error=str(exc) or type(exc).__name__,
                stage=traceback.format_exception_only(exc)[-1].strip()[:200],
                finished=_stamp(),
            )
        else:
            job._set(state="done", stage="finished", finished=_stamp())

    def get(self, job_id: str) -> JobView | None:
        with self._lock:
            job = self._jobs.get(job_id)
        return job.view if job else None

    def jobs(self, owner: str | None = None) -> list[JobView]:
        """Snapshots, newest first; only ``owner``'s when given."""
        with self._lock:
            views = [j.view for j in self._jobs.values()]
        views = [v for v in views if owner is None or v.owner == owner]
        return sorted(views, key=lambda v: v.sequence, reverse=True)

    def wait(self, job_id: str, timeout: float = 60.0) -> JobView | None:
        """Block until a job finishes (tests and scripts); None on timeout."""
        done = threading.Event()

        def check() -> None:
            done.set()

        # The single worker runs jobs in order, so an empty job queued now ends after this one.
        self._pool.submit(check)
        if not done.wait(timeout):
            return None
        return self.get(job_id)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _forget_old(self) -> None:
        finished = [j for j in self._jobs.values() if not j.view.active]
        for job in sorted(finished, key=lambda j: j.view.sequence)[:-KEEP_FINISHED]:
            self._jobs.pop(job.view.id, None)


def _stamp() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
