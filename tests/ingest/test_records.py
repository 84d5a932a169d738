"""Documents built from records that are already split into articles."""

from __future__ import annotations

from pathlib import Path

from index import open_store
from ingest.records import ArticleRecord, document_from_records


def _law(title: str, work_id: str) -> object:
    return document_from_records(
        work_id=work_id,
        version="2020-01-01",
        title=title,
        articles=[
            ArticleRecord("art-1", "第一条", "第一条 为了加强管理，制定本规定。", (title,)),
            ArticleRecord("art-2", "第二条", "第二条 本规定自公布之日起施行。", (title,)),
        ],
        metadata={"language": "zh", "status": "in_force"},
    )


def test_records_become_a_document_with_spans_and_ids() -> None:
    result = _law("示例规定", "示例规定")
    doc = result.document
    assert doc is not None and doc.id == "示例规定@2020-01-01"
    assert [p.id for p in doc.provisions] == ["示例规定/art-1", "示例规定/art-2"]
    for p in doc.provisions:
        assert doc.text[p.span.start : p.span.end] == p.text
    assert result.status == "OK" and result.sha256 == doc.source.sha256


def test_same_wording_under_two_titles_stays_two_documents(tmp_path: Path) -> None:
    a, b = _law("甲规定", "jia"), _law("乙规定", "yi")
    assert a.sha256 != b.sha256
    with open_store(tmp_path) as store:
        assert store.write(a).changed and store.write(b).changed
        assert not store.write(_law("甲规定", "jia")).changed  # the same records again: no-op
        assert store.counts()["documents"] == 2
