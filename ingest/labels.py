"""Recognise the label a block starts with, given what the whole document looks like."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest import numbering as nb
from ingest.model import SectionKind
from ingest.normalize import cjk_ratio, ends_sentence
from ingest.readers.base import Block, BlockKind

# label kind -> (section kind, id prefix) for headings that group provisions.
SECTION_KINDS: dict[str, tuple[SectionKind, str]] = {
    "cn_part": (SectionKind.PART, "part"),
    "cn_chapter": (SectionKind.CHAPTER, "ch"),
    "cn_section": (SectionKind.SECTION, "sec"),
    "en_part": (SectionKind.PART, "part"),
    "en_chapter": (SectionKind.CHAPTER, "ch"),
    "en_subchapter": (SectionKind.SUBCHAPTER, "subch"),
    "en_subpart": (SectionKind.SUBPART, "subpart"),
    "en_section_heading": (SectionKind.SECTION, "sec"),
    "plan_part": (SectionKind.PART, "part"),
    "clause_heading": (SectionKind.CLAUSE, "clause"),
    "heading": (SectionKind.HEADING, "head"),
}
# label kind -> id prefix for article-level provisions (numbered across the whole text).
ARTICLE_KINDS: dict[str, str] = {
    "cn_article": "art",
    "en_article": "art",
    "cfr_section": "sec",
    "sign_section": "sec",
    "clause": "clause",
}
ITEM_KINDS = ("cn_item", "cn_subitem", "en_item")
_CN_PAREN_DIGIT = re.compile(r"^[（(]([0-9０-９]{1,3})[）)][ \u3000]*")
_MAX_HEADING = 60  # a chapter heading longer than this is a sentence that starts "第二章…"


@dataclass(frozen=True, slots=True)
class Labelled:
    """A block with the label recognised at its start (kind "" for plain text)."""

    kind: str
    number: str = ""  # as printed
    key: str = ""  # normalised, for ids
    rest: str = ""  # the text after the label


def _heading(kind: str, match: re.Match[str], text: str) -> Labelled | None:
    title = match.group(2).strip() if match.lastindex and match.lastindex >= 2 else ""
    if len(title) > _MAX_HEADING or title.endswith(("。", "；")):
        return None
    number = text[: match.start(2)] if match.lastindex and match.lastindex >= 2 else text
    number = number.strip().rstrip(".:：—–-").strip()  # "PART 56—" → "PART 56"
    try:
        key = str(nb.parse_number(match.group(1)))
    except ValueError:
        key = match.group(1).lower()
    return Labelled(kind, number, key, title)


def _cn_article_key(match: re.Match[str]) -> str:
    key = str(nb.parse_number(match.group(1)))
    return f"{key}-{nb.parse_chinese_numeral(match.group(3))}" if match.group(3) else key


class LabelScanner:
    """Decides, once per document, which label families are in play, then labels blocks.

    A work plan's "First, …" or "一、…" and a standard's "4.2.1" are only taken as structure
    when the document has a run of them (1, 2, 3 …): in a law "First, the employer …" is text.
    """

    def __init__(self, blocks: Sequence[Block]) -> None:
        texts = [b.text for b in blocks]
        sample = "".join(texts[:200])[:20_000]
        self.chinese = cjk_ratio(sample) >= 0.3
        self.has_articles = any(
            nb.CN_ARTICLE.match(t) or nb.EN_ARTICLE.match(t) or nb.EN_CFR_SECTION.match(t)
            for t in texts
        )
        plan = nb.CN_PLAN_PART if self.chinese else nb.EN_PLAN_PART
        self.plan_parts = _has_run(
            [nb.parse_number(m.group(1)) for t in texts if (m := plan.match(t))]
        )
        self.numbered_parts = ""  # "roman" or "digit": a plan's "I. …" / "1. …" part headings
        if not self.chinese and not self.plan_parts and not self.has_articles:
            self.numbered_parts = _numbered_part_style(texts)
            self.plan_parts = bool(self.numbered_parts)
        clauses = [m.group(1) for t in texts if (m := nb.CLAUSE.match(t))]
        self.clauses = (
            not self.has_articles
            and len(clauses) >= 3
            and any("." in c for c in clauses)
            and _has_run([int(c.split(".")[0]) for c in clauses])
        )

    def label(self, block: Block) -> Labelled:
        """Return the label at the start of ``block`` (kind "" when it has none)."""
        t = block.text
        for kind, pattern in (
            ("cn_part", nb.CN_PART),
            ("cn_chapter", nb.CN_CHAPTER),
            ("cn_section", nb.CN_SECTION),
        ):
            if (m := pattern.match(t)) and (found := _heading(kind, m, t)):
                return found
        if m := nb.CN_ARTICLE.match(t):
            return Labelled("cn_article", t[: m.end()].strip(), _cn_article_key(m), t[m.end() :])
        if m := nb.CN_ITEM.match(t):
            return Labelled(
                "cn_item",
                t[: m.end()].strip(),
                str(nb.parse_chinese_numeral(m.group(1))),
                t[m.end() :],
            )
        if self.plan_parts and (
            m := (nb.CN_PLAN_PART if self.chinese else nb.EN_PLAN_PART).match(t)
        ):
            return Labelled("plan_part", m.group(1), str(nb.parse_number(m.group(1))), t)
        if self.numbered_parts and (m := _numbered_part(t, self.numbered_parts)):
            return Labelled("plan_part", m.group(1), str(nb.parse_number(m.group(1))), t)
        if self.clauses and (m := nb.CLAUSE.match(t)):
            rest = t[m.end() :]
            is_heading = len(rest) <= 30 and not ends_sentence(rest) and "，" not in rest
            kind = "clause_heading" if is_heading else "clause"
            return Labelled(kind, m.group(1), m.group(1), rest)
        if self.chinese and (m := nb.CN_SUBITEM.match(t)):
            return Labelled(
                "cn_subitem",
                t[: m.end()].strip(),
                str(int(nb.to_ascii_digits(m.group(1)))),
                t[m.end() :],
            )
        if self.chinese and (m := _CN_PAREN_DIGIT.match(t)):
            return Labelled(
                "en_item",
                t[: m.end()].strip(),
                str(int(nb.to_ascii_digits(m.group(1)))),
                t[m.end() :],
            )
        for kind, pattern in (
            ("en_part", nb.EN_PART),
            ("en_subchapter", nb.EN_SUBCHAPTER),
            ("en_chapter", nb.EN_CHAPTER),
            ("en_subpart", nb.EN_SUBPART),
            ("en_section_heading", nb.EN_SECTION_HEADING),
        ):
            if (m := pattern.match(t)) and (found := _heading(kind, m, t)):
                return found
        if m := nb.EN_ARTICLE.match(t):
            return Labelled("en_article", t[: m.end()].strip(), m.group(1).lower(), t[m.end() :])
        if m := nb.EN_CFR_SECTION.match(t):
            return Labelled("cfr_section", f"§ {m.group(1)}", m.group(1), t[m.end() :])
        if m := nb.EN_SECTION_SIGN.match(t):
            return Labelled("sign_section", f"§ {m.group(1)}", m.group(1), t[m.end() :])
        if m := nb.EN_ITEM.match(t):
            return Labelled("en_item", t[: m.end()].strip(), m.group(1), t[m.end() :])
        if block.kind is BlockKind.HEADING:
            return Labelled("heading", "", "", t)
        return Labelled("")


_PLAN_TITLE = re.compile(
    r"\b(?:work plan|implementation plan|action plan|plan|programme|program|work points)\b", re.I
)


def _numbered_part(text: str, style: str) -> re.Match[str] | None:
    """A "II. Tightening supervision" heading of the given style ("roman" or "digit")."""
    m = nb.EN_NUMBERED_PART.match(text)
    if m is None or m.group(1).isdigit() != (style == "digit"):
        return None
    rest = m.group(2).strip()
    if len(rest) > 120 or ends_sentence(rest) or rest.endswith((";", ":", ",")):
        return None  # a numbered sentence or list item, not a heading
    return m


def _numbered_part_style(texts: Sequence[str]) -> str:
    """ "roman" or "digit" if a plan's parts are headed "I. …" or "1. …", else "".

    Only a document that calls itself a plan in its first lines qualifies, and only with a run
    of short heading lines (1, 2, 3 …): in laws and standards "1. …" numbers items or clauses.
    """
    if not any(_PLAN_TITLE.search(t) for t in texts[:5]):
        return ""
    for style in ("roman", "digit"):
        numbers = []
        for t in texts:
            if m := _numbered_part(t, style):
                try:
                    numbers.append(nb.parse_number(m.group(1)))
                except ValueError:
                    continue
        if _has_run(numbers):
            return style
    return ""


def _has_run(numbers: list[int]) -> bool:
    """True if the numbers contain 1, 2, 3 in order (a real sequence of parts)."""
    want = 1
    for n in numbers:
        if n == want:
            want += 1
    return want > 3
