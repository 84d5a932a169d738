"""Users page (admins): accounts, roles and departments; add, disable, enable, change a role and
reset a password. Every change goes through :class:`index.accounts.Accounts`, which checks the
admin's permission and writes the account log (as the CLI's `policylens users …` does)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from index.accounts import MIN_PASSWORD, Accounts, LastAdminError, Permission, Role, User
from index.store.database import StoreError
from index.tasks.ledger import Ledger
from index.tasks.units import known_units
from ui.components import actor_name, md
from ui.data import require_page, role_name, store
from ui.i18n import has, t
from ui.i18n.dates import format_datetime
from ui.i18n.errors import said

ROLES = [r.value for r in Role]
FLASH = "u_flash"  # what the last change did, shown after the rerun that follows it

admin = require_page(Permission.MANAGE_USERS)
st.title(t("nav.users"))


def _password_problem(password: str, again: str | None = None) -> str | None:
    if again is not None and password != again:
        return t("account.differ")
    if len(password) < MIN_PASSWORD:
        return t("account.too_short", count=MIN_PASSWORD)
    return None


def _units(extra: str = "") -> list[str]:
    """The units to offer: the accounts' own, the bodies tracked plans' tasks name, the State
    Council's departments. Each is the string the Tasks page and the ledger resolve to the
    body that leads a task (:class:`index.tasks.units.UnitMatcher`)."""
    with store() as opened:
        held = [str(r["department"]) for r in Accounts(opened).list() if r["department"]]
        bodies = [
            b for x in Ledger(opened).tasks() for b in (*x.lead_bodies, *x.cooperating_bodies)
        ]
    return known_units(bodies, [extra, *held])


def _unit_box(column: Any, *, key: str | None = None, current: str = "") -> str | None:
    """The 单位 field: a list of known units that also takes a name typed by the admin (kept
    among the options, so that the form keeps it when the account cannot be added)."""
    typed = str(st.session_state.get(key) or "") if key else ""
    options = _units(current or typed)
    return column.selectbox(
        t("users.department"),
        options,
        index=options.index(current) if current else None,
        accept_new_options=True,
        placeholder=t("users.department_placeholder"),
        help=t("users.department_help"),
        key=key,
    )


ADD_KEYS = {name: f"u_add_{name}" for name in ("username", "password", "role", "department")}
ADD_SAID = "u_add_said"  # what the last press of Add did: (ok, message)


def _add_form() -> None:
    """The form for a new account. It keeps what was typed and chosen when the account cannot
    be added (a refused name, a short password), so the admin corrects one field instead of
    filling in all of them again (and the role and unit are not silently reset to a viewer
    without a unit); after an account is added it starts empty."""
    with st.form("add-user"):
        st.subheader(t("users.add_title"))
        c1, c2 = st.columns(2)
        c1.text_input(t("users.username"), help=t("users.username_help"), key=ADD_KEYS["username"])
        c2.text_input(
            t("users.initial_password"),
            type="password",
            help=t("account.new_help"),
            key=ADD_KEYS["password"],
        )
        c3, c4 = st.columns(2)
        c3.selectbox(t("users.role"), ROLES, index=3, format_func=role_name, key=ADD_KEYS["role"])
        _unit_box(c4, key=ADD_KEYS["department"])
        st.form_submit_button(t("users.add"), type="primary", on_click=_add)
    said_now = st.session_state.pop(ADD_SAID, None)
    if said_now is not None:
        ok, message = said_now
        (st.success if ok else st.error)(message)


def _add() -> None:
    """The Add button's callback: add the account, keep the message, and empty the form only
    when the account was added."""
    state = st.session_state
    username = str(state.get(ADD_KEYS["username"]) or "").strip()
    password = str(state.get(ADD_KEYS["password"]) or "")
    role = state.get(ADD_KEYS["role"]) or ROLES[3]
    department = str(state.get(ADD_KEYS["department"]) or "").strip()
    problem = _password_problem(password)
    if role == Role.DEPARTMENT and not department.strip():
        problem = t("users.needs_department")
    if problem:
        state[ADD_SAID] = (False, problem)
        return
    with store() as opened:
        try:
            Accounts(opened).add(admin, username, password, role, department)
        except StoreError as exc:
            state[ADD_SAID] = (False, md(said(exc)))
            return
    state[ADD_SAID] = (True, t("users.added", name=md(username), role=role_name(role)))
    for key in ADD_KEYS.values():
        state.pop(key, None)


def _rows(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """The accounts table in the interface language, dates in local time."""
    return [
        {
            t("users.column_username"): r["username"],
            t("users.column_role"): role_name(r["role"]),
            t("users.column_department"): r["department"] or "",
            t("users.column_active"): t("users.active" if r["active"] else "users.disabled"),
            t("users.column_created"): format_datetime(r["created_at"]),  # type: ignore[arg-type]
            t("users.column_last_login"): format_datetime(r["last_login"]),  # type: ignore[arg-type]
            t("users.column_locked"): format_datetime(r["locked_until"]),  # type: ignore[arg-type]
        }
        for r in rows
    ]


def _log_rows(log: list[dict[str, object]]) -> list[dict[str, object]]:
    def event(name: object) -> str:
        key = f"users.event.{name}"
        return t(key) if has(key) else str(name)

    return [
        {
            t("users.column_at"): format_datetime(r["at"]),  # type: ignore[arg-type]
            t("users.column_actor"): actor_name(r["actor"]),
            t("users.column_username"): r["username"],
            t("users.column_event"): event(r["event"]),
            t("users.column_detail"): _detail(r["event"], r["detail"]),
        }
        for r in log
    ]


def _role_text(stored: str) -> str:
    """ "reviewer" or "department 应急管理局" (a role and a department, as the log stores them)
    in the interface language."""
    role, _, department = stored.strip().partition(" ")
    return " · ".join(part for part in (role_name(role) if role else "", department) if part)


def _detail(event: object, detail: object) -> str:
    """The log's stored detail in the interface language: the role given, the change of role,
    why a sign-in was refused; anything else as stored."""
    text = str(detail or "")
    if event == "created":
        return _role_text(text)
    if event == "role" and " -> " in text:
        before, after = text.split(" -> ", 1)
        return f"{_role_text(before)} → {_role_text(after)}"
    if event == "login_refused" and text == "disabled":
        return t("users.refused_disabled")
    if event == "login_refused" and text.startswith("locked until "):
        return t("users.refused_locked", until=format_datetime(text.removeprefix("locked until ")))
    return text


def _on_off(who: User) -> None:
    """Disable or enable the chosen account (an admin cannot disable themselves)."""
    c1, c2, _ = st.columns([1, 1, 4])
    with store() as opened:
        accounts = Accounts(opened)
        try:
            if c1.button(t("users.disable"), disabled=who.username == admin.username):
                accounts.set_active(admin, who.username, False)
                st.rerun()
            if c2.button(t("users.enable")):
                accounts.set_active(admin, who.username, True)
                st.rerun()
        except LastAdminError:
            st.error(t("users.last_admin", name=md(who.username)))
        except StoreError as exc:
            st.error(md(said(exc)))


def _role_form(who: User) -> None:
    """Another role (and department) for the chosen account."""
    with st.form(f"role-{who.username}"):
        st.markdown(f"**{t('users.change_role')}**")
        c1, c2 = st.columns(2)
        role = c1.selectbox(
            t("users.new_role"), ROLES, index=ROLES.index(who.role.value), format_func=role_name
        )
        department = _unit_box(c2, current=who.department or "") or ""
        if not st.form_submit_button(t("users.save_role")):
            return
    if role == Role.DEPARTMENT and not department.strip():
        st.error(t("users.needs_department"))
        return
    with store() as opened:
        accounts = Accounts(opened)
        try:
            accounts.set_role(admin, who.username, role, department.strip())
        except LastAdminError:
            st.error(t("users.last_admin", name=md(who.username)))
            return
        except StoreError as exc:
            st.error(md(said(exc)))
            return
    st.session_state[FLASH] = t("users.role_changed", name=md(who.username), role=role_name(role))
    st.rerun()  # the table above shows the new role


def _password_form(who: User) -> None:
    """A new password for the chosen account, set by the admin."""
    with st.form(f"reset-{who.username}", clear_on_submit=True):
        st.markdown(f"**{t('users.reset_password')}**")
        c1, c2 = st.columns(2)
        password = c1.text_input(t("users.reset_new"), type="password", help=t("account.new_help"))
        again = c2.text_input(t("users.reset_again"), type="password")
        if not st.form_submit_button(t("users.reset")):
            return
    problem = _password_problem(password, again)
    if problem:
        st.error(problem)
        return
    with store() as opened:
        try:
            Accounts(opened).set_password(admin, who.username, password)
        except StoreError as exc:
            st.error(md(said(exc)))
            return
    st.session_state[FLASH] = t("users.reset_done", name=md(who.username))
    st.rerun()


if FLASH in st.session_state:
    st.success(st.session_state.pop(FLASH))
_add_form()
with store() as opened:
    accounts = Accounts(opened)
    rows = accounts.list()
    log = accounts.log()[:30]

st.subheader(t("users.accounts"))
st.dataframe(_rows(rows), hide_index=True, width="stretch")
names = [str(r["username"]) for r in rows]
chosen = st.selectbox(
    t("users.account"), names, index=None, placeholder=t("users.choose"), key="u_account"
)
if chosen:
    with store() as opened:
        account = Accounts(opened).get(chosen)
    _on_off(account)
    left, right = st.columns(2)
    with left:
        _role_form(account)
    with right:
        _password_form(account)

with st.expander(t("users.history")):
    st.dataframe(_log_rows(log), hide_index=True, width="stretch")
