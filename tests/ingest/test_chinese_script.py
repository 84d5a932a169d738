"""Traditional to simplified characters in ``ingest.chinese_script``: phrase conversion for
compared text, one-for-one conversion for text whose offsets must stay, and one converter only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.chinese_script import simplified_chars, to_simplified

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("公司不給交社保怎麼辦", "公司不给交社保怎么办"),
        ("勞動合同法第十條", "劳动合同法第十条"),
        ("生產經營單位的安全生產保障", "生产经营单位的安全生产保障"),
        ("劳动合同法", "劳动合同法"),  # already simplified
        ("乾隆年間", "乾隆年间"),  # the phrase keeps 乾
        ("乾燥", "干燥"),
        ("瞭解", "了解"),  # only the phrase table knows it
        ("Work Safety Law, s. 21", "Work Safety Law, s. 21"),
        ("ＡＢＣ　１２", "ＡＢＣ　１２"),  # width is the caller's business
        ("", ""),
    ],
)
def test_to_simplified(text: str, expected: str) -> None:
    assert to_simplified(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("市人力資源社會保障局負責", "市人力资源社会保障局负责"),
        ("市醫保局負責, by 2021", "市医保局负责, by 2021"),
        ("第一條　（二）", "第一条　（二）"),
        ("乾隆年間", "干隆年间"),  # no phrase table: 乾 takes its first form
        ("瞭解", "瞭解"),  # the character table keeps 瞭
        ("豐", "丰"),
        ("", ""),
    ],
)
def test_simplified_chars(text: str, expected: str) -> None:
    out = simplified_chars(text)
    assert out == expected
    assert len(out) == len(text)


_HAN_OR_ANY = st.one_of(
    st.characters(min_codepoint=0x3400, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0xF900, max_codepoint=0xFAFF),
    st.characters(blacklist_categories=("Cs",)),
)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_HAN_OR_ANY, max_size=40))
def test_simplified_chars_keeps_every_offset(text: str) -> None:
    out = simplified_chars(text)
    assert len(out) == len(text)
    for before, after in zip(text, out, strict=True):
        # A character changes only to what t2s makes of it alone, and only when that is one
        # character: offsets into the original index the same place in the copy.
        assert after == before or after == to_simplified(before)


def test_a_plan_copy_quotes_back_at_the_same_offsets() -> None:
    printed = "一、減負穩崗（市人力資源社會保障局、市醫保局負責）"
    copy = simplified_chars(printed)
    at = copy.index("市医保局")
    assert printed[at : at + len("市医保局")] == "市醫保局"


def _imports_opencc(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(
            a.name.split(".")[0] == "opencc" for a in node.names
        ):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "opencc":
            return True
    return False


def test_one_module_owns_the_converter() -> None:
    owners = sorted(
        str(path.relative_to(ROOT))
        for layer in ("ingest", "nlp", "index", "ui")
        for path in (ROOT / layer).rglob("*.py")
        if _imports_opencc(path)
    )
    assert owners == ["ingest/chinese_script.py"]
