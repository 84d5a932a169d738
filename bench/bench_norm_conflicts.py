"""The pair checks on English norm conflicts (../shared/data/norm_conflicts).

Usage::

    python bench/bench_norm_conflicts.py [--pairs 1000] [--seed 0] [--verbose]

``conflicts.csv`` holds 228 hand-written pairs of conflicting norms from English contracts, of four
types (``conf_type``): 1 deontic modality (97), 2 deontic structure (61), 3 deontic object (30), 4
object conditional (40). Each pair goes through ``nlp.review.checks.compare_articles(norm1,
norm2)``, and through ``nlp.review.engine.review_texts`` with one article on each side (which adds
the alignment the review makes before any pair check). A pair counts as found when any finding other
than CHECK_VERBATIM_COPY (a copy is not a conflict) comes back; the codes returned are counted.

The file has no non-conflicting pairs, so precision cannot be measured on it. As a proxy for
false alarms, sentences labelled norm in ``contract_norm_sentences.csv`` are paired two ways and
checked the same way: ``--pairs`` random pairs of two different norms (unrelated: any finding is
a false alarm; the review's alignment would rarely pair them at all), and each of ``--pairs``
random norms with its nearest other norm by shared words (related but written for different
contracts: hard negatives, though a few may truly conflict, so the rate is an upper bound).
Where ../shared is absent the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data" / "norm_conflicts"
TYPES = {
    "1": "deontic modality",
    "2": "deontic structure",
    "3": "deontic object",
    "4": "conditional",
}
NOT_A_CONFLICT = {"CHECK_VERBATIM_COPY"}


def conflict_codes(issues: Sequence) -> list[str]:
    """The codes of the findings that flag a conflict."""
    return [i.code for i in issues if i.code not in NOT_A_CONFLICT]


def read_rows(path: Path) -> list[dict[str, str]]:
    """A CSV file's rows."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def review_pair(a: str, b: str) -> list:
    """Findings of ``nlp.review.engine.review_texts`` with ``a`` as the local and ``b`` as the
    upper."""
    from nlp.review.engine import review_texts

    result = review_texts([("1", a)], [("1", b)], local_date=None, upper_title="")
    return list(result.findings)


def run(args: argparse.Namespace) -> int:
    """Measure and print."""
    if not (DATA / "conflicts.csv").is_file():
        print(f"skipped: {DATA} is not present (../shared/data is only beside the team's repo)")
        return 0
    from nlp.review.checks import compare_articles

    try:
        from nlp.review.alignment import align
    except ImportError:
        align = None
    conflicts = read_rows(DATA / "conflicts.csv")
    print(f"{len(conflicts)} conflicting pairs (conflicts.csv)\n")
    head = f"{'type':<20}{'pairs':>6}{'found':>7}{'recall':>8}{'review':>8}{'R rev':>7}  codes"
    print(head)
    print("-" * (len(head) + 30))
    total = Counter()
    started = time.perf_counter()
    for kind, name in TYPES.items():
        rows = [r for r in conflicts if r["conf_type"] == kind]
        codes: Counter[str] = Counter()
        found = found_review = 0
        for r in rows:
            got = conflict_codes(compare_articles(r["norm1"], r["norm2"]))
            codes.update(set(got))
            found += bool(got)
            found_review += bool(conflict_codes(review_pair(r["norm1"], r["norm2"])))
            if args.verbose and not got:
                print(f"    missed [{name}] {r['norm1'][:70]!r} / {r['norm2'][:70]!r}")
        total.update(pairs=len(rows), found=found, review=found_review)
        top = ", ".join(f"{c.removeprefix('CHECK_')} {n}" for c, n in codes.most_common(4))
        print(
            f"{name:<20}{len(rows):>6}{found:>7}{found / len(rows):>8.2f}"
            f"{found_review:>8}{found_review / len(rows):>7.2f}  {top}"
        )
    n = total["pairs"]
    print(
        f"{'all':<20}{n:>6}{total['found']:>7}{total['found'] / n:>8.2f}"
        f"{total['review']:>8}{total['review'] / n:>7.2f}"
    )
    print(
        f"found: compare_articles returns a conflict finding; review: review_texts on the pair "
        f"(alignment first). {time.perf_counter() - started:.1f} s in all.\n"
        "Precision cannot be measured here: the file holds no non-conflicting pairs."
    )
    false_alarms(args, compare_articles, align)
    return 0


def false_alarms(args: argparse.Namespace, compare_articles, align) -> None:
    """Findings on random pairs of two different norms (a proxy for false alarms)."""
    path = DATA / "contract_norm_sentences.csv"
    if not path.is_file():
        print(f"\n{path.name} is not present: no false-alarm proxy")
        return
    norms = sorted({r["sentence"].strip() for r in read_rows(path) if r["class"] == "1"})
    rng = random.Random(args.seed)
    pairs = []
    while len(pairs) < args.pairs and len(norms) > 1:
        a, b = rng.sample(norms, 2)
        pairs.append((a, b))
    print(
        f"\nfalse-alarm proxy: norms of contract_norm_sentences.csv (class 1, {len(norms)} "
        f"distinct), seed {args.seed}"
    )
    alarms(f"{len(pairs)} random pairs of different norms", pairs, args, compare_articles, align)
    words = [set(re.findall(r"[a-z]{3,}", n.lower())) for n in norms]
    near = []
    for k in rng.sample(range(len(norms)), min(args.pairs, len(norms))):
        best = max(
            (m for m in range(len(norms)) if m != k),
            key=lambda m: len(words[k] & words[m]) / (len(words[k] | words[m]) or 1),
        )
        near.append((norms[k], norms[best]))
    alarms(f"{len(near)} norms with their nearest other norm", near, args, compare_articles, align)


def alarms(title: str, pairs: list[tuple[str, str]], args, compare_articles, align) -> None:
    """Print how many of ``pairs`` get a conflict finding."""
    flagged = aligned = aligned_flagged = 0
    codes: Counter[str] = Counter()
    for a, b in pairs:
        got = conflict_codes(compare_articles(a, b))
        flagged += bool(got)
        codes.update(set(got))
        if align is not None and _aligned(align, a, b):
            aligned += 1
            aligned_flagged += bool(got)
            if args.verbose and got:
                print(f"    alarm {got} {a[:60]!r} / {b[:60]!r}")
    print(f"  {title}: compare_articles flags {flagged} ({flagged / len(pairs):.1%})")
    top = ", ".join(f"{c} {n}" for c, n in codes.most_common())
    if top:
        print(f"    by code: {top}")
    if align is not None:
        rate = f"{aligned_flagged / aligned:.1%}" if aligned else "—"
        print(
            f"    of the {aligned} pairs the review's alignment would pair, {aligned_flagged} "
            f"flagged ({rate})"
        )


def _aligned(align, a: str, b: str) -> bool:
    from nlp.review.findings import Article

    return bool(align([Article("1", a)], [Article("1", b)]))


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000, help="random norm pairs (proxy)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--verbose", action="store_true", help="list misses and alarms")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
