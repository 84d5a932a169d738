"""Metadata read from a plan's header lines."""

from __future__ import annotations

from pathlib import Path

from ingest.metadata import detect_metadata, detect_title
from ingest.readers.base import Block, BlockKind


def _blocks(*texts: str) -> list[Block]:
    return [Block(t, None, BlockKind.PARAGRAPH, None) for t in texts]


def test_a_long_first_line_naming_a_plan_is_the_title() -> None:
    title = "Sample Work Plan on Reducing the Risks of Old Boilers in the Towns and Villages of Testland"
    assert len(title) > 80
    assert detect_title(_blocks(title, "Body."), "", Path("x.txt")) == title


def test_a_long_first_sentence_is_not_a_title() -> None:
    first = "Boilers that are older than thirty years have caused many fires in the towns of the region."
    assert detect_title(_blocks(first, "Body."), "", Path("boilers.txt")) == "boilers"


def test_issue_date_lines() -> None:
    for header in ("Issued by: Sample Office, 3 March 2031", "Date: 3 March 2031"):
        meta = detect_metadata(f"Sample Plan\n{header}", "", "Sample Plan", Path("p.txt"))
        assert meta["promulgated"] == "2031-03-03"
