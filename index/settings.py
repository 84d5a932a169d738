"""Environment settings, read in one place: POLICYLENS_HOME is the workspace folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "POLICYLENS_HOME"
DB_NAME = "policylens.db"


def workspace_home() -> Path:
    """The workspace folder: $POLICYLENS_HOME, else ./workspace."""
    return Path(os.environ.get(ENV_HOME) or "workspace")


ENV_EMBEDDER = "POLICYLENS_EMBEDDER"
INDEX_DIR = "index"


DEFAULT_EMBEDDER = "e5"  # measured best on both shared retrieval benchmarks (README)


def chosen_embedder() -> str | None:
    """The embedder the environment names ($POLICYLENS_EMBEDDER), or None."""
    return os.environ.get(ENV_EMBEDDER) or None


def embedder_name() -> str:
    """The embedder for new indexes: $POLICYLENS_EMBEDDER, else the measured default (e5)."""
    return chosen_embedder() or DEFAULT_EMBEDDER


ENV_TIMEZONE = "POLICYLENS_TIMEZONE"
DEFAULT_TIMEZONE = "Asia/Shanghai"  # the users are Chinese government staff first


def timezone_name() -> str:
    """The IANA time zone that times are shown in: $POLICYLENS_TIMEZONE, else Asia/Shanghai."""
    return os.environ.get(ENV_TIMEZONE) or DEFAULT_TIMEZONE


ENV_DATABASE_URL = "POLICYLENS_DATABASE_URL"
DATABASE_SCHEMES = ("postgresql://", "postgres://")


def database_url() -> str | None:
    """The shared store's address ($POLICYLENS_DATABASE_URL, ``postgresql://…``), or None for
    the workspace's SQLite file (the default).

    Raises:
        ValueError: when the variable is set to something other than a PostgreSQL URL.
    """
    url = (os.environ.get(ENV_DATABASE_URL) or "").strip()
    if not url:
        return None
    if not url.startswith(DATABASE_SCHEMES):
        raise ValueError(
            f"{ENV_DATABASE_URL} must be a PostgreSQL URL (postgresql://user@host/database); "
            f"unset it to use the workspace's SQLite file"
        )
    return url
