"""Imports point one way: ingest ← nlp ← index ← ui (a lower layer never imports a higher one)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORDER = ["ingest", "nlp", "index", "ui"]
FORBIDDEN_IN = {
    "ingest": {"spacy", "faiss", "sentence_transformers", "streamlit", "sqlite3"},
    "nlp": {"faiss", "streamlit", "sqlite3"},
    "index": {"streamlit"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_layers_import_one_way() -> None:
    problems = []
    for rank, layer in enumerate(ORDER):
        higher = set(ORDER[rank + 1 :])
        for path in (ROOT / layer).rglob("*.py"):
            bad = _imports(path) & (higher | FORBIDDEN_IN.get(layer, set()))
            if bad:
                problems.append(f"{path.relative_to(ROOT)} imports {sorted(bad)}")
    assert not problems


def test_the_check_catches_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "x.py"
    bad.write_text("from index.store.database import Store\nimport ui.cli.main\n", encoding="utf-8")
    assert _imports(bad) == {"index", "ui"}
