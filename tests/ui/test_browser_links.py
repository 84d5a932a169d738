"""Links, reloads and navigation in a real headless Chromium (issue 18, problems 1, 2 and 11):
a reload keeps the user signed in, a link opened before signing in is where the user lands after
it, sign-out clears the cookie, a search comes back after opening a hit and going Back, and the
opened article is scrolled into view. Screenshots go to $POLICYLENS_SCREENSHOTS (else a
temporary folder).

The page elements are found by their widget keys (``.st-key-…``), not their labels, so the test
holds in either interface language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from bench.browser import settled
from tests.ui.browser_support import (
    chromium,
    needs_chromium,
    new_tab,
    served_corpus,
)
from ui.session import COOKIE

PASSWORD = "browser-links-pass"
LAW_2024 = "示例安全生产法@2024-04-20"
ARTICLE = "示例安全生产法/art-31"
QUERY = "事故发生后多长时间内报告"

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = needs_chromium


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served_corpus(tmp_path_factory.mktemp("links-ws"), PASSWORD) as (url, _):
        yield url


@pytest.fixture
def page() -> Iterator[object]:
    with chromium() as browser:
        yield new_tab(browser)


def _sign_in(page) -> None:
    page.locator(".st-key-login_user input").fill("admin")
    page.locator(".st-key-login_password input").fill(PASSWORD)
    page.locator(".st-key-login_password input").press("Enter")
    page.locator(".st-key-login_user").wait_for(state="detached")
    settled(page)


def _signed_in(page) -> bool:
    return page.locator(".st-key-login_user").count() == 0


def _cookie(page) -> str | None:
    return next((c["value"] for c in page.context.cookies() if c["name"] == COOKIE), None)


def _choose(page, select: str, option: re.Pattern[str]) -> None:
    """Open the select box ``select`` and pick ``option``; a rerun that ends late (a loaded
    machine) closes an open list, so the list is opened again, three times at most."""
    for attempt in range(3):
        settled(page)
        page.locator(select).click()
        try:
            page.get_by_role("option", name=option).click(timeout=5_000)
            return
        except playwright.Error:
            if attempt == 2:
                raise


def _search(page, query: str) -> None:
    box = page.locator(".st-key-q input")
    box.fill(query)
    box.press("Enter")
    settled(page)


def test_reload_keeps_the_user_signed_in_and_sign_out_clears_it(
    page, app_url: str, shots: Path
) -> None:
    page.goto(f"{app_url}/search")
    page.locator(".st-key-login_user").wait_for()
    _sign_in(page)
    page.locator(".st-key-q input").wait_for()
    cookie = _cookie(page)
    assert cookie and cookie.startswith("v1.")
    attributes = next(c for c in page.context.cookies() if c["name"] == COOKIE)
    assert attributes["sameSite"] == "Strict" and attributes["path"] == "/"

    _search(page, QUERY)
    page.reload()
    settled(page)
    page.locator(".st-key-q input").wait_for()
    assert _signed_in(page)
    assert page.locator(".st-key-q input").input_value() == QUERY  # the search is in the URL
    page.get_by_text(re.compile(r"^1\. \S")).first.wait_for()
    page.screenshot(path=shots / "links-1-reloaded-search.png")

    page.goto(f"{app_url}/account")
    settled(page)
    page.locator("[data-testid='stButton'] button", has_text=re.compile("退出|Sign out")).click()
    page.locator(".st-key-login_user").wait_for()
    settled(page)
    assert not _cookie(page)
    page.reload()
    page.locator(".st-key-login_user").wait_for()  # signed out for good, also after a reload
    page.screenshot(path=shots / "links-2-signed-out.png")


def test_a_forged_cookie_is_not_trusted(page, app_url: str) -> None:
    host = app_url.split("//", 1)[1].split(":")[0]
    page.context.add_cookies(
        [{"name": COOKIE, "value": "v1.YWRtaW4.9999999999.00", "domain": host, "path": "/"}]
    )
    page.goto(f"{app_url}/search")
    page.locator(".st-key-login_user").wait_for()


def test_a_link_opened_before_signing_in_is_where_the_user_lands(
    page, app_url: str, shots: Path
) -> None:
    link = f"{app_url}/documents?doc={quote(LAW_2024)}&art={quote(ARTICLE)}"
    page.goto(link)
    page.locator(".st-key-login_user").wait_for()
    assert page.get_by_text("Page not found").count() == 0
    page.screenshot(path=shots / "links-3-link-before-sign-in.png")
    _sign_in(page)
    opened = page.locator(".st-key-opened-article")
    opened.wait_for()
    assert "第三十一条" in opened.inner_text()
    assert "doc=" in page.url and "art=" in page.url
    page.screenshot(path=shots / "links-4-link-after-sign-in.png")


def test_the_opened_article_is_scrolled_into_view(page, app_url: str, shots: Path) -> None:
    page.goto(app_url)
    _sign_in(page)
    page.goto(f"{app_url}/documents?doc={quote(LAW_2024)}&art={quote(ARTICLE)}")
    opened = page.locator(".st-key-opened-article")
    opened.wait_for()
    settled(page)
    page.wait_for_timeout(1000)
    box = opened.bounding_box()
    assert box is not None
    assert 0 <= box["y"] < 1000 and box["y"] + box["height"] > 0, box  # inside the viewport
    page.screenshot(path=shots / "links-5-article-in-view.png")


def test_back_after_opening_a_hit_brings_the_search_back(page, app_url: str, shots: Path) -> None:
    page.goto(f"{app_url}/search")
    _sign_in(page)
    _search(page, QUERY)
    page.locator("[data-testid='stExpander'] summary", has_text=re.compile("筛选|Filters")).click()
    _choose(page, ".st-key-status", re.compile("全部|Any status"))
    page.wait_for_url(re.compile(r"/search\?.*status="))  # the filter is in the link
    settled(page)
    assert "q=" in page.url
    page.get_by_role("button", name=re.compile("在原文中打开|Open in document")).first.click()
    page.locator(".st-key-opened-article").wait_for()
    settled(page)
    page.go_back()
    settled(page)
    page.locator(".st-key-q input").wait_for()
    assert page.locator(".st-key-q input").input_value() == QUERY
    assert "status=" in page.url  # the filter came back with it
    page.locator("[data-testid='stExpander'] summary", has_text=re.compile("筛选|Filters")).click()
    assert re.search("全部|Any status", page.locator(".st-key-status input").input_value())
    page.get_by_text(re.compile(r"^1\. \S")).first.wait_for()
    page.screenshot(path=shots / "links-6-back-to-search.png")

    # The sidebar's Search link finds the last search too (in the same session).
    page.locator("[data-testid='stSidebarNav'] a[href$='/documents']").click()
    page.wait_for_url(re.compile("/documents"))
    settled(page)
    page.locator("[data-testid='stSidebarNav'] a[href$='/search']").click()
    page.wait_for_url(re.compile(r"/search\?q="))
    settled(page)
    assert page.locator(".st-key-q input").input_value() == QUERY


def test_a_click_on_a_row_of_the_document_list_opens_it(page, app_url: str, shots: Path) -> None:
    """Issue 18: the document list's rows open their document (the row's marker, drawn by the
    table's canvas: clicked by position)."""
    page.goto(f"{app_url}/documents")
    page.locator(".st-key-login_user").wait_for()
    _sign_in(page)
    table = page.locator("[data-testid='stDataFrame']").first
    table.wait_for()
    page.screenshot(path=shots / "links-7-document-list.png")
    settled(page)
    box = table.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 15, box["y"] + 35 + 17)  # the first row's marker
    page.wait_for_url(re.compile(r"/documents\?doc="), timeout=20_000)
    settled(page)
    page.get_by_role("button", name="全部文件").wait_for()  # the document's page, not the list
    page.screenshot(path=shots / "links-7-row-opened.png")
