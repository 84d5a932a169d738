"""Renamed authorities, kept as data with dates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from nlp.legal.renamings import find_old_names, load_renamings, renamings


def test_the_table_holds_the_2018_reform() -> None:
    table = {r.old: r for r in renamings()}
    assert table["安全生产监督管理部门"].new == "应急管理部门"
    assert table["国家安全生产监督管理总局"].new == "应急管理部"
    assert table["工商行政管理部门"].new == "市场监督管理部门"
    assert table["质量技术监督部门"].new == "市场监督管理部门"
    assert all(r.since >= date(2018, 3, 1) and r.note for r in table.values())
    assert all(r.old != r.new for r in table.values())


def test_old_names_after_the_renaming_date() -> None:
    text = "县级以上人民政府安全生产监督管理部门会同工商行政管理部门"
    found = find_old_names(text, on=date(2019, 1, 1))
    assert [(r.new, text[s:e]) for r, (s, e) in found] == [
        ("应急管理部门", "安全生产监督管理部门"),
        ("市场监督管理部门", "工商行政管理部门"),
    ]
    assert find_old_names(text, on=date(2015, 1, 1)) == []
    assert len(find_old_names(text)) == 2


def test_longest_name_wins_and_functions_are_not_bodies() -> None:
    (only,) = find_old_names("原国家安全生产监督管理总局")
    assert only[0].new == "应急管理部"
    assert find_old_names("负有安全生产监督管理职责的部门加强安全生产监督管理工作") == []


def test_english_old_names() -> None:
    (found,) = find_old_names("the State Administration of Work Safety shall")
    assert found[0].new == "Ministry of Emergency Management"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ('{"schema_version": 2, "renamings": []}', "schema_version"),
        ('{"schema_version": 1, "renamings": [{"old": "a", "new": "b"}]}', "lacks"),
    ],
)
def test_bad_tables_are_refused(raw: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_renamings(raw)


def test_known_old_names_in_local_regulations(shared_data: Path) -> None:
    # ../shared/data/README.md: 浙江 (2016), 重庆 (2015), 上海 (2018) still name the old body.
    rows = [
        json.loads(line) for line in (shared_data / "lawrefbook_safety" / "articles.jsonl").open()
    ]
    for title in ("浙江省安全生产条例", "重庆市安全生产条例", "上海市安全生产条例"):
        text = "\n".join(r["text"] for r in rows if r["doc_title"] == title)
        assert any(r.new.startswith("应急管理") for r, _ in find_old_names(text)), title
    law = "\n".join(r["text"] for r in rows if r["doc_title"] == "中华人民共和国安全生产法")
    assert find_old_names(law) == []
