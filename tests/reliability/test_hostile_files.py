"""Hostile files made at test time (issue 17, item 8): damaged archives, bombs, a PDF whose objects
loop, glyph-code text, DOCTYPEs past the first 4 KB, traditional-character numbering and large
plain text. Each gets its exact finding code, nothing prints a traceback, and the batch goes on."""

from __future__ import annotations

import io
import json
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from ingest import Status, budget
from ingest.parse import parse_bytes
from ingest.readers import pdf as pdf_reader
from ingest.sandbox import Limits, SandboxedParser, parse_guarded
from tests.filegen import write_regulation_docx
from tests.ui.cli_support import run

GOOD_LAW = "示例安全条例\n\n第一条 为了加强安全生产工作，制定本条例。\n\n第二条 生产经营单位应当履行职责。\n"
FAST = Limits(seconds=30, memory_mb=400, page_seconds=5)

# --------------------------------------------------------------------------------------------
# Makers: DOCX mutants from a good DOCX, and small handwritten PDFs.


@pytest.fixture(scope="module")
def good_docx(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return write_regulation_docx(tmp_path_factory.mktemp("docx") / "good.docx").read_bytes()


def rezip(
    good: bytes,
    change: Callable[[str, bytes], bytes | None] = lambda _n, b: b,
    method: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """The DOCX with each part changed (None drops it)."""
    src, buf = zipfile.ZipFile(io.BytesIO(good)), io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as out:
        for name in src.namelist():
            data = change(name, src.read(name))
            if data is not None:
                out.writestr(name, data)
    return buf.getvalue()


def central_directory_bad_magic(good: bytes) -> bytes:
    data = bytearray(good)
    second = data.find(b"PK\x01\x02", data.find(b"PK\x01\x02") + 4)
    data[second : second + 4] = b"PK\x09\x09"
    return bytes(data)


def central_directory_bad_sizes(good: bytes) -> bytes:
    data = bytearray(good)
    first = data.find(b"PK\x01\x02")
    data[first + 20 : first + 28] = b"\xff" * 8  # compressed and uncompressed sizes
    return bytes(data)


def bad_crc(good: bytes) -> bytes:
    data = bytearray(rezip(good, method=zipfile.ZIP_STORED))
    at = data.find(b"<w:body>")
    data[at + 1] = ord("W")  # the stored bytes change, the CRC in the header does not
    return bytes(data)


def bad_deflate(good: bytes) -> bytes:
    data = bytearray(good)
    at = data.find(b"word/document.xml") + len("word/document.xml")
    for i in range(at + 10, at + 40):  # garble the start of the deflate stream
        data[i] ^= 0x5A
    return bytes(data)


def malformed_xml(good: bytes) -> bytes:
    return rezip(good, lambda n, b: b[: len(b) // 2] if n == "word/document.xml" else b)


def late_doctype(good: bytes) -> bytes:
    """A DOCTYPE with an entity declaration 8 KB into word/document.xml."""

    def change(name: str, data: bytes) -> bytes:
        if name != "word/document.xml":
            return data
        end = data.index(b"?>") + 2
        pad = b"<!-- " + b"x" * 8000 + b" -->"
        return data[:end] + pad + b'<!DOCTYPE w [<!ENTITY e "x">]>' + data[end:]

    return rezip(good, change)


def utf16_doctype(good: bytes) -> bytes:
    xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    return rezip(good, lambda n, b: xml.encode("utf-16") if n == "word/styles.xml" else b)


def docx_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("word/document.xml", b"\0" * (300 * 2**20))
    return buf.getvalue()


def pdf(*objects: bytes) -> bytes:
    """A PDF with these objects (object 1 is the catalog) and a correct xref table."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(data), extra, data)


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def page(contents: int, font: int, parent: int = 2, media: bytes = b"[0 0 612 792]") -> bytes:
    return (
        b"<< /Type /Page /Parent %d 0 R /MediaBox %s /Contents %d 0 R "
        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (parent, media, contents, font)
    )


def reference_loop_pdf() -> bytes:
    """About 600 bytes: the page's MediaBox is object 5, and object 5 is "5 0 R"."""
    return pdf(
        CATALOG,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page(4, 6, media=b"5 0 R"),
        stream(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET"),
        b"5 0 R",
        HELVETICA,
    )


def flate_bomb_pdf() -> bytes:
    """A page whose content stream is 400 KB of deflate that expands to 400 MB."""
    bomb = zlib.compress(b"\0" * (400 * 2**20), 9)
    return pdf(
        CATALOG,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page(4, 5),
        stream(bomb, b"/Filter /FlateDecode "),
        HELVETICA,
    )


def _cid_font() -> tuple[bytes, bytes, bytes]:
    """A Type0 font with Identity-H encoding and no ToUnicode map (objects n, n+1, n+2)."""
    return (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
        b"/DescendantFonts [%d 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << "
        b"/Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R "
        b"/DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 0 1000 1000] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    )


def _glyph_lines() -> bytes:
    return b"".join(
        b"BT /F1 12 Tf 72 %d Td <%s> Tj ET\n"
        % (720 - 20 * i, b"".join(b"%04X" % (1467 + 37 * i + k) for k in range(20)))
        for i in range(10)
    )


def glyph_code_pdf() -> bytes:
    """One page of CJK text in a font without a Unicode map: pdfminer reads "(cid:1467)…"."""
    font, cid, desc = _cid_font()
    return pdf(
        CATALOG,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page(4, 5),
        stream(_glyph_lines()),
        font % 6,
        cid % 7,
        desc,
    )


def half_glyph_code_pdf() -> bytes:
    """Page 1 readable (Helvetica), page 2 glyph codes."""
    font, cid, desc = _cid_font()
    text = b"BT /F1 12 Tf 72 720 Td (Article 1 This regulation applies to mines.) Tj ET"
    return pdf(
        CATALOG,
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        page(5, 7),
        page(6, 8),
        stream(text),
        stream(_glyph_lines()),
        HELVETICA,
        font % 9,
        cid % 10,
        desc,
    )


# --------------------------------------------------------------------------------------------
# Damaged archives (they used to print tracebacks and be INGEST_PARSER_CRASHED).

DOCX_CASES: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "truncated.docx": (lambda g: g[: len(g) // 2], "INGEST_CORRUPT_FILE"),
    "cd_magic.docx": (central_directory_bad_magic, "INGEST_CORRUPT_FILE"),
    "cd_sizes.docx": (central_directory_bad_sizes, "INGEST_CORRUPT_FILE"),
    "no_document.docx": (
        lambda g: rezip(g, lambda n, b: None if n == "word/document.xml" else b),
        "INGEST_CORRUPT_FILE",
    ),
    "bad_crc.docx": (bad_crc, "INGEST_CORRUPT_FILE"),
    "bad_deflate.docx": (bad_deflate, "INGEST_CORRUPT_FILE"),
    "malformed_xml.docx": (malformed_xml, "INGEST_CORRUPT_FILE"),
    "late_doctype.docx": (late_doctype, "INGEST_XML_ENTITIES"),
    "utf16_doctype.docx": (utf16_doctype, "INGEST_XML_ENTITIES"),
    "bomb.docx": (lambda _g: docx_bomb(), "INGEST_ZIP_BOMB"),
}


@pytest.mark.parametrize("name", sorted(DOCX_CASES))
def test_damaged_docx_gets_its_code(good_docx: bytes, name: str) -> None:
    make, code = DOCX_CASES[name]
    result = parse_guarded(Path(name), make(good_docx), None)
    assert result.status is Status.FAILED
    assert [f.code for f in result.findings] == [code], result.findings[0].message
    assert name in result.findings[0].message and "\n" not in result.findings[0].message


@pytest.mark.parametrize("error", [zlib.error("invalid stored block"), EOFError("cut short")])
def test_compression_errors_escaping_a_reader_are_damage(
    monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    def explode(*_args: object) -> None:
        raise error

    monkeypatch.setattr("ingest.sandbox.parse_bytes", explode)
    result = parse_guarded(Path("x.docx"), b"PK\x03\x04", None)
    assert [f.code for f in result.findings] == ["INGEST_CORRUPT_FILE"]


def test_wrapped_memory_error_is_the_memory_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*_args: object) -> None:
        try:
            raise MemoryError
        except MemoryError as exc:
            raise RuntimeError("pdfminer failed") from exc

    monkeypatch.setattr("ingest.sandbox.parse_bytes", explode)
    result = parse_guarded(Path("x.pdf"), b"%PDF", None)
    assert [f.code for f in result.findings] == ["INGEST_MEMORY_LIMIT"]


def test_a_worker_dead_of_its_memory_limit_is_the_memory_limit() -> None:
    parser = SandboxedParser(Limits(memory_mb=1024))
    assert parser._died(Path("a.pdf"), "", 3, 0).findings[0].code == "INGEST_MEMORY_LIMIT"
    killed = parser._died(Path("a.pdf"), "", -6, 900 * 1024)  # SIGABRT near the limit
    assert killed.findings[0].code == "INGEST_MEMORY_LIMIT"
    crashed = parser._died(Path("a.pdf"), "", -11, 60 * 1024)  # SIGSEGV, little memory
    assert crashed.findings[0].code == "INGEST_PARSER_CRASHED"
    assert "SIGSEGV" in crashed.findings[0].message


# --------------------------------------------------------------------------------------------
# PDFs: a reference loop, a flate bomb, glyph codes.


def test_reference_loop_pdf_gives_up_at_once() -> None:
    data = reference_loop_pdf()
    assert len(data) < 700
    started = time.monotonic()
    with SandboxedParser(FAST) as parser:
        result = parser.parse(Path("loop.pdf"), data)
    assert time.monotonic() - started < 10  # it held a worker for the whole limit before
    assert [f.code for f in result.findings] == ["INGEST_CORRUPT_FILE"]
    assert "refers to itself" in result.findings[0].message


def test_page_time_budget_stops_a_loop_the_guard_misses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "_guard_references", lambda _doc: None)
    monkeypatch.setattr(budget, "PAGE_SECONDS", 0.5)
    started = time.monotonic()
    result = parse_bytes(Path("loop.pdf"), reference_loop_pdf())
    assert time.monotonic() - started < 5
    assert [f.code for f in result.findings] == ["INGEST_CORRUPT_FILE"]
    assert "took longer than 0.5 s" in result.findings[0].message


def test_flate_bomb_pdf_is_the_memory_limit() -> None:
    with SandboxedParser(Limits(seconds=60, memory_mb=300)) as parser:
        result = parser.parse(Path("bomb.pdf"), flate_bomb_pdf())
        assert [f.code for f in result.findings] == ["INGEST_MEMORY_LIMIT"]
        after = parser.parse(Path("ok.txt"), GOOD_LAW.encode())  # a fresh worker goes on
    assert after.status is Status.OK


def test_glyph_code_text_is_not_stored() -> None:
    result = parse_bytes(Path("protected.pdf"), glyph_code_pdf())
    assert result.status is Status.FAILED
    assert [f.code for f in result.findings] == ["INGEST_UNREADABLE_TEXT"]
    assert "(cid:N)" in result.findings[0].message


def test_glyph_code_pages_are_left_out_of_a_readable_pdf() -> None:
    result = parse_bytes(Path("half.pdf"), half_glyph_code_pdf())
    assert result.status is Status.PARTIAL and result.document is not None
    assert "INGEST_UNREADABLE_TEXT" in {f.code for f in result.findings}
    assert "mines" in result.document.text and "(cid:" not in result.document.text


# --------------------------------------------------------------------------------------------
# Traditional characters and large plain text.

SIMPLIFIED = """示例安全生产条例

第一编 总则

第一章 一般规定

第一节 目的

第一条 为了加强安全生产工作，防止和减少生产安全事故，制定本条例。

第二条 本条例适用于本市行政区域内的生产经营单位。
依照前款规定，生产经营单位应当遵守本条例。

第二节 责任

第三条 生产经营单位应当履行下列职责：
（一）建立健全安全生产责任制；
（二）组织制定安全生产规章制度。

第二章 附则

第四条 本条例自发布之日起施行。
"""
TRADITIONAL = """示例安全生產條例

第一編 總則

第一章 一般規定

第一節 目的

第一條 為了加強安全生產工作，防止和減少生產安全事故，制定本條例。

第二條 本條例適用於本市行政區域內的生產經營單位。
依照前款規定，生產經營單位應當遵守本條例。

第二節 責任

第三條 生產經營單位應當履行下列職責：
（一）建立健全安全生產責任制；
（二）組織制定安全生產規章制度。

第二章 附則

第四條 本條例自發布之日起施行。
"""


def test_traditional_numbering_gives_the_simplified_structure() -> None:
    def shape(text: str, encoding: str) -> list[tuple[str, str]]:
        result = parse_bytes(Path("law.txt"), text.encode(encoding), {"work_id": "w"})
        assert result.document is not None
        sections, found = list(result.document.sections), []
        while sections:
            section = sections.pop(0)
            found.append((section.id, str(section.kind)))
            sections.extend(section.sections)
        return found + [(p.id, str(p.kind)) for p in result.document.all_provisions()]

    simplified = shape(SIMPLIFIED, "utf-8")
    assert {"w/part-1", "w/art-4", "w/art-3/item-2"} <= {i for i, _k in simplified}
    assert shape(TRADITIONAL, "big5") == simplified


def test_hard_wrapped_text_parses_in_linear_time() -> None:
    line = "生产经营单位应当建立健全全员安全生产责任制和安全生产规章制度加大对安全生产资金物资"
    data = ((line * 2)[:38] + "\n").encode() * 14_000  # 1.5 MB of one wrapped paragraph
    started = time.monotonic()
    result = parse_bytes(Path("wrapped.txt"), data)
    assert result.document is not None
    assert time.monotonic() - started < 5  # quadratic before: about 15 s


def test_default_limits_fit_the_largest_file() -> None:
    limits = Limits()
    # Measured in the worker (see Limits): up to 0.6 s and 20 MB of memory per MB of plain text.
    assert limits.seconds_for(limits.max_file_mb * 2**20) >= 0.6 * limits.max_file_mb * 3
    assert 20 * limits.max_file_mb <= 0.7 * limits.memory_mb
    assert limits.seconds_for(1024) == limits.seconds


# --------------------------------------------------------------------------------------------
# The whole batch through the CLI: exact codes, no traceback, the good file still stored.


@pytest.mark.reliability
def test_cli_batch_of_hostile_files(good_docx: bytes, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    expected = {name: code for name, (_make, code) in DOCX_CASES.items()}
    for name, (make, _code) in DOCX_CASES.items():
        (folder / name).write_bytes(make(good_docx))
    for name, data, code in (
        ("loop.pdf", reference_loop_pdf(), "INGEST_CORRUPT_FILE"),
        ("bomb.pdf", flate_bomb_pdf(), "INGEST_MEMORY_LIMIT"),
        ("protected.pdf", glyph_code_pdf(), "INGEST_UNREADABLE_TEXT"),
    ):
        (folder / name).write_bytes(data)
        expected[name] = code
    (folder / "zz_good.txt").write_text(GOOD_LAW, encoding="utf-8")
    done = run(
        "ingest",
        str(folder),
        "--json",
        "--no-index",
        "--time-limit",
        "30",
        "--memory-limit",
        "300",
        home=tmp_path / "workspace",
    )
    assert done.returncode == 1  # some files failed
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    assert not done.stderr.strip(), done.stderr
    lines = {Path(x["path"]).name: x for x in map(json.loads, done.stdout.splitlines())}
    got = {name: [f["code"] for f in line["findings"]][:1] for name, line in lines.items()}
    assert got == {**{n: [c] for n, c in expected.items()}, "zz_good.txt": got["zz_good.txt"]}
    assert lines["zz_good.txt"]["status"] == "OK" and lines["zz_good.txt"]["document_id"]
