"""The interface language of a session: read at the top of every run (the signed-in account's
setting, kept in the store so that it survives signing out; before signing in, the choice made
on the sign-in page) and switched in the sidebar.

Streamlit writes some words itself (the file uploader, "Page not found", the status widget,
widgets' screen-reader labels) and has no way to translate them: :func:`page_script` is a small
script, run in the browser on every page, that swaps exactly those texts, listed in the
catalogue (``ui/i18n/catalogue/builtin.py``), for their Chinese while the interface is Chinese.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import streamlit as st

from index.accounts import Accounts, User
from ui.data import store
from ui.i18n import LANGUAGE_NAMES, LANGUAGES, language, messages, set_language, t

SESSION_KEY = "language"  # the choice before signing in (and the last one applied)
WIDGET_KEY = "language_switch"
BUILTIN_PREFIX = "builtin."
SCRIPT = Path(__file__).parent / "assets" / "page_script.js"
DOCUMENT_LANGUAGE = {"zh": "zh-CN", "en": "en"}
"""The page's ``<html lang>`` for each interface language (screen readers, fonts, translation)."""
# Below this width Streamlit lays the open sidebar over the page (its "md" breakpoint).
NARROW_PX = 768
_MARKER = "policylens-page-script"


def apply_language(user: User | None) -> str:
    """Use the language of ``user`` (or of this visitor) for this run; call it before any page
    renders.

    Returns:
        The language code now in use.
    """
    chosen = st.session_state.get(SESSION_KEY)
    if user is not None:
        with store() as opened:
            chosen = Accounts(opened).language(user.username) or chosen
    code = set_language(chosen)
    st.session_state[SESSION_KEY] = code
    return code


def language_switch(user: User | None) -> None:
    """中文 / English, shown in the current container; a signed-in user's choice is saved to
    their account."""
    st.session_state[WIDGET_KEY] = st.session_state.get(SESSION_KEY, LANGUAGES[0])
    st.segmented_control(
        t("language.label"),
        LANGUAGES,
        format_func=LANGUAGE_NAMES.__getitem__,
        key=WIDGET_KEY,
        on_change=_switched,
        args=(user,),
        label_visibility="collapsed",
    )


def _switched(user: User | None) -> None:
    code = st.session_state.get(WIDGET_KEY) or st.session_state.get(SESSION_KEY)
    code = set_language(code)
    st.session_state[SESSION_KEY] = code
    if user is not None:
        with store() as opened:
            Accounts(opened).set_language(user, code)


def builtin_texts() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Streamlit's own English texts and their words in the current language: the exact texts
    (English -> Chinese) and the templates with a ``{value}`` Streamlit fills in, or a
    ``{number}`` (a size's digits; the page script fills it with digits only). Both are empty
    in English, where nothing is swapped."""
    if language() == "en":
        return {}, []
    exact: dict[str, str] = {}
    templates: list[tuple[str, str]] = []
    for key, (chinese, english) in messages().items():
        if not key.startswith(BUILTIN_PREFIX):
            continue
        if "{value}" in english or "{number}" in english:
            templates.append((english, chinese))
        else:
            exact[english] = chinese
    return exact, templates


@cache
def _script_source() -> str:
    return SCRIPT.read_text(encoding="utf-8")


def page_script() -> str:
    """The page script's HTML for the current language: the script of ``ui/assets`` called with
    :func:`builtin_texts`, and a style that keeps its (empty) element out of the layout."""
    exact, templates = builtin_texts()
    arguments = json.dumps(
        [exact, templates, NARROW_PX, DOCUMENT_LANGUAGE[language()]], ensure_ascii=False
    )
    call = f"policylensPage(...{arguments});".replace("</", "<\\/")
    hide = f'[data-testid="stElementContainer"]:has(.{_MARKER}) {{display: none}}'
    return (
        f'<span class="{_MARKER}" hidden></span><style>{hide}</style>'
        f"<script>{_script_source()}\n{call}</script>"
    )


def run_page_script() -> None:
    """Put the page script on the page; call it once per run, in every language, so that the
    page's elements keep their places when the language changes."""
    st.html(page_script(), unsafe_allow_javascript=True)
