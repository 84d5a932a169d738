"""Figures that differ between two sentences saying the same thing (English)."""

from __future__ import annotations

import pytest

from nlp.review.checks import compare_articles
from nlp.review.figures import figure_issues, figures


def values(text: str) -> list[object]:
    return [v for v, _ in figures(text)]


def test_figures_read_dates_sums_and_the_digits_of_a_written_number() -> None:
    text = "Seller shall give thirty (15) days notice and pay $917,000 by May 1, 1998."
    assert values(text) == [15.0, 917000.0, (1998, 5, 1)]


def test_section_numbers_item_markers_and_clause_numbers_are_no_figures() -> None:
    text = "3.7 Medica shall (1) replace it as required by Section 4.3 as follows: 6.1 the fee."
    assert values(text) == []


def test_a_changed_figure_in_the_same_sentence_is_found_and_marked() -> None:
    upper = "Autotote shall make available to Sisal one (1) working prototype of the Terminal by June 12, 1998."
    local = "Autotote shall make available to Sisal one (1) working prototype of the Terminal by May 1, 1998."
    (issue,) = figure_issues(local, upper)
    assert issue.code == "CHECK_FIGURE"
    assert [local[a:b] for a, b in issue.local_marks] == ["May 1, 1998"]
    assert [upper[a:b] for a, b in issue.upper_marks] == ["June 12, 1998"]
    assert figure_issues(upper, upper) == []


@pytest.mark.parametrize(
    ("local", "upper"),
    [
        # an added figure, none changed
        (
            "AorTech shall keep sixty (60) days inventory of all required materials for the Product.",
            "AorTech shall keep inventory of all required materials for the Product.",
        ),
        # other sentences of one contract, each with its own period
        (
            "Eon shall use all diligent efforts to provide replacement Product within sixty (60) days "
            "after receipt of a rejection notice from DAS.",
            "Eon shall notify DAS within thirty (30) days after receipt of a rejection notice from "
            "DAS as to whether it accepts the basis for such rejection.",
        ),
    ],
)
def test_an_added_figure_or_another_sentence_is_no_changed_figure(local: str, upper: str) -> None:
    assert figure_issues(local, upper) == []


def test_compare_articles_leaves_chinese_figures_and_typed_ones_to_their_checks() -> None:
    upper = (
        "Medica shall within 20 Business Days provide Nephros written confirmation of compliance."
    )
    local = (
        "Medica shall within 10 Business Days provide Nephros written confirmation of compliance."
    )
    assert [i.code for i in compare_articles(local, upper)] == ["CHECK_TIME_LIMIT"]
    zh_upper = "生产经营单位应当每年组织二次应急救援预案演练，并将演练情况报送有关部门备案。"
    zh_local = "生产经营单位应当每年组织一次应急救援预案演练，并将演练情况报送有关部门备案。"
    assert "CHECK_FIGURE" not in [i.code for i in compare_articles(zh_local, zh_upper)]
