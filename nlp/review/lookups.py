"""Lookups across the whole upper law for one local article, wherever the alignment put it.

A rule restated in a long local article is often diluted below the alignment's reach. So each
local article's binding rules made optional ("应当" → "可以"), its time limits and its fines are
looked up in every upper article, by the action bound, the sentence that sets the limit and the
conduct punished. A fine for breaching the local text's own article is looked up by that
article's duty. Each looked-up pair keeps only the codes it was looked up for.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from ingest.numbering import CN_NUMERAL, parse_number
from nlp.legal.article_refs import article_number
from nlp.review.alignment import candidates, similarities
from nlp.review.checks import compare_articles
from nlp.review.findings import Article, Issue
from nlp.review.modal_checks import Action, action_match, modal_actions
from nlp.review.quantity_checks import (
    FINE_CODES,
    fine_offenders,
    fine_positions,
    penalty_match,
    time_clauses,
)
from nlp.text import dice, is_chinese
from nlp.versions.compare import article_body

CLAUSE_CANDIDATES = 3  # upper articles per local article, by their best matching clause
# Dice of the words before the two modals, for a like party: a predicate as common as "向负有安全
# 生产监督管理职责的部门报告" says nothing of whether "任何单位或者个人" is "其中，…情况"
CLAUSE_SUBJECT = 0.25
BINDING = ("obligation", "prohibition")
OFFENCE_LOOKUP = 0.7  # penalty_match of two fines for them to punish the same conduct
OFFENCE_WORDS = 6  # telling bigrams a conduct needs to be looked up by
SAME_RULE = 0.5  # Dice of two sentences setting a time limit for them to be the same rule
PERMISSIVE = frozenset({"可以", "有权", "may"})
DUTY_CHARS = 120  # the cited duty's words put in after the citation
# A penalty for breaching the text's own article: "违反本条例第三十条第一款规定的".
_OWN_ARTICLE = re.compile(
    rf"违反本(?:条例|规定|办法|细则)第({CN_NUMERAL}|[0-9]+)条(?:第({CN_NUMERAL}|[0-9]+)款)?(?:规定)?"
)
_ITEM_LINE = re.compile(r"\s*[（(][一二三四五六七八九十0-9]+[）)]")
_ITEM_LABEL = re.compile(r"[（(][一二三四五六七八九十0-9]+[）)]")

Found = tuple[int, int, Issue]  # (local index, upper index, issue)


def clause_lookups(
    local: Sequence[Article],
    upper: Sequence[Article],
    checked: dict[int, list[int]],
    *,
    local_date: date | None = None,
    special_zone: bool = False,
) -> Iterator[Found]:
    """The issues of the upper articles each local article's clauses are looked up in.

    Args:
        local: The local text's articles.
        upper: The upper law's articles.
        checked: For each local index, the upper articles already checked against it (they are
            not looked up again).
        local_date: The local text's date (for :func:`compare_articles`).
        special_zone: The local text is a special economic zone's regulation.

    Yields:
        (local index, upper index, issue) for a binding rule made optional, a different time
        limit for the same rule and a different fine for the same conduct, a fine only from the
        upper penalty that best matches its conduct, in order.
    """
    upper_binding = [modal_actions(a.text, BINDING) for a in upper]
    upper_times = [time_clauses(a.text) for a in upper]
    with_fines = [k for k, a in enumerate(upper) if fine_positions(a.text)]
    for i, article in enumerate(local):
        done = checked.get(i)
        looked: dict[int, set[str]] = {}
        optional = modal_actions(article.text, ("permission",))
        for j in _same_actions(optional, upper_binding, done, is_chinese(article.text)):
            looked.setdefault(j, set()).add("CHECK_MODALITY")
        for j in _same_rules(time_clauses(article.text), upper_times, done):
            looked.setdefault(j, set()).add("CHECK_TIME_LIMIT")
        for j in _same_offences(article.text, upper, with_fines, done):
            looked.setdefault(j, set()).update(FINE_CODES)
        for j, codes in looked.items():
            for issue in compare_articles(
                article.text, upper[j].text, local_date=local_date, special_zone=special_zone
            ):
                if issue.code not in codes:
                    continue
                if issue.code == "CHECK_MODALITY" and not _made_optional(issue, article.text):
                    continue
                if issue.code in FINE_CODES and not best_penalty_match(
                    issue, article.text, upper, j, with_fines
                ):
                    continue
                yield i, j, issue


def _made_optional(issue: Issue, text: str) -> bool:
    """Whether a modality finding marks a permissive word of the local text ("可以")."""
    start, end = issue.local_marks[0] if issue.local_marks else (0, 0)
    return text[start:end] in PERMISSIVE


def _same_actions(
    local: list[Action], upper: list[list[Action]], checked: list[int] | None, zh: bool
) -> list[int]:
    """Upper articles (not yet checked) with a modal binding the same action as one of
    ``local``'s (:func:`action_match`) for a like party (:data:`CLAUSE_SUBJECT`): best first,
    at most :data:`CLAUSE_CANDIDATES`."""
    scores = []
    for j, actions in enumerate(upper):
        best = 0.0
        for b in actions:
            for a in local:
                if dice(a.subject_grams, b.subject_grams) >= CLAUSE_SUBJECT:
                    best = max(best, action_match(a, b, zh) or 0.0)
        scores.append((best, j))
    return _best(scores, 0.0, checked)


def _same_rules(
    local: list[frozenset[str]], upper: list[list[frozenset[str]]], checked: list[int] | None
) -> list[int]:
    """Upper articles (not yet checked) with a sentence worded like one of ``local``'s: best
    first, at most :data:`CLAUSE_CANDIDATES`."""
    scores = (
        (max(dice(a, b) for a in local for b in clauses), j)
        for j, clauses in enumerate(upper)
        if local and clauses
    )
    return _best(scores, SAME_RULE, checked)


def _same_offences(
    text: str, upper: Sequence[Article], with_fines: list[int], checked: list[int] | None
) -> list[int]:
    """Upper articles (not yet checked) with a fine for the conduct one of ``text``'s fines
    punishes (:func:`penalty_match` at least :data:`OFFENCE_LOOKUP`), best first, at most
    :data:`CLAUSE_CANDIDATES`."""
    positions = fine_positions(text)
    scores = (
        (
            max(
                penalty_match(text, at, upper[j].text, upper_at, min_size=OFFENCE_WORDS)
                for at in positions
                for upper_at in fine_positions(upper[j].text)
            ),
            j,
        )
        for j in with_fines
        if positions
    )
    return _best(scores, OFFENCE_LOOKUP, checked)


def _best(
    scores: Iterable[tuple[float, int]], floor: float, checked: list[int] | None
) -> list[int]:
    """The upper articles scoring above 0 and at least ``floor``, less those already
    ``checked``, best first, at most :data:`CLAUSE_CANDIDATES`."""
    skip = set(checked or ())
    kept = sorted(
        ((score, j) for score, j in scores if score > 0 and score >= floor and j not in skip),
        reverse=True,
    )
    return [j for _, j in kept[:CLAUSE_CANDIDATES]]


def penalties_of_own_duties(
    local: Sequence[Article],
    upper: Sequence[Article],
    local_date: date | None,
    special_zone: bool,
) -> list[Found]:
    """Fines for breaching the local text's own articles ("违反本条例第三十条规定的，处…").

    Such a penalty article names no conduct an upper penalty could be matched on; the conduct
    is the cited article's duty. The duty's words are put in after the citation, the upper
    penalty articles most like that are checked, and the findings' marks are mapped back to the
    article as written.

    Returns:
        (local index, upper index, issue) of each fine finding, in order.
    """
    numbers = {article_number(a.number): k for k, a in enumerate(local)}
    with_fines = [k for k, a in enumerate(upper) if fine_positions(a.text)]
    out = []
    for i, article in enumerate(local):
        m = _OWN_ARTICLE.search(article.text)
        if m is None or not fine_positions(article.text):
            continue
        cited = numbers.get((str(parse_number(m[1])), 0))
        if cited is None or cited == i:
            continue
        # one line, no item labels: the probe's penalty rows read the duty as the conduct
        duty = _ITEM_LABEL.sub("", re.sub(r"\s*\n\s*", "", cited_duty(local[cited], m[2])))
        insert = f"（{duty[:DUTY_CHARS]}）"
        at = m.end()
        expanded = article.text[:at] + insert + article.text[at:]
        probe = [Article(article.number, expanded)]
        scored = similarities(probe, [upper[k] for k in with_fines])[0]
        picks = [with_fines[k] for k in candidates(scored)]
        for j in picks:
            for issue in compare_articles(
                expanded, upper[j].text, local_date=local_date, special_zone=special_zone
            ):
                if issue.code not in FINE_CODES:
                    continue
                if not best_penalty_match(issue, expanded, upper, j, picks):
                    continue
                marks = _unshift(issue.local_marks, at, len(insert))
                if marks:
                    out.append((i, j, dataclasses.replace(issue, local_marks=marks)))
    return out


def cited_duty(article: Article, paragraph: str | None) -> str:
    """The words of a cited article, or of its cited paragraph ("第十六条第二款")."""
    body = article_body(article.text, article.number)
    if not paragraph:
        return body
    paragraphs: list[str] = []
    for line in (line for line in body.split("\n") if line.strip()):
        if paragraphs and _ITEM_LINE.match(line):
            paragraphs[-1] += "\n" + line  # an item (（一）…) belongs to the paragraph above
        else:
            paragraphs.append(line)
    try:
        k = parse_number(paragraph)
    except ValueError:
        return body
    return paragraphs[k - 1] if 1 <= k <= len(paragraphs) else body


def _unshift(marks: Sequence[tuple[int, int]], at: int, length: int) -> tuple[tuple[int, int], ...]:
    """Marks in a text with ``length`` characters put in at ``at``, mapped back to the text as
    written (marks inside the inserted words are dropped)."""
    out = []
    for a, b in marks:
        if b <= at:
            out.append((a, b))
        elif a >= at + length:
            out.append((a - length, b - length))
    return tuple(out)


def best_penalty_match(
    issue: Issue, local: str, upper: Sequence[Article], j: int, others: list[int]
) -> bool:
    """Whether the fine an issue is about is best matched, by the conduct it punishes, in
    upper article ``j`` among the candidates: penalty articles resemble each other, and the one
    that punishes the same conduct may well state the same fine (then there is no finding)."""
    if not issue.local_marks or not issue.upper_marks:
        return True
    at = issue.local_marks[0][0]
    own = penalty_match(local, at, upper[j].text, issue.upper_marks[0][0])
    offender = dict(fine_offenders(local)).get(at)
    for k in others:
        if k == j:
            continue
        for position, on in fine_offenders(upper[k].text):
            if offender is not None and on != offender:
                continue  # a fine on someone else punishes other conduct, however alike
            if penalty_match(local, at, upper[k].text, position) > own + 1e-9:
                return False
    return True
