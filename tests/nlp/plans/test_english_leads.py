"""Leads of English commitments as the plan names them: a name its acronym spells across "and",
one body named twice, a name behind a preposition or lower-case words, the speaker "we", a
subject with an aside before its modal, and the body "tasked with" the work (issue 15)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ingest import load_document
from nlp.bodies.departments import DepartmentDirectory
from nlp.plans import english as plan_en
from nlp.plans.english_names import named_again, spelled_spans
from nlp.plans.tasks import TaskItem, extract_tasks, tasks_from_rows


def test_an_acronym_keeps_its_name_whole_across_and() -> None:
    words = "the Government Accountability and Transparency Board (GATB) and the EPA (EPA)"
    assert [words[a:b] for a, b in spelled_spans(words)] == [
        "Government Accountability and Transparency Board (GATB)"
    ]
    # letters that do not spell the words before: no name is joined
    assert spelled_spans("the Archives and the Records Office (NARA)") == []


@pytest.mark.parametrize(
    ("name", "earlier", "again"),
    [
        ("NASA", ["National Aeronautics and Space Administration (NASA)"], True),
        ("Agencies", ["Federal agencies"], True),
        ("Justice Department", ["Department of Justice"], True),
        ("Administration", ["Small Business Administration"], False),
        ("Department of State", ["Department of Justice"], False),
    ],
)
def test_one_body_named_twice(name: str, earlier: list[str], again: bool) -> None:
    assert named_again(name, earlier) is again


def test_a_subject_with_an_aside_before_its_modal() -> None:
    sentence = "FEMA, through its OpenFEMA initiative, will release new disaster data."
    (clause,) = [c for c in plan_en.analyse(sentence).clauses if c.subject]
    assert clause.subject is not None
    assert sentence[clause.subject[0] : clause.subject[1]] == "FEMA"


COMMITMENTS = """Open Government National Action Plan
1. Modernize Records Management
The National Archives and Records Administration (NARA) will issue guidance on email. NARA will also publish a toolkit.
2. Increase Transparency of Spending
The President has tasked the Government Accountability and Transparency Board (GATB) with developing a data standard.
3. Reform Classification
The interagency Classification Review Committee will publish its recommendations.
4. Improve Agency Websites
The Department of Justice will publish guidance. The Justice Department will also train agencies.
5. Open Disaster Data
FEMA, through its OpenFEMA initiative, will release new data in a machine-readable format.
"""


def _tasks(tmp_path: Path, text: str) -> list[TaskItem]:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    document = load_document(path).document
    assert document is not None
    return extract_tasks(document, plan_date=date(2013, 12, 5))


def test_commitment_leads_as_the_plan_names_them(tmp_path: Path) -> None:
    leads = [list(t.lead) for t in _tasks(tmp_path, COMMITMENTS)]
    assert leads == [
        ["National Archives and Records Administration (NARA)"],
        ["Government Accountability and Transparency Board (GATB)"],
        ["Classification Review Committee"],
        ["Department of Justice"],
        ["FEMA"],
    ]


def test_a_table_row_led_by_we_names_no_body() -> None:
    rows = [
        {"No.": "21", "Action": "We will review web content to ensure that it is clear."},
        {"No.": "22", "Action": "NARA will publish the toolkit."},
    ]
    tasks = tasks_from_rows(rows, directory=DepartmentDirectory.default())
    assert [list(t.lead) for t in tasks] == [[], ["NARA"]]
