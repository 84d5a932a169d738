"""Keep the derived indexes in step with the store, embedding only what is new.

Vectors are cached in the store (table ``embeddings``) batch by batch, so a build killed half-way
resumes where it stopped, and a rebuild after a lost or corrupt index file costs no embedding.
BM25 tokens are cached too (table ``passage_tokens``), so only new passages go through jieba.

With ``dense=False`` a sync embeds nothing: the generation it writes holds every unit in the
keyword index and only the units whose vectors are already cached in the vector index
("searchable at once, dense later"). Each generation is recorded in the store
(``index.search.generations.record_generation``), so that the other servers on the same store
notice it and load it (``index.search.reload``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.search.embedders import Embedder, load_embedder
from index.search.generations import Generation, IndexFilesError, IndexFolder, record_generation
from index.search.keyword import KeywordIndex
from index.search.tokens import TOKENIZER_VERSION, tokens
from index.search.vectors import VectorIndex
from index.settings import INDEX_DIR, chosen_embedder, embedder_name
from index.store.database import Store
from index.store.passages import passage_key
from index.store.search_units import SearchUnit

EMBED_BATCH = 64

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total)"""


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What one sync did."""

    units: int
    embedded: int
    reused_vectors: int
    added: int
    removed: int
    full: bool
    generation: Path | None
    dense_units: int = -1  # units with a vector in the index; -1: all of them (no sync ran)

    @property
    def dense_partial(self) -> bool:
        """Whether some units are searchable by keywords only (their vectors come later)."""
        return 0 <= self.dense_units < self.units


def choose_embedder(home: Path, explicit: str | None = None) -> str:
    """The embedder for a sync: ``explicit``, else $POLICYLENS_EMBEDDER, else the current
    index's own (so a rebuild never silently switches models), else the default."""
    if explicit:
        return explicit
    if chosen_embedder():
        return str(chosen_embedder())
    try:
        return IndexFolder(home / INDEX_DIR).manifest().embedder
    except IndexFilesError:
        return embedder_name()


def sync_indexes(
    store: Store,
    folder: IndexFolder,
    embedder: Embedder | str,
    *,
    full: bool = False,
    progress: Progress | None = None,
    dense: bool = True,
    publish: bool = True,
) -> BuildReport:
    """Bring the indexes in ``folder`` up to date with ``store``.

    Args:
        store: the source of truth.
        folder: where the generations live.
        embedder: an embedder or its name.
        full: rebuild the vector index from the cache instead of updating the current one.
        progress: called as progress(stage, done, total).
        dense: embed the passages with no cached vector; False indexes every unit by keywords
            and only the cached vectors (nothing is embedded, no model is loaded if any vector
            of this embedder is cached).
        publish: record the new generation in the store for the other servers (a server that
            only mirrors what another published passes False).

    Returns:
        Counts of what was embedded, reused, added and removed.
    """
    units = store.search_units()
    state = store.unit_state()
    keys = [passage_key(u.passage) for u in units]
    model = embedder if isinstance(embedder, Embedder) else None
    name = model.name if model is not None else str(embedder)

    current = None if full else _open_quietly(folder)
    if current is not None and current.manifest.embedder != name:
        current = None
    same_units = (
        current is not None
        and current.manifest.store_state == state
        and len(current.unit_ids) == len(units)
        and current.unit_keys.tolist() == [k.encode() for k in keys]
    )
    if current is not None and same_units and not current.manifest.dense_partial:
        return BuildReport(len(units), 0, 0, 0, 0, False, None, len(units))

    embedded, reused = (
        _embed_missing(store, units, keys, model or name, progress) if dense else (0, 0)
    )
    have = store.cached_keys(name, keys)
    wanted = np.array([k in have for k in keys], dtype=bool)
    if current is not None and same_units and np.array_equal(current.unit_dense, wanted):
        return BuildReport(len(units), 0, 0, 0, 0, False, None, int(wanted.sum()))
    ids = np.fromiter((u.id for u in units), dtype=np.int64, count=len(units))
    dense_keys = [k for k, w in zip(keys, wanted, strict=True) if w]
    vectors, added, removed, full_build = _vector_index(
        store, name, ids[wanted], dense_keys, current, progress
    )
    if progress:
        progress("keyword index", 0, len(units))
    keyword = KeywordIndex.from_tokens(ids.tolist(), _tokens(store, units, keys))
    if progress:
        progress("keyword index", len(units), len(units))
    path = folder.write(
        embedder=name,
        vectors=vectors,
        keyword=keyword,
        unit_ids=ids,
        unit_keys=np.array([k.encode() for k in keys], dtype="S64"),
        store_state=state,
        languages=dict(Counter(u.language or "und" for u in units)),
        unit_dense=wanted,
    )
    if publish:
        record_generation(store, folder.manifest())
    return BuildReport(
        len(units), embedded, reused, added, removed, full_build, path, int(wanted.sum())
    )


def _tokens(store: Store, units: list[SearchUnit], keys: list[str]) -> list[list[str]]:
    """Each unit's BM25 tokens, from the store's cache; new passages are tokenised and cached."""
    cached = store.cached_tokens(TOKENIZER_VERSION, keys)
    fresh = {
        key: " ".join(tokens(unit.passage))
        for unit, key in zip(units, keys, strict=True)
        if key not in cached
    }
    if fresh:
        store.cache_tokens(TOKENIZER_VERSION, list(fresh.items()))
        cached.update(fresh)
    return [cached[key].split(" ") if cached[key] else [] for key in keys]


def _open_quietly(folder: IndexFolder) -> Generation | None:
    try:
        return folder.open()
    except IndexFilesError:
        return None


def _embed_missing(
    store: Store,
    units: list[SearchUnit],
    keys: list[str],
    embedder: Embedder | str,
    progress: Progress | None,
) -> tuple[int, int]:
    """Embed passages with no cached vector; returns (embedded, units served from the cache)."""
    name = embedder.name if isinstance(embedder, Embedder) else embedder
    have = store.cached_keys(name, keys)
    todo: dict[str, str] = {}
    for unit, key in zip(units, keys, strict=True):
        if key not in have:
            todo.setdefault(key, unit.passage)
    reused = sum(1 for key in keys if key in have)
    if not todo:
        return 0, reused
    model = embedder if isinstance(embedder, Embedder) else load_embedder(embedder)
    items = list(todo.items())
    done = 0
    if progress:
        progress("embedding", 0, len(items))
    for start in range(0, len(items), EMBED_BATCH):
        batch = items[start : start + EMBED_BATCH]
        vectors = model.passages([text for _, text in batch])
        store.cache_vectors(
            name, [(k, v.tobytes()) for (k, _), v in zip(batch, vectors, strict=True)]
        )
        done += len(batch)
        if progress:
            progress("embedding", done, len(items))
    return len(items), reused


def _vector_index(
    store: Store,
    name: str,
    ids: np.ndarray,
    keys: list[str],
    current: Generation | None,
    progress: Progress | None,
) -> tuple[VectorIndex, int, int, bool]:
    """Update the current vector index in memory, or build one from the cache."""
    wanted = dict(zip(ids.tolist(), keys, strict=True))
    if current is not None:
        dense = current.unit_dense
        held = dict(
            zip(
                current.unit_ids[dense].tolist(),
                (k.decode() for k in current.unit_keys[dense]),
                strict=True,
            )
        )
        gone = np.array([i for i, k in held.items() if wanted.get(i) != k], dtype=np.int64)
        new = [i for i, k in wanted.items() if held.get(i) != k]
        index = current.vectors
        if not (len(gone) and index.kind == "hnsw"):
            index.remove(gone)
            _add_from_cache(store, name, index, new, wanted, progress)
            return index, len(new), len(gone), False
    dim = _dimension(store, name, keys)
    index = VectorIndex.empty(dim, expected=len(ids))
    _add_from_cache(store, name, index, ids.tolist(), wanted, progress)
    return index, len(ids), 0, True


def _dimension(store: Store, name: str, keys: list[str]) -> int:
    """The vector length of ``name``: read from a cached vector, else from the model."""
    sample = store.cached_vectors(name, keys[:1])
    if not sample:
        row = store.db.execute("SELECT vector FROM embeddings WHERE model=? LIMIT 1", (name,))
        found = row.fetchone()
        sample = {"any": found[0]} if found else {}
    return len(next(iter(sample.values()))) // 4 if sample else load_embedder(name).dim


def _add_from_cache(
    store: Store,
    name: str,
    index: VectorIndex,
    ids: list[int],
    wanted: dict[int, str],
    progress: Progress | None,
) -> None:
    step = 5000
    if not ids and progress:
        progress("vector index", 0, 0)
    for start in range(0, len(ids), step):
        chunk = ids[start : start + step]
        cached = store.cached_vectors(name, [wanted[i] for i in chunk])
        rows = np.stack([np.frombuffer(cached[wanted[i]], dtype=np.float32) for i in chunk])
        index.add(np.asarray(chunk, dtype=np.int64), rows)
        if progress:
            progress("vector index", min(start + step, len(ids)), len(ids))
