"""Every download button of the app survives a second quick click (issue 18: the fifth and sixth
walks' second download on 通报 failed with ``MediaFileStorageError``). The buttons are made by
``ui.views.downloads.download``, which keeps one key and does not rerun the page on a click;
a ``download_button`` called anywhere else would bring the failure back."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAKER = ROOT / "ui" / "views" / "downloads.py"


def _calls(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "download_button"
    ]


def test_every_download_button_is_made_by_the_one_maker() -> None:
    elsewhere = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "ui").rglob("*.py"))
        if path != MAKER and (lines := _calls(path))
    }
    assert not elsewhere, elsewhere
    assert _calls(MAKER), "the maker itself makes the button"
