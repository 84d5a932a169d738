"""Facts a quiz can test, and wrong answers of the same kind, for :mod:`nlp.quiz.builder`.

A fact is a figure (fine, time limit, threshold), a body, a modal word or a defined term at a
known place in one article, with the sentence around it. Distractors are values of the same kind
and unit taken first from elsewhere in the same law, then made by scaling the figure; a value the
article itself states for the same kind, or a bound of one, is never offered as a wrong answer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.numbering import (
    parse_chinese_amount,
    parse_number,
    to_ascii_digits,
    to_chinese_numeral,
)
from nlp.bodies.departments import DepartmentDirectory
from nlp.legal.modality import find_modals
from nlp.legal.quantities import Quantity, find_quantities
from nlp.legal.terms import DefinedTerm
from nlp.text import has_cjk

# Quantity kinds a quiz asks about, and the fact kind each one is reported as.
QUANTITY_FACTS = {
    "fine": "fine",
    "fine_multiple": "fine",
    "income_share": "fine",
    "time_limit": "time_limit",
    "threshold": "threshold",
}
ZH_MODALS = {"应当": "obligation", "必须": "obligation", "不得": "prohibition"}
ZH_MODALS |= {"禁止": "prohibition", "严禁": "prohibition", "可以": "permission"}
EN_MODALS = {"shall": "obligation", "must": "obligation", "shall not": "prohibition"}
EN_MODALS |= {"must not": "prohibition", "may not": "prohibition", "may": "permission"}
# Wrong modal words for a choice question, by the kind of the right one.
MODAL_DISTRACTORS = {
    ("zh", "obligation"): ("可以", "不得", "无须"),
    ("zh", "prohibition"): ("应当", "可以", "无须"),
    ("zh", "permission"): ("应当", "不得", "必须"),
    ("en", "obligation"): ("may", "shall not", "need not"),
    ("en", "prohibition"): ("shall", "may", "need not"),
    ("en", "permission"): ("shall", "shall not", "must"),
}
# The one-fact change that makes a modal statement false: a duty made an option, and back. A
# ban made a permission ("可以谎报事故") is no change a trainer would ask about: not flipped.
MODAL_FLIP = {"应当": "可以", "必须": "可以", "可以": "应当"}
MODAL_FLIP |= {"shall": "may", "must": "may", "may": "shall"}
# Duties a permission makes no sense for: an attitude or a virtue ("可以恪尽职守"), a
# responsibility borne or a condition met ("可以承担赔偿责任", "可以具备…条件"), a passive
# ("可以由…考核"); the words that open the predicate after 应当/必须, and their English kin.
_NOT_PERMISSIBLE = re.compile(
    r"\s*(?:恪尽职守|忠于|忠实|遵守|遵循|执行|坚持|尊重|爱护|服从|支持|配合|重视|贯彻|承担|履行|"
    r"接受|负责|保证|确保|保障|如实|依法承担|具备|符合|取得|由|予以|给予|对.{0,24}负责|"
    r"comply|observe|be\s+responsible|bear|ensure|be\s+liable|fulfil|act\s+in\s+good)",
    re.I,
)
_BAN = re.compile(r"不得|禁止|严禁|shall\s+not|must\s+not|may\s+not", re.I)
MAX_CONTEXT = 160
# A true/false statement longer than this is not read as one fact: the clause holding the fact
# is quoted instead, and where that is still longer, no true/false item is made.
MAX_STATEMENT = 80
# A body's name as a whole ends in a word for an office; "国务院" alone is a level, "水利" in
# "交通运输、水利等有关部门" is part of a list.
BODY_HEAD = re.compile("(?:部门|机关|机构|委员会|办公室|部|厅|局|法院|检察院)$")


@dataclass(frozen=True, slots=True)
class Fact:
    """One testable fact in one article.

    Attributes:
        kind: "fine", "time_limit", "threshold", "body", "modality" or "term".
        text: The fact as written ("二万元以上十万元以下", "应急管理部门", "应当").
        span: Offsets of ``text`` in the article text.
        context: Offsets of the sentence (or clause) the fact is asked in.
        quantity: The figure, for quantity facts.
        detail: The modal kind, the department id, or the term's definition.
    """

    kind: str
    text: str
    span: tuple[int, int]
    context: tuple[int, int]
    quantity: Quantity | None = None
    detail: str = ""


# --- normalisation ---------------------------------------------------------------------------

_NUMBER = re.compile(r"([0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千]+)([万亿])?")
_DROP = re.compile(r"[\s\u3000“”\"'‘’「」『』]")


def normalise(text: str) -> str:
    """Text for comparison: NFKC, no spaces or quotes, numerals as Arabic (二万 → 20000)."""
    text = _DROP.sub("", unicodedata.normalize("NFKC", to_ascii_digits(text)))
    return _NUMBER.sub(_number_value, text).lower()


def _number_value(m: re.Match[str]) -> str:
    try:
        value = parse_chinese_amount(m.group(0))
    except ValueError:
        return m.group(0)
    return str(int(value)) if value == int(value) else str(value)


# --- contexts --------------------------------------------------------------------------------


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``text[start:end]``, cut to its clause (；) when too long."""
    zh = has_cjk(text)
    stops = "。\n" if zh else "\n"
    s = max(text.rfind(c, 0, start) for c in stops) + 1
    ends = [i for i in (text.find(c, end) for c in stops) if i >= 0]
    e = min(ends, default=len(text))
    if not zh:
        dots = [m.end() for m in re.finditer(r"\.(?=\s)", text[:start])]
        s = max([s, *dots])
        stop = re.search(r"\.(?=\s|$)", text[end:])
        e = min(e, end + stop.start()) if stop else e
    if e - s > MAX_CONTEXT:
        s = max(s, max(text.rfind(c, 0, start) for c in "；;") + 1)
        ends = [i for i in (text.find(c, end) for c in "；;") if i >= 0]
        e = min([e, *ends])
    item = re.match(r"\s*(?:[（(][一二三四五六七八九十0-9]+[）)]|\([a-z0-9]{1,4}\))\s*", text[s:e])
    if item:
        s += item.end()
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1] in " \u3000\t；;，,。.：:":
        e -= 1
    return s, e


def statement_around(
    text: str, span: tuple[int, int], context: tuple[int, int], limit: int = MAX_STATEMENT
) -> tuple[int, int] | None:
    """The part of ``context`` a true/false statement quotes: all of it when short, else the
    clause (；) holding ``text[span[0]:span[1]]``; None when that is longer than ``limit``.

    Args:
        text: The article text.
        span: Offsets of the fact.
        context: Offsets of its sentence (from :func:`sentence_around`).
        limit: The most characters a statement may have.
    """
    s, e = context
    if e - s <= limit:
        return s, e
    cs = max(s, max(text.rfind(c, s, span[0]) for c in "；;") + 1)
    ends = [i for i in (text.find(c, span[1], e) for c in "；;") if i >= 0]
    ce = min([e, *ends])
    while cs < ce and text[cs].isspace():
        cs += 1
    if ce - cs > limit or (cs, ce) == (s, e):
        return None
    return cs, ce


def is_permissible_swap(text: str, modal: tuple[int, int], context: tuple[int, int]) -> bool:
    """True when making the duty at ``modal`` an option reads as a plausible wrong rule.

    Not before an attitude, a responsibility borne, a condition or a passive
    (``_NOT_PERMISSIBLE``), and not in a statement that also bans something ("应当建立…，不得
    租借资质"), where a swapped 可以 beside the 不得 reads as nonsense rather than as a rule.

    Args:
        text: The article text.
        modal: Offsets of the modal word.
        context: Offsets of the statement.
    """
    if _NOT_PERMISSIBLE.match(text, modal[1], context[1]):
        return False
    return not _BAN.search(text[context[0] : context[1]])


def is_condition(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` sits in a condition clause ending in 的.

    There a modal word qualifies a noun ("使用应当淘汰的…设备的，") rather than imposing a duty.

    Args:
        text: The article text.
        start: Start of the modal word.
        end: Its end.
    """
    left = max(text.rfind(c, 0, start) for c in "，,；;。\n：:") + 1
    stops = [i for i in (text.find(c, end) for c in "，,；;。\n") if i >= 0]
    right = min(stops, default=len(text))
    return text[left:right].rstrip().endswith("的")


# --- facts -----------------------------------------------------------------------------------


def quantity_facts(text: str) -> list[Fact]:
    """Fines, time limits and thresholds of one article."""
    out = []
    for q in find_quantities(text):
        kind = QUANTITY_FACTS.get(q.kind)
        if kind is None:
            continue
        context = sentence_around(text, *q.span)
        if context[1] - context[0] <= MAX_CONTEXT:
            out.append(Fact(kind, q.text, q.span, context, quantity=q))
    return out


def modal_facts(text: str) -> list[Fact]:
    """Modal words whose clause uses that word once (so blanking it gives nothing away)."""
    table = ZH_MODALS if has_cjk(text) else EN_MODALS
    out = []
    for m in find_modals(text):
        word = m.text if has_cjk(text) else " ".join(m.text.lower().split())
        if word not in table:
            continue
        context = sentence_around(text, *m.span)
        clause = text[context[0] : context[1]]
        if context[1] - context[0] > MAX_CONTEXT or _count(clause, word) != 1:
            continue
        if has_cjk(text) and is_condition(text, *m.span):
            continue
        out.append(Fact("modality", m.text, m.span, context, detail=table[word]))
    return out


def _count(clause: str, word: str) -> int:
    if has_cjk(word):
        return clause.count(word)
    return len(re.findall(rf"\b{re.escape(word)}\b", clause, re.I))


def body_facts(text: str, directory: DepartmentDirectory) -> list[Fact]:
    """Bodies of the alias table named in one article, without the region written before them."""
    out = []
    for mention in directory.find(text):
        dept = mention.department
        if dept is None or dept.id == "government":
            continue
        start = mention.span[0] + len(mention.region)
        name = text[start : mention.span[1]]
        if len(name) < 2 or not BODY_HEAD.search(name):
            continue
        context = sentence_around(text, start, mention.span[1])
        if context[1] - context[0] > MAX_CONTEXT:
            continue
        if text[context[0] : context[1]].count(name) != 1:
            continue
        out.append(Fact("body", name, (start, mention.span[1]), context, detail=dept.id))
    return out


def term_facts(text: str, terms: Sequence[DefinedTerm]) -> list[Fact]:
    """Defined terms of one article (found by :func:`nlp.legal.terms.find_terms` on it)."""
    return [
        Fact("term", t.term, t.term_span, t.span, detail=t.definition)
        for t in terms
        if t.term not in t.definition and t.span[1] - t.span[0] <= MAX_CONTEXT * 2
    ]


def list_items(text: str) -> tuple[str, list[str]]:
    """The lead-in and the items of an enumerated article ("…负有下列职责：（一）…；（二）…")."""
    items = [
        m.group(1).rstrip("；;。，,")
        for m in re.finditer(
            r"^\s*(?:[（(][一二三四五六七八九十]+[）)]|\([a-z0-9]{1,3}\))\s*(.+)$", text, re.M
        )
    ]
    first = re.search(r"^\s*(?:[（(][一二三四五六七八九十]+[）)]|\([a-z0-9]{1,3}\))", text, re.M)
    if not first:
        return "", []
    lead = text[: first.start()].strip()
    lead = lead[max(lead.rfind("。"), lead.rfind("\n")) + 1 :].rstrip("：:")
    return lead, items


# --- distractors -----------------------------------------------------------------------------

_FACTORS = (2, 5, 3, 10, 0.5, 0.2, 0.1)
_DIGITS = re.compile(r"[0-9]+|[零〇一二两三四五六七八九十百千]+")


def scaled_figures(fact_text: str) -> list[str]:
    """The figure with every number scaled by one factor ("二万元以下" → "四万元以下", …)."""
    out = []
    for factor in _FACTORS:
        parts: list[str] = []
        pos, ok = 0, False
        for m in _DIGITS.finditer(fact_text):
            token = m.group(0)
            try:
                value = parse_number(token)
            except ValueError:
                break
            scaled = value * factor
            if scaled != int(scaled) or not 0 < scaled < 10000:
                break
            written = str(int(scaled)) if token.isdigit() else to_chinese_numeral(int(scaled))
            parts += [fact_text[pos : m.start()], written]
            pos, ok = m.end(), True
        else:
            if ok:
                out.append("".join(parts) + fact_text[pos:])
    return out


def _bounds(q: Quantity) -> tuple[float | None, float | None]:
    return q.low, q.high


def is_stated(candidate: Quantity, stated: Sequence[Quantity]) -> bool:
    """True when a figure is one the article states for a quantity of the same kind, or a bound.

    Args:
        candidate: The would-be distractor.
        stated: The quantities of the source article.
    """
    for q in stated:
        if q.kind != candidate.kind or (q.unit != candidate.unit and q.kind != "time_limit"):
            continue
        if _bounds(q) == _bounds(candidate):
            return True
        values = {v for v in _bounds(candidate) if v is not None}
        one_value = (
            candidate.low is None or candidate.high is None or candidate.low == candidate.high
        )
        if one_value and values & {v for v in _bounds(q) if v is not None}:
            return True
    return False


def figure_distractors(
    fact: Fact, article_text: str, pool: Sequence[Quantity], count: int
) -> list[str]:
    """Wrong figures of the same kind, unit and shape, none stated by the article.

    Args:
        fact: A quantity fact.
        article_text: The source article's text.
        pool: Quantities of the whole law (real values read first).
        count: How many to return at most.
    """
    q = fact.quantity
    assert q is not None
    stated = find_quantities(article_text)
    source = normalise(article_text)
    shape = (q.low is None, q.high is None, q.low == q.high)
    seen = {_bounds(q)}
    out: list[str] = []
    candidates = [p.text for p in pool if p.kind == q.kind and p.unit == q.unit]
    candidates += scaled_figures(q.text)
    for text in candidates:
        parsed = [c for c in find_quantities(text) if c.kind in (q.kind, "amount", "threshold")]
        if len(parsed) != 1 or parsed[0].text != text:
            continue
        c = parsed[0]
        c = Quantity(q.kind, c.low, c.high, c.unit, c.text, c.span, q.subject)
        if c.unit != q.unit or (c.low is None, c.high is None, c.low == c.high) != shape:
            continue
        if _bounds(c) in seen or normalise(text) in source or is_stated(c, stated):
            continue
        seen.add(_bounds(c))
        out.append(text)
        if len(out) == count:
            break
    return out
