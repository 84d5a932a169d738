"""Study packs and "what changed" on the sample corpus: every entry cites a stored article, key
provisions carry no near-duplicates, items pass the gate, a seed fixes the pack, and the 2019 →
2024 briefing of 示例安全生产法 names the changed fines with their old and new amounts."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

from index.search.engine import Filters, SearchEngine
from index.store.database import NotFoundError, Store
from index.study.changes import _briefing, new_duties, study_changes
from index.study.packs import pack_for_document, pack_for_query
from index.study.provisions import NEAR_DUPLICATE, bigrams, key_provisions
from index.study.sources import SourcedArticle
from nlp.quiz.gate import gate
from nlp.quiz.quality import provision_kind
from nlp.text import jaccard
from nlp.versions.compare import ArticleChange, ArticleText, article_body
from tests.index.support import LAW_2019, LAW_2024, workspace

DUPLICATE_TOPIC = "事故隐患 排查治理"  # hits include a local rule restating another's article


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("study") / "workspace"
    store, _, _ = workspace(path)
    store.close()
    return path


@pytest.fixture(scope="module")
def engine(home: Path) -> SearchEngine:
    engine = SearchEngine.open(home)
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def store(engine: SearchEngine) -> Store:
    return engine.store


@pytest.fixture(scope="module")
def law_pack(store: Store):
    return pack_for_document(store, "示例安全生产法", items=20, seed=1)


def text_of(store: Store, document_id: str, provision_id: str) -> str:
    return store.provision(document_id, provision_id)["text"]


def test_document_pack_cites_stored_articles_of_the_version_in_force(store, law_pack) -> None:
    data = law_pack.to_dict()
    cited = [(p["document_id"], p["provision_id"]) for p in data["provisions"]]
    cited += [(t["document_id"], t["source_id"]) for t in data["terms"] + data["figures"]]
    cited += [(d["document_id"], d["source_id"]) for g in data["duties"] for d in g["duties"]]
    cited += [(i["document_id"], i["source_id"]) for i in data["items"]]
    assert {doc for doc, _ in cited} == {LAW_2024}
    for doc, provision in set(cited):
        assert text_of(store, doc, provision)
    assert len(data["provisions"]) == 10
    assert len(data["items"]) == 20


def test_every_item_passes_the_gate_against_its_stored_article(store, law_pack) -> None:
    assert law_pack.items
    for item in law_pack.items:
        assert gate(item.quiz, text_of(store, item.document_id, item.quiz.source_id)) == []
        stored = store.provision(item.document_id, item.quiz.source_id)
        assert item.number == stored["number"]
    assert law_pack.gate["passed"] >= len(law_pack.items)
    assert 0 < law_pack.gate["pass_rate"] <= 1


def test_items_spread_over_the_four_types(law_pack) -> None:
    types = [i.quiz.type for i in law_pack.items]
    assert {t: types.count(t) for t in set(types)} == {
        "single": 5,
        "multiple": 5,
        "true_false": 5,
        "fill_blank": 5,
    }


def test_outline_follows_the_chapters_in_document_order(law_pack) -> None:
    headings = [e.headings[-1] for e in law_pack.outline]
    assert headings[:2] == ["第一章 总则", "第二章 生产经营单位的安全生产保障"]
    numbers = [n for e in law_pack.outline for _, n in e.provisions]
    assert numbers[:3] == ["第一条", "第二条", "第三条"]
    assert len(numbers) == len(set(numbers)) == 42


def test_terms_duties_and_figures_carry_their_articles(law_pack) -> None:
    terms = {t.label: t for t in law_pack.terms}
    assert terms["重大危险源"].number == "第六条"
    assert "临界量" in terms["重大危险源"].text
    bearers = dict(law_pack.duties)
    assert "" not in bearers
    assert any(d.number == "第八条" for d in bearers["生产经营单位的主要负责人"])
    report = [f for f in law_pack.figures if f.text == "一小时内"]
    assert [(f.label, f.number) for f in report] == [("time_limit", "第三十一条")]
    assert "一小时内" in report[0].context and "报告" in report[0].context


def test_chosen_articles_limit_every_section(store) -> None:
    pack = pack_for_document(store, LAW_2024, articles=["art-36", "第三十八条"], items=None)
    ids = {"示例安全生产法/art-36", "示例安全生产法/art-38"}
    assert {p.provision_id for p in pack.provisions} == ids
    assert {i.quiz.source_id for i in pack.items} <= ids
    assert {i.quiz.source_id for i in pack.items} == ids
    assert {f.number for f in pack.figures} == {"第三十六条", "第三十八条"}
    with pytest.raises(NotFoundError, match="no article '第九十九条'"):
        pack_for_document(store, LAW_2024, articles=["第九十九条"])


def test_same_seed_same_pack_other_seed_other_items(store) -> None:
    first = pack_for_document(store, LAW_2024, items=12, seed=5).to_dict()
    assert pack_for_document(store, LAW_2024, items=12, seed=5).to_dict() == first
    other = pack_for_document(store, LAW_2024, items=12, seed=6).to_dict()
    assert other["items"] != first["items"]


def test_topic_pack_drops_near_duplicate_provisions(engine) -> None:
    hits = engine.search(DUPLICATE_TOPIC, 12, Filters(status=("in_force",)))
    grams = [bigrams(article_body(h.text, h.number)) for h in hits]
    assert max(jaccard(a, b) for a, b in combinations(grams, 2)) >= NEAR_DUPLICATE
    pack = pack_for_query(engine, DUPLICATE_TOPIC, provisions=12, items=10)
    assert pack.scope == "topic" and len(pack.provisions) >= 3
    kept = [bigrams(article_body(p.text, p.number)) for p in pack.provisions]
    assert max(jaccard(a, b) for a, b in combinations(kept, 2)) < NEAR_DUPLICATE
    assert len(pack.provisions) < len(hits)
    assert pack.provisions[0].provision_id == hits[0].provision_id
    assert {i.document_id for i in pack.items} <= {h.document_id for h in hits}


def test_key_provisions_prefer_coverage_over_a_second_copy() -> None:
    def article(n: int, text: str) -> SourcedArticle:
        return SourcedArticle("doc", "T", n, ("T",), ArticleText(f"doc/art-{n}", f"第{n}条", text))

    copy = "生产经营单位应当建立健全全员安全生产责任制和安全生产规章制度"
    candidates = [
        article(1, copy),
        article(2, copy + "。"),
        article(3, "从业人员有权拒绝违章指挥和强令冒险作业"),
    ]
    relevance = {("doc", "doc/art-1"): 1.0, ("doc", "doc/art-2"): 0.99, ("doc", "doc/art-3"): 0.2}
    chosen = key_provisions(candidates, relevance, 2)
    assert [p.provision_id for p in chosen] == ["doc/art-1", "doc/art-3"]


def test_key_provisions_are_not_mostly_penalty_articles() -> None:
    """Issue 18: penalty articles carry the most figures and took 7 of 10 places."""

    def article(n: int, text: str, chapter: str) -> SourcedArticle:
        return SourcedArticle(
            "doc", "T", n, ("T", chapter), ArticleText(f"doc/art-{n}", f"第{n}条", text, chapter)
        )

    conducts = [
        "未建立安全生产责任制",
        "未如实记录隐患排查",
        "未配备专职安全员",
        "未组织应急演练",
        "未按规定设置警示标志",
        "未为从业人员缴纳工伤保险",
        "擅自关闭监控报警设备",
        "未对承包单位进行安全管理",
    ]
    penalties = [
        article(n, f"生产经营单位{c}的，责令限期改正，处{n}万元以下的罚款。", "第六章 法律责任")
        for n, c in enumerate(conducts, 1)
    ]
    rules = [
        "建立安全生产教育和培训档案",
        "对重大危险源登记建档并定期检测评估",
        "在有较大危险因素的场所设置明显的安全警示标志",
        "保证从业人员了解作业场所的危险因素",
    ]
    duties = [
        article(20 + n, f"生产经营单位应当{r}。", "第二章 生产经营单位的安全生产保障")
        for n, r in enumerate(rules, 1)
    ]
    relevance = {a.uid: 1.0 for a in penalties} | {a.uid: 0.3 for a in duties}
    chosen = key_provisions([*penalties, *duties], relevance, 6)
    kinds = [provision_kind(p.text, p.heading) for p in chosen]
    assert kinds.count("penalty") == 2 and kinds.count("duty") == 4
    # with nothing else left, penalty articles fill the places
    assert len(key_provisions(penalties, relevance, 5)) == 5


def test_what_changed_between_the_two_versions(store) -> None:
    changes = study_changes(store, LAW_2019, LAW_2024, seed=3)
    assert changes.counts == {
        "added": 2,
        "removed": 1,
        "changed": 7,
        "unchanged": 33,
        "renumbered": 29,
    }
    assert len(changes.changes) == 10
    fines = {(f.new_number, f.old_text, f.new_text) for f in changes.figures if f.kind == "fine"}
    assert ("第三十六条", "二万元以上十万元以下", "五万元以上二十万元以下") in fines
    assert ("第三十八条", "五百万元以上一千五百万元以下", "六百万元以上一千八百万元以下") in fines
    briefing = "\n".join(changes.briefing)
    assert (
        "第三十六条（原第三十五条）：单位罚款由二万元以上十万元以下改为五万元以上二十万元以下"
        in briefing
    )
    assert "删除原第二十六条" in briefing
    assert {d.number for d in changes.new_duties} >= {"第十条", "第二十九条"}
    assert all(d.added_article for d in changes.new_duties if d.number == "第二十九条")
    assert "未指明" not in briefing  # a duty with no bearer is told as its whole clause


def test_what_changed_items_ask_the_new_figures(store) -> None:
    changes = study_changes(store, LAW_2019, LAW_2024, seed=3)
    new_figures = {(f.new_provision_id, f.new_text) for f in changes.figures}
    assert len(changes.items) == len(new_figures) == 8
    old_offered = 0
    for item in changes.items:
        q = item.quiz
        assert (q.source_id, q.fact) in new_figures
        assert gate(q, text_of(store, LAW_2024, q.source_id)) == []
        olds = {f.old_text for f in changes.figures if f.new_text == q.fact}
        old_offered += bool(olds & set(q.options))
    assert old_offered >= 6


def test_the_briefing_tells_each_new_duty_as_a_sentence() -> None:
    text = (
        "第三十一条　物业服务企业应当遵守下列规定：\n（一）建立安全管理制度；\n"
        "安全设施投资应当纳入建设项目概算。"
    )
    added = ArticleChange("added", None, ArticleText("rule/art-31", "第三十一条", text))
    duties = new_duties(added)
    counts = {"added": 1, "removed": 0, "changed": 0, "renumbered": 0}
    lines = _briefing("zh", counts, [added], duties, [])
    assert "第三十一条（新增条款）：物业服务企业应当遵守下列规定。" in lines
    # no bearer: the duty is told as its whole clause
    assert "第三十一条（新增条款）：安全设施投资应当纳入建设项目概算。" in lines
