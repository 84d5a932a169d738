"""The app shell in a real headless Chromium (issue 18, problems 3 and 11): no request leaves the
machine on any page (the tab icon is shipped with the app), the interface is Chinese and the
language switch survives a reload and signing out, and on a 390-px phone the sidebar starts
collapsed, closes again once a page is chosen in it, and the Tasks page shows its tasks first
without scrolling sideways; in Chinese none of Streamlit's own English words (the file uploader,
"Page not found", widgets' screen-reader labels) is left on any page. Screenshots go to
$POLICYLENS_SCREENSHOTS (else a temporary folder).
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
from ui.i18n import messages

PASSWORD = "browser-shell-pass"
PLAN = "示例省安全生产专项整治重点工作分工方案@2024-03-15"
PAGES = ("", "search", "documents", "tasks", "study", "review", "ingest", "users", "account")
PHONE = {"width": 390, "height": 844}

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = needs_chromium


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("shell-ws")
    with served_corpus(home, PASSWORD, ("tasks", "extract", PLAN)) as (url, _):
        yield url


@pytest.fixture
def browser() -> Iterator[object]:
    with chromium() as opened:
        yield opened


def _tab(browser, viewport: dict[str, int] | None = None):
    return new_tab(browser, viewport)


def _sign_in(page) -> None:
    page.locator(".st-key-login_user input").fill("admin")
    page.locator(".st-key-login_password input").fill(PASSWORD)
    page.locator(".st-key-login_password input").press("Enter")
    page.locator(".st-key-login_user").wait_for(state="detached")
    settled(page)


def _switch_language(page, name: str) -> None:
    settled(page)
    page.locator(".st-key-language_switch").get_by_role("radio", name=name).click()
    settled(page)


def test_no_request_leaves_the_machine_on_any_page(browser, app_url: str, shots: Path) -> None:
    page = _tab(browser)
    outside: list[str] = []

    def record(request) -> None:
        if not request.url.startswith((app_url, "data:", "blob:", "about:")):
            outside.append(request.url)

    page.on("request", record)
    page.goto(app_url)
    page.locator(".st-key-login_user").wait_for()
    _sign_in(page)
    page.get_by_text("最近变动").wait_for()
    page.screenshot(path=shots / "shell-home-zh.png")
    for path in PAGES:
        page.goto(f"{app_url}/{path}")
        page.locator("[data-testid='stSidebar']").wait_for()
        settled(page)
        page.wait_for_timeout(500)  # late requests: fonts, the icon, charts
    page.screenshot(path=shots / "shell-account-zh.png")
    icon = page.evaluate("document.querySelector(\"link[rel~='icon']\")?.href || ''")
    assert icon.startswith(app_url), icon
    assert outside == []


def test_the_language_switch_survives_a_reload_and_signing_out(
    browser, app_url: str, shots: Path
) -> None:
    page = _tab(browser)
    page.goto(app_url)
    _sign_in(page)
    page.get_by_text("最近变动").wait_for()
    nav = page.locator("[data-testid='stSidebarNav']")
    assert nav.get_by_text("首页").count() == 1 and nav.get_by_text("我的账户").count() == 1
    try:
        _switch_language(page, "English")
        page.get_by_text("Recent changes").wait_for()
        page.reload()
        page.get_by_text("Recent changes").wait_for()
        page.screenshot(path=shots / "shell-home-en.png")
        # signed out and in again: the account keeps English, and signing in opens the page
        # whose address the browser shows (here the account page, where the user signed out)
        page.goto(f"{app_url}/account")
        page.get_by_role("button", name="Sign out").click()
        settled(page)  # the signed-in page's elements are gone, not only stale
        page.locator(".st-key-login_user").wait_for()
        assert page.locator(".st-key-language_switch").count() == 1
        _sign_in(page)
        page.get_by_role("heading", name="My account").wait_for()
        assert page.locator(".st-key-login_user").count() == 0
        assert page.locator(".st-key-language_switch").count() == 1
    finally:
        _switch_language(page, "中文")
    page.get_by_role("heading", name="我的账户").wait_for()


def test_the_document_language_and_tab_title_follow_the_interface(browser, app_url: str) -> None:
    """``<html lang>`` is zh-CN in Chinese and en in English (Streamlit's page says "en"), and
    the browser tab names the page, not only the app (issue 18)."""
    page = _tab(browser)
    page.goto(f"{app_url}/search")
    _sign_in(page)
    page.get_by_role("heading", name="检索").wait_for()
    page.wait_for_function("document.documentElement.lang === 'zh-CN'")
    page.wait_for_function("document.title === '检索 · PolicyLens'")
    try:
        _switch_language(page, "English")
        page.wait_for_function("document.documentElement.lang === 'en'")
        page.wait_for_function("document.title === 'Search · PolicyLens'")
    finally:
        _switch_language(page, "中文")
    page.wait_for_function("document.documentElement.lang === 'zh-CN'")


def _assert_collapsed(sidebar) -> None:
    """The sidebar is collapsed (Streamlit marks it ``data-collapsed``) and covers none of the
    page: it lies left of the screen."""
    assert sidebar.get_attribute("data-collapsed") == "true"
    box = sidebar.bounding_box()
    assert box is None or box["x"] + box["width"] <= 1, box


def test_on_a_phone_the_sidebar_is_collapsed_and_tasks_come_first(
    browser, app_url: str, shots: Path
) -> None:
    page = _tab(browser, PHONE)
    page.goto(app_url)
    _sign_in(page)
    page.get_by_text("最近变动").wait_for()
    sidebar = page.locator("[data-testid='stSidebar']")
    _assert_collapsed(sidebar)
    page.screenshot(path=shots / "shell-phone-home.png")

    page.goto(f"{app_url}/tasks")
    tab = page.get_by_role("tab", name=re.compile(r"^任务清单（\d+）$"))
    tab.wait_for()
    # the list's count is the plan's number of tasks, as the 任务 figure above says
    shown = re.fullmatch(r"任务清单（(\d+)）", tab.inner_text().strip())
    figure = page.locator("[data-testid='stMetric']").filter(has_text="任务").first
    assert shown and figure.locator("[data-testid='stMetricValue']").inner_text() == shown[1]
    settled(page)
    assert page.get_by_role("tab", selected=True).inner_text().startswith("任务清单")
    _assert_collapsed(sidebar)
    first = page.get_by_text("任务1", exact=False).first
    box = first.bounding_box()
    assert box is not None and box["y"] < 2 * PHONE["height"], box
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= PHONE["width"], wide  # nothing makes the page scroll sideways
    page.screenshot(path=shots / "shell-phone-tasks.png", full_page=True)


# Every text of Streamlit's own the page script swaps (ui/i18n/catalogue/builtin.py), and where
# the page shows it: text on the page, or a widget's screen-reader label, title or placeholder.
BUILTIN = {english for key, (_, english) in messages().items() if key.startswith("builtin.")}
SHOWN_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (parent && !parent.closest("noscript, script, style")) out.push(n.nodeValue.trim());
  }
  const names = ["aria-label", "aria-roledescription", "title", "placeholder", "alt"];
  for (const el of document.querySelectorAll(names.map((name) => `[${name}]`).join(","))) {
    for (const name of names) {
      if (el.hasAttribute(name)) out.push(el.getAttribute(name).trim());
    }
  }
  return out;
}"""


def _template(english: str) -> re.Pattern[str]:
    """A template of the table as the page script reads it: {value} any text, {number} digits."""
    parts = re.split(r"(\{value\}|\{number\})", english)
    return re.compile(
        "".join(
            re.escape(part) if i % 2 == 0 else (r"\d+(\.\d+)?" if part == "{number}" else ".+?")
            for i, part in enumerate(parts)
        )
    )


TEMPLATES = [_template(e) for e in BUILTIN if "{value}" in e or "{number}" in e]


def _builtin_english(page, within_ms: int = 10_000) -> set[str]:
    """Streamlit's English texts on the page: exact ones, and the templates filled in. The
    page's script swaps them as they appear; on a loaded machine it may run after the page
    has settled, so the texts still English after ``within_ms`` are returned."""
    waited = 0
    while True:
        shown = page.evaluate(SHOWN_JS)
        exact = {text for text in shown if text in BUILTIN}
        left = exact | {t for t in shown for pattern in TEMPLATES if pattern.fullmatch(t)}
        if not left or waited >= within_ms:
            return left
        page.wait_for_timeout(250)
        waited += 250


def test_streamlits_own_words_are_chinese_on_every_page(browser, app_url: str, shots: Path) -> None:
    page = _tab(browser)
    page.goto(app_url)
    page.locator(".st-key-login_user").wait_for()
    settled(page)
    assert _builtin_english(page) == set()  # the sign-in page: "Show password", the skip link
    _sign_in(page)
    page.get_by_text("最近变动").wait_for()
    found: dict[str, set[str]] = {}
    for path in PAGES:
        page.goto(f"{app_url}/{path}")
        page.locator("[data-testid='stSidebar']").wait_for()
        settled(page)
        page.wait_for_timeout(300)
        found[path] = _builtin_english(page)
    # the file uploader reads 上传 and 每个文件不超过 50MB
    page.goto(f"{app_url}/ingest")
    uploader = page.locator("[data-testid='stFileUploaderDropzone']")
    uploader.get_by_text("上传", exact=True).wait_for()
    assert "每个文件不超过" in uploader.inner_text()
    page.screenshot(path=shots / "shell-ingest-zh.png")
    # an address the app does not have: Streamlit's dialog, in Chinese
    page.goto(f"{app_url}/no-such-page")
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("页面不存在", exact=True).wait_for()
    settled(page)
    found["no-such-page"] = _builtin_english(page)
    page.screenshot(path=shots / "shell-not-found-zh.png")
    assert {path: words for path, words in found.items() if words} == {}
    # the page script's own element takes no room on the page
    hidden = page.evaluate(
        "[...document.querySelectorAll('[data-testid=stElementContainer]')]"
        ".filter(e => e.querySelector('.policylens-page-script'))"
        ".map(e => getComputedStyle(e).display)"
    )
    assert hidden == ["none"]
    # in English, Streamlit's words are its own again
    try:
        page.goto(f"{app_url}/ingest")
        uploader.get_by_text("上传", exact=True).wait_for()
        _switch_language(page, "English")
        uploader.get_by_text("Upload", exact=True).wait_for()
        assert "per file" in uploader.inner_text()
    finally:
        _switch_language(page, "中文")
    uploader.get_by_text("上传", exact=True).wait_for()


ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def test_the_typing_hint_date_parts_and_versions_chart_are_chinese(
    browser, app_url: str, shots: Path
) -> None:
    """Issue 18, the words a Chinese-only user's walk still met in English: the hint under the
    password field ("Press Enter to submit form"), the date field's parts ("year, 统计日期")
    and calendar button ("Choose date"), the open calendar ("Choose date, 2026年12月"), the
    versions chart (its tooltip's "version", "date", "Jun 10, 2019", "status"; "Vega
    visualization"; its role "visualization"; its toolbar's "Show data" …) and a chosen file
    (its label "附件.md, 14.0B", the "+" button's "add icon"). The browser is a Chinese
    user's (zh-CN), as in the walk."""
    page = new_tab(browser, locale="zh-CN")
    page.goto(app_url)
    password = page.locator(".st-key-login_password input")
    password.wait_for()
    settled(page)
    password.click()
    password.press_sequentially("abc")
    hint = page.locator(".st-key-login_password [data-testid='InputInstructions']")
    hint.get_by_text("按回车键提交").wait_for()
    assert not ENGLISH_WORD.search(hint.inner_text())
    password.fill("")
    _sign_in(page)
    page.get_by_text("最近变动").wait_for()
    # the tasks page's 统计日期: each part, and the calendar button, named in Chinese
    page.goto(f"{app_url}/tasks")
    field = page.locator("[data-testid='stDateInput']").first
    field.wait_for()
    settled(page)
    parts = [
        part.get_attribute("aria-label") or ""
        for part in field.locator("[role='spinbutton']").all()
    ]
    assert parts and all(p.startswith(("年，", "月，", "日，")) for p in parts), parts
    button = field.locator("[data-testid='stDateInputCalendarButton']")
    assert button.get_attribute("aria-label") == "选择日期"
    button.click()
    calendar = page.locator("[data-testid='stDateInputCalendar']")
    calendar.locator("table").first.wait_for()
    settled(page)
    named = calendar.evaluate(
        "c => [c, ...c.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label'))"
        ".concat([...c.querySelectorAll('h2')].map(e => e.textContent))"
    )
    months = [n for n in named if n and n.startswith("选择日期，")]
    assert months and not [n for n in named if n and n.startswith("Choose date")], named
    assert all(re.fullmatch(r"选择日期，\d{4}年\d{1,2}月", n) for n in months), months
    assert _builtin_english(page) == set()
    page.screenshot(path=shots / "shell-calendar-zh.png")
    page.keyboard.press("Escape")
    # the documents page's versions chart
    page.goto(f"{app_url}/documents?doc=示例安全生产法@2024-04-20&tab=versions")
    chart = page.locator("[data-testid='stVegaLiteChart']")
    chart.locator("svg").first.wait_for()
    settled(page)
    labels = chart.evaluate(
        "c => [...c.querySelectorAll('[aria-label], [aria-roledescription]')]"
        ".map(e => e.getAttribute('aria-label') || '')"
    )
    assert not [label for label in labels if ENGLISH_WORD.search(label)], labels
    roles = chart.evaluate(
        "c => [c, ...c.querySelectorAll('*')].filter(e => e.hasAttribute('aria-roledescription'))"
        ".map(e => e.getAttribute('aria-roledescription'))"
    )
    # Vega's "visualization", "symbol mark container" …: Chinese
    assert "图表" in roles and not [r for r in roles if ENGLISH_WORD.search(r)], roles
    chart.locator(".mark-symbol path").first.hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.get_by_text("日期").wait_for()
    text = tooltip.inner_text()
    assert "版本" in text and "时效性" in text and re.search(r"\d{4}年\d{1,2}月\d{1,2}日", text)
    assert not ENGLISH_WORD.search(text.replace("示例安全生产法", "")), text
    page.screenshot(path=shots / "shell-versions-chart-zh.png")
    # the toolbar Streamlit puts over the chart
    holder = page.locator("[data-testid='stElementContainer']").filter(has=chart)
    names = [
        b.get_attribute("aria-label") or ""
        for b in holder.locator("[data-testid='stElementToolbarButton'] button").all()
    ]
    assert "显示数据" in names and not [n for n in names if ENGLISH_WORD.search(n)], names
    # a file chosen for the library: its size in 字节, the kinds accepted joined with 、
    page.goto(f"{app_url}/ingest")
    dropzone = page.locator("[data-testid='stFileUploaderDropzone']")
    dropzone.get_by_text("上传", exact=True).wait_for()
    assert "PDF、DOCX、HTML、TXT、MD" in dropzone.inner_text()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        files=[{"name": "附件.md", "mimeType": "text/markdown", "buffer": "第一条 测试".encode()}]
    )
    chip = page.locator("[data-testid='stFileChip']")
    chip.get_by_text("字节").wait_for()
    assert re.search(r"\d 字节", chip.inner_text()) and not _builtin_english(page)
    uploader = page.locator("[data-testid='stFileUploader']").filter(has=chip)
    labels = uploader.evaluate(
        "u => [...u.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label'))"
    )
    assert [n for n in labels if re.fullmatch(r"附件\.md，\d+(\.\d+)? 字节", n)], labels
    text = uploader.text_content() or ""
    assert "add icon" not in text and "添加文件" in text


def test_on_a_phone_choosing_a_page_closes_the_sidebar(browser, app_url: str, shots: Path) -> None:
    page = _tab(browser, PHONE)
    page.goto(app_url)
    _sign_in(page)
    page.get_by_text("最近变动").wait_for()
    sidebar = page.locator("[data-testid='stSidebar']")
    page.locator("[data-testid='stExpandSidebarButton']").click()
    page.wait_for_function(
        "document.querySelector('[data-testid=stSidebar]').dataset.collapsed === 'false'"
    )
    page.screenshot(path=shots / "shell-phone-sidebar-open.png")
    page.locator("[data-testid='stSidebarNav'] a").filter(has_text="检索").click()
    page.wait_for_url(re.compile(r"/search"))
    page.get_by_role("heading", name="检索").first.wait_for()
    page.wait_for_function(
        "document.querySelector('[data-testid=stSidebar]').dataset.collapsed === 'true'"
    )
    page.wait_for_timeout(600)  # the sidebar's closing animation
    _assert_collapsed(sidebar)
    page.screenshot(path=shots / "shell-phone-after-navigation.png")


def test_the_live_region_and_the_progress_bar_speak_chinese(browser) -> None:
    """Walk 7: a screen reader heard "4 options available." from every select box (React
    Aria's live region) and "progress" for the ingest page's progress bar. The page script,
    with the catalogue's table, on a page holding those elements: the live region and the
    label are swapped, the same words in the page's content are not."""
    from ui.language import SCRIPT, builtin_texts

    page = _tab(browser)
    page.set_content("<html><body><main></main></body></html>")
    page.add_script_tag(content=SCRIPT.read_text(encoding="utf-8"))
    page.evaluate(
        "([texts, templates]) => policylensPage(texts, templates, 640, 'zh-CN')",
        list(builtin_texts()),
    )
    page.evaluate(
        """() => {
      const live = document.createElement('div');
      live.dataset.liveAnnouncer = 'true';
      const log = document.createElement('div');
      log.setAttribute('role', 'log');
      live.appendChild(log);
      document.body.appendChild(live);
      for (const said of ['24 options available.', '1 option available.', '应急管理部, selected']) {
        const line = document.createElement('div');
        line.textContent = said;
        log.appendChild(line);
      }
      const bar = document.createElement('div');
      bar.setAttribute('role', 'progressbar');
      bar.setAttribute('aria-label', 'progress');
      const main = document.querySelector('main');
      main.appendChild(bar);
      const content = document.createElement('p');
      content.textContent = '4 options available.';
      main.appendChild(content);
    }"""
    )
    page.wait_for_timeout(200)
    live = page.locator("[data-live-announcer] [role='log'] div").all_inner_texts()
    assert live == ["共有24个选项。", "共有1个选项。", "应急管理部，已选中"]
    assert page.get_attribute("[role='progressbar']", "aria-label") == "进度"
    assert page.inner_text("main p") == "4 options available."


def test_a_select_box_tells_a_screen_reader_its_options_in_chinese(browser, app_url: str) -> None:
    """The real select box of the Tasks page: what its live region says once it opens."""
    page = _tab(browser)
    page.goto(app_url)
    page.locator(".st-key-login_user").wait_for()
    _sign_in(page)
    page.goto(f"{app_url}/tasks")
    box = page.locator(".st-key-t_part")
    box.wait_for()
    settled(page)
    box.get_by_role("combobox").click()
    page.get_by_role("listbox").wait_for()
    page.wait_for_timeout(1500)  # React Aria announces after a pause
    said = page.evaluate(
        "() => [...document.querySelectorAll('[data-live-announcer]')]"
        ".map(e => e.textContent).join(' ')"
    )
    assert "选项" in said and not ENGLISH_WORD.search(said), said


def test_an_admin_types_a_new_unit_for_a_department_account(
    browser, app_url: str, shots: Path
) -> None:
    """Walk 8: the 单位 select had no option before a plan was tracked. It lists the bodies the
    project knows and takes a typed name; the account keeps that string, the one the Tasks page
    and the ledger resolve to a plan's lead."""
    page = _tab(browser)
    page.goto(f"{app_url}/users")
    page.locator(".st-key-login_user").wait_for()
    _sign_in(page)
    page.locator(".st-key-u_add_username input").fill("zhujian")
    page.locator(".st-key-u_add_password input").fill(PASSWORD)
    page.locator(".st-key-u_add_role").get_by_role("combobox").click()
    page.get_by_role("option", name="部门用户").click()
    unit = page.locator(".st-key-u_add_department").get_by_role("combobox")
    unit.click()
    listed = page.get_by_role("listbox")
    listed.wait_for()
    unit.fill("应急管理部")  # the list is filtered as one types
    listed.get_by_role("option", name="应急管理部", exact=True).wait_for()
    unit.fill("示例市住建局")
    page.wait_for_timeout(500)
    page.screenshot(path=shots / "users-typed-unit.png")
    offered = listed.inner_text()
    assert "示例市住建局" in offered and not ENGLISH_WORD.search(offered), offered
    unit.press("Enter")
    settled(page)
    page.get_by_role("button", name="添加用户").click()
    page.get_by_text("已添加 zhujian（部门用户）。").wait_for()
    other = _tab(browser)
    other.goto(app_url)
    other.locator(".st-key-login_user input").fill("zhujian")
    other.locator(".st-key-login_password input").fill(PASSWORD)
    other.locator(".st-key-login_password input").press("Enter")
    other.get_by_text("部门用户 · 示例市住建局").wait_for()
