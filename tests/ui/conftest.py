"""Fixtures shared by the app's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.browser_support import screenshot_folder


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where a browser test module writes its screenshots ($POLICYLENS_SCREENSHOTS, else a
    temporary folder)."""
    return screenshot_folder(tmp_path_factory)
