"""The message catalogue: every key in both languages, same placeholders, every use defined."""

from __future__ import annotations

import ast
import re
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
    from ui.i18n.errors import ingest_finding_text

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
        assert 'policylensPage(...[{}, [], 768, "en"]);' in page_script()
    finally:
        set_language(None)
    # the arguments are JSON a browser reads back as written
    arguments = script.rsplit("policylensPage(...", 1)[1].rsplit(");", 1)[0]
    read = json.loads(arguments.replace("<\\/", "</"))
    assert read[0] == exact
    assert read[3] == "zh-CN"  # <html lang> of a Chinese page
    assert "document.documentElement.lang = documentLanguage" in script
    assert "<html" not in script  # a tag in the script makes the sanitiser drop it


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
    assert names - {"Choose date", "Choose date range"} == {"year", "month", "day"}
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
    assert 'const NUMBER = "(\\\\d+(?:\\\\.\\\\d+)?)";' in page_script()


def test_the_calendar_file_chip_add_button_and_chart_role_are_swapped() -> None:
    """Issue 18, a second Chinese-only walk: the calendar's grid and heading ("Choose date,
    2026年12月"), a chosen file's screen-reader label ("附件.md, 27.0B"), the hidden label of the
    uploader's "+" ("add icon", its Material icon's name) and every Vega chart's role
    ("visualization") are in the table, as the installed Streamlit writes them; the page script
    fills a template's {value} and {number} in place and also swaps alt and
    aria-roledescription."""
    import streamlit

    from ui.language import builtin_texts, page_script

    bundle = "".join(
        path.read_text(encoding="utf-8", errors="ignore")
        for path in (Path(streamlit.__file__).parent / "static").rglob("*.js")
    )
    exact, templates = builtin_texts()
    chinese = dict(templates)
    assert chinese["Choose date, {value}"] == "选择日期，{value}"
    assert chinese["Choose date range, {value}"] == "选择日期范围，{value}"
    assert chinese["{value}, {number}B"] == "{value}，{number} 字节"
    assert chinese["Selected Date: {value}"] == "已选日期：{value}"
    picked = chinese["Selected Date: December {value}, {number}"]
    assert picked.format(value="08", number="2026") == "已选日期：2026年12月08日"
    assert exact["add icon"] == "添加文件" and exact["visualization"] == "图表"
    # where Streamlit and Vega write them
    assert "`${n} icon`" in bundle  # a Material icon's label: its name, then " icon"
    assert '"aria-label":`Choose date`' in bundle and "`Choose date range`" in bundle
    assert "selectedDateDescription:e=>`Selected Date: ${e.date}`" in bundle
    assert "`aria-roleDescription`,`visualization`" in bundle
    assert "`${t} mark container`" in bundle and "`${n} mark`" in bundle
    for mark in ("group", "symbol", "text", "line", "rule", "rect"):
        assert not re.search("[A-Za-z]", exact[f"{mark} mark container"] + exact[f"{mark} mark"])
    script = page_script()
    assert '"aria-roledescription"' in script and '"alt"' in script


EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f]")


def test_no_emoji_is_shown_anywhere_in_the_interface() -> None:
    """Issue 18: ✅/❌/📎 show as a box in a Chromium without an emoji font. No message of the
    catalogue and no literal in the app's code is an emoji; state marks are Material icons or
    marks every CJK font has (√ △ ×)."""
    found = [key for key, texts in messages().items() for text in texts if EMOJI.search(text)]
    assert found == []
    ui = Path(__file__).resolve().parents[2] / "ui"
    literals = [
        f"{path.relative_to(ui)}:{node.lineno}"
        for path in ui.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and EMOJI.search(node.value)
    ]
    assert literals == []
    source = (ui / "views" / "ingest.py").read_text(encoding="utf-8")
    assert 'STATUS_ICONS = {"OK": "√", "PARTIAL": "△", "FAILED": "×"}' in source
    for mark in "√△×":
        mark.encode("gb2312")  # in every Chinese font


def test_a_task_number_reads_as_chinese_and_english_keeps_t_dash() -> None:
    """Issue 18: "T-1" on the tasks views and exports is 任务1 in Chinese (the stored id and the
    CLI's T-1 handle are unchanged)."""
    from ui.i18n import text_in

    assert t("tasks.number", number=1) == "任务1"
    assert text_in("en", "tasks.number", number=1) == "T-1"
    zh = [texts[0] for key, texts in messages().items() if key.startswith("tasks.")]
    assert not [text for text in zh if "T-" in text]


def test_the_tasks_chart_speaks_chinese_to_a_screen_reader() -> None:
    """Issue 18: the tasks chart's axes and marks were read out as Vega's English ("X-axis
    titled …", "Line mark …"); now Vega's own descriptions are off and the chart is described
    once, in the interface language, with dates as Chinese writes them."""
    from ui.views.tasks_chart import completion_chart

    points = [{"date": "2024-05-01", "completed": 1}, {"date": "2024-06-10", "completed": 3}]
    spec = completion_chart(points, 10).to_dict()
    assert spec["config"]["aria"] is False
    assert spec["config"]["timeFormat"] == "%Y年%-m月%-d日"
    assert (
        spec["description"] == "已完成任务数随时间的变化：共10项任务，截至2024年6月10日已完成3项。"
    )
    assert spec["usermeta"] == {"embedOptions": {"actions": False}}
    words = [spec["description"], spec["encoding"]["x"]["title"], spec["encoding"]["y"]["title"]]
    words += [tip["title"] for tip in spec["encoding"]["tooltip"]]
    assert not [w for w in words if re.search("[A-Za-z]", w)], words
    try:
        set_language("en")
        english = completion_chart(points, 10).to_dict()
        assert english["description"].startswith("Tasks completed over time")
    finally:
        set_language(None)


def _deck(tmp_path: Path) -> tuple[str, list[str], str, list[str]]:
    """The note type's name and fields, the deck's name and every deck's name of a one-item
    pack's Anki deck, after checking that the package still holds a sound collection whose
    card is in the pack's deck."""
    import io
    import json
    import sqlite3
    import zipfile

    from index.study.packs import StudyPack
    from index.study.questions import StudyItem
    from nlp.quiz.items import QuizItem
    from ui.export.study_anki import pack_apkg

    quiz = QuizItem(
        "true_false",
        "生产经营单位应当建立安全生产责任制。",
        ("正确", "错误"),
        "正确",
        "第四条规定应当建立安全生产责任制。",
        "art-4",
        1,
        "modality",
        "应当",
    )
    item = StudyItem(quiz, "示例安全生产法@2024-04-20", "第四条")
    pack = StudyPack("示例安全生产法", "document", (), (), (), (), (), (item,))
    with zipfile.ZipFile(io.BytesIO(pack_apkg(pack))) as package:
        assert package.testzip() is None
        assert sorted(package.namelist()) == ["collection.anki2", "media"]
        assert json.loads(package.read("media")) == {}
        (tmp_path / "c.anki2").write_bytes(package.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "c.anki2")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        models, decks = db.execute("SELECT models, decks FROM col").fetchone()
        dids = [row[0] for row in db.execute("SELECT did FROM cards")]
    finally:
        db.close()
    (model,) = json.loads(models).values()
    found = json.loads(decks)
    assert "1" in found  # Anki's built-in deck stays (a collection must hold deck 1)
    [deck] = [d["name"] for key, d in found.items() if key != "1"]
    assert [found[str(did)]["name"] for did in dids] == [deck]
    every = sorted(d["name"] for d in found.values())
    return model["name"], [f["name"] for f in model["flds"]], deck, every


def test_the_anki_deck_is_named_in_the_interface_language(tmp_path: Path) -> None:
    """Issue 18: the deck's note type and fields were English (Question, Answer, Source)."""
    name, fields, deck, every = _deck(tmp_path)
    assert (name, fields, deck) == (
        "法规学习试题",
        ["问题", "答案", "出处"],
        "法规学习::示例安全生产法",
    )
    # Anki's built-in deck, "Default" in genanki's collection, is named in Chinese too
    assert every == ["法规学习::示例安全生产法", "默认"]
    try:
        set_language("en")
        name, fields, deck, every = _deck(tmp_path)
    finally:
        set_language(None)
    assert (name, fields) == ("PolicyLens quiz item", ["Question", "Answer", "Source"])
    assert every == ["Default", "PolicyLens::示例安全生产法"]


# -- the knowledge base's errors in the web app (ui/i18n/errors.py) ------------------------------
RAISED_IN_THE_APP = {
    # what index/tasks/workflow.py and index/accounts.py raise, as a user met them (issue 18)
    "progress 100 means completed: set T-17 to completed": (
        "进度 100% 即表示已完成：请把任务17的状态设为“已完成”"
    ),
    "T-17: completed means 100 % done, not 50 %; give progress 100 or keep the task in "
    "progress": "任务17：“已完成”即完成 100%，而不是 50%；请把进度设为 100%，或保持“推进中”",
    "T-17 cannot go from suspended to completed": "任务17不能从“暂停”直接改为“已完成”",
    "user name '张三': use 2-32 lower-case letters, digits, '.', '_' or '-'": (
        "用户名 '张三' 不可用：请用 2-32 个小写英文字母、数字或“.”“_”“-”（不能用汉字或大写字母）"
    ),
    "alice (viewer) may not manage users": "alice（查阅人员）无权管理账户",  # cli.kb.*, shared
    # what the fourth Chinese-only walk still met in English (issue 18, walk 7)
    "there is no search index yet; ingest documents first": "还没有检索索引；请先导入文件",
    "the statement marked true is not stated by the source": "标为“正确”的说法原文中没有",
    "dora (department) may change only tasks led by 示例省应急管理厅; T-11 is led by "
    "示例省安全生产委员会办公室": (
        "dora（部门用户）只能更改由示例省应急管理厅牵头的任务；任务11由示例省安全生产委员会办公室牵头"
    ),
    "the stored file 0123456789abcdef… no longer matches its SHA-256; restore the store from "
    "a backup": "存储中的文件 0123456789abcdef… 与其 SHA-256 校验值不再相符；请从备份恢复存储",
    "说明.pdf: 80.5 MB is over the 50 MB limit for an upload; send a smaller file": (
        "说明.pdf：80.5 MB，超过单个上传文件 50 MB 的上限；请发送较小的文件"
    ),
}


@pytest.mark.parametrize(("raised", "chinese"), list(RAISED_IN_THE_APP.items()))
def test_the_apps_errors_are_said_in_the_interface_language(raised: str, chinese: str) -> None:
    from ui.i18n.errors import said

    assert said(ValueError(raised)) == chinese
    try:
        set_language("en")
        assert said(ValueError(raised)) == raised
    finally:
        set_language(None)


def test_an_unknown_error_is_shown_as_raised() -> None:
    from ui.i18n.errors import said

    assert said(RuntimeError("disk on fire")) == "disk on fire"


def test_every_error_template_reads_back_what_index_raises() -> None:
    """Each ``errors.*`` template, filled with sample values, is recognised and written in
    Chinese with the same values (so a template no message can match is caught)."""
    import string

    from ui.i18n.errors import in_language

    for key, (chinese, english) in messages().items():
        if not key.startswith("errors.") or "{" not in english:
            continue
        names = {name for _, name, _, _ in string.Formatter().parse(english) if name}
        sample = {name: f"x{n}" for n, name in enumerate(sorted(names))}
        assert in_language(english.format(**sample), "zh") == chinese.format(**sample), key


def test_the_cli_reads_errors_through_the_same_mechanism() -> None:
    from ui.cli.words import in_language
    from ui.i18n import text_in

    assert in_language("T-17 cannot go from suspended to completed", "zh") == text_in(
        "zh", "cli.kb.bad_move", number="17", old="暂停", new="已完成"
    )
    # the CLI says 任务17 and the statuses' names, as it takes them (issue 18)
    assert in_language("T-17 cannot go from suspended to completed", "zh") == (
        "任务17不能从“暂停”直接改为“已完成”"
    )
    assert in_language("Usage: ", "zh") == text_in("zh", "cli.click.usage")
    assert in_language("no user 'bob'; see `policylens users list`", "en") == (
        "no user 'bob'; see `policylens users list`"
    )


def test_no_chinese_label_names_a_product_for_a_format() -> None:
    """Walk 7: the search page's button read "下载 Excel"; a download names its format
    (表格（XLSX）), not the program that may open it. Word is named only as the kind of a
    source file on the document page (Word 文档), which readers know it as."""
    named = {
        key: chinese
        for key, (chinese, _) in messages().items()
        if re.search(r"Excel|Word(?! 文档)", chinese)
    }
    assert named == {}
    assert t("search.download_xlsx") == "下载表格（XLSX）"
