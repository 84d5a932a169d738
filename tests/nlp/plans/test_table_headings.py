"""Section lines inside a division table: a timescale heading dates the rows under it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ingest import load_document
from nlp.plans.tasks import extract_tasks

TABLE = """ICT Action Plan
June 2012
 | Challenge | Action | Lead Responsibility
THEME 1 - SKILLS
Short term (by 31 December 2012)
1 | Understand demand | The Employer Board will use labour market forecasts. | Employer Board
2 |  | Invest NI will develop a Capital Markets Programme by March 2013. | Invest NI
Medium term (30 June 2013)
3 | Encourage take up | The Department of Education will review school qualifications. | Department of Education
THEME 2 - ATTRACTIVENESS
4 | Raise the profile | Universities will offer conversion courses. | Universities
"""


def _tasks(tmp_path: Path, text: str) -> list:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    document = load_document(path).document
    assert document is not None
    return extract_tasks(document, plan_date=date(2012, 6, 1))


def test_rows_take_the_date_of_the_timescale_heading_above_them(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, TABLE)
    due = {t.lead[0]: t.deadline.due if t.deadline else None for t in tasks}
    assert due["Employer Board"] == date(2012, 12, 31)
    # a row's own fixed date wins over its heading's
    assert due["Invest NI"] == date(2013, 3, 31)
    # a timescale heading with no cue word still dates its rows
    assert due["Department of Education"] == date(2013, 6, 30)
    # a theme line with no date ends the timescale: its rows have no deadline
    assert due["Universities"] is None


def test_a_heading_that_only_names_a_year_sets_no_deadline(tmp_path: Path) -> None:
    text = (
        "2023年重点工作分工表\n"
        "序号 | 重点任务 | 牵头单位 | 完成时限\n"
        "2023年重点工作\n"
        "1 | 修订安全生产责任制规定。 | 省应急管理厅 | \n"
        "2 | 开展危险化学品专项检查。 | 省应急管理厅 | 2023年6月底前\n"
    )
    tasks = _tasks(tmp_path, text)
    assert [t.deadline.due if t.deadline else None for t in tasks] == [None, date(2023, 6, 30)]
