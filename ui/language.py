"""The interface language of a session: read at the top of every run (the signed-in account's
setting, kept in the store so that it survives signing out; before signing in, the choice made
on the sign-in page) and switched in the sidebar."""

from __future__ import annotations

import streamlit as st

from index.accounts import Accounts, User
from ui.data import store
from ui.i18n import LANGUAGE_NAMES, LANGUAGES, set_language, t

SESSION_KEY = "language"  # the choice before signing in (and the last one applied)
WIDGET_KEY = "language_switch"


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
