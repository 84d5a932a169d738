"""What the app's pages share: the workspace, the signed-in user, a store per script run, and the
search indexes, the embedder and the job runner held once per process (``st.cache_resource``).

SQLite connections are bound to their thread and Streamlit runs each session's script on its
own thread, so each run opens its own store (cheap); the loaded index generation and the model
are shared (costly to load, read-only).

Several app servers on one PostgreSQL store each keep these per process: before a search the
served index looks (every few seconds) for a generation another server published and rebuilds
its own files from the store's caches, and the job runner's worker thread runs the background
jobs queued on any server (``index.bulk.queue``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from index.accounts import Accounts, Permission, User
from index.bulk.handlers import default_handlers, job_result
from index.bulk.queue import QueueRunner
from index.search.embedders import Embedder, load_embedder
from index.search.engine import SearchEngine
from index.search.generations import IndexFolder
from index.search.reload import ServedIndex
from index.settings import INDEX_DIR, database_url, workspace_home
from index.store.database import NotFoundError, Store, open_store
from ui.i18n import has, t
from ui.session import USER_KEY, cookie_username


def home() -> Path:
    return workspace_home().resolve()


@contextmanager
def store() -> Iterator[Store]:
    """The workspace's store for this script run."""
    opened = open_store(home())
    try:
        yield opened
    finally:
        opened.close()


@st.cache_resource(show_spinner=False)
def _served(workspace: str, database: str | None) -> ServedIndex:
    root = Path(workspace)
    return ServedIndex(IndexFolder(root / INDEX_DIR), opener=lambda: open_store(root))


@st.cache_resource(show_spinner=t("session.loading_model"))
def _embedder(name: str) -> Embedder:
    return load_embedder(name)


def review_embedder() -> Embedder:
    """The embedder of the search index (or the one a first build would use), loaded once."""
    from index.search.build import choose_embedder

    return _embedder(choose_embedder(home()))


@contextmanager
def search_engine() -> Iterator[SearchEngine]:
    """A search engine on the current index generation: reloaded when an ingest here made a new
    one, and rebuilt from the store's caches when another server published one.

    Raises:
        IndexFilesError: when there is no usable index yet.
    """
    folder = IndexFolder(home() / INDEX_DIR)
    opened = open_store(home())
    try:
        generation = _served(str(home()), database_url()).current(opened)
        yield SearchEngine(
            opened,
            folder,
            generation=generation,
            embedder=_embedder(generation.manifest.embedder),
        )
    finally:
        opened.close()


@st.cache_resource(on_release=lambda runner: runner.shutdown(wait=False))
def _job_runner(root: str, database: str | None) -> QueueRunner:
    workspace = Path(root)
    return QueueRunner(workspace, default_handlers(workspace), decode=job_result).start()


def job_runner() -> QueueRunner:
    """This process's side of the workspace's job queue (one for every session): jobs are rows
    of the store, and its worker thread, started here once, runs those queued on any server."""
    return _job_runner(str(home()), database_url())


def current_user() -> User | None:
    """The signed-in user, re-read from the store on every run so that a disabled account or
    a changed role takes effect at once; a new connection (a reload, a link) is signed in by its
    valid session cookie (see :mod:`ui.session`)."""
    user: User | None = st.session_state.get(USER_KEY)
    username = user.username if user is not None else cookie_username(home())
    if username is None:
        return None
    with store() as opened:
        try:
            fresh = Accounts(opened).get(username)
        except NotFoundError:
            fresh = None
    if fresh is None or not fresh.active:
        st.session_state.pop(USER_KEY, None)
        return None
    st.session_state[USER_KEY] = fresh
    job_runner()  # the first signed-in page starts this server's job worker, for every server
    return fresh


def signed_in_user() -> User:
    """The signed-in user, for pages that are only reachable when signed in."""
    user = current_user()
    if user is None:
        st.stop()
    return user


def require_page(permission: Permission) -> User:
    """Stop the page with a message unless the user has ``permission``."""
    user = signed_in_user()
    if not user.can(permission):
        st.error(t("session.role_refused", role=role_name(user.role)))
        st.stop()
    return user


def role_name(role: object) -> str:
    """A role's name in the interface language where the catalogue has one (``role.<id>``)."""
    value = getattr(role, "value", role)
    key = f"role.{value}"
    return t(key) if has(key) else str(value)
