"""The SQLite store, the source of truth: documents, versions, sections, provisions, findings.

Schema changes are numbered migrations applied in order; each document is written in one
transaction, so a batch killed half-way loses nothing already stored and can simply be rerun.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from index.search.passages import passage_text
from index.store.schema import MIGRATIONS
from ingest.errors import finding
from ingest.model import Document, IngestResult, Section


class StoreError(Exception):
    """A store problem a user can act on (the message says what to do)."""


class NotFoundError(StoreError):
    """No document or provision with that id."""


_UNIT_WHERE = "p.parent_id IS NULL AND p.kind != 'trailer' AND p.text != ''"


@dataclass(frozen=True, slots=True)
class SearchUnit:
    """One searchable provision: its numeric id, the text the retrievers see, its language."""

    id: int
    passage: str
    language: str


@dataclass(frozen=True, slots=True)
class Stored:
    """What writing one result did."""

    result: IngestResult
    document_id: str | None
    provisions: int
    changed: bool


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """One SQLite file in WAL mode. Open with :func:`open_store`; close when done."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self._migrate()

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """The number of migrations applied."""
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        current = self.schema_version
        if current > len(MIGRATIONS):
            raise StoreError(
                f"{self.path} has schema {current}, newer than this PolicyLens "
                f"({len(MIGRATIONS)}); upgrade PolicyLens"
            )
        for number, sql in enumerate(MIGRATIONS[current:], start=current + 1):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(sql):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number}")
                self.db.execute("COMMIT")
            except sqlite3.Error:
                self.db.execute("ROLLBACK")
                raise

    # -- writing -------------------------------------------------------------------------------
    def write(self, result: IngestResult, actor: str | None = None) -> Stored:
        """Store one ingest result in one transaction; an unchanged file is a no-op.

        ``actor`` (a user name) is recorded in the ingest log.

        Returns:
            What was stored; ``result`` gains INGEST_UNCHANGED or INGEST_NEW_VERSION findings.
        """
        doc = result.document
        if doc is None:
            self._log(result, None, actor)
            return Stored(result, None, 0, False)
        self.db.execute("BEGIN IMMEDIATE")
        try:
            row = self.db.execute(
                "SELECT document_id, provisions FROM documents WHERE sha256=?",
                (result.sha256 or doc.source.sha256,),
            ).fetchone()
            if row is not None:
                notes = (
                    finding(
                        "INGEST_UNCHANGED",
                        f"{result.path}: unchanged since it was "
                        f"ingested as {row['document_id']}; nothing to do",
                        document_id=row["document_id"],
                    ),
                )
                done = IngestResult(
                    result.path, result.status, doc, result.findings + notes, result.sha256
                )
                self._log(done, row["document_id"], actor)
                self.db.execute("COMMIT")
                return Stored(done, row["document_id"], int(row["provisions"]), False)
            document_id = self._free_id(doc.id)
            if document_id != doc.id:
                doc = _renamed(doc, document_id)
            earlier = [
                r["document_id"]
                for r in self.db.execute(
                    "SELECT document_id FROM documents WHERE work_id=? ORDER BY version_date",
                    (doc.work_id,),
                )
            ]
            notes = ()
            if earlier:
                notes = (
                    finding(
                        "INGEST_NEW_VERSION",
                        f"{result.path}: stored as {document_id}, a new version of "
                        f"{', '.join(earlier)}",
                        document_id=document_id,
                        related_ids=tuple(earlier),
                    ),
                )
            done = IngestResult(
                result.path, result.status, doc, result.findings + notes, result.sha256
            )
            count = self._insert(done, doc)
            self._refresh_status(doc.work_id)
            self._log(done, document_id, actor)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return Stored(done, document_id, count, True)

    def _free_id(self, wanted: str) -> str:
        ident, n = wanted, 1
        while self.db.execute("SELECT 1 FROM documents WHERE document_id=?", (ident,)).fetchone():
            n += 1
            ident = f"{wanted}~{n}"
        return ident

    def _insert(self, result: IngestResult, doc: Document) -> int:
        meta = dict(doc.metadata)
        provisions = doc.all_provisions()
        self.db.execute(
            "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                doc.id,
                doc.work_id,
                doc.title,
                meta.get("level"),
                meta.get("region"),
                meta.get("language"),
                meta.get("status", "in_force"),
                int(meta.get("status_source") == "catalog"),
                meta.get("version_date"),
                meta.get("effective"),
                json.dumps(meta, ensure_ascii=False),
                doc.source.path,
                doc.source.sha256,
                doc.source.media_type,
                str(result.status),
                len(provisions),
                json.dumps(doc.to_dict(), ensure_ascii=False),
                _now(),
            ),
        )
        for section, parent in _walk_sections(doc.sections, None):
            self.db.execute(
                "INSERT INTO sections VALUES (?,?,?,?,?,?,?,?)",
                (
                    doc.id,
                    section.id,
                    parent,
                    str(section.kind),
                    section.number,
                    section.title,
                    section.span.start,
                    section.span.end,
                ),
            )
        parents = {c.id: p.id for p in provisions for c in p.children}
        sections = _provision_sections(doc)
        self.db.executemany(
            "INSERT INTO provisions (document_id, provision_id, parent_id, section_id, kind, "
            "number, title, text, start, end, page, heading_path, text_hash, ord) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    doc.id,
                    p.id,
                    parents.get(p.id),
                    sections.get(p.id),
                    str(p.kind),
                    p.number,
                    p.title,
                    p.text,
                    p.span.start,
                    p.span.end,
                    p.span.page,
                    json.dumps(list(p.heading_path), ensure_ascii=False),
                    p.text_hash,
                    n,
                )
                for n, p in enumerate(provisions)
            ],
        )
        self.db.executemany(
            "INSERT INTO findings (document_id, code, severity, message, provision_id) "
            "VALUES (?,?,?,?,?)",
            [(doc.id, f.code, str(f.severity), f.message, f.provision_id) for f in result.findings],
        )
        return len(provisions)

    def _refresh_status(self, work_id: str) -> None:
        """The newest version of a work is in force and older ones superseded, unless the
        catalog said otherwise."""
        rows = self.db.execute(
            "SELECT document_id FROM documents WHERE work_id=? AND status_fixed=0 "
            "ORDER BY COALESCE(version_date, ''), ingested_at",
            (work_id,),
        ).fetchall()
        for n, row in enumerate(rows):
            status = "in_force" if n == len(rows) - 1 else "superseded"
            self.db.execute(
                "UPDATE documents SET status=? WHERE document_id=?", (status, row["document_id"])
            )

    def _log(self, result: IngestResult, document_id: str | None, actor: str | None) -> None:
        own = self.db.in_transaction
        if not own:
            self.db.execute("BEGIN IMMEDIATE")
        self.db.execute(
            "INSERT INTO ingest_log (path, sha256, status, document_id, findings, at, actor) "
            "VALUES (?,?,?,?,?,?,?)",
            (
                result.path,
                result.sha256,
                str(result.status),
                document_id,
                json.dumps([f.to_dict() for f in result.findings], ensure_ascii=False),
                _now(),
                actor,
            ),
        )
        if not own:
            self.db.execute("COMMIT")

    def delete_document(self, document_id: str) -> None:
        """Remove one document and everything under it.

        Raises:
            NotFoundError: if there is no such document.
        """
        self.db.execute("BEGIN IMMEDIATE")
        row = self.db.execute(
            "SELECT work_id FROM documents WHERE document_id=?", (document_id,)
        ).fetchone()
        if row is None:
            self.db.execute("ROLLBACK")
            raise NotFoundError(f"no document {document_id!r}; see `policylens docs`")
        self.db.execute("DELETE FROM documents WHERE document_id=?", (document_id,))
        self._refresh_status(row["work_id"])
        self.db.execute("COMMIT")

    # -- reading -------------------------------------------------------------------------------
    def documents(self) -> list[dict[str, Any]]:
        """Every document, for `docs`: id, title, level, region, status, version date, counts."""
        rows = self.db.execute(
            "SELECT document_id, work_id, title, level, region, status, version_date, effective, "
            "language, provisions, ingest_status, source_path FROM documents "
            "ORDER BY work_id, COALESCE(version_date, '')"
        ).fetchall()
        return [dict(r) for r in rows]

    def versions(self, work_id: str) -> list[dict[str, Any]]:
        """The versions of one work, oldest first."""
        return [
            dict(r)
            for r in self.db.execute(
                "SELECT document_id, version_date, status FROM documents WHERE work_id=? "
                "ORDER BY COALESCE(version_date, ''), ingested_at",
                (work_id,),
            )
        ]

    def document(self, document_id: str) -> Document:
        """Load one document's tree.

        Raises:
            NotFoundError: with the nearest ids when there is no such document.
        """
        row = self.db.execute(
            "SELECT tree FROM documents WHERE document_id=?", (document_id,)
        ).fetchone()
        if row is None:
            resolved = self.resolve_document(document_id)
            row = self.db.execute(
                "SELECT tree FROM documents WHERE document_id=?", (resolved,)
            ).fetchone()
        return Document.from_dict(json.loads(row["tree"]))

    def resolve_document(self, ref: str) -> str:
        """Resolve a document id, or a work id / title to its version in force.

        Raises:
            NotFoundError: when nothing matches.
        """
        row = self.db.execute(
            "SELECT document_id FROM documents WHERE document_id=? OR work_id=? OR title=? "
            "ORDER BY status='in_force' DESC, COALESCE(version_date,'') DESC LIMIT 1",
            (ref, ref, ref),
        ).fetchone()
        if row is None:
            like = [
                r[0]
                for r in self.db.execute(
                    "SELECT document_id FROM documents WHERE document_id LIKE ? OR title LIKE ? "
                    "LIMIT 5",
                    (f"%{ref}%", f"%{ref}%"),
                )
            ]
            hint = f"; did you mean {', '.join(like)}?" if like else "; see `policylens docs`"
            raise NotFoundError(f"no document {ref!r}{hint}")
        return str(row[0])

    def provision(self, document_id: str, provision_id: str) -> dict[str, Any]:
        """One provision row (structural id, or its last part such as "art-21").

        Raises:
            NotFoundError: when the document has no such provision.
        """
        row = self.db.execute(
            "SELECT * FROM provisions WHERE document_id=? AND (provision_id=? OR provision_id "
            "LIKE ?) ORDER BY ord LIMIT 1",
            (document_id, provision_id, f"%/{provision_id}"),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"{document_id} has no provision {provision_id!r}")
        out = dict(row)
        out["heading_path"] = json.loads(out["heading_path"])
        return out

    def context(self, document_id: str, ord_: int, before: int, after: int) -> dict[str, list]:
        """The top-level provisions around position ``ord_`` of a document (the article in
        its context)."""
        rows = self.db.execute(
            "SELECT provision_id, number, text, ord FROM provisions WHERE document_id=? "
            "AND parent_id IS NULL AND kind NOT IN ('trailer') AND ord BETWEEN ? AND ? "
            "ORDER BY ord",
            (document_id, ord_ - 10 * (before + 1), ord_ + 10 * (after + 1)),
        ).fetchall()
        earlier = [dict(r) for r in rows if r["ord"] < ord_][-before:] if before else []
        later = [dict(r) for r in rows if r["ord"] > ord_][:after] if after else []
        return {"before": earlier, "after": later}

    def provision_versions(self, document_id: str, provision_id: str) -> list[dict[str, Any]]:
        """The same structural provision in every version of the work, oldest first, with
        whether its text differs from this document's."""
        return [
            dict(r)
            for r in self.db.execute(
                "SELECT d.document_id, d.version_date, d.status, "
                "p.text_hash != (SELECT text_hash FROM provisions WHERE document_id=? AND "
                "provision_id=?) AS changed FROM documents d JOIN provisions p "
                "USING (document_id) WHERE d.work_id = (SELECT work_id FROM documents WHERE "
                "document_id=?) AND p.provision_id=? ORDER BY COALESCE(d.version_date, '')",
                (document_id, provision_id, document_id, provision_id),
            )
        ]

    def findings_for(self, document_id: str) -> list[dict[str, Any]]:
        """The stored findings of one document."""
        return [
            dict(r)
            for r in self.db.execute(
                "SELECT code, severity, message, provision_id FROM findings WHERE document_id=? "
                "ORDER BY id",
                (document_id,),
            )
        ]

    def counts(self) -> dict[str, int]:
        """Documents, provisions and works stored."""
        row = self.db.execute(
            "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM provisions), "
            "(SELECT COUNT(DISTINCT work_id) FROM documents)"
        ).fetchone()
        return {"documents": row[0], "provisions": row[1], "works": row[2]}

    def iter_provisions(self) -> Iterator[sqlite3.Row]:
        """Every provision row, by numeric id."""
        yield from self.db.execute("SELECT * FROM provisions ORDER BY id")

    # -- search units and the embedding cache -------------------------------------------------
    def search_units(self) -> list[SearchUnit]:
        """The provisions that search returns: articles (top-level units), not web trailers."""
        rows = self.db.execute(
            "SELECT p.id, p.heading_path, p.text, d.language FROM provisions p "
            "JOIN documents d USING (document_id) "
            f"WHERE {_UNIT_WHERE} ORDER BY p.id"
        )
        return [
            SearchUnit(
                int(r["id"]),
                passage_text(json.loads(r["heading_path"]), r["text"]),
                r["language"] or "",
            )
            for r in rows
        ]

    def unit_state(self) -> str:
        """A cheap token that changes whenever the set of search units changes."""
        row = self.db.execute(
            "SELECT COUNT(*), COALESCE(MAX(p.id), 0), COALESCE(SUM(p.id), 0) FROM provisions p "
            f"WHERE {_UNIT_WHERE}"
        ).fetchone()
        return f"{row[0]}:{row[1]}:{row[2]}"

    def cached_keys(self, model: str, keys: list[str]) -> set[str]:
        """Which of these passage keys have a cached vector of ``model`` (no vectors read)."""
        sql = "SELECT key FROM embeddings WHERE model=? AND key IN ({marks})"
        return {r[0] for r in self._rows_in(sql, (model,), keys)}

    def cached_vectors(self, model: str, keys: list[str]) -> dict[str, bytes]:
        """The cached float32 vectors of ``model`` for the passages with these keys."""
        sql = "SELECT key, vector FROM embeddings WHERE model=? AND key IN ({marks})"
        return {r[0]: r[1] for r in self._rows_in(sql, (model,), keys)}

    def cache_vectors(self, model: str, items: list[tuple[str, bytes]]) -> None:
        """Add vectors to the cache in one transaction (a batch survives a later crash)."""
        self._insert_all(
            "INSERT OR IGNORE INTO embeddings (model, key, vector) VALUES (?,?,?)",
            [(model, key, vector) for key, vector in items],
        )

    def cached_tokens(self, tokenizer: str, keys: list[str]) -> dict[str, str]:
        """Cached BM25 tokens (space-separated) of the passages with these keys."""
        sql = "SELECT key, tokens FROM passage_tokens WHERE tokenizer=? AND key IN ({marks})"
        return {r[0]: r[1] for r in self._rows_in(sql, (tokenizer,), keys)}

    def cache_tokens(self, tokenizer: str, items: list[tuple[str, str]]) -> None:
        """Add tokenised passages to the cache in one transaction."""
        self._insert_all(
            "INSERT OR IGNORE INTO passage_tokens (tokenizer, key, tokens) VALUES (?,?,?)",
            [(tokenizer, key, text) for key, text in items],
        )

    def _insert_all(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.executemany(sql, rows)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def import_embeddings(self, path: Path) -> int:
        """Copy the embedding cache of another PolicyLens database; returns rows added."""
        before = self.db.total_changes
        self.db.execute("ATTACH DATABASE ? AS other", (str(path),))
        try:
            self.db.execute("INSERT OR IGNORE INTO embeddings SELECT * FROM other.embeddings")
        finally:
            self.db.execute("DETACH DATABASE other")
        return self.db.total_changes - before

    def prune_embeddings(self, model: str, keep: set[str]) -> int:
        """Drop cached vectors of ``model`` that no stored passage uses any more."""
        stale = [
            (model, k)
            for (k,) in self.db.execute("SELECT key FROM embeddings WHERE model=?", (model,))
            if k not in keep
        ]
        self.db.executemany("DELETE FROM embeddings WHERE model=? AND key=?", stale)
        return len(stale)

    def unit_rows(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        """What a search hit shows, for these numeric provision ids."""
        sql = (
            "SELECT p.id, p.provision_id, p.document_id, p.number, p.title AS heading, "
            "p.heading_path, p.text, p.page, d.title, d.level, d.region, d.status, "
            "d.version_date, d.effective, d.language, d.work_id FROM provisions p "
            "JOIN documents d USING (document_id) WHERE p.id IN ({marks})"
        )
        out: dict[int, dict[str, Any]] = {}
        for r in self._rows_in(sql, (), ids):
            row = dict(r)
            row["heading_path"] = json.loads(row["heading_path"])
            out[int(row["id"])] = row
        return out

    def unit_documents(self, ids: list[int]) -> dict[int, str]:
        """The document id of each of these numeric provision ids."""
        sql = "SELECT id, document_id FROM provisions WHERE id IN ({marks})"
        return {int(r[0]): r[1] for r in self._rows_in(sql, (), ids)}

    def _rows_in(self, sql: str, params: tuple[Any, ...], values: list[Any]) -> Iterator[Any]:
        """Rows of ``sql`` whose ``IN ({marks})`` takes ``values``, 500 at a time (SQLite caps
        the number of parameters)."""
        for start in range(0, len(values), 500):
            chunk = values[start : start + 500]
            yield from self.db.execute(
                sql.format(marks=",".join("?" * len(chunk))), (*params, *chunk)
            )

    def select_units(self, where: str, params: tuple[Any, ...]) -> list[int]:
        """Numeric ids of search units whose document matches an SQL condition on ``d``."""
        return [
            int(r[0])
            for r in self.db.execute(
                "SELECT p.id FROM provisions p JOIN documents d USING (document_id) "
                f"WHERE {_UNIT_WHERE} AND ({where}) ORDER BY p.id",
                params,
            )
        ]


def _statements(sql: str) -> Iterator[str]:
    """Split a migration into statements; a trigger's body holds semicolons of its own."""
    pending = ""
    for piece in sql.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""


def open_store(home: Path) -> Store:
    """Open (creating and migrating as needed) the store in a workspace folder."""
    from index.settings import DB_NAME

    return Store(home / DB_NAME)


def _renamed(doc: Document, new_id: str) -> Document:
    data = doc.to_dict()
    data["document_id"] = new_id
    return Document.from_dict(data)


def _walk_sections(
    sections: tuple[Section, ...], parent: str | None
) -> Iterator[tuple[Section, str | None]]:
    for s in sections:
        yield s, parent
        yield from _walk_sections(s.sections, s.id)


def _provision_sections(doc: Document) -> dict[str, str]:
    out: dict[str, str] = {}

    def visit(section: Section) -> None:
        for p in section.provisions:
            for q in p.walk():
                out[q.id] = section.id
        for s in section.sections:
            visit(s)

    for s in doc.sections:
        visit(s)
    return out
