"""English plans: who leads and who co-operates, on forms taken from real action plans."""

from __future__ import annotations

from pathlib import Path

from ingest import load_document
from nlp.bodies.departments import DepartmentDirectory
from nlp.plans.tasks import extract_tasks, tasks_from_rows


def _tasks(tmp_path: Path, text: str) -> list:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    document = load_document(path).document
    assert document is not None
    return extract_tasks(document)


def test_a_modifier_joined_by_and_shares_the_head_noun_of_one_name() -> None:
    split = DepartmentDirectory.default().split
    assert split("Departmental and transactional agency boards") == [
        "Departmental and transactional agency boards"
    ]
    assert split("Data Sharing and Governance Unit") == ["Data Sharing and Governance Unit"]
    assert split("OMB and CISA") == ["OMB", "CISA"]
    assert split("the Department of Health and the HSE") == ["the Department of Health", "the HSE"]


def test_departments_at_the_start_of_an_action_lead_it(tmp_path: Path) -> None:
    [task] = _tasks(
        tmp_path,
        "Actions\n\nDepartments will raise awareness of their digital services by March 2013.\n",
    )
    assert task.lead == ("Departments",)


def test_a_kind_of_department_is_not_the_collective_departments(tmp_path: Path) -> None:
    [task] = _tasks(
        tmp_path,
        "Actions\n\nMarket regulation departments should strengthen supervision of gas appliances.\n",
    )
    assert task.lead_kind_names == ("Market Regulation",)
    assert "departments" not in task.lead


def test_everyone_is_no_one_in_particular(tmp_path: Path) -> None:
    [task] = _tasks(
        tmp_path,
        "Actions\n\nAll regions and departments should report progress to the Office each year.\n",
    )
    assert task.lead == ()


def test_the_partner_of_work_with_co_operates_in_a_task_table() -> None:
    rows = [
        {
            "Section": "Devices",
            "Task": "Agencies must work with CISA to identify gaps and establish information sharing.",
            "Timeline": "Within 60 days.",
        }
    ]
    [task] = tasks_from_rows(rows)
    assert task.lead == ("Agencies",)
    assert task.cooperating == ("CISA",)
