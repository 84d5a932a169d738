"""Suggested evidence chooses each task's article with the search's own ranking (keywords and
vectors fused, law-aware), the same ranking as the search page, when the workspace's index is at
hand; the cosine floor still decides which tasks are suggested."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import index.tasks.evidence as evidence_module
from index.search.build import sync_indexes
from index.search.embedders import HashEmbedder
from index.search.engine import SearchEngine
from index.search.generations import IndexFolder
from index.store.database import Store
from index.tasks.evidence import suggest_evidence, suggest_for_new
from index.tasks.ledger import Ledger
from index.tasks.records import TaskRecord
from ingest import load_document
from tests.index.tasks.test_evidence import ADMIN, _document

ROOT = Path(__file__).resolve().parents[3]
LAW = ROOT / "corpus" / "zh_national_law_2024.md"
PLAN = "hazard-plan@2025-01-01"
HAZARDS = "对重大事故隐患实行挂牌督办和整改销号"


@pytest.fixture()
def workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Store, IndexFolder, str]]:
    """A plan with one open task about hazards, the sample national law, and an index of both.
    The hash vectors score this pair below the floor measured for real embedders: the floor is
    lowered so that the choice of article can be seen."""
    monkeypatch.setattr(evidence_module, "MIN_SCORE", 0.2)
    with Store(tmp_path / "evidence.sqlite") as store:
        store.write(_document(PLAN, "隐患治理工作方案", [HAZARDS]))
        law = store.write(load_document(LAW), "test").document_id
        assert law
        Ledger(store).save_plan(
            ADMIN,
            PLAN,
            "隐患治理工作方案",
            [TaskRecord("h", HAZARDS, lead=("应急管理厅",))],
            document_id=PLAN,
        )
        folder = IndexFolder(tmp_path / "index")
        sync_indexes(store, folder, "hash")
        yield store, folder, law


def test_the_search_chooses_the_article(workspace: tuple[Store, IndexFolder, str]) -> None:
    store, folder, law = workspace
    # By cosine alone the hash vectors point at the accident-investigation article (第三十二条).
    alone = suggest_evidence(store, HashEmbedder(), law)
    assert [s.provision_id.split("/")[1] for s in alone] == ["art-32"]
    engine = SearchEngine(store, folder, embedder=HashEmbedder())
    searched = suggest_evidence(store, HashEmbedder(), law, engine=engine)
    # The search ranks the hazard-investigation article (第十六条) first, as the search page does.
    top = engine.rank(HAZARDS, k=50)
    rows = store.unit_rows([i for i, _, _ in top])
    first = next(rows[i]["provision_id"] for i, _, _ in top if rows[i]["document_id"] == law)
    assert [s.provision_id for s in searched] == [first]
    assert first.endswith("/art-16")
    # whether and how high the task is suggested is still the cosine score
    assert [s.score for s in searched] == [s.score for s in alone]
    stored = store.db.execute("SELECT provision_id FROM evidence_suggestions").fetchall()
    assert [r[0] for r in stored] == [first]


def test_new_documents_use_the_workspace_index(
    workspace: tuple[Store, IndexFolder, str], tmp_path: Path
) -> None:
    store, folder, law = workspace
    assert suggest_for_new(store, "hash", [law], folder) == 1
    chosen = store.db.execute("SELECT provision_id FROM evidence_suggestions").fetchone()[0]
    assert chosen.endswith("/art-16")
    # without a usable index the most similar article is proposed, and nothing fails
    store.db.execute("DELETE FROM evidence_suggestions")
    assert suggest_for_new(store, "hash", [law], IndexFolder(tmp_path / "no-index")) == 1
    chosen = store.db.execute("SELECT provision_id FROM evidence_suggestions").fetchone()[0]
    assert chosen.endswith("/art-32")
