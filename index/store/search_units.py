"""The store's search side: the provisions search returns, what a hit shows, and the caches of
passage vectors and BM25 tokens."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.store.connection import Database
from index.store.passages import passage_text
from index.store.transactions import transaction

# A search unit is an article: a top-level provision with text, not a web page's trailer.
UNIT_WHERE = "p.parent_id IS NULL AND p.kind != 'trailer' AND p.text != ''"


@dataclass(frozen=True, slots=True)
class SearchUnit:
    """One searchable provision: its numeric id, the text the retrievers see, its language."""

    id: int
    passage: str
    language: str


class SearchMethods:
    """The search methods of :class:`index.store.database.Store` (a mixin over its ``db``)."""

    db: Database

    # -- search units ----------------------------------------------------------------------------
    def search_units(self) -> list[SearchUnit]:
        """The provisions that search returns: articles (top-level units), not web trailers."""
        rows = self.db.execute(
            "SELECT p.id, p.heading_path, p.text, d.language FROM provisions p "
            "JOIN documents d USING (document_id) "
            f"WHERE {UNIT_WHERE} ORDER BY p.id"
        )
        return [
            SearchUnit(
                int(r["id"]),
                passage_text(json.loads(r["heading_path"]), r["text"]),
                r["language"] or "",
            )
            for r in rows
        ]

    def unit_state(self) -> str:
        """A cheap token that changes whenever the set of search units changes."""
        row = self.db.execute(
            "SELECT COUNT(*), COALESCE(MAX(p.id), 0), COALESCE(SUM(p.id), 0) FROM provisions p "
            f"WHERE {UNIT_WHERE}"
        ).fetchone()
        return f"{row[0]}:{row[1]}:{row[2]}"

    def select_units(self, where: str, params: tuple[Any, ...]) -> list[int]:
        """Numeric ids of search units whose document matches an SQL condition on ``d``."""
        return [
            int(r[0])
            for r in self.db.execute(
                "SELECT p.id FROM provisions p JOIN documents d USING (document_id) "
                f"WHERE {UNIT_WHERE} AND ({where}) ORDER BY p.id",
                params,
            )
        ]

    def unit_rows(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        """What a search hit shows, for these numeric provision ids."""
        sql = (
            "SELECT p.id, p.provision_id, p.document_id, p.number, p.title AS heading, "
            "p.heading_path, p.text, p.page, d.title, d.level, d.region, d.status, "
            "d.version_date, d.effective, d.language, d.work_id FROM provisions p "
            "JOIN documents d USING (document_id) WHERE p.id IN ({marks})"
        )
        out: dict[int, dict[str, Any]] = {}
        for r in self._rows_in(sql, (), ids):
            row = dict(r)
            row["heading_path"] = json.loads(row["heading_path"])
            out[int(row["id"])] = row
        return out

    def unit_documents(self, ids: list[int]) -> dict[int, str]:
        """The document id of each of these numeric provision ids."""
        sql = "SELECT id, document_id FROM provisions WHERE id IN ({marks})"
        return {int(r[0]): r[1] for r in self._rows_in(sql, (), ids)}

    # -- the embedding and token caches ----------------------------------------------------------
    def cached_keys(self, model: str, keys: list[str]) -> set[str]:
        """Which of these passage keys have a cached vector of ``model`` (no vectors read)."""
        sql = "SELECT key FROM embeddings WHERE model=? AND key IN ({marks})"
        return {r[0] for r in self._rows_in(sql, (model,), keys)}

    def cached_vectors(self, model: str, keys: list[str]) -> dict[str, bytes]:
        """The cached float32 vectors of ``model`` for the passages with these keys."""
        sql = "SELECT key, vector FROM embeddings WHERE model=? AND key IN ({marks})"
        return {r[0]: r[1] for r in self._rows_in(sql, (model,), keys)}

    def cache_vectors(self, model: str, items: list[tuple[str, bytes]]) -> None:
        """Add vectors to the cache in one transaction (a batch survives a later crash)."""
        self._insert_all(
            "INSERT OR IGNORE INTO embeddings (model, key, vector) VALUES (?,?,?)",
            [(model, key, vector) for key, vector in items],
        )

    def cached_tokens(self, tokenizer: str, keys: list[str]) -> dict[str, str]:
        """Cached BM25 tokens (space-separated) of the passages with these keys."""
        sql = "SELECT key, tokens FROM passage_tokens WHERE tokenizer=? AND key IN ({marks})"
        return {r[0]: r[1] for r in self._rows_in(sql, (tokenizer,), keys)}

    def cache_tokens(self, tokenizer: str, items: list[tuple[str, str]]) -> None:
        """Add tokenised passages to the cache in one transaction."""
        self._insert_all(
            "INSERT OR IGNORE INTO passage_tokens (tokenizer, key, tokens) VALUES (?,?,?)",
            [(tokenizer, key, text) for key, text in items],
        )

    def import_embeddings(self, path: Path) -> int:
        """Copy the embedding cache of another PolicyLens database (a SQLite file) into this
        store, whichever its backend; returns the rows added."""
        with contextlib.closing(
            sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        ) as other:
            rows = other.execute("SELECT model, key, vector FROM embeddings").fetchall()
        with transaction(self.db):
            before = self.db.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]
            self.db.executemany(
                "INSERT OR IGNORE INTO embeddings (model, key, vector) VALUES (?,?,?)", rows
            )
            after = self.db.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]
        return int(after) - int(before)

    def prune_embeddings(self, model: str, keep: set[str]) -> int:
        """Drop cached vectors of ``model`` that no stored passage uses any more."""
        stale = [
            (model, k)
            for (k,) in self.db.execute("SELECT key FROM embeddings WHERE model=?", (model,))
            if k not in keep
        ]
        self.db.executemany("DELETE FROM embeddings WHERE model=? AND key=?", stale)
        return len(stale)

    # -- internals -------------------------------------------------------------------------------
    def _insert_all(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        with transaction(self.db):
            self.db.executemany(sql, rows)

    def _rows_in(self, sql: str, params: tuple[Any, ...], values: list[Any]) -> Iterator[Any]:
        """Rows of ``sql`` whose ``IN ({marks})`` takes ``values``, 500 at a time (SQLite caps
        the number of parameters)."""
        for start in range(0, len(values), 500):
            chunk = values[start : start + 500]
            yield from self.db.execute(
                sql.format(marks=",".join("?" * len(chunk))), (*params, *chunk)
            )
