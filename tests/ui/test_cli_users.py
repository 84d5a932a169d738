"""`policylens setup` and `policylens users …` as an operator runs them (real subprocesses):
messages, exit codes, the first admin's password file and the JSON listing."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from index import open_store
from index.accounts import OPERATOR, Accounts, AuthenticationError, Role

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct-horse-1"
LIST_KEYS = {"username", "role", "department", "active", "created_at", "last_login", "locked_until"}


def run(*args: str, home: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    # These tests read the English messages (POLICYLENS_LANG=en); the Chinese runs, the
    # default, are checked word by word in tests/ui/test_cli_language.py.
    env = {**os.environ, "POLICYLENS_HOME": str(home), "POLICYLENS_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-c", "from ui.cli.main import main; main()", *args],
        capture_output=True,
        text=True,
        input=stdin if stdin is not None else "",
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def run_all(
    *calls: tuple[tuple[str, ...], Path, str | None],
) -> list[subprocess.CompletedProcess[str]]:
    """Several independent commands at once (each start costs half a second)."""
    with ThreadPoolExecutor(len(calls)) as pool:
        futures = [pool.submit(run, *args, home=home, stdin=stdin) for args, home, stdin in calls]
        return [f.result() for f in futures]


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    return done.stderr.strip()


def error(done: subprocess.CompletedProcess[str]) -> str:
    """The one-line error of a failed command."""
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def listed(home: Path) -> dict[str, dict[str, object]]:
    done = run("users", "list", "--json", home=home)
    assert done.returncode == 0, done.stderr
    return {row["username"]: row for row in json.loads(done.stdout)}


def sign_in(home: Path, name: str, password: str) -> Role:
    with open_store(home) as store:
        return Accounts(store).authenticate(name, password).role


def add_here(home: Path, name: str, role: Role = Role.VIEWER) -> None:
    """Add an account in process, where the command itself is not under test."""
    with open_store(home) as store:
        Accounts(store).add(OPERATOR, name, PASSWORD, role)


def names(home: Path) -> list[str]:
    with open_store(home) as store:
        return [str(r["username"]) for r in Accounts(store).list()]


@pytest.fixture()
def admin_home(home: Path) -> Path:
    """A workspace whose first admin is 'admin' with PASSWORD (made in process)."""
    with open_store(home) as store:
        assert Accounts(store).ensure_first_admin("admin", PASSWORD) == ("admin", PASSWORD)
    return home


def test_setup_prints_the_password_once_and_keeps_it_private(home: Path) -> None:
    done = run("setup", home=home)
    message = ok(done)
    assert done.stdout == ""
    note = home / "first-admin.txt"
    user_line, password_line = note.read_text(encoding="utf-8").splitlines()
    assert user_line == "user: admin"
    secret = password_line.removeprefix("password: ")
    assert len(secret) >= 10 and secret != password_line
    assert message.count(secret) == 1
    assert message.startswith(f"Created the first admin. Sign in as admin with password {secret}")
    assert str(note) in message
    assert stat.S_IMODE(note.stat().st_mode) == 0o600
    assert sign_in(home, "admin", secret) is Role.ADMIN
    again = run("setup", home=home)
    assert ok(again) == (
        f"Workspace {home} is ready; it has accounts already "
        f"(the first admin's password is in {note})."
    )
    assert secret not in again.stderr + again.stdout
    assert names(home) == ["admin"]
    assert sign_in(home, "admin", secret) is Role.ADMIN  # the second run changed nothing


def test_setup_with_a_password_from_stdin(home: Path) -> None:
    done, empty = run_all(
        (("setup", "--admin", "chief", "--password-stdin"), home, PASSWORD + "\n"),
        (("setup", "--password-stdin"), home.parent / "other", ""),
    )
    assert ok(done) == "Created the first admin chief."
    assert PASSWORD not in done.stdout + done.stderr
    assert not (home / "first-admin.txt").exists()
    assert sign_in(home, "chief", PASSWORD) is Role.ADMIN
    assert error(empty) == "Error: no password on stdin"
    assert not (home.parent / "other").exists()  # refused before anything was written


def test_setup_never_leaves_the_password_readable_by_others(home: Path) -> None:
    home.mkdir(parents=True)
    note = home / "first-admin.txt"
    note.write_text("left over from an earlier workspace\n", encoding="utf-8")
    note.chmod(0o644)
    ok(run("setup", home=home))
    assert stat.S_IMODE(note.stat().st_mode) == 0o600


def test_users_add_and_list(admin_home: Path) -> None:
    li, zhang = run_all(
        (("users", "add", "li", "--role", "reviewer", "--password-stdin"), admin_home, PASSWORD),
        (
            (
                "users",
                "add",
                "zhang",
                "--role",
                "department",
                "--department",
                "安监科",
                "--password-stdin",
            ),
            admin_home,
            PASSWORD,
        ),
    )
    assert ok(li) == "Added li (reviewer)."
    assert ok(zhang) == "Added zhang (department in 安监科)."
    assert sign_in(admin_home, "li", PASSWORD) is Role.REVIEWER
    as_json, as_table = run_all(
        (("users", "list", "--json"), admin_home, None), (("users", "list"), admin_home, None)
    )
    assert ok(as_json) == ""
    rows = {row["username"]: row for row in json.loads(as_json.stdout)}
    assert list(rows) == ["admin", "li", "zhang"]
    for row in rows.values():
        assert set(row) == LIST_KEYS  # never a password hash
        assert row["active"] is True and row["locked_until"] is None
    assert (rows["zhang"]["role"], rows["zhang"]["department"]) == ("department", "安监科")
    assert (rows["li"]["role"], rows["li"]["department"]) == ("reviewer", None)
    assert rows["li"]["last_login"] is not None and rows["zhang"]["last_login"] is None
    table = as_table.stdout.splitlines()
    assert [line.split()[:4] for line in table] == [
        ["admin", "admin", "-", "active"],
        ["li", "reviewer", "-", "active"],
        ["zhang", "department", "安监科", "active"],
    ]
    assert table[2].endswith("last sign-in never")


def test_users_add_errors(admin_home: Path) -> None:
    add_here(admin_home, "li")
    duplicate, role, short, nodept = run_all(
        (("users", "add", "li", "--password-stdin"), admin_home, PASSWORD),
        (("users", "add", "bo", "--role", "boss", "--password-stdin"), admin_home, PASSWORD),
        (("users", "add", "bo", "--password-stdin"), admin_home, "short\n"),
        (("users", "add", "bo", "--role", "department", "--password-stdin"), admin_home, PASSWORD),
    )
    assert error(duplicate) == "Error: user 'li' exists already"
    assert error(role) == "Error: --role 'boss': use one of admin, reviewer, department, viewer"
    assert error(short) == "Error: a password needs at least 10 characters"
    assert error(nodept) == "Error: a department user needs a department"
    assert names(admin_home) == ["admin", "li"]


def test_disable_enable_and_the_last_admin(admin_home: Path) -> None:
    add_here(admin_home, "li")
    assert ok(run("users", "disable", "li", home=admin_home)) == "li disabled."
    assert listed(admin_home)["li"]["active"] is False
    with pytest.raises(AuthenticationError, match="disabled"):
        sign_in(admin_home, "li", PASSWORD)
    enable, last, nobody = run_all(
        (("users", "enable", "li"), admin_home, None),
        (("users", "disable", "admin"), admin_home, None),
        (("users", "enable", "nobody"), admin_home, None),
    )
    assert ok(enable) == "li enabled."
    assert sign_in(admin_home, "li", PASSWORD) is Role.VIEWER
    assert error(last) == "Error: admin is the last active admin; add another admin first"
    assert sign_in(admin_home, "admin", PASSWORD) is Role.ADMIN  # still active
    assert error(nobody) == "Error: no user 'nobody'; see `policylens users list`"


def test_passwd(admin_home: Path) -> None:
    add_here(admin_home, "li")
    new = "battery-staple-2"
    done, short, nobody = run_all(
        (("users", "passwd", "li", "--password-stdin"), admin_home, new + "\n"),
        (("users", "passwd", "li", "--password-stdin"), admin_home, "short\n"),
        (("users", "passwd", "nobody", "--password-stdin"), admin_home, new + "\n"),
    )
    assert ok(done) == "Password of li changed."
    assert error(short) == "Error: a password needs at least 10 characters"
    assert error(nobody) == "Error: no user 'nobody'; see `policylens users list`"
    assert sign_in(admin_home, "li", new) is Role.VIEWER
    with pytest.raises(AuthenticationError):
        sign_in(admin_home, "li", PASSWORD)
    assert sign_in(admin_home, "admin", PASSWORD) is Role.ADMIN  # nobody else's changed
