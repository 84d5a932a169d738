"""Edited quiz items of a study pack, kept in the store under an id that a link carries.

A trainer edits a generated question; the app puts the edits' id in the page's URL
(``edits=<id>``), so that a reload, a shared link or another app server on the same store shows
the same pack. The id is a hash of the edits: a link always shows what it showed when it was
sent, and editing further gives a new id. Records are small and never change once kept.
Each user's latest changes to a pack are kept too (:func:`save_pack_state`), so the pack
opened again shows them.
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
    return _keep(store, record, again="DO NOTHING")


def _keep(store: Store, record: dict[str, Any], *, again: str) -> str:
    """Keep ``record`` under the hash of its JSON; ``again`` is what keeping it a second time
    does (``DO NOTHING``, or ``DO UPDATE`` of its time)."""
    text = json.dumps(record, ensure_ascii=False, sort_keys=True)
    edits_id = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    with transaction(store.db):
        store.db.execute(
            "INSERT INTO study_edits (edits_id, record, saved_at) VALUES (?,?,?) "
            f"ON CONFLICT (edits_id) {again}",
            (edits_id, text, datetime.now(UTC).isoformat(timespec="microseconds")),
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


# --- each user's latest edits of a pack -----------------------------------------------------------
# A link carries its edits, but a pack opened again from the Study page (or by a clean link) has
# none in its address (issue 18: "修改0道，删除0道" after a trainer's work). So each change a user
# makes to a pack is also kept as that user's state of that pack: a record naming the user and
# the pack, the edits and the items dropped, in the same table. Its id is a hash of the record,
# like every record's; keeping the same state again moves its time forward, so the newest time
# is the user's latest state, a return to the original (no edits, nothing dropped) included.
SAVED = "saved"


def save_pack_state(
    store: Store, username: str, pack: str, edits: dict[str, Any], dropped: list[int]
) -> str:
    """Keep ``username``'s current state of the pack ``pack`` (a key naming what built it) and
    return its id.

    Args:
        store: The open store.
        username: The user who changed the pack.
        pack: The pack's key (the same choices give the same key).
        edits: The edited items, as a link's edits record holds them (position -> item).
        dropped: The positions of the items left out (from 0).
    """
    record = {
        "kind": SAVED,
        "by": username,
        "pack": pack,
        "edits": edits,
        "drop": sorted(set(dropped)),
    }
    return _keep(store, record, again="DO UPDATE SET saved_at=excluded.saved_at")


def latest_pack_state(store: Store, username: str, pack: str) -> tuple[dict[str, Any], list[int]]:
    """``username``'s latest state of the pack ``pack``: its edits record and the positions
    dropped; none of either when the user never changed the pack."""
    row = store.db.execute(
        "SELECT record FROM study_edits WHERE json_extract(record, '$.kind')=? "
        "AND json_extract(record, '$.by')=? AND json_extract(record, '$.pack')=? "
        "ORDER BY saved_at DESC LIMIT 1",
        (SAVED, username, pack),
    ).fetchone()
    if row is None:
        return {}, []
    try:
        record = json.loads(row[0])
    except ValueError:
        return {}, []
    edits = record.get("edits")
    dropped = record.get("drop")
    return (
        edits if isinstance(edits, dict) else {},
        [n for n in dropped if isinstance(n, int)] if isinstance(dropped, list) else [],
    )
