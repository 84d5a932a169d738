"""The app shell and the account pages in Chinese first (Streamlit's AppTest): page and section
names, the language switch kept per account (it survives signing out), an admin changing a role
and resetting a password (audited as the CLI does), the shipped page icon, and pages that show
no English word outside their content in Chinese mode."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from index import open_store
from index.accounts import OPERATOR, Accounts
from tests.ui.app_support import (
    APP,
    PASSWORD,
    build_workspace,
    one,
    open_page,
    run,
    start,
    submit,
    user,
    values,
    workspace_copy,
)

NEW_PASSWORD = "another-long-secret"


@pytest.fixture(scope="module")
def shell_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workspace(tmp_path_factory.mktemp("shell") / "workspace")


@pytest.fixture(autouse=True)
def app_home(
    shell_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    with workspace_copy(shell_workspace, tmp_path, monkeypatch) as home:
        yield home


def switch_language(at: AppTest, name: str) -> AppTest:
    """Press 中文 or English in the language switch."""
    [switch] = [b for b in at.get("button_group") if b.key == "language_switch"]
    return run(switch.set_value(name))


@pytest.fixture
def menus(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, list[str]]]:
    """What each run passed to ``st.navigation``: section name -> page titles."""
    made: list[dict[str, list[str]]] = []
    real = st.navigation

    def recording(pages: Any, **options: Any) -> Any:
        if isinstance(pages, dict):
            made.append({section: [p.title for p in group] for section, group in pages.items()})
        return real(pages, **options)

    monkeypatch.setattr(st, "navigation", recording)
    return made


def account_log(home: Path, username: str) -> list[dict[str, object]]:
    with open_store(home) as store:
        return Accounts(store).log(username)


# -- Chinese first, English as a switch -----------------------------------------------------------
def test_pages_and_sections_are_named_in_chinese(menus: list[dict[str, list[str]]]) -> None:
    at = start("ada")
    assert menus[-1] == {
        "法规库": ["首页", "检索", "文件", "导入"],
        "工作": ["任务", "学习", "审查"],
        "账户": ["用户", "我的账户"],
    }
    assert "当前用户：**ada**（管理员）" in values(at.sidebar.caption)


def test_the_language_switch_is_kept_with_the_account(
    app_home: Path, menus: list[dict[str, list[str]]]
) -> None:
    at = switch_language(start("vic"), "en")
    assert values(at.title) == ["PolicyLens"]
    assert [m.label for m in at.metric] == ["Documents", "Works", "Articles", "In force"]
    assert menus[-1]["Library"] == ["Home", "Search", "Documents", "Ingest"]
    with open_store(app_home) as store:
        assert Accounts(store).language("vic") == "en"
    # signed out and in again (a new session): still English; another account: Chinese
    again = start()
    one(again.text_input, "用户名").input("vic")
    one(again.text_input, "密码").input(PASSWORD)
    again = submit(again, "登录")
    assert values(again.title) == ["PolicyLens"] and again.metric[0].label == "Documents"
    assert start("rita").metric[0].label == "文件"
    # and back
    assert switch_language(again, "zh").metric[0].label == "文件"
    with open_store(app_home) as store:
        assert Accounts(store).language("vic") == "zh"


def test_the_sign_in_page_can_be_read_in_english() -> None:
    at = start()
    assert [w.label for w in at.text_input] == ["用户名", "密码"]
    at = switch_language(at, "en")
    assert [w.label for w in at.text_input] == ["User name", "Password"]
    assert values(at.title) == ["PolicyLens"]


def test_the_page_icon_is_the_shipped_file_not_a_font_icon() -> None:
    source = APP.read_text(encoding="utf-8")
    assert ":material/policy:" not in source
    assert (APP.parent / "assets" / "icon.png").read_bytes().startswith(b"\x89PNG")


# -- users: role and password -----------------------------------------------------------------------
def choose(at: AppTest, name: str) -> AppTest:
    at.selectbox(key="u_account").set_value(name)
    return run(at)


def test_an_admin_changes_a_role_and_it_is_audited(app_home: Path) -> None:
    at = choose(open_page("ada", "views/users.py"), "vic")
    form = "role-vic"
    next(s for s in at.selectbox if s.form_id == form).set_value("department")
    # 单位 offers the units accounts already have (dora's) among the bodies the project knows
    unit = next(s for s in at.selectbox if s.form_id == form and s.label == "单位")
    assert unit.value is None and "示例省应急管理厅" in unit.options
    unit.set_value("示例省应急管理厅")
    at = run(next(b for b in at.button if b.form_id == form).click())
    assert values(at.success) == ["vic 的角色已改为部门用户。"]
    with open_store(app_home) as store:
        changed = Accounts(store).get("vic")
    assert (changed.role.value, changed.department) == ("department", "示例省应急管理厅")
    [event] = [e for e in account_log(app_home, "vic") if e["event"] == "role"]
    assert (event["actor"], event["detail"]) == ("ada", "viewer -> department 示例省应急管理厅")
    # the table shows it at once, and vic's next run has the department's rights
    table = at.dataframe[0].value
    assert table.set_index("用户名").loc["vic", "角色"] == "部门用户"
    assert "当前用户：**vic**（部门用户 · 示例省应急管理厅）" in values(
        start("vic").sidebar.caption
    )


def test_a_department_role_needs_a_department(app_home: Path) -> None:
    at = choose(open_page("ada", "views/users.py"), "vic")
    form = "role-vic"
    next(s for s in at.selectbox if s.form_id == form).set_value("department")
    at = run(next(b for b in at.button if b.form_id == form).click())
    assert values(at.error) == ["部门用户必须填写所属单位。"]
    with open_store(app_home) as store:
        assert Accounts(store).get("vic").role.value == "viewer"


def test_the_last_admin_keeps_the_admin_role(app_home: Path) -> None:
    at = choose(open_page("ada", "views/users.py"), "ada")
    form = "role-ada"
    next(s for s in at.selectbox if s.form_id == form).set_value("viewer")
    at = run(next(b for b in at.button if b.form_id == form).click())
    assert values(at.error) == ["ada 是最后一个启用的管理员，请先添加另一位管理员。"]
    with open_store(app_home) as store:
        assert Accounts(store).get("ada").role.value == "admin"


def test_an_admin_resets_a_password_and_it_is_audited(app_home: Path) -> None:
    at = choose(open_page("ada", "views/users.py"), "rita")
    form = "reset-rita"
    new, again = (w for w in at.text_input if w.form_id == form)
    new.input(NEW_PASSWORD)
    again.input(NEW_PASSWORD)
    at = run(next(b for b in at.button if b.form_id == form).click())
    assert values(at.success) == ["rita 的密码已重置，请通过安全渠道告知本人。"]
    with open_store(app_home) as store:
        assert Accounts(store).authenticate("rita", NEW_PASSWORD).username == "rita"
    assert account_log(app_home, "rita")[0]["event"] == "password"
    assert account_log(app_home, "rita")[0]["actor"] == "ada"


def test_a_reset_with_two_different_passwords_changes_nothing(app_home: Path) -> None:
    at = choose(open_page("ada", "views/users.py"), "rita")
    new, again = (w for w in at.text_input if w.form_id == "reset-rita")
    new.input(NEW_PASSWORD)
    again.input(NEW_PASSWORD + "x")
    at = run(next(b for b in at.button if b.form_id == "reset-rita").click())
    assert values(at.error) == ["两次输入的新密码不一致。"]
    with open_store(app_home) as store:
        assert Accounts(store).authenticate("rita", PASSWORD).username == "rita"


def test_set_role_refuses_a_non_admin(app_home: Path) -> None:
    with open_store(app_home) as store, pytest.raises(Exception, match="may not manage users"):
        Accounts(store).set_role(user("rita"), "vic", "admin")
    with open_store(app_home) as store:
        Accounts(store).set_role(OPERATOR, "vic", "reviewer")
        assert Accounts(store).get("vic").role.value == "reviewer"


# -- no English outside the content -----------------------------------------------------------------
# Words the Chinese interface may show: the product's name, file formats, units, the CLI commands
# it quotes and the names of this workspace's users (content). Not the stored word "operator"
# for the command line, which is shown by its Chinese name.
ALLOWED = re.compile(
    r"PolicyLens|policylens|FILE\.xlsx|DOCX|XLSX|CSV|PDF|HTML|TXT|Markdown|KB|MB|NAME|FILE|DOC|"
    r"users add|role admin|make demo|tasks extract|tasks import|"
    r"\b(?:ada|rita|dora|vic|dan)\b|:[a-z]+-badge|:material/[a-z_]+:|:orange|:red|:green"
)
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def shown_texts(at: AppTest) -> list[str]:
    """Every text a page shows apart from data rows: titles, headers, captions, messages, labels,
    options, placeholders, tab and expander names, metric labels, table column names."""
    out: list[str] = []
    for kind in (
        "title",
        "header",
        "subheader",
        "caption",
        "markdown",
        "info",
        "warning",
        "error",
        "success",
    ):
        out += values(at.get(kind))
    for widget in (
        *at.button,
        *at.text_input,
        *at.selectbox,
        *at.get("toggle"),
        *at.get("radio"),
        *at.get("slider"),
        *at.get("date_input"),
        *at.get("text_area"),
        *at.get("download_button"),
        *at.get("file_uploader"),
        *at.metric,
    ):
        out.append(str(getattr(widget, "label", "")))
        out.append(str(getattr(getattr(widget, "proto", None), "placeholder", "")))
    for widget in (*at.selectbox, *at.get("radio")):
        out += [str(o) for o in getattr(widget, "options", [])]
    out += [tab.label for tab in at.tabs] + [e.label for e in at.expander]
    for frame in at.dataframe:
        out += [str(c) for c in frame.value.columns]
    return out


def english_words(texts: list[str], content: set[str]) -> set[str]:
    found: set[str] = set()
    for text in texts:
        for item in sorted(content, key=len, reverse=True):
            text = text.replace(item, " ")
        found |= set(ENGLISH_WORD.findall(ALLOWED.sub(" ", text)))
    return found


def library_content(home: Path) -> set[str]:
    """Texts from the data: document titles, plan items, parts and bodies as stored."""
    with open_store(home) as store:
        rows = store.db.execute("SELECT title, document_id FROM documents").fetchall()
    return {v for r in rows for v in (r["title"], r["document_id"]) if v}


@pytest.mark.parametrize(
    "page",
    ["views/home.py", "views/ingest.py", "views/users.py", "views/account.py", "views/tasks.py"],
)
def test_a_page_in_chinese_shows_no_english_words(app_home: Path, page: str) -> None:
    at = open_page("ada", page)
    assert english_words(shown_texts(at), library_content(app_home)) == set()


def test_the_sign_in_page_in_chinese_shows_no_english_words(app_home: Path) -> None:
    at: Any = start()
    assert english_words(shown_texts(at), set()) == set()


def test_the_account_log_reads_in_chinese(app_home: Path) -> None:
    """The users page's log names the command line, roles and refusals in Chinese, not as the
    log stores them ("operator", "reviewer -> admin", "disabled")."""
    with open_store(app_home) as store:
        Accounts(store).set_role(OPERATOR, "vic", "reviewer")
    at = open_page("ada", "views/users.py")
    log = next(f.value for f in at.dataframe if "详情" in " ".join(map(str, f.value.columns)))
    cells = {str(v) for row in log.itertuples(index=False) for v in row}
    assert "命令行（管理员）" in cells and "operator" not in cells
    assert "查阅用户 → 审查员" in cells
    assert not any(re.search(r"reviewer|viewer|admin|department|disabled", c) for c in cells)
