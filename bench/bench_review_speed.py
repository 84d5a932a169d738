"""Seconds to review a ~70-article local regulation against 安全生产法 (2021), end to end.

Usage::

    python bench/bench_review_speed.py [--local 上海市安全生产条例] [--repeat 5]

The local text (default 上海市安全生产条例, 73 articles) and 安全生产法 (2021, 119 articles) are
taken from ../shared/data/lawrefbook_safety. Printed, best of ``--repeat`` runs each:

- baseline: reading and parsing the two Markdown files with ``ingest.load_document`` (what any
  review of files costs before the first check), and reading their articles from
  ``articles.jsonl``;
- the review: ``nlp.review.engine.review_texts`` on the two article lists, with the share of each
  stage where the review reports stage timings (``timings`` of its result); the review's caches
  are cleared before each run, so each is the review of texts never read before;
- both together, against the requirement of at most 10 s for a 70-article rule.

Where ../shared is absent the script says so and exits with status 0.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.lawref import LAWREF, load_texts  # noqa: E402
from bench.timing import best_of  # noqa: E402

UPPER = "中华人民共和国安全生产法"
LIMIT_S = 10.0


def run(args: argparse.Namespace) -> int:
    """Time and print."""
    if not (LAWREF / "articles.jsonl").is_file():
        print(f"skipped: {LAWREF} is not present (../shared/data is only beside the team's repo)")
        return 0
    from ingest import load_document
    from nlp.review.checks import clear_caches
    from nlp.review.engine import review_texts

    texts = load_texts()
    local = next((t for t in texts if t.kind == "local_regulation" and args.local in t.title), None)
    upper = max((t for t in texts if t.title == UPPER), key=lambda t: t.date, default=None)
    if local is None or upper is None:
        print(f"no local text titled {args.local!r} or no {UPPER} in {LAWREF}")
        return 1
    files = [LAWREF / "docs" / t.kind / Path(t.path).name for t in (local, upper)]

    def parse() -> None:
        for f in files:
            load_document(f)

    def read_rows() -> None:
        load_texts()

    stages: dict[str, list[float]] = defaultdict(list)

    def reviewed() -> None:
        clear_caches()  # a cold review: nothing of these texts read before
        result = review_texts(
            list(local.articles),
            list(upper.articles),
            local_date=local.date,
            upper_title=upper.title,
        )
        for name, seconds in result.timings.items():
            stages[name].append(seconds)

    t_parse = best_of(parse, args.repeat)
    t_rows = best_of(read_rows, args.repeat)
    started = time.perf_counter()
    reviewed()
    first = time.perf_counter() - started
    t_review = best_of(reviewed, args.repeat)
    print(
        f"{local.name} ({len(local.articles)} articles) against {upper.name} "
        f"({len(upper.articles)} articles), best of {args.repeat}:"
    )
    print(f"  {'baseline: parse both Markdown files (ingest)':<52}{t_parse:>8.3f} s")
    print(f"  {'baseline: read all 73 texts from articles.jsonl':<52}{t_rows:>8.3f} s")
    print(f"  {'review_texts, first call (imports, caches)':<52}{first:>8.3f} s")
    print(f"  {'review_texts':<52}{t_review:>8.3f} s")
    total = sum(min(v) for v in stages.values())
    for name, values in stages.items():
        best = min(values)
        share = best / total if total else 0.0
        print(f"    {name:<50}{best:>8.3f} s  {share:>4.0%}")
    end_to_end = t_parse + t_review
    verdict = "within" if end_to_end <= LIMIT_S else "OVER"
    print(f"  {'parse + review':<52}{end_to_end:>8.3f} s  ({verdict} the {LIMIT_S:.0f} s budget)")
    if stages:
        mean = statistics.mean(sum(v) for v in zip(*stages.values(), strict=False))
        print(f"  (staged time per review, mean over the runs: {mean:.3f} s)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--local", default="上海市安全生产条例", help="title (or part) of the rule")
    parser.add_argument("--repeat", type=int, default=5)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
