"""Retrieval quality on a test set: BM25 alone, each dense embedder alone, and hybrid.

Usage (STARD; ObliQA takes its questions file and no --qrels)::

    python bench/bench_retrieval.py --format stard --corpus ../shared/data/stard/corpus.jsonl \\
        --queries ../shared/data/stard/queries.jsonl --qrels ../shared/data/stard/qrels.tsv \\
        --embedders e5,use

The corpus is loaded into a real PolicyLens store under ``--work`` (reused while the corpus file
is unchanged) and indexed with the same code as ``policylens rebuild``; vectors are cached in that
store, so only the first run embeds (E5 takes about 50 min for STARD on 2 cores). ``--cache``
imports vectors from another PolicyLens database. ``--tune`` prints a grid of fusion settings.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.datasets import Query, load_corpus_rows, load_queries, to_documents  # noqa: E402
from index.search.build import sync_indexes  # noqa: E402
from index.search.engine import SearchEngine  # noqa: E402
from index.search.fusion import Fusion  # noqa: E402
from index.search.generations import IndexFolder, file_sha256  # noqa: E402
from index.store.database import Store  # noqa: E402

DEPTH = 200


def build_store(work: Path, corpus: Path, fmt: str) -> tuple[Store, dict[int, str]]:
    """Load the corpus into a store (once per corpus file); map unit ids to corpus ids."""
    work.mkdir(parents=True, exist_ok=True)
    marker = work / "corpus.json"
    sha = file_sha256(corpus)
    fresh = not marker.exists() or json.loads(marker.read_text())["sha256"] != sha
    if fresh:
        for old in work.glob("policylens.db*"):
            old.unlink()
    store = Store(work / "policylens.db")
    if fresh:
        rows = load_corpus_rows(corpus, fmt)
        language = "zh" if fmt == "stard" else "en"
        for result, _ in to_documents(rows, language):
            store.write(result)
        marker.write_text(json.dumps({"sha256": sha, "path": str(corpus)}))
    id_map: dict[int, str] = {}
    rows = load_corpus_rows(corpus, fmt)
    by_doc: dict[str, list[str]] = {}
    for result, corpus_ids in to_documents(rows, "und"):
        by_doc[result.document.id] = corpus_ids  # type: ignore[union-attr]
    for ident, document_id, provision_id in store.db.execute(
        "SELECT id, document_id, provision_id FROM provisions"
    ):
        n = int(provision_id.rsplit("/p-", 1)[1]) - 1
        id_map[int(ident)] = by_doc[document_id][n]
    return store, id_map


def query_vectors(
    engine: SearchEngine, work: Path, embedder: str, source: Path, queries: list[Query]
) -> tuple[np.ndarray, float]:
    """The queries embedded in one batch, cached beside the store; and ms per query."""
    digest = hashlib.sha256(("\n".join(q.text for q in queries)).encode()).hexdigest()[:16]
    cache = work / f"queries-{embedder}-{source.stem}-{digest}.npz"
    if cache.exists():
        data = np.load(cache)
        return data["vectors"], float(data["ms"])
    start = time.perf_counter()
    vectors = engine.embedder.queries([q.text for q in queries])
    ms = 1000 * (time.perf_counter() - start) / max(1, len(queries))
    np.savez(cache, vectors=vectors, ms=ms)
    return vectors, ms


def metrics(ranked: list[str], gold: frozenset[str]) -> dict[str, float]:
    """R@10, R@100, MRR@10, nDCG@10, MAP@10 (trec_eval's map_cut_10) for one query."""
    hits = [doc in gold for doc in ranked[:100]]
    first = next((n for n, h in enumerate(hits[:10]) if h), None)
    dcg = sum(1 / math.log2(n + 2) for n, h in enumerate(hits[:10]) if h)
    ideal = sum(1 / math.log2(n + 2) for n in range(min(len(gold), 10)))
    found, precision_sum = 0, 0.0
    for n, h in enumerate(hits[:10]):
        if h:
            found += 1
            precision_sum += found / (n + 1)
    return {
        "R@10": sum(hits[:10]) / len(gold),
        "R@100": sum(hits[:100]) / len(gold),
        "MRR@10": 0.0 if first is None else 1 / (first + 1),
        "nDCG@10": dcg / ideal if ideal else 0.0,
        "MAP@10": precision_sum / len(gold),
    }


def mean(rows: list[dict[str, float]]) -> dict[str, float]:
    return {k: sum(r[k] for r in rows) / len(rows) for k in rows[0]} if rows else {}


def evaluate(
    runs: list[dict[str, tuple[np.ndarray, np.ndarray]]],
    queries: list[Query],
    id_map: dict[int, str],
    name: str,
    engine: SearchEngine | None = None,
    fusion: Fusion | None = None,
) -> dict[str, float]:
    """Score one configuration: a single list (name), or the engine's hybrid ranking (with
    ``fusion``, or the engine's defaults for each query's language)."""
    rows = []
    for lists, q in zip(runs, queries, strict=True):
        if engine is None:
            ids = lists.get(name, (np.empty(0, np.int64), None))[0].tolist()
        else:
            ids = [i for i, _, _ in engine.combine(q.text, lists, fusion)]
        rows.append(metrics([id_map[i] for i in ids], q.gold))
    return mean(rows)


def table(title: str, results: list[tuple[str, dict[str, float], float]]) -> str:
    keys = list(results[0][1])
    lines = [f"### {title}", "", "| retriever | " + " | ".join(keys) + " | ms/query |"]
    lines.append("|" + " --- |" * (len(keys) + 2))
    for name, m, ms in results:
        lines.append(f"| {name} | " + " | ".join(f"{m[k]:.3f}" for k in keys) + f" | {ms:.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--format", choices=("stard", "obliqa"), required=True)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--queries", type=Path, required=True)
    parser.add_argument("--qrels", type=Path)
    parser.add_argument("--embedders", default="e5", help="comma-separated: e5,use,minilm,hash")
    parser.add_argument("--work", type=Path, help="workspace (default bench/out/<format>)")
    parser.add_argument("--cache", type=Path, action="append", default=[])
    parser.add_argument("--limit", type=int, help="first N queries only")
    parser.add_argument("--tune", action="store_true", help="print a grid of fusion settings")
    args = parser.parse_args()

    work = args.work or ROOT / "bench" / "out" / args.format
    t0 = time.perf_counter()
    store, id_map = build_store(work, args.corpus, args.format)
    for cache in args.cache:
        print(
            f"imported {store.import_embeddings(cache)} cached vectors from {cache}",
            file=sys.stderr,
        )
    queries = load_queries(args.queries, args.qrels, args.format)[: args.limit]
    units = set(id_map.values())
    print(
        f"{args.format}: {len(id_map)} passages, {len(queries)} queries "
        f"({sum(1 for q in queries if q.gold <= units)} with every gold passage in the corpus); "
        f"store ready in {time.perf_counter() - t0:.0f} s",
        file=sys.stderr,
    )
    results: list[tuple[str, dict[str, float], float]] = []
    keyword_runs: list[dict[str, tuple[np.ndarray, np.ndarray]]] | None = None
    for embedder in args.embedders.split(","):
        folder = IndexFolder(work / f"index-{embedder}")
        t1 = time.perf_counter()
        report = sync_indexes(store, folder, embedder, progress=_progress)
        print(f"\n{embedder}: {report} in {time.perf_counter() - t1:.0f} s", file=sys.stderr)
        engine = SearchEngine(store, folder)
        vectors, encode_ms = query_vectors(engine, work, embedder, args.queries, queries)
        runs, dense_ms, keyword_ms = [], 0.0, 0.0
        for n, (q, vector) in enumerate(zip(queries, vectors, strict=True)):
            t2 = time.perf_counter()
            lists = engine.retrieve(q.text, DEPTH, mode="dense", query_vector=vector)
            t3 = time.perf_counter()
            if keyword_runs is None:
                lists.update(engine.retrieve(q.text, DEPTH, mode="keyword"))
            else:
                lists["keyword"] = keyword_runs[len(runs)]["keyword"]
            keyword_ms += time.perf_counter() - t3
            dense_ms += t3 - t2
            runs.append(lists)
            if n % 200 == 0:
                print(f"\rqueries: {n}/{len(queries)}", end="", file=sys.stderr, flush=True)
        dense_ms = 1000 * dense_ms / len(queries) + encode_ms
        if keyword_runs is None:
            keyword_runs = runs
            results.append(
                (
                    "BM25",
                    evaluate(runs, queries, id_map, "keyword"),
                    1000 * keyword_ms / len(queries),
                )
            )
        results.append(
            (
                f"{embedder} (dense)",
                evaluate(runs, queries, id_map, "dense"),
                dense_ms,
            )
        )
        results.append(
            (
                f"BM25 + {embedder} (hybrid)",
                evaluate(runs, queries, id_map, "", engine),
                dense_ms + 1000 * keyword_ms / len(queries),
            )
        )
        if args.tune:
            _tune(engine, runs, queries, id_map, embedder)
    print(table(f"{args.format}: {args.corpus.name}, {len(queries)} queries", results))


def _tune(  # type: ignore[no-untyped-def]
    engine: SearchEngine, runs, queries, id_map, embedder: str
) -> None:
    print(f"\nfusion grid for {embedder} (R@10 / R@100 / MAP@10 / nDCG@10):")
    for method in ("linear", "rrf"):
        for document_weight in (0.0, 0.3):
            for w in (0.3, 0.4, 0.5, 0.6, 0.7):
                fusion = Fusion(
                    method=method,
                    keyword_weight=w,
                    dense_weight=1 - w,
                    document_weight=document_weight,
                )
                m = evaluate(runs, queries, id_map, "", engine, fusion)
                print(
                    f"  {method:6} keyword {w:.1f} document {document_weight:.1f}: "
                    f"{m['R@10']:.3f} / {m['R@100']:.3f} / {m['MAP@10']:.3f} / {m['nDCG@10']:.3f}",
                    flush=True,
                )


def _progress(stage: str, done: int, total: int) -> None:
    if done == total or done % 2048 < 64:
        print(f"\r{stage}: {done}/{total}", end="", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
