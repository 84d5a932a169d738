"""Modal words: obligation, permission, prohibition, recommendation; and how a change weighs."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nlp.legal.modality import KINDS, find_modals, weakening

CASES = [
    ("生产经营单位应当建立台账", [("obligation", "应当")]),
    ("必须为从业人员提供劳动防护用品", [("obligation", "必须")]),
    ("可以处五万元以下的罚款", [("permission", "可以")]),
    ("从业人员有权拒绝违章指挥", [("permission", "有权")]),
    ("不得上岗作业", [("prohibition", "不得")]),
    ("禁止使用淘汰的工艺", [("prohibition", "禁止")]),
    ("严禁违章指挥", [("prohibition", "严禁")]),
    ("鼓励生产经营单位投保", [("recommendation", "鼓励")]),
    ("费用应由承包方承担", [("obligation", "应")]),
    ("罚款可按日连续计算", [("permission", "可")]),
    # 应 and 可 inside other words; a bound of a quantity
    ("建立应急预案，提供相应的防护用品，取得行政许可，保证设备可靠", []),
    ("培训时间不得少于二十四学时", []),
    # 有权 inside a right holder's name (所有权人) grants no power
    ("建筑物的所有权人负责抗震加固", []),
    ("NCR shall pay the freight carrier directly.", [("obligation", "shall")]),
    ("The Specifications shall not be amended.", [("prohibition", "shall not")]),
    ("Products may be labeled with the CE mark.", [("permission", "may")]),
    ("Supplier must not disclose the price.", [("prohibition", "must not")]),
    ("TEKNIKA ought not pay the price.", [("prohibition", "ought not")]),
    ("Products should be labeled.", [("recommendation", "should")]),
    ("Cubist shall not be required to pay.", [("permission", "shall not be required")]),
    ("Seller is not responsible for delivery.", [("permission", "is not responsible")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_modal_words(text: str, expected: list[tuple[str, str]]) -> None:
    got = find_modals(text)
    assert [(m.kind, m.text) for m in got] == expected
    for m in got:
        assert text[m.span[0] : m.span[1]] == m.text


@pytest.mark.parametrize(
    ("upper", "local", "severity"),
    [
        ("obligation", "permission", "error"),
        ("prohibition", "permission", "error"),
        ("prohibition", "obligation", "error"),
        ("obligation", "prohibition", "error"),
        ("permission", "obligation", "warning"),
        ("permission", "prohibition", "warning"),
        ("recommendation", "obligation", None),  # the local text elaborates: no finding
        ("obligation", "obligation", None),
    ],
)
def test_weakening(upper: str, local: str, severity: str | None) -> None:
    assert weakening(upper, local) == severity


def test_every_change_of_kind_has_a_severity() -> None:
    elaborations = {("recommendation", "obligation")}  # a local duty where the law encourages
    for a in KINDS:
        for b in KINDS:
            assert (weakening(a, b) is None) == (a == b or (a, b) in elaborations)


@given(st.text(alphabet="应当可以不得禁止必须须有权鼓励相急许少于shal notmy ", max_size=60))
def test_find_modals_never_raises_and_never_overlaps(text: str) -> None:
    found = find_modals(text)
    ends = 0
    for m in found:
        assert m.kind in KINDS
        assert text[m.span[0] : m.span[1]] == m.text
        assert m.span[0] >= ends
        ends = m.span[1]


def test_modal_changes_in_the_english_norm_pairs_are_seen(shared_data: Path) -> None:
    # Type 1 (deontic modality) pairs swap shall/shall not/may; both norms must show a modal.
    path = shared_data / "norm_conflicts" / "conflicts.csv"
    rows = [r for r in csv.DictReader(path.open(encoding="utf-8")) if r["conf_type"] == "1"]
    assert len(rows) >= 90
    both = [r for r in rows if find_modals(r["norm1"]) and find_modals(r["norm2"])]
    assert len(both) >= 0.9 * len(rows)
