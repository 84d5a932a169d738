"""What keeping the indexes in step costs on a large knowledge base.

Usage: python bench/bench_index_update.py [WORKSPACE] [EMBEDDER]
(default bench/out/stard and e5: the store bench_retrieval.py built, 58,530 articles)

Prints the time of a full rebuild from the store's caches, of adding one 20-article document
(its articles embedded and tokenised, the rest reused), and of removing it again. The baseline
is the full rebuild: an incremental sync should cost a small fraction of it.

       python bench/bench_index_update.py --servers [N] [POSTGRESQL_URL]

Two app servers on one PostgreSQL store (a database created on the server of the URL, or a
throw-away cluster started with .ci/pg-cluster and removed at the end): each is a process of its
own with its own index folder, running the app's service layer (``tests/integration/app_server.py``,
the driver of the two-server test). N documents (default 5) are sent one at a time to server A,
whose job worker ingests them; server B only searches, every 50 ms, until it finds each. Prints
per document the delay from sending to A until B finds it, and from A's job finishing until B
finds it (B looks for a newer generation every 2 s and rebuilds its files from the store's
caches). The hash embedder is used: this measures propagation, not embedding.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.search.build import sync_indexes  # noqa: E402
from index.search.generations import IndexFolder  # noqa: E402
from index.store.database import Store  # noqa: E402
from ingest.records import ArticleRecord, document_from_records  # noqa: E402
from tests.integration.server_process import ServerError, ServerProcess  # noqa: E402


def main() -> None:
    work = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "out" / "stard"
    embedder = sys.argv[2] if len(sys.argv) > 2 else "e5"
    if not (work / "policylens.db").exists():
        sys.exit(f"no store in {work}; run bench/bench_retrieval.py first")
    store = Store(work / "policylens.db")
    folder = IndexFolder(work / f"index-{embedder}")

    def timed(label: str, **kwargs: object) -> float:
        start = time.perf_counter()
        report = sync_indexes(store, folder, embedder, **kwargs)  # type: ignore[arg-type]
        seconds = time.perf_counter() - start
        print(
            f"| {label} | {seconds:.1f} | {report.embedded} | {report.added} | {report.removed} |",
            flush=True,
        )
        return seconds

    print(f"{len(store.search_units()):,} articles in {work}, embedder {embedder}\n")
    print("| step | seconds | embedded | added | removed |")
    print("| --- | --- | --- | --- | --- |")
    timed("full rebuild from the caches (warm-up)", full=True)
    full = timed("full rebuild from the caches", full=True)
    title = "基准新增规定"
    stamp = time.strftime("%Y%m%d%H%M%S")  # new wording each run, so its articles are embedded
    records = [
        ArticleRecord(
            f"art-{i}",
            f"第{i}条",
            f"第{i}条 生产经营单位应当落实第{i}项安全措施（{stamp}）。",
            (title,),
        )
        for i in range(1, 21)
    ]
    result = document_from_records(
        work_id="bench-added",
        version="2026-01-01",
        title=title,
        articles=records,
        metadata={"language": "zh", "status": "in_force"},
    )
    store.write(result)
    add = timed("add one 20-article document")
    store.delete_document("bench-added@2026-01-01")
    remove = timed("remove it again")
    print(f"\nadd / full rebuild {add / full:.2f}; remove / full rebuild {remove / full:.2f}")
    store.close()


def database(admin_url: str) -> str:
    """A fresh database for this run on the server of ``admin_url``; its URL."""
    import psycopg

    name = f"bench_servers_{os.getpid()}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(admin_url)._replace(path=f"/{name}"))


def found_on(server: ServerProcess, query: str, document: str, limit: float = 120.0) -> float:
    """Search ``server`` every 50 ms until ``document`` is among the hits; when (monotonic)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            if document in server.ask("search", query=query)["documents"]:
                return time.monotonic()
        except ServerError as exc:  # no index yet on this server
            if "IndexFilesError" not in str(exc):
                raise
        time.sleep(0.05)
    raise SystemExit(f"{document} not found on server B within {limit:.0f} s")


def servers(count: int, admin_url: str | None) -> None:
    """The propagation delay between two app servers on one PostgreSQL store."""
    from tests import filegen

    scratch = Path(tempfile.mkdtemp(prefix="policylens-bench-servers."))
    cluster = None
    if admin_url is None:
        cluster = Path(tempfile.mkdtemp(prefix="policylens-bench-pg."))  # its owner enters it
        started = subprocess.run(
            [str(ROOT / ".ci" / "pg-cluster"), "start", str(cluster), "5443"],
            capture_output=True,
            text=True,
        )
        if started.returncode != 0:
            sys.exit(f"no PostgreSQL: .ci/pg-cluster failed: {started.stderr.strip()}")
        admin_url = started.stdout.strip()
    a = b = None
    url = database(admin_url)
    try:
        hashed = {"POLICYLENS_EMBEDDER": "hash"}
        a = ServerProcess("a", scratch / "server-a", url, hashed)
        b = ServerProcess("b", scratch / "server-b", url, hashed)
        a.ask("add_user", user="ada")
        a.ask("worker")
        print("| document | sent to A → searchable on B (s) | A's job done → on B (s) |")
        print("| --- | --- | --- |")
        from_sent, from_done = [], []
        for n in range(count + 1):  # the first gives B its first index: shown, not counted
            title = f"示例第{n + 1}号作业安全管理规定{time.strftime('%H%M%S')}"
            text = filegen.render_text(filegen.REGULATION._replace(title=title))
            sent = time.monotonic()
            job = a.ask("upload", user="ada", name=f"doc-{n}.txt", text=text)["job"]
            while (view := a.ask("job", job=job))["state"] not in ("done", "failed"):
                time.sleep(0.02)
            done = time.monotonic()
            if view["state"] != "done":
                raise SystemExit(f"the ingest failed on A: {view['error']}")
            found = found_on(b, title, view["results"][0]["document_id"])
            if n == 0:
                print(f"| B's first index | {found - sent:.2f} | {found - done:.2f} |", flush=True)
                continue
            from_sent.append(found - sent)
            from_done.append(found - done)
            print(f"| {n} | {found - sent:.2f} | {found - done:.2f} |", flush=True)
        print(
            f"\nsent to A → searchable on B: median {statistics.median(from_sent):.2f} s, "
            f"max {max(from_sent):.2f} s; after A's job: median "
            f"{statistics.median(from_done):.2f} s, max {max(from_done):.2f} s ({count} documents)"
        )
    finally:
        for server in (a, b):
            if server is not None:
                server.close()
        shutil.rmtree(scratch, ignore_errors=True)
        if cluster is not None:
            subprocess.run([str(ROOT / ".ci" / "pg-cluster"), "stop", str(cluster)], check=False)
        else:
            import psycopg

            with psycopg.connect(admin_url, autocommit=True) as admin:
                name = urlsplit(url).path.lstrip("/")
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    if sys.argv[1:2] == ["--servers"]:
        rest = sys.argv[2:]
        count = int(rest.pop(0)) if rest and rest[0].isdigit() else 5
        servers(count, rest[0] if rest else os.environ.get("POLICYLENS_DATABASE_URL"))
    else:
        main()
