"""An article of a stored document as a person names it, for evidence: 第十六条 (as printed),
第16条, 16, 十六, art-16 (the structural id's last part), Article 16, Art. 16 or §16; and the list
of a document's articles to choose from.

Evidence forms used to take only the structural id (``art-16``), which nobody reads on the page
(issue 18); the article number as printed is what a department user copies from the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from index.store.database import NotFoundError, Store
from ingest.numbering import parse_number

PREVIEW = 40  # characters of the article's text shown beside its number in a list

# 第十六条 / 第16條 / Article 16 / Art. 16 / §16 / art-16, with the number captured
_NAMED = re.compile(
    r"^(?:第\s*(?P<cn>[0-9０-９零〇一二三四五六七八九十百千两]+)\s*[条條]"
    r"|(?:article|art\.?|§)\s*(?P<en>[0-9]+)"
    r"|art-(?P<id>[0-9]+))$",
    re.IGNORECASE,
)
_BARE = re.compile(r"^[0-9０-９零〇一二三四五六七八九十百千两]+$")


class ArticleNotFoundError(NotFoundError):
    """The document has no article of that number, or what was typed names no article."""

    def __init__(self, document_id: str, typed: str) -> None:
        super().__init__(
            f"{document_id} has no article {typed!r}; give its number as printed (第十六条), "
            "a number (16) or its id (art-16)"
        )
        self.document_id = document_id
        self.typed = typed


@dataclass(frozen=True, slots=True)
class Article:
    """One article of a document, as a list or a lookup gives it."""

    provision_id: str
    number: str  # as printed: 第十六条, Article 16
    preview: str  # the start of its text

    @property
    def label(self) -> str:
        """``第十六条 生产经营单位的主要负责人…`` for a list a user searches by typing."""
        return f"{self.number or self.provision_id.rsplit('/', 1)[-1]} {self.preview}".strip()


def article_number(typed: str) -> int | None:
    """The article number in what a user typed, or None when it names no article.

    >>> article_number("第十六条"), article_number("16"), article_number("art-16")
    (16, 16, 16)
    """
    text = re.sub(r"\s+", " ", typed.strip())
    match = _NAMED.fullmatch(text)
    if match:
        digits = match["cn"] or match["en"] or match["id"]
    elif _BARE.fullmatch(text):
        digits = text
    else:
        return None
    try:
        number = parse_number(digits)
    except ValueError:
        return None
    return number if number > 0 else None


def find_article(store: Store, document_id: str, typed: str) -> Article:
    """The article of ``document_id`` that ``typed`` names (see the module's forms), or the
    provision whose structural id (or its last part) is ``typed``.

    Raises:
        ArticleNotFoundError: when nothing in the document matches.
    """
    number = article_number(typed)
    if number is not None:
        row = store.db.execute(
            "SELECT provision_id, number, text FROM provisions WHERE document_id=? "
            "AND kind='article' AND (provision_id LIKE ? OR provision_id LIKE ?) "
            "ORDER BY ord LIMIT 1",
            (document_id, f"%/art-{number}", f"%/art-{number}~%"),
        ).fetchone()
        if row is not None:
            return _article(row)
    try:
        return _article(store.provision(document_id, typed.strip()))
    except NotFoundError:
        raise ArticleNotFoundError(document_id, typed) from None


def document_articles(store: Store, document_id: str) -> list[Article]:
    """Every article of a document in reading order (a document without articles: its
    top-level provisions), for a list to choose from."""
    rows = store.db.execute(
        "SELECT provision_id, number, text FROM provisions WHERE document_id=? "
        "AND kind='article' ORDER BY ord",
        (document_id,),
    ).fetchall()
    if not rows:
        rows = store.db.execute(
            "SELECT provision_id, number, text FROM provisions WHERE document_id=? "
            "AND parent_id IS NULL AND kind NOT IN ('trailer') ORDER BY ord",
            (document_id,),
        ).fetchall()
    return [_article(r) for r in rows]


def _article(row: Any) -> Article:
    text = " ".join(str(row["text"]).split())
    number = row["number"] or ""
    if number and text.startswith(number):
        text = text[len(number) :].lstrip()
    preview = text if len(text) <= PREVIEW else text[:PREVIEW] + "…"
    return Article(row["provision_id"], number, preview)
