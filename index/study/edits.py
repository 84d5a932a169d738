"""Edited quiz items of a study pack, kept in the store under an id that a link carries.

A trainer edits a generated question; the app puts the edits' id in the page's URL
(``edits=<id>``), so that a reload, a shared link or another app server on the same store shows
the same pack. The id is a hash of the edits: a link always shows what it showed when it was
sent, and editing further gives a new id. Records are small and never change once kept.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from typing import Any

from index.store.database import Store
from index.store.transactions import transaction

EDITS_ID = re.compile(r"[0-9a-f]{16}")


def keep_edits(store: Store, record: dict[str, Any]) -> str:
    """Keep ``record`` (JSON-serialisable) and return its id; keeping it again changes nothing."""
    text = json.dumps(record, ensure_ascii=False, sort_keys=True)
    edits_id = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    with transaction(store.db):
        store.db.execute(
            "INSERT INTO study_edits (edits_id, record, saved_at) VALUES (?,?,?) "
            "ON CONFLICT (edits_id) DO NOTHING",
            (edits_id, text, datetime.now(UTC).isoformat(timespec="seconds")),
        )
    return edits_id


def kept_edits(store: Store, edits_id: str | None) -> Any:
    """The record kept under ``edits_id``, or None for an id that is malformed or not kept."""
    if not edits_id or not EDITS_ID.fullmatch(edits_id):
        return None
    row = store.db.execute(
        "SELECT record FROM study_edits WHERE edits_id=?", (edits_id,)
    ).fetchone()
    if row is None:
        return None
    try:
        return json.loads(row[0])
    except ValueError:
        return None
