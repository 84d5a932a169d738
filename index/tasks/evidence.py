"""Suggested evidence: when a document arrives, the open tasks it may fulfil, ranked, for a person
to confirm (it becomes evidence) or reject.

Whether a task is suggested, and how high, is the best cosine similarity between the task's text
(embedded as a query) and an article of the new document (its cached passage vector): the one
score whose floor was measured. Which article is proposed is the search's own choice when the
workspace's index is at hand: the task's text searched within the new document, with the same
ranking as the search page (keywords and vectors fused, the law-aware score and the learned
ranker when one ships with the index). Without an index the most similar article is proposed.
Task vectors are cached in the store like passage vectors, under the embedder's name with a
":query" suffix.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import numpy as np

from index.accounts import User
from index.search.embedders import Embedder, load_embedder
from index.search.engine import Filters, SearchEngine
from index.search.generations import IndexFilesError, IndexFolder
from index.search.passage_vectors import passage_vectors
from index.search.query_text import normalise_query
from index.store.database import NotFoundError, Store
from index.store.passages import passage_text
from index.store.transactions import transaction
from index.tasks.ledger import Ledger

log = logging.getLogger(__name__)

TOP = 5
MIN_SCORE = 0.3  # below this a "suggestion" is noise for every embedder we measured


@dataclass(frozen=True, slots=True)
class Suggestion:
    task_id: str
    document_id: str
    provision_id: str
    score: float


def suggest_evidence(
    store: Store,
    embedder: Embedder,
    document_id: str,
    *,
    top: int = TOP,
    engine: SearchEngine | None = None,
) -> list[Suggestion]:
    """Rank the open tasks of other documents' plans against ``document_id`` and store the
    best ``top`` as pending suggestions (a decision already taken is kept).

    ``engine``: the workspace's search, holding ``document_id``; it chooses each task's article.

    Returns:
        The suggestions stored, best first.
    """
    tasks = store.db.execute(
        "SELECT t.task_id, t.text FROM tasks t JOIN plans p USING (plan_id) "
        "WHERE t.status != 'completed' AND COALESCE(p.document_id, '') != ?",
        (document_id,),
    ).fetchall()
    articles = store.db.execute(
        "SELECT id, provision_id, heading_path, text FROM provisions WHERE document_id=? "
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
    if engine is not None:
        texts = {t["task_id"]: t["text"] for t in tasks}
        vectors = {t["task_id"]: q for t, q in zip(tasks, queries, strict=True)}
        units = {int(a["id"]): a["provision_id"] for a in articles}
        chosen = [
            replace(s, provision_id=searched)
            if (
                searched := _searched(
                    engine, texts[s.task_id], vectors[s.task_id], document_id, units
                )
            )
            else s
            for s in chosen
        ]
    with transaction(store.db):
        store.db.executemany(
            "INSERT INTO evidence_suggestions (task_id, document_id, provision_id, score) "
            "VALUES (?,?,?,?) ON CONFLICT (task_id, document_id) DO UPDATE SET "
            "provision_id=excluded.provision_id, score=excluded.score "
            "WHERE evidence_suggestions.state='pending'",
            [(s.task_id, s.document_id, s.provision_id, s.score) for s in chosen],
        )
    return chosen


def _searched(
    engine: SearchEngine, text: str, vector: np.ndarray, document_id: str, units: dict[int, str]
) -> str | None:
    """The article of ``document_id`` (``units``: its unit ids -> provision ids) that the search
    ranks first for a task's text, or None when the search finds none of them."""
    query = normalise_query(text)
    if not query:
        return None
    within = Filters(document=(document_id,))
    lists = engine.retrieve(query, len(units), within, query_vector=vector)
    for ident, _, _ in engine.order(query, lists):
        if ident in units:
            return units[ident]
    return None


def suggest_for_new(
    store: Store, embedder_name: str, document_ids: list[str], folder: IndexFolder | None = None
) -> int:
    """Suggestions for newly ingested documents; loads the embedder only when the ledger has
    open tasks. ``folder``: the workspace's index, so that the search chooses each task's
    article (the most similar article when it is None or cannot be opened). Returns the number
    of suggestions stored."""
    if (
        not document_ids
        or not store.db.execute(
            "SELECT 1 FROM tasks WHERE status != 'completed' LIMIT 1"
        ).fetchone()
    ):
        return 0
    embedder = load_embedder(embedder_name)
    engine = None
    if folder is not None:
        try:
            engine = SearchEngine(store, folder, embedder=embedder)
        except IndexFilesError as exc:
            log.warning("evidence suggestions without the search: %s", exc)
    return sum(len(suggest_evidence(store, embedder, d, engine=engine)) for d in document_ids)


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
