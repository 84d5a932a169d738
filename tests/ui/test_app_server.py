"""`policylens app` replaces itself with the Streamlit server: a SIGTERM sent to the process
that was started stops the server and frees its port (no browser needed)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.ui.server_support import port_is_free, serving_app


def test_sigterm_to_policylens_app_frees_its_port(tmp_path: Path) -> None:
    with serving_app(tmp_path) as (_, port, proc):
        proc.send_signal(signal.SIGTERM)
        assert port_is_free(port, within=5)
        assert proc.wait(5) is not None


def test_policylens_app_says_where_to_go_in_chinese_and_streamlit_stays_quiet(
    tmp_path: Path,
) -> None:
    """Issue 18: Streamlit's English welcome ("You can now view your Streamlit app", its Local
    and Network URLs) is off; the command prints its own line in the CLI's language."""
    with serving_app(tmp_path, env={"POLICYLENS_LANG": "zh"}) as (url, _, _proc):
        time.sleep(1)  # Streamlit prints its welcome just after the server answers
        log = (tmp_path / "app.log").read_text()
    assert f"PolicyLens 应用正在启动，请在浏览器打开 {url}（按 Ctrl+C 停止）" in log, log
    assert "You can now view" not in log and "URL:" not in log, log
    assert "server started" not in log, log  # Streamlit's info lines are off too


def test_a_port_in_use_is_refused_in_chinese_before_streamlit_starts(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "ui.cli", "app", "--home", str(tmp_path), "--port", str(port)],
            capture_output=True,
            text=True,
            env={**os.environ, "POLICYLENS_LANG": "zh"},
            timeout=60,
        )
    assert done.returncode == 1
    assert f"端口 {port} 已被占用" in done.stderr, done.stderr
    assert "already in use" not in done.stdout + done.stderr
