"""Field lines many work-point divisions share: each numbered target followed by lines of its
own naming the official in charge (牵头负责领导, 分管省领导), the lead and co-operating bodies
(牵头责任单位 / 协同责任单位, or one line "部门分工：X牵头，Y配合"), and a time."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ingest import load_document
from nlp.plans.tasks import TaskItem, read_plan


def _plan(tmp_path: Path, body: str, title: str = "某市重点工作及责任分解") -> list[TaskItem]:
    path = tmp_path / "plan.md"
    path.write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
    result = load_document(path)
    assert result.document is not None
    return read_plan(result.document, plan_date=date(2021, 3, 1)).tasks


def test_lead_and_coordinating_lines_after_each_target(tmp_path: Path) -> None:
    body = (
        "一、主要预期目标\n"
        "1.地区生产总值增长8%以上。\n"
        "牵头负责领导:张三。\n"
        "牵头责任单位:市发改委。\n"
        "协同责任单位:市经信局、市商务局等。\n"
        "完成时限:2021年12月31日\n"
        "2.财政收入增长6%左右。\n"
        "牵头负责领导:李四。\n"
        "牵头责任单位:市财政局。\n"
        "协同责任单位:市税务局。\n"
    )
    tasks = _plan(tmp_path, body)
    assert [list(t.lead) for t in tasks] == [["市发改委"], ["市财政局"]]
    assert [list(t.cooperating) for t in tasks] == [["市经信局", "市商务局"], ["市税务局"]]
    assert tasks[0].deadline is not None
    assert tasks[0].deadline.due == date(2021, 12, 31)
    assert tasks[1].deadline is None or tasks[1].deadline.due is None
    assert all("领导" not in t.text for t in tasks)


def test_division_line_names_lead_and_cooperating(tmp_path: Path) -> None:
    body = (
        "一、主要预期目标\n"
        "1.地区生产总值增长6%以上。\n"
        "分管省领导:王五\n"
        "部门分工:省发展改革委牵头,各地、各部门配合。\n"
        "2.地方一般公共预算收入增长5%左右。\n"
        "分管省领导:王五\n"
        "部门分工:省财政厅牵头,省税务局配合。\n"
        "3.固定资产投资增长8%左右。\n"
        "分管省领导:赵六\n"
        "部门分工:省发展改革委牵头。\n"
    )
    tasks = _plan(tmp_path, body, title="某省政府工作报告重点任务分工方案")
    assert len(tasks) == 3
    assert [list(t.lead) for t in tasks] == [["省发展改革委"], ["省财政厅"], ["省发展改革委"]]
    assert [list(t.cooperating) for t in tasks] == [["各地", "各部门"], ["省税务局"], []]


def test_a_list_of_place_levels_before_one_government_is_one_collective(tmp_path: Path) -> None:
    body = (
        "一、主要预期目标\n"
        "1.地区生产总值增长8%以上。\n"
        "牵头责任单位:市发展改革委。\n"
        "协同责任单位:市经信局、各县、市、区政府。\n"
        "2.财政收入增长8%左右。\n"
        "牵头责任单位:市财政局。\n"
        "协同责任单位:市税务局、各市(县)、区政府。\n"
    )
    tasks = _plan(tmp_path, body)
    assert [list(t.cooperating) for t in tasks] == [
        ["市经信局", "各县、市、区政府"],
        ["市税务局", "各市(县)、区政府"],
    ]
    collective = [b for t in tasks for b in t.cooperating_bodies if b.name.startswith("各")]
    assert [b.collective for b in collective] == [True, True]
    assert {b.kind for b in collective} == {"government"}
