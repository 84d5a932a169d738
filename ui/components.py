"""Small pieces of page layout used by several pages: stored text made safe to show, marked
snippets, inline differences, validity badges, links into the documents page.

Everything from data (titles, article text, snippets, findings, quiz items, names) is shown as
text: :func:`md` escapes it for Streamlit's Markdown (st.markdown, st.caption, st.info, widget
labels, radio options …) and the ``*_html`` helpers escape it for the HTML blocks, so that an
image or a link written in a document never makes a reader's browser fetch or follow anything.
The app's own markup (badges, bold, the search words it marks) is added around the escaped text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import streamlit as st

from index.accounts import OPERATOR
from ingest.metadata import LEVELS
from nlp.versions.compare import DiffSpan
from ui.i18n import has, t

DOCUMENTS_PAGE = "views/documents.py"
# Validity (时效性) badges: the colour per status; the words come from the catalogue
# (``validity.<status>`` in ui/i18n/catalogue/levels.py).
STATUS_COLOURS = {
    "in_force": "green",
    "superseded": "orange",
    "repealed": "red",
    "draft": "gray",
    "not_yet_in_force": "blue",
}
# The legal levels (效力级别) in their usual order, each with its catalogue key.
LEVEL_LABELS = {level: f"level.{level}" for level in LEVELS}
_MARK = re.compile(r"\*\*(.+?)\*\*", re.S)
# Every ASCII character with a meaning in Markdown, GFM (tables, autolinks www. and a@b.c) or
# Streamlit's extensions (:color[…], :material/…:, $math$) is backslash-escaped ...
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#!|~$:&@.\"'=+\-^])")
# ... and the HTML blocks also write them as character references (a block ends at a blank line,
# after which Markdown applies again), with every kind of line break made a <br>.
_HTML_SPECIAL = {ord(c): f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]()#!|~$:@.=+-^"}
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


def md(text: object) -> str:
    """``text`` (from data) escaped for Streamlit's Markdown: it shows as written, and nothing in
    it becomes a link, an image, HTML, formatting or a Streamlit directive."""
    return _MD_SPECIAL.sub(r"\\\1", _LINE_BREAKS.sub("\n", str(text)))


def html_text(text: object) -> str:
    """``text`` (from data) escaped for an HTML block of :func:`html_block`, line breaks kept."""
    return _LINE_BREAKS.sub("\n", str(text)).translate(_HTML_SPECIAL).replace("\n", "<br>")


def level_label(level: str | None) -> str:
    """A level id's name in the interface language (法律, 地方性法规 …); an id the catalogue does
    not know is shown as stored."""
    if not level:
        return t("level.unknown")
    return t(LEVEL_LABELS[level]) if level in LEVEL_LABELS else level


def status_label(status: str | None) -> str:
    """A validity status's name (现行有效, 已被修订 …); an unknown one is shown as stored."""
    key = f"validity.{status or 'unknown'}"
    return t(key) if has(key) else str(status)


def status_badge(status: str | None) -> str:
    """The validity status as a coloured badge."""
    colour = STATUS_COLOURS.get(status or "", "gray")
    return f":{colour}-badge[{md(status_label(status))}]"


def actor_name(name: object) -> str:
    """Who did something, as stored (an account's name), with the command line's stored name
    (``operator``) in the interface language."""
    return t("actor.operator") if name == OPERATOR.username else str(name)


def marked_html(snippet: str) -> str:
    """A search snippet with its ``**marked**`` words highlighted, everything else escaped."""
    out, last = [], 0
    for m in _MARK.finditer(snippet):
        out.append(html_text(snippet[last : m.start()]))
        out.append(f"<mark>{html_text(m[1])}</mark>")
        last = m.end()
    out.append(html_text(snippet[last:]))
    return "".join(out)


# Text a screen reader says and the page does not show (the usual "visually hidden" rules).
_SPOKEN_ONLY = (
    "position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;"
    "clip:rect(0,0,0,0);clip-path:inset(50%);white-space:nowrap;border:0"
)


def spoken_cue(text: str) -> str:
    """``text`` for screen readers only: hidden from sight, read aloud in its place."""
    return f'<span class="pl-spoken" style="{_SPOKEN_ONLY}">{html_text(text)}</span>'


def diff_html(spans: Sequence[DiffSpan]) -> str:
    """Inline differences: deleted words struck through in red, inserted ones in green, each
    introduced by a spoken cue (删除：, 新增：), since most screen readers say nothing of
    ``<del>`` and ``<ins>`` (issue 18)."""
    parts = []
    for span in spans:
        text = html_text(span.text)
        if span.op == "delete":
            parts.append(
                f'<del style="background:#fde2e1;color:#a1251b;text-decoration:line-through">'
                f"{spoken_cue(t('diff.deleted_cue'))}{text}</del>"
            )
        elif span.op == "insert":
            parts.append(
                f'<ins style="background:#dcf5e3;color:#135e2d;text-decoration:none">'
                f"{spoken_cue(t('diff.inserted_cue'))}{text}</ins>"
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
        out.append(html_text(text[last:start]))
        out.append(f"<mark>{html_text(text[start:end])}</mark>")
        last = end
    out.append(html_text(text[last:]))
    return "".join(out)


def html_block(markup: str) -> None:
    """Show ``markup`` made by the ``*_html`` helpers (its data escaped by :func:`html_text`)."""
    st.markdown(f'<div style="line-height:1.7">{markup}</div>', unsafe_allow_html=True)


def open_in_document(document_id: str, provision_id: str | None = None) -> None:
    """Go to the documents page, opened at a document (and an article)."""
    params = {"doc": document_id}
    if provision_id:
        params["art"] = provision_id
    st.switch_page(DOCUMENTS_PAGE, query_params=params)
