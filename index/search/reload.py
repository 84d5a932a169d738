"""Several servers on one store: each keeps its own FAISS/BM25 files on local disk, and reloads
them without a restart when the store records a newer index generation.

The store is the source of truth for the text and for both caches (vectors and BM25 tokens), so
a server that sees a newer generation rebuilds its local one from the caches: it embeds nothing
and loads no model. The check is one indexed ``SELECT`` of the newest row, cheap enough to run
before every search; :attr:`IndexWatcher.interval` spaces the checks out anyway.

:class:`ServedIndex` is what a long-lived server keeps: the generation its searches share,
checked before each search. A rebuild it needs runs on a thread of its own while the searches
go on with the generation they had, so no request waits for it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

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
        store: the shared store (None: each call is given one, as a server whose threads each
            have their own connection does).
        folder: this server's index folder.
        interval: seconds between two looks at the store (0: look every time).
        seen: the number of the published generation the local folder was last brought to.
    """

    store: Store | None
    folder: IndexFolder
    interval: float = POLL_SECONDS
    seen: int | None = None
    _checked: float = float("-inf")

    def check(self, *, force: bool = False, store: Store | None = None) -> Generation | None:
        """Bring the local folder up to the newest published generation, if there is one this
        server has not loaded; returns it opened, or None when nothing is newer.

        Args:
            force: look now, whatever the interval.
            store: the connection to use (default: :attr:`store`).

        Raises:
            IndexFilesError: when the local index cannot be rebuilt from the store's caches.
        """
        latest = self.newer(force=force, store=store)
        return None if latest is None else self.bring(latest, store=store)

    def newer(
        self, *, force: bool = False, store: Store | None = None
    ) -> PublishedGeneration | None:
        """The newest published generation when the interval has passed (or ``force``) and
        it is not the one the local folder was last brought to; else None. One ``SELECT``."""
        now = time.monotonic()
        if not force and now - self._checked < self.interval:
            return None
        self._checked = now
        latest = latest_generation(self._store(store))
        return None if latest is None or latest.id == self.seen else latest

    def bring(self, latest: PublishedGeneration, *, store: Store | None = None) -> Generation:
        """Bring the local folder to ``latest`` (rebuilt from the store's caches unless it holds
        it already) and open it.

        Raises:
            IndexFilesError: when the local index cannot be rebuilt from the store's caches.
        """
        if not self.matches(latest):
            logger.info("generation %s published by %s; rebuilding", latest.id, latest.built_by)
            db = self._store(store)
            sync_indexes(db, self.folder, latest.embedder, dense=False, publish=False)
        generation = self.folder.open()
        self.seen = latest.id
        return generation

    def matches(self, latest: PublishedGeneration) -> bool:
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

    def _store(self, store: Store | None) -> Store:
        db = store or self.store
        if db is None:
            raise ValueError("IndexWatcher needs a store: none given and none held")
        return db


@dataclass(slots=True)
class ServedIndex:
    """The index generation one server's searches share, kept up to date with the store.

    :meth:`current` is called before each search. At most every ``interval`` seconds it looks
    for a generation published by another server; when the local folder must be rebuilt for it,
    the rebuild runs on a thread of its own (with a connection from ``opener``) and the searches
    keep the generation they had until it is done. It reopens the folder whenever its current
    generation changed (this server's own ingest, or that rebuild).

    Attributes:
        folder: this server's index folder.
        opener: opens a store connection for a rebuild thread (None: rebuild in the request).
        interval: seconds between two looks at the store.
    """

    folder: IndexFolder
    opener: Callable[[], Store] | None = None
    interval: float = POLL_SECONDS
    _watcher: IndexWatcher = field(init=False)
    _loaded: Generation | None = None
    _rebuilding: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._watcher = IndexWatcher(None, self.folder, interval=self.interval)

    def current(self, store: Store) -> Generation:
        """The generation to search now.

        Raises:
            IndexFilesError: when there is no usable index yet.
        """
        with self._lock:
            latest = None if self._rebuilding else self._watcher.newer(store=store)
            if latest is not None:
                if self._loaded is None or self.opener is None or self._watcher.matches(latest):
                    self._loaded = self._watcher.bring(latest, store=store)  # nothing to wait for
                else:
                    self._rebuilding = threading.Thread(
                        target=self._rebuild,
                        args=(latest,),
                        name="policylens-index-rebuild",
                        daemon=True,
                    )
                    self._rebuilding.start()
            name = self.folder.current_name
            if name is None:
                raise IndexFilesError("there is no search index yet; ingest documents first")
            if self._loaded is None or self._loaded.path.name != name:
                self._loaded = self.folder.open()
            return self._loaded

    def wait(self, timeout: float | None = None) -> None:
        """Wait for a rebuild in progress (tests and scripts)."""
        rebuilding = self._rebuilding
        if rebuilding is not None:
            rebuilding.join(timeout)

    def _rebuild(self, latest: PublishedGeneration) -> None:
        assert self.opener is not None
        try:
            with self.opener() as store:
                generation = self._watcher.bring(latest, store=store)
            with self._lock:
                self._loaded = generation
        except Exception:  # the old generation stays in use; the next look tries again
            logger.exception("rebuilding the index for generation %s failed", latest.id)
        finally:
            with self._lock:
                self._rebuilding = None
