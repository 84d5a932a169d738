"""Hybrid article search: BM25 and dense hits fused, filters resolved to ids before searching.

A query that names one article ("安全生产法第二十一条", "Article 21 of the … Law") is answered by
that article first. Otherwise the query is normalised (full-width forms, traditional characters:
:mod:`index.search.query_text`), the keyword and the dense retriever each rank the units the
filters allow, and the two lists are fused (weights chosen on the shared dev data with
``bench/bench_retrieval.py``). Each law then gets a score of its own that shapes its articles'
(:mod:`index.search.laws`), and a learned ranker saved with the index, when there is one that
fits, reorders the head of that list (:mod:`index.search.ranker`); without one the law-aware
fusion is the ranking.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import numpy as np

from index.search.embedders import Embedder, load_embedder
from index.search.features import Candidate, extract
from index.search.fusion import DEFAULT_FUSION, FUSION_BY_LANGUAGE, Fusion, fuse
from index.search.generations import Generation, IndexFolder
from index.search.laws import (
    LAW_WEIGHTS_BY_LANGUAGE,
    LawCatalogue,
    LawWeights,
    law_aware,
    law_stats,
    title_key,
)
from index.search.query_text import normalise_query
from index.search.ranker import RERANK_DEPTH, Ranker, RankerError, load_ranker
from index.search.tokens import english_token, tokens
from index.settings import INDEX_DIR
from index.store.database import Store, open_store
from nlp.legal.article_refs import ArticleRef, article_number, parse_article_ref
from nlp.legal.law_names import chinese_title

log = logging.getLogger(__name__)

Mode = Literal["hybrid", "keyword", "dense"]
MODES: tuple[str, ...] = ("hybrid", "keyword", "dense")


_CJK = re.compile(r"[\u3400-\u9fff]")


def query_language(query: str) -> str:
    """ "zh" when the query has Chinese characters, else "en"."""
    return "zh" if _CJK.search(query) else "en"


@dataclass(frozen=True, slots=True)
class Filters:
    """Which documents a search may return; empty fields do not filter."""

    level: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    document: tuple[str, ...] = ()  # document ids, work ids or titles
    status: tuple[str, ...] = ()  # in_force, superseded, repealed, draft
    language: tuple[str, ...] = ()
    in_force_on: date | None = None  # the version of each work valid on that date

    @property
    def empty(self) -> bool:
        return not (
            self.level
            or self.region
            or self.document
            or self.status
            or self.language
            or self.in_force_on
        )


@dataclass(frozen=True, slots=True)
class Hit:
    """One article found: where it is, what it says, why it was found."""

    id: int
    provision_id: str
    document_id: str
    title: str
    number: str
    heading_path: tuple[str, ...]
    text: str
    snippet: str
    score: float
    match: str  # "reference", "hybrid", "keyword" or "dense"
    status: str
    version_date: str | None
    effective: str | None
    level: str | None
    region: str | None
    language: str | None
    ranks: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The CLI's JSON form (see DESIGN's contract; fields are only ever added)."""
        return {
            "provision_id": self.provision_id,
            "document_id": self.document_id,
            "title": self.title,
            "number": self.number,
            "heading_path": list(self.heading_path),
            "text": self.text,
            "snippet": self.snippet,
            "score": round(self.score, 6),
            "match": self.match,
            "status": self.status,
            "version_date": self.version_date,
            "effective": self.effective,
            "level": self.level,
            "region": self.region,
            "language": self.language,
            "ranks": self.ranks,
        }


class SearchEngine:
    """Search over a store and the current index generation."""

    def __init__(
        self,
        store: Store,
        folder: IndexFolder,
        *,
        embedder: Embedder | None = None,
        fusion: Fusion | None = None,
        generation: Generation | None = None,
        laws: LawWeights | None = None,
        ranker: Ranker | None = None,
        learned: bool = True,
    ) -> None:
        """``laws``: law-aware weights for every query (default: by the query's language).
        ``ranker``: a learned ranker to use instead of the one saved with the index;
        ``learned=False`` ranks by the law-aware fusion alone."""
        self.store = store
        self.folder = folder
        # A long-lived process (the app) shares one loaded generation among its requests.
        self.generation: Generation = generation or folder.open()
        self._embedder = embedder
        self.fusion = fusion
        self.laws = laws
        self._ranker = ranker
        self.learned = learned
        self.ranker_note: str | None = None

    @classmethod
    def open(cls, home: Path, **kwargs: Any) -> SearchEngine:
        """Open the workspace's store and indexes.

        Raises:
            IndexFilesError: when the index is missing or does not match; the message says how
                to rebuild it.
        """
        return cls(open_store(home), IndexFolder(home / INDEX_DIR), **kwargs)

    def close(self) -> None:
        self.store.close()

    @property
    def stale(self) -> str | None:
        """A warning when the store has changed since the index was built, else None."""
        if self.generation.manifest.store_state != self.store.unit_state():
            return (
                "the search index is older than the store (documents were added or removed); "
                "run `policylens rebuild` to include them"
            )
        return None

    # -- issue 20: a newer generation loaded without a restart; the dense side filled in later --
    def use_generation(self, generation: Generation) -> None:
        """Serve from ``generation`` from now on (a newer one, built here or on another server;
        see ``index.search.reload.IndexWatcher``)."""
        if self._embedder is not None and self._embedder.name != generation.manifest.embedder:
            self._embedder = None
        self.generation = generation
        self.__dict__.pop("_language_ids", None)  # the cached_property of the old generation

    @property
    def dense_partial(self) -> bool:
        """Whether some articles are searchable by keywords only, their vectors still to come
        (hybrid and dense results then cover only :attr:`dense_coverage`)."""
        return self.generation.manifest.dense_partial

    @property
    def dense_coverage(self) -> tuple[int, int]:
        """(articles with a vector, articles indexed) in the loaded generation."""
        manifest = self.generation.manifest
        return manifest.vectors_held, manifest.units

    # -- end of issue 20's hook ---------------------------------------------------------------

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = load_embedder(self.generation.manifest.embedder)
        return self._embedder

    @property
    def ranker(self) -> Ranker | None:
        """The learned ranker in use: the one given, else the one saved with the index when it
        fits this index (else None, and ``ranker_note`` says why the fusion ranks alone)."""
        if not self.learned:
            return None
        if self._ranker is None and self.ranker_note is None:
            try:
                self._ranker = load_ranker(
                    self.folder.root, embedder=self.generation.manifest.embedder
                )
            except RankerError as exc:
                self.ranker_note = f"{exc}; ranking by the law-aware fusion"
                log.info(self.ranker_note)
        return self._ranker

    @cached_property
    def law_catalogue(self) -> LawCatalogue:
        """The stored documents' names, for the laws a query names."""
        rows = self.store.db.execute("SELECT document_id, title FROM documents")
        return LawCatalogue({r[0]: r[1] or "" for r in rows})

    @cached_property
    def law_sizes(self) -> dict[str, int]:
        """How many articles (search units) each document has."""
        rows = self.store.db.execute(
            "SELECT document_id, COUNT(*) FROM provisions WHERE parent_id IS NULL "
            "GROUP BY document_id"
        )
        return {r[0]: int(r[1]) for r in rows}

    @cached_property
    def _language_ids(self) -> dict[str, np.ndarray]:
        """The indexed unit ids of each language, when the index holds two or more languages
        (empty otherwise: the manifest's counts say so without reading the store)."""
        if sum(1 for n in self.generation.manifest.languages.values() if n) < 2:
            return {}
        rows = self.store.db.execute(
            "SELECT d.language, p.id FROM provisions p JOIN documents d USING (document_id) "
            "WHERE p.parent_id IS NULL ORDER BY p.id"
        )
        out: dict[str, list[int]] = {}
        for language, ident in rows:
            out.setdefault(language or "und", []).append(int(ident))
        held = self.generation.unit_ids
        found = {k: np.intersect1d(np.asarray(v, dtype=np.int64), held) for k, v in out.items()}
        return {k: v for k, v in found.items() if len(v)}

    # -- filters -------------------------------------------------------------------------------
    def allowed_ids(self, filters: Filters) -> np.ndarray | None:
        """The unit ids the filters keep (None when nothing is filtered)."""
        if filters.empty:
            return None
        where: list[str] = []
        params: list[Any] = []
        for column, values in (
            ("d.level", filters.level),
            ("d.region", filters.region),
            ("d.status", filters.status),
            ("d.language", filters.language),
        ):
            if values:
                where.append(f"{column} IN ({','.join('?' * len(values))})")
                params.extend(values)
        if filters.document:
            docs = [self.store.resolve_document(ref) for ref in filters.document]
            works = [
                ref
                for ref in filters.document
                if self.store.db.execute(
                    "SELECT 1 FROM documents WHERE work_id=?", (ref,)
                ).fetchone()
            ]
            clause = f"d.document_id IN ({','.join('?' * len(docs))})"
            if works:
                clause = f"({clause} OR d.work_id IN ({','.join('?' * len(works))}))"
            where.append(clause)
            params.extend(docs + works)
        if filters.in_force_on:
            where.append(_VALID_ON)
            day = filters.in_force_on.isoformat()
            params.extend([day, day, day])
        return np.asarray(self.store.select_units(" AND ".join(where), tuple(params)), np.int64)

    # -- ranking -------------------------------------------------------------------------------
    def retrieve(
        self,
        query: str,
        depth: int,
        filters: Filters | None = None,
        mode: Mode = "hybrid",
        query_vector: np.ndarray | None = None,
    ) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Each retriever's ranked (ids, scores) to ``depth``, among the units filters allow.

        ``query_vector`` is the query already embedded (batch callers encode many at once).
        """
        return self._retrieve(
            query, depth, self.allowed_ids(filters or Filters()), mode, query_vector
        )

    def _retrieve(
        self,
        query: str,
        depth: int,
        allowed: np.ndarray | None,
        mode: Mode,
        query_vector: np.ndarray | None = None,
    ) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        if allowed is not None and not len(allowed):
            return {}
        lists: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        if mode == "keyword":
            mask = None if allowed is None else self.generation.keyword.mask(allowed)
            lists["keyword"] = self.generation.keyword.search(query, depth, mask)
        elif mode == "hybrid":
            # In a knowledge base of several languages, keywords only match texts in the
            # query's own language (a stray English word in a Chinese article is noise); the
            # other languages are reached by the dense retriever.
            same = self._same_language(query, allowed)
            if same is None or len(same):
                mask = None if same is None else self.generation.keyword.mask(same)
                lists["keyword"] = self.generation.keyword.search(query, depth, mask)
        if mode in ("hybrid", "dense"):
            lists["dense"] = self._dense(query, depth, allowed, query_vector)
        return lists

    def _same_language(self, query: str, allowed: np.ndarray | None) -> np.ndarray | None:
        """The allowed units in the query's language, or None when no restriction applies
        (one language only, or none of the query's)."""
        languages = self._language_ids
        own = languages.get(query_language(query))
        if len(languages) < 2 or own is None:
            return allowed
        return own if allowed is None else np.intersect1d(own, allowed)

    def rank(
        self, query: str, k: int = 10, filters: Filters | None = None, mode: Mode = "hybrid"
    ) -> list[tuple[int, float, dict[str, int]]]:
        """Unit ids, fused scores and per-retriever ranks, best first (no citation lookup)."""
        query = normalise_query(query)
        return self._rank(query, k, self.allowed_ids(filters or Filters()), mode)

    def _rank(
        self, query: str, k: int, allowed: np.ndarray | None, mode: Mode
    ) -> list[tuple[int, float, dict[str, int]]]:
        lists = self._retrieve(query, max(k, DEFAULT_FUSION.depth), allowed, mode)
        if mode != "hybrid":
            ids, scores = lists.get(mode, (np.empty(0, np.int64), np.empty(0, np.float32)))
            return [
                (int(i), float(s), {mode: n + 1})
                for n, (i, s) in enumerate(zip(ids[:k], scores[:k], strict=True))
            ]
        return self.order(query, lists)[:k]

    def fusion_for(self, query: str) -> Fusion:
        """The engine's fusion if one was given, else the default for the query's language."""
        if self.fusion is not None:
            return self.fusion
        return FUSION_BY_LANGUAGE.get(query_language(query), DEFAULT_FUSION)

    def combine(
        self,
        query: str,
        lists: dict[str, tuple[np.ndarray, np.ndarray]],
        fusion: Fusion | None = None,
    ) -> list[tuple[int, float, dict[str, int]]]:
        """Fuse the retrievers' lists, then lift articles of the best-matching documents."""
        fusion = fusion or self.fusion_for(query)
        fused = fuse(lists, fusion)
        if not fusion.document_weight or not fused:
            return fused
        head = fused[: fusion.document_depth]
        documents = self.store.unit_documents([i for i, _, _ in fused])
        best: dict[str, float] = {}
        for ident, score, _ in head:
            doc = documents.get(ident)
            if doc is not None and score > best.get(doc, 0.0):
                best[doc] = score
        top = max(best.values(), default=0.0) or 1.0
        lifted = [
            (i, s + fusion.document_weight * best.get(documents.get(i, ""), 0.0) / top, r)
            for i, s, r in fused
        ]
        lifted.sort(key=lambda t: (-t[1], t[0]))
        return lifted

    def law_weights_for(self, query: str) -> LawWeights:
        """The engine's law weights if given, else the default for the query's language."""
        if self.laws is not None:
            return self.laws
        return LAW_WEIGHTS_BY_LANGUAGE.get(query_language(query), LawWeights())

    def law_aware(
        self,
        query: str,
        lists: dict[str, tuple[np.ndarray, np.ndarray]],
        laws: LawWeights | None = None,
        fusion: Fusion | None = None,
    ) -> list[tuple[int, float, dict[str, int]]]:
        """The plain fusion (no document lift), re-scored by each article's law."""
        fusion = fusion or self.fusion_for(query)
        fused = fuse(lists, replace(fusion, document_weight=0.0))
        documents = self.store.unit_documents([i for i, _, _ in fused])
        named = self.law_catalogue.named(query)
        return law_aware(fused, documents, named, laws or self.law_weights_for(query))

    def order(
        self, query: str, lists: dict[str, tuple[np.ndarray, np.ndarray]]
    ) -> list[tuple[int, float, dict[str, int]]]:
        """The final ranking of the retrievers' lists: law-aware fusion, then the learned
        ranker over its head when there is one."""
        aware = self.law_aware(query, lists)
        ranker = self.ranker
        if ranker is None or not aware:
            return aware
        return self.rerank(query, lists, aware, ranker)

    def features(
        self,
        query: str,
        lists: dict[str, tuple[np.ndarray, np.ndarray]],
        aware: list[tuple[int, float, dict[str, int]]],
        depth: int = RERANK_DEPTH,
    ) -> tuple[np.ndarray, np.ndarray]:
        """(ids, feature matrix) of the head of the law-aware list (see ``features``)."""
        fusion = self.fusion_for(query)
        head = aware[:depth]
        fused = fuse(lists, replace(fusion, document_weight=0.0))
        candidates = self.candidates([i for i, _, _ in head])
        documents = {i: c.document_id for i, c in candidates.items()}
        documents.update(self.store.unit_documents([i for i, _, _ in fused[:depth]]))
        named = self.law_catalogue.named(query)
        weights = self.law_weights_for(query)
        laws = law_stats(fused, documents, named, weights.top, weights.depth)
        return extract(
            query,
            lists,
            fused,
            head,
            candidates,
            laws,
            self.law_sizes,
            language=query_language(query),
        )

    def rerank(
        self,
        query: str,
        lists: dict[str, tuple[np.ndarray, np.ndarray]],
        aware: list[tuple[int, float, dict[str, int]]],
        ranker: Ranker,
    ) -> list[tuple[int, float, dict[str, int]]]:
        """The head of the law-aware list reordered by the learned ranker; the rest after it."""
        ids, matrix = self.features(query, lists, aware)
        scores = ranker.score(matrix)
        ranks = {i: r for i, _, r in aware}
        tail = aware[len(ids) :]
        floor = (max((s for _, s, _ in tail), default=0.0)) + 1.0
        low = float(scores.min()) if len(scores) else 0.0
        head = [
            (int(i), floor + float(s) - low, ranks[int(i)])
            for i, s in zip(ids.tolist(), scores.tolist(), strict=True)
        ]
        head.sort(key=lambda t: (-t[1], t[0]))
        return head + tail

    def candidates(self, ids: list[int]) -> dict[int, Candidate]:
        """What the ranking features read about these units."""
        if not ids:
            return {}
        out: dict[int, Candidate] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = self.store.db.execute(
                "SELECT p.id, p.document_id, p.ord, p.heading_path, p.text, d.title, d.status, "
                "d.language FROM provisions p JOIN documents d USING (document_id) "
                f"WHERE p.id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for r in rows:
                out[int(r[0])] = Candidate(
                    document_id=r[1],
                    title=r[5] or "",
                    heading=" ".join(_json_list(r[3])),
                    text=r[4] or "",
                    ordinal=int(r[2]),
                    status=r[6] or "",
                    language=r[7] or "und",
                )
        return out

    def _dense(
        self, query: str, depth: int, allowed: np.ndarray | None, vector: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray]:
        if vector is None:
            vector = self.embedder.query(query)
        index = self.generation.vectors
        languages = self._language_ids
        if len(languages) < 2:
            return index.search(vector, depth, allowed)
        # One index holding several languages ranks the query's own language first; search each
        # language's units too and interleave, so Chinese articles answer English questions.
        lists = {"all": index.search(vector, depth, allowed)}
        for language, ids in languages.items():
            subset = ids if allowed is None else np.intersect1d(ids, allowed)
            if len(subset):
                lists[language] = index.search(vector, depth, subset)
        fused = fuse(lists, Fusion(method="rrf", keyword_weight=1, dense_weight=1, depth=depth))
        return (
            np.array([i for i, _, _ in fused], dtype=np.int64),
            np.array([s for _, s, _ in fused], dtype=np.float32),
        )

    # -- search --------------------------------------------------------------------------------
    def search(
        self, query: str, k: int = 10, filters: Filters | None = None, mode: Mode = "hybrid"
    ) -> list[Hit]:
        """The k best articles for ``query``; a cited article comes first."""
        filters = filters or Filters()
        query = normalise_query(query)
        if not query:
            return []
        allowed = self.allowed_ids(filters)  # once, for the citation and the ranking
        ref = parse_article_ref(query)
        cited = self._cited(ref, allowed) if ref is not None else None
        ranked = [r for r in self._rank(query, k, allowed, mode) if r[0] != cited]
        if cited is not None:
            # The cited article comes first, with a score above every ranked hit.
            top = ranked[0][1] if ranked else 0.0
            ranked.insert(0, (cited, top + 1.0, {"reference": 1}))
        chosen = ranked[:k]
        rows = self.store.unit_rows([i for i, _, _ in chosen])
        words = _highlight_words(query)
        hits = []
        for ident, score, ranks in chosen:
            row = rows.get(ident)
            if row is None:  # removed from the store since the index was built
                continue
            match: str
            if "reference" in ranks:
                match = "reference"
            elif mode != "hybrid":
                match = mode
            elif len(ranks) > 1:
                match = "hybrid"
            else:
                match = next(iter(ranks), mode)
            hits.append(
                Hit(
                    id=ident,
                    provision_id=row["provision_id"],
                    document_id=row["document_id"],
                    title=row["title"],
                    number=row["number"],
                    heading_path=tuple(row["heading_path"]),
                    text=row["text"],
                    snippet=snippet(row["text"], words),
                    score=score,
                    match=match,
                    status=row["status"],
                    version_date=row["version_date"],
                    effective=row["effective"],
                    level=row["level"],
                    region=row["region"],
                    language=row["language"],
                    ranks=ranks,
                )
            )
        return hits

    def _cited(self, ref: ArticleRef, allowed: np.ndarray | None) -> int | None:
        keep = None if allowed is None else set(allowed.tolist())
        wanted = (ref.number, ref.sub)
        for document_id in self._documents_named(ref.law):
            for ident, number in self.store.db.execute(
                "SELECT id, number FROM provisions WHERE document_id=? AND parent_id IS NULL "
                "ORDER BY ord",
                (document_id,),
            ):
                if article_number(number) == wanted and (keep is None or ident in keep):
                    return int(ident)
        return None

    def _documents_named(self, law: str) -> list[str]:
        """Documents whose title matches a law's name as cited, in force and newest first."""
        wanted = title_key(chinese_title(law) or law)
        rows = self.store.db.execute(
            "SELECT document_id, title, work_id FROM documents "
            "ORDER BY status='in_force' DESC, COALESCE(version_date,'') DESC"
        ).fetchall()
        if not wanted:
            return [r["document_id"] for r in rows]
        exact = [r["document_id"] for r in rows if title_key(r["title"]) == wanted]
        if exact:
            return exact
        return [
            r["document_id"]
            for r in rows
            if wanted in title_key(r["title"]) or title_key(r["title"]) in wanted
        ]


# A version is valid on day D when it started by D and no later version of its work started by D.
_START = (
    "MAX(COALESCE({t}.version_date, {t}.effective, ''), "
    "COALESCE({t}.effective, {t}.version_date, ''))"
)
_VALID_ON = (
    f"{_START.format(t='d')} <= ? AND (json_extract(d.metadata, '$.repealed') IS NULL "
    "OR json_extract(d.metadata, '$.repealed') > ?) AND NOT EXISTS (SELECT 1 FROM documents y "
    f"WHERE y.work_id = d.work_id AND {_START.format(t='y')} <= ? "
    f"AND {_START.format(t='y')} > {_START.format(t='d')})"
)


def _json_list(text: str | None) -> list[str]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def _highlight_words(query: str) -> list[str]:
    """Query tokens worth marking: Chinese words of two or more characters, English stems."""
    return sorted({w for w in tokens(query) if len(w) >= 2}, key=len, reverse=True)


SNIPPET_CHARS = 160
_ASCII_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.]*")


def _marks(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """Spans of ``text`` to mark: Chinese words found as written, English words whose BM25
    token is one of the query's (so "duties" is marked for "duty")."""
    stems = {w for w in words if w.isascii()}
    spans = [
        (m.start(), m.end())
        for m in _ASCII_WORD.finditer(text)
        if stems and english_token(m.group()) in stems
    ]
    chinese = [w for w in words if not w.isascii()]
    if chinese:
        pattern = re.compile("|".join(re.escape(w) for w in chinese))
        spans += [(m.start(), m.end()) for m in pattern.finditer(text)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, words: Sequence[str], width: int = SNIPPET_CHARS) -> str:
    """A window of ``text`` around the densest run of query words, each marked as **word**."""
    flat = " ".join(text.split())
    spans = _marks(flat, words)
    if not spans:
        return flat[:width] + ("…" if len(flat) > width else "")
    best = max(
        range(len(spans)),
        key=lambda n: sum(1 for s, _ in spans if spans[n][0] <= s < spans[n][0] + width),
    )
    start = max(0, spans[best][0] - width // 4)
    end = min(len(flat), start + width)
    out, pos = [], start
    for s, e in spans:
        if s < start or e > end:
            continue
        out.append(flat[pos:s])
        out.append(f"**{flat[s:e]}**")
        pos = e
    out.append(flat[pos:end])
    return ("…" if start else "") + "".join(out) + ("…" if end < len(flat) else "")
