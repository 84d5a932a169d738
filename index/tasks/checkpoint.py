"""The audit chain's anchor: a signed checkpoint of its head, kept beside the database.

The hash chain in ``task_history`` (``index/tasks/audit.py``) shows a row changed or removed in
the middle, but not its end: whoever holds the SQLite file can drop the triggers and delete the
last rows, or edit a row and recompute every hash after it, and the chain still holds. So the
chain's head (the last row's id and hash, and the number of rows) is kept outside the table, in
``audit-checkpoint.json`` in the workspace, signed with HMAC-SHA256 under a secret key in
``audit.key`` (32 random bytes as hex, mode 600). A file of another name than ``policylens.db``
gets ``<file name>.audit-checkpoint.json``, so two stores in one folder keep their own.

Writing. A change that writes audit rows runs in :func:`anchored_change` (or
:func:`anchored_batches`). Inside its transaction, under the audit chain's lock (on PostgreSQL
its advisory lock, not the store's write lock: ingest, accounts and review writes are not waited
for; writers of several app servers append in turn), the head before and after the change is
read with :data:`HEAD_QUERY`: the last row by its primary key, the rows after the checkpoint's
head (not the whole table) and the hash of the checkpoint's own row, so the read stays as cheap
with 20,000 rows as with 20 and tells whether the chain still holds the signed head. After
COMMIT the checkpoint is moved (written to a temporary file of mode 600, fsynced, renamed over
the old one). How it may move depends on who appends to the chain:

- SQLite (one workspace holds the database and its checkpoint): the workspace's lock file
  (``audit-checkpoint.json.lock``) is held across the transaction and the checkpoint's write, so
  writers take turns, and the checkpoint moves only when it still signs the head before the
  change. A checkpoint that is behind, missing, unsigned or forged is kept as it is (evidence
  for ``verify-audit``) and a warning is logged.
- PostgreSQL (several app servers, each with its own workspace, key and checkpoint, append to
  one chain): rows that other servers appended are the normal case, so a server's checkpoint
  moves forward to any head that extends the head it signs (that row still there with its hash,
  more rows after it), never back and never to another branch. The lock file is taken only for
  the small file's read, compare and write after COMMIT, not across the transaction, so the
  checkpoint's fsync adds nothing to the time the chain's lock is held; the process holding it
  signs the newest head the chain holds, so the changes committed meanwhile by other processes
  of the workspace find theirs signed already and write nothing. A server's workspace
  with neither key nor checkpoint starts anchoring at its first change (trust on first use: it
  signs the chain as it finds it); a checkpoint that is missing while the key exists, unsigned,
  forged or not on the chain is kept and a warning is logged, as on SQLite.

The first change of a new workspace (no rows, no key, no checkpoint) creates the key. On SQLite a
chain that already has rows and no key (a workspace from before checkpoints) is anchored only by
an explicit re-anchor.

A crash between COMMIT and the checkpoint's write leaves the chain ahead of the checkpoint: the
rows after the signed head still chain from it, so :func:`check_anchor` reports a warning, "the
checkpoint is behind the chain by N row(s)", never tampering. On SQLite later changes keep that
checkpoint until an admin has looked at the unanchored rows and runs ``policylens tasks
verify-audit --reanchor`` (:func:`reanchor`); rows added outside PolicyLens look the same (the
chain's hash has no key), which is why moving past them is a person's decision there. On
PostgreSQL the next change of that server moves past them, as it moves past other servers'
rows: there the checkpoint cannot tell another server's rows from rows added at the end of the
chain by someone with write access to the database, and what it still catches is the removal
or rewriting of any row up to a head some server signed.

Rolling upgrades: the head is read from the table itself (no head row that an older server would
not update), under the same advisory lock as before, so old and new servers appending at once
still append to one chain; an old server keeps its own rule (exact head, lock across the commit)
for its own workspace's checkpoint.

What holds: with the key out of an attacker's reach, removing the last rows, rewriting the chain
or forging the checkpoint is reported. The key sits in the workspace, so someone who can read it
can sign a checkpoint of their own: keep a copy of the checkpoint elsewhere (``verify-audit
--json`` prints it) and compare. Without ``fcntl`` (Windows) there is no lock: concurrent
changes can then leave the checkpoint behind (a warning), never ahead of the chain.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from hashlib import sha256
from pathlib import Path
from typing import Any

from index.settings import DB_NAME
from index.store.connection import Database
from index.store.database import Store, StoreError
from index.store.dialect import POSTGRESQL
from index.store.transactions import AUDIT_CHAIN_LOCK, committed, transaction

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock (see the module's docstring)
    fcntl = None  # type: ignore[assignment]

GENESIS = "0" * 64
KEY_NAME = "audit.key"
CHECKPOINT_NAME = "audit-checkpoint.json"
FORMAT = 1
LOCK_WAIT_S = 60.0
REANCHOR = "policylens tasks verify-audit --reanchor"
log = logging.getLogger("policylens.audit")
_held = threading.local()  # the lock files this thread holds (a change inside a change)


class CheckpointError(Exception):
    """A key or checkpoint file that cannot be read or does not have the expected form."""


@dataclass(frozen=True, slots=True)
class Head:
    """The end of the chain: the last row's id and hash (0 and GENESIS when empty), rows."""

    id: int
    hash: str
    rows: int

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``{id, hash, rows}``."""
        return {"id": self.id, "hash": self.hash, "rows": self.rows}


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A signed head: what the checkpoint file holds."""

    head: Head
    database: str
    written_at: str
    mac: str

    def to_dict(self) -> dict[str, Any]:
        """The file's JSON form (also what ``verify-audit --json`` exports)."""
        return {
            "format": FORMAT,
            "database": self.database,
            "head_id": self.head.id,
            "head_hash": self.head.hash,
            "rows": self.head.rows,
            "written_at": self.written_at,
            "hmac": self.mac,
        }


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where one store's key, checkpoint and lock live."""

    workspace: Path
    database: str  # the SQLite file's name

    @property
    def key_path(self) -> Path:
        """The secret key: ``audit.key`` in the workspace."""
        return self.workspace / KEY_NAME

    @property
    def checkpoint_path(self) -> Path:
        """The signed head: ``audit-checkpoint.json`` (prefixed by another file's name)."""
        name = CHECKPOINT_NAME if self.database == DB_NAME else f"{self.database}.{CHECKPOINT_NAME}"
        return self.workspace / name

    @property
    def lock_path(self) -> Path:
        """The lock file ledger writers take turns on."""
        return self.checkpoint_path.with_name(self.checkpoint_path.name + ".lock")


def anchor_of(store: Store) -> Anchor | None:
    """The anchor of a store's chain: its file's folder, or None for an in-memory database."""
    path = getattr(store, "path", None)
    if path is None or str(path) == ":memory:":
        return None
    if store.dialect == "sqlite":
        files = {r[1]: r[2] for r in store.db.execute("PRAGMA database_list")}
        if not files.get("main"):
            return None
    # On PostgreSQL the checkpoint is kept in the workspace of the server that opened the store.
    return Anchor(Path(path).resolve().parent, Path(path).name)


HEAD_QUERY = (  # one statement: one round trip to a server; parameters: head_parameters()
    "SELECT (SELECT id FROM task_history ORDER BY id DESC LIMIT 1), "
    "(SELECT hash FROM task_history ORDER BY id DESC LIMIT 1), "
    "(SELECT COUNT(*) FROM task_history WHERE id > ?), "
    "(SELECT hash FROM task_history WHERE id = ?)"
)


@dataclass(frozen=True, slots=True)
class Reading:
    """The chain's head as read inside a change, against the signed head read before it.

    Attributes:
        head: the last row's id and hash, and the rows: the signed head's rows plus those
            after it (exact when ``extends``; without a signed head, every row counted).
        extends: the chain still holds the signed head (its row, with its hash), or there was
            none to hold.
    """

    head: Head
    extends: bool


def head_parameters(since: Head | None) -> tuple[int, int]:
    """The parameters of :data:`HEAD_QUERY` for the signed head ``since`` (None: count all)."""
    at = since.id if since is not None else 0
    return (at, at)


def chain_head(db: Database, since: Head | None = None) -> Reading:
    """The chain's head as stored now, counted from ``since`` (see :class:`Reading`)."""
    return reading_of(db.execute(HEAD_QUERY, head_parameters(since)).fetchone(), since)


def reading_of(row: Any, since: Head | None) -> Reading:
    """The reading that a row of :data:`HEAD_QUERY` run with ``head_parameters(since)`` gives."""
    last_id, last_hash, after, at_hash = row
    if since is None:
        extends = True
    elif since.id == 0:
        extends = since.hash == GENESIS and since.rows == 0
    else:
        extends = at_hash == since.hash
    rows = (since.rows if since is not None else 0) + int(after)
    if last_id is None:
        return Reading(Head(0, GENESIS, rows), extends)
    return Reading(Head(int(last_id), str(last_hash), rows), extends)


def sign(key: bytes, database: str, head: Head, written_at: str) -> str:
    """The HMAC-SHA256 (hex) of a checkpoint's fields under ``key``."""
    fields = [FORMAT, database, head.id, head.hash, head.rows, written_at]
    payload = json.dumps(
        ["policylens-audit-checkpoint", *fields],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hmac.new(key, payload.encode("utf-8"), sha256).hexdigest()


def is_signed(checkpoint: Checkpoint, key: bytes) -> bool:
    """Whether the checkpoint's HMAC is the key's for its fields."""
    expected = sign(key, checkpoint.database, checkpoint.head, checkpoint.written_at)
    return hmac.compare_digest(expected, checkpoint.mac)


def load_key(anchor: Anchor) -> bytes | None:
    """The secret key, or None when there is none.

    Raises:
        CheckpointError: when the file is not 64 hex digits.
    """
    try:
        text = anchor.key_path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise CheckpointError(f"{anchor.key_path} cannot be read ({exc})") from exc
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != 32:
        raise CheckpointError(f"{anchor.key_path} is damaged (not 32 bytes of hex)")
    return key


def create_key(anchor: Anchor, *, replace: bool = False) -> bytes:
    """Make a new key (32 bytes from :mod:`secrets`, mode 600); an existing one is kept
    (returned) unless ``replace``."""
    key = secrets.token_bytes(32)
    tmp = _private_temp(anchor.key_path, key.hex() + "\n")
    try:
        if replace:
            os.replace(tmp, anchor.key_path)
            return key
        try:
            os.link(tmp, anchor.key_path)  # fails when another process made one first
        except FileExistsError:
            existing = load_key(anchor)
            if existing is not None:
                return existing
            raise
        except OSError:  # a file system without hard links: the lock keeps writers apart
            if anchor.key_path.exists():
                raise
            os.replace(tmp, anchor.key_path)
        return key
    finally:
        tmp.unlink(missing_ok=True)


def read_checkpoint(anchor: Anchor) -> Checkpoint | None:
    """The checkpoint in the workspace, or None when there is none.

    Raises:
        CheckpointError: when it is not valid JSON of the expected form.
    """
    path = anchor.checkpoint_path
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise CheckpointError(f"{path.name} cannot be read ({exc})") from exc
    return checkpoint_of(data, path.name)


def checkpoint_of(data: Any, name: str) -> Checkpoint:
    """The checkpoint in a file's JSON form.

    Raises:
        CheckpointError: when it does not have the expected form.
    """
    try:
        head = Head(data["head_id"], data["head_hash"], data["rows"])
        checkpoint = Checkpoint(head, data["database"], data["written_at"], data["hmac"])
        fields_ok = data["format"] == FORMAT and isinstance(head.hash, str)
        fields_ok &= all(isinstance(n, int) and n >= 0 for n in (head.id, head.rows))
        fields_ok &= all(isinstance(s, str) for s in (checkpoint.written_at, checkpoint.mac))
    except (KeyError, TypeError) as exc:
        raise CheckpointError(f"{name} is not a checkpoint (missing {exc})") from exc
    if not fields_ok:
        raise CheckpointError(f"{name} is not a checkpoint (a field has the wrong type)")
    return checkpoint


def write_checkpoint(anchor: Anchor, key: bytes, head: Head) -> Checkpoint:
    """Sign ``head`` and put it in place atomically (a temporary file of mode 600, renamed)."""
    text = _signed_text(anchor, key, head)
    checkpoint = checkpoint_of(json.loads(text), anchor.checkpoint_path.name)
    tmp = _private_temp(anchor.checkpoint_path, text)
    try:
        os.replace(tmp, anchor.checkpoint_path)
    finally:
        tmp.unlink(missing_ok=True)
    return checkpoint


def _signed_text(anchor: Anchor, key: bytes, head: Head) -> str:
    """The checkpoint file's text for ``head``, signed with ``key`` now."""
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    checkpoint = Checkpoint(head, anchor.database, at, sign(key, anchor.database, head, at))
    return json.dumps(checkpoint.to_dict(), ensure_ascii=False, indent=1) + "\n"


def _private_temp(beside: Path, text: str) -> Path:
    """A new file of mode 600 beside ``beside``, written and flushed to disk."""
    tmp = beside.with_name(f".{beside.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


@contextmanager
def change_lock(anchor: Anchor) -> Iterator[None]:
    """Hold the workspace's audit lock (re-entrant within a thread).

    Raises:
        StoreError: when another process holds it for longer than a minute.
    """
    held: set[str] = _held.__dict__.setdefault("paths", set())
    name = str(anchor.lock_path)
    if fcntl is None or name in held:
        yield
        return
    try:
        fd = os.open(anchor.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:  # a read-only folder: the change itself will say so
        log.warning("audit lock %s cannot be opened (%s); changing without it", name, exc)
        yield
        return
    try:
        deadline = time.monotonic() + LOCK_WAIT_S
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreError(
                        f"{name} has been held by another PolicyLens process for over "
                        f"{LOCK_WAIT_S:.0f} s; try again when it has finished"
                    ) from None
                time.sleep(0.001)
        held.add(name)
        try:
            yield
        finally:
            held.discard(name)
    finally:
        os.close(fd)  # releases the lock


def shares_chain(store: Store) -> bool:
    """Whether other app servers, with workspaces of their own, may append to this store's
    chain (PostgreSQL), so that its checkpoint follows the chain forward rather than exactly."""
    return store.dialect == POSTGRESQL


def signed_head(anchor: Anchor) -> Head | None:
    """The head the workspace's checkpoint names (read without the lock: the file is replaced
    atomically), or None when there is none or it cannot be read (the move says why)."""
    try:
        current = read_checkpoint(anchor)
    except CheckpointError:
        return None
    return current.head if current is not None else None


@contextmanager
def anchored_change(store: Store) -> Iterator[None]:
    """Run the ``with`` block as one write transaction and move the checkpoint after COMMIT.

    Use it instead of ``transaction(store.db)`` wherever audit rows are written. How the
    checkpoint moves (exactly from the head before the block on SQLite, forward along the chain
    on PostgreSQL) is in the module's docstring; when it cannot, it is kept and a warning is
    logged. A store without a folder gets a plain transaction.
    """
    anchor = anchor_of(store)
    if anchor is None:
        with transaction(store.db, lock=AUDIT_CHAIN_LOCK):
            yield
        return
    shared = shares_chain(store)
    with nullcontext() if shared else change_lock(anchor):
        since = signed_head(anchor)
        with transaction(store.db, lock=AUDIT_CHAIN_LOCK):
            before = chain_head(store.db, since)
            yield
            after = chain_head(store.db, since)
        if not shared:
            _move(anchor, before.head, after.head)
    if shared:
        _follow(store, anchor, since, before, after)


@dataclass(slots=True)
class Moved:
    """What :func:`anchored_batches` and its change share: the signed head read before the
    change (``since``: pass ``head_parameters(since)`` with :data:`HEAD_QUERY`), and the chain's
    head before and after it, which the change sets (None until it has read or written them)."""

    since: Head | None = None
    before: Reading | None = None
    after: Reading | None = None


@contextmanager
def anchored_batches(store: Store) -> Iterator[Moved]:
    """As :func:`anchored_change`, for a change that begins and commits its transaction
    itself, in batches of statements (one round trip each), and reads the heads in them.

    The block begins the transaction with its first batch, which takes the audit chain's lock
    (on PostgreSQL, ``lock_statement(AUDIT_CHAIN_LOCK)``, held until COMMIT) and reads
    :data:`HEAD_QUERY` with ``head_parameters(moved.since)``; it sets ``before``
    (:func:`reading_of` that row) and ``after`` (the head its rows made) on the yielded
    :class:`Moved`, and its last batch ends with COMMIT. Leaving the block with the transaction
    still open commits it; an exception rolls it back. The checkpoint then moves as in
    :func:`anchored_change`.
    """
    anchor = anchor_of(store)
    moved = Moved()
    shared = shares_chain(store)
    with change_lock(anchor) if anchor and not shared else nullcontext():
        moved.since = signed_head(anchor) if anchor else None
        with committed(store.db):
            yield moved
        if anchor is None or moved.before is None or moved.after is None:
            return
        if not shared:
            _move(anchor, moved.before.head, moved.after.head)
    if shared and anchor is not None and moved.before is not None and moved.after is not None:
        _follow(store, anchor, moved.since, moved.before, moved.after)


def _move(anchor: Anchor, before: Head, after: Head) -> None:
    """Move the checkpoint after a committed change, or log why not."""
    if after != before:
        problem = advance(anchor, before, after)
        if problem:
            log.warning("audit checkpoint not moved: %s", problem)


def advance(anchor: Anchor, before: Head, after: Head) -> str | None:
    """Move the checkpoint from ``before`` to ``after`` (SQLite's rule: only from exactly the
    head before the change): None when done, else why not."""
    try:
        key = load_key(anchor)
        current = read_checkpoint(anchor)
        if current is None and key is None and before.rows == 0:
            key = create_key(anchor)  # the first change of a new workspace
        elif problem := _unusable(anchor, key, current):
            return problem
        elif current is not None and current.head != before:
            return (
                f"it signs row {current.head.id} ({current.head.rows} rows), not the chain's "
                f"head before this change (row {before.id}, {before.rows} rows); {_SEE}"
            )
        assert key is not None  # created above, or checked by _unusable
        write_checkpoint(anchor, key, after)
    except (CheckpointError, OSError) as exc:
        return f"{exc}; the change is saved; {_SEE}"
    return None


def _unusable(anchor: Anchor, key: bytes | None, current: Checkpoint | None) -> str | None:
    """Why a workspace's checkpoint cannot be moved (missing, no key, not signed by the key),
    or None when it can."""
    if current is None:
        return f"{anchor.checkpoint_path.name} is missing; {_SEE}"
    if key is None:
        return f"{KEY_NAME} is missing; {_SEE}"
    if not is_signed(current, key):
        return f"{anchor.checkpoint_path.name} is not signed by {KEY_NAME}; {_SEE}"
    return None


def _follow(
    store: Store, anchor: Anchor, since: Head | None, before: Reading, after: Reading
) -> None:
    """Move a shared chain's checkpoint forward after a committed change, or log why not."""
    if after.head != before.head:
        problem = follow(store.db, anchor, since, after)
        if problem:
            log.warning("audit checkpoint not moved: %s", problem)


def follow(db: Database, anchor: Anchor, since: Head | None, after: Reading) -> str | None:
    """Move the checkpoint forward (the shared chain's rule, in the module's docstring): None
    when done or when it already signs as far as ``after``, else why not.

    Under the workspace's lock the checkpoint is read again and the chain's head read from it
    on; when the chain still holds the signed head, the newest head is signed: it may include
    the rows of changes that other processes of this workspace committed meanwhile, which then
    find theirs signed and write nothing (one fsync for several changes, as a group commit).

    Args:
        db: the store's connection, out of the change's transaction.
        anchor: the workspace's files.
        since: the signed head read before the change (None: none could be read).
        after: the head after the change, read against ``since``.
    """
    try:
        seen = read_checkpoint(anchor)
        if seen is not None and seen.head.rows >= after.head.rows:
            return None  # another process of this workspace signed as far (or further)
        with change_lock(anchor):  # the small file's read, compare and write; not the commit
            key = load_key(anchor)
            current = read_checkpoint(anchor)
            if current is None and key is None and since is None:
                key = create_key(anchor)  # this workspace's first change: trust on first use
                write_checkpoint(anchor, key, after.head)
                log.info("audit checkpoint started in %s (row %d)", anchor.workspace, after.head.id)
                return None
            if problem := _unusable(anchor, key, current):
                return problem
            assert current is not None and key is not None  # checked by _unusable
            if current.head.rows >= after.head.rows:
                return None
            now = chain_head(db, current.head)
            if not (now.extends and after.extends):
                return (
                    f"the chain no longer holds the head it signs (row {current.head.id}, "
                    f"{current.head.rows} rows): rows up to it were removed or rewritten; {_SEE}"
                )
            write_checkpoint(
                anchor, key, now.head if now.head.rows > after.head.rows else after.head
            )
    except Exception as exc:  # noqa: BLE001 - the change is committed: say why, never undo it
        return f"{exc}; the change is saved; {_SEE}"
    return None


_SEE = f"run `policylens tasks verify-audit`, then `{REANCHOR}` if the rows are right"


def reanchor(store: Store) -> Checkpoint:
    """Sign the chain's head as it is now (an admin's decision after reading the warnings);
    a missing or damaged key is replaced by a new one.

    Raises:
        StoreError: for a store without a workspace folder, or when the files cannot be written.
    """
    anchor = anchor_of(store)
    if anchor is None:
        raise StoreError("this store has no workspace folder: there is no checkpoint to write")
    try:
        # no change can slip in meanwhile: the workspace's lock and the chain's
        with change_lock(anchor), transaction(store.db, lock=AUDIT_CHAIN_LOCK):
            head = chain_head(store.db).head  # every row counted: the head as it is
            try:
                key = load_key(anchor)
            except CheckpointError:
                key = None
            if key is None:
                key = create_key(anchor, replace=anchor.key_path.exists())
            return write_checkpoint(anchor, key, head)
    except OSError as exc:
        raise StoreError(f"cannot write the audit checkpoint in {anchor.workspace}: {exc}") from exc
