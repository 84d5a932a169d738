"""Lines of PDF pages joined into paragraphs: body margins, line pitch, indents, centred titles."""

from __future__ import annotations

from collections import Counter

from ingest.normalize import append_wrapped, ends_sentence
from ingest.numbering import starts_with_label
from ingest.readers.base import Block, BlockKind
from ingest.readers.pdf_page import Line, Page, Table

GAP_FACTOR = 1.5  # a line pitch this many times the usual one starts a new paragraph
SHORT_LINE = 0.20  # a line ending this share of the column before the right edge ends a paragraph


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


def _layout_stats(pages: list[Page]) -> tuple[float | None, float, bool]:
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


def _short(line: Line, page: Page) -> bool:
    """The line stops well before the body's right edge (the last line of a paragraph)."""
    column = max(page.right - page.left, 1.0)
    return page.right - line.x1 > max(SHORT_LINE * column, 4 * line.size)


def _indented(line: Line, page: Page) -> bool:
    """The line starts clearly right of the page's body margin."""
    return line.x0 - page.left > max(0.6 * line.size, 4.0)


def _joins(
    prev: Line,
    prev_page: Page,
    line: Line,
    page: Page,
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


def _centered(line: Line, page: Page) -> bool:
    """The line is centred in the column and clearly away from the left margin."""
    middle = (page.left + page.right) / 2
    slack = max(line.size, 0.03 * (page.right - page.left))
    return line.x0 - page.left > line.size and abs((line.x0 + line.x1) / 2 - middle) <= slack


def paragraphs(pages: list[Page]) -> list[Block]:
    """Join lines into paragraph blocks and interleave table rows by position.

    Args:
        pages: The document's pages, running headers already dropped.

    Returns:
        Paragraph blocks and table-row blocks in reading order, each with its 1-based page.
    """
    pitch, size, uses_indent = _layout_stats(pages)
    blocks: list[Block] = []
    parts: list[str] = []
    start_page = 0
    prev: Line | None = None
    prev_page: Page | None = None

    def flush() -> None:
        if parts:
            blocks.append(Block("".join(parts), page=start_page))
            parts.clear()

    for p in pages:
        items: list[tuple[float, int, Line | Table]] = [(ln.top, 0, ln) for ln in p.lines]
        items.extend((t.top, 1, t) for t in p.tables)
        if p.tables:
            items.sort(key=lambda it: (it[0], it[1]))
        for _top, _kind, item in items:
            if isinstance(item, Table):
                flush()
                blocks.extend(Block(r, page=p.number, kind=BlockKind.TABLE_ROW) for r in item.rows)
                prev = prev_page = None
                continue
            if (
                prev is not None
                and prev_page is not None
                and _joins(prev, prev_page, item, p, pitch, size, uses_indent)
            ):
                append_wrapped(parts, item.text)
            else:
                flush()
                parts.append(item.text)
                start_page = p.number
            prev, prev_page = item, p
    flush()
    return blocks
