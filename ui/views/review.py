"""Review page: pick a text (and optionally its upper law), see the findings by type and
severity, grouped where they say the same thing, the two articles side by side with the
differing words marked, and decide on a finding or a whole group.

A decision is a button callback that writes the store before the page runs again, and the
whole page runs again (issue 18): the counts above take it in at once, the decided card leaves
the pending list (or shows its decision) and no button of the old page is left to click. (Cards
were fragments once: a decision reran only its card, so the counts stayed behind and the
decided card kept its buttons in the pending list.) The decision is confirmed in a toast, as
the card may be gone. "批量处理待处理问题" decides every pending finding, or every pending
finding of one type, at once after a confirmation tick, each finding through the same
:func:`index.review.groups.decide_all` as a card (its permission check, decision and log entry).

The review shown is in the URL (``/review?review=ID&against=ID&dense=1``, see
:mod:`ui.session`): a reload, Back or a shared link runs the same review again, and its
decisions come back from the store. When no upper law is chosen, the page says which it took
and why (the basis the text declares, in the version in force when the text was made).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import streamlit as st

from index.accounts import Permission, User
from index.review.groups import FindingGroup, decide_all, group_findings
from index.review.stored_texts import DocumentReview, decisions, review_document
from index.store.database import StoreError
from nlp.review.findings import SEVERITIES, ReviewFinding
from ui.components import html_block, md, spans_html
from ui.data import require_page, review_embedder, store
from ui.export.names import export_name
from ui.export.review_report import (
    articles_text,
    finding_name,
    finding_text,
    review_docx,
    review_xlsx,
)
from ui.i18n import t
from ui.i18n.dates import format_date
from ui.i18n.errors import said
from ui.session import REVIEW_VIEW, ReviewLink, link_review, linked_review, restore_view, save_view
from ui.views.downloads import download

SEVERITY_COLOURS = {"error": "red", "warning": "orange", "info": "gray"}
LOCAL_FIRST = ("local_regulation", "local_rule", "departmental_rule", "administrative_regulation")
STATES = ("open", "all", "accepted", "dismissed")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOWN_AT_MOST = 100
PAGE = "views/review.py"
SHOWN_KEY = "r_shown"  # the ReviewLink of the review kept in st.session_state["review"]
SAID_KEY = "r_decided"  # the confirmation of the last decision, said once by the next run
BULK_SCOPE_KEY = "r_bulk_scope"  # "*" (every pending finding) or one finding code
BULK_NOTE_KEY = "r_bulk_note"
BULK_CONFIRM_KEY = "r_bulk_confirm"
BULK_FAILED_KEY = "r_bulk_failed"


def severity_badge(severity: str) -> str:
    """The severity as a coloured badge in the interface language."""
    colour = SEVERITY_COLOURS.get(severity, "gray")
    return f":{colour}-badge[{t(f'severity.{severity}')}]"


def _choose(documents: list[dict]) -> tuple[str, list[str], bool]:
    label = {
        d["document_id"]: f"{d['title']} · "
        + (format_date(d["version_date"]) if d["version_date"] else t("review.undated"))
        for d in documents
    }
    ordered = sorted(documents, key=lambda d: (d["level"] not in LOCAL_FIRST, d["title"]))
    c1, c2 = st.columns(2)
    target = c1.selectbox(
        t("review.target"),
        [d["document_id"] for d in ordered],
        format_func=label.__getitem__,
        key="r_doc",
    )
    against = c2.multiselect(
        t("review.against"),
        [d["document_id"] for d in documents if d["document_id"] != target],
        format_func=label.__getitem__,
        key="r_against",
        placeholder=t("review.choose_options"),
        select_all=False,
    )
    dense = st.checkbox(t("review.dense"), key="r_dense", help=t("review.dense_help"))
    st.session_state["r_labels"] = label
    return target, against, dense


def _run(user: User, view: ReviewLink) -> None:
    """Run the review ``view`` names and keep it (with what it was run on) for the page."""
    st.session_state[SHOWN_KEY] = view
    with st.spinner(t("review.running")), store() as opened:
        try:
            st.session_state["review"] = review_document(
                opened,
                view.document_id,
                against=list(view.against) or None,
                embedder=review_embedder() if view.dense else None,
                user=user,
            )
        except StoreError as exc:
            st.session_state.pop("review", None)
            st.error(md(said(exc)))


def _follow_link(user: User, documents: list[dict]) -> None:
    """A URL naming a review (a reload, Back, a link): its choices go back into the widgets
    when the page arrives without them, and the review is run again unless this session
    already holds it. A link to texts the library no longer holds is said and dropped."""
    view = linked_review()
    if view is None:
        return
    known = {d["document_id"] for d in documents}
    if view.document_id not in known or not set(view.against) <= known - {view.document_id}:
        st.warning(t("review.link_unknown"))
        link_review(None)
        return
    held = st.session_state.get(SHOWN_KEY) == view and "review" in st.session_state
    if not held or "r_doc" not in st.session_state:
        st.session_state["r_doc"] = view.document_id
        st.session_state["r_against"] = list(view.against)
        st.session_state["r_dense"] = view.dense
    if not held:
        _run(user, view)


def _why_uppers(result: DocumentReview, view: ReviewLink, documents: list[dict]) -> None:
    """Say which upper laws the review took and why: the ones chosen, or the basis the text
    declares in the version in force when it was made, with any newer version the library
    holds."""
    if view.against:
        st.caption(t("review.uppers_chosen"))
        return
    by_id = {d["document_id"]: d for d in documents}
    target = by_id.get(result.document_id, {})
    made = target.get("version_date") or target.get("effective") or ""
    for upper_id, title in result.against:
        upper = by_id.get(upper_id, {})
        start = _start(upper)
        version = format_date(upper.get("version_date")) or t("review.undated")
        if made and start and start <= made:
            line = t(
                "review.basis_in_force", title=md(title), made=format_date(made), version=version
            )
        else:
            line = t("review.basis_newest", title=md(title), version=version)
        newer = sorted(
            format_date(d["version_date"]) or t("review.undated")
            for d in documents
            if d["work_id"] == upper.get("work_id")
            and d["document_id"] != upper_id
            and _start(d) > start
        )
        if newer:
            line += t("review.basis_newer", versions="、".join(newer))
        st.caption(line)


def _start(row: dict) -> str:
    """When a version took effect: its effective date, else its version date (as the review
    chooses its upper laws)."""
    return max(row.get("version_date") or "", row.get("effective") or "")


def _metrics(result: DocumentReview) -> None:
    labels = st.session_state.get("r_labels", {})
    uppers = "、".join(labels.get(i, title) for i, title in result.against)
    by_severity = Counter(f.severity for f in result.findings)
    m = st.columns(5)
    m[0].metric(t("review.metric_findings"), len(result.findings))
    m[1].metric(t("review.metric_errors"), by_severity["error"])
    m[2].metric(t("review.metric_warnings"), by_severity["warning"])
    m[3].metric(t("review.metric_verbatim"), f"{result.verbatim_rate:.0%}")
    m[4].metric(
        t("review.metric_decided"), sum(f.finding_id in result.decisions for f in result.findings)
    )
    seconds = f"{sum(result.timings.values()):.2f}"
    st.caption(t("review.against_caption", uppers=md(uppers), seconds=seconds))


def _filters(result: DocumentReview) -> tuple[list[str], list[str], str]:
    codes = sorted({f.code for f in result.findings})
    f1, f2, f3 = st.columns(3)
    chosen_codes = f1.multiselect(
        t("review.filter_type"),
        codes,
        format_func=finding_name,
        key="r_codes",
        placeholder=t("review.choose_options"),
        select_all=False,
    )
    chosen_severity = f2.multiselect(
        t("review.filter_severity"),
        list(SEVERITIES),
        format_func=lambda s: t(f"severity.{s}"),
        key="r_sev",
        placeholder=t("review.choose_options"),
        select_all=False,
    )
    state = f3.selectbox(
        t("review.filter_decision"), STATES, format_func=lambda s: t(f"decision.{s}"), key="r_state"
    )
    table = Counter((f.code, f.severity) for f in result.findings)
    with st.expander(t("review.by_type")):
        st.dataframe(
            [
                {
                    t("review.column_type"): finding_name(c),
                    t("review.column_severity"): t(f"severity.{s}"),
                    t("review.column_count"): n,
                }
                for (c, s), n in sorted(table.items())
            ],
            hide_index=True,
            width="stretch",
        )
    return chosen_codes, chosen_severity, state


def _is_shown(
    f: ReviewFinding, result: DocumentReview, codes: list[str], severities: list[str], state: str
) -> bool:
    decided = result.decisions.get(f.finding_id, {}).get("decision")
    return (
        (not codes or f.code in codes)
        and (not severities or f.severity in severities)
        and (
            state == "all"
            or (state == "open" and decided is None)
            or (state not in ("open", "all") and decided == state)
        )
    )


def _decide(user: User, ids: list[str], decision: str, note_key: str, state_key: str) -> None:
    """Button callback: record the decision for every member. It runs before the page does,
    so the page that follows is drawn with the decision stored."""
    with store() as opened:
        try:
            count = decide_all(opened, user, ids, decision, st.session_state.get(note_key, ""))
        except StoreError as exc:
            st.session_state[state_key] = said(exc)  # said on the card, still undecided
        else:
            label = t(f"decision.{decision}")
            st.session_state[SAID_KEY] = t("review.decided_saved", decision=label, count=count)


def finding_card(group: FindingGroup, title: str, user: User, decided: dict[str, dict]) -> None:
    """One group of findings: what they say, the articles, both texts, and the decision form
    (``decided``: the stored decisions of the review, read by this run)."""
    f = group.first
    states = {decided.get(i, {}).get("decision") for i in group.ids}
    state_key = f"decided-{f.finding_id}"
    with st.container(border=True):
        tag = ""
        if len(states) == 1 and None not in states:
            tag = f" :violet-badge[{t(f'decision.{states.pop()}')}]"
        st.markdown(
            f"{severity_badge(f.severity)} **{finding_name(f.code)}**{tag} · "
            + md(finding_text(f.message))
        )
        if len(group.articles) > 1:
            st.caption(
                t(
                    "review.group_articles",
                    count=len(group.articles),
                    articles=md(articles_text(group.articles)),
                )
            )
        left, right = st.columns(2)
        with left:
            st.caption(f"{md(title)} {md(f.local_number or '')}")
            if f.local_text:
                html_block(spans_html(f.local_text, f.local_marks))
        with right:
            st.caption(f"{md(f.upper_title)} {md(f.upper_number or '')}")
            if f.upper_text:
                html_block(spans_html(f.upper_text, f.upper_marks))
        st.markdown(t("review.fix", fix=md(finding_text(f.fix))))
        mine = [decided[i] for i in group.ids if i in decided]
        for row in {(d["decided_by"], d["note"]) for d in mine if d.get("note")}:
            st.caption(t("review.decided_by", user=md(row[0]), note=md(row[1])))
        _decision_form(group, user, state_key)


def _decision_form(group: FindingGroup, user: User, state_key: str) -> None:
    f = group.first
    n = len(group.members)
    note_key = f"note-{f.finding_id}"
    with st.form(f"decide-{f.finding_id}", border=False):
        st.text_input(t("review.note"), key=note_key)
        a, d, _ = st.columns([1, 1, 3])
        accept = t("review.accept_all", count=n) if n > 1 else t("review.accept")
        dismiss = t("review.dismiss_all", count=n) if n > 1 else t("review.dismiss")
        a.form_submit_button(
            accept, on_click=_decide, args=(user, group.ids, "accepted", note_key, state_key)
        )
        d.form_submit_button(
            dismiss, on_click=_decide, args=(user, group.ids, "dismissed", note_key, state_key)
        )
    failed = st.session_state.pop(state_key, None)
    if failed:
        st.error(md(failed))


def _pending_by_scope(result: DocumentReview) -> dict[str, list[str]]:
    """The pending findings' ids: ``"*"`` for all of them, then one entry per finding code
    that has any, in code order."""
    pending = [f for f in result.findings if f.finding_id not in result.decisions]
    scopes = {"*": [f.finding_id for f in pending]}
    for code in sorted({f.code for f in pending}):
        scopes[code] = [f.finding_id for f in pending if f.code == code]
    return scopes


def _decide_bulk(user: User, decision: str, scopes: dict[str, list[str]]) -> None:
    """Bulk form callback: with the confirmation ticked, record ``decision`` for every finding
    of the chosen scope still pending now (another reviewer may have decided some since the
    page was drawn), each through :func:`decide_all` as a card's decision is."""
    if not st.session_state.get(BULK_CONFIRM_KEY):
        st.session_state[BULK_FAILED_KEY] = t("review.bulk_unconfirmed")
        return
    ids = scopes.get(st.session_state.get(BULK_SCOPE_KEY) or "*", [])
    with store() as opened:
        taken = decisions(opened, ids)
        pending = [i for i in ids if i not in taken]
        try:
            count = decide_all(
                opened, user, pending, decision, st.session_state.get(BULK_NOTE_KEY, "")
            )
        except StoreError as exc:
            st.session_state[BULK_FAILED_KEY] = said(exc)
            return
    st.session_state[BULK_CONFIRM_KEY] = False  # the next bulk decision is confirmed anew
    label = t(f"decision.{decision}")
    st.session_state[SAID_KEY] = t("review.decided_saved", decision=label, count=count)


def _bulk_form(result: DocumentReview, user: User) -> None:
    """One decision for every pending finding, or every pending finding of one type, after a
    confirmation tick (issue 18: 30 pending findings were 30 clicks)."""
    scopes = _pending_by_scope(result)
    with st.expander(t("review.bulk"), icon=":material/done_all:"):
        if not scopes["*"]:
            st.caption(t("review.bulk_none"))
            return
        if st.session_state.get(BULK_SCOPE_KEY) not in scopes:
            st.session_state.pop(BULK_SCOPE_KEY, None)  # a type decided since: back to all

        def scope_label(scope: str) -> str:
            count = len(scopes[scope])
            if scope == "*":
                return t("review.bulk_all", count=count)
            return t("review.bulk_type", name=finding_name(scope), count=count)

        with st.form("r_bulk", border=False):
            st.selectbox(
                t("review.bulk_scope"), list(scopes), format_func=scope_label, key=BULK_SCOPE_KEY
            )
            st.text_input(t("review.note"), key=BULK_NOTE_KEY)
            st.checkbox(t("review.bulk_confirm"), key=BULK_CONFIRM_KEY)
            a, d, _ = st.columns([1, 1, 3])
            a.form_submit_button(
                t("review.bulk_accept"), on_click=_decide_bulk, args=(user, "accepted", scopes)
            )
            d.form_submit_button(
                t("review.bulk_dismiss"), on_click=_decide_bulk, args=(user, "dismissed", scopes)
            )
        failed = st.session_state.pop(BULK_FAILED_KEY, None)
        if failed:
            st.error(md(failed))


def _fresh(result: DocumentReview) -> DocumentReview:
    """The review with the decisions as stored now (someone may have decided since the page
    was drawn)."""
    with store() as opened:
        now = decisions(opened, [f.finding_id for f in result.findings])
    return replace(result, decisions=now)


def _downloads(result: DocumentReview) -> None:
    d1, d2, _ = st.columns([1, 1, 3])
    download(
        d1,
        t("review.download_opinion"),
        lambda: review_docx(_fresh(result)),
        key="r_download_docx",
        file_name=export_name(result.title, "export.name_review_opinion", "docx"),
        mime=DOCX,
    )
    download(
        d2,
        t("review.download_findings"),
        lambda: review_xlsx(_fresh(result)),
        key="r_download_xlsx",
        file_name=export_name(result.title, "export.name_review_findings", "xlsx"),
        mime=XLSX,
    )


def main() -> None:
    """The page."""
    user = require_page(Permission.REVIEW)
    restore_view(PAGE, REVIEW_VIEW)  # the sidebar back to the page: the review last shown
    st.title(t("review.title"))
    st.caption(t("review.caption"))
    with store() as opened:
        documents = opened.documents()
    if not documents:
        st.info(t("review.empty_library"))
        st.stop()
    _follow_link(user, documents)
    target, against, dense = _choose(documents)
    if st.button(t("review.run"), type="primary", icon=":material/fact_check:"):
        _run(user, ReviewLink(target, tuple(against), dense))
    result: DocumentReview | None = st.session_state.get("review")
    view: ReviewLink | None = st.session_state.get(SHOWN_KEY)
    if result is None or view is None or result.document_id != target:
        link_review(None)  # the URL names the review shown, and none is
        save_view(PAGE, REVIEW_VIEW)
        st.info(t("review.choose"))
        st.stop()
    link_review(view)
    save_view(PAGE, REVIEW_VIEW)
    with store() as opened:  # decisions may have changed since the run
        result.decisions = decisions(opened, [f.finding_id for f in result.findings])
    _metrics(result)
    _why_uppers(result, view, documents)
    _downloads(result)
    _bulk_form(result, user)
    codes, severities, state = _filters(result)
    shown = [f for f in result.findings if _is_shown(f, result, codes, severities, state)]
    groups = group_findings(shown)
    st.caption(
        t(
            "review.shown",
            shown=len(groups),
            findings=len(shown),
            total=len(result.findings),
        )
    )
    said = st.session_state.pop(SAID_KEY, None)
    if said:
        st.toast(md(said), icon=":material/check_circle:")
    for group in groups[:SHOWN_AT_MOST]:
        finding_card(group, result.title, user, result.decisions)
    if len(groups) > SHOWN_AT_MOST:
        st.caption(t("review.first_100"))


main()
