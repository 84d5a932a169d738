"""Collective names in plan texts: spaCy's PhraseMatcher (used) against a plain substring scan.

Usage::

    python bench/bench_gazetteer.py [--repeat 5]

Runs both finders over every line of the plan texts under ``bench/`` and ``corpus/``, prints
whether they find the same spans, the time of each (best of ``--repeat``, the matcher's one-off
build timed apart) and the ratio. The substring scan is written here, as the baseline: the
library keeps one finder.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _texts() -> list[str]:
    lines: list[str] = []
    for folder in (
        "bench/plans-real/texts",
        "bench/plans-illustrative/texts",
        "bench/plans",
        "bench/plans2",
        "corpus",
    ):
        for path in sorted((ROOT / folder).glob("*")):
            if path.suffix in (".txt", ".md"):
                lines += [t for t in path.read_text(encoding="utf-8").splitlines() if t.strip()]
    return lines


def _scan(forms: list[str], text: str) -> list[tuple[int, int]]:
    """Every occurrence of each form: the baseline (str.find over the list)."""
    out = []
    for form in forms:
        start = text.find(form)
        while start >= 0:
            out.append((start, start + len(form)))
            start = text.find(form, start + 1)
    return out


def main() -> None:
    """Compare the two finders and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from nlp.bodies.gazetteer import Gazetteer
    from nlp.bodies.phrases import PhraseSpans

    gazetteer = Gazetteer.default()
    forms = [form for form, _ in gazetteer._collectives]
    began = time.perf_counter()
    matcher = PhraseSpans(forms)
    build = time.perf_counter() - began
    lines = _texts()
    best = {"spaCy PhraseMatcher": float("inf"), "substring scan": float("inf")}
    found: dict[str, list[list[tuple[int, int]]]] = {}
    for _ in range(args.repeat):
        for name, find in (
            ("spaCy PhraseMatcher", matcher.spans),
            ("substring scan", lambda t: _scan(forms, t)),
        ):
            began = time.perf_counter()
            found[name] = [sorted(set(find(t))) for t in lines]
            best[name] = min(best[name], time.perf_counter() - began)
    a, b = found.values()
    same = sum(x == y for x, y in zip(a, b, strict=True))
    english = sum(
        x != y and not any("\u4e00" <= c <= "\u9fff" for c in t)
        for x, y, t in zip(a, b, lines, strict=True)
    )
    print(
        f"{len(lines)} lines, {len(forms)} collective names; spans equal on {same} lines "
        f"({len(lines) - same} differ, {english} of them English, where the matcher keeps "
        "to whole words)"
    )
    for name, seconds in best.items():
        print(f"  {name:20} {seconds * 1000:8.1f} ms  ({len(lines) / seconds:,.0f} lines/s)")
    print(f"  PhraseMatcher build (once per process, spaCy import included): {build:.2f} s")
    ratio = best["spaCy PhraseMatcher"] / best["substring scan"]
    print(f"  ratio spaCy / scan: {ratio:.2f}")


if __name__ == "__main__":
    main()
