"""The retrieval metrics the benchmark reports, checked by hand on small rankings."""

from __future__ import annotations

import math

import pytest

from bench.bench_retrieval import mean, metrics


def test_metrics_on_a_hand_computed_ranking() -> None:
    gold = frozenset({"a", "b"})
    ranked = ["x", "a", "y", "z", "b"] + [f"n{i}" for i in range(200)]
    m = metrics(ranked, gold)
    assert m["R@10"] == 1.0 and m["R@100"] == 1.0
    assert m["MRR@10"] == 0.5
    # AP@10 = (1/2 + 2/5) / 2
    assert m["MAP@10"] == pytest.approx((1 / 2 + 2 / 5) / 2)
    dcg = 1 / math.log2(3) + 1 / math.log2(6)
    ideal = 1 + 1 / math.log2(3)
    assert m["nDCG@10"] == pytest.approx(dcg / ideal)


def test_gold_beyond_ten_counts_only_for_recall_at_100() -> None:
    ranked = [f"n{i}" for i in range(50)] + ["g"]
    m = metrics(ranked, frozenset({"g", "missing"}))
    assert (m["R@10"], m["R@100"], m["MRR@10"], m["MAP@10"]) == (0.0, 0.5, 0.0, 0.0)


def test_mean_averages_each_metric() -> None:
    rows = [{"R@10": 1.0, "MAP@10": 0.5}, {"R@10": 0.0, "MAP@10": 0.25}]
    assert mean(rows) == {"R@10": 0.5, "MAP@10": 0.375}
