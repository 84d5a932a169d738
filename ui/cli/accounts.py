"""`policylens setup`, `policylens app` and `policylens users …`: the first admin, the web app,
and accounts."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from ui.cli.common import (
    HomeOption,
    JsonOption,
    UserError,
    emit_json,
    home_of,
    named,
    say,
    stored_word,
)

users_app = typer.Typer(
    help=say("cli.users"),
    no_args_is_help=True,
)
APP_SCRIPT = Path(__file__).parents[1] / "app.py"


def setup(
    home: HomeOption = None,
    admin: Annotated[str, typer.Option(help=say("cli.setup.admin"))] = "admin",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help=say("cli.setup.password_stdin"))
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
        if note.exists():
            typer.echo(say("cli.setup.ready_note", home=home, note=note), err=True)
        else:
            typer.echo(say("cli.setup.ready", home=home), err=True)
        return
    username, secret = made
    note = home / FIRST_ADMIN_NOTE
    if not password_stdin:
        note.touch(mode=0o600, exist_ok=True)
        note.chmod(0o600)  # a leftover file keeps its old mode otherwise
        # A fixed format that scripts read (the same in both languages).
        note.write_text(f"user: {username}\npassword: {secret}\n", encoding="utf-8")
        typer.echo(say("cli.setup.made", username=username, secret=secret, note=note), err=True)
    else:
        typer.echo(say("cli.setup.made_named", username=username), err=True)


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
        # A served app never watches its own source: an edit or a package upgrade on the
        # server would otherwise put Streamlit's English "Source file changed / Rerun" bar
        # in front of every open session.
        "server.fileWatcherType": "none",
        "server.runOnSave": "false",
        "server.maxUploadSize": str(MAX_UPLOAD_MB),
        "server.enableXsrfProtection": "true",
        "server.enableCORS": "true",
        "client.toolbarMode": "minimal",
        "client.showErrorDetails": "none",
        "browser.gatherUsageStats": "false",
        # Streamlit's own English welcome and URLs, and its info lines ("Uvicorn server
        # started on …"); `policylens app` says where to go instead. Warnings and errors stay.
        "logger.hideWelcomeMessage": "true",
        "logger.level": "warning",
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
    port: Annotated[int, typer.Option(help=say("cli.app.port"))] = 8501,
    address: Annotated[str, typer.Option(help=say("cli.app.address"))] = "127.0.0.1",
) -> None:
    """Start the web app on the workspace (Streamlit; uploads up to 50 MB, usage statistics
    off, XSRF protection on, no error details in the browser), from any directory."""
    command, env = server_command(home_of(home), port, address)
    if not _port_free(address, port):  # Streamlit would say so in English, then stop
        raise UserError(say("cli.app.port_taken", port=port))
    # A wildcard address serves every interface; this machine reaches it on 127.0.0.1.
    shown = "127.0.0.1" if address in ("0.0.0.0", "::", "") else address
    typer.echo(say("cli.app.started", url=f"http://{shown}:{port}"), err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    # Replace this process: a signal sent to it (SIGTERM from a service manager) reaches the
    # server itself, which then stops and frees its port.
    os.execvpe(command[0], command, env)


def _port_free(address: str, port: int) -> bool:
    """Whether a server could listen on ``address``:``port`` now (as Streamlit binds, with
    connections in TIME_WAIT not counting)."""
    import socket

    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((address, port))
        except OSError:
            return False
    return True


@users_app.command("add", help=say("cli.users.add"))
def users_add(
    username: Annotated[
        str, typer.Argument(metavar=say("cli.metavar.username"), help=say("cli.users.new_name"))
    ],
    role: Annotated[str, typer.Option(help=say("cli.users.role"))] = say("role.viewer"),
    department: Annotated[str | None, typer.Option(help=say("cli.users.department"))] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help=say("cli.users.password_stdin"))
    ] = False,
    home: HomeOption = None,
) -> None:
    """Add an account (asks for the password twice unless --password-stdin)."""
    from index import open_store
    from index.accounts import OPERATOR, Accounts, Role

    # by code or by name (查阅用户), as the help names them
    role = stored_word("--role", role, {r.value: f"role.{r.value}" for r in Role})
    password = (
        _stdin_password()
        if password_stdin
        else typer.prompt(
            say("cli.users.password"),
            hide_input=True,
            confirmation_prompt=say("cli.click.repeat"),
        )
    )
    with open_store(home_of(home)) as store:
        user = Accounts(store).add(OPERATOR, username, password, role, department)
    role_name = named("role", user.role)
    if user.department:
        added = say(
            "cli.users.added_in",
            username=user.username,
            role=role_name,
            department=user.department,
        )
    else:
        added = say("cli.users.added", username=user.username, role=role_name)
    typer.echo(added, err=True)


@users_app.command("list", help=say("cli.users.list"))
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
        typer.echo(say("cli.users.none"), err=True)
        return
    for r in rows:
        state = say("cli.users.active" if r["active"] else "cli.users.disabled")
        last = say("cli.users.last_login", when=r["last_login"] or say("cli.users.never"))
        typer.echo(
            f"{r['username']:<20} {named('role', r['role']):<11} "
            f"{r['department'] or '-':<24} {state:<9} {last}"
        )


UsernameArgument = Annotated[
    str, typer.Argument(metavar=say("cli.metavar.username"), help=say("cli.users.username"))
]


@users_app.command("disable", help=say("cli.users.disable"))
def users_disable(username: UsernameArgument, home: HomeOption = None) -> None:
    """Disable an account (it can no longer sign in; its history stays)."""
    _set_active(home, username, False)


@users_app.command("enable", help=say("cli.users.enable"))
def users_enable(username: UsernameArgument, home: HomeOption = None) -> None:
    """Enable a disabled or locked account again."""
    _set_active(home, username, True)


@users_app.command("passwd", help=say("cli.users.passwd"))
def users_passwd(
    username: UsernameArgument,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help=say("cli.users.password_stdin"))
    ] = False,
    home: HomeOption = None,
) -> None:
    """Set an account's password."""
    from index import open_store
    from index.accounts import OPERATOR, Accounts, forget_first_password

    password = (
        _stdin_password()
        if password_stdin
        else typer.prompt(
            say("cli.users.new_password"),
            hide_input=True,
            confirmation_prompt=say("cli.click.repeat"),
        )
    )
    with open_store(home_of(home)) as store:
        Accounts(store).set_password(OPERATOR, username, password)
    forget_first_password(home_of(home), username)
    typer.echo(say("cli.users.changed", username=username), err=True)


def _set_active(home: Path | None, username: str, active: bool) -> None:
    from index import open_store
    from index.accounts import OPERATOR, Accounts

    with open_store(home_of(home)) as store:
        Accounts(store).set_active(OPERATOR, username, active)
    done = "cli.users.now_enabled" if active else "cli.users.now_disabled"
    typer.echo(say(done, username=username), err=True)


def _stdin_password() -> str:
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise UserError(say("cli.users.no_password"))
    return line


def register(app: typer.Typer) -> None:
    """Add these commands to the `policylens` command."""
    app.command("setup", help=say("cli.setup"))(setup)
    app.command("app", help=say("cli.app_command"))(serve)
    app.add_typer(users_app, name="users")
