"""The stored articles a study pack is made of, each with its document and heading path."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from index.library.browse import articles as stored_articles
from index.store.database import Store
from nlp.versions.compare import ArticleText


@dataclass(frozen=True, slots=True)
class SourcedArticle:
    """One stored article with the document it belongs to and its place there."""

    document_id: str
    title: str
    ord: int
    heading_path: tuple[str, ...]
    article: ArticleText

    @property
    def provision_id(self) -> str:
        return self.article.key

    @property
    def uid(self) -> tuple[str, str]:
        """(document id, provision id): provision ids repeat across versions of one work."""
        return self.document_id, self.article.key


def document_articles(store: Store, document_id: str) -> list[SourcedArticle]:
    """A stored document's numbered articles in order (unnumbered lines are adoption history).

    Args:
        store: The knowledge base.
        document_id: A stored document id.
    """
    row = store.db.execute(
        "SELECT title FROM documents WHERE document_id=?", (document_id,)
    ).fetchone()
    title = row["title"] if row else ""
    titles = _section_titles(store, document_id)
    out = []
    for a in stored_articles(store, document_id):
        if not a["number"]:
            continue
        path = tuple(a["heading_path"])
        if path and path[-1] == a["number"]:
            path = path[:-1]
        named = path[:1] + tuple(titles.get(path[1 : i + 1], path[i]) for i in range(1, len(path)))
        out.append(
            SourcedArticle(
                document_id,
                title,
                int(a["ord"]),
                named,
                ArticleText(a["provision_id"], a["number"], a["text"], " / ".join(named)),
            )
        )
    return out


def _section_titles(store: Store, document_id: str) -> dict[tuple[str, ...], str]:
    """Section number paths ("第一章",) -> their full titles ("第一章 总则")."""
    out: dict[tuple[str, ...], str] = {}

    def walk(sections: Sequence[Any], path: tuple[str, ...]) -> None:
        for s in sections:
            key = (*path, s.number)
            out[key] = s.title or s.number
            walk(s.sections, key)

    walk(store.document(document_id).sections, ())
    return out


def by_document(articles: Sequence[SourcedArticle]) -> dict[str, list[SourcedArticle]]:
    """The articles grouped by document, each group in document order."""
    groups: dict[str, list[SourcedArticle]] = {}
    for a in sorted(articles, key=lambda a: (a.document_id, a.ord)):
        groups.setdefault(a.document_id, []).append(a)
    return groups
