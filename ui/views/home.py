"""Home page: what the library holds and what changed lately."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import streamlit as st

from index.accounts import Permission
from index.library.browse import NATIONAL, article_counts, overview, recent_changes
from ui.components import actor_name, level_label, md, open_in_document, status_label
from ui.data import require_page, store
from ui.i18n import t
from ui.i18n.dates import format_date, format_datetime

# recent_changes' kinds of change: (badge colour, catalogue key)
CHANGE_BADGES = {
    "new document": ("green", "home.change_new_document"),
    "new version": ("blue", "home.change_new_version"),
    "failed": ("red", "home.change_failed"),
}

user = require_page(Permission.SEARCH)
st.title(t("app.name"))
st.caption(t("home.caption"))

with store() as opened:
    summary = overview(opened)
    # articles (条) as the document list and the document page count them, not provisions
    articles = sum(article_counts(opened).values())
    changes = recent_changes(opened)

if not summary["documents"]:
    st.info(t("home.empty_upload") if user.can(Permission.UPLOAD) else t("home.empty_ask"))
    st.stop()

c1, c2, c3, c4 = st.columns(4)
c1.metric(t("home.documents"), summary["documents"])
c2.metric(t("home.works"), summary["works"], help=t("home.works_help"))
c3.metric(t("home.articles"), articles)
c4.metric(t("home.in_force"), summary["by_status"].get("in_force", 0))

s1, s2 = st.columns(2)
if s1.button(t("home.search"), type="primary", icon=":material/search:"):
    st.switch_page("views/search.py")
if s2.button(t("home.browse"), icon=":material/description:"):
    st.switch_page("views/documents.py")


def _level(level: str) -> str:
    return level_label(None if level == "unknown" else level)


def _region_label(region: str | None) -> str:
    if region == NATIONAL:
        return t("region.national")
    return region if region and region != "unknown" else t("region.unknown")


def _table(counter: Counter, column: str, label: Callable[[str], str]) -> list[dict[str, object]]:
    """Rows of (name in the interface language, number of documents), most first."""
    return [{t(column): label(k), t("home.column_documents"): v} for k, v in counter.most_common()]


t1, t2, t3 = st.columns(3)
with t1:
    st.subheader(t("home.by_level"))
    st.dataframe(_table(summary["by_level"], "home.column_level", _level), hide_index=True)
with t2:
    st.subheader(t("home.by_region"))
    st.dataframe(_table(summary["by_region"], "home.column_region", _region_label), hide_index=True)
with t3:
    st.subheader(t("home.by_status"))
    st.dataframe(_table(summary["by_status"], "home.column_status", status_label), hide_index=True)

st.subheader(t("home.recent"))
if not changes:
    st.caption(t("home.nothing_yet"))
for n, change in enumerate(changes):
    row = st.columns([2, 5, 2, 1])
    row[0].caption(format_datetime(change["at"]))
    colour, key = CHANGE_BADGES[change["change"]]
    badge = f":{colour}-badge[{t(key)}]"
    dated = f" · {format_date(change['version_date'])}" if change["version_date"] else ""
    row[1].markdown(f"{badge} {md(change['title'])}{md(dated)}")
    row[2].caption(t("home.by", name=md(actor_name(change["by"]))))
    if change["document_id"] and row[3].button(t("home.open"), key=f"recent-{n}"):
        open_in_document(change["document_id"])
