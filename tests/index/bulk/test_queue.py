"""Background jobs as rows in the store: claimed once by any server, surviving a restart,
taken over when their server stops, and run by a real ingest handler."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from index import open_store
from index.accounts import OPERATOR, Accounts, Role
from index.bulk.handlers import (
    CONFIRM,
    FOLDER,
    INGEST,
    UPLOAD,
    confirm_job,
    default_handlers,
    folder_job,
    job_result,
    upload_job,
)
from index.bulk.queue import (
    IN_PROCESS,
    MAX_ATTEMPTS,
    ClaimedJob,
    JobQueue,
    LostJobError,
    QueueRunner,
)
from index.library.changes import UPLOAD_DIR, FileOutcome, Upload
from index.library.jobs import Job
from index.search.engine import SearchEngine
from index.search.generations import latest_generation
from tests import filegen
from tests.index.support import CORPUS

TIMEOUT = 30.0


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


# -- one server's runner: a worker thread that serves every server's jobs -------------------------
@pytest.fixture()
def runners() -> Iterator[list[QueueRunner]]:
    """The runners a test starts, each stopped at its end."""
    started: list[QueueRunner] = []
    yield started
    for runner in started:
        runner.shutdown()


def whose(job: ClaimedJob) -> None:
    """A handler that records which server ran the job."""
    time.sleep(float(job.payload.get("seconds", 0)))
    job.add_result({"ran_on": job.queue.worker, "attempt": job.attempts})


def test_a_job_queued_on_a_server_that_stopped_is_run_by_another(
    home: Path, runners: list[QueueRunner]
) -> None:
    with open_store(home) as store:
        job_id = JobQueue(store, worker="gone").submit("whose", "bob", "left behind", {})
    # the server that queued it stopped before its worker took it; another server starts
    other = QueueRunner(home, {"whose": whose}, worker="other", poll=0.05).start()
    runners.append(other)
    view = other.wait(str(job_id), TIMEOUT)
    assert view is not None and view.state == "done"
    assert view.results == ({"ran_on": "other", "attempt": 1},)


def test_a_function_job_runs_where_it_was_sent_and_shows_everywhere(
    home: Path, runners: list[QueueRunner]
) -> None:
    here = QueueRunner(home, {}, worker="here", poll=0.05, decode=job_result)
    there = QueueRunner(home, {}, worker="there", poll=0.05, decode=job_result).start()
    runners += [here, there]
    outcome = FileOutcome("/srv/a.txt", "a.txt", "OK", "doc@1", 3, True, ({"code": "X"},))
    seen: list[tuple[str, int, int]] = []

    def work(job: Job) -> None:
        job.progress("ingesting", 0, 1)
        job.add_result(outcome)
        seen.append((job.view.stage, job.view.done, len(job.view.results)))

    job_id = here.submit("upload", "ada", "a.txt", work)
    view = there.wait(job_id, TIMEOUT)  # the other server reads the row
    assert view is not None and view.state == "done" and view.label == "a.txt"
    assert view.results == (outcome,)  # kept as JSON, shown as the outcome it was
    assert seen == [("ingesting", 0, 1)]
    assert [v.id for v in there.jobs("ada")] == [job_id] and there.jobs("bob") == []


def test_a_function_job_of_a_stopped_server_fails_with_the_reason(
    home: Path, runners: list[QueueRunner]
) -> None:
    with open_store(home) as store:
        pinned = JobQueue(store, worker="gone", lease=0.3).submit(
            "upload", "ada", "a.txt", {IN_PROCESS: "gone"}, pinned=True
        )
    other = QueueRunner(home, {}, worker="other", lease=0.3, poll=0.05).start()
    runners.append(other)
    time.sleep(0.1)
    early = other.get(str(pinned))
    assert early is not None and early.state == "queued"  # still "gone"'s while its lease runs
    view = other.wait(str(pinned), TIMEOUT)
    assert view is not None and view.state == "failed"
    assert view.error and "server gone, which stopped before running it" in view.error


def test_a_long_job_keeps_its_lease_while_its_server_runs_it(
    home: Path, runners: list[QueueRunner]
) -> None:
    busy = QueueRunner(home, {"whose": whose}, worker="busy", lease=0.4, poll=0.05)
    runners.append(busy)
    job_id = busy.submit("whose", "bob", "slow", {"seconds": 1.5})
    time.sleep(0.2)  # busy has claimed it; a second server now polls with the same short lease
    runners.append(
        QueueRunner(home, {"whose": whose}, worker="rival", lease=0.4, poll=0.05).start()
    )
    view = busy.wait(job_id, TIMEOUT)
    assert view is not None and view.state == "done"
    assert view.results == ({"ran_on": "busy", "attempt": 1},)  # never taken over


def test_an_error_in_a_function_job_fails_it_and_the_worker_goes_on(
    home: Path, runners: list[QueueRunner]
) -> None:
    runner = QueueRunner(home, {"whose": whose}, worker="one", poll=0.05)
    runners.append(runner)

    def broken(job: Job) -> None:
        raise SystemExit(3)

    bad = runner.submit("upload", "bob", "broken", broken)
    good = runner.submit("whose", "bob", "after", {})
    failed, done = runner.wait(bad, TIMEOUT), runner.wait(good, TIMEOUT)
    assert failed is not None and failed.state == "failed" and failed.error == "SystemExit: 3"
    assert done is not None and done.state == "done"


# -- the app's jobs as data: any server runs them, as the user, with the user's rights now ---------
def new_version_of_the_sample_law() -> bytes:
    """The 2024 sample law amended again in 2026: a new version of a work in the library."""
    text = (CORPUS / "zh_national_law_2024.md").read_text(encoding="utf-8")
    amended = "2024年4月20日 示例人民代表大会常务委员会第十二次会议第二次修正"
    assert amended in text
    again = "\n\n2026年1月10日 示例人民代表大会常务委员会第二十次会议第三次修正"
    return text.replace(amended, amended + again).encode("utf-8")


def test_the_apps_jobs_run_on_another_server_as_their_user(
    home: Path, runners: list[QueueRunner]
) -> None:
    with open_store(home) as store:
        accounts = Accounts(store)
        ada = accounts.add(OPERATOR, "ada", "correct horse battery", Role.ADMIN)
        rita = accounts.add(OPERATOR, "rita", "correct horse battery", Role.REVIEWER)
    # the front server saves the upload and queues it; it never runs a job itself
    payload = upload_job(home, rita, [Upload("修正.md", new_version_of_the_sample_law())])
    with open_store(home) as store:
        front = JobQueue(store, worker="front")
        first = front.submit(INGEST, "ada", "corpus", {"paths": [str(CORPUS)]})
        upload = front.submit(UPLOAD, "rita", "修正.md", payload)
        refused = front.submit(FOLDER, "rita", "corpus", folder_job(rita, CORPUS))
    back = QueueRunner(home, default_handlers(home), worker="back", poll=0.05, decode=job_result)
    runners.append(back.start())
    assert back.wait(str(first), TIMEOUT).state == "done"  # type: ignore[union-attr]
    held = back.wait(str(upload), TIMEOUT)
    assert held is not None and held.state == "done"
    (outcome,) = held.results
    assert isinstance(outcome, FileOutcome) and outcome.name == "修正.md"
    assert outcome.document_id is None and outcome.pending_id  # a reviewer's new version waits
    no = back.wait(str(refused), TIMEOUT)
    assert no is not None and no.state == "failed" and "PermissionDenied" in (no.error or "")

    confirm = back.submit(CONFIRM, "ada", "confirm", confirm_job(ada, outcome.pending_id))
    done = back.wait(confirm, TIMEOUT)
    assert done is not None and done.state == "done", done and done.error
    (stored,) = done.results
    assert stored.document_id == "示例安全生产法@2026-01-10" and stored.new
    with open_store(home) as store:
        logged = store.db.execute(
            "SELECT actor FROM ingest_log WHERE document_id=?", (stored.document_id,)
        ).fetchone()
    assert logged[0] == "ada"


def _regulation(title: str) -> bytes:
    return filegen.render_text(filegen.REGULATION._replace(title=title)).encode("utf-8")


def test_an_upload_job_names_bytes_in_the_store_and_an_older_job_its_saved_file(
    home: Path, tmp_path: Path, runners: list[QueueRunner]
) -> None:
    with open_store(home) as store:
        ada = Accounts(store).add(OPERATOR, "ada", "correct horse battery", Role.ADMIN)
    data = _regulation("示例存储上传作业管理规定")
    payload = upload_job(home, ada, [Upload("新.txt", data)])
    digest = hashlib.sha256(data).hexdigest()
    assert payload == {"user": "ada", "files": [{"sha256": digest, "name": "新.txt"}]}
    assert not (home / UPLOAD_DIR).exists()  # nothing on the receiving server's disk
    older = tmp_path / "uploads" / "0123456789abcdef" / "旧.txt"  # saved by an older version
    older.parent.mkdir(parents=True)
    older.write_bytes(_regulation("示例旧版上传作业管理规定"))
    with open_store(home) as store:
        front = JobQueue(store, worker="front")
        new = front.submit(UPLOAD, "ada", "新.txt", payload)
        old = front.submit(
            UPLOAD, "ada", "旧.txt", {"user": "ada", "files": [[str(older), "旧.txt"]]}
        )
        lost = front.submit(
            UPLOAD,
            "ada",
            "x.txt",
            {"user": "ada", "files": [{"sha256": "0" * 64, "name": "x.txt"}]},
        )
    back = QueueRunner(home, default_handlers(home), worker="back", poll=0.05, decode=job_result)
    runners.append(back.start())
    for job, name in ((new, "新.txt"), (old, "旧.txt")):
        view = back.wait(str(job), TIMEOUT)
        assert view is not None and view.state == "done", view and view.error
        (outcome,) = view.results
        assert isinstance(outcome, FileOutcome) and outcome.name == name and outcome.new
    missing = back.wait(str(lost), TIMEOUT)
    assert missing is not None and missing.state == "failed"
    assert "not in the store" in (missing.error or "") and "x.txt" in (missing.error or "")
