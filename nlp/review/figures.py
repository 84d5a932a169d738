"""Figures that differ between two sentences saying the same thing, for :mod:`nlp.review.checks`.

English norms carry their figures in many forms the typed checks do not read: "thirty (30) days
written notice", "by May 1, 1998", "five (5) laboratory prototypes", "$917,000". When a local
sentence and an upper sentence say nearly the same thing in nearly the same words, and each
holds a figure the other lacks, the figure was changed (CHECK_FIGURE). Chinese texts are left to
the typed checks (fines, time limits, thresholds), which read their figures with their meaning.
"""

from __future__ import annotations

import re
from collections import Counter

from nlp.review.findings import Issue
from nlp.text import dice

# The two sentences' words, figures and stop words left out, must share this much (Dice of word
# sets): nearly the same sentence. At 0.6 related clauses of one contract with their own periods
# ("notify within thirty (30) days" / "replace within sixty (60) days") passed.
FIGURE_CONTEXT = 0.75
MIN_WORDS = 5  # a sentence shorter than this says too little to be "the same"

_MONTHS = {
    m: k
    for k, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}
_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
)
_WORDS = (
    {w: float(k) for k, w in enumerate(_UNITS.split(" "))}
    | {w: float(10 * k) for k, w in enumerate(("thirty", "forty", "fifty", "sixty"), start=3)}
    | {"seventy": 70.0, "eighty": 80.0, "ninety": 90.0}
)
_DATE = re.compile(
    r"\b(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b",
    re.I,
)
_DIGITS = re.compile(r"(?<![\w.])\$?(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?P<d>\.\d+)?%?(?![\w])")
_WORD_NUMBER = re.compile(r"\b(?:" + "|".join(_WORDS) + r")\b(?!\s*\(\s*\d)", re.I)
# A number that names a part of a document, not a figure of the norm.
_REFERENCE = re.compile(
    r"(?:section|article|clause|schedule|exhibit|annex|appendix|paragraph|item|part|rule|§)\s*$",
    re.I,
)
_NUMBERING = re.compile(r"^\s*\(?\d+(?:\.\d+)*[.)]?\s+")  # "3.7 AorTech shall …"
_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-Z(])|\n+")
_WORD = re.compile(r"[a-z]+")

Figure = tuple[object, tuple[int, int]]  # (value, span in the article)


def figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """The figures of ``text[start:end]`` with their spans in ``text``: dates as (year, month,
    day), numbers as floats ("thirty (15)" is 15: the digits decide), section numbers and the
    sentence's own numbering left out."""
    end = len(text) if end is None else end
    part = text[start:end]
    numbering = _NUMBERING.match(part)
    skip_to = numbering.end() if numbering else 0
    out: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for m in _DATE.finditer(part):
        value: tuple[int, int, int] | float = (
            int(m["year"]),
            _MONTHS[m["month"].lower()],
            int(m["day"]),
        )
        out.append((value, (start + m.start(), start + m.end())))
        taken.append(m.span())
    for m in _DIGITS.finditer(part):
        if m.start() < skip_to or any(a <= m.start() < b for a, b in taken):
            continue
        if _REFERENCE.search(part[: m.start()]) or _not_a_figure(part, m):
            continue
        value = float(m["n"].replace(",", "") + (m["d"] or ""))
        out.append((value, (start + m.start(), start + m.end())))
    for m in _WORD_NUMBER.finditer(part):
        if m.start() >= skip_to and not _REFERENCE.search(part[: m.start()]):
            out.append((_WORDS[m.group().lower()], (start + m.start(), start + m.end())))
    return sorted(out, key=lambda f: f[1])


def _not_a_figure(part: str, m: re.Match[str]) -> bool:
    """An item marker ("(1) fails …", but not "thirty (30) days") or a clause number ("as
    follows: 6.1 In consideration …": a decimal that is no sum of money or percentage)."""
    before, after = part[: m.start()], part[m.end() :]
    if before.endswith("(") and after.startswith(")"):
        return not _WORD_BEFORE.search(before[:-1])
    return bool(m["d"]) and not m.group().startswith("$") and not m.group().endswith("%")


_WORD_BEFORE = re.compile(r"\b(?:" + "|".join(_WORDS) + r")\s*$", re.I)


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, at = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((at, m.start()))
        at = m.end()
    spans.append((at, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _words(text: str, a: int, b: int, marks: list[Figure]) -> frozenset[str]:
    """The sentence's words, its figures (digits, number words, month names) left out."""
    chars = list(text[a:b].lower())
    for _, (s, e) in marks:
        chars[s - a : e - a] = " " * (e - s)
    return frozenset(
        w for w in _WORD.findall("".join(chars)) if w not in _MONTHS and w not in _STOPWORDS
    )


# Words every sentence of a contract or law has; they make unrelated sentences look alike.
_STOPWORDS = frozenset(
    (
        *("a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "from"),
        *("with", "as", "be", "is", "are", "was", "were", "been", "this", "that", "these"),
        *("those", "such", "any", "all", "each", "its", "it", "their", "his", "her", "which"),
        *("who", "whom", "will", "shall", "may", "must", "can", "not", "no", "if", "than"),
        *("then", "other", "after", "before", "within", "upon", "under"),
    )
)


def figure_issues(local: str, upper: str) -> list[Issue]:
    """CHECK_FIGURE for each local sentence that says what an upper sentence says
    (:data:`FIGURE_CONTEXT`) with figures the upper one lacks, while it lacks some of the upper
    one's: one side's figure was changed, not merely added."""
    out = []
    upper_sentences = []
    for a, b in _sentences(upper):
        marks = figures(upper, a, b)
        upper_sentences.append((marks, _words(upper, a, b, marks)))
    for a, b in _sentences(local):
        marks = figures(local, a, b)
        if not marks:
            continue
        words = _words(local, a, b, marks)
        if len(words) < MIN_WORDS:
            continue
        best = max(
            ((dice(words, w), m) for m, w in upper_sentences if m and len(w) >= MIN_WORDS),
            default=(0.0, []),
            key=lambda s: s[0],
        )
        if best[0] < FIGURE_CONTEXT:
            continue
        theirs = best[1]
        ours_left = Counter(v for v, _ in marks) - Counter(v for v, _ in theirs)
        theirs_left = Counter(v for v, _ in theirs) - Counter(v for v, _ in marks)
        if not ours_left or not theirs_left:
            continue
        local_marks = tuple(s for v, s in marks if v in ours_left)
        upper_marks = tuple(s for v, s in theirs if v in theirs_left)
        said = ", ".join(local[s:e] for s, e in local_marks)
        was = ", ".join(upper[s:e] for s, e in upper_marks)
        out.append(
            Issue(
                "CHECK_FIGURE",
                "warning",
                f"This sentence says what the upper law says, but with '{said}' where the upper "
                f"law has '{was}'.",
                f"Use the upper law's '{was}', or record why this text differs.",
                local_marks,
                upper_marks,
                f"figure:{_key(local[a:b])}",
            )
        )
    return out


def _key(sentence: str) -> str:
    return " ".join(_WORD.findall(sentence.lower())[:6])
