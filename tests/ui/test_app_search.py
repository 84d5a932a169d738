"""Search and documents as a legal-database user drives them (Streamlit's AppTest, the hash
embedder): Chinese labels, filters by 效力级别 and 时效性, "in force on" back to 1949, an invalid
date said so, links and state kept in the URL and the session, across regions with full text
and figures, the metadata panel, article counts, related articles."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from index import open_store
from index.accounts import Accounts
from index.library.changes import Upload, ingest_uploads
from tests import filegen
from tests.index.support import LAW_2019, LAW_2024, PROVINCIAL
from tests.ui.app_support import (
    build_workspace,
    cards,
    download_bytes,
    one,
    open_page,
    record_downloads,
    run,
    user,
    values,
    workspace_copy,
)
from ui.i18n import set_language
from ui.versions_view import timeline

ACCIDENT_QUERY = "事故发生后多长时间内报告"
ACCIDENT_ARTICLE = "示例安全生产法/art-31"  # 2024 第三十一条: report within one hour
LOCAL_RULES = {"示例省安全生产条例", "示例滨海省安全生产条例", "示例山城市安全生产若干规定"}
LOCAL_REGIONS = {"示例省", "示例滨海省", "示例山城市"}
EN_ACT = "Illustrative Work Safety Act of the Republic of Exampleland"
REGIONS_TAB = "各地比对"


@pytest.fixture(scope="module")
def corpus_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus and one account per role, built once (read-only: tests use copies)."""
    return build_workspace(tmp_path_factory.mktemp("app-search") / "workspace")


@pytest.fixture(autouse=True)
def app_home(
    corpus_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    with workspace_copy(corpus_workspace, tmp_path, monkeypatch) as home:
        yield home


@pytest.fixture(autouse=True)
def _downloads_readable(monkeypatch: pytest.MonkeyPatch) -> None:
    record_downloads(monkeypatch)


def search(query: str, name: str = "vic", **url: str) -> AppTest:
    at = open_page(name, "views/search.py", **url)
    at.text_input(key="q").input(query)
    return run(at)


def document_ids(home: Path) -> set[str]:
    with open_store(home) as store:
        return {d["document_id"] for d in store.documents()}


def button(at: AppTest, label: str, n: int = 0) -> object:
    return [b for b in at.button if b.label == label][n]


# -- search -------------------------------------------------------------------------------------
def test_a_chinese_question_finds_the_national_reporting_article_in_chinese() -> None:
    at = search(ACCIDENT_QUERY)
    found = cards(at)
    assert len(found) == 10 and "找到 10 条" in values(at.caption)
    assert [tab.label for tab in at.tabs] == ["条文", REGIONS_TAB]
    top = [(c.title, c.number, c.version, c.where) for c in found[:3]]
    assert ("示例安全生产法", "第三十一条", "2024年4月20日", "法律 · 全国") in top
    assert all(c.status == "现行有效" for c in found)  # the default 时效性
    shown = " ".join(values(at.markdown))
    assert "score" not in shown and "hybrid" not in shown and "national" not in shown


def test_an_english_question_finds_the_english_act() -> None:
    at = search("Who may refuse orders that violate safety rules?")
    first = cards(at)[0]
    assert (first.title, first.number) == (EN_ACT, "Article 12")


def test_a_search_link_gives_the_same_search() -> None:
    """Problem 1: the query and the filters are read from the URL (a link, a reload)."""
    at = open_page("vic", "views/search.py", q=ACCIDENT_QUERY, level="地方性法规")
    assert at.text_input(key="q").value == ACCIDENT_QUERY
    assert at.multiselect(key="level").value == ["local_regulation"]
    found = cards(at)
    assert found and {c.title for c in found} == LOCAL_RULES


def test_the_level_filter_has_chinese_names_and_keeps_local_regulations() -> None:
    at = search(ACCIDENT_QUERY)
    level = at.multiselect(key="level")
    assert level.label == "效力级别" and "地方性法规" in level.options
    level.set_value(["local_regulation"])
    found = cards(run(at))
    assert found and {c.title for c in found} == LOCAL_RULES
    assert all(c.where.startswith("地方性法规 · ") for c in found)


def test_the_validity_filter_keeps_the_old_version_only() -> None:
    at = search(ACCIDENT_QUERY)
    status = at.selectbox(key="status")
    assert status.label == "时效性"
    assert status.options == ["现行有效", "尚未生效", "已修改（旧版本）", "已废止", "全部"]
    status.set_value("superseded")
    found = cards(run(at))
    assert found and {(c.title, c.version, c.status) for c in found} == {
        ("示例安全生产法", "2019年6月10日", "已被修订")
    }


def test_in_force_on_a_date_gives_the_version_then_in_force() -> None:
    at = search(ACCIDENT_QUERY)
    at.text_input(key="on").input("2020年1月1日")
    found = cards(run(at))
    assert found and {(c.title, c.version) for c in found} == {("示例安全生产法", "2019年6月10日")}


def test_in_force_on_a_date_reaches_back_to_1949() -> None:
    """Problem 4: a day before Streamlit's ten-year default is accepted (nothing was in force
    then, which the page says), and 1949-10-01 is the first day."""
    at = search(ACCIDENT_QUERY)
    at.text_input(key="on").input("1950-01-01")
    run(at)
    assert not at.error and not cards(at)
    assert "没有匹配的条文。请放宽筛选条件或换个说法。" in values(at.info)
    at.text_input(key="on").input("1949-09-30")
    run(at)
    assert len(at.error) == 1 and "1949年10月1日" in at.error[0].value


def test_an_invalid_date_says_so_instead_of_keeping_the_previous_results() -> None:
    at = search(ACCIDENT_QUERY)
    at.text_input(key="on").input("2020-01-01")
    assert cards(run(at))
    at.text_input(key="on").input("2020-13-45")
    run(at)
    assert len(at.error) == 1 and "日期无效" in at.error[0].value
    assert not cards(at)  # never the previous date's results


def test_the_search_comes_back_after_opening_a_hit() -> None:
    """Problem 2: query, filters and tab survive opening a document and coming back."""
    at = search(ACCIDENT_QUERY)
    at.selectbox(key="status").set_value("any")
    run(at)
    before = cards(at)
    rank = next(c.rank for c in before if c.number == "第三十一条")
    run(button(at, "在原文中打开", rank - 1).click())
    assert values(at.title) == ["示例安全生产法"]
    run(at.switch_page("views/search.py"))
    assert at.text_input(key="q").value == ACCIDENT_QUERY
    assert at.selectbox(key="status").value == "any"
    assert cards(at) == before


def test_an_example_fills_the_search_box() -> None:
    at = open_page("vic", "views/search.py")
    assert not cards(at)
    at.button_group(key="example").set_value("安全生产教育和培训")
    run(at)
    assert at.text_input(key="q").value == "安全生产教育和培训"
    assert cards(at)


def test_the_examples_are_in_the_interfaces_language_and_each_finds_articles(
    app_home: Path,
) -> None:
    """Issue 18: a Chinese-only user meets no English example; English keeps English ones."""
    at = open_page("vic", "views/search.py")
    chinese = at.button_group(key="example").options
    assert len(chinese) == 5 and not [e for e in chinese if re.search("[A-Za-z]", e)]
    for example in chinese:
        at.button_group(key="example").set_value(example)
        assert cards(run(at)), example
    with open_store(app_home) as store:
        Accounts(store).set_language(user("vic"), "en")
    at = open_page("vic", "views/search.py")
    english = at.button_group(key="example").options
    assert len(english) == 5 and not [e for e in english if re.search("[\u4e00-\u9fff]", e)]
    try:
        set_language("en")  # the test's side: AppTest formats the widgets' values here
        for example in english:
            at.button_group(key="example").set_value(example)
            assert cards(run(at)), example
    finally:
        set_language(None)


def filters_open(at: AppTest) -> bool:
    """Whether the 筛选条件 panel is drawn open."""
    return bool(one(at.expander, "筛选条件").proto.expanded)


def test_the_filters_panel_is_open_whenever_a_filter_narrows_the_results() -> None:
    """Bug 8: after Back (and on a link) the filters applied are in sight, not in a closed
    panel; with every filter at its default the panel stays closed."""
    at = search(ACCIDENT_QUERY)
    assert not filters_open(at)
    at.selectbox(key="status").set_value("any")
    assert filters_open(run(at))
    run(button(at, "在原文中打开").click())
    run(at.switch_page("views/search.py"))  # Back
    assert at.selectbox(key="status").value == "any" and filters_open(at)
    at.selectbox(key="status").set_value("in_force")
    assert not filters_open(run(at))
    linked = open_page("vic", "views/search.py", q=ACCIDENT_QUERY, level="地方性法规")
    assert filters_open(linked)


def test_downloads_hold_the_results_shown_with_chinese_headings() -> None:
    at = search(ACCIDENT_QUERY)
    shown = cards(at)
    csv_button, xlsx_button = at.get("download_button")
    assert (csv_button.label, xlsx_button.label) == ("下载表格（CSV）", "下载表格（XLSX）")
    raw = download_bytes(csv_button)
    assert raw.startswith(b"\xef\xbb\xbf")  # a byte-order mark, so Excel reads the Chinese
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(int(r["序号"]), r["标题"], r["条号"]) for r in rows] == [
        (c.rank, c.title, c.number) for c in shown
    ]
    reporting = next(r for r in rows if r["条文编号"] == ACCIDENT_ARTICLE)
    assert reporting["文件编号"] == LAW_2024 and "一小时内" in reporting["条文内容"]
    assert reporting["效力级别"] == "法律" and reporting["地区"] == "全国"
    sheet = openpyxl.load_workbook(io.BytesIO(download_bytes(xlsx_button))).active
    assert list(next(sheet.iter_rows(values_only=True))) == list(rows[0])


# -- across regions -----------------------------------------------------------------------------
def regions(at: AppTest) -> AppTest:
    at.session_state["tab"] = REGIONS_TAB
    return run(at)


def test_across_regions_shows_full_text_figures_and_an_open_button_per_row() -> None:
    """Problem 8: the whole article, its figures in their own columns, a row that opens."""
    at = regions(search(ACCIDENT_QUERY))
    tab = at.tabs[1]
    assert "3 个地区" in values(tab.caption)
    texts = values(tab.text)
    assert any(t == "三十分钟内" for t in texts)  # the 滨海省 time limit, in its column
    bodies = [t for t in texts if t.startswith("第")]
    assert len(bodies) == 3 and all("事故" in b and "报告" in b for b in bodies)
    assert all(not b.endswith("…") for b in bodies)  # full text, not one truncated line
    opens = [b for b in tab.button if b.label == "打开"]
    assert len(opens) == 3
    run(opens[0].click())
    assert at.query_params["doc"] in document_ids_of_local_rules()


def document_ids_of_local_rules() -> set[str]:
    import os

    with open_store(Path(os.environ["POLICYLENS_HOME"])) as store:
        return {d["document_id"] for d in store.documents() if d["title"] in LOCAL_RULES}


def test_other_regions_selects_its_tab_and_the_articles_tab_does_not_compute_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Problem 8: "Other regions" opens the regions tab; while the articles tab is selected
    the slow regions search is not run."""
    import ui.regions_table as regions_table

    calls: list[str] = []
    real = regions_table.across_regions
    monkeypatch.setattr(
        regions_table, "across_regions", lambda *a, **k: calls.append(a[1]) or real(*a, **k)
    )
    at = search(ACCIDENT_QUERY)
    assert calls == []  # the articles tab is selected: no regions search
    rank = next(c.rank for c in cards(at) if c.number == "第三十一条")
    run(button(at, "各地规定", rank - 1).click())
    assert at.session_state["tab"] == REGIONS_TAB and len(calls) == 1
    assert "各地规章如何规定 **示例安全生产法 第三十一条**：" in values(at.tabs[1].markdown)
    run(one(at.button, "回到检索词").click())
    assert f"各地规章如何规定 **{ACCIDENT_QUERY}**：" in values(at.tabs[1].markdown)


# -- documents ----------------------------------------------------------------------------------
def test_browse_lists_every_document_with_articles_counted(app_home: Path) -> None:
    """Problem 9: the count is of articles (条), not provisions; national texts are 全国."""
    at = open_page("vic", "views/documents.py")
    assert values(at.title) == ["法规文件"]
    assert "共 9 件，显示 9 件" in values(at.caption)
    table = at.dataframe[0].value
    assert set(table["文件编号"]) == document_ids(app_home)
    row = table[table["文件编号"] == LAW_2024].iloc[0]
    assert (row["条数"], row["地区"], row["效力级别"], row["时效性"]) == (
        42,
        "全国",
        "法律",
        "现行有效",
    )
    assert not set(table["地区"]) & {"None", "unknown", "national", ""}


def test_browse_filters_opens_a_document_and_comes_back() -> None:
    at = open_page("vic", "views/documents.py")
    one(at.multiselect, "效力级别").set_value(["national_law"])
    run(at)
    assert "共 9 件，显示 3 件" in values(at.caption)
    at.selectbox(key="open_doc").set_value(LAW_2019)
    run(at)
    assert at.query_params["doc"] == LAW_2019
    assert values(at.title) == ["示例安全生产法"]
    run(one(at.button, "全部文件").click())
    assert values(at.title) == ["法规文件"]
    assert "doc" not in at.query_params


def test_a_click_on_a_row_of_the_list_opens_its_document() -> None:
    """Issue 18: a row of the document list opens its document (the picker stays for those who
    type). AppTest cannot click a table, so the selection is given as the browser sends it."""
    at = open_page("vic", "views/documents.py")
    table = at.dataframe[0]
    assert table.key == "d_list"
    row = list(table.value["文件编号"]).index(LAW_2019)
    at.session_state["d_list"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    run(at)
    assert at.query_params["doc"] == LAW_2019
    assert values(at.title) == ["示例安全生产法"]
    run(one(at.button, "全部文件").click())  # back to the list: it does not open again
    assert values(at.title) == ["法规文件"] and "doc" not in at.query_params


def test_a_document_opens_at_its_article_highlighted_with_related_articles() -> None:
    at = open_page("vic", "views/documents.py", doc=PROVINCIAL, art="示例省安全生产条例/art-1")
    marked = [t for t in values(at.markdown) if "当前条文" in t]
    assert marked == [":blue-badge[当前条文] **第一条**"]
    assert any("st-key-opened-article" in t for t in values(at.get("html")))
    related = [b.label for b in at.button if b.label.startswith("《")]
    assert any("示例安全生产法" in label for label in related)  # the law its 第一条 cites


def test_the_metadata_panel_replaces_raw_json() -> None:
    at = open_page("vic", "views/documents.py", doc=LAW_2024)
    details = next(t for t in at.tabs if t.label == "文件信息")
    assert not details.json
    table = next(t for t in values(details.markdown) if t.startswith("| 项目"))
    for label in ("制定机关", "发文字号", "公布日期", "施行日期", "时效性", "效力级别", "地区"):
        assert f"| {label} |" in table
    assert "| 施行日期 | 2024年7月1日 |" in table and "| 地区 | 全国 |" in table
    # the ingest findings (a new version of a stored work) are headed and graded in Chinese
    [findings] = details.dataframe
    assert list(findings.value.columns) == ["检查项", "级别", "说明", "位置"]
    assert set(findings.value["级别"]) <= {"错误", "警告", "提示"}
    # issue 18: the source file's kind and checksum are named in Chinese, not as a media type
    [source] = [c for c in values(details.caption) if c.startswith("来源文件")]
    assert source.startswith(
        "来源文件：zh_national_law_2024.md（Markdown 文本），校验值（SHA-256）"
    )
    assert "text/markdown" not in source


def test_every_readers_file_kind_has_a_chinese_name() -> None:
    from ingest.readers.docx import DocxReader
    from ingest.readers.html import HtmlReader
    from ingest.readers.pdf import PdfReader
    from ingest.readers.txt import TextReader
    from ui.metadata import media_name

    kinds = [r.media_type for r in (DocxReader, HtmlReader, PdfReader, TextReader)]
    names = [media_name(kind) for kind in [*kinds, "text/markdown", "application/jsonl"]]
    assert names == ["Word 文档", "网页", "PDF 文件", "纯文本", "Markdown 文本", "数据记录"]
    assert media_name("image/png") == "其他格式"


def test_versions_tab_compares_2019_with_2024_by_link() -> None:
    at = open_page("vic", "views/documents.py", doc=LAW_2024, old=LAW_2019, new=LAW_2024)
    versions = next(t for t in at.tabs if t.label.startswith("历史版本"))
    assert versions.label == "历史版本（2）"
    counts = {m.label: m.value for m in versions.metric}
    assert {k: counts[k] for k in ("修改", "新增", "删除", "条号变动")} == {
        "修改": "7",
        "新增": "2",
        "删除": "1",
        "条号变动": "29",
    }
    heads = values(versions.markdown)
    fines = heads.index(":orange-badge[修改] :violet-badge[条号变动] **第三十七条 → 第三十八条**")
    markup = heads[fines + 1]
    # a screen reader hears 删除：/新增： before each struck or added run (issue 18)
    assert re.search(r"<del[^>]*><span class=\"pl-spoken\"[^>]*>删除：</span>", markup), markup
    assert re.search(r"<ins[^>]*><span class=\"pl-spoken\"[^>]*>新增：</span>", markup), markup
    shown = re.sub(r'<span class="pl-spoken"[^>]*>[^<]*</span>', "", markup)
    new = re.sub(r"<[^>]+>", "", re.sub(r"<del[^>]*>.*?</del>", "", shown))
    assert "处三十万元以上八十万元以下的罚款" in new
    # one number where it did not change or is on one side only (issue 18: the walk saw
    # "修改 第一条 → 第一条"); an arrow only between two different numbers
    assert ":red-badge[删除] **第二十六条**" in heads
    at.toggle(key="v_same").set_value(True)
    at = run(at)
    versions = next(t for t in at.tabs if t.label.startswith("历史版本"))
    cards = [h for h in values(versions.markdown) if "-badge[" in h and "**" in h]
    assert ":gray-badge[未变] **第一条**" in cards
    for head in cards:
        numbers = head.split("**")[1]
        assert "—" not in numbers, head
        if "→" in numbers:
            old, new = numbers.split(" → ")
            assert old != new and "条号变动" in head, head
        else:
            assert "条号变动" not in head, head


def test_a_changed_article_that_kept_its_number_is_headed_with_it_once() -> None:
    """Issue 18: "修改 第一条 → 第一条" for an article whose number did not change."""
    from nlp.versions.compare import ArticleChange, ArticleText, DiffSpan
    from ui.versions_view import change_numbers

    def article(number: str, text: str = "条文。") -> ArticleText:
        return ArticleText(f"法/{number}", number, text)

    spans = (DiffSpan("equal", "条文"), DiffSpan("insert", "新"))
    same = ArticleChange(
        "changed", article("第一条"), article("第一条", "新条文。"), 0.9, False, spans
    )
    moved = ArticleChange("changed", article("第一条"), article("第二条"), 0.9, True, spans)
    assert change_numbers(same) == "第一条"
    assert change_numbers(moved) == "第一条 → 第二条"
    assert change_numbers(ArticleChange("added", None, article("第三条"))) == "第三条"
    assert change_numbers(ArticleChange("removed", article("第四条"), None)) == "第四条"
    assert change_numbers(ArticleChange("changed", article(""), article(""), 0.9)) == "（序言）"


def test_the_versions_chart_speaks_chinese_and_has_no_action_menu() -> None:
    """Issue 18: the timeline's tooltip names its fields in Chinese and writes dates as
    2019年6月10日; a screen reader hears one Chinese description (not "Vega visualization",
    "X-axis titled …"); vega-embed's menu ("Copy Vega-Lite spec" …) is off."""
    at = open_page("vic", "views/documents.py", doc=LAW_2024, tab="versions")
    versions = next(t for t in at.tabs if t.label.startswith("历史版本"))
    [chart] = [c for c in versions.children.values() if c.type == "vega_lite_chart"]
    spec = json.loads(chart.proto.spec)
    for layer in spec["layer"]:
        tips = layer["encoding"]["tooltip"]
        assert [tip["title"] for tip in tips] == ["版本", "日期", "时效性"]
        assert [tip.get("format") for tip in tips] == [None, "%Y年%-m月%-d日", None]
    assert spec["config"]["timeFormat"] == "%Y年%-m月%-d日" and spec["config"]["aria"] is False
    assert spec["usermeta"] == {"embedOptions": {"actions": False}}
    assert spec["description"] == ("历史版本时间线：2019年6月10日 已被修订；2024年4月20日 现行有效")
    try:
        set_language("en")
        english = timeline([{"version_date": "2019-06-10", "document_id": "a", "status": None}])
        tips = english.to_dict()["layer"][0]["encoding"]["tooltip"]
        assert [tip["title"] for tip in tips] == ["version", "date", "Status"]
    finally:
        set_language(None)


def test_opening_a_document_writes_no_comparison_into_its_link() -> None:
    # The versions tab shows its first comparison without naming it in the URL (naming it
    # would add a browser history entry, and Back would land on the same document); a pick
    # names it.
    at = open_page("vic", "views/documents.py", doc=LAW_2024)
    assert "old" not in at.query_params and "new" not in at.query_params
    older = next(s for s in at.selectbox if s.label == "旧版本")
    older.set_value(LAW_2024)
    at = run(at)
    assert (at.query_params["old"], at.query_params["new"]) == (LAW_2024, LAW_2024)


def test_citations_tab_shows_who_cites_the_law_and_opens_them() -> None:
    at = open_page("vic", "views/documents.py", doc=LAW_2024)
    citations = next(t for t in at.tabs if t.label == "引用关系")
    shown = values(citations.markdown)
    assert "**示例省安全生产条例** · 第一条（立法依据）" in shown
    row = [t for t in shown if t.startswith("**") and " · " in t].index(
        "**示例省安全生产条例** · 第一条（立法依据）"
    )
    run([b for b in citations.button if b.label == "打开"][row].click())
    assert at.query_params["doc"] == PROVINCIAL
    assert at.query_params["art"] == "示例省安全生产条例/art-1"


def test_an_unknown_document_says_so_and_leads_back() -> None:
    at = open_page("vic", "views/documents.py", doc="无此文件@2000-01-01")
    assert len(at.error) == 1 and "无此文件" in at.error[0].value
    # in the user's language, without a command-line hint
    assert "链接可能已过期" in at.error[0].value and "policylens" not in at.error[0].value
    run(one(at.button, "全部文件").click())
    assert values(at.title) == ["法规文件"]


def test_an_undated_document_is_listed(app_home: Path) -> None:
    text = filegen.render_text(filegen.REGULATION)
    report = ingest_uploads(app_home, user("ada"), [Upload("plain.txt", text.encode("utf-8"))])
    undated = report.outcomes[0].document_id
    assert undated and "@v-" in undated  # stored without a version date
    at = open_page("vic", "views/documents.py")
    assert "共 10 件，显示 10 件" in values(at.caption)
    assert undated in set(at.dataframe[0].value["文件编号"])


def test_unnumbered_paragraphs_get_no_empty_heading() -> None:
    plan = "示例省安全生产专项整治重点工作分工方案@2024-03-15"
    at = open_page("vic", "views/documents.py", doc=plan)
    assert at.radio(key=f"toc-{plan}").value == "序言"
    assert not [t for t in values(at.tabs[0].markdown) if "****" in t]
