"""Reading the library: overview counts, recent changes, two versions compared, and citations
between stored documents (the sample corpus, ingested once)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index import ingest_paths, open_store
from index.library.browse import (
    NATIONAL,
    NATIONAL_LEVELS,
    Link,
    articles,
    cited_by,
    cites,
    compare,
    overview,
    recent_changes,
)
from index.store.database import Store
from nlp.versions.compare import ArticleChange
from tests.index.support import CORPUS, LAW_2019, LAW_2024, PROVINCIAL, workspace

LAW_FILES = (CORPUS / "zh_national_law_2019.md", CORPUS / "zh_national_law_2024.md")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, backend: str) -> Iterator[Store]:
    """The sample corpus, ingested once (read-only use)."""
    s, _, _ = workspace(tmp_path_factory.mktemp("browse"))
    yield s
    s.close()


@pytest.fixture()
def fresh(home: Path) -> Iterator[Store]:
    with open_store(home) as s:
        yield s


def grouped(store: Store, column: str) -> dict[str, int]:
    rows = store.db.execute(f"SELECT {column}, COUNT(*) FROM documents GROUP BY {column}")
    return {r[0]: r[1] for r in rows}


# -- overview ------------------------------------------------------------------------------------
def test_overview_matches_the_store(store: Store) -> None:
    seen = overview(store)
    db = store.db
    assert seen["documents"] == db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    assert (
        seen["works"] == db.execute("SELECT COUNT(DISTINCT work_id) FROM documents").fetchone()[0]
    )
    assert seen["documents"] == seen["works"] + 1  # only the national law has two versions
    assert seen["articles"] == sum(
        len(articles(store, d["document_id"])) for d in store.documents()
    )
    assert seen["articles"] < store.counts()["provisions"]  # items are not articles
    assert dict(seen["by_level"]) == grouped(store, "level")
    levels = [r[0] for r in db.execute("SELECT level FROM documents")]
    national = sum(level in NATIONAL_LEVELS for level in levels)
    assert national >= 3
    assert seen["by_region"][NATIONAL] == national  # national texts are 全国, not "unknown"
    assert dict(seen["by_status"]) == grouped(store, "status")
    assert dict(seen["by_language"]) == grouped(store, "language")
    assert seen["by_status"]["superseded"] == 1  # 示例安全生产法 2019
    assert seen["by_level"]["national_law"] == 3  # two versions and the English act
    assert seen["by_language"]["en"] == 2
    for key in ("by_level", "by_region", "by_status", "by_language"):
        assert sum(seen[key].values()) == seen["documents"]


def test_articles_are_top_level_and_in_order(store: Store) -> None:
    rows = articles(store, LAW_2024)
    assert [r["ord"] for r in rows] == sorted(r["ord"] for r in rows)
    numbered = [r for r in rows if r["number"]]
    assert len(numbered) == 42
    assert numbered[0]["number"] == "第一条" and numbered[-1]["number"] == "第四十二条"
    assert numbered[0]["heading_path"][:2] == ["示例安全生产法", "第一章"]
    assert all("/item-" not in r["provision_id"] for r in rows)


# -- recent changes ------------------------------------------------------------------------------
def test_recent_changes(fresh: Store, tmp_path: Path) -> None:
    ingest_paths(fresh, [LAW_FILES[0]], sandbox=False, actor="alice")
    ingest_paths(fresh, [LAW_FILES[1]], sandbox=False)  # the CLI: no actor
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage")
    ingest_paths(fresh, [bad], sandbox=False, actor="carol")
    ingest_paths(fresh, [LAW_FILES[0]], sandbox=False, actor="dave")  # unchanged: not a change
    seen = recent_changes(fresh)
    assert [(c["change"], c["document_id"], c["by"]) for c in seen] == [
        ("failed", None, "carol"),
        ("new version", LAW_2024, "operator"),
        ("new document", LAW_2019, "alice"),
    ]
    failed, newer, first = seen
    assert failed["title"] == "broken.pdf" and failed["status"] == "FAILED"
    assert failed["version_date"] is None
    assert (newer["title"], newer["version_date"], newer["status"]) == (
        "示例安全生产法",
        "2024-04-20",
        "OK",
    )
    assert first["at"] <= newer["at"] <= failed["at"]
    assert recent_changes(fresh, limit=1) == seen[:1]
    # a removed document drops out of the list
    fresh.delete_document(LAW_2024)
    assert [c["document_id"] for c in recent_changes(fresh)] == [None, LAW_2019]


def test_recent_changes_survive_many_unchanged_reingests(fresh: Store) -> None:
    ingest_paths(fresh, [LAW_FILES[0]], sandbox=False, actor="alice")
    for _ in range(6):  # e.g. a 9-file folder re-ingested six times: 54 unchanged rows
        ingest_paths(fresh, [LAW_FILES[0]] * 9, sandbox=False)
    assert [c["document_id"] for c in recent_changes(fresh, limit=10)] == [LAW_2019]


# -- comparing versions --------------------------------------------------------------------------
def test_compare_the_two_versions_of_the_national_law(store: Store) -> None:
    result = compare(store, LAW_2019, LAW_2024)
    counts = result.counts()
    assert (counts["added"], counts["removed"], counts["changed"], counts["renumbered"]) == (
        2,
        1,
        7,
        29,
    )
    assert counts["unchanged"] + counts["changed"] + counts["removed"] == 41  # 2019's articles
    assert counts["unchanged"] + counts["changed"] + counts["added"] == 42  # 2024's articles
    by_old = {c.old.number: c for c in result.changes if c.old is not None}
    moved = by_old["第二十条"]  # unchanged text, one number further on
    assert moved.kind == "unchanged" and moved.renumbered
    assert moved.new is not None and moved.new.number == "第二十一条"
    assert by_old["第二十六条"].kind == "removed"  # the yearly licence inspection
    added = [c.new.number for c in result.changes if c.kind == "added" and c.new is not None]
    assert added == ["第十条", "第二十九条"]
    first = by_old["第一条"]
    assert first.kind == "unchanged" and not first.renumbered


def new_side_inserts(change: ArticleChange) -> tuple[str, list[tuple[int, str]]]:
    """The new body rebuilt from the diff, and each insertion with its offset in it."""
    text, inserts = "", []
    for span in change.diff:
        if span.op == "insert":
            inserts.append((len(text), span.text))
        if span.op != "delete":
            text += span.text
    return text, inserts


def test_changed_fine_shows_the_new_amount_as_inserted(store: Store) -> None:
    result = compare(store, LAW_2019, LAW_2024)
    fine = next(c for c in result.changes if c.old is not None and c.old.number == "第三十五条")
    assert fine.kind == "changed" and fine.renumbered
    assert fine.new is not None and fine.new.number == "第三十六条"
    old_body = "".join(s.text for s in fine.diff if s.op != "insert")
    new_body, inserts = new_side_inserts(fine)
    assert "处二万元以上十万元以下的罚款" in old_body
    assert "处五万元以上二十万元以下的罚款" in new_body
    assert new_body == fine.new.text.split(" ", 1)[1]  # the label is not part of the diff
    amount = new_body.index("五万元以上二十万元")
    inserted = {at + i for at, text in inserts for i in range(len(text))}
    # the figures that changed (五 of 五万, 二 of 二十万) are insertions; 万元以上 stayed
    assert amount in inserted and amount + 5 in inserted
    assert not {amount + 1, amount + 2, amount + 3, amount + 4, amount + 6} & inserted
    assert any(s.op == "delete" and "二" in s.text for s in fine.diff)  # the old 二万


# -- citations -----------------------------------------------------------------------------------
def test_provincial_rule_cites_the_law_in_force(store: Store) -> None:
    links = cites(store, PROVINCIAL)
    basis = [link for link in links if link.basis]
    assert basis == [
        Link(
            provision_id="示例省安全生产条例/art-1",
            number="第一条",
            law="示例安全生产法",
            article=None,
            document_id=LAW_2024,  # the version in force, not 2019
            title="示例安全生产法",
            basis=True,
        )
    ]
    assert all(link.document_id != PROVINCIAL for link in links)  # never itself


def test_law_is_cited_by_the_provincial_rule(store: Store) -> None:
    links = cited_by(store, LAW_2024)
    citing = {(link.document_id, link.provision_id, link.basis) for link in links}
    assert (PROVINCIAL, "示例省安全生产条例/art-1", True) in citing
    assert all(not (link.document_id or "").startswith("示例安全生产法@") for link in links)
    assert all(link.law == "示例安全生产法" for link in links)
    # the other provincial rules, when the corpus has them, declare the same basis
    regional = {d["document_id"] for d in store.documents() if d["level"] == "local_regulation"}
    assert regional <= {link.document_id for link in links if link.basis}
    assert cited_by(store, "no-such-document") == []
