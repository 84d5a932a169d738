"""The review of stored texts: pair a local rule with its upper law, check the citations it
makes, keep the findings with stable ids, and keep reviewers' decisions across re-runs."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import numpy as np

from index.accounts import OPERATOR, Permission, User, require
from index.library.browse import articles
from index.search.embedders import Embedder
from index.search.passage_vectors import passage_vectors
from index.store.database import NotFoundError, Store, StoreError
from index.store.passages import passage_text
from index.store.transactions import transaction
from nlp.legal.article_refs import article_number
from nlp.legal.citations import basis_laws, find_citations, law_key
from nlp.review.engine import ReviewRun, is_special_zone, review_texts
from nlp.review.findings import Article, ReviewFinding, finding_id
from nlp.review.later_laws import LaterLaw

DECISIONS = ("accepted", "dismissed")


@dataclass(slots=True)
class DocumentReview:
    """A stored text's review: against which texts, the findings with their decisions."""

    document_id: str
    title: str
    against: list[tuple[str, str]]  # (document id, title) of the upper texts
    findings: list[ReviewFinding]
    decisions: dict[str, dict[str, Any]]
    verbatim_rate: float
    timings: dict[str, float]


def upper_laws(store: Store, document_id: str) -> list[str]:
    """The stored texts a document declares as its legal basis, each in the version in force
    when the document was made (else the newest).

    Raises:
        StoreError: naming a declared basis the library lacks, with what to do.
    """
    row = _document_row(store, document_id)
    # The basis is declared in the first articles (第一条 as a rule), after any header lines.
    texts = [a["text"] for a in articles(store, document_id) if a["number"]][:3]
    names = basis_laws("\n".join(texts))
    if not names:
        raise StoreError(
            f"{document_id} declares no legal basis in its first articles; "
            "give the upper law with --against"
        )
    made = row["version_date"] or row["effective"] or ""
    found, missing = [], []
    for name in names:
        candidates = [
            r
            for r in store.db.execute(
                "SELECT document_id, title, version_date, effective, status FROM documents "
                "WHERE document_id != ?",
                (document_id,),
            )
            if law_key(r["title"]) == law_key(name)
        ]
        if not candidates:
            missing.append(name)
            continue
        # In force when the text was made: the latest version that had taken effect by then.
        valid = [c for c in candidates if _start(c) <= made] or candidates
        best = max(valid, key=_start)
        found.append(best["document_id"])
    if not found:
        raise StoreError(
            f"{document_id} is based on {', '.join('《' + n + '》' for n in missing)}, which the "
            "library does not hold; ingest it or give the upper law with --against"
        )
    return found


def review_document(
    store: Store,
    ref: str,
    *,
    against: list[str] | None = None,
    save: bool = True,
    embedder: Embedder | None = None,
    user: User = OPERATOR,
) -> DocumentReview:
    """Review a stored text against its declared upper laws (or the texts given).

    ``save`` keeps the findings in the store, which ``user`` must be allowed to do (the review
    permission); the app passes the signed-in user, the CLI and scripts act as the workspace's
    operator (see :mod:`index.accounts`). Without ``save`` nothing is written and anyone may
    run it.

    ``embedder``: also align articles by meaning (each article's passage vector, from the
    store's cache where the search index has it, embedded otherwise). Off by default: on the
    planted conflicts of ../shared/data it found nothing the keywords missed and added findings
    that were wrong (``bench/bench_review_planted.py --dense``).

    Raises:
        PermissionDenied: when ``save`` is asked and ``user`` may not review.
        NotFoundError: when a text is not in the library.
        StoreError: when no upper law can be found.
    """
    if save:
        require(user, Permission.REVIEW)  # before any work: a refused run costs nothing
    started = time.perf_counter()
    document_id = store.resolve_document(ref)
    row = _document_row(store, document_id)
    uppers = (
        [store.resolve_document(a) for a in against] if against else upper_laws(store, document_id)
    )
    local = _articles(store, document_id)
    local_vectors = _article_vectors(store, embedder, document_id) if embedder else None
    made = _date(row["version_date"] or row["effective"])
    timings = {"load": time.perf_counter() - started}
    findings: list[ReviewFinding] = []
    pairs_rate = []
    titles = []
    others = _other_laws(store, document_id, uppers, local)
    for upper_id in uppers:
        upper_row = _document_row(store, upper_id)
        titles.append((upper_id, upper_row["title"]))
        vectors = None
        if embedder is not None and local_vectors is not None:
            vectors = (local_vectors, _article_vectors(store, embedder, upper_id))
        run: ReviewRun = review_texts(
            local,
            _articles(store, upper_id),
            local_date=made,
            upper_title=upper_row["title"],
            upper_date=_date(upper_row["version_date"] or upper_row["effective"]),
            special_zone=is_special_zone(row["title"]),
            local_scope=row["work_id"],
            upper_scope=upper_id,  # a finding against another version is another finding
            vectors=vectors,
            text_checks=not titles[:-1],  # the text's own checks once, with the first upper law
            local_title=row["title"],
            later_laws=[law for key, law in others if key != upper_id],
        )
        findings.extend(run.findings)
        pairs_rate.append(run.verbatim_rate)
        for stage, seconds in run.timings.items():
            timings[stage] = timings.get(stage, 0.0) + seconds
    started = time.perf_counter()
    findings.extend(citation_findings(store, document_id, local, row["work_id"]))
    timings["citations"] = time.perf_counter() - started
    unique = {f.finding_id: f for f in findings}
    findings = list(unique.values())
    if save:
        started = time.perf_counter()
        save_findings(store, user, document_id, uppers, findings)
        timings["save"] = time.perf_counter() - started
    return DocumentReview(
        document_id=document_id,
        title=row["title"],
        against=titles,
        findings=findings,
        decisions=decisions(store, [f.finding_id for f in findings]),
        verbatim_rate=max(pairs_rate) if pairs_rate else 0.0,
        timings=timings,
    )


def _other_laws(
    store: Store, document_id: str, uppers: list[str], local: list[Article]
) -> list[tuple[str, LaterLaw]]:
    """The national texts a review may weigh a fine against besides each upper law: the other
    upper laws of this review and the laws the text cites anywhere that the library holds (each
    in its newest version), keyed by document id."""
    cited = {law_key(c.law) for a in local for c in find_citations(a.text) if c.law}
    cited -= {law_key(_document_row(store, u)["title"]) for u in uppers}
    newest: dict[str, Any] = {}
    for r in store.db.execute(
        "SELECT document_id, title, version_date, effective FROM documents WHERE document_id != ?",
        (document_id,),
    ):
        key = law_key(r["title"])
        if key in cited and (key not in newest or _start(r) > _start(newest[key])):
            newest[key] = r
    ids = list(uppers) + [r["document_id"] for r in newest.values()]
    out = []
    for other in ids:
        other_row = _document_row(store, other)
        on = _date(other_row["version_date"] or other_row["effective"])
        law = LaterLaw(other_row["title"], on, tuple(_articles(store, other)))
        out.append((other, law))
    return out


def citation_findings(
    store: Store, document_id: str, local: list[Article], scope: str
) -> list[ReviewFinding]:
    """Citations of laws that were repealed, of superseded versions, and of article numbers the
    cited law does not have."""
    works = _works(store)
    out = []
    for article in local:
        for c in find_citations(article.text):
            if c.internal:
                continue
            versions = works.get(law_key(c.law))
            if not versions:
                continue  # a law the library lacks: nothing to judge it by
            zh = bool(re.search(r"[\u3400-\u9fff]", c.law))
            current = [v for v in versions if v["status"] == "in_force"]
            marks = ((c.start, c.end),)
            if not current and all(v["status"] == "repealed" for v in versions):
                out.append(
                    _citation(
                        "CHECK_CITES_REPEALED",
                        "error",
                        article,
                        scope,
                        c.law,
                        marks,
                        f"引用的《{c.law}》已废止。"
                        if zh
                        else f"It cites {c.law}, which was repealed.",
                        "改为引用现行有效的规定。" if zh else "Cite the provision now in force.",
                    )
                )
                continue
            year = re.search(r"((?:19|20)\d{2})年?(?:修正|修订|修改)?", c.law)
            if year and current:
                newest = max((v["version_date"] or "")[:4] for v in current)
                if newest and year[1] < newest:
                    out.append(
                        _citation(
                            "CHECK_CITES_SUPERSEDED",
                            "warning",
                            article,
                            scope,
                            c.law,
                            marks,
                            f"引用的是《{c.law}》的旧版本，现行版本为{newest}年版。"
                            if zh
                            else f"It cites the {year[1]} version of {c.law}; the version in force "
                            f"is of {newest}.",
                            "核对并改为引用现行版本的相应条款。"
                            if zh
                            else "Check and cite the article of the version in force.",
                        )
                    )
            if c.article and current:
                numbers = _article_numbers(store, current[0]["document_id"])
                if numbers and (c.article, c.sub) not in numbers:
                    out.append(
                        _citation(
                            "CHECK_CITES_MISSING_ARTICLE",
                            "error",
                            article,
                            scope,
                            c.law,
                            marks,
                            f"《{c.law}》没有第{c.article}条。"
                            if zh
                            else f"{c.law} has no article {c.article}.",
                            "核对所引条文的条号。"
                            if zh
                            else "Check the number of the cited article.",
                        )
                    )
    return out


def decisions(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Decisions taken on these findings."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {
        r["finding_id"]: dict(r)
        for r in store.db.execute(
            f"SELECT * FROM review_decisions WHERE finding_id IN ({marks})", ids
        )
    }


def decide(store: Store, actor: User, finding: str, decision: str, note: str = "") -> None:
    """Accept or dismiss a finding, with a note; the decision log keeps every decision.

    Raises:
        PermissionDenied: unless the actor may review.
        NotFoundError: when no review produced this finding.
        StoreError: for another decision word.
    """
    require(actor, Permission.REVIEW)
    if decision not in DECISIONS:
        raise StoreError(f"decision {decision!r}: use accepted or dismissed")
    if not store.db.execute(
        "SELECT 1 FROM review_findings WHERE finding_id=?", (finding,)
    ).fetchone():
        raise NotFoundError(f"no finding {finding!r}; run `policylens review DOC` first")
    with transaction(store.db):
        record_decision(store, actor, finding, decision, note)


def record_decision(store: Store, actor: User, finding: str, decision: str, note: str) -> None:
    """Write one decision and its log row, inside the caller's transaction (:func:`decide`, or
    :func:`index.review.groups.decide_all` for a group).

    Raises:
        PermissionDenied: unless ``actor`` may review (checked here too, so no caller can skip it).
    """
    require(actor, Permission.REVIEW)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    store.db.execute(
        "INSERT INTO review_decisions (finding_id, decision, note, decided_by, decided_at) "
        "VALUES (?,?,?,?,?) ON CONFLICT (finding_id) DO UPDATE SET decision=excluded.decision,"
        " note=excluded.note, decided_by=excluded.decided_by, decided_at=excluded.decided_at",
        (finding, decision, note.strip(), actor.username, now),
    )
    store.db.execute(
        "INSERT INTO review_decision_log (finding_id, decision, note, decided_by, decided_at)"
        " VALUES (?,?,?,?,?)",
        (finding, decision, note.strip(), actor.username, now),
    )


def save_findings(
    store: Store, user: User, document_id: str, uppers: list[str], findings: list[ReviewFinding]
) -> None:
    """Keep a review's findings of ``document_id`` (those of an earlier run that did not come
    back are marked absent; decisions stay).

    Raises:
        PermissionDenied: unless ``user`` may review.
    """
    require(user, Permission.REVIEW)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with transaction(store.db):
        store.db.execute("UPDATE review_findings SET present=0 WHERE document_id=?", (document_id,))
        for f in findings:
            data = json.dumps(f.to_dict(), ensure_ascii=False)
            store.db.execute(
                "INSERT INTO review_findings (finding_id, document_id, against_id, code, severity,"
                " message, fix, local_provision, upper_provision, data, first_seen, last_seen) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT (finding_id, document_id) DO UPDATE SET "
                "severity=excluded.severity, message=excluded.message, fix=excluded.fix, "
                "data=excluded.data, against_id=excluded.against_id, last_seen=excluded.last_seen, "
                "present=1",
                (
                    f.finding_id,
                    document_id,
                    ",".join(uppers),
                    f.code,
                    f.severity,
                    f.message,
                    f.fix,
                    f.local_provision,
                    f.upper_provision,
                    data,
                    now,
                    now,
                ),
            )


# -- internals -----------------------------------------------------------------------------------
def _citation(
    code: str,
    severity: str,
    article: Article,
    scope: str,
    law: str,
    marks: tuple[tuple[int, int], ...],
    message: str,
    fix: str,
) -> ReviewFinding:
    return ReviewFinding(
        finding_id=finding_id(
            code, scope, article.provision_id or article.number, law_key(law), None, law
        ),
        code=code,
        severity=severity,
        message=message,
        fix=fix,
        local_number=article.number,
        local_provision=article.provision_id,
        local_text=article.text,
        local_marks=marks,
        upper_number=None,
        upper_provision=None,
        upper_text="",
        upper_marks=(),
        upper_title=law,
        key=law,
    )


def _articles(store: Store, document_id: str) -> list[Article]:
    return [
        Article(a["number"], a["text"], a["provision_id"])
        for a in articles(store, document_id)
        if a["number"]
    ]


def _article_vectors(store: Store, embedder: Embedder, document_id: str) -> np.ndarray:
    """The unit passage vectors of the articles :func:`_articles` returns, in its order."""
    passages = [
        passage_text(a["heading_path"], a["text"])
        for a in articles(store, document_id)
        if a["number"]
    ]
    if not passages:
        return np.empty((0, embedder.dim), dtype=np.float32)
    return passage_vectors(store, embedder, passages, query=False)


def _article_numbers(store: Store, document_id: str) -> set[tuple[str, int]]:
    out = set()
    for a in articles(store, document_id):
        parsed = article_number(a["number"])
        if parsed:
            out.add(parsed)
    return out


def _works(store: Store) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for r in store.db.execute("SELECT document_id, title, status, version_date FROM documents"):
        out.setdefault(law_key(r["title"]), []).append(dict(r))
    return out


def _document_row(store: Store, document_id: str) -> Any:
    row = store.db.execute(
        "SELECT document_id, work_id, title, version_date, effective, status FROM documents "
        "WHERE document_id=?",
        (document_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no document {document_id!r}; see `policylens docs`")
    return row


def _start(row: Any) -> str:
    """When a version took effect: its effective date, else its version date."""
    return max(row["version_date"] or "", row["effective"] or "")


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
