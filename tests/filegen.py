"""Writers for real test input files (PDF, DOCX, HTML, TXT), good and bad.

Every file is written with the real library for its format (reportlab, python-docx, Pillow,
zipfile), deterministically: fixed seeds, reportlab ``invariant=1`` and zip members with a
fixed timestamp, so the same bytes come out on every run and every machine.

Part A holds one short illustrative regulation in Chinese (:data:`REGULATION`) and its English
twin (:data:`ENGLISH_REGULATION`) once, as data, and renders them to canonical plain text
(:func:`regulation_text`, :func:`english_regulation_text`) and to TXT, HTML, DOCX (article and
item labels produced by real Word automatic numbering) and PDF (wrapped lines, running header
and page footer). Part B writes bad or awkward inputs, part C a long PDF for speed benchmarks.

All texts are invented for testing; they are not taken from any real regulation.
"""

from __future__ import annotations

import html
import io
import random
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "DOCX_BOMB_MIN_SIZE",
    "ENCRYPTED_PDF_PASSWORD",
    "ENGLISH_REGULATION",
    "REGULATION",
    "Article",
    "Chapter",
    "Item",
    "Paragraph",
    "Regulation",
    "english_regulation_text",
    "regulation_blocks",
    "regulation_text",
    "render_text",
    "to_chinese_counting",
    "to_lower_letter",
    "to_roman",
    "write_bad_folder",
    "write_docx_bomb",
    "write_duplicate_articles_txt",
    "write_empty",
    "write_encrypted_pdf",
    "write_english_regulation_docx",
    "write_english_regulation_html",
    "write_english_regulation_pdf",
    "write_english_regulation_txt",
    "write_entity_docx",
    "write_garbage_pdf",
    "write_gbk_txt",
    "write_html_no_headings",
    "write_image_only_pdf",
    "write_long_line_txt",
    "write_long_pdf",
    "write_pdf_with_table",
    "write_regulation_docx",
    "write_regulation_html",
    "write_regulation_pdf",
    "write_regulation_txt",
    "write_truncated_docx",
    "write_utf8_bom_txt",
]

PathLike = str | Path

# --------------------------------------------------------------------------------------------
# A. The illustrative regulation, held once as data
# --------------------------------------------------------------------------------------------


class Item(NamedTuple):
    """One enumerated item, e.g. label "（一）" and text "建立……；"."""

    label: str
    text: str


class Paragraph(NamedTuple):
    """One paragraph of an article, optionally followed by its enumerated items."""

    text: str
    items: tuple[Item, ...] = ()


class Article(NamedTuple):
    """An article: label ("第一条" / "Article 1") and its paragraphs."""

    label: str
    paragraphs: tuple[Paragraph, ...]


class Chapter(NamedTuple):
    """A chapter: number ("第一章" / "Chapter I"), title ("总则") and articles."""

    number: str
    title: str
    articles: tuple[Article, ...]


class Regulation(NamedTuple):
    """A whole regulation plus the few things that differ between the two languages."""

    title: str
    running_header: str  # the page header of the PDF rendering
    chapters: tuple[Chapter, ...]
    item_sep: str  # between an item label and its text in the canonical text: "" (zh), " " (en)
    lang: str  # "zh" or "en"


REGULATION = Regulation(
    title="示例危险作业安全管理规定（测试用）",
    running_header="示例危险作业安全管理规定",
    item_sep="",
    lang="zh",
    chapters=(
        Chapter(
            "第一章",
            "总则",
            (
                Article(
                    "第一条",
                    (
                        Paragraph(
                            "为了加强危险作业安全管理，防范生产安全事故，保障作业人员的生命安全和"
                            "身体健康，制定本规定。"
                        ),
                    ),
                ),
                Article(
                    "第二条",
                    (
                        Paragraph(
                            "本规定适用于本示例单位内部动火、受限空间、高处、临时用电等危险作业的"
                            "安全管理。"
                        ),
                        Paragraph(
                            "本规定所称危险作业，是指作业过程中存在较大事故风险，需要采取专门安全"
                            "措施并经审批后方可实施的作业。"
                        ),
                    ),
                ),
                Article(
                    "第三条",
                    (
                        Paragraph(
                            "危险作业安全管理坚持安全第一、预防为主、综合治理的方针，实行分级审批、"
                            "专人监护和全过程管控。"
                        ),
                    ),
                ),
            ),
        ),
        Chapter(
            "第二章",
            "作业管理",
            (
                Article(
                    "第四条",
                    (
                        Paragraph(
                            "生产经营单位应当履行下列职责：",
                            (
                                Item("（一）", "建立健全危险作业审批制度和操作规程；"),
                                Item("（二）", "明确作业负责人、监护人和作业人员的安全责任；"),
                                Item("（三）", "组织开展作业前的风险辨识和安全技术交底；"),
                                Item("（四）", "配备符合要求的个体防护装备和应急救援器材。"),
                            ),
                        ),
                    ),
                ),
                Article(
                    "第五条",
                    (
                        Paragraph(
                            "动火作业实行分级审批。作业前，作业负责人应当组织对作业现场及周边环境"
                            "进行检查，清除作业点周围的可燃物，对无法清除的可燃物采取隔离、覆盖等"
                            "防护措施；在储存易燃易爆物品的场所或者其附近区域作业的，应当先进行"
                            "可燃气体检测，检测合格后方可作业；作业期间应当指定专人监护，监护人"
                            "不得擅自离开作业现场；作业结束后，作业人员应当清理现场，确认无遗留"
                            "火种后方可离开。"
                        ),
                    ),
                ),
                Article(
                    "第六条",
                    (
                        Paragraph(
                            "作业人员应当经过专门的安全培训，熟悉作业风险和应急处置措施，考核合格"
                            "后方可从事危险作业。"
                        ),
                    ),
                ),
                Article(
                    "第七条",
                    (
                        Paragraph(
                            "进入受限空间作业的，应当遵守下列要求：",
                            (
                                Item("（一）", "坚持先通风、再检测、后作业；"),
                                Item("（二）", "检测结果不合格的，严禁作业；"),
                                Item("（三）", "作业期间保持通风，并安排监护人在外持续监护。"),
                            ),
                        ),
                        Paragraph("受限空间内发生人员中毒、窒息的，严禁盲目施救。"),
                    ),
                ),
            ),
        ),
        Chapter(
            "第三章",
            "监督检查与附则",
            (
                Article(
                    "第八条",
                    (
                        Paragraph(
                            "安全管理部门应当定期对危险作业管理情况进行监督检查，发现问题的，责令"
                            "限期整改。"
                        ),
                    ),
                ),
                Article(
                    "第九条", (Paragraph("违反本规定的，按照本单位安全生产奖惩办法予以处理。"),)
                ),
                Article("第十条", (Paragraph("本规定自发布之日起施行。"),)),
            ),
        ),
    ),
)

ENGLISH_REGULATION = Regulation(
    title="Sample Hazardous Work Safety Rules (For Testing)",
    running_header="Sample Hazardous Work Safety Rules",
    item_sep=" ",
    lang="en",
    chapters=(
        Chapter(
            "Chapter I",
            "General Provisions",
            (
                Article(
                    "Article 1",
                    (
                        Paragraph(
                            "These Rules are formulated to strengthen the safety management of "
                            "hazardous work, prevent production safety accidents and protect the "
                            "life and health of workers."
                        ),
                    ),
                ),
                Article(
                    "Article 2",
                    (
                        Paragraph(
                            "These Rules apply to the safety "
                            "management of hot work, confined space "
                            "entry, work at height, temporary electrical work and other hazardous "
                            "work carried out within the sample organisation."
                        ),
                        Paragraph(
                            "For the purposes of these Rules, "
                            "hazardous work means work that carries "
                            "a significant risk of accidents and may only be carried out after "
                            "approval and with special safety measures in place."
                        ),
                    ),
                ),
                Article(
                    "Article 3",
                    (
                        Paragraph(
                            "The safety management of hazardous work follows the principle of "
                            "safety first, prevention foremost and comprehensive control, with "
                            "graded approval, dedicated watchers and control of the whole process."
                        ),
                    ),
                ),
            ),
        ),
        Chapter(
            "Chapter II",
            "Work Management",
            (
                Article(
                    "Article 4",
                    (
                        Paragraph(
                            "A production and business entity shall perform the following duties:",
                            (
                                Item(
                                    "(a)",
                                    "establish an approval system and operating procedures for "
                                    "hazardous work;",
                                ),
                                Item(
                                    "(b)",
                                    "define the safety responsibilities of "
                                    "the work supervisor, the "
                                    "safety watcher and the workers;",
                                ),
                                Item(
                                    "(c)",
                                    "organise risk identification and a "
                                    "safety briefing before work "
                                    "begins; and",
                                ),
                                Item(
                                    "(d)",
                                    "provide qualified personal protective equipment and emergency "
                                    "rescue equipment.",
                                ),
                            ),
                        ),
                    ),
                ),
                Article(
                    "Article 5",
                    (
                        Paragraph(
                            "Hot work is subject to graded approval. Before work begins, the work "
                            "supervisor shall inspect the work site and its surroundings, remove "
                            "combustible materials around the work point and isolate or cover any "
                            "combustible material that cannot be removed; where the work takes "
                            "place in or near a place where flammable or explosive goods are "
                            "stored, combustible gas shall be measured first and work may begin "
                            "only after the measurement is acceptable; "
                            "a dedicated watcher shall be "
                            "assigned for the whole duration of the work and shall not leave the "
                            "site; after the work ends, the workers shall clean up the site and "
                            "leave only after confirming that no source of fire remains."
                        ),
                    ),
                ),
                Article(
                    "Article 6",
                    (
                        Paragraph(
                            "Workers shall receive dedicated safety training, be familiar with the "
                            "risks of the work and the emergency measures, and pass an assessment "
                            "before carrying out hazardous work."
                        ),
                    ),
                ),
                Article(
                    "Article 7",
                    (
                        Paragraph(
                            "Entry into a confined space shall meet the following requirements:",
                            (
                                Item("(a)", "ventilate first, then measure, then work;"),
                                Item(
                                    "(b)",
                                    "no work shall take place if "
                                    "the measurement is not acceptable; "
                                    "and",
                                ),
                                Item(
                                    "(c)",
                                    "ventilation shall continue during the "
                                    "work and a watcher shall "
                                    "stay outside the space at all times.",
                                ),
                            ),
                        ),
                        Paragraph(
                            "If a person inside a confined space is poisoned or suffocated, blind "
                            "rescue attempts are prohibited."
                        ),
                    ),
                ),
            ),
        ),
        Chapter(
            "Chapter III",
            "Supervision and Supplementary Provisions",
            (
                Article(
                    "Article 8",
                    (
                        Paragraph(
                            "The safety management department shall regularly inspect the "
                            "management of hazardous work and order any problem found to be "
                            "corrected within a time limit."
                        ),
                    ),
                ),
                Article(
                    "Article 9",
                    (
                        Paragraph(
                            "Violations of these Rules shall be handled under the organisation's "
                            "safety rewards and penalties procedure."
                        ),
                    ),
                ),
                Article(
                    "Article 10",
                    (Paragraph("These Rules take effect on the date of publication."),),
                ),
            ),
        ),
    ),
)


# --- number formats (the same ones Word's automatic numbering uses) ---------------------------

_CN_DIGITS = "零一二三四五六七八九"


def to_chinese_counting(n: int) -> str:
    """1 -> "一", 10 -> "十", 11 -> "十一", 21 -> "二十一" (Word's ``chineseCounting``, 1..99)."""
    if not 1 <= n <= 99:
        raise ValueError(f"only 1..99 supported, got {n}")
    tens, ones = divmod(n, 10)
    out = ""
    if tens:
        out = ("" if tens == 1 else _CN_DIGITS[tens]) + "十"
    if ones:
        out += _CN_DIGITS[ones]
    return out


def to_lower_letter(n: int) -> str:
    """1 -> "a", 26 -> "z", 27 -> "aa" (Word's ``lowerLetter``)."""
    if n < 1:
        raise ValueError(n)
    letter = chr(ord("a") + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)


def to_roman(n: int) -> str:
    """1 -> "I", 4 -> "IV", 14 -> "XIV" (upper-case Roman numerals)."""
    if n < 1:
        raise ValueError(n)
    out = []
    for value, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


# --- canonical text ---------------------------------------------------------------------------


class Block(NamedTuple):
    """One line of the canonical text; kind is "title", "chapter", "paragraph" or "item"."""

    kind: str
    text: str


def regulation_blocks(reg: Regulation = REGULATION) -> list[Block]:
    """The regulation as a flat list of canonical lines (title, chapters, paragraphs, items)."""
    blocks = [Block("title", reg.title)]
    for chapter in reg.chapters:
        blocks.append(Block("chapter", f"{chapter.number} {chapter.title}"))
        for article in chapter.articles:
            for i, para in enumerate(article.paragraphs):
                text = f"{article.label} {para.text}" if i == 0 else para.text
                blocks.append(Block("paragraph", text))
                for item in para.items:
                    blocks.append(Block("item", f"{item.label}{reg.item_sep}{item.text}"))
    return blocks


def render_text(reg: Regulation) -> str:
    """Canonical plain text: one block a line, blocks separated by one blank line, final "\\n"."""
    return "\n\n".join(b.text for b in regulation_blocks(reg)) + "\n"


def regulation_text() -> str:
    """Canonical plain text of :data:`REGULATION` (the Chinese regulation)."""
    return render_text(REGULATION)


def english_regulation_text() -> str:
    """Canonical plain text of :data:`ENGLISH_REGULATION`."""
    return render_text(ENGLISH_REGULATION)


# --- small helpers ----------------------------------------------------------------------------

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _prepare(path: PathLike) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    return p


def _zipinfo(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _rezip(data: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """Copy a zip with fixed member timestamps (deterministic), optionally replacing members."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = replace.get(info.filename)
            dst.writestr(_zipinfo(info.filename), src.read(info) if blob is None else blob)
    return out.getvalue()


# --- TXT and HTML -----------------------------------------------------------------------------


def write_regulation_txt(path: PathLike) -> Path:
    """The canonical Chinese text, UTF-8 without BOM."""
    p = _prepare(path)
    p.write_bytes(regulation_text().encode("utf-8"))
    return p


def write_english_regulation_txt(path: PathLike) -> Path:
    """The canonical English text, UTF-8."""
    p = _prepare(path)
    p.write_bytes(english_regulation_text().encode("utf-8"))
    return p


def _regulation_html(reg: Regulation) -> str:
    esc = html.escape
    lang = "zh-CN" if reg.lang == "zh" else "en"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        f'<head><meta charset="utf-8"><title>{esc(reg.title)}</title></head>',
        "<body>",
    ]
    for block in regulation_blocks(reg):
        tag = {"title": "h1", "chapter": "h2"}.get(block.kind, "p")
        out.append(f"<{tag}>{esc(block.text)}</{tag}>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def write_regulation_html(path: PathLike) -> Path:
    """HTML: <h1> title, <h2> chapters, every paragraph and item its own <p>."""
    p = _prepare(path)
    p.write_bytes(_regulation_html(REGULATION).encode("utf-8"))
    return p


def write_english_regulation_html(path: PathLike) -> Path:
    """English twin of :func:`write_regulation_html`."""
    p = _prepare(path)
    p.write_bytes(_regulation_html(ENGLISH_REGULATION).encode("utf-8"))
    return p


# --- DOCX with real automatic numbering -------------------------------------------------------


class _NumberingStyle(NamedTuple):
    num_fmt: str
    lvl_text: str
    suff: str  # "space", "tab" or "nothing"


_DOCX_NUMBERING = {
    # language: (article numbering, item numbering)
    "zh": (
        _NumberingStyle("chineseCounting", "第%1条", "space"),
        _NumberingStyle("chineseCounting", "（%1）", "nothing"),
    ),
    "en": (
        _NumberingStyle("decimal", "Article %1", "space"),
        _NumberingStyle("lowerLetter", "(%1)", "space"),
    ),
}


def _w(tag: str):
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def _el(tag: str, **attrs: str):
    from docx.oxml import OxmlElement

    el = OxmlElement(f"w:{tag}")
    for k, v in attrs.items():
        el.set(_w(k), v)
    return el


def _abstract_num(abstract_id: int, nsid: str, style: _NumberingStyle, first_line: int):
    """<w:abstractNum> with one level (0): start 1, numFmt, lvlText, suff."""
    an = _el("abstractNum", abstractNumId=str(abstract_id))
    an.append(_el("nsid", val=nsid))
    an.append(_el("multiLevelType", val="singleLevel"))
    lvl = _el("lvl", ilvl="0")
    lvl.append(_el("start", val="1"))
    lvl.append(_el("numFmt", val=style.num_fmt))
    lvl.append(_el("suff", val=style.suff))
    lvl.append(_el("lvlText", val=style.lvl_text))
    lvl.append(_el("lvlJc", val="left"))
    ppr = _el("pPr")
    ppr.append(_el("ind", left="0", firstLine=str(first_line)))
    lvl.append(ppr)
    an.append(lvl)
    return an


class _DocxNumbering:
    """Adds abstractNum/num definitions to an existing word/numbering.xml element."""

    def __init__(self, numbering_el):
        self.el = numbering_el
        self._next_abstract = 1 + max(
            (int(e.get(_w("abstractNumId"))) for e in self.el.findall(_w("abstractNum"))),
            default=-1,
        )
        self._next_num = 1 + max(
            (int(e.get(_w("numId"))) for e in self.el.findall(_w("num"))), default=0
        )

    def add_abstract(self, style: _NumberingStyle, nsid: str, first_line: int) -> int:
        aid = self._next_abstract
        self._next_abstract += 1
        an = _abstract_num(aid, nsid, style, first_line)
        # Schema order: numPicBullet*, abstractNum*, num*, numIdMacAtCleanup?
        existing = self.el.findall(_w("abstractNum"))
        if existing:
            existing[-1].addnext(an)
        else:
            first_num = self.el.find(_w("num"))
            if first_num is not None:
                first_num.addprevious(an)
            else:
                self.el.append(an)
        return aid

    def add_num(self, abstract_id: int, restart: bool) -> int:
        nid = self._next_num
        self._next_num += 1
        num = _el("num", numId=str(nid))
        num.append(_el("abstractNumId", val=str(abstract_id)))
        if restart:
            override = _el("lvlOverride", ilvl="0")
            override.append(_el("startOverride", val="1"))
            num.append(override)
        nums = self.el.findall(_w("num"))
        if nums:
            nums[-1].addnext(num)
        else:
            cleanup = self.el.find(_w("numIdMacAtCleanup"))
            if cleanup is not None:
                cleanup.addprevious(num)
            else:
                self.el.append(num)
        return nid


def _set_num_pr(paragraph, num_id: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = _el("numPr")
    num_pr.append(_el("ilvl", val="0"))
    num_pr.append(_el("numId", val=str(num_id)))
    # numPr comes right after pStyle / keepNext / keepLines / pageBreakBefore / framePr /
    # widowControl in CT_PPr; the paragraphs here have at most a pStyle.
    pstyle = ppr.find(_w("pStyle"))
    if pstyle is not None:
        pstyle.addnext(num_pr)
    else:
        ppr.insert(0, num_pr)


def _regulation_docx_bytes(reg: Regulation) -> bytes:
    import datetime as dt

    import docx
    from docx.shared import Pt

    doc = docx.Document()
    props = doc.core_properties
    props.title = reg.title
    props.author = "PolicyLens test fixtures"
    props.created = props.modified = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    props.last_modified_by = "PolicyLens"
    props.revision = 1

    numbering = _DocxNumbering(doc.part.numbering_part.element)
    art_style, item_style = _DOCX_NUMBERING[reg.lang]
    indent = 420 if reg.lang == "zh" else 0  # two CJK characters at 10.5 pt
    art_abs = numbering.add_abstract(art_style, "5A3C0001", indent)
    item_abs = numbering.add_abstract(item_style, "5A3C0002", indent)
    art_num = numbering.add_num(art_abs, restart=False)

    doc.add_paragraph(reg.title, style="Title")
    for chapter in reg.chapters:
        doc.add_paragraph(f"{chapter.number} {chapter.title}", style="Heading 1")
        for article in chapter.articles:
            item_num = None
            for i, para in enumerate(article.paragraphs):
                p = doc.add_paragraph(para.text)
                if i == 0:
                    _set_num_pr(p, art_num)
                elif reg.lang == "zh":
                    p.paragraph_format.first_line_indent = Pt(21)
                for item in para.items:
                    if item_num is None:  # a fresh list instance per article: restarts at 1
                        item_num = numbering.add_num(item_abs, restart=True)
                    _set_num_pr(doc.add_paragraph(item.text), item_num)
    buf = io.BytesIO()
    doc.save(buf)
    return _rezip(buf.getvalue())


def write_regulation_docx(path: PathLike) -> Path:
    """DOCX whose article labels (第一条) and item labels (（一）) come from numbering.xml.

    The paragraph text holds no label: the first paragraph of each article carries the
    numPr of a ``chineseCounting`` / ``第%1条`` / suff ``space`` list; items carry the numPr of a
    ``chineseCounting`` / ``（%1）`` / suff ``nothing`` list, one ``w:num`` per article with
    ``startOverride`` 1. Rendering the numbering gives back :func:`regulation_text` exactly.
    """
    p = _prepare(path)
    p.write_bytes(_regulation_docx_bytes(REGULATION))
    return p


def write_english_regulation_docx(path: PathLike) -> Path:
    """English twin: ``decimal`` / ``Article %1`` / space and ``lowerLetter`` / ``(%1)`` / space."""
    p = _prepare(path)
    p.write_bytes(_regulation_docx_bytes(ENGLISH_REGULATION))
    return p


# --- PDF --------------------------------------------------------------------------------------

CJK_FONT = "STSong-Light"  # reportlab built-in CID font (Adobe-GB1), not embedded in the PDF


def _register_cjk_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    return CJK_FONT


class _PageWriter:
    """Minimal line-by-line page layout on a reportlab canvas with header and footer."""

    def __init__(
        self,
        path: Path,
        font: str,
        header: str,
        footer: str,
        *,
        margin_x: float = 72,
        margin_top: float = 78,
        margin_bottom: float = 72,
        max_pages: int | None = None,
        compress: bool = False,
    ):
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        self.c = canvas.Canvas(
            str(path), pagesize=A4, invariant=1, pageCompression=1 if compress else 0
        )
        self.width, self.height = A4
        self.font, self.header, self.footer = font, header, footer
        self.left = margin_x
        self.text_width = self.width - 2 * margin_x
        self.top = self.height - margin_top
        self.bottom = margin_bottom
        self.max_pages = max_pages
        self.page = 0
        self.y = 0.0
        self._new_page()

    def _new_page(self) -> None:
        if self.page:
            self.c.showPage()
        self.page += 1
        c = self.c
        c.setFont(self.font, 10)
        c.drawCentredString(self.width / 2, self.height - 42, self.header)
        c.setLineWidth(0.5)
        c.line(self.left, self.height - 50, self.width - self.left, self.height - 50)
        c.drawCentredString(self.width / 2, 36, self.footer.format(n=self.page))
        self.y = self.top

    def room(self) -> float:
        return self.y - self.bottom

    def fits(self, height: float) -> bool:
        return self.room() >= height

    def can_add_page(self) -> bool:
        return self.max_pages is None or self.page < self.max_pages

    def ensure(self, height: float) -> None:
        if not self.fits(height):
            self._new_page()

    def new_page(self) -> None:
        self._new_page()

    def space(self, height: float) -> None:
        self.y -= height

    def line(
        self, text: str, size: float, leading: float, x: float = 0.0, center: bool = False
    ) -> None:
        self.ensure(leading)
        self.y -= leading
        self.c.setFont(self.font, size)
        if center:
            self.c.drawCentredString(self.width / 2, self.y + (leading - size) / 2, text)
        else:
            self.c.drawString(self.left + x, self.y + (leading - size) / 2, text)

    def save(self) -> None:
        self.c.showPage()
        self.c.save()


_NO_LINE_START = frozenset("，。、；：？！）》」』”’…%,.;:?!)")


def _wrap_chars(text: str, font: str, size: float, width: float, first_indent: float) -> list[str]:
    """Wrap per character (Chinese has no spaces): break wherever the line is full."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    cur, cur_w, avail = "", 0.0, width - first_indent
    for ch in text:
        w = stringWidth(ch, font, size)
        # Break when the line is full, but never put closing punctuation at the start of a
        # line: it hangs into the right margin instead (as Chinese typesetting does).
        if cur and cur_w + w > avail and ch not in _NO_LINE_START:
            lines.append(cur)
            cur, cur_w, avail = "", 0.0, width
        cur += ch
        cur_w += w
    lines.append(cur)
    return lines


def _wrap_words(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    space = stringWidth(" ", font, size)
    lines: list[str] = []
    cur: list[str] = []
    cur_w = 0.0
    for word in text.split():
        w = stringWidth(word, font, size)
        if cur and cur_w + space + w > width:
            lines.append(" ".join(cur))
            cur, cur_w = [], 0.0
        cur_w += w + (space if cur else 0.0)
        cur.append(word)
    if cur:
        lines.append(" ".join(cur))
    return lines


def _regulation_pdf(reg: Regulation, path: Path) -> None:
    if reg.lang == "zh":
        font, body, leading = _register_cjk_font(), 14.0, 24.0
        footer = "第 {n} 页"
    else:
        font, body, leading = "Helvetica", 13.0, 19.0
        footer = "- {n} -"
    pw = _PageWriter(path, font, reg.running_header, footer)
    gap = leading / 2
    for block in regulation_blocks(reg):
        if block.kind == "title":
            for ln in (
                _wrap_chars(block.text, font, 20, pw.text_width, 0)
                if reg.lang == "zh"
                else _wrap_words(block.text, font, 20, pw.text_width)
            ):
                pw.line(ln, 20, 30, center=True)
            pw.space(leading)
            continue
        if block.kind == "chapter":
            pw.ensure(gap + 26 + gap + 2 * leading)  # keep the heading with what follows
            pw.space(gap)
            pw.line(block.text, 16, 26, center=True)
            pw.space(gap)
            continue
        if reg.lang == "zh":
            indent = 2 * body  # first line indented by two characters
            lines = _wrap_chars(block.text, font, body, pw.text_width, indent)
            xs = [indent] + [0.0] * (len(lines) - 1)
        else:
            x = 24.0 if block.kind == "item" else 0.0
            lines = _wrap_words(block.text, font, body, pw.text_width - x)
            xs = [x] * len(lines)
        for ln, x in zip(lines, xs, strict=True):
            pw.line(ln, body, leading, x=x)
        pw.space(gap)
    pw.save()


def write_regulation_pdf(path: PathLike) -> Path:
    """A4 PDF of the Chinese regulation in STSong-Light (>= 2 pages, header and "第 N 页")."""
    p = _prepare(path)
    _regulation_pdf(REGULATION, p)
    return p


def write_english_regulation_pdf(path: PathLike) -> Path:
    """A4 PDF of the English regulation in Helvetica (>= 2 pages, header and "- N -")."""
    p = _prepare(path)
    _regulation_pdf(ENGLISH_REGULATION, p)
    return p


# --------------------------------------------------------------------------------------------
# B. Bad and awkward inputs
# --------------------------------------------------------------------------------------------

ENCRYPTED_PDF_PASSWORD = "user-secret"
ENCRYPTED_PDF_OWNER_PASSWORD = "owner-secret"
DOCX_BOMB_MIN_SIZE = 210 * 2**20  # uncompressed size of the bomb's word/document.xml, bytes
LONG_LINE_SIZE = 5 * 2**20


def write_empty(path: PathLike) -> Path:
    """A 0-byte file (name it .txt)."""
    p = _prepare(path)
    p.write_bytes(b"")
    return p


def write_garbage_pdf(path: PathLike, size: int = 8192) -> Path:
    """Random-looking bytes named .pdf; not a PDF (no %PDF header, no xref, no trailer)."""
    p = _prepare(path)
    data = bytearray(random.Random(20240101).randbytes(size))
    if data[:1] == b"%":
        data[0] = 0x00
    p.write_bytes(bytes(data))
    return p


def write_encrypted_pdf(path: PathLike) -> Path:
    """A real PDF with text, RC4-128 encrypted with user password :data:`ENCRYPTED_PDF_PASSWORD`.

    The text is English (Helvetica): reportlab leaves the CIDSystemInfo strings of its CJK CID
    fonts unencrypted, so pdfminer/pdfplumber would "decrypt" them into garbage and return
    (cid:NNN) for Chinese text even with the right password (pdfium copes).
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    p = _prepare(path)
    enc = StandardEncryption(ENCRYPTED_PDF_PASSWORD, ENCRYPTED_PDF_OWNER_PASSWORD, strength=128)
    c = canvas.Canvas(str(p), pagesize=A4, invariant=1, encrypt=enc)
    c.setFont("Helvetica-Bold", 15)
    c.drawString(72, 760, ENGLISH_REGULATION.title)
    c.setFont("Helvetica", 12)
    y = 724.0
    for block in regulation_blocks(ENGLISH_REGULATION)[1:6]:
        for ln in _wrap_words(block.text, "Helvetica", 12, 451):
            c.drawString(72, y, ln)
            y -= 17
        y -= 8
    c.drawString(72, y - 12, "Confidential: this copy is password protected.")
    c.showPage()
    c.save()
    return p


IMAGE_ONLY_PAGES = (
    (
        "SCANNED COPY - PAGE 1",
        "Chapter I General Provisions",
        "Article 1 These Rules are formulated to strengthen",
        "the safety management of hazardous work.",
        "Article 2 These Rules apply to hot work, confined",
        "space entry and work at height.",
    ),
    (
        "SCANNED COPY - PAGE 2",
        "Chapter II Work Management",
        "Article 3 Workers shall receive dedicated safety",
        "training before carrying out hazardous work.",
        "Article 4 These Rules take effect on the date of",
        "publication.",
    ),
)


def write_image_only_pdf(path: PathLike) -> Path:
    """Two A4 pages, each only a raster image of (English) text: no text layer at all.

    The text is English because Pillow's bundled font has no CJK glyphs; the lines are in
    :data:`IMAGE_ONLY_PAGES` (for OCR tests).
    """
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    p = _prepare(path)
    width, height = A4
    c = canvas.Canvas(str(p), pagesize=A4, invariant=1, pageCompression=1)
    for lines in IMAGE_ONLY_PAGES:
        img = Image.new("L", (827, 1169), 255)  # A4 at 100 dpi
        draw = ImageDraw.Draw(img)
        title_font = ImageFont.load_default(size=34)
        body_font = ImageFont.load_default(size=26)
        draw.text((90, 90), lines[0], fill=0, font=title_font)
        y = 190
        for ln in lines[1:]:
            draw.text((90, y), ln, fill=0, font=body_font)
            y += 48
        draw.rectangle((60, 60, 767, 1109), outline=0, width=2)
        c.drawImage(ImageReader(img), 0, 0, width=width, height=height)
        c.showPage()
    c.save()
    return p


def write_truncated_docx(path: PathLike) -> Path:
    """The regulation DOCX cut to its first half (broken zip: no central directory)."""
    p = _prepare(path)
    data = _regulation_docx_bytes(REGULATION)
    p.write_bytes(data[: len(data) // 2])
    return p


_CT_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" '
    b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
_RELS_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/>'
    b"</Relationships>"
)
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def write_docx_bomb(path: PathLike, expanded_size: int = DOCX_BOMB_MIN_SIZE) -> Path:
    """A zip bomb dressed as .docx: file < 1 MB, word/document.xml expands to >= expanded_size.

    The XML is well-formed (paragraphs of one repeated sentence), written by streaming
    through ZIP_DEFLATED, so memory stays small. Takes about a second.
    """
    p = _prepare(path)
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{_W_NS}"><w:body>'
    ).encode()
    tail = b"<w:sectPr/></w:body></w:document>"
    # Long runs of one character compress best (deflate tops out near 1000:1).
    para = b"<w:p><w:r><w:t>" + "安".encode() * 20000 + b"</w:t></w:r></w:p>"
    chunk = para * max(1, 2**20 // len(para))
    with zipfile.ZipFile(p, "w", compresslevel=9) as zf:
        zf.writestr(_zipinfo("[Content_Types].xml"), _CT_XML)
        zf.writestr(_zipinfo("_rels/.rels"), _RELS_XML)
        with zf.open(_zipinfo("word/document.xml"), "w") as out:
            out.write(head)
            written = len(head)
            while written < expanded_size:
                out.write(chunk)
                written += len(chunk)
            out.write(tail)
    return p


def _entity_document_xml() -> bytes:
    ents = ['<!ENTITY lol0 "安全第一">']
    for i in range(1, 10):
        ents.append(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        "<!DOCTYPE w:document [\n  " + "\n  ".join(ents) + "\n]>\n"
        f'<w:document xmlns:w="{_W_NS}"><w:body>'
        '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>'
        f"{REGULATION.title}</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>第一条 &lol9;</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>&lol5;</w:t></w:r></w:p>"
        "<w:sectPr/></w:body></w:document>"
    ).encode("utf-8")


def write_entity_docx(path: PathLike) -> Path:
    """A DOCX whose word/document.xml declares nested entities (billion laughs) and uses them.

    Fully expanded, ``&lol9;`` is 10**9 copies of a 4-character string. Everything else in the
    package is a normal python-docx document.
    """
    p = _prepare(path)
    data = _regulation_docx_bytes(REGULATION)
    p.write_bytes(_rezip(data, {"word/document.xml": _entity_document_xml()}))
    return p


_NO_HEADINGS_PARAGRAPHS = (
    "进入施工现场的人员应当正确佩戴安全帽，系好下颏带，不得在作业区域内嬉戏打闹。",
    "高处作业时应当系挂安全带，安全带应当高挂低用，并定期检查其完好状态。",
    "发现安全隐患的，应当立即向现场负责人报告，不得隐瞒不报或者擅自处理。",
    "下班前应当检查作业区域，切断临时电源，关闭气瓶阀门，确认无火灾隐患后方可离开。",
    "Everyone on site should know where the nearest fire extinguisher and first aid kit are.",
)


def write_html_no_headings(path: PathLike) -> Path:
    """An HTML page of safety advice in <p> only: no <h1>-<h6>, no chapter or article labels."""
    p = _prepare(path)
    body = "\n".join(f"<p>{html.escape(t)}</p>" for t in _NO_HEADINGS_PARAGRAPHS)
    page = (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head><meta charset="utf-8">'
        "<title>现场安全须知</title></head>\n<body>\n"
        f'<div class="content">\n{body}\n</div>\n</body>\n</html>\n'
    )
    p.write_bytes(page.encode("utf-8"))
    return p


def write_gbk_txt(path: PathLike) -> Path:
    """The canonical Chinese text encoded in GBK (no BOM); it is not valid UTF-8."""
    p = _prepare(path)
    p.write_bytes(regulation_text().encode("gbk"))
    return p


def write_utf8_bom_txt(path: PathLike) -> Path:
    """The canonical Chinese text, UTF-8 with a BOM (EF BB BF)."""
    p = _prepare(path)
    p.write_bytes(regulation_text().encode("utf-8-sig"))
    return p


DUPLICATE_ARTICLE = Article(
    "第三条",
    (Paragraph("（重复条文）作业单位应当对危险作业实行统一登记，登记信息保存不少于一年。"),),
)


def duplicate_articles_text() -> str:
    """The Chinese regulation with a second, different 第三条 right after the first one."""
    chapters = list(REGULATION.chapters)
    first = chapters[0]
    arts = list(first.articles)
    idx = next(i for i, a in enumerate(arts) if a.label == "第三条")
    arts.insert(idx + 1, DUPLICATE_ARTICLE)
    chapters[0] = first._replace(articles=tuple(arts))
    return render_text(REGULATION._replace(chapters=tuple(chapters)))


def write_duplicate_articles_txt(path: PathLike) -> Path:
    """UTF-8 Chinese text in which "第三条" starts two different articles."""
    p = _prepare(path)
    p.write_bytes(duplicate_articles_text().encode("utf-8"))
    return p


def write_long_line_txt(path: PathLike, size: int = LONG_LINE_SIZE) -> Path:
    """Exactly ``size`` bytes (5 MiB) of UTF-8 text on one line: no \\n or \\r anywhere.

    Mostly Chinese: the regulation's lines joined by spaces, repeated, so article labels occur
    mid-line; padded with ASCII at the end to hit the size exactly.
    """
    p = _prepare(path)
    unit = " ".join(b.text for b in regulation_blocks(REGULATION)).encode("utf-8") + b" "
    reps, rest = divmod(size, len(unit))
    tail = unit[:rest].decode("utf-8", errors="ignore").encode("utf-8")
    tail += b"." * (rest - len(tail))
    with p.open("wb") as f:
        for _ in range(reps):
            f.write(unit)
        f.write(tail)
    return p


TABLE_ROWS = (
    ("Hazard", "Control measure", "Responsible"),
    ("Hot work", "Remove combustibles", "Work supervisor"),
    ("Confined space", "Ventilate and measure gas", "Safety watcher"),
    ("Work at height", "Wear a safety harness", "Workers"),
)


def write_pdf_with_table(path: PathLike) -> Path:
    """One A4 page: a paragraph, a ruled 3x4 table (Table + GRID), another paragraph."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

    p = _prepare(path)
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(str(p), pagesize=A4, invariant=1, title="Hazard controls")
    table = Table([list(r) for r in TABLE_ROWS], colWidths=[130, 180, 130])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.75, colors.black),
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    doc.build(
        [
            RLParagraph(
                "Article 1 The following table lists the main hazards of each type of "
                "work and the control measure that shall be applied before work begins.",
                styles["BodyText"],
            ),
            Spacer(1, 12),
            table,
            Spacer(1, 12),
            RLParagraph(
                "Article 2 The responsible person named in the table shall confirm that the "
                "control measure is in place and sign the work permit.",
                styles["BodyText"],
            ),
        ]
    )
    return p


BAD_FOLDER_FILES = {
    "empty.txt": write_empty,
    "garbage.pdf": write_garbage_pdf,
    "encrypted.pdf": write_encrypted_pdf,
    "image_only.pdf": write_image_only_pdf,
    "truncated.docx": write_truncated_docx,
    "bomb.docx": write_docx_bomb,
    "entities.docx": write_entity_docx,
    "no_headings.html": write_html_no_headings,
    "gbk.txt": write_gbk_txt,
    "utf8_bom.txt": write_utf8_bom_txt,
    "duplicate_articles.txt": write_duplicate_articles_txt,
    "long_line.txt": write_long_line_txt,
    "with_table.pdf": write_pdf_with_table,
    "good.txt": write_regulation_txt,
}


def write_bad_folder(directory: PathLike) -> dict[str, str]:
    """Write every bad/awkward file plus one good regulation (good.txt) into ``directory``.

    Returns file name -> path (str), keys as in :data:`BAD_FOLDER_FILES`.
    """
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    return {name: str(writer(d / name)) for name, writer in BAD_FOLDER_FILES.items()}


# --------------------------------------------------------------------------------------------
# C. A long PDF for speed benchmarks
# --------------------------------------------------------------------------------------------

_LONG_SUBJECTS = (
    "The operator",
    "Each contractor",
    "The safety officer",
    "The site manager",
    "Every employer",
    "The competent department",
    "The work supervisor",
    "Each worker",
)
_LONG_VERBS = (
    "shall inspect",
    "shall record",
    "shall maintain",
    "shall report",
    "shall review",
    "shall verify",
    "shall keep",
    "shall update",
)
_LONG_OBJECTS = (
    "the permit for hot work",
    "the gas measurement results",
    "the emergency rescue plan",
    "the personal protective equipment",
    "the training records of all workers",
    "the isolation of energy sources",
    "the inspection log of lifting equipment",
    "the list of hazardous chemicals on site",
)
_LONG_TAILS = (
    "before work begins",
    "at least once a month",
    "within three working days",
    "whenever the conditions of the work change",
    "in accordance with these Rules",
    "and keep the records for two years",
    "under the supervision of a watcher",
    "before the end of each shift",
)
_LONG_CHAPTER_TITLES = (
    "General Provisions",
    "Responsibilities",
    "Work Permits",
    "Hot Work",
    "Confined Spaces",
    "Work at Height",
    "Electrical Safety",
    "Hazardous Chemicals",
    "Training",
    "Emergency Response",
    "Inspection",
    "Legal Liability",
)


def _long_sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(_LONG_SUBJECTS)} {rng.choice(_LONG_VERBS)} "
        f"{rng.choice(_LONG_OBJECTS)} {rng.choice(_LONG_TAILS)}."
    )


def _long_articles(rng: random.Random) -> Iterator[tuple[str | None, list[tuple[str, bool]]]]:
    """Yield (chapter heading or None, [(paragraph text, is_item), ...]) forever."""
    art = 0
    chapter = 0
    while True:
        chapter += 1
        title = _LONG_CHAPTER_TITLES[(chapter - 1) % len(_LONG_CHAPTER_TITLES)]
        heading: str | None = f"Chapter {to_roman(chapter)} {title}"
        for _ in range(rng.randint(6, 12)):
            art += 1
            paras: list[tuple[str, bool]] = []
            text = " ".join(_long_sentence(rng) for _ in range(rng.randint(1, 5)))
            if rng.random() < 0.25:
                paras.append((f"Article {art} {text} The following apply:", False))
                n_items = rng.randint(2, 5)
                for k in range(n_items):
                    s = _long_sentence(rng)
                    end = "." if k == n_items - 1 else ";"
                    paras.append((f"({to_lower_letter(k + 1)}) {s[0].lower()}{s[1:-1]}{end}", True))
            else:
                paras.append((f"Article {art} {text}", False))
            if rng.random() < 0.3:
                paras.append(
                    (" ".join(_long_sentence(rng) for _ in range(rng.randint(1, 3))), False)
                )
            yield heading, paras
            heading = None


def write_long_pdf(path: PathLike, pages: int = 200) -> Path:
    """A ``pages``-page A4 PDF of generated English regulation text for speed benchmarks.

    Chapters ("Chapter IV Hot Work"), articles ("Article 57 ..."), some items ("(a) ..."),
    running header and "- N -" footer on every page. Exactly ``pages`` pages; it stops before
    the first article that would not fit on the last page. About 1 s for 200 pages.
    """
    if pages < 1:
        raise ValueError("pages must be >= 1")
    p = _prepare(path)
    font, size, leading = "Helvetica", 10.5, 14.5
    pw = _PageWriter(
        p,
        font,
        "Sample Long Regulation for Benchmarking (Testing Only)",
        "- {n} -",
        margin_x=64,
        margin_top=72,
        margin_bottom=60,
        max_pages=pages,
        compress=True,
    )
    pw.line("Sample Long Regulation for Benchmarking (Testing Only)", 16, 26, center=True)
    pw.space(leading)
    rng = random.Random(4242)
    for heading, paras in _long_articles(rng):
        laid: list[tuple[str, float, float, float, bool]] = []  # text, size, leading, x, centred
        if heading:
            laid += [
                ("", 0, leading / 2, 0, False),
                (heading, 13, 20, 0, True),
                ("", 0, leading / 2, 0, False),
            ]
        for text, is_item in paras:
            x = 20.0 if is_item else 0.0
            laid += [
                (ln, size, leading, x, False)
                for ln in _wrap_words(text, font, size, pw.text_width - x)
            ]
            laid.append(("", 0, leading / 3, 0, False))
        total = sum(h for _, _, h, _, _ in laid)
        if not pw.can_add_page() and not pw.fits(total):
            break
        if heading and not pw.fits(20 + leading * 3):
            if not pw.can_add_page():
                break
            pw.new_page()  # start the chapter on a fresh page
        for text, sz, lead, x, centred in laid:
            if not sz:
                pw.space(lead)
            else:
                pw.line(text, sz, lead, x=x, center=centred)
    pw.save()
    return p


if __name__ == "__main__":  # pragma: no cover - manual use: python tests/filegen.py OUTDIR
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "filegen_out")
    for name, fpath in write_bad_folder(out / "bad").items():
        print(name, fpath)
    for fn in (
        write_regulation_txt,
        write_regulation_html,
        write_regulation_docx,
        write_regulation_pdf,
    ):
        print(fn(out / f"regulation.{fn.__name__.rsplit('_', 1)[1]}"))
    for fn in (
        write_english_regulation_txt,
        write_english_regulation_html,
        write_english_regulation_docx,
        write_english_regulation_pdf,
    ):
        print(fn(out / f"regulation_en.{fn.__name__.rsplit('_', 1)[1]}"))
    print(write_long_pdf(out / "long.pdf"))
