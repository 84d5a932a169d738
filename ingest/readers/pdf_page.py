"""One PDF page read from pdfminer's layout: characters into lines, ruled tables, sideways text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTLine, LTRect

from ingest.normalize import append_wrapped, is_cjk

_WS = re.compile(r"\s+")
# Kangxi radicals (U+2F00..), CJK radical supplements and Latin ligatures that some PDF fonts
# map their glyphs to: "⼀" for "一" would hide "第⼀条" from every pattern.
_LOOKALIKES = {
    cp: unicodedata.normalize("NFKC", chr(cp))
    for cp in (*range(0x2E80, 0x2EF4), *range(0x2F00, 0x2FD6), *range(0xFB00, 0xFB07))
    if unicodedata.normalize("NFKC", chr(cp)) != chr(cp)
}
Char = tuple[float, float, float, float, str, float]  # top, x0, x1, bottom, text, size


@dataclass(slots=True)
class Line:
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
class Table:
    """A ruled table found on a page: its top edge and its rows as block text."""

    top: float
    rows: list[str]


@dataclass(slots=True)
class Page:
    """What pass one keeps of a page: lines, tables and the body's left and right edges."""

    number: int
    width: float
    height: float
    lines: list[Line]
    tables: list[Table] = field(default_factory=list)
    left: float = 0.0
    right: float = 0.0


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A page whose text is mostly font glyph codes, "(cid:1467)", with no Unicode meaning."""

    number: int
    glyphs: int  # characters that came out as (cid:N)
    chars: int  # all characters with ink


_CID_SHARE = 0.5  # a page with at least this share of (cid:N) characters has no readable text


def _walk(objs: Iterable[object]) -> Iterator[object]:
    """Yield layout objects depth first, descending into figures (form XObjects)."""
    for obj in objs:
        if isinstance(obj, LTContainer):
            yield from _walk(obj)
        else:
            yield obj


def _line_text(chars: list[Char]) -> str:
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


def _group_lines(chars: list[Char]) -> list[Line]:
    """Cluster characters into lines by their top edge, then order each line left to right."""
    chars.sort()
    lines: list[Line] = []
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
            Line(
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
            append_wrapped(parts, piece)
    return "".join(parts)


def read_page(page: pdfplumber.page.Page) -> Page | Unreadable | int | None:
    """Read one page's characters and rulings from pdfminer's layout (one pass).

    Returns:
        The page's lines and tables; :class:`Unreadable` if its text is mostly glyph codes
        without a Unicode map (an owner-password or copy-protected PDF, a broken font); its
        number if it has no text but images or drawings (a scan, or text drawn as outlines);
        None for a blank page.
    """
    layout = page.layout
    width, height, y_top = float(layout.width), float(layout.height), float(layout.y1)
    chars: list[Char] = []
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
    ink = sum(1 for c in chars if not c[4].isspace())
    if not ink:
        return page.page_number if graphics or horizontal else None
    glyphs = sum(1 for c in chars if c[4].startswith("(cid:"))
    if glyphs >= _CID_SHARE * ink:
        return Unreadable(page.page_number, glyphs, ink)
    tables: list[Table] = []
    if horizontal >= 2 and vertical >= 2 and not sideways:
        tables, boxes = _find_tables(page, y_top)
        if boxes:
            chars = [c for c in chars if not _inside(c, boxes)]
    return Page(page.page_number, width, height, _group_lines(chars), tables)


def _turn(chars: list[LTChar], width: float, height: float, y_top: float) -> list[Char]:
    """Characters of text running up or down the page, in the frame where it reads across."""
    up = sum(1 for c in chars if c.matrix[1] > 0) * 2 >= len(chars)
    out: list[Char] = []
    for c in chars:
        top, bottom = y_top - c.y1, y_top - c.y0
        if up:  # text running bottom to top: turn the page clockwise
            out.append((c.x0, height - bottom, height - top, c.x1, c.get_text(), c.x1 - c.x0))
        else:  # text running top to bottom: turn the page anticlockwise
            out.append((width - c.x1, top, bottom, width - c.x0, c.get_text(), c.x1 - c.x0))
    return out


def _find_tables(
    page: pdfplumber.page.Page, y_top: float
) -> tuple[list[Table], list[tuple[float, float, float, float]]]:
    """Ruled tables of at least 2 rows and 2 columns, with their boxes in layout coordinates."""
    dx = float(page.mediabox[0])
    dy = float(page.mediabox[1]) + float(page.height) - y_top
    tables: list[Table] = []
    boxes: list[tuple[float, float, float, float]] = []
    for table in page.find_tables():
        data = table.extract()
        if len(data) < 2 or max((len(r) for r in data), default=0) < 2:
            continue  # a box around text, not a table
        x0, top, x1, bottom = table.bbox
        rows = [" | ".join(_cell_text(c) for c in row) for row in data]
        rows = [r for r in rows if r.replace("|", "").strip()]
        tables.append(Table(float(top) - dy, rows))
        boxes.append((float(x0) - dx, float(top) - dy, float(x1) - dx, float(bottom) - dy))
    return tables, boxes


def _inside(char: Char, boxes: list[tuple[float, float, float, float]]) -> bool:
    """The character's centre lies in one of the boxes."""
    cx, cy = (char[1] + char[2]) / 2, (char[0] + char[3]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)
