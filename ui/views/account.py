"""My account: who I am, a new password, sign out."""

from __future__ import annotations

import streamlit as st

from index.accounts import MIN_PASSWORD, Accounts, AuthenticationError, forget_first_password
from index.store.database import StoreError
from ui.components import md
from ui.data import home, role_name, signed_in_user, store
from ui.i18n import t
from ui.i18n.errors import said
from ui.session import sign_out

user = signed_in_user()
st.title(t("nav.account"))
if user.department:
    who = t(
        "account.who_department",
        name=md(user.username),
        role=role_name(user.role),
        department=md(user.department),
    )
else:
    who = t("account.who", name=md(user.username), role=role_name(user.role))
st.markdown(who)
st.caption(t("account.language_note"))


def _problem(accounts: Accounts, current: str, new: str, again: str) -> str | None:
    """Why the password cannot be changed as entered, or None."""
    try:
        accounts.authenticate(user.username, current)
    except AuthenticationError:
        return t("account.wrong_current")
    if new != again:
        return t("account.differ")
    if len(new) < MIN_PASSWORD:
        return t("account.too_short", count=MIN_PASSWORD)
    return None


with st.form("password", clear_on_submit=True):
    st.subheader(t("account.change_password"))
    current = st.text_input(t("account.current"), type="password")
    new = st.text_input(t("account.new"), type="password", help=t("account.new_help"))
    again = st.text_input(t("account.again"), type="password")
    change = st.form_submit_button(t("account.change_password"))
if change:
    with store() as opened:
        accounts = Accounts(opened)
        problem = _problem(accounts, current, new, again)
        if problem:
            st.error(problem)
        else:
            try:
                accounts.set_password(user, user.username, new)
            except StoreError as exc:
                st.error(md(said(exc)))
            else:
                forget_first_password(home(), user.username)
                st.success(t("account.changed"))

if st.button(t("account.sign_out"), icon=":material/logout:"):
    sign_out()  # clears the session cookie too
    st.rerun()
