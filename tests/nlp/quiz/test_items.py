"""Quiz items: kinds of facts, distractors that are never right, the gate, determinism, speed."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

import pytest

from ingest.numbering import to_chinese_numeral
from nlp.legal.quantities import find_quantities
from nlp.quiz.build import build_quiz
from nlp.quiz.facts import normalise
from nlp.quiz.gate import gate
from nlp.quiz.items import QUESTION_TYPES
from nlp.versions.compare import ArticleText

FINES = ["一万元", "二万元", "五万元", "十万元", "二十万元", "五十万元"]
BODIES = ["应急管理部门", "公安部门", "交通运输部门", "市场监督管理部门", "住房和城乡建设部门"]
HOURS = ["一小时", "二小时", "十二小时", "二十四小时"]
DUTIES = [
    "建立安全生产责任制",
    "开展应急演练",
    "配备安全管理人员",
    "如实记录检查情况",
    "设置安全警示标志",
]


def synthetic_law(n: int) -> list[ArticleText]:
    """A law of ``n`` articles cycling through fines, time limits, bodies, duties and lists."""
    bodies = []
    for i in range(n):
        k = i % 6
        low, high = FINES[i % 3], FINES[i % 3 + 3]
        if k == 0:
            body = f"生产经营单位未{DUTIES[i % 5]}的，责令限期改正，处{low}以上{high}以下的罚款。"
        elif k == 1:
            body = (
                f"事故发生后，单位负责人应当于{HOURS[i % 4]}内报告县级以上人民政府{BODIES[i % 5]}。"
            )
        elif k == 2:
            body = f"县级以上地方各级人民政府{BODIES[i % 5]}对第{to_chinese_numeral(i)}类作业实施监督管理。"
        elif k == 3:
            body = f"从业人员不得擅自{DUTIES[i % 5][:2]}第{to_chinese_numeral(i)}号设备。"
        elif k == 4:
            body = f"本法所称第{to_chinese_numeral(i)}类场所，是指存放第{to_chinese_numeral(i)}类物品的场所。"
        else:
            items = "\n".join(
                f"（{to_chinese_numeral(j + 1)}）{DUTIES[(i + j) % 5]}第{to_chinese_numeral(i)}项；"
                for j in range(4)
            )
            body = f"第{to_chinese_numeral(i)}类单位应当履行下列职责：\n{items}"
        bodies.append(ArticleText(f"law/art-{i + 1}", f"第{to_chinese_numeral(i + 1)}条", body))
    return bodies


ZH_LAW = [
    ArticleText("law/art-1", "第一条", "生产经营单位应当建立安全生产责任制。"),
    ArticleText(
        "law/art-2",
        "第二条",
        "生产经营单位未开展应急演练的，责令限期改正，处二万元以上十万元以下的罚款；逾期未改正的，处十万元以上二十万元以下的罚款。",
    ),
    ArticleText(
        "law/art-3",
        "第三条",
        "事故发生后，单位负责人应当于1小时内报告县级以上人民政府应急管理部门。",
    ),
    ArticleText("law/art-4", "第四条", "从业人员不得违章作业。"),
    ArticleText("law/art-5", "第五条", "本法所称危险物品，是指易燃易爆物品、危险化学品等物品。"),
    ArticleText("law/art-6", "第六条", "本法所称重大危险源，是指危险物品的数量超过临界量的单元。"),
    ArticleText(
        "law/art-7", "第七条", "特种作业人员的范围由国务院应急管理部门会同国务院有关部门确定。"
    ),
    ArticleText("law/art-8", "第八条", "未按照规定报告事故的，处五万元以上二十万元以下的罚款。"),
    ArticleText("law/art-9", "第九条", "事故调查组应当自事故发生之日起60日内提交事故调查报告。"),
    ArticleText("law/art-10", "第十条", "公安部门和交通运输部门应当加强道路运输安全监督。"),
]


def test_items_are_deterministic_for_a_seed() -> None:
    a = build_quiz(ZH_LAW, title="示例安全生产法", seed=3)
    b = build_quiz(ZH_LAW, title="示例安全生产法", seed=3)
    assert a.items == b.items
    assert a.items


def test_every_item_passes_the_gate_and_cites_its_source() -> None:
    quiz = build_quiz(synthetic_law(60), title="示例法", seed=1)
    texts = {a.key: a.text for a in synthetic_law(60)}
    assert {i.type for i in quiz.items} == set(QUESTION_TYPES)
    for item in quiz.items:
        assert gate(item, texts[item.source_id]) == []
        assert item.explanation.startswith("依据《示例法》")
        assert 1 <= item.difficulty <= 3
        if item.type in ("single", "multiple"):
            assert len(item.options) == 4


def test_fine_distractors_are_never_a_value_or_bound_the_article_states() -> None:
    quiz = build_quiz(ZH_LAW, title="示例安全生产法", seed=0, types=["single"])
    fines = [i for i in quiz.items if i.kind == "fine"]
    assert fines
    for item in fines:
        stated = find_quantities(next(a.text for a in ZH_LAW if a.key == item.source_id))
        bounds = {v for q in stated for v in (q.low, q.high) if v is not None}
        for option in item.options:
            if option == item.correct_options[0]:
                continue
            (q,) = find_quantities(option)
            assert q.unit == "yuan" and (q.low, q.high) not in {(s.low, s.high) for s in stated}
            assert not ({q.low, q.high} <= bounds), option


def test_a_false_statement_changes_exactly_one_fact() -> None:
    quiz = build_quiz(ZH_LAW * 1, title="示例安全生产法", seed=5, types=["true_false"])
    false = [i for i in quiz.items if i.answer == "错误"]
    assert false
    for item in false:
        source = next(a.text for a in ZH_LAW if a.key == item.source_id)
        assert item.changed and item.changed != item.fact
        restored = item.context.replace(item.changed, item.fact, 1)
        assert normalise(restored) in normalise(source)
        assert normalise(item.context) not in normalise(source)


def test_modal_flip_is_duty_to_option() -> None:
    quiz = build_quiz(ZH_LAW[:1], title="法", seed=0, types=["true_false"])
    for seed in range(6):
        quiz = build_quiz(ZH_LAW[:1], title="法", seed=seed, types=["true_false"])
        (item,) = quiz.items
        if item.answer == "错误":
            assert item.context == "生产经营单位可以建立安全生产责任制"
            break
    else:
        pytest.fail("no false statement in six seeds")


def test_fill_in_the_blank_blanks_a_figure_or_a_term() -> None:
    quiz = build_quiz(ZH_LAW, title="法", seed=2, types=["fill_blank"])
    assert {i.kind for i in quiz.items} >= {"fine", "time_limit", "term"}
    for item in quiz.items:
        assert item.answer not in item.stem
        assert item.kind == "term" or find_quantities(item.answer)


def test_the_gate_catches_bad_items() -> None:
    quiz = build_quiz(ZH_LAW, title="法", seed=0, types=["single"])
    item = next(i for i in quiz.items if i.kind == "fine")
    source = next(a.text for a in ZH_LAW if a.key == item.source_id)
    assert gate(item, source) == []
    right = item.answer
    wrong = next(c for c in "ABCD" if c != right)
    # a distractor the article states: the other fine of the same article
    options = list(item.options)
    options[_index(wrong)] = (
        "十万元以上二十万元以下"
        if item.fact != "十万元以上二十万元以下"
        else "二万元以上十万元以下"
    )
    assert any("distractor" in p for p in gate(replace(item, options=tuple(options)), source))
    # a bound of the range is also a value the article states
    options[_index(wrong)] = "十万元"
    assert any("distractor" in p for p in gate(replace(item, options=tuple(options)), source))
    # the stem gives the answer away
    leaky = replace(item, stem=item.stem + item.fact)
    assert any("away" in p for p in gate(leaky, source))
    # an answer key that points at a wrong option
    assert any("not supported" in p for p in gate(replace(item, answer=wrong), source))
    # a statement marked false that the source states
    tf = build_quiz(ZH_LAW[:1], title="法", seed=0, types=["true_false"]).items[0]
    fake = replace(tf, answer="错误", changed="应当", context="生产经营单位应当建立安全生产责任制")
    assert gate(fake, ZH_LAW[0].text)
    # a blank on a function word
    fill = replace(
        tf, type="fill_blank", options=(), answer="的", context="生产经营单位应当建立安全生产责任制"
    )
    assert any("function word" in p for p in gate(fill, ZH_LAW[0].text))


def _index(letter: str) -> int:
    return "ABCD".index(letter)


def test_near_duplicates_are_removed() -> None:
    twice = [*ZH_LAW[:1], ArticleText("law/art-99", "第一条", ZH_LAW[0].text)]
    quiz = build_quiz(twice, title="法", seed=0)
    assert len(quiz.items) == 1


def test_unknown_type_lists_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="single"):
        build_quiz(ZH_LAW, types=["essay"])


def test_english_items() -> None:
    law = [
        ArticleText(
            "act/art-1", "Article 1", "The employer shall report an accident within 24 hours."
        ),
        ArticleText("act/art-2", "Article 2", "Workers must not remove machine guards."),
    ]
    quiz = build_quiz(law, title="Example Act", seed=0)
    assert quiz.items and all(i.language == "en" for i in quiz.items)
    for item in quiz.items:
        assert gate(item, next(a.text for a in law if a.key == item.source_id)) == []


def test_fifty_items_from_a_hundred_articles_is_fast() -> None:
    law = synthetic_law(100)
    start = time.perf_counter()
    quiz = build_quiz(law, title="示例法", n=50, seed=0)
    elapsed = time.perf_counter() - start
    assert len(quiz.items) == 50
    assert elapsed < 2.5, elapsed


def _law(shared_data: Path, title: str, year: str) -> list[ArticleText]:
    rows = [
        json.loads(line) for line in (shared_data / "lawrefbook_safety" / "articles.jsonl").open()
    ]
    return [
        ArticleText(r["id"], r["article_no"], r["text"])
        for r in rows
        if r["doc_title"] == title and str(r["version_date"]).startswith(year)
    ]


def test_quiz_of_the_work_safety_law(shared_data: Path) -> None:
    law = _law(shared_data, "中华人民共和国安全生产法", "2021")
    quiz = build_quiz(law, title="中华人民共和国安全生产法", seed=7)
    texts = {a.key: a.text for a in law}
    assert {i.type for i in quiz.items} == set(QUESTION_TYPES)
    assert len(quiz.items) >= len(law)
    assert all(gate(i, texts[i.source_id]) == [] for i in quiz.items)
    assert {"fine", "body", "modality", "term", "list"} <= {i.kind for i in quiz.items}


def test_quiz_of_the_accident_reporting_regulation(shared_data: Path) -> None:
    law = _law(shared_data, "生产安全事故报告和调查处理条例", "2007")
    quiz = build_quiz(law, title="生产安全事故报告和调查处理条例", seed=7)
    texts = {a.key: a.text for a in law}
    assert all(gate(i, texts[i.source_id]) == [] for i in quiz.items)
    assert any(i.kind == "time_limit" for i in quiz.items)


# --- wording rules (issue 7, measured on the LawRefBook texts) ---------------------------------


def _items(*texts: str, seeds: range = range(12)) -> list:
    articles = [
        ArticleText(f"示例法/art-{i + 1}", f"第{to_chinese_numeral(i + 1)}条", t)
        for i, t in enumerate(texts)
    ]
    out = []
    for seed in seeds:
        out += build_quiz(articles, title="示例法", seed=seed).items
        out += [item for item, _ in build_quiz(articles, title="示例法", seed=seed).rejected]
    return out


def test_a_stem_does_not_repeat_the_article_label() -> None:
    items = _items(
        "第一条 事故报告后出现新情况的，应当及时补报。",
        "第二条 生产经营单位未建立应急预案的，处二万元以上五万元以下的罚款。",
    )
    assert items
    for item in items:
        assert "，第一条" not in item.stem and "，第二条" not in item.stem, item.stem
        assert "“第" not in item.explanation, item.explanation


def test_a_true_false_statement_quotes_the_clause_of_a_long_article() -> None:
    text = (
        "第一条 事故发生单位及其有关人员有下列行为之一的，对事故发生单位处一百万元以上五百万元"
        "以下的罚款；对主要负责人、直接负责的主管人员和其他直接责任人员处上一年年收入百分之六十"
        "至百分之一百的罚款；属于国家工作人员的，并依法给予处分；构成违反治安管理行为的，由公安"
        "机关依法给予治安管理处罚；构成犯罪的，依法追究刑事责任。"
    )
    statements = [i for i in _items(text) if i.type == "true_false"]
    assert statements
    for item in statements:
        assert len(item.context) <= 80, item.context


def test_a_fact_in_a_clause_too_long_to_state_gets_no_true_false_item() -> None:
    clause = "、".join(f"第{k}类设备" for k in range(1, 20))
    text = f"第一条 生产经营单位使用{clause}的，应当于二十四小时内报告应急管理部门。"
    assert not [i for i in _items(text) if i.type == "true_false"]


@pytest.mark.parametrize(
    "text",
    [
        "第一条 安全生产监督检查人员应当忠于职守，坚持原则，秉公执法。",
        "第二条 从业人员应当恪尽职守，严格落实岗位安全生产责任。",
        "第三条 生产经营单位应当依法承担赔偿责任。",
        "第四条 中介机构应当建立并实施服务公开制度，不得出具虚假报告。",
        "第五条 从业人员不得擅离职守。",
    ],
)
def test_no_false_statement_swaps_a_modal_where_a_permission_reads_absurdly(text: str) -> None:
    for item in _items(text):
        if item.type == "true_false" and item.kind == "modality":
            assert item.answer == "正确", item.stem


def test_a_duty_to_act_may_become_a_false_permission() -> None:
    items = _items("第一条 生产经营单位应当定期组织应急救援预案演练。")
    assert any(i.type == "true_false" and i.changed == "可以" for i in items)


def test_a_false_statement_prefers_a_figure_to_a_modal_word() -> None:
    items = _items("第一条 生产经营单位应当在二十四小时内报告事故情况。")
    flipped = [i for i in items if i.type == "true_false" and i.answer == "错误"]
    assert flipped and all(i.kind == "time_limit" for i in flipped)


def test_a_modal_word_in_a_condition_is_not_asked() -> None:
    items = _items("第一条 使用应当淘汰的危及生产安全的工艺、设备的，责令限期改正。")
    assert not [i for i in items if i.kind == "modality"]
