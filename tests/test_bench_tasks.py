"""The task benchmark's scorer on synthetic gold and predictions, and the gold files' integrity."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from bench.bench_tasks import (
    GOLD_DIR,
    ROOT,
    GoldTask,
    Score,
    deadline_equal,
    directory_canon,
    file_sha256,
    load_gold,
    locate,
    main,
    match_spans,
    names_equal,
    overlap_ratio,
    plain_name,
    read_text,
    score,
)

SHARED = (ROOT / "../shared").resolve()
KINDS = {"date", "period", "ongoing", "recurring", "season", "relative", "none"}


def pred(start, end, lead=(), cooperating=(), deadline=None, key="p#1"):
    """A TaskItem-like prediction (this gold names kinds, so the kinds are what is scored)."""
    return SimpleNamespace(
        start=start,
        end=end,
        lead_kind_names=lead,
        cooperating_kind_names=cooperating,
        deadline=deadline,
        key=key,
    )


def dl(kind, due=None):
    """A Deadline-like value."""
    return SimpleNamespace(kind=kind, due=due)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((0, 10), (0, 10), 1.0),
        ((0, 10), (5, 20), 0.5),  # 5 shared over the shorter (10)
        ((0, 10), (2, 4), 1.0),  # contained: all of the shorter
        ((0, 10), (10, 20), 0.0),  # touching, not overlapping
        ((0, 10), (5, 5), 0.0),  # an empty span matches nothing
    ],
)
def test_overlap_ratio_is_a_share_of_the_shorter_span(a, b, expected) -> None:
    assert overlap_ratio(a, b) == expected
    assert overlap_ratio(b, a) == expected


def test_match_needs_half_of_the_shorter_span() -> None:
    assert match_spans([(0, 10)], [(5, 30)]) == [(0, 0)]  # 5 of 10
    assert match_spans([(0, 10)], [(6, 30)]) == []  # 4 of 10


def test_match_is_one_to_one_and_greedy_by_overlap() -> None:
    # One long prediction covers two gold tasks: it matches only one of them, the better.
    assert match_spans([(0, 10), (10, 40)], [(0, 40)]) == [(1, 0)]
    # Two predictions compete for one gold task: equal ratios, so the longer overlap wins.
    assert match_spans([(0, 10)], [(0, 6), (0, 10)]) == [(0, 1)]
    # Greedy order does not steal: each prediction takes its own best gold task.
    gold = [(0, 10), (12, 30)]
    assert match_spans(gold, [(2, 12), (11, 30)]) == [(0, 0), (1, 1)]


def test_deadline_equal_compares_due_dates_or_open_kinds() -> None:
    d = date(2025, 12, 31)
    assert deadline_equal(d, "date", dl("date", d))
    assert deadline_equal(d, "period", dl("date", d))  # the same due day is enough
    assert not deadline_equal(d, "date", dl("date", date(2025, 6, 30)))
    assert not deadline_equal(d, "date", None)
    assert deadline_equal(None, "ongoing", dl("ongoing"))
    assert not deadline_equal(None, "ongoing", dl("recurring"))
    assert not deadline_equal(None, "relative", dl("relative", date(2025, 3, 15)))
    assert deadline_equal(None, "none", None)
    assert not deadline_equal(None, "none", dl("season"))


def test_names_are_compared_as_sets_after_normalisation() -> None:
    assert names_equal(["Justice", "Finance"], ["finance", "the  Justice"])
    assert not names_equal(["Justice"], ["Justice", "Finance"])
    assert names_equal([], [])
    assert plain_name("The Ministry  of Finance") == "ministry of finance"


def test_directory_canon_maps_aliases_and_strips_regions() -> None:
    table = {"应急管理厅": "emergency-management", "Emergency Management": "emergency-management"}

    class Directory:
        def resolve(self, name):
            region = "示例省" if name.startswith("示例省") else ""
            bare = name[len(region) :]
            dept = SimpleNamespace(id=table[bare]) if bare in table else None
            return SimpleNamespace(text=name, department=dept, region=region)

    canon = directory_canon(Directory())
    assert canon("示例省应急管理厅") == canon("Emergency Management") == "id:emergency-management"
    assert canon("示例省大数据管理局") == canon("大数据管理局") == "大数据管理局"


def test_score_counts_items_and_fields() -> None:
    d = date(2025, 12, 31)
    gold = [
        GoldTask(1, 0, 10, 1, ("A",), ("B",), d, "date"),
        GoldTask(2, 10, 20, 1, ("A",), (), None, "ongoing"),
        GoldTask(3, 20, 30, 2, (), (), None, "none"),
        None,  # a gold span not found in the document's text: a miss
    ]
    preds = [
        pred(0, 9, ("a",), ("b",), dl("date", d)),  # all fields right
        pred(11, 20, ("A",), ("C",), dl("recurring")),  # cooperating and deadline wrong
        pred(40, 50),  # a false positive
    ]
    s = score(gold, preds, plain_name)
    assert (s.gold, s.predicted, s.matched) == (4, 3, 2)
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == pytest.approx(2 / 4)
    assert s.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert (s.accuracy("lead"), s.accuracy("cooperating"), s.accuracy("deadline")) == (1, 0.5, 0.5)
    assert s.misses == [2, 3] and s.false_positives == [2]
    assert sorted(s.field_errors) == [(1, 1, "cooperating"), (1, 1, "deadline")]


def test_scores_add_up_and_empty_cases_are_defined() -> None:
    total = Score(gold=4, predicted=3, matched=2, lead_ok=2) + Score(gold=1, predicted=1)
    assert (total.gold, total.predicted, total.matched, total.lead_ok) == (5, 4, 2, 2)
    empty = Score()
    assert (empty.precision, empty.recall, empty.accuracy("lead")) == (1.0, 1.0, 0.0)


def test_locate_maps_raw_offsets_into_a_changed_text() -> None:
    raw = "# Plan\n\nFirst, do A.\n\nDo  B,\nthen do A."
    text = "Plan\nFirst, do A.\nDo B, then do A."
    spans = [raw.index("do A"), raw.index("Do  B"), raw.rindex("do A")]
    gold = [GoldTask(i + 1, s, s + 4 if i != 1 else s + 5, 1) for i, s in enumerate(spans)]
    gold.append(GoldTask(4, 0, 6, 1))  # "# Plan": its words are not in the text as written
    placed = locate(raw, text, gold)
    assert [text[g.start : g.end] for g in placed[:3]] == ["do A", "Do B", "do A"]
    assert placed[2].start == text.rindex("do A")  # searched forward, in order
    assert placed[3] is None


def test_main_skips_the_seed_when_shared_is_absent(tmp_path: Path, capsys) -> None:
    missing = "../shared/seed/no_such_file_for_the_test.txt"
    gold = {"files": [{"path": missing, "sha256": "0" * 64, "tasks": []}]}
    gold_file = tmp_path / "gold.json"
    gold_file.write_text(json.dumps(gold), encoding="utf-8")
    status = main(["--gold", str(gold_file)])
    out = capsys.readouterr().out
    assert "skipped" in out
    if not SHARED.is_dir():
        assert status == 0 and "../shared is absent" in out


def check_gold_file(path: Path, text: str, tasks) -> None:
    """Spans inside the text, in order, not overlapping, not empty, on one line."""
    end = 0
    for t in tasks:
        assert end <= t.start < t.end <= len(text), (path, t.n)
        assert "\n" not in text[t.start : t.end], (path, t.n)
        assert t.kind in KINDS and (t.due is None or t.kind not in {"none"}), (path, t.n)
        end = t.end


def test_corpus_gold_matches_the_corpus_files() -> None:
    for gf in load_gold(GOLD_DIR / "corpus_tasks.json"):
        path = ROOT / gf.path
        assert file_sha256(path) == gf.sha256, f"{gf.path} changed: re-check its gold offsets"
        check_gold_file(path, read_text(path), gf.tasks)


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent: the seed is read from it")
def test_seed_gold_matches_the_shared_seed() -> None:
    (gf,) = load_gold(GOLD_DIR / "seed_tasks.json")
    path = (ROOT / gf.path).resolve()
    assert file_sha256(path) == gf.sha256, "the seed changed: re-check its gold offsets"
    check_gold_file(path, read_text(path), gf.tasks)


def test_gold_files_hold_no_seed_text() -> None:
    data = json.loads((GOLD_DIR / "seed_tasks.json").read_text(encoding="utf-8"))
    for task in data["files"][0]["tasks"]:
        assert set(task) <= {"n", "start", "end", "part", "lead", "cooperating", "deadline"} | {
            "deadline_kind",
            "note",
        }
