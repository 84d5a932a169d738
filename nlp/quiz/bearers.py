"""Who bears a duty, as a quiz fact: "（　　）应当制定生产安全事故应急救援预案".

Which party must act is content a trainee needs (issue 18: a topic pack asked the modal word in
13 of 20 items because its articles had few figures). The bearer comes from
:func:`nlp.legal.duties.find_duties`; wrong answers are other bearers of the same law that the
article does not name, of the same sort (a government body for a government body, a unit or a
person otherwise).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from nlp.bodies.departments import DepartmentDirectory
from nlp.legal.duties import find_duties
from nlp.quiz.facts import MAX_CONTEXT, Fact, normalise, sentence_around

# A public body's name ends in one of these; a unit or a person otherwise.
_PUBLIC = re.compile(r"(?:政府|部门|机关|机构|委员会|办公室|部|厅|局|法院|检察院|街道办事处)$")
# Bearers too vague to ask about, or pronouns.
_VAGUE = re.compile(r"^(?:其|其他|有关|任何|各|本|该|上述|前款|下列|以下|上列)")
# The word a bearer's name ends in, which tells a government from a department, a unit, a person.
_HEAD = re.compile(r"(政府|部门|机关|机构|委员会|办公室|单位|企业|人员|负责人|组织|个人|工会)$")
_LABEL = re.compile(
    r"^\s*第[零〇一二两三四五六七八九十百千0-9]+条(?:之[一二三四五六七八九十]+)?[\s\u3000]*"
)


def is_public(bearer: str) -> bool:
    """True when the bearer is a public body (a government, a department, an office)."""
    return bool(_PUBLIC.search(bearer))


def bearer_facts(text: str, directory: DepartmentDirectory) -> list[Fact]:
    """The named bearers of the article's duties, one fact each (once per sentence)."""
    label = _LABEL.match(text)
    offset = label.end() if label else 0  # "第一条 生产经营单位应当…": the label is no bearer
    out = []
    for duty in find_duties(text[offset:], directory):
        if duty.bearer_span is None or not 2 <= len(duty.bearer) <= 20:
            continue
        if _VAGUE.match(duty.bearer) or not re.search(r"[\u4e00-\u9fff]", duty.bearer):
            continue
        start, end = duty.bearer_span[0] + offset, duty.bearer_span[1] + offset
        between = text[end : duty.span[0] + offset]
        if not re.fullmatch(rf"[\s，,]*{re.escape(duty.modal)}\s*", between):
            continue  # "国务院负有…职责的部门应当": 国务院 alone is part of the subject
        context = sentence_around(text, start, end)
        if context[1] - context[0] > MAX_CONTEXT or context[0] > start:
            continue
        if text[context[0] : context[1]].count(duty.bearer) != 1:
            continue
        out.append(Fact("bearer", duty.bearer, (start, end), context, detail=duty.kind))
    return out


def law_bearers(texts: Sequence[str], directory: DepartmentDirectory) -> list[str]:
    """Every distinct bearer of the law's duties, in the order first seen."""
    seen: dict[str, None] = {}
    for text in texts:
        for fact in bearer_facts(text, directory):
            seen.setdefault(fact.text, None)
    return list(seen)


def bearer_distractors(
    fact: Fact, article_text: str, pool: Sequence[str], rng: random.Random, count: int = 3
) -> list[str]:
    """Other bearers of the law, of the same sort, that the article does not name at all."""
    source = normalise(article_text)
    right = normalise(fact.text)
    public = is_public(fact.text)
    candidates = [
        b
        for b in pool
        if is_public(b) == public
        and normalise(b) not in source
        and right not in normalise(b)
        and normalise(b) not in right
    ]
    rng.shuffle(candidates)
    return candidates[:count]


def head(bearer: str) -> str:
    """The word the bearer's name ends in (政府, 部门, 单位, 人员 …); "" when none."""
    found = _HEAD.search(bearer)
    return found.group(1) if found else ""


def bearer_swap(fact: Fact, wrong: Sequence[str]) -> str:
    """A wrong bearer for a false statement: one of another kind (人员 for 单位, 部门 for
    政府), since two governments or two units may share a duty the article gives one of them."""
    mine = head(fact.text)
    return next((w for w in wrong if head(w) != mine), "")
