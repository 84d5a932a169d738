"""Documents built from records that are already split into articles (JSONL exports, test sets,
generated data), bypassing the readers: the same model and invariants, no parsing."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ingest.model import (
    Document,
    IngestResult,
    Provision,
    ProvisionKind,
    SourceFile,
    SourceSpan,
    Status,
)


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """One article: its structural id suffix ("art-21"), number as printed, text, headings."""

    key: str
    number: str
    text: str
    heading_path: tuple[str, ...] = ()


def document_from_records(
    *,
    work_id: str,
    version: str,
    title: str,
    articles: Sequence[ArticleRecord],
    metadata: Mapping[str, str],
    source: str | None = None,
) -> IngestResult:
    """An OK ingest result holding one document whose text is the articles, one per line.

    The document id is ``<work_id>@<version>``; provision ids are ``<work_id>/<key>``; the
    sha256 covers the title and the text, so storing the same records twice is a no-op while two
    titles with the same wording stay two documents.
    """
    provisions, parts, pos = [], [], 0
    for record in articles:
        provisions.append(
            Provision(
                id=f"{work_id}/{record.key}",
                kind=ProvisionKind.ARTICLE,
                number=record.number,
                text=record.text,
                span=SourceSpan(pos, pos + len(record.text)),
                heading_path=record.heading_path,
            )
        )
        parts.append(record.text)
        pos += len(record.text) + 1
    body = "\n".join(parts)
    sha = hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()
    path = source or f"{work_id}.jsonl"
    document = Document(
        id=f"{work_id}@{version}",
        work_id=work_id,
        title=title,
        text=body,
        source=SourceFile(path, sha, "application/jsonl", len(body.encode("utf-8"))),
        provisions=tuple(provisions),
        metadata=dict(metadata),
    )
    return IngestResult(path, Status.OK, document, (), sha)
