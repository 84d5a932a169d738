"""Planted conflicts for the review domains: seeded one-edit copies of real local rules.

Fines, time limits and modal words are planted by :func:`bench.planted.plant` (restated sites
only: the changed figure or modal restates the upper law for the same conduct). This module adds
the edits that generator does not make, each labelled with the code a review should raise:

- ``authority``: the body in a competence clause ("X负责…工作", "X主管…", "X是…主管部门") that
  restates the upper law's clause for the same matter is replaced by another kind of department
  → CHECK_DUTY_BODY;
- ``xref``: a penalty's "违反本条例第N条规定，<conduct>的" is pointed at another existing article
  whose words share little with the conduct → CHECK_XREF_TOPIC; or at a paragraph the cited
  article does not have ("第N条第K款") → CHECK_XREF_MISSING;
- ``scope``: the scope article ("…适用本条例") gets an exemption the upper law does not make
  ("，但…的除外", "…不适用本条例") or its territory narrowed ("本市行政区域内" → "本市城市建成区内")
  → CHECK_SCOPE_NARROWED.

Nothing here imports the review (``nlp.review``): sites are found with this module's own
patterns and character-bigram overlap, so the generator shares no code with what it grades.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.numbering import parse_chinese_numeral, to_chinese_numeral

Articles = Sequence[tuple[str, str]]
TYPES = ("authority", "xref", "scope")
RESTATED_MIN = 0.5  # Dice of the competence clause's matter with an upper clause's
_BODY = re.compile(
    r"(?P<body>(?:县级以上|市、县|省|市|区|县)?(?:地方)?(?:人民政府)?"
    r"(?P<kind>[\u4e00-\u9fff]{2,10}?)(?:主管部门|行政主管部门|部门))"
    r"(?P<rest>(?:负责|主管)[^。；\n]{4,60})"
)
# Departments a planted clause may be handed to instead; one whose words the text already uses
# for this clause is skipped.
_OTHER_KINDS = ("商务", "教育", "文化和旅游", "民政", "卫生健康", "交通运输")
_BREACH = re.compile(
    r"违反本(?:条例|办法|规定|细则)第(?P<num>[零〇一二两三四五六七八九十百]+)条规定[，,]"
    r"(?P<conduct>[^；;。\n]{6,60}?)的[，,]"
)
_SCOPE = re.compile(r"(?P<sentence>[^。\n]*适用本(?:条例|办法|规定|细则)[^。\n]*)。")
_TERRITORY = re.compile(r"本(?P<place>省|市|自治区)行政区域内")
_EXEMPTIONS = ("，但是个体工商户的除外", "，但是年产值不足一百万元的单位除外")
_EXEMPT_SENTENCE = "乡、镇人民政府所在地以外区域的相关活动，不适用本条例。"


@dataclass(frozen=True, slots=True)
class Plant:
    """One planted copy: what changed, where, and the code a review should raise."""

    type: str
    code: str
    article: str  # the local article's number as printed
    before: str
    after: str
    articles: tuple[tuple[str, str], ...]


def _grams(text: str) -> set[str]:
    chars = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return {chars[k : k + 2] for k in range(len(chars) - 1)}


def _dice(a: str, b: str) -> float:
    x, y = _grams(a), _grams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _replace(articles: Articles, i: int, start: int, end: int, new: str) -> tuple:
    number, text = articles[i]
    edited = (number, text[:start] + new + text[end:])
    return (*articles[:i], edited, *articles[i + 1 :])


def _authority(local: Articles, upper: Articles) -> list[Plant]:
    upper_clauses = [m["rest"] for _, t in upper for m in _BODY.finditer(t)]
    out = []
    for i, (number, text) in enumerate(local):
        for m in _BODY.finditer(text):
            if not any(_dice(m["rest"], u) >= RESTATED_MIN for u in upper_clauses):
                continue
            kind = next((k for k in _OTHER_KINDS if k not in text), None)
            if kind is None:
                continue
            start, end = m.span("kind")
            new = _replace(local, i, start, end, kind)
            out.append(Plant("authority", "CHECK_DUTY_BODY", number, m["kind"], kind, new))
    return out


def _paragraphs(text: str) -> int:
    lines = [x for x in text.split("\n") if x.strip()]
    return sum(1 for x in lines if not re.match(r"\s*[（(][一二三四五六七八九十]+[）)]", x))


def _xref(local: Articles, rng: random.Random) -> list[Plant]:
    numbers = {}
    for k, (number, _) in enumerate(local):
        m = re.match(r"第([零〇一二两三四五六七八九十百]+)条$", number.strip())
        if m:
            numbers[parse_chinese_numeral(m.group(1))] = k
    out = []
    for i, (number, text) in enumerate(local):
        for m in _BREACH.finditer(text):
            cited = parse_chinese_numeral(m["num"])
            if cited not in numbers:
                continue
            # another article far from the cited one, sharing little with the conduct
            others = [
                n
                for n, k in numbers.items()
                if abs(n - cited) > 3 and n > 3 and _dice(m["conduct"], local[k][1]) < 0.08
            ]
            if others:
                target = rng.choice(sorted(others))
                start, end = m.span("num")
                new_num = to_chinese_numeral(target)
                articles = _replace(local, i, start, end, new_num)
                out.append(Plant("xref", "CHECK_XREF_TOPIC", number, m["num"], new_num, articles))
            paragraphs = _paragraphs(local[numbers[cited]][1])
            at = m.end("num") + 1  # after 条
            extra = f"第{to_chinese_numeral(paragraphs + 1)}款"
            articles = _replace(local, i, at, at, extra)
            out.append(Plant("xref", "CHECK_XREF_MISSING", number, "", extra, articles))
    return out


def _scope(local: Articles) -> list[Plant]:
    for i, (number, text) in enumerate(local[:6]):
        m = _SCOPE.search(text)
        if m is None:
            continue
        out = []
        end = m.end("sentence")
        for words in _EXEMPTIONS:
            articles = _replace(local, i, end, end, words)
            out.append(Plant("scope", "CHECK_SCOPE_NARROWED", number, "", words, articles))
        articles = _replace(local, i, m.end(), m.end(), _EXEMPT_SENTENCE)
        out.append(Plant("scope", "CHECK_SCOPE_NARROWED", number, "", _EXEMPT_SENTENCE, articles))
        t = _TERRITORY.search(m["sentence"])
        if t:
            new = f"本{t['place']}城市建成区内"
            s = m.start("sentence") + t.start()
            articles = _replace(local, i, s, s + len(t.group(0)), new)
            out.append(Plant("scope", "CHECK_SCOPE_NARROWED", number, t.group(0), new, articles))
        return out
    return []


def plant_more(
    local: Articles, upper: Articles, *, seed: int = 0, per_type: int = 3
) -> list[Plant]:
    """Planted copies of ``local`` of the types in :data:`TYPES`, at most ``per_type`` each,
    drawn with ``seed`` from every site found.

    Args:
        local: The local rule's articles, (number as printed, text).
        upper: The upper law's articles (authority edits only where it has the same clause).
        seed: The seed of the draw.
        per_type: The most copies of each type.
    """
    rng = random.Random(seed)
    found = {
        "authority": _authority(local, upper),
        "xref": _xref(local, rng),
        "scope": _scope(local),
    }
    out = []
    for kind in TYPES:
        sites = found[kind]
        out += rng.sample(sites, min(per_type, len(sites)))
    return out
