"""Fines a later national law sets for the same conduct as the upper law under review.

A local rule may follow a national law made after the upper law it is reviewed against: 山东省
水资源条例 (2017) fines a new sewage outlet "二万元以上十万元以下; 逾期不拆除的，十万元以上
五十万元以下", as 水污染防治法 (2017) 第八十四条 does, not as 水法 (2016) 第六十七条's "五万元以上
十万元以下". Where two laws of the same level differ, the later one applies (立法法 新的规定与旧的
规定不一致的，适用新的规定), so such a fine is not reported against the older law. A fine that
matches neither keeps its finding, which then also names the later law's figure.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from nlp.legal.quantities import Quantity, find_quantities
from nlp.review.findings import Article, ReviewFinding
from nlp.review.pairs import bounds, condition
from nlp.review.quantity_checks import FINE_CODES, penalty_match

_KINDS = ("fine", "fine_multiple", "income_share", "value_share")
SAME_CONDUCT = 0.7  # penalty_match for a later fine to punish the local fine's conduct alone
# With every fine of the local paragraph found, same figures, in one later article, the conduct
# need only share some telling words (the 排污口 pair above reads 0.22; unrelated pairs, 0)
SAME_TIERS_CONDUCT = 0.2


@dataclass(frozen=True, slots=True)
class LaterLaw:
    """A national law or administrative regulation besides the upper law under review.

    Attributes:
        title: Its title, for messages.
        on: Its version date; only a law dated after the upper law's version counts.
        articles: Its articles.
    """

    title: str
    on: date | None
    articles: tuple[Article, ...]


@dataclass(frozen=True, slots=True)
class _Match:
    law: LaterLaw
    article: Article
    fine: Quantity
    holds: bool  # the later fine is the local one's range


def _key(text: str, q: Quantity) -> tuple:
    return q.kind, q.subject, condition(text, q)


def _paragraph(text: str, at: int) -> tuple[int, int]:
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, len(text) if end < 0 else end


def later_fine(local: str, span: tuple[int, int], laws: Sequence[LaterLaw]) -> _Match | None:
    """The fine of a later law that punishes the conduct of the local fine at ``span``: the one
    with the same figures first, None when no later law has one."""
    mine = [q for q in find_quantities(local) if q.kind in _KINDS]
    fine = next((q for q in mine if q.span == span), None)
    if fine is None:
        return None
    start, end = _paragraph(local, fine.span[0])
    tiers = {(_key(local, q), bounds(q)) for q in mine if start <= q.span[0] < end}
    best: _Match | None = None
    for law in laws:
        for article in law.articles:
            theirs = [q for q in find_quantities(article.text) if q.kind in _KINDS]
            held = {(_key(article.text, q), bounds(q)) for q in theirs}
            for q in theirs:
                if _key(article.text, q) != _key(local, fine):
                    continue
                score = penalty_match(local, fine.span[0], article.text, q.span[0])
                same = bounds(q) == bounds(fine)
                all_tiers = same and len(tiers) >= 2 and tiers <= held
                conduct = score >= SAME_CONDUCT or (all_tiers and score >= SAME_TIERS_CONDUCT)
                if conduct and (best is None or (same and not best.holds)):
                    best = _Match(law, article, q, same)
    return best


def with_later_laws(
    findings: list[ReviewFinding], laws: Sequence[LaterLaw], upper_date: date | None
) -> list[ReviewFinding]:
    """The fine findings of ``findings`` weighed against later laws: one whose local fine is a
    later law's figure for the same conduct is dropped; one whose conduct a later law fines
    otherwise says so. Laws not dated after ``upper_date`` are not later."""
    later = [w for w in laws if w.on and (upper_date is None or w.on > upper_date)]
    if not later:
        return findings
    out = []
    for f in findings:
        if f.code not in FINE_CODES or not f.local_marks:
            out.append(f)
            continue
        found = later_fine(f.local_text, f.local_marks[0], later)
        if found is None:
            out.append(f)
        elif not found.holds:
            note = (
                f"另：较新的《{found.law.title}》{found.article.number}对同一行为规定为"
                f"“{found.fine.text}”，新的规定优先适用。"
            )
            out.append(dataclasses.replace(f, message=f.message + note))
    return out
