"""The data model: JSON round trips, schema versions, span checks and the status rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.errors import FINDING_CODES, finding
from ingest.model import (
    SCHEMA_VERSION,
    Document,
    Finding,
    IngestResult,
    Provision,
    ProvisionKind,
    Section,
    SectionKind,
    Severity,
    SourceFile,
    SourceSpan,
    Status,
    text_hash,
)
from ingest.parse import parse_bytes

LAW = (
    "中华人民共和国示例安全法\n"
    "（2021年6月10日第十三届全国人民代表大会常务委员会第二十九次会议通过）\n\n"
    "第一章 总则\n\n"
    "第一条 为了加强安全生产工作，制定本法。\n\n"
    "第二条 生产经营单位应当：\n（一）建立制度；\n（二）组织培训。\n\n"
    "生产经营单位的主要负责人对本单位安全生产工作全面负责。\n\n"
    "第二章 附则\n\n"
    "第三条 本法自2021年9月1日起施行。\n"
)


@pytest.fixture(scope="module")
def document() -> Document:
    result = parse_bytes(Path("x.txt"), LAW.encode("utf-8"))
    assert result.status is Status.OK, result.findings
    assert result.document is not None
    return result.document


def test_parsed_document_shape(document: Document) -> None:
    assert document.id == "示例安全法@2021-06-10"
    assert document.work_id == "示例安全法"
    assert document.schema_version == SCHEMA_VERSION
    assert [p.id for p in document.articles()] == [
        "示例安全法/art-1",
        "示例安全法/art-2",
        "示例安全法/art-3",
    ]
    ids = [p.id for p in document.all_provisions()]
    assert ids[:2] == ["示例安全法/preamble-1", "示例安全法/preamble-2"]
    assert "示例安全法/art-2/para-1/item-2" in ids
    assert "示例安全法/art-2/para-2" in ids
    for p in document.all_provisions():
        assert document.text[p.span.start : p.span.end] == p.text
    starts = [p.span.start for p in document.all_provisions()]
    assert starts == sorted(starts)


def test_round_trip_through_json(document: Document) -> None:
    data = json.loads(json.dumps(document.to_dict(), ensure_ascii=False))
    again = Document.from_dict(data)
    assert again == document
    assert again.to_dict() == document.to_dict()
    assert [p.text_hash for p in again.all_provisions()] == [
        p.text_hash for p in document.all_provisions()
    ]


def test_to_dict_keys(document: Document) -> None:
    data = document.to_dict()
    assert set(data) == {
        "schema_version",
        "document_id",
        "work_id",
        "title",
        "metadata",
        "source",
        "text",
        "preamble",
        "sections",
        "provisions",
        "trailer",
    }
    sec = data["sections"][0]
    assert sec["section_id"] == "示例安全法/ch-1" and sec["kind"] == "chapter"
    art = sec["provisions"][0]
    assert set(art) == {
        "provision_id",
        "kind",
        "number",
        "title",
        "text",
        "span",
        "heading_path",
        "children",
    }
    assert art["heading_path"] == ["示例安全法", "第一章", "第一条"]


@pytest.mark.parametrize("version", [None, 0, 2, "1"])
def test_unknown_schema_version_is_refused(document: Document, version: object) -> None:
    data = document.to_dict()
    if version is None:
        del data["schema_version"]
    else:
        data["schema_version"] = version
    with pytest.raises(ValueError, match="re-ingest the source file") as info:
        Document.from_dict(data)
    assert f"schema_version {version!r} is not supported" in str(info.value)
    assert f"expected {SCHEMA_VERSION}" in str(info.value)


def test_document_rejects_text_that_does_not_match_span(document: Document) -> None:
    data = document.to_dict()
    data["sections"][0]["provisions"][0]["text"] = "篡改的文本"
    with pytest.raises(ValueError, match="does not match its span"):
        Document.from_dict(data)


def test_source_span_validation() -> None:
    assert SourceSpan(0, 0).to_dict() == {"start": 0, "end": 0, "page": None}
    assert SourceSpan(3, 7, 2).page == 2
    for start, end in ((-1, 2), (5, 4)):
        with pytest.raises(ValueError, match="bad span"):
            SourceSpan(start, end)
    outer, inner = SourceSpan(0, 10), SourceSpan(2, 10)
    assert outer.contains(inner) and not inner.contains(outer)
    assert SourceSpan.from_dict({"start": "1", "end": "4"}) == SourceSpan(1, 4)
    assert SourceSpan.from_dict(SourceSpan(1, 4, 3).to_dict()) == SourceSpan(1, 4, 3)


def test_finding_round_trip() -> None:
    full = Finding(
        "INGEST_DUPLICATE_NUMBER",
        Severity.WARNING,
        "dup",
        "d@1",
        "d/art-2~2",
        SourceSpan(1, 5, 1),
        ("d/art-2",),
    )
    assert Finding.from_dict(json.loads(json.dumps(full.to_dict()))) == full
    bare = Finding("INGEST_NO_STRUCTURE", Severity.WARNING, "none")
    assert bare.to_dict() == {
        "code": "INGEST_NO_STRUCTURE",
        "severity": "warning",
        "message": "none",
    }
    assert Finding.from_dict(bare.to_dict()) == bare


def test_finding_helper_uses_catalogue_severity() -> None:
    for code, (severity, _) in FINDING_CODES.items():
        assert finding(code, "m").severity is severity
    with pytest.raises(ValueError, match="unknown finding code"):
        finding("NOT_A_CODE", "m")


def _doc() -> Document:
    return Document("w@1", "w", "W", "t", SourceFile("p", "s", "text/plain"))


@pytest.mark.parametrize(
    ("has_document", "severities", "status"),
    [
        (False, [], Status.FAILED),
        (False, [Severity.INFO], Status.FAILED),
        (True, [], Status.OK),
        (True, [Severity.INFO, Severity.INFO], Status.OK),
        (True, [Severity.INFO, Severity.WARNING], Status.PARTIAL),
        (True, [Severity.ERROR], Status.PARTIAL),
    ],
)
def test_status_for(has_document: bool, severities: list[Severity], status: Status) -> None:
    findings = tuple(Finding("X", s, "m") for s in severities)
    assert IngestResult.status_for(_doc() if has_document else None, findings) is status


def test_text_hash_ignores_white_space() -> None:
    assert text_hash("第一条 甲\n乙") == text_hash("第一条甲乙")
    assert text_hash("甲") != text_hash("乙")


def test_tree_walks_in_document_order() -> None:
    text = "第一章 总则\n第一条 甲：\n（一）子项。\n第二条 乙。"

    def span(part: str) -> SourceSpan:
        start = text.index(part)
        return SourceSpan(start, start + len(part))

    item = Provision(
        "w/art-1/item-1", ProvisionKind.ITEM, "（一）", "（一）子项。", span("（一）子项。")
    )
    art1 = Provision(
        "w/art-1",
        ProvisionKind.ARTICLE,
        "第一条",
        "第一条 甲：\n（一）子项。",
        span("第一条 甲：\n（一）子项。"),
        children=(item,),
    )
    art2 = Provision("w/art-2", ProvisionKind.ARTICLE, "第二条", "第二条 乙。", span("第二条 乙。"))
    sec = Section(
        "w/ch-1", SectionKind.CHAPTER, "第一章", "第一章 总则", span(text), provisions=(art1, art2)
    )
    doc = Document("w@1", "w", "W", text, SourceFile("p", "s", "text/plain"), sections=(sec,))
    assert [p.id for p in doc.all_provisions()] == ["w/art-1", "w/art-1/item-1", "w/art-2"]
    assert [p.id for p in doc.articles()] == ["w/art-1", "w/art-2"]
    assert [p.id for p in art1.walk()] == ["w/art-1", "w/art-1/item-1"]
    assert Section.from_dict(sec.to_dict()) == sec
    assert Document.from_dict(doc.to_dict()) == doc
