"""The client side of ``tests.integration.app_server``: one server process, asked by JSON lines.
Shared by the several-servers test and ``bench/bench_index_update.py --servers``."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
ANSWER_SECONDS = 120.0


class ServerError(RuntimeError):
    """The server answered a request with a failure, or gave no answer in time."""


class ServerProcess:
    """One app server process on the store at ``url``, with its own folder ``home``.

    Attributes:
        name: what messages call it ("a", "b").
        pid: the server's process id, as it says itself.
    """

    def __init__(
        self, name: str, home: Path, url: str, env: Mapping[str, str] | None = None
    ) -> None:
        self.name = name
        environment = {
            **os.environ,
            "POLICYLENS_HOME": str(home),
            "POLICYLENS_DATABASE_URL": url,
            "PYTHONPATH": str(ROOT),
            **(env or {}),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.integration.app_server"],
            cwd=ROOT,
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
        )
        self._answers: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.pid = self.ask("hello")["pid"]

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._answers.put(line)

    def ask(self, op: str, **fields: Any) -> dict[str, Any]:
        """Send one request and return its answer.

        Raises:
            ServerError: when the server answers with a failure or not within the time allowed.
        """
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"op": op, **fields}, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        try:
            answer = json.loads(self._answers.get(timeout=ANSWER_SECONDS))
        except queue.Empty:
            raise ServerError(
                f"server {self.name} gave no answer to {op} in {ANSWER_SECONDS:.0f} s"
            ) from None
        if not answer.pop("ok"):
            raise ServerError(f"server {self.name}, {op}: {answer['error']}")
        return answer

    def kill(self) -> None:
        """Stop the process at once, as a crash or a pulled plug would."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)

    def close(self) -> None:
        """Let the process end (stdin closed), killing it if it does not within 30 s."""
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()
