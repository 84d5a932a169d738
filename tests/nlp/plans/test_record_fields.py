"""Progress reports and commitment records that head a commitment with a "Lead agency:" line
(its value on the same line or the next) and follow each milestone with a "Start/End dates:" or
"End date:" line: the agency leads every milestone below it, the end of the range is the
milestone's due day, "Ongoing" fixes none."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ingest import load_document
from nlp.plans.tasks import TaskItem, extract_tasks

REPORT = """Commitment 3 progress report: 31 December 2020
Commitment 3: Open contracting data
Lead agency:
Ministry of Works
To make the data on awarded contracts easy to find.
Milestone 1
Publish an overview of the contracts awarded each quarter
Start/End dates: August 2018 to 30 November 2018
Progress: completed
Milestone 2
Engage with suppliers on the format of the published data
Start/End dates: Ongoing
Progress: underway
Commitment 4: Open budget
Lead agency: The Treasury
Milestone 1
Ask key stakeholder groups how the budget could be made more accessible
Progress: completed
Milestone 2
Provide budget data in machine readable form
End date: May 2019
Progress: underway
"""


def _tasks(tmp_path: Path) -> list[TaskItem]:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    document = load_document(path).document
    assert document is not None
    return extract_tasks(document, plan_date=date(2018, 8, 1))


def test_the_lead_agency_line_leads_the_milestones_below_it(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path)
    assert [t.text.split()[0] for t in tasks] == ["Publish", "Engage", "Ask", "Provide"]
    leads = [tuple(n.removeprefix("The ") for n in t.lead) for t in tasks]
    assert leads == [("Ministry of Works",)] * 2 + [("Treasury",)] * 2


def test_the_line_after_a_milestone_label_is_one_task(tmp_path: Path) -> None:
    texts = [t.text for t in _tasks(tmp_path)]
    assert texts[0] == "Publish an overview of the contracts awarded each quarter"
    assert texts[3] == "Provide budget data in machine readable form"


def test_a_milestone_is_due_at_the_end_of_its_dates_line(tmp_path: Path) -> None:
    dues = [t.deadline.due if t.deadline else None for t in _tasks(tmp_path)]
    assert dues == [date(2018, 11, 30), None, None, date(2019, 5, 31)]
