"""Documents page: browse the library, read a document as a navigable tree, see its versions on
a timeline and compare two of them article by article, and follow its citations both ways."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import altair as alt
import streamlit as st

from index.accounts import Permission
from index.library.browse import cited_by, cites, compare
from index.store.database import NotFoundError
from ingest.model import Document, Provision, Section
from ui.components import (
    diff_html,
    html_block,
    level_label,
    md,
    open_in_document,
    status_badge,
)
from ui.data import require_page, store

if TYPE_CHECKING:
    from nlp.versions.compare import ArticleChange

require_page(Permission.SEARCH)

with store() as opened:
    documents = opened.documents()
by_id = {d["document_id"]: d for d in documents}


def _label(document_id: str) -> str:
    d = by_id[document_id]
    return f"{d['title']} · {d['version_date'] or 'undated'}"


def _browse() -> None:
    st.title("Documents")
    if not documents:
        st.info("The library is empty. An admin or reviewer can add documents on the Ingest page.")
        return
    c1, c2, c3, c4 = st.columns(4)
    levels = c1.multiselect(
        "Level", sorted({d["level"] for d in documents if d["level"]}), format_func=level_label
    )
    regions = c2.multiselect("Region", sorted({d["region"] for d in documents if d["region"]}))
    statuses = c3.multiselect("Status", sorted({d["status"] for d in documents}))
    years = sorted({int(d["version_date"][:4]) for d in documents if d["version_date"]})
    span = (
        c4.slider("Version year", years[0], years[-1], (years[0], years[-1]))
        if len(years) > 1
        else None
    )
    shown = [
        d
        for d in documents
        if (not levels or d["level"] in levels)
        and (not regions or d["region"] in regions)
        and (not statuses or d["status"] in statuses)
        and (
            span is None
            or span == (years[0], years[-1])  # untouched: undated documents stay listed
            or (d["version_date"] and span[0] <= int(d["version_date"][:4]) <= span[1])
        )
    ]
    st.caption(f"{len(shown)} of {len(documents)} documents")
    st.dataframe(
        [
            {
                "title": d["title"],
                "level": level_label(d["level"]),
                "region": d["region"],
                "status": d["status"],
                "version": d["version_date"],
                "articles": d["provisions"],
                "id": d["document_id"],
            }
            for d in shown
        ],
        hide_index=True,
        width="stretch",
    )
    choice = st.selectbox(
        "Open a document",
        [d["document_id"] for d in shown],
        index=None,
        format_func=_label,
        placeholder="Choose a document to read",
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
        with st.container(border=True):
            st.markdown(f":blue-badge[opened here] {heading}")
            st.text(body)
    else:
        if heading:
            st.markdown(heading)
        st.text(body)


def _sections(doc: Document) -> list[tuple[str, Section | None]]:
    """The navigation entries: each top-level section, plus the articles outside sections."""
    entries: list[tuple[str, Section | None]] = []
    if doc.provisions:
        entries.append(("Articles outside chapters", None))
    elif doc.preamble:
        entries.append(("Preamble", None))
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
        st.info("This document has no articles.")
        return
    names = [name for name, _ in entries]
    start = 0
    if target:
        for n, (_, section) in enumerate(entries):
            if section is not None and _contains(section, target):
                start = n
    nav, body = st.columns([1, 3])
    chosen = nav.radio("Contents", names, index=start, format_func=md, key=f"toc-{doc.id}")
    section = entries[names.index(chosen)][1]
    with body:
        if section is None:
            for p in (*doc.preamble, *doc.provisions):
                _article(p, target)
        else:
            st.subheader(md(section.title or section.number))
            _render_section(section, target)


CHANGE_BADGES = {
    "changed": ":orange-badge[changed]",
    "added": ":green-badge[added]",
    "removed": ":red-badge[removed]",
    "unchanged": ":gray-badge[unchanged]",
}


def _timeline(versions: list[dict]) -> alt.LayerChart:
    """The dated versions as labelled dots on a time axis, coloured by status."""
    chart = (
        alt.Chart(
            alt.Data(
                values=[
                    {
                        "date": v["version_date"],
                        "label": v["version_date"],
                        "version": v["document_id"],
                        "status": v["status"],
                    }
                    for v in versions
                    if v["version_date"]
                ]
            )
        )
        .mark_circle(size=160)
        .encode(
            y=alt.value(30),
            x=alt.X(
                "date:T",
                title="version date",
                axis=alt.Axis(format="%Y", tickCount="year", labelOverlap=True),
                scale=alt.Scale(padding=60),
            ),
            color=alt.Color(
                "status:N",
                scale=alt.Scale(
                    domain=["in_force", "superseded", "repealed"],
                    range=["#2e7d32", "#ef6c00", "#c62828"],
                ),
            ),
            tooltip=["version:N", "date:T", "status:N"],
        )
        .properties(height=100)
    )
    return chart + chart.mark_text(dy=-16, fontSize=12).encode(text="label:N")


def _versions_tab(document_id: str, versions: list[dict]) -> None:
    if len(versions) < 2:
        st.info("The library holds one version of this text.")
        return
    st.altair_chart(_timeline(versions), width="stretch")
    ids = [v["document_id"] for v in versions]
    here = ids.index(document_id)
    c1, c2 = st.columns(2)
    old = c1.selectbox(
        "Older version", ids, index=max(here - 1, 0), format_func=_label, key="v_old"
    )
    new = c2.selectbox("Newer version", ids, index=max(here, 1), format_func=_label, key="v_new")
    if old == new:
        st.info("Choose two different versions.")
        return
    with store() as opened:
        result = compare(opened, old, new)
    counts = result.counts()
    m = st.columns(5)
    for column, kind in zip(
        m, ("changed", "added", "removed", "renumbered", "unchanged"), strict=True
    ):
        column.metric(kind.capitalize(), counts.get(kind, 0))
    quiet = counts.get("unchanged", 0)
    show_same = st.toggle(
        f"Show the {quiet} unchanged articles (renumbered ones included)", key="v_same"
    )
    side_by_side = (
        st.radio("Layout", ["Inline", "Side by side"], horizontal=True, key="v_layout")
        == "Side by side"
    )
    for change in result.changes:
        if change.kind == "unchanged" and not show_same:
            continue
        _change_card(change, side_by_side)


def _change_card(change: ArticleChange, side_by_side: bool) -> None:
    """One aligned pair of articles: its kind, its numbers, and the words taken out and put in."""
    old_no = (change.old.number or "(preamble)") if change.old else "—"
    new_no = (change.new.number or "(preamble)") if change.new else "—"
    moved = " :violet-badge[renumbered]" if change.renumbered else ""
    with st.container(border=True):
        st.markdown(f"{CHANGE_BADGES[change.kind]}{moved} **{md(old_no)} → {md(new_no)}**")
        if change.kind == "changed" and side_by_side:
            left, right = st.columns(2)
            with left:
                html_block(diff_html([d for d in change.diff if d.op != "insert"]))
            with right:
                html_block(diff_html([d for d in change.diff if d.op != "delete"]))
        elif change.kind == "changed":
            html_block(diff_html(change.diff))
        elif change.kind == "added" and change.new:
            html_block(diff_html(_whole("insert", change.new.text)))
        elif change.kind == "removed" and change.old:
            html_block(diff_html(_whole("delete", change.old.text)))
        elif change.new:
            st.caption(md(change.new.text[:300]))


def _whole(op: str, text: str) -> tuple:
    from nlp.versions.compare import DiffSpan

    return (DiffSpan(op, text),)


def _citations_tab(document_id: str) -> None:
    with store() as opened:
        out = cites(opened, document_id)
        into = cited_by(opened, document_id)
    left, right = st.columns(2)
    with left:
        st.subheader("This document cites")
        if not out:
            st.caption("No citations of other laws found.")
        for n, link in enumerate(out):
            target = f"{link.law}" + (
                f" 第{link.article}条"
                if link.article and _zh(link.law)
                else f" art. {link.article}"
                if link.article
                else ""
            )
            basis = " :blue-badge[legal basis]" if link.basis else ""
            stored = "" if link.document_id else " :gray[(not in the library)]"
            st.markdown(f"{md(link.number)} → **{md(target)}**{basis}{stored}")
            if link.document_id and st.button("Open", key=f"cite-{n}"):
                open_in_document(link.document_id)
    with right:
        st.subheader("Cited by")
        if not into:
            st.caption("No document in the library cites this one.")
        citing: dict[str, list] = {}
        for link in into:
            citing.setdefault(link.document_id or "", []).append(link)
        for n, (citing_id, links) in enumerate(citing.items()):
            places = ", ".join(
                link.number + (" (legal basis)" if link.basis else "") for link in links
            )
            with st.container(border=True):
                st.markdown(f"**{md(links[0].title)}** · {md(places)}")
                if st.button("Open", key=f"citedby-{n}"):
                    open_in_document(citing_id, links[0].provision_id)


def _zh(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def _document(document_id: str, target: str | None) -> None:
    with store() as opened:
        try:
            doc = opened.document(document_id)
        except NotFoundError as exc:
            st.error(md(exc))
            if st.button("All documents"):
                st.query_params.clear()
                st.rerun()
            return
        row = by_id.get(doc.id, {})
        versions = opened.versions(doc.work_id)
        findings = opened.findings_for(doc.id)
    if st.button("All documents", icon=":material/arrow_back:"):
        st.query_params.clear()
        st.rerun()
    st.title(md(doc.title))
    st.markdown(
        f"{status_badge(row.get('status'))} &nbsp; {md(level_label(row.get('level')))} · "
        f"{md(row.get('region') or 'no region')} · "
        f"version {md(row.get('version_date') or 'undated')} · "
        f"effective {md(row.get('effective') or 'unknown')} · "
        f"{row.get('provisions', 0)} provisions"
    )
    text, history, citations, details = st.tabs(
        ["Text", f"Versions ({len(versions)})", "Citations", "Details"]
    )
    with text:
        _text_tab(doc, target)
    with history:
        _versions_tab(doc.id, versions)
    with citations:
        _citations_tab(doc.id)
    with details:
        st.json(dict(doc.metadata), expanded=True)
        st.caption(
            f"Source: {md(Path(doc.source.path).name)} ({md(doc.source.media_type)}), "
            f"sha256 {doc.source.sha256[:16]}…"
        )
        if findings:
            st.subheader("Ingest findings")
            st.dataframe(findings, hide_index=True, width="stretch")


params = st.query_params
if params.get("doc"):
    _document(params["doc"], params.get("art"))
else:
    _browse()
