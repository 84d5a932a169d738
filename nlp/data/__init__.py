"""Packaged data for nlp: the department kinds (departments.json), the gazetteer of named bodies
(bodies.json) and renamed authorities (renamings.json), each read once per process."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any


@functools.cache
def packaged(name: str) -> Any:
    """The parsed JSON of the packaged file ``name`` ("bodies.json"); callers must not change it."""
    return json.loads(resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))
