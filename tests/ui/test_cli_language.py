"""Issue 18: the `policylens` command is Chinese first, everywhere. Every command's help, every
message of real runs (ingest to verify-audit, users, review, study), the "错误：" prefix, the
knowledge base's errors and Typer's own words (usage, panel titles, the help option, usage
errors) are read back from real subprocesses, and a Chinese run may hold no English word
outside identifiers (command, option and argument names, the values typed on the command
line), codes, paths and the content; POLICYLENS_LANG=en gives the same runs in English.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.index.support import CORPUS

ROOT = Path(__file__).resolve().parents[2]
LAW = "示例安全生产法@2024-04-20"
OLD_LAW = "示例安全生产法@2019-06-10"
RULE = "示例山城市安全生产若干规定@2023-09-26"
PLAN = "示例省安全生产专项整治重点工作分工方案@2024-03-15"
CHINESE_FILES = (
    "zh_national_law_2019.md",
    "zh_national_law_2024.md",
    "zh_shancheng_rule.md",
    "zh_division_plan.md",
)
PASSWORD = "correct-horse-1"

# Words that are identifiers, not English prose: what a user types (option values, embedder
# and format names, placeholders such as DOC), product names, and units. Command, option and
# argument names are taken from the command itself (see `identifiers`).
TYPED = {
    # option values
    "in_force", "superseded", "repealed", "draft", "any", "hybrid", "keyword", "dense",
    "accepted", "dismissed", "not_started", "in_progress", "completed", "suspended",
    "admin", "reviewer", "department", "viewer", "auto", "hash", "use", "minilm",
    # placeholders in help texts and usage
    "DOC", "PROVISION", "ARTICLE", "FILE", "BACKUP", "PATH", "WORKSPACE", "HOST", "PORT",
    "FINDING", "TASK",
    # names of things
    "PolicyLens", "Streamlit", "SQLite", "Ray", "JSON", "XSRF", "PDF", "DOCX", "HTML", "TXT",
    "Markdown", "XLSX", "CSV", "CPU", "sha", "Ctrl", "sentence", "transformers", "catalog", "json",
    "first", "txt", "art", "README", "policylens", "before", "restore", "http", "ray",
}  # fmt: skip
# Text that is exempt as a whole: commands to type, addresses, options, placeholders,
# environment variables, paths, finding codes and ids, file names and suffixes, values quoted
# back to the user ('T-99'), document ids.
EXEMPT = (
    re.compile(r"`[^`]*`"),
    re.compile(r"https?://\S+"),
    re.compile(r"(?<![\w])--?[a-z][\w-]*"),
    re.compile(r"\{\w+\}"),
    re.compile(r"\$[A-Z_]+"),
    re.compile(r"\S*/\S*"),
    re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b"),
    re.compile(r"\b[0-9a-f]{12,64}\b"),
    re.compile(r"[\w-]*\.(?:db|docx|xlsx|csv|md|apkg|txt|json)\b"),
    re.compile(r"'[^'\n]*'"),
    re.compile(r"\S+@\d{4}-\d{2}-\d{2}"),
)
WORD = re.compile(r"[A-Za-z][A-Za-z_]*")


def identifiers() -> set[str]:
    """Every command, option and argument name of `policylens`, split into words."""
    import typer

    from ui.cli.main import app

    names: set[str] = set()

    def walk(command: object) -> None:
        names.add(str(getattr(command, "name", "")))
        for param in getattr(command, "params", []):
            names.add(str(param.name))
            names.update(getattr(param, "opts", []))
            names.update(getattr(param, "secondary_opts", []))
        for child in getattr(command, "commands", {}).values():
            walk(child)

    walk(typer.main.get_command(app))
    return {word for name in names for word in re.split(r"[^A-Za-z]+", name) if word}


def english_words(text: str, content: Iterable[str] = ()) -> list[str]:
    """The English words of ``text`` (3 letters or more) outside identifiers, codes, paths and
    the given ``content`` (ids and texts that come from data)."""
    for value in sorted(content, key=len, reverse=True):
        text = text.replace(value, " ")
    for pattern in EXEMPT:
        text = pattern.sub(" ", text)
    allowed = TYPED | identifiers()
    return [word for word in WORD.findall(text) if len(word) >= 3 and word not in allowed]


def run(*args: str, home: Path, lang: str | None, stdin: str = "") -> str:
    """`policylens ARGS` in ``lang`` (None: the default), its stdout and stderr together."""
    env = {k: v for k, v in os.environ.items() if k != "POLICYLENS_LANG"}
    env.update({"POLICYLENS_HOME": str(home), "POLICYLENS_EMBEDDER": "hash", "COLUMNS": "200"})
    if lang:
        env["POLICYLENS_LANG"] = lang
    done = subprocess.run(
        [sys.executable, "-c", "from ui.cli.main import main; main()", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=env,
        cwd=ROOT,
        timeout=180,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout + done.stderr


def run_many(calls: list[tuple[str, ...]], home: Path, lang: str | None) -> list[str]:
    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(lambda args: run(*args, home=home, lang=lang), calls))


def help_calls() -> list[tuple[str, ...]]:
    """`--help` of `policylens` and of every command and subcommand."""
    import typer

    from ui.cli.main import app

    calls: list[tuple[str, ...]] = [("--help",)]

    def walk(command: object, path: tuple[str, ...]) -> None:
        for name, child in getattr(command, "commands", {}).items():
            calls.append((*path, name, "--help"))
            walk(child, (*path, name))

    walk(typer.main.get_command(app), ())
    return calls


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A workspace holding the Chinese sample texts, made by a Chinese `ingest` (whose output
    is returned for the check)."""
    home = tmp_path_factory.mktemp("language") / "workspace"
    shown = run("ingest", *(str(CORPUS / name) for name in CHINESE_FILES), home=home, lang=None)
    return home, shown


def test_the_check_finds_english_words() -> None:
    """The check itself: English prose is found, identifiers, paths and codes are not."""
    assert english_words("Error: no document 'x'; see the table") == [
        "Error", "document", "see", "the", "table"
    ]  # fmt: skip
    assert english_words("错误：`policylens docs` --home /tmp/a.db CHECK_FINE_RANGE in_force") == []
    assert english_words("没有文件 示例", content=["示例"]) == []


@pytest.mark.parametrize("command", help_calls(), ids=lambda call: " ".join(call[:-1]) or "main")
def test_every_help_page_is_chinese_by_default_and_english_on_request(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    chinese = run(*command, home=tmp_path, lang=None)
    assert "用法：" in chinese and "显示本帮助并退出。" in chinese, chinese
    assert english_words(chinese) == [], chinese
    english = run(*command, home=tmp_path, lang="en")
    assert "Usage:" in english and "Show this message and exit." in english
    assert english_words(english), english  # the same page in English fails the check


def argument_calls() -> list[tuple[tuple[str, ...], tuple[str, ...], bool]]:
    """Every command that takes positional arguments: its path, its arguments' names and
    whether the first one is required."""
    import typer

    from ui.cli.main import app

    found: list[tuple[tuple[str, ...], tuple[str, ...], bool]] = []

    def walk(command: object, path: tuple[str, ...]) -> None:
        arguments = [p for p in getattr(command, "params", []) if p.param_type_name == "argument"]
        if arguments:
            found.append((path, tuple(str(p.name) for p in arguments), arguments[0].required))
        for name, child in getattr(command, "commands", {}).items():
            walk(child, (*path, name))

    walk(typer.main.get_command(app), ())
    return found


def test_every_command_with_arguments_is_walked() -> None:
    """The walk below sees the commands the walk-through found English in, and more."""
    paths = {path for path, _, _ in argument_calls()}
    assert {("search",), ("review",), ("show",), ("study",), ("tasks", "evidence")} <= paths
    assert len(paths) >= 15


@pytest.mark.parametrize(
    ("command", "names", "required"),
    [pytest.param(*call, id=" ".join(call[0])) for call in argument_calls()],
)
def test_positional_arguments_have_chinese_names(
    command: tuple[str, ...], names: tuple[str, ...], required: bool, tmp_path: Path
) -> None:
    """Issue 18: `用法： policylens search [选项] {query}` and "缺少参数 'query'" read Chinese: the
    usage line, the argument table and the missing-argument error name each positional
    argument in Chinese; the English interface keeps the parameter names."""
    chinese = run(*command, "--help", home=tmp_path, lang=None)
    usage = next(line for line in chinese.splitlines() if "用法：" in line)
    shown = re.findall(r"[{\[]([^{}\[\]]+)[}\]]", usage.split("用法：", 1)[1])
    assert len([s for s in shown if s != "选项"]) == len(names), usage
    assert all(not re.search(r"[A-Za-z]", s) for s in shown), usage
    words = set(WORD.findall(re.sub(r"--?[a-z][\w-]*", " ", chinese)))
    assert not words & set(names), chinese
    english = run(*command, "--help", home=tmp_path, lang="en")
    assert all(re.search(rf"[{{\[]{name}[}}\]]", english) for name in names), english
    if required:
        missing = run(*command, home=tmp_path, lang=None)
        first = next(s for s in shown if s != "选项")
        assert f"缺少参数 '{first}'" in missing and "错误" in missing, missing
        assert english_words(missing) == [], missing


USAGE_ERRORS: list[tuple[tuple[str, ...], str, str]] = [
    (("search",), "缺少参数 '检索词'", "Missing argument 'query'"),
    (("search", "x", "--bogus"), "没有此选项：--bogus", "No such option: --bogus"),
    (("search", "x", "-k", "abc"), "应为整数", "Input should be a valid integer"),
    (("search", "x", "-k", "0"), "应大于或等于 1", "greater than or equal to 1"),
    (("search", "a", "b"), "多出了参数", "Got unexpected extra argument"),
    (("nonsense",), "没有此命令 'nonsense'", "No such command 'nonsense'"),
    (("tasks", "list", "--overdue=yes"), "不接受取值", "does not take a value"),
    (("search", "x", "--level"), "需要一个取值", "requires an argument"),
]


@pytest.mark.parametrize(("args", "chinese", "english"), USAGE_ERRORS)
def test_usage_errors_are_chinese(
    args: tuple[str, ...], chinese: str, english: str, tmp_path: Path
) -> None:
    shown = run(*args, home=tmp_path, lang=None)
    assert chinese in shown and "错误" in shown, shown
    assert english_words(shown) == [], shown
    assert english in run(*args, home=tmp_path, lang="en")


def test_ingest_speaks_chinese(workspace: tuple[Path, str]) -> None:
    shown = workspace[1]
    assert "成功" in shown and "共4个文件" in shown, shown
    assert english_words(shown, content=[str(CORPUS)]) == [], shown


def test_every_command_of_a_working_session_speaks_chinese(
    workspace: tuple[Path, str], tmp_path: Path
) -> None:
    """A day's commands on a copy of the workspace, each output read for English words."""
    import shutil

    home = tmp_path / "workspace"
    shutil.copytree(workspace[0], home)
    backup = tmp_path / "copy.db"
    report = tmp_path / "通报.docx"
    table = tmp_path / "分工表.xlsx"
    steps: list[tuple[str, ...]] = [
        ("docs",),
        ("show", f"{LAW}/art-21"),
        ("search", "生产经营单位 安全生产责任制", "-k", "2"),
        ("verify",),
        ("rebuild",),
        ("backup", str(backup)),
        ("restore", str(backup)),
        ("setup", "--password-stdin"),
        ("users", "add", "dora", "--role", "department", "--department", "示例省应急管理厅",
         "--password-stdin"),
        ("users", "list"),
        ("users", "disable", "dora"),
        ("users", "enable", "dora"),
        ("users", "passwd", "dora", "--password-stdin"),
        ("tasks", "extract", PLAN),
        ("tasks", "list"),
        ("tasks", "update", "T-1", "--status", "in_progress", "--progress", "30"),
        ("tasks", "evidence", "T-1", f"{LAW}/art-21", "--note", "已落实"),
        ("tasks", "export", "--out", str(table)),
        ("tasks", "report", "--out", str(report)),
        ("tasks", "verify-audit"),
        ("review", RULE),
        ("study", LAW, "--items", "3"),
        ("remove", OLD_LAW, "--no-index"),
    ]  # fmt: skip
    content = [str(tmp_path), "dora", "admin", "示例省应急管理厅"]
    for step in steps:
        stdin = f"{PASSWORD}\n" if "--password-stdin" in step else ""
        shown = run(*step, home=home, lang=None, stdin=stdin)
        assert english_words(shown, content) == [], (step, shown)
    assert report.exists() and table.exists()
    # The same session's words in English.
    english = run("verify", home=home, lang="en") + run("users", "list", home=home, lang="en")
    assert "articles stored" in english and "last sign-in" in english


ERRORS: list[tuple[tuple[str, ...], str]] = [
    (("show", "没有这部法规"), "错误：没有文件 '没有这部法规'"),
    (("show", f"{LAW}/art-999"), "中没有条款"),
    (("tasks", "update", "T-99", "--progress", "5"), "错误：没有任务 'T-99'"),
    (("tasks", "list", "--date", "2025-13-01"), "不是日期"),
    (("decide", "nosuchfinding", "accepted"), "错误：没有审查意见"),
    (("ingest", "/no/such/file.md"), "错误：没有此文件或文件夹"),
    (("search", "x", "--mode", "fuzzy"), "请用 融合、关键词、语义 之一"),
    (("users", "add", "x", "--password-stdin"), "错误："),
    (("backup", "/no/such/folder/copy.db"), "错误："),
    (("study",), "错误：请给出文件（DOC）或 --query"),
]


@pytest.mark.parametrize(("args", "expected"), ERRORS)
def test_errors_are_one_chinese_line(
    args: tuple[str, ...], expected: str, workspace: tuple[Path, str]
) -> None:
    """The knowledge base's errors, the command's own and the system's: "错误：" and Chinese,
    the stored English wording untouched (the same run in English shows it)."""
    home = workspace[0]
    shown = run(*args, home=home, lang=None, stdin="short\n")
    lines = shown.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误："), shown
    assert expected in lines[0], shown
    assert english_words(lines[0], content=["/no/such"]) == [], shown
    assert run(*args, home=home, lang="en", stdin="short\n").startswith("Error: ")


# What option values are stored as; a Chinese help page names them in Chinese (issue 18).
VALUE_CODES = {
    "in_force", "superseded", "repealed", "draft", "hybrid", "keyword", "dense",
    "not_started", "in_progress", "completed", "suspended", "accepted", "dismissed",
    "reviewer", "viewer",
}  # fmt: skip


@pytest.mark.parametrize(
    "command",
    [("search",), ("tasks", "update"), ("tasks", "list"), ("decide",), ("users", "add")],
    ids=" ".join,
)
def test_help_names_the_values_an_option_takes_in_chinese(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    shown = run(*command, "--help", home=tmp_path, lang=None)
    text = shown
    for pattern in EXEMPT:  # option names (--completed-on) are not values
        text = pattern.sub(" ", text)
    assert not set(WORD.findall(text)) & VALUE_CODES, shown
    english = run(*command, "--help", home=tmp_path, lang="en")
    assert set(WORD.findall(english)) & VALUE_CODES, english  # English keeps them


def test_chinese_values_and_task_handles_are_taken_and_written_back(
    workspace: tuple[Path, str], tmp_path: Path
) -> None:
    """任务1 as well as T-1, 推进中, 关键词, 不限, 采纳: what the Chinese interface shows is what
    a user may type; the CLI writes tasks back as 任务N in Chinese, T-N in English."""
    import json
    import shutil

    home = tmp_path / "workspace"
    shutil.copytree(workspace[0], home)
    run("tasks", "extract", PLAN, home=home, lang=None)
    updated = run("tasks", "update", "任务1", "--status", "推进中", "--progress", "30",
                  home=home, lang=None)  # fmt: skip
    assert updated.startswith("任务1：推进中 30%"), updated
    listed = run("tasks", "list", "--status", "推进中", home=home, lang=None)
    assert "任务1 " in listed and "T-1" not in listed, listed
    attached = run("tasks", "evidence", "任务 1", f"{LAW}/art-21", home=home, lang=None)
    assert attached.strip().endswith("附到 任务1。"), attached
    found = run("search", "生产经营单位", "-k", "1", "--mode", "关键词", "--status", "不限",
                home=home, lang=None)  # fmt: skip
    assert "关键词 得分" in found, found
    reviewed = run("review", RULE, "--json", home=home, lang=None).splitlines()
    findings = json.loads(next(line for line in reviewed if line.startswith("[")))
    decided = run("decide", findings[0]["finding_id"], "采纳", home=home, lang=None)
    assert "已采纳" in decided and "错误" not in decided, decided
    english = run("tasks", "update", "T-1", "--progress", "40", home=home, lang="en")
    assert english.startswith("T-1: in progress 40%"), english
    refused = run("tasks", "list", "--status", "办结", home=home, lang=None)
    assert "错误：--status '办结'：请用 未启动、推进中、已完成、暂停 之一" in refused, refused


def test_a_plan_note_warning_reads_chinese() -> None:
    """`tasks extract` warns of notes it could not attribute: in Chinese by name and sentence,
    not NLP_NOTE_UNATTACHED and the reader's English (issue 18)."""
    from ui.cli.common import named
    from ui.cli.words import in_language

    message = "a responsibility note stands before any item: （牵头单位：市应急局）"
    assert (
        in_language(message, "zh")
        == "分工说明出现在它可能指派的任何事项之前：（牵头单位：市应急局）"
    )
    assert (
        in_language("a note the reader could not parse: 责任", "zh") == "无法读取的分工说明：责任"
    )
    assert named("cli.tasks.extract.code", "NLP_NOTE_UNREAD") == "分工说明无法读取"
    assert in_language(message, "en") == message


def test_the_exported_division_table_is_chinese_and_imports_back(
    workspace: tuple[Path, str], tmp_path: Path
) -> None:
    """`tasks export` in Chinese writes a 分工表 (Chinese headings, 任务N, statuses by name,
    no English word) that `tasks import` reads back; English keeps its column names."""
    import shutil

    import openpyxl

    home = tmp_path / "workspace"
    shutil.copytree(workspace[0], home)
    run("tasks", "extract", PLAN, home=home, lang=None)
    table = tmp_path / "分工表.xlsx"
    run("tasks", "export", "--out", str(table), home=home, lang=None)
    book = openpyxl.load_workbook(table)
    assert book.sheetnames == ["分工表"]
    rows = list(book.active.iter_rows(values_only=True))
    header = rows[0]
    assert header[:5] == ("序号", "任务内容", "牵头单位", "配合单位", "完成时限"), header
    assert rows[1][0] == "任务1" and rows[1][header.index("状态")] == "未启动"
    cells = " ".join(str(c) for row in rows for c in row if c is not None)
    assert english_words(cells) == [], cells
    again = run("tasks", "import", str(table), home=home, lang=None)
    assert f"新增{len(rows) - 1}项" in again, again
    english = tmp_path / "tasks.xlsx"
    run("tasks", "export", "--out", str(english), home=home, lang="en")
    assert next(openpyxl.load_workbook(english).active.iter_rows(values_only=True))[:2] == (
        "id",
        "task",
    )


def test_an_ingest_finding_is_said_in_chinese(tmp_path: Path) -> None:
    """Issue 18, sixth walk: a text with no articles was ingested with the finding printed as
    its code and English sentence ("INGEST_NO_STRUCTURE: …: no chapters, articles or numbered
    parts were found …"); in Chinese the line says what the code means."""
    text = tmp_path / "示例通知.txt"
    text.write_text(
        "示例市人民政府办公室关于做好节日期间安全工作的通知\n\n"
        "各区人民政府：\n\n请切实做好节日期间安全生产工作，加强值班值守。\n\n"
        "示例市人民政府办公室\n2031年1月5日\n",
        encoding="utf-8",
    )
    shown = run("ingest", str(text), home=tmp_path / "ws", lang=None)
    assert "部分成功" in shown, shown
    assert "INGEST_NO_STRUCTURE" not in shown and "no chapters" not in shown, shown
    assert "未识别出条文结构" in shown, shown
    english = run("ingest", str(text), home=tmp_path / "ws-en", lang="en")
    assert "INGEST_NO_STRUCTURE" in english, english
