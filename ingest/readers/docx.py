"""DOCX: paragraphs, tables and Word automatic numbering (第%1条, （%1）, 1.1) rendered as text.

Common converters drop the labels Word draws from numbering.xml, which loses every article
number of a regulation typed with automatic numbering; here they are rendered like Word does.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from ingest.errors import ReadError
from ingest.numbering import to_chinese_numeral, to_roman
from ingest.readers.base import Block, BlockKind, ReadOutput

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_UNPACKED = 256 * 1024 * 1024  # bytes a DOCX may expand to
MAX_RATIO = 200  # compression ratio past which a large part is a bomb, not a document


@dataclass(slots=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"


@dataclass(slots=True)
class Numbering:
    """numbering.xml: abstract definitions, instances, and running counters."""

    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def parse(cls, xml: bytes | None) -> Numbering:
        """Parse numbering.xml safely (defusedxml refuses DTDs and entities)."""
        out = cls()
        if not xml:
            return out
        root = SafeET.fromstring(xml, forbid_dtd=True)
        for absn in root.iter(f"{W}abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in absn.iter(f"{W}lvl"):
                level = _Level()
                for tag, attr in (
                    ("start", "start"),
                    ("numFmt", "fmt"),
                    ("lvlText", "text"),
                    ("suff", "suffix"),
                ):
                    el = lvl.find(f"{W}{tag}")
                    if el is not None and el.get(f"{W}val") is not None:
                        value: Any = el.get(f"{W}val")
                        setattr(level, attr, int(value) if attr == "start" else value)
                levels[int(lvl.get(f"{W}ilvl", "0"))] = level
            out.abstract[absn.get(f"{W}abstractNumId", "")] = levels
        for num in root.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            overrides = {}
            for ov in num.iter(f"{W}lvlOverride"):
                start = ov.find(f"{W}startOverride")
                if start is not None:
                    overrides[int(ov.get(f"{W}ilvl", "0"))] = int(start.get(f"{W}val", "1"))
            out.nums[num.get(f"{W}numId", "")] = (
                ref.get(f"{W}val", "") if ref is not None else "",
                overrides,
            )
        return out

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of (num, level) and return the rendered label with its suffix."""
        if num_id not in self.nums or num_id == "0":
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        # Instances with a start override count on their own; others share the abstract's count.
        key = f"num:{num_id}" if overrides else f"abs:{abstract_id}"
        counts = self.counters.setdefault(key, {})
        start = overrides.get(ilvl, levels[ilvl].start)
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else start
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        text = levels[ilvl].text
        if levels[ilvl].fmt in ("bullet", "none"):
            return ""
        for n in range(9, 0, -1):
            if f"%{n}" in text:
                lvl = levels.get(n - 1, _Level())
                value = counts.get(n - 1, overrides.get(n - 1, lvl.start))
                text = text.replace(f"%{n}", format_number(value, lvl.fmt))
        suffix = {"tab": " ", "space": " ", "nothing": ""}.get(levels[ilvl].suffix, " ")
        return text + suffix


def format_number(n: int, fmt: str) -> str:
    """Render a counter in a Word number format (decimal, chineseCounting, lowerLetter, …)."""
    if (
        fmt
        in (
            "chineseCounting",
            "chineseCountingThousand",
            "ideographTraditional",
            "taiwaneseCounting",
            "chineseLegalSimplified",
        )
        and 0 < n < 10000
    ):
        return to_chinese_numeral(n)
    if fmt in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letters if fmt == "lowerLetter" else letters.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        return to_roman(n).lower() if fmt == "lowerRoman" else to_roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return str(n)


# What a damaged archive raises while it is opened or a member is read: a bad header or CRC, a
# deflate stream cut short or garbled, an encrypted or unsupported member.
ARCHIVE_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
)
# ... and what python-docx raises on a bad part: malformed XML (lxml's XMLSyntaxError is a
# SyntaxError), a missing relationship target (KeyError), a bad attribute value.
_READ_ERRORS: tuple[type[BaseException], ...] = (*ARCHIVE_ERRORS, KeyError, ValueError, SyntaxError)
# A DTD or an entity declaration in any XML encoding Word parts may use (UTF-8, UTF-16, UTF-32).
_DECLARATIONS = tuple(
    marker.encode(codec)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for codec in ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)
_OVERLAP = max(len(m) for m in _DECLARATIONS) - 1
_CHUNK = 1 << 20


def _corrupt(path: Path, why: str) -> ReadError:
    """INGEST_CORRUPT_FILE naming the file and what is wrong with it."""
    return ReadError(
        "INGEST_CORRUPT_FILE",
        f"{path}: not a readable DOCX ({why}); the file is damaged — save it again from Word",
        str(path),
    )


def _check_sizes(infos: list[zipfile.ZipInfo], size: int, path: Path) -> None:
    """Refuse members that cannot fit in the file (a damaged directory) and archive bombs."""
    for info in infos:
        if info.header_offset + info.compress_size > size:
            raise _corrupt(path, f"the zip directory entry of {info.filename!r} is damaged")
    total = sum(i.file_size for i in infos)
    worst = max(infos, key=lambda i: i.file_size / max(i.compress_size, 1), default=None)
    if total > MAX_UNPACKED or (
        worst is not None
        and worst.file_size > 20 * 2**20
        and worst.file_size / max(worst.compress_size, 1) > MAX_RATIO
    ):
        raise ReadError(
            "INGEST_ZIP_BOMB",
            f"{path}: the archive would expand to {total / 2**20:,.0f} MB; refused "
            f"(limit {MAX_UNPACKED / 2**20:.0f} MB, or a part compressed over "
            f"{MAX_RATIO}:1)",
            str(path),
        )


def _check_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> None:
    """Read a whole XML part (checking its CRC) and refuse a DOCTYPE or entity anywhere in it."""
    try:
        with archive.open(info) as fh:
            tail = b""
            while chunk := fh.read(_CHUNK):
                window = tail + chunk
                if any(marker in window for marker in _DECLARATIONS):
                    raise ReadError(
                        "INGEST_XML_ENTITIES",
                        f"{path}: part {info.filename} declares a DOCTYPE/entities "
                        "(XML entity expansion); refused",
                        str(path),
                    )
                tail = window[-_OVERLAP:]
    except ARCHIVE_ERRORS as exc:
        raise _corrupt(path, f"part {info.filename} is damaged: {exc}") from exc


def check_archive(data: bytes, path: Path) -> zipfile.ZipFile:
    """Open the zip and refuse damage, bombs and XML with DTDs before any XML parser sees it.

    Every XML part is read to its end, so a bad CRC or a broken deflate stream is found here
    and a DOCTYPE is found wherever it is in the part.

    Raises:
        ReadError: INGEST_CORRUPT_FILE, INGEST_ZIP_BOMB or INGEST_XML_ENTITIES.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except ARCHIVE_ERRORS as exc:
        raise _corrupt(path, f"zip archive damaged or cut short: {exc}") from exc
    _check_sizes(infos, len(data), path)
    if "word/document.xml" not in {i.filename for i in infos}:
        raise ReadError(
            "INGEST_CORRUPT_FILE",
            f"{path}: no word/document.xml inside; not a Word document",
            str(path),
        )
    for info in infos:
        if info.filename.lower().endswith((".xml", ".rels")):
            _check_part(archive, info, path)
    return archive


def _paragraph_text(p: Any) -> str:
    parts: list[str] = []
    for el in p.iter():
        tag = el.tag
        if tag == f"{W}t" and el.text:
            parts.append(el.text)
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag == f"{W}delText":
            continue
    return "".join(parts)


class DocxReader:
    """Reads .docx files (not the old binary .doc)."""

    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    suffixes: tuple[str, ...] = (".docx", ".docm")

    def read(self, path: Path, data: bytes) -> ReadOutput:
        """Check the archive, then read paragraphs and tables in body order.

        Raises:
            ReadError: damaged archives, bombs, entity declarations, or no text.
        """
        archive = check_archive(data, path)
        try:
            return self._read(archive, path, data)
        except _READ_ERRORS as exc:
            raise _corrupt(path, f"{type(exc).__name__}: {exc}") from exc

    def _read(self, archive: zipfile.ZipFile, path: Path, data: bytes) -> ReadOutput:
        import docx  # python-docx: styles and core properties
        from docx.opc.exceptions import PackageNotFoundError

        try:
            document = docx.Document(io.BytesIO(data))
        except PackageNotFoundError as exc:
            raise _corrupt(path, f"python-docx cannot open it: {exc}") from exc
        try:
            numbering_xml = archive.read("word/numbering.xml")
        except KeyError:
            numbering_xml = None
        try:
            numbering = Numbering.parse(numbering_xml)
        except (DefusedXmlException, SafeET.ParseError) as exc:
            raise ReadError(
                "INGEST_XML_ENTITIES"
                if isinstance(exc, DefusedXmlException)
                else "INGEST_CORRUPT_FILE",
                f"{path}: numbering.xml refused ({exc})",
                str(path),
            ) from exc
        styles = {s.style_id: s for s in document.styles}
        blocks = list(self._blocks(document, numbering, styles))
        if not blocks:
            raise ReadError("INGEST_EMPTY_FILE", f"{path}: the document has no text", str(path))
        meta = {}
        if document.core_properties.title:
            meta["title"] = document.core_properties.title
        return ReadOutput(blocks, self.media_type, [], meta)

    def _blocks(
        self, document: Any, numbering: Numbering, styles: dict[str, Any]
    ) -> Iterator[Block]:
        for el in document.element.body.iterchildren():
            if el.tag == f"{W}p":
                yield from self._paragraph(el, numbering, styles)
            elif el.tag == f"{W}tbl":
                for row in el.iter(f"{W}tr"):
                    cells: list[str] = []
                    for tc in row.iterchildren(f"{W}tc"):
                        text = " ".join(_paragraph_text(p).strip() for p in tc.iter(f"{W}p"))
                        cells.append(" ".join(text.split()))
                    if any(cells):
                        yield Block(" | ".join(cells), kind=BlockKind.TABLE_ROW)

    def _paragraph(self, p: Any, numbering: Numbering, styles: dict[str, Any]) -> Iterator[Block]:
        style_id, num_id, ilvl = "", "", 0
        ppr = p.find(f"{W}pPr")
        if ppr is not None:
            ps = ppr.find(f"{W}pStyle")
            style_id = ps.get(f"{W}val", "") if ps is not None else ""
            num_pr = ppr.find(f"{W}numPr")
            if num_pr is not None:
                nid, lvl = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
                num_id = nid.get(f"{W}val", "") if nid is not None else ""
                ilvl = int(lvl.get(f"{W}val", "0")) if lvl is not None else 0
        style = styles.get(style_id)
        if not num_id and style is not None:
            # numbering may come from the paragraph style (a "Article" style with 第%1条)
            s_ppr = style.element.find(f"{W}pPr")
            s_num = s_ppr.find(f"{W}numPr") if s_ppr is not None else None
            if s_num is not None and s_num.find(f"{W}numId") is not None:
                num_id = s_num.find(f"{W}numId").get(f"{W}val", "")
                lvl = s_num.find(f"{W}ilvl")
                ilvl = int(lvl.get(f"{W}val", "0")) if lvl is not None else 0
        text = _paragraph_text(p)
        if not text.strip():
            return
        label = numbering.label(num_id, ilvl) if num_id else ""
        name = (style.name or "") if style is not None else ""
        level = None
        if name.lower().startswith("heading") and name[-1:].isdigit():
            level = int(name.split()[-1])
        elif name.lower() == "title":
            level = 1
        lines = [line for line in text.split("\n") if line.strip()]
        for n, line in enumerate(lines):
            content = (label + line.lstrip()) if n == 0 else line
            kind = BlockKind.HEADING if level else BlockKind.PARAGRAPH
            yield Block(content, kind=kind, level=level)
