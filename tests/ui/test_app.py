"""The web app as a user drives it (Streamlit's AppTest, the hash embedder): signing in, what
each role may open, the home page, ingest as a background job, accounts (search and documents:
tests/ui/test_app_search.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from index import open_store
from index.accounts import OPERATOR, Accounts, AuthenticationError
from index.library.browse import article_counts
from index.tasks.ledger import Ledger
from tests import filegen
from tests.index.support import LAW_2019, LAW_2024, PROVINCIAL
from tests.ui.app_support import (
    ACCOUNTS,
    DISABLED,
    PAGES,
    PASSWORD,
    build_workspace,
    cards,
    one,
    open_page,
    record_downloads,
    run,
    start,
    submit,
    user,
    values,
    wait_for_jobs,
    workspace_copy,
)

APP_NAME = "PolicyLens 安全生产法规智能平台"  # the title of the sign-in and home pages
SIGN_IN_FAILED = "用户名或密码错误，或账户已被锁定或停用；管理员可以解锁。"
ROLE_NAMES = {
    "admin": "管理员",
    "reviewer": "审查员",
    "department": "部门用户",
    "viewer": "查阅用户",
}


@pytest.fixture(scope="module")
def corpus_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus and one account per role, built once (read-only: tests use copies)."""
    return build_workspace(tmp_path_factory.mktemp("app") / "workspace")


@pytest.fixture(autouse=True)
def app_home(
    corpus_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    with workspace_copy(corpus_workspace, tmp_path, monkeypatch) as home:
        yield home


@pytest.fixture(autouse=True)
def _downloads_readable(monkeypatch: pytest.MonkeyPatch) -> None:
    record_downloads(monkeypatch)


def sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="login_user").input(username)
    at.text_input(key="login_password").input(password)
    return submit(at, "登录")


def search(query: str, name: str = "vic") -> AppTest:
    at = open_page(name, "views/search.py")
    at.text_input(key="q").input(query)
    return run(at)


def document_ids(home: Path) -> set[str]:
    with open_store(home) as store:
        return {d["document_id"] for d in store.documents()}


# -- signing in ---------------------------------------------------------------------------------
def test_signed_out_visitor_gets_only_the_sign_in_form() -> None:
    at = start()
    assert values(at.title) == [APP_NAME]
    assert [w.key for w in at.text_input] == ["login_user", "login_password"]
    assert not at.metric  # no library content before signing in
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/search.py")


@pytest.mark.parametrize(
    ("username", "password"), [("ada", "wrong-password-1"), ("nobody", PASSWORD)]
)
def test_a_wrong_password_or_user_name_is_refused(username: str, password: str) -> None:
    at = sign_in(start(), username, password)
    assert values(at.error) == [SIGN_IN_FAILED]
    assert "user" not in at.session_state
    assert [w.key for w in at.text_input] == ["login_user", "login_password"]


def test_a_correct_password_opens_home() -> None:
    at = sign_in(start(), "rita", PASSWORD)
    assert not at.error
    assert at.session_state["user"].username == "rita"
    assert values(at.title) == [APP_NAME]
    assert [m.label for m in at.metric] == ["文件", "法规", "条文", "现行有效"]
    assert "当前用户：**rita**（审查员）" in values(at.sidebar.caption)


def test_the_password_typed_is_not_kept_after_signing_in() -> None:
    at = sign_in(start(), "vic", PASSWORD)
    assert at.session_state["user"].username == "vic"
    assert "login_password" not in at.session_state


def test_repeated_wrong_passwords_lock_the_account(app_home: Path) -> None:
    at = start()
    for _ in range(5):
        sign_in(at, "vic", "wrong-password-1")
    at = sign_in(at, "vic", PASSWORD)
    assert values(at.error) == [SIGN_IN_FAILED]  # locked: the same words as a wrong password
    with open_store(app_home) as store:
        assert Accounts(store).log("vic")[0]["event"] == "login_refused"
    assert "user" not in at.session_state


def test_a_disabled_account_cannot_sign_in() -> None:
    at = sign_in(start(), DISABLED, PASSWORD)
    assert values(at.error) == [SIGN_IN_FAILED]  # disabled: the same words as a wrong password
    assert "user" not in at.session_state
    assert not at.metric


def test_an_account_disabled_while_signed_in_is_signed_out(app_home: Path) -> None:
    at = start("vic")
    assert values(at.title) == [APP_NAME] and at.metric
    with open_store(app_home) as store:
        Accounts(store).set_active(user("ada"), "vic", False)
    run(at)
    assert "user" not in at.session_state
    assert [w.key for w in at.text_input] == ["login_user", "login_password"]


def test_an_empty_workspace_says_how_to_create_the_first_admin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICYLENS_HOME", str(tmp_path / "empty"))
    at = start()
    assert len(at.warning) == 1
    assert "此工作区还没有账户" in at.warning[0].value
    assert "policylens users add NAME --role admin" in at.warning[0].value
    assert not at.text_input  # nobody could sign in: no form


REFUSED = "无权访问此页面：您的角色（{role}）不能使用它。如需使用，请联系管理员。"


# -- what each role may open --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "may_ingest", "may_manage_users"),
    [("ada", True, True), ("rita", True, False), ("dora", False, False), ("vic", False, False)],
)
def test_navigation_offers_ingest_and_users_by_role(
    name: str, may_ingest: bool, may_manage_users: bool
) -> None:
    for page, allowed, title in (
        ("views/ingest.py", may_ingest, "导入"),
        ("views/users.py", may_manage_users, "用户"),
    ):
        at = run(start(name).switch_page(page))
        if allowed:
            assert values(at.title) == [title] and not at.error
        else:  # out of the menu, but its address says why instead of "page not found"
            role = ROLE_NAMES[user(name).role.value]
            assert values(at.error) == [REFUSED.format(role=role)] and not at.title
    at = run(start(name).switch_page("views/account.py"))
    assert values(at.title) == ["我的账户"]


@pytest.mark.parametrize(
    ("name", "page"),
    [("vic", "ingest.py"), ("dora", "ingest.py"), ("vic", "users.py"), ("rita", "users.py")],
)
def test_a_page_refuses_a_role_without_its_permission_when_reached_directly(
    name: str, page: str
) -> None:
    """A page run on its own (not through app.py's navigation) still refuses the role: the
    check is in the page, not only in the menu."""
    at = start(name, PAGES / page)
    role = ROLE_NAMES[user(name).role.value]
    assert values(at.error) == [REFUSED.format(role=role)]
    assert not at.get("file_uploader") and not at.text_input and not at.title


def test_a_viewer_routed_to_the_ingest_page_is_told_it_needs_another_role() -> None:
    at = open_page("ada", "views/ingest.py")
    assert len(at.get("file_uploader")) == 1
    at.session_state["user"] = user("vic")  # the same URL in a viewer's session
    run(at)
    assert values(at.error) == [REFUSED.format(role="查阅用户")]
    assert not at.get("file_uploader") and not at.title


def test_a_department_user_opening_review_is_told_it_needs_another_role() -> None:
    at = open_page("dora", "views/review.py")
    assert values(at.error) == [REFUSED.format(role="部门用户")]
    assert not at.title


# -- home ---------------------------------------------------------------------------------------
def test_home_shows_the_library_counts(app_home: Path) -> None:
    with open_store(app_home) as store:
        docs = store.documents()
        # articles as the document list and `policylens docs` count them (issue 18), not the
        # top-level provisions (a plan's preamble, a law's 附则 paragraphs)
        articles = sum(article_counts(store).values())
    at = start("vic")
    shown = {m.label: m.value for m in at.metric}
    assert shown == {
        "文件": str(len(docs)),
        "法规": str(len({d["work_id"] for d in docs})),
        "条文": str(articles),
        "现行有效": str(sum(d["status"] == "in_force" for d in docs)),
    }
    assert shown["文件"] == "9" and shown["法规"] == "8"
    # national texts are counted under 全国, not under a stored word
    [regions] = [d.value for d in at.dataframe if "地区" in d.value.columns]
    assert "全国" in set(regions["地区"]) and "national" not in set(regions["地区"])


def test_home_lists_recent_changes_and_opens_one() -> None:
    at = start("vic")
    changes = [t for t in values(at.markdown) if t.startswith((":green-badge", ":blue-badge"))]
    assert len(changes) == 9  # every corpus file was a change
    assert ":blue-badge[新版本] 示例安全生产法 · 2024年4月20日" in changes
    assert ":green-badge[新文件] 示例安全生产法 · 2019年6月10日" in changes
    assert values(at.caption).count("操作人：命令行（管理员）") == 9
    row = changes.index(":blue-badge[新版本] 示例安全生产法 · 2024年4月20日")
    opens = [b for b in at.button if b.label == "打开"]
    run(opens[row].click())
    assert at.query_params["doc"] == LAW_2024
    assert values(at.title) == ["示例安全生产法"]


@pytest.mark.parametrize(
    ("name", "home_says"),
    [
        ("rita", "法规库为空。请在“导入”页面添加文件。"),
        ("vic", "法规库为空。请联系管理员或审查员添加文件。"),
    ],
)
def test_an_empty_library_says_who_can_fill_it(
    name: str, home_says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty"
    with open_store(empty) as store:
        role, department = user(name).role, user(name).department
        Accounts(store).add(OPERATOR, name, PASSWORD, role, department)
    monkeypatch.setenv("POLICYLENS_HOME", str(empty))
    at = start(name)
    assert values(at.info) == [home_says] and not at.metric
    elsewhere = "法规库为空。管理员或审查员可在“文件入库”页面添加文件。"
    for page in ("views/search.py", "views/documents.py"):
        run(at.switch_page(page))
        assert values(at.info) == [elsewhere]
        assert not at.text_input and not at.dataframe


# -- search and documents: tests/ui/test_app_search.py ------------------------------------------


# -- ingest -------------------------------------------------------------------------------------
def test_a_corrupt_pdf_fails_with_its_finding(app_home: Path) -> None:
    at = open_page("ada", "views/ingest.py")
    assert "应用启动以来尚未导入文件。" in values(at.caption)
    at.get("file_uploader")[0].upload("broken.pdf", b"%PDF-1.7\nthis is no pdf", "application/pdf")
    wait_for_jobs(submit(at, "导入文件"))
    assert values(at.error) == ["1个文件导入失败——见下表中的问题。"]
    row = at.dataframe[0].value.iloc[0]
    assert (row["文件"], row["结果"], row["文件编号"]) == ("broken.pdf", "× 失败", "—")
    assert "文件已损坏" in row["发现的问题"]
    # every file failed: a red 失败 badge, not a green 已完成 (issue 18)
    [line] = [v for v in values(at.markdown) if "**broken.pdf**" in v]
    assert line.startswith(":red-badge[失败] ") and "已完成" not in line
    assert len(document_ids(app_home)) == 9
    # A reviewer sees only their own jobs, not the admin's.
    other = open_page("rita", "views/ingest.py")
    assert "应用启动以来尚未导入文件。" in values(other.caption)
    # The home page lists the failure, for someone to act on.
    assert any(
        t.startswith(":red-badge[导入失败] broken.pdf") for t in values(start("vic").markdown)
    )


def test_ingest_findings_name_the_file_as_uploaded(app_home: Path) -> None:
    at = open_page("ada", "views/ingest.py")
    at.get("file_uploader")[0].upload("broken.docx", b"not a zip archive", "application/zip")
    wait_for_jobs(submit(at, "导入文件"))
    findings = at.dataframe[0].value.iloc[0]["发现的问题"]
    assert findings.startswith("文件已损坏")
    assert str(app_home) not in findings and "/uploads/" not in findings
    # the name is said once, not 文件已损坏：文件已损坏，或… (issue 18)
    assert findings.count("文件已损坏") == 1
    assert findings == "文件已损坏，或与其扩展名所示的格式不符。"


def test_a_job_with_some_files_failed_has_an_orange_badge(app_home: Path) -> None:
    text = filegen.render_text(filegen.REGULATION).encode("utf-8")
    at = open_page("ada", "views/ingest.py")
    at.get("file_uploader")[0].set_value(
        [("rule.txt", text, "text/plain"), ("broken.docx", b"not a zip archive", "application/zip")]
    )
    wait_for_jobs(submit(at, "导入文件"))
    [line] = [v for v in values(at.markdown) if "**rule.txt、broken.docx**" in v]
    assert line.startswith(":orange-badge[部分失败] ")
    results = {r["文件"]: r["结果"] for _, r in at.dataframe[0].value.iterrows()}
    assert results == {"rule.txt": "√ 成功", "broken.docx": "× 失败"}
    assert values(at.error) == ["1个文件导入失败——见下表中的问题。"]


def test_a_job_whose_files_all_passed_is_done() -> None:
    text = filegen.render_text(filegen.REGULATION).encode("utf-8")
    at = open_page("ada", "views/ingest.py")
    at.get("file_uploader")[0].upload("rule.txt", text, "text/plain")
    wait_for_jobs(submit(at, "导入文件"))
    [line] = [v for v in values(at.markdown) if "**rule.txt**" in v]
    assert line.startswith(":green-badge[已完成] ")


def test_a_good_text_file_is_ingested_and_searchable(app_home: Path) -> None:
    title = "示例高处作业安全管理规定"
    text = filegen.render_text(filegen.REGULATION._replace(title=title))
    at = open_page("rita", "views/ingest.py")
    at.get("file_uploader")[0].upload("高处作业.txt", text.encode("utf-8"), "text/plain")
    wait_for_jobs(submit(at, "导入文件"))
    assert not at.error
    row = at.dataframe[0].value.iloc[0]
    assert (row["文件"], row["结果"], row["变化"]) == ("高处作业.txt", "√ 成功", "新增")
    assert row["文件编号"] in document_ids(app_home) - {LAW_2019, LAW_2024, PROVINCIAL}
    assert row["文件编号"].startswith(title)
    with open_store(app_home) as store:
        actor = store.db.execute(
            "SELECT actor FROM ingest_log WHERE document_id=?", (row["文件编号"],)
        ).fetchone()[0]
    assert actor == "rita"
    found = cards(search(title, "rita"))
    assert found and found[0].title == title  # the index was updated with it


def test_sending_the_same_file_again_leaves_the_library_unchanged(app_home: Path) -> None:
    data = filegen.render_text(filegen.REGULATION).encode("utf-8")
    at = open_page("ada", "views/ingest.py")
    for _ in range(2):
        at.get("file_uploader")[0].upload("rule.txt", data, "text/plain")
        wait_for_jobs(submit(at, "导入文件"))
    first, second = (at.dataframe[n].value.iloc[0] for n in (1, 0))  # newest job first
    assert (first["变化"], second["变化"]) == ("新增", "未变")
    assert first["文件编号"] == second["文件编号"]
    assert len(document_ids(app_home)) == 10


def test_ingest_without_a_file_asks_for_one() -> None:
    at = submit(open_page("rita", "views/ingest.py"), "导入文件")
    assert values(at.warning) == ["请先选择至少一个文件。"]
    assert "应用启动以来尚未导入文件。" in values(at.caption)


@pytest.mark.parametrize(("name", "folder_form"), [("ada", True), ("rita", False)])
def test_only_admins_may_ingest_a_server_folder(name: str, folder_form: bool) -> None:
    at = open_page(name, "views/ingest.py")
    assert any(w.key == "folder" for w in at.text_input) is folder_form


def test_a_missing_server_folder_is_reported(tmp_path: Path) -> None:
    at = open_page("ada", "views/ingest.py")
    at.text_input(key="folder").input(str(tmp_path / "nowhere"))
    at = submit(at, "导入文件夹")
    assert values(at.error) == [f"服务器上没有文件夹 {tmp_path / 'nowhere'}。"]


# -- users --------------------------------------------------------------------------------------
def users_page(typed_unit: str = "") -> AppTest:
    """The users page for ada; ``typed_unit``: a unit the admin typed into 单位 (a name not in
    its list, as the browser sends it: AppTest cannot type into a select box)."""
    at = start("ada")
    if typed_unit:
        at.session_state["u_add_department"] = typed_unit
    return run(at.switch_page("views/users.py"))


def fill_user_form(at: AppTest, username: str, role: str) -> AppTest:
    one(at.text_input, "用户名").input(username)
    one(at.text_input, "初始密码").input(PASSWORD)
    one(at.selectbox, "角色").set_value(role)
    return submit(at, "添加用户")


def test_an_admin_adds_a_user(app_home: Path) -> None:
    at = fill_user_form(users_page(), "nel", "reviewer")
    assert values(at.success) == ["已添加 nel（审查员）。"]
    assert "nel" in set(at.dataframe[0].value["用户名"])
    with open_store(app_home) as store:
        added = Accounts(store).authenticate("nel", PASSWORD)
    assert (added.username, added.role.value) == ("nel", "reviewer")


def test_a_department_user_needs_a_department(app_home: Path) -> None:
    at = fill_user_form(users_page(), "deb", "department")
    assert values(at.error) == ["部门用户必须填写所属单位。"]
    assert not at.success
    with open_store(app_home) as store:
        assert "deb" not in {r["username"] for r in Accounts(store).list()}


def test_a_refused_user_name_is_said_in_chinese_and_the_form_keeps_its_fields(
    app_home: Path,
) -> None:
    at = fill_user_form(users_page("示例市司法局"), "张三", "department")
    assert values(at.error) == [
        "用户名 '张三' 不可用：请用 2-32 个小写英文字母、数字或“.”“_”“-”（不能用汉字或大写字母）"
    ]
    assert one(at.selectbox, "角色").value == "department"
    assert one(at.selectbox, "单位").value == "示例市司法局"
    assert one(at.text_input, "用户名").value == "张三"
    one(at.text_input, "用户名").input("zhangsan")
    at = submit(at, "添加用户")
    assert values(at.success) == ["已添加 zhangsan（部门用户）。"]
    with open_store(app_home) as store:
        added = Accounts(store).get("zhangsan")
    assert (added.role.value, added.department) == ("department", "示例市司法局")
    assert one(at.text_input, "用户名").value == ""  # an added account empties the form
    assert one(at.selectbox, "角色").value == "viewer"
    assert one(at.selectbox, "单位").value is None


def test_the_unit_box_offers_known_bodies_before_any_plan_is_tracked(app_home: Path) -> None:
    """Walk 8: before any plan was tracked the 单位 select had no option, so a department
    account could not be made in the app. It offers the State Council's departments and the
    units accounts already have, and an admin can choose one."""
    at = users_page()
    with open_store(app_home) as store:
        assert not Ledger(store).plans()
    options = one(at.selectbox, "单位").options
    assert options[0] == ACCOUNTS["dora"][1]  # a unit an account already has comes first
    assert "应急管理部" in options and "国家发展和改革委员会" in options
    one(at.selectbox, "单位").set_value("应急管理部")
    at = fill_user_form(at, "mem", "department")
    assert values(at.success) == ["已添加 mem（部门用户）。"]
    with open_store(app_home) as store:
        assert Accounts(store).get("mem").department == "应急管理部"


def test_an_admin_disables_a_user_but_not_themselves(app_home: Path) -> None:
    at = open_page("ada", "views/users.py")
    one(at.selectbox, "账户").set_value("ada")
    run(at)
    assert one(at.button, "停用").proto.disabled
    one(at.selectbox, "账户").set_value("vic")
    run(one(run(at).button, "停用").click())
    with open_store(app_home) as store, pytest.raises(AuthenticationError, match="disabled"):
        Accounts(store).authenticate("vic", PASSWORD)


# -- my account ---------------------------------------------------------------------------------
def change_password(current: str, new: str, again: str) -> AppTest:
    at = open_page("vic", "views/account.py")
    one(at.text_input, "当前密码").input(current)
    one(at.text_input, "新密码").input(new)
    one(at.text_input, "再次输入新密码").input(again)
    return submit(at, "修改密码")


def test_a_wrong_current_password_changes_nothing(app_home: Path) -> None:
    at = change_password("not-my-password", "brand-new-password", "brand-new-password")
    assert len(at.error) == 1 and not at.success
    with open_store(app_home) as store:
        assert Accounts(store).authenticate("vic", PASSWORD).username == "vic"


def test_new_passwords_that_differ_change_nothing(app_home: Path) -> None:
    at = change_password(PASSWORD, "brand-new-password", "brand-new-passw0rd")
    assert values(at.error) == ["两次输入的新密码不一致。"]
    with open_store(app_home) as store:
        assert Accounts(store).authenticate("vic", PASSWORD).username == "vic"


def test_a_password_change_takes_effect(app_home: Path) -> None:
    at = change_password(PASSWORD, "brand-new-password", "brand-new-password")
    assert values(at.success) == ["密码已修改。"]
    with open_store(app_home) as store:
        accounts = Accounts(store)
        assert accounts.authenticate("vic", "brand-new-password").username == "vic"
        with pytest.raises(AuthenticationError):
            accounts.authenticate("vic", PASSWORD)


def test_sign_out_returns_to_the_sign_in_form() -> None:
    at = open_page("vic", "views/account.py")
    assert "**vic** · 角色：**查阅用户**" in values(at.markdown)
    run(one(at.button, "退出登录").click())
    assert "user" not in at.session_state
    assert [w.key for w in at.text_input] == ["login_user", "login_password"]


# -- the documents page's tab in the URL (issue 18) ----------------------------------------------
def test_a_link_naming_a_tab_opens_the_document_on_that_tab() -> None:
    at = open_page("vic", "views/documents.py", doc=LAW_2024, tab="versions")
    assert at.session_state["d_tab"] == "历史版本（2）"  # the tab open, whatever its count
    assert at.query_params["tab"] == "versions"
    for name, label in (("citations", "引用关系"), ("details", "文件信息")):
        at = open_page("vic", "views/documents.py", doc=LAW_2024, tab=name)
        assert at.session_state["d_tab"] == label
    plain = open_page("vic", "views/documents.py", doc=LAW_2024)
    assert plain.session_state["d_tab"] == "正文" and "tab" not in plain.query_params
    unknown = open_page("vic", "views/documents.py", doc=LAW_2024, tab="无此页")
    assert unknown.session_state["d_tab"] == "正文"
