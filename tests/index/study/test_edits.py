"""Edited quiz items kept in the store under the id a link carries (issue 18)."""

from __future__ import annotations

from pathlib import Path

from index.store.database import Store
from index.study.edits import keep_edits, kept_edits, latest_pack_state, save_pack_state

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


def test_a_users_latest_state_of_a_pack_is_found_per_user_and_pack(tmp_path: Path) -> None:
    """Issue 18: each change a user makes to a pack is kept as that user's state of it; the
    newest is found again, a return to an earlier state or to the original included."""
    with Store(tmp_path / "edits.sqlite") as store:
        assert latest_pack_state(store, "vic", "pack-a") == ({}, [])
        save_pack_state(store, "vic", "pack-a", RECORD, [])
        save_pack_state(store, "vic", "pack-a", RECORD, [4, 2, 4])
        assert latest_pack_state(store, "vic", "pack-a") == (RECORD, [2, 4])
        # others' states and other packs are apart
        save_pack_state(store, "rita", "pack-a", {}, [0])
        save_pack_state(store, "vic", "pack-b", {}, [1])
        assert latest_pack_state(store, "vic", "pack-a") == (RECORD, [2, 4])
        assert latest_pack_state(store, "rita", "pack-a") == ({}, [0])
        assert latest_pack_state(store, "dora", "pack-a") == ({}, [])
        # back to a state kept before: it is the latest again
        save_pack_state(store, "vic", "pack-a", RECORD, [])
        assert latest_pack_state(store, "vic", "pack-a") == (RECORD, [])
        # back to the original
        save_pack_state(store, "vic", "pack-a", {}, [])
        assert latest_pack_state(store, "vic", "pack-a") == ({}, [])
        # a state's id is not a link's edits: applying it as one gives no items
        state = save_pack_state(store, "vic", "pack-a", RECORD, [1])
        assert not any(key.isdigit() for key in kept_edits(store, state))


def test_a_name_with_sql_wildcards_finds_only_its_own_state(tmp_path: Path) -> None:
    """A user name holding "_" or "%" finds its own state and no other (both backends)."""
    with Store(tmp_path / "edits.sqlite") as store:
        save_pack_state(store, "vxc", "pack-a", RECORD, [3])
        save_pack_state(store, "100%", "pack-a", {}, [5])
        assert latest_pack_state(store, "v_c", "pack-a") == ({}, [])
        assert latest_pack_state(store, "vxc", "pack-a") == (RECORD, [3])
        assert latest_pack_state(store, "1%", "pack-a") == ({}, [])
        assert latest_pack_state(store, "100%", "pack-a") == ({}, [5])
