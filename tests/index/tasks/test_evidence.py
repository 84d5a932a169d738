"""Suggested evidence (the hash embedder): a new document's articles ranked against the open tasks
of other documents' plans, kept for a person to confirm or reject; confirming attaches evidence
with an audit row, and a decision survives a re-run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import index.tasks.evidence as evidence_module
from index.accounts import PermissionDenied, Role, User
from index.search.embedders import HashEmbedder
from index.store.database import NotFoundError, Store
from index.tasks.evidence import (
    decide_suggestion,
    pending_suggestions,
    suggest_evidence,
    suggest_for_new,
)
from index.tasks.ledger import Ledger
from index.tasks.records import TaskChange, TaskRecord
from ingest.model import IngestResult
from ingest.records import ArticleRecord, document_from_records

ADMIN = User("ada", Role.ADMIN)
MINES = User("min", Role.DEPARTMENT, "示例省应急管理厅")  # leads the mine training task
POLICE = User("pat", Role.DEPARTMENT, "公安厅")

PLAN_DOC = "division-plan@2024-01-01"
NOTICE = "mine-notice@2025-01-01"

CHEMICALS = "开展危险化学品企业安全风险隐患排查治理"
MINE_TRAINING = "建立健全矿山安全生产培训考核制度"
GAS_PIPES = "推进城镇燃气管道老化更新改造工程"

TASKS = [
    TaskRecord("chem", CHEMICALS, lead=("示例省应急管理厅",)),
    TaskRecord("mine", MINE_TRAINING, lead=("示例省应急管理厅",)),
    TaskRecord("gas", GAS_PIPES, lead=("示例省住房和城乡建设厅",)),
]


def _document(document_id: str, title: str, articles: list[str]) -> IngestResult:
    """A stored-ready document with one article per text (ids ``<work>/art-<n>``)."""
    work_id, version = document_id.split("@")
    return document_from_records(
        work_id=work_id,
        version=version,
        title=title,
        articles=[
            ArticleRecord(f"art-{n}", f"第{n}条", text, (title,))
            for n, text in enumerate(articles, start=1)
        ],
        metadata={"language": "zh", "status": "in_force", "region": "示例省"},
    )


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    """A plan document (its articles are the task texts), its tasks in the ledger, and a notice
    whose first article repeats the mine training task's words."""
    with Store(tmp_path / "evidence.sqlite") as s:
        s.write(_document(PLAN_DOC, "示例省安全生产重点工作分工方案", [t.text for t in TASKS]))
        s.write(
            _document(
                NOTICE,
                "关于加强矿山培训的通知",
                [
                    "各矿山企业应当建立健全矿山安全生产培训考核制度，做好培训考核工作。",
                    "本通知自印发之日起施行，由示例省人民政府办公厅负责解释。",
                ],
            )
        )
        assert {d["document_id"] for d in s.documents()} == {PLAN_DOC, NOTICE}
        Ledger(s).save_plan(
            ADMIN, PLAN_DOC, "示例省安全生产重点工作分工方案", TASKS, document_id=PLAN_DOC
        )
        yield s


@pytest.fixture()
def ledger(store: Store) -> Ledger:
    return Ledger(store)


def tid(key: str) -> str:
    return f"{PLAN_DOC}#{key}"


def states(store: Store) -> dict[str, str]:
    return {
        r["task_id"]: r["state"]
        for r in store.db.execute("SELECT task_id, state FROM evidence_suggestions")
    }


# -- ranking --------------------------------------------------------------------------------------
def test_the_task_a_document_repeats_is_ranked_first(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(evidence_module, "MIN_SCORE", -1.0)  # see the whole ranking
    found = suggest_evidence(store, HashEmbedder(), NOTICE)
    assert {s.task_id for s in found} == {tid("chem"), tid("mine"), tid("gas")}
    best = found[0]
    assert (best.task_id, best.document_id, best.provision_id) == (
        tid("mine"),
        NOTICE,
        "mine-notice/art-1",
    )
    assert all(best.score > s.score for s in found[1:])
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    # stored as pending, best first, with the document's title and the article's number
    pending = pending_suggestions(store)
    assert [(p["task_id"], p["state"]) for p in pending] == [(s.task_id, "pending") for s in found]
    assert (pending[0]["title"], pending[0]["number"]) == ("关于加强矿山培训的通知", "第1条")
    assert [p["task_id"] for p in pending_suggestions(store, tid("mine"))] == [tid("mine")]


def test_weak_matches_are_not_suggested(store: Store) -> None:
    found = suggest_evidence(store, HashEmbedder(), NOTICE)
    assert [s.task_id for s in found] == [tid("mine")]  # the others share only stray words
    assert found[0].score >= evidence_module.MIN_SCORE
    assert list(states(store)) == [tid("mine")]


def test_top_limits_the_suggestions(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evidence_module, "MIN_SCORE", -1.0)
    assert [s.task_id for s in suggest_evidence(store, HashEmbedder(), NOTICE, top=1)] == [
        tid("mine")
    ]
    assert list(states(store)) == [tid("mine")]


def test_a_plan_document_is_never_suggested_for_its_own_tasks(store: Store) -> None:
    # the plan's articles are its tasks' own words: the best match possible, yet not evidence
    assert suggest_evidence(store, HashEmbedder(), PLAN_DOC) == []
    assert states(store) == {}
    # another plan's task with the same words is suggested from it
    Ledger(store).save_plan(ADMIN, "import:table", "分工表", [TaskRecord("g", GAS_PIPES)])
    found = suggest_evidence(store, HashEmbedder(), PLAN_DOC)
    assert [(s.task_id, s.provision_id) for s in found] == [
        ("import:table#g", "division-plan/art-3")
    ]


def test_completed_tasks_are_not_suggested(store: Store, ledger: Ledger) -> None:
    ledger.update(ADMIN, tid("mine"), TaskChange(status="completed"))
    found = suggest_evidence(store, HashEmbedder(), NOTICE)
    assert tid("mine") not in {s.task_id for s in found}
    assert tid("mine") not in states(store)


# -- deciding -------------------------------------------------------------------------------------
def test_a_decision_survives_a_re_run(store: Store, ledger: Ledger) -> None:
    first = {s.task_id: s for s in suggest_evidence(store, HashEmbedder(), NOTICE)}
    decide_suggestion(ledger, MINES, tid("mine"), NOTICE, confirm=False)
    row = dict(
        store.db.execute(
            "SELECT * FROM evidence_suggestions WHERE task_id=?", (tid("mine"),)
        ).fetchone()
    )
    assert (row["state"], row["decided_by"]) == ("rejected", "min")
    # the task's text changes, so the re-run scores it differently; the decision stays
    ledger.save_plan(
        ADMIN,
        PLAN_DOC,
        "示例省安全生产重点工作分工方案",
        [
            TASKS[0],
            TaskRecord("mine", MINE_TRAINING + "，每年组织考核", lead=TASKS[1].lead),
            TASKS[2],
        ],
        document_id=PLAN_DOC,
    )
    suggest_evidence(store, HashEmbedder(), NOTICE)
    again = dict(
        store.db.execute(
            "SELECT * FROM evidence_suggestions WHERE task_id=?", (tid("mine"),)
        ).fetchone()
    )
    assert again == row
    assert again["score"] == first[tid("mine")].score
    assert tid("mine") not in {p["task_id"] for p in pending_suggestions(store)}
    with pytest.raises(NotFoundError):
        decide_suggestion(ledger, ADMIN, tid("mine"), NOTICE, confirm=True)
    assert ledger.evidence(tid("mine")) == []


def test_confirming_attaches_evidence_with_an_audit_row(store: Store, ledger: Ledger) -> None:
    suggest_evidence(store, HashEmbedder(), NOTICE)
    rows = len(ledger.history())
    decide_suggestion(ledger, MINES, tid("mine"), NOTICE, confirm=True)
    evidence = ledger.evidence(tid("mine"))
    assert [
        (e["document_id"], e["provision_id"], e["note"], e["added_by"], e["title"])
        for e in evidence
    ] == [(NOTICE, "mine-notice/art-1", "suggested", "min", "关于加强矿山培训的通知")]
    history = ledger.history()
    assert len(history) == rows + 1
    last = history[-1]
    assert (last["task_id"], last["field"], last["actor"]) == (tid("mine"), "evidence", "min")
    assert json.loads(last["new"]) == f"{NOTICE}/mine-notice/art-1"
    assert states(store)[tid("mine")] == "confirmed"
    assert ledger.verify_audit().ok


@pytest.mark.parametrize("confirm", [True, False], ids=["confirm", "reject"])
def test_a_department_user_cannot_decide_for_another_departments_task(
    store: Store, ledger: Ledger, confirm: bool
) -> None:
    suggest_evidence(store, HashEmbedder(), NOTICE)
    rows = len(ledger.history())
    with pytest.raises(PermissionDenied, match="pat"):
        decide_suggestion(ledger, POLICE, tid("mine"), NOTICE, confirm=confirm)
    assert states(store)[tid("mine")] == "pending"
    assert ledger.evidence(tid("mine")) == []
    assert len(ledger.history()) == rows


def test_a_viewer_cannot_decide(store: Store, ledger: Ledger) -> None:
    suggest_evidence(store, HashEmbedder(), NOTICE)
    with pytest.raises(PermissionDenied):
        decide_suggestion(ledger, User("vic", Role.VIEWER), tid("mine"), NOTICE, confirm=True)
    assert states(store)[tid("mine")] == "pending"


# -- after an ingest ------------------------------------------------------------------------------
@pytest.fixture()
def no_embedder(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(name: str) -> object:
        raise AssertionError(f"the embedder {name!r} was loaded")

    monkeypatch.setattr(evidence_module, "load_embedder", refuse)


def test_no_open_tasks_loads_no_embedder(tmp_path: Path, no_embedder: None) -> None:
    with Store(tmp_path / "empty.sqlite") as s:
        assert suggest_for_new(s, "e5", [NOTICE]) == 0  # an empty ledger
        Ledger(s).save_plan(ADMIN, "p", "plan", [TaskRecord("x", MINE_TRAINING)])
        Ledger(s).update(ADMIN, "p#x", TaskChange(status="completed"))
        assert suggest_for_new(s, "e5", [NOTICE]) == 0  # every task completed


def test_no_new_documents_loads_no_embedder(store: Store, no_embedder: None) -> None:
    assert suggest_for_new(store, "e5", []) == 0


def test_open_tasks_load_the_named_embedder(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    loaded: list[str] = []

    def load(name: str) -> HashEmbedder:
        loaded.append(name)
        return HashEmbedder()

    monkeypatch.setattr(evidence_module, "load_embedder", load)
    count = suggest_for_new(store, "hash", [NOTICE])
    assert loaded == ["hash"]
    assert count == len(pending_suggestions(store)) >= 1
    assert pending_suggestions(store)[0]["task_id"] == tid("mine")
