"""Batches: expand paths into files, apply catalogs, parse each file under limits."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from ingest.errors import finding
from ingest.ids import sha256_bytes
from ingest.model import IngestResult, Status
from ingest.readers import READERS
from ingest.sandbox import Limits, SandboxedParser, parse_guarded

logger = logging.getLogger(__name__)
CATALOG_NAME = "catalog.json"
# A folder's own documentation is not a regulation (a file named explicitly is still read).
_NOT_DOCUMENTS = ("readme", "license", "licence", "changes", "changelog")


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Expand folders (recursively, supported suffixes only, sorted) and keep files as given.

    A file named explicitly is always yielded, whatever its suffix, so it gets a result.
    """
    for path in paths:
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if (
                    f.is_file()
                    and f.suffix.lower() in READERS
                    and f.name != CATALOG_NAME
                    and not f.stem.lower().startswith(_NOT_DOCUMENTS)
                    and not any(part.startswith(".") for part in f.relative_to(path).parts)
                ):
                    yield f
        else:
            yield path


def load_catalog(path: Path) -> dict[str, dict[str, str]]:
    """Read a catalog file: {"documents": [{"file": name, field: value, …}]} → name → fields.

    Raises:
        ValueError: if the file is not valid JSON of that shape.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["documents"] if isinstance(data, dict) else data
        return {str(e["file"]): {k: v for k, v in e.items() if k != "file"} for e in entries}
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ValueError(
            f"{path}: not a catalog ({exc}); expected "
            '{"documents": [{"file": "name.md", "title": …}]}'
        ) from exc


class CatalogIndex:
    """Finds the catalog entry of a file: an explicit catalog first, then the folder's own."""

    def __init__(self, explicit: Path | None = None) -> None:
        self.explicit = load_catalog(explicit) if explicit else {}
        self._folders: dict[Path, dict[str, dict[str, str]]] = {}

    def entry(self, file: Path) -> Mapping[str, str]:
        """The catalog fields for ``file`` (empty when no catalog names it)."""
        if file.name in self.explicit:
            return self.explicit[file.name]
        folder = file.parent.resolve()
        if folder not in self._folders:
            catalog = folder / CATALOG_NAME
            self._folders[folder] = load_catalog(catalog) if catalog.is_file() else {}
        return self._folders[folder].get(file.name, {})


def load_corpus(
    paths: Iterable[Path],
    *,
    catalog: Path | None = None,
    limits: Limits | None = None,
    sandbox: bool = True,
    strict: bool = False,
) -> Iterator[IngestResult]:
    """Parse every file under ``paths``; one result per file, in order, never stopping early.

    Args:
        paths: files and folders.
        catalog: an explicit catalog file whose entries override what is read from the text.
        limits: time, memory and size limits per file.
        sandbox: parse in a worker process under the limits (off only for tests and debugging).
        strict: stop at the first FAILED file (raises ``RuntimeError`` after yielding it).

    Yields:
        An IngestResult per file.
    """
    catalogs = CatalogIndex(catalog)
    limits = limits or Limits()
    with SandboxedParser(limits) as parser:
        for file in iter_files(paths):
            result = _load_one(file, catalogs, parser if sandbox else None, limits)
            yield result
            if strict and result.status is Status.FAILED:
                raise RuntimeError(f"{file}: {result.findings[0].message} (--strict)")


def _load_one(
    file: Path, catalogs: CatalogIndex, parser: SandboxedParser | None, limits: Limits
) -> IngestResult:
    try:
        size = file.stat().st_size
        if size > limits.max_file_mb * 2**20:
            return IngestResult(
                str(file),
                Status.FAILED,
                None,
                (
                    finding(
                        "INGEST_TOO_LARGE",
                        f"{file}: {size / 2**20:.0f} MB is over the {limits.max_file_mb} MB limit",
                    ),
                ),
                "",
            )
        data = file.read_bytes()
    except OSError as exc:
        return IngestResult(
            str(file),
            Status.FAILED,
            None,
            (finding("INGEST_CORRUPT_FILE", f"{file}: cannot be read ({exc.strerror or exc})"),),
            "",
        )
    try:
        entry = catalogs.entry(file)
    except ValueError as exc:
        entry = {}
        logger.warning("%s", exc)
    if parser is None:
        return parse_guarded(file, data, entry)
    result = parser.parse(file, data, entry)
    if not result.sha256:
        result = IngestResult(
            result.path, result.status, result.document, result.findings, sha256_bytes(data)
        )
    return result
