"""Defined terms: "本法所称X，是指…", "下列用语的含义：（一）X，是指…", "“X” means …".

A study pack lists the words a law defines for itself, and a quiz may ask for them; both need the
term, its definition and where it stands. This module only reads definitions out of text handed
in; it never opens files. Offsets index the text given, and, for :func:`collect_terms`, the
article the definition came from is recorded by position and printed number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from nlp.versions.compare import ArticleText


@dataclass(frozen=True, slots=True)
class DefinedTerm:
    """A term a text defines, with its definition.

    Attributes:
        term: The word defined, without quotes or "本法所称" ("危险物品", "employer").
        definition: What it means, from after "是指" / "means" to the end of its sentence or item,
            without the closing punctuation.
        span: Offsets of the whole definition (term through definition) in the text searched.
        term_span: Offsets of ``term``.
        article: Position of the article in the list given to :func:`collect_terms`, else None.
        number: That article's printed number ("第一百一十七条"), else "".
    """

    term: str
    definition: str
    span: tuple[int, int]
    term_span: tuple[int, int]
    article: int | None = None
    number: str = ""

    def __post_init__(self) -> None:
        if not (0 <= self.span[0] <= self.term_span[0] < self.term_span[1] <= self.span[1]):
            raise ValueError(f"term span {self.term_span} lies outside {self.span}")


# --- Chinese ---------------------------------------------------------------------------------

# "是指" / "指" after the term; "系指" in older texts.
_ZH_VERB = re.compile(r"(?:，|,)?\s*(?:是指|系指)")
_ZH_SCOPE = re.compile(
    r"(?:本(?:法|条例|规定|办法|细则|决定|标准|章|节|条|款)|前款|前两款|前条|该条|第[^，,]{1,8}条)"
    r"(?:中)?所称(?:的)?"
)
# Where a term's clause can begin: a sentence, an item, a colon before a list.
_ZH_CLAUSE_START = "。；;：:\n"
_ZH_ITEM = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.．、]|[一二三四五六七八九十]+、)\s*"
)
_ZH_DEF_END = re.compile(r"[。；;\n]")
_ZH_TERM = re.compile(r"^[“”\"'‘’《》\u4e00-\u9fffA-Za-z0-9（）()、·\-]{1,24}$")


def _zh_terms(text: str) -> list[DefinedTerm]:
    out: list[DefinedTerm] = []
    for m in _ZH_VERB.finditer(text):
        clause_start = max(text.rfind(c, 0, m.start()) for c in _ZH_CLAUSE_START) + 1
        head = text[clause_start : m.start()]
        start = clause_start
        item = _ZH_ITEM.match(head)
        if item:
            start += item.end()
        lead = len(text[start : m.start()]) - len(text[start : m.start()].lstrip())
        start += lead
        scope = _ZH_SCOPE.match(text, start, m.start())
        if scope:
            start = scope.end()
        end = m.start()
        # "在本法中，X" or a comma inside the clause: the term is what follows the last comma
        comma = max(text.rfind("，", start, end), text.rfind(",", start, end))
        if comma >= 0:
            start = comma + 1
        start, end = _strip_quotes(text, start, end)
        term = text[start:end]
        if not term or not _ZH_TERM.match(term) or term.endswith("的"):
            continue
        def_start = m.end()
        stop = _ZH_DEF_END.search(text, def_start)
        def_end = stop.start() if stop else len(text)
        definition = text[def_start:def_end].strip()
        if not definition:
            continue
        out.append(DefinedTerm(term, definition, (start, def_end), (start, end)))
    return out


def _strip_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \u3000“\"‘'「":
        start += 1
    while end > start and text[end - 1] in " \u3000”\"’'」":
        end -= 1
    return start, end


# --- English ---------------------------------------------------------------------------------

_EN_VERB = re.compile(r",?\s+(?:means|shall\s+mean|refers\s+to|is\s+defined\s+as)\s+", re.I)
_EN_SCOPE = re.compile(
    r"(?:for\s+the\s+purposes?\s+of\s+this\s+(?:act|law|regulation|regulations|rule|rules|"
    r"section|part|chapter|article|code|ordinance)|in\s+this\s+(?:act|law|regulation|"
    r"regulations|section|part|chapter|article)|as\s+used\s+in\s+this\s+(?:act|law|regulation|"
    r"regulations|section|part|chapter|article))\s*,?\s*",
    re.I,
)
_EN_LEAD = re.compile(r"(?:the\s+term\s+|the\s+expression\s+|the\s+|a\s+|an\s+|term\s+)", re.I)
_EN_ITEM = re.compile(r"\s*(?:\([a-z0-9]{1,4}\)|[0-9]{1,3}[.)]|[a-z][.)])\s+", re.I)
# A sentence ends at ". " (not "e.g. ", "No. "), ";", or a line break.
_EN_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\bNo)\.(?=\s|$)|;|\n")


def _en_terms(text: str) -> list[DefinedTerm]:
    out: list[DefinedTerm] = []
    for m in _EN_VERB.finditer(text):
        ends = [e.end() for e in _EN_END.finditer(text, 0, m.start())]
        ends += [text.rfind(":", 0, m.start()) + 1]
        start = max(ends, default=0)
        item = _EN_ITEM.match(text, start, m.start())
        if item:
            start = item.end()
        while start < m.start() and text[start].isspace():
            start += 1
        scope = _EN_SCOPE.match(text, start, m.start())
        if scope:
            start = scope.end()
        lead = _EN_LEAD.match(text, start, m.start())
        if lead:
            start = lead.end()
        start, end = _strip_quotes(text, start, m.start())
        term = text[start:end]
        if not term or len(term.split()) > 6 or not re.match(r"^[\w“”\"'’ -]+$", term):
            continue
        stop = _EN_END.search(text, m.end())
        def_end = stop.start() if stop else len(text)
        definition = text[m.end() : def_end].strip()
        if definition:
            out.append(DefinedTerm(term, definition, (start, def_end), (start, end)))
    return out


def find_terms(text: str) -> list[DefinedTerm]:
    """Return the terms a Chinese or English text defines, in order (never raises).

    Args:
        text: Any text: one article, or a whole law.
    """
    found = _zh_terms(text) + _en_terms(text)
    found.sort(key=lambda t: t.span)
    return found


def collect_terms(articles: Sequence[ArticleText | str]) -> list[DefinedTerm]:
    """Return the terms defined in a list of articles, each marked with its article.

    A term defined twice keeps its first definition (a later "前款所称X" restates, it does not
    redefine); offsets index the article's own text.

    Args:
        articles: The articles, as :class:`~nlp.versions.compare.ArticleText` or plain strings.
    """
    out: list[DefinedTerm] = []
    seen: set[str] = set()
    for index, article in enumerate(articles):
        text, number = (article, "") if isinstance(article, str) else (article.text, article.number)
        for term in find_terms(text):
            if term.term in seen:
                continue
            seen.add(term.term)
            out.append(
                DefinedTerm(term.term, term.definition, term.span, term.term_span, index, number)
            )
    return out
