"""Citations found inside legal texts: cited laws and articles, declared basis, name keys."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import Document, Provision, Section, load_document
from nlp.legal.article_refs import article_number
from nlp.legal.citations import Citation, basis_laws, find_citations, law_key

CORPUS = Path(__file__).resolve().parents[3] / "corpus"


def cited(text: str) -> list[tuple[str, str | None, int, bool, bool]]:
    """(law, article, sub, internal, basis) of each citation, for compact expectations."""
    return [(c.law, c.article, c.sub, c.internal, c.basis) for c in find_citations(text)]


def spans(text: str) -> list[str]:
    return [text[c.start : c.end] for c in find_citations(text)]


# --- Chinese --------------------------------------------------------------------------------------


def test_a_declared_basis_is_a_whole_law_citation() -> None:
    text = "为了预防危险作业事故，根据《中华人民共和国安全生产法》和有关法律、行政法规，结合本省实际，制定本条例。"
    assert cited(text) == [("中华人民共和国安全生产法", None, 0, False, True)]
    assert spans(text) == ["《中华人民共和国安全生产法》"]
    assert basis_laws(text) == ["中华人民共和国安全生产法"]


def test_every_law_named_after_the_cue_is_a_basis() -> None:
    text = "根据《中华人民共和国安全生产法》《中华人民共和国突发事件应对法》等法律，结合本市实际，制定本办法。"
    assert basis_laws(text) == ["中华人民共和国安全生产法", "中华人民共和国突发事件应对法"]


def test_a_basis_named_twice_is_listed_once() -> None:
    text = "依据《中华人民共和国消防法》、《消防法（2021年修正）》，制定本规定。"
    assert basis_laws(text) == ["中华人民共和国消防法"]


def test_implementing_a_law_declares_it_but_taking_a_plan_into_account_does_not() -> None:
    text = "为了贯彻实施《中华人民共和国职业病防治法》，结合《示例省职业健康规划》，制定本细则。"
    assert cited(text) == [
        ("中华人民共和国职业病防治法", None, 0, False, True),
        ("示例省职业健康规划", None, 0, False, False),
    ]


def test_applying_a_law_in_a_penalty_is_no_basis() -> None:
    text = "生产经营单位有前款行为的，依照《中华人民共和国行政处罚法》第三十二条、第三十三条的规定处理。"
    assert cited(text) == [
        ("中华人民共和国行政处罚法", "32", 0, False, False),
        ("中华人民共和国行政处罚法", "33", 0, False, False),
    ]
    # one expression, one span for each of its articles, holding the law's name
    assert spans(text) == ["《中华人民共和国行政处罚法》第三十二条、第三十三条"] * 2
    assert basis_laws(text) == []


def test_paragraph_and_item_belong_to_the_span_not_to_the_number() -> None:
    text = "违反《危险化学品安全管理条例》第二十四条第二款第（三）项规定的，责令改正。"
    assert cited(text) == [("危险化学品安全管理条例", "24", 0, False, False)]
    assert spans(text) == ["《危险化学品安全管理条例》第二十四条第二款第（三）项"]


def test_a_list_of_articles_and_paragraphs_gives_one_citation_per_article() -> None:
    text = "违反本条例第十八条第一项、第四项或者第十九条第一款、第二款规定的，处一万元罚款。"
    assert cited(text) == [("", "18", 0, True, False), ("", "19", 0, True, False)]
    assert spans(text) == ["本条例第十八条第一项、第四项或者第十九条第一款、第二款"] * 2


def test_a_range_is_expanded() -> None:
    text = "有本法第二十条至第二十三条规定情形的，从重处罚。"
    assert [c.article for c in find_citations(text)] == ["20", "21", "22", "23"]


def test_a_range_too_long_to_be_a_list_keeps_its_ends() -> None:
    text = "依照《示例法》第1条至第120条执行。"
    assert [c.article for c in find_citations(text)] == ["1", "120"]


def test_an_inserted_article_has_a_sub_number() -> None:
    text = "依照《中华人民共和国刑法》第一百三十四条之一的规定追究刑事责任。"
    assert cited(text) == [("中华人民共和国刑法", "134", 1, False, False)]


@pytest.mark.parametrize(
    ("text", "article"),
    [
        ("违反本法第九条规定，未设置安全生产管理机构的", "9"),
        ("依照本条例第四十条的规定处罚", "40"),
        ("本办法第3条所称重大危险源", "3"),
        ("违反本规定第五条规定的", "5"),
        ("本实施细则第十二条另有规定的除外", "12"),
    ],
)
def test_the_text_citing_its_own_article_is_internal(text: str, article: str) -> None:
    assert cited(text) == [("", article, 0, True, False)]


@pytest.mark.parametrize(
    "text",
    [
        "有前款规定情形的，依照前条处理。",
        "本条第一款所称单位，包括个体经营者。",
        "本法规定的生产安全事故分为四级。",  # the whole text citing itself: not reported
        "依照第二十一条规定执行。",  # a bare article number names no law
        "依照香港特别行政区基本法第十八条的规定。",  # 基本法 is not 本法
        "经营单位应当持有《安全生产许可证》和《营业执照》。",  # documents, not laws
        "（以下简称《矿山安全法》）",  # an abbreviation being defined
        "依照安全生产法的规定执行。",  # no 《》
        "",
    ],
)
def test_what_is_not_a_citation(text: str) -> None:
    assert find_citations(text) == []


@pytest.mark.parametrize(
    "title",
    [
        "生产安全事故报告和调查处理条例",
        "工贸企业有限空间作业安全规定（2023年修订）",
        "煤矿安全规程",
        "中华人民共和国民法典",
        "中华人民共和国刑法修正案（十一）",
        "关于修改〈示例市河道管理条例〉等五件地方性法规的决定",
        "示例市安全生产专项整治三年行动实施方案",
    ],
)
def test_titles_of_laws_and_official_documents_are_cited(title: str) -> None:
    assert cited(f"按照《{title}》执行。") == [(title, None, 0, False, False)]


def test_a_defined_abbreviation_is_not_cited_again_but_its_later_use_is() -> None:
    text = (
        "根据《中华人民共和国矿山安全法》（以下简称《矿山安全法》），结合本市实际，制定本办法。\n"
        "矿山企业违反《矿山安全法》第二十条规定的，责令改正。"
    )
    assert cited(text) == [
        ("中华人民共和国矿山安全法", None, 0, False, True),
        ("矿山安全法", "20", 0, False, False),
    ]


def test_the_constitution_is_cited_without_brackets() -> None:
    text = "为了加强安全生产工作，根据宪法，制定本法。"
    assert basis_laws(text) == ["宪法"]


def test_citations_come_in_text_order() -> None:
    text = "违反本条例第七条，依照《示例法》第九十条处罚；违反《示例规定》第三条的，依照本条例第二条处理。"
    assert [c.start for c in find_citations(text)] == sorted(c.start for c in find_citations(text))
    assert [c.law or c.article for c in find_citations(text)] == ["7", "示例法", "示例规定", "2"]


# --- English --------------------------------------------------------------------------------------


def test_an_english_article_of_a_named_act() -> None:
    text = "An operator that breaches Article 21 of the Work Safety Act shall be fined."
    assert cited(text) == [("Work Safety Act", "21", 0, False, False)]
    assert spans(text) == ["Article 21 of the Work Safety Act"]


def test_english_lists_and_ranges_give_one_citation_per_section() -> None:
    assert [c.article for c in find_citations("See sections 5 and 6 of the Mines Act.")] == [
        "5",
        "6",
    ]
    text = "Sections 4 to 7 and 9(2)(b) of the Factories Ordinance apply."
    assert [(c.law, c.article) for c in find_citations(text)] == [
        ("Factories Ordinance", n) for n in ("4", "5", "6", "7", "9")
    ]


def test_an_english_article_of_this_act_is_internal() -> None:
    text = "The penalties in Article 12 of this Act do not apply under this Act to workers."
    assert cited(text) == [("", "12", 0, True, False)]


@pytest.mark.parametrize(
    ("text", "law"),
    [
        ("Operators shall comply with the Work Safety Act.", "Work Safety Act"),
        ("as required by the Law on Work Safety.", "Law on Work Safety"),
        (
            "under the Regulations on the Reporting, Investigation and Handling of Accidents.",
            "Regulations on the Reporting, Investigation and Handling of Accidents",
        ),
        (
            "the Law of the People's Republic of China on Work Safety applies",
            "Law of the People's Republic of China on Work Safety",
        ),
        ("The Mine Safety and Health Act of 1977 applies.", "Mine Safety and Health Act of 1977"),
        ("Under the Exampleland Labour Code, overtime is paid.", "Exampleland Labour Code"),
    ],
)
def test_a_capitalised_title_is_a_whole_law_citation(text: str, law: str) -> None:
    assert cited(text) == [(law, None, 0, False, False)]


def test_two_titles_joined_by_and_are_two_citations() -> None:
    text = "in accordance with the Law on Work Safety and the Fire Services Act"
    assert [c.law for c in find_citations(text)] == ["Law on Work Safety", "Fire Services Act"]


@pytest.mark.parametrize(
    "text",
    [
        "Operators shall observe laws and regulations and the law.",
        "The Act applies to every operator. This Act enters into force on 1 July.",
        "Relevant Laws and Regulations shall prevail.",
        "The Administrative Law Judge shall decide.",  # a capitalised word continues the noun
        "as amended by Public Law 91-230",
        "set out in Article 6, the department shall act",  # bare article: law implicit
    ],
)
def test_what_is_not_an_english_citation(text: str) -> None:
    assert find_citations(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "These Regulations are formulated in accordance with the Work Safety Law and other laws.",
        "Pursuant to the Work Safety Law, this Regulation is enacted.",
        "In accordance with the Work Safety Law and in light of local conditions, the province"
        " formulates these Measures.",
    ],
)
def test_an_english_basis_declaration(text: str) -> None:
    assert basis_laws(text) == ["Work Safety Law"]


def test_pursuant_to_in_a_penalty_is_no_english_basis() -> None:
    text = "The operator shall be fined pursuant to Article 90 of the Work Safety Law."
    assert cited(text) == [("Work Safety Law", "90", 0, False, False)]


# --- keys -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("《中华人民共和国安全生产法》", "安全生产法（2021年修正）"),
        ("危险化学品安全管理条例（2013年修订）", "危险化学品安全管理条例"),
        ("安全生产 法", "安全生产法"),
        ("the Work Safety Act", "Work  Safety ACT"),
        ("Mine Safety Law of the People’s Republic of China", "Mine Safety Law"),
        ("Work Safety Act (2021 Amendment)", "work safety act"),
    ],
)
def test_spellings_of_one_law_share_a_key(a: str, b: str) -> None:
    assert law_key(a) == law_key(b)


def test_different_laws_and_numbered_amendments_keep_their_keys() -> None:
    assert law_key("刑法修正案（十一）") != law_key("刑法修正案（十）")
    assert law_key("矿山安全法") != law_key("矿山安全法实施条例")


def test_a_citation_checks_its_fields() -> None:
    with pytest.raises(ValueError, match="span"):
        Citation("示例法", None, 0, 5, 2)
    with pytest.raises(ValueError, match="internal"):
        Citation("示例法", "3", 0, 0, 2, internal=True)


# --- properties -----------------------------------------------------------------------------------

_FRAGMENTS = (
    "《中华人民共和国安全生产法》",
    "《安全生产许可证》",
    "《示例规定（2020年修正）》",
    "《",
    "》",
    "第二十一条",
    "第21条",
    "之一",
    "第二款",
    "第（三）项",
    "、",
    "至",
    "和",
    "本法",
    "本条例",
    "根据",
    "结合本省实际",
    "制定本条例",
    "。",
    "\n",
    " ",
    "Article 5",
    "sections 5 and 6",
    " to 9",
    " of ",
    "the ",
    "this Act",
    "Work Safety Act",
    "Law on Work Safety",
    "The",
    "pursuant to ",
    "these Regulations are formulated",
    ", ",
    "and ",
    "Relevant Laws and Regulations",
)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=25).map("".join))
def test_spans_hold_the_cited_law(text: str) -> None:
    found = find_citations(text)
    assert [c.start for c in found] == sorted(c.start for c in found)
    for c in found:
        assert 0 <= c.start < c.end <= len(text)
        assert c.law in text[c.start : c.end]
        assert c.internal == (c.law == "")
        assert not (c.internal and c.basis)


@settings(max_examples=300)
@given(st.text())
def test_any_text_is_scanned_without_error(text: str) -> None:
    for c in find_citations(text):
        assert 0 <= c.start <= c.end <= len(text)
        assert c.law in text[c.start : c.end]
    assert isinstance(basis_laws(text), list)


# --- the bundled corpus and real regulations ------------------------------------------------------


def articles_of(document: Document) -> set[str]:
    def walk(sections: Iterable[Section]) -> Iterator[Provision]:
        for section in sections:
            yield from section.provisions
            yield from walk(section.sections)

    return {n[0] for p in walk(document.sections) if (n := article_number(p.number))}


@pytest.mark.parametrize("name", ["zh_provincial_rule.docx", "zh_national_law_2024.md"])
def test_internal_citations_in_the_corpus_point_at_existing_articles(name: str) -> None:
    document = load_document(CORPUS / name).document
    assert document is not None
    internal = {c.article for c in find_citations(document.text) if c.internal}
    assert internal
    assert internal <= articles_of(document)


def test_the_sample_provincial_rule_declares_its_upper_law() -> None:
    document = load_document(CORPUS / "zh_provincial_rule.docx").document
    assert document is not None
    assert basis_laws(document.text) == ["示例安全生产法"]


def test_local_work_safety_regulations_declare_the_work_safety_law(shared_data: Path) -> None:
    # Measured on LawRefBook: 15 of the 42 local regulations declare 安全生产法, because most of
    # the others are fireworks, occupational-disease or special-equipment rules made on their own
    # upper laws. All 12 whose title is about 安全生产 declare it, and every one of the 38 whose
    # first article names a law in 《》 yields at least one basis (the other 4 say only "根据国家
    # 有关法律、法规").
    files = sorted((shared_data / "lawrefbook_safety" / "docs" / "local_regulation").glob("*.md"))
    assert len(files) >= 40
    texts = {f.name: f.read_text(encoding="utf-8") for f in files}
    bases = {name: [law_key(b) for b in basis_laws(text)] for name, text in texts.items()}

    work_safety = [name for name in texts if "安全生产" in name.split("(")[0]]
    declaring = [name for name in work_safety if "安全生产法" in bases[name]]
    assert len(work_safety) >= 10
    assert len(declaring) >= 0.9 * len(work_safety), sorted(set(work_safety) - set(declaring))

    naming = [name for name, text in texts.items() if "《" in _first_article(text)]
    with_basis = [name for name in naming if bases[name]]
    assert len(with_basis) >= 0.9 * len(naming), sorted(set(naming) - set(with_basis))

    overall = sum("安全生产法" in keys for keys in bases.values()) / len(bases)
    assert 0.25 <= overall <= 0.5  # 15/42 at LawRefBook 2f4c5c23


def _first_article(text: str) -> str:
    return next((line for line in text.splitlines() if line.startswith("第一条")), "")
