"""PDF: text lines joined into paragraphs, running headers dropped, tables as text rows."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from ingest.errors import ReadError, finding
from ingest.model import Finding
from ingest.readers.base import ReadOutput
from ingest.readers.pdf_margins import drop_running_lines
from ingest.readers.pdf_page import Page, read_page
from ingest.readers.pdf_paragraphs import paragraphs

_MAX_LISTED_PAGES = 20
_PLACEHOLDER_TITLES = {"untitled", "untitled document", "title", "document"}  # tool defaults


def _plural(n: int, word: str) -> str:
    """``"1 table"``, ``"3 tables"``."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _page_list(numbers: list[int]) -> str:
    """Page numbers for a message, the first 20 and a count of the rest."""
    shown = ", ".join(str(n) for n in numbers[:_MAX_LISTED_PAGES])
    more = len(numbers) - _MAX_LISTED_PAGES
    return shown + (f" and {more} more" if more > 0 else "")


class PdfReader:
    """Reads PDF files with a text layer; pages without one are reported, not OCRed."""

    media_type = "application/pdf"
    suffixes: tuple[str, ...] = (".pdf",)

    def read(self, path: Path, data: bytes) -> ReadOutput:
        """Read the PDF's pages into paragraph and table-row blocks.

        Args:
            path: The file's path (used in messages).
            data: The file's bytes.

        Returns:
            Blocks in reading order with their 1-based page, findings and the document title.

        Raises:
            ReadError: INGEST_ENCRYPTED for a password-protected PDF, INGEST_CORRUPT_FILE for
                bytes that are not a readable PDF, INGEST_NO_TEXT_LAYER when no page has text,
                INGEST_EMPTY_FILE when the PDF has no text and no images at all.
        """
        name = str(path)
        try:
            pdf = pdfplumber.open(io.BytesIO(data))
        except (PdfminerException, MalformedPDFException, PSException) as exc:
            raise _read_error(name, exc) from exc
        with pdf:
            metadata = _title(pdf)
            pages, no_text, broken, n_pages = self._pass_one(pdf, name)
        findings = _page_findings(name, pages, no_text, broken, n_pages)
        dropped = drop_running_lines(pages)
        if dropped.lines:
            shown = ", ".join(repr(t) for t in dropped.examples.values())
            findings.append(
                finding(
                    "INGEST_HEADERS_REMOVED",
                    f"{name}: removed {_plural(dropped.lines, 'line')} on "
                    f"{_plural(dropped.pages, 'page')} as running headers, footers or page "
                    f"numbers, e.g. {shown}",
                )
            )
        findings += _table_findings(name, pages)
        blocks = paragraphs(pages)
        return ReadOutput(blocks, self.media_type, findings, metadata)

    @staticmethod
    def _pass_one(
        pdf: pdfplumber.PDF, name: str
    ) -> tuple[list[Page], list[int], list[tuple[int, str]], int]:
        """Extract every page's lines and tables, one page in memory at a time.

        Returns:
            Pages with text, numbers of pages without a text layer, (number, reason) of pages
            that could not be parsed, and the page count.
        """
        pages: list[Page] = []
        no_text: list[int] = []
        broken: list[tuple[int, str]] = []
        try:
            plumber_pages = pdf.pages
        except (PdfminerException, MalformedPDFException, PSException) as exc:
            raise _read_error(name, exc) from exc
        for page in plumber_pages:
            try:
                got = read_page(page)
            except (PdfminerException, MalformedPDFException, PSException) as exc:
                cause = _cause(exc)
                if isinstance(cause, PDFEncryptionError):
                    raise _read_error(name, exc) from exc
                broken.append((page.page_number, f"{type(cause).__name__}: {cause}"))
                continue
            finally:
                page.close()
            if got is None:
                continue
            if isinstance(got, int):
                no_text.append(got)
            else:
                pages.append(got)
        return pages, no_text, broken, len(plumber_pages)


def _title(pdf: pdfplumber.PDF) -> dict[str, str]:
    """The document title from the PDF's metadata, unless it is empty or a tool's default."""
    title = pdf.metadata.get("Title")
    if isinstance(title, str):
        title = title.strip("\x00 \t\r\n")
        if title and title.lower() not in _PLACEHOLDER_TITLES:
            return {"title": title}
    return {}


def _page_findings(
    name: str, pages: list[Page], no_text: list[int], broken: list[tuple[int, str]], n_pages: int
) -> list[Finding]:
    """Findings for unreadable pages and pages without a text layer.

    Raises:
        ReadError: INGEST_CORRUPT_FILE when no page could be read, INGEST_NO_TEXT_LAYER when
            no page has text, INGEST_EMPTY_FILE when the PDF has no text and no images at all.
    """
    if broken and len(broken) == n_pages:
        raise ReadError(
            "INGEST_CORRUPT_FILE",
            f"{name}: no page could be read ({broken[0][1]}); the file is damaged",
            name,
        )
    findings = [
        finding(
            "INGEST_CORRUPT_FILE",
            f"{name}: page {number} could not be read ({why}); its text is missing",
        )
        for number, why in broken
    ]
    if not pages:
        if no_text:
            raise ReadError(
                "INGEST_NO_TEXT_LAYER",
                f"{name}: no page has a text layer (scanned images?); there is "
                "no OCR in PolicyLens, so there is no text to ingest",
                name,
            )
        if not broken:
            raise ReadError("INGEST_EMPTY_FILE", f"{name}: the PDF has no text", name)
    if no_text:
        verb = "has" if len(no_text) == 1 else "have"
        findings.append(
            finding(
                "INGEST_NO_TEXT_LAYER",
                f"{name}: {'page' if len(no_text) == 1 else 'pages'} {_page_list(no_text)} "
                f"{verb} no text layer (scanned images?); there is no OCR in PolicyLens, so "
                "their text is missing",
            )
        )
    return findings


def _table_findings(name: str, pages: list[Page]) -> list[Finding]:
    """One finding naming the tables kept as text rows, if there are any."""
    tables = [t for p in pages for t in p.tables]
    if not tables:
        return []
    rows = sum(len(t.rows) for t in tables)
    on = sorted({p.number for p in pages if p.tables})
    return [
        finding(
            "INGEST_TABLE_AS_TEXT",
            f"{name}: {_plural(len(tables), 'table')} ({_plural(rows, 'row')}) on "
            f"{'page' if len(on) == 1 else 'pages'} {_page_list(on)} kept as text rows, "
            "cells joined by ' | '",
        )
    ]


def _cause(exc: BaseException) -> BaseException:
    """The pdfminer exception that pdfplumber wrapped, or ``exc`` itself."""
    if isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], BaseException):
        return exc.args[0]
    return exc


def _read_error(name: str, exc: BaseException) -> ReadError:
    """Map a parser exception to INGEST_ENCRYPTED or INGEST_CORRUPT_FILE."""
    cause = _cause(exc)
    if isinstance(cause, PDFEncryptionError):
        return ReadError(
            "INGEST_ENCRYPTED",
            f"{name}: the PDF is encrypted; remove the password and ingest it again",
            name,
        )
    why = f"{type(cause).__name__}: {cause}".rstrip(": ")
    return ReadError(
        "INGEST_CORRUPT_FILE",
        f"{name}: not a readable PDF ({why}); the file is damaged or not a PDF",
        name,
    )
