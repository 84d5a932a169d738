"""The store's backends in the tests: SQLite always, PostgreSQL where a server is given.

``POLICYLENS_TEST_DATABASE_URL`` names a PostgreSQL database the tests may use to create and
drop databases (``.ci/run`` starts a throw-away cluster and sets it). On PostgreSQL each
workspace folder a test opens a store in gets a database of its own, as it would hold its own
SQLite file: a new folder an empty migrated store, a copied folder a copy of its database
(:meth:`Server.workspace_url`); the databases a test creates are dropped at its end, a module's
at the module's end.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

ENV_TEST_URL = "POLICYLENS_TEST_DATABASE_URL"
SQLITE = "sqlite"
POSTGRESQL = "postgresql"

# The test modules that run on both backends (the store, the ledger, accounts, review, search).
BOTH_BACKENDS = (
    "tests/index/store/",
    "tests/index/tasks/",
    "tests/index/test_accounts.py",
    "tests/index/review/",
    "tests/index/search/test_build.py",
    "tests/index/search/test_engine.py",
    "tests/index/search/test_regions.py",
    "tests/index/search/test_verify.py",
    "tests/index/library/test_browse.py",
    "tests/index/search/test_reload.py",
    "tests/index/bulk/test_queue.py",
    "tests/index/study/test_edits.py",
)

# A file each workspace folder gets on PostgreSQL, naming its database (a copied folder names
# the database it was copied from).
MARKER = ".test-database"

_names = itertools.count(1)


def test_url() -> str | None:
    """The PostgreSQL server for the tests, or None."""
    return os.environ.get(ENV_TEST_URL) or None


def with_database(url: str, name: str) -> str:
    """``url`` pointing at database ``name`` (host, port, user and options kept)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def with_option(url: str, key: str, value: str) -> str:
    """``url`` with one more query parameter."""
    parts = urlsplit(url)
    query = [*parse_qsl(parts.query), (key, value)]
    return urlunsplit(parts._replace(query=urlencode(query)))


class Server:
    """The test server: creates and drops the tests' databases."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.url = url
        self.admin = psycopg.connect(url, autocommit=True)
        self.prefix = f"pl_{os.getpid()}"
        self.owners: list[list[str]] = []  # the databases of each open scope, innermost last
        self.template = self.create()
        self._migrate(self.template)
        self.workspaces: dict[Path, str] = {}

    def create(self, template: str | None = None) -> str:
        """A new database (empty, or a copy of ``template``); returns its name. It is dropped
        when the innermost open :meth:`scope` ends."""
        name = f"{self.prefix}_{next(_names)}"
        source = template or "template0"
        self.admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}" STRATEGY FILE_COPY')
        if self.owners:
            self.owners[-1].append(name)
        return name

    @contextmanager
    def scope(self) -> Iterator[None]:
        """Drop the databases created in the ``with`` block (a module's, or a test's) at its end."""
        self.owners.append([])
        try:
            yield
        finally:
            dropped = self.owners.pop()
            for name in dropped:
                self.drop(name)
            for home, name in list(self.workspaces.items()):
                if name in dropped:
                    del self.workspaces[home]

    def workspace_url(self, home: Path) -> str:
        """The database of a workspace folder: each folder has its own, as each has its own
        SQLite file. A folder seen before keeps its database; a copy of one (it holds the
        copied :data:`MARKER`) gets a copy of that database; a new folder, an empty store."""
        home = home.resolve()
        name = self.workspaces.get(home)
        if name is None:
            marker = home / MARKER
            copied = marker.read_text().strip() if marker.is_file() else ""
            name = self.clone(copied) if copied else self.create(self.template)
            self.workspaces[home] = name
            home.mkdir(mode=0o700, parents=True, exist_ok=True)
            marker.write_text(name)
        return self.url_for(name)

    def clone(self, source: str) -> str:
        """A copy of ``source``, or of the migrated template while ``source`` is in use (a
        module-scoped store still open on it; a copy of its folder then starts empty)."""
        import psycopg

        try:
            return self.create(source)
        except psycopg.errors.ObjectInUse:
            return self.create(self.template)

    def drop(self, name: str) -> None:
        """Drop a database, ending connections left open on it."""
        self.admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def url_for(self, name: str) -> str:
        """The URL of one of the tests' databases."""
        return with_database(self.url, name)

    def close(self) -> None:
        """Drop the template and close the admin connection."""
        self.drop(self.template)
        self.admin.close()

    def _migrate(self, name: str) -> None:
        """Apply the store's migrations once, so each test's copy starts migrated."""
        from index.store.database import Store

        Store(Path("policylens.db"), self.url_for(name)).close()


def on_postgres() -> bool:
    """Whether this test's store is PostgreSQL (the backend fixture set the URL)."""
    return bool(os.environ.get("POLICYLENS_DATABASE_URL"))


def sqlite_only(reason: str) -> None:
    """Skip a test of the SQLite file itself (its modes, damage, copies) on PostgreSQL."""
    import pytest

    if on_postgres():
        pytest.skip(f"SQLite only: {reason}")
