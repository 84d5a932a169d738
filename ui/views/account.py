"""My account: who I am, a new password, sign out."""

from __future__ import annotations

import streamlit as st

from index.accounts import Accounts, AuthenticationError, forget_first_password
from index.store.database import StoreError
from ui.components import md
from ui.data import USER_KEY, home, signed_in_user, store

user = signed_in_user()
st.title("My account")
st.markdown(
    f"**{md(user.username)}** · role **{user.role}**"
    + (f" · department **{md(user.department)}**" if user.department else "")
)

with st.form("password", clear_on_submit=True):
    st.subheader("Change password")
    current = st.text_input("Current password", type="password")
    new = st.text_input("New password", type="password", help="At least 10 characters")
    again = st.text_input("New password again", type="password")
    change = st.form_submit_button("Change password")
if change:
    with store() as opened:
        accounts = Accounts(opened)
        try:
            try:
                accounts.authenticate(user.username, current)
            except AuthenticationError:
                raise StoreError("the current password is not right") from None
            if new != again:
                raise StoreError("the two new passwords differ")
            accounts.set_password(user, user.username, new)
            forget_first_password(home(), user.username)
            st.success("Password changed.")
        except (AuthenticationError, StoreError) as exc:
            st.error(md(exc))

if st.button("Sign out", icon=":material/logout:"):
    st.session_state.pop(USER_KEY, None)
    st.rerun()
