"""Blocks → the document tree: sections, articles, paragraphs and items with ids and spans."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ingest.errors import finding
from ingest.labels import ARTICLE_KINDS, ITEM_KINDS, SECTION_KINDS, Labelled, LabelScanner
from ingest.model import Finding, Provision, ProvisionKind, Section, SourceSpan
from ingest.numbering import ENGLISH_ORDINALS, parse_roman, starts_with_label
from ingest.readers.base import Block, BlockKind

# Web boilerplate that follows a plan copied from a site (the seed ends with a bidding-service
# advertisement). Only the last few blocks are tested, and only when they match one of these.
_BOILERPLATE = re.compile(
    r"https?://|www\.|/#/|\?\s*source=|\bclick\b|customer service|free consultation|"
    r"点击|扫码|扫一扫|关注(我们|公众号)|版权所有|copyright|免费咨询|责任编辑",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Structure:
    """What :func:`build_structure` returns."""

    text: str
    preamble: tuple[Provision, ...]
    sections: tuple[Section, ...]
    provisions: tuple[Provision, ...]
    trailer: tuple[Provision, ...]
    findings: tuple[Finding, ...]
    is_plan: bool = False  # the body is a work plan's ordinal parts ("First, …", "一、…")


@dataclass(slots=True)
class _Node:
    """A provision under construction: blocks it covers and children."""

    kind: ProvisionKind
    number: str
    component: str  # id component: "art-21", "item-3", "para-2"
    first: int  # index of its first block
    last: int
    title: str = ""
    style: str = ""  # item numbering style: cn, digit, alpha, roman, upper
    key: str = ""
    children: list[_Node] = field(default_factory=list)
    paragraphs: list[_Node] = field(default_factory=list)  # articles: their 款


@dataclass(slots=True)
class _Sec:
    kind_label: str
    number: str
    title: str
    component: str
    first: int
    last: int
    rank: int
    sections: list[_Sec] = field(default_factory=list)
    nodes: list[_Node] = field(default_factory=list)
    paragraphs: int = 0  # top-level paragraphs counted for ids
    parent: _Sec | None = None


def _item_style(kind: str, key: str, stack: list[_Node]) -> str:
    """Name the numbering style of an item label; (i) is a letter after (h), else a numeral."""
    if kind == "cn_item":
        return "cn"
    if kind == "cn_subitem" or key.isdigit():
        return "digit" if kind == "en_item" else "dot"
    if key.isupper():
        return "upper"
    styles = {n.style: n for n in stack}
    is_roman = True
    try:
        value = parse_roman(key)
    except ValueError:
        is_roman = False
    if not is_roman:
        return "alpha"
    is_alpha = len(key) == 1
    if is_alpha and "alpha" in styles and ord(styles["alpha"].key[-1]) + 1 == ord(key):
        return "alpha"
    if "roman" in styles:
        try:
            if parse_roman(styles["roman"].key) + 1 == value:
                return "roman"
        except ValueError:
            pass
    if key == "i" or not is_alpha:
        return "roman"
    return "alpha" if "alpha" in styles or not stack else "roman"


class _Builder:
    def __init__(self, blocks: Sequence[Block]) -> None:
        self.blocks = list(blocks)
        self.findings: list[Finding] = []
        self.ranks: dict[str, int] = {}
        self.root = _Sec("root", "", "", "", 0, 0, -1)
        self.stack: list[_Sec] = [self.root]
        self.article: _Node | None = None  # the open article
        self.item_stack: list[_Node] = []  # open items, outermost first
        self.item_parent: _Node | None = None  # article paragraph or top-level node owning items
        self.preamble: list[int] = []
        self.seen_structure = False

    # -- sections ---------------------------------------------------------------------------
    def open_section(self, i: int, lab: Labelled) -> None:
        kind_key = lab.kind
        if lab.kind == "heading":  # unnumbered headings rank by their level (h2 above h3)
            kind_key = f"heading-{self.blocks[i].level or 9}"
        elif lab.kind == "clause_heading":  # "4" above "4.2" above "4.2.1"
            kind_key = f"clause-{lab.key.count('.')}"
        rank = self.ranks.setdefault(kind_key, len(self.ranks))
        while len(self.stack) > 1 and self.stack[-1].rank >= rank:
            self.stack.pop()
        parent = self.stack[-1]
        prefix = SECTION_KINDS[lab.kind][1]
        key = lab.key or str(sum(1 for s in parent.sections if s.kind_label == lab.kind) + 1)
        title = self.blocks[i].text
        number = lab.number
        if lab.kind == "plan_part" and lab.number.lower() in ENGLISH_ORDINALS:
            number = lab.number.capitalize()  # "first, …" -> "First"; "II" stays "II"
        sec = _Sec(lab.kind, number, title, f"{prefix}-{key}", i, i, rank, parent=parent)
        parent.sections.append(sec)
        self.stack.append(sec)
        self.article = None
        self.item_stack, self.item_parent = [], None

    # -- provisions -------------------------------------------------------------------------
    def open_article(self, i: int, lab: Labelled) -> None:
        prefix = ARTICLE_KINDS[lab.kind]
        node = _Node(ProvisionKind.ARTICLE, lab.number, f"{prefix}-{lab.key}", i, i, key=lab.key)
        rest = lab.rest.strip()
        next_plain = i + 1 < len(self.blocks)
        if lab.kind in ("cfr_section", "sign_section") or (
            rest
            and len(rest) < 40
            and not re.search(r"[。；.;:：,，]$", rest)
            and next_plain
            and lab.kind == "en_article"
        ):
            node.title = rest
        elif rest:
            node.paragraphs.append(_Node(ProvisionKind.PARAGRAPH, "", "para-1", i, i))
        self.stack[-1].nodes.append(node)
        self.article = node
        self.item_stack, self.item_parent = [], node.paragraphs[-1] if node.paragraphs else None

    def add_paragraph(self, i: int) -> None:
        if self.article is not None:
            n = len(self.article.paragraphs) + 1
            para = _Node(ProvisionKind.PARAGRAPH, "", f"para-{n}", i, i)
            self.article.paragraphs.append(para)
            self.article.last = i
            self.item_stack, self.item_parent = [], para
            return
        sec = self.stack[-1]
        sec.paragraphs += 1
        node = _Node(ProvisionKind.PARAGRAPH, "", f"para-{sec.paragraphs}", i, i)
        sec.nodes.append(node)
        self.item_stack, self.item_parent = [], None

    def add_item(self, i: int, lab: Labelled) -> None:
        style = _item_style(lab.kind, lab.key, self.item_stack)
        kind = ProvisionKind.ITEM
        while self.item_stack and style in {n.style for n in self.item_stack}:
            top = self.item_stack.pop()
            if top.style == style:
                break
        if self.item_stack:
            kind = ProvisionKind.SUBITEM
        prefix = "sub" if kind is ProvisionKind.SUBITEM and style == "dot" else "item"
        node = _Node(
            kind, lab.number, f"{prefix}-{lab.key.lower()}", i, i, style=style, key=lab.key
        )
        if self.item_stack:
            self.item_stack[-1].children.append(node)
        elif self.article is not None:
            if self.item_parent is None:  # "第三条" alone on its line, then items
                self.item_parent = _Node(ProvisionKind.PARAGRAPH, "", "para-1", i, i)
                self.article.paragraphs.append(self.item_parent)
            self.item_parent.children.append(node)
        else:
            self.stack[-1].nodes.append(node)
        self.item_stack.append(node)

    def extend_to(self, i: int) -> None:
        """Every open container now reaches block ``i``."""
        for sec in self.stack[1:]:
            sec.last = i
        if self.article is not None:
            self.article.last = i
        if self.item_parent is not None:
            self.item_parent.last = i
        for node in self.item_stack:
            node.last = i
        if self.article is None and not self.item_stack and self.stack[-1].nodes:
            self.stack[-1].nodes[-1].last = max(self.stack[-1].nodes[-1].last, i)

    def run(self, labels: list[Labelled]) -> None:
        for i, lab in enumerate(labels):
            if lab.kind in SECTION_KINDS:
                if lab.kind == "heading" and not self.seen_structure:
                    self.preamble.append(i)  # an unnumbered heading before the body: the title
                    continue
                self.open_section(i, lab)
                self.seen_structure = True
            elif lab.kind in ARTICLE_KINDS:
                self.open_article(i, lab)
                self.seen_structure = True
            elif lab.kind in ITEM_KINDS and self.seen_structure:
                self.add_item(i, lab)
            elif not self.seen_structure:
                self.preamble.append(i)
                continue
            else:
                self.add_paragraph(i)
            self.extend_to(i)


def _fold_repeated_headings(
    blocks: list[Block], findings: list[Finding], source: str
) -> list[Block]:
    """Drop Markdown heading lines that only repeat the label of the line just before them.

    eCFR Markdown prints "PART 56—SAFETY …" and then "### Part 56", "§ 56.1 Purpose." and then
    "#### § § 56.1": the second is navigation markup, and keeping it would duplicate every part
    and section. One INFO finding records how many were folded.
    """
    scanner = LabelScanner(blocks)
    out: list[Block] = []
    recent: list[tuple[str, str]] = []
    folded: list[str] = []
    for b in blocks:
        lab = scanner.label(b)
        ident = (_family(lab.kind), lab.key)
        if b.kind is BlockKind.HEADING and lab.key and ident in recent:
            folded.append(b.text)
            continue
        if lab.key:
            recent = [*recent[-1:], ident]
        out.append(b)
    if folded:
        findings.append(
            finding(
                "INGEST_DUPLICATE_HEADING",
                f"{source}: {len(folded)} Markdown heading line(s) only repeated the label of the "
                f'line before them (e.g. "{folded[0][:40]}") and were folded into it.',
            )
        )
    return out


def _family(kind: str) -> str:
    return {"cfr_section": "section", "sign_section": "section"}.get(kind, kind)


def _has_structure(labels: list[Labelled]) -> bool:
    return any(
        (lab.kind in SECTION_KINDS and lab.kind != "heading") or lab.kind in ARTICLE_KINDS
        for lab in labels
    )


def _split_trailer(blocks: list[Block]) -> int:
    """Index where trailing boilerplate starts (len(blocks) when there is none)."""
    cut = len(blocks)
    while (
        cut > 1
        and len(blocks) - cut < 3
        and _BOILERPLATE.search(blocks[cut - 1].text)
        and not starts_with_label(blocks[cut - 1].text)  # an article citing a website is law
    ):
        cut -= 1
    return cut


def build_structure(blocks: Sequence[Block], slug: str, title: str, source: str = "") -> Structure:
    """Build the tree of a document from its cleaned blocks.

    Args:
        blocks: cleaned blocks in reading order (no empty text).
        slug: the work slug that prefixes every id.
        title: the short title used at the head of heading paths.
        source: the file, for messages.

    Returns:
        The normalised text (blocks joined by newlines) and the tree over it.
    """
    blocks = list(blocks)
    findings: list[Finding] = []
    blocks = _fold_repeated_headings(blocks, findings, source)
    cut = _split_trailer(blocks)
    offsets: list[tuple[int, int]] = []
    pos = 0
    for b in blocks:
        offsets.append((pos, pos + len(b.text)))
        pos += len(b.text) + 1
    text = "\n".join(b.text for b in blocks)
    body = blocks[:cut]
    scanner = LabelScanner(body)
    labels = [scanner.label(b) for b in body]
    builder = _Builder(body)
    if _has_structure(labels):
        builder.run(labels)
    else:
        findings.append(
            finding(
                "INGEST_NO_STRUCTURE",
                f"{source}: no chapters, articles or numbered parts were found; the text is kept "
                "as numbered paragraphs.",
                document_id=None,
            )
        )
        title_blocks = [i for i, b in enumerate(body[:1]) if b.kind is BlockKind.HEADING]
        builder.preamble = title_blocks
        for i in range(len(title_blocks), len(body)):
            builder.add_paragraph(i)
    emit = _Emitter(blocks, offsets, text, slug, title, findings)
    preamble = tuple(
        emit.plain(i, ProvisionKind.PREAMBLE, f"preamble-{n + 1}")
        for n, i in enumerate(builder.preamble)
    )
    trailer = tuple(
        emit.plain(i, ProvisionKind.TRAILER, f"trailer-{n + 1}")
        for n, i in enumerate(range(cut, len(blocks)))
    )
    if trailer:
        findings.append(
            finding(
                "INGEST_TRAILING_TEXT",
                f"{source}: {len(trailer)} block(s) after the body look like web boilerplate "
                f'("{blocks[cut].text[:60]}"); kept as trailer, not as part of the text.',
                provision_id=trailer[0].id,
            )
        )
    sections = tuple(emit.section(s, (title,) if title else (), "") for s in builder.root.sections)
    provisions = tuple(
        emit.node(n, f"{slug}", (title,) if title else ()) for n in builder.root.nodes
    )
    emit.check_numbering([p for s in sections for p in _articles(s)] + list(provisions))
    is_plan = scanner.plan_parts and not scanner.has_articles
    return Structure(text, preamble, sections, provisions, trailer, tuple(findings), is_plan)


def _articles(section: Section) -> list[Provision]:
    out = [p for p in section.provisions if p.kind is ProvisionKind.ARTICLE]
    for s in section.sections:
        out.extend(_articles(s))
    return out


class _Emitter:
    """Turns builder nodes into frozen model objects with ids, spans and heading paths."""

    def __init__(
        self,
        blocks: list[Block],
        offsets: list[tuple[int, int]],
        text: str,
        slug: str,
        title: str,
        findings: list[Finding],
    ) -> None:
        self.blocks, self.offsets, self.text = blocks, offsets, text
        self.slug, self.title, self.findings = slug, title, findings
        self.used: set[str] = set()

    def span(self, first: int, last: int) -> SourceSpan:
        return SourceSpan(self.offsets[first][0], self.offsets[last][1], self.blocks[first].page)

    def unique(self, ident: str, number: str) -> str:
        if ident not in self.used:
            self.used.add(ident)
            return ident
        n = 2
        while f"{ident}~{n}" in self.used:
            n += 1
        self.used.add(f"{ident}~{n}")
        self.findings.append(
            finding(
                "INGEST_DUPLICATE_NUMBER",
                f"{number or ident} appears more than once; the later one is stored as "
                f"{ident}~{n}.",
                provision_id=f"{ident}~{n}",
            )
        )
        return f"{ident}~{n}"

    def plain(self, i: int, kind: ProvisionKind, component: str) -> Provision:
        sp = self.span(i, i)
        return Provision(
            f"{self.slug}/{component}",
            kind,
            "",
            self.text[sp.start : sp.end],
            sp,
            (self.title,) if self.title else (),
        )

    def section(self, sec: _Sec, path: tuple[str, ...], parent_id: str) -> Section:
        ident = self.unique(f"{parent_id or self.slug}/{sec.component}", sec.number)
        label = sec.number or sec.title
        here = (*path, label)
        return Section(
            id=ident,
            kind=SECTION_KINDS[sec.kind_label][0],
            number=sec.number,
            title=sec.title,
            span=self.span(sec.first, sec.last),
            sections=tuple(self.section(s, here, ident) for s in sec.sections),
            provisions=tuple(self.node(n, ident, here) for n in sec.nodes),
        )

    def node(self, node: _Node, parent_id: str, path: tuple[str, ...]) -> Provision:
        if node.kind is ProvisionKind.ARTICLE:
            parent_id = self.slug  # articles are numbered across the whole text
        ident = self.unique(f"{parent_id}/{node.component}", node.number)
        here = (*path, node.number) if node.number else path
        children: list[_Node] = list(node.children)
        if node.paragraphs:
            if len(node.paragraphs) == 1:
                children = node.paragraphs[0].children + children
            else:
                children = node.paragraphs + children
        sp = self.span(node.first, node.last)
        return Provision(
            id=ident,
            kind=node.kind,
            number=node.number,
            text=self.text[sp.start : sp.end],
            span=sp,
            heading_path=here,
            title=node.title,
            children=tuple(self.node(c, ident, here) for c in children),
        )

    def check_numbering(self, articles: list[Provision]) -> None:
        previous: int | None = None
        for art in articles:
            if art.kind is not ProvisionKind.ARTICLE:
                continue
            key = art.id.rsplit("/", 1)[-1].removeprefix("art-")
            if not key.isdigit():
                continue
            n = int(key)
            if previous is not None and n != previous + 1 and "~" not in art.id:
                self.findings.append(
                    finding(
                        "INGEST_NUMBERING_GAP",
                        f"{art.number} follows article {previous}: numbering skips or goes back.",
                        provision_id=art.id,
                    )
                )
            previous = n
