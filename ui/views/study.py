"""Study page: build a study pack (key provisions, outline, defined terms, duties, figures and
quiz items, each with its source article) for a document, some of its articles or a topic; edit
or drop quiz items before downloading the handout, the Anki deck or the question bank; and see
what changed between two versions of a text.

Both are in the URL, so a reload, Back or a shared link shows them again: a pack built is named
by what built it (``/study?pack=document&doc=ID&art=…&n=20&types=…&seed=0``, or
``pack=topic&topic=…``) and built again on a new connection; the versions compared by
``old=ID&new=ID``; the tab by ``tab=changes``. The quiz items dropped are in the URL too
(``drop=3,7``, their numbers as shown), so a reload drops them again (issue 18); the edited
quiz items are kept in the workspace under an id the URL carries (``edits=<id>``, see
:mod:`ui.views.study_preview`), so a reload or a shared link shows them edited.
"""

from __future__ import annotations

import json
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
from ui.components import LEVEL_LABELS, diff_html, html_block, md, status_label
from ui.data import require_page, search_engine, store
from ui.export.names import export_name
from ui.export.study_docx import changes_docx
from ui.export.study_labels import change_title
from ui.export.study_md import changes_markdown
from ui.i18n import language, t
from ui.i18n.dates import format_date
from ui.i18n.errors import said
from ui.session import (
    link_tab,
    link_view,
    open_linked_tab,
    restore_view,
    save_view,
    url_value,
    url_values,
)
from ui.views.downloads import download
from ui.views.study_preview import (
    DOCX,
    DROP_PARAM,
    EDITS_PARAM,
    NO_QUIZ_KEY,
    PACK,
    PACK_KEY,
    drop_items,
    preview,
    quiz_body,
    reset_pack,
    restore_edits,
    restore_saved,
    type_label,
)

SOURCES = ("document", "articles", "topic")
CHANGES = "c_cache"
PAGE = "views/study.py"
PACK_VIEW = ("pack", "doc", "art", "topic", "n", "types", "seed")
VIEW = (*PACK_VIEW, DROP_PARAM, EDITS_PARAM, "old", "new", "tab")
BUILT_KEY = "s_built_view"  # the URL parameters of the pack kept in st.session_state[PACK]
TABS_KEY = "s_tab"
PackView = dict[str, str | list[str] | None]

require_page(Permission.SEARCH)
restore_view(PAGE, VIEW)  # the sidebar back to the page: the pack and comparison last shown
st.title(t("study.title"))
st.caption(t("study.caption"))

with store() as opened:
    documents = opened.documents()
if not documents:
    st.info(t("study.empty_library"))
    st.stop()


def _dated(d: dict[str, Any]) -> str:
    return format_date(d["version_date"]) if d["version_date"] else t("study.undated")


label = {
    d["document_id"]: f"{d['title']} · {_dated(d)}"
    + ("" if d["status"] in ("in_force", None) else f"（{status_label(d['status'])}）")
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
            not str(d["language"] or "").startswith(language()),  # the interface's language first
            LEVELS.index(d["level"]) if d["level"] in LEVELS else len(LEVELS),
            d["title"],
        ),
    )
    return st.selectbox(
        t("study.document"),
        [d["document_id"] for d in in_force_first],
        format_func=label.__getitem__,
        key=key,
    )


def _build_form() -> None:
    source = st.radio(
        t("study.source"),
        SOURCES,
        format_func=lambda s: t(f"study.source_{s}"),
        horizontal=True,
        key="s_source",
    )
    document_id, query, chosen = "", "", []
    if source == "topic":
        query = st.text_input(
            t("study.topic"), key="s_query", placeholder="事故报告", help=t("study.topic_help")
        )
    else:
        document_id = _document_choice("s_doc")
        if source == "articles":
            with store() as opened:
                numbered = document_articles(opened, document_id)
            names = {
                a.provision_id: f"{a.article.number} · {_short(a.article.text, 30)}"
                for a in numbered
            }
            chosen = st.multiselect(
                t("study.articles"),
                list(names),
                format_func=names.__getitem__,
                key=f"s_articles-{document_id}",
                placeholder=t("study.articles_placeholder"),
                select_all=False,
            )
    # Their first values are put in the session, not passed as defaults: a link sets them in the
    # session too, and a widget given both drew Streamlit's warning "… created with a default
    # value but also had its value set via the Session State API" (issue 18).
    state = st.session_state
    state.setdefault("s_items", 20)
    state.setdefault("s_types", list(QUESTION_TYPES))
    state.setdefault("s_seed", 0)
    c1, c2, c3 = st.columns([1, 3, 1])
    n_items = c1.number_input(t("study.items"), min_value=0, max_value=200, step=5, key="s_items")
    types = c2.multiselect(
        t("study.types"),
        list(QUESTION_TYPES),
        format_func=type_label,
        key="s_types",
        placeholder=t("review.choose_options"),
        select_all=False,
    )
    seed = c3.number_input(
        t("study.seed"), min_value=0, step=1, key="s_seed", help=t("study.seed_help")
    )
    if not st.button(t("study.build"), type="primary", icon=":material/school:"):
        return
    if source == "topic" and not query.strip():
        st.warning(t("study.need_topic"))
        return
    if source == "articles" and not chosen:
        st.warning(t("study.need_articles"))
        return
    view: PackView = {
        "pack": source,
        "doc": document_id or None,
        "art": list(chosen),
        "topic": query.strip() or None,
        "n": str(int(n_items)),
        "types": list(types),
        "seed": str(int(seed)),
    }
    _build(view)


def _build(view: PackView, dropped: str | None = None, edited: str | None = None) -> None:
    """Build the pack ``view`` names, keep it for the page and name it in the URL, with the
    items ``dropped`` names (``3,7``) left out again and the edits of id ``edited`` applied."""
    seed, n_items = int(str(view["seed"])), int(str(view["n"]))
    try:
        if view["pack"] == "topic":
            with search_engine() as engine:
                pack = pack_for_query(engine, str(view["topic"]), items=None, seed=seed)
        else:
            with store() as opened:
                pack = pack_for_document(
                    opened,
                    str(view["doc"]),
                    articles=list(view["art"] or []),
                    items=None,
                    seed=seed,
                )
    except (StoreError, IndexFilesError) as exc:
        reset_pack(None)
        st.session_state.pop(BUILT_KEY, None)
        link_view(dict.fromkeys((*PACK_VIEW, DROP_PARAM, EDITS_PARAM)))
        st.error(md(said(exc)))
        return
    wanted = [i for i in pack.items if i.quiz.type in (view["types"] or ())]
    # why a pack may hold no question, said on its quiz tab (not a silent "试题（0）")
    st.session_state[NO_QUIZ_KEY] = (
        "no_types" if not view["types"] else "no_count" if n_items <= 0 else None
    )
    reset_pack(replace(pack, items=tuple(select_items(wanted, n_items, seed))))
    st.session_state[BUILT_KEY] = view
    link_view(view)
    drop_items(dropped)  # also names the items left out in the URL, or takes drop= out
    restore_edits(edited)  # the same for edits= (a new pack: none)
    if dropped is None and edited is None:  # opened without changes: the user's saved ones
        restore_saved(pack_key(view))
    else:
        st.session_state[PACK_KEY] = pack_key(view)


def pack_key(view: PackView) -> str:
    """The key a user's saved changes to the pack ``view`` names are kept under: what built
    it, and only that (a topic pack's key holds no document, a whole document's no articles),
    so the same pack opened from the form or from a link has the same key."""
    source = view["pack"]
    key = {
        "pack": source,
        "doc": view["doc"] if source != "topic" else None,
        "art": sorted(view["art"] or []) if source == "articles" else [],
        "topic": view["topic"] if source == "topic" else None,
        "n": view["n"],
        "types": sorted(view["types"] or []),
        "seed": view["seed"],
    }
    return json.dumps(key, ensure_ascii=False, sort_keys=True)


def _linked_pack() -> PackView | None:
    """The pack the URL names (``?pack=…``), checked against the library, or None."""
    source = url_value("pack")
    if source is None:
        return None
    view: PackView = {
        "pack": source,
        "doc": url_value("doc"),
        "art": url_values("art"),
        "topic": url_value("topic"),
        "n": url_value("n") or "20",
        "types": url_values("types") if "types" in st.query_params else list(QUESTION_TYPES),
        "seed": url_value("seed") or "0",
    }
    n, seed = str(view["n"]), str(view["seed"])
    valid = (
        source in SOURCES
        and n.isdigit()
        and int(n) <= 200
        and seed.isdigit()
        and set(view["types"] or ()) <= set(QUESTION_TYPES)
        and (view["topic"] if source == "topic" else view["doc"] in label)
    )
    if valid and source == "articles":
        with store() as opened:
            numbered = {a.provision_id for a in document_articles(opened, str(view["doc"]))}
        valid = bool(view["art"]) and set(view["art"] or ()) <= numbered
    if not valid:
        st.warning(t("study.link_unknown"))
        link_view(dict.fromkeys((*PACK_VIEW, DROP_PARAM, EDITS_PARAM)))
        return None
    return view


def _follow_pack_link() -> None:
    """A URL naming a pack (a reload, Back, a link): its choices go back into the form when the
    page arrives without them, and the pack is built again unless this session holds it."""
    view = _linked_pack()
    if view is None:
        return
    held = st.session_state.get(BUILT_KEY) == view and st.session_state.get(PACK) is not None
    if not held or "s_source" not in st.session_state:
        st.session_state["s_source"] = view["pack"]
        if view["pack"] == "topic":
            st.session_state["s_query"] = view["topic"]
        else:
            st.session_state["s_doc"] = view["doc"]
            st.session_state[f"s_articles-{view['doc']}"] = list(view["art"] or [])
        st.session_state["s_items"] = int(str(view["n"]))
        st.session_state["s_types"] = list(view["types"] or [])
        st.session_state["s_seed"] = int(str(view["seed"]))
    if not held:
        _build(view, url_value(DROP_PARAM), url_value(EDITS_PARAM))


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


def _follow_changes_link(works: dict[str, list[dict[str, Any]]]) -> None:
    """Versions named in the URL (``?old=ID&new=ID``, a reload or a link) are the ones compared."""
    old, new = url_value("old"), url_value("new")
    if old is None or new is None:
        return
    work = next((w for w, v in works.items() if {old, new} <= {d["document_id"] for d in v}), None)
    if work is None:
        st.warning(t("study.changes_link_unknown"))
        link_view({"old": None, "new": None})
        return
    state = st.session_state
    if (state.get("c_work"), state.get(f"c_old-{work}"), state.get(f"c_new-{work}")) != (
        work,
        old,
        new,
    ):
        state["c_work"], state[f"c_old-{work}"], state[f"c_new-{work}"] = work, old, new


def _link_changes(works: dict[str, list[dict[str, Any]]]) -> None:
    """``on_change`` of the comparison's choices: name the versions compared in the URL."""
    work = st.session_state["c_work"]
    versions = [d["document_id"] for d in works[work]]
    old = st.session_state.get(f"c_old-{work}", versions[-2])
    new = st.session_state.get(f"c_new-{work}", versions[-1])
    link_view({"old": old, "new": new})


def _what_changed() -> None:
    works = _works()
    if not works:
        st.info(t("study.no_versions"))
        return
    _follow_changes_link(works)
    st.caption(t("study.changes_caption"))
    c1, c2, c3 = st.columns([2, 1, 1])
    work = c1.selectbox(
        t("study.text"),
        list(works),
        format_func=lambda w: works[w][0]["title"],
        key="c_work",
        on_change=_link_changes,
        args=(works,),
    )
    versions = [d["document_id"] for d in works[work]]
    dated = {d["document_id"]: _dated(d) for d in works[work]}
    old = c2.selectbox(
        t("study.old_version"),
        versions,
        index=len(versions) - 2,
        format_func=dated.__getitem__,
        key=f"c_old-{work}",
        on_change=_link_changes,
        args=(works,),
    )
    new = c3.selectbox(
        t("study.new_version"),
        versions,
        index=len(versions) - 1,
        format_func=dated.__getitem__,
        key=f"c_new-{work}",
        on_change=_link_changes,
        args=(works,),
    )
    if old == new:
        st.warning(t("study.same_versions"))
        return
    try:
        changes = _changes(old, new)
    except StoreError as exc:
        st.error(md(said(exc)))
        return
    _change_counts(changes)
    _briefing(changes, f"{dated[old]}-{dated[new]}")
    _change_questions(changes)
    _word_diffs(changes)


def _change_counts(changes: StudyChanges) -> None:
    counts = changes.counts
    m = st.columns(5)
    for column, kind in zip(
        m, ("changed", "added", "removed", "renumbered", "unchanged"), strict=True
    ):
        column.metric(t(f"study.count_{kind}"), counts.get(kind, 0))
    st.caption(t("study.counts_caption"))


def _briefing(changes: StudyChanges, versions: str) -> None:
    st.subheader(t("study.briefing"))
    st.caption(t("study.briefing_caption"))
    lines = "\n".join(f"- {md(line)}" for line in changes.briefing[1:])
    st.markdown(lines or t("study.no_change"))
    d1, d2, _ = st.columns([1, 1, 3])
    subject = f"{changes.title}-{versions}"
    download(
        d1,
        t("study.download_briefing_docx"),
        lambda: changes_docx(changes),
        key="c_download_docx",
        file_name=export_name(subject, "export.name_changes", "docx"),
        mime=DOCX,
    )
    download(
        d2,
        t("study.download_briefing_md"),
        lambda: changes_markdown(changes).encode("utf-8"),
        key="c_download_md",
        file_name=export_name(subject, "export.name_changes", "md"),
        mime="text/markdown",
    )


def _change_questions(changes: StudyChanges) -> None:
    st.subheader(t("study.change_questions", count=len(changes.items)))
    if not changes.items:
        st.caption(t("study.no_change_questions"))
    for n, item in enumerate(changes.items, 1):
        q = item.quiz
        with st.container(border=True):
            st.markdown(
                t("study.change_item_head", n=n, type=type_label(q.type), source=md(item.number))
            )
            quiz_body(q)


def _word_diffs(changes: StudyChanges) -> None:
    with st.expander(t("study.word_diffs", count=len(changes.changes))):
        st.caption(t("study.diff_caption"))
        for c in changes.changes:
            st.markdown(f"**{md(change_title(c, language() == 'zh'))}**")
            if c.diff:
                html_block(diff_html(c.diff))
            elif c.new or c.old:
                st.markdown(md((c.new or c.old).text))  # type: ignore[union-attr]


TABS = {"pack": t("study.tab_pack"), "changes": t("study.tab_changes")}
open_linked_tab(TABS_KEY, TABS)
pack_tab, changes_tab = st.tabs(
    list(TABS.values()), key=TABS_KEY, on_change=link_tab, args=(TABS_KEY, TABS)
)
with pack_tab:
    _follow_pack_link()
    _build_form()
    built: StudyPack | None = st.session_state.get(PACK)
    if built is None:
        st.info(t("study.choose"))
    else:
        preview(built)
with changes_tab:
    _what_changed()
save_view(PAGE, VIEW)
