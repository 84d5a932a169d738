"""Study packs: key provisions, outline, defined terms, duties, figures and gated quiz items for
a topic, a document or chosen articles, each entry citing the stored article it comes from.

The analyses are :mod:`nlp`'s (terms, duties, quantities, quiz); this module picks the articles,
ranks the key provisions (relevance, then coverage by maximal marginal relevance over character
bigrams, so a local rule's copy of a national article does not appear twice), and keeps every
entry tied to its ``document_id`` and ``provision_id``. "What changed" is in
:mod:`index.study.changes`.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from index.library.browse import articles as stored_articles
from index.search.engine import Filters, SearchEngine
from index.store.database import NotFoundError, Store
from nlp.legal.duties import collect_duties, group_by_bearer
from nlp.legal.quantities import find_quantities
from nlp.legal.terms import collect_terms
from nlp.quiz.items import QUESTION_TYPES, QuizItem, build_quiz, gate
from nlp.versions.compare import ArticleText, article_body

# Quantities worth remembering; plain amounts and percentages are usually not rules.
FIGURE_KINDS = (
    "fine",
    "fine_multiple",
    "income_share",
    "time_limit",
    "period",
    "detention",
    "threshold",
)
# Two articles sharing this share of their character bigrams say the same thing (a local rule
# restating the national law, 示例省安全生产条例 and 示例安全生产法 in the sample corpus).
NEAR_DUPLICATE = 0.6
MMR_LAMBDA = 0.7
_SENTENCE_END = "。；;\n"


@dataclass(frozen=True, slots=True)
class SourcedArticle:
    """One stored article with the document it belongs to and its place there."""

    document_id: str
    title: str
    ord: int
    heading_path: tuple[str, ...]
    article: ArticleText

    @property
    def provision_id(self) -> str:
        return self.article.key

    @property
    def uid(self) -> tuple[str, str]:
        """(document id, provision id): provision ids repeat across versions of one work."""
        return self.document_id, self.article.key


@dataclass(frozen=True, slots=True)
class KeyProvision:
    """An article chosen as key, with its score (relevance after the coverage penalty)."""

    document_id: str
    provision_id: str
    number: str
    heading: str
    text: str
    relevance: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "provision_id": self.provision_id,
            "number": self.number,
            "heading": self.heading,
            "text": self.text,
            "relevance": round(self.relevance, 4),
        }


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    """One heading (document title, then chapter, section …) and the pack's articles under it."""

    document_id: str
    headings: tuple[str, ...]
    provisions: tuple[tuple[str, str], ...]  # (provision_id, number), in document order

    def to_dict(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "headings": list(self.headings),
            "provisions": [{"provision_id": p, "number": n} for p, n in self.provisions],
        }


@dataclass(frozen=True, slots=True)
class SourcedEntry:
    """A defined term, a duty or a figure with its source article.

    ``label`` is the term, the duty's bearer or the figure's kind; ``text`` the definition, the
    duty ("应当" + what) or the figure as written; ``context`` the figure's sentence.
    """

    label: str
    text: str
    document_id: str
    provision_id: str
    number: str
    detail: str = ""  # the duty's kind, or the figure's subject
    context: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "text": self.text,
            "detail": self.detail,
            "context": self.context,
            "document_id": self.document_id,
            "source_id": self.provision_id,
            "number": self.number,
        }


@dataclass(frozen=True, slots=True)
class StudyItem:
    """A gate-passing quiz item and the document its source article belongs to."""

    quiz: QuizItem
    document_id: str
    number: str

    def to_dict(self) -> dict[str, Any]:
        q = self.quiz
        return {
            "type": q.type,
            "stem": q.stem,
            "options": list(q.options),
            "answer": q.answer,
            "explanation": q.explanation,
            "source_id": q.source_id,
            "document_id": self.document_id,
            "number": self.number,
            "difficulty": q.difficulty,
            "kind": q.kind,
            "language": q.language,
        }


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


# --- loading -----------------------------------------------------------------------------------


def document_articles(store: Store, document_id: str) -> list[SourcedArticle]:
    """A stored document's numbered articles in order (unnumbered lines are adoption history).

    Args:
        store: The knowledge base.
        document_id: A stored document id.
    """
    row = store.db.execute(
        "SELECT title FROM documents WHERE document_id=?", (document_id,)
    ).fetchone()
    title = row["title"] if row else ""
    titles = _section_titles(store, document_id)
    out = []
    for a in stored_articles(store, document_id):
        if not a["number"]:
            continue
        path = tuple(a["heading_path"])
        if path and path[-1] == a["number"]:
            path = path[:-1]
        named = path[:1] + tuple(titles.get(path[1 : i + 1], path[i]) for i in range(1, len(path)))
        out.append(
            SourcedArticle(
                document_id,
                title,
                int(a["ord"]),
                named,
                ArticleText(a["provision_id"], a["number"], a["text"], " / ".join(named)),
            )
        )
    return out


def _section_titles(store: Store, document_id: str) -> dict[tuple[str, ...], str]:
    """Section number paths ("第一章",) -> their full titles ("第一章 总则")."""
    out: dict[tuple[str, ...], str] = {}

    def walk(sections: Sequence[Any], path: tuple[str, ...]) -> None:
        for s in sections:
            key = (*path, s.number)
            out[key] = s.title or s.number
            walk(s.sections, key)

    walk(store.document(document_id).sections, ())
    return out


# --- key provisions ------------------------------------------------------------------------------


def bigrams(text: str) -> frozenset[str]:
    """The character bigrams of an article's words (white space and punctuation dropped)."""
    chars = [c for c in text if c.isalnum()]
    return frozenset(a + b for a, b in pairwise(chars))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two bigram sets (0 when either is empty)."""
    return len(a & b) / len(a | b) if a and b else 0.0


def key_provisions(
    candidates: Sequence[SourcedArticle], relevance: dict[tuple[str, str], float], k: int
) -> list[KeyProvision]:
    """Up to ``k`` articles by maximal marginal relevance, never two near-duplicates.

    Args:
        candidates: The articles to choose from.
        relevance: Score per (document id, provision id) (0..1; missing counts 0).
        k: How many to choose.
    """
    grams = {c.uid: bigrams(article_body(c.article.text, c.article.number)) for c in candidates}
    chosen: list[tuple[SourcedArticle, float]] = []
    left = list(candidates)
    while left and len(chosen) < k:
        best, best_score = None, float("-inf")
        for c in left:
            overlap = max(
                (similarity(grams[c.uid], grams[o.uid]) for o, _ in chosen),
                default=0.0,
            )
            if overlap >= NEAR_DUPLICATE:
                continue
            score = MMR_LAMBDA * relevance.get(c.uid, 0.0) - (1 - MMR_LAMBDA) * overlap
            if score > best_score:
                best, best_score = c, score
        if best is None:
            break
        chosen.append((best, best_score))
        left.remove(best)
    return [
        KeyProvision(
            c.document_id,
            c.provision_id,
            c.article.number,
            c.article.heading,
            c.article.text,
            relevance.get(c.uid, 0.0),
        )
        for c, _ in chosen
    ]


def _density(articles: Sequence[SourcedArticle]) -> dict[tuple[str, str], float]:
    """Relevance without a query: how much an article gives to learn (duties, figures, terms)."""
    raw = {}
    for a in articles:
        text = a.article.text
        duties = len(collect_duties([article_body(text, a.article.number)]))
        figures = sum(q.kind in FIGURE_KINDS for q in find_quantities(text))
        terms = len(collect_terms([text]))
        raw[a.uid] = duties + 2 * figures + 2 * terms
    top = max(raw.values(), default=0) or 1
    return {k: v / top for k, v in raw.items()}


# --- the other sections ------------------------------------------------------------------------


def outline(articles: Sequence[SourcedArticle]) -> list[OutlineEntry]:
    """The heading paths of the articles, in document order, each with its articles."""
    ordered = sorted(articles, key=lambda a: (a.document_id, a.ord))
    out: list[OutlineEntry] = []
    for a in ordered:
        last = out[-1] if out else None
        if last and last.document_id == a.document_id and last.headings == a.heading_path:
            out[-1] = OutlineEntry(
                a.document_id,
                a.heading_path,
                (*last.provisions, (a.provision_id, a.article.number)),
            )
        else:
            out.append(
                OutlineEntry(a.document_id, a.heading_path, ((a.provision_id, a.article.number),))
            )
    return out


def _by_document(articles: Sequence[SourcedArticle]) -> dict[str, list[SourcedArticle]]:
    groups: dict[str, list[SourcedArticle]] = {}
    for a in sorted(articles, key=lambda a: (a.document_id, a.ord)):
        groups.setdefault(a.document_id, []).append(a)
    return groups


def terms_of(articles: Sequence[SourcedArticle]) -> list[SourcedEntry]:
    """The defined terms of the articles, first definition kept, with their articles."""
    out = []
    for group in _by_document(articles).values():
        for t in collect_terms([a.article for a in group]):
            a = group[t.article or 0]
            out.append(
                SourcedEntry(t.term, t.definition, a.document_id, a.provision_id, a.article.number)
            )
    return out


def duties_of(articles: Sequence[SourcedArticle]) -> list[tuple[str, tuple[SourcedEntry, ...]]]:
    """The duties with a named bearer, grouped by bearer (unattributed clauses are left out)."""
    entries = []
    for group in _by_document(articles).values():
        bodies = [article_body(a.article.text, a.article.number) for a in group]
        for d in collect_duties(bodies):
            a = group[d.article or 0]
            entries.append((d, a))
    lookup = {id(d): a for d, a in entries}
    grouped = group_by_bearer([d for d, _ in entries])
    return [
        (
            bearer,
            tuple(
                SourcedEntry(
                    bearer,
                    f"{d.modal}{d.text}",
                    lookup[id(d)].document_id,
                    lookup[id(d)].provision_id,
                    lookup[id(d)].article.number,
                    detail=d.kind,
                )
                for d in duties
            ),
        )
        for bearer, duties in grouped.items()
        if bearer
    ]


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence (or clause ending in "；") around ``text[start:end]``."""
    left = max(text.rfind(c, 0, start) for c in _SENTENCE_END) + 1
    stops = [i for i in (text.find(c, end) for c in _SENTENCE_END) if i >= 0]
    return text[left : min(stops, default=len(text))].strip()


def figures_of(articles: Sequence[SourcedArticle]) -> list[SourcedEntry]:
    """Fines, time limits and thresholds to remember, each with its sentence and article."""
    out = []
    for a in sorted(articles, key=lambda a: (a.document_id, a.ord)):
        text = a.article.text
        for q in find_quantities(text):
            if q.kind in FIGURE_KINDS:
                out.append(
                    SourcedEntry(
                        q.kind,
                        q.text,
                        a.document_id,
                        a.provision_id,
                        a.article.number,
                        detail=q.subject,
                        context=sentence_at(text, *q.span),
                    )
                )
    return out


def quiz_of(
    articles: Sequence[SourcedArticle], n: int | None, seed: int
) -> tuple[list[StudyItem], dict[str, Any]]:
    """Gate-passing quiz items about the articles, ``n`` at most, spread over the types.

    Distractors are drawn from the whole law (the pool of each document's articles), the items
    are kept only for the articles given.
    """
    wanted = {a.provision_id for a in articles}
    candidates: list[StudyItem] = []
    rejected = 0
    for group in _by_document(articles).values():
        law = group[0]
        texts = {a.provision_id: a.article.text for a in group}
        numbers = {a.provision_id: a.article.number for a in group}
        quiz = build_quiz([a.article for a in group], title=law.title, seed=seed)
        rejected += sum(1 for item, _ in quiz.rejected if item.source_id in wanted)
        for item in quiz.items:
            if item.source_id in wanted and not gate(item, texts[item.source_id]):
                candidates.append(StudyItem(item, law.document_id, numbers[item.source_id]))
    chosen = select_items(candidates, n, seed)
    made = len(candidates) + rejected
    stats = {
        "candidates": made,
        "passed": len(candidates),
        "rejected": rejected,
        "pass_rate": round(len(candidates) / made, 4) if made else 1.0,
    }
    return chosen, stats


def select_items(items: Sequence[StudyItem], n: int | None, seed: int) -> list[StudyItem]:
    """``n`` items taken round robin over question types (seeded), returned in source order."""
    if n is None or n >= len(items):
        return list(items)
    rng = random.Random(seed)
    queues: dict[str, list[StudyItem]] = {t: [] for t in QUESTION_TYPES}
    for item in items:
        queues[item.quiz.type].append(item)
    for queue in queues.values():
        rng.shuffle(queue)
    chosen: list[StudyItem] = []
    while len(chosen) < n:
        for t in QUESTION_TYPES:
            if queues[t] and len(chosen) < n:
                chosen.append(queues[t].pop())
    order = {id(item): i for i, item in enumerate(items)}
    return sorted(chosen, key=lambda i: order[id(i)])


# --- packs -------------------------------------------------------------------------------------


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
        title, scope, chosen, _density(chosen), items=items, provisions=provisions, seed=seed
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
