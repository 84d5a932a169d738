"""Citations inside a legal text: the laws and articles it cites and the laws it declares as basis.

``nlp.legal.article_refs`` reads a query that names one article. This module scans whole
texts, so it must also reject what only looks like a citation: 《安全生产许可证》 is a licence,
not a law, and "laws and regulations" is not a title. It must also tell a declaration of legal
basis ("根据《…》…，制定本条例") from an ordinary reference ("依照《…》第九十条的规定处罚").
This is pattern analysis only. Matching a cited name to a stored document is the caller's job;
:func:`law_key` gives the key.

Deliberately not reported:
- mentions of the text itself without an article ("本法规定的", "under this Act"), since nearly
  every article has one and they name nothing new;
- bare article numbers ("第二十一条", "set out in Article 6") and 前款/前条/本条, whose law is
  implicit;
- law names outside 《》 in Chinese ("依照安全生产法的规定"), except 宪法 right after
  根据/依据/依照, because every national law's first article cites it that way;
- abbreviations being defined ("（以下简称《矿山安全法》）"), which repeat the name just cited.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ingest.numbering import CN_NUMERAL, parse_number

_MAX_RANGE = 50  # longer "第N条至第M条" ranges are listed by their two ends, not expanded


@dataclass(frozen=True, slots=True)
class Citation:
    """One cited law, or one cited article of a law, and where the citation is in the text.

    Attributes:
        law: The law's name as written, without 《》 ("中华人民共和国安全生产法", "Work Safety
            Act"). Empty when the text cites itself (``internal``).
        article: The comparable article number ("21"; Chinese numerals converted), or None when
            the whole law is cited.
        sub: 1 for 第十五条之一 (``article`` "15"), otherwise 0.
        start: Offset of the whole citation in the text. Every article of "《X》第九条、第十条"
            has the span of the whole expression, so the span always holds the law's name.
        end: Exclusive end offset.
        internal: True for 本法第N条, 本条例第N条, "Article 12 of this Act".
        basis: True when the sentence declares the law as the legal basis of the text.
    """

    law: str
    article: str | None
    sub: int
    start: int
    end: int
    internal: bool = False
    basis: bool = False

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"citation span {self.start}..{self.end} is not a valid span")
        if self.sub < 0:
            raise ValueError(f"citation sub-article {self.sub} is negative")
        if self.internal and self.law:
            raise ValueError(f"an internal citation names no law, got {self.law!r}")


# --- Chinese ------------------------------------------------------------------------------------

_GAP = r"[ \t\u3000]*"
_ZH_NUM = rf"(?:{CN_NUMERAL}|[0-9０-９]+)"
# The paragraph/item detail ("第二款第（三）项", "第一款、第二款") is part of the span but not of
# the article number that is compared.
_ZH_DETAIL = rf"(?:(?:、|和|及|或者|或)?第{_GAP}(?:[（(]{_ZH_NUM}[）)]|{_ZH_NUM}){_GAP}[款项目])*"
_ZH_ARTICLE = re.compile(
    rf"{_GAP}第{_GAP}(?P<num>{_ZH_NUM}){_GAP}条(?:之(?P<sub>{CN_NUMERAL}))?{_ZH_DETAIL}"
)
_ZH_JOIN = re.compile(rf"{_GAP}(?P<sep>、|和|与|及|以及|或者|或|至|到)(?={_GAP}第)")
_ZH_TITLE = re.compile(r"《(?P<name>[^《》\n]{1,80})》")
# 基本法 (Basic Law), 根本, 日本, 资本, 成本 contain 本 + 法 without meaning "this law".
_ZH_SELF = re.compile(
    rf"(?<![基根日资成样剧脚])本(?:实施)?(?:法|条例|规定|办法|细则|决定|规则|解释|准则|规程)"
    rf"(?={_GAP}第{_GAP}{_ZH_NUM}{_GAP}条)"
)
_ZH_CONSTITUTION = re.compile(r"(?<=根据|依据|依照)(?:中华人民共和国)?宪法")
# How the title of a law or an official document ends; anything else in 《》 (a licence, a
# newspaper, a form) is not cited as a rule. 解释, 规程, 规范, 法典 and 修正案 are real kinds too:
# judicial interpretations, 《煤矿安全规程》, technical codes, 民法典, 刑法修正案（十一）, and
# 预案 (《国家突发公共事件总体应急预案》 is cited by local rules).
_ZH_KIND = re.compile(
    r"(?:法|条例|规定|办法|细则|决定|规则|标准|意见|通知|方案|规划|纲要|准则|解释|规程|规范|修正案|预案|法典)$"
)
_TRAILING_PARENS = re.compile(r"(?:\s*[（(][^（）()]*[）)])+\s*$")


def _is_document_title(name: str) -> bool:
    return bool(_ZH_KIND.search(_TRAILING_PARENS.sub("", name)))


# --- English ------------------------------------------------------------------------------------

_EN_UNIT = r"(?i:articles?|arts?\.|sections?|secs?\.|§§?)"
_EN_NUM = r"[0-9]+(?:\.[0-9]+)*[A-Za-z]?"
_EN_SUBDIV = r"(?:\([0-9A-Za-z]{1,4}\))*"  # "section 5(1)(a)": in the span, not in the number
_EN_SEP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to|through)\s+|\s*[-–—]\s*)"
_EN_CHAIN = re.compile(
    rf"(?<![A-Za-z]){_EN_UNIT}\s*{_EN_NUM}{_EN_SUBDIV}"
    rf"(?:{_EN_SEP}(?:{_EN_UNIT}\s*)?{_EN_NUM}{_EN_SUBDIV}){{0,30}}\s+of\s+"
)
_EN_TOKEN = re.compile(rf"(?P<range>\b(?:to|through)\b|[-–—])|(?P<num>{_EN_NUM}){_EN_SUBDIV}")
_EN_SELF = re.compile(
    r"(?:this|these|the\s+present)\s+"
    r"(?:Act|Law|Code|Regulations?|Ordinance|Decree|Rules|Measures|Provisions)\b",
    re.I,
)
_CAP = r"[A-Z][A-Za-z'’\-]*"
_LINK = r"(?:and|of|for|on|in|at|to|the|&)"
_HEAD = r"(?:Act|Law|Code|Regulations|Regulation|Ordinance|Decree)"
_PRC = rf"\s+of\s+the\s+(?:People['’]s\s+)?Republic\s+of\s+{_CAP}"
_YEAR = r"(?:,?\s+(?:of\s+)?(?:18|19|20)[0-9]{2}\b)?"
# Words that start a sentence or a phrase rather than a title: "The Act", "This Law", "Under the
# Mines Act" must not produce the names "The Act" or "Under the Mines Act".
_STOP = (
    "The|This|These|That|Those|Such|Said|Each|Any|Every|All|Other|Relevant|Applicable|Under|"
    "Pursuant|According|In|On|Of|By|For|With|To|And|Or|Where|When|If|Unless|See|Its|Their|"
    "Our|A|An|Article|Articles|Section|Sections|Chapter|Part|Paragraph"
)
_BODY_WORD = rf"(?!(?:Article|Articles|Section|Sections|Chapter|Part)\b){_CAP}"
_EN_NAME = re.compile(
    rf"(?<![A-Za-z0-9'’\-])(?!(?:{_STOP})\b)(?:"
    # "Law on Work Safety", "Regulations on the Safety Management of Hazardous Chemicals",
    # "Law of the People's Republic of China on Work Safety"
    # A comma only inside a list that "and" closes ("the Reporting, Investigation and Handling of").
    rf"(?:Law|Regulations|Regulation)(?:{_PRC})?\s+on\s+(?:{_LINK}\s+)*{_BODY_WORD}"
    rf"(?:(?:\s+(?:{_LINK}\s+){{0,3}}|,\s+(?=(?:{_BODY_WORD}\s+){{0,5}}?{_BODY_WORD}\s+and\s))"
    rf"{_BODY_WORD}){{0,20}}"
    # "Work Safety Act", "Mine Safety Law of the People's Republic of China", "Mines Act, 1952"
    # A capitalised word or a number after the head continues some other noun: "Administrative
    # Law Judge", "Public Law 91-230" (both in the eCFR sample).
    rf"|(?P<pre>(?:{_CAP}\s+(?:{_LINK}\s+){{0,3}}){{1,15}}?){_HEAD}\b(?:{_PRC})?{_YEAR}"
    rf"(?![ \t]+(?!(?:Article|Articles|Section|Sections|Chapter|Part|No)\b)[A-Z][a-z]|[ \t]*[0-9]))"
)
# "Laws and Regulations" in a heading is capitalised but names no law.
_GENERIC = re.compile(r"(?:Acts?|Laws?|Codes?|Regulations?|Rules|Measures|Provisions)$")
_THE = re.compile(r"\bthe\s+")
# "the Law on Work Safety and the Mines Act" is two titles: the second starts at the last "and".
_SECOND_TITLE = re.compile(
    rf"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?"
    rf"(?:{_CAP}\s+(?:{_LINK}\s+)*)+?{_HEAD}(?:{_PRC})?{_YEAR}$"
)


def _english_name(match: re.Match[str]) -> tuple[int, int] | None:
    """The span of a matched English title, or None when it is no title after all."""
    start, end = match.span()
    if match["pre"] is None:
        # "Law on …" runs on through capitalised words, so it may have swallowed a second title.
        second = _SECOND_TITLE.search(match.string, start, end)
        return start, second.start() if second else end
    # "Provisions of the Work Safety Act": a title does not contain "the", so the name starts
    # after the last one.
    pre = match["pre"]
    cuts = list(_THE.finditer(pre))
    if cuts:
        start = match.start("pre") + cuts[-1].end()
        pre = pre[cuts[-1].end() :]
    words = pre.split()
    if not words or words[0] in _STOP.split("|") or any(_GENERIC.match(w) for w in words):
        return None
    return start, end


# --- basis --------------------------------------------------------------------------------------

_CUE = re.compile(
    r"根据|依据|依照|按照|遵照|贯彻|实施|"
    r"\b(?:pursuant\s+to|in\s+accordance\s+with|in\s+pursuance\s+of|under|on\s+the\s+basis\s+of|"
    r"based\s+on|to\s+implement|for\s+the\s+implementation\s+of)\b",
    re.I,
)
# What follows these is taken into account, not relied on: "结合本省实际", "in light of".
_NOT_CUE = re.compile(
    r"结合|参照|借鉴|\b(?:in\s+(?:the\s+)?light\s+of|taking\s+into\s+account|with\s+reference\s+to)\b",
    re.I,
)
_DECLARES = re.compile(
    r"制[定订](?:本|此)|特制定|"
    r"\b(?:this|these)\s+(?:[A-Za-z]+\s+)?"
    r"(?:Act|Law|Code|Regulations?|Ordinance|Decree|Rules|Measures|Provisions)\s+(?:is|are)\s+"
    r"(?:hereby\s+)?(?:formulated|enacted|made|adopted|promulgated|issued|drawn\s+up)\b|"
    r"\b(?:formulat|enact|mak|adopt|promulgat|issu)\w*\s+(?:this|these)\b",
    re.I,
)
# Sentence ends; "Art. 5", "No. 3" and "etc." do not end one.
_SENTENCE_END = re.compile(
    r"[。；;！!？?\n]|(?<!Art)(?<!art)(?<!Sec)(?<!sec)(?<!No)(?<!no)(?<!etc)\.(?=\s)"
)


def _basis_test(text: str) -> Callable[[int], bool]:
    """A test of whether the citation at an offset is relied on by a declaration of basis.

    The sentence must declare what the text is made on ("…，制定本条例", "these Regulations are
    formulated …"), and the nearest cue before the citation must be a basis cue (根据, "pursuant
    to"), not one of taking into account (结合, "in light of"). The markers are found once per
    text, so a long sentence with many citations costs no more than a short one.
    """
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    declaring = {bisect.bisect_right(ends, m.start()) for m in _DECLARES.finditer(text)}
    cues = [m.end() for m in _CUE.finditer(text)]
    not_cues = [m.end() for m in _NOT_CUE.finditer(text)]

    def is_basis(at: int) -> bool:
        sentence = bisect.bisect_right(ends, at)
        if sentence not in declaring:
            return False
        sentence_start = ends[sentence - 1] if sentence else 0
        i = bisect.bisect_right(cues, at)
        j = bisect.bisect_right(not_cues, at)
        cue = cues[i - 1] if i else -1
        return cue > sentence_start and cue > (not_cues[j - 1] if j else -1)

    return is_basis


# --- finding ------------------------------------------------------------------------------------


def _articles(numbers: list[tuple[str, int, str]]) -> Iterator[tuple[str, int]]:
    """Expand (number, sub, separator-before) triples into articles; "至"/"to" makes a range."""
    previous: tuple[str, int] | None = None
    for number, sub, sep in numbers:
        if sep == "range" and previous is not None and previous[1] == 0 and sub == 0:
            low, high = previous[0], number
            if low.isdigit() and high.isdigit() and 0 < int(high) - int(low) <= _MAX_RANGE:
                for n in range(int(low) + 1, int(high)):
                    yield str(n), 0
        yield number, sub
        previous = (number, sub)


def _chinese_chain(text: str, pos: int) -> tuple[list[tuple[str, int, str]], int]:
    """The articles cited from ``pos`` on ("第九条、第十条至第十二条") and where they end."""
    numbers: list[tuple[str, int, str]] = []
    sep = ""
    m = _ZH_ARTICLE.match(text, pos)
    while m:
        sub = parse_number(m["sub"]) if m["sub"] else 0
        numbers.append((str(parse_number(m["num"])), sub, sep))
        pos = m.end()
        join = _ZH_JOIN.match(text, pos)
        if not join:
            break
        sep = "range" if join["sep"] in "至到" else ""
        m = _ZH_ARTICLE.match(text, join.end())
    return numbers, pos


def _chinese(text: str) -> Iterator[Citation]:
    for m in _ZH_TITLE.finditer(text):
        name = m["name"].strip()
        is_alias = "简称" in text[max(0, m.start() - 4) : m.start()]
        if not name or is_alias or not _is_document_title(name):
            continue
        numbers, end = _chinese_chain(text, m.end())
        if not numbers:
            yield Citation(name, None, 0, m.start(), m.end())
        for number, sub in _articles(numbers):
            yield Citation(name, number, sub, m.start(), end)
    for m in _ZH_SELF.finditer(text):
        numbers, end = _chinese_chain(text, m.end())
        for number, sub in _articles(numbers):
            yield Citation("", number, sub, m.start(), end, internal=True)
    for m in _ZH_CONSTITUTION.finditer(text):
        yield Citation(m.group(), None, 0, m.start(), m.end())


def _english(text: str) -> Iterator[Citation]:
    taken: list[tuple[int, int]] = []
    for m in _EN_CHAIN.finditer(text):
        numbers: list[tuple[str, int, str]] = []
        sep = ""
        for token in _EN_TOKEN.finditer(text, m.start(), m.end()):
            if token["range"]:
                sep = "range"
            else:
                numbers.append((token["num"], 0, sep))
                sep = ""
        own = _EN_SELF.match(text, m.end())
        if own:
            taken.append((m.start(), own.end()))
            for number, _ in _articles(numbers):
                yield Citation("", number, 0, m.start(), own.end(), internal=True)
            continue
        pos = m.end() + (len(t[0]) if (t := _THE.match(text, m.end())) else 0)
        found = _EN_NAME.match(text, pos)
        named = _english_name(found) if found else None
        if named:
            taken.append((m.start(), named[1]))
            for number, _ in _articles(numbers):
                yield Citation(text[named[0] : named[1]], number, 0, m.start(), named[1])
    pos = 0
    while found := _EN_NAME.search(text, pos):
        named = _english_name(found)
        if named is None:
            # Not found again inside: "Code of Federal Regulations" is no "Federal Regulations".
            pos = found.end()
            continue
        start, pos = named
        if not any(s < pos and start < e for s, e in taken):
            yield Citation(text[start:pos], None, 0, start, pos)


def find_citations(text: str) -> list[Citation]:
    """Find the laws and articles a legal text cites, Chinese and English.

    Args:
        text: Any text; an article, a whole document.

    Returns:
        The citations in text order; several articles cited in one expression ("第九条、第十条",
        "sections 5 to 8") give one citation each, in the order written.

    >>> [(c.law, c.article, c.basis) for c in find_citations(
    ...     "根据《中华人民共和国安全生产法》，结合本省实际，制定本条例。")]
    [('中华人民共和国安全生产法', None, True)]
    >>> [(c.law, c.article, c.internal) for c in find_citations("违反本条例第七条规定的")]
    [('', '7', True)]
    """
    found = sorted([*_chinese(text), *_english(text)], key=lambda c: c.start)
    if not found:
        return []
    is_basis = _basis_test(text)
    return [
        Citation(c.law, c.article, c.sub, c.start, c.end, basis=True)
        if not c.internal and is_basis(c.start)
        else c
        for c in found
    ]


def basis_laws(text: str) -> list[str]:
    """Names of the laws a text declares as its legal basis, first spelling of each, in order.

    Args:
        text: A legal text, usually a whole document or its first article.

    Returns:
        The names as written; two spellings with the same :func:`law_key` count once.
    """
    names: dict[str, str] = {}
    for c in find_citations(text):
        if c.basis:
            names.setdefault(law_key(c.law), c.law)
    return list(names.values())


_VERSION = re.compile(
    r"\s*[（(][^（）()]*(?:[0-9０-９]{4}|修正|修订|修改|amend|revis|edition|version)[^（）()]*[）)]\s*$",
    re.I,
)
_PRC_SUFFIX = re.compile(r"\s+of\s+the\s+People's\s+Republic\s+of\s+China$", re.I)


def law_key(name: str) -> str:
    """A key for matching a cited law's name to a stored title.

    Drops 《》, whitespace, a leading 中华人民共和国 or "the", a trailing "of the People's Republic
    of China" and trailing versions in parentheses, and case-folds.

    Args:
        name: A law's name as cited or as a stored title.

    Returns:
        The key; equal keys mean the same law (not necessarily the same version).

    >>> law_key("《中华人民共和国安全生产法》") == law_key("安全生产法（2021年修正）")
    True
    """
    key = re.sub(r"[《》〈〉]", "", name).replace("’", "'")
    key = " ".join(key.split())
    while (m := _VERSION.search(key)) and m.start() > 0:
        key = key[: m.start()]
    key = re.sub(r"^the\s+", "", key, flags=re.I)
    key = key.removeprefix("中华人民共和国")
    key = _PRC_SUFFIX.sub("", key)
    return "".join(key.split()).casefold()
