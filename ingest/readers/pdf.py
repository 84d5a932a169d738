"""PDF: text lines joined into paragraphs, running headers dropped, tables as text rows."""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTLine, LTRect
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from ingest.errors import ReadError, finding
from ingest.model import Finding
from ingest.normalize import ends_sentence, is_cjk
from ingest.numbering import starts_with_label
from ingest.readers.base import Block, BlockKind, ReadOutput

MARGIN_ZONE = 0.10  # running headers/footers live in the top and bottom tenth of a page
PAGE_NUMBER_ZONE = 0.15  # a bare page number is looked for a little further in
GAP_FACTOR = 1.5  # a line pitch this many times the usual one starts a new paragraph
SHORT_LINE = 0.20  # a line ending this share of the column before the right edge ends a paragraph
_MAX_LISTED_PAGES = 20
_PLACEHOLDER_TITLES = {"untitled", "untitled document", "title", "document"}  # tool defaults

# A line that is only a page number: "3", "- 3 -", "第 3 页", "第3页 共10页", "Page 3 of 10", "3/10"
_PAGE_NUMBER = re.compile(
    r"[-–—－~·•]*\d{1,4}[-–—－~·•]*"
    r"|第\d{1,4}页(?:[/,，]?共\d{1,4}页)?"
    r"|共\d{1,4}页[/,，]?第\d{1,4}页"
    r"|(?:page|p\.?)\d{1,4}(?:of\d{1,4})?"
    r"|\d{1,4}/\d{1,4}"
    r"|[ivxlc]{1,6}",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_WS = re.compile(r"\s+")
# Kangxi radicals (U+2F00..), CJK radical supplements and Latin ligatures that some PDF fonts
# map their glyphs to: "⼀" for "一" would hide "第⼀条" from every pattern.
_LOOKALIKES = {
    cp: unicodedata.normalize("NFKC", chr(cp))
    for cp in (*range(0x2E80, 0x2EF4), *range(0x2F00, 0x2FD6), *range(0xFB00, 0xFB07))
    if unicodedata.normalize("NFKC", chr(cp)) != chr(cp)
}
_Char = tuple[float, float, float, float, str, float]  # top, x0, x1, bottom, text, size


@dataclass(slots=True)
class _Line:
    """One physical text line, coordinates in points from the page's top-left corner."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    label: bool = False
    ends: bool = False


@dataclass(slots=True)
class _Table:
    """A ruled table found on a page: its top edge and its rows as block text."""

    top: float
    rows: list[str]


@dataclass(slots=True)
class _Page:
    """What pass one keeps of a page: lines, tables and the body's left and right edges."""

    number: int
    width: float
    height: float
    lines: list[_Line]
    tables: list[_Table] = field(default_factory=list)
    left: float = 0.0
    right: float = 0.0


def _walk(objs: Iterable[object]) -> Iterator[object]:
    """Yield layout objects depth first, descending into figures (form XObjects)."""
    for obj in objs:
        if isinstance(obj, LTContainer):
            yield from _walk(obj)
        else:
            yield obj


def _line_text(chars: list[_Char]) -> str:
    """Build a line's text from its characters sorted by x0, adding spaces at word gaps.

    A gap wider than a fifth of the font size is a space, except between two CJK characters
    where only a gap of about an em counts (letter-spaced headings such as "总  则" stay whole).
    """
    out: list[str] = []
    prev_x0 = prev_x1 = -1e9
    prev_text = ""
    pending_space = False
    for _top, x0, x1, _bottom, text, size in chars:
        if text.isspace():
            pending_space = bool(out)
            prev_x1 = max(prev_x1, x1)
            continue
        if text == prev_text and abs(x0 - prev_x0) < 0.5:
            continue  # the same glyph printed twice (fake bold)
        if out and not pending_space:
            gap = x0 - prev_x1
            if gap > 0.2 * size:
                pending_space = gap > 0.9 * size or not (is_cjk(prev_text[-1]) and is_cjk(text[0]))
        if pending_space:
            out.append(" ")
            pending_space = False
        out.append(text)
        prev_x0, prev_x1, prev_text = x0, x1, text
    return "".join(out)


def _group_lines(chars: list[_Char]) -> list[_Line]:
    """Cluster characters into lines by their top edge, then order each line left to right."""
    chars.sort()
    lines: list[_Line] = []
    i, n = 0, len(chars)
    while i < n:
        first = chars[i]
        limit = first[0] + max(1.0, 0.4 * first[5])
        j = i + 1
        while j < n and chars[j][0] <= limit:
            j += 1
        group = sorted(chars[i:j], key=lambda c: c[1])
        i = j
        text = _line_text(group).strip().translate(_LOOKALIKES)
        if not text:
            continue
        ink = [c for c in group if not c[4].isspace()]
        lines.append(
            _Line(
                text=text,
                x0=ink[0][1],
                x1=max(c[2] for c in ink),
                top=min(c[0] for c in ink),
                bottom=max(c[3] for c in ink),
                size=max(c[5] for c in ink),
            )
        )
    return lines


def _cell_text(cell: str | None) -> str:
    """A table cell's text with its internal line breaks joined."""
    if not cell:
        return ""
    parts: list[str] = []
    for piece in cell.split("\n"):
        piece = _WS.sub(" ", piece).strip()
        if piece:
            _glue(parts, piece)
    return "".join(parts)


def _glue(parts: list[str], text: str) -> None:
    """Append a wrapped line to a paragraph's parts (as ``normalize.join_wrapped`` joins)."""
    if not parts:
        parts.append(text)
        return
    prev = parts[-1]
    if prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha() and text[0].islower():
        parts[-1] = prev[:-1]  # "safe-" + "ty": a soft hyphen at the line end
    elif not (is_cjk(prev[-1]) or is_cjk(text[0])):
        parts.append(" ")
    parts.append(text)


def _left_edge(x0s: list[float]) -> float | None:
    """The body's left margin: the leftmost x0 that several lines share."""
    if not x0s:
        return None
    counts = Counter(round(x) for x in x0s)
    need = max(2, len(x0s) // 10) if len(x0s) > 2 else 1
    for x in sorted(counts):
        if counts[x] + counts.get(x + 1, 0) >= need:
            return float(x) - 0.5
    return min(x0s)


def _right_edge(x1s: list[float]) -> float | None:
    """The body's right edge: a high percentile of the lines' right ends."""
    if not x1s:
        return None
    ordered = sorted(x1s)
    return ordered[len(ordered) - 1 - len(ordered) // 10]


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
    suffixes = (".pdf",)

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
        findings: list[Finding] = []
        metadata: dict[str, str] = {}
        try:
            pdf = pdfplumber.open(io.BytesIO(data))
        except (PdfminerException, MalformedPDFException, PSException) as exc:
            raise _read_error(name, exc) from exc
        with pdf:
            title = pdf.metadata.get("Title")
            if isinstance(title, str):
                title = title.strip("\x00 \t\r\n")
                if title and title.lower() not in _PLACEHOLDER_TITLES:
                    metadata["title"] = title
            pages, no_text, broken, n_pages = self._pass_one(pdf, name)
        if broken and len(broken) == n_pages:
            raise ReadError(
                "INGEST_CORRUPT_FILE",
                f"{name}: no page could be read ({broken[0][1]}); the file is damaged",
                name,
            )
        for number, why in broken:
            findings.append(
                finding(
                    "INGEST_CORRUPT_FILE",
                    f"{name}: page {number} could not be read ({why}); its text is missing",
                )
            )
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
        self._drop_headers(pages, findings, name)
        tables = [t for p in pages for t in p.tables]
        if tables:
            rows = sum(len(t.rows) for t in tables)
            on = sorted({p.number for p in pages if p.tables})
            findings.append(
                finding(
                    "INGEST_TABLE_AS_TEXT",
                    f"{name}: {_plural(len(tables), 'table')} ({_plural(rows, 'row')}) on "
                    f"{'page' if len(on) == 1 else 'pages'} {_page_list(on)} kept as text rows, "
                    "cells joined by ' | '",
                )
            )
        blocks = _paragraphs(pages)
        return ReadOutput(blocks, self.media_type, findings, metadata)

    @staticmethod
    def _pass_one(
        pdf: pdfplumber.PDF, name: str
    ) -> tuple[list[_Page], list[int], list[tuple[int, str]], int]:
        """Extract every page's lines and tables, one page in memory at a time.

        Returns:
            Pages with text, numbers of pages without a text layer, (number, reason) of pages
            that could not be parsed, and the page count.
        """
        pages: list[_Page] = []
        no_text: list[int] = []
        broken: list[tuple[int, str]] = []
        try:
            plumber_pages = pdf.pages
        except (PdfminerException, MalformedPDFException, PSException) as exc:
            raise _read_error(name, exc) from exc
        for page in plumber_pages:
            try:
                got = _read_page(page)
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

    @staticmethod
    def _drop_headers(pages: list[_Page], findings: list[Finding], name: str) -> None:
        """Remove running headers/footers and bare page numbers, with one finding.

        A line in the top or bottom band of a page is a running header or footer when its
        text, digits masked, is in that band on at least half of the pages (and on two), or
        at the same height on a neighbouring page or the one after (chapter titles as
        running heads, odd and even pages). A line that is only a page number is dropped
        in a slightly wider band or as the first or last line of its page.
        """
        seen: dict[tuple[str, str], list[tuple[int, float]]] = {}
        for index, p in enumerate(pages):
            for line in p.lines:
                zone = _zone(line, p.height, MARGIN_ZONE)
                if zone:
                    key = (zone, _DIGITS.sub("#", _WS.sub("", line.text)))
                    seen.setdefault(key, []).append((index, line.top))
        need = max(2, math.ceil(len(pages) / 2))
        running = {key for key, where in seen.items() if _repeats(where, need)}
        removed = on_pages = 0
        examples: dict[str, str] = {}
        for p in pages:
            keep: list[_Line] = []
            last = len(p.lines) - 1
            for i, line in enumerate(p.lines):
                compact = _WS.sub("", line.text)
                masked = _DIGITS.sub("#", compact)
                zone = _zone(line, p.height, MARGIN_ZONE)
                drop = bool(zone) and (zone, masked) in running
                if not drop and _PAGE_NUMBER.fullmatch(compact):
                    drop = i in (0, last) or bool(_zone(line, p.height, PAGE_NUMBER_ZONE))
                if drop:
                    removed += 1
                    if masked not in examples and len(examples) < 2:
                        examples[masked] = line.text
                else:
                    keep.append(line)
            if len(keep) != len(p.lines):
                on_pages += 1
                p.lines = keep
        if removed:
            shown = ", ".join(repr(t) for t in examples.values())
            findings.append(
                finding(
                    "INGEST_HEADERS_REMOVED",
                    f"{name}: removed {_plural(removed, 'line')} on {_plural(on_pages, 'page')} as "
                    f"running headers, footers or page numbers, e.g. {shown}",
                )
            )


def _repeats(where: list[tuple[int, float]], need: int) -> bool:
    """A margin line seen at ``where`` (page index, top) is a running header or footer."""
    if len({index for index, _ in where}) >= need:
        return True
    for i, (page_a, top_a) in enumerate(where):
        for page_b, top_b in where[i + 1 : i + 3]:
            if 0 < page_b - page_a <= 2 and abs(top_b - top_a) <= 3:
                return True
    return False


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


def _zone(line: _Line, height: float, share: float) -> str:
    """'top' or 'bottom' if the line lies in that margin band of the page, else ''."""
    if line.bottom <= height * share:
        return "top"
    if line.top >= height * (1 - share):
        return "bottom"
    return ""


def _read_page(page: pdfplumber.page.Page) -> _Page | int | None:
    """Read one page's characters and rulings from pdfminer's layout (one pass).

    Returns:
        The page's lines and tables; its number if it has no text but images or drawings
        (a scan, or text drawn as outlines); None for a blank page.
    """
    layout = page.layout
    width, height, y_top = float(layout.width), float(layout.height), float(layout.y1)
    chars: list[_Char] = []
    turned: list[LTChar] = []
    horizontal = vertical = 0
    graphics = False
    for obj in _walk(layout):
        if isinstance(obj, LTChar):
            if obj.upright:
                chars.append(
                    (y_top - obj.y1, obj.x0, obj.x1, y_top - obj.y0, obj.get_text(), obj.size)
                )
            else:
                turned.append(obj)
        elif isinstance(obj, LTRect):
            horizontal += 2
            vertical += 2
        elif isinstance(obj, (LTLine, LTCurve)):
            graphics = True
            w, h = obj.x1 - obj.x0, obj.y1 - obj.y0
            if h <= 2 < w:
                horizontal += 1
            elif w <= 2 < h:
                vertical += 1
        elif isinstance(obj, LTImage):
            graphics = True
    sideways = len(turned) > len(chars)
    if sideways:
        # Mostly sideways text (a landscape table on a portrait page): read the page turned.
        chars, width, height = _turn(turned, width, height, y_top), height, width
    elif turned:
        chars.extend((y_top - c.y1, c.x0, c.x1, y_top - c.y0, c.get_text(), c.size) for c in turned)
    if not any(not c[4].isspace() for c in chars):
        return page.page_number if graphics or horizontal else None
    tables: list[_Table] = []
    if horizontal >= 2 and vertical >= 2 and not sideways:
        tables, boxes = _find_tables(page, y_top)
        if boxes:
            chars = [c for c in chars if not _inside(c, boxes)]
    return _Page(page.page_number, width, height, _group_lines(chars), tables)


def _turn(chars: list[LTChar], width: float, height: float, y_top: float) -> list[_Char]:
    """Characters of text running up or down the page, in the frame where it reads across."""
    up = sum(1 for c in chars if c.matrix[1] > 0) * 2 >= len(chars)
    out: list[_Char] = []
    for c in chars:
        top, bottom = y_top - c.y1, y_top - c.y0
        if up:  # text running bottom to top: turn the page clockwise
            out.append((c.x0, height - bottom, height - top, c.x1, c.get_text(), c.x1 - c.x0))
        else:  # text running top to bottom: turn the page anticlockwise
            out.append((width - c.x1, top, bottom, width - c.x0, c.get_text(), c.x1 - c.x0))
    return out


def _find_tables(
    page: pdfplumber.page.Page, y_top: float
) -> tuple[list[_Table], list[tuple[float, float, float, float]]]:
    """Ruled tables of at least 2 rows and 2 columns, with their boxes in layout coordinates."""
    dx = float(page.mediabox[0])
    dy = float(page.mediabox[1]) + float(page.height) - y_top
    tables: list[_Table] = []
    boxes: list[tuple[float, float, float, float]] = []
    for table in page.find_tables():
        data = table.extract()
        if len(data) < 2 or max((len(r) for r in data), default=0) < 2:
            continue  # a box around text, not a table
        x0, top, x1, bottom = table.bbox
        rows = [" | ".join(_cell_text(c) for c in row) for row in data]
        rows = [r for r in rows if r.replace("|", "").strip()]
        tables.append(_Table(float(top) - dy, rows))
        boxes.append((float(x0) - dx, float(top) - dy, float(x1) - dx, float(bottom) - dy))
    return tables, boxes


def _inside(char: _Char, boxes: list[tuple[float, float, float, float]]) -> bool:
    """The character's centre lies in one of the boxes."""
    cx, cy = (char[1] + char[2]) / 2, (char[0] + char[3]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _layout_stats(pages: list[_Page]) -> tuple[float | None, float, bool]:
    """Set each page's left/right body edges; return the usual line pitch, body size, indents.

    Returns:
        The most common distance between consecutive line tops (None if unknown), the most
        common font size, and whether paragraphs in this document start with an indent.
    """
    all_x0 = [ln.x0 for p in pages for ln in p.lines]
    all_x1 = [ln.x1 for p in pages for ln in p.lines]
    doc_left = _left_edge(all_x0) or 0.0
    doc_right = _right_edge(all_x1) or 0.0
    pitches: Counter[float] = Counter()
    sizes: Counter[float] = Counter()
    for p in pages:
        enough = len(p.lines) >= 6
        p.left = (_left_edge([ln.x0 for ln in p.lines]) if enough else None) or doc_left
        p.right = (_right_edge([ln.x1 for ln in p.lines]) if enough else None) or doc_right
        prev = None
        for line in p.lines:
            line.label = starts_with_label(line.text)
            line.ends = ends_sentence(line.text)
            sizes[round(line.size * 2) / 2] += 1
            if prev is not None and 0 < line.top - prev.top < 3 * line.size:
                pitches[round((line.top - prev.top) * 2) / 2] += 1
            prev = line
    pitch = pitches.most_common(1)[0][0] if pitches else None
    size = sizes.most_common(1)[0][0] if sizes else 10.0
    # First-line indents: an indented full line followed by a line at the margin, against
    # paragraphs that start at the margin after a short line.
    indent_starts = margin_starts = 0
    for p in pages:
        for prev, line in zip(p.lines, p.lines[1:], strict=False):
            if _indented(line, p):
                continue
            if _indented(prev, p) and not _short(prev, p):
                indent_starts += 1
            elif _short(prev, p) and not line.label:
                margin_starts += 1
    return pitch, size, indent_starts > 0 and indent_starts >= margin_starts


def _short(line: _Line, page: _Page) -> bool:
    """The line stops well before the body's right edge (the last line of a paragraph)."""
    column = max(page.right - page.left, 1.0)
    return page.right - line.x1 > max(SHORT_LINE * column, 4 * line.size)


def _indented(line: _Line, page: _Page) -> bool:
    """The line starts clearly right of the page's body margin."""
    return line.x0 - page.left > max(0.6 * line.size, 4.0)


def _joins(
    prev: _Line,
    prev_page: _Page,
    line: _Line,
    page: _Page,
    pitch: float | None,
    size: float,
    uses_indent: bool,
) -> bool:
    """True if ``line`` continues the paragraph whose last line is ``prev``."""
    if line.label or abs(line.size - prev.size) > max(1.0, 0.15 * prev.size):
        return False
    same_page = page is prev_page
    if (
        same_page
        and pitch
        and line.top - prev.top > GAP_FACTOR * pitch * max(1.0, line.size / size)
    ):
        return False  # a blank line's worth of space (scaled for larger type)
    if same_page and not prev.ends and _centered(prev, page) and _centered(line, page):
        return True  # a centred title over two lines
    if _short(prev, prev_page):
        return False  # a line stopping well before the right edge ends its paragraph
    indented = _indented(line, page)
    # A first-line indent: further right than the line before (each against its page's
    # margin, so this works across a page break), unless the line before opened a hanging
    # item ("(a) ..." with its continuation lines aligned after the label).
    step = (line.x0 - page.left) - (prev.x0 - prev_page.left)
    hanging = prev.label and not prev.ends
    if indented and step > max(0.6 * line.size, 4.0) and not hanging:
        return False
    if prev.ends:
        # A full line ending a sentence: a next line starting in lower case continues it
        # ("...; and"); where paragraphs start indented, so does an unindented next line;
        # elsewhere the sentence end is the paragraph's end.
        return ("a" <= line.text[0] <= "z") or (uses_indent and not indented)
    return True


def _centered(line: _Line, page: _Page) -> bool:
    """The line is centred in the column and clearly away from the left margin."""
    middle = (page.left + page.right) / 2
    slack = max(line.size, 0.03 * (page.right - page.left))
    return line.x0 - page.left > line.size and abs((line.x0 + line.x1) / 2 - middle) <= slack


def _paragraphs(pages: list[_Page]) -> list[Block]:
    """Join lines into paragraph blocks and interleave table rows by position."""
    pitch, size, uses_indent = _layout_stats(pages)
    blocks: list[Block] = []
    parts: list[str] = []
    start_page = 0
    prev: _Line | None = None
    prev_page: _Page | None = None

    def flush() -> None:
        if parts:
            blocks.append(Block("".join(parts), page=start_page))
            parts.clear()

    for p in pages:
        items: list[tuple[float, int, _Line | _Table]] = [(ln.top, 0, ln) for ln in p.lines]
        items.extend((t.top, 1, t) for t in p.tables)
        if p.tables:
            items.sort(key=lambda it: (it[0], it[1]))
        for _top, _kind, item in items:
            if isinstance(item, _Table):
                flush()
                blocks.extend(Block(r, page=p.number, kind=BlockKind.TABLE_ROW) for r in item.rows)
                prev = prev_page = None
                continue
            if (
                prev is not None
                and prev_page is not None
                and _joins(prev, prev_page, item, p, pitch, size, uses_indent)
            ):
                _glue(parts, item.text)
            else:
                flush()
                parts.append(item.text)
                start_page = p.number
            prev, prev_page = item, p
    flush()
    return blocks
