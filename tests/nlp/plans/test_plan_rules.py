"""General rules of task extraction, each on sentences written for this test.

Every rule here was found missing on sample plans; the sentences below are our own, on other
subjects (dams, bridges, ferries, lifts), so that the rules are tested and not the samples.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ingest import load_document
from nlp.plans.tasks import TaskItem, extract_tasks

PLAN_DATE = date(2031, 3, 1)


def _tasks(tmp_path: Path, body: str, *, chinese: bool = False) -> list[TaskItem]:
    if chinese:
        text, name = f"# 示例省水利安全工作方案\n\n一、重点任务\n\n{body}\n", "p.md"
    else:
        text, name = f"Sample Work Plan on Dam Safety\nFirst, key tasks\n{body}\n", "p.txt"
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    document = load_document(path).document
    assert document is not None
    return extract_tasks(document, plan_date=PLAN_DATE)


def _due(task: TaskItem) -> tuple[str, date | None] | None:
    return None if task.deadline is None else (task.deadline.kind, task.deadline.due)


# -- English: clause splitting -------------------------------------------------------------------


def test_second_verb_with_its_own_object_after_comma_and(tmp_path: Path) -> None:
    revise, stop = _tasks(
        tmp_path,
        "The Ministry of Transport shall revise the rules on tunnel lighting before the end of "
        "March 2031, and stop approving tunnels without emergency exits.",
    )
    assert stop.text == "stop approving tunnels without emergency exits"
    assert revise.lead_kind_names == stop.lead_kind_names == ("Transport",)
    assert _due(revise) == ("date", date(2031, 3, 31)) and stop.deadline is None


def test_second_clause_with_its_own_subject(tmp_path: Path) -> None:
    _inspect, limit = _tasks(
        tmp_path,
        "Ports handling more than one million tonnes should carry out a berth inspection each "
        "year, and those found to have cracked quays should limit their traffic.",
    )
    assert limit.text.startswith("those found") and limit.action == "limit"


def test_colon_and_semicolons_list_imperatives(tmp_path: Path) -> None:
    tasks = _tasks(
        tmp_path,
        "It is necessary to tighten the control of fireworks: stop the sale of unlabelled "
        "rockets; crack down on unlicensed workshops; and prohibit the storage of fireworks in "
        "cellars.",
    )
    assert [t.action for t in tasks] == ["tighten", "stop", "crack down on", "prohibit"]


def test_semicolon_series_keeps_the_subject(tmp_path: Path) -> None:
    tasks = _tasks(
        tmp_path,
        "The Ministry of Water Resources will improve the dam register; revoke, in accordance "
        "with the law, the permits of unsafe reservoirs; and build a warning system for small dams.",
    )
    assert [t.action for t in tasks] == ["improve", "revoke", "build"]
    assert all(t.lead_kind_names == ("Water Resources",) for t in tasks)


def test_imperative_with_an_aside_before_its_object(tmp_path: Path) -> None:
    demolish, arrange = _tasks(
        tmp_path,
        "Demolish, by the end of 2032, the footbridges that fail the load test, and arrange "
        "temporary crossings for pedestrians.",
    )
    assert demolish.action == "Demolish" and _due(demolish) == ("date", date(2032, 12, 31))
    assert arrange.action == "arrange"


def test_passive_orders_and_a_modal_without_subject(tmp_path: Path) -> None:
    tasks = _tasks(
        tmp_path,
        "Shops that sell fake helmets shall be ordered to close, and their owners shall be "
        "barred from trading for five years.\n"
        "Lift companies must check every lift once a year, and must stop the use of lifts that fail.",
    )
    assert len(tasks) == 4
    assert tasks[3].text == "must stop the use of lifts that fail"


def test_lead_in_and_to_is_a_second_directive(tmp_path: Path) -> None:
    tasks = _tasks(
        tmp_path,
        "It is necessary to carry out publicity on lift safety in schools, and to urge owners "
        "to repair old lifts.",
    )
    assert [t.text[:12] for t in tasks] == ["It is necess", "to urge owne"]


# -- English: lead and co-operating bodies -------------------------------------------------------


def test_should_cooperate_clause_assigns_the_sentence(tmp_path: Path) -> None:
    [task] = _tasks(
        tmp_path,
        "The Ministry of Transport will tighten the licensing of ferry operators, and the "
        "Ministry of Public Security should cooperate.",
    )
    assert (task.lead_kind_names, task.cooperating_kind_names) == (
        ("Transport",),
        ("Public Security",),
    )


def test_led_by_with_the_participation_of(tmp_path: Path) -> None:
    [task] = _tasks(
        tmp_path,
        "Led by the Ministry of Water Resources with the participation of the Ministry of "
        "Finance and the Ministry of Transport, a review of dam permits is to be completed "
        "no later than 30 June 2032.",
    )
    assert task.lead_kind_names == ("Water Resources",)
    assert task.cooperating_kind_names == ("Finance", "Transport")
    assert _due(task) == ("date", date(2032, 6, 30))


def test_fronted_frame_and_in_cooperation_with(tmp_path: Path) -> None:
    patrol, close = _tasks(
        tmp_path,
        "During the flood season, the Ministry of Water Resources, in cooperation with the "
        "Ministry of Transport and the Meteorological Administration, will patrol the dykes, "
        "and close the ferries on flooded rivers.",
    )
    for t in (patrol, close):
        assert (t.lead_kind_names, t.cooperating_kind_names) == (
            ("Water Resources",),
            ("Transport", "Meteorology"),
        )
        assert _due(t) == ("season", None)


def test_with_y_cooperating_and_label_words(tmp_path: Path) -> None:
    survey, build, train = _tasks(
        tmp_path,
        "Survey all sluice gates, and build a register of them. This work is led by the Ministry "
        "of Water Resources, with the Ministry of Finance cooperating.\n"
        "Train the dam keepers (Responsible: Ministry of Transport; Supporting: Ministry of "
        "Finance, Ministry of Justice).",
    )
    for t in (survey, build):
        assert (t.lead_kind_names, t.cooperating_kind_names) == (("Water Resources",), ("Finance",))
    assert (train.lead_kind_names, train.cooperating_kind_names) == (
        ("Transport",),
        ("Finance", "Justice"),
    )


def test_level_words_do_not_hide_a_body(tmp_path: Path) -> None:
    [task] = _tasks(
        tmp_path, "Mine safety supervision institutions at all levels shall check the pumps."
    )
    assert task.lead_kind_names == ("Mine Safety Supervision",)


# -- English: deadlines --------------------------------------------------------------------------


def test_several_years_and_recurring_deadlines(tmp_path: Path) -> None:
    repair, report = _tasks(
        tmp_path,
        "Local governments at or above the county level shall repair the dykes in 2031 and 2032.\n"
        "All regions should report progress to the Ministry of Water Resources before the 5th of "
        "each month.",
    )
    assert _due(repair) == ("period", date(2032, 12, 31))
    assert _due(report) == ("recurring", None)


# -- Chinese -------------------------------------------------------------------------------------


def test_zh_lead_before_qiantou_and_joint_bodies_then_time(tmp_path: Path) -> None:
    [task] = _tasks(
        tmp_path,
        "省交通运输厅牵头，会同省公安厅、省财政厅，于2031年6月底前制定全省桥梁检测规程。",
        chinese=True,
    )
    assert task.action == "制定"
    assert (task.lead_kind_names, task.cooperating_kind_names) == (
        ("交通运输部门",),
        ("公安部门", "财政部门"),
    )
    assert _due(task) == ("date", date(2031, 6, 30))


def test_zh_any_verb_after_a_modal_and_a_time_phrase(tmp_path: Path) -> None:
    [task] = _tasks(tmp_path, "省水利厅要在2031年9月30日前圈定全省蓄滞洪区范围。", chinese=True)
    assert (task.action, task.lead_kind_names) == ("圈定", ("水利部门",))
    assert _due(task) == ("date", date(2031, 9, 30))


def test_zh_clause_joints(tmp_path: Path) -> None:
    tasks = _tasks(
        tmp_path,
        "加快推进堤防加固工程，于2031年底前完成全部病险水库除险加固。"
        "各地要严格执行水库大坝安全鉴定制度，新建水库必须同步建设监测设施。"
        "省财政厅要统筹安排专项资金，并对成效明显的地区给予奖励。",
        chinese=True,
    )
    assert [t.text[:6] for t in tasks] == [
        "加快推进堤防",
        "于2031年",
        "各地要严格执",
        "新建水库必须",
        "省财政厅要统",
        "并对成效明显",
    ]
    assert tasks[0].deadline is None and _due(tasks[1]) == ("date", date(2031, 12, 31))
    assert tasks[5].lead_kind_names == ("财政部门",)


def test_zh_responsible_for_within_the_year_and_time_after_joint(tmp_path: Path) -> None:
    check, revoke, inspect = _tasks(
        tmp_path,
        "省水利厅负责于年内对小型水库开展专项检查，依法吊销违规企业的取水许可证。"
        "省应急管理厅将会同有关部门于2031年11月开展督导检查。",
        chinese=True,
    )
    assert check.lead_kind_names == revoke.lead_kind_names == ("水利部门",)
    assert _due(check) == ("date", date(2031, 12, 31))
    assert (inspect.lead_kind_names, inspect.cooperating_kind_names) == (("应急管理部门",), ())
    assert _due(inspect) == ("date", date(2031, 11, 30))


@pytest.mark.parametrize(
    ("sentence", "lead", "deadline"),
    [
        ("长期坚持开展河道清障行动。", (), ("ongoing", None)),
        ("各责任单位要于每季度末将工作进展情况报送省水利厅。", (), ("recurring", None)),
        ("所在地人民政府要组织整改病险水闸。", ("人民政府",), None),
    ],
)
def test_zh_single_directives(
    tmp_path: Path, sentence: str, lead: tuple[str, ...], deadline: tuple | None
) -> None:
    [task] = _tasks(tmp_path, sentence, chinese=True)
    assert task.lead_kind_names == lead and _due(task) == deadline


# -- ingest: a plan with Roman-numeral parts ---------------------------------------------------


def test_roman_numeral_parts_and_issue_date(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(
        "Sample Work Plan on Ferry Safety\nIssued by: Sample Office, 12 May 2031\n"
        "I. Objectives\nAccidents should fall.\nII. Inspections\n"
        "Inspect every ferry by the end of the year.\nIII. Training\nTrain the crews.\n",
        encoding="utf-8",
    )
    document = load_document(path).document
    assert document is not None and document.metadata["promulgated"] == "2031-05-12"
    inspect, _train = extract_tasks(document)
    assert inspect.part.startswith("II.") and _due(inspect) == ("date", date(2031, 12, 31))


def test_an_acronym_as_subject_leads(tmp_path: Path) -> None:
    [task] = _tasks(
        tmp_path,
        "The Chief Data Officer (CDO) is appointed. The CDO will publish the inventory by June 30, "
        "2015.",
    )
    assert task.lead == ("CDO",)
