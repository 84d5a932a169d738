"""Who bears a norm: the kind of party before a modal word, and the body a duty is given to."""

from __future__ import annotations

import functools
import re

from nlp.bodies.departments import DepartmentDirectory, DepartmentMention
from nlp.legal.modality import Modal
from nlp.review.wording import sentence_span


def _actor_text(text: str, m: Modal) -> str:
    start = max(text.rfind(c, 0, m.span[0]) for c in "，,；;。\n") + 1
    return text[start : m.span[0]]


# Who bears a norm, by kind of party; the later match wins inside one noun phrase
# ("生产经营单位的主要负责人" is a principal, "人民政府应急管理部门" a department).
_ACTORS = (
    ("工会", re.compile("工会")),
    ("从业人员", re.compile("从业人员|作业人员|职工|劳动者")),
    ("主要负责人", re.compile("主要负责人|实际控制人")),
    # a government and its departments are one party here: which of them bears a duty is
    # CHECK_DUTY_BODY's question
    ("机关", re.compile("部门|管理机构|监察机关|执法机构|人民政府|国务院|街道办事处|管理委员会")),
    ("单位", re.compile("单位|企业|经营者|承包方|发包方")),
    ("个人", re.compile("个人|公民")),
)
# Where a sentence's leading subject ends: a comma, a modal, or a word that starts a predicate.
_SUBJECT_END = re.compile(
    "[，,：:]|应当|应予|必须|可以|有权|不得|禁止|严禁|鼓励|负责(?!人)|(?<!核)对(?!象)|在|按照|依照|依法|向|"
    "及时|未|发现|进行"
)


def actor(text: str, m: Modal) -> str:
    """The kind of party that bears modal ``m`` (:data:`_ACTORS`), "" when not told.

    The party named right before the modal in its own clause ("…的，主办单位应当"), else the
    subject its sentence opens with ("工会有权…", "生产经营单位…的安全设施，应当")."""
    for part in _bearer_phrases(text, m):
        label = _party(part)
        if label:
            return label
    return ""


def parties(text: str, m: Modal) -> frozenset[str]:
    """The kinds of party that bear modal ``m``, one per item of a list of parties
    ("市、区人民政府及其有关部门、生产经营单位可以…": 机关 and 单位); empty when not told."""
    for part in _bearer_phrases(text, m):
        found = frozenset(filter(None, (_party(item) for item in _LIST_ITEM.split(part))))
        if found:
            return found
    return frozenset()


def _bearer_phrases(text: str, m: Modal) -> tuple[str, str]:
    """Where a modal's bearer is named: its own clause before it, then its sentence's lead."""
    start, _ = sentence_span(text, m.span[0])
    head = text[start : m.span[0]].lstrip(" \u3000（(一二三四五六七八九十）)")
    cut = _SUBJECT_END.search(head)
    lead = "" if re.match("由|对|在|经|根据|按照|依照|为了?|自|从|除", head) else head
    return _actor_text(text, m), lead[: cut.start()] if cut else lead


def _party(phrase: str) -> str:
    """The kind of party a noun phrase names; the later match wins ("生产经营单位的主要负责人")."""
    found = [(h.end(), label) for label, p in _ACTORS for h in p.finditer(phrase)]
    return max(found)[1] if found else ""


_LIST_ITEM = re.compile("、|以及|及其|和")


@functools.cache
def _directory() -> DepartmentDirectory:
    return DepartmentDirectory.default()


def _level(region: str) -> str:
    if re.search("乡|镇|街道|township", region, re.I):
        return "township"
    return "other"


def _bodies(text: str, m: Modal) -> list[DepartmentMention]:
    words = _actor_text(text, m)
    offset = m.span[0] - len(words)
    # "区人民政府有关部门": the actor is an unnamed department of that government, not it
    found = [
        d
        for d in _directory().find(words)
        if d.department is not None
        and not re.match(r"(?:的)?(?:有关|其他|相关|各)", words[d.span[1] :])
    ]
    return [
        DepartmentMention(d.text, d.department, d.region, (d.span[0] + offset, d.span[1] + offset))
        for d in found
    ]


# The State Council does for the country what a local government does for its own area: a local
# rule that gives "国务院"'s duty to "省人民政府" restates it at its own level.
_RESTATED_AT_OWN_LEVEL = {"state-council": "government"}
# Lines one reform put under another: the 2018 reform placed patent administration (知识产权局)
# under market regulation, and many areas merged the two, so either may stand for the other.
_ONE_LINE = {
    "intellectual-property": "market-regulation",
    "market-regulation": "intellectual-property",
}


def own_level_kinds(kinds: frozenset[str]) -> frozenset[str]:
    """The kinds of body an upper law's body stands for in a local rule: itself, a line merged
    with it by reform, and, for a national body ("国务院"), the local government that takes its
    place in its own area."""
    return (
        kinds
        | frozenset(_RESTATED_AT_OWN_LEVEL[k] for k in kinds if k in _RESTATED_AT_OWN_LEVEL)
        | frozenset(_ONE_LINE[k] for k in kinds if k in _ONE_LINE)
    )


def moved_duty(
    local: str, a: Modal, upper: str, b: Modal
) -> tuple[DepartmentMention, DepartmentMention] | None:
    """The body the local modal ``a`` gives its duty to and the upper modal ``b``'s, when they
    differ: another department, or a township where the upper law names none; else None."""
    la, ub = _bodies(local, a), _bodies(upper, b)
    if not la or not ub:
        return None
    upper_ids = own_level_kinds(frozenset(d.department.id for d in ub if d.department))
    first = la[0]
    if first.department and first.department.id not in upper_ids:
        return first, ub[0]
    if _level(first.region) == "township" and all(_level(d.region) != "township" for d in ub):
        return first, ub[0]
    return None
