"""The knowledge base: the SQLite store (source of truth), embedders, the derived FAISS and BM25
indexes, and hybrid search over them.

Public API: :func:`open_store`, :class:`Store`, :func:`ingest_paths`, :func:`sync_indexes`,
:class:`SearchEngine`, :class:`Filters`, :func:`load_embedder`.
"""

from __future__ import annotations

from index.library.intake import IngestSummary, ingest_paths
from index.search.build import sync_indexes
from index.search.embedders import load_embedder
from index.search.engine import Filters, Hit, SearchEngine
from index.settings import workspace_home
from index.store.database import NotFoundError, Store, StoreError, open_store

__all__ = [
    "Filters",
    "Hit",
    "IngestSummary",
    "NotFoundError",
    "SearchEngine",
    "Store",
    "StoreError",
    "ingest_paths",
    "load_embedder",
    "open_store",
    "sync_indexes",
    "workspace_home",
]
