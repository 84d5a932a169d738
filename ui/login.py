"""The sign-in page."""

from __future__ import annotations

import streamlit as st

from index.accounts import Accounts, AuthenticationError
from ui.components import md
from ui.data import USER_KEY, store


def render_login() -> None:
    """A user name and password form; on success the user is kept in the session."""
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        _form()


def _form() -> None:
    st.title("PolicyLens")
    st.caption("Work-safety laws, regulations and plans: search, compare, track and study.")
    with store() as opened:
        accounts = Accounts(opened)
        if accounts.count() == 0:
            st.warning(
                "This workspace has no accounts yet. Create the first admin with "
                "`policylens users add NAME --role admin` (or run `make demo`)."
            )
            return
        with st.form("sign-in"):
            username = st.text_input("User name", key="login_user")
            password = st.text_input("Password", type="password", key="login_password")
            submitted = st.form_submit_button("Sign in", type="primary")
        if submitted:
            try:
                user = accounts.authenticate(username, password)
            except AuthenticationError as exc:
                st.error(md(exc))
                return
            st.session_state[USER_KEY] = user
            st.rerun()
