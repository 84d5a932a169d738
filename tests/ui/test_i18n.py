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
                and node.func.id in ("t", "say")
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


def test_every_ingest_finding_code_reads_in_chinese_and_english_keeps_the_message() -> None:
    from ingest.errors import FINDING_CODES
    from ui.components import ingest_finding_text

    assert [c for c in FINDING_CODES if f"ingest_finding.{c}" not in messages()] == []
    assert [c for c in FINDING_CODES if f"finding.{c}" not in messages()] == []
    stored = {"code": "INGEST_NO_STRUCTURE", "message": "a.md: no articles were recognised"}
    assert ingest_finding_text(stored) == (
        "未识别出条文结构：未识别出章、节、条等结构，全文按段落保存。"
    )
    for code in FINDING_CODES:
        shown = ingest_finding_text({"code": code, "message": "x.txt: something in English"})
        assert "INGEST_" not in shown and "English" not in shown, code
    try:
        set_language("en")
        assert (
            ingest_finding_text(stored) == "INGEST_NO_STRUCTURE: a.md: no articles were recognised"
        )
    finally:
        set_language(None)


def test_the_command_line_is_named_not_shown_as_its_stored_word() -> None:
    from ui.components import actor_name

    assert actor_name("operator") == "命令行（管理员）"
    assert actor_name("ada") == "ada"


def test_streamlits_own_texts_are_swapped_in_chinese_only() -> None:
    import json

    from ui.language import builtin_texts, page_script

    exact, templates = builtin_texts()
    assert exact["Upload"] == "上传" and exact["Page not found"] == "页面不存在"
    assert ("{value} per file", "每个文件不超过 {value}") in templates
    assert all(
        ("{value}" in english and "{value}" in chinese)
        or ("{number}" in english and "{number}" in chinese)
        for english, chinese in templates
    )
    script = page_script()
    assert '"Running...": "正在运行…"' in script and "policylensPage(" in script
    try:
        set_language("en")
        assert builtin_texts() == ({}, [])
        assert "policylensPage(...[{}, [], 768]);" in page_script()
    finally:
        set_language(None)
    # the arguments are JSON a browser reads back as written
    arguments = script.rsplit("policylensPage(...", 1)[1].rsplit(");", 1)[0]
    assert json.loads(arguments.replace("<\\/", "</"))[0] == exact


def test_streamlits_texts_are_those_of_the_installed_streamlit() -> None:
    """Each text the table swaps in the current file uploader, status widget, "Page not found"
    dialog and widget labels is written in Streamlit's own frontend, so a Streamlit upgrade that
    rewords one of them fails here rather than showing English."""
    import streamlit

    from ui.language import builtin_texts

    bundle = "".join(
        path.read_text(encoding="utf-8", errors="ignore")
        for path in (Path(streamlit.__file__).parent / "static").rglob("*.js")
    )
    exact, templates = builtin_texts()
    current = [
        "Upload",
        "Running...",
        "Stop",
        "Page not found",
        "Skip to main content",
        "Collapse sidebar",
        "Expand sidebar",
        "Show password",
        "Choose an option",
        "Download as CSV",
    ]
    assert [text for text in current if text not in exact or text not in bundle] == []
    fixed = [part for english, _ in templates for part in english.split("{value}") if part]
    assert [part for part in (" per file", "Help for ", "Remove ") if part not in fixed] == []
    assert all(part in bundle for part in (" per file", "Help for "))


def test_streamlits_hints_date_field_and_chart_toolbar_are_swapped_as_written() -> None:
    """Issue 18: the texts a Chinese-only user still met in English: the hint under a text
    field ("Press Enter to submit form"), the date field's screen-reader labels ("Choose date",
    "year, 统计日期") and the chart toolbar ("Show data", "Copy Vega-Lite spec"). Each is in the
    table, and the installed Streamlit writes it (whole, or as the parts it joins)."""
    import re

    import streamlit

    from ui.language import builtin_texts

    bundle = "".join(
        path.read_text(encoding="utf-8", errors="ignore")
        for path in (Path(streamlit.__file__).parent / "static").rglob("*.js")
    )
    exact, templates = builtin_texts()
    whole = [
        "Choose date",
        "Choose date range",
        "Clear date",
        "Clear dates",
        "Use arrow keys to navigate dates. Enter to select. Escape to close.",
        "Show data",
        "Show chart",
        "Download as PNG",
        "Copy Vega-Lite spec",
        "Copied!",
        "Vega visualization",
    ]
    assert [text for text in whole if text not in exact or f"`{text}`" not in bundle] == []
    # "Press Enter to ${submit form | apply}", "Press ${⌘ | Ctrl}+Enter to ${…}": joined
    assert re.search(r"`Press Enter to \$\{\w+\}`", bundle)
    assert re.search(r"`Press \$\{[^`]*`⌘`:`Ctrl`\}\+Enter to \$\{\w+\}`", bundle)
    assert "`submit form`:`apply`" in bundle
    for key in ("Enter", "⌘+Enter", "Ctrl+Enter"):
        for end in ("submit form", "apply"):
            assert f"Press {key} to {end}" in exact
    # a date part's label: its name in en-US (the field's locale), ", " and the field's label
    assert re.search(r"\$\{\w+\}\$\{\w+\?`, \$\{\w+\}`:``\}", bundle)
    assert "type:`dateTimeField`" in bundle and "locale:`en-US`" in bundle
    names = {english.split(",")[0] for english, _ in templates if english.endswith(", {value}")}
    assert names == {"year", "month", "day"}
    # none of them is left English in the Chinese table (a key's own name, Ctrl, aside)
    chinese = [exact[text] for text in whole] + [exact[f"Press Enter to {e}"] for e in ("apply",)]
    chinese += [zh.format(value="") for english, zh in templates if english.split(",")[0] in names]
    assert not [c for c in chinese if re.search("[A-Za-z]", c)]


def test_file_sizes_and_kinds_on_an_uploader_read_as_chinese() -> None:
    """Issue 18: a file chip's size ("38.0B", "1.0KB") and the uploader's list of kinds
    ("PDF, DOCX, HTML, TXT, MD") as Streamlit writes them, swapped for 38.0 字节, 1.0 KB and a
    list joined with 、; a size's slot takes digits only (the page script), so a title such as
    "Annex B" is never read as a size."""
    import re

    import streamlit

    from index.library.changes import ACCEPTED_SUFFIXES
    from ui.language import builtin_texts, page_script

    exact, templates = builtin_texts()
    sizes = dict(templates)
    assert sizes["{number}B"] == "{number} 字节" and sizes["{number}KB"] == "{number} KB"
    assert not re.search(r"(?<![KMG])B", "".join(v for k, v in sizes.items() if "{number}" in k))
    # the library's uploader: Streamlit upper-cases each suffix, drops htm (html), joins ", "
    kinds = [s.upper() for s in ACCEPTED_SUFFIXES if s != "htm"]
    assert exact["• " + ", ".join(kinds)] == "• " + "、".join(kinds)
    assert exact["• XLSX, CSV, DOCX"] == "• XLSX、CSV、DOCX"
    utils = "".join(
        path.read_text(encoding="utf-8", errors="ignore")
        for path in (Path(streamlit.__file__).parent / "static").rglob("*.js")
    )
    assert "`${e.toFixed(n)}${t.toUpperCase()}`" in utils  # "1.0KB": digits, then the unit
    assert "` • ${" in utils and "[`html`,`htm`]" in utils
    assert "NUMBER.test(value)" in page_script()
