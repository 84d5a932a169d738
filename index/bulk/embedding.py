"""Embedding on Ray Data: passages in blocks, ``map_batches`` over a pool of actors that each
load the model once; the vectors stream back to the driver, which caches them in the store.

Ray Data suits this stage: the input is a flat list of (key, text) rows, the model is the
expensive state an actor keeps, and the streaming executor keeps every actor busy while the
driver writes what came back. Passages may be sorted by length first, so that a batch holds
texts of similar length (an engine that pads a batch to its longest text wastes less).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from index.bulk.cluster import RayPlan
from index.search.embedders import SentenceTransformerEmbedder, load_embedder

OnVectors = Callable[[list[str], np.ndarray], None]
"""on_vectors(keys, vectors): a batch of embedded passages, in no particular order."""


class PassageEncoder:
    """A Ray Data actor: loads the embedder once, then embeds each batch it is given."""

    def __init__(self, name: str, threads: int | None) -> None:
        """Load the embedder ``name`` with ``threads`` CPU threads (None: its default)."""
        self.model = load_embedder(name, threads)
        if threads and isinstance(self.model, SentenceTransformerEmbedder):
            import torch  # only then: importing torch costs seconds in each actor

            torch.set_num_threads(threads)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Embed ``batch["text"]``; returns the keys and one unit-length row per text."""
        texts = [str(t) for t in batch["text"]]
        return {"key": batch["key"], "vector": self.model.passages(texts)}


def threads_per_worker(plan: RayPlan) -> int | None:
    """CPU threads for each actor: ``plan.threads`` when set, else this machine's cores shared
    out on a local instance and the engine's own default on a cluster (whose nodes this driver
    cannot see)."""
    if plan.threads:
        return plan.threads
    if plan.address:
        return None
    return max(1, (os.cpu_count() or 1) // plan.workers)


def embed_in_ray(
    ray: Any,
    items: Sequence[tuple[str, str]],
    name: str,
    plan: RayPlan,
    on_vectors: OnVectors,
) -> int:
    """Embed ``items`` (passage key, text) with the embedder ``name`` on Ray Data.

    Returns:
        How many passages were embedded.
    """
    if not items:
        return 0
    rows = sorted(items, key=lambda kv: len(kv[1])) if plan.sort_by_length else list(items)
    blocks = max(plan.workers * 2, len(rows) // (plan.embed_batch * 8))
    data = ray.data.from_items(
        [{"key": key, "text": text} for key, text in rows], override_num_blocks=blocks
    )
    vectors = data.map_batches(
        PassageEncoder,
        fn_constructor_kwargs={"name": name, "threads": threads_per_worker(plan)},
        batch_size=plan.embed_batch,
        batch_format="numpy",
        compute=ray.data.ActorPoolStrategy(size=plan.workers),
        num_cpus=1,
    )
    done = 0
    for batch in vectors.iter_batches(batch_size=None, batch_format="numpy"):
        keys = [str(k) for k in batch["key"]]
        on_vectors(keys, np.asarray(batch["vector"], dtype=np.float32))
        done += len(keys)
    return done
