"""The task ledger: saving plans again without losing progress, the status workflow, one audit row
per changed field in the change's own transaction, the append-only hash chain and its check,
department permissions, optimistic concurrency (also across 20 processes) and urgency."""

from __future__ import annotations

import dataclasses
import itertools
import json
import multiprocessing
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

import index.tasks.audit as audit_module
from index.accounts import PermissionDenied, Role, User
from index.store.database import NotFoundError, Store
from index.tasks.ledger import Ledger
from index.tasks.records import TaskChange, TaskRecord, TaskView
from index.tasks.workflow import ConflictError, TaskError
from ingest.records import ArticleRecord, document_from_records

PLAN = "plan-2025"
ON = date(2025, 3, 1)
ADMIN = User("ada", Role.ADMIN)
# bound to 应急管理厅: the alias table makes it the same department as 示例省应急管理厅
EMERGENCY = User("dora", Role.DEPARTMENT, "示例省应急管理厅")
POLICE = User("pat", Role.DEPARTMENT, "示例省公安厅")
REVIEWER = User("rita", Role.REVIEWER)
VIEWER = User("vic", Role.VIEWER)

DUTY = TaskRecord(
    "duty",
    "完善安全生产责任制",
    label="（一）",
    part="一、压实责任",
    lead=("示例省应急管理厅",),
    cooperating=("示例省公安厅",),
    deadline=date(2025, 6, 30),
    deadline_kind="date",
    deadline_text="2025年6月底前",
)
HAZARDS = TaskRecord("hazards", "开展道路交通隐患排查治理", label="（二）", lead=("示例省公安厅",))
TRAINING = TaskRecord(
    "training", "加强从业人员安全培训", label="（三）", lead=("示例省应急管理厅", "示例省公安厅")
)


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.sqlite"


@pytest.fixture()
def ledger(db_path: Path) -> Iterator[Ledger]:
    store = Store(db_path)
    try:
        led = Ledger(store)
        led.save_plan(ADMIN, PLAN, "示例省安全生产重点工作分工方案", [DUTY, HAZARDS, TRAINING])
        yield led
    finally:
        store.close()


def tid(key: str) -> str:
    return f"{PLAN}#{key}"


def fields_of(ledger: Ledger, task_id: str) -> list[tuple[str, Any, Any, str]]:
    """(field, old, new, actor) of a task's audit rows, oldest first."""
    return [
        (r["field"], json.loads(r["old"]), json.loads(r["new"]), r["actor"])
        for r in ledger.history(task_id)
    ]


def raw_task(ledger: Ledger, task_id: str) -> dict[str, Any]:
    return dict(ledger.db.execute("SELECT * FROM tasks WHERE task_id=?", (task_id,)).fetchone())


def history_count(ledger: Ledger) -> int:
    return int(ledger.db.execute("SELECT COUNT(*) FROM task_history").fetchone()[0])


def set_status(ledger: Ledger, key: str, status: str) -> TaskView:
    return ledger.update(ADMIN, tid(key), TaskChange(status=status), on=ON)


# -- saving plans ---------------------------------------------------------------------------------
def test_saving_again_keeps_progress_updates_text_and_reports_missing(ledger: Ledger) -> None:
    ledger.update(EMERGENCY, tid("duty"), TaskChange(progress=40, note="已起草"), on=ON)
    before = ledger.task(tid("duty"))
    assert (before.status, before.progress, before.note) == ("in_progress", 40, "已起草")

    changed = dataclasses.replace(DUTY, text="健全完善全员安全生产责任制")
    saved = ledger.save_plan(ADMIN, PLAN, "示例省安全生产重点工作分工方案", [changed, HAZARDS])

    assert (saved.added, saved.updated, saved.unchanged) == (0, 1, 1)
    assert saved.missing == (tid("training"),)
    after = ledger.task(tid("duty"))
    assert after.text == "健全完善全员安全生产责任制"
    assert (after.status, after.progress, after.note) == ("in_progress", 40, "已起草")
    assert after.version == before.version + 1
    assert fields_of(ledger, tid("duty"))[-1] == (
        "text",
        "完善安全生产责任制",
        "健全完善全员安全生产责任制",
        "ada",
    )
    # the history written before the re-save is all still there
    fields = [f for f, *_ in fields_of(ledger, tid("duty"))]
    assert fields[0] == "created"
    assert sorted(fields[1:4]) == ["note", "progress", "status"]
    assert fields[4:] == ["text"]
    # a task no longer in the text stays in the ledger with its history
    assert ledger.task(tid("training")).text == TRAINING.text
    assert [f for f, *_ in fields_of(ledger, tid("training"))] == ["created"]
    assert len(ledger.tasks(plan_id=PLAN)) == 3
    assert ledger.plans()[0]["tasks"] == 3


def test_first_save_counts_tasks_and_writes_a_created_row_each(ledger: Ledger) -> None:
    saved = ledger.save_plan(ADMIN, "other", "Other plan", [HAZARDS, TRAINING])
    assert (saved.added, saved.updated, saved.unchanged, saved.missing) == (2, 0, 0, ())
    assert [t.text for t in ledger.tasks(plan_id="other")] == [HAZARDS.text, TRAINING.text]
    created = [r for r in ledger.history() if r["task_id"].startswith("other#")]
    assert [(r["field"], json.loads(r["new"])) for r in created] == [
        ("created", HAZARDS.text),
        ("created", TRAINING.text),
    ]
    # saving the same records again changes nothing and writes nothing
    rows = history_count(ledger)
    again = ledger.save_plan(ADMIN, "other", "Other plan", [HAZARDS, TRAINING])
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert history_count(ledger) == rows
    assert ledger.task("other#hazards").version == 1


def test_task_lookup_by_handle_id_and_department(ledger: Ledger) -> None:
    duty = ledger.task(tid("duty"))
    assert duty.text == DUTY.text
    assert ledger.task(f"T-{duty.number}") == duty
    assert ledger.task(f"t-{duty.number}") == duty
    assert ledger.task(str(duty.number)) == duty
    with pytest.raises(NotFoundError, match="T-999"):
        ledger.task("T-999")
    # leads or co-operates, by name or through an alias of the same department
    assert [t.task_id for t in ledger.tasks(department="应急管理厅")] == [
        tid("duty"),
        tid("training"),
    ]
    assert [t.task_id for t in ledger.tasks(department="公安厅")] == [
        tid("duty"),
        tid("hazards"),
        tid("training"),
    ]
    assert duty.lead == ("示例省应急管理厅",)
    assert duty.lead_ids == (ledger.department_id("应急管理厅"),)


# -- the workflow ---------------------------------------------------------------------------------
# Every (from, to) pair, written out independently of TRANSITIONS: a completed task may not go
# back to "not started" or be suspended (it is reopened as "in progress" instead), and a
# suspended task is resumed before it is completed.
REFUSED = {("completed", "not_started"), ("completed", "suspended"), ("suspended", "completed")}
PAIRS = [
    (a, b, (a, b) not in REFUSED)
    for a in ("not_started", "in_progress", "completed", "suspended")
    for b in ("not_started", "in_progress", "completed", "suspended")
    if a != b
]


@pytest.mark.parametrize(("start", "target", "allowed"), PAIRS)
def test_status_transitions(ledger: Ledger, start: str, target: str, allowed: bool) -> None:
    if start != "not_started":
        set_status(ledger, "duty", start)
    before = ledger.task(tid("duty"))
    assert before.status == start
    rows = history_count(ledger)
    if allowed:
        after = set_status(ledger, "duty", target)
        assert after.status == target
        assert after.version == before.version + 1
    else:
        with pytest.raises(TaskError, match=f"cannot go from {start} to {target}"):
            set_status(ledger, "duty", target)
        assert ledger.task(tid("duty")) == before
        assert history_count(ledger) == rows


def test_unknown_status_and_progress_out_of_range_are_refused(ledger: Ledger) -> None:
    before = ledger.task(tid("duty"))
    for change in (TaskChange(status="done"), TaskChange(progress=101), TaskChange(progress=-1)):
        with pytest.raises(TaskError):
            ledger.update(ADMIN, tid("duty"), change)
    assert ledger.task(tid("duty")) == before


def test_completing_sets_progress_100_and_the_day(ledger: Ledger) -> None:
    ledger.update(ADMIN, tid("duty"), TaskChange(progress=30), on=ON)
    done = ledger.update(ADMIN, tid("duty"), TaskChange(status="completed"), on=date(2025, 4, 2))
    assert (done.status, done.progress, done.completed_on) == ("completed", 100, date(2025, 4, 2))
    assert fields_of(ledger, tid("duty"))[-3:] == [
        ("status", "in_progress", "completed", "ada"),
        ("progress", 30, 100, "ada"),
        ("completed_on", None, "2025-04-02", "ada"),
    ]
    # the rows of one change carry the change's time
    assert {r["at"] for r in ledger.history(tid("duty"))[-3:]} == {done.updated_at}


def test_reopening_a_completed_task_clears_its_day_and_progress(ledger: Ledger) -> None:
    set_status(ledger, "duty", "completed")
    reopened = set_status(ledger, "duty", "in_progress")
    assert reopened.status == "in_progress"
    assert reopened.completed_on is None
    assert reopened.progress < 100
    assert {f for f, *_ in fields_of(ledger, tid("duty"))[-3:]} == {
        "status",
        "completed_on",
        "progress",
    }


@pytest.mark.parametrize("start", ["not_started", "in_progress"])
def test_progress_100_without_completing_is_refused(ledger: Ledger, start: str) -> None:
    if start != "not_started":
        set_status(ledger, "duty", start)
    before = ledger.task(tid("duty"))
    rows = history_count(ledger)
    with pytest.raises(TaskError, match="progress 100 means completed"):
        ledger.update(ADMIN, tid("duty"), TaskChange(progress=100))
    assert ledger.task(tid("duty")) == before
    assert history_count(ledger) == rows


def test_progress_on_a_task_not_started_starts_it(ledger: Ledger) -> None:
    after = ledger.update(EMERGENCY, tid("duty"), TaskChange(progress=20), on=ON)
    assert (after.status, after.progress) == ("in_progress", 20)
    assert after.updated_by == "dora"
    assert sorted(fields_of(ledger, tid("duty"))[1:]) == [
        ("progress", 0, 20, "dora"),
        ("status", "not_started", "in_progress", "dora"),
    ]


def test_completed_with_less_than_full_progress_is_refused(ledger: Ledger) -> None:
    with pytest.raises(TaskError, match="completed means 100 % done, not 40 %"):
        ledger.update(ADMIN, tid("duty"), TaskChange(status="completed", progress=40), on=ON)
    assert ledger.task(tid("duty")).status == "not_started"  # nothing stored


def test_a_completion_can_be_dated(ledger: Ledger) -> None:
    done = date(2025, 2, 20)
    after = ledger.update(
        ADMIN, tid("duty"), TaskChange(status="completed", completed_on=done), on=ON
    )
    assert (after.status, after.progress, after.completed_on) == ("completed", 100, done)
    with pytest.raises(TaskError, match="is in the future"):
        ledger.update(ADMIN, tid("duty"), TaskChange(completed_on=ON + timedelta(days=1)), on=ON)
    with pytest.raises(TaskError, match="needs status completed"):
        ledger.update(ADMIN, tid("training"), TaskChange(completed_on=done), on=ON)


def test_one_audit_row_per_changed_field_and_none_for_a_no_op(ledger: Ledger) -> None:
    set_status(ledger, "duty", "in_progress")
    rows = history_count(ledger)
    after = ledger.update(ADMIN, tid("duty"), TaskChange(status="in_progress", progress=50))
    # the status was already in progress: only progress changed
    assert history_count(ledger) == rows + 1
    assert fields_of(ledger, tid("duty"))[-1] == ("progress", 0, 50, "ada")
    # the same values again (and a note that differs only in spaces) change nothing
    ledger.update(ADMIN, tid("duty"), TaskChange(note="进展顺利"))
    again = ledger.update(
        ADMIN, tid("duty"), TaskChange(status="in_progress", progress=50, note=" 进展顺利 ")
    )
    assert again.version == after.version + 1
    assert history_count(ledger) == rows + 2


def test_a_failing_audit_row_rolls_the_whole_change_back(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = raw_task(ledger, tid("duty"))
    rows = history_count(ledger)
    real = audit_module.row_hash
    calls: list[str] = []

    def second_row_fails(*args: Any) -> str:
        calls.append(args[4])
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(*args)

    monkeypatch.setattr(audit_module, "row_hash", second_row_fails)
    with pytest.raises(RuntimeError, match="disk full"):
        ledger.update(ADMIN, tid("duty"), TaskChange(status="in_progress", progress=30, note="x"))
    assert len(calls) == 2  # the first audit row was written before the failure
    monkeypatch.setattr(audit_module, "row_hash", real)
    assert raw_task(ledger, tid("duty")) == before
    assert history_count(ledger) == rows
    assert not ledger.db.in_transaction
    # the ledger still works, and the chain is intact
    assert ledger.update(ADMIN, tid("duty"), TaskChange(progress=30)).progress == 30
    assert ledger.verify_audit().ok


# -- the audit chain ------------------------------------------------------------------------------
def test_audit_rows_cannot_be_changed_or_deleted(ledger: Ledger) -> None:
    ledger.update(ADMIN, tid("duty"), TaskChange(progress=10))
    rows = ledger.history()
    with pytest.raises(sqlite3.DatabaseError, match="never changed"):
        ledger.db.execute("UPDATE task_history SET new='\"99\"' WHERE id=?", (rows[-1]["id"],))
    with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
        ledger.db.execute("DELETE FROM task_history WHERE id=?", (rows[0]["id"],))
    with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
        ledger.db.execute("DELETE FROM task_history")
    assert ledger.history() == rows


def _busy_history(ledger: Ledger) -> list[dict[str, Any]]:
    ledger.update(EMERGENCY, tid("duty"), TaskChange(progress=30, note="起草"))
    ledger.update(POLICE, tid("hazards"), TaskChange(status="suspended"))
    ledger.update(ADMIN, tid("duty"), TaskChange(status="completed"), on=ON)
    return ledger.history()


def test_verify_audit_accepts_a_real_history(ledger: Ledger) -> None:
    rows = _busy_history(ledger)
    check = ledger.verify_audit()
    assert check.ok and check.problems == ()
    assert check.rows == len(rows) == 3 + 3 + 1 + 3
    assert rows[0]["prev_hash"] == "0" * 64
    assert all(b["prev_hash"] == a["hash"] for a, b in itertools.pairwise(rows))


def test_verify_audit_finds_a_changed_row(ledger: Ledger) -> None:
    rows = _busy_history(ledger)
    target = rows[4]
    ledger.db.execute("DROP TRIGGER task_history_no_update")
    ledger.db.execute("UPDATE task_history SET actor='mallory' WHERE id=?", (target["id"],))
    check = ledger.verify_audit()
    assert not check.ok
    assert check.rows == len(rows)
    assert check.problems == (f"row {target['id']}: its content does not match its hash (changed)",)


def test_verify_audit_finds_a_removed_row(ledger: Ledger) -> None:
    rows = _busy_history(ledger)
    gone, after = rows[4], rows[5]
    ledger.db.execute("DROP TRIGGER task_history_no_delete")
    ledger.db.execute("DELETE FROM task_history WHERE id=?", (gone["id"],))
    check = ledger.verify_audit()
    assert not check.ok
    assert check.rows == len(rows) - 1
    # the break in the chain, the count under the signed checkpoint, and the task's note
    # (the removed row was its audit row)
    assert len(check.problems) == 3
    assert check.problems[0].startswith(f"row {after['id']}: ")
    assert "missing" in check.problems[0]
    assert check.problems[1].startswith(f"1 row(s) up to row {rows[-1]['id']} are missing")
    assert "note is '起草' in the tasks table" in check.problems[2]


# -- who may change what --------------------------------------------------------------------------
@pytest.mark.parametrize("key", ["duty", "training"])
def test_a_department_user_changes_the_tasks_its_department_leads(ledger: Ledger, key: str) -> None:
    after = ledger.update(EMERGENCY, tid(key), TaskChange(progress=25, note="推进中"))
    assert (after.progress, after.note, after.updated_by) == (25, "推进中", "dora")
    assert fields_of(ledger, tid(key))[-1][3] == "dora"


@pytest.mark.parametrize(
    ("actor", "key"),
    [
        (EMERGENCY, "hazards"),  # led by another department
        (POLICE, "duty"),  # co-operating is not leading
        (User("wu", Role.DEPARTMENT, "示例省住房和城乡建设厅"), "duty"),
        (User("lin", Role.DEPARTMENT, "另一省应急管理厅"), "duty"),  # same kind, other place
        (User("qiu", Role.DEPARTMENT, "示例市应急管理局"), "duty"),  # same kind, a city's
        (User("kai", Role.DEPARTMENT, "应急管理部门"), "duty"),  # a kind is not a body
        (VIEWER, "duty"),
        (REVIEWER, "duty"),
        (User("ada2", Role.ADMIN, active=False), "duty"),
    ],
    ids=[
        "other-lead",
        "cooperating",
        "unrelated",
        "same-kind-other-province",
        "same-kind-city",
        "a-kind",
        "viewer",
        "reviewer",
        "disabled-admin",
    ],
)
def test_others_may_not_change_a_task(ledger: Ledger, actor: User, key: str) -> None:
    before = ledger.task(tid(key))
    rows = history_count(ledger)
    with pytest.raises(PermissionDenied, match=actor.username):
        ledger.update(actor, tid(key), TaskChange(progress=25, note="越权"))
    with pytest.raises(PermissionDenied):
        ledger.check_can_change(actor, tid(key))
    assert ledger.task(tid(key)) == before
    assert history_count(ledger) == rows
    assert not ledger.db.in_transaction


def test_the_refusal_names_the_leading_department(ledger: Ledger) -> None:
    with pytest.raises(PermissionDenied, match="led by 示例省公安厅"):
        ledger.update(EMERGENCY, tid("hazards"), TaskChange(progress=5))


def test_an_admin_changes_any_task(ledger: Ledger) -> None:
    for key in ("duty", "hazards", "training"):
        assert ledger.update(ADMIN, tid(key), TaskChange(progress=5)).progress == 5


@pytest.mark.parametrize("actor", [EMERGENCY, REVIEWER, VIEWER], ids=lambda u: u.role)
def test_only_admins_save_plans(ledger: Ledger, actor: User) -> None:
    rows = history_count(ledger)
    with pytest.raises(PermissionDenied, match="manage plans"):
        ledger.save_plan(actor, "new", "New plan", [HAZARDS])
    with pytest.raises(PermissionDenied, match="manage plans"):
        ledger.save_plan(actor, PLAN, "Plan", [])
    assert [p["plan_id"] for p in ledger.plans()] == [PLAN]
    assert len(ledger.tasks()) == 3
    assert history_count(ledger) == rows


def test_deleting_a_plan_keeps_its_history(ledger: Ledger) -> None:
    ledger.update(ADMIN, tid("duty"), TaskChange(progress=10))
    rows = ledger.history()
    # no operation deletes a plan: remove its row directly, its tasks go with it (ON DELETE
    # CASCADE) while their audit rows stay
    ledger.db.execute("DELETE FROM plans WHERE plan_id=?", (PLAN,))
    assert ledger.plans() == []
    assert ledger.tasks() == []
    with pytest.raises(NotFoundError):
        ledger.task(tid("duty"))
    assert ledger.history() == rows
    assert ledger.verify_audit().ok
    assert not ledger.db.in_transaction


# -- evidence -------------------------------------------------------------------------------------
NOTICE = "notice@2025-01-01"


def _with_notice(ledger: Ledger) -> None:
    ledger.store.write(
        document_from_records(
            work_id="notice",
            version="2025-01-01",
            title="关于落实安全生产责任制的通知",
            articles=[ArticleRecord("art-1", "第1条", "各单位应当落实全员安全生产责任制。")],
            metadata={"language": "zh", "status": "in_force"},
        )
    )


def test_attaching_evidence_writes_an_audit_row(ledger: Ledger) -> None:
    _with_notice(ledger)
    rows = history_count(ledger)
    ledger.attach_evidence(EMERGENCY, tid("duty"), NOTICE, "notice/art-1", "已印发")
    [evidence] = ledger.evidence(tid("duty"))
    assert (evidence["document_id"], evidence["provision_id"], evidence["note"]) == (
        NOTICE,
        "notice/art-1",
        "已印发",
    )
    assert (evidence["added_by"], evidence["title"]) == ("dora", "关于落实安全生产责任制的通知")
    assert history_count(ledger) == rows + 1
    assert fields_of(ledger, tid("duty"))[-1] == (
        "evidence",
        None,
        f"{NOTICE}/notice/art-1",
        "dora",
    )
    with pytest.raises(NotFoundError, match="no document"):
        ledger.attach_evidence(ADMIN, tid("duty"), "missing@2020-01-01")
    with pytest.raises(PermissionDenied):
        ledger.attach_evidence(EMERGENCY, tid("hazards"), NOTICE)
    assert ledger.evidence(tid("hazards")) == []
    assert history_count(ledger) == rows + 1
    assert ledger.verify_audit().ok


def test_attaching_the_same_document_twice_stores_it_once(ledger: Ledger) -> None:
    _with_notice(ledger)
    ledger.attach_evidence(ADMIN, tid("duty"), NOTICE)
    ledger.attach_evidence(ADMIN, tid("duty"), NOTICE)
    assert len(ledger.evidence(tid("duty"))) == 1


def test_attaching_the_same_article_twice_writes_one_audit_row(ledger: Ledger) -> None:
    _with_notice(ledger)
    ledger.attach_evidence(ADMIN, tid("duty"), NOTICE, "notice/art-1")
    rows = history_count(ledger)
    ledger.attach_evidence(ADMIN, tid("duty"), NOTICE, "notice/art-1")
    assert len(ledger.evidence(tid("duty"))) == 1
    assert history_count(ledger) == rows


# -- optimistic concurrency -----------------------------------------------------------------------
def test_a_stale_version_is_refused_naming_who_changed_it(ledger: Ledger) -> None:
    read = ledger.task(tid("duty"))
    ledger.update(EMERGENCY, tid("duty"), TaskChange(progress=40))
    rows = history_count(ledger)
    with pytest.raises(ConflictError, match=rf"T-{read.number} was changed by dora"):
        ledger.update(ADMIN, tid("duty"), TaskChange(note="stale"), expected_version=read.version)
    current = ledger.task(tid("duty"))
    assert (current.progress, current.note) == (40, "")
    assert history_count(ledger) == rows
    # the version just read is accepted
    assert (
        ledger.update(
            ADMIN, tid("duty"), TaskChange(note="fresh"), expected_version=current.version
        ).note
        == "fresh"
    )


def _update_in_own_process(
    path: str, n: int, expected: int | None, start: Any, results: Any
) -> None:
    """One of the concurrent writers: its own Store on the same file, one update."""
    try:
        store = Store(Path(path))
        try:
            start.wait(timeout=60)
            view = Ledger(store).update(
                User(f"u{n:02d}", Role.ADMIN),
                tid("duty"),
                TaskChange(progress=n + 1, note=f"note {n}"),
                expected_version=expected,
            )
            results.put((n, "ok", view.version))
        finally:
            store.close()
    except ConflictError as exc:
        results.put((n, "ConflictError", str(exc)))
    except BaseException as exc:  # noqa: BLE001 - reported to the test, which fails on it
        results.put((n, type(exc).__name__, str(exc)))


def _run_writers(path: Path, expected: int | None, writers: int = 20) -> list[tuple[int, str, Any]]:
    context = multiprocessing.get_context("fork")
    start = context.Barrier(writers)
    results = context.Queue()
    processes = [
        context.Process(
            target=_update_in_own_process, args=(str(path), n, expected, start, results)
        )
        for n in range(writers)
    ]
    for p in processes:
        p.start()
    try:
        out = [results.get(timeout=120) for _ in processes]
        for p in processes:
            p.join(timeout=60)
            assert p.exitcode == 0
    finally:
        for p in processes:
            if p.is_alive():
                p.kill()
    return sorted(out)


@pytest.fixture()
def closed_ledger(db_path: Path) -> Path:
    """The ledger's file, with no connection held open across the fork."""
    with Store(db_path) as store:
        Ledger(store).save_plan(ADMIN, PLAN, "示例省安全生产重点工作分工方案", [DUTY, HAZARDS])
    return db_path


def test_twenty_processes_update_one_task_at_once(closed_ledger: Path) -> None:
    with Store(closed_ledger) as store:
        start_version = Ledger(store).task(tid("duty")).version

    results = _run_writers(closed_ledger, expected=None)

    assert [(n, outcome) for n, outcome, _ in results] == [(n, "ok") for n in range(20)]
    with Store(closed_ledger) as store:
        led = Ledger(store)
        task = led.task(tid("duty"))
        assert task.version == start_version + 20
        # each writer saw a different version: the updates were serialised
        assert sorted(v for *_, v in results) == list(range(start_version + 1, start_version + 21))
        notes = {r["actor"]: json.loads(r["new"]) for r in led.history() if r["field"] == "note"}
        assert notes == {f"u{n:02d}": f"note {n}" for n in range(20)}
        last = max(results, key=lambda r: r[2])[0]
        assert (task.note, task.progress, task.updated_by) == (
            f"note {last}",
            last + 1,
            f"u{last:02d}",
        )
        check = led.verify_audit()
        assert check.ok, check.problems
        assert check.rows == len(led.history())


def test_twenty_processes_with_the_same_version_one_wins(closed_ledger: Path) -> None:
    with Store(closed_ledger) as store:
        read = Ledger(store).task(tid("duty"))

    results = _run_writers(closed_ledger, expected=read.version)

    outcomes = [outcome for _, outcome, _ in results]
    assert outcomes.count("ok") == 1
    assert outcomes.count("ConflictError") == 19
    winner = next(n for n, outcome, _ in results if outcome == "ok")
    assert all(
        f"was changed by u{winner:02d}" in message
        for _, outcome, message in results
        if outcome == "ConflictError"
    )
    with Store(closed_ledger) as store:
        led = Ledger(store)
        task = led.task(tid("duty"))
        assert task.version == read.version + 1
        assert (task.note, task.updated_by) == (f"note {winner}", f"u{winner:02d}")
        actors = {r["actor"] for r in led.history() if r["field"] != "created"}
        assert actors == {f"u{winner:02d}"}
        assert led.verify_audit().ok


def _many_updates_in_own_process(
    path: str, n: int, updates: int, tasks: list[str], start: Any, results: Any
) -> None:
    """One writer of several: ``updates`` updates of tasks picked in turn, each with the
    version it read, read again and retried on a conflict (as the UI does)."""
    try:
        with Store(Path(path)) as store:
            led = Ledger(store)
            actor = User(f"w{n}", Role.ADMIN)
            done, conflicts = [], 0
            start.wait(timeout=60)
            for i in range(updates):
                task_id = tasks[(n + i) % len(tasks)]
                while True:
                    read = led.task(task_id)
                    try:
                        view = led.update(
                            actor,
                            task_id,
                            TaskChange(progress=(n * 7 + i) % 100, note=f"w{n} #{i}"),
                            expected_version=read.version,
                        )
                    except ConflictError:
                        conflicts += 1
                        continue
                    done.append((task_id, view.version, view.note))
                    break
            results.put((n, "ok", done, conflicts))
    except BaseException as exc:  # noqa: BLE001 - reported to the test, which fails on it
        results.put((n, type(exc).__name__, str(exc), 0))


def test_concurrent_writers_on_several_tasks_lose_nothing_and_keep_the_chain(
    closed_ledger: Path,
) -> None:
    """4 processes x 25 audited updates on 3 tasks: every update lands once (its version
    increment and its audit rows), no two see the same version, the chain verifies and its
    checkpoint follows it (no writer moved it out of turn)."""
    tasks = [tid("duty"), tid("hazards")]
    with Store(closed_ledger) as store:
        led = Ledger(store)
        led.save_plan(ADMIN, PLAN, "示例省安全生产重点工作分工方案", [DUTY, HAZARDS, TRAINING])
        tasks.append(tid("training"))
        before = {t: led.task(t).version for t in tasks}
        rows_before = history_count(led)
    context = multiprocessing.get_context("fork")
    writers, updates = 4, 25
    start = context.Barrier(writers)
    results = context.Queue()
    processes = [
        context.Process(
            target=_many_updates_in_own_process,
            args=(str(closed_ledger), n, updates, tasks, start, results),
        )
        for n in range(writers)
    ]
    for p in processes:
        p.start()
    try:
        out = [results.get(timeout=300) for _ in processes]
        for p in processes:
            p.join(timeout=60)
    finally:
        for p in processes:
            if p.is_alive():
                p.kill()
    assert [r[1] for r in out] == ["ok"] * writers, out
    done = [x for r in out for x in r[2]]
    assert len(done) == writers * updates
    # no two updates saw the same version of a task
    assert len({(task_id, version) for task_id, version, _ in done}) == len(done)
    with Store(closed_ledger) as store:
        led = Ledger(store)
        assert sum(led.task(t).version - v for t, v in before.items()) == len(done)
        history = led.history()
        notes = [json.loads(r["new"]) for r in history if r["field"] == "note"]
        assert sorted(notes) == sorted(note for *_, note in done)
        # each update wrote its note row and, when the progress changed, its progress row
        assert len(history) >= rows_before + len(done)
        check = led.verify_audit()
        assert check.ok, check.problems
        assert check.warnings == ()  # the checkpoint signs the chain's head
        assert check.rows == len(history)


def _fail_on_lock_waits(store: Store) -> None:
    """On PostgreSQL, a lock not granted within 5 s fails the statement (instead of hanging
    the test); SQLite's connection gives up after its own busy timeout."""
    if store.dialect == "postgresql":
        store.db.execute("SET lock_timeout = '5s'")


def test_an_update_returns_the_task_as_stored(ledger: Ledger) -> None:
    duty = ledger.task(tid("duty"))
    by_handle = ledger.update(
        EMERGENCY, f"T-{duty.number}", TaskChange(status="in_progress", progress=20, note="起步")
    )
    assert by_handle == ledger.task(tid("duty"))
    assert (by_handle.version, by_handle.updated_by) == (duty.version + 1, "dora")
    assert by_handle.lead_bodies == duty.lead_bodies  # the bodies come with the change
    assert ledger.update(ADMIN, tid("duty"), TaskChange(progress=20)) == by_handle  # no-op
    with pytest.raises(NotFoundError, match="T-999"):
        ledger.update(ADMIN, "T-999", TaskChange(progress=1))
    assert not ledger.db.in_transaction
    assert ledger.update(ADMIN, tid("duty"), TaskChange(progress=25)).progress == 25


def test_a_refused_update_leaves_no_transaction_and_no_lock(ledger: Ledger) -> None:
    read = ledger.task(tid("hazards"))
    with pytest.raises(PermissionDenied):
        ledger.update(EMERGENCY, tid("hazards"), TaskChange(progress=5))
    ledger.update(POLICE, tid("hazards"), TaskChange(progress=5))
    with pytest.raises(ConflictError):
        ledger.update(POLICE, tid("hazards"), TaskChange(progress=6), expected_version=read.version)
    assert not ledger.db.in_transaction
    # another connection appends to the chain at once: nothing was left locked
    with Store(ledger.store.path) as other:
        _fail_on_lock_waits(other)
        Ledger(other).update(ADMIN, tid("hazards"), TaskChange(progress=7))
    assert ledger.task(tid("hazards")).progress == 7
    assert ledger.verify_audit().ok


def test_an_update_on_postgresql_does_not_wait_for_the_stores_write_lock(
    ledger: Ledger,
) -> None:
    """Only the audit chain's writers take turns on PostgreSQL: an ingest or account change
    holding the store's write lock does not hold up a task's update (on SQLite the one file
    lock covers every writer)."""
    if ledger.store.dialect != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has one write lock for the whole file")
    _fail_on_lock_waits(ledger.store)
    with Store(ledger.store.path) as other:
        other.db.execute("BEGIN IMMEDIATE")  # the store's write lock, as an ingest takes it
        try:
            view = ledger.update(ADMIN, tid("duty"), TaskChange(progress=55))
        finally:
            other.db.execute("ROLLBACK")
    assert view.progress == 55
    assert ledger.verify_audit().ok


# -- urgency --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("days", "expected"),
    [(-30, "overdue"), (-1, "overdue"), (0, "due_soon"), (14, "due_soon"), (15, ""), (None, "")],
)
def test_urgency_boundaries(db_path: Path, days: int | None, expected: str) -> None:
    deadline = None if days is None else ON + timedelta(days=days)
    with Store(db_path) as store:
        led = Ledger(store)
        led.save_plan(ADMIN, PLAN, "plan", [TaskRecord("x", "do it", deadline=deadline)])
        task = led.task(tid("x"))
        assert task.deadline == deadline
        assert task.urgency(ON) == expected
        # suspended or in progress, a late task is still late
        led.update(ADMIN, tid("x"), TaskChange(status="suspended"))
        assert led.task(tid("x")).urgency(ON) == expected


@pytest.mark.parametrize("days", [-400, -1, 0, 3])
def test_a_completed_task_is_never_urgent(ledger: Ledger, days: int) -> None:
    ledger.save_plan(
        ADMIN, PLAN, "p", [TaskRecord("late", "old work", deadline=ON + timedelta(days=days))]
    )
    assert ledger.task(tid("late")).urgency(ON) in ("overdue", "due_soon")
    done = ledger.update(ADMIN, tid("late"), TaskChange(status="completed"), on=ON)
    assert done.urgency(ON) == ""
    assert done.urgency(ON + timedelta(days=1000)) == ""
