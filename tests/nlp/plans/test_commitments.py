"""Plans of numbered commitments (open-government action plans and the like), official names
that hold "and", and Chinese note fields seen in real plans."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ingest import load_document
from nlp.bodies.departments import DepartmentDirectory
from nlp.plans.tasks import extract_tasks

COMMITMENTS = """National Action Plan
Introduction
The Administration is publishing its third plan. The plan was written with civil society.
1. Reconstitute the Government Portal as the Front Door
For a government to be open, the public must find information easily. The portal was set up in 2002.
The General Services Administration will relaunch the portal by the end of 2016.
2. Improve Management of Government Records
The backbone of an accountable government is strong records management.
● Increase Transparency in Managing Email. The Department of Justice will release a report on email.
● Improve the Records Schedule Repository. The Office of Management and Budget will publish schedules.
3. Promote Evidence-Based Policy
The Administration will support agencies in building evidence, in coordination with the Domestic Policy Council.
Conclusion
We will report on progress every year.
"""


def _tasks(tmp_path: Path, text: str, name: str = "plan.txt") -> list:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    document = load_document(path).document
    assert document is not None
    return extract_tasks(document, plan_date=date(2015, 10, 27))


def test_a_commitment_is_one_task_led_by_the_subjects_of_its_clauses(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, COMMITMENTS)
    texts = [t.text for t in tasks]
    # background prose is not a task; titled items make their commitment a heading
    assert texts == [
        "Reconstitute the Government Portal as the Front Door",
        "Increase Transparency in Managing Email",
        "Improve the Records Schedule Repository",
        "Promote Evidence-Based Policy",
    ]
    portal, email, schedule, evidence = tasks
    assert portal.lead == ("General Services Administration",)
    assert portal.deadline is not None and portal.deadline.due == date(2016, 12, 31)
    assert email.lead == ("Department of Justice",)
    # a name that holds "and" is one body, not two
    assert schedule.lead == ("Office of Management and Budget",)
    assert evidence.lead == ("Administration",)
    assert evidence.cooperating == ("Domestic Policy Council",)


def test_sentence_case_headings_still_head_directives_that_are_tasks_each(tmp_path: Path) -> None:
    text = (
        "Illustrative Plan for Gas Safety\n"
        "1. Identifying and eliminating hidden hazards\n"
        "Market regulation departments should strengthen supervision of gas appliances.\n"
        "Gas companies must inspect indoor facilities every two years.\n"
        "2. Tightening supervision over the whole chain\n"
        "Fire and rescue agencies will include gas safety in their inspections.\n"
        "3. Improving emergency response\n"
        "Local governments should clarify which departments supervise gas safety.\n"
    )
    assert len(_tasks(tmp_path, text)) == 4


def test_lists_are_not_split_inside_an_official_name() -> None:
    split = DepartmentDirectory.default().split
    assert split(
        "the Department for Culture, Media and Sport, HM Treasury and the Cabinet Office"
    ) == [
        "the Department for Culture, Media and Sport",
        "HM Treasury",
        "the Cabinet Office",
    ]
    assert split("the Office of Management and Budget and the General Services Administration") == [
        "the Office of Management and Budget",
        "the General Services Administration",
    ]


def test_a_lead_field_makes_the_responsible_units_co_operate(tmp_path: Path) -> None:
    text = (
        "某区2023年重点工作任务分工方案\n"
        "一、主要目标\n"
        "1.规模以上工业增加值增长5%左右。\n"
        "牵头单位:区工信局\n"
        "责任单位:区经济开发区、各街道\n"
        "2.完成东川消防二中队建设。\n"
        "责任单位及责任人:东川区政府主要领导\n"
    )
    growth, station = _tasks(tmp_path, text, "zh_plan_2023.txt")
    assert growth.lead == ("区工信局",)
    assert growth.cooperating == ("区经济开发区", "各街道")
    # the official answering for the body is not part of its name
    assert station.lead == ("东川区政府",)


def test_a_nation_speaking_in_its_plan_leads_and_initials_do_not_end_a_sentence(
    tmp_path: Path,
) -> None:
    text = (
        "Open Government Plan\n"
        "1. Implement the Extractive Industries Transparency Initiative\n"
        "Transparency in revenue matters to citizens.\n"
        "The United States will publish its first report by the end of 2016.\n"
        "2. Improve the Quality of Spending Data\n"
        "U.S. agencies will publish spending data every quarter.\n"
        "3. Open Disaster-Related Data\n"
        "Expanding the amount of open disaster data will help communities. "
        "The Federal Emergency Management Agency will publish a data portal.\n"
    )
    eiti, spending, disaster = _tasks(tmp_path, text)
    assert eiti.lead == ("United States",)
    assert spending.lead == ("U.S. agencies",)
    # a phrase that only mentions what a body does is not a body
    assert disaster.lead == ("Federal Emergency Management Agency",)


def test_lists_under_will_lead_ins_are_the_tasks_and_the_prose_is_not(tmp_path: Path) -> None:
    text = (
        "Government Approach\n"
        "Departments will commission support and the Digital Service will coordinate it.\n"
        "Departments will:\n"
        "- select and manage the delivery of support for all services\n"
        "- agree and follow common models of support\n"
        "Government Digital Service will:\n"
        "- publish the standard by April 2013\n"
        "Governance\n"
        "The programme will be governed by a board.\n"
        "The programme board will:\n"
        "- make collective decisions on exemption requests\n"
    )
    tasks = _tasks(tmp_path, text)
    assert [t.text for t in tasks] == [
        "select and manage the delivery of support for all services",
        "agree and follow common models of support",
        "publish the standard by April 2013",
        "make collective decisions on exemption requests",
    ]
    assert [t.lead for t in tasks][:3] == [
        ("Departments",),
        ("Departments",),
        ("Government Digital Service",),
    ]
    assert tasks[2].deadline is not None and tasks[2].deadline.due == date(2013, 4, 30)
