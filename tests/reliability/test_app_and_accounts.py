"""Issue 17, items 5-7: the app shows stored text as text (a link or an image in a document is
never followed or fetched), `policylens app` brings its own server settings wherever it is
started, sign-in failures all read the same, and every public write path of the library checks
its permission."""

from __future__ import annotations

import ast
import asyncio
import http.client
import os
import re
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NewSession_pb2 import Config
from streamlit.testing.v1 import AppTest

from bench.browser import free_port, wait_healthy
from index import open_store
from index.accounts import (
    OPERATOR,
    Accounts,
    AuthenticationError,
    PermissionDenied,
    Role,
    User,
)
from index.review.stored_texts import review_document
from tests.index.support import PROVINCIAL, workspace
from tests.ui.app_support import PASSWORD, open_page, run, start, submit
from tests.ui.server_support import stop
from ui.cli.accounts import server_command
from ui.components import md

ROOT = Path(__file__).resolve().parents[2]
FAR = "http://203.0.113.9"  # TEST-NET-3: nothing answers there
TITLE = f"示例![logo]({FAR}/t.png)标记[官网]({FAR}/a)安全条例"
HOSTILE_TEXT = f"""{TITLE}

第一条 为了加强安全生产工作，制定本条例。![图]({FAR}/p.png) 详见[链接]({FAR}/x)。

第二条 生产经营单位应当建立隐患排查制度<img src="{FAR}/i.png">，每月检查一次。
"""
# An unescaped "](" (a link or image target) or a raw tag in what the page sends to the browser.
_LIVE = re.compile(r"(?<!\\)\]\(|<img|(?<!\\)<http")


# -- item 5: stored text is shown as text --------------------------------------------------------
@pytest.fixture
def hostile_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A workspace whose only document has an image and a link in its title and its text."""
    source = tmp_path / "hostile.txt"
    source.write_text(HOSTILE_TEXT, encoding="utf-8")
    home = tmp_path / "workspace"
    store, _, _ = workspace(home, [source])
    Accounts(store).add(OPERATOR, "vic", PASSWORD, Role.VIEWER)
    store.close()
    monkeypatch.setenv("POLICYLENS_HOME", str(home))
    st.cache_resource.clear()
    yield home
    st.cache_resource.clear()


def _shown(at: AppTest) -> list[str]:
    """Every piece of Markdown the page sends: texts, captions, titles, messages, labels."""
    texts: list[str] = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "error", "info", "warning"):
        texts += [str(e.value) for e in getattr(at, kind)]
    texts += [str(e.label) for e in at.expander]
    for radio in at.radio:
        texts += [radio.format_func(o) for o in radio.options]
    return texts


def _document_id(home: Path) -> str:
    with open_store(home) as store:
        return str(store.documents()[0]["document_id"])


def test_links_and_images_in_a_document_are_shown_as_text(hostile_home: Path) -> None:
    document = open_page("vic", "views/documents.py", doc=_document_id(hostile_home))
    search = open_page("vic", "views/search.py")
    search.text_input(key="q").input("隐患排查制度")
    search = run(search)
    home = open_page("vic", "views/home.py")
    shown = _shown(document) + _shown(search) + _shown(home)
    assert [t for t in shown if _LIVE.search(t)] == []
    assert [t for t in shown if "](http" in t] == []
    # The title is there, escaped (it shows as written), on each page.
    for page in (document, search, home):
        assert any(md("![logo]") in t and md(f"({FAR}/t.png)") in t for t in _shown(page))
    # The article text: plain text (st.text) on the documents page, an HTML block in search.
    assert any(f"[链接]({FAR}/x)" in str(e.value) for e in document.text)
    snippets = [t for t in _shown(search) if "<mark>" in t]
    assert snippets and all("&#91;" in t or "[" not in t for t in snippets)
    assert any("<mark>" in t for t in snippets)  # the search words are still marked


def test_a_document_address_with_markup_is_shown_as_text(hostile_home: Path) -> None:
    at = open_page("vic", "views/documents.py", doc=f"![x]({FAR}/q.png)")
    assert len(at.error) == 1
    assert "](http" not in at.error[0].value
    assert md(f"![x]({FAR}/q.png)") in at.error[0].value


def test_md_escapes_every_way_markdown_links_or_fetches() -> None:
    for text in (
        f"![a]({FAR}/x.png)",
        f"[a]({FAR})",
        f"<{FAR}>",
        "www.example.org",
        "a@example.org",
        f"[a][r]\n\n[r]: {FAR}",
        ":material/home: :red[x] $x$",
        f'<img src="{FAR}/x">',
    ):
        escaped = md(text)
        assert not re.search(r"(?<!\\)[\[\]()<>!:@.$]", escaped), (text, escaped)


# -- item 6: `policylens app` brings its settings ------------------------------------------------
HOSTILE_CONFIG = """[server]
maxUploadSize = 500
fileWatcherType = "auto"
runOnSave = true
enableXsrfProtection = false
[client]
toolbarMode = "developer"
showErrorDetails = "full"
[browser]
gatherUsageStats = true
"""
SETTINGS = {
    "--server.maxUploadSize": "50",
    "--client.toolbarMode": "minimal",
    "--client.showErrorDetails": "none",
    "--server.enableXsrfProtection": "true",
    "--browser.gatherUsageStats": "false",
    "--server.headless": "true",
    "--server.fileWatcherType": "none",
    "--server.runOnSave": "false",
}


def _flags(command: list[str]) -> dict[str, str]:
    return dict(a.split("=", 1) for a in command if a.startswith("--") and "=" in a)


def test_the_serve_command_passes_every_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no .streamlit/config.toml here
    command, env = server_command(tmp_path / "ws", 8600, "127.0.0.1")
    assert command[1:5] == ["-m", "streamlit", "run", str(ROOT / "ui" / "app.py")]
    assert _flags(command).items() >= SETTINGS.items()
    assert env["POLICYLENS_HOME"] == str((tmp_path / "ws").resolve())


async def _new_session(url: str, token: str) -> Config:
    """The app's settings as a browser gets them when it opens a session, and its id."""
    ws_url = url.replace("http", "ws") + "/_stcore/stream"
    headers = {"Cookie": f"_streamlit_xsrf={token}", "Origin": url}
    async with websockets.connect(
        ws_url, subprotocols=["streamlit", token], additional_headers=headers, max_size=None
    ) as ws:
        back = BackMsg()
        back.rerun_script.query_string = ""
        back.rerun_script.page_script_hash = ""
        await ws.send(back.SerializeToString())
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await asyncio.wait_for(ws.recv(), 30))
            if msg.WhichOneof("type") == "new_session":
                config = msg.new_session.config
                _SESSION[url] = msg.new_session.initialize.session_id
                _upload_status(url, token)
                return config


_SESSION: dict[str, str] = {}
_STATUS: dict[str, int] = {}


def _upload_status(url: str, token: str) -> None:
    """Announce a 60 MB upload in the open session; the server answers before the body."""
    port = int(url.rsplit(":", 1)[1])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.putrequest("PUT", f"/_stcore/upload_file/{_SESSION[url]}/f1")
    conn.putheader("Content-Length", str(60 * 1024 * 1024))
    conn.putheader("Content-Type", "multipart/form-data; boundary=x")
    conn.putheader("X-Xsrftoken", token)
    conn.putheader("Cookie", f"_streamlit_xsrf={token}")
    conn.endheaders()
    try:
        _STATUS[url] = conn.getresponse().status
    except TimeoutError:
        _STATUS[url] = 0  # the server waited for the body: the 60 MB were accepted
    finally:
        conn.close()


@pytest.mark.reliability
def test_policylens_app_started_elsewhere_keeps_its_settings(tmp_path: Path) -> None:
    """Started in a folder whose .streamlit/config.toml says otherwise, the app still limits
    uploads to 50 MB, checks XSRF tokens, hides the toolbar and sends no usage statistics."""
    cwd = tmp_path / "elsewhere"
    (cwd / ".streamlit").mkdir(parents=True)
    (cwd / ".streamlit" / "config.toml").write_text(HOSTILE_CONFIG, encoding="utf-8")
    home = tmp_path / "workspace"
    home.mkdir()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    policylens = Path(sys.executable).with_name("policylens")
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    with (tmp_path / "app.log").open("w") as log:
        proc = subprocess.Popen(
            [str(policylens), "app", "--home", str(home), "--port", str(port)],
            cwd=cwd,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_healthy(url, proc, limit=60)
        argv = Path(f"/proc/{proc.pid}/cmdline").read_bytes().decode().split("\0")
        assert _flags(argv).items() >= SETTINGS.items()  # the same process, now the server
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as r:
            cookie = r.headers.get("Set-Cookie") or ""
        assert cookie.startswith("_streamlit_xsrf="), "XSRF protection is off"
        token = cookie.split(";")[0].split("=", 1)[1]
        config = asyncio.run(_new_session(url, token))
        assert Config.ToolbarMode.Name(config.toolbar_mode) == "MINIMAL"
        assert config.gather_usage_stats is False
        assert _STATUS[url] == 413  # 60 MB > 50 MB (the config file there says 500)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("PUT", f"/_stcore/upload_file/{_SESSION[url]}/f2", body=b"")
        assert conn.getresponse().status == 403  # no XSRF token: refused
    finally:
        stop(proc)


# -- item 7: sign-in messages, and a permission on every write ------------------------------------
# The one answer to every refused sign-in, as the Chinese interface words it (issue 18).
SIGN_IN_FAILED = "用户名或密码错误，或账户已被锁定或停用；管理员可以解锁。"


def _sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="login_user").input(username)
    at.text_input(key="login_password").input(password)
    return submit(at, "登录")


def test_sign_in_failures_do_not_tell_which_accounts_exist(hostile_home: Path) -> None:
    with open_store(hostile_home) as store:
        accounts = Accounts(store)
        accounts.add(OPERATOR, "dan", PASSWORD, Role.VIEWER)
        accounts.set_active(OPERATOR, "dan", False)
        accounts.add(OPERATOR, "lou", PASSWORD, Role.VIEWER)
    at = start()
    for _ in range(5):
        _sign_in(at, "lou", "wrong-password-1")
    messages = {
        "unknown": _sign_in(start(), "nobody", PASSWORD).error,
        "wrong": _sign_in(start(), "vic", "wrong-password-1").error,
        "disabled": _sign_in(start(), "dan", PASSWORD).error,
        "locked": _sign_in(at, "lou", PASSWORD).error,  # the right password, while locked
    }
    assert {k: [e.value for e in v] for k, v in messages.items()} == {
        k: [md(SIGN_IN_FAILED)] for k in messages
    }
    with open_store(hostile_home) as store:
        log = Accounts(store).log()
    refused = {
        (r["username"], r["detail"].split(" ")[0]) for r in log if r["event"] == "login_refused"
    }
    assert refused == {("dan", "disabled"), ("lou", "locked")}  # the real reasons are kept
    with open_store(hostile_home) as store, pytest.raises(AuthenticationError):
        Accounts(store).authenticate("lou", PASSWORD)  # and the lock holds


def test_only_reviewers_store_review_findings(tmp_path: Path) -> None:
    store, _, _ = workspace(tmp_path / "ws")
    try:
        for role in (Role.VIEWER, Role.DEPARTMENT):
            user = User("someone", role, "示例省应急管理厅" if role is Role.DEPARTMENT else None)
            with pytest.raises(PermissionDenied, match="may not review"):
                review_document(store, PROVINCIAL, user=user)
            assert store.db.execute("SELECT COUNT(*) FROM review_findings").fetchone()[0] == 0
            assert review_document(store, PROVINCIAL, user=user, save=False).findings
        review_document(store, PROVINCIAL, user=User("rita", Role.REVIEWER))
        assert store.db.execute("SELECT COUNT(*) FROM review_findings").fetchone()[0] > 0
    finally:
        store.close()


# Modules of the knowledge base that change it on a user's behalf.
WRITE_MODULES = (
    "index/accounts.py",
    "index/library/changes.py",
    "index/library/pending.py",
    "index/review/stored_texts.py",
    "index/tasks/attachments.py",
    "index/tasks/evidence.py",
    "index/tasks/ledger.py",
    "index/tasks/plans.py",
    "index/tasks/reports.py",
)
# Public functions that write without a user, and why that is right.
NO_USER = {
    # signing in is how a user becomes known: it counts failures and logs refusals
    "index/accounts.py:Accounts.authenticate",
    # ranks open tasks for a document just ingested (under the ingest's own check); a person
    # must confirm a suggestion (decide_suggestion, checked) before it becomes evidence
    "index/tasks/evidence.py:suggest_evidence",
    "index/tasks/evidence.py:suggest_for_new",
    # deletes the set-up's note of the first password once its admin has set a new one
    # (a file of the workspace, not the knowledge base; the change itself was checked)
    "index/accounts.py:forget_first_password",
}
_SQL_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.I)
_WRITE_CALLS = {
    "transaction",
    "write_bytes",
    "write_text",
    "unlink",
    "rmtree",
    "delete_document",
    "ingest_paths",
}


def _called(node: ast.AST) -> set[str]:
    """Names of the functions and methods ``node`` calls."""
    out = set()
    for call in ast.walk(node):
        if isinstance(call, ast.Call):
            f = call.func
            if isinstance(f, ast.Name):
                out.add(f.id)
            elif isinstance(f, ast.Attribute):
                out.add(f.attr)
    return out


def _writes_directly(node: ast.AST) -> bool:
    for call in ast.walk(node):
        if not isinstance(call, ast.Call):
            continue
        name = getattr(call.func, "attr", getattr(call.func, "id", ""))
        if name in _WRITE_CALLS:
            return True
        if name in ("execute", "executemany") and call.args:
            first = call.args[0]
            text = (
                first.value
                if isinstance(first, ast.Constant) and isinstance(first.value, str)
                else "".join(
                    v.value
                    for v in ast.walk(first)
                    if isinstance(v, ast.Constant) and isinstance(v.value, str)
                )
            )
            if _SQL_WRITE.match(text):
                return True
    return False


def _functions() -> dict[str, ast.FunctionDef]:
    """Every function and method of WRITE_MODULES, as "module:Class.name"."""
    found: dict[str, ast.FunctionDef] = {}
    for module in WRITE_MODULES:
        tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                found[f"{module}:{node.name}"] = node
            elif isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef):
                        found[f"{module}:{node.name}.{item.name}"] = item
    return found


def _closure(functions: dict[str, ast.FunctionDef], base: dict[str, bool]) -> dict[str, bool]:
    """``base`` spread along calls: a function has the property when it calls, by name, a
    function of the same module (or another, when every function of that name has it)."""
    have = dict(base)
    changed = True
    while changed:
        changed = False
        by_name: dict[str, list[bool]] = {}
        for key, value in have.items():
            by_name.setdefault(key.rsplit(".", 1)[-1].split(":")[-1], []).append(value)
        for key, node in functions.items():
            if have[key]:
                continue
            module = key.split(":")[0]
            for name in _called(node):
                local = [
                    have[k]
                    for k in functions
                    if k.split(":")[0] == module and k.rsplit(".", 1)[-1].split(":")[-1] == name
                ]
                if (local and any(local)) or (
                    not local and by_name.get(name) and all(by_name[name])
                ):
                    have[key] = changed = True
                    break
    return have


def test_every_public_write_path_checks_a_permission() -> None:
    functions = _functions()
    writes = _closure(functions, {k: _writes_directly(n) for k, n in functions.items()})
    checks = _closure(functions, {k: "require" in _called(n) for k, n in functions.items()})
    public = [
        k for k in functions if not any(part.startswith("_") for part in k.split(":")[1].split("."))
    ]
    writers = [k for k in public if writes[k]]
    assert "index/review/stored_texts.py:review_document" in writers  # the scan sees writes
    assert "index/tasks/ledger.py:Ledger.update" in writers
    unchecked = sorted(k for k in writers if not checks[k] and k not in NO_USER)
    assert unchecked == [], "public write paths that never call require(user, permission)"
    assert set(writers) >= NO_USER, "an exemption that no longer writes: remove it"
