"""Forms many real plans share, read on invented text: a first-listed-leads remark closing a
责任单位 line, several notes inside one numbered item, a department heading over the responses
below it, a lead column that also holds the target date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ingest import load_document
from nlp.plans.tasks import TaskItem, read_plan


def _plan(tmp_path: Path, body: str, title: str, name: str = "plan.md") -> list[TaskItem]:
    path = tmp_path / name
    path.write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
    result = load_document(path)
    assert result.document is not None
    return read_plan(result.document, plan_date=date(2021, 3, 1)).tasks


def test_first_listed_remark_on_a_responsibility_line_holds_below(tmp_path: Path) -> None:
    body = (
        "一、稳定经济增长\n"
        "1.编制县域产业扶持政策清单,完善企业诉求直达机制。\n"
        "责任单位:县商务局、县财政局、县统计局(列第一位者为牵头或汇总单位,下同)\n"
        "2.推进重点项目集中开工,提高项目前期工作质量。\n"
        "责任单位:县发改局、县自然资源局\n"
    )
    tasks = _plan(tmp_path, body, "某县2021年重点工作责任分解")
    assert [list(t.lead) for t in tasks] == [["县商务局"], ["县发改局"]]
    assert [list(t.cooperating) for t in tasks] == [
        ["县财政局", "县统计局"],
        ["县自然资源局"],
    ]


def test_several_notes_inside_one_numbered_item(tmp_path: Path) -> None:
    body = (
        "一、改善城乡人居环境,建设宜居城市\n"
        "(一)推进老旧小区改造。完成沿河片区管网更新和屋面防水整治。(市住建局负责落实)"
        "开展背街小巷环境提升和公共厕所新建改建。(市城管局、市住建局分别负责落实)"
        "建设社区全民健身中心。(市体育局)\n"
        "(二)完善垃圾分类体系。新建餐厨垃圾处理设施。(市城管局负责)\n"
    )
    tasks = _plan(tmp_path, body, "某市2021年城乡建设工作要点")
    assert [t.text[:8] for t in tasks] == [
        "推进老旧小区改造",
        "开展背街小巷环境",
        "建设社区全民健身",
        "完善垃圾分类体系",
    ]
    assert [list(t.lead) for t in tasks] == [
        ["市住建局"],
        ["市城管局", "市住建局"],
        ["市体育局"],
        ["市城管局"],
    ]


def test_department_heading_leads_the_response_below_it(tmp_path: Path) -> None:
    body = (
        "Action 4: Every department will publish its service performance data\n\n"
        "Departments have responded as follows:\n\n"
        "Ministry of Fisheries\n\n"
        "We will publish monthly figures for every licensing service by June 2014. "
        "Our analysts will also review the figures each quarter.\n\n"
        "Office of the Surveyor General\n\n"
        "The office already publishes its survey backlog and will add waiting times.\n\n"
        "Department for Rural Housing\n\n"
        "Awaiting confirmation\n\n"
        "Her Majesty's Land Registry\n\n"
        "Registration statistics are published weekly; we will add the cost per transaction "
        "by March 2015, working with the Ministry of Fisheries on a shared format.\n"
    )
    tasks = _plan(tmp_path, body, "Departmental responses", name="plan.txt")
    assert [list(t.lead) for t in tasks] == [
        ["Ministry of Fisheries"],
        ["Office of the Surveyor General"],
        ["Her Majesty's Land Registry"],
    ]
    assert all(not t.cooperating for t in tasks)
    assert tasks[0].text.endswith("each quarter.")
    dues = [t.deadline.due if t.deadline else None for t in tasks]
    assert dues == [date(2014, 6, 30), None, date(2015, 3, 31)]


def test_lead_and_target_date_column_and_a_row_broken_over_lines(tmp_path: Path) -> None:
    body = (
        "Recommendation | Response | Planned Action | Lead & Target Date |\n\n"
        "---|---|---|---|\n\n"
        "1) Strengthen the review of licence renewals by:\n\n"
        "|\n\n"
        "Agree | The Licensing Branch will publish a checklist.\n\n"
        "The Audit Unit will sample renewals each quarter.\n\n"
        "|\n\n"
        "LB June 2015 AU |\n\n"
        "2) Train inspectors on the revised guidance. | Agree | LB will run two courses. "
        "| LB October 2015 |\n\n"
        "3) Report results to the steering board. | Agree | AU will report yearly. "
        "| AU March 2016 |\n"
    )
    tasks = _plan(tmp_path, body, "Management action plan", name="plan.txt")
    assert [t.text[:22] for t in tasks] == [
        "1) Strengthen the revi",
        "2) Train inspectors on",
        "3) Report results to t",
    ]
    assert [list(t.lead) for t in tasks] == [["LB", "AU"], ["LB"], ["AU"]]
    dues = [t.deadline.due if t.deadline else None for t in tasks]
    assert dues == [date(2015, 6, 30), date(2015, 10, 31), date(2016, 3, 31)]


def test_action_field_of_a_record_is_one_task(tmp_path: Path) -> None:
    body = (
        "Summary of management's response\n\n"
        "Rec. No.: 1\n\n"
        "Corrective Action: Taken or Planned: The Grants Office, in coordination with OPM, "
        "will revise the award template and will train the reviewers.\n\n"
        "Expected Completion Date: May 31, 2013\n\n"
        "Open or Closed: Open\n\n"
        "Rec. No.: 2\n\n"
        "Corrective Action: Taken or Planned: OPM, in consultation with the Grants Office, "
        "will publish the revised checklist.\n\n"
        "Expected Completion Date: September 30, 2013\n\n"
        "Open or Closed: Open\n"
    )
    tasks = _plan(tmp_path, body, "Appendix", name="plan.txt")
    assert [t.text[:16] for t in tasks] == ["The Grants Offic", "OPM, in consulta"]
    assert [list(t.lead) for t in tasks] == [["Grants Office"], ["OPM"]]
    assert [list(t.cooperating) for t in tasks] == [["OPM"], ["Grants Office"]]
    dues = [t.deadline.due if t.deadline else None for t in tasks]
    assert dues == [date(2013, 5, 31), date(2013, 9, 30)]


def test_a_target_column_holds_the_tasks_of_a_division_table(tmp_path: Path) -> None:
    body = (
        "附件1\n\n"
        "2023年主要指标分解表\n\n"
        "序号 | 2023年预期目标 | 责任单位\n\n"
        "1 | 城镇新增就业1.2万人以上 | 县人力社保局\n\n"
        "2 | 粮食播种面积稳定在30万亩 | 县农业农村局\n\n"
        "3 | 单位地区生产总值能耗完成市下达任务 | 县发改局、县统计局\n"
    )
    tasks = _plan(tmp_path, body, "某县2023年主要指标分解")
    assert [t.text for t in tasks] == [
        "城镇新增就业1.2万人以上",
        "粮食播种面积稳定在30万亩",
        "单位地区生产总值能耗完成市下达任务",
    ]
    assert [list(t.lead) for t in tasks] == [
        ["县人力社保局"],
        ["县农业农村局"],
        ["县发改局", "县统计局"],
    ]


def test_a_target_column_beside_a_task_column_is_not_the_task(tmp_path: Path) -> None:
    body = (
        "序号 | 目标 | 工作任务 | 牵头单位\n\n"
        "1 | 就业稳定 | 开展高校毕业生就业见习计划 | 县人力社保局\n\n"
        "2 | 粮食安全 | 建设高标准农田2万亩 | 县农业农村局\n\n"
        "3 | 节能降耗 | 推进重点企业节能改造 | 县发改局\n"
    )
    tasks = _plan(tmp_path, body, "某县2023年重点工作分解")
    assert [t.text for t in tasks] == [
        "开展高校毕业生就业见习计划",
        "建设高标准农田2万亩",
        "推进重点企业节能改造",
    ]


def test_numbered_action_title_heads_the_paragraphs_that_explain_it(tmp_path: Path) -> None:
    body = (
        "Actions for rural connectivity\n\n"
        "1. Extend the broadband voucher scheme to island communities\n\n"
        "The Department of Rural Affairs will open applications in spring. "
        "Vouchers will cover installation, and the scheme will also fund satellite links.\n\n"
        "2. Train local volunteers to support first-time users\n\n"
        "We will host weekly sessions in community halls by the end of 2015. "
        "Volunteers will receive a short course and will visit housebound residents.\n"
    )
    tasks = _plan(tmp_path, body, "Connectivity plan", name="plan.txt")
    assert [t.text[:30] for t in tasks] == [
        "Extend the broadband voucher s",
        "Train local volunteers to supp",
    ]
    assert [list(t.lead) for t in tasks] == [["Department of Rural Affairs"], []]
    assert tasks[1].deadline is not None and tasks[1].deadline.due == date(2015, 12, 31)


def test_cooperation_aside_after_the_verb_closes_at_its_comma(tmp_path: Path) -> None:
    body = (
        "FEMA will assess, in coordination with NOAA, the flood maps and related "
        "guidance and determine whether they need revision.\n"
    )
    tasks = _plan(tmp_path, body, "Corrective actions", name="plan.txt")
    assert [list(t.lead) for t in tasks][:1] == [["FEMA"]]
    assert list(tasks[0].cooperating) == ["NOAA"]


def test_flat_action_rows_with_sub_items_and_a_date_then_lead(tmp_path: Path) -> None:
    body = (
        "Recommendation 1 - The Board should improve access to its grant data.\n"
        "Action Plan Deliverables Expected Completion Date Lead\n"
        "1) Publish grant records on the open data portal. i) A data dictionary, and\n"
        "ii) A quarterly refresh of the records.\n"
        "June 30, 2017 Data Steward (DS)\n"
        "2) Train program officers on the new records format. Training deck. "
        "September 15, 2017 DS\n"
        "3) Review the uptake of the portal with users. Review report. "
        "31 March 2018 Program Director (PD)\n"
    )
    tasks = _plan(tmp_path, body, "Management response", name="plan.txt")
    rows = [t for t in tasks if t.text[:1] in "PTR" and not t.text.startswith("Recommend")]
    assert [t.text[:20] for t in rows] == [
        "Publish grant record",
        "Train program office",
        "Review the uptake of",
    ]
    assert [list(t.lead) for t in rows] == [
        ["Data Steward (DS)"],
        ["DS"],
        ["Program Director (PD)"],
    ]
    dues = [t.deadline.due if t.deadline else None for t in rows]
    assert dues == [date(2017, 6, 30), date(2017, 9, 15), date(2018, 3, 31)]
