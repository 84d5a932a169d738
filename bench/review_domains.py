"""The texts of ``bench/review-domains/``: each local rule with its upper law, by split.

Shared by the review benchmarks of the nine domains (``bench_review_domains.py``,
``planted_domains.py``, ``bench_review_basis.py`` reads the same files its own way). It reads
files only: no review code is imported here, so a generator built on it shares nothing with the
review it grades.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOMAINS = ROOT / "bench" / "review-domains"
# Each held-out pair of SPLIT.json, in the order they were added (each run once, then
# development); "development" is every domain in none of them.
HELD_OUT_SPLITS = (
    "held_out",
    "held_out_2",
    "held_out_3",
    "held_out_4",
    "held_out_5",
    "held_out_6",
    "held_out_7",
    "held_out_8",
)
SPLITS = ("development", *HELD_OUT_SPLITS, "all")

# Held-out splits not yet run once (kept for one measurement by the lead): the benches read their
# texts only when that split is the one run, never as another split's unrelated laws.
RESERVED: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReviewCase:
    """One local rule and the upper law it implements."""

    domain: str
    key: str  # "gas/北京市燃气管理条例(2020-09-25).md"
    title: str
    on: date | None
    local: list[tuple[str, str]]  # (number as printed, text) of each article
    upper_key: str
    upper_title: str
    upper_on: date | None
    upper: list[tuple[str, str]]


def articles(path: Path) -> list[tuple[str, str]]:
    """(number, text) of every article of a stored file, read by the project's ingest."""
    from ingest import load_document

    document = load_document(path).document
    if document is None:
        return []
    return [(p.number, p.text) for p in document.articles() if p.kind == "article"]


def held_out(split: str = "held_out") -> set[str]:
    """The domains of one held-out split of ``SPLIT.json`` (none when it lists none yet)."""
    listed = json.loads((DOMAINS / "SPLIT.json").read_text(encoding="utf-8"))
    return set(listed.get(split, []))


def cases(split: str = "development") -> Iterator[ReviewCase]:
    """Every local rule of the split with its upper law, in ``sources.json`` order.

    Args:
        split: "development" (the domains in no held-out split), "held_out" (the first
            held-out pair, read once and development since), "held_out_2" (domains added
            later and kept unseen) or "all".

    Raises:
        ValueError: for an unknown split.
    """
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; expected one of {SPLITS}")
    sources = json.loads((DOMAINS / "sources.json").read_text(encoding="utf-8"))
    held = {split: held_out(split) for split in HELD_OUT_SPLITS}
    # development leaves out every held-out list of SPLIT.json, also one a curator is still
    # adding (listed there before the split's name reaches HELD_OUT_SPLITS)
    listed = json.loads((DOMAINS / "SPLIT.json").read_text(encoding="utf-8"))
    unseen = set().union(
        *held.values(),
        *(v for k, v in listed.items() if k.startswith("held_out") and isinstance(v, list)),
    )
    uppers = {k.split("/")[0]: k for k, v in sources.items() if v["kind"] != "local"}
    cache: dict[str, list[tuple[str, str]]] = {}

    def read(key: str) -> list[tuple[str, str]]:
        if key not in cache:
            cache[key] = articles(DOMAINS / key)
        return cache[key]

    for key, meta in sources.items():
        domain = key.split("/")[0]
        if meta["kind"] != "local":
            continue
        if (split == "development" and domain in unseen) or (
            split in held and domain not in held[split]
        ):
            continue
        upper_key = uppers[domain]
        upper_meta = sources[upper_key]
        yield ReviewCase(
            domain=domain,
            key=key,
            title=meta["title"],
            on=_date(meta.get("date")),
            local=read(key),
            upper_key=upper_key,
            upper_title=upper_meta["title"],
            upper_on=_date(upper_meta.get("date")),
            upper=read(upper_key),
        )


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
