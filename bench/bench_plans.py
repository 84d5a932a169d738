"""Task extraction on real and illustrative plans, against gold written from the text alone.

Usage::

    python bench/bench_plans.py [--set real|illustrative] [--split development|held_out|all]
                                [--plan ID] [--verbose]

Gold (``bench/plans-real/gold/*.json``, conventions in ``bench/plans-real/CONVENTIONS.md``) gives
each task by a quote of its first words, with its lead and co-operating bodies **as the plan
writes them** and its deadline. ``SPLIT.json`` in the set's folder says which plans are for
development and which are held out; report the held-out figure first and apart.

Scoring (this file's own rules, sharing no code with the extractor):

- Each gold task is located by finding its quote in ``Document.text`` (white space may differ);
  its extent runs to the next gold task's quote (or the end of the document or of the gold's
  ``scope_end_quote``). A predicted task matches the gold task whose extent holds the start of the
  predicted text (pairs are one-to-one; extra predicted tasks in one extent are false positives:
  an item split into pieces counts its pieces against precision). Predicted tasks outside the
  annotated scope are not scored.
- Bodies are compared by name: lower-cased, without a leading "the", without white space and
  the marks 等/etc. A predicted name also agrees when it is a full official name and the gold has
  one of its written short forms (or the reverse) in ``nlp/data/bodies.json`` (data, not code).
  Lead and co-operating agree when the two sets of names are equal.
- Fixed-date deadlines: over gold tasks with an ISO ``deadline``, the share of matched tasks whose
  predicted due date is that date. Open deadlines (gold ``null``): the share predicted open.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "real": ROOT / "bench" / "plans-real",
    "illustrative": ROOT / "bench" / "plans-illustrative",
}
BODIES = ROOT / "nlp" / "data" / "bodies.json"


def _norm(name: str) -> str:
    name = re.sub(r"^\s*the\s+", "", name.strip(), flags=re.I)
    name = re.sub(r"(?:等(?:有关|相关)?(?:部门|单位)?|,?\s*etc\.?)$", "", name)
    return re.sub(r"[\s\u3000.,，、]+", "", name).lower()


def _equivalents() -> dict[str, str]:
    """Written short forms -> the full official name, from the gazetteer data (if present)."""
    if not BODIES.exists():
        return {}
    data = json.loads(BODIES.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for body in data.get("bodies", []):
        full = _norm(body["name"])
        for form in [*body.get("short", []), *body.get("en", []), *body.get("en_short", [])]:
            out.setdefault(_norm(form), full)
        out.setdefault(full, full)
    return out


EQUIV = _equivalents()


def _key(name: str) -> str:
    n = _norm(name)
    return EQUIV.get(n, n)


def _names(names: Any) -> frozenset[str]:
    return frozenset(_key(n) for n in names or () if _norm(n))


@dataclass(slots=True)
class Score:
    """Counts for a plan, or summed over plans."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    lead: int = 0
    coop: int = 0
    dated: int = 0
    dated_right: int = 0
    open_: int = 0
    open_right: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        """Add another score's counts to this one."""
        for name in ("gold", "predicted", "matched", "lead", "coop", "dated", "dated_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.open_ += other.open_
        self.open_right += other.open_right
        self.seconds += other.seconds

    def row(self, label: str) -> str:
        """One line of the report."""

        def rate(a: int, b: int) -> str:
            return f"{a / b:6.3f}" if b else "     -"

        return (
            f"{label[:34]:34} {self.gold:5} {self.predicted:5} {self.matched:5} "
            f"{rate(self.matched, self.predicted)} {rate(self.matched, self.gold)} "
            f"{rate(self.lead, self.matched)} {rate(self.coop, self.matched)} "
            f"{rate(self.dated_right, self.dated)} {rate(self.open_right, self.open_)}"
        )


HEADER = f"{'plan':34} {'gold':>5} {'pred':>5} {'match':>5} " + " ".join(
    f"{name:>6}" for name in ("P", "R", "lead", "coop", "date", "open")
)


def _locate(text: str, quote: str, start: int) -> int:
    pos = text.find(quote, start)
    if pos >= 0:
        return pos
    pattern = r"\s*".join(re.escape(c) for c in quote if not c.isspace())
    m = re.compile(pattern).search(text, start)
    return m.start() if m else -1


def score_plan(folder: Path, plan_id: str, verbose: bool) -> Score:
    """Extract one plan's tasks and score them against its gold."""
    from ingest import load_document
    from nlp.plans.tasks import extract_tasks

    gold = json.loads((folder / "gold" / f"{plan_id}.json").read_text(encoding="utf-8"))
    result = load_document(folder / "texts" / f"{plan_id}.txt")
    score = Score(gold=len(gold["tasks"]))
    if result.document is None:
        score.misses.append(f"{plan_id}: ingest failed")
        return score
    doc = result.document
    text = doc.text
    plan_date = date.fromisoformat(gold["plan_date"]) if gold.get("plan_date") else None
    began = time.perf_counter()
    predicted = extract_tasks(doc, plan_date=plan_date)
    score.seconds = time.perf_counter() - began
    starts, pos = [], 0
    for g in gold["tasks"]:
        at = _locate(text, g["quote"], pos)
        if at < 0:
            at = _locate(text, g["quote"], 0)
        starts.append(at)
        if at >= 0:
            pos = at + 1
    scope_end = len(text)
    if gold.get("scope_end_quote"):
        found = _locate(text, gold["scope_end_quote"], 0)
        scope_end = found if found >= 0 else scope_end
    located = sorted((s, i) for i, s in enumerate(starts) if s >= 0)
    extents: list[tuple[int, int, int]] = []
    for k, (s, i) in enumerate(located):
        end = located[k + 1][0] if k + 1 < len(located) else scope_end
        extents.append((s, end, i))
    first = located[0][0] if located else 0
    scored = [t for t in predicted if first - 40 <= t.start < scope_end]
    score.predicted = len(scored)
    taken: dict[int, Any] = {}
    for t in scored:
        for s, e, i in extents:
            if s - 40 <= t.start < e and i not in taken:
                taken[i] = t
                break
    if verbose:  # the extra pieces, which count against precision
        kept = {id(t) for t in taken.values()}
        for t in scored:
            if id(t) not in kept:
                score.misses.append(f"{plan_id} extra: {t.text[:70]!r} lead {list(t.lead)}")
    for i, g in enumerate(gold["tasks"]):
        if starts[i] < 0:
            score.misses.append(f"{plan_id} #{g['n']}: quote not found: {g['quote']}")
        t = taken.get(i)
        if g.get("deadline"):
            score.dated += 1
        else:
            score.open_ += 1
        if t is None:
            if verbose:
                score.misses.append(f"{plan_id} #{g['n']} missed: {g['quote']}")
            continue
        score.matched += 1
        lead_ok = _names(t.lead) == _names(g["lead"])
        coop_ok = _names(t.cooperating) == _names(g["cooperating"])
        score.lead += lead_ok
        score.coop += coop_ok
        due = t.deadline.due.isoformat() if t.deadline and t.deadline.due else None
        if g.get("deadline"):
            score.dated_right += due == g["deadline"]
        else:
            score.open_right += due is None
        if verbose and not (lead_ok and coop_ok and due == g.get("deadline")):
            score.misses.append(
                f"{plan_id} #{g['n']} {g['quote'][:24]!r}: lead {list(t.lead)} vs {g['lead']}; "
                f"coop {list(t.cooperating)} vs {g['cooperating']}; "
                f"due {due} vs {g.get('deadline')}"
            )
    if verbose:
        for t in scored:
            if t not in taken.values():
                score.misses.append(f"{plan_id} extra: {t.text[:60]!r}")
    return score


def _profile(folder: Path) -> None:
    """Extraction time of every plan in the set, and the share spent in nlp/bodies (the body
    matcher: kinds, gazetteer, spaCy phrases), by cProfile's own-time of their functions."""
    import cProfile
    import pstats

    from ingest import load_document
    from nlp.bodies.gazetteer import Gazetteer
    from nlp.plans.tasks import extract_tasks

    Gazetteer.default().collective_spans("各省级人民政府")  # load spaCy before timing
    documents = [load_document(p).document for p in sorted((folder / "texts").glob("*.txt"))]
    profile = cProfile.Profile()
    began = time.perf_counter()
    profile.enable()
    count = sum(len(extract_tasks(d)) for d in documents if d is not None)
    profile.disable()
    seconds = time.perf_counter() - began
    stats = pstats.Stats(profile)
    own = sum(row[2] for key, row in stats.stats.items() if "/nlp/bodies/" in key[0])  # type: ignore[attr-defined]
    total = sum(row[2] for row in stats.stats.values())  # type: ignore[attr-defined]
    print(
        f"{count} tasks in {seconds:.2f} s under the profiler; nlp/bodies: {own / total:.1%} "
        "of the time"
    )


def main() -> None:
    """Score the chosen plans and print the table (held-out plans first, apart)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=sorted(SETS), default="real")
    parser.add_argument(
        "--split", default="all", help="all, development, or a held-out key of SPLIT.json"
    )
    parser.add_argument("--plan", action="append")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument(
        "--profile", action="store_true", help="also print the share of time in nlp/bodies"
    )
    args = parser.parse_args()
    if args.profile:
        _profile(SETS[args.set])
        return
    folder = SETS[args.set]
    if not (folder / "gold").is_dir():
        print(f"no gold in {folder}")
        return
    split_file = folder / "SPLIT.json"
    split = json.loads(split_file.read_text(encoding="utf-8")) if split_file.exists() else {}
    everything = sorted(p.stem for p in (folder / "gold").glob("*.json"))
    # every list whose key starts with "held_out" is a held-out set of its own (held_out,
    # held_out_2 …), reported first; development is every other plan
    held = {k: v for k, v in split.items() if k.startswith("held_out") and isinstance(v, list)}
    groups = {name: [p for p in everything if p in ids] for name, ids in sorted(held.items())}
    groups["development"] = [p for p in everything if not any(p in v for v in held.values())]
    if isinstance(split.get("development"), list):
        # a plan a curator is still adding (gold written, split not yet) is in no list: it is
        # not scored as development, lest a future held-out plan be seen before it is held out
        listed = set(split["development"])
        unlisted = [p for p in groups["development"] if p not in listed]
        groups["development"] = [p for p in groups["development"] if p in listed]
        if unlisted and args.split in ("all", "development"):
            print(f"{len(unlisted)} plan(s) in no list of SPLIT.json: not scored")
    if args.plan:
        groups = {"chosen": args.plan}
    elif args.split != "all":
        if args.split not in groups:
            parser.error(f"--split must be one of {['all', *groups]}")
        groups = {args.split: groups[args.split]}
    for name, plans in groups.items():
        if not plans:
            continue
        print(f"\n== {args.set} / {name} ({len(plans)} plans)")
        print(HEADER)
        total = Score()
        for plan_id in plans:
            s = score_plan(folder, plan_id, args.verbose)
            print(s.row(plan_id))
            total.add(s)
            for line in s.misses:
                print("   ", line)
        print(total.row(f"pooled ({name})"))
        if total.seconds:
            print(
                f"   {total.predicted} tasks in {total.seconds:.3f} s: "
                f"{total.predicted / total.seconds:.0f} tasks/s (extraction only)"
            )


if __name__ == "__main__":
    sys.exit(main())
