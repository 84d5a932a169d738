"""The message catalogue: every key in both languages, same placeholders, every use defined."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from ui.i18n import MissingMessageError, language, messages, set_language, t

UI = Path(__file__).resolve().parents[2] / "ui"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(messages()))
def test_every_key_is_written_in_both_languages_with_the_same_placeholders(key: str) -> None:
    chinese, english = messages()[key]
    assert chinese.strip() and english.strip(), key
    assert _fields(chinese) == _fields(english), key


def test_chinese_is_the_default_and_english_is_available() -> None:
    assert language() == "zh"
    assert t("app.name").startswith("PolicyLens 安全")
    try:
        set_language("en")
        assert t("app.name") == "PolicyLens"
    finally:
        set_language(None)
    assert language() == "zh"


def test_an_unknown_key_is_an_error_not_a_blank() -> None:
    with pytest.raises(MissingMessageError):
        t("no.such.key")


def test_every_key_used_in_the_interface_is_defined() -> None:
    used: dict[str, Path] = {}
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                used[node.args[0].value] = path
    missing = {key: str(path) for key, path in used.items() if key not in messages()}
    assert not missing


def test_every_finding_code_has_a_name_and_every_severity_a_word() -> None:
    from nlp.review.findings import CODES, SEVERITIES

    assert [code for code in CODES if f"finding.{code}" not in messages()] == []
    assert [s for s in SEVERITIES if f"severity.{s}" not in messages()] == []
