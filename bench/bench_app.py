"""The app's speed as a user feels it, beside the bare search call.

Usage: python bench/bench_app.py [--embedder e5] [--repeat 5]

On a workspace holding the sample corpus (ingested once into bench/out/app-ws):
- cold start: from launching `policylens app` to the health check answering, and to the sign-in
  page drawn in headless Chromium;
- first search: from pressing Enter to the first results drawn, in a fresh session (it loads
  the index and the embedding model);
- query to rendered results: from pressing Enter to the results drawn and the script run
  finished, median and worst of each query repeated, beside the search page's script run alone
  (Streamlit's AppTest, no browser) and ``SearchEngine.search`` for the same query in one warm
  process (the bare call), and the ratio of rendered to bare.
Needs Debian's chromium (`make browser`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote_plus

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.browser import CHROMIUM_FLAGS, free_port, settled, wait_healthy  # noqa: E402
from bench.workspace_cli import run_cli  # noqa: E402
from index.search.engine import SearchEngine  # noqa: E402
from ui.i18n import t  # noqa: E402

WORKSPACE = ROOT / "bench" / "out" / "app-ws"
PASSWORD = "bench-app-password"
QUERIES = (
    "事故发生后多长时间内报告",
    "安全生产教育和培训学时",
    "Who may refuse orders that violate safety rules?",
    "fines for failing to report an accident",
)


def _search(page, query: str) -> float:
    """Seconds from Enter to this query's page drawn: the page puts the query into its address
    once it has run for it, so stale results of the previous query cannot be mistaken for it."""
    box = page.get_by_label(t("search.box"))
    box.fill(query)
    start = time.perf_counter()
    box.press("Enter")
    page.wait_for_url(lambda url: query in unquote_plus(url), timeout=120_000)
    settled(page)
    return time.perf_counter() - start


def _script_times(env: dict[str, str], repeat: int) -> dict[str, float]:
    """Median seconds of the search page's script run per query, in process (AppTest)."""
    from streamlit.testing.v1 import AppTest

    from index.accounts import Role, User

    os.environ["POLICYLENS_HOME"] = str(WORKSPACE)
    os.environ["POLICYLENS_EMBEDDER"] = env["POLICYLENS_EMBEDDER"]
    at = AppTest.from_file(str(ROOT / "ui" / "app.py"), default_timeout=120)
    at.session_state["user"] = User("bench", Role.ADMIN)
    at.run()
    at.switch_page("views/search.py").run()
    at.text_input(key="q").input(QUERIES[0]).run()  # loads the index and the model
    times: dict[str, list[float]] = {q: [] for q in QUERIES}
    for _ in range(repeat):
        for query in QUERIES:
            start = time.perf_counter()
            at.text_input(key="q").input(query).run()
            times[query].append(time.perf_counter() - start)
    return {q: statistics.median(t) for q, t in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedder", default=os.environ.get("POLICYLENS_EMBEDDER", "e5"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("Debian's chromium is not installed: run `make browser`")
    from playwright.sync_api import sync_playwright

    env = {**os.environ, "POLICYLENS_EMBEDDER": args.embedder, "HF_HUB_OFFLINE": "1"}
    WORKSPACE.mkdir(parents=True, exist_ok=True)
    run_cli(
        WORKSPACE, "setup", "--admin", "bench", "--password-stdin", env=env, stdin=PASSWORD + "\n"
    )
    run_cli(WORKSPACE, "ingest", str(ROOT / "corpus"), env=env)

    # The bare call: the same queries in one warm process.
    engine = SearchEngine.open(WORKSPACE)
    engine.search(QUERIES[0], 10)
    bare = {}
    for query in QUERIES:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            engine.search(query, 10)
            times.append(time.perf_counter() - start)
        bare[query] = statistics.median(times)
    engine.close()
    script = _script_times(env, args.repeat)

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "app", "--home", str(WORKSPACE), "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_healthy(url, proc)
        healthy = time.perf_counter() - start
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(120_000)
            page.goto(url)
            page.get_by_role("button", name=t("login.submit")).wait_for()
            drawn = time.perf_counter() - start
            page.get_by_label(t("login.user")).fill("bench")
            page.get_by_label(t("login.password"), exact=True).fill(PASSWORD)
            page.get_by_role("button", name=t("login.submit")).click()
            page.get_by_role("link", name=t("nav.search")).click()
            page.get_by_label(t("search.box")).wait_for()
            settled(page)
            first = _search(page, QUERIES[0])
            rendered: dict[str, list[float]] = {q: [] for q in QUERIES}
            for _ in range(args.repeat):  # round robin: each run follows another query
                for query in QUERIES:
                    rendered[query].append(_search(page, query))
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)

    print(f"embedder {args.embedder}; sample corpus; {args.repeat} runs per query")
    print(f"cold start: health check {healthy:.2f} s, sign-in page drawn {drawn:.2f} s")
    print(f"first search in a fresh app (loads index and model): {first:.2f} s")
    print(
        f"{'query':<52} {'rendered':>9} {'worst':>8} {'script':>8} {'bare':>7} "
        f"{'rendered/bare':>14}"
    )
    for query, times in rendered.items():
        median = statistics.median(times)
        print(
            f"{query[:50]:<52} {median * 1000:>7.0f}ms {max(times) * 1000:>6.0f}ms "
            f"{script[query] * 1000:>6.0f}ms {bare[query] * 1000:>5.0f}ms "
            f"{median / bare[query]:>13.1f}x"
        )


if __name__ == "__main__":
    main()
