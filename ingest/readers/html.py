"""HTML: headings, paragraphs, list items and table rows as blocks (scripts and styles skipped)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ingest.errors import ReadError
from ingest.model import Finding
from ingest.readers.base import Block, BlockKind, ReadOutput
from ingest.readers.txt import decode_text

_BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "blockquote",
    "section",
    "article",
    "pre",
    "dd",
    "dt",
    "caption",
    "center",
    "td",
    "th",
    "body",
    "main",
    "header",
    "footer",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?\s*([A-Za-z0-9_-]+)", re.I)


class _BlockParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title = ""
        self._buf: list[str] = []
        self._skip = 0
        self._svg = 0
        self._in_title = False
        self._heading: int | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def _flush(self) -> None:
        text = "".join(self._buf)
        self._buf = []
        for line in text.split("\n"):
            if line.strip():
                kind = BlockKind.HEADING if self._heading else BlockKind.PARAGRAPH
                self.blocks.append(Block(line.strip(), kind=kind, level=self._heading))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self._svg += 1
        if tag == "title" and not self._svg:  # an <svg><title> is an icon's label
            self._in_title = True
        if tag in _SKIP_TAGS:
            self._skip += 1
            return
        if tag == "br":
            (self._cell if self._cell is not None else self._buf).append("\n")
        elif tag == "tr":
            self._flush()
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag in _HEADINGS:
            self._flush()
            self._heading = _HEADINGS[tag]
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag == "svg":
            self._svg = max(0, self._svg - 1)
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
            return
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if any(self._row):
                self.blocks.append(Block(" | ".join(self._row), kind=BlockKind.TABLE_ROW))
            self._row = None
        elif tag in _HEADINGS:
            self._flush()
            self._heading = None
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if self._skip:
            return
        data = data.replace("\r", "").replace("\n", " ")
        (self._cell if self._cell is not None else self._buf).append(data)

    def close(self) -> None:
        super().close()
        self._flush()


class HtmlReader:
    """Reads .html and .htm files."""

    media_type = "text/html"
    suffixes: tuple[str, ...] = (".html", ".htm", ".xhtml")

    def read(self, path: Path, data: bytes) -> ReadOutput:
        """Decode (declared charset, else detected) and walk the elements.

        Raises:
            ReadError: INGEST_EMPTY_FILE when the page has no text.
        """
        findings: list[Finding] = []
        declared = _META_CHARSET.search(data[:4096])
        text = None
        if declared:
            try:
                text = data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                text = None
        if text is None:
            text, findings = decode_text(data, str(path))
        parser = _BlockParser()
        parser.feed(text)
        parser.close()
        if not parser.blocks:
            raise ReadError("INGEST_EMPTY_FILE", f"{path}: the page has no text", str(path))
        meta = {"title": " ".join(parser.title.split())} if parser.title.strip() else {}
        return ReadOutput(parser.blocks, self.media_type, findings, meta)
