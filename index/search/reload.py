"""Several servers on one store: each keeps its own FAISS/BM25 files on local disk, and reloads
them without a restart when the store records a newer index generation.

The store is the source of truth for the text and for both caches (vectors and BM25 tokens), so
a server that sees a newer generation rebuilds its local one from the caches: it embeds nothing
and loads no model. The check is one indexed ``SELECT`` of the newest row, cheap enough to run
before every search; :attr:`IndexWatcher.interval` spaces the checks out anyway.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from index.search.build import sync_indexes
from index.search.generations import (
    Generation,
    IndexFilesError,
    IndexFolder,
    PublishedGeneration,
    latest_generation,
)
from index.store.database import Store

logger = logging.getLogger(__name__)
POLL_SECONDS = 2.0


@dataclass(slots=True)
class IndexWatcher:
    """Follows the generations published in ``store`` for the local index ``folder``.

    Attributes:
        store: the shared store.
        folder: this server's index folder.
        interval: seconds between two looks at the store (0: look every time).
        seen: the number of the published generation the local folder was last brought to.
    """

    store: Store
    folder: IndexFolder
    interval: float = POLL_SECONDS
    seen: int | None = None
    _checked: float = float("-inf")

    def check(self, *, force: bool = False) -> Generation | None:
        """Bring the local folder up to the newest published generation, if there is one this
        server has not loaded; returns it opened, or None when nothing is newer.

        Args:
            force: look now, whatever the interval.

        Raises:
            IndexFilesError: when the local index cannot be rebuilt from the store's caches.
        """
        now = time.monotonic()
        if not force and now - self._checked < self.interval:
            return None
        self._checked = now
        latest = latest_generation(self.store)
        if latest is None or latest.id == self.seen:
            return None
        if not self._matches(latest):
            logger.info("generation %s published by %s; rebuilding", latest.id, latest.built_by)
            sync_indexes(self.store, self.folder, latest.embedder, dense=False, publish=False)
        self.seen = latest.id
        return self.folder.open()

    def _matches(self, latest: PublishedGeneration) -> bool:
        """Whether the local folder already holds what ``latest`` records (this server built
        it, or the servers share the folder)."""
        try:
            manifest = self.folder.manifest()
        except IndexFilesError:
            return False
        return (
            manifest.embedder == latest.embedder
            and manifest.fingerprint == latest.fingerprint
            and manifest.vectors_held >= latest.dense_units
        )
