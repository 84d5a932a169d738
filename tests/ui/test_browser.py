"""End to end in a real headless Chromium: start the app, sign in, search in Chinese and in
English, open a document, compare two versions, look at the regions table; screenshots of each
step go to $POLICYLENS_SCREENSHOTS (else a temporary folder).

Needs Debian's chromium (`make browser` installs it); skipped with the reason when absent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.browser import settled
from tests.ui.browser_support import (
    chromium,
    needs_chromium,
    new_tab,
    served_corpus,
)
from tests.ui.server_support import port_is_free, serving_app

PASSWORD = "browser-test-pass"

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = needs_chromium


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served_corpus(tmp_path_factory.mktemp("browser-ws"), PASSWORD) as (url, _):
        yield url


@pytest.fixture
def page(app_url: str) -> Iterator[object]:
    with chromium() as browser:
        tab = new_tab(browser)
        tab.goto(app_url)
        yield tab


def _sign_in(page, username: str = "admin", password: str = PASSWORD) -> None:
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name="登录").click()


def _search(page, query: str) -> None:
    box = page.get_by_label("检索条文")
    box.fill(query)
    box.press("Enter")
    settled(page)


def test_wrong_password_is_refused(page, shots: Path) -> None:
    _sign_in(page, password="not-the-password")
    page.get_by_text("用户名或密码错误").wait_for()
    page.screenshot(path=shots / "0-login-refused.png")
    assert page.get_by_role("link", name="检索").count() == 0


def test_a_user_searches_reads_and_compares(page, shots: Path) -> None:
    _sign_in(page)
    page.get_by_text("最近变动").wait_for()
    page.screenshot(path=shots / "1-home.png")

    page.get_by_role("link", name="检索").click()
    _search(page, "事故发生后多长时间内报告")
    results = page.get_by_text(re.compile(r"^[1-3]\. \S"))
    results.first.wait_for()
    page.screenshot(path=shots / "2-search-zh.png")
    # The accident-report article of the law in force is among the first three, highlighted.
    top = " | ".join(results.all_inner_texts())
    assert "示例安全生产法" in top, top
    page.locator("mark", has_text="报告").first.wait_for()  # the search words are marked

    _search(page, "Who may refuse orders that violate safety rules?")
    page.get_by_text(re.compile(r"^1\. Illustrative Work Safety Act")).first.wait_for()
    page.screenshot(path=shots / "3-search-en.png")

    _search(page, "事故发生后多长时间内报告")
    page.get_by_role("tab", name="各地比对").click()
    page.get_by_text("各地规章如何规定").wait_for()
    page.get_by_text("三十分钟内").first.wait_for()  # the figures in their own column
    assert page.get_by_text("示例滨海省").count() > 0
    page.screenshot(path=shots / "4-regions.png")

    # A citation goes straight to the article; open it in its document.
    _search(page, "示例安全生产法第三十一条")
    page.get_by_role("tab", name="条文").click()
    page.get_by_text(re.compile(r"^1\. 示例安全生产法")).first.wait_for()
    page.get_by_role("button", name="在原文中打开").first.click()
    settled(page)
    page.get_by_text("当前条文").wait_for()
    assert "doc=" in page.url and "art=" in page.url
    page.screenshot(path=shots / "5-document.png")

    page.get_by_role("tab", name=re.compile("历史版本")).click()
    page.get_by_text(re.compile("^显示 .* 条未变条文")).wait_for()
    settled(page)
    page.screenshot(path=shots / "6-versions.png")
    changed = page.locator("[data-testid='stMetric']", has_text=re.compile(r"^修改"))
    assert changed.count() == 1 and re.search(r"\b[1-9]\d*\b", changed.inner_text())
    assert page.locator("ins").count() > 0 and page.locator("del").count() > 0

    page.get_by_role("tab", name="引用关系").click()
    page.get_by_text("示例省安全生产条例").locator("visible=true").first.wait_for()
    page.screenshot(path=shots / "7-citations.png")


def test_the_app_is_stopped_after_the_tests(tmp_path: Path) -> None:
    """The fixture's teardown stops the server itself: nothing holds its port afterwards."""
    with serving_app(tmp_path, {"POLICYLENS_EMBEDDER": "hash"}) as (_, port, _):
        pass
    assert port_is_free(port)
