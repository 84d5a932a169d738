"""A review against a law the local text does not declare as its basis says so on less
alignment than one against the declared law (issue 16)."""

from __future__ import annotations

from nlp.review.engine import review_texts

SHARED = [
    "县级以上人民政府应当加强对防震减灾工作的领导，将防震减灾工作纳入国民经济和社会发展规划。",
    "任何单位和个人都有依法参加防震减灾活动的义务，国家鼓励和引导社会组织和个人参与防震减灾活动。",
]
LOCAL = [
    (
        "第一条",
        "为了防御和减轻地震灾害，根据《中华人民共和国防震减灾法》，结合本省实际，制定本条例。",
    ),
    ("第二条", SHARED[0]),
    ("第三条", SHARED[1]),
    ("第四条", "本省地震台站的观测环境保护范围，由省地震工作主管部门会同有关部门划定并公布。"),
    ("第五条", "学校应当每学期组织一次地震应急疏散演练，提高师生的避险能力。"),
    ("第六条", "新建医院、学校建筑应当按照高于当地房屋建筑的抗震设防要求进行设计和施工。"),
]
UPPER = [
    ("第一条", "为了规范某项工作，制定本法。"),
    ("第二条", SHARED[0]),
    ("第三条", SHARED[1]),
    ("第四条", "国务院有关部门按照职责分工负责有关的监督管理工作。"),
]


def _mismatch(upper_title: str) -> bool:
    run = review_texts(LOCAL, UPPER, upper_title=upper_title)
    return any(f.code == "CHECK_BASIS_MISMATCH" for f in run.findings)


def test_a_law_the_text_does_not_declare_needs_more_alignment() -> None:
    assert _mismatch("中华人民共和国气象法")


def test_the_declared_law_is_held_to_the_usual_alignment() -> None:
    assert not _mismatch("中华人民共和国防震减灾法")


def test_a_text_that_declares_the_upper_law_is_never_called_mismatched() -> None:
    narrow = [LOCAL[0]] + [
        (f"第{n}条", f"林木林地权属争议的调解处理，第{n}项程序由乡镇人民政府依照本条例办理。")
        for n in "二三四五六"
    ]
    run = review_texts(narrow, UPPER, upper_title="中华人民共和国防震减灾法")
    assert not any(f.code == "CHECK_BASIS_MISMATCH" for f in run.findings)
    run = review_texts(narrow, UPPER, upper_title="")
    assert any(f.code == "CHECK_BASIS_MISMATCH" for f in run.findings)
