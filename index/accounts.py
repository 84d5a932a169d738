"""Accounts and permissions: users with roles, argon2 password hashes, and the checks every
operation that changes the knowledge base makes before it acts.

The checks live here, in the knowledge-base layer, so that hiding a button in the app is never
the only thing that stops a user: the app, the CLI and any script go through the same
:func:`require`. The CLI itself acts as the workspace's operator (whoever can open the SQLite
file can change it anyway); accounts govern the app.
"""

from __future__ import annotations

import builtins
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from index.store.database import NotFoundError, Store, StoreError
from index.store.transactions import transaction


class Role(StrEnum):
    ADMIN = "admin"
    REVIEWER = "reviewer"
    DEPARTMENT = "department"  # a department's staff, bound to that department
    VIEWER = "viewer"


class Permission(StrEnum):
    SEARCH = "search"  # search and read documents
    UPLOAD = "upload"  # ingest uploaded files
    INGEST_FOLDER = "ingest_folder"  # ingest a folder on the server
    REMOVE_DOCUMENT = "remove_document"
    REVIEW = "review"  # decide consistency-review findings
    UPDATE_TASKS = "update_tasks"  # only the user's own department's tasks, unless admin
    MANAGE_USERS = "manage_users"
    MANAGE_PLANS = "manage_plans"  # extract, import and delete task plans
    # Self-service: change one's own interface settings (the language); every active account
    # has it, and it never reaches another account's row.
    OWN_SETTINGS = "own_settings"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.REVIEWER: frozenset(
        {Permission.SEARCH, Permission.UPLOAD, Permission.REVIEW, Permission.OWN_SETTINGS}
    ),
    Role.DEPARTMENT: frozenset(
        {Permission.SEARCH, Permission.UPDATE_TASKS, Permission.OWN_SETTINGS}
    ),
    Role.VIEWER: frozenset({Permission.SEARCH, Permission.OWN_SETTINGS}),
}

MIN_PASSWORD = 10
# The one answer to every failed sign-in: whether the name exists, or is locked or disabled,
# is not told (the account log records which it was).
SIGN_IN_FAILED = (
    "wrong user name or password, or the account is locked or disabled; an admin can unlock it"
)
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters


class PermissionDenied(StoreError):
    """The user's role does not allow this operation."""


class LastAdminError(StoreError):
    """The change would leave the workspace without an active admin."""


class AuthenticationError(StoreError):
    """Wrong user name or password, a disabled account, or one locked after failed logins."""


@dataclass(frozen=True, slots=True)
class User:
    """Who is acting: a user name, a role and, for department users, the department."""

    username: str
    role: Role
    department: str | None = None
    active: bool = True

    def can(self, permission: Permission) -> bool:
        return self.active and permission in ROLE_PERMISSIONS[self.role]

    def may_change_department(self, department: str) -> bool:
        """Whether this user may change data owned by ``department`` (tasks, reports)."""
        if not self.can(Permission.UPDATE_TASKS):
            return False
        return self.role is Role.ADMIN or self.department == department


# The CLI's identity: shell access to the workspace is full access to its SQLite file.
OPERATOR = User("operator", Role.ADMIN)


def require(user: User, permission: Permission, *, department: str | None = None) -> None:
    """Raise unless ``user`` may do ``permission`` (for ``department``'s data, when given).

    Raises:
        PermissionDenied: naming the user, the role and what was refused.
    """
    allowed = user.can(permission) and (
        department is None or user.may_change_department(department)
    )
    if not allowed:
        scope = f" for {department}" if department is not None else ""
        raise PermissionDenied(
            f"{user.username} ({user.role}) may not {permission.value.replace('_', ' ')}{scope}"
        )


def _now() -> datetime:
    return datetime.now(UTC)


class Accounts:
    """The users table of one store."""

    def __init__(self, store: Store) -> None:
        self.db = store.db

    # -- reading -------------------------------------------------------------------------------
    def list(self) -> list[dict[str, object]]:
        """Every account, without password hashes."""
        return [
            dict(r)
            for r in self.db.execute(
                "SELECT username, role, department, active, created_at, last_login, "
                "locked_until FROM users ORDER BY username"
            )
        ]

    def get(self, username: str) -> User:
        """The account ``username`` as a :class:`User`.

        Raises:
            NotFoundError: when there is no such account.
        """
        row = self.db.execute(
            "SELECT username, role, department, active FROM users WHERE username=?",
            (username,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no user {username!r}; see `policylens users list`")
        return User(row["username"], Role(row["role"]), row["department"], bool(row["active"]))

    def count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM users").fetchone()[0])

    def log(self, username: str | None = None) -> builtins.list[dict[str, object]]:
        """Account events, newest first."""
        sql = "SELECT at, actor, username, event, detail FROM account_log"
        rows = (
            self.db.execute(sql + " WHERE username=? ORDER BY id DESC", (username,))
            if username
            else self.db.execute(sql + " ORDER BY id DESC")
        )
        return [dict(r) for r in rows]

    # -- changing ------------------------------------------------------------------------------
    def add(
        self,
        actor: User,
        username: str,
        password: str,
        role: Role | str,
        department: str | None = None,
    ) -> User:
        """Create an account.

        Raises:
            PermissionDenied: unless ``actor`` may manage users.
            StoreError: for a bad user name, a short password, a department user without a
                department, or a name already taken.
        """
        require(actor, Permission.MANAGE_USERS)
        role = Role(role)
        if not _USERNAME.fullmatch(username):
            raise StoreError(
                f"user name {username!r}: use 2-32 lower-case letters, digits, '.', '_' or '-'"
            )
        _check_password(password)
        department = (department or "").strip() or None
        if role is Role.DEPARTMENT and department is None:
            raise StoreError("a department user needs a department")
        if role is not Role.DEPARTMENT:
            department = None
        with transaction(self.db):
            if self.db.execute("SELECT 1 FROM users WHERE username=?", (username,)).fetchone():
                raise StoreError(f"user {username!r} exists already")
            self.db.execute(
                "INSERT INTO users (username, password_hash, role, department, created_at) "
                "VALUES (?,?,?,?,?)",
                (username, _HASHER.hash(password), role.value, department, _stamp(_now())),
            )
            self._event(actor.username, username, "created", f"{role.value} {department or ''}")
        return User(username, role, department)

    def set_active(self, actor: User, username: str, active: bool) -> None:
        """Disable or re-enable an account; an admin cannot disable the last active admin.

        Raises:
            PermissionDenied, NotFoundError, StoreError.
        """
        require(actor, Permission.MANAGE_USERS)
        with transaction(self.db):  # the last-admin check and the change are one step
            user = self.get(username)
            last = user.role is Role.ADMIN and user.active and self._active_admins() == 1
            if not active and last:
                raise LastAdminError(
                    f"{username} is the last active admin; add another admin first"
                )
            self.db.execute(
                "UPDATE users SET active=?, failed_logins=0, locked_until=NULL WHERE username=?",
                (int(active), username),
            )
            self._event(actor.username, username, "enabled" if active else "disabled")

    def set_role(
        self, actor: User, username: str, role: Role | str, department: str | None = None
    ) -> User:
        """Give an account another role (and, for a department user, its department); an admin
        cannot take the admin role from the last active admin. Recorded in the account log as a
        ``role`` event with the old and the new role.

        Raises:
            PermissionDenied: unless ``actor`` may manage users.
            NotFoundError: when there is no such account.
            StoreError: for a department user without a department, or the last active admin.
        """
        require(actor, Permission.MANAGE_USERS)
        role = Role(role)
        department = (department or "").strip() or None
        if role is Role.DEPARTMENT and department is None:
            raise StoreError("a department user needs a department")
        if role is not Role.DEPARTMENT:
            department = None
        with transaction(self.db):  # the last-admin check and the change are one step
            user = self.get(username)
            last = user.role is Role.ADMIN and user.active and self._active_admins() == 1
            if last and role is not Role.ADMIN:
                raise LastAdminError(
                    f"{username} is the last active admin; add another admin first"
                )
            self.db.execute(
                "UPDATE users SET role=?, department=? WHERE username=?",
                (role.value, department, username),
            )
            before = f"{user.role.value} {user.department or ''}".strip()
            after = f"{role.value} {department or ''}".strip()
            self._event(actor.username, username, "role", f"{before} -> {after}")
        return User(username, role, department, user.active)

    def language(self, username: str) -> str | None:
        """The interface language ``username`` chose ("zh", "en"), or None for the default."""
        row = self.db.execute("SELECT language FROM users WHERE username=?", (username,)).fetchone()
        return row["language"] if row is not None else None

    def set_language(self, actor: User, language: str) -> None:
        """Remember ``actor``'s interface language. Only the actor's own account is written (no
        user sets another's), under the self-service permission every active account holds.

        Raises:
            PermissionDenied: for a disabled account.
            StoreError: for a language code that is not two to eight letters.
        """
        require(actor, Permission.OWN_SETTINGS)
        if not re.fullmatch(r"[a-z]{2,8}", language):
            raise StoreError(f"language {language!r}: use a code such as zh or en")
        with transaction(self.db):
            self.db.execute(
                "UPDATE users SET language=? WHERE username=?", (language, actor.username)
            )

    def set_password(self, actor: User, username: str, password: str) -> None:
        """Change a password: admins for anyone, a user for themselves.

        Raises:
            PermissionDenied, NotFoundError, StoreError.
        """
        if actor.username != username:
            require(actor, Permission.MANAGE_USERS)
        self.get(username)
        _check_password(password)
        with transaction(self.db):
            self.db.execute(
                "UPDATE users SET password_hash=?, failed_logins=0, locked_until=NULL "
                "WHERE username=?",
                (_HASHER.hash(password), username),
            )
            self._event(actor.username, username, "password")

    def authenticate(self, username: str, password: str) -> User:
        """The user for a correct name and password.

        After :data:`MAX_FAILED_LOGINS` failures in a row the account is locked for
        :data:`LOCK_MINUTES`. Every refusal (an unknown name, a wrong password, a locked or a
        disabled account) gives the same message, :data:`SIGN_IN_FAILED`, after about the same
        time, so that the sign-in form does not tell which names exist; the account log keeps
        the real reason.

        Raises:
            AuthenticationError: with a message fit to show on the login page.
        """
        username = username.strip().lower()
        row = self.db.execute(
            "SELECT username, password_hash, role, department, active, failed_logins, "
            "locked_until FROM users WHERE username=?",
            (username,),
        ).fetchone()
        refused = AuthenticationError(SIGN_IN_FAILED)
        if row is None:
            _HASHER.hash(password)  # about the same time as a real check: no user probing
            raise refused
        now = _now()
        try:
            _HASHER.verify(row["password_hash"], password)
            right = True
        except (VerificationError, InvalidHashError):
            right = False
        if row["locked_until"] and datetime.fromisoformat(row["locked_until"]) > now:
            self._refused(username, f"locked until {row['locked_until']}")
            raise refused
        if not right:
            self._failed(username, int(row["failed_logins"]) + 1, now)
            raise refused
        if not row["active"]:
            self._refused(username, "disabled")
            raise refused
        with transaction(self.db):
            if _HASHER.check_needs_rehash(row["password_hash"]):
                self.db.execute(
                    "UPDATE users SET password_hash=? WHERE username=?",
                    (_HASHER.hash(password), username),
                )
            self.db.execute(
                "UPDATE users SET failed_logins=0, locked_until=NULL, last_login=? "
                "WHERE username=?",
                (_stamp(now), username),
            )
        return User(row["username"], Role(row["role"]), row["department"])

    def ensure_first_admin(
        self, username: str = "admin", password: str | None = None
    ) -> tuple[str, str] | None:
        """Create the first admin when the workspace has no accounts.

        Returns:
            (user name, password) when an account was created (a random password unless one
            was given), or None when accounts exist already.
        """
        if self.count():
            return None
        password = password or secrets.token_urlsafe(12)
        self.add(OPERATOR, username, password, Role.ADMIN)
        return username, password

    # -- internals -----------------------------------------------------------------------------
    def _failed(self, username: str, failures: int, now: datetime) -> None:
        locked = (
            _stamp(now + timedelta(minutes=LOCK_MINUTES)) if failures >= MAX_FAILED_LOGINS else None
        )
        with transaction(self.db):
            self.db.execute(
                "UPDATE users SET failed_logins=?, locked_until=? WHERE username=?",
                (0 if locked else failures, locked, username),
            )
            self._event(username, username, "locked" if locked else "login_failed")

    def _refused(self, username: str, reason: str) -> None:
        with transaction(self.db):
            self._event(username, username, "login_refused", reason)

    def _active_admins(self) -> int:
        return int(
            self.db.execute(
                "SELECT COUNT(*) FROM users WHERE role='admin' AND active=1"
            ).fetchone()[0]
        )

    def _event(self, actor: str, username: str, event: str, detail: str = "") -> None:
        self.db.execute(
            "INSERT INTO account_log (at, actor, username, event, detail) VALUES (?,?,?,?,?)",
            (_stamp(_now()), actor, username, event, detail.strip()),
        )


FIRST_ADMIN_NOTE = "first-admin.txt"


def forget_first_password(home: Path, username: str) -> None:
    """Delete the set-up's note of the first admin's password once that admin has changed it."""
    note = home / FIRST_ADMIN_NOTE
    try:
        if note.read_text(encoding="utf-8").splitlines()[0] == f"user: {username}":
            note.unlink()
    except (OSError, IndexError):
        pass


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise StoreError(f"a password needs at least {MIN_PASSWORD} characters")


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
