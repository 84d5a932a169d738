"""Study page: build a study pack (key provisions, outline, defined terms, duties, figures and
quiz items, each with its source article) for a document, some of its articles or a topic; edit
or drop quiz items before downloading the handout, the Anki deck or the question bank; and see
what changed between two versions of a text."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import streamlit as st

from index.library.accounts import Permission
from index.search.generations import IndexFilesError
from index.store.database import StoreError
from index.study.changes import StudyChanges, study_changes
from index.study.packs import (
    StudyItem,
    StudyPack,
    document_articles,
    pack_for_document,
    pack_for_query,
    select_items,
)
from nlp.quiz.items import FILL, LETTERS, QUESTION_TYPES, TRUE_FALSE, QuizItem, gate
from ui.components import LEVEL_LABELS, diff_html, html_block
from ui.data import require_page, search_engine, store
from ui.export.study_anki import pack_apkg
from ui.export.study_docx import changes_docx, pack_docx
from ui.export.study_md import changes_markdown, pack_markdown
from ui.export.study_xlsx import bank_xlsx

TYPE_LABELS = {
    "single": "single choice",
    "multiple": "multiple choice",
    "true_false": "true / false",
    "fill_blank": "fill in the blank",
}
SOURCES = ("A document", "Chosen articles of a document", "A topic")
FIGURE_LABELS = {
    "fine": "fine",
    "fine_multiple": "fine (multiple)",
    "income_share": "fine (share of income)",
    "time_limit": "time limit",
    "period": "period",
    "detention": "detention",
    "threshold": "threshold",
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Session state of the built pack: the pack, a build counter (fresh widget keys per build),
# the edited items by position, the dropped positions, and the refused edits' problems.
PACK, BUILD, EDITS, DROPPED, PROBLEMS = "s_pack", "s_build", "s_edits", "s_dropped", "s_problems"
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


# --- the pack: state -----------------------------------------------------------------------------


def _reset(pack: StudyPack | None) -> None:
    st.session_state[PACK] = pack
    st.session_state[BUILD] = st.session_state.get(BUILD, 0) + 1
    st.session_state[EDITS] = {}
    st.session_state[DROPPED] = set()
    st.session_state[PROBLEMS] = {}


def current_pack(pack: StudyPack) -> StudyPack:
    """The pack as the downloads give it: edited items in place, dropped ones left out."""
    edits: dict[int, QuizItem] = st.session_state.get(EDITS, {})
    dropped: set[int] = st.session_state.get(DROPPED, set())
    items = tuple(
        replace(item, quiz=edits.get(n, item.quiz))
        for n, item in enumerate(pack.items)
        if n not in dropped
    )
    return replace(pack, items=items)


def _toggle_drop(n: int) -> None:
    dropped: set[int] = st.session_state[DROPPED]
    dropped.symmetric_difference_update({n})


def _edited(old: QuizItem, values: dict[str, Any]) -> QuizItem:
    """``old`` with the form's stem, options, answer and explanation; the fact and the sentence
    the gate checks follow the edit, so a changed answer is checked, not the original one."""
    stem = values["stem"].strip()
    options = old.options
    answer = old.answer
    fact, context = old.fact, old.context
    if old.type in ("single", "multiple"):
        options = tuple(values[f"option{letter}"].strip() for letter in LETTERS)
        answer = "".join(values["answer"]) if old.type == "multiple" else values["answer"]
        if old.type == "single" and answer in LETTERS:
            fact = options[LETTERS.index(answer)]
    elif old.type == "true_false":
        answer = values["answer"]
    else:
        answer = values["answer"].strip()
        fact = answer
    if old.type != "multiple" and old.context and old.context in old.stem:
        # the sentence the stem asks about: the stem less what stood around it before
        head, tail = old.stem.split(old.context, 1)
        context = stem
        if stem.startswith(head) and stem.endswith(tail) and len(stem) >= len(head + tail):
            context = stem[len(head) : len(stem) - len(tail)]
    return replace(
        old,
        stem=stem,
        options=options,
        answer=answer,
        explanation=values["explanation"].strip(),
        fact=fact,
        context=context,
    )


def _save_edit(n: int, item: StudyItem, prefix: str) -> None:
    """Form callback: keep the edit only if it passes the quality gate against its article."""
    fields = ["stem", "answer", "explanation", *(f"option{letter}" for letter in LETTERS)]
    values = {f: st.session_state.get(f"{prefix}-{f}") for f in fields}
    edits: dict[int, QuizItem] = st.session_state[EDITS]
    problems: dict[int, list[str]] = st.session_state[PROBLEMS]
    edited = _edited(edits.get(n, item.quiz), values)
    with store() as opened:
        try:
            source = opened.provision(item.document_id, item.quiz.source_id)["text"]
        except StoreError as exc:
            problems[n] = [str(exc)]
            return
    found = gate(edited, source)
    if found:
        problems[n] = found
    else:
        problems.pop(n, None)
        edits[n] = edited


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
        _reset(None)
        st.error(str(exc))
        return
    wanted = [i for i in pack.items if i.quiz.type in types]
    _reset(replace(pack, items=tuple(select_items(wanted, int(n_items), int(seed)))))


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# --- the pack: preview ---------------------------------------------------------------------------


def options_block(q: QuizItem) -> str:
    """A choice item's options, one a line, the right ones marked."""
    return "  \n".join(
        f"{letter}. {option}" + (" :green-badge[answer]" if letter in q.answer else "")
        for letter, option in zip(LETTERS, q.options, strict=False)
    )


def _item_card(n: int, item: StudyItem, prefix: str) -> None:
    edits: dict[int, QuizItem] = st.session_state[EDITS]
    dropped = n in st.session_state[DROPPED]
    q = edits.get(n, item.quiz)
    with st.container(border=True):
        tags = " :blue-badge[edited]" if n in edits else ""
        tags += " :gray-badge[dropped]" if dropped else ""
        head = f"**{n + 1}. {TYPE_LABELS[q.type]}**{tags} · difficulty {q.difficulty} of 3"
        st.markdown(f"{head} · source {item.number}")
        if dropped:
            st.markdown(f"~~{q.stem}~~")
            st.caption("Left out of the downloads.")
            st.button("Restore", key=f"{prefix}-drop", on_click=_toggle_drop, args=(n,))
            return
        st.markdown(q.stem)
        if q.options and q.type in ("single", "multiple"):
            st.markdown(options_block(q))
        st.markdown(f"Answer: **{q.answer}**")
        st.caption(q.explanation)
        for problem in st.session_state[PROBLEMS].get(n, []):
            st.error(f"Not saved: {problem}")
        left, right = st.columns([5, 1])
        with left.expander("Edit this item"):
            _edit_form(n, item, q, prefix)
        right.button(
            "Drop", key=f"{prefix}-drop", on_click=_toggle_drop, args=(n,), icon=":material/delete:"
        )


def _edit_form(n: int, item: StudyItem, q: QuizItem, prefix: str) -> None:
    with st.form(f"{prefix}-form"):
        st.text_area("Question", q.stem, key=f"{prefix}-stem")
        if q.type in ("single", "multiple"):
            for letter, option in zip(LETTERS, q.options, strict=False):
                st.text_input(f"Option {letter}", option, key=f"{prefix}-option{letter}")
        if q.type == "single":
            st.selectbox(
                "Answer", list(LETTERS), index=LETTERS.index(q.answer), key=f"{prefix}-answer"
            )
        elif q.type == "multiple":
            st.multiselect("Answer", list(LETTERS), default=list(q.answer), key=f"{prefix}-answer")
        elif q.type == "true_false":
            choices = list(TRUE_FALSE[q.language])
            st.radio(
                "Answer",
                choices,
                index=choices.index(q.answer),
                horizontal=True,
                key=f"{prefix}-answer",
            )
        else:
            st.text_input(f"Answer (the words for {FILL})", q.answer, key=f"{prefix}-answer")
        st.text_area(
            "Explanation",
            q.explanation,
            key=f"{prefix}-explanation",
            help="Keep the quotation of the article in “…”: the check looks for it there.",
        )
        st.caption(
            "The change is kept only if the answer is still stated by the article, no wrong "
            "option is, and the question does not give the answer away."
        )
        st.form_submit_button("Save the change", on_click=_save_edit, args=(n, item, prefix))


def _downloads(pack: StudyPack) -> None:
    stem = "study-pack"
    c = st.columns(4)
    c[0].download_button(
        "Handout (DOCX)", lambda: pack_docx(pack), file_name=f"{stem}.docx", mime=DOCX
    )
    c[1].download_button(
        "Handout (Markdown)",
        lambda: pack_markdown(pack).encode("utf-8"),
        file_name=f"{stem}.md",
        mime="text/markdown",
    )
    c[2].download_button(
        "Anki deck (.apkg)",
        lambda: pack_apkg(pack),
        file_name=f"{stem}.apkg",
        mime="application/octet-stream",
    )
    c[3].download_button(
        "Question bank (XLSX)",
        lambda: bank_xlsx(pack.items, pack.title),
        file_name=f"{stem}-bank.xlsx",
        mime=XLSX,
    )


def _preview(built: StudyPack) -> None:
    pack = current_pack(built)
    scope = {"document": "whole document", "articles": "chosen articles", "topic": "topic"}
    st.subheader(built.title)
    dropped, edited = len(st.session_state[DROPPED]), len(st.session_state[EDITS])
    st.caption(
        f"{scope.get(built.scope, built.scope)} · seed {built.seed} · "
        f"{len(built.items)} questions built, {edited} edited, {dropped} dropped"
    )
    m = st.columns(5)
    m[0].metric("Quiz items", len(pack.items))
    m[1].metric("Key provisions", len(pack.provisions))
    m[2].metric("Defined terms", len(pack.terms))
    m[3].metric("Duties", sum(len(d) for _, d in pack.duties))
    m[4].metric("Figures", len(pack.figures))
    gate_stats = built.gate
    if gate_stats.get("candidates"):
        st.caption(
            f"Quality check: {gate_stats['passed']} of {gate_stats['candidates']} generated "
            "questions passed (the answer is stated by the cited article, no wrong option is, "
            "the question does not give the answer away); only those are offered."
        )
    st.markdown("**Download** (edits and drops included)")
    _downloads(pack)
    tabs = st.tabs(
        [
            f"Quiz ({len(pack.items)})",
            "Key provisions",
            "Outline",
            "Defined terms",
            "Duties by bearer",
            "Figures to remember",
        ]
    )
    build = st.session_state[BUILD]
    with tabs[0]:
        if not built.items:
            st.info("No question of the chosen types could be made from these articles.")
        st.caption("Check each question; edit it, or drop it from the downloads.")
        for n, item in enumerate(built.items):
            _item_card(n, item, f"s{build}-item{n}")
    with tabs[1]:
        st.caption("The articles with the most to learn, without near-duplicates.")
        for p in pack.provisions:
            with st.container(border=True):
                st.markdown(f"**{p.number}** · {p.heading}")
                st.markdown(p.text)
    with tabs[2]:
        st.caption("The pack's articles under their chapters, in the text's order.")
        for entry in pack.outline:
            numbers = "、".join(n for _, n in entry.provisions)
            st.markdown(f"- **{' / '.join(entry.headings)}**: {numbers}")
    with tabs[3]:
        if not pack.terms:
            st.info("These articles define no terms.")
        st.dataframe(
            [{"term": t.label, "means": t.text, "source": t.number} for t in pack.terms],
            hide_index=True,
            width="stretch",
        )
    with tabs[4]:
        if not pack.duties:
            st.info("No duty with a named bearer in these articles.")
        else:
            st.caption("Who must, must not or may do what; open a bearer to see its duties.")
        for n, (bearer, duties) in enumerate(pack.duties):
            with st.expander(f"{bearer} ({len(duties)})", expanded=n == 0):
                for d in duties:
                    st.markdown(f"- {d.text} ({d.number})")
    with tabs[5]:
        st.caption("Fines, time limits and thresholds, each with its sentence.")
        st.dataframe(
            [
                {
                    "figure": f.text,
                    "kind": FIGURE_LABELS.get(f.label, f.label),
                    "source": f.number,
                    "sentence": f.context,
                }
                for f in pack.figures
            ],
            hide_index=True,
            width="stretch",
        )


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
        st.error(str(exc))
        return
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
    st.subheader("Briefing")
    st.caption("The substantive changes: changed figures, new duties, added and removed articles.")
    st.markdown("\n".join(f"- {line}" for line in changes.briefing[1:]) or "No substantive change.")
    d1, d2, _ = st.columns([1, 1, 3])
    name = f"what-changed-{dated[old]}-{dated[new]}"
    d1.download_button(
        "Briefing (DOCX)", lambda: changes_docx(changes), file_name=f"{name}.docx", mime=DOCX
    )
    d2.download_button(
        "Briefing (Markdown)",
        lambda: changes_markdown(changes).encode("utf-8"),
        file_name=f"{name}.md",
        mime="text/markdown",
    )
    st.subheader(f"Questions about the changes ({len(changes.items)})")
    if not changes.items:
        st.caption("No changed figure could be asked about.")
    for n, item in enumerate(changes.items, 1):
        q = item.quiz
        with st.container(border=True):
            st.markdown(f"**{n}. {TYPE_LABELS[q.type]}** · source {item.number}")
            st.markdown(q.stem)
            if q.type in ("single", "multiple"):
                st.markdown(options_block(q))
            st.markdown(f"Answer: **{q.answer}**")
            st.caption(q.explanation)
    with st.expander(f"Every changed article, word by word ({len(changes.changes)})"):
        st.caption("Struck through in red: taken out; in green: put in.")
        for c in changes.changes:
            old_no = c.old.number if c.old else "—"
            new_no = c.new.number if c.new else "—"
            st.markdown(f"**{c.kind}**: {old_no} → {new_no}")
            if c.diff:
                html_block(diff_html(c.diff))
            elif c.new or c.old:
                st.markdown((c.new or c.old).text)  # type: ignore[union-attr]


pack_tab, changes_tab = st.tabs(["Study pack", "What changed"])
with pack_tab:
    _build_form()
    built: StudyPack | None = st.session_state.get(PACK)
    if built is None:
        st.info("Choose what to study and build the pack; it takes a second or two.")
    else:
        _preview(built)
with changes_tab:
    _what_changed()
