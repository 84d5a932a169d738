"""Users page (admins): accounts, roles and departments; add, disable, enable."""

from __future__ import annotations

import streamlit as st

from index.accounts import Accounts, Permission, Role
from index.store.database import StoreError
from ui.components import md
from ui.data import require_page, store

admin = require_page(Permission.MANAGE_USERS)
st.title("Users")

with st.form("add-user", clear_on_submit=True):
    st.subheader("Add a user")
    c1, c2 = st.columns(2)
    username = c1.text_input("User name", help="2-32 lower-case letters, digits, '.', '_' or '-'")
    password = c2.text_input("Initial password", type="password", help="At least 10 characters")
    c3, c4 = st.columns(2)
    role = c3.selectbox("Role", [r.value for r in Role], index=3)
    department = c4.text_input("Department", help="Required for department users")
    add = st.form_submit_button("Add user", type="primary")
if add:
    with store() as opened:
        try:
            Accounts(opened).add(admin, username.strip(), password, role, department)
            st.success(f"Added {md(username)} ({role}).")
        except StoreError as exc:
            st.error(md(exc))

with store() as opened:
    accounts = Accounts(opened)
    rows = accounts.list()
    log = accounts.log()[:30]

st.subheader("Accounts")
st.dataframe(rows, hide_index=True, width="stretch")
names = [r["username"] for r in rows]
c1, c2, c3 = st.columns([2, 1, 1])
who = c1.selectbox("Account", names, index=None, placeholder="Choose an account")
if who:
    with store() as opened:
        accounts = Accounts(opened)
        try:
            if c2.button("Disable", disabled=who == admin.username):
                accounts.set_active(admin, who, False)
                st.rerun()
            if c3.button("Enable"):
                accounts.set_active(admin, who, True)
                st.rerun()
        except StoreError as exc:
            st.error(md(exc))

with st.expander("Account history"):
    st.dataframe(log, hide_index=True, width="stretch")
