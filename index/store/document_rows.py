"""How a parsed document becomes rows: its documents, sections, provisions and findings rows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

from index.store.connection import Database
from ingest.model import Document, IngestResult, Section


def now_stamp() -> str:
    """The current UTC time as the store writes it (ISO 8601, whole seconds)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def free_id(db: Database, wanted: str) -> str:
    """``wanted``, or ``wanted~2``, ``wanted~3``… when that document id is taken already."""
    ident, n = wanted, 1
    while db.execute("SELECT 1 FROM documents WHERE document_id=?", (ident,)).fetchone():
        n += 1
        ident = f"{wanted}~{n}"
    return ident


def renamed(doc: Document, new_id: str) -> Document:
    """The same document under another document id."""
    data = doc.to_dict()
    data["document_id"] = new_id
    return Document.from_dict(data)


def insert_document(db: Database, result: IngestResult, doc: Document) -> int:
    """Write one document with its sections, provisions and findings (inside the caller's
    transaction).

    Returns:
        The number of provisions written.
    """
    provisions = doc.all_provisions()
    db.execute(
        "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        _document_row(result, doc, len(provisions)),
    )
    db.executemany(
        "INSERT INTO sections VALUES (?,?,?,?,?,?,?,?)",
        [
            (
                doc.id,
                section.id,
                parent,
                str(section.kind),
                section.number,
                section.title,
                section.span.start,
                section.span.end,
            )
            for section, parent in _walk_sections(doc.sections, None)
        ],
    )
    parents = {c.id: p.id for p in provisions for c in p.children}
    sections = _provision_sections(doc)
    db.executemany(
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
    db.executemany(
        "INSERT INTO findings (document_id, code, severity, message, provision_id) "
        "VALUES (?,?,?,?,?)",
        [(doc.id, f.code, str(f.severity), f.message, f.provision_id) for f in result.findings],
    )
    return len(provisions)


def _document_row(result: IngestResult, doc: Document, provisions: int) -> tuple[object, ...]:
    meta = dict(doc.metadata)
    return (
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
        provisions,
        json.dumps(doc.to_dict(), ensure_ascii=False),
        now_stamp(),
    )


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
