"""Consistency checks of a local rule's article against the upper law's article it implements.

:func:`compare_articles` reads one aligned pair: the fines, time limits and thresholds of both
(:mod:`nlp.review.quantity_checks`), their modal words and the bodies that bear each duty
(:mod:`nlp.review.modal_checks`), figures of English norms (:mod:`nlp.review.figures`), copies
and renamed authorities (here). Figures are compared only when they can be paired: same kind,
same subject (the unit, its principal person, the persons directly responsible), same condition
(逾期未改正, 一般事故 …) and a similar sentence around them. Two articles about different matters
may sit side by side after alignment; they then yield nothing rather than a false alarm.
The checks of one text on its own, and the delegation clauses of an upper law, are in
:mod:`nlp.review.single_text`.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from datetime import date

from nlp.legal.modality import find_modals
from nlp.legal.quantities import find_quantities
from nlp.review.competence import competence_issues
from nlp.review.figures import figure_issues
from nlp.review.findings import Issue
from nlp.review.modal_checks import modal_issues
from nlp.review.pairs import Side, offence_units
from nlp.review.quantity_checks import fine_offenders, quantity_issues
from nlp.review.single_text import old_names, renamed_issue
from nlp.review.wording import bigrams
from nlp.text import is_chinese

_LABEL = re.compile(
    r"^\s*(?:第[零〇一二两三四五六七八九十百千0-9０-９]+条(?:之[一二三四五六七八九十]+)?|"
    r"Article\s+\d+[A-Za-z]?\.?|§\s*[\d.]+)[\s\u3000]*"
)
_SELF = re.compile(
    "本(?:条例|法|办法|规定|细则|决定|规则)|this (?:Act|Law|Regulations?|Rules?|Measures)"
)
_PUNCT = re.compile(r"[\s，,、；;。.：:“”\"'（）()《》!！?？]+")


def compare_articles(
    local: str, upper: str, *, local_date: date | None = None, special_zone: bool = False
) -> list[Issue]:
    """Return the inconsistencies of a local article with the upper-law article it implements.

    Args:
        local: The local rule's article text (its label may be included).
        upper: The upper law's article text.
        local_date: The local text's date; when given, old authority names are reported
            (CHECK_RENAMED_AUTHORITY: "warning" when the text was made after the renaming, "info"
            when before; the upper article's new name is marked where it has it). The same
            finding comes from :func:`~nlp.review.single_text.check_text` given ``on``:
            callers keep one of the two.
        special_zone: The local text is a special economic zone's regulation (深圳经济特区…),
            made under a delegation of the National People's Congress that lets it vary national
            law: a fine outside the upper range is then a "warning" asking to confirm the
            variation is intended, not an "error".
    """
    zh = is_chinese(local + upper)
    lo = Side(local, tuple(find_quantities(local)), tuple(find_modals(local)))
    up = Side(upper, tuple(find_quantities(upper)), tuple(find_modals(upper)))
    issues = _verbatim(lo, up, zh)
    if issues:
        return issues  # a copy has no other difference worth a line
    issues += quantity_issues(lo, up, zh, special_zone)
    issues += modal_issues(lo, up, zh)
    issues += competence_issues(local, upper, zh)
    if not zh:  # Chinese figures are read with their meaning by the checks above
        marked = [span for issue in issues for span in issue.local_marks]
        issues += [
            issue
            for issue in figure_issues(local, upper)
            if not any(a < e and s < b for a, b in issue.local_marks for s, e in marked)
        ]
    if local_date is not None:
        issues += _renamed(lo, up, local_date)
    return issues


def _normalised_body(text: str) -> str:
    body = _LABEL.sub("", unicodedata.normalize("NFKC", text), count=1)
    return _PUNCT.sub("", _SELF.sub("本法", body)).lower()


def _verbatim(lo: Side, up: Side, zh: bool) -> list[Issue]:
    a, b = _normalised_body(lo.text), _normalised_body(up.text)
    if len(a) < 8 or a != b:
        return []
    message = (
        "本条与上位法条文内容相同，属于照抄上位法。"
        if zh
        else "This article repeats the upper law word for word."
    )
    fix = (
        "删除重复条文，或仅就本地需要作出具体规定。"
        if zh
        else "Delete it or keep only what the local rule adds."
    )
    return [
        Issue(
            "CHECK_VERBATIM_COPY",
            "info",
            message,
            fix,
            ((0, len(lo.text)),),
            ((0, len(up.text)),),
            "verbatim",
        )
    ]


def _renamed(lo: Side, up: Side, on: date) -> list[Issue]:
    out = []
    for renaming, spans in old_names(lo.text):
        at = tuple(m.span() for m in re.finditer(re.escape(renaming.new), up.text))
        out.append(dataclasses.replace(renamed_issue(renaming, spans, on), upper_marks=at))
    return out


def clear_caches() -> None:
    """Forget the bigrams, fines and penalty conduct read so far (for timing a cold review)."""
    bigrams.cache_clear()
    fine_offenders.cache_clear()
    offence_units.cache_clear()
