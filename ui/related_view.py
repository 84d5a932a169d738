"""Beside an opened article: the articles it cites, those that cite it, and the same topic in
other documents (the search engine on the article's own words), each with a link to open it."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from index.library.browse import article_number, provision_by_number, related_articles
from index.search.engine import Filters
from index.search.generations import IndexFilesError
from index.search.regions import article_query
from ui.components import md, open_in_document
from ui.data import search_engine, store
from ui.i18n import t

TOPIC_HITS = 5


@dataclass(frozen=True, slots=True)
class Entry:
    """One related article: how it is named, and where it opens (None: not in the library)."""

    label: str
    document_id: str | None
    provision_id: str | None


def related_entries(document_id: str, provision_id: str) -> dict[str, list[Entry]]:
    """The three lists of the panel: ``cites``, ``cited_by`` and ``topic``."""
    with store() as opened:
        related = related_articles(opened, document_id, provision_id)
        cites = []
        for link in related.cites:
            number = article_number(link.article) if link.article else ""
            target = (
                provision_by_number(opened, link.document_id, number)
                if link.document_id and number
                else None
            )
            cites.append(Entry(f"《{link.law}》{number}", link.document_id, target))
        row = opened.db.execute(
            "SELECT number, text, work_id FROM provisions JOIN documents USING (document_id) "
            "WHERE provision_id=? AND document_id=?",
            (provision_id, document_id),
        ).fetchone()
        same_work = {v["document_id"] for v in opened.versions(row["work_id"])} if row else set()
    cited_by = [
        Entry(f"{link.title} {link.number}", link.document_id, link.provision_id)
        for link in related.cited_by
    ]
    return {"cites": cites, "cited_by": cited_by, "topic": _topic(row, same_work)}


def _topic(row: object, same_work: set[str]) -> list[Entry]:
    """Articles of other works (not another version of this one) on the article's topic."""
    if row is None:
        return []
    query = article_query(row["text"], row["number"])  # type: ignore[index]
    try:
        with search_engine() as engine:
            hits = engine.search(query, TOPIC_HITS * 3, Filters(status=("in_force",)))
    except IndexFilesError:
        return []
    out = []
    for hit in hits:
        if hit.document_id in same_work:
            continue
        out.append(Entry(f"{hit.title} {hit.number}", hit.document_id, hit.provision_id))
        if len(out) == TOPIC_HITS:
            break
    return out


def show_related(document_id: str, provision_id: str) -> None:
    """The panel beside the opened article."""
    key = f"related:{document_id}:{provision_id}"
    if key not in st.session_state:  # one search per opened article, not per rerun
        st.session_state[key] = related_entries(document_id, provision_id)
    lists = st.session_state[key]
    st.markdown(f"**{t('docs.related')}**")
    for name, heading in (
        ("cites", "docs.related_cites"),
        ("cited_by", "docs.related_cited_by"),
        ("topic", "docs.related_topic"),
    ):
        st.caption(t(heading))
        entries = lists[name]
        if not entries:
            st.markdown(f":gray[{t('docs.related_none')}]")
        for n, entry in enumerate(entries):
            if entry.document_id is None:
                st.markdown(f"{md(entry.label)} :gray[{t('docs.not_stored')}]")
            elif st.button(md(entry.label), key=f"rel-{name}-{n}", type="tertiary"):
                open_in_document(entry.document_id, entry.provision_id)
