"""The house's rules on imports: layers one way (ingest ← nlp ← index ← ui), the packages inside
each layer in a fixed order, no private (underscore) module names, no import of another
module's private name across packages."""

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
# Inside a layer, a package may import only the packages before it in its list (and itself).
# A package not listed here (a module such as nlp.text or index.settings) is at the bottom.
PACKAGES = {
    "nlp": ["text", "bodies", "versions", "legal", "plans", "quiz", "review"],
    "index": [
        "settings",
        "store",
        "search",
        "accounts",
        "tasks",
        "library",
        "bulk",
        "review",
        "study",
    ],
}


def _imports(path: Path) -> set[str]:
    return {name.split(".")[0] for name in _modules(path)}


def _modules(path: Path) -> set[str]:
    """Every module (and ``module.name``) imported by absolute imports in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{a.name}" for a in node.names}
    return names


def _package(layer: str, dotted: str) -> str:
    """The package of the layer a module belongs to ("plans" for nlp.plans.notes)."""
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == layer else ""


def test_layers_import_one_way() -> None:
    problems = []
    for rank, layer in enumerate(ORDER):
        higher = set(ORDER[rank + 1 :])
        for path in (ROOT / layer).rglob("*.py"):
            bad = _imports(path) & (higher | FORBIDDEN_IN.get(layer, set()))
            if bad:
                problems.append(f"{path.relative_to(ROOT)} imports {sorted(bad)}")
    assert not problems


def test_packages_inside_a_layer_import_in_order() -> None:
    problems = []
    for layer, order in PACKAGES.items():
        for path in (ROOT / layer).rglob("*.py"):
            rel = path.relative_to(ROOT).with_suffix("")
            mine = _package(layer, ".".join(rel.parts))
            if mine not in order:
                continue
            allowed = set(order[: order.index(mine) + 1])
            for module in _modules(path):
                theirs = _package(layer, module)
                if theirs in order and theirs not in allowed:
                    problems.append(f"{rel} ({mine}) imports {module} ({theirs})")
    assert not problems, "\n".join(sorted(problems))


def test_no_private_modules_and_no_private_names_across_packages() -> None:
    problems = []
    for layer in ORDER:
        for path in (ROOT / layer).rglob("*.py"):
            rel = path.relative_to(ROOT)
            if path.stem.startswith("_") and path.stem not in ("__init__", "__main__"):
                problems.append(f"{rel}: a private module name")
            package = rel.parent.as_posix().replace("/", ".")
            for module in _modules(path):
                owner, _, name = module.rpartition(".")
                if name.startswith("_") and not name.startswith("__") and owner != package:
                    problems.append(f"{rel} imports {module}")
    assert not problems, "\n".join(sorted(problems))


def test_the_check_catches_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "x.py"
    bad.write_text("from index.store import Store\nimport ui.cli\n", encoding="utf-8")
    assert _imports(bad) == {"index", "ui"}
    assert _package("nlp", "nlp.review.findings") == "review"
    assert "index.store._private" in _modules(
        _write(tmp_path / "y.py", "from index.store import _private\n")
    )


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_nlp_api_names_what_exists() -> None:
    import nlp

    assert all(callable(getattr(nlp, name)) for name in nlp.__all__)
