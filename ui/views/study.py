"""Study page: build a study pack (key provisions, outline, defined terms, duties, figures and
quiz items, each with its source article) for a document, some of its articles or a topic; edit
or drop quiz items before downloading the handout, the Anki deck or the question bank; and see
what changed between two versions of a text."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import streamlit as st

from index.accounts import Permission
from index.search.generations import IndexFilesError
from index.store.database import StoreError
from index.study.changes import StudyChanges, study_changes
from index.study.packs import StudyPack, pack_for_document, pack_for_query
from index.study.questions import select_items
from index.study.sources import document_articles
from nlp.quiz.items import QUESTION_TYPES
from ui.components import LEVEL_LABELS, diff_html, html_block, md
from ui.data import require_page, search_engine, store
from ui.export.study_docx import changes_docx
from ui.export.study_md import changes_markdown
from ui.views.study_preview import (
    DOCX,
    PACK,
    TYPE_LABELS,
    preview,
    quiz_body,
    reset_pack,
)

SOURCES = ("A document", "Chosen articles of a document", "A topic")
CHANGES = "c_cache"

require_page(Permission.SEARCH)
st.title("Study")
st.caption(
    "Training material taken from the articles themselves: every provision, figure and quiz "
    "answer says which article it comes from."
)

with store() as opened:
    documents = opened.documents()
if not documents:
    st.info("The library is empty.")
    st.stop()
label = {
    d["document_id"]: f"{d['title']} · {d['version_date'] or 'undated'}"
    + ("" if d["status"] in ("in_force", None) else f" ({d['status']})")
    for d in documents
}
# Laws in force first (national, then regulations, rules …), the likeliest course material.
LEVELS = list(LEVEL_LABELS)


# --- the pack: building --------------------------------------------------------------------------


def _document_choice(key: str) -> str:
    in_force_first = sorted(
        documents,
        key=lambda d: (
            d["status"] != "in_force",
            LEVELS.index(d["level"]) if d["level"] in LEVELS else len(LEVELS),
            d["title"],
        ),
    )
    return st.selectbox(
        "Document",
        [d["document_id"] for d in in_force_first],
        format_func=label.__getitem__,
        key=key,
    )


def _build_form() -> None:
    source = st.radio("Build it from", SOURCES, horizontal=True, key="s_source")
    document_id, query, chosen = "", "", []
    if source == "A topic":
        query = st.text_input(
            "Topic",
            key="s_query",
            placeholder="事故报告",
            help="The pack covers the articles in force that a search for these words finds.",
        )
    else:
        document_id = _document_choice("s_doc")
        if source == "Chosen articles of a document":
            with store() as opened:
                numbered = document_articles(opened, document_id)
            names = {
                a.provision_id: f"{a.article.number} · {_short(a.article.text, 30)}"
                for a in numbered
            }
            chosen = st.multiselect(
                "Articles",
                list(names),
                format_func=names.__getitem__,
                key=f"s_articles-{document_id}",
                placeholder="Choose the articles to teach",
            )
    c1, c2, c3 = st.columns([1, 3, 1])
    n_items = c1.number_input(
        "Quiz items", min_value=0, max_value=200, value=20, step=5, key="s_items"
    )
    types = c2.multiselect(
        "Question types",
        list(QUESTION_TYPES),
        default=list(QUESTION_TYPES),
        format_func=TYPE_LABELS.__getitem__,
        key="s_types",
    )
    seed = c3.number_input(
        "Seed",
        min_value=0,
        value=0,
        step=1,
        key="s_seed",
        help="The same seed gives the same questions; change it for another set.",
    )
    if not st.button("Build the pack", type="primary", icon=":material/school:"):
        return
    if source == "A topic" and not query.strip():
        st.warning("Type a topic first.")
        return
    if source == "Chosen articles of a document" and not chosen:
        st.warning("Choose at least one article.")
        return
    try:
        if source == "A topic":
            with search_engine() as engine:
                pack = pack_for_query(engine, query.strip(), items=None, seed=int(seed))
        else:
            with store() as opened:
                pack = pack_for_document(
                    opened, document_id, articles=chosen, items=None, seed=int(seed)
                )
    except (StoreError, IndexFilesError) as exc:
        reset_pack(None)
        st.error(md(exc))
        return
    wanted = [i for i in pack.items if i.quiz.type in types]
    reset_pack(replace(pack, items=tuple(select_items(wanted, int(n_items), int(seed)))))


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# --- what changed --------------------------------------------------------------------------------


def _works() -> dict[str, list[dict[str, Any]]]:
    """Works with two or more stored versions, each version list oldest first."""
    works: dict[str, list[dict[str, Any]]] = {}
    for d in documents:
        works.setdefault(d["work_id"], []).append(d)
    return {
        w: sorted(v, key=lambda d: d["version_date"] or "")
        for w, v in sorted(works.items(), key=lambda kv: kv[1][0]["title"])
        if len(v) > 1
    }


def _changes(old: str, new: str) -> StudyChanges:
    cache: dict[tuple[str, str], StudyChanges] = st.session_state.setdefault(CHANGES, {})
    if (old, new) not in cache:
        with store() as opened:
            cache[(old, new)] = study_changes(opened, old, new)
    return cache[(old, new)]


def _what_changed() -> None:
    works = _works()
    if not works:
        st.info("No text has two versions in the library yet.")
        return
    st.caption("Compare two versions of a text: what a course must update, article by article.")
    c1, c2, c3 = st.columns([2, 1, 1])
    work = c1.selectbox(
        "Text", list(works), format_func=lambda w: works[w][0]["title"], key="c_work"
    )
    versions = [d["document_id"] for d in works[work]]
    dated = {d["document_id"]: d["version_date"] or "undated" for d in works[work]}
    old = c2.selectbox(
        "Old version",
        versions,
        index=len(versions) - 2,
        format_func=dated.__getitem__,
        key=f"c_old-{work}",
    )
    new = c3.selectbox(
        "New version",
        versions,
        index=len(versions) - 1,
        format_func=dated.__getitem__,
        key=f"c_new-{work}",
    )
    if old == new:
        st.warning("Choose two different versions.")
        return
    try:
        changes = _changes(old, new)
    except StoreError as exc:
        st.error(md(exc))
        return
    _change_counts(changes)
    _briefing(changes, f"what-changed-{dated[old]}-{dated[new]}")
    _change_questions(changes)
    _word_diffs(changes)


def _change_counts(changes: StudyChanges) -> None:
    counts = changes.counts
    m = st.columns(5)
    m[0].metric("Changed", counts.get("changed", 0))
    m[1].metric("Added", counts.get("added", 0))
    m[2].metric("Removed", counts.get("removed", 0))
    m[3].metric("Renumbered", counts.get("renumbered", 0))
    m[4].metric("Unchanged", counts.get("unchanged", 0))
    st.caption(
        "Articles are matched across renumbering; a renumbered article with the same text "
        "counts as unchanged."
    )


def _briefing(changes: StudyChanges, name: str) -> None:
    st.subheader("Briefing")
    st.caption("The substantive changes: changed figures, new duties, added and removed articles.")
    lines = "\n".join(f"- {md(line)}" for line in changes.briefing[1:])
    st.markdown(lines or "No substantive change.")
    d1, d2, _ = st.columns([1, 1, 3])
    d1.download_button(
        "Briefing (DOCX)", lambda: changes_docx(changes), file_name=f"{name}.docx", mime=DOCX
    )
    d2.download_button(
        "Briefing (Markdown)",
        lambda: changes_markdown(changes).encode("utf-8"),
        file_name=f"{name}.md",
        mime="text/markdown",
    )


def _change_questions(changes: StudyChanges) -> None:
    st.subheader(f"Questions about the changes ({len(changes.items)})")
    if not changes.items:
        st.caption("No changed figure could be asked about.")
    for n, item in enumerate(changes.items, 1):
        q = item.quiz
        with st.container(border=True):
            st.markdown(f"**{n}. {TYPE_LABELS[q.type]}** · source {md(item.number)}")
            quiz_body(q)


def _word_diffs(changes: StudyChanges) -> None:
    with st.expander(f"Every changed article, word by word ({len(changes.changes)})"):
        st.caption("Struck through in red: taken out; in green: put in.")
        for c in changes.changes:
            old_no = c.old.number if c.old else "—"
            new_no = c.new.number if c.new else "—"
            st.markdown(f"**{md(c.kind)}**: {md(old_no)} → {md(new_no)}")
            if c.diff:
                html_block(diff_html(c.diff))
            elif c.new or c.old:
                st.markdown(md((c.new or c.old).text))  # type: ignore[union-attr]


pack_tab, changes_tab = st.tabs(["Study pack", "What changed"])
with pack_tab:
    _build_form()
    built: StudyPack | None = st.session_state.get(PACK)
    if built is None:
        st.info("Choose what to study and build the pack; it takes a second or two.")
    else:
        preview(built)
with changes_tab:
    _what_changed()
