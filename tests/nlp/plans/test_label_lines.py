"""Responsibility written on a line of its own after an item's text, in the forms many plans
share: a numbered heading, its paragraph, then "责任单位：X、Y" (one item, assigned by that line),
and a division table printed one cell a line, each 主要内容 cell followed by its 责任单位 cell
("X牵头落实"), under 目标/任务 cells that are headings shared by the rows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ingest import load_document
from ingest.model import Provision, ProvisionKind, SourceSpan
from nlp.bodies.departments import DepartmentDirectory
from nlp.plans.notes import line_note
from nlp.plans.reader import Reader
from nlp.plans.tasks import TaskItem, read_plan


def _plan(tmp_path: Path, text: str) -> list[TaskItem]:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    result = load_document(path)
    assert result.document is not None
    return read_plan(result.document, plan_date=date(2024, 3, 1)).tasks


def test_heading_paragraph_and_label_line_form_one_item(tmp_path: Path) -> None:
    text = (
        "某县应急管理局2024年安全生产工作要点\n"
        "为做好全年安全生产工作，结合本县实际，制定本要点。\n"
        "一、夯实安全基础\n"
        "（一）开展重点行业隐患排查\n"
        "围绕危险化学品、建筑施工等行业，组织专家逐企业排查，建立隐患台账，9月底前完成整改销号。\n"
        "责任单位：危化股、建设股\n"
        "（二）加强应急队伍建设\n"
        "充实乡镇应急救援力量，定期组织实战演练，提升先期处置能力。\n"
        "责任单位：救援股\n"
        "二、提升监管效能\n"
        "（一）推行执法检查计划管理\n"
        "按照分类分级原则制定年度执法计划，检查结果及时向社会公开。\n"
        "责任单位：执法大队、办公室\n"
    )
    tasks = _plan(tmp_path, text)
    assert [t.text for t in tasks] == [
        "开展重点行业隐患排查",
        "加强应急队伍建设",
        "推行执法检查计划管理",
    ]
    assert [list(t.lead) for t in tasks] == [
        ["危化股", "建设股"],
        ["救援股"],
        ["执法大队", "办公室"],
    ]
    assert tasks[0].deadline is not None
    assert tasks[0].deadline.due == date(2024, 9, 30)  # said in the item's paragraph


def test_label_lines_after_each_of_several_paragraphs_assign_each(tmp_path: Path) -> None:
    # a heading over two paragraphs that each have their own line: the paragraphs are the tasks
    text = (
        "某县应急管理局2024年安全生产工作要点\n"
        "一、夯实安全基础\n"
        "（一）重点行业治理\n"
        "组织专家对危险化学品企业逐企业排查，建立隐患台账。\n"
        "责任单位：危化股\n"
        "对在建工地开展起重机械专项检查，督促落实整改。\n"
        "责任单位：建设股\n"
    )
    tasks = _plan(tmp_path, text)
    assert [list(t.lead) for t in tasks] == [["危化股"], ["建设股"]]
    assert not any(t.text.startswith("重点行业治理") for t in tasks)


def test_division_table_printed_one_cell_a_line(tmp_path: Path) -> None:
    text = (
        "某市2024年应急管理重点工作任务分解表\n"
        "目标\n"
        "任务\n"
        "主要内容\n"
        "责任单位\n"
        "一、防范化解重大风险\n"
        "（一）强化风险监测预警\n"
        "完善自然灾害综合监测网络，汛期实行每日会商研判，及时发布预警信息。\n"
        "市应急局牵头落实\n"
        "开展城镇燃气管道老化更新改造，年底前完成主城区改造任务。\n"
        "市住建局牵头落实\n"
        "加强森林防火巡护和火源管控，重点时段实行网格化值守。\n"
        "市林业局、市消防救援支队分别牵头落实\n"
        "开展道路运输企业安全评估，对评估不合格企业限期整改。\n"
    )
    tasks = _plan(tmp_path, text)
    assert [t.text[:8] for t in tasks] == [
        "完善自然灾害综合",
        "开展城镇燃气管道",
        "加强森林防火巡护",
    ]
    assert [list(t.lead) for t in tasks] == [
        ["市应急局"],
        ["市住建局"],
        ["市林业局", "市消防救援支队"],
    ]
    assert tasks[1].deadline is not None
    assert tasks[1].deadline.due == date(2024, 12, 31)
    assert not any("牵头落实" in t.text for t in tasks)


def test_line_note_reads_bodies_and_role_only() -> None:
    text = "市林业局、市消防救援支队分别牵头落实"
    note = line_note(text, 0, len(text))
    assert note is not None
    assert [text[a:b] for a, b in note.lead] == ["市林业局、市消防救援支队"]
    text = "市财政局负责。"
    note = line_note(text, 0, len(text))
    assert note is not None
    assert [text[a:b] for a, b in note.responsible] == ["市财政局"]
    # a sentence whose subject is not a body's name, or that says more, is no note
    for line in ("各地要结合实际抓好落实", "加强统筹协调，市应急局负责", "市应急局、市公安局"):
        assert line_note(line, 0, len(line)) is None


def _provision(text: str, pid: str, piece: str, children: tuple[Provision, ...] = ()) -> Provision:
    start = text.index(piece)
    span = SourceSpan(start, start + len(piece))
    return Provision(pid, ProvisionKind.ITEM, "", piece, span, children=children)


def test_heading_nested_under_the_item_before_it_is_no_sub_item() -> None:
    # a reader may nest "（二）…行动。" under "2﹒…" as a copy runs them together: it is the next
    # heading, and it takes no note of the item it was read under
    first = "2﹒开展燃气管网排查。对老旧管网开展检测评估。（责任单位：省住建厅、省应急厅）"
    heading = "（二）能力提升行动。"
    third = "3﹒加强救援队伍建设。组织实战演练。（责任单位：省应急厅）"
    text = f"{first}\n{heading}\n{third}\n"
    nested = _provision(text, "p/item-2/sub-1", heading)
    units = [
        _provision(text, "p/item-2", f"{first}\n{heading}", (nested,)),
        _provision(text, "p/item-3", third),
    ]
    reader = Reader(text, DepartmentDirectory.default(), date(2024, 3, 1), True)
    drafts = reader.read_chinese(units)
    assert [text[d.start : d.end][:8] for d in drafts] == ["开展燃气管网排查", "加强救援队伍建设"]
