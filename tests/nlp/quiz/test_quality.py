"""Issue 18, problem 10: items that test content come first, no fragment is a true/false item,
a duty's bearer is asked, and articles are told apart by kind (penalty, duty, rule)."""

from __future__ import annotations

import random

import pytest

from nlp.quiz.build import build_quiz, round_robin
from nlp.quiz.gate import gate
from nlp.quiz.items import QuizItem
from nlp.quiz.quality import is_fragment, is_modal_only, is_self_contained, provision_kind
from nlp.versions.compare import ArticleText

# 生产安全事故应急条例 第六条 in the form that made "其他应当修订的情形。" a true/false item.
REVISE = ArticleText(
    "regs/art-6",
    "第六条",
    "第六条 生产安全事故应急救援预案制定单位应当及时修订相关预案：\n"
    "（一）制定预案所依据的法律、法规、规章发生重大变化；\n"
    "（二）应急指挥机构及其职责发生调整；\n"
    "（三）其他应当修订的情形。",
)
DUTIES = [
    ArticleText("law/art-1", "第一条", "第一条 生产经营单位应当制定生产安全事故应急救援预案。"),
    ArticleText("law/art-2", "第二条", "第二条 从业人员应当接受安全生产教育和培训。"),
    ArticleText("law/art-3", "第三条", "第三条 县级以上地方人民政府应当组织编制应急预案。"),
    ArticleText("law/art-4", "第四条", "第四条 工会应当依法对安全生产工作进行监督。"),
    ArticleText("law/art-5", "第五条", "第五条 安全生产服务机构应当依法开展服务。"),
    ArticleText("law/art-6", "第六条", "第六条 应急管理部门应当组织应急演练。"),
    ArticleText("law/art-7", "第七条", "第七条 劳务派遣单位应当对被派遣劳动者进行教育培训。"),
    ArticleText("law/art-8", "第八条", "第八条 施工单位应当设置安全警示标志。"),
]


@pytest.mark.parametrize(
    ("statement", "whole"),
    [
        ("其他应当修订的情形", False),
        ("未按照规定报告事故的", False),
        ("以及应急救援器材", False),
        ("生产经营单位应当建立安全生产责任制", True),
        ("其他生产经营单位应当明确负责应急救援的人员", True),
        ("负有安全生产监督管理职责的部门可以加强对建设单位验收活动和验收结果的监督核查", True),
    ],
)
def test_a_statement_must_stand_on_its_own(statement: str, whole: bool) -> None:
    assert is_self_contained(statement) is whole


def test_an_enumerated_tail_is_never_a_true_false_item() -> None:
    for seed in range(8):
        quiz = build_quiz([REVISE], title="生产安全事故应急条例", seed=seed)
        statements = [i.context for i in quiz.items if i.type == "true_false"]
        assert "其他应当修订的情形" not in statements
        assert not any(is_fragment(i) for i in quiz.items)


def test_a_duty_bearer_is_asked_with_other_bearers_as_wrong_answers() -> None:
    quiz = build_quiz(DUTIES, title="法", seed=0, types=["single"])
    bearers = [i for i in quiz.items if i.kind == "bearer"]
    assert bearers
    for item in bearers:
        source = next(a.text for a in DUTIES if a.key == item.source_id)
        assert not gate(item, source)
        assert item.fact in source and item.correct_options == (item.fact,)
        wrong = [o for o in item.options if o != item.fact]
        assert len(wrong) == 3 and not any(o in source for o in wrong)


def test_a_true_statement_is_content_a_changed_modal_word_is_not() -> None:
    def item(question_type: str, changed: str = "") -> QuizItem:
        options = (
            ("正确", "错误") if question_type == "true_false" else ("应当", "可以", "不得", "无须")
        )
        answer = "正确" if question_type == "true_false" else "A"
        return QuizItem(
            question_type, "问", options, answer, "“x”", "a", 1, "modality", "应当", "c", changed
        )

    assert is_modal_only(item("single"))
    assert is_modal_only(item("true_false", changed="可以"))
    assert not is_modal_only(item("true_false"))


def test_content_items_are_taken_before_modal_ones() -> None:
    items = [("single", False)] * 10 + [("single", True), ("true_false", True)]
    chosen = round_robin(
        items, 3, random.Random(0), type_of=lambda i: i[0], is_content=lambda i: i[1]
    )
    assert sorted(chosen) == [("single", False), ("single", True), ("true_false", True)]


@pytest.mark.parametrize(
    ("text", "heading", "kind"),
    [
        (
            "生产经营单位未履行本法规定职责的，处二万元以上五万元以下的罚款。",
            "第六章 法律责任",
            "penalty",
        ),
        ("本法下列用语的含义：危险物品，是指易燃易爆物品。", "第七章 附则", "definition"),
        ("生产经营单位应当建立安全生产责任制。", "第二章", "duty"),
        ("安全生产工作坚持中国共产党的领导。", "第一章 总则", "rule"),
    ],
)
def test_articles_are_told_apart_by_kind(text: str, heading: str, kind: str) -> None:
    assert provision_kind(text, heading) == kind
