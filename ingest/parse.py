"""One file's bytes → an IngestResult: read, clean, build the tree, read metadata."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ingest.errors import ReadError, finding
from ingest.ids import sha256_bytes, short_title, slugify
from ingest.metadata import detect_metadata, detect_title
from ingest.model import Document, Finding, IngestResult, SourceFile, Status
from ingest.normalize import clean_block
from ingest.readers import Block, reader_for
from ingest.structure import build_structure

CATALOG_FIELDS = (
    "title",
    "level",
    "region",
    "issuer",
    "doc_number",
    "promulgated",
    "amended",
    "effective",
    "version_date",
    "status",
    "language",
    "work_id",
)


def failed(path: str, sha: str, code: str, message: str) -> IngestResult:
    """A FAILED result that still names the file, its hash and the reason."""
    return IngestResult(path, Status.FAILED, None, (finding(code, message),), sha)


def parse_bytes(
    path: Path, data: bytes, catalog_entry: Mapping[str, str] | None = None
) -> IngestResult:
    """Parse one file's bytes into a document (no size or time limits: see ``ingest.sandbox``).

    Args:
        path: the file's path (for the suffix, the messages and the fallback title).
        data: its bytes.
        catalog_entry: catalog fields that override what is read from the text.

    Returns:
        The result; a :class:`ReadError` becomes a FAILED result with its finding code.
    """
    sha = sha256_bytes(data)
    if not data.strip():
        return failed(str(path), sha, "INGEST_EMPTY_FILE", f"{path}: the file is empty")
    try:
        reader = reader_for(path, data)
        out = reader.read(path, data)
    except ReadError as exc:
        return failed(str(path), sha, exc.code, str(exc))
    findings: list[Finding] = list(out.findings)
    blocks = [Block(t, b.page, b.kind, b.level) for b in out.blocks if (t := clean_block(b.text))]
    if not blocks:
        return failed(str(path), sha, "INGEST_EMPTY_FILE", f"{path}: no text was found")
    entry = dict(catalog_entry or {})
    title = entry.get("title") or detect_title(blocks, out.metadata.get("title", ""), path)
    work_id = entry.get("work_id") or slugify(title)
    structure = build_structure(blocks, work_id, short_title(title), str(path))
    findings.extend(structure.findings)
    preamble_text = "\n".join(p.text for p in structure.preamble)
    meta = detect_metadata(preamble_text, structure.text, title, path)
    if "level" not in meta and structure.is_plan:
        meta["level"] = "work_plan"
    meta.update({k: str(v) for k, v in entry.items() if k in CATALOG_FIELDS and v})
    if entry.get("status"):
        meta["status_source"] = "catalog"
    meta.setdefault("status", "in_force")
    for key in ("version_date", "level"):
        if key not in meta:
            findings.append(
                finding(
                    "INGEST_METADATA_MISSING",
                    f"{path}: no {key.replace('_', ' ')} found in the text; give it in the catalog",
                )
            )
    version = meta.get("version_date") or f"v-{sha[:8]}"
    document = Document(
        id=f"{work_id}@{version}",
        work_id=work_id,
        title=title,
        text=structure.text,
        source=SourceFile(str(path), sha, out.media_type, len(data)),
        sections=structure.sections,
        preamble=structure.preamble,
        provisions=structure.provisions,
        trailer=structure.trailer,
        metadata=meta,
    )
    ready = tuple(_with_document(f, document.id) for f in findings)
    return IngestResult(str(path), IngestResult.status_for(document, ready), document, ready, sha)


def _with_document(f: Finding, document_id: str) -> Finding:
    if f.document_id:
        return f
    return Finding(
        f.code, f.severity, f.message, document_id, f.provision_id, f.span, f.related_ids
    )
