"""Tables as CSV and XLSX downloads: search results, region comparisons, lists."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl.styles import Alignment, Font

from ui.export.authored import language_tag, new_workbook, workbook_bytes

# Excel opens a UTF-8 CSV as Chinese only with a byte-order mark.
CSV_ENCODING = "utf-8-sig"
_MAX_WIDTH = 80


def to_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> bytes:
    """Rows as CSV with a header line; lists become "; "-joined text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_text(_cell(row.get(c))) for c in columns])
    return buffer.getvalue().encode(CSV_ENCODING)


def to_xlsx(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], sheet: str, title: str = ""
) -> bytes:
    """Rows as one XLSX sheet: bold frozen header, wrapped text, widths fitted to content; the
    file's title is ``title`` (the sheet's name when empty), its language that of the title
    and the column names."""
    heading = title or sheet
    language = "zh" if language_tag(None, heading + "".join(map(str, columns))) == "zh-CN" else "en"
    book = new_workbook(heading, language)
    ws = book.active
    ws.title = sheet[:31]
    ws.append(list(columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_cell(row.get(c)) for c in columns])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, never a formula (titles come from uploads)
    ws.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        values = [str(column)] + [str(_cell(r.get(column))) for r in rows]
        width = min(_MAX_WIDTH, max(len(v) for v in values) + 2)
        ws.column_dimensions[ws.cell(1, index).column_letter].width = width
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return workbook_bytes(book)


def _csv_text(value: Any) -> Any:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (it shows as text)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "@"):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float):
        return round(value, 4)
    return value
