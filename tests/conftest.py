"""Shared fixtures: paths to ../shared, generated files, a workspace on tmp_path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
