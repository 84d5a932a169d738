"""A body's own statement of intent leads its task, in running text and in table rows without a
lead column; a thing that only belongs to a body does not (issue 15)."""

from __future__ import annotations

import pytest

from nlp.bodies.departments import DepartmentDirectory
from nlp.plans import english as plan_en
from nlp.plans.english_words import heads_a_body
from nlp.plans.tasks import tasks_from_rows


def _subjects(sentence: str) -> list[str]:
    analysis = plan_en.analyse(sentence)
    return [sentence[c.subject[0] : c.subject[1]] for c in analysis.clauses if c.subject]


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("Research Services plans to carry out a review of our services.", "Research Services"),
        ("NARA is working to develop a solution for finding aids.", "NARA"),
        ("The Board intends to publish its guidance.", "The Board"),
        (
            "The Office of the Chief Records Officer will be developing additional guidance.",
            "The Office of the Chief Records Officer",
        ),
    ],
)
def test_a_body_stating_its_intention_is_the_subject(sentence: str, subject: str) -> None:
    assert _subjects(sentence) == [subject]


@pytest.mark.parametrize(
    "sentence",
    [
        "The campaign aims to reach every household.",
        "Corporate publishing activities will be moving to the new site.",
    ],
)
def test_an_intention_without_a_body_is_no_commitment(sentence: str) -> None:
    assert _subjects(sentence) == []


def test_heads_a_body_reads_the_head_noun() -> None:
    assert heads_a_body("The Office of the Chief Records Officer")
    assert heads_a_body("Research Services")
    assert heads_a_body("Agency Chief Data Officers")
    assert not heads_a_body("Agency authorization systems")
    assert not heads_a_body("all new or redesigned transactional services")


def test_a_row_without_a_lead_column_takes_the_named_subject() -> None:
    rows = [
        {"#": "1", "Commitment": "NARA will hire the first Innovation Hub Director."},
        {"#": "2", "Commitment": "Research Services plans to review services at 15 locations."},
        {"#": "3", "Commitment": "Agency authorization systems should work to add a signal."},
    ]
    tasks = tasks_from_rows(rows)
    assert [t.lead for t in tasks] == [("NARA",), ("Research Services",), ()]


def test_an_acronym_after_a_name_does_not_split_it_at_and() -> None:
    names = DepartmentDirectory.default().resolve_list(
        "NCCA, Curriculum and Assessment Policy Unit (DES)"
    )
    assert [m.text for m in names] == ["NCCA", "Curriculum and Assessment Policy Unit (DES)"]
