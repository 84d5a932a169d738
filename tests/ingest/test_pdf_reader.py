"""Tests of the PDF reader on PDFs written here with reportlab."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from ingest.errors import ReadError
from ingest.readers.base import BlockKind, ReadOutput
from ingest.readers.pdf import PdfReader

CN = "STSong-Light"
EN = "Helvetica"
SIZE = 12.0
LEADING = 18.0
LEFT = 72.0
WIDTH = A4[0] - 2 * LEFT
TOP = 100.0  # first body baseline, in points from the top of the page

pdfmetrics.registerFont(UnicodeCIDFont(CN))

ART1 = (
    "第一条　为了加强安全生产工作，防止和减少生产安全事故，保障人民群众生命和财产安全，"
    "促进经济社会持续健康发展，根据有关法律、行政法规，结合本省实际，制定本条例。"
)
ART2 = (
    "第二条　本省行政区域内生产经营单位的安全生产及其监督管理，适用本条例；有关法律、"
    "行政法规对消防安全和道路交通安全、铁路交通安全、水上交通安全另有规定的，适用其规定。"
)
ART3 = (
    "第三条　安全生产工作坚持中国共产党的领导，坚持人民至上、生命至上，把保护人民生命安全"
    "摆在首位，树牢安全发展理念，坚持安全第一、预防为主、综合治理的方针。"
)
EN_PARA = (
    "The operator of every mine shall keep a written record of each examination of the "
    "working places, and the record shall be kept at the mine for at least one year and "
    "shall be made available to an authorized representative of the Secretary."
)


def wrap(text: str, font: str = CN, indent: float = 0.0, width: float = WIDTH) -> list[str]:
    """Break ``text`` into lines that fit ``width`` (the first line is ``indent`` narrower)."""
    words = text.split(" ") if font == EN else list(text)
    sep = " " if font == EN else ""
    lines: list[str] = []
    current = ""
    avail = width - indent
    for w in words:
        trial = f"{current}{sep}{w}" if current else w
        if current and pdfmetrics.stringWidth(trial, font, SIZE) > avail:
            lines.append(current)
            current, avail = w, width
        else:
            current = trial
    lines.append(current)
    return lines


class Writer:
    """Writes lines top-down on A4 pages, with an optional running header and footer."""

    def __init__(
        self,
        path: Path,
        *,
        header: str | None = None,
        footer: str | None = None,
        title: str | None = None,
        encrypt: str | None = None,
    ) -> None:
        self.path = path
        self.c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt, invariant=1)
        if title:
            self.c.setTitle(title)
        self.header, self.footer = header, footer
        self.page = 1
        self.y = TOP
        self._decorate()

    def _decorate(self) -> None:
        if self.header:
            self.c.setFont(CN, 9)
            self.c.drawCentredString(A4[0] / 2, A4[1] - 40, self.header)
        if self.footer:
            self.c.setFont(CN, 9)
            self.c.drawCentredString(A4[0] / 2, 36, self.footer.format(n=self.page))

    def new_page(self) -> None:
        self.c.showPage()
        self.page += 1
        self.y = TOP
        self._decorate()

    def line(self, text: str, font: str = CN, x: float = 0.0, size: float = SIZE) -> None:
        self.c.setFont(font, size)
        self.c.drawString(LEFT + x, A4[1] - self.y, text)
        self.y += LEADING

    def lines(self, lines: list[str], font: str = CN, indent: float = 0.0) -> None:
        for i, text in enumerate(lines):
            self.line(text, font, indent if i == 0 else 0.0)

    def para(self, text: str, font: str = CN, indent: float = 2 * SIZE) -> list[str]:
        lines = wrap(text, font, indent)
        self.lines(lines, font, indent)
        return lines

    def table(self, rows: list[list[str]]) -> None:
        row_h = 22.0
        cols = len(rows[0])
        xs = [LEFT + i * WIDTH / cols for i in range(cols + 1)]
        top = A4[1] - self.y + SIZE
        ys = [top - i * row_h for i in range(len(rows) + 1)]
        self.c.grid(xs, ys)
        self.c.setFont(CN, 10)
        for r, row in enumerate(rows):
            for k, cell in enumerate(row):
                self.c.drawString(xs[k] + 4, ys[r] - 15, cell)
        self.y += row_h * len(rows) + LEADING

    def image(self) -> None:
        img = ImageReader(Image.new("RGB", (60, 40), (120, 120, 120)))
        self.c.drawImage(img, LEFT, 300, width=300, height=200)

    def save(self) -> Path:
        self.c.save()
        return self.path


def read(path: Path) -> ReadOutput:
    return PdfReader().read(path, path.read_bytes())


def codes(out: ReadOutput) -> list[str]:
    return [f.code for f in out.findings]


def test_attributes() -> None:
    assert PdfReader.media_type == "application/pdf"
    assert PdfReader.suffixes == (".pdf",)


def test_headers_footers_and_page_numbers_removed_with_one_finding(tmp_path: Path) -> None:
    w = Writer(tmp_path / "h.pdf", header="某省安全生产条例（2024年修订）", footer="- {n} -")
    w.para(ART1)
    w.new_page()
    w.para(ART2)
    w.new_page()
    w.para(ART3)
    out = read(w.save())
    texts = [b.text for b in out.blocks]
    assert texts == [ART1.replace("　", " "), ART2.replace("　", " "), ART3.replace("　", " ")]
    removed = [f for f in out.findings if f.code == "INGEST_HEADERS_REMOVED"]
    assert len(removed) == 1
    assert "6 lines on 3 pages" in removed[0].message
    assert "某省安全生产条例" in removed[0].message


@pytest.mark.parametrize("footer", ["3", "第 {n} 页 共 2 页", "Page {n} of 2", "{n}/2", "第{n}页"])
def test_page_number_footers_removed(tmp_path: Path, footer: str) -> None:
    w = Writer(tmp_path / "n.pdf", footer=footer)
    w.para(ART1)
    w.new_page()
    w.para(ART2)
    out = read(w.save())
    assert [b.text for b in out.blocks] == [ART1.replace("　", " "), ART2.replace("　", " ")]
    assert codes(out) == ["INGEST_HEADERS_REMOVED"]


def test_single_page_number_is_removed(tmp_path: Path) -> None:
    w = Writer(tmp_path / "one.pdf", footer="7")
    w.para(ART1)
    out = read(w.save())
    assert [b.text for b in out.blocks] == [ART1.replace("　", " ")]
    assert codes(out) == ["INGEST_HEADERS_REMOVED"]


def test_chinese_paragraph_over_three_lines_is_one_block_without_spaces(tmp_path: Path) -> None:
    w = Writer(tmp_path / "zh.pdf")
    text = (
        "第四条　"
        + "生产经营单位应当遵守本条例和其他有关安全生产的法律、法规，加强安全生产管理" * 2
        + "。"
    )
    lines = w.para(text)
    assert len(lines) >= 3
    out = read(w.save())
    assert len(out.blocks) == 1
    assert out.blocks[0].text == text.replace("　", " ")
    assert out.blocks[0].page == 1
    assert out.blocks[0].kind == BlockKind.PARAGRAPH
    assert out.findings == []


def test_english_paragraph_joined_with_single_spaces(tmp_path: Path) -> None:
    w = Writer(tmp_path / "en.pdf")
    lines = w.para(EN_PARA, EN, indent=0.0)
    assert len(lines) >= 3
    out = read(w.save())
    assert [b.text for b in out.blocks] == [EN_PARA]


def test_soft_hyphen_at_line_end_is_removed(tmp_path: Path) -> None:
    w = Writer(tmp_path / "hy.pdf")
    w.lines(
        [
            "The operator shall keep every working place in a condition that protects the safe-",
            "ty of the miners.",
        ],
        EN,
    )
    out = read(w.save())
    assert [b.text for b in out.blocks] == [
        "The operator shall keep every working place in a condition that protects the safety "
        "of the miners."
    ]


def test_paragraph_continues_across_a_page_break(tmp_path: Path) -> None:
    w = Writer(tmp_path / "pb.pdf", header="某省安全生产条例", footer="第 {n} 页")
    lines = wrap(ART2, indent=2 * SIZE)
    w.para(ART1)
    w.lines(lines[:1], indent=2 * SIZE)
    w.new_page()
    w.lines(lines[1:])
    w.para(ART3)
    out = read(w.save())
    assert [(b.text, b.page) for b in out.blocks] == [
        (ART1.replace("　", " "), 1),
        (ART2.replace("　", " "), 1),
        (ART3.replace("　", " "), 2),
    ]


def test_sentence_end_at_page_bottom_then_article_heading_splits(tmp_path: Path) -> None:
    w = Writer(tmp_path / "pb2.pdf")
    w.para(ART1)
    w.new_page()
    w.lines(wrap(ART2, indent=0.0))  # not indented, but it starts with 第二条
    out = read(w.save())
    assert [b.page for b in out.blocks] == [1, 2]


def test_article_headings_start_new_blocks(tmp_path: Path) -> None:
    w = Writer(tmp_path / "art.pdf")
    w.line("第一章　总　则", x=170, size=16)
    w.line("第一条　本条例所称生产经营单位", x=0)  # no final punctuation, no indent
    w.line("第二条　从业人员有获得安全生产保障的权利", x=0)
    w.line("Article 3 Scope", EN)
    w.line("(a) This part applies to every mine", EN)
    w.line("（一）矿山", x=0)
    out = read(w.save())
    assert [b.text for b in out.blocks] == [
        "第一章 总 则",
        "第一条 本条例所称生产经营单位",
        "第二条 从业人员有获得安全生产保障的权利",
        "Article 3 Scope",
        "(a) This part applies to every mine",
        "（一）矿山",
    ]


def test_cross_reference_at_line_start_does_not_split(tmp_path: Path) -> None:
    w = Writer(tmp_path / "ref.pdf")
    head = "第五条　违反本条例规定，生产经营单位未按照规定设置安全生产管理机构的，依照本"
    first = wrap(head, indent=2 * SIZE)[0]
    text = first + "条例第三十条的规定处罚。"
    w.lines([first, "条例第三十条的规定处罚。"], indent=2 * SIZE)
    out = read(w.save())
    assert [b.text for b in out.blocks] == [text.replace("　", " ")]


def test_full_line_ending_a_sentence_continues_in_an_indented_document(tmp_path: Path) -> None:
    w = Writer(tmp_path / "ind2.pdf")
    w.para(ART1)
    w.para(ART3)
    full = "第二条　安全生产工作应当以人为本，坚持人民至上、生命至上，守牢底线。"
    assert len(wrap(full, indent=2 * SIZE)) == 1  # one full line (up to a character or two)
    assert pdfmetrics.stringWidth(full, CN, SIZE) > WIDTH - 2 * SIZE - 2 * SIZE
    w.lines([full, "生产经营单位是安全生产的责任主体，应当建立健全责任制。"], indent=2 * SIZE)
    w.para("本条例自2025年1月1日起施行。")
    out = read(w.save())
    assert [b.text[:3] for b in out.blocks] == ["第一条", "第三条", "第二条", "本条例"]
    assert out.blocks[2].text.endswith(
        "守牢底线。生产经营单位是安全生产的责任主体，应当建立健全责任制。"
    )


def test_vertical_gap_starts_a_new_paragraph(tmp_path: Path) -> None:
    w = Writer(tmp_path / "gap.pdf")
    lines = wrap(EN_PARA, EN)
    w.lines(lines[:2], EN)
    w.y += 2 * LEADING
    w.lines(lines[2:], EN)
    out = read(w.save())
    assert len(out.blocks) == 2


def test_ruled_table_becomes_table_rows(tmp_path: Path) -> None:
    w = Writer(tmp_path / "t.pdf", footer="- {n} -")
    w.para(ART1)
    w.table([["序号", "事项", "期限"], ["1", "隐患排查", "30日"], ["2", "教育培训", "每年"]])
    w.para(ART2)
    out = read(w.save())
    assert [(b.kind, b.text) for b in out.blocks] == [
        (BlockKind.PARAGRAPH, ART1.replace("　", " ")),
        (BlockKind.TABLE_ROW, "序号 | 事项 | 期限"),
        (BlockKind.TABLE_ROW, "1 | 隐患排查 | 30日"),
        (BlockKind.TABLE_ROW, "2 | 教育培训 | 每年"),
        (BlockKind.PARAGRAPH, ART2.replace("　", " ")),
    ]
    assert all(b.page == 1 for b in out.blocks)
    assert sorted(codes(out)) == ["INGEST_HEADERS_REMOVED", "INGEST_TABLE_AS_TEXT"]
    table = next(f for f in out.findings if f.code == "INGEST_TABLE_AS_TEXT")
    assert "1 table (3 rows)" in table.message


def test_a_single_rule_under_a_header_is_not_a_table(tmp_path: Path) -> None:
    w = Writer(tmp_path / "rule.pdf")
    w.c.line(LEFT, A4[1] - 80, LEFT + WIDTH, A4[1] - 80)
    w.para(ART1)
    out = read(w.save())
    assert codes(out) == []
    assert [b.kind for b in out.blocks] == [BlockKind.PARAGRAPH]


def test_image_only_page_is_reported(tmp_path: Path) -> None:
    w = Writer(tmp_path / "img.pdf")
    w.para(ART1)
    w.new_page()
    w.image()
    w.new_page()
    w.para(ART2)
    out = read(w.save())
    assert [b.page for b in out.blocks] == [1, 3]
    assert codes(out) == ["INGEST_NO_TEXT_LAYER"]
    assert "page 2 has no text layer" in out.findings[0].message
    assert "no OCR" in out.findings[0].message


def test_all_image_pdf_raises_no_text_layer(tmp_path: Path) -> None:
    w = Writer(tmp_path / "scan.pdf")
    w.image()
    w.new_page()
    w.image()
    path = w.save()
    with pytest.raises(ReadError) as err:
        read(path)
    assert err.value.code == "INGEST_NO_TEXT_LAYER"


def test_random_bytes_raise_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(os.urandom(4096))
    with pytest.raises(ReadError) as err:
        read(path)
    assert err.value.code == "INGEST_CORRUPT_FILE"
    assert err.value.__cause__ is not None


def test_truncated_pdf_header_only_raises_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    with pytest.raises(ReadError) as err:
        read(path)
    assert err.value.code == "INGEST_CORRUPT_FILE"


def test_encrypted_pdf_raises_encrypted(tmp_path: Path) -> None:
    w = Writer(tmp_path / "locked.pdf", encrypt="s3cret")
    w.para(ART1)
    path = w.save()
    with pytest.raises(ReadError) as err:
        read(path)
    assert err.value.code == "INGEST_ENCRYPTED"
    assert "remove the password" in str(err.value)


def test_page_numbers_on_blocks(tmp_path: Path) -> None:
    w = Writer(tmp_path / "pages.pdf", footer="{n}")
    w.para(ART1)
    w.para(ART2)
    w.new_page()
    w.para(ART3)
    w.new_page()
    w.new_page()
    w.para(EN_PARA, EN)
    out = read(w.save())
    assert [(b.text[:3], b.page) for b in out.blocks] == [
        ("第一条", 1),
        ("第二条", 1),
        ("第三条", 2),
        ("The", 4),
    ]


def test_title_metadata(tmp_path: Path) -> None:
    w = Writer(tmp_path / "title.pdf", title="某省安全生产条例")
    w.para(ART1)
    assert read(w.save()).metadata == {"title": "某省安全生产条例"}
    w = Writer(tmp_path / "untitled.pdf")
    w.para(ART1)
    assert "title" not in read(w.save()).metadata


def test_sideways_page_is_read_across(tmp_path: Path) -> None:
    w = Writer(tmp_path / "side.pdf")
    w.c.translate(A4[0], 0)
    w.c.rotate(90)  # text runs up the page, as a landscape table printed on portrait paper
    w.c.setFont(EN, SIZE)
    w.c.drawString(72, 500, "Article 1 The operator shall keep a written record of every")
    w.c.drawString(72, 500 - LEADING, "examination.")
    w.c.drawString(72, 500 - 2 * LEADING, "Article 2 The record is kept for one year.")
    out = read(w.save())
    assert [b.text for b in out.blocks] == [
        "Article 1 The operator shall keep a written record of every examination.",
        "Article 2 The record is kept for one year.",
    ]


def test_chapter_running_heads_on_odd_pages_are_removed(tmp_path: Path) -> None:
    w = Writer(tmp_path / "heads.pdf")
    heads = ["第一章　总则", "某省安全生产条例"] * 2 + ["第二章　保障", "某省安全生产条例"]
    for i, head in enumerate(heads):
        if i:
            w.new_page()
        w.c.setFont(CN, 9)
        w.c.drawString(LEFT, A4[1] - 40, head)
        w.para(f"第{'一二三四五六'[i]}条　本条例适用于本省行政区域内的生产经营单位。")
    out = read(w.save())
    texts = [b.text for b in out.blocks]
    assert not any("总则" in t or "某省" in t for t in texts)
    assert [t[:3] for t in texts if t.startswith("第") and "条" in t[:4]] == [
        "第一条",
        "第二条",
        "第三条",
        "第四条",
        "第五条",
        "第六条",
    ]
    assert codes(out) == ["INGEST_HEADERS_REMOVED"]


def test_blank_pdf_raises_empty_file_and_blank_pages_are_skipped(tmp_path: Path) -> None:
    w = Writer(tmp_path / "blank.pdf")
    w.new_page()
    with pytest.raises(ReadError) as err:
        read(w.save())
    assert err.value.code == "INGEST_EMPTY_FILE"
    w = Writer(tmp_path / "one_blank.pdf")
    w.new_page()
    w.para(ART1)
    out = read(w.save())
    assert [(b.page, b.text) for b in out.blocks] == [(2, ART1.replace("　", " "))]
    assert out.findings == []
