"""Ingest into the store: parse each file under limits, write each in its own transaction."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from index.store.database import Store, Stored
from ingest import Limits, load_corpus


@dataclass(slots=True)
class IngestSummary:
    """Counts over a batch."""

    files: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    new_documents: int = 0
    unchanged: int = 0
    provisions: int = 0

    def add(self, stored: Stored) -> None:
        """Count one stored result."""
        self.files += 1
        self.by_status[str(stored.result.status)] += 1
        self.new_documents += int(stored.changed)
        self.unchanged += int(stored.document_id is not None and not stored.changed)
        self.provisions += stored.provisions if stored.changed else 0


def ingest_paths(
    store: Store,
    paths: Iterable[Path],
    *,
    catalog: Path | None = None,
    limits: Limits | None = None,
    sandbox: bool = True,
    strict: bool = False,
    on_result: Callable[[Stored], None] | None = None,
    actor: str | None = None,
) -> IngestSummary:
    """Ingest files and folders into ``store``; every file gets a result, none stops the batch.

    A file already stored (same sha256) is a no-op, so rerunning after a crash resumes.

    Args:
        store: the open store.
        paths: files and folders.
        catalog: an explicit catalog file.
        limits: per-file limits.
        sandbox: parse in a worker process under the limits.
        strict: stop at the first FAILED file.
        on_result: called with each stored result, in order (progress, printing).
        actor: the user name recorded in the ingest log.

    Returns:
        The batch's counts.
    """
    summary = IngestSummary()
    for result in load_corpus(
        paths, catalog=catalog, limits=limits, sandbox=sandbox, strict=strict
    ):
        stored = store.write(result, actor)
        summary.add(stored)
        if on_result is not None:
            on_result(stored)
    return summary
