"""The search page's "across regions" tab: each region's best article, its full text, the
figures it sets (fines, time limits) lined up in columns, and a button to open it."""

from __future__ import annotations

from typing import Any

import streamlit as st

from index.search.engine import Filters
from index.search.regions import RegionRow, across_regions, article_query
from nlp.legal.quantities import find_quantities
from ui.components import md, open_in_document
from ui.data import search_engine
from ui.export.tables import to_xlsx
from ui.i18n import t
from ui.i18n.dates import local_today
from ui.views.downloads import download

FIGURES = {"fines": ("fine", "fine_multiple", "income_share"), "limits": ("time_limit", "period")}
COLUMNS = (2, 3, 3, 3, 1.2)  # region, document · article, fines, time limits, open


def figures(text: str) -> dict[str, str]:
    """The fines and the time limits an article sets, as written, one per line."""
    found = find_quantities(text)
    return {
        name: "\n".join(dict.fromkeys(q.text for q in found if q.kind in kinds))
        for name, kinds in FIGURES.items()
    }


def show_regions(query: str, filters: Filters, pin_key: str) -> None:
    """Draw the tab for ``query`` (or the article pinned by "Other regions")."""
    pinned = st.session_state.get(pin_key)
    if pinned and pinned["query"] != query:
        pinned = st.session_state[pin_key] = None  # a new query starts afresh
    if pinned:
        st.markdown(t("search.regions_article", label=md(pinned["label"])))
        if st.button(t("search.regions_back"), key="regions-clear"):
            st.session_state.pop(pin_key, None)
            st.rerun()
    else:
        st.markdown(t("search.regions_query", query=md(query)))
    region_query = article_query(pinned["text"], pinned["number"]) if pinned else query
    with search_engine() as engine:
        rows = across_regions(
            engine,
            region_query,
            filters=Filters(status=filters.status, in_force_on=filters.in_force_on),
            exclude_document=pinned["document_id"] if pinned else None,
        )
    if not rows:
        st.info(t("search.regions_none"))
        return
    st.caption(t("search.regions_count", count=len(rows)))
    _header()
    table = [_row(n, row) for n, row in enumerate(rows)]
    columns = list(table[0])
    download(
        st,
        t("search.download_xlsx"),
        lambda: to_xlsx(table, columns, t("search.regions_export_name")),
        key="regions-xlsx",
        file_name=f"{t('search.regions_export_name')}-{local_today().isoformat()}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _header() -> None:
    names = ("region", "document", "fines", "limits", "open")
    for column, name in zip(st.columns(COLUMNS), names, strict=True):
        column.markdown(f"**{t(f'search.col.{name}')}**")


def _row(n: int, row: RegionRow) -> dict[str, Any]:
    """One region's row on the page; returns it as a row of the XLSX download."""
    hit = row.hit
    found = figures(hit.text)
    with st.container(border=True, key=f"region-row-{n}"):
        cells = st.columns(COLUMNS)
        cells[0].markdown(f"**{md(row.region)}**")
        cells[1].markdown(f"{md(hit.title)} · **{md(hit.number)}**")
        for cell, name in zip(cells[2:4], FIGURES, strict=True):
            cell.text(found[name] or t("search.none_figure"))
        if cells[4].button(t("search.col.open"), key=f"region-open-{n}"):
            open_in_document(hit.document_id, hit.provision_id)
        st.text(hit.text)
    return {
        t("search.col.region"): row.region,
        t("search.col.document"): hit.title,
        t("search.col.article"): hit.number,
        t("search.col.fines"): found["fines"],
        t("search.col.limits"): found["limits"],
        t("search.col.text"): hit.text,
        t("search.col.document_id"): hit.document_id,
        t("search.col.provision_id"): hit.provision_id,
    }
