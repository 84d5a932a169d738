"""Consistency review measured on planted conflicts in real local regulations.

Usage::

    python bench/bench_review_planted.py [--seed 0] [--per-type 10] [--only 安全生产条例]
        [--json bench/out/review_planted.json] [--verbose]

Each local regulation of ../shared/data/lawrefbook_safety whose first article declares an upper
law present in the data (every provincial 安全生产条例 against 安全生产法 2021, the 烟花爆竹 rules
against 烟花爆竹安全管理条例, …; see ``bench/lawref.py``) is reviewed as it is, then once per
planted copy (``bench/planted.py``: one changed fine, time limit, modality, authority name or
article reference, or one removed delegated provision per copy) through
``nlp.review.engine.review_texts``.

Scoring, per mutation type:

- recall: a label is found when the copy's review has a finding of the expected code at the
  changed article (``local_number``; for a removed delegated provision, the delegating upper
  article, ``upper_number``). A label whose expected finding is already there on the unmutated
  original is *confounded*: it is reported apart (with how many of them the review now words
  differently, quoting the changed amount) and left out of recall. Recall is given over
  all labels and over the ``comparable`` ones (the upper law has a comparable article, judged by
  a naive character-overlap alignment; authority names and article references need none);
- precision of what the change adds: the copy's findings less the original's (as a multiset of
  code, local article, upper article, key). New findings of the expected code at the changed
  article are true positives; codes the label lists as side effects (removing a whole article
  leaves a numbering gap) are set apart; every other new finding is a false positive;
- a diagnostic, ``paired``: recall over the labels whose changed article the review's own
  alignment paired with an upper article, to tell alignment misses from check misses (pair
  checks only; the other types count every label);
- recall over the ``restated`` labels (``rest``, ``R rest``): the changed fine, time limit or
  modal restates the upper law for the same conduct (an upper sentence has the same amounts,
  the same deadline or a modal of the same kind, for the same conduct, action and party; see
  ``bench/planted.py``), so the change really conflicts with the upper law. ``comparable`` only
  asks that the naively aligned upper article look alike, which penalty boilerplate alone
  does; most local fines, time limits and modals restate nothing, and changing them creates no
  conflict. Authority names, article references and delegations are always restated.

After these tables, every restated site of every text is planted (no cap per type) and
reviewed, and a third table gives the same columns for them, followed by the restated fines,
time limits and modalities the review missed (at most ``MISSES_SHOWN`` per type).

Also printed: seconds per review (with the stages ``nlp.review.engine`` reports), the findings on
the unmutated originals by code (real-pair findings, to be read by a person), and the known real
discrepancies of ../shared/data/README.md. Where ../shared is absent the script says so and exits
with status 0.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a script: make bench/ingest/nlp/index importable

from bench.dense import ArticleVectors  # noqa: E402
from bench.lawref import LAWREF, Text, load_texts, review_pairs  # noqa: E402
from bench.planted import EXPECTED, TYPES, Label, plant  # noqa: E402

SAFETY_LAW = "中华人民共和国安全生产法"
# ../shared/data/README.md: texts that still name the renamed authority
KNOWN_OLD_NAMES = (
    ("浙江省安全生产条例", 2016),
    ("重庆市安全生产条例", 2015),
    ("上海市安全生产条例", 2018),
    ("北京市安全生产条例", 2016),
)
Signature = tuple[str, str | None, str | None, str]
MISSES_SHOWN = 30  # restated misses listed per type under the third table


@dataclass(slots=True)
class Tally:
    """Counts for one mutation type."""

    labels: int = 0
    comparable: int = 0
    confounded: int = 0
    reacted: int = 0  # confounded labels whose finding at the change now says something else
    found: int = 0
    comparable_clean: int = 0
    comparable_found: int = 0
    tp: int = 0
    fp: int = 0
    side: int = 0
    paired: int = 0
    paired_found: int = 0
    restated_clean: int = 0  # restated labels not confounded
    restated_found: int = 0  # of those, found
    fp_codes: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def recall(self) -> float | None:
        """Found share of the labels not confounded."""
        clean = self.labels - self.confounded
        return self.found / clean if clean else None

    def recall_comparable(self) -> float | None:
        """Found share of the comparable labels not confounded."""
        return self.comparable_found / self.comparable_clean if self.comparable_clean else None

    def recall_restated(self) -> float | None:
        """Found share of the restated labels not confounded."""
        return self.restated_found / self.restated_clean if self.restated_clean else None

    def recall_paired(self) -> float | None:
        """Found share of the clean labels the review's alignment put where a check looks."""
        return self.paired_found / self.paired if self.paired else None

    def precision(self) -> float | None:
        """True share of the new findings (side effects left out)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None


@dataclass(frozen=True, slots=True)
class Reviewed:
    """What one review returned: findings, stage timings, aligned pairs."""

    findings: list
    timings: dict[str, float]
    pairs: tuple[tuple[int, int, float], ...] | None  # (local, upper, score); None: not said


DENSE: ArticleVectors | None = None  # set by --dense: the alignment's dense side


def review(local: Text, upper: Text, articles: Sequence[tuple[str, str]]) -> Reviewed:
    """One review through ``nlp.review.engine.review_texts`` (adapts to what it returns)."""
    from nlp.review.engine import is_special_zone, review_texts

    vectors = (DENSE.of(articles), DENSE.of(upper.articles)) if DENSE is not None else None
    result = review_texts(
        list(articles),
        list(upper.articles),
        local_date=local.date,
        upper_title=upper.title,
        upper_date=upper.date,
        special_zone=is_special_zone(local.title),
        vectors=vectors,
    )
    return Reviewed(list(result.findings), dict(result.timings), tuple(result.pairs))


def paired(label: Label, copy: Sequence[tuple[str, str]], reviewed: Reviewed) -> bool:
    """Whether the review's alignment (``ReviewRun.pairs``) paired the changed article.

    A diagnostic, to tell alignment misses from check misses in the pair checks (fines, time
    limits, modality); the review may check further candidates besides. The other types do not
    depend on the pairs: for them it is always true.
    """
    if reviewed.pairs is None or label.type not in ("fine", "time_limit", "modality"):
        return True
    i = next((k for k, (n, _) in enumerate(copy) if n == label.article), None)
    return any(lo == i for lo, _, _ in reviewed.pairs)


def signature(f: Any) -> Signature:
    """What a finding is about, to tell a copy's new findings from the original's."""
    return (f.code, f.local_number, f.upper_number, f.key)


def at_label(local_number: str | None, upper_number: str | None, label: Label) -> bool:
    """Whether a finding about these articles points where the label's change is."""
    if label.type == "delegation":
        return upper_number == label.upper_article
    return local_number == label.article


def expected_at(findings: list, label: Label) -> list:
    """The findings of the label's expected code at the label's change."""
    return [
        f
        for f in findings
        if f.code == label.code and at_label(f.local_number, f.upper_number, label)
    ]


def score(
    label: Label, original: list, copy: list, tally: Tally, where: str, seen: bool = True
) -> None:
    """Add one planted copy's outcome to ``tally`` (``seen``: see :func:`paired`)."""
    tally.labels += 1
    tally.comparable += label.comparable
    expected = expected_at(copy, label)
    already = expected_at(original, label)
    if already:
        tally.confounded += 1
        said = {_said(f) for f in already}
        tally.reacted += any(_said(f) not in said for f in expected)
    else:
        tally.found += bool(expected)
        if label.comparable:
            tally.comparable_clean += 1
            tally.comparable_found += bool(expected)
        if label.restated:
            tally.restated_clean += 1
            tally.restated_found += bool(expected)
        if seen:
            tally.paired += 1
            tally.paired_found += bool(expected)
        if not expected:
            tally.misses.append(f"{where} {label.article}: {label.before[:40]!r} → {label.after!r}")
    new = Counter(signature(f) for f in copy) - Counter(signature(f) for f in original)
    for (code, local_number, upper_number, _), n in new.items():
        if code == label.code and at_label(local_number, upper_number, label):
            tally.tp += n
        elif code in label.side_effects:
            tally.side += n
        else:
            tally.fp += n
            tally.fp_codes[code] += n


def _said(f: Any) -> tuple[str, str, tuple]:
    """What a finding says: its key, message and marks (they quote the changed words)."""
    return (f.key, f.message, tuple(f.local_marks))


def run(args: argparse.Namespace) -> int:
    """Plant, review, score and print."""
    if not (LAWREF / "articles.jsonl").is_file():
        print(f"skipped: {LAWREF} is not present (../shared/data is only beside the team's repo)")
        return 0
    texts = load_texts()
    pairs = [(lo, up) for lo, up in review_pairs(texts) if args.only in lo.title]
    per_type = args.per_type or None
    global DENSE
    if args.dense:
        DENSE = ArticleVectors(args.dense)
        started = time.perf_counter()
        DENSE.add(text for pair in pairs for t in pair for _, text in t.articles)
        DENSE.save()
        took = time.perf_counter() - started
        print(f"dense side: {args.dense} vectors of every article in {took:.1f} s")
    tallies: dict[str, dict[str, Tally]] = {"all": defaultdict(Tally), "safety": defaultdict(Tally)}
    times: list[float] = []
    stages: dict[str, list[float]] = defaultdict(list)
    baseline: dict[str, Counter[str]] = {}
    originals: dict[str, list] = {}
    records = []
    for local, upper in pairs:
        started = time.perf_counter()
        first = review(local, upper, local.articles)
        times.append(time.perf_counter() - started)
        for k, v in first.timings.items():
            stages[k].append(v)
        original = first.findings
        originals[local.name] = original
        baseline[local.name] = Counter(f.code for f in original)
        copies = plant(
            local.articles, upper.articles, local_date=local.date, seed=args.seed, per_type=per_type
        )
        for copy in copies:
            started = time.perf_counter()
            result = review(local, upper, copy.articles)
            times.append(time.perf_counter() - started)
            for k, v in result.timings.items():
                stages[k].append(v)
            found = result.findings
            seen = paired(copy.label, copy.articles, result)
            groups = ["all"] + (["safety"] if upper.title == SAFETY_LAW else [])
            for g in groups:
                tally = tallies[g][copy.label.type]
                score(copy.label, original, found, tally, local.name, seen)
            if args.json:
                records.append(
                    {
                        "local": local.name,
                        "upper": upper.name,
                        "label": copy.label.to_dict(),
                        "paired": seen,
                        "on_original": [
                            list(signature(f)) for f in expected_at(original, copy.label)
                        ],
                        "findings": [
                            list(signature(f))
                            for f in found
                            if at_label(f.local_number, f.upper_number, copy.label)
                        ],
                    }
                )
        print(f"  {local.name}: {len(copies)} planted copies", file=sys.stderr)
    cap = f"at most {per_type}" if per_type else "every site"
    print(f"Planted conflicts, seed {args.seed}, {cap} per type and text:")
    print_table("all pairs", tallies["all"], len(pairs))
    n_safety = sum(up.title == SAFETY_LAW for _, up in pairs)
    print_table(f"local texts against {SAFETY_LAW} (2021)", tallies["safety"], n_safety)
    if args.verbose:
        print_misses(tallies["all"])
    restated = plant_restated(pairs, args.seed, originals)
    print_table("restated conflicts (every restated site)", restated, len(pairs))
    print_restated_misses(restated)
    print_times(times, stages)
    print_baseline(baseline)
    print_known(texts, baseline)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nlabels and the findings at them: {args.json}")
    if DENSE is not None:
        DENSE.save()  # the copies' changed articles, for the next run
    return 0


def plant_restated(
    pairs: Sequence[tuple[Text, Text]], seed: int, originals: dict[str, list]
) -> dict[str, Tally]:
    """Every restated site of every text planted, reviewed and scored (all pairs).

    ``originals``: the findings on each unmutated text (by name), reviewed already.
    """
    tallies: dict[str, Tally] = defaultdict(Tally)
    for local, upper in pairs:
        copies = plant(
            local.articles,
            upper.articles,
            local_date=local.date,
            seed=seed,
            per_type=None,
            restated_only=True,
        )
        original = originals[local.name]
        for copy in copies:
            result = review(local, upper, copy.articles)
            seen = paired(copy.label, copy.articles, result)
            score(copy.label, original, result.findings, tallies[copy.label.type], local.name, seen)
        print(f"  {local.name}: {len(copies)} restated copies", file=sys.stderr)
    return tallies


def print_restated_misses(tallies: dict[str, Tally]) -> None:
    """The restated fines, time limits and modalities not found (the first ``MISSES_SHOWN``)."""
    for kind in ("fine", "time_limit", "modality"):
        t = tallies.get(kind)
        if not t or not t.misses:
            continue
        more = len(t.misses) - MISSES_SHOWN
        shown = f", the first {MISSES_SHOWN}" if more > 0 else ""
        print(f"\nmissed restated {kind} ({len(t.misses)}{shown}):")
        for line in t.misses[:MISSES_SHOWN]:
            print(f"  {line}")


def print_table(title: str, tallies: dict[str, Tally], n_texts: int) -> None:
    """Recall and precision per type."""
    print(f"\n{title} ({n_texts} texts)")
    head = (
        f"{'type':<11}{'code':<26}{'labels':>7}{'confd':>6}{'react':>6}{'found':>6}{'recall':>8}"
        f"{'compar':>7}{'R comp':>8}{'paired':>7}{'R pair':>7}{'TP':>5}{'FP':>5}{'side':>5}"
        f"{'prec':>7}{'rest':>6}{'R rest':>8}"
    )
    print(head)
    print("-" * len(head))
    for kind in TYPES:
        t = tallies.get(kind)
        if t is None or not t.labels:
            print(f"{kind:<11}{EXPECTED[kind]:<26}{0:>7}   (no site in these texts)")
            continue
        print(
            f"{kind:<11}{EXPECTED[kind]:<26}{t.labels:>7}{t.confounded:>6}{t.reacted:>6}"
            f"{t.found:>6}"
            f"{_pct(t.recall()):>8}{t.comparable_clean:>7}{_pct(t.recall_comparable()):>8}"
            f"{t.paired:>7}{_pct(t.recall_paired()):>7}"
            f"{t.tp:>5}{t.fp:>5}{t.side:>5}{_pct(t.precision()):>7}"
            f"{t.restated_clean:>6}{_pct(t.recall_restated()):>8}"
        )
        if t.fp_codes:
            top = ", ".join(f"{c} {n}" for c, n in t.fp_codes.most_common(4))
            print(f"{'':<11}false positives by code: {top}")
    print(
        "confd: the expected finding is already on the original (left out of recall); react: "
        "of those, how many now say something else there (key, message or marks);\ncompar: "
        "comparable labels not confounded;\npaired: labels not confounded whose changed article "
        "the review's alignment paired (a diagnostic for the pair checks);\nside: new findings "
        "the change rightly causes"
    )
    print(
        "rest: restated labels not confounded (the changed figure or modal restates the upper "
        "law for the same conduct)"
    )


def print_misses(tallies: dict[str, Tally]) -> None:
    """The labels not found, per type."""
    for kind in TYPES:
        t = tallies.get(kind)
        if t and t.misses:
            print(f"\nmissed {kind} ({len(t.misses)}):")
            for line in t.misses:
                print(f"  {line}")


def print_times(times: list[float], stages: dict[str, list[float]]) -> None:
    """Seconds per review, and per stage where the review reports them."""
    if not times:
        return
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    print(
        f"\nseconds per review ({len(times)} reviews): mean {statistics.mean(times):.3f}, "
        f"median {statistics.median(times):.3f}, p95 {p95:.3f}, max {ordered[-1]:.3f}"
    )
    total = sum(sum(v) for v in stages.values())
    for name, values in stages.items():
        share = sum(values) / total if total else 0.0
        print(f"  {name:<14} mean {statistics.mean(values):.3f} s ({share:.0%} of staged time)")


def print_baseline(baseline: dict[str, Counter[str]]) -> None:
    """Findings on the unmutated originals: real-pair findings for a person to read."""
    total: Counter[str] = Counter()
    print("\nfindings on the unmutated originals (real pairs; to be read, not scored)")
    for name, counts in baseline.items():
        total += counts
        top = ", ".join(f"{c.removeprefix('CHECK_')} {n}" for c, n in counts.most_common())
        print(f"  {name:<44}{sum(counts.values()):>5}  {top}")
    print(f"  {'all':<44}{sum(total.values()):>5}")
    for code, n in total.most_common():
        print(f"    {code:<28}{n:>6}")


def print_known(texts: list[Text], baseline: dict[str, Counter[str]]) -> None:
    """The known real discrepancies of ../shared/data/README.md: found or not."""
    print("\nknown real discrepancies (../shared/data/README.md)")
    for title, year in KNOWN_OLD_NAMES:
        name = next(
            (t.name for t in texts if t.title == title and t.date and t.date.year == year), ""
        )
        if name not in baseline:
            print(f"  {title} ({year}): not reviewed in this run")
            continue
        n = baseline[name]["CHECK_RENAMED_AUTHORITY"]
        verdict = "found" if n else "NOT found"
        print(f"  {title} ({year}) names 安全生产监督管理部门: {verdict} ({n} findings)")
    by_title = {t.title: t for t in texts if t.kind != "local_regulation"}
    report = by_title.get("生产安全事故报告和调查处理条例")
    law = by_title.get(SAFETY_LAW)
    if report and law:
        result = review(report, law, report.articles)
        hits = [
            f
            for f in result.findings
            if f.code == "CHECK_FINE_INCOME_SHARE" and f.local_number == "第三十八条"
        ]
        uppers = sorted({f.upper_number or "?" for f in hits})
        verdict = f"found (against {', '.join(uppers)})" if hits else "NOT found"
        i = next(k for k, (n, _) in enumerate(report.articles) if n == "第三十八条")
        partners = sorted(law.articles[u][0] for lo, u, _ in result.pairs or () if lo == i)
        print(
            "  生产安全事故报告和调查处理条例 第三十八条 30/40/60/80 % of income vs 安全生产法 "
            f"第九十五条 40/60/80/100 %: {verdict}; the review paired 第三十八条 with "
            f"{', '.join(partners) or 'nothing'}"
        )


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0, help="picks the planted sites")
    parser.add_argument(
        "--per-type", type=int, default=10, help="most copies per type and text (0: every site)"
    )
    parser.add_argument("--only", default="", help="only local texts whose title contains this")
    parser.add_argument("--json", type=Path, help="write every label and its findings here")
    parser.add_argument("--verbose", action="store_true", help="list the labels not found")
    parser.add_argument(
        "--dense",
        default="",
        help="align with this embedder's vectors too (e5, use, minilm, hash); else keywords only",
    )
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
