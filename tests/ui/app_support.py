"""Helpers for the app tests (tests/ui/test_app.py): a workspace with the sample corpus and one
account per role, AppTest runs that fail on any exception, and readers for what the pages show
(search result cards, download bytes, background ingest jobs)."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest
import streamlit as st
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.media_file_storage import MediaFileStorage
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from index import open_store
from index.accounts import OPERATOR, Accounts, Role, User
from tests.index.support import workspace

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "ui" / "app.py"
PAGES = ROOT / "ui" / "views"
PASSWORD = "correct-horse-battery"
DEPARTMENT = "示例省应急管理厅"  # a department account names its body, with its place

# user name -> (role, department); "dan" is disabled once created.
ACCOUNTS: dict[str, tuple[Role, str | None]] = {
    "ada": (Role.ADMIN, None),
    "rita": (Role.REVIEWER, None),
    "dora": (Role.DEPARTMENT, DEPARTMENT),
    "vic": (Role.VIEWER, None),
    "dan": (Role.VIEWER, None),
}
DISABLED = "dan"


def build_workspace(home: Path) -> Path:
    """The sample corpus ingested and indexed (hash embedder) in ``home``, plus the accounts."""
    store, _, _ = workspace(home)
    store.close()
    with open_store(home) as opened:
        accounts = Accounts(opened)
        for name, (role, department) in ACCOUNTS.items():
            accounts.add(OPERATOR, name, PASSWORD, role, department)
        accounts.set_active(OPERATOR, DISABLED, False)
    return home


def user(name: str) -> User:
    role, department = ACCOUNTS[name]
    return User(name, role, department)


def run(at: AppTest | Any) -> AppTest:
    """One script run (of an AppTest, or after touching one of its widgets); any exception
    the page raised fails the test."""
    done: AppTest = at.run()
    assert not done.exception, [e.value for e in done.exception]
    return done


def start(name: str | None = None, script: Path = APP) -> AppTest:
    """The app (or one page script) after its first run, signed in as ``name`` when given."""
    at = AppTest.from_file(str(script), default_timeout=30)
    if name is not None:
        at.session_state["user"] = user(name)
    return run(at)


def open_page(name: str, page: str, **query: str) -> AppTest:
    """The app signed in as ``name``, switched to ``page`` ("views/search.py")."""
    at = start(name)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(page)
    return run(at)


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def shown(text: Any) -> Any:
    """Markdown as the reader sees it: the app escapes text from data (ui.components.md), so
    backslash escapes are taken out; the app's own markup (``**``, badges) stays."""
    return _ESCAPED.sub(r"\1", text) if isinstance(text, str) else text


def values(elements: Iterable[Any]) -> list[str]:
    """The values of ``elements``, text as shown (see :func:`shown`)."""
    return [shown(e.value) for e in elements]


def one(widgets: Iterable[Any], label: str) -> Any:
    """The single widget with ``label``."""
    found = [w for w in widgets if w.label == label]
    assert len(found) == 1, f"{len(found)} widgets labelled {label!r}"
    return found[0]


def submit(at: AppTest, label: str) -> AppTest:
    """Click the (form submit) button ``label`` and rerun."""
    one(at.button, label).click()
    return run(at)


# -- search results -----------------------------------------------------------------------------
_CARD = re.compile(
    r"^\*\*(?P<rank>\d+)\. (?P<title>.+?)\*\*(?: · (?P<number>.*?))? &nbsp; :(?P<status>[a-z]+)-badge"
    r"\[(?P<label>[^\]]+)\](?: :blue-badge\[[^\]]+\])? &nbsp; :gray\[(?P<where>.*) · "
    r"(?:版本|version) (?P<version>[^\]]+)\]$"
)


@dataclass(frozen=True)
class Card:
    """One search result as its card shows it."""

    rank: int
    title: str
    number: str
    status: str  # the badge text: "现行有效", "已被修订", ...
    where: str  # "level label · region" ("法律 · 全国")
    version: str


def cards(at: AppTest) -> list[Card]:
    """The result cards of the search page, in rank order."""
    out = []
    for text in values(at.markdown):
        m = _CARD.match(text)
        if m:
            out.append(
                Card(
                    int(m["rank"]),
                    m["title"],
                    m["number"] or "",
                    m["label"],
                    m["where"],
                    m["version"],
                )
            )
    assert [c.rank for c in out] == list(range(1, len(out) + 1)), out
    return out


# -- downloads ----------------------------------------------------------------------------------
class RecordingMediaManager(MediaFileManager):
    """AppTest's media file manager, remembered so a test can read what a download serves."""

    made: ClassVar[list[RecordingMediaManager]] = []

    def __init__(self, storage: MediaFileStorage) -> None:
        super().__init__(storage)
        RecordingMediaManager.made.append(self)


def download_bytes(button: Any) -> bytes:
    """The bytes a download button of the latest run serves: its stored file, or what its
    deferred generator makes when the user clicks it."""
    return download_file(button)[1]


def download_file(button: Any) -> tuple[str, bytes]:
    """The file name and the bytes a download button of the latest run serves."""
    manager = RecordingMediaManager.made[-1]
    url = button.proto.url
    if button.proto.deferred_file_id:
        url = manager.execute_deferred(button.proto.deferred_file_id)
    stored = manager.read_file(url.rsplit("/", 1)[-1].split(".")[0])
    assert stored is not None, f"no file behind {url!r}"
    return stored.filename or "", stored.content


# -- background jobs ----------------------------------------------------------------------------
JOB_FINISHED = (":green-badge[已完成]", ":orange-badge[部分失败]", ":red-badge[失败]")
JOB_BADGES = (*JOB_FINISHED, ":gray-badge[排队中]", ":blue-badge[进行中]")


def wait_for_jobs(at: AppTest, timeout: float = 60.0) -> AppTest:
    """Rerun the ingest page until no job shows as queued or running."""
    deadline = time.monotonic() + timeout
    while True:
        shown = [t for t in values(at.markdown) if t.startswith(JOB_BADGES)]
        if shown and all(t.startswith(JOB_FINISHED) for t in shown):
            return at
        assert time.monotonic() < deadline, f"jobs still running: {shown}"
        time.sleep(0.2)
        run(at)


@contextmanager
def workspace_copy(source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of a prepared workspace as $POLICYLENS_HOME, with the app's process-wide caches
    (index generation, embedder, job runner) emptied before and after."""
    home = tmp_path / "workspace"
    shutil.copytree(source, home)
    monkeypatch.setenv("POLICYLENS_HOME", str(home))
    st.cache_resource.clear()
    try:
        yield home
    finally:
        st.cache_resource.clear()


def record_downloads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the files of download buttons readable by the test (see RecordingMediaManager)."""
    RecordingMediaManager.made.clear()
    monkeypatch.setattr(app_test_module, "MediaFileManager", RecordingMediaManager)
