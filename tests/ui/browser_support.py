"""What the browser tests share: a served workspace with the sample corpus, Chromium, tabs and
the screenshot folder. Each test module keeps its own journeys."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from bench.browser import CHROMIUM, CHROMIUM_FLAGS
from tests.ui.server_support import serving_app

ROOT = Path(__file__).resolve().parents[2]
ENV = {"POLICYLENS_EMBEDDER": "hash"}

# Every browser module is skipped, with the reason, where Debian's chromium is not installed.
needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (run `make browser`)"
)


def run_cli(*args: str, home: Path, stdin: str | None = None) -> None:
    """``policylens ARGS --home HOME`` in a subprocess, failing the test on a non-zero exit."""
    subprocess.run(
        [sys.executable, "-m", "ui.cli", *args, "--home", str(home)],
        input=stdin,
        text=True,
        check=True,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, **ENV},
    )


@contextmanager
def served_corpus(home: Path, password: str, *then: tuple[str, ...]) -> Iterator[tuple[str, Path]]:
    """A workspace at ``home`` with an admin of ``password`` and the sample corpus ingested,
    each command of ``then`` run on it, served by the real app: yields its URL and home."""
    run_cli("setup", "--password-stdin", home=home, stdin=password + "\n")
    run_cli("ingest", str(ROOT / "corpus"), home=home)
    for command in then:
        run_cli(*command, home=home)
    with serving_app(home, ENV) as (url, _, _):
        yield url, home


def screenshot_folder(factory: pytest.TempPathFactory) -> Path:
    """$POLICYLENS_SCREENSHOTS, else a temporary folder."""
    folder = os.environ.get("POLICYLENS_SCREENSHOTS")
    path = Path(folder) if folder else factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, under Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def new_tab(browser: Any, viewport: dict[str, int] | None = None, **options: Any) -> Any:
    """A tab of a desktop's size (or ``viewport``) with a 30 s default wait."""
    tab = browser.new_page(viewport=viewport or {"width": 1400, "height": 1000}, **options)
    tab.set_default_timeout(30_000)
    return tab
