"""Slugs for works, and content hashes."""

from __future__ import annotations

import hashlib
import re

_NOT_SLUG = re.compile(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff]+")
_STATE_PREFIX = "中华人民共和国"


def short_title(title: str) -> str:
    """The title as people cite it: 中华人民共和国安全生产法 → 安全生产法."""
    t = title.strip()
    return t[len(_STATE_PREFIX) :] if t.startswith(_STATE_PREFIX) and len(t) > 8 else t


def slugify(title: str) -> str:
    """A readable, deterministic slug: Chinese kept, ASCII lower-cased, the rest folded to '-'.

    >>> slugify("中华人民共和国安全生产法")
    '安全生产法'
    >>> slugify("Work Safety Act (Illustrative)")
    'work-safety-act-illustrative'
    """
    slug = _NOT_SLUG.sub("-", short_title(title).lower()).strip("-")
    if len(slug) > 60:  # cut at a word boundary so long English titles stay readable
        slug = slug[:60].rsplit("-", 1)[0] if "-" in slug[:60] else slug[:60]
    return slug.strip("-") or "untitled"


def sha256_bytes(data: bytes) -> str:
    """Hex sha256 of bytes."""
    return hashlib.sha256(data).hexdigest()
