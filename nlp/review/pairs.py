"""Pairing of the figures of two aligned articles, for :mod:`nlp.review.checks`.

Two figures are compared only when they are of the same kind, about the same subject, under the
same condition (逾期未改正, 一般事故 …), in similar sentences and, for penalties, punishing similar
conduct. What cannot be paired is left alone: two articles side by side after alignment may be
about different matters.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from nlp.legal.modality import Modal
from nlp.legal.quantities import Quantity
from nlp.review.conduct import COMMON, fine_conduct_match
from nlp.review.wording import bigrams, sentence_span
from nlp.text import dice

# Sentences around two figures must share this much (Dice of character bigrams, figures left
# out) for the figures to be compared; tuned on 安全生产条例 pairs, see the module tests.
MIN_CONTEXT = 0.3
# The conduct punished by two fines must share this much for the fines to be compared.
MIN_OFFENCE = 0.3
# "造成…的" is a consequence the fine depends on; "可能造成…的活动" names a class of acts.
_CONDITION = re.compile(
    "逾期|拒不|特别重大事故|较大事故|(?<![特较])重大事故|一般事故|(?<!可能)(?:导致|造成)"
    "|没有违法所得|违法所得不足"
    "|情节严重|情节特别严重|overdue|fails? to (?:correct|rectify)|accident",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Side:
    """One article, read once."""

    text: str
    quantities: tuple[Quantity, ...]
    modals: tuple[Modal, ...]


def context(text: str, span: tuple[int, int]) -> frozenset[str]:
    start, end = sentence_span(text, span[0])
    return bigrams(text[start : span[0]] + " " + text[span[1] : end]) - COMMON


def condition(text: str, q: Quantity) -> frozenset[str]:
    start, _ = sentence_span(text, q.span[0])
    found = {m.group(0).lower() for m in _CONDITION.finditer(text[start : q.span[0]])}
    return frozenset("后果" if c in ("导致", "造成") else c for c in found)


_PENALTY = re.compile(
    r"(?:的|者)[，,]\s*(?:由|责令|处|没收|给予|依照|依法|对|暂扣|吊销|并处|可以|予以)"
    r"|\b(?:shall|may)\s+be\s+(?:fined|ordered|punished)|\bis\s+liable\b",
    re.I,
)
_BOILERPLATE = re.compile(
    r"违反本(?:条例|法|办法|规定|细则)(?:第[^，,规]{1,20}?)?规定|有下列(?:行为|情形)之一|"
    r"生产经营单位|未按照规定|未依照规定|按照规定|依照规定|本(?:条例|法)|的"
)


@functools.lru_cache(maxsize=16384)
def offence_units(text: str, pos: int) -> tuple[str, ...]:
    """The conduct a penalty at ``pos`` punishes, as texts: its paragraph up to
    "的，责令/处…"; for "有下列行为之一的" each item with the lead; for an item, the item with
    its lead. Boilerplate ("违反本条例第N条规定") is blanked out."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    paragraph = text[start:end]
    cut = _PENALTY.search(paragraph)
    own = paragraph[: cut.start()] if cut else paragraph[: pos - start]
    units = [own]
    if own.lstrip().startswith(("（", "(")):  # an item: add its lead paragraph
        lead = max(text.rfind("：", 0, start), text.rfind(":", 0, start))
        if lead > 0:
            head = text[text.rfind("\n", 0, lead) + 1 : lead]
            m = _PENALTY.search(head)
            units = [(head[: m.start()] if m else head) + own]
    elif "下列" in own:
        items = re.findall(r"^\s*[（(][一二三四五六七八九十]+[）)][^\n]*", text[end:], re.M)
        units = [own + item for item in items] or units
    return tuple(_BOILERPLATE.sub(" ", u).lstrip(" ，,、：:") for u in units)


# A party both penalties open with in the same words ("承担安全评价、认证、检测、检验职责的机构")
# says who offends, not what the offence is.
_PARTY_HEAD = re.compile("(?:机构|单位|人员|负责人|部门|企业|经营者|个人)")
MIN_SHARED_PARTY = 6  # characters


def _shared_party(a: str, b: str) -> int:
    """The length of the party phrase both conduct texts open with, 0 when none."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    heads = [m.end() for m in _PARTY_HEAD.finditer(a[:n])]
    return heads[-1] if heads and heads[-1] >= MIN_SHARED_PARTY else 0


# "有本法第四十八条第三项、第五项违法行为之一的", "有前条第四项、第五项违法行为的": conduct told
# only by the numbers of another article's items
_CITED_ITEMS = re.compile(
    r"有(?:本(?:法|条例|办法|规定|细则))?(?:前条|第[^，,；;。条]{1,8}条)[^，,；;。]{0,30}?项"
    r"[^，,；;。]{0,8}?行为"
)


def cites_items(text: str, pos: int) -> bool:
    """Whether the penalty at ``pos`` punishes conduct named only by the numbers of another
    article's items (:data:`_CITED_ITEMS`) in its paragraph before it."""
    start = text.rfind("\n", 0, pos) + 1
    return bool(_CITED_ITEMS.search(text, start, pos))


def offence_score(local: str, lpos: int, upper: str, upos: int, min_size: int = 3) -> float:
    """How far two penalties punish the same conduct: by their penalty rows, offender class and
    conduct (:func:`~nlp.review.conduct.fine_conduct_match`) where both fines stand in one;
    else the best overlap of any two units of at least ``min_size`` bigrams (a party both open
    with in the same words left out)."""
    by_rows = fine_conduct_match(local, lpos, upper, upos, min_size=min_size)
    if by_rows is not None:
        return by_rows
    best = 0.0
    for x in offence_units(local, lpos):
        for y in offence_units(upper, upos):
            a, b = bigrams(x) - COMMON, bigrams(y) - COMMON
            cut = _shared_party(x, y)
            if cut:  # unless the same words go on to say the conduct too ("…的单位或者个人的")
                rest_a, rest_b = bigrams(x[cut:]) - COMMON, bigrams(y[cut:]) - COMMON
                if min(len(rest_a), len(rest_b)) >= min_size:
                    a, b = rest_a, rest_b
            if min(len(a), len(b)) >= min_size:
                best = max(best, len(a & b) / min(len(a), len(b)))
    return best


def pair_quantities(
    lo: Side,
    up: Side,
    kinds: tuple[str, ...],
    key: Callable[[Quantity], Hashable] | None = None,
    *,
    offence: bool = False,
    subject: Callable[[str, Quantity], str] | None = None,
    conditions: Callable[[str, Quantity], frozenset[str]] = condition,
) -> list[tuple[Quantity, Quantity, float]]:
    """Pair quantities of the given kinds one to one, the most alike first.

    Within a group of the same kind, subject, condition and ``key``, two quantities pair when the
    sentences around them are alike (``MIN_CONTEXT``) and, for penalties (``offence``), the
    conduct they punish is too (``MIN_OFFENCE``; it then ranks the candidates). ``subject``
    (text, quantity) may say what a quantity is about instead of its own subject, and
    ``conditions`` (text, quantity) which of its conditions count.
    """

    def group(side: Side) -> dict[tuple, list[Quantity]]:
        out: dict[tuple, list[Quantity]] = {}
        for q in side.quantities:
            if q.kind in kinds:
                about = subject(side.text, q) if subject else q.subject
                k = (q.kind, about, conditions(side.text, q), key(q) if key else None)
                out.setdefault(k, []).append(q)
        return out

    def score(a: Quantity, b: Quantity) -> tuple[float, float]:
        near = dice(context(lo.text, a.span), context(up.text, b.span))
        if offence:  # penalties: the conduct punished decides; the sentence breaks ties
            conduct = offence_score(lo.text, a.span[0], up.text, b.span[0])
            # both punish the items of another article, by number: what the numbers name is
            # not here, and the sentences around the fines are all there is to go by
            cited = cites_items(lo.text, a.span[0]) and cites_items(up.text, b.span[0])
            return (near if conduct < MIN_OFFENCE and cited else conduct), near
        return near, near

    local_groups, upper_groups = group(lo), group(up)
    floor = MIN_OFFENCE if offence else MIN_CONTEXT
    pairs = []
    for k, locals_ in local_groups.items():
        uppers = upper_groups.get(k, [])
        scored = sorted(
            ((score(a, b), i, j) for i, a in enumerate(locals_) for j, b in enumerate(uppers)),
            reverse=True,
        )
        used_l: set[int] = set()
        used_u: set[int] = set()
        for (first, near), i, j in scored:
            if first < floor or near < MIN_CONTEXT or i in used_l or j in used_u:
                continue
            used_l.add(i)
            used_u.add(j)
            pairs.append((locals_[i], uppers[j], near))
    pairs.sort(key=lambda p: p[0].span)
    return pairs


def counted_from(text: str, q: Quantity) -> str:
    """What a time limit is counted from ("自受理之日起六十日内": 受理), "" when it does not say."""
    before = text[max(0, q.span[0] - 16) : q.span[0]].rstrip()
    if not before.endswith("之日起"):
        return ""
    event = before[: -len("之日起")]
    cut = max(event.rfind(c) for c in "自在从，,；;。")
    return event[cut + 1 :][-6:]


def bounds(q: Quantity) -> tuple[float, float]:
    return (q.low or 0.0, q.high if q.high is not None else float("inf"))
