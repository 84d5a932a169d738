"""The study pack once built: its state in the session, the preview with quiz items to edit
or drop, and its downloads (the Study page, ui/views/study.py, builds the pack)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import streamlit as st

from index.store.database import StoreError
from index.study.packs import StudyPack
from index.study.questions import StudyItem
from nlp.quiz.gate import gate
from nlp.quiz.items import FILL, LETTERS, TRUE_FALSE, QuizItem
from ui.components import md
from ui.data import store
from ui.export.study_anki import pack_apkg
from ui.export.study_docx import pack_docx
from ui.export.study_md import pack_markdown
from ui.export.study_xlsx import bank_xlsx

TYPE_LABELS = {
    "single": "single choice",
    "multiple": "multiple choice",
    "true_false": "true / false",
    "fill_blank": "fill in the blank",
}
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


# --- state ----------------------------------------------------------------------------------------


def reset_pack(pack: StudyPack | None) -> None:
    """Keep ``pack`` as the built pack, with no edits or drops yet (fresh widget keys)."""
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


# --- preview --------------------------------------------------------------------------------------


def options_block(q: QuizItem) -> str:
    """A choice item's options, one a line, the right ones marked."""
    return "  \n".join(
        f"{letter}. {md(option)}" + (" :green-badge[answer]" if letter in q.answer else "")
        for letter, option in zip(LETTERS, q.options, strict=False)
    )


def quiz_body(q: QuizItem) -> None:
    """A quiz item's question, options (for a choice item), answer and explanation."""
    st.markdown(md(q.stem))
    if q.options and q.type in ("single", "multiple"):
        st.markdown(options_block(q))
    st.markdown(f"Answer: **{md(q.answer)}**")
    st.caption(md(q.explanation))


def _item_card(n: int, item: StudyItem, prefix: str) -> None:
    edits: dict[int, QuizItem] = st.session_state[EDITS]
    dropped = n in st.session_state[DROPPED]
    q = edits.get(n, item.quiz)
    with st.container(border=True):
        tags = " :blue-badge[edited]" if n in edits else ""
        tags += " :gray-badge[dropped]" if dropped else ""
        head = f"**{n + 1}. {TYPE_LABELS[q.type]}**{tags} · difficulty {q.difficulty} of 3"
        st.markdown(f"{head} · source {md(item.number)}")
        if dropped:
            st.markdown(f"~~{md(q.stem)}~~")
            st.caption("Left out of the downloads.")
            st.button("Restore", key=f"{prefix}-drop", on_click=_toggle_drop, args=(n,))
            return
        quiz_body(q)
        for problem in st.session_state[PROBLEMS].get(n, []):
            st.error(f"Not saved: {md(problem)}")
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


def preview(built: StudyPack) -> None:
    """The built pack: its counts, the downloads, and a tab for each part (quiz items editable)."""
    pack = current_pack(built)
    _summary(built, pack)
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
    with tabs[0]:
        _quiz_tab(built)
    with tabs[1]:
        _provisions_tab(pack)
    with tabs[2]:
        _outline_tab(pack)
    with tabs[3]:
        _terms_tab(pack)
    with tabs[4]:
        _duties_tab(pack)
    with tabs[5]:
        _figures_tab(pack)


def _summary(built: StudyPack, pack: StudyPack) -> None:
    scope = {"document": "whole document", "articles": "chosen articles", "topic": "topic"}
    st.subheader(md(built.title))
    dropped, edited = len(st.session_state[DROPPED]), len(st.session_state[EDITS])
    st.caption(
        f"{md(scope.get(built.scope, built.scope))} · seed {built.seed} · "
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


def _quiz_tab(built: StudyPack) -> None:
    build = st.session_state[BUILD]
    if not built.items:
        st.info("No question of the chosen types could be made from these articles.")
    st.caption("Check each question; edit it, or drop it from the downloads.")
    for n, item in enumerate(built.items):
        _item_card(n, item, f"s{build}-item{n}")


def _provisions_tab(pack: StudyPack) -> None:
    st.caption("The articles with the most to learn, without near-duplicates.")
    for p in pack.provisions:
        with st.container(border=True):
            st.markdown(f"**{md(p.number)}** · {md(p.heading)}")
            st.markdown(md(p.text))


def _outline_tab(pack: StudyPack) -> None:
    st.caption("The pack's articles under their chapters, in the text's order.")
    for entry in pack.outline:
        numbers = "、".join(md(n) for _, n in entry.provisions)
        st.markdown(f"- **{' / '.join(md(h) for h in entry.headings)}**: {numbers}")


def _terms_tab(pack: StudyPack) -> None:
    if not pack.terms:
        st.info("These articles define no terms.")
    st.dataframe(
        [{"term": t.label, "means": t.text, "source": t.number} for t in pack.terms],
        hide_index=True,
        width="stretch",
    )


def _duties_tab(pack: StudyPack) -> None:
    if not pack.duties:
        st.info("No duty with a named bearer in these articles.")
    else:
        st.caption("Who must, must not or may do what; open a bearer to see its duties.")
    for n, (bearer, duties) in enumerate(pack.duties):
        with st.expander(f"{md(bearer)} ({len(duties)})", expanded=n == 0):
            for d in duties:
                st.markdown(f"- {md(d.text)} ({md(d.number)})")


def _figures_tab(pack: StudyPack) -> None:
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
