"""Sessions that survive a reload, and pages that are addressable by URL.

**Signed session cookies.** After signing in, the browser keeps a cookie ``policylens_session``
holding the user name, an expiry (12 hours) and an HMAC-SHA256 of both under a secret key kept
in the workspace (``session.key``, mode 600, created once). A new browser connection (F5, a link,
a bookmark) reads it through ``st.context.cookies`` and is signed in again while the cookie is
valid and the account active. Streamlit offers no server-side ``Set-Cookie``, so the cookie is
written by a small script (:func:`write_cookie`, ``SameSite=Strict; Path=/``); signing out
clears it and stops this session from trusting the cookie it connected with.

**Links.** Every page has a fixed URL path (:data:`PAGE_PATHS`); while signed out, each of those
paths shows the sign-in form (not "Page not found"), and since a page's identity in Streamlit is
its URL path, the rerun after signing in opens the page (and query) the link named. Pages read
their view from ``st.query_params`` (documents: ``doc``, ``art``, ``old``, ``new``; search: the
bound widgets; tasks: ``task``; review: ``review``, ``against``, ``dense``; study: the pack
built and the versions compared; a page's tab: ``tab``) through :func:`url_value` and
:func:`url_values`. A view that is the outcome of an action (a review run, a pack built) is
written to the URL when the action is done, and a new connection with those parameters does
the action again, so reload, Back and a shared link show the same outcome.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from index.settings import workspace_home
from ui.i18n import t

COOKIE = "policylens_session"
KEY_NAME = "session.key"
LIFETIME_S = 12 * 3600
USER_KEY = "user"
PENDING_KEY = "session.pending_cookie"  # "set:<token>" or "clear", written on the next run
SIGNED_OUT_KEY = "session.signed_out"  # this session no longer trusts the cookie it came with
PAGE_PATHS = ("search", "documents", "tasks", "study", "review", "ingest", "users", "account")
"""The URL path of every page but Home (``/``), the same whether signed in or not."""
TASK_PARAM = "task"
REVIEW_PARAM = "review"
AGAINST_PARAM = "against"
DENSE_PARAM = "dense"
REVIEW_VIEW = (REVIEW_PARAM, AGAINST_PARAM, DENSE_PARAM)
"""The query parameters of the Review page's view."""


@dataclass(frozen=True, slots=True)
class ReviewLink:
    """A review as its URL names it: the text, the upper laws chosen (none: its declared
    basis) and whether articles were also aligned by meaning."""

    document_id: str
    against: tuple[str, ...] = ()
    dense: bool = False


# -- the key and the tokens (no Streamlit) ------------------------------------------------------
def session_key(home: Path | None = None) -> bytes:
    """The workspace's secret for session cookies, created (32 random bytes, mode 600) on first
    use; a key another process made first is the one used."""
    path = (home or workspace_home()) / KEY_NAME
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    key = secrets.token_bytes(32)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(key.hex() + "\n")
    return key


def make_token(key: bytes, username: str, now: float | None = None) -> str:
    """A cookie value naming ``username`` until ``now`` + 12 hours, signed with ``key``."""
    expires = int((time.time() if now is None else now) + LIFETIME_S)
    name = base64.urlsafe_b64encode(username.encode("utf-8")).decode("ascii").rstrip("=")
    return f"v1.{name}.{expires}.{_mac(key, name, expires)}"


def read_token(key: bytes, token: str, now: float | None = None) -> str | None:
    """The user name a token names, or None when it is malformed, forged or expired."""
    parts = token.split(".")
    if len(parts) != 4 or parts[0] != "v1" or not parts[2].isdigit():
        return None
    _, name, expires_text, mac = parts
    expires = int(expires_text)
    if not hmac.compare_digest(_mac(key, name, expires), mac):
        return None
    if expires <= (time.time() if now is None else now):
        return None
    try:
        return base64.urlsafe_b64decode(name + "=" * (-len(name) % 4)).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None


def _mac(key: bytes, name: str, expires: int) -> str:
    payload = json.dumps(["policylens-session", name, expires], separators=(",", ":"))
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()


# -- the session in Streamlit -------------------------------------------------------------------
def cookie_username(home: Path) -> str | None:
    """The user name of this connection's valid session cookie, unless this session signed out."""
    if st.session_state.get(SIGNED_OUT_KEY):
        return None
    token = st.context.cookies.get(COOKIE)
    return read_token(session_key(home), token) if token else None


def remember(user: object, home: Path) -> None:
    """Keep ``user`` in this session and have the browser keep a signed cookie for reloads."""
    st.session_state[USER_KEY] = user
    st.session_state.pop(SIGNED_OUT_KEY, None)
    st.session_state[PENDING_KEY] = "set:" + make_token(session_key(home), user.username)  # type: ignore[attr-defined]


def sign_out() -> None:
    """Forget the user in this session and clear the browser's cookie."""
    st.session_state.pop(USER_KEY, None)
    st.session_state[SIGNED_OUT_KEY] = True
    st.session_state[PENDING_KEY] = "clear"


def write_cookie() -> None:
    """Write (or clear) the browser's session cookie when a sign-in or sign-out asked for it;
    called once per run by the app, after the page is chosen and before it runs.

    Every run puts one placeholder in the same place, filled only when there is a cookie to
    write: the page's elements then keep their places from run to run (an element only in some
    runs would shift them, and the browser would show the next run's elements beside the stale
    ones, such as the sign-in form twice after signing out)."""
    slot = st.empty()
    pending = st.session_state.pop(PENDING_KEY, None)
    if not pending:
        return
    value, age = (pending[4:], LIFETIME_S) if pending.startswith("set:") else ("", 0)
    slot.html(
        "<script>document.cookie = "
        f'"{COOKIE}={value}; Max-Age={age}; Path=/; SameSite=Strict"'
        ' + (location.protocol === "https:" ? "; Secure" : "");</script>',
        unsafe_allow_javascript=True,
    )


# -- the view a URL names -----------------------------------------------------------------------
def url_value(name: str) -> str | None:
    """The query parameter ``name`` of the current URL (empty counts as absent)."""
    value = st.query_params.get(name)
    return value or None


def linked_task() -> int | None:
    """The task a ``/tasks?task=ID`` link names, or None."""
    value = url_value(TASK_PARAM)
    return int(value) if value and value.isdigit() else None


def link_task(task_id: int | None) -> None:
    """Put the open task in the URL (``?task=ID``), or take it out."""
    _set_param(TASK_PARAM, None if task_id is None else str(task_id))


def url_values(name: str) -> list[str]:
    """Every value of the repeated query parameter ``name`` (``?art=a&art=b``), empty ones left
    out."""
    return [v for v in st.query_params.get_all(name) if v]


def linked_review() -> ReviewLink | None:
    """The review a ``/review?review=ID&against=ID&dense=1`` link names, or None."""
    document_id = url_value(REVIEW_PARAM)
    if document_id is None:
        return None
    return ReviewLink(document_id, tuple(url_values(AGAINST_PARAM)), url_value(DENSE_PARAM) == "1")


def link_review(review: ReviewLink | None) -> None:
    """Put the review shown in the URL (``?review=ID&against=ID&dense=1``), or take it out."""
    _set_param(REVIEW_PARAM, review.document_id if review else None)
    _set_param(AGAINST_PARAM, list(review.against) if review else None)
    _set_param(DENSE_PARAM, "1" if review and review.dense else None)


def link_view(params: dict[str, str | list[str] | None]) -> None:
    """Put a view's parameters in the URL; a list is a repeated parameter, None (or an empty
    list) takes the parameter out."""
    for name, value in params.items():
        _set_param(name, value)


def _set_param(name: str, value: str | list[str] | None) -> None:
    if isinstance(value, list):
        if not value:
            st.query_params.pop(name, None)
        elif st.query_params.get_all(name) != value:
            st.query_params[name] = value
    elif value is None:
        st.query_params.pop(name, None)
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


# -- a tab in the URL ---------------------------------------------------------------------------
TAB_PARAM = "tab"


def open_linked_tab(key: str, tabs: dict[str, str]) -> None:
    """Have the tabs ``key`` (labels by stable name, the first the default) open on the tab the
    URL's ``?tab=NAME`` names; call before ``st.tabs``. The name, not the label, is in the URL,
    so a link holds in either language and when a label's count changes."""
    wanted = tabs.get(url_value(TAB_PARAM) or "", next(iter(tabs.values())))
    if st.session_state.get(key) != wanted:
        st.session_state[key] = wanted


def link_tab(key: str, tabs: dict[str, str]) -> None:
    """``on_change`` of the tabs ``key``: name the tab opened in the URL (none for the first)."""
    opened = st.session_state.get(key)
    name = next((n for n, label in tabs.items() if label == opened), None)
    _set_param(TAB_PARAM, None if name == next(iter(tabs)) else name)


def sign_in_pages(render: Callable[[], None]) -> list[st.Page]:
    """The navigation while signed out: the sign-in form at ``/`` and at every page's path, so
    that a link is kept through signing in (the rerun after it opens the page of that path)."""
    home_page = st.Page(render, title=t("session.sign_in_page"), url_path="sign-in", default=True)
    return [home_page] + [
        st.Page(render, title=t("session.sign_in_page"), url_path=path, visibility="hidden")
        for path in PAGE_PATHS
    ]


# -- a page's view kept for the session -----------------------------------------------------------
PAGE_KEY = "session.page"
PREVIOUS_KEY = "session.previous_page"


def note_page(page: st.Page) -> None:
    """Remember which page this run shows (the app calls it before running the page)."""
    st.session_state[PREVIOUS_KEY] = st.session_state.get(PAGE_KEY)
    st.session_state[PAGE_KEY] = page.url_path


def arrived() -> bool:
    """Whether this run is the first on its page since another page was shown."""
    return st.session_state.get(PREVIOUS_KEY) != st.session_state.get(PAGE_KEY)


def restore_view(page: str, keys: tuple[str, ...]) -> None:
    """Give a page its last view back when the user comes back to it (Back, the sidebar) by a
    URL that names none of its ``keys``: the page is opened again with the URL it last had (its
    widgets are bound to the URL, which wins over any other state). A URL that names them (a
    link) is kept; query parameters of another page (``doc``, ``art``) go."""
    saved = st.session_state.get(f"view.{page}")
    named = any(k in st.query_params for k in keys)
    if saved and arrived() and not named:
        st.switch_page(page, query_params=saved)
    for other in [k for k in st.query_params if k not in keys]:
        st.query_params.pop(other, None)


def save_view(page: str, keys: tuple[str, ...]) -> None:
    """Keep the URL parameters ``keys`` of the page's current view for :func:`restore_view`."""
    st.session_state[f"view.{page}"] = {
        k: st.query_params.get_all(k) for k in keys if k in st.query_params
    }
