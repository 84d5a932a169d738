"""Measured on real documents in ../shared/data (skipped where it is absent)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from ingest import ProvisionKind, Status, load_corpus, load_document


@pytest.fixture(scope="module")
def lawrefbook(shared_data: Path) -> dict[str, object]:
    docs = shared_data / "lawrefbook_safety" / "docs"
    return {Path(r.path).name: r for r in load_corpus([docs], sandbox=False)}


def test_every_article_of_lawrefbook_is_recovered(lawrefbook: dict, shared_data: Path) -> None:
    gold: dict[str, list[str]] = defaultdict(list)
    for line in (shared_data / "lawrefbook_safety" / "articles.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        gold[row["doc_path"].rsplit("/", 1)[-1]].append(row["article_no"])
    assert len(lawrefbook) == 73
    for name, result in lawrefbook.items():
        assert result.status is Status.OK, (name, [f.code for f in result.findings])
        got = [p.number for p in result.document.articles() if p.kind is ProvisionKind.ARTICLE]
        assert got == gold[name], name


def test_versions_dates_and_levels_from_the_header(lawrefbook: dict) -> None:
    by_work: dict[str, list[str]] = defaultdict(list)
    for r in lawrefbook.values():
        by_work[r.document.work_id].append(r.document.id)
    assert sorted(by_work["北京市安全生产条例"]) == [
        "北京市安全生产条例@2016-11-25",
        "北京市安全生产条例@2022-05-25",
    ]
    assert sorted(by_work["突发事件应对法"]) == [
        "突发事件应对法@2007-08-30",
        "突发事件应对法@2024-06-28",
    ]
    law = lawrefbook["安全生产法(2021-06-10).md"].document
    assert law.metadata["level"] == "national_law"
    assert law.metadata["promulgated"] == "2002-06-29"
    assert law.metadata["version_date"] == "2021-06-10"
    henan = lawrefbook["河南省安全生产条例(2010-07-30).md"].document  # file name lies: 2019 text
    assert henan.metadata["version_date"] == "2019-05-31"
    assert henan.metadata["region"] == "河南省"
    levels = {r.document.metadata.get("level") for r in lawrefbook.values()}
    assert levels == {
        "national_law",
        "administrative_regulation",
        "departmental_rule",
        "local_regulation",
        "judicial_interpretation",
    }
    wrong = [n for n, r in lawrefbook.items() if r.document.metadata.get("level") != _kind(r.path)]
    assert not wrong


def _kind(path: str) -> str:
    return Path(path).parent.name


def test_chapters_and_heading_paths(lawrefbook: dict) -> None:
    law = lawrefbook["安全生产法(2021-06-10).md"].document
    assert [s.number for s in law.sections] == [f"第{n}章" for n in "一二三四五六七"]
    art21 = next(p for p in law.articles() if p.number == "第二十一条")
    assert art21.id == "安全生产法/art-21"
    assert art21.heading_path == ("安全生产法", "第二章", "第二十一条")
    assert [c.number for c in art21.children][:2] == ["（一）", "（二）"]


def test_seed_plan_has_seven_parts_and_a_trailer(seed_file: Path) -> None:
    result = load_document(seed_file)
    doc = result.document
    assert [s.number for s in doc.sections] == [
        "First",
        "Two",
        "Third",
        "Fourth",
        "Five",
        "Six",
        "Seven",
    ]
    assert [len(s.provisions) for s in doc.sections] == [3, 3, 3, 4, 6, 3, 3]
    assert len(doc.trailer) == 1 and "bidding" in doc.trailer[0].text
    assert "INGEST_TRAILING_TEXT" in {f.code for f in result.findings}
    assert doc.metadata["level"] == "work_plan"
    body = "".join(p.text for s in doc.sections for p in s.provisions)
    assert "bidding" not in body


def test_ecfr_parts_and_sections(shared_data: Path) -> None:
    root = shared_data / "ecfr_safety"
    gold = {json.loads(line)["section"] for line in (root / "sections.jsonl").open()}
    found: set[str] = set()
    for md in sorted(root.glob("*.md")):
        doc = load_document(md).document
        found |= {p.number.removeprefix("§ ") for p in doc.articles()}
    assert gold <= found
