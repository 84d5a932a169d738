"""Background jobs as rows in the store: any app server on the store claims a queued job once,
runs it and records its progress there, so a job outlives the server that queued it.

The claim is one write transaction: on SQLite under the write lock (``BEGIN IMMEDIATE``), on
PostgreSQL with ``FOR UPDATE SKIP LOCKED`` so that servers polling at once each take a different
row. A running job's server beats a heartbeat with each progress report; a job whose heartbeat
is older than the lease (its server stopped) is claimed again, at most :data:`MAX_ATTEMPTS`
times, then failed with the reason.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from index.library.jobs import JobView
from index.store.database import Store, StoreError
from index.store.transactions import transaction

LEASE_SECONDS = 300.0
MAX_ATTEMPTS = 3
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

    def submit(self, kind: str, owner: str, label: str, payload: Mapping[str, Any]) -> int:
        """Queue a job; returns its id."""
        with transaction(self.store.db):
            row = self.store.db.execute(
                "INSERT INTO jobs (kind, owner, label, payload, submitted_at) VALUES (?,?,?,?,?) "
                "RETURNING id",
                (kind, owner, label, json.dumps(dict(payload), ensure_ascii=False), stamp()),
            ).fetchone()
        return int(row[0])

    def claim(self, kinds: tuple[str, ...] = ()) -> ClaimedJob | None:
        """Take the oldest queued job (of ``kinds``, when given), or one whose server stopped
        beating; None when there is none. Two servers never get the same job."""
        stale = stamp(datetime.now(UTC) - timedelta(seconds=self.lease))
        kind_clause = f" AND kind IN ({','.join('?' * len(kinds))})" if kinds else ""
        with transaction(self.store.db):
            self._fail_abandoned(stale)
            row = self.store.db.execute(
                "SELECT id FROM jobs WHERE (state='queued' OR (state='running' AND "
                f"heartbeat_at < ?)){kind_clause} ORDER BY id LIMIT 1{self._skip_locked}",
                (stale, *kinds),
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
