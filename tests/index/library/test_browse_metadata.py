"""What the documents list and the metadata panel read (issue 18, problem 9): regions with one
spelling and 全国 for national texts, 地方政府规章 as a level, articles counted as articles, the
effective date of an amended text, and the articles related to one article."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.library.browse import (
    NATIONAL,
    article_counts,
    article_number,
    document_region,
    related_articles,
)
from index.store.database import Store
from ingest import load_document
from ingest.metadata import detect_metadata, normal_region
from tests.index.support import LAW_2024, PROVINCIAL, workspace

SAFETY_LAW_2021 = Path("lawrefbook_safety/docs/national_law/安全生产法(2021-06-10).md")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    opened, _, _ = workspace(tmp_path_factory.mktemp("browse-meta"))
    return opened


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("深圳", "深圳市"),
        ("深圳市", "深圳市"),
        ("浙江", "浙江省"),
        ("上海", "上海市"),
        ("广西", "广西壮族自治区"),
        ("示例省", "示例省"),
        ("Exampleland", "Exampleland"),
    ],
)
def test_a_place_has_one_spelling(written: str, normal: str) -> None:
    assert normal_region(written) == normal


@pytest.mark.parametrize(
    ("region", "level", "shown"),
    [
        (None, "national_law", NATIONAL),
        ("national", "national_law", NATIONAL),
        ("unknown", "administrative_regulation", NATIONAL),
        ("", "departmental_rule", NATIONAL),
        ("深圳", "local_regulation", "深圳市"),
        (None, "work_plan", None),
        ("unknown", "local_regulation", None),
        ("none", "work_plan", None),
        ("全国", None, NATIONAL),
    ],
)
def test_national_texts_are_national_not_unknown(
    region: str | None, level: str, shown: str | None
) -> None:
    assert document_region(region, level) == shown


def test_a_special_zone_text_is_in_its_city() -> None:
    meta = detect_metadata(
        "2022年6月23日 深圳市第七届人民代表大会常务委员会第十次会议通过",
        "第一条 为了……，制定本条例。",
        "深圳经济特区安全生产监督管理条例",
        Path("x.md"),
    )
    assert (meta["region"], meta["level"]) == ("深圳市", "local_regulation")


def test_a_peoples_government_order_is_a_local_government_rule() -> None:
    meta = detect_metadata(
        "示例市人民政府令第12号\n2023年5月4日 示例市人民政府第9次常务会议通过",
        "第一条 为了加强危险化学品安全管理，制定本办法。",
        "示例市危险化学品安全管理办法",
        Path("x.md"),
    )
    assert (meta["region"], meta["level"]) == ("示例市", "local_government_rule")


def test_the_2021_work_safety_law_is_not_effective_from_2002(shared_data: Path) -> None:
    """Its text keeps the 2002 clause ("本法自2002年11月1日起施行"); that date is the first
    version's, kept as first_effective, not this version's effective date."""
    meta = load_document(shared_data / SAFETY_LAW_2021).document.metadata
    assert meta["version_date"] == "2021-06-10"
    assert meta.get("effective") != "2002-11-01"
    assert meta["first_effective"] == "2002-11-01"


def test_an_effective_date_after_the_version_date_is_kept(shared_data: Path) -> None:
    law = shared_data / "lawrefbook_safety/docs/national_law/特种设备安全法(2013-06-29).md"
    meta = load_document(law).document.metadata
    assert (meta["version_date"], meta["effective"]) == ("2013-06-29", "2014-01-01")


def test_articles_are_counted_not_provisions(store: Store) -> None:
    counts = article_counts(store)
    provisions = {d["document_id"]: d["provisions"] for d in store.documents()}
    assert counts[LAW_2024] == 42 and provisions[LAW_2024] == 124
    plan = "示例省安全生产专项整治重点工作分工方案@2024-03-15"
    assert counts[plan] == 19  # a plan without articles: its top-level items and paragraphs


def test_related_articles_follow_citations_both_ways(store: Store) -> None:
    first = related_articles(store, PROVINCIAL, "示例省安全生产条例/art-1")
    assert [link.law for link in first.cites] == ["示例安全生产法"]
    assert first.cites[0].document_id == LAW_2024
    cited = related_articles(store, LAW_2024, "示例安全生产法/art-1")
    assert all(link.document_id != LAW_2024 for link in cited.cited_by)


@pytest.mark.parametrize(
    ("article", "printed"), [("21", "第二十一条"), ("119", "第一百一十九条"), ("第三条", "第三条")]
)
def test_a_cited_article_is_printed_in_chinese(article: str, printed: str) -> None:
    assert article_number(article) == printed
