"""Tables printed flat by a copy or a PDF extractor: rows under merged cells whose empty edge
cells were dropped, bullet marks in task cells, a parent's acronym set off by a comma (issue 15)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ingest import load_document
from nlp.plans.tasks import TaskItem, extract_tasks

TABLE = """Water Services Programme 2021-2024
Goal | Action(s) | Timeframe | Lead Body
2.1 To renew old mains. | - Survey the condition of mains in every county. | 2021-2022 | Network Unit, (DWS)
| - Replace the worst tenth of the mains surveyed. | 2023-2024 | Works Office
| - Publish a yearly renewal report. | 2022-2024 |
2.2 To cut leakage. | - Fit district meters across the network. | 2021 | Leakage Unit (DWS)
| - Train crews to find leaks. |  |
"""


def _tasks(tmp_path: Path, text: str) -> list[TaskItem]:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    document = load_document(path).document
    assert document is not None
    return extract_tasks(document, plan_date=date(2021, 1, 1))


def test_rows_under_a_merged_cell_are_tasks(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, TABLE)
    assert [t.text.split()[0] for t in tasks] == ["Survey", "Replace", "Publish", "Fit", "Train"]


def test_a_row_without_its_own_lead_takes_the_lead_above(tmp_path: Path) -> None:
    by_verb = {t.text.split()[0]: t for t in _tasks(tmp_path, TABLE)}
    assert by_verb["Publish"].lead == ("Works Office",)
    assert by_verb["Train"].lead == ("Leakage Unit (DWS)",)


def test_a_row_without_its_own_timeframe_takes_the_one_above(tmp_path: Path) -> None:
    by_verb = {t.text.split()[0]: t for t in _tasks(tmp_path, TABLE)}
    publish, train = by_verb["Publish"].deadline, by_verb["Train"].deadline
    assert publish is not None and publish.due == date(2024, 12, 31)
    assert train is not None and train.due == date(2021, 12, 31)


def test_a_new_group_does_not_inherit_from_the_last(tmp_path: Path) -> None:
    text = TABLE.replace("| Leakage Unit (DWS)", "|")
    by_verb = {t.text.split()[0]: t for t in _tasks(tmp_path, text)}
    assert "Works Office" not in by_verb["Fit"].lead


def test_a_parent_acronym_after_a_comma_stays_with_the_name(tmp_path: Path) -> None:
    by_verb = {t.text.split()[0]: t for t in _tasks(tmp_path, TABLE)}
    assert by_verb["Survey"].lead == ("Network Unit (DWS)",)


SCHEDULE = """Open Budget Plan Implementation Schedule
No Commitments and milestone activities Start End Implementing Agency
Budget Transparency Group
1. Publish a citizens' budget every year
1 Draft a plain-language guide to the budget Jan 2021 Jun 2021 MoF
2 Consult civil society on the draft guide
3 Print and post the guide in all provinces Jul 2021 Dec 2021
2. Open procurement data
1 Release contract award data in an open format. PPA
2 Train procurement officers on the format
3 Report the data's use to the Cabinet
"""


def test_a_flat_schedule_gives_one_task_per_numbered_row(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, SCHEDULE)
    assert [t.text.split()[0] for t in tasks] == [
        "Draft",
        "Consult",
        "Print",
        "Release",
        "Train",
        "Report",
    ]
    assert tasks[0].text == "Draft a plain-language guide to the budget"
    assert tasks[3].label == "1"


def test_a_flat_row_takes_the_body_printed_at_its_end_or_above_in_its_group(
    tmp_path: Path,
) -> None:
    tasks = _tasks(tmp_path, SCHEDULE)
    assert [t.lead for t in tasks] == [("MoF",)] * 3 + [("PPA",)] * 3


def test_a_flat_row_is_due_at_its_last_printed_date(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, SCHEDULE)
    first, third = tasks[0].deadline, tasks[2].deadline
    assert first is not None and first.due == date(2021, 6, 30)
    assert third is not None and third.due == date(2021, 12, 31)


def test_a_name_governed_by_the_row_text_is_no_lead(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, SCHEDULE)
    assert "Cabinet" not in tasks[5].lead


def test_numbered_lines_without_a_schedule_header_are_not_a_flat_table(tmp_path: Path) -> None:
    text = SCHEDULE.replace("Start End Implementing Agency", "and their progress")
    assert all(t.lead != ("MoF",) for t in _tasks(tmp_path, text))


def test_a_year_in_the_text_of_a_row_under_time_columns_is_no_deadline(tmp_path: Path) -> None:
    text = SCHEDULE.replace("on the format", "on the format for the year 2022")
    [train] = [t for t in _tasks(tmp_path, text) if t.text.startswith("Train")]
    assert train.deadline is None or train.deadline.due is None
