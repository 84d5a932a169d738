"""Background jobs as rows in the store: any app server on the store claims a queued job once,
runs it and records its progress there, so a job outlives the server that queued it.

The claim is one write transaction: on SQLite under the write lock (``BEGIN IMMEDIATE``), on
PostgreSQL with ``FOR UPDATE SKIP LOCKED`` so that servers polling at once each take a different
row. A running job's server beats a heartbeat with each progress report; a job whose heartbeat
is older than the lease (its server stopped) is claimed again, at most :data:`MAX_ATTEMPTS`
times, then failed with the reason.

:class:`QueueRunner` is one server's side of it: a daemon thread that claims the jobs any server
queued and runs them with the handlers (``index.bulk.handlers``), beating the heartbeat of the
jobs this server holds while they run. A job given as a Python function (not data) can only run
in the process that queued it: its row is pinned to that server, shown everywhere, and failed
with the reason by another server if its own stops before running it.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from index.library.jobs import Job, JobView
from index.store.database import Store, StoreError, open_store
from index.store.transactions import transaction

logger = logging.getLogger(__name__)
LEASE_SECONDS = 300.0
MAX_ATTEMPTS = 3
POLL_SECONDS = 1.0  # how often an idle server looks for jobs queued elsewhere
IN_PROCESS = "in_process"  # payload key of a job given as a function: the server that holds it
_COLUMNS = (
    "id, kind, owner, label, payload, state, stage, done, total, attempts, claimed_by, "
    "results, error, submitted_at, finished_at"
)


class LostJobError(StoreError):
    """This server no longer holds the job (its lease ran out and another server took it)."""


@dataclass(frozen=True, slots=True)
class ClaimedJob:
    """A job this server holds: what to do (``payload``) and how to report on it."""

    queue: JobQueue
    id: int
    kind: str
    owner: str
    payload: dict[str, Any]
    attempts: int

    def progress(self, stage: str, done: int, total: int) -> None:
        """Record progress (and beat the heartbeat)."""
        self.queue.update(self.id, stage=stage, done=done, total=total)

    def add_result(self, result: Mapping[str, Any]) -> None:
        """Append one JSON-able result (a file's outcome) to the job's record."""
        self.queue.add_result(self.id, result)


Handler = Callable[[ClaimedJob], None]


def stamp(at: datetime | None = None) -> str:
    """A UTC time as the queue writes it (ISO 8601, milliseconds: strings compare in order)."""
    return (at or datetime.now(UTC)).isoformat(timespec="milliseconds")


class JobQueue:
    """The jobs table of one store, seen from one server (``worker`` names it)."""

    def __init__(
        self, store: Store, *, worker: str | None = None, lease: float = LEASE_SECONDS
    ) -> None:
        self.store = store
        self.worker = worker or f"{socket.gethostname()}:{os.getpid()}"
        self.lease = lease
        # PostgreSQL lets concurrent claimers skip each other's locked rows; SQLite has one writer
        postgres = getattr(store, "dialect", "sqlite") == "postgresql"
        self._skip_locked = " FOR UPDATE SKIP LOCKED" if postgres else ""

    def submit(
        self,
        kind: str,
        owner: str,
        label: str,
        payload: Mapping[str, Any],
        *,
        pinned: bool = False,
    ) -> int:
        """Queue a job; returns its id.

        Args:
            kind: which handler runs it.
            owner: the user it is run for.
            label: what the job list shows.
            payload: the handler's arguments (JSON-able).
            pinned: only this server may run it (its work is in this process's memory) while it
                beats the job's heartbeat; once the lease runs out any server may claim it.
        """
        holder, beat = (self.worker, stamp()) if pinned else (None, None)
        with transaction(self.store.db):
            row = self.store.db.execute(
                "INSERT INTO jobs (kind, owner, label, payload, submitted_at, claimed_by, "
                "heartbeat_at) VALUES (?,?,?,?,?,?,?) RETURNING id",
                (
                    kind,
                    owner,
                    label,
                    json.dumps(dict(payload), ensure_ascii=False),
                    stamp(),
                    holder,
                    beat,
                ),
            ).fetchone()
        return int(row[0])

    # A job is free when queued and not pinned to another live server, or when its server
    # stopped beating (running or pinned); the parameters are (worker, stale, stale).
    _FREE = (
        "((state='queued' AND (claimed_by IS NULL OR claimed_by=? OR heartbeat_at < ?)) "
        "OR (state='running' AND heartbeat_at < ?))"
    )

    def claim(self, kinds: tuple[str, ...] = ()) -> ClaimedJob | None:
        """Take the oldest free job (of ``kinds``, when given): queued, or held by a server that
        stopped beating; None when there is none. Two servers never get the same job.

        An idle look is one read; the write lock is taken only when a job is waiting.
        """
        stale = stamp(datetime.now(UTC) - timedelta(seconds=self.lease))
        kind_clause = f" AND kind IN ({','.join('?' * len(kinds))})" if kinds else ""
        free = (self.worker, stale, stale, *kinds)
        waiting = self.store.db.execute(
            f"SELECT 1 FROM jobs WHERE {self._FREE}{kind_clause} LIMIT 1", free
        ).fetchone()
        if waiting is None:
            return None
        with transaction(self.store.db):
            self._fail_abandoned(stale)
            row = self.store.db.execute(
                f"SELECT id FROM jobs WHERE {self._FREE}{kind_clause} "
                f"ORDER BY id LIMIT 1{self._skip_locked}",
                free,
            ).fetchone()
            if row is None:
                return None
            taken = self.store.db.execute(
                "UPDATE jobs SET state='running', stage='starting', claimed_by=?, "
                "heartbeat_at=?, attempts=attempts+1 WHERE id=? "
                "RETURNING id, kind, owner, payload, attempts",
                (self.worker, stamp(), row[0]),
            ).fetchone()
        return ClaimedJob(
            self, int(taken[0]), taken[1], taken[2], json.loads(taken[3]), int(taken[4])
        )

    def _fail_abandoned(self, stale: str) -> None:
        """Fail the running jobs whose server stopped :data:`MAX_ATTEMPTS` times already."""
        self.store.db.execute(
            "UPDATE jobs SET state='failed', finished_at=?, error=? WHERE state='running' "
            "AND heartbeat_at < ? AND attempts >= ?",
            (
                stamp(),
                f"the server running it stopped {MAX_ATTEMPTS} times; queue it again once the "
                "cause is fixed",
                stale,
                MAX_ATTEMPTS,
            ),
        )

    def beat(self) -> int:
        """Beat the heartbeat of every job this server holds (running, or queued and pinned
        here); returns how many."""
        with transaction(self.store.db):
            cursor = self.store.db.execute(
                "UPDATE jobs SET heartbeat_at=? WHERE claimed_by=? AND state IN ('queued', "
                "'running')",
                (stamp(), self.worker),
            )
        return int(cursor.rowcount)

    def update(self, job_id: int, *, stage: str, done: int, total: int) -> None:
        """Record a held job's progress and beat its heartbeat.

        Raises:
            LostJobError: when this server no longer holds the job.
        """
        self._held_write(
            job_id,
            "UPDATE jobs SET stage=?, done=?, total=?, heartbeat_at=? "
            "WHERE id=? AND state='running' AND claimed_by=?",
            (stage, done, total, stamp(), job_id, self.worker),
        )

    def add_result(self, job_id: int, result: Mapping[str, Any]) -> None:
        """Append a result to a held job.

        Raises:
            LostJobError: when this server no longer holds the job.
        """
        with transaction(self.store.db):
            row = self.store.db.execute(
                "SELECT results FROM jobs WHERE id=? AND state='running' AND claimed_by=?",
                (job_id, self.worker),
            ).fetchone()
            if row is None:
                raise LostJobError(f"job {job_id} is no longer held by {self.worker}")
            results = [*json.loads(row[0]), dict(result)]
            self.store.db.execute(
                "UPDATE jobs SET results=?, heartbeat_at=? WHERE id=?",
                (json.dumps(results, ensure_ascii=False), stamp(), job_id),
            )

    def finish(self, job_id: int, error: str | None = None) -> None:
        """Mark a held job done, or failed with ``error``.

        Raises:
            LostJobError: when this server no longer holds the job.
        """
        self._held_write(
            job_id,
            "UPDATE jobs SET state=?, stage=?, error=?, finished_at=? "
            "WHERE id=? AND state='running' AND claimed_by=?",
            (
                "failed" if error else "done",
                "failed" if error else "finished",
                error,
                stamp(),
                job_id,
                self.worker,
            ),
        )

    def _held_write(self, job_id: int, sql: str, params: tuple[Any, ...]) -> None:
        with transaction(self.store.db):
            if self.store.db.execute(sql, params).rowcount != 1:
                raise LostJobError(f"job {job_id} is no longer held by {self.worker}")

    def run_next(self, handlers: Mapping[str, Handler]) -> int | None:
        """Claim one job of a kind in ``handlers`` and run it here; returns its id, or None
        when no job was waiting. The handler's exception fails the job (its message kept)."""
        job = self.claim(tuple(handlers))
        if job is None:
            return None
        try:
            handlers[job.kind](job)
        except LostJobError:
            raise
        except Exception as exc:  # noqa: BLE001 - any handler error fails this job, not the server
            self.finish(job.id, f"{type(exc).__name__}: {exc}")
        else:
            self.finish(job.id)
        return job.id

    def view(self, job_id: int) -> JobView | None:
        """A job's snapshot for display (the same view as the in-process jobs)."""
        row = self.store.db.execute(f"SELECT {_COLUMNS} FROM jobs WHERE id=?", (job_id,)).fetchone()
        return None if row is None else _view(row)

    def views(self, owner: str | None = None, limit: int = 50) -> list[JobView]:
        """Snapshots, newest first; only ``owner``'s when given."""
        where, params = ("WHERE owner=?", (owner,)) if owner else ("", ())
        rows = self.store.db.execute(
            f"SELECT {_COLUMNS} FROM jobs {where} ORDER BY id DESC LIMIT ?", (*params, limit)
        )
        return [_view(r) for r in rows]


def _view(row: Any) -> JobView:
    return JobView(
        id=str(row[0]),
        kind=row[1],
        owner=row[2],
        label=row[3],
        state=row[5],
        stage=row[6],
        done=int(row[7]),
        total=int(row[8]),
        results=tuple(json.loads(row[11])),
        error=row[12],
        submitted=row[13],
        finished=row[14],
        sequence=int(row[0]),
    )


Work = Callable[[Job], None]
Decoder = Callable[[Any], Any]


@dataclass(slots=True)
class _RowJob(Job):
    """A job given as a function: the :class:`Job` its function reports through, each report
    also written to the job's row (so every server shows it)."""

    claimed: ClaimedJob | None = None

    def progress(self, stage: str, done: int, total: int) -> None:
        Job.progress(self, stage, done, total)
        if self.claimed is not None:
            self.claimed.progress(stage, done, total)

    def add_result(self, result: Any) -> None:
        Job.add_result(self, result)
        if self.claimed is not None:
            self.claimed.add_result(encode_result(result))


def encode_result(result: Any) -> dict[str, Any]:
    """A job result as the JSON object its row keeps (a dataclass's fields, a mapping as is)."""
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return dataclasses.asdict(result)
    if isinstance(result, Mapping):
        return dict(result)
    return {"value": result if isinstance(result, str | int | float | bool) else str(result)}


@dataclass(slots=True)
class QueueRunner:
    """One server's jobs: it queues jobs as rows of the workspace's store, and a daemon thread
    claims the jobs any server queued and runs them, one at a time, with ``handlers``.

    Every call opens its own connection (SQLite's are bound to their thread; the app calls from
    each session's thread), and the worker thread keeps one of its own.

    Attributes:
        home: the workspace folder (its store, and this server's index folder).
        handlers: what a job of each kind does (``index.bulk.handlers.default_handlers``).
        worker: this server's name in the jobs it holds (host:pid by default).
        lease: seconds without a heartbeat after which another server takes a held job over.
        poll: seconds between two looks for jobs queued on other servers.
        decode: turns a result kept in a row back into what the caller shows (identity).
    """

    home: Path
    handlers: Mapping[str, Handler]
    worker: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")
    lease: float = LEASE_SECONDS
    poll: float = POLL_SECONDS
    decode: Decoder = field(default=lambda result: result)
    _local: dict[int, Work] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _wake: threading.Event = field(default_factory=threading.Event)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> QueueRunner:
        """Start the worker thread (once; later calls do nothing); returns self.

        Raises:
            StoreError: when the store cannot be opened.
        """
        with self._lock:
            if self._thread is None:
                # Opened here first, so that the thread never migrates a new store at the same
                # time as the caller's next request does.
                open_store(self.home).close()
                self._thread = threading.Thread(
                    target=self._serve, name=f"policylens-queue-{self.worker}", daemon=True
                )
                self._thread.start()
        return self

    def shutdown(self, wait: bool = True, timeout: float = 30.0) -> None:
        """Stop taking jobs; with ``wait``, let the running one finish (up to ``timeout`` s)."""
        self._stop.set()
        self._wake.set()
        if wait and self._thread is not None:
            self._thread.join(timeout)

    def submit(self, kind: str, owner: str, label: str, work: Work | Mapping[str, Any]) -> str:
        """Queue a job; returns its id. ``work`` is either data (the payload a handler of
        ``kind`` runs on any server: the job survives this server) or a function of a
        :class:`Job` (run by this server only; its row is pinned here)."""
        with open_store(self.home) as store:
            queue = JobQueue(store, worker=self.worker, lease=self.lease)
            if isinstance(work, Mapping):
                job_id = queue.submit(kind, owner, label, work)
            else:
                with self._lock:
                    job_id = queue.submit(
                        kind, owner, label, {IN_PROCESS: self.worker}, pinned=True
                    )
                    self._local[job_id] = work
        self.start()
        self._wake.set()
        return str(job_id)

    def get(self, job_id: str) -> JobView | None:
        """A job's snapshot, whichever server queued or runs it."""
        with open_store(self.home) as store:
            view = JobQueue(store).view(int(job_id))
        return None if view is None else self._decoded(view)

    def jobs(self, owner: str | None = None, limit: int = 50) -> list[JobView]:
        """Snapshots of the store's jobs, newest first; only ``owner``'s when given."""
        with open_store(self.home) as store:
            views = JobQueue(store).views(owner, limit)
        return [self._decoded(v) for v in views]

    def wait(self, job_id: str, timeout: float = 60.0) -> JobView | None:
        """Block until a job finishes (tests and scripts); None on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            view = self.get(job_id)
            if view is not None and not view.active:
                return view
            time.sleep(0.05)
        return None

    def _decoded(self, view: JobView) -> JobView:
        return dataclasses.replace(view, results=tuple(self.decode(r) for r in view.results))

    # -- the worker thread --------------------------------------------------------------------
    def _serve(self) -> None:
        """Claim and run jobs until stopped, or until the workspace folder is gone (a test's)."""
        store: Store | None = None
        opened = False  # the workspace existed once; its folder gone later ends the worker
        pause = self.poll
        while not self._stop.is_set() and not (opened and not self.home.exists()):
            try:
                if store is None:
                    store = open_store(self.home)
                    opened = True
                queue = JobQueue(store, worker=self.worker, lease=self.lease)
                job = queue.claim()
                if job is not None:
                    self._run(queue, job)
                    continue
                pause = self.poll
            except Exception:  # a store that went away: reconnect, slower
                logger.exception("the job worker %s failed; retrying", self.worker)
                if store is not None:
                    store.close()
                store = None
                pause = min(pause * 2, 30.0)
            self._wake.wait(pause)
            self._wake.clear()
        if store is not None:
            store.close()

    def _run(self, queue: JobQueue, job: ClaimedJob) -> None:
        """Run ``job`` on a thread of its own, beating this server's heartbeats meanwhile."""
        finished = threading.Event()
        runner = threading.Thread(
            target=self._execute, args=(job, finished), name=f"policylens-job-{job.id}"
        )
        runner.start()
        beat_every = max(min(self.lease / 4, 30.0), 0.01)
        while not finished.wait(beat_every):
            try:
                queue.beat()
            except Exception:  # a missed beat only shortens the lease
                logger.exception("heartbeat of job %s failed", job.id)
        runner.join()

    def _execute(self, job: ClaimedJob, finished: threading.Event) -> None:
        """Run one claimed job with a connection of this thread; record how it ended."""
        try:
            with open_store(self.home) as store:
                own = JobQueue(store, worker=self.worker, lease=self.lease)
                held = dataclasses.replace(job, queue=own)
                try:
                    error = self._perform(held)
                except LostJobError:
                    logger.warning("job %s was taken over by another server", job.id)
                    return
                try:
                    own.finish(job.id, error)
                except LostJobError:
                    logger.warning("job %s was taken over before it finished here", job.id)
        except Exception:  # the store failed: the lease frees the job
            logger.exception("job %s could not be recorded", job.id)
        finally:
            finished.set()

    def _perform(self, job: ClaimedJob) -> str | None:
        """Do the job's work; returns the error that fails it, or None."""
        try:
            if IN_PROCESS in job.payload:
                with self._lock:
                    work = self._local.pop(job.id, None)
                if work is None:
                    return (
                        f"this job was held in the memory of server {job.payload[IN_PROCESS]}, "
                        "which stopped before running it; send it again"
                    )
                view = JobQueue(job.queue.store).view(job.id)
                assert view is not None
                work(_RowJob(dataclasses.replace(view, state="running"), claimed=job))
            elif job.kind in self.handlers:
                self.handlers[job.kind](job)
            else:
                return f"no handler for jobs of kind {job.kind!r} on server {self.worker}"
        except LostJobError:
            raise
        except BaseException as exc:  # noqa: BLE001 - even SystemExit only fails this job
            return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return None
