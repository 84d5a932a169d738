"""Search page: one box for Chinese or English, filters by 效力级别, 地区, 时效性 and date,
article-level results, the same topic across regions, and downloads.

Every control is bound to the URL (``/search?q=…&level=…&status=…&on=…&tab=…``), so a search
is a link, survives a reload, and comes back after opening a hit and going Back; the values are
also kept for the session, so the sidebar's Search link finds the last search again.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from index.accounts import Permission
from index.library.browse import NATIONAL, document_region
from index.search.engine import Filters, Hit
from index.search.generations import IndexFilesError
from ingest.metadata import parse_date
from ui.components import html_block, level_label, marked_html, md, open_in_document, status_badge
from ui.data import require_page, search_engine, store
from ui.export.tables import to_csv, to_xlsx
from ui.i18n import t
from ui.i18n.dates import format_date, local_today
from ui.i18n.errors import said
from ui.metadata import region_label
from ui.regions_table import show_regions
from ui.session import restore_view, save_view
from ui.views.downloads import download

# The example queries, each in the interface's language (ui/i18n/catalogue/search.py).
EXAMPLES = ("report", "training", "citation", "refuse", "fines")
STATUSES = ("in_force", "not_yet_in_force", "superseded", "repealed", "any")
FIRST_DAY = date(1949, 10, 1)
PIN_KEY = "regions_article"
BOUND = {"bind": "query-params", "persist_state": "session"}
PAGE = "views/search.py"
VIEW = ("q", "level", "region", "status", "docs", "on", "lang", "k", "tab")
# The filters of the 筛选条件 panel and their values when nothing is narrowed.
FILTER_DEFAULTS: dict[str, object] = {
    "level": [],
    "region": [],
    "status": STATUSES[0],
    "docs": [],
    "on": "",
    "lang": "any",
    "k": 10,
}

require_page(Permission.SEARCH)
restore_view(PAGE, VIEW)  # Back or the sidebar after opening a hit: the same search
st.title(t("search.title"))

with store() as opened:
    documents = opened.documents()
if not documents:
    st.info(t("search.empty_library"))
    st.stop()


def _use_example() -> None:
    choice = st.session_state.get("example")
    if choice:
        st.session_state["q"] = choice
        st.session_state["example"] = None


def filters_set() -> bool:
    """Whether any filter differs from its default, as this run will show it: the value kept
    for the session, or, on a link's first run, the URL's."""
    for key, default in FILTER_DEFAULTS.items():
        value = st.session_state.get(key)
        if value is None:
            if key in st.query_params:
                return True
        elif value != default and (value or default):
            return True
    return False


query = st.text_input(t("search.box"), key="q", placeholder=t("search.placeholder"), **BOUND)
st.pills(
    t("search.examples"),
    [t(f"search.example.{name}") for name in EXAMPLES],
    key="example",
    on_change=_use_example,
    label_visibility="collapsed",
)

# One name per place: the stored spellings of a region (深圳, 深圳市) are searched together.
spellings: dict[str, set[str]] = {}
for d in documents:
    region = document_region(d["region"], d["level"])
    if region and region != NATIONAL:
        spellings.setdefault(region, set()).add(d["region"])
levels = sorted({d["level"] for d in documents if d["level"]})
titles = {
    d["document_id"]: f"{d['title']}（{format_date(d['version_date']) or t('search.undated')}）"
    for d in documents
}

# Open whenever a filter narrows the results (after Back too), so the page says why.
with st.expander(t("search.filters"), expanded=filters_set()):
    c1, c2, c3 = st.columns(3)
    chosen_levels = c1.multiselect(
        t("search.level"),
        levels,
        format_func=level_label,
        key="level",
        placeholder=t("search.any"),
        select_all=False,
        **BOUND,
    )
    chosen_regions = c2.multiselect(
        t("search.region"),
        sorted(spellings),
        key="region",
        placeholder=t("search.any"),
        select_all=False,
        **BOUND,
    )
    on_text = st.session_state.get("on") or ""
    status = c3.selectbox(
        t("search.status"),
        STATUSES,
        format_func=lambda s: t(f"search.status.{s}"),
        key="status",
        disabled=bool(on_text.strip()),
        help=t("search.status_help"),
        **BOUND,
    )
    c4, c5, c6 = st.columns(3)
    chosen_docs = c4.multiselect(
        t("search.documents"),
        list(titles),
        format_func=titles.__getitem__,
        key="docs",
        placeholder=t("search.any"),
        select_all=False,
        **BOUND,
    )
    on_text = c5.text_input(
        t("search.on_date"),
        key="on",
        placeholder=t("search.on_date_placeholder"),
        help=t("search.on_date_help"),
        **BOUND,
    )
    language = c6.selectbox(
        t("search.language"),
        ["any", "zh", "en"],
        format_func=lambda code: t(f"search.language.{code}"),
        key="lang",
        **BOUND,
    )
    k = c6.slider(t("search.results"), 5, 50, 10, step=5, key="k", **BOUND)


def _on_date(text: str) -> date | None:
    """The "in force on" day typed, or None when empty; an invalid day stops the page with a
    message (never the previous date's results)."""
    if not text.strip():
        return None
    iso = parse_date(text.strip())
    try:
        day = date.fromisoformat(iso) if iso else None
    except ValueError:
        day = None
    if day is None or day < FIRST_DAY:
        st.error(t("search.bad_date", value=md(text), first=format_date(FIRST_DAY)))
        st.stop()
    return day


save_view(PAGE, VIEW)
on_date = _on_date(on_text)
status_filter = () if on_date or status in ("any",) else ("in_force",)
if status in ("superseded", "repealed") and not on_date:
    status_filter = (status,)
filters = Filters(
    level=tuple(chosen_levels),
    region=tuple(sorted({s for r in chosen_regions for s in spellings.get(r, ())})),
    document=tuple(chosen_docs),
    status=status_filter,
    language=() if language == "any" else (language,),
    in_force_on=on_date,
)

if not query.strip():
    st.caption(t("search.hint", count=len(documents)))
    st.stop()

articles_tab, regions_tab = st.tabs(
    [t("search.tab_articles"), t("search.tab_regions")],
    key="tab",
    on_change="rerun",
    bind="query-params",
)


def _not_yet(hit: Hit) -> bool:
    return bool(hit.effective) and str(hit.effective) > local_today().isoformat()


def _search() -> list[Hit]:
    with search_engine() as engine:
        if engine.stale:
            st.warning(md(engine.stale))
        if engine.dense_partial:
            held, units = engine.dense_coverage
            st.info(t("search.dense_partial", held=held, units=units))
        hits = engine.search(query, k, filters)
    if status == "not_yet_in_force" and not on_date:
        hits = [h for h in hits if _not_yet(h)]
    return hits


def _pin(hit: Hit) -> None:
    """ "Other regions": compare this article across regions, in the tab it fills, selected."""
    st.session_state[PIN_KEY] = {
        "document_id": hit.document_id,
        "number": hit.number,
        "text": hit.text,
        "label": f"{hit.title} {hit.number}",
        "query": query,
    }
    st.session_state["tab"] = t("search.tab_regions")


def _hit_card(rank: int, hit: Hit) -> None:
    with st.container(border=True):
        when = format_date(hit.version_date) or t("search.undated")
        where = " · ".join(
            md(x)
            for x in (
                level_label(hit.level),
                region_label(hit.region, hit.level),
                t("search.version", date=when),
            )
            if x
        )
        cited = f" :blue-badge[{t('search.reference')}]" if hit.match == "reference" else ""
        st.markdown(
            f"**{rank}. {md(hit.title)}**{' · ' + md(hit.number) if hit.number else ''} &nbsp; "
            f"{status_badge(hit.status)}{cited} &nbsp; :gray[{where}]"
        )
        if hit.heading_path:
            st.caption(" › ".join(md(h) for h in hit.heading_path))
        html_block(marked_html(hit.snippet))
        b1, b2, _ = st.columns([2, 2, 5])
        if b1.button(t("search.open"), key=f"open-{hit.id}", icon=":material/menu_book:"):
            open_in_document(hit.document_id, hit.provision_id)
        b2.button(
            t("search.other_regions"),
            key=f"regions-{hit.id}",
            icon=":material/compare:",
            on_click=_pin,
            args=(hit,),
        )
        with st.expander(t("search.full_article")):
            st.text(hit.text)


def _downloads(hits: list[Hit]) -> None:
    names = ("rank", "title", "number", "heading_path", "text", "status", "version_date")
    names += ("level", "region", "document_id", "provision_id")
    table = [
        {
            t(f"search.col.{name}"): value
            for name, value in {
                **h.to_dict(),
                "rank": n,
                "level": level_label(h.level),
                "region": region_label(h.region, h.level),
                "status": t(f"validity.{h.status}") if h.status else "",
            }.items()
            if name in names
        }
        for n, h in enumerate(hits, start=1)
    ]
    columns = [t(f"search.col.{name}") for name in names]
    d1, d2, _ = st.columns([1, 1, 4])
    stem = f"{t('search.export_name')}-{local_today().isoformat()}"
    download(
        d1,
        t("search.download_csv"),
        lambda: to_csv(table, columns),
        key="search-csv",
        file_name=f"{stem}.csv",
        mime="text/csv",
        icon=":material/download:",
    )
    download(
        d2,
        t("search.download_xlsx"),
        lambda: to_xlsx(table, columns, t("search.export_name")),
        key="search-xlsx",
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
    )


try:
    if articles_tab.open:
        with articles_tab:
            hits = _search()
            st.caption(t("search.found", count=len(hits)))
            if not hits:
                st.info(t("search.no_match"))
            for rank, hit in enumerate(hits, start=1):
                _hit_card(rank, hit)
            if hits:
                _downloads(hits)
    if regions_tab.open:
        with regions_tab:
            show_regions(query, filters, PIN_KEY)
except IndexFilesError as exc:
    st.error(t("search.unavailable", error=md(said(exc))))
