"""Retrieval quality on a test set, stage by stage: BM25, dense, fusion, law-aware, learned.

Usage (STARD; ObliQA takes its questions file and no --qrels)::

    python bench/bench_retrieval.py --format stard --corpus ../shared/data/stard/corpus.jsonl \\
        --queries ../shared/data/stard/queries.jsonl --qrels ../shared/data/stard/qrels.tsv \\
        --embedders e5 --folds 5 --train

The corpus is loaded into a real PolicyLens store under ``--work`` (reused while the corpus file
is unchanged) and indexed with the same code as ``policylens rebuild``; vectors are cached in that
store, so only the first run embeds (E5 takes about 50 min for STARD on 2 cores). ``--cache``
imports vectors from another PolicyLens database.

Stages: "fusion" is the engine's former ranking (fusion weights for the query's language and the
document lift); "law-aware" is the law-scored fusion (``index.search.laws``); "learned (CV)" is
the LightGBM ranker cross-validated by query on the given queries (``--folds``), or on the
``--train-part`` share of them, the rest then ranked once by the model fitted on that share
("learned (held-out part)"). ``--train`` fits on the training queries and saves the model with
the index (``--ranker-out`` elsewhere); ``--ranker PATH`` ranks every query with a saved model,
so a held-out split is measured without code changes. ``--save-features`` / ``--extra`` carry
training rows from one corpus into another's training folds. ``--tune`` prints a grid of fusion
settings, ``--tune-laws`` one of law weights.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.datasets import Query, load_corpus_rows, load_queries, to_documents  # noqa: E402
from bench.ranking_cv import (  # noqa: E402
    QueryRows,
    cross_validate,
    fit,
    in_train_part,
    load_rows,
    reorder,
    save_rows,
)
from index.search.build import sync_indexes  # noqa: E402
from index.search.engine import SearchEngine  # noqa: E402
from index.search.fusion import Fusion, fuse  # noqa: E402
from index.search.generations import IndexFolder, file_sha256  # noqa: E402
from index.search.laws import LawWeights, law_aware  # noqa: E402
from index.search.query_text import normalise_query  # noqa: E402
from index.search.ranker import DEFAULT_PARAMS, DEFAULT_ROUNDS, Ranker, load_ranker  # noqa: E402
from index.store.database import Store  # noqa: E402

DEPTH = 200
REPORTED = ("R@10", "R@100", "MAP@10")


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


Ranked = list[tuple[int, float, dict[str, int]]]


def parse_args() -> argparse.Namespace:
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
    parser.add_argument("--tune-laws", action="store_true", help="print a grid of law weights")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (0: none)")
    parser.add_argument(
        "--train-part", type=float, default=1.0, help="share of the queries to train on"
    )
    parser.add_argument("--train", action="store_true", help="fit on the training queries, save")
    parser.add_argument("--ranker-out", type=Path, help="where --train saves (default: index)")
    parser.add_argument("--ranker", type=Path, help="rank every query with this saved model")
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS, help="boosting rounds")
    parser.add_argument("--leaves", type=int, default=int(DEFAULT_PARAMS["num_leaves"]))
    parser.add_argument("--save-features", type=Path, help="write the training rows (.npz)")
    parser.add_argument("--extra", type=Path, action="append", default=[], help="rows to add")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    work = args.work or ROOT / "bench" / "out" / args.format
    t0 = time.perf_counter()
    store, id_map = build_store(work, args.corpus, args.format)
    for cache in args.cache:
        print(
            f"imported {store.import_embeddings(cache)} cached vectors from {cache}",
            file=sys.stderr,
        )
    queries = [
        Query(q.id, normalise_query(q.text), q.gold)
        for q in load_queries(args.queries, args.qrels, args.format)[: args.limit]
    ]
    units = set(id_map.values())
    print(
        f"{args.format}: {len(id_map)} passages, {len(queries)} queries "
        f"({sum(1 for q in queries if q.gold <= units)} with every gold passage in the corpus); "
        f"store ready in {time.perf_counter() - t0:.0f} s",
        file=sys.stderr,
    )
    results: list[tuple[str, dict[str, float], float]] = []
    keyword_runs: list[dict[str, tuple[np.ndarray, np.ndarray]]] | None = None
    keyword_ms = 0.0
    for embedder in args.embedders.split(","):
        folder = IndexFolder(work / f"index-{embedder}")
        t1 = time.perf_counter()
        report = sync_indexes(store, folder, embedder, progress=_progress)
        print(f"\n{embedder}: {report} in {time.perf_counter() - t1:.0f} s", file=sys.stderr)
        engine = SearchEngine(store, folder, learned=False)
        vectors, encode_ms = query_vectors(engine, work, embedder, args.queries, queries)
        runs: list[dict[str, tuple[np.ndarray, np.ndarray]]] = []
        dense_ms, kw_s = 0.0, 0.0
        for n, (q, vector) in enumerate(zip(queries, vectors, strict=True)):
            t2 = time.perf_counter()
            lists = engine.retrieve(q.text, DEPTH, mode="dense", query_vector=vector)
            t3 = time.perf_counter()
            if keyword_runs is None:
                lists.update(engine.retrieve(q.text, DEPTH, mode="keyword"))
            else:
                lists["keyword"] = keyword_runs[len(runs)]["keyword"]
            kw_s += time.perf_counter() - t3
            dense_ms += t3 - t2
            runs.append(lists)
            if n % 200 == 0:
                print(f"\rqueries: {n}/{len(queries)}", end="", file=sys.stderr, flush=True)
        dense_ms = 1000 * dense_ms / len(queries) + encode_ms
        if keyword_runs is None:
            keyword_runs, keyword_ms = runs, 1000 * kw_s / len(queries)
            results.append(("BM25", evaluate(runs, queries, id_map, "keyword"), keyword_ms))
        results.append((f"{embedder} (dense)", evaluate(runs, queries, id_map, "dense"), dense_ms))
        base_ms = dense_ms + keyword_ms
        if args.tune:
            _tune(engine, runs, queries, id_map, embedder)
        if args.tune_laws:
            part = [in_train_part(q.id, args.train_part) for q in queries]
            engine.laws = _tune_laws(engine, runs, queries, id_map, part)
        fused, fuse_ms = timed(engine.combine, queries, runs)
        results.append((f"BM25 + {embedder} fusion", score(fused, queries, id_map), base_ms))
        aware, law_ms = timed(engine.law_aware, queries, runs)
        base_ms += fuse_ms + law_ms
        results.append((f"+ law-aware ({law_ms:+.1f} ms)", score(aware, queries, id_map), base_ms))
        results.extend(
            learned_stages(args, engine, embedder, queries, runs, aware, id_map, base_ms)
        )
    print(table(f"{args.format}: {args.corpus.name}, {len(queries)} queries", results))


def timed(
    rank: Callable[[str, dict[str, tuple[np.ndarray, np.ndarray]]], Ranked],
    queries: list[Query],
    runs: list[dict[str, tuple[np.ndarray, np.ndarray]]],
) -> tuple[list[Ranked], float]:
    """Each query's ranking by ``rank`` and the mean ms it took."""
    start = time.perf_counter()
    out = [rank(q.text, lists) for q, lists in zip(queries, runs, strict=True)]
    return out, 1000 * (time.perf_counter() - start) / max(1, len(queries))


def score(
    ranked: Sequence[Sequence[Any]],
    queries: list[Query],
    id_map: dict[int, str],
    keep: list[bool] | None = None,
) -> dict[str, float]:
    """Mean metrics of rankings (lists of ids or of (id, score, ranks)), over ``keep``."""
    rows = []
    for n, (r, q) in enumerate(zip(ranked, queries, strict=True)):
        if keep is not None and not keep[n]:
            continue
        ids = [x if isinstance(x, int) else x[0] for x in r]
        rows.append(metrics([id_map[i] for i in ids], q.gold))
    return mean(rows)


def learned_stages(
    args: argparse.Namespace,
    engine: SearchEngine,
    embedder: str,
    queries: list[Query],
    runs: list[dict[str, tuple[np.ndarray, np.ndarray]]],
    aware: list[Ranked],
    id_map: dict[int, str],
    base_ms: float,
) -> list[tuple[str, dict[str, float], float]]:
    """Rows for the learned ranker: CV on the training part, the held-out part, a saved model."""
    start = time.perf_counter()
    rows = []
    for q, lists, ranked in zip(queries, runs, aware, strict=True):
        ids, matrix = engine.features(q.text, lists, ranked)
        labels = np.asarray([id_map[i] in q.gold for i in ids.tolist()], dtype=np.float32)
        rows.append(QueryRows(ids, matrix, labels))
    feature_ms = 1000 * (time.perf_counter() - start) / max(1, len(queries))
    part = [in_train_part(q.id, args.train_part) for q in queries]
    training = [r for r, keep in zip(rows, part, strict=True) if keep]
    extra = _extra(args.extra)
    params = {"num_leaves": args.leaves}
    out: list[tuple[str, dict[str, float], float]] = []
    if args.save_features:
        save_rows(args.save_features, training)
    if args.ranker:
        model = load_ranker(args.ranker, embedder=embedder)
        ms = feature_ms + _predict_ms(model, rows)
        by_model = [
            reorder(a, r.ids, model.score(r.matrix)) for a, r in zip(aware, rows, strict=True)
        ]
        out.append(
            (
                f"+ learned, {args.ranker} ({ms:+.1f} ms)",
                score(by_model, queries, id_map),
                base_ms + ms,
            )
        )
    if args.folds and training:
        scores, folds = cross_validate(
            training, args.folds, extra, params, args.rounds, embedder, log=_log
        )
        it, fold_it = iter(scores), iter(folds)
        ranked_cv = [
            reorder(a, r.ids, next(it)) if keep else []
            for a, r, keep in zip(aware, rows, part, strict=True)
        ]
        fold_of = [next(fold_it) if keep else -1 for keep in part]
        for fold in range(args.folds):
            mask = [f == fold for f in fold_of]
            before = score(aware, queries, id_map, mask)
            after = score(ranked_cv, queries, id_map, mask)
            print(
                f"fold {fold + 1}: {sum(mask)} queries; law-aware → learned "
                + ", ".join(f"{k} {before[k]:.3f} → {after[k]:.3f}" for k in REPORTED),
                flush=True,
            )
        if args.train_part < 1:
            out.append(("law-aware, training part", score(aware, queries, id_map, part), base_ms))
        label = (
            f"+ learned ({args.folds}-fold CV{', training part' if args.train_part < 1 else ''})"
        )
        out.append((label, score(ranked_cv, queries, id_map, part), base_ms + feature_ms))
    if args.train_part < 1 or args.train:
        meta = {
            "trained_on": [str(args.queries)],
            "queries": len(training),
            "extra": [str(p) for p in args.extra],
            "rounds": args.rounds,
            "params": params,
            "trained_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }
        model = fit(training, extra, params, args.rounds, embedder, meta)
        if args.train:
            target = model.save(args.ranker_out or engine.folder.root)
            print(f"saved the learned ranker in {target}", file=sys.stderr)
        held = [not keep for keep in part]
        if any(held):
            ms = feature_ms + _predict_ms(model, rows)
            by_model = [
                reorder(a, r.ids, model.score(r.matrix)) for a, r in zip(aware, rows, strict=True)
            ]
            out.append(("law-aware, held-out part", score(aware, queries, id_map, held), base_ms))
            out.append(
                (
                    f"+ learned, held-out part ({ms:+.1f} ms)",
                    score(by_model, queries, id_map, held),
                    base_ms + ms,
                )
            )
    return out


def _predict_ms(model: Ranker, rows: list[QueryRows]) -> float:
    start = time.perf_counter()
    for r in rows[:200]:
        model.score(r.matrix)
    return 1000 * (time.perf_counter() - start) / max(1, min(200, len(rows)))


def _extra(paths: list[Path]) -> tuple[np.ndarray, np.ndarray, list[int]] | None:
    if not paths:
        return None
    parts = [load_rows(p) for p in paths]
    return (
        np.vstack([p[0] for p in parts]),
        np.concatenate([p[1] for p in parts]),
        [g for p in parts for g in p[2]],
    )


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _tune_laws(
    engine: SearchEngine,
    runs: list[dict[str, tuple[np.ndarray, np.ndarray]]],
    queries: list[Query],
    id_map: dict[int, str],
    part: list[bool],
) -> LawWeights:
    """Print law-aware figures for a grid of weights on the training part of the queries only,
    and return the best by MAP@10 (then R@10) among those that boost a named law: the design
    boosts a law the query names, the training data chooses by how much."""
    print(f"\nlaw weights grid on {sum(part)} training queries (R@10 / R@100 / MAP@10 / nDCG@10):")
    prepared = []  # the fused list, its documents and the named laws of each training query
    for q, lists, keep in zip(queries, runs, part, strict=True):
        if keep:
            fused = fuse(lists, replace(engine.fusion_for(q.text), document_weight=0.0))
            documents = engine.store.unit_documents([i for i, _, _ in fused])
            prepared.append((q, fused, documents, engine.law_catalogue.named(q.text)))
    chosen, best = LawWeights(), (-1.0, -1.0)
    for top in (1, 2, 3):
        for weight in (0.0, 0.2, 0.3, 0.5, 0.8, 1.2):
            for named in (0.0, 0.2, 0.5, 1.0):
                laws = LawWeights(weight=weight, top=top, named=named)
                rows = [
                    metrics(
                        [id_map[i] for i, _, _ in law_aware(fused, documents, found, laws)],
                        q.gold,
                    )
                    for q, fused, documents, found in prepared
                ]
                m = mean(rows)
                print(
                    f"  top {top} weight {weight:.1f} named {named:.1f}: "
                    f"{m['R@10']:.3f} / {m['R@100']:.3f} / {m['MAP@10']:.3f} / {m['nDCG@10']:.3f}",
                    flush=True,
                )
                if named > 0 and (m["MAP@10"], m["R@10"]) > best:
                    chosen, best = laws, (m["MAP@10"], m["R@10"])
    print(f"chosen on the training part: {chosen}", flush=True)
    return chosen


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
