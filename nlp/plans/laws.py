"""Laws and documents a plan's task refers to, in Chinese (《…》) and English (capitalised titles).

English plans name documents without quotation marks: "the Law on Work Safety", "the Regulations for
the Implementation of the Safety Production Law", "the Opinions of … on Promoting …". A title is a
run of capitalised words joined by "of", "on", "for", "and", "the" … that holds a document word
(Law, Act, Regulations, Opinions, Measures, Handbook …) used as a head noun, not as a modifier ("Law
Enforcement", "Law Publicity Week"). Names resolve through ``nlp.legal.law_names`` to the Chinese
short title, so the aliases of one law come out as one name.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping

from nlp.legal.law_names import chinese_title

Span = tuple[int, int]

_ZH_TITLE = re.compile(r"《(?P<name>[^《》\n]{2,80})》")
_ZH_KIND = re.compile(
    r"(?:法|条例|规定|办法|细则|意见|通知|决定|方案|规划|标准|规范|规程|准则|纲要|计划|指南|目录|"
    r"手册|要点|决议|解释|规则|制度|清单|指引)$"
)
_ZH_PREFIX = re.compile(r"^中华人民共和国")

_KIND = (
    r"(?:Law|Laws|Act|Regulations?|Rules|Measures|Opinions|Provisions|Handbook|Plan|Programme|"
    r"Program|Standards?|Guidelines|Code|Decision|Notice|Outline|Circular|Interpretation)"
)
_WORD = r"(?:[A-Z][A-Za-z'’\-]*|R&D|\d{4})"
_LINK = r"(?:of|on|for|and|the|in|to|at|with|by|from|about|regarding|&)"
_RUN = re.compile(rf"{_WORD}(?:\s+(?:{_LINK}\s+)*{_WORD})*")
_HEAD = re.compile(rf"\b{_KIND}\b")
_DEFINED = re.compile(
    r"[(（]\s*hereinafter\s+(?:referred\s+to\s+)?as\s+(?:the\s+)?[\"“]?(?P<alias>[A-Z][^\"”)）]{1,60}?)"
    r"[\"”]?\s*[)）]",
    re.IGNORECASE,
)
_SELF = re.compile(r"\b(?:this|the present)\s+$", re.IGNORECASE)
_LEADING = re.compile(rf"^(?:(?:{_LINK})\s+)+")
_POSSESSIVE = re.compile(r"^.*?['’]s\s+")


def find_laws(text: str, aliases: MutableMapping[str, str] | None = None) -> list[tuple[str, Span]]:
    """Titles of laws and documents named in ``text``, resolved, with their spans.

    Args:
        text: A task's text (or a whole paragraph).
        aliases: Short names defined earlier in the document ("(hereinafter referred to as
            "Opinions")" -> the full title); definitions found here are added to it.

    Returns:
        (canonical name, span) pairs in text order.
    """
    aliases = {} if aliases is None else aliases
    out: list[tuple[str, Span]] = []
    for m in _ZH_TITLE.finditer(text):
        name = _ZH_PREFIX.sub("", m["name"].strip())
        if _ZH_KIND.search(name):
            out.append((name, m.span()))
    for m in _RUN.finditer(text):
        for title, span in _english_titles(text, m.start(), m.end()):
            defined = _DEFINED.match(text, span[1], span[1] + 120)
            if defined is None:
                defined = _DEFINED.match(text, span[1] + 1, span[1] + 121)
            name = _canonical(title)
            if defined:
                aliases[defined["alias"].strip().lower()] = name
            out.append((name, span))
        word = text[m.start() : m.end()].lower()
        if word in aliases:  # "the Opinions" after "(hereinafter referred to as "Opinions")"
            out.append((aliases[word], m.span()))
    out.sort(key=lambda pair: pair[1])
    return out


def _english_titles(text: str, start: int, end: int) -> list[tuple[str, Span]]:
    """The titles inside one run of capitalised words (a run may hold two: "A Law and B Law")."""
    run = text[start:end]
    pieces = [(0, len(run))]
    # "Law on Work Safety and Law on Road Traffic Safety": two titles joined by "and"
    joint = rf"\s+(?:and|,)\s+(?=(?:the\s+)?(?:{_WORD}\s+){{0,6}}?{_KIND}\b(?!\s+[A-Z]))"
    for m in re.finditer(joint, run):
        pieces = [*pieces[:-1], (pieces[-1][0], m.start()), (m.end(), pieces[-1][1])]
    out = []
    for a, b in pieces:
        piece = run[a:b]
        head = next((h for h in _HEAD.finditer(piece) if _is_head_noun(piece, h.end())), None)
        if head is None:
            continue
        lead = _LEADING.match(piece)
        first = lead.end() if lead else 0
        possessive = _POSSESSIVE.match(piece, first, head.start())
        if possessive:
            first = possessive.end()  # "the State Council's Opinions on …"
        words = piece[first:].split()
        if len(words) < 2 and piece[first:].strip() != "":
            continue  # "Opinions" alone is an alias, handled by the caller
        title_start = start + a + first
        if _SELF.search(text, max(0, title_start - 12), title_start):
            continue  # "this Work Plan": the document itself
        out.append((piece[first:].strip(), (title_start, start + b)))
    return out


def _is_head_noun(piece: str, end: int) -> bool:
    """True unless a capitalised word follows the document word directly ("Law Enforcement")."""
    rest = piece[end:]
    return not rest or re.match(rf"\s+{_LINK}\b", rest) is not None


def _canonical(title: str) -> str:
    title = re.sub(r"^the\s+", "", title.strip(), flags=re.IGNORECASE)
    return chinese_title(title) or title
