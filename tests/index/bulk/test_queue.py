"""Background jobs as rows in the store: claimed once by any server, surviving a restart,
taken over when their server stops, and run by a real ingest handler."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from index import open_store
from index.bulk.handlers import INGEST, default_handlers
from index.bulk.queue import MAX_ATTEMPTS, JobQueue, LostJobError
from index.search.engine import SearchEngine
from index.search.generations import latest_generation
from tests.index.support import CORPUS


def test_a_job_is_claimed_once_and_survives_a_restart(home: Path) -> None:
    with open_store(home) as store:
        job_id = JobQueue(store, worker="server-a").submit(INGEST, "alice", "corpus", {"n": 1})
    # the server that queued it is gone; two others look for work at once
    with open_store(home) as one, open_store(home) as two:
        first = JobQueue(one, worker="server-b").claim()
        second = JobQueue(two, worker="server-c").claim()
        assert first is not None and first.id == job_id and first.payload == {"n": 1}
        assert second is None
        view = JobQueue(two).view(job_id)
        assert view is not None and view.state == "running" and view.owner == "alice"


def test_concurrent_servers_claim_every_job_exactly_once(home: Path) -> None:
    with open_store(home) as store:
        queue = JobQueue(store)
        ids = {queue.submit("count", "bob", f"job {n}", {"n": n}) for n in range(30)}
    claimed: dict[str, list[int]] = {}

    def server(name: str) -> None:
        with open_store(home) as own:
            queue = JobQueue(own, worker=name)
            mine = claimed.setdefault(name, [])
            while (job := queue.claim()) is not None:
                mine.append(job.id)
                queue.finish(job.id)

    threads = [threading.Thread(target=server, args=(f"s{n}",)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    taken = [i for jobs in claimed.values() for i in jobs]
    assert sorted(taken) == sorted(ids)  # every job once, none twice
    with open_store(home) as store:
        assert {v.state for v in JobQueue(store).views()} == {"done"}


def test_a_job_whose_server_stopped_is_taken_over(home: Path) -> None:
    with open_store(home) as store:
        JobQueue(store).submit("count", "bob", "slow", {})
        a = JobQueue(store, worker="a", lease=0.05)
        b = JobQueue(store, worker="b", lease=0.05)
        job = a.claim()
        assert job is not None and b.claim() is None  # a's lease is still fresh
        time.sleep(0.1)  # a stops beating
        again = b.claim()
        assert again is not None and again.id == job.id and again.attempts == 2
        with pytest.raises(LostJobError, match="no longer held by a"):
            job.progress("parsing", 1, 2)
        with pytest.raises(LostJobError):
            a.finish(job.id)
        b.finish(job.id)
        view = b.view(job.id)
        assert view is not None and view.state == "done"


def test_a_job_that_keeps_killing_its_server_fails_with_the_reason(home: Path) -> None:
    with open_store(home) as store:
        job_id = JobQueue(store).submit("count", "bob", "poison", {})
        for n in range(MAX_ATTEMPTS):
            taken = JobQueue(store, worker=f"s{n}", lease=0.01).claim()
            assert taken is not None and taken.attempts == n + 1
            time.sleep(0.03)
        assert JobQueue(store, worker="last", lease=0.01).claim() is None
        view = JobQueue(store).view(job_id)
        assert view is not None and view.state == "failed"
        assert view.error and f"stopped {MAX_ATTEMPTS} times" in view.error


def test_an_ingest_job_runs_on_any_server_and_its_documents_are_searchable(home: Path) -> None:
    with open_store(home) as store:
        queue = JobQueue(store, worker="web-1")
        job_id = queue.submit(INGEST, "alice", "corpus", {"paths": [str(CORPUS)]})
        bad = queue.submit(INGEST, "alice", "nothing", {"paths": [str(home / "absent")]})
        handlers = default_handlers(home)
        worker = JobQueue(store, worker="web-2")
        assert worker.run_next(handlers) == job_id
        assert worker.run_next(handlers) == bad
        assert worker.run_next(handlers) is None
        done, failed = queue.view(job_id), queue.view(bad)
        assert done is not None and done.state == "done" and done.stage == "finished"
        assert {r["status"] for r in done.results} == {"OK"} and len(done.results) >= 8
        assert failed is not None and failed.state == "failed"
        assert failed.error and "FileNotFoundError" in failed.error and "absent" in failed.error
        generation = latest_generation(store)
        assert generation is not None and not generation.dense_partial
    engine = SearchEngine.open(home)
    try:
        assert engine.search("安全生产责任制", 3)
    finally:
        engine.close()


def test_a_handler_error_fails_only_its_job(home: Path) -> None:
    def boom(job: object) -> None:
        raise ValueError("bad payload")

    with open_store(home) as store:
        queue = JobQueue(store)
        first = queue.submit("boom", "bob", "first", {})
        second = queue.submit("boom", "bob", "second", {})
        assert queue.run_next({"boom": boom}) == first
        assert queue.run_next({"boom": boom}) == second
        views = {v.id: v for v in queue.views(owner="bob")}
        assert views[str(first)].error == "ValueError: bad payload"
        assert views[str(second)].state == "failed"
