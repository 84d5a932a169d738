"""Documents page: browse the library, read a document as a navigable tree with the opened
article scrolled into view, highlighted and its related articles beside it, see the versions on
a timeline and compare two of them, follow citations both ways, and read the metadata panel.

The view is in the URL: ``/documents?doc=ID&art=PROVISION`` (``&old=…&new=…`` for a comparison,
``&tab=versions`` (``citations``, ``details``) for the tab open).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from index.accounts import Permission
from index.library.browse import article_counts, cited_by, cites
from index.store.database import NotFoundError
from ingest.model import Document, Provision, Section
from ui.components import level_label, md, open_in_document, status_badge
from ui.data import require_page, store
from ui.i18n import has, t
from ui.i18n.dates import format_date
from ui.metadata import media_name, metadata_rows, region_label, validity_label
from ui.related_view import show_related
from ui.session import link_tab, open_linked_tab
from ui.versions_view import versions_tab

OPENED_KEY = "opened-article"  # the highlighted article's container (CSS class st-key-…)
SCROLLED_KEY = "documents.scrolled"
TABS_KEY = "d_tab"
LIST_KEY = "d_list"  # the document list, whose selected row opens its document

require_page(Permission.SEARCH)

with store() as opened:
    documents = opened.documents()
    counts = article_counts(opened)
by_id = {d["document_id"]: d for d in documents}


def _label(document_id: str) -> str:
    d = by_id[document_id]
    return f"{d['title']} · {format_date(d['version_date']) or t('search.undated')}"


def _browse() -> None:
    st.title(t("docs.title"))
    if not documents:
        st.info(t("docs.empty_library"))
        return
    c1, c2, c3, c4 = st.columns(4)
    levels = c1.multiselect(
        t("meta.level"),
        sorted({d["level"] for d in documents if d["level"]}),
        format_func=level_label,
        key="d_level",
        placeholder=t("search.any"),
        select_all=False,
    )
    region_of = {d["document_id"]: region_label(d["region"], d["level"]) for d in documents}
    regions = c2.multiselect(
        t("meta.region"),
        sorted(set(region_of.values())),
        key="d_region",
        placeholder=t("search.any"),
        select_all=False,
    )
    statuses = c3.multiselect(
        t("meta.validity"),
        sorted({d["status"] for d in documents}),
        format_func=validity_label,
        key="d_status",
        placeholder=t("search.any"),
        select_all=False,
    )
    years = sorted({int(d["version_date"][:4]) for d in documents if d["version_date"]})
    span = (
        c4.slider(t("docs.year"), years[0], years[-1], (years[0], years[-1]))
        if len(years) > 1
        else None
    )
    shown = [
        d
        for d in documents
        if (not levels or d["level"] in levels)
        and (not regions or region_of[d["document_id"]] in regions)
        and (not statuses or d["status"] in statuses)
        and (
            span is None
            or span == (years[0], years[-1])  # untouched: undated documents stay listed
            or (d["version_date"] and span[0] <= int(d["version_date"][:4]) <= span[1])
        )
    ]
    st.caption(t("docs.shown", shown=len(shown), total=len(documents)))
    table = st.dataframe(
        [
            {
                t("docs.col.title"): d["title"],
                t("docs.col.level"): level_label(d["level"]),
                t("docs.col.region"): region_of[d["document_id"]],
                t("docs.col.status"): validity_label(d["status"]),
                t("docs.col.version"): format_date(d["version_date"]),
                t("docs.col.articles"): counts.get(d["document_id"], 0),
                t("docs.col.id"): d["document_id"],
            }
            for d in shown
        ],
        hide_index=True,
        width="stretch",
        on_select="rerun",  # a click on a row opens that document (issue 18)
        selection_mode="single-row",
        key=LIST_KEY,
    )
    picked = table.selection.rows
    if picked and picked[0] < len(shown):
        open_in_document(shown[picked[0]]["document_id"])
    choice = st.selectbox(
        t("docs.open"),
        [d["document_id"] for d in shown],
        index=None,
        format_func=_label,
        placeholder=t("docs.open_placeholder"),
        key="open_doc",
    )
    if choice:
        open_in_document(choice)


def _article(p: Provision, target: str | None) -> None:
    body = p.text
    if body.startswith(p.number):
        body = body[len(p.number) :].lstrip()
    heading = " ".join(
        x
        for x in (
            f"**{md(p.number)}**" if p.number else "",
            md(p.title) if p.title not in p.number else "",
        )
        if x
    )
    if p.id == target:
        with st.container(border=True, key=OPENED_KEY):
            st.markdown(f":blue-badge[{t('docs.opened')}] {heading}")
            st.text(body)
        _scroll_to_opened(target)
    else:
        if heading:
            st.markdown(heading)
        st.text(body)


def _scroll_to_opened(target: str) -> None:
    """Bring the opened article into view, once per article opened (not on every rerun)."""
    st.html(
        f"<style>.st-key-{OPENED_KEY} {{background:#fff8e1;border-left:4px solid #f0a500 "
        "!important;}</style>"
    )
    if st.session_state.get(SCROLLED_KEY) == target:
        return
    st.session_state[SCROLLED_KEY] = target
    st.html(
        "<script>(function retry(n){const el=document.querySelector("
        f"'.st-key-{OPENED_KEY}');"
        "if(el){el.scrollIntoView({block:'center'});}"
        "else if(n>0){setTimeout(function(){retry(n-1);},100);}})(50);</script>",
        unsafe_allow_javascript=True,
    )


def _sections(doc: Document) -> list[tuple[str, Section | None]]:
    """The navigation entries: each top-level section, plus the articles outside sections."""
    entries: list[tuple[str, Section | None]] = []
    if doc.provisions:
        entries.append((t("docs.outside"), None))
    elif doc.preamble:
        entries.append((t("docs.preamble"), None))
    entries += [(s.title or s.number, s) for s in doc.sections]
    return entries


def _contains(section: Section, provision_id: str) -> bool:
    return any(
        p.id == provision_id or provision_id.startswith(p.id + "/") for p in section.provisions
    ) or any(_contains(s, provision_id) for s in section.sections)


def _render_section(section: Section, target: str | None, depth: int = 0) -> None:
    if depth:
        st.markdown(f"{'#' * min(3 + depth, 5)} {md(section.title or section.number)}")
    for p in section.provisions:
        _article(p, target)
    for child in section.sections:
        _render_section(child, target, depth + 1)


def _text_tab(doc: Document, target: str | None) -> None:
    entries = _sections(doc)
    if not entries:
        st.info(t("docs.no_articles"))
        return
    names = [name for name, _ in entries]
    start = 0
    if target:
        for n, (_, section) in enumerate(entries):
            if section is not None and _contains(section, target):
                start = n
    widths = [1, 3, 1.2] if target else [1, 3]
    nav, body, *side = st.columns(widths)
    chosen = nav.radio(t("docs.contents"), names, index=start, format_func=md, key=f"toc-{doc.id}")
    section = entries[names.index(chosen)][1]
    with body:
        if section is None:
            for p in (*doc.preamble, *doc.provisions):
                _article(p, target)
        else:
            st.subheader(md(section.title or section.number))
            _render_section(section, target)
    if target and side:
        with side[0]:
            show_related(doc.id, target)


def _citations_tab(document_id: str) -> None:
    with store() as opened:
        out = cites(opened, document_id)
        into = cited_by(opened, document_id)
    left, right = st.columns(2)
    basis_badge = f" :blue-badge[{t('docs.basis')}]"
    with left:
        st.subheader(t("docs.cites"))
        if not out:
            st.caption(t("docs.cites_none"))
        for n, link in enumerate(out):
            article = t("docs.article_ref", article=link.article) if link.article else ""
            if link.article and not _zh(link.law):
                article = f" art. {link.article}"
            basis = basis_badge if link.basis else ""
            stored = "" if link.document_id else f" :gray[{t('docs.not_stored')}]"
            st.markdown(f"{md(_place(link.number))} → **{md(link.law + article)}**{basis}{stored}")
            if link.document_id and st.button(t("docs.open_button"), key=f"cite-{n}"):
                open_in_document(link.document_id)
    with right:
        st.subheader(t("docs.cited_by"))
        if not into:
            st.caption(t("docs.cited_by_none"))
        citing: dict[str, list] = {}
        for link in into:
            citing.setdefault(link.document_id or "", []).append(link)
        for n, (citing_id, links) in enumerate(citing.items()):
            places = "、".join(
                _place(link.number) + (f"（{t('docs.basis')}）" if link.basis else "")
                for link in links
            )
            with st.container(border=True):
                st.markdown(f"**{md(links[0].title)}** · {md(places)}")
                if st.button(t("docs.open_button"), key=f"citedby-{n}"):
                    open_in_document(citing_id, links[0].provision_id)


def _place(number: str) -> str:
    """A provision's place: its printed number, or "第 N 段" for an unnumbered paragraph."""
    if number.startswith("paragraph "):
        return t("docs.paragraph", n=number.removeprefix("paragraph "))
    return number


def _zh(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def _details_tab(doc: Document, row: dict, findings: list) -> None:
    lines = [f"| {t('meta.field')} | {t('meta.value')} |", "| --- | --- |"]
    lines += [f"| {md(label)} | {md(value)} |" for label, value in metadata_rows(doc.metadata, row)]
    st.markdown("\n".join(lines))
    st.caption(
        t(
            "docs.source",
            name=md(Path(doc.source.path).name),
            kind=md(media_name(doc.source.media_type)),
            digest=doc.source.sha256[:16],
        )
    )
    if findings:
        st.subheader(t("docs.findings"))
        rows = [
            {
                t("docs.finding_code"): t(f"finding.{f['code']}")
                if has(f"finding.{f['code']}")
                else f["code"],
                t("docs.finding_severity"): t(f"severity.{f['severity']}")
                if has(f"severity.{f['severity']}")
                else f["severity"],
                t("docs.finding_message"): f["message"],
                t("docs.finding_place"): f["provision_id"] or "",
            }
            for f in findings
        ]
        st.dataframe(rows, hide_index=True, width="stretch")


def _document(document_id: str, target: str | None) -> None:
    with store() as opened:
        try:
            doc = opened.document(document_id)
        except NotFoundError:
            st.error(t("docs.not_found", document=md(document_id)))
            if st.button(t("docs.all")):
                st.query_params.clear()
                st.rerun()
            return
        row = by_id.get(doc.id, {})
        versions = opened.versions(doc.work_id)
        findings = opened.findings_for(doc.id)
    if st.button(t("docs.all"), icon=":material/arrow_back:"):
        st.query_params.clear()
        st.rerun()
    st.title(md(doc.title))
    summary = " · ".join(
        (
            md(level_label(row.get("level"))),
            md(region_label(row.get("region"), row.get("level"))),
            t("search.version", date=format_date(row.get("version_date")) or t("search.undated")),
            f"{t('meta.effective')} {md(_effective_short(doc, row))}",
            t("docs.summary", articles=counts.get(doc.id, 0)),
        )
    )
    st.markdown(f"{status_badge(row.get('status'))} &nbsp; {summary}")
    tabs = {
        "text": t("docs.tab_text"),
        "versions": t("docs.tab_versions", count=len(versions)),
        "citations": t("docs.tab_citations"),
        "details": t("docs.tab_details"),
    }
    open_linked_tab(TABS_KEY, tabs)  # ?tab=versions: a reload or a link opens the same tab
    text, history, citations, details = st.tabs(
        list(tabs.values()), key=TABS_KEY, on_change=link_tab, args=(TABS_KEY, tabs)
    )
    with text:
        _text_tab(doc, target)
    with history:
        versions_tab(doc.id, versions, _label)
    with citations:
        _citations_tab(doc.id)
    with details:
        _details_tab(doc, row, findings)


def _effective_short(doc: Document, row: dict) -> str:
    return format_date(row.get("effective") or doc.metadata.get("effective")) or t(
        "meta.not_stated"
    )


params = st.query_params
if params.get("doc"):
    _document(params["doc"], params.get("art"))
else:
    _browse()
