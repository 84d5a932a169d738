"""Metadata read from a plan's header lines."""

from __future__ import annotations

from pathlib import Path

from ingest.metadata import detect_metadata, detect_title
from ingest.readers.base import Block, BlockKind


def _blocks(*texts: str) -> list[Block]:
    return [Block(t, None, BlockKind.PARAGRAPH, None) for t in texts]


def test_a_long_first_line_naming_a_plan_is_the_title() -> None:
    title = "Sample Work Plan on Reducing the Risks of Old Boilers in the Towns and Villages of Testland"
    assert len(title) > 80
    assert detect_title(_blocks(title, "Body."), "", Path("x.txt")) == title


def test_a_long_first_sentence_is_not_a_title() -> None:
    first = "Boilers that are older than thirty years have caused many fires in the towns of the region."
    assert detect_title(_blocks(first, "Body."), "", Path("boilers.txt")) == "boilers"


def test_issue_date_lines() -> None:
    for header in ("Issued by: Sample Office, 3 March 2031", "Date: 3 March 2031"):
        meta = detect_metadata(f"Sample Plan\n{header}", "", "Sample Plan", Path("p.txt"))
        assert meta["promulgated"] == "2031-03-03"


def test_an_order_number_is_the_doc_number_of_a_government_rule() -> None:
    """Issue 18: a rule published by an order (…人民政府令第5号公布) carries that number as its
    发文字号; after amendments, the order that made this version; 日照市 stays whole."""
    cases = {
        "（2012年3月1日山城市人民政府令第5号公布）": "山城市人民政府令第5号",
        "（2010年11月29日上海市人民政府令第52号公布　根据2015年6月1日"
        "上海市人民政府令第30号修正）": "上海市人民政府令第30号",
        "二〇一六年一月四日日照市人民政府令第 37 号公布": "日照市人民政府令第37号",
        "中华人民共和国国务院令\n第708号": "中华人民共和国国务院令第708号",
    }
    for header, number in cases.items():
        meta = detect_metadata(f"某某办法\n{header}", "", "某某办法", Path("r.txt"))
        assert meta["doc_number"] == number, header
    # a 〔year〕 number still wins, and a text naming no order has none
    both = detect_metadata("办法\n沪府规〔2023〕4号\n市政府令第5号", "", "办法", Path("r.txt"))
    assert both["doc_number"] == "沪府规〔2023〕4号"
    assert "doc_number" not in detect_metadata(
        "办法\n2020年1月1日起施行", "", "办法", Path("r.txt")
    )


def test_a_notice_that_transmits_a_plan_is_a_work_plan() -> None:
    """Issue 18 walk: plans are published inside a notice ("关于印发…的通知"); the notice is the
    plan, so the Tasks page offers it. A notice about anything else stays a normative document."""
    plans = (
        "山城市人民政府办公厅关于印发山城市应急体系建设规划责任分解的通知",
        "示例省人民政府关于印发《示例省安全生产专项整治三年行动实施方案》的通知",
        "示例县安委会办公室关于印发2031年安全生产工作要点的通知",
        "示例市人民政府办公室关于转发市应急局重点任务分工的通知",
    )
    for title in plans:
        meta = detect_metadata("", "", title, Path("p.txt"))
        assert meta["level"] == "work_plan", title
    others = (
        "示例省人民政府关于加强安全生产工作的通知",
        "示例市应急管理局关于印发危险化学品管理办法的通知",
        "示例省人民政府关于进一步做好安全生产工作的意见",
    )
    for title in others:
        meta = detect_metadata("", "", title, Path("p.txt"))
        assert meta["level"] == "normative_document", title
