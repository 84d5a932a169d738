"""End to end in a real headless Chromium: start the app, sign in, search in Chinese and in
English, open a document, compare two versions, look at the regions table; screenshots of each
step go to $POLICYLENS_SCREENSHOTS (else a temporary folder).

Needs Debian's chromium (`make browser` installs it); skipped with the reason when absent.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.browser import CHROMIUM, CHROMIUM_FLAGS, settled
from tests.ui.server_support import port_is_free, serving_app

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "browser-test-pass"

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (run `make browser`)"
)


def _cli(*args: str, home: Path, stdin: str | None = None) -> None:
    subprocess.run(
        [sys.executable, "-m", "ui.cli", *args, "--home", str(home)],
        input=stdin,
        text=True,
        check=True,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "POLICYLENS_EMBEDDER": "hash"},
    )


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("browser-ws")
    _cli("setup", "--password-stdin", home=home, stdin=PASSWORD + "\n")
    _cli("ingest", str(ROOT / "corpus"), home=home)
    with serving_app(home, {"POLICYLENS_EMBEDDER": "hash"}) as (url, _, _):
        yield url


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("POLICYLENS_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def page(app_url: str) -> Iterator[object]:
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        tab = browser.new_page(viewport={"width": 1400, "height": 1000})
        tab.set_default_timeout(30_000)
        tab.goto(app_url)
        yield tab
        browser.close()


def _sign_in(page, username: str = "admin", password: str = PASSWORD) -> None:
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def _search(page, query: str) -> None:
    box = page.get_by_label("Search articles")
    box.fill(query)
    box.press("Enter")
    settled(page)


def test_wrong_password_is_refused(page, shots: Path) -> None:
    _sign_in(page, password="not-the-password")
    page.get_by_text("wrong user name or password").wait_for()
    page.screenshot(path=shots / "0-login-refused.png")
    assert page.get_by_role("link", name="Search").count() == 0


def test_a_user_searches_reads_and_compares(page, shots: Path) -> None:
    _sign_in(page)
    page.get_by_text("Recent changes").wait_for()
    page.screenshot(path=shots / "1-home.png")

    page.get_by_role("link", name="Search").click()
    _search(page, "事故发生后多长时间内报告")
    results = page.get_by_text(re.compile(r"^[1-3]\. \S"))
    results.first.wait_for()
    page.screenshot(path=shots / "2-search-zh.png")
    # The accident-report article of the law in force is among the first three, highlighted.
    top = " | ".join(results.all_inner_texts())
    assert "示例安全生产法" in top, top
    assert page.locator("mark", has_text="报告").count() > 0

    _search(page, "Who may refuse orders that violate safety rules?")
    page.get_by_text(re.compile(r"^1\. Illustrative Work Safety Act")).first.wait_for()
    page.screenshot(path=shots / "3-search-en.png")

    _search(page, "事故发生后多长时间内报告")
    page.get_by_role("tab", name=re.compile("Across regions")).click()
    page.get_by_text("How each region's rule treats").wait_for()
    assert page.get_by_text("示例滨海省").count() > 0
    page.screenshot(path=shots / "4-regions.png")

    # A citation goes straight to the article; open it in its document.
    _search(page, "示例安全生产法第三十一条")
    page.get_by_role("tab", name=re.compile("Articles")).click()
    page.get_by_text(re.compile(r"^1\. 示例安全生产法")).first.wait_for()
    page.get_by_role("button", name=re.compile("Open in document")).first.click()
    settled(page)
    page.get_by_text("opened here").wait_for()
    assert "doc=" in page.url and "art=" in page.url
    page.screenshot(path=shots / "5-document.png")

    page.get_by_role("tab", name=re.compile("Versions")).click()
    page.get_by_text(re.compile("^Show the .* unchanged articles")).wait_for()
    settled(page)
    page.screenshot(path=shots / "6-versions.png")
    changed = page.locator("[data-testid='stMetric']", has_text=re.compile(r"^Changed"))
    assert changed.count() == 1 and re.search(r"\b[1-9]\d*\b", changed.inner_text())
    assert page.locator("ins").count() > 0 and page.locator("del").count() > 0

    page.get_by_role("tab", name="Citations").click()
    page.get_by_text("示例省安全生产条例").first.wait_for()
    page.screenshot(path=shots / "7-citations.png")


def test_the_app_is_stopped_after_the_tests(tmp_path: Path) -> None:
    """The fixture's teardown stops the server itself: nothing holds its port afterwards."""
    with serving_app(tmp_path, {"POLICYLENS_EMBEDDER": "hash"}) as (_, port, _):
        pass
    assert port_is_free(port)
