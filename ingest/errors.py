"""Ingest exceptions and the catalogue of finding codes (stable forever: UI and tests use them)."""

from __future__ import annotations

from ingest.model import Finding, Severity

# code -> (severity, what it means). The README's table of codes is checked against this.
FINDING_CODES: dict[str, tuple[Severity, str]] = {
    "INGEST_EMPTY_FILE": (Severity.ERROR, "the file has no bytes or no text at all"),
    "INGEST_UNSUPPORTED_FORMAT": (Severity.ERROR, "no reader for this file type"),
    "INGEST_CORRUPT_FILE": (Severity.ERROR, "the file is damaged or not what its name says"),
    "INGEST_ENCRYPTED": (Severity.ERROR, "the PDF is encrypted; decrypt it and ingest again"),
    "INGEST_NO_TEXT_LAYER": (
        Severity.WARNING,
        "a PDF page has no text layer (scanned image); there is no OCR here",
    ),
    "INGEST_UNREADABLE_TEXT": (
        Severity.WARNING,
        "a PDF page's text is font glyph codes, (cid:N), not readable text; left out",
    ),
    "INGEST_XML_ENTITIES": (Severity.ERROR, "XML with a DOCTYPE or entity declarations"),
    "INGEST_ZIP_BOMB": (Severity.ERROR, "the archive expands past the size limit"),
    "INGEST_TOO_LARGE": (Severity.ERROR, "the file is larger than the size limit"),
    "INGEST_TIMEOUT": (Severity.ERROR, "parsing took longer than the time limit and was stopped"),
    "INGEST_MEMORY_LIMIT": (Severity.ERROR, "parsing needed more memory than the limit"),
    "INGEST_PARSER_CRASHED": (Severity.ERROR, "the parser failed unexpectedly"),
    "INGEST_ENCODING_GUESSED": (Severity.INFO, "the text encoding was detected, not declared"),
    "INGEST_DECODE_ERRORS": (Severity.WARNING, "some bytes could not be decoded and were replaced"),
    "INGEST_NO_STRUCTURE": (
        Severity.WARNING,
        "no chapters, articles or parts were recognised; the text is kept as paragraphs",
    ),
    "INGEST_DUPLICATE_HEADING": (
        Severity.INFO,
        "Markdown heading lines that repeat the line before them were folded into it",
    ),
    "INGEST_DUPLICATE_NUMBER": (Severity.WARNING, "a number repeats; the later one gets ~2"),
    "INGEST_NUMBERING_GAP": (Severity.INFO, "numbering skips or goes backwards"),
    "INGEST_TRAILING_TEXT": (
        Severity.WARNING,
        "text after the body that is not part of it (e.g. web boilerplate); kept as trailer",
    ),
    "INGEST_HEADERS_REMOVED": (
        Severity.INFO,
        "running headers, footers or page numbers were removed from PDF pages",
    ),
    "INGEST_TABLE_AS_TEXT": (Severity.INFO, "tables were kept as text rows, cells joined by |"),
    "INGEST_LONG_LINE": (Severity.WARNING, "a single line is very long; the file may be damaged"),
    "INGEST_METADATA_MISSING": (Severity.INFO, "a metadata field could not be read from the text"),
    "INGEST_UNCHANGED": (Severity.INFO, "the same file was ingested before; nothing changed"),
    "INGEST_NEW_VERSION": (Severity.INFO, "stored as a new version of a text already ingested"),
}


def memory_exhausted(exc: BaseException) -> bool:
    """True if ``exc`` is a MemoryError or wraps one (as cause, context or first argument).

    pdfplumber wraps what pdfminer raises; a flate bomb's MemoryError must still be reported as
    the memory limit, not as a damaged file.
    """
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, MemoryError):
            return True
        todo.extend(x for x in (e.__cause__, e.__context__) if x is not None)
        if e.args and isinstance(e.args[0], BaseException):
            todo.append(e.args[0])
    return False


def finding(code: str, message: str, **places: object) -> Finding:
    """Build a Finding with the catalogue's severity for ``code``.

    Raises:
        ValueError: if ``code`` is not in ``FINDING_CODES``.
    """
    try:
        severity, _ = FINDING_CODES[code]
    except KeyError:
        raise ValueError(f"unknown finding code {code!r}; known: {sorted(FINDING_CODES)}") from None
    return Finding(code=code, severity=severity, message=message, **places)  # type: ignore[arg-type]


class IngestError(Exception):
    """Base class of ingest errors."""


class ReadError(IngestError):
    """A file could not be read; carries the finding code that describes why."""

    def __init__(self, code: str, message: str, path: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.path = path
