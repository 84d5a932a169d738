"""Task-division extraction measured against hand-annotated gold (bench/gold/*_tasks.json).

Usage::

    python bench/bench_tasks.py [--gold bench/gold/seed_tasks.json] [--verbose]

Without ``--gold`` every gold file in ``bench/gold`` is used. Each plan file named in the gold is
ingested with ``ingest.load_document`` and passed to ``nlp.plans.tasks.extract_tasks``; the report
gives, per file and overall, item precision, recall and F1, and over matched items the accuracy
of the lead, the cooperating bodies and the deadline, then tasks extracted per second (the best
of ``--repeat`` runs per file; ingest is not timed).

Offsets. Gold offsets index the raw file (see the gold's ``text_basis``: UTF-8, newlines
normalised to ``\\n``); predicted offsets index ingest's ``Document.text``, which can differ (for
Markdown the markup and blank lines are gone; other readers may normalise white space). Each gold
span is mapped by finding its text in ``Document.text``: gold tasks are in document order, so the
search starts where the previous gold span ended, first for the exact text, then letting any run
of white space match any other. A span that cannot be found is reported and counted as missed.

Matching. A predicted task matches a gold task when their spans overlap by at least half of the
shorter span. Pairs are taken greedily, the best overlap ratio first (then the longer overlap), each
task at most once. Fields of matched pairs: lead and cooperating agree when their sets of canonical
names are equal (this gold names kinds, so the extractor's ``lead_kind_names`` are compared;
names as written are measured by ``bench/bench_plans.py``; both sides resolved through
``nlp.bodies.departments.DepartmentDirectory``; names it does not know are compared as written
without the region prefix); the deadline agrees when both due
dates are equal, or both are open (``None``) with the same kind (gold kind "none" is the extractor's
``deadline=None``).

Where ``../shared`` is absent the seed's gold is skipped with a message; the exit status is then
0. A plan whose sha256 no longer matches the gold is reported and not scored (exit status 1).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "bench" / "gold"
THRESHOLD = 0.5  # share of the shorter span two spans must overlap by to match

Span = tuple[int, int]
Canon = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class GoldTask:
    """One annotated task: its span, part and the expected fields."""

    n: int
    start: int
    end: int
    part: int
    lead: tuple[str, ...] = ()
    cooperating: tuple[str, ...] = ()
    due: date | None = None
    kind: str = "none"


@dataclass(frozen=True, slots=True)
class GoldFile:
    """The gold of one plan file."""

    path: str  # as written in the gold, relative to the repository root
    sha256: str
    language: str
    tasks: tuple[GoldTask, ...]


@dataclass(slots=True)
class Score:
    """Counts for one file (or summed over files); rates are computed from them."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    lead_ok: int = 0
    cooperating_ok: int = 0
    deadline_ok: int = 0
    misses: list[int] = field(default_factory=list)  # indices into the gold list
    false_positives: list[int] = field(default_factory=list)  # indices into the predictions
    field_errors: list[tuple[int, int, str]] = field(default_factory=list)  # (gold, pred, field)

    def __add__(self, other: Score) -> Score:
        """Sum the counts (the index lists are per file and are not carried)."""
        return Score(
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.matched + other.matched,
            self.lead_ok + other.lead_ok,
            self.cooperating_ok + other.cooperating_ok,
            self.deadline_ok + other.deadline_ok,
        )

    @property
    def precision(self) -> float:
        """Matched predictions over all predictions (1.0 when nothing was predicted)."""
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Matched gold tasks over all gold tasks (1.0 when there is no gold)."""
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float:
        """Share of matched pairs whose field ``name`` (lead, cooperating, deadline) agrees."""
        return getattr(self, f"{name}_ok") / self.matched if self.matched else 0.0


# -- gold files ---------------------------------------------------------------------------------


def read_text(path: Path) -> str:
    """The file's text on the gold's basis: UTF-8, ``\\r\\n`` and ``\\r`` made ``\\n``."""
    return path.read_bytes().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def file_sha256(path: Path) -> str:
    """The sha256 of the file's raw bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_gold(path: Path) -> list[GoldFile]:
    """Read one gold JSON file (format in bench/gold/README.md)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    files = []
    for f in data["files"]:
        tasks = tuple(
            GoldTask(
                n=int(t["n"]),
                start=int(t["start"]),
                end=int(t["end"]),
                part=int(t["part"]),
                lead=tuple(t["lead"]),
                cooperating=tuple(t["cooperating"]),
                due=date.fromisoformat(t["deadline"]) if t["deadline"] else None,
                kind=t["deadline_kind"],
            )
            for t in f["tasks"]
        )
        files.append(GoldFile(f["path"], f["sha256"], f.get("language", ""), tasks))
    return files


def source_path(rel: str) -> tuple[Path | None, str]:
    """The plan file a gold entry names, or None and why it cannot be read here."""
    path = (ROOT / rel).resolve()
    if path.is_file():
        return path, ""
    shared = (ROOT / "../shared").resolve()
    if rel.startswith("../shared/") and not shared.is_dir():
        return None, f"../shared is absent ({shared}); the gold of {rel} needs it"
    return None, f"{rel} not found"


def locate(raw: str, text: str, tasks: Sequence[GoldTask]) -> list[GoldTask | None]:
    """Map gold spans in ``raw`` to ``text`` (Document.text) by finding each span's words.

    Args:
        raw: the text the gold offsets index.
        text: the text the predictions index.
        tasks: gold tasks in document order.

    Returns:
        For each task, a copy with start/end in ``text``, or None when its words are not there.
    """
    out: list[GoldTask | None] = []
    cursor = 0
    for task in tasks:
        needle = raw[task.start : task.end].strip()
        start = text.find(needle, cursor)
        end = start + len(needle)
        if start < 0:
            pattern = r"\s+".join(re.escape(w) for w in needle.split())
            found = re.compile(pattern).search(text, cursor) if pattern else None
            start, end = (found.start(), found.end()) if found else (-1, -1)
        if start < 0:
            out.append(None)
            continue
        out.append(replace(task, start=start, end=end))
        cursor = end
    return out


# -- scoring ------------------------------------------------------------------------------------


def overlap_ratio(a: Span, b: Span) -> float:
    """Characters two spans share, as a share of the shorter one (0.0 for an empty span)."""
    shorter = min(a[1] - a[0], b[1] - b[0])
    if shorter <= 0:
        return 0.0
    return max(0, min(a[1], b[1]) - max(a[0], b[0])) / shorter


def match_spans(
    gold: Sequence[Span], predicted: Sequence[Span], threshold: float = THRESHOLD
) -> list[tuple[int, int]]:
    """One-to-one matching, greedy by overlap ratio then overlap length.

    Returns:
        (gold index, predicted index) pairs, sorted by gold index.
    """
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            ratio = overlap_ratio(g, p)
            if ratio >= threshold:
                shared = min(g[1], p[1]) - max(g[0], p[0])
                candidates.append((-ratio, -shared, i, j))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, _, i, j in candidates:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def plain_name(name: str) -> str:
    """A name compared as written: case and spacing folded, a leading "the" dropped."""
    folded = " ".join(name.split()).casefold()
    return folded.removeprefix("the ")


def directory_canon(directory: Any) -> Canon:
    """A name normaliser from a ``DepartmentDirectory``: the department id, else the name as
    written without its region prefix."""

    def canon(name: str) -> str:
        mention = directory.resolve(name)
        if mention.department is not None:
            return f"id:{mention.department.id}"
        text = mention.text or name
        if mention.region and text.startswith(mention.region):
            text = text[len(mention.region) :]
        return plain_name(text)

    return canon


def names_equal(gold: Iterable[str], predicted: Iterable[str], canon: Canon = plain_name) -> bool:
    """Whether two lists name the same set of bodies after normalisation."""
    return {canon(n) for n in gold} == {canon(n) for n in predicted}


def deadline_equal(due: date | None, kind: str, predicted: Any) -> bool:
    """Whether a predicted ``Deadline`` (or None) agrees with the gold due date and kind."""
    if due is not None:
        return predicted is not None and predicted.due == due
    if kind == "none":
        return predicted is None
    return predicted is not None and predicted.due is None and predicted.kind == kind


def score(gold: Sequence[GoldTask | None], predicted: Sequence[Any], canon: Canon) -> Score:
    """Score predictions (objects with start, end, lead, cooperating, deadline) against gold.

    Gold entries that are None (not found in the document's text) count as misses.
    """
    placed = [(i, g) for i, g in enumerate(gold) if g is not None]
    gold_spans = [(g.start, g.end) for _, g in placed]
    pairs = match_spans(gold_spans, [(p.start, p.end) for p in predicted])
    result = Score(gold=len(gold), predicted=len(predicted), matched=len(pairs))
    matched_gold = set()
    for a, j in pairs:
        i, g = placed[a]
        p = predicted[j]
        matched_gold.add(i)
        checks = {
            "lead": names_equal(g.lead, p.lead_kind_names, canon),
            "cooperating": names_equal(g.cooperating, p.cooperating_kind_names, canon),
            "deadline": deadline_equal(g.due, g.kind, p.deadline),
        }
        result.lead_ok += checks["lead"]
        result.cooperating_ok += checks["cooperating"]
        result.deadline_ok += checks["deadline"]
        result.field_errors.extend((i, j, name) for name, ok in checks.items() if not ok)
    result.misses = [i for i in range(len(gold)) if i not in matched_gold]
    used = {j for _, j in pairs}
    result.false_positives = [j for j in range(len(predicted)) if j not in used]
    return result


# -- report -------------------------------------------------------------------------------------


HEADER = f"{'file':<42}{'gold':>5}{'pred':>6}{'match':>6}{'P':>7}{'R':>7}{'F1':>7}"
HEADER += f"{'lead':>7}{'coop':>7}{'deadl':>7}"


def row(label: str, s: Score) -> str:
    """One line of the report table."""
    accs = "".join(f"{s.accuracy(n):>7.3f}" for n in ("lead", "cooperating", "deadline"))
    return (
        f"{label[-42:]:<42}{s.gold:>5}{s.predicted:>6}{s.matched:>6}"
        f"{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{accs}"
    )


def snippet(text: str, start: int, end: int) -> str:
    """The first 60 characters of a span on one line (for the screen only)."""
    return " ".join(text[start:end].split())[:60]


def describe_deadline(due: date | None, kind: str) -> str:
    """A deadline as ``kind:due``."""
    return f"{kind}:{due.isoformat() if due else '-'}"


def print_details(
    text: str,
    gold: Sequence[GoldTask],
    placed: Sequence[GoldTask | None],
    preds: Sequence[Any],
    s: Score,
) -> None:
    """List misses, false positives and field errors, with offsets into ``text`` and the first
    60 characters of each span (on screen only: the seed is third-party text)."""
    for i in s.misses:
        g, where = gold[i], placed[i]
        if where is None:
            print(f"  MISS  #{g.n:<3} part {g.part} raw {g.start}-{g.end}: not found in the text")
        else:
            words = snippet(text, where.start, where.end)
            print(f"  MISS  #{g.n:<3} part {g.part} {where.start}-{where.end}: {words}")
    for j in s.false_positives:
        p = preds[j]
        print(f"  FP    {p.start}-{p.end} {p.key}: {snippet(text, p.start, p.end)}")
    for i, j, name in s.field_errors:
        g, p = gold[i], preds[j]
        if name == "deadline":
            pd = p.deadline
            want = describe_deadline(g.due, g.kind)
            got = describe_deadline(pd.due, pd.kind) if pd else "none:-"
        else:
            want, got = ", ".join(getattr(g, name)), ", ".join(getattr(p, name))
        print(f"  FIELD #{g.n:<3} {name}: gold [{want}] / predicted [{got}]")


def run(gold_paths: Sequence[Path], verbose: bool, repeat: int = 3) -> int:
    """Score every plan named in the gold files; return the exit status."""
    entries: list[tuple[GoldFile, Path]] = []
    status = 0
    for gold_path in gold_paths:
        for gf in load_gold(gold_path):
            path, why = source_path(gf.path)
            if path is None:
                print(f"skipped: {why}")
                status = status if why.startswith("../shared is absent") else 1
                continue
            if file_sha256(path) != gf.sha256:
                print(f"not scored: {gf.path} changed since it was annotated (sha256 differs)")
                status = 1
                continue
            entries.append((gf, path))
    if not entries:
        print("nothing to score")
        return status

    from bench.timing import best_of
    from ingest import load_document

    try:
        from nlp.plans.tasks import extract_tasks
    except ImportError as exc:
        print(f"cannot run: nlp.plans.tasks is not available ({exc})")
        return 2
    try:
        from nlp.bodies.departments import DepartmentDirectory
    except ImportError:
        print("note: nlp.bodies.departments is not available; names are compared as written")
        canon: Canon = plain_name
    else:
        canon = directory_canon(DepartmentDirectory.default())
    total = Score()
    n_extracted, seconds = 0, 0.0
    print(HEADER)
    details = []
    for gf, path in entries:
        document = load_document(path).document
        if document is None:
            print(f"not scored: {gf.path} failed to ingest")
            status = 1
            continue
        preds = extract_tasks(document)
        seconds += best_of(lambda doc=document: extract_tasks(doc), repeat)
        n_extracted += len(preds)
        placed = locate(read_text(path), document.text, gf.tasks)
        s = score(placed, preds, canon)
        total = total + s
        print(row(gf.path, s))
        details.append((gf, document, placed, preds, s))
    print(row("overall", total))
    rate = n_extracted / seconds if seconds else float("inf")
    timing = f"{seconds:.3f} s (best of {repeat} per file)"
    print(f"\n{n_extracted} tasks in {timing}: {rate:,.0f} tasks/s")
    if verbose:
        for gf, document, placed, preds, s in details:
            print(f"\n{gf.path}")
            print_details(document.text, gf.tasks, placed, preds, s)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--gold",
        type=Path,
        action="append",
        help="a gold JSON file (repeatable; default: every bench/gold/*_tasks.json)",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="list misses, false positives and field errors"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="extraction runs per file for tasks/s (best of)"
    )
    args = parser.parse_args(argv)
    gold = args.gold or sorted(GOLD_DIR.glob("*_tasks.json"))
    return run(gold, args.verbose, max(1, args.repeat))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))  # run as a script: make bench/ingest/nlp importable
    sys.exit(main())
