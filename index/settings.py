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


def embedder_name() -> str:
    """The embedder for new indexes: $POLICYLENS_EMBEDDER, else the measured default (e5)."""
    from index.search.embedders import DEFAULT_EMBEDDER

    return os.environ.get(ENV_EMBEDDER) or DEFAULT_EMBEDDER
