"""`policylens app` replaces itself with the Streamlit server: a SIGTERM sent to the process
that was started stops the server and frees its port (no browser needed)."""

from __future__ import annotations

import signal
from pathlib import Path

from tests.ui.server_support import port_is_free, serving_app


def test_sigterm_to_policylens_app_frees_its_port(tmp_path: Path) -> None:
    with serving_app(tmp_path) as (_, port, proc):
        proc.send_signal(signal.SIGTERM)
        assert port_is_free(port, within=5)
        assert proc.wait(5) is not None
