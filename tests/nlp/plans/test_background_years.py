"""A bare "in YEAR" that dates something a commitment's text speaks of, not the work it commits
to: an event named as a sentence's subject, an aside on what will be reported, a year already
past when the plan was issued. A year the work is to be done in stays its deadline."""

from __future__ import annotations

from datetime import date

import pytest

from nlp.plans.deadlines import find_deadlines

PLAN = date(2024, 11, 15)


@pytest.mark.parametrize(
    "sentence",
    [
        "The regional forum in 2025 will review what the partners have achieved.",
        "The agency set targets for waiting times, which will be published in 2025.",
        "At the first open data week in 2022, the Secretary announced a new portal.",
    ],
)
def test_year_of_background_is_no_deadline(sentence: str) -> None:
    assert find_deadlines(sentence, plan_date=PLAN) == []


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        ("The agency will publish the new register in 2025.", date(2025, 12, 31)),
        ("In 2026, the department will retire the legacy system.", date(2026, 12, 31)),
        # the year before the aside is the commitment's own
        (
            "The board will adopt the standard in 2025, which will guide later work.",
            date(2025, 12, 31),
        ),
    ],
)
def test_year_the_work_is_done_in_stays(sentence: str, due: date) -> None:
    assert [d.due for d in find_deadlines(sentence, plan_date=PLAN)] == [due]
