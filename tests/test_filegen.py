"""The generated test inputs really are what tests/filegen.py says they are."""

from __future__ import annotations

import io
import re
import time
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests import filegen as fg

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("filegen")


@pytest.fixture(scope="module")
def bad(out) -> dict[str, str]:
    return fg.write_bad_folder(out / "bad")


# --------------------------------------------------------------------------------------------
# A. data and canonical text
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("reg", [fg.REGULATION, fg.ENGLISH_REGULATION], ids=["zh", "en"])
def test_regulation_data_shape(reg):
    assert len(reg.chapters) == 3
    articles = [a for c in reg.chapters for a in c.articles]
    assert 8 <= len(articles) <= 10
    assert any(len(a.paragraphs) >= 2 for a in articles)
    assert any(len(p.items) >= 3 for a in articles for p in a.paragraphs)
    assert any(len(a.paragraphs[0].text) > 150 for a in articles)


@pytest.mark.parametrize("reg", [fg.REGULATION, fg.ENGLISH_REGULATION], ids=["zh", "en"])
def test_labels_match_the_word_number_formats(reg):
    if reg.lang == "zh":
        chap, art, item = "第{}章", "第{}条", "（{}）"
        cfmt, afmt, ifmt = fg.to_chinese_counting, fg.to_chinese_counting, fg.to_chinese_counting
    else:
        chap, art, item = "Chapter {}", "Article {}", "({})"
        cfmt, afmt, ifmt = fg.to_roman, str, fg.to_lower_letter
    n = 0
    for ci, chapter in enumerate(reg.chapters, 1):
        assert chapter.number == chap.format(cfmt(ci))
        for article in chapter.articles:
            n += 1
            assert article.label == art.format(afmt(n))
            items = [it for p in article.paragraphs for it in p.items]
            assert [it.label for it in items] == [
                item.format(ifmt(k)) for k in range(1, len(items) + 1)
            ]


def test_number_formats():
    assert [fg.to_chinese_counting(n) for n in (1, 9, 10, 11, 20, 21, 99)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十",
        "二十一",
        "九十九",
    ]
    assert [fg.to_lower_letter(n) for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert [fg.to_roman(n) for n in (1, 3, 4, 9, 14)] == ["I", "III", "IV", "IX", "XIV"]


def test_regulation_text_layout():
    text = fg.regulation_text()
    assert text.startswith("示例危险作业安全管理规定（测试用）\n\n第一章 总则\n\n第一条 为了")
    assert text.endswith("。\n") and not text.endswith("\n\n")
    assert "\n\n\n" not in text
    lines = text.rstrip("\n").split("\n")
    assert all(ln for ln in lines[::2]) and not any(lines[1::2])  # blocks, blank, blocks ...
    blocks = lines[::2]
    assert "第四条 生产经营单位应当履行下列职责：" in blocks
    assert "（一）建立健全危险作业审批制度和操作规程；" in blocks
    assert sum(b.startswith("第") and "条 " in b[:6] for b in blocks) == 10
    assert not any(b.startswith("（") and b[3:4] == " " for b in blocks)
    # later paragraphs of an article carry no label
    i = next(k for k, b in enumerate(blocks) if b.startswith("第二条 "))
    assert blocks[i + 1].startswith("本规定所称危险作业")


def test_english_text_layout():
    text = fg.english_regulation_text()
    assert text.startswith(
        "Sample Hazardous Work Safety Rules (For Testing)\n\n"
        "Chapter I General Provisions\n\nArticle 1 These Rules"
    )
    assert "\n\n(a) establish an approval system" in text
    assert "\n\nChapter III Supervision and Supplementary Provisions\n\n" in text
    assert text.isascii()


# --------------------------------------------------------------------------------------------
# A. TXT / HTML
# --------------------------------------------------------------------------------------------


def test_txt(out):
    assert fg.write_regulation_txt(out / "r.txt").read_bytes() == fg.regulation_text().encode()
    assert (
        fg.write_english_regulation_txt(out / "r_en.txt").read_text("utf-8")
        == fg.english_regulation_text()
    )


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.items: list[tuple[str, str]] = []
        self._tag: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("title", "h1", "h2", "p"):
            self._tag = tag
            self.items.append((tag, ""))

    def handle_endtag(self, tag):
        self._tag = None

    def handle_data(self, data):
        if self._tag:
            tag, text = self.items[-1]
            self.items[-1] = (tag, text + data)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html(out, lang):
    reg = fg.REGULATION if lang == "zh" else fg.ENGLISH_REGULATION
    writer = fg.write_regulation_html if lang == "zh" else fg.write_english_regulation_html
    raw = writer(out / f"r_{lang}.html").read_text("utf-8")
    assert '<meta charset="utf-8">' in raw
    parser = _Collect()
    parser.feed(raw)
    kinds = {"title": "h1", "chapter": "h2", "paragraph": "p", "item": "p"}
    expected = [("title", reg.title)] + [(kinds[b.kind], b.text) for b in fg.regulation_blocks(reg)]
    assert parser.items == expected


# --------------------------------------------------------------------------------------------
# A. DOCX with automatic numbering
# --------------------------------------------------------------------------------------------

_FMT = {
    "chineseCounting": fg.to_chinese_counting,
    "decimal": str,
    "lowerLetter": fg.to_lower_letter,
}
_SUFF = {"space": " ", "nothing": "", "tab": "\t"}


def _render_with_numbering(path: Path) -> str:
    """A tiny numbering-aware DOCX to text converter (single-level lists only)."""
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        document = etree.fromstring(z.read("word/document.xml"))
        numbering = etree.fromstring(z.read("word/numbering.xml"))
    abstract = {}
    for an in numbering.iter(f"{W}abstractNum"):
        lvl = an.find(f"{W}lvl")
        abstract[an.get(f"{W}abstractNumId")] = {
            "fmt": lvl.find(f"{W}numFmt").get(f"{W}val"),
            "text": lvl.find(f"{W}lvlText").get(f"{W}val"),
            "suff": lvl.find(f"{W}suff").get(f"{W}val")
            if lvl.find(f"{W}suff") is not None
            else "tab",
            "start": int(lvl.find(f"{W}start").get(f"{W}val")),
        }
    nums = {}
    for num in numbering.iter(f"{W}num"):
        so = num.find(f"{W}lvlOverride/{W}startOverride")
        nums[num.get(f"{W}numId")] = (
            num.find(f"{W}abstractNumId").get(f"{W}val"),
            None if so is None else int(so.get(f"{W}val")),
        )
    counters: dict[str, int] = {}
    lines = []
    for p in document.iter(f"{W}p"):
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        num_id = p.find(f"{W}pPr/{W}numPr/{W}numId")
        if num_id is not None:
            aid, start_override = nums[num_id.get(f"{W}val")]
            spec = abstract[aid]
            key = num_id.get(f"{W}val") if start_override is not None else f"a{aid}"
            start = start_override if start_override is not None else spec["start"]
            counters[key] = counters.get(key, start - 1) + 1
            label = spec["text"].replace("%1", _FMT[spec["fmt"]](counters[key]))
            text = label + _SUFF[spec["suff"]] + text
        if text:
            lines.append(text)
    return "\n\n".join(lines) + "\n"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_docx_numbering(out, lang):
    import docx

    zh = lang == "zh"
    writer = fg.write_regulation_docx if zh else fg.write_english_regulation_docx
    canonical = fg.regulation_text() if zh else fg.english_regulation_text()
    reg = fg.REGULATION if zh else fg.ENGLISH_REGULATION
    path = writer(out / f"r_{lang}.docx")

    doc = docx.Document(str(path))
    paras = [(p.style.name, p.text) for p in doc.paragraphs]
    assert paras[0] == ("Title", reg.title)
    assert [t for s, t in paras if s == "Heading 1"] == [
        f"{c.number} {c.title}" for c in reg.chapters
    ]

    # Ignoring numbering.xml loses every article and item label ...
    naive = "\n".join(t for _, t in paras)
    first_article = reg.chapters[0].articles[0]
    assert first_article.label not in naive
    assert first_article.paragraphs[0].text in naive
    assert reg.chapters[1].articles[0].paragraphs[0].items[0].label not in naive
    # ... rendering it gives back the canonical text exactly.
    assert _render_with_numbering(path) == canonical

    with zipfile.ZipFile(path) as z:
        numbering = z.read("word/numbering.xml").decode()
    if zh:
        for needle in (
            'w:lvlText w:val="第%1条"',
            'w:lvlText w:val="（%1）"',
            'w:numFmt w:val="chineseCounting"',
            'w:suff w:val="nothing"',
        ):
            assert needle in numbering
    else:
        for needle in (
            'w:lvlText w:val="Article %1"',
            'w:lvlText w:val="(%1)"',
            'w:numFmt w:val="lowerLetter"',
            'w:numFmt w:val="decimal"',
        ):
            assert needle in numbering
    n_item_lists = sum(
        1 for c in reg.chapters for a in c.articles if any(p.items for p in a.paragraphs)
    )
    assert numbering.count('<w:startOverride w:val="1"/>') == n_item_lists >= 2


# --------------------------------------------------------------------------------------------
# A. PDF
# --------------------------------------------------------------------------------------------


def _pdf_pages(path: Path, password: str | None = None) -> list[str]:
    import pdfplumber

    kwargs = {"password": password} if password is not None else {}
    with pdfplumber.open(str(path), **kwargs) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_regulation_pdf(out, lang):
    zh = lang == "zh"
    reg = fg.REGULATION if zh else fg.ENGLISH_REGULATION
    writer = fg.write_regulation_pdf if zh else fg.write_english_regulation_pdf
    canonical = fg.regulation_text() if zh else fg.english_regulation_text()
    pages = _pdf_pages(writer(out / f"r_{lang}.pdf"))
    assert len(pages) >= 2
    body_lines = []
    for n, page in enumerate(pages, 1):
        lines = page.split("\n")
        assert "(cid:" not in page
        assert lines[0] == reg.running_header
        assert lines[-1] == (f"第 {n} 页" if zh else f"- {n} -")
        body_lines += lines[1:-1]
    body = "\n".join(body_lines)
    if zh:
        assert reg.title in body
        # every character of the canonical text, in order, nothing else
        assert re.sub(r"\s", "", body) == re.sub(r"\s", "", canonical)
        long_para = next(b.text for b in fg.regulation_blocks(reg) if len(b.text) > 150)
        assert long_para not in body_lines  # it was wrapped over several lines
        assert sum(ln in long_para for ln in body_lines) >= 3
    else:
        assert body.split() == canonical.split()


# --------------------------------------------------------------------------------------------
# determinism
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "writer",
    [
        fg.write_regulation_pdf,
        fg.write_english_regulation_pdf,
        fg.write_regulation_docx,
        fg.write_english_regulation_docx,
        fg.write_encrypted_pdf,
        fg.write_image_only_pdf,
        fg.write_pdf_with_table,
        fg.write_entity_docx,
        fg.write_garbage_pdf,
    ],
    ids=lambda f: f.__name__,
)
def test_deterministic(tmp_path, monkeypatch, writer):
    a = writer(tmp_path / "a" / "f").read_bytes()
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 3 * 86400 + 7)  # "another day"
    b = writer(tmp_path / "b" / "f").read_bytes()
    assert a == b


# --------------------------------------------------------------------------------------------
# B. bad inputs
# --------------------------------------------------------------------------------------------


def test_bad_folder(bad):
    assert set(bad) == set(fg.BAD_FOLDER_FILES)
    for name, path in bad.items():
        assert Path(path).name == name and Path(path).is_file()
    assert Path(bad["good.txt"]).read_text("utf-8") == fg.regulation_text()


def test_empty(bad):
    assert Path(bad["empty.txt"]).stat().st_size == 0


def test_garbage_pdf(bad):
    import pdfplumber

    data = Path(bad["garbage.pdf"]).read_bytes()
    assert len(data) >= 4096 and b"%PDF" not in data
    with pytest.raises(Exception):  # noqa: B017 - pdfminer raises its own exception types
        pdfplumber.open(bad["garbage.pdf"]).close()


def test_encrypted_pdf(bad):
    import pdfplumber

    data = Path(bad["encrypted.pdf"]).read_bytes()
    assert data.startswith(b"%PDF") and b"/Encrypt" in data
    with (
        pytest.raises(Exception),  # noqa: B017 - PdfminerException(PDFPasswordIncorrect)
        pdfplumber.open(bad["encrypted.pdf"]) as pdf,
    ):
        pdf.pages[0].extract_text()
    text = _pdf_pages(Path(bad["encrypted.pdf"]), password=fg.ENCRYPTED_PDF_PASSWORD)[0]
    assert fg.ENGLISH_REGULATION.title in text
    assert "Article 1 These Rules" in text and "password protected" in text


def test_image_only_pdf(bad):
    import pdfplumber

    with pdfplumber.open(bad["image_only.pdf"]) as pdf:
        assert len(pdf.pages) == 2
        for page in pdf.pages:
            assert page.chars == []
            assert (page.extract_text() or "").strip() == ""
            assert len(page.images) == 1
            img = page.images[0]
            assert img["width"] > 500 and img["height"] > 800  # covers the page


def test_truncated_docx(bad):
    import docx

    data = Path(bad["truncated.docx"]).read_bytes()
    full = fg._regulation_docx_bytes(fg.REGULATION)
    assert data == full[: len(full) // 2] and data.startswith(b"PK")
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(io.BytesIO(data))
    with pytest.raises(Exception):  # noqa: B017 - python-docx: PackageNotFoundError/BadZipFile
        docx.Document(bad["truncated.docx"])


def test_docx_bomb(bad):
    path = Path(bad["bomb.docx"])
    assert path.stat().st_size < 1_000_000
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert "[Content_Types].xml" in names and "word/document.xml" in names
        declared = z.getinfo("word/document.xml").file_size
        assert declared > 200 * 2**20
        assert sum(i.file_size for i in z.infolist()) > 200_000_000
        with z.open("word/document.xml") as f:  # it is real XML, not just a header lie
            assert f.read(200).startswith(b"<?xml")


def test_entity_docx(bad):
    import defusedxml.ElementTree as DET
    from defusedxml import EntitiesForbidden
    from lxml import etree

    with zipfile.ZipFile(bad["entities.docx"]) as z:
        xml = z.read("word/document.xml")
        assert "word/styles.xml" in z.namelist()  # otherwise a normal package
    assert b"<!DOCTYPE" in xml and xml.count(b"<!ENTITY") == 10
    assert b"&lol9;" in xml
    with pytest.raises(EntitiesForbidden):
        DET.fromstring(xml)
    # libxml2's amplification guard trips even with resolve_entities=False (so python-docx,
    # which parses with lxml, raises XMLSyntaxError on this file)
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(xml, etree.XMLParser(resolve_entities=False))
    # without the DOCTYPE and the references the rest is a well-formed w:document
    plain = re.sub(rb"&lol\d;", b"x", re.sub(rb"<!DOCTYPE.*?\]>", b"", xml, flags=re.S))
    assert etree.fromstring(plain).tag == f"{W}document"


def test_html_no_headings(bad):
    raw = Path(bad["no_headings.html"]).read_text("utf-8")
    assert "<p>" in raw and "安全" in raw
    assert not re.search(r"<h[1-6]", raw, re.I)
    assert not re.search(r"第[一二三四五六七八九十百零\d]+[章条節节]", raw)


def test_gbk_txt(bad):
    data = Path(bad["gbk.txt"]).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.decode("gbk") == fg.regulation_text()


def test_utf8_bom_txt(bad):
    data = Path(bad["utf8_bom.txt"]).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == fg.regulation_text()


def test_duplicate_articles_txt(bad):
    text = Path(bad["duplicate_articles.txt"]).read_text("utf-8")
    starts = [ln for ln in text.split("\n") if ln.startswith("第三条 ")]
    assert len(starts) == 2 and starts[0] != starts[1]
    assert text.count("第四条 ") == 1


def test_long_line_txt(bad):
    data = Path(bad["long_line.txt"]).read_bytes()
    assert len(data) == 5 * 2**20
    assert b"\n" not in data and b"\r" not in data
    text = data.decode("utf-8")
    cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
    assert cjk / len(text) > 0.7


def test_pdf_with_table(bad):
    import pdfplumber

    with pdfplumber.open(bad["with_table.pdf"]) as pdf:
        page = pdf.pages[0]
        tables = page.find_tables()
        assert len(tables) == 1
        assert tables[0].extract() == [list(r) for r in fg.TABLE_ROWS]
        text = page.extract_text()
    assert text.index("Article 1") < text.index("Hazard") < text.index("Article 2")


# --------------------------------------------------------------------------------------------
# C. long PDF
# --------------------------------------------------------------------------------------------


def test_long_pdf(out):
    import pdfplumber

    t0 = time.perf_counter()
    path = fg.write_long_pdf(out / "long.pdf")
    assert time.perf_counter() - t0 < 10
    with pdfplumber.open(str(path)) as pdf:
        assert len(pdf.pages) == 200
        for i in (0, 99, 199):
            lines = pdf.pages[i].extract_text().split("\n")
            assert lines[0] == "Sample Long Regulation for Benchmarking (Testing Only)"
            assert lines[-1] == f"- {i + 1} -"
            assert any(ln.startswith("Article ") for ln in lines)
        first = pdf.pages[0].extract_text()
        assert "Chapter I General Provisions" in first and "Article 1 " in first


def test_long_pdf_page_count_is_exact(tmp_path):
    import pdfplumber

    for n in (1, 3):
        with pdfplumber.open(str(fg.write_long_pdf(tmp_path / f"l{n}.pdf", pages=n))) as pdf:
            assert len(pdf.pages) == n
