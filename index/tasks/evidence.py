"""Suggested evidence: when a document arrives, the open tasks it may fulfil, ranked, for a person
to confirm (it becomes evidence) or reject.

The score of a task is the best cosine similarity between the task's text (embedded as a query)
and an article of the new document (its cached passage vector). Task vectors are cached in the
store like passage vectors, under the embedder's name with a ":query" suffix.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from index.accounts import User
from index.search.embedders import Embedder, load_embedder
from index.search.passage_vectors import passage_vectors
from index.store.database import NotFoundError, Store
from index.store.passages import passage_text
from index.store.transactions import transaction
from index.tasks.ledger import Ledger

TOP = 5
MIN_SCORE = 0.3  # below this a "suggestion" is noise for every embedder we measured


@dataclass(frozen=True, slots=True)
class Suggestion:
    task_id: str
    document_id: str
    provision_id: str
    score: float


def suggest_evidence(
    store: Store, embedder: Embedder, document_id: str, *, top: int = TOP
) -> list[Suggestion]:
    """Rank the open tasks of other documents' plans against ``document_id`` and store the
    best ``top`` as pending suggestions (a decision already taken is kept).

    Returns:
        The suggestions stored, best first.
    """
    tasks = store.db.execute(
        "SELECT t.task_id, t.text FROM tasks t JOIN plans p USING (plan_id) "
        "WHERE t.status != 'completed' AND COALESCE(p.document_id, '') != ?",
        (document_id,),
    ).fetchall()
    articles = store.db.execute(
        "SELECT provision_id, heading_path, text FROM provisions WHERE document_id=? "
        "AND parent_id IS NULL AND kind != 'trailer' AND text != '' ORDER BY ord",
        (document_id,),
    ).fetchall()
    if not tasks or not articles:
        return []
    passages = [passage_text(json.loads(a["heading_path"]), a["text"]) for a in articles]
    matrix = passage_vectors(store, embedder, passages, query=False)
    queries = passage_vectors(store, embedder, [t["text"] for t in tasks], query=True)
    scores = queries @ matrix.T  # unit vectors: cosine similarity
    best = scores.argmax(axis=1)
    ranked = sorted(
        (
            Suggestion(t["task_id"], document_id, articles[int(j)]["provision_id"], float(s[j]))
            for t, s, j in zip(tasks, scores, best, strict=True)
        ),
        key=lambda x: -x.score,
    )
    chosen = [s for s in ranked if s.score >= MIN_SCORE][:top]
    with transaction(store.db):
        store.db.executemany(
            "INSERT INTO evidence_suggestions (task_id, document_id, provision_id, score) "
            "VALUES (?,?,?,?) ON CONFLICT (task_id, document_id) DO UPDATE SET "
            "provision_id=excluded.provision_id, score=excluded.score "
            "WHERE evidence_suggestions.state='pending'",
            [(s.task_id, s.document_id, s.provision_id, s.score) for s in chosen],
        )
    return chosen


def suggest_for_new(store: Store, embedder_name: str, document_ids: list[str]) -> int:
    """Suggestions for newly ingested documents; loads the embedder only when the ledger has
    open tasks. Returns the number of suggestions stored."""
    if (
        not document_ids
        or not store.db.execute(
            "SELECT 1 FROM tasks WHERE status != 'completed' LIMIT 1"
        ).fetchone()
    ):
        return 0
    embedder = load_embedder(embedder_name)
    return sum(len(suggest_evidence(store, embedder, d)) for d in document_ids)


def pending_suggestions(store: Store, task_id: str | None = None) -> list[dict[str, object]]:
    """Suggestions no one has decided yet, best first, with the document's title."""
    sql = (
        "SELECT s.*, d.title, p.number FROM evidence_suggestions s "
        "JOIN documents d USING (document_id) LEFT JOIN provisions p "
        "ON p.document_id = s.document_id AND p.provision_id = s.provision_id "
        "WHERE s.state='pending'"
    )
    params: tuple[str, ...] = ()
    if task_id:
        sql += " AND s.task_id=?"
        params = (task_id,)
    return [dict(r) for r in store.db.execute(sql + " ORDER BY s.score DESC", params)]


def decide_suggestion(
    ledger: Ledger, actor: User, task_id: str, document_id: str, *, confirm: bool
) -> None:
    """Confirm (the article becomes the task's evidence) or reject a suggestion.

    Raises:
        PermissionDenied: unless the actor may change the task.
        NotFoundError: when there is no such pending suggestion.
    """
    row = ledger.db.execute(
        "SELECT provision_id FROM evidence_suggestions WHERE task_id=? AND document_id=? "
        "AND state='pending'",
        (task_id, document_id),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no pending suggestion of {document_id} for {task_id}")
    if confirm:
        ledger.attach_evidence(actor, task_id, document_id, row["provision_id"], "suggested")
    else:
        ledger.check_can_change(actor, task_id)
    ledger.db.execute(
        "UPDATE evidence_suggestions SET state=?, decided_by=?, decided_at=? "
        "WHERE task_id=? AND document_id=?",
        (
            "confirmed" if confirm else "rejected",
            actor.username,
            datetime.now(UTC).isoformat(timespec="seconds"),
            task_id,
            document_id,
        ),
    )
