"""Citations of one article in a query, and English names of Chinese laws."""

from __future__ import annotations

import pytest

from nlp.legal.article_refs import ArticleRef, article_number, parse_article_ref
from nlp.legal.law_names import chinese_title


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("安全生产法第二十一条", ArticleRef("安全生产法", "21")),
        ("《安全生产法》第二十一条", ArticleRef("安全生产法", "21")),
        ("安全生产法第21条规定", ArticleRef("安全生产法", "21")),
        ("消防法第十五条之一", ArticleRef("消防法", "15", 1)),
        ("Article 21 of the Work Safety Law", ArticleRef("Work Safety Law", "21")),
        ("Work Safety Law Article 21", ArticleRef("Work Safety Law", "21")),
        ("section 5 of the Mine Act", ArticleRef("Mine Act", "5")),
        ("§ 56.1000", ArticleRef("", "56.1000")),
    ],
)
def test_a_query_naming_one_article_is_read(query: str, expected: ArticleRef) -> None:
    assert parse_article_ref(query) == expected


@pytest.mark.parametrize(
    "query",
    [
        "生产安全事故发生后多长时间内必须报告",
        "what is the fine for a company that fails to set up a safety management body",
        "第二十一条",  # no law named: an ordinary search
        "",
    ],
)
def test_other_queries_are_not_citations(query: str) -> None:
    assert parse_article_ref(query) is None


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("第二十一条", ("21", 0)),
        ("第一百零五条", ("105", 0)),
        ("第十五条之一", ("15", 1)),
        ("Article 8", ("8", 0)),
        ("§ 56.1000 Definitions.", ("56.1000", 0)),
        ("（三）", None),
    ],
)
def test_printed_article_numbers_compare(printed: str, expected: tuple[str, int] | None) -> None:
    assert article_number(printed) == expected


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("the Law of the People's Republic of China on Work Safety", "安全生产法"),
        ("Safety Production Law", "安全生产法"),
        ("the Law on Work Safety", "安全生产法"),
        ("Mine Safety Law of the People's Republic of China", "矿山安全法"),
        ("Fire Protection Law", "消防法"),
        ("Exampleland Work Safety Act", None),
    ],
)
def test_english_names_of_chinese_laws(english: str, chinese: str | None) -> None:
    assert chinese_title(english) == chinese
