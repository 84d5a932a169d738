"""One regulation in TXT, HTML, DOCX (automatic numbering) and PDF gives one tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import Status, load_document
from tests import filegen

WRITERS = {
    "zh": (
        filegen.write_regulation_txt,
        filegen.write_regulation_html,
        filegen.write_regulation_docx,
        filegen.write_regulation_pdf,
    ),
    "en": (
        filegen.write_english_regulation_txt,
        filegen.write_english_regulation_html,
        filegen.write_english_regulation_docx,
        filegen.write_english_regulation_pdf,
    ),
}


def _tree(path: Path) -> list[tuple[str, str, str]]:
    result = load_document(path)
    assert result.status is Status.OK, result.findings
    return [(p.id, str(p.kind), p.text) for p in result.document.all_provisions()]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_same_tree_in_every_format(tmp_path: Path, lang: str, fmt: str) -> None:
    txt, html, docx, pdf = WRITERS[lang]
    expected = _tree(txt(tmp_path / "reg.txt"))
    writer = {"html": html, "docx": docx, "pdf": pdf}[fmt]
    assert _tree(writer(tmp_path / f"reg.{fmt}")) == expected


def test_docx_numbering_gives_article_and_item_labels(tmp_path: Path) -> None:
    doc = load_document(filegen.write_regulation_docx(tmp_path / "reg.docx")).document
    numbers = [p.number for p in doc.articles()]
    assert numbers[:3] == ["第一条", "第二条", "第三条"]
    items = [c for a in doc.articles() for c in a.walk() if c.kind == "item"]
    assert items and items[0].number == "（一）"


def test_pdf_keeps_pages_and_drops_running_headers(tmp_path: Path) -> None:
    result = load_document(filegen.write_regulation_pdf(tmp_path / "reg.pdf"))
    doc = result.document
    assert {p.span.page for p in doc.articles()} >= {1, 2}
    assert "第 1 页" not in doc.text
    assert any(f.code == "INGEST_HEADERS_REMOVED" for f in result.findings)
