"""Shared fixtures: paths to ../shared, generated files, a workspace on tmp_path."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.backends import BOTH_BACKENDS, ENV_TEST_URL, POSTGRESQL, SQLITE, Server, test_url

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# The unit suite indexes with the deterministic hash embedder (no model load); tests of the real
# models ask for them by name and are marked slow. Subprocesses inherit this.
os.environ["POLICYLENS_EMBEDDER"] = "hash"
os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, or skip: a new user's clone has no ../shared."""
    data = SHARED / "data"
    if not data.is_dir():
        pytest.skip("../shared/data is not present (it is only beside the repo for the team/CI)")
    return data


@pytest.fixture(scope="session")
def seed_file() -> Path:
    """The seed work plan, or skip."""
    seeds = sorted((SHARED / "seed").glob("*.txt")) if (SHARED / "seed").is_dir() else []
    if not seeds:
        pytest.skip("../shared/seed is not present")
    return seeds[0]


@pytest.fixture(scope="session")
def bad_folder(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The bad-input folder (plus one good file), written with the real libraries."""
    from tests.filegen import write_bad_folder

    return write_bad_folder(tmp_path_factory.mktemp("bad"))


@pytest.fixture()
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh workspace folder, also set as $POLICYLENS_HOME."""
    folder = tmp_path / "workspace"
    monkeypatch.setenv("POLICYLENS_HOME", str(folder))
    return folder


# -- the store's backends ------------------------------------------------------------------------
def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """The modules in ``tests.backends.BOTH_BACKENDS`` run once per backend."""
    path = Path(str(metafunc.definition.path)).relative_to(ROOT).as_posix()
    if "backend" in metafunc.fixturenames and path.startswith(BOTH_BACKENDS):
        metafunc.parametrize("backend", [SQLITE, POSTGRESQL], indirect=True, scope="module")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Server]:
    """The PostgreSQL server of $POLICYLENS_TEST_DATABASE_URL, or skip with the reason."""
    url = test_url()
    if url is None:
        pytest.skip(
            f"{ENV_TEST_URL} is not set: no PostgreSQL server for the tests (.ci/run starts a "
            "throw-away cluster with .ci/pg-cluster)"
        )
    server = Server(url)
    yield server
    server.close()


@pytest.fixture(scope="module", autouse=True)
def backend(request: pytest.FixtureRequest) -> Iterator[str]:
    """The store's backend for this module: "sqlite" (the default) or "postgresql".

    On PostgreSQL, $POLICYLENS_DATABASE_URL points at a database of the module's own, and each
    workspace folder a store is opened in gets a database of its own (as each would hold its own
    SQLite file): :meth:`tests.backends.Server.workspace_url`.
    """
    name = getattr(request, "param", SQLITE)
    if name != POSTGRESQL:
        yield name
        return
    from index.settings import ENV_DATABASE_URL
    from index.store.database import Store

    server: Server = request.getfixturevalue("postgres_server")
    opened = Store.__init__

    def in_its_own_database(store: Store, path: Path, url: str | None = None) -> None:
        if url is None or url == os.environ.get(ENV_DATABASE_URL):
            url = server.workspace_url(Path(path).parent)
        opened(store, path, url)

    with server.scope(), pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV_DATABASE_URL, server.url_for(server.create(server.template)))
        patch.setattr(Store, "__init__", in_its_own_database)
        yield name


@pytest.fixture(autouse=True)
def fresh_database(backend: str, request: pytest.FixtureRequest) -> Iterator[None]:
    """On PostgreSQL, the databases a test creates (its workspaces') are dropped at its end."""
    if backend != POSTGRESQL:
        yield
        return
    server: Server = request.getfixturevalue("postgres_server")
    with server.scope():
        yield
