"""Plain text and Markdown: encoding detection, then one block per paragraph."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ingest.errors import ReadError, finding
from ingest.model import Finding
from ingest.normalize import append_wrapped, ends_sentence
from ingest.numbering import MARKDOWN_HEADING, starts_with_label
from ingest.readers.base import Block, BlockKind, ReadOutput

LONG_LINE = 100_000  # characters; a real paragraph is never this long
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")


def decode_text(data: bytes, path: str) -> tuple[str, list[Finding]]:
    """Decode bytes: BOM, then strict UTF-8, then detection (GB18030/GBK and others).

    Returns:
        The text and findings (INGEST_ENCODING_GUESSED when detected, INGEST_DECODE_ERRORS
        when bytes had to be replaced).
    """
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(name), []
            except UnicodeDecodeError:
                return _decode_replacing(data, name, path, f"after the {name} byte-order mark")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    candidates = [best.encoding] if best is not None else []
    candidates.append("gb18030")  # GBK's superset: the usual encoding of older Chinese files
    for name in candidates:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        return text, [
            finding(
                "INGEST_ENCODING_GUESSED",
                f"{path}: not UTF-8; decoded as {name} (detected). Save it as UTF-8 to be sure.",
            )
        ]
    return _decode_replacing(data, "gb18030", path, "in a file of unknown encoding")


def _decode_replacing(data: bytes, name: str, path: str, where: str) -> tuple[str, list[Finding]]:
    """Decode with U+FFFD for bad bytes, and say how many were replaced."""
    text = data.decode(name, errors="replace")
    bad = text.count("\ufffd")
    return text, [
        finding(
            "INGEST_DECODE_ERRORS",
            f"{path}: {bad} characters {where} could not be decoded and were replaced with "
            "U+FFFD. Check the file's encoding.",
        )
    ]


def _is_hard_wrapped(lines: list[str]) -> int:
    """Return the wrap width if most lines were broken at a fixed width, else 0."""
    lengths = sorted(len(line) for line in lines if line.strip())
    if len(lengths) < 8:
        return 0
    width = lengths[int(len(lengths) * 0.9)]
    if not 30 <= width <= 200:
        return 0
    near = sum(1 for n in lengths if n >= 0.8 * width)
    return width if near >= 0.4 * len(lengths) else 0


def split_blocks(text: str, findings: list[Finding], path: str) -> list[Block]:
    """Split text into blocks: Markdown headings, table rows, and paragraphs.

    A paragraph is a line; lines of a hard-wrapped file (most lines cut near one width) are
    joined back when a line does not end a sentence and the next does not start a label.
    """
    text = _COMMENT.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = text.split("\n")
    long_lines = [i for i, line in enumerate(lines) if len(line) > LONG_LINE]
    if long_lines:
        findings.append(
            finding(
                "INGEST_LONG_LINE",
                f"{path}: line {long_lines[0] + 1} has {len(lines[long_lines[0]]):,} "
                "characters; kept as one paragraph. The file may be damaged.",
            )
        )
    width = _is_hard_wrapped(lines)
    blocks: list[Block] = []
    pending: list[str] = []  # a paragraph being joined from wrapped lines, as parts
    last_line_len = 0  # length of the last physical line joined into ``pending``

    def flush() -> None:
        if pending:
            text = "".join(pending)
            if text.strip():
                blocks.append(Block(text))
            pending.clear()

    for raw in lines:
        line = raw.strip()
        if not line:
            flush()
            continue
        heading = MARKDOWN_HEADING.match(line)
        if heading:
            flush()
            blocks.append(
                Block(heading.group(2), kind=BlockKind.HEADING, level=len(heading.group(1)))
            )
            continue
        if line.startswith("|") and line.endswith("|") and line.count("|") >= 2:
            flush()
            if not _TABLE_RULE.match(line):
                cells = [c.strip() for c in line.strip("|").split("|")]
                blocks.append(Block(" | ".join(cells), kind=BlockKind.TABLE_ROW))
            continue
        wrapped = (
            pending
            and width
            and last_line_len >= 0.75 * width
            and not ends_sentence("".join(pending[-4:]))
            and not starts_with_label(line)
        )
        if not wrapped:
            flush()
        append_wrapped(pending, line)
        last_line_len = len(raw.rstrip())
    flush()
    return blocks


class TextReader:
    """Reads .txt and .md files."""

    media_type = "text/plain"
    suffixes: tuple[str, ...] = (".txt", ".md", ".markdown", ".text")

    def read(self, path: Path, data: bytes) -> ReadOutput:
        """Decode and split into blocks.

        Raises:
            ReadError: INGEST_EMPTY_FILE when there is no text.
        """
        text, findings = decode_text(data, str(path))
        if not text.strip():
            raise ReadError("INGEST_EMPTY_FILE", f"{path}: the file has no text", str(path))
        media = "text/markdown" if path.suffix.lower() in (".md", ".markdown") else self.media_type
        text, meta = _front_matter(text)
        return ReadOutput(split_blocks(text, findings, str(path)), media, findings, meta)


_FRONT_MATTER = re.compile(r"\A\ufeff?---\n(.*?)\n---\n", re.S)


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    """Split YAML-style front matter ("---\\ntitle: …\\n---") from Markdown; keep simple keys."""
    m = _FRONT_MATTER.match(text.replace("\r\n", "\n"))
    if not m:
        return text, {}
    meta = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().isidentifier():
            meta[key.strip()] = value.strip().strip("\"'")
    if meta.get("title_number") and meta.get("chapter"):  # eCFR: "30 CFR Chapter I — …"
        meta["title"] = (
            f"{meta['title_number']} CFR Chapter {meta['chapter']} — {meta.get('title', '')}"
        )
    return text.replace("\r\n", "\n")[m.end() :], meta
