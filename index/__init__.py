"""The knowledge base: the SQLite store (source of truth) and, later, the derived indexes.

Public API: :func:`open_store`, :class:`Store`, :func:`ingest_paths`.
"""

from __future__ import annotations

from index.ingest import IngestSummary, ingest_paths
from index.settings import workspace_home
from index.store import NotFoundError, Store, StoreError, open_store

__all__ = [
    "IngestSummary",
    "NotFoundError",
    "Store",
    "StoreError",
    "ingest_paths",
    "open_store",
    "workspace_home",
]
