"""Every message ``index/`` raises to a user has a Chinese template (issue 18).

The knowledge base words its errors in English (they are stored and logged too); the web app
and the CLI write them in Chinese by template (:mod:`ui.i18n.errors`). These tests read every
``raise SomeError("…")`` and ``raise SomeError(f"…")`` in ``index/`` (and the quality gate's
problems, which the study page shows), fill each field with a sample value, and check that the
app's and the CLI's Chinese leave no English sentence behind: a new English message fails
here until it has a template, or a reason in :data:`NEVER_SHOWN`.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from ui.cli.words import in_language as cli_in_language
from ui.i18n.errors import in_language as app_in_language

ROOT = Path(__file__).resolve().parents[2]

NEVER_SHOWN: dict[str, str] = {
    "index/bulk/queue.py:LostJobError": "caught by the queue itself, which retries the job",
    "index/search/generations.py:ValueError": "an internal consistency check while writing",
    "index/search/generations.py:TypeError": "caught and rewrapped as 'manifest unreadable'",
    "index/search/ranker.py:ValueError": "raised while training a ranker (bench tooling)",
    "index/search/ranker.py:RankerError": "caught by the engine, logged, fusion used instead",
    "index/search/reload.py:ValueError": "a programming error (a watcher without a store)",
    "index/store/dialect.py:DialectError": "a programming error in a migration's SQL",
    "index/store/postgres.py:ValueError": "a programming error (an unknown lock name)",
    "index/store/postgres.py:IndexError": "the sqlite3.Row interface's own error, for code",
    "index/store/transactions.py:ValueError": "a programming error (an unknown lock name)",
    "index/tasks/audit.py:sqlite3.ProgrammingError": "a programming error (audit outside a change)",
    "index/tasks/checkpoint.py:CheckpointError": "caught by the audit checks, never raised on",
    "index/tasks/plans.py:StoreError:{path}: {exc}": "its text is the plan reader's (nlp/)",
}
"""Raise sites whose message never reaches a user as raised, by ``path:class`` (or
``path:class:message`` for one message), each with the reason."""

# Messages whose f-string puts in a clause made just before: the forms that clause takes.
BUILT_FORMS: dict[str, list[str]] = {
    "no document {ref!r}{hint}": [
        "no document '安全法'; did you mean 安全生产法, 消防法?",
        "no document '安全法'; see `policylens docs`",
    ],
    "{user.username} ({user.role}) may not {permission.value.replace('_', ' ')}{scope}": [
        "ab (department) may not manage users",
        "ab (department) may not update tasks for 示例省应急管理厅",
    ],
}

# Words that may stay in the Chinese: commands, options, codes the CLI takes, product names.
_KEPT = re.compile(
    r"`[^`]*`|--[a-z-]+|\bpolicylens\b|PolicyLens|PostgreSQL|SQLite|SHA-256|DOCX|README|Ray"
    r"|postgresql://\S+|\.(?:xlsx|csv|docx)\b|\b(?:zh|en|MB|accepted|dismissed)\b"
    r"|not_started|in_progress|completed|suspended|[A-Z][A-Z_]{3,}(?![a-z])"
)
_ENGLISH = re.compile(r"[A-Za-z]{3,}")


def _constants(tree: ast.Module) -> dict[str, str]:
    """The module's top-level string constants (``REBUILD = "policylens rebuild"``)."""
    found = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value.value
    return found


def _written(node: ast.expr) -> str | None:
    """The message as written: an f-string's fields as ``{source}``; None when not a string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if not isinstance(node, ast.JoinedStr):
        return None
    parts = []
    for value in node.values:
        if isinstance(value, ast.Constant):
            parts.append(str(value.value))
        elif isinstance(value, ast.FormattedValue):
            conversion = "!r" if value.conversion == ord("r") else ""
            parts.append("{" + ast.unparse(value.value) + conversion + "}")
    return "".join(parts)


def _sample(node: ast.expr, constants: dict[str, str]) -> str:
    """The message with each field filled: a module constant by its value, any other
    expression by a sample value (the same expression, the same value)."""
    if isinstance(node, ast.Constant):
        return str(node.value)
    assert isinstance(node, ast.JoinedStr)
    samples: dict[str, str] = {}
    parts = []
    for value in node.values:
        if isinstance(value, ast.Constant):
            parts.append(str(value.value))
            continue
        assert isinstance(value, ast.FormattedValue)
        source = ast.unparse(value.value)
        if isinstance(value.value, ast.Name) and value.value.id in constants:
            parts.append(constants[value.value.id])
        else:
            parts.append(samples.setdefault(source, f"甲{len(samples) + 1}"))
    return "".join(parts)


def raised_messages() -> list[tuple[str, str, str, list[str]]]:
    """Every ``raise X("…")`` / ``raise X(f"…")`` in ``index/``: (site, class, message as
    written, sample messages)."""
    found = []
    for path in sorted((ROOT / "index").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = _constants(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            if not node.exc.args:
                continue
            written = _written(node.exc.args[0])
            if written is None:
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            samples = BUILT_FORMS.get(written) or [_sample(node.exc.args[0], constants)]
            found.append((where, ast.unparse(node.exc.func), written, samples))
    return found


def _reason(where: str, cls: str, written: str) -> str | None:
    path = where.split(":")[0]
    return NEVER_SHOWN.get(f"{path}:{cls}:{written}") or NEVER_SHOWN.get(f"{path}:{cls}")


def _english_left(chinese: str) -> list[str]:
    return _ENGLISH.findall(_KEPT.sub("", chinese))


def test_the_collector_finds_the_messages_the_walk_met() -> None:
    """The reader sees f-strings, constants and split literals (a check that can fail)."""
    written = {message for _, _, message, _ in raised_messages()}
    assert "there is no search index yet; ingest documents first" in written
    assert any("may change only tasks led by" in message for message in written)
    assert any("no longer matches its SHA-256" in message for message in written)
    assert any("MB limit for an upload" in message for message in written)
    assert len(written) > 80


@pytest.mark.parametrize(
    ("where", "cls", "written", "samples"),
    [pytest.param(*found, id=found[0]) for found in raised_messages()],
)
def test_each_message_index_raises_has_a_chinese_template(
    where: str, cls: str, written: str, samples: list[str]
) -> None:
    """In the app and in the CLI, every message reads as Chinese, but for allowed words."""
    reason = _reason(where, cls, written)
    if reason:
        pytest.skip(reason)
    for sample in samples:
        for name, chinese in (
            ("app", app_in_language(sample, "zh")),
            ("cli", cli_in_language(sample, "zh")),
        ):
            assert not _english_left(chinese), f"{name}: {sample!r} → {chinese!r}"


def test_the_allow_list_names_only_sites_that_exist() -> None:
    """An entry of :data:`NEVER_SHOWN` that matches no raise is stale and must go."""
    sites = {
        key
        for where, cls, written, _ in raised_messages()
        for key in (f"{where.split(':')[0]}:{cls}", f"{where.split(':')[0]}:{cls}:{written}")
    }
    assert set(NEVER_SHOWN) <= sites


def _gate_problems() -> list[str]:
    """The problems the quiz gate appends, fields filled with a sample value."""
    tree = ast.parse((ROOT / "nlp" / "quiz" / "gate.py").read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and ast.unparse(node.func).endswith("append")
            and node.args
            and _written(node.args[0]) is not None
        ):
            found.append(_sample(node.args[0], {}))
        if isinstance(node, ast.List):
            for element in node.elts:
                if isinstance(element, ast.JoinedStr):
                    found.append(_sample(element, {}))
    return found


def test_the_quiz_gate_problems_read_as_chinese_in_the_app() -> None:
    """Study → 修改此题 → 保存修改 said "未保存：the statement marked true is not stated by
    the source" (walk 7)."""
    problems = _gate_problems()
    assert "the statement marked true is not stated by the source" in problems
    assert len(problems) >= 12
    for problem in problems:
        chinese = app_in_language(problem, "zh")
        assert not _english_left(chinese), f"{problem!r} → {chinese!r}"
    assert app_in_language(problems[0], "en") == problems[0]


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        (
            "there is no search index yet; ingest documents first",
            "还没有检索索引；请先导入文件",
        ),
        (
            "yingjiting (department) may change only tasks led by 示例省应急管理厅; T-11 is led "
            "by 示例省安全生产委员会办公室",
            "yingjiting（部门用户）只能更改由示例省应急管理厅牵头的任务；任务11由"
            "示例省安全生产委员会办公室牵头",
        ),
        (
            "/tmp/x/policylens.db has schema 12, newer than this PolicyLens (11); upgrade "
            "PolicyLens",
            "/tmp/x/policylens.db 的数据版本为 12，比本程序支持的版本（11）新；请升级 PolicyLens",
        ),
    ],
)
def test_the_walks_english_messages_in_the_cli(english: str, chinese: str) -> None:
    """The exact messages walk 7 met, as the CLI prints them; English stays English."""
    assert cli_in_language(english, "zh") == chinese
    assert cli_in_language(english, "en") == english


def test_every_shared_template_reads_back_in_the_cli_and_the_app() -> None:
    """Each ``cli.kb.*`` template, filled with sample values, is recognised by the CLI and by
    the app (where an ``errors.*`` text of the same English may word it the app's way)."""
    import string

    from ui.i18n import messages

    for key, (chinese, english) in messages().items():
        if not key.startswith("cli.kb.") or "{" not in english:
            continue
        names = {name for _, name, _, _ in string.Formatter().parse(english) if name}
        sample = {name: f"x{n}" for n, name in enumerate(sorted(names))}
        raised = english.format(**sample)
        assert cli_in_language(raised, "zh") == chinese.format(**sample), key
        assert not _english_left(app_in_language(raised, "zh")), key


def test_the_search_page_without_an_index_says_so_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk 7, Search before the first ingest has built an index: "检索暂不可用：there is no
    search index yet; ingest documents first"."""
    import shutil

    from index import ingest_paths, open_store
    from index.accounts import OPERATOR, Accounts
    from index.settings import INDEX_DIR
    from tests.index.support import CORPUS
    from tests.ui.app_support import ACCOUNTS, PASSWORD, open_page, values, workspace_copy

    unindexed = tmp_path / "unindexed"  # texts stored, their index not yet written
    with open_store(unindexed) as store:
        ingest_paths(store, [CORPUS / "zh_division_plan.md"], sandbox=False)
        role, department = ACCOUNTS["vic"]
        Accounts(store).add(OPERATOR, "vic", PASSWORD, role, department)
    shutil.rmtree(unindexed / INDEX_DIR, ignore_errors=True)
    with workspace_copy(unindexed, tmp_path, monkeypatch):
        at = open_page("vic", "views/search.py", q="事故报告")
    assert values(at.error) == ["检索暂不可用：还没有检索索引；请先导入文件"]
