"""Ingest: files → documents as trees of sections and provisions, with findings.

Public API: :func:`load_document`, :func:`load_corpus` and the model classes.
"""

from __future__ import annotations

from pathlib import Path

from ingest.corpus import load_corpus
from ingest.model import (
    Document,
    Finding,
    IngestResult,
    Provision,
    ProvisionKind,
    Section,
    SectionKind,
    Severity,
    SourceFile,
    SourceSpan,
    Status,
)
from ingest.sandbox import Limits

__all__ = [
    "Document",
    "Finding",
    "IngestResult",
    "Limits",
    "Provision",
    "ProvisionKind",
    "Section",
    "SectionKind",
    "Severity",
    "SourceFile",
    "SourceSpan",
    "Status",
    "load_corpus",
    "load_document",
]


def load_document(
    path: str | Path, *, sandbox: bool = False, limits: Limits | None = None
) -> IngestResult:
    """Ingest one file (its folder's catalog.json applies, if any)."""
    return next(load_corpus([Path(path)], sandbox=sandbox, limits=limits))
