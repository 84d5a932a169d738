"""The finding type of the consistency review and the small text helpers its checks share."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

CODES = (
    "CHECK_FINE_RANGE",
    "CHECK_FINE_MULTIPLE",
    "CHECK_FINE_INCOME_SHARE",
    "CHECK_TIME_LIMIT",
    "CHECK_THRESHOLD",
    "CHECK_FIGURE",
    "CHECK_MODALITY",
    "CHECK_DUTY_BODY",
    "CHECK_RENAMED_AUTHORITY",
    "CHECK_CITES_REPEALED",
    "CHECK_CITES_SUPERSEDED",
    "CHECK_CITES_MISSING_ARTICLE",
    "CHECK_DELEGATION_UNMET",
    "CHECK_VERBATIM_COPY",
    "CHECK_XREF_MISSING",
    "CHECK_NUMBERING_GAP",
    "CHECK_NUMBERING_REPEAT",
    "CHECK_TERM_REDEFINED",
)
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding of a check.

    Attributes:
        code: One of :data:`CODES` (stable forever).
        severity: "error", "warning" or "info".
        message: One sentence, in the texts' language.
        fix: A suggested fix, one sentence.
        local_marks: Spans to mark in the local article's text (for :func:`check_text`, in the
            text of the article the finding is about).
        upper_marks: Spans to mark in the upper article's text.
        key: What tells this finding apart from others of its code in the same pair
            ("fine:单位:逾期"); part of the finding's stable id.
    """

    code: str
    severity: str
    message: str
    fix: str
    local_marks: tuple[tuple[int, int], ...] = ()
    upper_marks: tuple[tuple[int, int], ...] = ()
    key: str = ""

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown finding code {self.code!r}; expected one of {CODES}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}; expected one of {SEVERITIES}")


_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_FIGURE = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千万亿]+")
_SENTENCE_END = "；;。\n"


def is_chinese(text: str) -> bool:
    """True when the text has more Chinese characters than Latin letters."""
    return len(_CJK.findall(text)) >= len(_LATIN.findall(text)) and bool(_CJK.search(text))


@functools.lru_cache(maxsize=65536)
def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of Chinese, lower-cased words of Latin text; figures left out (kept for
    the texts last asked about: a review compares the same clauses many times)."""
    text = _FIGURE.sub(" ", text)
    words = frozenset(re.findall(r"[a-z]{3,}", text.lower()))
    grams = frozenset(run[i : i + 2] for run in _NOT_CJK.split(text) for i in range(len(run) - 1))
    return grams | words


_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]+")


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two sets (0 when both are empty)."""
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def sentence_span(text: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos``: from after the last ；。 or line break to the next one."""
    start = max(text.rfind(c, 0, pos) for c in _SENTENCE_END) + 1
    ends = [i for i in (text.find(c, pos) for c in _SENTENCE_END) if i >= 0]
    return start, min(ends, default=len(text))
