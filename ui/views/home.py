"""Home page: what the library holds and what changed lately."""

from __future__ import annotations

import streamlit as st

from index.accounts import Permission
from index.library.browse import overview, recent_changes
from ui.components import level_label, md, open_in_document
from ui.data import require_page, store

user = require_page(Permission.SEARCH)
st.title("PolicyLens")
st.caption(
    "Laws, regulations, standards, local rules and work plans on work safety — searchable at "
    "article level, with their versions side by side."
)

with store() as opened:
    summary = overview(opened)
    changes = recent_changes(opened)

if not summary["documents"]:
    st.info(
        "The library is empty. "
        + (
            "Add documents on the Ingest page."
            if user.can(Permission.UPLOAD)
            else "Ask an admin or reviewer to add documents."
        )
    )
    st.stop()

c1, c2, c3, c4 = st.columns(4)
c1.metric("Documents", summary["documents"])
c2.metric("Works", summary["works"], help="Texts counted once however many versions they have")
c3.metric("Articles", summary["articles"])
c4.metric("In force", summary["by_status"].get("in_force", 0))

s1, s2 = st.columns(2)
if s1.button("Search the library", type="primary", icon=":material/search:"):
    st.switch_page("views/search.py")
if s2.button("Browse documents", icon=":material/description:"):
    st.switch_page("views/documents.py")


def _table(counter, name: str, label=str) -> list[dict]:
    return [{name: label(k), "documents": v} for k, v in counter.most_common()]


t1, t2, t3 = st.columns(3)
with t1:
    st.subheader("By level")
    st.dataframe(_table(summary["by_level"], "level", level_label), hide_index=True)
with t2:
    st.subheader("By region")
    st.dataframe(_table(summary["by_region"], "region"), hide_index=True)
with t3:
    st.subheader("By status")
    st.dataframe(_table(summary["by_status"], "status"), hide_index=True)

st.subheader("Recent changes")
if not changes:
    st.caption("Nothing has been added yet.")
for n, change in enumerate(changes):
    row = st.columns([2, 5, 2, 1])
    row[0].caption(f"{change['at'][:16].replace('T', ' ')} UTC")
    badge = {
        "new document": ":green-badge[new document]",
        "new version": ":blue-badge[new version]",
        "failed": ":red-badge[failed]",
    }[change["change"]]
    dated = f" · {change['version_date']}" if change["version_date"] else ""
    row[1].markdown(f"{badge} {md(change['title'])}{md(dated)}")
    row[2].caption(f"by {md(change['by'])}")
    if change["document_id"] and row[3].button("Open", key=f"recent-{n}"):
        open_in_document(change["document_id"])
