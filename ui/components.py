"""Small pieces of page layout used by several pages: marked snippets, inline differences,
validity badges, links into the documents page."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

import streamlit as st

from nlp.versions.compare import DiffSpan

DOCUMENTS_PAGE = "views/documents.py"
STATUS_LABELS = {
    "in_force": ":green-badge[in force]",
    "superseded": ":orange-badge[superseded]",
    "repealed": ":red-badge[repealed]",
    "draft": ":gray-badge[draft]",
}
LEVEL_LABELS = {
    "national_law": "national law",
    "administrative_regulation": "administrative regulation",
    "departmental_rule": "departmental rule",
    "local_regulation": "local regulation",
    "normative_document": "normative document",
    "judicial_interpretation": "judicial interpretation",
    "work_plan": "work plan",
    "standard": "standard",
}
_MARK = re.compile(r"\*\*(.+?)\*\*", re.S)


def level_label(level: str | None) -> str:
    return LEVEL_LABELS.get(level or "", level or "unknown level")


def status_badge(status: str | None) -> str:
    return STATUS_LABELS.get(status or "", f":gray-badge[{status or 'unknown'}]")


def marked_html(snippet: str) -> str:
    """A search snippet with its ``**marked**`` words highlighted, everything else escaped."""
    out, last = [], 0
    for m in _MARK.finditer(snippet):
        out.append(html.escape(snippet[last : m.start()]))
        out.append(f"<mark>{html.escape(m[1])}</mark>")
        last = m.end()
    out.append(html.escape(snippet[last:]))
    return "".join(out).replace("\n", "<br>")


def diff_html(spans: Sequence[DiffSpan]) -> str:
    """Inline differences: deleted words struck through in red, inserted ones in green."""
    parts = []
    for span in spans:
        text = html.escape(span.text).replace("\n", "<br>")
        if span.op == "delete":
            parts.append(
                f'<del style="background:#fde2e1;color:#a1251b;text-decoration:line-through">'
                f"{text}</del>"
            )
        elif span.op == "insert":
            parts.append(
                f'<ins style="background:#dcf5e3;color:#135e2d;text-decoration:none">{text}</ins>'
            )
        else:
            parts.append(text)
    return "".join(parts)


def spans_html(text: str, spans: Sequence[Sequence[int]]) -> str:
    """A text with the given character spans highlighted, everything escaped."""
    out, last = [], 0
    for start, end in sorted((int(a), int(b)) for a, b in spans):
        if start < last or end <= start:
            continue
        out.append(html.escape(text[last:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out).replace("\n", "<br>")


def html_block(markup: str) -> None:
    st.markdown(f'<div style="line-height:1.7">{markup}</div>', unsafe_allow_html=True)


def open_in_document(document_id: str, provision_id: str | None = None) -> None:
    """Go to the documents page, opened at a document (and an article)."""
    params = {"doc": document_id}
    if provision_id:
        params["art"] = provision_id
    st.switch_page(DOCUMENTS_PAGE, query_params=params)
