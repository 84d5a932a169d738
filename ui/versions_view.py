"""The documents page's versions tab: the versions on a timeline and two of them compared
article by article. The pair compared is in the URL (``&old=…&new=…``), so a comparison is a link.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import altair as alt
import streamlit as st

from index.library.browse import compare
from nlp.versions.compare import DiffSpan
from ui.components import diff_html, html_block, md
from ui.data import store
from ui.i18n import t
from ui.i18n.dates import format_date
from ui.metadata import validity_label

if TYPE_CHECKING:
    from nlp.versions.compare import ArticleChange

KINDS = ("changed", "added", "removed", "renumbered", "unchanged")
BADGE_COLOURS = {"changed": "orange", "added": "green", "removed": "red", "unchanged": "gray"}


def _badge(kind: str) -> str:
    colour = BADGE_COLOURS.get(kind, "violet")
    return f":{colour}-badge[{t(f'docs.kind.{kind}')}]"


def timeline(versions: list[dict]) -> alt.LayerChart:
    """The dated versions as labelled dots on a time axis, coloured by status.

    Everything the chart itself says is in the interface language: the tooltip's field names
    and dates, and what a screen reader hears (one description of the whole chart, in place
    of Vega's English "Vega visualization" and "X-axis titled …"). The vega-embed action menu
    ("Copy Vega-Lite spec" …) is off; the toolbar Streamlit puts over every chart is its own,
    swapped by the page script (ui/i18n/catalogue/builtin.py)."""
    dated = [v for v in versions if v["version_date"]]
    day = t("docs.chart_date_format")
    chart = (
        alt.Chart(
            alt.Data(
                values=[
                    {
                        "date": v["version_date"],
                        "label": v["version_date"],
                        "version": v["document_id"],
                        "status": validity_label(v["status"]),
                    }
                    for v in dated
                ]
            )
        )
        .mark_circle(size=160)
        .encode(
            y=alt.value(30),
            x=alt.X(
                "date:T",
                title=t("docs.version_axis"),
                axis=alt.Axis(format="%Y", tickCount="year", labelOverlap=True),
                scale=alt.Scale(padding=60),
            ),
            color=alt.Color(
                "status:N",
                title=t("meta.validity"),
                scale=alt.Scale(
                    domain=[validity_label(s) for s in ("in_force", "superseded", "repealed")],
                    range=["#2e7d32", "#ef6c00", "#c62828"],
                ),
            ),
            tooltip=[
                alt.Tooltip("version:N", title=t("docs.chart_version")),
                alt.Tooltip("date:T", title=t("docs.chart_date"), format=day),
                alt.Tooltip("status:N", title=t("meta.validity")),
            ],
        )
        .properties(height=100)
    )
    summary = "；".join(
        f"{format_date(v['version_date'])} {validity_label(v['status'])}" for v in dated
    )
    return (
        (chart + chart.mark_text(dy=-16, fontSize=12).encode(text="label:N"))
        .properties(
            description=t("docs.chart_description", versions=summary),
            usermeta={"embedOptions": {"actions": False}},
        )
        .configure(aria=False, timeFormat=day)
    )


def _pick(ids: list[str], param: str, fallback: int) -> int:
    wanted = st.query_params.get(param)
    return ids.index(wanted) if wanted in ids else fallback


def versions_tab(document_id: str, versions: list[dict], label: Callable[[str], str]) -> None:
    """The timeline and the comparison of two versions (``old``/``new`` in the URL)."""
    if len(versions) < 2:
        st.info(t("docs.one_version"))
        return
    st.altair_chart(timeline(versions), width="stretch")
    ids = [v["document_id"] for v in versions]
    here = ids.index(document_id)
    c1, c2 = st.columns(2)
    first_old, first_new = ids[max(here - 1, 0)], ids[max(here, 1)]
    old = c1.selectbox(
        t("docs.older"), ids, index=_pick(ids, "old", ids.index(first_old)), format_func=label
    )
    new = c2.selectbox(
        t("docs.newer"), ids, index=_pick(ids, "new", ids.index(first_new)), format_func=label
    )
    # The URL names a comparison once the user picks one (or a link named one); the first
    # comparison shown is not written, or merely opening a document would add a history
    # entry and Back would land on the same document again.
    chosen = (old, new) != (first_old, first_new) or "old" in st.query_params
    if chosen and (st.query_params.get("old") != old or st.query_params.get("new") != new):
        st.query_params.update({"old": old, "new": new})
    if old == new:
        st.info(t("docs.same_version"))
        return
    with store() as opened:
        result = compare(opened, old, new)
    counts = result.counts()
    for column, kind in zip(st.columns(5), KINDS, strict=True):
        column.metric(t(f"docs.kind.{kind}"), counts.get(kind, 0))
    quiet = counts.get("unchanged", 0)
    show_same = st.toggle(t("docs.show_same", count=quiet), key="v_same")
    layouts = ("inline", "side_by_side")
    layout = st.radio(
        t("docs.layout"),
        layouts,
        format_func=lambda x: t(f"docs.{x}"),
        horizontal=True,
        key="v_layout",
    )
    for change in result.changes:
        if change.kind == "unchanged" and not show_same:
            continue
        _change_card(change, layout == "side_by_side")


def change_numbers(change: ArticleChange) -> str:
    """The article numbers a change card is headed with: "第三十七条 → 第三十八条" for a
    renumbered article, one number for an article that kept its number or is on one side
    only (issue 18: "修改 第一条 → 第一条", "删除 第二十六条 → —")."""
    preamble = t("docs.preamble_no")
    old_no = (change.old.number or preamble) if change.old else None
    new_no = (change.new.number or preamble) if change.new else None
    if old_no is None or new_no is None or old_no == new_no:
        return str(old_no or new_no)
    return f"{old_no} → {new_no}"


def _change_card(change: ArticleChange, side_by_side: bool) -> None:
    """One aligned pair of articles: its kind, its numbers, and the words taken out and put in."""
    moved = f" {_badge('renumbered')}" if change.renumbered else ""
    with st.container(border=True):
        st.markdown(f"{_badge(change.kind)}{moved} **{md(change_numbers(change))}**")
        if change.kind == "changed" and side_by_side:
            left, right = st.columns(2)
            with left:
                st.caption(t("docs.old_text"))
                html_block(diff_html([d for d in change.diff if d.op != "insert"]))
            with right:
                st.caption(t("docs.new_text"))
                html_block(diff_html([d for d in change.diff if d.op != "delete"]))
        elif change.kind == "changed":
            html_block(diff_html(change.diff))
        elif change.kind == "added" and change.new:
            html_block(diff_html((DiffSpan("insert", change.new.text),)))
        elif change.kind == "removed" and change.old:
            html_block(diff_html((DiffSpan("delete", change.old.text),)))
        elif change.new:
            st.caption(md(change.new.text[:300]))
