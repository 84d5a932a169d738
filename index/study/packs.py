"""Study packs: key provisions, outline, defined terms, duties, figures and gated quiz items for
a topic, a document or chosen articles, each entry citing the stored article it comes from.

The analyses are :mod:`nlp`'s (terms, duties, quantities, quiz); the articles are loaded by
:mod:`index.study.sources`, ranked by :mod:`index.study.provisions`, summed up by
:mod:`index.study.sections` and asked about by :mod:`index.study.questions`; this module picks the
articles and keeps every entry tied to its ``document_id`` and ``provision_id``. "What changed" is
in :mod:`index.study.changes`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from index.search.engine import Filters, SearchEngine
from index.store.database import NotFoundError, Store
from index.study.provisions import KeyProvision, density, key_provisions
from index.study.questions import StudyItem, quiz_of
from index.study.sections import (
    OutlineEntry,
    SourcedEntry,
    duties_of,
    figures_of,
    outline,
    terms_of,
)
from index.study.sources import SourcedArticle, document_articles


@dataclass(frozen=True, slots=True)
class StudyPack:
    """Everything a handout, a deck or a question bank is made from."""

    title: str
    scope: str  # "document", "articles" or "topic"
    provisions: tuple[KeyProvision, ...]
    outline: tuple[OutlineEntry, ...]
    terms: tuple[SourcedEntry, ...]
    duties: tuple[tuple[str, tuple[SourcedEntry, ...]], ...]  # by bearer, first seen first
    figures: tuple[SourcedEntry, ...]
    items: tuple[StudyItem, ...]
    query: str = ""
    seed: int = 0
    gate: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The CLI's JSON form (DESIGN's contract: provisions, terms, items; fields only added)."""
        return {
            "title": self.title,
            "scope": self.scope,
            "query": self.query,
            "seed": self.seed,
            "provisions": [p.to_dict() for p in self.provisions],
            "outline": [o.to_dict() for o in self.outline],
            "terms": [t.to_dict() for t in self.terms],
            "duties": [
                {"bearer": bearer, "duties": [d.to_dict() for d in duties]}
                for bearer, duties in self.duties
            ],
            "figures": [f.to_dict() for f in self.figures],
            "items": [i.to_dict() for i in self.items],
            "gate": self.gate,
        }


def _pack(
    title: str,
    scope: str,
    articles: Sequence[SourcedArticle],
    relevance: dict[tuple[str, str], float],
    *,
    items: int | None,
    provisions: int,
    seed: int,
    query: str = "",
) -> StudyPack:
    quiz, stats = quiz_of(articles, items, seed)
    return StudyPack(
        title=title,
        scope=scope,
        provisions=tuple(key_provisions(articles, relevance, provisions)),
        outline=tuple(outline(articles)),
        terms=tuple(terms_of(articles)),
        duties=tuple(duties_of(articles)),
        figures=tuple(figures_of(articles)),
        items=tuple(quiz),
        query=query,
        seed=seed,
        gate=stats,
    )


def pack_for_document(
    store: Store,
    ref: str,
    *,
    articles: Sequence[str] = (),
    items: int | None = 20,
    provisions: int = 10,
    seed: int = 0,
) -> StudyPack:
    """A study pack for a stored document, or for some of its articles.

    Args:
        store: The knowledge base.
        ref: A document id, work id or title (the version in force).
        articles: Article ids ("示例安全生产法/art-21"), their last part ("art-21") or printed
            numbers ("第二十一条"); all articles when empty.
        items: How many quiz items at most; all when None.
        provisions: How many key provisions.
        seed: Random seed for the quiz.

    Raises:
        NotFoundError: for an unknown document or article.
    """
    document_id = store.resolve_document(ref)
    every = document_articles(store, document_id)
    chosen = every
    if articles:
        chosen = [_find_article(every, document_id, r) for r in articles]
        chosen = sorted({a.provision_id: a for a in chosen}.values(), key=lambda a: a.ord)
    title = every[0].title if every else document_id
    scope = "articles" if articles else "document"
    return _pack(
        title, scope, chosen, density(chosen), items=items, provisions=provisions, seed=seed
    )


def _find_article(every: Sequence[SourcedArticle], document_id: str, ref: str) -> SourcedArticle:
    ref = ref.strip()
    for a in every:
        if ref in (a.provision_id, a.article.number) or a.provision_id.endswith(f"/{ref}"):
            return a
    raise NotFoundError(
        f"{document_id} has no article {ref!r}; see `policylens show {document_id}`"
    )


def pack_for_query(
    engine: SearchEngine,
    query: str,
    *,
    k: int = 12,
    filters: Filters | None = None,
    items: int | None = 20,
    provisions: int = 8,
    seed: int = 0,
) -> StudyPack:
    """A study pack for a topic: the top ``k`` articles of a hybrid search (versions in force).

    Args:
        engine: An open search engine.
        query: The topic, in words.
        k: How many articles the pack covers.
        filters: Search filters; the versions in force when None.
        items: How many quiz items at most; all when None.
        provisions: How many key provisions.
        seed: Random seed for the quiz.
    """
    hits = engine.search(query, k, filters or Filters(status=("in_force",)))
    store = engine.store
    loaded: dict[str, dict[str, SourcedArticle]] = {}
    chosen: list[SourcedArticle] = []
    relevance: dict[tuple[str, str], float] = {}
    top = max((h.score for h in hits), default=0.0) or 1.0
    for h in hits:
        if h.document_id not in loaded:
            loaded[h.document_id] = {
                a.provision_id: a for a in document_articles(store, h.document_id)
            }
        article = loaded[h.document_id].get(h.provision_id)
        if article is None:  # an unnumbered paragraph (adoption history) is nothing to learn
            continue
        chosen.append(article)
        relevance[article.uid] = max(h.score, 0.0) / top
    return _pack(
        query,
        "topic",
        chosen,
        relevance,
        items=items,
        provisions=provisions,
        seed=seed,
        query=query,
    )
