"""Running headers, footers and bare page numbers of a PDF, found across pages and dropped."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ingest.readers.pdf_page import Line, Page

MARGIN_ZONE = 0.10  # running headers/footers live in the top and bottom tenth of a page
PAGE_NUMBER_ZONE = 0.15  # a bare page number is looked for a little further in

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


def _repeats(where: list[tuple[int, float]], need: int) -> bool:
    """A margin line seen at ``where`` (page index, top) is a running header or footer."""
    if len({index for index, _ in where}) >= need:
        return True
    for i, (page_a, top_a) in enumerate(where):
        for page_b, top_b in where[i + 1 : i + 3]:
            if 0 < page_b - page_a <= 2 and abs(top_b - top_a) <= 3:
                return True
    return False


def _zone(line: Line, height: float, share: float) -> str:
    """'top' or 'bottom' if the line lies in that margin band of the page, else ''."""
    if line.bottom <= height * share:
        return "top"
    if line.top >= height * (1 - share):
        return "bottom"
    return ""


@dataclass(slots=True)
class Dropped:
    """What :func:`drop_running_lines` removed: lines, pages touched, up to two examples."""

    lines: int = 0
    pages: int = 0
    examples: dict[str, str] = field(default_factory=dict)


def drop_running_lines(pages: list[Page]) -> Dropped:
    """Remove running headers/footers and bare page numbers from the pages' lines.

    A line in the top or bottom band of a page is a running header or footer when its
    text, digits masked, is in that band on at least half of the pages (and on two), or
    at the same height on a neighbouring page or the one after (chapter titles as
    running heads, odd and even pages). A line that is only a page number is dropped
    in a slightly wider band or as the first or last line of its page.

    Args:
        pages: The document's pages with text; their ``lines`` are replaced.

    Returns:
        How many lines on how many pages were removed, with examples keyed by masked text.
    """
    running = _running_keys(pages)
    dropped = Dropped()
    for p in pages:
        keep: list[Line] = []
        last = len(p.lines) - 1
        for i, line in enumerate(p.lines):
            compact = _WS.sub("", line.text)
            masked = _DIGITS.sub("#", compact)
            zone = _zone(line, p.height, MARGIN_ZONE)
            drop = bool(zone) and (zone, masked) in running
            if not drop and _PAGE_NUMBER.fullmatch(compact):
                drop = i in (0, last) or bool(_zone(line, p.height, PAGE_NUMBER_ZONE))
            if drop:
                dropped.lines += 1
                if masked not in dropped.examples and len(dropped.examples) < 2:
                    dropped.examples[masked] = line.text
            else:
                keep.append(line)
        if len(keep) != len(p.lines):
            dropped.pages += 1
            p.lines = keep
    return dropped


def _running_keys(pages: list[Page]) -> set[tuple[str, str]]:
    """(zone, masked text) of the margin lines that repeat as running headers or footers."""
    seen: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for index, p in enumerate(pages):
        for line in p.lines:
            zone = _zone(line, p.height, MARGIN_ZONE)
            if zone:
                key = (zone, _DIGITS.sub("#", _WS.sub("", line.text)))
                seen.setdefault(key, []).append((index, line.top))
    need = max(2, math.ceil(len(pages) / 2))
    return {key for key, where in seen.items() if _repeats(where, need)}
