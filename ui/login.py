"""The sign-in page."""

from __future__ import annotations

import streamlit as st

from index.accounts import Accounts, AuthenticationError
from ui.data import home, store
from ui.i18n import t
from ui.language import language_switch
from ui.session import remember


def render_login() -> None:
    """A user name and password form; on success the user is kept in the session."""
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        _form()


def _form() -> None:
    language_switch(None)
    st.title(t("app.name"))
    st.caption(t("app.tagline"))
    with store() as opened:
        accounts = Accounts(opened)
        if accounts.count() == 0:
            st.warning(t("login.no_accounts"))
            return
        with st.form("sign-in"):
            username = st.text_input(t("login.user"), key="login_user")
            password = st.text_input(t("login.password"), type="password", key="login_password")
            submitted = st.form_submit_button(t("login.submit"), type="primary")
        if submitted:
            try:
                user = accounts.authenticate(username, password)
            except AuthenticationError:
                # one message for every refusal (index.accounts.SIGN_IN_FAILED), in the
                # interface language
                st.error(t("login.failed"))
                return
            remember(user, home())  # signed cookie: a reload keeps the user signed in
            st.rerun()
