"""Readers: TXT/Markdown decoding and blocks, HTML elements, DOCX automatic numbering."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ingest.errors import ReadError
from ingest.readers.base import BlockKind
from ingest.readers.docx import DocxReader, Numbering, format_number
from ingest.readers.html import HtmlReader
from ingest.readers.txt import LONG_LINE, TextReader, decode_text, split_blocks
from tests import filegen as fg

ZH = "第一章 总则\n\n第一条 为了加强安全生产工作，防止和减少生产安全事故，制定本法。\n"


def texts(blocks: list) -> list[str]:
    return [b.text for b in blocks]


def read_txt(data: bytes, name: str = "a.txt"):
    return TextReader().read(Path(name), data)


# --------------------------------------------------------------------------------------------
# TXT decoding


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_declared_or_utf8_text_decodes_without_findings(encoding: str) -> None:
    out = read_txt(ZH.encode(encoding))
    assert texts(out.blocks) == [
        "第一章 总则",
        "第一条 为了加强安全生产工作，防止和减少生产安全事故，制定本法。",
    ]
    assert out.findings == []
    assert out.media_type == "text/plain"


def test_gbk_is_detected() -> None:
    out = read_txt(fg.regulation_text().encode("gbk"))
    assert [f.code for f in out.findings] == ["INGEST_ENCODING_GUESSED"]
    assert texts(out.blocks) == [b.text for b in fg.regulation_blocks()]


def test_undecodable_bytes_do_not_crash() -> None:
    text, findings = decode_text(bytes(range(128, 256)) * 3, "junk.txt")
    assert isinstance(text, str) and text
    assert [f.code for f in findings] in (["INGEST_DECODE_ERRORS"], ["INGEST_ENCODING_GUESSED"])


def test_bad_bytes_after_a_bom_are_reported() -> None:
    text, findings = decode_text(b"\xef\xbb\xbf\xe7\xac\xac\xff\xfe", "bom.txt")
    assert "\ufffd" in text
    assert "INGEST_DECODE_ERRORS" in [f.code for f in findings]


@pytest.mark.parametrize("data", [b"   \n\n\t", "\ufeff".encode()])
def test_blank_text_is_empty_file(data: bytes) -> None:
    with pytest.raises(ReadError) as info:
        read_txt(data)
    assert info.value.code == "INGEST_EMPTY_FILE"


# --------------------------------------------------------------------------------------------
# Markdown


def test_markdown_headings_tables_comments_front_matter() -> None:
    md = (
        '---\ntitle: "示例法"\ndate: 2021-06-10\nnot a key line\n---\n# 示例法\n'
        "<!-- a comment\nspanning lines -->\n## 第一章 总则 ##\n\n| 序号 | 名称 |\n|---|:---:|\n"
        "| 1 | 甲 |\n\n第一条 内容。<!-- inline -->\r\n"
    )
    out = read_txt(md.encode(), "law.md")
    assert out.media_type == "text/markdown"
    assert out.metadata == {"title": "示例法", "date": "2021-06-10"}
    assert [(b.text, b.kind, b.level) for b in out.blocks] == [
        ("示例法", BlockKind.HEADING, 1),
        ("第一章 总则", BlockKind.HEADING, 2),
        ("序号 | 名称", BlockKind.TABLE_ROW, None),
        ("1 | 甲", BlockKind.TABLE_ROW, None),
        ("第一条 内容。", BlockKind.PARAGRAPH, None),
    ]


def test_ecfr_front_matter_title() -> None:
    md = "---\ntitle: Mine Safety\ntitle_number: 30\nchapter: I\n---\n§ 56.1 Purpose.\n"
    out = read_txt(md.encode(), "ecfr.md")
    assert out.metadata["title"] == "30 CFR Chapter I — Mine Safety"
    assert texts(out.blocks) == ["§ 56.1 Purpose."]


def test_front_matter_only_at_start() -> None:
    out = read_txt(b"Intro line\n---\ntitle: x\n---\n", "a.md")
    assert out.metadata == {}
    assert "title: x" in texts(out.blocks)


# --------------------------------------------------------------------------------------------
# Hard-wrapped lines

ZH_ARTICLE = (
    "为了加强危险作业安全管理防范生产安全事故保障作业人员的生命安全和身体健康" * 3
    + "，制定本规定。"
)
EN_ARTICLE = (
    "These Rules are formulated to strengthen the safety management of hazardous "
    "work and to prevent accidents at the workplace " * 2 + "for all workers."
)


def test_hard_wrapped_chinese_is_rejoined_without_spaces() -> None:
    lines: list[str] = []
    originals = [f"第{n}条 {ZH_ARTICLE}" for n in "一二三"]
    for art in originals:
        lines += [art[i : i + 30] for i in range(0, len(art), 30)]
    assert texts(split_blocks("\n".join(lines), [], "x")) == originals


def test_hard_wrapped_english_is_rejoined_with_one_space() -> None:
    originals = [f"Article {n} {EN_ARTICLE}" for n in (1, 2, 3)]
    lines = [line for art in originals for line in textwrap.wrap(art, 60)]
    assert texts(split_blocks("\n".join(lines), [], "x")) == originals


def test_wrapped_text_breaks_before_labels() -> None:
    head = "生产经营单位应当履行下列职责，并且应当对本单位的安全生产工作全面负责具体如下"
    lines = [
        head[:30],
        head[30:],
        "（一）建立健全全员安全生产责任制和安全生产规章制度并加强落实；",
        "（二）组织制定并实施本单位安全生产规章制度和操作规程以及培训计划；",
    ] * 3
    blocks = texts(split_blocks("\n".join(lines), [], "x"))
    assert blocks[:3] == [head, lines[2], lines[3]]


def test_wrapped_cross_reference_is_rejoined() -> None:
    head = "依照本法规定，生产经营单位应当接受监督检查，具体办法依照本法"
    tail = "第十五条的规定执行，不得拒绝或者阻挠检查人员依法履行职责。"
    blocks = texts(split_blocks("\n".join([head, tail] * 5), [], "x"))
    assert blocks[0] == head + tail


def test_one_paragraph_per_line_is_not_joined() -> None:
    lines = [
        "第一章 总则",
        "第一条 为了加强安全生产工作，制定本法。",
        "第二条 在中华人民共和国领域内从事生产经营活动的单位的安全生产，适用本法",
        "有关法律另有规定的，适用其规定。",
        "第三条 安全生产工作坚持中国共产党的领导。",
        "第四条 生产经营单位必须遵守本法和其他有关法律法规",
        "加强安全生产管理。",
        "第五条 生产经营单位的主要负责人是本单位安全生产第一责任人。",
        "第六条 从业人员有依法获得安全生产保障的权利。",
        "第七条 工会依法对安全生产工作进行监督。",
    ]
    assert texts(split_blocks("\n".join(lines), [], "x")) == lines


def test_long_line_is_reported() -> None:
    findings: list = []
    blocks = split_blocks("安" * (LONG_LINE + 1), findings, "long.txt")
    assert len(blocks) == 1 and len(blocks[0].text) == LONG_LINE + 1
    assert [f.code for f in findings] == ["INGEST_LONG_LINE"]


# --------------------------------------------------------------------------------------------
# HTML

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title> 示例  安全法 </title>
<style>p { color: red }</style><script>var s = "第一条 假的";</script></head>
<body><h1>示例安全法</h1><h2>第一章 <b>总则</b></h2><p>第一条 为了加强<br>安全生产工作。</p>
<div>第二条 内容：<ul><li>（一）甲；</li><li>（二）乙。</li></ul></div>
<table><tr><th>序号</th><th>名称</th></tr><tr><td>1</td><td>甲<br/>乙</td></tr>
<tr><td> </td><td></td></tr></table><noscript>enable js</noscript>
<p>A &amp; B &lt;x&gt;</p></body></html>"""


def test_html_blocks() -> None:
    out = HtmlReader().read(Path("a.html"), PAGE.encode())
    assert out.metadata == {"title": "示例 安全法"}
    assert out.findings == []
    assert [(b.text, b.kind, b.level) for b in out.blocks] == [
        ("示例安全法", BlockKind.HEADING, 1),
        ("第一章 总则", BlockKind.HEADING, 2),
        ("第一条 为了加强", BlockKind.PARAGRAPH, None),
        ("安全生产工作。", BlockKind.PARAGRAPH, None),
        ("第二条 内容：", BlockKind.PARAGRAPH, None),
        ("（一）甲；", BlockKind.PARAGRAPH, None),
        ("（二）乙。", BlockKind.PARAGRAPH, None),
        ("序号 | 名称", BlockKind.TABLE_ROW, None),
        ("1 | 甲 乙", BlockKind.TABLE_ROW, None),
        ("A & B <x>", BlockKind.PARAGRAPH, None),
    ]


def test_html_declared_and_detected_charsets() -> None:
    body = "<p>第一条 中文内容比较长一些的句子，用于检测编码是否正确。</p>"
    declared = HtmlReader().read(Path("a.htm"), f'<meta charset="gbk">{body}'.encode("gbk"))
    assert texts(declared.blocks) == ["第一条 中文内容比较长一些的句子，用于检测编码是否正确。"]
    assert declared.findings == []
    detected = HtmlReader().read(Path("a.htm"), f"<html>{body}</html>".encode("gbk"))
    assert texts(detected.blocks) == texts(declared.blocks)
    assert [f.code for f in detected.findings] == ["INGEST_ENCODING_GUESSED"]


def test_html_without_text_is_empty() -> None:
    with pytest.raises(ReadError) as info:
        HtmlReader().read(
            Path("a.html"),
            b"<html><head><title>t</title></head><body><script>x()</script></body></html>",
        )
    assert info.value.code == "INGEST_EMPTY_FILE"


def test_html_no_headings_fixture(tmp_path: Path) -> None:
    p = fg.write_html_no_headings(tmp_path / "n.html")
    out = HtmlReader().read(p, p.read_bytes())
    assert out.metadata["title"] == "现场安全须知"
    assert len(out.blocks) == 5 and all(b.kind is BlockKind.PARAGRAPH for b in out.blocks)


def test_svg_title_is_not_the_page_title() -> None:
    page = (
        b"<html><head><title>Law</title></head><body><svg><title>Search icon</title></svg>"
        b"<p>Article 1 Text.</p></body></html>"
    )
    assert HtmlReader().read(Path("a.html"), page).metadata == {"title": "Law"}


# --------------------------------------------------------------------------------------------
# DOCX numbering

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _lvl(ilvl: int, fmt: str, text: str, suff: str = "space", start: int = 1) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="{suff}"/></w:lvl>'
    )


NUMBERING = (
    f'<w:numbering xmlns:w="{W}">'
    f'<w:abstractNum w:abstractNumId="0">{_lvl(0, "decimal", "%1.")}'
    f"{_lvl(1, 'decimal', '%1.%2', 'tab')}{_lvl(2, 'lowerRoman', '(%3)', 'nothing')}</w:abstractNum>"
    f'<w:abstractNum w:abstractNumId="1">{_lvl(0, "chineseCounting", "（%1）", "nothing")}'
    f"</w:abstractNum>"
    f'<w:abstractNum w:abstractNumId="2">{_lvl(0, "bullet", "•")}</w:abstractNum>'
    f'<w:abstractNum w:abstractNumId="3">{_lvl(0, "upperRoman", "Chapter %1", start=3)}'
    f"</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">'
    '<w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">'
    '<w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>'
    '<w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>'
    "</w:numbering>"
).encode()


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("decimal", ["1", "4", "9", "10", "21", "27"]),
        ("chineseCounting", ["一", "四", "九", "十", "二十一", "二十七"]),
        ("lowerLetter", ["a", "d", "i", "j", "u", "aa"]),
        ("upperLetter", ["A", "D", "I", "J", "U", "AA"]),
        ("upperRoman", ["I", "IV", "IX", "X", "XXI", "XXVII"]),
        ("lowerRoman", ["i", "iv", "ix", "x", "xxi", "xxvii"]),
        ("decimalZero", ["01", "04", "09", "10", "21", "27"]),
        ("decimalFullWidth", ["１", "４", "９", "１０", "２１", "２７"]),
        ("somethingNew", ["1", "4", "9", "10", "21", "27"]),
    ],
)
def test_format_number(fmt: str, expected: list[str]) -> None:
    assert [format_number(n, fmt) for n in (1, 4, 9, 10, 21, 27)] == expected


def test_multilevel_labels() -> None:
    n = Numbering.parse(NUMBERING)
    got = [n.label("1", lvl) for lvl in (0, 1, 1, 2, 2, 1, 2, 0, 1)]
    assert got == ["1. ", "1.1 ", "1.2 ", "(i)", "(ii)", "1.3 ", "(i)", "2. ", "2.1 "]


def test_start_override_restarts_each_instance() -> None:
    n = Numbering.parse(NUMBERING)
    assert [n.label(num, 0) for num in ("2", "2", "3", "3", "2")] == [
        "（一）",
        "（二）",
        "（一）",
        "（二）",
        "（三）",
    ]


def test_bullets_start_values_and_unknown_ids() -> None:
    n = Numbering.parse(NUMBERING)
    assert n.label("4", 0) == ""  # bullets carry no label
    assert [n.label("5", 0), n.label("5", 0)] == ["Chapter III ", "Chapter IV "]
    assert n.label("0", 0) == "" and n.label("99", 0) == "" and n.label("1", 7) == ""
    assert Numbering.parse(None).label("1", 0) == ""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_docx_regulation_renders_numbering(tmp_path: Path, lang: str) -> None:
    if lang == "zh":
        p, reg = fg.write_regulation_docx(tmp_path / "reg.docx"), fg.REGULATION
    else:
        p, reg = fg.write_english_regulation_docx(tmp_path / "reg.docx"), fg.ENGLISH_REGULATION
    out = DocxReader().read(p, p.read_bytes())
    assert texts(out.blocks) == [b.text for b in fg.regulation_blocks(reg)]
    assert out.metadata == {"title": reg.title}
    assert (out.blocks[0].kind, out.blocks[0].level) == (BlockKind.HEADING, 1)  # Title style
    assert (out.blocks[1].kind, out.blocks[1].level) == (BlockKind.HEADING, 1)  # Heading 1


@pytest.mark.parametrize(
    ("writer", "code"),
    [
        (fg.write_docx_bomb, "INGEST_ZIP_BOMB"),
        (fg.write_entity_docx, "INGEST_XML_ENTITIES"),
        (fg.write_truncated_docx, "INGEST_CORRUPT_FILE"),
    ],
)
def test_bad_docx_is_refused(tmp_path: Path, writer, code: str) -> None:
    p = writer(tmp_path / "bad.docx")
    with pytest.raises(ReadError) as info:
        DocxReader().read(p, p.read_bytes())
    assert info.value.code == code
