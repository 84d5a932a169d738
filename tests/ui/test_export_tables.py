"""Table downloads: CSV that Excel opens as Chinese, and XLSX with a bold frozen header."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from ui.export.tables import to_csv, to_xlsx

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
