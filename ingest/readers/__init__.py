"""The reader registry: one reader per format, chosen by suffix and checked against content."""

from __future__ import annotations

from pathlib import Path

from ingest.errors import ReadError
from ingest.readers.base import Block, BlockKind, Reader, ReadOutput

__all__ = ["READERS", "Block", "BlockKind", "ReadOutput", "Reader", "reader_for"]


def _registry() -> dict[str, Reader]:
    from ingest.readers.docx import DocxReader
    from ingest.readers.html import HtmlReader
    from ingest.readers.pdf import PdfReader
    from ingest.readers.txt import TextReader

    table: dict[str, Reader] = {}
    for reader in (PdfReader(), DocxReader(), HtmlReader(), TextReader()):
        for suffix in reader.suffixes:
            table[suffix] = reader
    return table


READERS: dict[str, Reader] = _registry()
_HINTS = {
    ".doc": "save it as .docx",
    ".wps": "save it as .docx",
    ".rtf": "save it as .docx",
    ".xls": "ingest the text as .docx or .txt",
    ".png": "there is no OCR here",
    ".jpg": "there is no OCR here",
}


def reader_for(path: Path, data: bytes) -> Reader:
    """Pick the reader for a file by its suffix, letting a PDF or DOCX signature win.

    Raises:
        ReadError: INGEST_UNSUPPORTED_FORMAT when no reader fits.
    """
    if data.startswith(b"%PDF"):
        return READERS[".pdf"]
    suffix = path.suffix.lower()
    if suffix in READERS:
        return READERS[suffix]
    if data.startswith(b"PK") and b"word/" in data[:4096]:
        return READERS[".docx"]
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return READERS[".html"]
    hint = _HINTS.get(suffix, f"supported: {', '.join(sorted(READERS))}")
    raise ReadError(
        "INGEST_UNSUPPORTED_FORMAT",
        f"{path}: no reader for '{suffix or 'no suffix'}' files ({hint})",
        str(path),
    )
