"""Does a local rule correspond to the law it is reviewed against? Alignment rates, right and wrong.

Usage::

    python bench/bench_review_basis.py [--split development|held_out|held_out_2|all]

Reads the domains of ``bench/review-domains/`` (an upper law and its local implementing rules
each, ``sources.json`` says which is which). Each local rule is aligned with its own upper law
and with every other domain's upper law by the review's alignment
(``nlp.review.alignment.align_articles``); the rate is the share of local articles aligned to an
upper article. The truth (which pairs belong together) comes from the data's layout, not from
the review. Prints the rates of right and of unrelated pairs per domain, and how many pairs the
review's ``BASIS_MIN`` (``nlp.review.engine``) calls mismatched on each side.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.review_domains import (  # noqa: E402
    DOMAINS,
    HELD_OUT_SPLITS,
    RESERVED,
    SPLITS,
    held_out,
)


def _articles(path: Path) -> list[tuple[str, str]]:
    from ingest import load_document

    document = load_document(path).document
    if document is None:
        return []
    return [(p.number, p.text) for p in document.articles() if p.kind == "article"]


def main() -> None:
    """Align every local rule with each upper law and print the rates."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=SPLITS, default="all")
    args = parser.parse_args()
    from nlp.review.alignment import align_articles
    from nlp.review.engine import BASIS_MIN, alignment_rate
    from nlp.review.findings import Article

    sources = json.loads((DOMAINS / "sources.json").read_text(encoding="utf-8"))
    held = {split: held_out(split) for split in HELD_OUT_SPLITS}
    unseen = set().union(*held.values())
    # The domains of a split not yet run are read only when that split is the one run.
    closed = {d for s in RESERVED if s != args.split for d in held.get(s, ())}
    sources = {k: v for k, v in sources.items() if k.split("/")[0] not in closed}
    uppers = {k.split("/")[0]: k for k, v in sources.items() if v["kind"] != "local"}
    texts = {k: [Article(n, t) for n, t in _articles(DOMAINS / k)] for k in sources}
    wanted = {
        "development": lambda d: d not in unseen,
        "all": lambda d: True,
        **{split: (lambda d, s=split: d in held[s]) for split in HELD_OUT_SPLITS},
    }[args.split]
    right: list[float] = []
    wrong: list[float] = []
    for key, meta in sources.items():
        domain = key.split("/")[0]
        if meta["kind"] != "local" or not wanted(domain) or len(texts[key]) < 5:
            continue
        for other, upper_key in uppers.items():
            pairs, _ = align_articles(texts[key], texts[upper_key])
            rate = alignment_rate(pairs, len(texts[key]))
            (right if other == domain else wrong).append(rate)
            if other == domain:
                print(f"{key[:60]:60} right {rate:.2f}")
    print(f"\n{args.split}: {len(right)} right pairs, {len(wrong)} unrelated pairs")
    for name, rates in (("right", right), ("unrelated", wrong)):
        if rates:
            print(
                f"  {name:9} min {min(rates):.2f} median {statistics.median(rates):.2f} "
                f"max {max(rates):.2f}"
            )
    for cut in (0.15, 0.18, 0.2, 0.22, 0.25, 0.3):
        print(
            f"  at {cut:.2f}: right called mismatched {sum(r < cut for r in right)}/{len(right)}, "
            f"unrelated called mismatched {sum(r < cut for r in wrong)}/{len(wrong)}"
        )
    print(
        f"  BASIS_MIN {BASIS_MIN}: right pairs called mismatched "
        f"{sum(r < BASIS_MIN for r in right)}/{len(right)}, unrelated pairs called mismatched "
        f"{sum(r < BASIS_MIN for r in wrong)}/{len(wrong)}"
    )


if __name__ == "__main__":
    main()
