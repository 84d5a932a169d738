"""The knowledge base: the SQLite store (source of truth), embedders, the derived FAISS and BM25
indexes, and hybrid search over them.

Public API: :func:`open_store`, :class:`Store`, :func:`ingest_paths`, :func:`sync_indexes`,
:class:`SearchEngine`, :class:`Filters`, :func:`load_embedder`.
"""

from __future__ import annotations

from index.build import sync_indexes
from index.embedders import load_embedder
from index.ingest import IngestSummary, ingest_paths
from index.search import Filters, Hit, SearchEngine
from index.settings import workspace_home
from index.store import NotFoundError, Store, StoreError, open_store

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
