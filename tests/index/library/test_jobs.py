"""The background job runner: one worker in submission order, snapshots while a job runs,
failures kept to their own job, per-owner lists and forgetting old finished jobs."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator

import pytest

import index.library.jobs as jobs_module
from index.library.jobs import Job, JobRunner

TIMEOUT = 10.0


@pytest.fixture()
def runner() -> Iterator[JobRunner]:
    r = JobRunner()
    yield r
    r.shutdown()


def noop(job: Job) -> None:
    job.add_result("ok")


def test_jobs_run_in_order_on_one_worker(runner: JobRunner) -> None:
    order: list[int] = []
    threads: set[str] = set()
    running = 0
    overlap = False
    gate = threading.Lock()

    def work(n: int):  # type: ignore[no-untyped-def]
        def run(job: Job) -> None:
            nonlocal running, overlap
            with gate:
                running += 1
                overlap = overlap or running > 1
            threads.add(threading.current_thread().name)
            order.append(n)
            job.add_result(n)
            with gate:
                running -= 1

        return run

    ids = [runner.submit("ingest", "li", f"job {n}", work(n)) for n in range(8)]
    last = runner.wait(ids[-1], TIMEOUT)
    assert last is not None and last.state == "done"
    assert order == list(range(8))
    assert len(threads) == 1 and not overlap
    assert next(iter(threads)).startswith("policylens-job")
    for n, ident in enumerate(ids):
        view = runner.get(ident)
        assert view is not None
        assert (view.state, view.results, view.label) == ("done", (n,), f"job {n}")


def test_progress_and_results_are_visible_while_running(runner: JobRunner) -> None:
    reached, release = threading.Event(), threading.Event()

    def work(job: Job) -> None:
        job.progress("embedding", 3, 10)
        job.add_result({"file": "a.txt"})
        reached.set()
        assert release.wait(TIMEOUT)
        job.progress("saving", 10, 10)

    ident = runner.submit("ingest", "li", "two files", work)
    queued = runner.submit("ingest", "li", "behind it", noop)
    assert reached.wait(TIMEOUT)
    view = runner.get(ident)
    assert view is not None
    assert (view.state, view.stage, view.done, view.total) == ("running", "embedding", 3, 10)
    assert view.results == ({"file": "a.txt"},) and view.active and view.finished is None
    behind = runner.get(queued)
    assert behind is not None and behind.state == "queued" and behind.active
    release.set()
    done = runner.wait(ident, TIMEOUT)
    assert done is not None
    assert (done.state, done.stage, done.done, done.total) == ("done", "finished", 10, 10)
    assert not done.active and done.finished is not None and done.finished >= done.submitted
    assert view.state == "running"  # a snapshot does not change under the reader


def test_a_failure_stays_with_its_job(runner: JobRunner) -> None:
    def broken(job: Job) -> None:
        job.progress("parsing", 1, 2)
        raise RuntimeError("disk full")

    def silent(job: Job) -> None:
        raise KeyError  # no message: the type name is shown

    bad = runner.submit("ingest", "li", "bad", broken)
    quiet = runner.submit("ingest", "li", "quiet", silent)
    good = runner.submit("ingest", "li", "good", noop)
    after = runner.wait(good, TIMEOUT)
    assert after is not None and after.state == "done" and after.error is None
    failed = runner.get(bad)
    assert failed is not None
    assert (failed.state, failed.error) == ("failed", "disk full")
    assert failed.stage == "RuntimeError: disk full" and failed.finished is not None
    assert not failed.active and failed.done == 1  # progress made before the failure stays
    unnamed = runner.get(quiet)
    assert unnamed is not None and (unnamed.state, unnamed.error) == ("failed", "KeyError")


def test_system_exit_fails_the_job(runner: JobRunner) -> None:
    def exits(job: Job) -> None:
        raise SystemExit(3)

    ident = runner.submit("ingest", "li", "exits", exits)
    after = runner.submit("ingest", "li", "after", noop)
    assert runner.wait(after, TIMEOUT) is not None
    view = runner.get(ident)
    assert view is not None and view.state == "failed" and not view.active


def test_jobs_filter_by_owner(runner: JobRunner) -> None:
    mine = [runner.submit("ingest", "li", f"mine {n}", noop) for n in range(2)]
    theirs = runner.submit("remove", "wang", "theirs", noop)
    runner.wait(theirs, TIMEOUT)
    assert {v.id for v in runner.jobs("li")} == set(mine)
    assert [v.id for v in runner.jobs("wang")] == [theirs]
    assert runner.jobs("nobody") == []
    everyone = runner.jobs()
    assert {v.id for v in everyone} == {*mine, theirs}
    assert [v.submitted for v in everyone] == sorted((v.submitted for v in everyone), reverse=True)


def test_jobs_newest_first_within_one_millisecond(
    runner: JobRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jobs_module, "_stamp", lambda: "2024-01-01T00:00:00.000+00:00")
    ids = [runner.submit("ingest", "li", f"job {n}", noop) for n in range(3)]
    runner.wait(ids[-1], TIMEOUT)
    assert [v.id for v in runner.jobs("li")] == ids[::-1]


def test_wait_returns_the_finished_view(runner: JobRunner) -> None:
    ident = runner.submit("ingest", "li", "one", noop)
    view = runner.wait(ident, TIMEOUT)
    assert view is not None and view.id == ident and view.state == "done"
    assert view.results == ("ok",) and view == runner.get(ident)
    assert runner.get("no-such-job") is None
    assert runner.wait("no-such-job", TIMEOUT) is None


def test_wait_times_out_with_none(runner: JobRunner) -> None:
    release = threading.Event()
    ident = runner.submit("ingest", "li", "slow", lambda job: release.wait(TIMEOUT) and None)
    try:
        assert runner.wait(ident, timeout=0.05) is None
    finally:
        release.set()
    view = runner.wait(ident, TIMEOUT)
    assert view is not None and view.state == "done"


def test_old_finished_jobs_are_forgotten(
    runner: JobRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jobs_module, "KEEP_FINISHED", 3)
    ticks = itertools.count()  # a strictly rising clock, safe to read from both threads
    monkeypatch.setattr(jobs_module, "_stamp", lambda: f"2024-01-01T00:00:00.{next(ticks):06d}")
    old = [runner.submit("ingest", "li", f"old {n}", noop) for n in range(5)]
    runner.wait(old[-1], TIMEOUT)
    # a running job is never forgotten, however many finish after it was submitted
    release = threading.Event()
    long = runner.submit("ingest", "li", "long", lambda job: release.wait(TIMEOUT) and None)
    kept = {v.id for v in runner.jobs()}
    assert kept == {*old[-3:], long}  # the two oldest finished jobs are gone
    assert runner.get(old[0]) is None and runner.get(old[1]) is None
    release.set()
    runner.wait(long, TIMEOUT)
    newest = runner.submit("ingest", "li", "newest", noop)
    runner.wait(newest, TIMEOUT)
    assert {v.id for v in runner.jobs()} == {old[-2], old[-1], long, newest}
