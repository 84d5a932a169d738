"""The consistency review on the nine review domains: real findings, and planted conflicts.

Usage::

    python bench/bench_review_domains.py --split development [--findings out.json]
    python bench/bench_review_domains.py --split development --planted [--seed 0]
    python bench/bench_review_domains.py --split development --speed

Without ``--planted``: every local rule of the split (``bench/review-domains/SPLIT.json``) is
reviewed against its upper law; prints the findings per code and severity, the time per text,
and writes every finding (with both articles) to ``--findings`` for reading by hand. It also
counts the renamed-authority findings per text and old name, and reviews each local rule
against an unrelated law (the next domain's upper law) to see whether CHECK_BASIS_MISMATCH says
so. ``--speed`` times the review of the split's longest local rule (median of five).

With ``--planted``: each local rule is copied with one edit at a time (fines, time limits and
modal words by ``bench/planted.py``, restated sites only; competent bodies, cross-references and
scope by ``bench/planted_domains.py``; neither imports the review), each copy is reviewed, and a
plant counts as found when the review raises its expected code on the edited article and that
finding was not there before the edit. Prints recall per type and the extra findings an edit
caused elsewhere (new findings on other articles or of other codes). The truth is the
generator's label, never the review's own output.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.planted import plant  # noqa: E402
from bench.planted_domains import plant_more  # noqa: E402
from bench.review_domains import (  # noqa: E402
    HELD_OUT_SPLITS,
    RESERVED,
    SPLITS,
    ReviewCase,
    cases,
)

# Fines are found under any fine code (a multiple or an income share may be what changed).
FINE_CODES = {"CHECK_FINE_RANGE", "CHECK_FINE_MULTIPLE", "CHECK_FINE_INCOME_SHARE"}


def review(case: ReviewCase, local: tuple | list) -> list[dict]:
    """The review's findings (JSON form) of ``local`` against the case's upper law."""
    from nlp.review.engine import review_texts

    run = review_texts(
        list(local),
        case.upper,
        local_date=case.on,
        upper_title=case.upper_title,
        upper_date=case.upper_on,
        local_scope=case.key,
        upper_scope=case.upper_key,
        local_title=case.title,
    )
    return [f.to_dict() for f in run.findings]


def _signature(f: dict) -> tuple:
    return (f["code"], f["local_number"], f["upper_number"], f["finding_id"], f["message"])


def _copies(case: ReviewCase, seed: int) -> list[tuple[str, str, str, tuple, str]]:
    """(type, expected code, edited article, articles, "before → after") of each planted copy."""
    out = []
    for p in plant(
        case.local,
        case.upper,
        local_date=case.on,
        seed=seed,
        per_type=2,
        types=("fine", "time_limit", "modality"),
        restated_only=True,
    ):
        edit = f"{p.label.before} → {p.label.after} (upper {p.label.upper_article})"
        out.append((p.label.type, p.label.code, p.label.article, p.articles, edit))
    for q in plant_more(case.local, case.upper, seed=seed, per_type=3):
        out.append((q.type, q.code, q.article, q.articles, f"{q.before} → {q.after}"))
    return out


def planted(split: str, seed: int, verbose: bool = False) -> None:
    """Plant, review and score every local rule of the split; print recall and extras (with
    ``verbose``, each miss's edit, edited article and the findings the copy did raise)."""
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    missed: list[str] = []
    for case in cases(split):
        base = {_signature(f) for f in review(case, case.local)}
        for kind, code, article, articles, edit in _copies(case, seed):
            new = [f for f in review(case, articles) if _signature(f) not in base]
            codes = FINE_CODES if code in FINE_CODES else {code}
            hit = [f for f in new if f["code"] in codes and f["local_number"] == article]
            total[kind] += 1
            found[kind] += bool(hit)
            extra[kind] += sum(1 for f in new if f not in hit)
            if not hit:
                line = f"  missed: {case.key} {article} {kind} {code}"
                if verbose:
                    text = dict(articles).get(article, "")
                    raised = "; ".join(f"{f['code']}@{f['local_number']}" for f in new)
                    line += f"\n    edit: {edit}\n    text: {text}\n    new: {raised}"
                missed.append(line)
    print(f"planted ({split}, seed {seed}): type, found/planted, recall, extra findings")
    for kind in sorted(total):
        print(
            f"  {kind:11} {found[kind]:3}/{total[kind]:<3} "
            f"{found[kind] / total[kind]:.2f}  extra {extra[kind]}"
        )
    all_found, all_total = sum(found.values()), sum(total.values())
    print(
        f"  {'overall':11} {all_found:3}/{all_total:<3} {all_found / max(all_total, 1):.2f}  "
        f"extra {sum(extra.values())}"
    )
    for line in missed:
        print(line)


def _old_name(message: str) -> str:
    """The old authority name a renamed-authority message quotes first."""
    m = re.search(r"[“'](.+?)[”']", message)
    return m.group(1) if m else message


def _unrelated(case: ReviewCase, all_cases: list[ReviewCase]) -> ReviewCase:
    """The case with the next domain's upper law (domains in sorted order, wrapping round),
    skipping a law the local text names in its first articles: "根据《水法》、《水污染防治法》"
    makes 水污染防治法 one of its own laws, not an unrelated one."""
    uppers = {c.domain: c for c in all_cases}
    names = sorted(uppers)
    opening = " ".join(text for _, text in case.local[:3])
    at = names.index(case.domain)
    for step in range(1, len(names)):
        other = uppers[names[(at + step) % len(names)]]
        short = other.upper_title.removeprefix("中华人民共和国")
        if short not in opening:
            break
    return dataclasses.replace(
        case,
        upper=other.upper,
        upper_key=other.upper_key,
        upper_title=other.upper_title,
        upper_on=other.upper_on,
    )


def real(split: str, out: Path | None) -> None:
    """Review every local rule of the split; print the findings per code and severity, the
    renamed-authority findings per text and old name, whether a review against an unrelated
    law says so, and the time per text."""
    counts: Counter[tuple[str, str]] = Counter()
    severities: Counter[str] = Counter()
    renamed: Counter[tuple[str, str]] = Counter()
    rows = []
    times = []
    for case in cases(split):
        started = time.perf_counter()
        findings = review(case, case.local)
        times.append((time.perf_counter() - started, len(case.local), len(case.upper), case.key))
        for f in findings:
            counts[(f["code"], f["severity"])] += 1
            severities[f["severity"]] += 1
            if f["code"] == "CHECK_RENAMED_AUTHORITY":
                renamed[(case.key, _old_name(f["message"]))] += 1
            rows.append({"case": case.key, "local_title": case.title, **f})
    print(f"{split}: {len(times)} texts, {len(rows)} findings")
    for (code, severity), n in sorted(counts.items()):
        print(f"  {code:28} {severity:8} {n}")
    levels = ("error", "warning", "info")
    print("  per severity: " + ", ".join(f"{k} {severities[k]}" for k in levels))
    most = max(renamed.values(), default=0)
    print(
        f"  renamed authority: {sum(renamed.values())} findings for {len(renamed)} "
        f"text/old-name pairs; at most {most} per text and old name"
    )
    # The same texts against an unrelated law (the next domain's upper law, all domains).
    # Only the splits open to work: the domains reserved for the final measurement are never read
    # unless that split itself is the one run.
    opened = [s for s in ("development", *HELD_OUT_SPLITS) if s not in RESERVED or s == split]
    every = [c for s in opened for c in cases(s)]
    flagged = 0
    unrelated_findings = []
    unflagged: list[str] = []
    mine = list(cases(split))
    for case in mine:
        other = _unrelated(case, every)
        findings = review(other, case.local)
        said = any(f["code"] == "CHECK_BASIS_MISMATCH" for f in findings)
        flagged += said
        unrelated_findings.append(len(findings))
        if not said:
            unflagged.append(f"  not flagged: {case.key} against {other.upper_title}")
    print(
        f"  against an unrelated law: CHECK_BASIS_MISMATCH in {flagged} of {len(mine)}; "
        f"findings per text {min(unrelated_findings, default=0)}-"
        f"{max(unrelated_findings, default=0)}"
    )
    for line in unflagged:
        print(line)
    for seconds, n, m, key in sorted(times, key=lambda t: t[1]):
        print(f"  time {seconds:6.2f} s  {n:3} articles against {m:3}  {key}")
    slowest = max(times)
    print(
        f"  time: {sum(t[0] for t in times):.1f} s in all; slowest {slowest[0]:.2f} s "
        f"({slowest[1]} articles, {slowest[3]})"
    )
    if out is not None:
        out.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


def speed(split: str, runs: int = 5) -> None:
    """Time the review of the split's longest local rule against its upper law: the median of
    ``runs`` reviews (the first one, which fills the per-process caches, included)."""
    case = max(cases(split), key=lambda c: len(c.local))
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        review(case, case.local)
        seconds.append(time.perf_counter() - started)
    print(
        f"speed ({split}): {case.key}, {len(case.local)} articles against {len(case.upper)}: "
        f"median {statistics.median(seconds):.2f} s of {runs} (first {seconds[0]:.2f} s, "
        f"fastest {min(seconds):.2f} s)"
    )


def main() -> None:
    """Run the benchmark the arguments ask for."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--split",
        choices=SPLITS,
        default="development",
    )
    parser.add_argument("--planted", action="store_true", help="plant conflicts and score them")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--findings", type=Path, default=None, help="write the findings here")
    parser.add_argument("--speed", action="store_true", help="time the longest rule's review")
    parser.add_argument("--verbose", action="store_true", help="with --planted: show each miss")
    args = parser.parse_args()
    if args.speed:
        speed(args.split)
    elif args.planted:
        planted(args.split, args.seed, args.verbose)
    else:
        real(args.split, args.findings)


if __name__ == "__main__":
    main()
