"""Accounts: argon2 hashes, the role/permission matrix, department scope, sign-in with lockout,
the last-admin guard, the append-only account log and the actor of each ingest."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher

import index.accounts as accounts_module
from index import open_store
from index.accounts import (
    OPERATOR,
    Accounts,
    AuthenticationError,
    Permission,
    PermissionDenied,
    Role,
    User,
    require,
)
from index.store.database import NotFoundError, Store, StoreError
from tests.index.support import synthetic_results

PASSWORD = "correct-horse-1"
OTHER_PASSWORD = "battery-staple-2"
WRONG = "wrong-password-0"
WRONG_TEXT = accounts_module.SIGN_IN_FAILED  # one message for every refused sign-in

# What each role may do, written out independently of ROLE_PERMISSIONS.
P = Permission
EXPECTED: dict[Role, set[Permission]] = {
    Role.ADMIN: set(Permission),
    Role.REVIEWER: {P.SEARCH, P.UPLOAD, P.REVIEW, P.OWN_SETTINGS},
    Role.DEPARTMENT: {P.SEARCH, P.UPDATE_TASKS, P.OWN_SETTINGS},
    Role.VIEWER: {P.SEARCH, P.OWN_SETTINGS},
}


@pytest.fixture(autouse=True)
def fast_hasher(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id with the least work, so the suite stays fast; tests that ask for
    ``real_hasher`` keep the library's recommended parameters."""
    if "real_hasher" not in request.fixturenames:
        cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        monkeypatch.setattr(accounts_module, "_HASHER", cheap)


@pytest.fixture()
def real_hasher() -> PasswordHasher:
    return accounts_module._HASHER


@pytest.fixture()
def store(home: Path) -> Iterator[Store]:
    with open_store(home) as s:
        yield s


@pytest.fixture()
def accounts(store: Store) -> Accounts:
    return Accounts(store)


def hash_of(store: Store, username: str) -> str:
    row = store.db.execute(
        "SELECT password_hash FROM users WHERE username=?", (username,)
    ).fetchone()
    return str(row[0])


def events(accounts: Accounts, username: str) -> list[str]:
    """The user's account events, oldest first."""
    return [str(e["event"]) for e in reversed(accounts.log(username))]


def active_admins(store: Store) -> int:
    return int(
        store.db.execute("SELECT COUNT(*) FROM users WHERE role='admin' AND active=1").fetchone()[0]
    )


# -- hashing -------------------------------------------------------------------------------------
def test_stored_hash_is_argon2id_and_never_the_password(
    store: Store, accounts: Accounts, real_hasher: PasswordHasher
) -> None:
    accounts.add(OPERATOR, "alice", PASSWORD, Role.VIEWER)
    stored = hash_of(store, "alice")
    assert stored.startswith("$argon2id$")
    assert not real_hasher.check_needs_rehash(stored)  # the recommended parameters
    assert PASSWORD not in stored
    assert PasswordHasher().verify(stored, PASSWORD)
    # a salted hash: the same password for another user hashes differently
    accounts.add(OPERATOR, "bob", PASSWORD, Role.VIEWER)
    assert hash_of(store, "bob") != stored
    # list() never hands out the hash
    listed = accounts.list()
    assert [r["username"] for r in listed] == ["alice", "bob"]
    assert all("password_hash" not in r for r in listed)
    if store.dialect == "sqlite":  # the file on disk never holds the password
        raw = Path(store.path).read_bytes()
        assert PASSWORD.encode() not in raw


# -- permissions ---------------------------------------------------------------------------------
@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("permission", list(Permission))
def test_role_permission_matrix(role: Role, permission: Permission) -> None:
    user = User("someone", role, "安监科" if role is Role.DEPARTMENT else None)
    allowed = permission in EXPECTED[role]
    assert user.can(permission) is allowed
    if allowed:
        require(user, permission)
    else:
        with pytest.raises(PermissionDenied):
            require(user, permission)
    # a disabled account may do nothing at all
    assert User("someone", role, user.department, active=False).can(permission) is False


def test_department_scope() -> None:
    staff = User("zhang", Role.DEPARTMENT, "安监科")
    assert staff.may_change_department("安监科")
    assert not staff.may_change_department("消防科")
    admin = User("root", Role.ADMIN)
    assert admin.may_change_department("安监科") and admin.may_change_department("消防科")
    reviewer = User("li", Role.REVIEWER)
    assert not reviewer.may_change_department("安监科")
    assert not User("wang", Role.VIEWER).may_change_department("安监科")
    assert not User("zhang", Role.DEPARTMENT, "安监科", active=False).may_change_department(
        "安监科"
    )
    require(staff, Permission.UPDATE_TASKS, department="安监科")
    require(admin, Permission.UPDATE_TASKS, department="消防科")
    with pytest.raises(PermissionDenied) as denied:
        require(staff, Permission.UPDATE_TASKS, department="消防科")
    assert str(denied.value) == "zhang (department) may not update tasks for 消防科"
    with pytest.raises(PermissionDenied):
        require(reviewer, Permission.UPDATE_TASKS, department="安监科")


def test_department_scope_does_not_replace_the_permission_check() -> None:
    staff = User("zhang", Role.DEPARTMENT, "安监科")
    with pytest.raises(PermissionDenied):
        require(staff, Permission.MANAGE_USERS, department="安监科")


def test_require_messages_name_user_role_and_action() -> None:
    with pytest.raises(PermissionDenied) as denied:
        require(User("wang", Role.VIEWER), Permission.REMOVE_DOCUMENT)
    assert str(denied.value) == "wang (viewer) may not remove document"
    with pytest.raises(PermissionDenied) as denied:
        require(User("li", Role.REVIEWER), Permission.INGEST_FOLDER)
    assert str(denied.value) == "li (reviewer) may not ingest folder"
    with pytest.raises(PermissionDenied) as denied:
        require(User("root", Role.ADMIN, active=False), Permission.SEARCH)
    assert str(denied.value) == "root (admin) may not search"
    assert issubclass(PermissionDenied, StoreError)  # the CLI prints it as "Error: …"


# -- adding accounts -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name",
    ["a", "Alice", "-alice", ".alice", "al ice", "张三", "a" * 33, "alice/x", "", "al@ice"],
)
def test_bad_user_names_are_refused(accounts: Accounts, name: str) -> None:
    with pytest.raises(StoreError, match="use 2-32 lower-case letters"):
        accounts.add(OPERATOR, name, PASSWORD, Role.VIEWER)
    assert accounts.count() == 0


def test_edge_user_names_are_accepted(accounts: Accounts) -> None:
    for name in ("ab", "a" * 32, "zhang.san_2-x", "007"):
        accounts.add(OPERATOR, name, PASSWORD, Role.VIEWER)
    assert accounts.count() == 4


def test_user_name_with_trailing_newline_is_refused(accounts: Accounts) -> None:
    with pytest.raises(StoreError):
        accounts.add(OPERATOR, "alice\n", PASSWORD, Role.VIEWER)


def test_short_password_is_refused(accounts: Accounts) -> None:
    with pytest.raises(StoreError, match="at least 10 characters"):
        accounts.add(OPERATOR, "alice", "x" * 9, Role.VIEWER)
    assert accounts.count() == 0
    accounts.add(OPERATOR, "alice", "x" * 10, Role.VIEWER)
    assert accounts.authenticate("alice", "x" * 10).username == "alice"


def test_department_role_needs_a_department(accounts: Accounts) -> None:
    for missing in (None, "", "   "):
        with pytest.raises(StoreError, match="department user needs a department"):
            accounts.add(OPERATOR, "zhang", PASSWORD, Role.DEPARTMENT, missing)
    assert accounts.count() == 0
    made = accounts.add(OPERATOR, "zhang", PASSWORD, "department", " 安监科 ")
    assert made == User("zhang", Role.DEPARTMENT, "安监科")
    assert accounts.get("zhang").department == "安监科"
    # other roles never keep a department
    assert accounts.add(OPERATOR, "li", PASSWORD, Role.REVIEWER, "安监科").department is None
    assert accounts.get("li").department is None


def test_duplicate_user_is_refused_and_nothing_changes(store: Store, accounts: Accounts) -> None:
    accounts.add(OPERATOR, "alice", PASSWORD, Role.VIEWER)
    before = hash_of(store, "alice")
    with pytest.raises(StoreError, match="'alice' exists already"):
        accounts.add(OPERATOR, "alice", OTHER_PASSWORD, Role.ADMIN)
    assert accounts.count() == 1
    assert accounts.get("alice").role is Role.VIEWER
    assert hash_of(store, "alice") == before
    assert events(accounts, "alice") == ["created"]  # the refused add left no log row
    assert not store.db.in_transaction


def test_only_user_managers_add_accounts(accounts: Accounts) -> None:
    for role in (Role.REVIEWER, Role.DEPARTMENT, Role.VIEWER):
        with pytest.raises(PermissionDenied, match="may not manage users"):
            accounts.add(User("x", role, "安监科"), "mallory", PASSWORD, Role.ADMIN)
    assert accounts.count() == 0
    admin = User("root", Role.ADMIN)
    accounts.add(admin, "alice", PASSWORD, Role.VIEWER)
    assert accounts.log("alice")[0]["actor"] == "root"
    with pytest.raises(NotFoundError, match="no user 'nobody'"):
        accounts.get("nobody")


# -- signing in ----------------------------------------------------------------------------------
def test_wrong_password_and_unknown_user_look_the_same(accounts: Accounts) -> None:
    accounts.add(OPERATOR, "alice", PASSWORD, Role.REVIEWER, "ignored")
    with pytest.raises(AuthenticationError) as wrong:
        accounts.authenticate("alice", WRONG)
    with pytest.raises(AuthenticationError) as unknown:
        accounts.authenticate("nobody", WRONG)
    assert str(wrong.value) == str(unknown.value) == WRONG_TEXT
    user = accounts.authenticate("  Alice ", PASSWORD)  # names are trimmed and lower-cased
    assert user == User("alice", Role.REVIEWER, None)
    assert accounts.list()[0]["last_login"] is not None


def test_disabled_account_is_refused(accounts: Accounts) -> None:
    accounts.add(OPERATOR, "alice", PASSWORD, Role.VIEWER)
    accounts.set_active(OPERATOR, "alice", False)
    assert accounts.get("alice").active is False
    with pytest.raises(AuthenticationError) as disabled:
        accounts.authenticate("alice", PASSWORD)
    assert str(disabled.value) == WRONG_TEXT  # not told apart from a wrong password
    with pytest.raises(AuthenticationError) as wrong:
        accounts.authenticate("alice", WRONG)  # a wrong password still says only that
    assert str(wrong.value) == WRONG_TEXT
    accounts.set_active(OPERATOR, "alice", True)
    assert accounts.authenticate("alice", PASSWORD).username == "alice"
    assert events(accounts, "alice")[:4] == ["created", "disabled", "login_refused", "login_failed"]
    assert accounts.log("alice")[-3]["detail"] == "disabled"  # the log keeps the reason
    assert events(accounts, "alice")[-1] == "enabled"


def test_lockout_after_five_failures(accounts: Accounts) -> None:
    accounts.add(OPERATOR, "alice", PASSWORD, Role.VIEWER)
    for _ in range(4):
        with pytest.raises(AuthenticationError, match=WRONG_TEXT):
            accounts.authenticate("alice", WRONG)
    assert accounts.list()[0]["locked_until"] is None  # four are not enough
    before = datetime.now(UTC)
    with pytest.raises(AuthenticationError, match=WRONG_TEXT):
        accounts.authenticate("alice", WRONG)  # the fifth locks, with the usual message
    locked_until = str(accounts.list()[0]["locked_until"])
    until = datetime.fromisoformat(locked_until)
    assert timedelta(minutes=14) < until - before <= timedelta(minutes=15, seconds=5)
    # the right password during the lock is refused too, with the same message as a wrong one
    with pytest.raises(AuthenticationError) as locked:
        accounts.authenticate("alice", PASSWORD)
    assert str(locked.value) == WRONG_TEXT
    assert events(accounts, "alice") == (
        ["created"] + ["login_failed"] * 4 + ["locked", "login_refused"]
    )
    assert accounts.log("alice")[0]["detail"] == f"locked until {locked_until}"


def test_a_success_resets_the_failure_count(accounts: Accounts) -> None:
    accounts.add(OPERATOR, "alice", PASSWORD, Role.VIEWER)
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            accounts.authenticate("alice", WRONG)
    accounts.authenticate("alice", PASSWORD)
    for _ in range(4):
        with pytest.raises(AuthenticationError, match=WRONG_TEXT):
            accounts.authenticate("alice", WRONG)
    assert accounts.authenticate("alice", PASSWORD).username == "alice"  # 8 failures, not in a row


def test_lock_ends_after_fifteen_minutes_or_when_enabled(
    accounts: Accounts, monkeypatch: pytest.MonkeyPatch
) -> None:
    accounts.add(OPERATOR, "alice", PASSWORD, Role.VIEWER)
    accounts.add(OPERATOR, "bob", PASSWORD, Role.VIEWER)
    for name in ("alice", "bob"):
        for _ in range(5):
            with pytest.raises(AuthenticationError):
                accounts.authenticate(name, WRONG)
        with pytest.raises(AuthenticationError, match=WRONG_TEXT):  # the right password: locked
            accounts.authenticate(name, PASSWORD)
    # an admin's enable clears the lock at once
    accounts.set_active(OPERATOR, "alice", True)
    assert accounts.authenticate("alice", PASSWORD).username == "alice"
    # bob waits: still locked after 14 minutes, free after 16
    now = datetime.now(UTC)
    monkeypatch.setattr(accounts_module, "_now", lambda: now + timedelta(minutes=14))
    with pytest.raises(AuthenticationError, match=WRONG_TEXT):  # the right password: locked
        accounts.authenticate("bob", PASSWORD)
    monkeypatch.setattr(accounts_module, "_now", lambda: now + timedelta(minutes=16))
    assert accounts.authenticate("bob", PASSWORD).username == "bob"


# -- disabling and passwords ---------------------------------------------------------------------
def test_cannot_disable_the_last_active_admin(store: Store, accounts: Accounts) -> None:
    accounts.add(OPERATOR, "root", PASSWORD, Role.ADMIN)
    with pytest.raises(StoreError) as refused:
        accounts.set_active(OPERATOR, "root", False)
    assert str(refused.value) == "root is the last active admin; add another admin first"
    assert accounts.get("root").active
    accounts.add(OPERATOR, "root2", PASSWORD, Role.ADMIN)
    accounts.set_active(OPERATOR, "root", False)  # another admin is active now
    with pytest.raises(StoreError, match="root2 is the last active admin"):
        accounts.set_active(OPERATOR, "root2", False)
    assert active_admins(store) == 1
    with pytest.raises(PermissionDenied):
        accounts.set_active(User("li", Role.REVIEWER), "root2", False)
    with pytest.raises(NotFoundError):
        accounts.set_active(OPERATOR, "nobody", False)


def test_two_sessions_cannot_disable_both_admins(home: Path) -> None:
    with open_store(home) as one, open_store(home) as two:
        first, second = Accounts(one), Accounts(two)
        first.add(OPERATOR, "root1", PASSWORD, Role.ADMIN)
        first.add(OPERATOR, "root2", PASSWORD, Role.ADMIN)
        wait = "PRAGMA busy_timeout = 200" if two.dialect == "sqlite" else "SET lock_timeout = 200"
        two.db.execute(wait)
        count = first._active_admins

        def racing() -> int:
            # the other session disables root2 between this session's check and its update
            seen = count()
            # a store that holds its write lock across the check blocks this: good
            with contextlib.suppress(sqlite3.OperationalError):
                second.set_active(OPERATOR, "root2", False)
            return seen

        first._active_admins = racing  # type: ignore[method-assign]
        with contextlib.suppress(StoreError):
            first.set_active(OPERATOR, "root1", False)
        assert active_admins(one) >= 1


def test_set_password_by_self_and_by_others(accounts: Accounts) -> None:
    accounts.add(OPERATOR, "alice", PASSWORD, Role.VIEWER)
    accounts.add(OPERATOR, "bob", PASSWORD, Role.REVIEWER)
    alice = accounts.authenticate("alice", PASSWORD)
    accounts.set_password(alice, "alice", OTHER_PASSWORD)  # oneself: allowed for any role
    with pytest.raises(AuthenticationError):
        accounts.authenticate("alice", PASSWORD)
    assert accounts.authenticate("alice", OTHER_PASSWORD) == alice
    bob = accounts.authenticate("bob", PASSWORD)
    with pytest.raises(PermissionDenied, match="bob \\(reviewer\\) may not manage users"):
        accounts.set_password(bob, "alice", "taken-over-123")
    assert accounts.authenticate("alice", OTHER_PASSWORD).username == "alice"
    with pytest.raises(StoreError, match="at least 10"):
        accounts.set_password(alice, "alice", "short")
    accounts.set_password(User("root", Role.ADMIN), "bob", OTHER_PASSWORD)  # an admin: anyone
    assert accounts.authenticate("bob", OTHER_PASSWORD).username == "bob"
    with pytest.raises(NotFoundError):
        accounts.set_password(OPERATOR, "nobody", OTHER_PASSWORD)
    changes = [(e["actor"], e["username"]) for e in accounts.log() if e["event"] == "password"]
    assert changes == [
        ("root", "bob"),
        ("alice", "alice"),
    ]  # newest first; bob's refused try absent


def test_set_password_clears_a_lock(accounts: Accounts) -> None:
    accounts.add(OPERATOR, "alice", PASSWORD, Role.VIEWER)
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            accounts.authenticate("alice", WRONG)
    accounts.set_password(OPERATOR, "alice", OTHER_PASSWORD)
    assert accounts.authenticate("alice", OTHER_PASSWORD).username == "alice"


# -- the account log -----------------------------------------------------------------------------
def test_account_log_rows_cannot_be_changed_or_deleted(store: Store, accounts: Accounts) -> None:
    accounts.add(OPERATOR, "alice", PASSWORD, Role.VIEWER)
    with pytest.raises(sqlite3.DatabaseError, match="never changed"):
        store.db.execute("UPDATE account_log SET actor='someone-else'")
    with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
        store.db.execute("DELETE FROM account_log")
    log = accounts.log()
    assert len(log) == 1
    assert (log[0]["actor"], log[0]["username"], log[0]["event"], log[0]["detail"]) == (
        "operator",
        "alice",
        "created",
        "viewer",
    )


def test_ensure_first_admin_only_once(store: Store, accounts: Accounts) -> None:
    made = accounts.ensure_first_admin()
    assert made is not None
    name, secret = made
    assert name == "admin" and len(secret) >= 10
    assert accounts.authenticate("admin", secret).role is Role.ADMIN
    assert accounts.ensure_first_admin() is None
    assert accounts.ensure_first_admin("other", "given-password-1") is None
    assert accounts.count() == 1
    with open_store(store.path.parent) as again:  # a second connection sees the same account
        assert Accounts(again).ensure_first_admin() is None


def test_ensure_first_admin_with_a_given_password(accounts: Accounts) -> None:
    assert accounts.ensure_first_admin("chief", "given-password-1") == (
        "chief",
        "given-password-1",
    )
    assert accounts.authenticate("chief", "given-password-1").role is Role.ADMIN


# -- who ran an ingest ---------------------------------------------------------------------------
def test_store_write_records_the_actor(store: Store) -> None:
    first, second = synthetic_results(2, 2)
    store.write(first, "alice")
    store.write(second)
    store.write(first, "bob")  # unchanged, logged all the same
    rows = store.db.execute("SELECT document_id, actor FROM ingest_log ORDER BY id").fetchall()
    assert [(r["document_id"], r["actor"]) for r in rows] == [
        ("synthetic-000@2020-01-01", "alice"),
        ("synthetic-001@2020-01-01", None),
        ("synthetic-000@2020-01-01", "bob"),
    ]


# -- the interface language: self-service -------------------------------------------------------
def test_a_user_sets_only_their_own_language(accounts: Accounts) -> None:
    accounts.add(OPERATOR, "alice", PASSWORD, Role.VIEWER)
    accounts.add(OPERATOR, "bob", PASSWORD, Role.REVIEWER)
    assert accounts.language("alice") is None  # the default (Chinese) until chosen
    accounts.set_language(User("alice", Role.VIEWER), "en")
    assert (accounts.language("alice"), accounts.language("bob")) == ("en", None)
    with pytest.raises(StoreError, match="use a code such as zh or en"):
        accounts.set_language(User("alice", Role.VIEWER), "en'; --")
    assert accounts.language("alice") == "en"
    # a disabled account holds no permission, this one included
    with pytest.raises(PermissionDenied, match="may not own settings"):
        accounts.set_language(User("bob", Role.REVIEWER, active=False), "en")
    assert accounts.language("bob") is None
