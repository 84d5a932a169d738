"""What keeping the indexes in step costs on a large knowledge base.

Usage: python bench/bench_index_update.py [WORKSPACE] [EMBEDDER]
(default bench/out/stard and e5: the store bench_retrieval.py built, 58,530 articles)

Prints the time of a full rebuild from the store's caches, of adding one 20-article document
(its articles embedded and tokenised, the rest reused), and of removing it again. The baseline
is the full rebuild: an incremental sync should cost a small fraction of it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.search.build import sync_indexes  # noqa: E402
from index.search.generations import IndexFolder  # noqa: E402
from index.store.database import Store  # noqa: E402
from ingest.records import ArticleRecord, document_from_records  # noqa: E402


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


if __name__ == "__main__":
    main()
