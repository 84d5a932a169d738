"""Running `policylens app` as a subprocess in tests: serving a workspace on a free port until
the test is done (stopped, or killed when it does not stop), and checking that a port is free."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.browser import free_port, wait_healthy

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def serving_app(
    home: Path, env: dict[str, str] | None = None
) -> Iterator[tuple[str, int, subprocess.Popen]]:
    """`python -m ui.cli app` on the workspace ``home`` (also its $POLICYLENS_HOME) and a free
    port, once it answers its health check; stopped on leaving. Its output goes to
    HOME/app.log.

    Yields:
        The app's URL, its port and its process.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with (home / "app.log").open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "ui.cli", "app", "--home", str(home), "--port", str(port)],
            cwd=ROOT,
            env={**os.environ, "POLICYLENS_HOME": str(home), **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            try:
                wait_healthy(url, proc, limit=60)
            except RuntimeError as exc:
                raise RuntimeError(f"{exc}\n{(home / 'app.log').read_text()}") from None
            yield url, port, proc
        finally:
            stop(proc)


def stop(proc: subprocess.Popen, timeout: float = 10) -> None:
    """Terminate ``proc`` and wait for it; kill it if it has not stopped within ``timeout``."""
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout)


def port_is_free(port: int, within: float = 5) -> bool:
    """Whether nothing listens on 127.0.0.1:``port`` any more, waiting up to ``within`` s."""
    deadline = time.monotonic() + within
    while True:
        if _refused(port) and _bindable(port):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)


def _refused(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        try:
            s.connect(("127.0.0.1", port))
        except OSError:
            return True
    return False


def _bindable(port: int) -> bool:
    with socket.socket() as s:
        # as the server binds: connections it closed may linger in TIME_WAIT
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True
