"""Driving the app in Debian's headless Chromium: the flags this closed network needs, a free
port, and waiting for the app to answer. Shared by bench/bench_app.py and the browser test."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps dialling out of this closed network.
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, proc: subprocess.Popen, limit: float = 120) -> None:
    """Block until the Streamlit app at ``url`` answers its health check.

    Raises:
        RuntimeError: when the app exits or does not answer within ``limit`` seconds.
    """
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    return
        except OSError:
            pass
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited during start-up (code {proc.returncode})")
        time.sleep(0.05)
    raise RuntimeError(f"the app did not answer within {limit:.0f} s")


def settled(page) -> None:
    """Wait until the script run that a click or a key started has finished."""
    page.wait_for_timeout(300)
    page.locator("[data-testid='stStatusWidget']").wait_for(state="detached")
