"""Search page: one box for Chinese or English, filters, article-level results, the same topic
across regions, and downloads."""

from __future__ import annotations

from datetime import date

import streamlit as st

from index.accounts import Permission
from index.search.engine import Filters, Hit
from index.search.generations import IndexFilesError
from index.search.regions import across_regions, article_query
from ui.components import (
    html_block,
    level_label,
    marked_html,
    md,
    open_in_document,
    status_badge,
)
from ui.data import require_page, search_engine, store
from ui.export.tables import to_csv, to_xlsx

EXAMPLES = (
    "事故发生后多长时间内报告",
    "安全生产教育和培训",
    "示例安全生产法第二十一条",
    "Who may refuse orders that violate safety rules?",
    "fines for failing to report an accident",
)
STATUS_CHOICES = {
    "In force": ("in_force",),
    "Any status": (),
    "Superseded": ("superseded",),
    "Repealed": ("repealed",),
}
EXPORT_COLUMNS = (
    "rank",
    "title",
    "number",
    "heading_path",
    "text",
    "score",
    "match",
    "status",
    "version_date",
    "level",
    "region",
    "document_id",
    "provision_id",
)

require_page(Permission.SEARCH)
st.title("Search")

with store() as opened:
    documents = opened.documents()
if not documents:
    st.info("The library is empty. An admin or reviewer can add documents on the Ingest page.")
    st.stop()

if "query" not in st.session_state:
    st.session_state["query"] = ""


def _use_example() -> None:
    choice = st.session_state.get("example")
    if choice:
        st.session_state["query"] = choice
        st.session_state["example"] = None


query = st.text_input(
    "Search articles",
    key="query",
    placeholder="A question, words, or a citation (安全生产法第二十一条), in Chinese or English",
)
st.pills("Try", EXAMPLES, key="example", on_change=_use_example, label_visibility="collapsed")

levels = sorted({d["level"] for d in documents if d["level"]})
regions = sorted({d["region"] for d in documents if d["region"]})
titles = {d["document_id"]: f"{d['title']} ({d['version_date'] or 'undated'})" for d in documents}

with st.expander("Filters", expanded=False):
    c1, c2, c3 = st.columns(3)
    chosen_levels = c1.multiselect("Level", levels, format_func=level_label, key="f_level")
    chosen_regions = c2.multiselect("Region", regions, key="f_region")
    dated = bool(st.session_state.get("f_dated"))
    status_label = c3.selectbox(
        "Status",
        list(STATUS_CHOICES),
        key="f_status",
        disabled=dated,
        help="Ignored when searching the versions in force on a date",
    )
    c4, c5, c6 = st.columns(3)
    chosen_docs = c4.multiselect(
        "Documents", list(titles), format_func=titles.__getitem__, key="f_docs"
    )
    dated = c5.checkbox("In force on a date", key="f_dated")
    on_date = c5.date_input("Date", value=date.today(), key="f_date", disabled=not dated)
    language = c6.selectbox("Language", ["any", "zh", "en"], key="f_lang")
    k = c6.slider("Results", 5, 50, 10, step=5, key="f_k")

filters = Filters(
    level=tuple(chosen_levels),
    region=tuple(chosen_regions),
    document=tuple(chosen_docs),
    status=() if dated else STATUS_CHOICES[status_label],
    language=() if language == "any" else (language,),
    in_force_on=on_date if dated else None,
)

if not query.strip():
    st.caption(
        f"{len(documents)} documents in the library. Type a question or pick an example; "
        "filters narrow by level, region, status or date."
    )
    st.stop()

try:
    with search_engine() as engine:
        warning = engine.stale
        hits = engine.search(query, k, filters)
        pinned = st.session_state.get("regions_article")
        if pinned and pinned["query"] != query:
            pinned = st.session_state["regions_article"] = None  # a new query starts afresh
        region_query = article_query(pinned["text"], pinned["number"]) if pinned else query
        rows = across_regions(
            engine,
            region_query,
            filters=Filters(status=filters.status, in_force_on=filters.in_force_on),
            exclude_document=pinned["document_id"] if pinned else None,
        )
except IndexFilesError as exc:
    st.error(f"Search is not available: {md(exc)}")
    st.stop()

if warning:
    st.warning(md(warning))

articles_tab, regions_tab = st.tabs([f"Articles ({len(hits)})", f"Across regions ({len(rows)})"])


def _hit_card(rank: int, hit: Hit) -> None:
    with st.container(border=True):
        where = " · ".join(md(x) for x in (level_label(hit.level), hit.region) if x)
        st.markdown(
            f"**{rank}. {md(hit.title)}**{' · ' + md(hit.number) if hit.number else ''} &nbsp; "
            f"{status_badge(hit.status)} "
            f"&nbsp; :gray[{where} · version {md(hit.version_date or 'undated')} · "
            f"score {hit.score:.3f} · {md(hit.match)}]"
        )
        if hit.heading_path:
            st.caption(" › ".join(md(h) for h in hit.heading_path))
        html_block(marked_html(hit.snippet))
        b1, b2, _ = st.columns([2, 2, 5])
        if b1.button("Open in document", key=f"open-{hit.id}", icon=":material/menu_book:"):
            open_in_document(hit.document_id, hit.provision_id)
        if b2.button("Other regions", key=f"regions-{hit.id}", icon=":material/compare:"):
            st.session_state["regions_article"] = {
                "document_id": hit.document_id,
                "number": hit.number,
                "text": hit.text,
                "label": f"{hit.title} {hit.number}",
                "query": query,
            }
            st.rerun()
        with st.expander("Full article"):
            st.text(hit.text)


with articles_tab:
    if not hits:
        st.info("No article matches. Widen the filters, or try other words.")
    for rank, hit in enumerate(hits, start=1):
        _hit_card(rank, hit)
    if hits:
        table = [{"rank": n, **h.to_dict()} for n, h in enumerate(hits, start=1)]
        d1, d2, _ = st.columns([1, 1, 4])
        d1.download_button(
            "Download CSV",
            lambda: to_csv(table, EXPORT_COLUMNS),
            file_name="policylens-search.csv",
            mime="text/csv",
            icon=":material/download:",
        )
        d2.download_button(
            "Download XLSX",
            lambda: to_xlsx(table, EXPORT_COLUMNS, "search"),
            file_name="policylens-search.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
        )

with regions_tab:
    if pinned:
        st.markdown(f"How each region's rule words **{md(pinned['label'])}**:")
        if st.button("Back to the query", key="regions-clear"):
            st.session_state.pop("regions_article", None)
            st.rerun()
    else:
        st.markdown(f"How each region's rule treats **{md(query)}**:")
    if not rows:
        st.info("No local rule in the library matches.")
    else:
        region_table = [
            {
                "region": r.region,
                "document": r.hit.title,
                "article": r.hit.number,
                "text": r.hit.text,
                "score": round(r.hit.score, 3),
                "document_id": r.hit.document_id,
                "provision_id": r.hit.provision_id,
            }
            for r in rows
        ]
        st.dataframe(
            region_table,
            column_order=("region", "document", "article", "text", "score"),
            column_config={"text": st.column_config.TextColumn("text", width="large")},
            hide_index=True,
            width="stretch",
        )
        st.download_button(
            "Download XLSX",
            lambda: to_xlsx(region_table, list(region_table[0]), "regions"),
            file_name="policylens-regions.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="regions-xlsx",
        )
