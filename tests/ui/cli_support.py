"""Running the `policylens` command as a subprocess in tests: one call, several at once, and
reading its one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, home: Path, lang: str | None = "en") -> subprocess.CompletedProcess[str]:
    """`policylens ARGS` on the workspace ``home``, in the language ``lang`` (None: the
    default, Chinese).

    Most tests read the English messages (POLICYLENS_LANG=en); Chinese runs are checked word
    by word in tests/ui/test_cli_language.py.
    """
    env = {k: v for k, v in os.environ.items() if k != "POLICYLENS_LANG"}
    env["POLICYLENS_HOME"] = str(home)
    if lang:
        env["POLICYLENS_LANG"] = lang
    return subprocess.run(
        [sys.executable, "-c", "from ui.cli.main import main; main()", *args],
        capture_output=True,
        text=True,
        input="",
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def run_all(
    home: Path, *calls: tuple[str, ...], lang: str | None = "en"
) -> list[subprocess.CompletedProcess[str]]:
    """Several independent commands at once (each start costs over half a second)."""
    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(lambda args: run(*args, home=home, lang=lang), calls))


def ok(done: subprocess.CompletedProcess[str]) -> str:
    """The stderr of a command that must have succeeded."""
    assert done.returncode == 0, done.stderr
    return done.stderr.strip()


def error(done: subprocess.CompletedProcess[str]) -> str:
    """The one-line error of a failed command."""
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]
