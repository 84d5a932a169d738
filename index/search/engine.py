"""Hybrid article search: BM25 and dense hits fused, filters resolved to ids before searching.

A query that names one article ("安全生产法第二十一条", "Article 21 of the … Law") is answered by
that article first. Otherwise the keyword and the dense retriever each rank the units the filters
allow, and the two lists are fused (weights chosen on the shared dev data with
``bench/bench_retrieval.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import numpy as np

from index.search.embedders import Embedder, load_embedder
from index.search.fusion import DEFAULT_FUSION, FUSION_BY_LANGUAGE, Fusion, fuse
from index.search.generations import Generation, IndexFolder
from index.search.tokens import english_token, tokens
from index.settings import INDEX_DIR
from index.store.database import Store, open_store
from nlp.legal.article_refs import ArticleRef, article_number, parse_article_ref
from nlp.legal.law_names import chinese_title

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
    ) -> None:
        self.store = store
        self.folder = folder
        # A long-lived process (the app) shares one loaded generation among its requests.
        self.generation: Generation = generation or folder.open()
        self._embedder = embedder
        self.fusion = fusion

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

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = load_embedder(self.generation.manifest.embedder)
        return self._embedder

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
        return self.combine(query, lists)[:k]

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
        query = query.strip()
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
        wanted = _title_key(chinese_title(law) or law)
        rows = self.store.db.execute(
            "SELECT document_id, title, work_id FROM documents "
            "ORDER BY status='in_force' DESC, COALESCE(version_date,'') DESC"
        ).fetchall()
        if not wanted:
            return [r["document_id"] for r in rows]
        exact = [r["document_id"] for r in rows if _title_key(r["title"]) == wanted]
        if exact:
            return exact
        return [
            r["document_id"]
            for r in rows
            if wanted in _title_key(r["title"]) or _title_key(r["title"]) in wanted
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


def _title_key(title: str) -> str:
    """A law's name reduced for matching: no 中华人民共和国, book marks, "the", case or spaces."""
    t = title.replace("中华人民共和国", "").replace("《", "").replace("》", "")
    t = re.sub(r"\([^)]*\)|（[^）]*）", "", t)
    t = re.sub(r"^(the|illustrative)\s+", "", t.strip(), flags=re.I)
    return re.sub(r"\s+", " ", t).strip().lower()


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
