"""PDF: text lines joined into paragraphs, running headers dropped, tables as text rows."""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import PDFObjRef
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from ingest import budget
from ingest.errors import ReadError, finding, memory_exhausted
from ingest.model import Finding
from ingest.readers.base import ReadOutput
from ingest.readers.pdf_margins import drop_running_lines
from ingest.readers.pdf_page import Page, Unreadable, read_page
from ingest.readers.pdf_paragraphs import paragraphs

_MAX_LISTED_PAGES = 20
_MAX_REFERENCE_CHAIN = 32  # "1 0 R" → "2 0 R" → …: a real file never chains references far
_MAX_SLOW_PAGES = 3  # pages over their time budget before the file is taken as damaged
# What pdfminer raises on a damaged file, besides its own exceptions.
_PAGE_DAMAGE = (PdfminerException, MalformedPDFException, PSException, zlib.error, EOFError)
_OPEN_DAMAGE = (
    *_PAGE_DAMAGE,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    AssertionError,
    RecursionError,
)


@dataclass(slots=True)
class _PassOne:
    """What pass one found: pages with text, and the pages it could not use, by reason."""

    pages: list[Page] = field(default_factory=list)
    no_text: list[int] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)
    broken: list[tuple[int, str]] = field(default_factory=list)
    n_pages: int = 0


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
            with budget.time_budget(budget.PAGE_SECONDS, "reading the PDF's page tree"):
                pdf = pdfplumber.open(io.BytesIO(data))
                _guard_references(pdf.doc)
                plumber_pages = pdf.pages
                metadata = _title(pdf)
        except _OPEN_DAMAGE as exc:
            raise _read_error(name, exc) from exc
        except budget.BudgetExceeded as exc:
            raise _looping(name, exc) from None
        with pdf:
            seen = self._pass_one(plumber_pages, name)
        findings = _page_findings(name, seen)
        pages = seen.pages
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
    def _pass_one(plumber_pages: list[Any], name: str) -> _PassOne:
        """Extract every page's lines and tables, one page in memory at a time.

        Each page runs under ``budget.PAGE_SECONDS``; a page over it is reported as unreadable,
        and after a few such pages the file is taken as damaged (its structure loops).
        """
        seen = _PassOne(n_pages=len(plumber_pages))
        slow = 0
        for page in plumber_pages:
            try:
                with budget.time_budget(budget.PAGE_SECONDS, f"page {page.page_number}"):
                    got = read_page(page)
            except _PAGE_DAMAGE as exc:
                cause = _cause(exc)
                if isinstance(cause, PDFEncryptionError) or memory_exhausted(exc):
                    raise _read_error(name, exc) from exc
                seen.broken.append((page.page_number, f"{type(cause).__name__}: {cause}"))
                continue
            except budget.BudgetExceeded as exc:
                slow += 1
                if slow >= _MAX_SLOW_PAGES:
                    raise _looping(name, exc) from None
                seen.broken.append((page.page_number, str(exc)))
                continue
            finally:
                page.close()
            if isinstance(got, Page):
                seen.pages.append(got)
            elif isinstance(got, Unreadable):
                seen.unreadable.append(got)
            elif got is not None:
                seen.no_text.append(got)
        return seen


def _guard_references(doc: Any) -> None:
    """Make the document's object lookup refuse reference loops ("5 0 obj 5 0 R").

    pdfminer follows a reference to a reference until it reaches a value, forever if the chain
    loops; with this guard such a chain raises PDFSyntaxError (a damaged file) at once.
    """
    getobj = doc.getobj

    def guarded(objid: int) -> object:
        obj = getobj(objid)
        chain = [objid]
        while isinstance(obj, PDFObjRef):
            if obj.objid in chain or len(chain) > _MAX_REFERENCE_CHAIN:
                raise PDFSyntaxError(
                    f"object {objid} refers to itself through {len(chain)} reference(s)"
                )
            chain.append(obj.objid)
            obj = getobj(obj.objid)
        return obj

    doc.getobj = guarded


def _looping(name: str, exc: BaseException) -> ReadError:
    """INGEST_CORRUPT_FILE for a PDF whose structure took too long to read."""
    return ReadError(
        "INGEST_CORRUPT_FILE",
        f"{name}: {exc} (budget {budget.PAGE_SECONDS:g} s a page); the PDF's structure is "
        "damaged or loops, so it was given up",
        name,
    )


def _title(pdf: pdfplumber.PDF) -> dict[str, str]:
    """The document title from the PDF's metadata, unless it is empty or a tool's default."""
    title = pdf.metadata.get("Title")
    if isinstance(title, str):
        title = title.strip("\x00 \t\r\n")
        if title and title.lower() not in _PLACEHOLDER_TITLES:
            return {"title": title}
    return {}


def _page_findings(name: str, seen: _PassOne) -> list[Finding]:
    """Findings for unreadable pages and pages without a text layer.

    Raises:
        ReadError: INGEST_CORRUPT_FILE when no page could be read, INGEST_UNREADABLE_TEXT when
            the text of every page with text is glyph codes, INGEST_NO_TEXT_LAYER when no page
            has text, INGEST_EMPTY_FILE when the PDF has no text and no images at all.
    """
    broken, no_text, unreadable = seen.broken, seen.no_text, seen.unreadable
    if broken and len(broken) == seen.n_pages:
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
    if unreadable:
        glyphs = sum(u.glyphs for u in unreadable)
        chars = sum(u.chars for u in unreadable)
        numbers = [u.number for u in unreadable]
        message = (
            f"{name}: the text of {'page' if len(numbers) == 1 else 'pages'} "
            f"{_page_list(numbers)} is font glyph codes ({glyphs:,} of {chars:,} characters "
            "are '(cid:N)'), not readable text (a copy-protected or owner-password PDF, or a "
            "font without a Unicode map); export the PDF again from its source"
        )
        if not seen.pages:
            raise ReadError("INGEST_UNREADABLE_TEXT", message, name)
        findings.append(finding("INGEST_UNREADABLE_TEXT", message + "; those pages are left out"))
    if not seen.pages:
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
    """Map a parser exception to INGEST_ENCRYPTED or INGEST_CORRUPT_FILE.

    Raises:
        MemoryError: when the parser ran out of memory (a flate bomb): that is the memory
            limit, not damage, and the sandbox reports it as INGEST_MEMORY_LIMIT.
    """
    if memory_exhausted(exc):
        raise MemoryError(f"{name}: out of memory while parsing") from exc
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
