"""Table downloads: CSV that Excel opens as Chinese, and XLSX with a bold frozen header; the
Markdown study pack cites articles as readers do (《法》第十六条), never by internal id."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from index import open_store
from index.review.stored_texts import review_document
from index.study.changes import study_changes
from index.study.packs import pack_for_document
from tests.index.support import LAW_2019, LAW_2024, PROVINCIAL, workspace
from ui.export.review_report import finding_text, quoted_text, review_xlsx
from ui.export.study_md import changes_markdown, pack_markdown
from ui.export.tables import to_csv, to_xlsx
from ui.i18n import set_language

COLUMNS = ("rank", "title", "heading_path", "text", "score", "missing")
ROWS = [
    {
        "rank": 1,
        "title": "示例安全生产法",
        "heading_path": ["示例安全生产法", "第一章", "总则"],
        "text": "第三十六条 处五万元以上二十万元以下的罚款，\n并责令停产停业整顿。",
        "score": 0.123456789,
        "missing": None,
        "ignored": "not a column",
    },
    {
        "rank": 2,
        "title": 'A "quoted", comma title',
        "heading_path": ("Chapter I", "Article 8"),
        "text": "line one\r\nline two; three",
        "score": 1.0,
    },
]


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_has_a_bom_and_round_trips() -> None:
    data = to_csv(ROWS, COLUMNS)
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 as Chinese only with a BOM
    assert data.count(b"\xef\xbb\xbf") == 1
    header, first, second = read_csv(data)
    assert header == list(COLUMNS)
    assert first == [
        "1",
        "示例安全生产法",
        "示例安全生产法; 第一章; 总则",
        "第三十六条 处五万元以上二十万元以下的罚款，\n并责令停产停业整顿。",
        "0.1235",
        "",
    ]
    assert second == [
        "2",
        'A "quoted", comma title',
        "Chapter I; Article 8",
        "line one\r\nline two; three",
        "1.0",
        "",
    ]


def test_csv_of_no_rows_is_the_header() -> None:
    assert read_csv(to_csv([], COLUMNS)) == [list(COLUMNS)]


def test_xlsx_opens_with_a_bold_frozen_header() -> None:
    book = load_workbook(io.BytesIO(to_xlsx(ROWS, COLUMNS, "search")))
    sheet = book.active
    assert sheet.title == "search"
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    assert all(c.font.bold for c in sheet[1])
    assert not any(c.font.bold for c in sheet[2])
    assert sheet.max_row == 3
    first = [c.value for c in sheet[2]]
    assert first[:5] == [
        1,
        "示例安全生产法",
        "示例安全生产法; 第一章; 总则",
        ROWS[0]["text"],
        0.1235,
    ]
    assert first[5] in ("", None)  # None is written as an empty cell
    assert sheet["C3"].value == "Chapter I; Article 8"
    assert sheet["D2"].alignment.wrap_text
    widths = {c: sheet.column_dimensions[c].width for c in "ABCD"}
    assert widths["A"] < widths["C"] <= 80 and widths["D"] <= 80


def test_xlsx_sheet_name_is_cut_to_excels_limit() -> None:
    book = load_workbook(io.BytesIO(to_xlsx(ROWS, COLUMNS, "x" * 40)))
    assert book.active.title == "x" * 31


def test_xlsx_text_that_looks_like_a_formula_stays_text() -> None:
    rows = [{"title": '=HYPERLINK("http://example.invalid","click")', "text": "=1+1"}]
    sheet = load_workbook(io.BytesIO(to_xlsx(rows, ["title", "text"], "s"))).active
    assert sheet["B2"].data_type == "s"
    assert sheet["A2"].data_type == "s"


@pytest.fixture(scope="module")
def study_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export-study") / "workspace"
    store, _, _ = workspace(path)
    store.close()
    return path


def test_the_markdown_pack_cites_articles_by_number_and_law_never_by_internal_id(
    study_home: Path,
) -> None:
    with open_store(study_home) as store:
        pack = pack_for_document(store, LAW_2024, items=8, seed=2)
        changes = study_changes(store, LAW_2019, LAW_2024)
    text = pack_markdown(pack)
    assert re.findall(r"\bart-[\w~-]+", text) == []
    first = pack.provisions[0]
    assert f"*《示例安全生产法》{first.number}*" in text
    term = pack.terms[0]
    assert f"{term.text}（《示例安全生产法》{term.number}）" in text
    briefing = changes_markdown(changes)
    assert "2019年6月10日版 → 2024年4月20日版" in briefing
    assert LAW_2019 not in briefing and LAW_2024 not in briefing


def test_the_findings_workbook_names_each_finding_in_chinese_and_keeps_its_code_hidden(
    study_home: Path,
) -> None:
    with open_store(study_home) as store:
        review = review_document(store, PROVINCIAL)
    sheet = load_workbook(io.BytesIO(review_xlsx(review))).active
    header = [c.value for c in sheet[1]]
    kind, severity = (header.index(h) for h in ("问题类型", "严重程度"))
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == len(review.findings) > 0
    # the code stays for programs: the last column, named in Chinese and hidden (issue 18)
    assert header[-1] == "规则代码（供程序读取）" and "代码" not in header
    assert all(str(r[-1]).startswith("CHECK_") for r in rows)
    last = sheet.cell(1, len(header)).column_letter
    assert sheet.column_dimensions[last].hidden
    shown = [
        c
        for i, c in enumerate(header, 1)
        if not sheet.column_dimensions[sheet.cell(1, i).column_letter].hidden
    ]
    assert "规则代码（供程序读取）" not in shown
    assert not any(re.search("[A-Za-z]", str(r[kind])) for r in rows)
    assert not any("CHECK_" in str(v) for r in rows for v in r[:-1])
    assert {r[severity] for r in rows} <= {"错误", "警告", "提示"}


def test_the_english_findings_workbook_keeps_its_code_column_in_sight(study_home: Path) -> None:
    set_language("en")
    try:
        with open_store(study_home) as store:
            review = review_document(store, PROVINCIAL)
        sheet = load_workbook(io.BytesIO(review_xlsx(review))).active
    finally:
        set_language("zh")
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["finding_id", "type", "code", "severity"]
    assert not any(d.hidden for d in sheet.column_dimensions.values())


def test_an_iso_date_in_a_finding_reads_as_a_chinese_date_but_an_id_keeps_its_own() -> None:
    text = (
        "“安全生产监督管理部门”已于2018-03-17起更名为“应急管理部门”，见示例安全生产法@2019-06-10。"
    )
    assert finding_text(text) == (
        "“安全生产监督管理部门”已于2018年3月17日起更名为“应急管理部门”，见示例安全生产法@2019-06-10。"
    )
    assert finding_text("无日期的说明。") == "无日期的说明。"


def test_a_quoted_article_drops_its_number_and_keeps_its_marks_on_the_same_words() -> None:
    text = "第二十三条 生产经营单位主要负责人迟报、漏报"
    marks = ((0, 5), (17, 19), (20, 22))
    quoted, moved = quoted_text("第二十三条", text, marks)
    assert quoted == "生产经营单位主要负责人迟报、漏报"
    assert [quoted[s:e] for s, e in moved] == ["迟报", "漏报"]
    assert quoted_text("第九条", text, marks) == (text, marks)  # another number: as it is
    assert quoted_text(None, text, marks) == (text, marks)


def test_exported_files_name_policylens_as_their_author() -> None:
    import docx

    from ui.export.study_docx import _new_document, _save

    book = load_workbook(io.BytesIO(to_xlsx([{"a": 1}], ["a"], "表")))
    assert (book.properties.creator, book.properties.lastModifiedBy) == ("PolicyLens", "PolicyLens")
    document = docx.Document(io.BytesIO(_save(_new_document("示例条例 · 学习资料", zh=True))))
    assert document.core_properties.author == "PolicyLens"
    assert "python-docx" not in (document.core_properties.comments or "")
