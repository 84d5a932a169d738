"""`policylens setup`, `policylens app` and `policylens users …`: the first admin, the web app,
and accounts."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from ui.cli.common import HomeOption, JsonOption, UserError, emit_json, home_of

users_app = typer.Typer(
    help="Accounts for the app: add, list, disable, enable, set a password.",
    no_args_is_help=True,
)
APP_SCRIPT = Path(__file__).parents[1] / "app.py"


def setup(
    home: HomeOption = None,
    admin: Annotated[str, typer.Option(help="User name of the first admin.")] = "admin",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the first admin's password from stdin.")
    ] = False,
) -> None:
    """Prepare a workspace: the store, and a first admin when there are no accounts yet.

    Without --password-stdin a random password is made, printed once, and kept in
    WORKSPACE/first-admin.txt (readable by you only) until that admin changes it.
    """
    from index import open_store
    from index.accounts import FIRST_ADMIN_NOTE, Accounts

    home = home_of(home)
    password = _stdin_password() if password_stdin else None
    with open_store(home) as store:
        made = Accounts(store).ensure_first_admin(admin, password)
    if made is None:
        note = home / FIRST_ADMIN_NOTE
        hint = f" (the first admin's password is in {note})" if note.exists() else ""
        typer.echo(f"Workspace {home} is ready; it has accounts already{hint}.", err=True)
        return
    username, secret = made
    note = home / FIRST_ADMIN_NOTE
    if not password_stdin:
        note.touch(mode=0o600, exist_ok=True)
        note.chmod(0o600)  # a leftover file keeps its old mode otherwise
        note.write_text(f"user: {username}\npassword: {secret}\n", encoding="utf-8")
        typer.echo(
            f"Created the first admin. Sign in as {username} with password {secret}\n"
            f"(also saved in {note}; change it on the app's My account page).",
            err=True,
        )
    else:
        typer.echo(f"Created the first admin {username}.", err=True)


def server_settings() -> dict[str, str]:
    """The Streamlit settings `policylens app` always passes, whatever the working directory.

    Given on the command line, they win over any .streamlit/config.toml that Streamlit reads
    from the working directory or the home folder. Error details "none": a reader sees a generic
    message and the traceback goes to the server's log ("false" is a deprecated alias of
    "stacktrace", which still shows tracebacks).
    """
    from index.library.changes import MAX_UPLOAD_MB

    return {
        "server.headless": "true",
        "server.maxUploadSize": str(MAX_UPLOAD_MB),
        "server.enableXsrfProtection": "true",
        "server.enableCORS": "true",
        "client.toolbarMode": "minimal",
        "client.showErrorDetails": "none",
        "browser.gatherUsageStats": "false",
        "theme.primaryColor": "#1f5f8b",
    }


def server_command(home: Path, port: int, address: str) -> tuple[list[str], dict[str, str]]:
    """The command line and the environment that start the app on the workspace ``home``: every
    setting of :func:`server_settings` as a ``--section.option`` flag (flags win over config
    files and ``STREAMLIT_*`` variables)."""
    env = dict(os.environ)
    env["POLICYLENS_HOME"] = str(home.resolve())
    env.setdefault("HF_HUB_OFFLINE", "1")
    env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
    settings = server_settings()
    command = [sys.executable, "-m", "streamlit", "run", str(APP_SCRIPT)]
    command += [f"--{key}={value}" for key, value in settings.items()]
    command += [f"--server.port={port}", f"--server.address={address}"]
    return command, env


def serve(
    home: HomeOption = None,
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8501,
    address: Annotated[
        str, typer.Option(help="Address to listen on (0.0.0.0 to serve other machines).")
    ] = "127.0.0.1",
) -> None:
    """Start the web app on the workspace (Streamlit; uploads up to 50 MB, usage statistics
    off, XSRF protection on, no error details in the browser), from any directory."""
    command, env = server_command(home_of(home), port, address)
    typer.echo(f"PolicyLens app on http://{address}:{port}  (Ctrl+C to stop)", err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    # Replace this process: a signal sent to it (SIGTERM from a service manager) reaches the
    # server itself, which then stops and frees its port.
    os.execvpe(command[0], command, env)


@users_app.command("add")
def users_add(
    username: Annotated[str, typer.Argument(help="2-32 lower-case letters, digits, . _ -")],
    role: Annotated[str, typer.Option(help="admin, reviewer, department or viewer.")] = "viewer",
    department: Annotated[
        str | None, typer.Option(help="The department a department user belongs to.")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin.")
    ] = False,
    home: HomeOption = None,
) -> None:
    """Add an account (asks for the password twice unless --password-stdin)."""
    from index import open_store
    from index.accounts import OPERATOR, Accounts, Role

    if role not in {r.value for r in Role}:
        raise UserError(f"--role {role!r}: use one of {', '.join(r.value for r in Role)}")
    password = (
        _stdin_password()
        if password_stdin
        else typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    )
    with open_store(home_of(home)) as store:
        user = Accounts(store).add(OPERATOR, username, password, role, department)
    where = f" in {user.department}" if user.department else ""
    typer.echo(f"Added {user.username} ({user.role}{where}).", err=True)


@users_app.command("list")
def users_list(home: HomeOption = None, as_json: JsonOption = False) -> None:
    """List accounts: role, department, active, last sign-in."""
    from index import open_store
    from index.accounts import Accounts

    with open_store(home_of(home)) as store:
        rows = Accounts(store).list()
    if as_json:
        emit_json([{**r, "active": bool(r["active"])} for r in rows])
        return
    if not rows:
        typer.echo("No accounts; run `policylens setup` to create the first admin.", err=True)
        return
    for r in rows:
        state = "active" if r["active"] else "disabled"
        typer.echo(
            f"{r['username']:<20} {r['role']:<11} {r['department'] or '-':<24} {state:<9} "
            f"last sign-in {r['last_login'] or 'never'}"
        )


@users_app.command("disable")
def users_disable(username: str, home: HomeOption = None) -> None:
    """Disable an account (it can no longer sign in; its history stays)."""
    _set_active(home, username, False)


@users_app.command("enable")
def users_enable(username: str, home: HomeOption = None) -> None:
    """Enable a disabled or locked account again."""
    _set_active(home, username, True)


@users_app.command("passwd")
def users_passwd(
    username: str,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin.")
    ] = False,
    home: HomeOption = None,
) -> None:
    """Set an account's password."""
    from index import open_store
    from index.accounts import OPERATOR, Accounts, forget_first_password

    password = (
        _stdin_password()
        if password_stdin
        else typer.prompt("New password", hide_input=True, confirmation_prompt=True)
    )
    with open_store(home_of(home)) as store:
        Accounts(store).set_password(OPERATOR, username, password)
    forget_first_password(home_of(home), username)
    typer.echo(f"Password of {username} changed.", err=True)


def _set_active(home: Path | None, username: str, active: bool) -> None:
    from index import open_store
    from index.accounts import OPERATOR, Accounts

    with open_store(home_of(home)) as store:
        Accounts(store).set_active(OPERATOR, username, active)
    typer.echo(f"{username} {'enabled' if active else 'disabled'}.", err=True)


def _stdin_password() -> str:
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise UserError("no password on stdin")
    return line


def register(app: typer.Typer) -> None:
    """Add these commands to the `policylens` command."""
    app.command("setup")(setup)
    app.command("app")(serve)
    app.add_typer(users_app, name="users")
