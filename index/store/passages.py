"""What a provision looks like to the retrievers: its heading path (title first) and its text."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence


def passage_text(heading_path: Sequence[str], text: str) -> str:
    """The text indexed for one provision; the headings give an article its context.

    >>> passage_text(["安全生产法", "第二章 生产经营单位的安全生产保障"], "第二十一条 ……")
    '安全生产法 第二章 生产经营单位的安全生产保障\\n第二十一条 ……'
    """
    head = " ".join(part for part in heading_path if part)
    return f"{head}\n{text}" if head else text


def passage_key(passage: str) -> str:
    """The cache key of an embedded passage (vectors are reused while the text is unchanged)."""
    return hashlib.sha256(passage.encode("utf-8")).hexdigest()
