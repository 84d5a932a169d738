"""Defined terms in Chinese and English text, and in the real Work Safety Law."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.legal.terms import collect_terms, find_terms
from nlp.versions.compare import ArticleText

CASES = [
    (
        "本法所称生产经营单位，是指从事生产经营活动的企业。",
        [("生产经营单位", "从事生产经营活动的企业")],
    ),
    (
        "本条例下列用语的含义：（一）危险作业，是指高处作业；（二）“有限空间”，是指封闭场所。",
        [("危险作业", "高处作业"), ("有限空间", "封闭场所")],
    ),
    ("重大危险源是指危险物品的单元。", [("重大危险源", "危险物品的单元")]),
    (
        "前款所称重大事故隐患，是指危害和整改难度较大的隐患。",
        [("重大事故隐患", "危害和整改难度较大的隐患")],
    ),
    (
        "Employer, means any person who employs workers.",
        [("Employer", "any person who employs workers")],
    ),
    (
        "“Worker” means a person employed under a contract.",
        [("Worker", "a person employed under a contract")],
    ),
    (
        "For the purposes of this Act, hazardous substance means any substance listed in Schedule 1. Other text.",
        [("hazardous substance", "any substance listed in Schedule 1")],
    ),
    (
        'In this Act:\n(a) "employer" means a person; and\n(b) "worker" means an individual.',
        [("employer", "a person"), ("worker", "an individual")],
    ),
    ("生产经营单位应当具备安全生产条件。", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_terms(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_terms(text)
    assert [(t.term, t.definition) for t in found] == expected
    for t in found:
        assert text[t.term_span[0] : t.term_span[1]] == t.term


def test_collect_terms_marks_the_article() -> None:
    articles = [
        ArticleText("law/art-1", "第一条", "为了加强安全生产工作，制定本法。"),
        ArticleText("law/art-2", "第二条", "本法所称从业人员，是指在生产经营单位工作的人员。"),
    ]
    (term,) = collect_terms(articles)
    assert (term.term, term.article, term.number) == ("从业人员", 1, "第二条")


def test_terms_of_the_work_safety_law(shared_data: Path) -> None:
    rows = [
        json.loads(line) for line in (shared_data / "lawrefbook_safety" / "articles.jsonl").open()
    ]
    law = [
        r["text"]
        for r in rows
        if r["doc_title"] == "中华人民共和国安全生产法"
        and str(r["version_date"]).startswith("2021")
    ]
    terms = collect_terms(law)
    # art. 117 defines exactly these two
    assert [t.term for t in terms] == ["危险物品", "重大危险源"]
    assert terms[0].definition.startswith("易燃易爆物品、危险化学品、放射性物品")
    assert terms[1].definition.endswith("的单元（包括场所和设施）")
    assert terms[0].article == 116


def test_accident_grades_of_the_reporting_regulation(shared_data: Path) -> None:
    rows = [
        json.loads(line) for line in (shared_data / "lawrefbook_safety" / "articles.jsonl").open()
    ]
    law = [r["text"] for r in rows if r["doc_title"] == "生产安全事故报告和调查处理条例"]
    terms = [t.term for t in collect_terms(law)]
    assert terms[:4] == ["特别重大事故", "重大事故", "较大事故", "一般事故"]
