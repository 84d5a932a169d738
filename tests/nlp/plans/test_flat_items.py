"""Chinese plans whose items are written as flat paragraphs (web copies, converted files): the
note after a run of sub-items, headings over noted items, notes in 〔〕 brackets (issue 15)."""

from __future__ import annotations

from pathlib import Path

from ingest import load_document
from nlp.bodies.departments import DepartmentDirectory
from nlp.plans.notes import find_note
from nlp.plans.tasks import TaskItem, extract_tasks


def _tasks(tmp_path: Path, text: str) -> list[TaskItem]:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    document = load_document(path).document
    assert document is not None
    return extract_tasks(document)


def test_a_note_in_tortoise_brackets_ends_its_list_before_a_remark() -> None:
    text = "（一）加强市场体系建设。〔责任单位:省发展改革委、省市场监管局按职责分工负责。具体任务均涉及相关市(州)人民政府,不再做分工,下同。〕"
    note = find_note(text)
    assert note is not None
    assert [text[a:b] for a, b in note.responsible] == ["省发展改革委、省市场监管局"]


def test_a_note_in_square_brackets_is_read() -> None:
    text = "1．做好隐患排查。【牵头单位：市应急局；配合单位：市公安局】"
    note = find_note(text)
    assert note is not None
    assert [text[a:b] for a, b in note.lead] == ["市应急局"]
    assert [text[a:b] for a, b in note.cooperating] == ["市公安局"]


PLAN = """某市安全生产专项整治实施方案
为落实安全生产责任，结合本市实际，制定本方案。
一、深化隐患排查
（一）加强重点行业排查。组织开展危险化学品企业排查。〔责任单位:市应急局〕
（二）推进燃气安全整治。〔责任单位:市住房城乡建设局〕
二、完善应急体系
1.完善应急预案体系
(1)加强应急预案管理,规范应急预案编制。
(2)加强应急预案演练,完善演练管理制度。
(责任单位:市应急局、各县(市、区)人民政府)
2.健全应急管理机制
"""


def test_flat_items_take_the_note_after_their_sub_items(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, PLAN)
    by_text = {t.text[:8]: t for t in tasks}
    assert by_text["完善应急预案体系"].lead == ("市应急局", "各县(市、区)人民政府")
    assert by_text["加强应急预案管理"].lead == ("市应急局", "各县(市、区)人民政府")
    assert by_text["加强重点行业排查"].lead == ("市应急局",)


def test_headings_over_noted_items_and_the_preamble_are_not_tasks(tmp_path: Path) -> None:
    texts = [t.text for t in _tasks(tmp_path, PLAN)]
    assert not any(t.startswith("深化隐患排查") for t in texts)
    assert not any("制定本方案" in t for t in texts)


def test_a_list_inside_brackets_stays_in_one_name() -> None:
    names = DepartmentDirectory.default().resolve_list("市直各有关单位、各县(市、区)人民政府")
    assert [m.text for m in names] == ["市直各有关单位", "各县(市、区)人民政府"]


BOXED = """某省工业互联网创新发展行动计划
一、行动步骤
1﹒推进工业互联网外网建设。支持基础电信企业加强网络建设。（责任单位：省通信管理局、省经济和信息化厅）
专栏1  工业互联网网络互联互通工程
优化网络基础设施。组织基础电信企业优先在园区部署网络，每年遴选20家企业推广经验。
2﹒推进企业内网改造升级。支持工业企业运用5G改造内网。（责任单位：省经济和信息化厅）
"""


def test_a_boxed_aside_is_no_task_and_small_full_stop_numbers_items(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, BOXED)
    assert [t.text[:6] for t in tasks] == ["推进工业互联", "推进企业内网"]
    assert tasks[0].lead == ("省通信管理局", "省经济和信息化厅")


def test_collectives_after_deng_and_listed_collectives_are_bodies_of_their_own(
    tmp_path: Path,
) -> None:
    text = (
        "某方案\n一、重点任务\n"
        "（一）简化毕业生就业手续。（教育部、公安部等国务院相关部门及各地区按职责分工负责）\n"
        "（二）推行不见面办事。（国务院办公厅牵头，各地区、各部门按职责分工负责）\n"
    )
    first, second = _tasks(tmp_path, text)
    assert first.lead == ("教育部", "公安部", "国务院相关部门", "各地区")
    assert second.lead == ("国务院办公厅",)
    assert second.cooperating == ("各地区", "各部门")


def test_an_item_whose_sentences_carry_their_own_notes_is_one_task_per_note(
    tmp_path: Path,
) -> None:
    text = (
        "某省实施意见\n一、重点任务\n"
        "1.扩大优势产品出口。建立商品税率对比清单。（合肥海关负责）巩固传统产品出口优势。"
        "（省商务厅牵头，合肥海关配合）\n"
        "2.加强法律咨询援助。（省贸促会负责）\n"
    )
    tasks = _tasks(tmp_path, text)
    assert [(t.lead, t.cooperating) for t in tasks] == [
        (("合肥海关",), ()),
        (("省商务厅",), ("合肥海关",)),
        (("省贸促会",), ()),
    ]
    assert tasks[1].text.startswith("巩固传统产品")


def test_a_note_in_ascii_square_brackets_and_an_officials_field_are_read() -> None:
    text = (
        "(一)地区生产总值增长11%。[牵头单位:县发改局(粮食局);责任单位:各镇人民政府,嘉鱼经济开发区]"
    )
    note = find_note(text)
    assert note is not None
    assert [text[a:b] for a, b in note.lead] == ["县发改局(粮食局)"]
    text = "1.地区生产总值增长8%以上。(责任领导:张三;牵头单位:区发改局)"
    note = find_note(text)
    assert note is not None
    assert [text[a:b] for a, b in note.lead] == ["区发改局"]
    assert note.responsible == ()


def test_the_closing_paragraph_of_a_noted_plan_is_no_task(tmp_path: Path) -> None:
    text = (
        "关于进一步优化营商环境的实施意见\n一、重点任务\n"
        "（一）简化审批。（国务院办公厅牵头，各地区按职责分工负责）\n"
        "（二）优化服务。（市场监管总局负责）\n"
        "各地区、各部门要认真贯彻落实本意见提出的各项任务，相关落实情况年底前报国务院。\n"
    )
    tasks = _tasks(tmp_path, text)
    assert [t.text[:4] for t in tasks] == ["简化审批", "优化服务"]
