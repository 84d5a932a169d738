"""The SQLite store, the source of truth: documents, versions, sections, provisions, findings.

Schema changes are numbered migrations applied in order; each document is written in one
transaction, so a batch killed half-way loses nothing already stored and can simply be rerun.
The search side of the store (search units and the vector and token caches) is in
``index/store/search_units.py``; how a document becomes rows, in ``index/store/document_rows.py``.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.settings import ENV_DATABASE_URL, database_url
from index.store.connection import (
    Database,
    connect_postgres,
    connect_sqlite,
    dialect_of,
    migrate,
    schema_version,
)
from index.store.dialect import redacted_url
from index.store.document_rows import free_id, insert_document, now_stamp, renamed
from index.store.files import (
    FOLDER_MODE,
    damaged_message,
    has_index,
    is_damage,
    make_private,
    prepare,
)
from index.store.files import missing_message as missing_store
from index.store.schema import MIGRATIONS
from index.store.search_units import SearchMethods
from index.store.transactions import transaction
from ingest.errors import finding
from ingest.model import Document, Finding, IngestResult


class StoreError(Exception):
    """A store problem a user can act on (the message says what to do)."""


class NotFoundError(StoreError):
    """No document or provision with that id."""


class DamagedStoreError(StoreError):
    """The database file is damaged or not a SQLite database (restore a backup)."""


class MissingStoreError(StoreError):
    """The database file is gone while the workspace still has an index (never recreated)."""


@dataclass(frozen=True, slots=True)
class Stored:
    """What writing one result did."""

    result: IngestResult
    document_id: str | None
    provisions: int
    changed: bool


class Store(SearchMethods):
    """The store: one SQLite file in WAL mode, or a PostgreSQL database shared by several
    servers. Open with :func:`open_store`; close when done."""

    def __init__(self, path: Path, url: str | None = None) -> None:
        """Open (creating and migrating) the store: the SQLite file ``path`` (created with mode
        600 in a folder of mode 700), or, when ``url`` or ``$POLICYLENS_DATABASE_URL`` names
        one, the PostgreSQL database there (``path`` then only places the workspace's own
        files, such as the audit checkpoint).

        Raises:
            DamagedStoreError: when the file is damaged or not a SQLite database.
            StoreError: when the PostgreSQL server cannot be reached, or the schema is newer.
        """
        self.path = path
        self.url = url or database_url()
        self.db: Database
        if self.url:
            self._open_postgres(self.url)
            return
        prepare(path)
        try:
            self.db = connect_sqlite(path)
        except BaseException as exc:
            if is_damage(exc):
                raise DamagedStoreError(damaged_message(path, exc)) from exc
            raise
        try:
            migrate(self.db, MIGRATIONS, str(path))
        except ValueError as exc:
            self.db.close()
            raise StoreError(str(exc)) from exc
        except BaseException as exc:
            self.db.close()
            if is_damage(exc):
                raise DamagedStoreError(damaged_message(path, exc)) from exc
            raise
        make_private(path)

    def _open_postgres(self, url: str) -> None:
        try:
            self.db = connect_postgres(url)
        except sqlite3.OperationalError as exc:
            raise StoreError(
                f"{exc}; check {ENV_DATABASE_URL} and that the server is running"
            ) from exc
        try:
            migrate(self.db, MIGRATIONS, redacted_url(url))
        except ValueError as exc:
            self.db.close()
            raise StoreError(str(exc)) from exc
        except BaseException:
            self.db.close()
            raise

    @property
    def dialect(self) -> str:
        """``"sqlite"`` (the workspace's file) or ``"postgresql"`` (a shared server)."""
        return dialect_of(self.db)

    @property
    def location(self) -> str:
        """Where the data is, for messages: the SQLite file, or the URL without a password."""
        return redacted_url(self.url) if self.url else str(self.path)

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
        return schema_version(self.db)

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
        with transaction(self.db):
            row = self.db.execute(
                "SELECT document_id, provisions FROM documents WHERE sha256=?",
                (result.sha256 or doc.source.sha256,),
            ).fetchone()
            if row is not None:
                note = finding(
                    "INGEST_UNCHANGED",
                    f"{result.path}: unchanged since it was "
                    f"ingested as {row['document_id']}; nothing to do",
                    document_id=row["document_id"],
                )
                done = _with_notes(result, doc, (note,))
                self._log(done, row["document_id"], actor)
                return Stored(done, row["document_id"], int(row["provisions"]), False)
            document_id = free_id(self.db, doc.id)
            if document_id != doc.id:
                doc = renamed(doc, document_id)
            done = _with_notes(result, doc, self._new_version_notes(result, doc))
            count = insert_document(self.db, done, doc)
            self._refresh_status(doc.work_id)
            self._log(done, document_id, actor)
        return Stored(done, document_id, count, True)

    def _new_version_notes(self, result: IngestResult, doc: Document) -> tuple[Finding, ...]:
        """An INGEST_NEW_VERSION finding when the store holds earlier versions of the work."""
        earlier = [
            r["document_id"]
            for r in self.db.execute(
                "SELECT document_id FROM documents WHERE work_id=? ORDER BY version_date",
                (doc.work_id,),
            )
        ]
        if not earlier:
            return ()
        return (
            finding(
                "INGEST_NEW_VERSION",
                f"{result.path}: stored as {doc.id}, a new version of {', '.join(earlier)}",
                document_id=doc.id,
                related_ids=tuple(earlier),
            ),
        )

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
        """One ingest-log row, in the caller's transaction or, outside one, in its own."""
        with nullcontext() if self.db.in_transaction else transaction(self.db):
            self.db.execute(
                "INSERT INTO ingest_log (path, sha256, status, document_id, findings, at, actor) "
                "VALUES (?,?,?,?,?,?,?)",
                (
                    result.path,
                    result.sha256,
                    str(result.status),
                    document_id,
                    json.dumps([f.to_dict() for f in result.findings], ensure_ascii=False),
                    now_stamp(),
                    actor,
                ),
            )

    def delete_document(self, document_id: str) -> None:
        """Remove one document and everything under it.

        Raises:
            NotFoundError: if there is no such document.
        """
        with transaction(self.db):
            row = self.db.execute(
                "SELECT work_id FROM documents WHERE document_id=?", (document_id,)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"no document {document_id!r}; see `policylens docs`")
            self.db.execute("DELETE FROM documents WHERE document_id=?", (document_id,))
            self._refresh_status(row["work_id"])

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


def open_store(home: Path) -> Store:
    """Open (creating and migrating as needed) the store in a workspace folder.

    Raises:
        MissingStoreError: when the database file is gone but the workspace has an index: a
            store deleted or moved is never silently recreated empty.
        DamagedStoreError: when the file is damaged or not a SQLite database.
    """
    from index.settings import DB_NAME, INDEX_DIR

    path = home / DB_NAME
    url = database_url()
    if url is None and not path.exists() and has_index(home):
        raise MissingStoreError(missing_store(path, home / INDEX_DIR))
    if url is not None:
        home.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    return Store(path, url)


def _with_notes(result: IngestResult, doc: Document, notes: tuple[Finding, ...]) -> IngestResult:
    """``result`` for ``doc``, with ``notes`` added to its findings."""
    return IngestResult(result.path, result.status, doc, result.findings + notes, result.sha256)
