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


USAGE_ERRORS: list[tuple[tuple[str, ...], str, str]] = [
    (("search",), "缺少参数 'query'", "Missing argument 'query'"),
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
    (("search", "x", "--mode", "fuzzy"), "请用 hybrid, keyword, dense 之一"),
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
