"""What every reader returns: logical blocks of text with their page, plus findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from ingest.model import Finding


class BlockKind(StrEnum):
    """A reader's hint of what a block is; structure building decides for itself."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"  # marked as a heading by the format (Markdown #, <h2>, Word "Heading 2")
    TABLE_ROW = "table_row"  # one table row, cells joined with " | "


@dataclass(frozen=True, slots=True)
class Block:
    """One logical paragraph: lines already joined, no line breaks inside.

    Readers render automatic numbering into ``text`` (a DOCX "第%1条" label becomes
    "第一条 "), so structure building sees what a reader of the printed page sees.
    """

    text: str
    page: int | None = None  # 1-based page for paginated formats
    kind: BlockKind = BlockKind.PARAGRAPH
    level: int | None = None  # heading level hint (1 = top) where the format gives one


@dataclass(slots=True)
class ReadOutput:
    """A reader's result: blocks in reading order, findings, and metadata the format carries."""

    blocks: list[Block]
    media_type: str
    findings: list[Finding] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)  # e.g. HTML <title>, DOCX core title


class Reader(Protocol):
    """Turns one file into blocks. Raises ``ingest.errors.ReadError`` on unreadable input."""

    media_type: str
    suffixes: tuple[str, ...]

    def read(self, path: Path, data: bytes) -> ReadOutput:
        """Read ``data`` (the bytes of ``path``) into blocks."""
        ...
