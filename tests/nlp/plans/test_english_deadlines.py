"""English deadline forms of real action plans: a fronted month, US fiscal years and their
quarters, calendar years, seasons, and a date the plan's opening sets for all its commitments
(issue 15; conventions in bench/plans-real/CONVENTIONS.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ingest import load_document
from nlp.plans.deadlines import find_deadlines, parse_deadline
from nlp.plans.tasks import TaskItem, extract_tasks

PLAN = date(2016, 8, 24)


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        ("In October 2017 we will launch the new catalog.", date(2017, 10, 31)),
        ("By Fiscal Year 2025, NARA will digitize its holdings.", date(2025, 9, 30)),
        ("The agency will migrate its systems in FY2025.", date(2025, 9, 30)),
        ("OMB will publish the guidance by FY 19.", date(2019, 9, 30)),
        ("We will finish by the end of the 2018 fiscal year.", date(2018, 9, 30)),
        # US fiscal year N runs October N-1 to September N: its quarters end Dec, Mar, Jun, Sep
        ("Agencies will report by Q3 FY2024.", date(2024, 6, 30)),
        ("Agencies will report by Q1 FY2024.", date(2023, 12, 31)),
        ("Agencies will report by the second quarter of fiscal year 2024.", date(2024, 3, 31)),
        # several fiscal years: the work runs to the last
        ("NHPRC will add documents in Fiscal Year 2017 and Fiscal Year 2018.", date(2018, 9, 30)),
        ("The office will close the gaps by the end of 2025.", date(2025, 12, 31)),
        ("The office will close the gaps by end of calendar year 2024.", date(2024, 12, 31)),
    ],
)
def test_english_fixed_dates(sentence: str, due: date) -> None:
    found = find_deadlines(sentence, plan_date=PLAN)
    assert [d.due for d in found] == [due], sentence
    assert found[0].kind == "date"


@pytest.mark.parametrize(
    "sentence",
    [
        "The plan is likely to be published in November 2016.",  # inside a clause: another event
        "In March 2015 the Archivist launched the portal.",  # fronted, but before the plan
        "The FY 2024/25 budget funds the programme.",  # a split (financial) year is not read
    ],
)
def test_months_and_years_that_date_no_work(sentence: str) -> None:
    assert [d.due for d in find_deadlines(sentence, plan_date=PLAN)] == []


def test_a_season_fixes_no_date_and_keeps_its_words() -> None:
    cell = parse_deadline("Spring 2017 (maths) and Spring 2018 (science)", plan_date=PLAN)
    assert cell is not None and (cell.kind, cell.due, cell.text) == ("season", None, "Spring 2017")
    # in running text it is no deadline at all, and its year is not read as one
    assert find_deadlines("Deliver the course in Spring 2026.", plan_date=PLAN) == []
    # a fixed month beside it in one cell is the due date
    mixed = parse_deadline("Finalise in Spring 2014 Available from September 2014", plan_date=PLAN)
    assert mixed is not None and mixed.due == date(2014, 9, 30)


def test_within_twelve_months_is_open() -> None:
    (found,) = find_deadlines("The team will report within 12 months.", plan_date=PLAN)
    assert (found.kind, found.due, found.text) == ("relative", None, "within 12 months")


COMMITMENTS = """New Open Government Initiatives
September 2016
The United States will work to implement these commitments by the end of this cycle in June 2017.
Promote Open Science
Increase Open Access to Research
The Department of Energy will publish its research data in an open repository.
Improve Transparency of Assistance
The Department of State will publish assistance data by December 2016.
"""


def _tasks(tmp_path: Path, text: str) -> list[TaskItem]:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    document = load_document(path).document
    assert document is not None
    return extract_tasks(document, plan_date=date(2016, 9, 28))


def test_the_openings_date_for_all_commitments_dates_every_task_without_its_own(
    tmp_path: Path,
) -> None:
    tasks = _tasks(tmp_path, COMMITMENTS)
    due = {t.text.split(" will ")[0]: t.deadline.due if t.deadline else None for t in tasks}
    assert due["The Department of Energy"] == date(2017, 6, 30)
    assert due["The Department of State"] == date(2016, 12, 31)  # its own date replaces it
    # the declaration itself is no task
    assert not any("implement these commitments" in t.text for t in tasks)


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        ("The Cabinet Office will publish the data by the end of FY 2024/25.", date(2025, 3, 31)),
        ("Departments will report in the 2023-24 financial year.", date(2024, 3, 31)),
        ("Councils will publish the review by financial year 2025/2026.", date(2026, 3, 31)),
    ],
)
def test_a_split_financial_year_ends_on_31_march(sentence: str, due: date) -> None:
    assert [d.due for d in find_deadlines(sentence, plan_date=PLAN)] == [due]
