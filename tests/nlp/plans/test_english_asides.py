"""English subjects of four words or fewer before a co-operation aside: the subject leads, the
aside's bodies co-operate; a short fronted time phrase still frames the sentence (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import load_document
from nlp.plans.tasks import extract_tasks


def _one(tmp_path: Path, sentence: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    path = tmp_path / "plan.txt"
    path.write_text("River Plan 2024\n" + sentence + "\n", encoding="utf-8")
    document = load_document(path).document
    assert document is not None
    [task] = extract_tasks(document)
    return task.lead, task.cooperating


@pytest.mark.parametrize(
    ("sentence", "lead", "cooperating"),
    [
        (
            "The Department of Energy, in coordination with the Department of the Interior, "
            "will publish river data.",
            ("Department of Energy",),
            ("Department of the Interior",),
        ),
        (
            "The Environment Agency, in coordination with the Flood Office, will map flood risk.",
            ("Environment Agency",),
            ("Flood Office",),
        ),
        ("In 2024, the Environment Agency will publish river data.", ("Environment Agency",), ()),
    ],
)
def test_a_short_subject_before_an_aside_leads(
    tmp_path: Path, sentence: str, lead: tuple[str, ...], cooperating: tuple[str, ...]
) -> None:
    assert _one(tmp_path, sentence) == (lead, cooperating)
