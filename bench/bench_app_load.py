"""The app under load: simulated sessions searching, idle and while an ingest runs.

Usage::

    python bench/bench_app_load.py [--sessions 10] [--queries 20] [--embedder hash]

Each simulated session is a thread of one process, as Streamlit serves its sessions, and makes
the calls the search page makes for one search (service-level drivers, not browsers, so the load
generator does not eat the machine): open the store, a ``SearchEngine`` on the current index
generation (loaded once per process, as ``ui.data`` caches it), ``search`` for the articles tab
and ``across_regions`` for the regions tab. The sessions search the sample corpus twice: once
with the machine otherwise idle, then while ``policylens ingest`` adds the 73 texts of
``../shared/data/lawrefbook_safety/docs`` (``--laws N``: the first N of them) to the same
workspace and builds the new index generation. Printed: p50, p95 and worst per search in each
phase, and the ratio of the two p95s (the issue's goal: p95 under ingest ≤ 2× idle).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.workspace_cli import run_cli  # noqa: E402
from index import open_store  # noqa: E402
from index.search.embedders import load_embedder  # noqa: E402
from index.search.engine import SearchEngine  # noqa: E402
from index.search.generations import IndexFolder  # noqa: E402
from index.search.regions import across_regions  # noqa: E402
from index.settings import INDEX_DIR  # noqa: E402

WORKSPACE = ROOT / "bench" / "out" / "app-load-ws"
LAWS = ROOT.parent / "shared" / "data" / "lawrefbook_safety" / "docs"
QUERIES = (
    "事故发生后多长时间内报告",
    "安全生产教育和培训学时",
    "生产经营单位的主要负责人职责",
    "重大事故隐患排查治理",
    "Who may refuse orders that violate safety rules?",
    "fines for failing to report an accident",
)


class Service:
    """What one app process holds for every session: the generation and the embedder."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.folder = IndexFolder(home / INDEX_DIR)
        self.generation = self.folder.open()
        self.embedder = load_embedder(self.generation.manifest.embedder)

    def one_search(self, query: str) -> float:
        """Seconds for the calls of one search on the search page."""
        start = time.perf_counter()
        store = open_store(self.home)
        try:
            engine = SearchEngine(
                store, self.folder, generation=self.generation, embedder=self.embedder
            )
            engine.search(query, 10)
            across_regions(engine, query)
        finally:
            store.close()
        return time.perf_counter() - start


def _phase(service: Service, sessions: int, queries: int) -> list[float]:
    """Each session searches ``queries`` times, all at once; every search's seconds."""
    times: list[float] = []
    lock = threading.Lock()

    def session(k: int) -> None:
        mine = [service.one_search(QUERIES[(k + i) % len(QUERIES)]) for i in range(queries)]
        with lock:
            times.extend(mine)

    threads = [threading.Thread(target=session, args=(k,)) for k in range(sessions)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return times


def _summary(times: list[float]) -> tuple[float, float, float]:
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered), p95, ordered[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--queries", type=int, default=20, help="searches per session and phase")
    parser.add_argument("--embedder", default=os.environ.get("POLICYLENS_EMBEDDER", "hash"))
    parser.add_argument(
        "--laws", type=int, default=0, help="ingest only the first N texts (0: all 73)"
    )
    args = parser.parse_args()
    if not LAWS.is_dir():
        raise SystemExit(
            f"{LAWS} is missing: the ingest load needs ../shared beside the repository"
        )
    env = {**os.environ, "POLICYLENS_EMBEDDER": args.embedder, "HF_HUB_OFFLINE": "1"}
    shutil.rmtree(WORKSPACE, ignore_errors=True)
    WORKSPACE.mkdir(parents=True)
    run_cli(WORKSPACE, "setup", "--password-stdin", env=env, stdin="bench-load-pass\n")
    run_cli(WORKSPACE, "ingest", str(ROOT / "corpus"), env=env)
    service = Service(WORKSPACE)
    service.one_search(QUERIES[0])  # warm: the first search loads what the process caches

    idle = _phase(service, args.sessions, args.queries)
    laws = sorted(p for p in LAWS.rglob("*") if p.is_file())
    chosen = [str(p) for p in laws[: args.laws or len(laws)]]
    ingest = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "ingest", *chosen, "--home", str(WORKSPACE)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    busy: list[float] = []
    rounds = 0
    started = time.perf_counter()
    while ingest.poll() is None:  # search for as long as the ingest runs
        busy += _phase(service, args.sessions, args.queries)
        rounds += 1
    took = time.perf_counter() - started
    if ingest.returncode != 0:
        raise SystemExit(f"the ingest under load failed (exit {ingest.returncode})")

    print(
        f"{args.sessions} sessions, embedder {args.embedder}, the sample corpus searched; "
        f"ingest of {len(chosen)} texts took {took:.1f} s ({rounds} rounds of searches during it)"
    )
    print(f"{'phase':22} {'searches':>8} {'p50 ms':>8} {'p95 ms':>8} {'worst ms':>9}")
    for name, times in (("idle", idle), ("while ingesting", busy)):
        p50, p95, worst = _summary(times)
        print(f"{name:22} {len(times):8} {p50 * 1000:8.0f} {p95 * 1000:8.0f} {worst * 1000:9.0f}")
    ratio = _summary(busy)[1] / _summary(idle)[1]
    print(f"p95 while ingesting / p95 idle: {ratio:.2f}x (goal: <= 2x)")


if __name__ == "__main__":
    main()
