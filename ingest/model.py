"""The core data model: documents as trees of sections and provisions, with findings."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

SCHEMA_VERSION = 1


class Severity(StrEnum):
    """How bad a finding is; WARNING and ERROR make an ingest PARTIAL or FAILED."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class Status(StrEnum):
    """The outcome of ingesting one input file."""

    OK = "OK"
    PARTIAL = "PARTIAL"
    FAILED = "FAILED"


class SectionKind(StrEnum):
    """Levels that group provisions: 编/章/节, Part/Chapter/Subpart, a plan's ordinal parts."""

    PART = "part"
    CHAPTER = "chapter"
    SECTION = "section"
    SUBCHAPTER = "subchapter"
    SUBPART = "subpart"
    HEADING = "heading"  # an unnumbered heading (HTML <h2>, Markdown ##, Word Heading)
    CLAUSE = "clause"  # a standard's numbered clause heading ("4 一般要求")


class ProvisionKind(StrEnum):
    """Levels that carry normative text: 条/款/项/目, Article/§, (a)/(1)/(i)."""

    ARTICLE = "article"
    PARAGRAPH = "paragraph"
    ITEM = "item"
    SUBITEM = "subitem"
    PREAMBLE = "preamble"  # text before the first heading, kept rather than dropped
    TRAILER = "trailer"  # text after the body that is not part of it (web boilerplate)


def text_hash(text: str) -> str:
    """Return the sha256 of a provision's text with white space removed (for version diffs)."""
    return hashlib.sha256("".join(text.split()).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """A half-open character range in ``Document.text``, with the PDF page it starts on."""

    start: int
    end: int
    page: int | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def contains(self, other: SourceSpan) -> bool:
        """Return True if ``other`` lies inside this span."""
        return self.start <= other.start and other.end <= self.end

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {"start": self.start, "end": self.end, "page": self.page}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SourceSpan:
        """Build a span from :meth:`to_dict` output."""
        return cls(int(data["start"]), int(data["end"]), data.get("page"))


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem in the data, with a stable code (see ``ingest.errors.FINDING_CODES``)."""

    code: str
    severity: Severity
    message: str
    document_id: str | None = None
    provision_id: str | None = None
    span: SourceSpan | None = None
    related_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (``code``, ``severity``, ``message`` and the places)."""
        out: dict[str, Any] = {
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
        }
        if self.document_id:
            out["document_id"] = self.document_id
        if self.provision_id:
            out["provision_id"] = self.provision_id
        if self.span:
            out["span"] = self.span.to_dict()
        if self.related_ids:
            out["related_ids"] = list(self.related_ids)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        """Build a finding from :meth:`to_dict` output."""
        span = data.get("span")
        return cls(
            code=data["code"],
            severity=Severity(data["severity"]),
            message=data["message"],
            document_id=data.get("document_id"),
            provision_id=data.get("provision_id"),
            span=SourceSpan.from_dict(span) if span else None,
            related_ids=tuple(data.get("related_ids", ())),
        )


@dataclass(frozen=True, slots=True)
class Provision:
    """An article, paragraph or item: the unit that search, tasks and review work on."""

    id: str  # structural: "安全生产法/art-21/item-3", the same across versions
    kind: ProvisionKind
    number: str  # as printed: "第二十一条", "（三）", "§ 56.1000", "(a)"
    text: str  # == Document.text[span.start:span.end]
    span: SourceSpan
    heading_path: tuple[str, ...] = ()  # ("安全生产法", "第二章", "第二十一条")
    title: str = ""  # an article's own heading, where it has one ("§ 56.1000 Definitions.")
    children: tuple[Provision, ...] = ()

    @property
    def text_hash(self) -> str:
        """The sha256 of the text without white space; equal hashes mean unchanged text."""
        return text_hash(self.text)

    def walk(self) -> list[Provision]:
        """Return this provision and all its descendants, depth first."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict with the children nested."""
        return {
            "provision_id": self.id,
            "kind": str(self.kind),
            "number": self.number,
            "title": self.title,
            "text": self.text,
            "span": self.span.to_dict(),
            "heading_path": list(self.heading_path),
            "children": [c.to_dict() for c in self.children],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Provision:
        """Build a provision tree from :meth:`to_dict` output."""
        return cls(
            id=data["provision_id"],
            kind=ProvisionKind(data["kind"]),
            number=data["number"],
            text=data["text"],
            span=SourceSpan.from_dict(data["span"]),
            heading_path=tuple(data.get("heading_path", ())),
            title=data.get("title", ""),
            children=tuple(cls.from_dict(c) for c in data.get("children", ())),
        )


@dataclass(frozen=True, slots=True)
class Section:
    """A part, chapter or section heading with what it groups."""

    id: str  # "安全生产法/ch-2"
    kind: SectionKind
    number: str  # as printed: "第二章", "Third", "Subpart B"
    title: str  # the heading line as printed
    span: SourceSpan
    sections: tuple[Section, ...] = ()
    provisions: tuple[Provision, ...] = ()

    def walk_provisions(self) -> list[Provision]:
        """Return every provision under this section, in document order."""
        found: list[tuple[int, Provision]] = []
        for p in self.provisions:
            found.extend((q.span.start, q) for q in p.walk())
        for s in self.sections:
            found.extend((q.span.start, q) for q in s.walk_provisions())
        found.sort(key=lambda pair: pair[0])
        return [p for _, p in found]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict with the subtree nested."""
        return {
            "section_id": self.id,
            "kind": str(self.kind),
            "number": self.number,
            "title": self.title,
            "span": self.span.to_dict(),
            "sections": [s.to_dict() for s in self.sections],
            "provisions": [p.to_dict() for p in self.provisions],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Section:
        """Build a section tree from :meth:`to_dict` output."""
        return cls(
            id=data["section_id"],
            kind=SectionKind(data["kind"]),
            number=data["number"],
            title=data["title"],
            span=SourceSpan.from_dict(data["span"]),
            sections=tuple(cls.from_dict(s) for s in data.get("sections", ())),
            provisions=tuple(Provision.from_dict(p) for p in data.get("provisions", ())),
        )


@dataclass(frozen=True, slots=True)
class SourceFile:
    """Where a document came from."""

    path: str
    sha256: str
    media_type: str
    size: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "path": self.path,
            "sha256": self.sha256,
            "media_type": self.media_type,
            "size": self.size,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SourceFile:
        """Build from :meth:`to_dict` output."""
        return cls(data["path"], data["sha256"], data["media_type"], int(data.get("size", 0)))


@dataclass(frozen=True, slots=True)
class Document:
    """One version of one text, parsed: the normalised text and its structure."""

    id: str  # "<work-slug>@<version date>", e.g. "安全生产法@2021-06-10"
    work_id: str  # "<work-slug>": shared by every version of the same text
    title: str
    text: str
    source: SourceFile
    sections: tuple[Section, ...] = ()
    preamble: tuple[Provision, ...] = ()
    provisions: tuple[Provision, ...] = ()  # top-level provisions outside any section
    trailer: tuple[Provision, ...] = ()
    metadata: Mapping[str, str] = field(default_factory=dict)
    schema_version: int = SCHEMA_VERSION

    def __post_init__(self) -> None:
        for p in self.all_provisions():
            if self.text[p.span.start : p.span.end] != p.text:
                raise ValueError(f"provision {p.id} text does not match its span")

    def all_provisions(self) -> list[Provision]:
        """Every provision (preamble, body at all depths, trailer) in document order."""
        found = [q for p in (*self.preamble, *self.provisions, *self.trailer) for q in p.walk()]
        for s in self.sections:
            found.extend(s.walk_provisions())
        found.sort(key=lambda p: (p.span.start, -p.span.end))
        return found

    def articles(self) -> list[Provision]:
        """Top-level units of the body: articles, or a plan's paragraphs, in order."""
        found: list[Provision] = list(self.provisions)

        def collect(sections: tuple[Section, ...]) -> None:
            for s in sections:
                found.extend(s.provisions)
                collect(s.sections)

        collect(self.sections)
        found.sort(key=lambda p: p.span.start)
        return found

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict of the whole tree."""
        return {
            "schema_version": self.schema_version,
            "document_id": self.id,
            "work_id": self.work_id,
            "title": self.title,
            "metadata": dict(self.metadata),
            "source": self.source.to_dict(),
            "text": self.text,
            "preamble": [p.to_dict() for p in self.preamble],
            "sections": [s.to_dict() for s in self.sections],
            "provisions": [p.to_dict() for p in self.provisions],
            "trailer": [p.to_dict() for p in self.trailer],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Document:
        """Build a document from :meth:`to_dict` output; refuses unknown schema versions."""
        version = data.get("schema_version")
        if version != SCHEMA_VERSION:
            raise ValueError(
                f"document schema_version {version!r} is not supported (expected "
                f"{SCHEMA_VERSION}); re-ingest the source file"
            )
        return cls(
            id=data["document_id"],
            work_id=data["work_id"],
            title=data["title"],
            text=data["text"],
            source=SourceFile.from_dict(data["source"]),
            sections=tuple(Section.from_dict(s) for s in data.get("sections", ())),
            preamble=tuple(Provision.from_dict(p) for p in data.get("preamble", ())),
            provisions=tuple(Provision.from_dict(p) for p in data.get("provisions", ())),
            trailer=tuple(Provision.from_dict(p) for p in data.get("trailer", ())),
            metadata=dict(data.get("metadata", {})),
        )


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What one input file gave: a status, the document (unless FAILED) and the findings."""

    path: str
    status: Status
    document: Document | None
    findings: tuple[Finding, ...] = ()
    sha256: str = ""

    @staticmethod
    def status_for(document: Document | None, findings: tuple[Finding, ...]) -> Status:
        """FAILED without a document, PARTIAL with any warning or error, else OK."""
        if document is None:
            return Status.FAILED
        if any(f.severity in (Severity.WARNING, Severity.ERROR) for f in findings):
            return Status.PARTIAL
        return Status.OK
