"""English plans: a part's heading in title case is not a task, a directive in sentence case is
(issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import load_document
from nlp.plans.reader import is_title_line
from nlp.plans.tasks import extract_tasks

PLAN = """Open Rivers Plan 2024
Restore Healthy Rivers for Every Community
The Environment Agency will publish river quality data every month.
Strengthen Local Flood Defences
The Flood Office will fund new barriers in ten towns by December 2025.
"""


def test_title_case_part_headings_are_not_tasks(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    document = load_document(path).document
    assert document is not None
    texts = [t.text for t in extract_tasks(document)]
    assert not any(t.startswith(("Restore", "Strengthen")) for t in texts)
    assert any("publish river quality data" in t for t in texts)
    assert any("fund new barriers" in t for t in texts)


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Restore Healthy Rivers for Every Community", True),
        ("Counter Corruption and Ensure Government Integrity", True),
        ("Publish the river data in an open format", False),
        ("Agencies Will Publish Their Data", False),
        ("Publish River Data.", False),
        ("1. Restore Healthy Rivers for Every Community", False),
        ("Issued by the Office of the River Board", False),
    ],
)
def test_a_title_line_is_short_capitalised_and_without_a_modal(line: str, title: bool) -> None:
    assert is_title_line(line) is title
