"""Documents/s for the 73 LawRefBook Markdown texts: parse alone, sandboxed, and into the store.

Usage: python bench/bench_ingest.py [DOCS_FOLDER]   (default ../shared/data/lawrefbook_safety/docs)
Prints one table; the baseline is reading and decoding the same files (the floor of any ingest).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.timing import best_of  # noqa: E402
from index import ingest_paths, open_store  # noqa: E402
from ingest import load_corpus  # noqa: E402
from ingest.corpus import iter_files  # noqa: E402


def main() -> None:
    """Run the benchmark and print the table."""
    folder = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else ROOT.parent / "shared" / "data" / "lawrefbook_safety" / "docs"
    )
    if not folder.is_dir():
        sys.exit(f"no such folder: {folder} (needs ../shared/data)")
    files = list(iter_files([folder]))
    chars = sum(len(f.read_text(encoding="utf-8")) for f in files)

    def bare() -> None:
        for f in files:
            f.read_bytes().decode("utf-8").splitlines()

    def parse() -> None:
        for _ in load_corpus([folder], sandbox=False):
            pass

    def sandboxed() -> None:
        for _ in load_corpus([folder], sandbox=True):
            pass

    def stored() -> None:
        with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp)) as store:
            ingest_paths(store, [folder], sandbox=True)

    rows = [
        ("read + decode (baseline)", best_of(bare)),
        ("parse (in process)", best_of(parse)),
        ("parse (sandboxed worker)", best_of(sandboxed)),
        ("ingest into SQLite (CLI path)", best_of(stored)),
    ]
    print(f"{len(files)} Markdown files, {chars:,} characters, best of 3 runs")
    print(f"{'step':32} {'seconds':>8} {'docs/s':>8} {'chars/s':>12}")
    for name, secs in rows:
        print(f"{name:32} {secs:8.3f} {len(files) / secs:8.1f} {chars / secs:12,.0f}")


if __name__ == "__main__":
    main()
