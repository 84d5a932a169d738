"""Findings grouped by what they say (issue 18, problem 5), and one decision for a group that is
recorded and logged for every member, all or none."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from index import ingest_paths, open_store
from index.accounts import PermissionDenied, Role, User
from index.review.groups import article_order, decide_all, group_findings
from index.review.stored_texts import decisions, review_document, save_findings
from index.store.database import NotFoundError, Store
from nlp.review.findings import ReviewFinding
from tests.index.support import CORPUS, PROVINCIAL

REVIEWER = User("rita", Role.REVIEWER)
FILES = ("zh_national_law_2019.md", "zh_national_law_2024.md", "zh_provincial_rule.docx")


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "workspace") as opened:
        ingest_paths(opened, [CORPUS / name for name in FILES], sandbox=False)
        yield opened


def copies(store: Store, numbers: tuple[str, ...]) -> list[ReviewFinding]:
    """One real finding said again of other articles (as a renamed authority is), stored."""
    result = review_document(store, PROVINCIAL, save=False)
    base = next(f for f in result.findings if f.code == "CHECK_THRESHOLD")
    made = [
        replace(base, finding_id=f"{base.finding_id}-{n}", local_number=number, also=())
        for n, number in enumerate(numbers)
    ]
    save_findings(store, REVIEWER, PROVINCIAL, [i for i, _ in result.against], made)
    return made


def test_identical_findings_are_one_group_in_article_order(store: Store) -> None:
    made = copies(store, ("第十二条", "第七条", "第十条"))
    other = [
        f
        for f in review_document(store, PROVINCIAL, save=False).findings
        if f.message != made[0].message
    ]
    groups = group_findings([*made, *other])
    [group] = [g for g in groups if len(g.members) == 3]
    assert group.articles == ["第七条", "第十条", "第十二条"]
    # The other findings group among themselves only when they say the same thing (two articles
    # with the same income-share fine may); the three copies add exactly one group.
    said = {(f.code, f.severity, f.message, f.fix, f.upper_title) for f in other}
    assert len(groups) == len(said) + 1
    assert all(len({(m.message, m.fix, m.upper_title) for m in g.members}) == 1 for g in groups)
    assert group.group_id == group_findings(list(reversed(made)))[0].group_id  # stable


def test_a_finding_that_names_more_articles_lists_them_all(store: Store) -> None:
    renamed = next(
        f
        for f in review_document(store, PROVINCIAL, save=False).findings
        if f.code == "CHECK_RENAMED_AUTHORITY"
    )
    [group] = group_findings([renamed])
    assert group.articles[0] == renamed.local_number
    assert len(group.articles) == 1 + len(renamed.also) > 1


def test_a_group_decision_records_and_logs_each_member(store: Store) -> None:
    made = copies(store, ("第七条", "第十条", "第十二条"))
    assert decide_all(store, REVIEWER, [f.finding_id for f in made], "dismissed", "本省标准") == 3
    kept = decisions(store, [f.finding_id for f in made])
    assert {k: (v["decision"], v["note"], v["decided_by"]) for k, v in kept.items()} == {
        f.finding_id: ("dismissed", "本省标准", "rita") for f in made
    }
    log = store.db.execute("SELECT finding_id FROM review_decision_log").fetchall()
    assert sorted(r[0] for r in log) == sorted(f.finding_id for f in made)


def test_a_group_decision_is_all_or_none(store: Store) -> None:
    made = copies(store, ("第七条", "第十条"))
    ids = [made[0].finding_id, "feedfacefeedface", made[1].finding_id]
    with pytest.raises(NotFoundError, match="no finding 'feedfacefeedface'"):
        decide_all(store, REVIEWER, ids, "accepted")
    assert decisions(store, ids) == {}
    with pytest.raises(PermissionDenied):
        decide_all(store, User("vic", Role.VIEWER), [made[0].finding_id], "accepted")
    assert store.db.execute("SELECT COUNT(*) FROM review_decision_log").fetchone()[0] == 0


def test_article_numbers_sort_as_numbers() -> None:
    printed = ["第十二条", "第七条", "第十条之一", "第十条", None]
    assert sorted(printed, key=article_order) == [
        "第七条",
        "第十条",
        "第十条之一",
        "第十二条",
        None,
    ]
