"""Concurrent audited task updates on SQLite and on PostgreSQL, side by side.

Usage::

    python bench/bench_ledger_concurrency.py [--processes 4] [--updates 200] [--tasks 50]
        [--pg URL] [--search] [--json OUT]

One plan of ``--tasks`` tasks is saved in a fresh store of each backend; then ``--processes``
processes, each with its own connection (as several app servers would have), make ``--updates``
audited updates each: pick a task at random, read it, update its note and progress with the
version read as ``expected_version`` (``Ledger.update``: one transaction with its audit rows and
the checkpoint moved after it; on PostgreSQL two round trips under the audit chain's lock). A
:class:`ConflictError` (another process changed the task in between) is counted and the update
is read again and retried, so every update lands once.

Reported per backend: throughput (successful updates per second of wall time), the p50 and p95
latency of one ``Ledger.update`` call that succeeded, conflicts reported, and lost updates: the
updates that succeeded minus the version increments found on the tasks afterwards, plus those
whose note has no audit row (both must be 0), and whether ``verify_audit`` passes.

PostgreSQL: ``--pg URL`` names a server where this script may create and drop a database (the
``postgresql://`` URL of a superuser or a role with CREATEDB); without it, a throw-away cluster is
started with ``.ci/pg-cluster`` in a temporary folder (fsync on: honest figures) and stopped at
the end. Where neither works, only SQLite is measured and the reason is printed.

``--search`` adds search latency on both backends over the sample corpus (``corpus/``, indexed
with the deterministic hash embedder so that only the store differs): p50/p95 of
``SearchEngine.search`` (hybrid, k=10) over the queries below.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.accounts import Role, User  # noqa: E402
from index.settings import DB_NAME  # noqa: E402
from index.store.database import Store  # noqa: E402
from index.tasks.ledger import Ledger  # noqa: E402
from index.tasks.records import TaskChange, TaskRecord  # noqa: E402
from index.tasks.workflow import ConflictError  # noqa: E402

PLAN = "bench-plan"
ADMIN = User("bench-admin", Role.ADMIN)
LEAD = "示例省应急管理厅"
SEARCH_QUERIES = [
    "生产安全事故发生后多长时间内必须报告",
    "安全生产责任制 主要负责人 职责",
    "危险化学品 储存 安全距离",
    "what is the fine for failing to report an accident",
    "training of new employees before they start work",
    "应急预案演练 隐患排查治理",
]


@dataclass
class Figures:
    """What one backend measured."""

    backend: str
    updates: int
    wall_s: float
    per_s: float
    p50_ms: float
    p95_ms: float
    conflicts: int
    lost: int
    audit_ok: bool


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``values``, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def task_key(k: int) -> str:
    return f"t{k:02d}"


def task_id(k: int) -> str:
    return f"{PLAN}#{task_key(k)}"


def open_bench_store(home: Path, url: str | None) -> Store:
    """The store under test: the SQLite file in ``home``, or the PostgreSQL database ``url``
    (``home`` then holds the workspace's own files: the audit checkpoint)."""
    return Store(home / DB_NAME, url)


def prepare(home: Path, url: str | None, tasks: int) -> dict[str, int]:
    """Save the plan; returns each task's version before the run."""
    with open_bench_store(home, url) as store:
        ledger = Ledger(store)
        records = [
            TaskRecord(task_key(k), f"第{k}项重点工作：开展专项整治", lead=(LEAD,))
            for k in range(tasks)
        ]
        ledger.save_plan(ADMIN, PLAN, "并发写入基准计划", records)
        return {task_id(k): ledger.task(task_id(k)).version for k in range(tasks)}


def writer(
    home: str, url: str | None, n: int, updates: int, tasks: int, start: Any, out: Any
) -> None:
    """One process: ``updates`` audited updates with the version read, retried on conflict."""
    try:
        store = open_bench_store(Path(home), url)
        ledger = Ledger(store)
        actor = User(f"writer{n}", Role.ADMIN)
        rng = random.Random(1000 + n)
        latencies: list[float] = []
        done: list[tuple[str, int, str]] = []
        conflicts = 0
        start.wait(timeout=120)
        began = time.monotonic()
        for i in range(updates):
            ref = task_id(rng.randrange(tasks))
            note = f"writer {n} update {i}"
            while True:
                read = ledger.task(ref)
                t0 = time.perf_counter()
                try:
                    view = ledger.update(
                        actor,
                        ref,
                        TaskChange(progress=rng.randrange(100), note=note),
                        expected_version=read.version,
                    )
                except ConflictError:
                    conflicts += 1
                    continue
                latencies.append(time.perf_counter() - t0)
                done.append((ref, view.version, note))
                break
        ended = time.monotonic()
        store.close()
        out.put(("ok", n, began, ended, latencies, done, conflicts))
    except BaseException as exc:  # noqa: BLE001 - reported by the parent, which fails on it
        out.put(("error", n, f"{type(exc).__name__}: {exc}"))


def run_backend(
    name: str, home: Path, url: str | None, processes: int, updates: int, tasks: int
) -> Figures:
    """The concurrent run on one backend, and its check."""
    before = prepare(home, url, tasks)
    context = multiprocessing.get_context("fork")  # no connection is open in this process now
    start = context.Barrier(processes)
    out = context.Queue()
    workers = [
        context.Process(
            target=writer, args=(str(home), url, n, updates, tasks, start, out), daemon=True
        )
        for n in range(processes)
    ]
    for w in workers:
        w.start()
    results = [out.get(timeout=1800) for _ in workers]
    for w in workers:
        w.join(timeout=60)
    errors = [r for r in results if r[0] != "ok"]
    if errors:
        raise SystemExit(f"{name}: a writer failed: {errors}")
    latencies = [x for r in results for x in r[4]]
    done = [x for r in results for x in r[5]]
    wall = max(r[3] for r in results) - min(r[2] for r in results)
    with open_bench_store(home, url) as store:
        ledger = Ledger(store)
        increments = sum(ledger.task(ref).version - v for ref, v in before.items())
        audited = {json.loads(row["new"]) for row in ledger.history() if row["field"] == "note"}
        audit_ok = ledger.verify_audit().ok
    versions = Counter((ref, version) for ref, version, _ in done)
    lost = (
        abs(len(done) - increments)
        + sum(1 for *_, note in done if note not in audited)
        + sum(count - 1 for count in versions.values())  # two updates saw the same version
    )
    return Figures(
        backend=name,
        updates=len(done),
        wall_s=round(wall, 2),
        per_s=round(len(done) / wall, 1),
        p50_ms=round(statistics.median(latencies) * 1000, 1),
        p95_ms=round(percentile(latencies, 0.95) * 1000, 1),
        conflicts=sum(r[6] for r in results),
        lost=lost,
        audit_ok=audit_ok,
    )


def search_latency(name: str, home: Path, url: str | None, repeat: int) -> dict[str, Any]:
    """Search p50/p95 (ms) on the sample corpus stored in this backend."""
    from index.library.intake import ingest_paths
    from index.search.build import sync_indexes
    from index.search.embedders import load_embedder
    from index.search.engine import SearchEngine
    from index.search.generations import IndexFolder

    corpus = sorted(p for p in (ROOT / "corpus").iterdir() if p.is_file())
    store = open_bench_store(home, url)
    ingest_paths(store, corpus, sandbox=False)
    folder = IndexFolder(home / "index")
    sync_indexes(store, folder, "hash")
    engine = SearchEngine(store, folder, embedder=load_embedder("hash"))
    for query in SEARCH_QUERIES:  # warm: caches and lazily loaded parts
        engine.search(query, k=10)
    times = []
    for _ in range(repeat):
        for query in SEARCH_QUERIES:
            t0 = time.perf_counter()
            engine.search(query, k=10)
            times.append(time.perf_counter() - t0)
    engine.close()
    store.close()
    return {
        "backend": name,
        "queries": len(times),
        "files": len(corpus),
        "p50_ms": round(statistics.median(times) * 1000, 2),
        "p95_ms": round(percentile(times, 0.95) * 1000, 2),
    }


class Cluster:
    """A database for this run: on the server of ``--pg``, or in a throw-away cluster."""

    def __init__(self, url: str | None) -> None:
        self.folder: Path | None = None
        self.reason = ""
        if url is None:
            self.folder = Path(tempfile.mkdtemp(prefix="policylens-bench-pg."))
            started = subprocess.run(
                [str(ROOT / ".ci" / "pg-cluster"), "start", str(self.folder), "5441"],
                capture_output=True,
                text=True,
            )
            if started.returncode != 0:
                self.reason = f"no PostgreSQL: .ci/pg-cluster failed: {started.stderr.strip()}"
                self.stop()
                self.admin_url = None
                return
            url = started.stdout.strip()
        self.admin_url: str | None = url

    def database(self, name: str) -> str | None:
        """A new empty database ``name`` and its URL (None without a server)."""
        if self.admin_url is None:
            return None
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
        return urlunsplit(urlsplit(self.admin_url)._replace(path=f"/{name}"))

    def drop(self, name: str) -> None:
        if self.admin_url is None:
            return
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.folder is not None:
            subprocess.run(
                [str(ROOT / ".ci" / "pg-cluster"), "stop", str(self.folder)], check=False
            )
            self.folder = None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--updates", type=int, default=200, help="per process")
    parser.add_argument("--tasks", type=int, default=50)
    parser.add_argument("--pg", help="postgresql:// URL of a server to create a database on")
    parser.add_argument("--search", action="store_true", help="also time search on both")
    parser.add_argument("--search-repeat", type=int, default=20)
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args()
    os.environ.pop("POLICYLENS_DATABASE_URL", None)  # each store is named explicitly here

    load_before = os.getloadavg()
    scratch = Path(tempfile.mkdtemp(prefix="policylens-bench-ledger."))
    cluster = Cluster(args.pg)
    database = f"policylens_bench_{os.getpid()}"
    figures: list[Figures] = []
    searches: list[dict[str, Any]] = []
    try:
        pg_url = cluster.database(database)
        backends: list[tuple[str, str | None]] = [("sqlite", None)]
        if pg_url:
            backends.append(("postgresql", pg_url))
        else:
            print(cluster.reason)
        for name, url in backends:
            home = scratch / f"{name}-ledger"
            home.mkdir(mode=0o700)
            figures.append(run_backend(name, home, url, args.processes, args.updates, args.tasks))
        if args.search:
            for name, url in backends:
                home = scratch / f"{name}-search"
                home.mkdir(mode=0o700)
                search_url = cluster.database(f"{database}_search") if url else None
                searches.append(search_latency(name, home, search_url, args.search_repeat))
    finally:
        cluster.drop(database)
        cluster.drop(f"{database}_search")
        cluster.stop()
        subprocess.run(["rm", "-rf", str(scratch)], check=False)

    print(
        f"ledger: {args.processes} processes x {args.updates} audited updates on "
        f"{args.tasks} tasks (expected_version, retried on conflict); load average "
        f"{load_before[0]:.2f} before, {os.getloadavg()[0]:.2f} after (1 min)"
    )
    print(
        f"{'backend':<11} {'updates':>7} {'wall s':>7} {'upd/s':>7} {'p50 ms':>7} "
        f"{'p95 ms':>7} {'conflicts':>9} {'lost':>5} {'audit':>6}"
    )
    for f in figures:
        print(
            f"{f.backend:<11} {f.updates:>7} {f.wall_s:>7} {f.per_s:>7} {f.p50_ms:>7} "
            f"{f.p95_ms:>7} {f.conflicts:>9} {f.lost:>5} {'ok' if f.audit_ok else 'BROKEN':>6}"
        )
    if len(figures) == 2:
        lite, pg = figures
        print(
            f"ratio postgresql/sqlite: throughput {pg.per_s / lite.per_s:.2f}x, "
            f"p95 {pg.p95_ms / lite.p95_ms:.2f}x"
        )
    if searches:
        print("search on the sample corpus (hash embedder, hybrid, k=10):")
        for s in searches:
            print(
                f"  {s['backend']:<11} {s['queries']} queries  p50 {s['p50_ms']} ms  "
                f"p95 {s['p95_ms']} ms"
            )
        if len(searches) == 2:
            lite_s, pg_s = searches
            print(
                f"  ratio postgresql/sqlite: p50 {pg_s['p50_ms'] / lite_s['p50_ms']:.2f}x, "
                f"p95 {pg_s['p95_ms'] / lite_s['p95_ms']:.2f}x"
            )
    if args.json:
        args.json.write_text(
            json.dumps(
                {"ledger": [asdict(f) for f in figures], "search": searches},
                ensure_ascii=False,
                indent=1,
            )
        )
    bad = [f.backend for f in figures if f.lost or not f.audit_ok]
    if bad:
        print(f"FAILED: lost updates or a broken audit chain on {', '.join(bad)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
