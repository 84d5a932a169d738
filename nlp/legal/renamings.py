"""Authorities that were renamed, kept as data with dates (``nlp/data/renamings.json``).

A regulation in force after 2018 that still names 安全生产监督管理部门 names a body that no longer
exists under that name: its duties passed to 应急管理部门. The table holds the old name, the new
one, the date from which the old name is out of date and a note; :func:`find_old_names` finds old
names in a text, optionally only those already out of date on the text's own date.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Renaming:
    """One renaming.

    Attributes:
        old: The former name as written ("安全生产监督管理部门").
        new: The name that replaced it ("应急管理部门").
        since: The date from which the old name is out of date.
        note: Why (the reform), in the language of the names.
        body: The old body the name is one way of writing ("工商行政管理部门" for "工商部门",
            "工商局"): one text's names of one body are one finding. The old name itself when
            the table gives none.
    """

    old: str
    new: str
    since: date
    note: str
    body: str = ""


def load_renamings(raw: str) -> list[Renaming]:
    """Parse a renaming table in the format of ``renamings.json``.

    Raises:
        ValueError: if the schema version is unknown or an entry lacks a field.
    """
    data = json.loads(raw)
    if data.get("schema_version") != SCHEMA_VERSION:
        raise ValueError(
            f"renaming table schema_version {data.get('schema_version')!r}; "
            f"expected {SCHEMA_VERSION}"
        )
    out = []
    for entry in data["renamings"]:
        missing = {"old", "new", "since", "note"} - set(entry)
        if missing:
            raise ValueError(f"renaming {entry!r} lacks {sorted(missing)}")
        since = date.fromisoformat(entry["since"])
        body = entry.get("body", entry["old"])
        out.append(Renaming(entry["old"], entry["new"], since, entry["note"], body))
    return out


@functools.cache
def _table() -> tuple[tuple[Renaming, ...], re.Pattern[str]]:
    raw = resources.files("nlp.data").joinpath("renamings.json").read_text(encoding="utf-8")
    table = tuple(load_renamings(raw))
    names = sorted({r.old for r in table}, key=len, reverse=True)
    # a department named in a list of departments ("工商行政管理等部门", "工商行政管理、公安等
    # 部门", "省质量技术监督、商务主管部门"): its stem, where the list ends in 等部门 or the next
    # item of the list is a department
    stems = sorted({_stem(n) for n in names if _stem(n)} - set(names), key=len, reverse=True)
    listed = [re.escape(n) + _LISTED for n in stems]
    pattern = re.compile("|".join([re.escape(n) for n in names] + listed), re.I)
    return table, pattern


_LISTED = r"(?=(?:、[^、，,。；;]{1,12})*等(?:有关)?(?:行政)?部门|、[^，,。；;]{1,30}?部门)"
_DEPARTMENT = re.compile(r"(?:行政主管|主管|行政)?(?:部门|机构)$")


def _stem(name: str) -> str:
    """A department's name without "…部门" or "…机构" ("工商行政管理" of "工商行政管理部门",
    "公安消防" of "公安消防机构"), "" for other names."""
    m = _DEPARTMENT.search(name)
    return name[: m.start()] if m and m.start() >= 2 else ""


def renamings() -> list[Renaming]:
    """Return the packaged renaming table."""
    return list(_table()[0])


def find_old_names(text: str, *, on: date | None = None) -> list[tuple[Renaming, tuple[int, int]]]:
    """Return old authority names in ``text`` with their spans, longest name first at a position.

    Args:
        text: Any text.
        on: The text's date (adoption or latest amendment). When given, only names already out of
            date on that day are returned; when None, every old name is.
    """
    table, pattern = _table()
    by_name = {r.old.lower(): r for r in table}
    for r in table:  # a stem stands for its department (:func:`_table`)
        by_name.setdefault(_stem(r.old).lower(), r)
    out = []
    for m in pattern.finditer(text):
        renaming = by_name[m.group(0).lower()]
        if on is None or on >= renaming.since:
            out.append((renaming, m.span()))
    return out
