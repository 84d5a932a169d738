"""Citations of a law's article in a query or a text: "安全生产法第二十一条", "Article 21 of the …".

Pure pattern analysis: which law (as written) and which article number; resolving the law to a
stored document is the knowledge base's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.numbering import CN_NUMERAL, parse_number

_ZH = re.compile(
    rf"^《?(?P<law>[^《》\s]{{2,40}}?)》?\s*第(?P<num>{CN_NUMERAL}|[0-9０-９]+)条"
    rf"(?:之(?P<sub>{CN_NUMERAL}))?(?:的规定|规定|是什么|说了什么|内容)?[？?。]?$"
)
_EN_OF = re.compile(
    r"^(?:article|art\.?|section|sec\.?|§)\s*(?P<num>[0-9]+(?:\.[0-9]+)*[A-Za-z]?)\s+of\s+"
    r"(?:the\s+)?(?P<law>.{3,80}?)[?.]?$",
    re.I,
)
_EN_AFTER = re.compile(
    r"^(?:the\s+)?(?P<law>.{3,80}?),?\s+(?:article|art\.?|section|sec\.?|§)\s*"
    r"(?P<num>[0-9]+(?:\.[0-9]+)*[A-Za-z]?)[?.]?$",
    re.I,
)
_CFR = re.compile(r"^(?:§\s*)+(?P<num>[0-9]+\.[0-9]+[A-Za-z]?)$")


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """A cited article: the law's name as written (may be empty for "§ 56.1000") and number."""

    law: str
    number: str  # "21", "56.1000"
    sub: int = 0  # 第十五条之一 -> number "15", sub 1

    @property
    def language(self) -> str:
        return "zh" if re.search(r"[\u3400-\u9fff]", self.law) else "en"


def parse_article_ref(query: str) -> ArticleRef | None:
    """Read a query that names one article of one law, or return None.

    >>> parse_article_ref("安全生产法第二十一条")
    ArticleRef(law='安全生产法', number='21', sub=0)
    >>> parse_article_ref("Article 21 of the Work Safety Law")
    ArticleRef(law='Work Safety Law', number='21', sub=0)
    >>> parse_article_ref("how are fines set") is None
    True
    """
    text = " ".join(query.split())
    if not text:
        return None
    m = _ZH.match(text)
    if m:
        sub = parse_number(m["sub"]) if m["sub"] else 0
        return ArticleRef(m["law"], str(parse_number(m["num"])), sub)
    m = _CFR.match(text)
    if m:
        return ArticleRef("", m["num"])
    for pattern in (_EN_OF, _EN_AFTER):
        m = pattern.match(text)
        if m and len(m["law"].split()) <= 12:
            return ArticleRef(m["law"].strip(" ,"), m["num"])
    return None


def article_number(printed: str) -> tuple[str, int] | None:
    """The comparable number of a printed article label: "第二十一条" -> ("21", 0).

    >>> article_number("第十五条之一")
    ('15', 1)
    >>> article_number("§ 56.1000 Definitions.")
    ('56.1000', 0)
    """
    m = re.match(rf"^第({CN_NUMERAL}|[0-9０-９]+)条(?:之({CN_NUMERAL}))?", printed)
    if m:
        return str(parse_number(m[1])), parse_number(m[2]) if m[2] else 0
    m = re.match(
        r"^(?:article|art\.?|section|sec\.?|§)?\s*§?\s*([0-9]+(?:\.[0-9]+)*[A-Za-z]?)",
        printed,
        re.I,
    )
    if m:
        return m[1], 0
    return None
