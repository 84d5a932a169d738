"""The study pack once built: its state in the session, the preview with quiz items to edit
or drop, and its downloads (the Study page, ui/views/study.py, builds the pack).

What the user changed survives a reload and a shared link, as the pack itself does (it is built
again from its URL): the items dropped are named in the URL (``drop=3,7``), and the items edited
are kept in the store (``index/study/edits.py``) under an id the URL carries (``edits=<id>``),
so that another app server on the same store shows them too. Edits are whole questions, options
and explanations, too long for an address a user pastes into a message; the id is the first 16
hex digits of the SHA-256 of the edits, so a link names one fixed set of edits: a colleague who
edits further gets a new id, and the link already sent still shows what it showed.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any

import streamlit as st

from index.store.database import StoreError
from index.study.edits import keep_edits, kept_edits, latest_pack_state, save_pack_state
from index.study.packs import StudyPack
from index.study.questions import StudyItem
from nlp.quiz.gate import gate
from nlp.quiz.items import FILL, LETTERS, TRUE_FALSE, QuizItem
from ui.components import md
from ui.data import current_user, store
from ui.export.names import export_name
from ui.export.study_anki import pack_apkg
from ui.export.study_docx import pack_docx
from ui.export.study_labels import cite
from ui.export.study_md import pack_markdown
from ui.export.study_xlsx import bank_xlsx
from ui.i18n import has, t
from ui.i18n.errors import said
from ui.session import link_view
from ui.views.downloads import download

# the session key naming why the built pack holds no question ("no_types", "no_count" or None)
NO_QUIZ_KEY = "s_no_quiz"


def type_label(question_type: str) -> str:
    """A question type's name in the interface language (单选题 …)."""
    return t(f"study.type_{question_type}")


def figure_label(kind: str) -> str:
    """A figure kind's name (罚款, 期限 …); an unknown kind as stored."""
    key = f"study.figure_{kind}"
    return t(key) if has(key) else kind


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Session state of the built pack: the pack, a build counter (fresh widget keys per build),
# the edited items by position, the dropped positions, and the refused edits' problems.
PACK, BUILD, EDITS, DROPPED, PROBLEMS = "s_pack", "s_build", "s_edits", "s_dropped", "s_problems"
# The key of the pack built (what built it) and, when the user's saved changes were put back on
# opening it, how many items they edited and dropped.
PACK_KEY, RESTORED = "s_pack_key", "s_restored"
# The URL parameter of the dropped items, by their numbers as shown (``drop=3,7``): a reload
# builds the pack again from its URL, and drops them again (issue 18).
DROP_PARAM = "drop"
# The URL parameter of the edited items, an id of the edits kept in the workspace.
EDITS_PARAM = "edits"


# --- state ----------------------------------------------------------------------------------------


def reset_pack(pack: StudyPack | None) -> None:
    """Keep ``pack`` as the built pack, with no edits or drops yet (fresh widget keys)."""
    st.session_state[PACK] = pack
    st.session_state[BUILD] = st.session_state.get(BUILD, 0) + 1
    st.session_state[EDITS] = {}
    st.session_state[DROPPED] = set()
    st.session_state[PROBLEMS] = {}
    st.session_state.pop(PACK_KEY, None)
    st.session_state.pop(RESTORED, None)


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


def drop_items(numbers: str | None) -> None:
    """Drop the built pack's items ``numbers`` names (``3,7``, as shown: from 1); numbers that
    are not items are ignored. The URL then names exactly the items dropped."""
    pack: StudyPack | None = st.session_state.get(PACK)
    count = len(pack.items) if pack is not None else 0
    wanted = {int(n) - 1 for n in (numbers or "").split(",") if n.strip().isdigit()}
    st.session_state[DROPPED] = {n for n in wanted if 0 <= n < count}
    _link_dropped()


def edits_record(pack: StudyPack, edits: dict[int, QuizItem]) -> dict[str, Any]:
    """``edits`` (the items of ``pack`` by position) as kept: each edit records the article its
    item asks about, so that edits are applied only to the item they were made on (a pack built
    again from a changed library may differ)."""
    return {
        str(n): {"source_id": pack.items[n].quiz.source_id, "quiz": asdict(q)}
        for n, q in sorted(edits.items())
    }


def edits_of(pack: StudyPack, record: Any) -> dict[int, QuizItem]:
    """The edits of a kept ``record`` that fit ``pack`` (by position and article)."""
    edits: dict[int, QuizItem] = {}
    for key, entry in record.items() if isinstance(record, dict) else ():
        n = int(key) if str(key).isdigit() else -1
        if not 0 <= n < len(pack.items) or not isinstance(entry, dict):
            continue
        if pack.items[n].quiz.source_id != entry.get("source_id"):
            continue
        try:
            fields = dict(entry["quiz"])
            edits[n] = QuizItem(**{**fields, "options": tuple(fields.get("options", ()))})
        except (KeyError, TypeError, ValueError):
            continue
    return edits


def restore_edits(edits_id: str | None) -> None:
    """Apply to the built pack the edits the URL names (``edits=<id>``); the URL then names
    exactly the edits applied, or none."""
    pack: StudyPack | None = st.session_state.get(PACK)
    edits: dict[int, QuizItem] = {}
    if pack is not None and edits_id:
        with store() as opened:
            edits = edits_of(pack, kept_edits(opened, edits_id))
    st.session_state[EDITS] = edits
    _link_edits()


def restore_saved(key: str) -> None:
    """Name the built pack ``key`` and put back the signed-in user's latest saved changes to it
    (issue 18: edits lived only in the URL, so a pack opened again from the Study page showed
    none). Called when the pack is opened without changes in its URL; the page then says so."""
    pack: StudyPack | None = st.session_state.get(PACK)
    st.session_state[PACK_KEY] = key
    user = current_user()
    if pack is None or user is None:
        return
    with store() as opened:
        record, dropped = latest_pack_state(opened, user.username, key)
    edits = edits_of(pack, record)
    gone = {n for n in dropped if 0 <= n < len(pack.items)}
    if not edits and not gone:
        return
    st.session_state[EDITS] = edits
    st.session_state[DROPPED] = gone
    st.session_state[RESTORED] = (len(edits), len(gone))
    _link_edits()
    _link_dropped()


def _remember() -> None:
    """Keep the built pack's edits and drops as the signed-in user's latest state of it."""
    pack: StudyPack | None = st.session_state.get(PACK)
    key = st.session_state.get(PACK_KEY)
    user = current_user()
    if pack is None or key is None or user is None:
        return
    edits: dict[int, QuizItem] = st.session_state.get(EDITS, {})
    dropped: set[int] = st.session_state.get(DROPPED, set())
    with store() as opened:
        save_pack_state(opened, user.username, key, edits_record(pack, edits), sorted(dropped))


def _start_over() -> None:
    """Button callback: the pack's original items, no edits or drops (kept as the latest state,
    so the pack opens as generated from now on); fresh widget keys show the original texts."""
    st.session_state[EDITS] = {}
    st.session_state[DROPPED] = set()
    st.session_state[PROBLEMS] = {}
    st.session_state[BUILD] = st.session_state.get(BUILD, 0) + 1
    st.session_state.pop(RESTORED, None)
    _link_edits()
    _link_dropped()
    _remember()


def _link_edits() -> None:
    pack: StudyPack | None = st.session_state.get(PACK)
    edits: dict[int, QuizItem] = st.session_state.get(EDITS, {})
    edits_id = None
    if pack is not None and edits:
        with store() as opened:
            edits_id = keep_edits(opened, edits_record(pack, edits))
    link_view({EDITS_PARAM: edits_id})


def _link_dropped() -> None:
    dropped: set[int] = st.session_state.get(DROPPED, set())
    link_view({DROP_PARAM: ",".join(str(n + 1) for n in sorted(dropped)) or None})


def _toggle_drop(n: int) -> None:
    dropped: set[int] = st.session_state[DROPPED]
    dropped.symmetric_difference_update({n})
    _link_dropped()
    _remember()


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
            problems[n] = [said(exc)]
            return
    found = gate(edited, source)
    if found:
        problems[n] = found
    else:
        problems.pop(n, None)
        edits[n] = edited
        _link_edits()
        _remember()


# --- preview --------------------------------------------------------------------------------------


def options_block(q: QuizItem) -> str:
    """A choice item's options, one a line, the right ones marked."""
    return "  \n".join(
        f"{letter}. {md(option)}"
        + (f" :green-badge[{t('study.answer_badge')}]" if letter in q.answer else "")
        for letter, option in zip(LETTERS, q.options, strict=False)
    )


def quiz_body(q: QuizItem) -> None:
    """A quiz item's question, options (for a choice item), answer and explanation."""
    st.markdown(md(q.stem))
    if q.options and q.type in ("single", "multiple"):
        st.markdown(options_block(q))
    st.markdown(t("study.answer_line", answer=md(q.answer)))
    st.caption(md(q.explanation))


def _item_card(n: int, item: StudyItem, prefix: str) -> None:
    edits: dict[int, QuizItem] = st.session_state[EDITS]
    dropped = n in st.session_state[DROPPED]
    q = edits.get(n, item.quiz)
    with st.container(border=True):
        tags = f" :blue-badge[{t('study.edited')}]" if n in edits else ""
        tags += f" :gray-badge[{t('study.dropped')}]" if dropped else ""
        st.markdown(
            t(
                "study.item_head",
                n=n + 1,
                type=type_label(q.type),
                tags=tags,
                difficulty=q.difficulty,
                source=md(cite(item)),
            )
        )
        if dropped:
            st.markdown(f"~~{md(q.stem)}~~")
            st.caption(t("study.left_out"))
            st.button(t("study.restore"), key=f"{prefix}-drop", on_click=_toggle_drop, args=(n,))
            return
        quiz_body(q)
        for problem in st.session_state[PROBLEMS].get(n, []):
            st.error(t("study.not_saved", problem=md(said(problem))))
        left, right = st.columns([5, 1])
        with left.expander(t("study.edit")):
            _edit_form(n, item, q, prefix)
        right.button(
            t("study.drop"),
            key=f"{prefix}-drop",
            on_click=_toggle_drop,
            args=(n,),
            icon=":material/delete:",
        )


def _edit_form(n: int, item: StudyItem, q: QuizItem, prefix: str) -> None:
    with st.form(f"{prefix}-form"):
        st.text_area(t("study.question"), q.stem, key=f"{prefix}-stem")
        if q.type in ("single", "multiple"):
            for letter, option in zip(LETTERS, q.options, strict=False):
                st.text_input(
                    t("study.option", letter=letter), option, key=f"{prefix}-option{letter}"
                )
        answer = t("study.answer")
        if q.type == "single":
            st.selectbox(
                answer, list(LETTERS), index=LETTERS.index(q.answer), key=f"{prefix}-answer"
            )
        elif q.type == "multiple":
            st.multiselect(
                answer,
                list(LETTERS),
                default=list(q.answer),
                key=f"{prefix}-answer",
                placeholder=t("common.choose"),
                select_all=False,
            )
        elif q.type == "true_false":
            choices = list(TRUE_FALSE[q.language])
            st.radio(
                answer,
                choices,
                index=choices.index(q.answer),
                horizontal=True,
                key=f"{prefix}-answer",
            )
        else:
            st.text_input(t("study.answer_fill", blank=FILL), q.answer, key=f"{prefix}-answer")
        st.text_area(
            t("study.explanation"),
            q.explanation,
            key=f"{prefix}-explanation",
            help=t("study.explanation_help"),
        )
        st.caption(t("study.edit_rule"))
        st.form_submit_button(t("study.save_edit"), on_click=_save_edit, args=(n, item, prefix))


def _downloads(pack: StudyPack) -> None:
    """The four downloads, named after the pack's subject and the day (not study-pack.*)."""
    c = st.columns(4)
    title = "" if pack.scope == "topic" else pack.title  # a topic's items cite their own laws
    files = (
        ("docx", "study.download_docx", "export.name_pack", lambda: pack_docx(pack), DOCX),
        (
            "md",
            "study.download_md",
            "export.name_pack",
            lambda: pack_markdown(pack).encode("utf-8"),
            "text/markdown",
        ),
        (
            "apkg",
            "study.download_apkg",
            "export.name_deck",
            lambda: pack_apkg(pack),
            "application/octet-stream",
        ),
        (
            "xlsx",
            "study.download_xlsx",
            "export.name_bank",
            lambda: bank_xlsx(pack.items, title),
            XLSX,
        ),
    )
    for column, (extension, label, name, make, mime) in zip(c, files, strict=True):
        download(
            column,
            t(label),
            make,
            key=f"s_download_{extension}",
            file_name=export_name(pack.title, name, extension),
            mime=mime,
        )


def preview(built: StudyPack) -> None:
    """The built pack: its counts, the downloads, and a tab for each part (quiz items editable)."""
    pack = current_pack(built)
    _summary(built, pack)
    st.markdown(t("study.download"))
    _downloads(pack)
    tabs = st.tabs(
        [
            t("study.tab_quiz", count=len(pack.items)),
            t("study.tab_provisions"),
            t("study.tab_outline"),
            t("study.tab_terms"),
            t("study.tab_duties"),
            t("study.tab_figures"),
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
    st.subheader(md(built.title))
    dropped, edited = len(st.session_state[DROPPED]), len(st.session_state[EDITS])
    st.caption(
        t(
            "study.summary",
            scope=t(f"study.scope_{built.scope}"),
            seed=built.seed,
            built=len(built.items),
            edited=edited,
            dropped=dropped,
        )
    )
    restored = st.session_state.get(RESTORED)
    if restored:
        st.info(t("study.saved_restored", edited=restored[0], dropped=restored[1]))
        st.button(
            t("study.start_over"), key="s_start_over", on_click=_start_over, icon=":material/undo:"
        )
    m = st.columns(5)
    m[0].metric(t("study.metric_items"), len(pack.items))
    m[1].metric(t("study.metric_provisions"), len(pack.provisions))
    m[2].metric(t("study.metric_terms"), len(pack.terms))
    m[3].metric(t("study.metric_duties"), sum(len(d) for _, d in pack.duties))
    m[4].metric(t("study.metric_figures"), len(pack.figures))
    gate_stats = built.gate
    if gate_stats.get("candidates"):
        st.caption(
            t("study.gate", passed=gate_stats["passed"], candidates=gate_stats["candidates"])
        )


def _quiz_tab(built: StudyPack) -> None:
    build = st.session_state[BUILD]
    if not built.items:
        reason = st.session_state.get(NO_QUIZ_KEY)
        st.info(t(f"study.no_items_{reason}" if reason else "study.no_items"))
    st.caption(t("study.check_items"))
    for n, item in enumerate(built.items):
        _item_card(n, item, f"s{build}-item{n}")


def _provisions_tab(pack: StudyPack) -> None:
    st.caption(t("study.provisions_caption"))
    for p in pack.provisions:
        with st.container(border=True):
            st.markdown(f"**{md(p.number)}** · {md(p.heading)}")
            st.markdown(md(p.text))


def _outline_tab(pack: StudyPack) -> None:
    st.caption(t("study.outline_caption"))
    for entry in pack.outline:
        numbers = "、".join(md(n) for _, n in entry.provisions)
        st.markdown(f"- **{' / '.join(md(h) for h in entry.headings)}**: {numbers}")


def _terms_tab(pack: StudyPack) -> None:
    if not pack.terms:
        st.info(t("study.no_terms"))
    st.dataframe(
        [
            {
                t("study.col_term"): term.label,
                t("study.col_means"): term.text,
                t("study.col_source"): term.number,
            }
            for term in pack.terms
        ],
        hide_index=True,
        width="stretch",
    )


def _duties_tab(pack: StudyPack) -> None:
    if not pack.duties:
        st.info(t("study.no_duties"))
    else:
        st.caption(t("study.duties_caption"))
    for n, (bearer, duties) in enumerate(pack.duties):
        with st.expander(f"{md(bearer)} ({len(duties)})", expanded=n == 0):
            for d in duties:
                st.markdown(f"- {md(d.text)} ({md(d.number)})")


def _figures_tab(pack: StudyPack) -> None:
    st.caption(t("study.figures_caption"))
    st.dataframe(
        [
            {
                t("study.col_figure"): f.text,
                t("study.col_kind"): figure_label(f.label),
                t("study.col_source"): f.number,
                t("study.col_sentence"): f.context,
            }
            for f in pack.figures
        ],
        hide_index=True,
        width="stretch",
    )
