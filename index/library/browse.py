"""Reading the library for people: what it holds, what changed lately, a document's articles,
two versions compared, and what a document cites and what cites it."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from index.store.database import Store
from ingest.metadata import normal_region
from ingest.numbering import to_chinese_numeral
from nlp.legal.citations import find_citations, law_key
from nlp.versions.compare import ArticleText, VersionComparison, compare_versions

_ARTICLES = (
    "SELECT provision_id, number, title, text, heading_path, ord FROM provisions "
    "WHERE document_id=? AND parent_id IS NULL AND kind != 'trailer' ORDER BY ord"
)


def overview(store: Store) -> dict[str, Any]:
    """Counts for the home page: documents, works and articles, and documents by level,
    region, status and language."""
    rows = store.db.execute("SELECT level, region, status, language FROM documents").fetchall()
    articles = store.db.execute(
        "SELECT COUNT(*) FROM provisions WHERE parent_id IS NULL AND kind != 'trailer'"
    ).fetchone()[0]
    counts = store.counts()
    return {
        "documents": counts["documents"],
        "works": counts["works"],
        "articles": int(articles),
        "by_level": Counter(r["level"] or "unknown" for r in rows),
        "by_region": Counter(document_region(r["region"], r["level"]) or "unknown" for r in rows),
        "by_status": Counter(r["status"] for r in rows),
        "by_language": Counter(r["language"] or "und" for r in rows),
    }


def recent_changes(store: Store, limit: int = 10) -> list[dict[str, Any]]:
    """The latest ingests that changed the library (new documents and new versions), newest
    first, with who ran them; failed files are listed too, since someone must act on them."""
    rows = store.db.execute(
        "SELECT l.at, l.path, l.status, l.document_id, l.actor, l.findings, d.title, "
        "d.version_date FROM ingest_log l LEFT JOIN documents d USING (document_id) "
        "WHERE instr(l.findings, '\"INGEST_UNCHANGED\"') = 0 "
        "AND (l.document_id IS NULL OR d.document_id IS NOT NULL) "
        "ORDER BY l.id DESC LIMIT ?",
        (limit,),
    ).fetchall()
    out = []
    for r in rows:
        codes = {f["code"] for f in json.loads(r["findings"])}
        if "INGEST_UNCHANGED" in codes:
            continue
        if r["document_id"] is not None and r["title"] is None:
            continue  # removed since
        change = (
            "failed"
            if r["status"] == "FAILED"
            else "new version"
            if "INGEST_NEW_VERSION" in codes
            else "new document"
        )
        out.append(
            {
                "at": r["at"],
                "change": change,
                "document_id": r["document_id"],
                "title": r["title"] or r["path"].rsplit("/", 1)[-1],
                "version_date": r["version_date"],
                "status": r["status"],
                "by": r["actor"] or "operator",
            }
        )
        if len(out) == limit:
            break
    return out


def articles(store: Store, document_id: str) -> list[dict[str, Any]]:
    """A document's top-level provisions in order, with heading paths."""
    return [
        {**dict(r), "heading_path": json.loads(r["heading_path"])}
        for r in store.db.execute(_ARTICLES, (document_id,))
    ]


def compare(store: Store, old_id: str, new_id: str) -> VersionComparison:
    """Two documents (usually two versions of one work) compared article by article, with
    renumbered articles followed."""
    return compare_versions(_article_texts(store, old_id), _article_texts(store, new_id))


def _article_texts(store: Store, document_id: str) -> list[ArticleText]:
    # Numbered provisions only: unnumbered lines before the first article are the adoption
    # history ("2019年6月10日…通过"), which differs between every two versions by nature.
    return [
        ArticleText(
            key=a["provision_id"],
            number=a["number"],
            text=a["text"],
            heading=" / ".join(a["heading_path"]),
        )
        for a in articles(store, document_id)
        if a["number"]
    ]


@dataclass(frozen=True, slots=True)
class Link:
    """One citation between two stored documents (or of a law the library lacks)."""

    provision_id: str  # where the citation stands
    number: str  # that article's printed number, else its place ("paragraph 12")
    law: str  # as written
    article: str | None  # the cited article's number, if any
    document_id: str | None  # the stored document cited (or citing); None when not stored
    title: str | None
    basis: bool  # the citing text declares the cited law its legal basis


def cites(store: Store, document_id: str) -> list[Link]:
    """What a document cites: each citation of another law, resolved to the stored version
    in force where the library has it."""
    titles = _titles(store)
    own = _key_of(store, document_id)
    links = []
    for a in articles(store, document_id):
        for c in find_citations(a["text"]):
            if c.internal or law_key(c.law) == own:
                continue
            target = titles.get(law_key(c.law))
            links.append(
                Link(
                    a["provision_id"],
                    _place(a["number"], a["ord"]),
                    c.law,
                    c.article,
                    target[0] if target else None,
                    target[1] if target else None,
                    c.basis,
                )
            )
    return links


def cited_by(store: Store, document_id: str) -> list[Link]:
    """Which stored documents cite this document's work (by its title), and where."""
    row = store.db.execute(
        "SELECT title, work_id FROM documents WHERE document_id=?", (document_id,)
    ).fetchone()
    if row is None:
        return []
    key = law_key(row["title"])
    # A cited title appears in the citing text; find candidates with SQL, confirm by parsing.
    probe = key if len(key) >= 2 else row["title"]
    candidates = store.db.execute(
        "SELECT p.document_id, p.provision_id, p.number, p.ord, p.text, d.title FROM provisions p "
        "JOIN documents d USING (document_id) WHERE d.work_id != ? AND p.parent_id IS NULL "
        "AND instr(lower(p.text), ?) > 0 ORDER BY d.document_id, p.ord",
        (row["work_id"], probe.lower()),
    ).fetchall()
    links = []
    for r in candidates:
        for c in find_citations(r["text"]):
            if not c.internal and law_key(c.law) == key:
                links.append(
                    Link(
                        r["provision_id"],
                        _place(r["number"], r["ord"]),
                        c.law,
                        c.article,
                        r["document_id"],
                        r["title"],
                        c.basis,
                    )
                )
    return links


def _place(number: str, ord_: int) -> str:
    """Where a provision stands, for people: its printed number, else its position."""
    return number or f"paragraph {ord_ + 1}"


def _titles(store: Store) -> dict[str, tuple[str, str]]:
    """law key -> (document id, title) of the version in force (else the newest)."""
    out: dict[str, tuple[str, str]] = {}
    for r in store.db.execute(
        "SELECT document_id, title FROM documents "
        "ORDER BY status='in_force' DESC, COALESCE(version_date,'') DESC"
    ):
        out.setdefault(law_key(r["title"]), (r["document_id"], r["title"]))
    return out


def _key_of(store: Store, document_id: str) -> str:
    row = store.db.execute(
        "SELECT title FROM documents WHERE document_id=?", (document_id,)
    ).fetchone()
    return law_key(row["title"]) if row else ""


# -- what the documents list and the metadata panel show ------------------------------------------
NATIONAL = "national"
"""The region of a text valid in the whole country (shown as 全国)."""
NATIONAL_LEVELS = frozenset(
    {"national_law", "administrative_regulation", "departmental_rule", "judicial_interpretation"}
)
_NO_REGION = frozenset({"", "national", "none", "unknown", "全国"})


def document_region(region: str | None, level: str | None) -> str | None:
    """A document's region as the library lists it: one spelling per place (深圳 and 深圳市 are
    one), :data:`NATIONAL` for a national text (or a stored "national"), None when unknown."""
    name = (region or "").strip()
    if name.lower() in _NO_REGION:
        # a stored "unknown" or "none" says nothing; only the level or an explicit national
        # name makes a text national (a local rule whose place was not read stays unknown)
        national = name.lower() in {"national", "全国"} or level in NATIONAL_LEVELS
        return NATIONAL if national else None
    return normal_region(name)


def article_counts(store: Store) -> dict[str, int]:
    """Articles (条) per document: its top-level articles, or for a text without articles (a
    plan) its top-level items and paragraphs; provisions nested in them are not counted."""
    counts: dict[str, Counter[str]] = {}
    for r in store.db.execute(
        "SELECT document_id, kind, COUNT(*) AS n FROM provisions WHERE parent_id IS NULL "
        "AND kind NOT IN ('trailer', 'preamble') GROUP BY document_id, kind"
    ):
        counts.setdefault(r["document_id"], Counter())[r["kind"]] = int(r["n"])
    return {doc: kinds["article"] or sum(kinds.values()) for doc, kinds in counts.items()}


@dataclass(frozen=True, slots=True)
class Related:
    """Articles related to one article: what it cites, what cites it (both resolved to stored
    articles where the library has them)."""

    cites: list[Link]
    cited_by: list[Link]


def related_articles(store: Store, document_id: str, provision_id: str) -> Related:
    """The citations standing in the article ``provision_id``, and the articles of other
    documents that cite this document's work at this article's number."""
    own = store.db.execute(
        "SELECT number FROM provisions WHERE provision_id=? AND document_id=?",
        (provision_id, document_id),
    ).fetchone()
    number = own["number"] if own else ""
    out = [link for link in cites(store, document_id) if link.provision_id == provision_id]
    into = [
        link
        for link in cited_by(store, document_id)
        if link.article and number and article_number(link.article) == number
    ]
    return Related(out, into)


def article_number(article: str) -> str:
    """A cited article as printed in Chinese: "21" → "第二十一条" (a Chinese number is kept)."""
    if article.startswith("第"):
        return article
    if not article.isdigit():
        return f"第{article}条"
    return f"第{to_chinese_numeral(int(article))}条"


def provision_by_number(store: Store, document_id: str, number: str) -> str | None:
    """The id of a document's top-level provision printed as ``number``, or None."""
    row = store.db.execute(
        "SELECT provision_id FROM provisions WHERE document_id=? AND number=? "
        "AND parent_id IS NULL ORDER BY ord LIMIT 1",
        (document_id, number),
    ).fetchone()
    return row["provision_id"] if row else None
