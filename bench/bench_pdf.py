"""Benchmark the PDF reader against bare pdfplumber text extraction on a 200-page regulation."""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
from pathlib import Path

import pdfplumber
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.timing import best_of
from ingest.numbering import to_chinese_numeral
from ingest.readers.pdf import PdfReader

GOAL = 0.70
PAGES = 200
CN_FONT = "STSong-Light"
EN_FONT = "Helvetica"
_PHRASES = (
    "生产经营单位应当建立健全全员安全生产责任制和安全生产规章制度",
    "加大对安全生产资金、物资、技术、人员的投入保障力度",
    "改善安全生产条件，加强安全生产标准化、信息化建设",
    "构建安全风险分级管控和隐患排查治理双重预防机制",
    "健全风险防范化解机制，提高安全生产水平，确保安全生产",
    "县级以上地方各级人民政府应当加强对安全生产工作的领导",
    "支持、督促各有关部门依法履行安全生产监督管理职责",
    "建立健全安全生产工作协调机制，及时协调、解决安全生产监督管理中存在的重大问题",
    "从业人员应当接受安全生产教育和培训，掌握本职工作所需的安全生产知识",
    "危险物品的生产、经营、储存单位以及矿山、金属冶炼单位应当设置安全生产管理机构",
)
_EN_WORDS = [
    "the",
    "operator",
    "shall",
    "ensure",
    "that",
    "every",
    "employee",
    "receives",
    "adequate",
    "safety",
    "training",
    "before",
    "starting",
    "work",
    "and",
    "that",
    "records",
    "of",
    "such",
    "training",
    "are",
    "kept",
    "for",
    "at",
    "least",
    "three",
    "years",
    "and",
    "made",
    "available",
    "to",
    "the",
    "inspector",
    "on",
    "request",
    "while",
    "the",
    "hazard",
    "assessment",
    "is",
    "reviewed",
]


class _Layout:
    """Lays out lines on A4 pages with a running header, footer and page number."""

    def __init__(self, c: canvas.Canvas, pages: int) -> None:
        self.c = c
        self.max_pages = pages
        self.page = 1
        self.width, self.height = A4
        self.left, self.right = 72.0, A4[0] - 72.0
        self.top, self.bottom = A4[1] - 90.0, 90.0
        self.y = self.top
        self.size = 11.0
        self.leading = 16.0
        self._decorate()

    @property
    def full(self) -> bool:
        return self.page > self.max_pages

    def _decorate(self) -> None:
        c = self.c
        c.setFont(CN_FONT, 9)
        c.drawCentredString(self.width / 2, self.height - 45, "某省安全生产条例（2024年修订）")
        c.line(self.left, self.height - 52, self.right, self.height - 52)
        c.drawCentredString(self.width / 2, 40, f"- {self.page} -")

    def new_page(self) -> None:
        self.c.showPage()
        self.page += 1
        self.y = self.top
        if not self.full:
            self._decorate()

    def need(self, height: float) -> None:
        if self.y - height < self.bottom:
            self.new_page()

    def line(self, text: str, x: float, font: str, size: float | None = None) -> None:
        self.need(self.leading)
        if self.full:
            return
        self.c.setFont(font, size or self.size)
        self.c.drawString(x, self.y, text)
        self.y -= self.leading

    def paragraph(self, text: str, font: str, indent: float) -> None:
        """Wrap ``text`` to the column; the first line is indented by ``indent`` points."""
        size = self.size
        words = text.split(" ") if font == EN_FONT else list(text)
        sep = " " if font == EN_FONT else ""
        lines: list[str] = []
        current = ""
        avail = self.right - self.left - indent
        for w in words:
            trial = current + sep + w if current else w
            if pdfmetrics.stringWidth(trial, font, size) > avail and current:
                lines.append(current)
                current = w
                avail = self.right - self.left
            else:
                current = trial
        if current:
            lines.append(current)
        for i, ln in enumerate(lines):
            self.line(ln, self.left + (indent if i == 0 else 0), font)
        self.y -= 4

    def table(self, rows: list[list[str]]) -> None:
        """Draw a ruled table (grid lines) with one line of text per cell."""
        row_h = 20.0
        self.need(row_h * len(rows) + 10)
        if self.full:
            return
        ncols = len(rows[0])
        col_w = (self.right - self.left) / ncols
        xs = [self.left + i * col_w for i in range(ncols + 1)]
        top = self.y + 12
        ys = [top - i * row_h for i in range(len(rows) + 1)]
        self.c.grid(xs, ys)
        self.c.setFont(CN_FONT, 10)
        for r, row in enumerate(rows):
            for k, cell in enumerate(row):
                self.c.drawString(xs[k] + 4, ys[r] - 14, cell)
        self.y = ys[-1] - self.leading


def make_regulation_pdf(path: Path, pages: int = PAGES, seed: int = 7) -> Path:
    """Write a regulation-like PDF of exactly ``pages`` pages to ``path``.

    Chapters (第X章), articles (第X条) with wrapped paragraphs and items, a running header,
    a page-number footer, some English articles and a ruled table every ~30 articles.
    """
    rnd = random.Random(seed)
    pdfmetrics.registerFont(UnicodeCIDFont(CN_FONT))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setTitle("某省安全生产条例")
    lay = _Layout(c, pages)
    indent = 2 * lay.size
    chapter = article = 0
    while not lay.full:
        chapter += 1
        lay.y -= 8
        lay.line(f"第{to_chinese_numeral(chapter)}章　总则", lay.left + 150, CN_FONT, 14)
        for _ in range(rnd.randint(5, 12)):
            article += 1
            body = "，".join(rnd.choice(_PHRASES) for _ in range(rnd.randint(2, 7))) + "。"
            lay.paragraph(f"第{to_chinese_numeral(article)}条　{body}", CN_FONT, indent)
            if rnd.random() < 0.3:
                for k in range(1, rnd.randint(2, 5)):
                    item = "，".join(rnd.choice(_PHRASES) for _ in range(rnd.randint(1, 3)))
                    lay.paragraph(f"（{to_chinese_numeral(k)}）{item}；", CN_FONT, indent)
            if rnd.random() < 0.1:
                words = [rnd.choice(_EN_WORDS) for _ in range(rnd.randint(30, 80))]
                lay.paragraph(f"Article {article}. " + " ".join(words) + ".", EN_FONT, 24)
            if article % 30 == 0:
                lay.table(
                    [["序号", "事项", "责任部门", "期限"]]
                    + [
                        [str(i), rnd.choice(_PHRASES)[:8], "应急管理部门", f"{i * 10}日"]
                        for i in range(1, 6)
                    ]
                )
            if lay.full:
                break
    c.save()
    return path


def bare_extract(data: bytes) -> int:
    """Open with pdfplumber and call ``page.extract_text()`` on every page; return pages."""
    n = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            n += 1
    return n


def ours(path: Path, data: bytes) -> int:
    """Run ``PdfReader().read``; return the number of blocks."""
    return len(PdfReader().read(path, data).blocks)


def main(argv: list[str] | None = None) -> int:
    """Generate the PDF, time both, print a table; exit 1 if the goal is missed."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=PAGES)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="also write the generated PDF here")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = make_regulation_pdf(Path(tmp) / "regulation.pdf", args.pages)
        data = path.read_bytes()
        if args.keep:
            args.keep.write_bytes(data)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = len(pdf.pages)
    out = PdfReader().read(path, data)
    t_bare = best_of(lambda: bare_extract(data), args.repeat)
    t_ours = best_of(lambda: ours(path, data), args.repeat)
    ratio = (pages / t_ours) / (pages / t_bare)
    print(f"PDF: {pages} pages, {len(data):,} bytes; best of {args.repeat}")
    print(f"{'run':<28}{'pages':>7}{'seconds':>10}{'pages/s':>10}")
    print(f"{'bare pdfplumber extract_text':<28}{pages:>7}{t_bare:>10.3f}{pages / t_bare:>10.1f}")
    print(f"{'PdfReader.read':<28}{pages:>7}{t_ours:>10.3f}{pages / t_ours:>10.1f}")
    verdict = "OK" if ratio >= GOAL else "BELOW GOAL"
    print(f"ratio ours/bare: {ratio:.2f} (goal >= {GOAL:.2f}) {verdict}")
    kinds: dict[str, int] = {}
    for b in out.blocks:
        kinds[b.kind] = kinds.get(b.kind, 0) + 1
    print(f"blocks: {len(out.blocks)} {kinds}; findings: {[f.code for f in out.findings]}")
    return 0 if ratio >= GOAL else 1


if __name__ == "__main__":
    raise SystemExit(main())
