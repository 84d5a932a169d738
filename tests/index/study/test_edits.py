"""Edited quiz items kept in the store under the id a link carries (issue 18)."""

from __future__ import annotations

from pathlib import Path

from index.store.database import Store
from index.study.edits import keep_edits, kept_edits

RECORD = {"1": {"source_id": "law/art-3", "quiz": {"stem": "生产经营单位应当（ ）", "answer": "A"}}}


def test_edits_are_kept_under_a_fixed_id(tmp_path: Path) -> None:
    with Store(tmp_path / "edits.sqlite") as store:
        first = keep_edits(store, RECORD)
        assert len(first) == 16 and kept_edits(store, first) == RECORD
        # keeping the same edits again gives the same id and one row
        assert keep_edits(store, RECORD) == first
        assert store.db.execute("SELECT COUNT(*) FROM study_edits").fetchone()[0] == 1
        # other edits: another id; the first is unchanged
        other = keep_edits(store, {**RECORD, "2": {"source_id": "law/art-4", "quiz": {}}})
        assert other != first and kept_edits(store, first) == RECORD
    # another process opening the same store sees them
    with Store(tmp_path / "edits.sqlite") as again:
        assert kept_edits(again, other) is not None


def test_an_id_that_is_not_kept_or_not_an_id_gives_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "edits.sqlite") as store:
        for odd in (None, "", "0123456789abcdef", "../../etc/passwd", "ABCDEF0123456789"):
            assert kept_edits(store, odd) is None
