"""`policylens` commands run on a bench's own workspace, as a user would type them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_cli(home: Path, *args: str, env: dict[str, str], stdin: str | None = None) -> None:
    """``policylens ARGS --home HOME``; its output is dropped, a failure raises."""
    subprocess.run(
        [sys.executable, "-m", "ui.cli", *args, "--home", str(home)],
        input=stdin,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
