"""Unit vectors of passages (articles with their headings) and queries, read from the store's
cache and embedded only where missing, so that a second use costs no embedding."""

from __future__ import annotations

import numpy as np

from index.search.embedders import Embedder
from index.store.database import Store
from index.store.passages import passage_key


def passage_vectors(
    store: Store, embedder: Embedder, texts: list[str], *, query: bool
) -> np.ndarray:
    """Unit vectors for ``texts``, from the store's cache where present, embedded otherwise."""
    model = embedder.name + (":query" if query else "")
    keys = [passage_key(t) for t in texts]
    cached = store.cached_vectors(model, keys)
    missing = [i for i, k in enumerate(keys) if k not in cached]
    if missing:
        fresh = (
            embedder.queries([texts[i] for i in missing])
            if query
            else embedder.passages([texts[i] for i in missing])
        )
        items = [(keys[i], fresh[n].astype(np.float32).tobytes()) for n, i in enumerate(missing)]
        store.cache_vectors(model, items)
        cached.update(items)
    return np.vstack([np.frombuffer(cached[k], dtype=np.float32) for k in keys])
