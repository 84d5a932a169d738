"""Consistency checks of a local rule's article against the upper law's article it implements.

:func:`compare_articles` reads one aligned pair: the fines, time limits and thresholds of both
(:mod:`nlp.legal.quantities`), their modal words (:mod:`nlp.legal.modality`) and the bodies that
bear each duty (:mod:`nlp.plans.departments`). Figures are compared only when they can be paired:
same kind, same subject (the unit, its principal person, the persons directly responsible), same
condition (逾期未改正, 一般事故 …) and a similar sentence around them. Two articles about
different matters may sit side by side after alignment; they then yield nothing rather than a
false alarm.
:func:`check_text` reads one text on its own (cross-references, numbering, definitions, renamed
authorities); :func:`delegations` finds the clauses of an upper law that leave a matter to
provincial legislation.

Severity follows Chinese legislative practice: a local rule may narrow a fine range inside the
upper one or shorten a time limit ("info"), but not lower a minimum, raise a maximum or lengthen
a time limit ("error"); a different threshold is a "warning".
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Collection
from datetime import date
from typing import NamedTuple

from nlp.legal.modality import KINDS, Modal, find_modals, weakening
from nlp.legal.quantities import Quantity, find_quantities
from nlp.plans.departments import DepartmentDirectory, DepartmentMention
from nlp.review.figures import figure_issues
from nlp.review.findings import Issue, bigrams, dice, is_chinese, sentence_span
from nlp.review.pairs import (
    Side,
    bounds,
    condition,
    counted_from,
    offence_score,
    offence_units,
    pair_quantities,
)
from nlp.review.single_text import check_text, delegations, old_names, renamed_issue

__all__ = ["Issue", "check_text", "compare_articles", "delegations"]

# Two modal clauses are the same rule when their predicates share this much.
MIN_PREDICATE = 0.6
# A reworded predicate still binds the same action when the party before the modal is the same
# party in the same words: "新闻媒体，可以做好依法燃放烟花爆竹的公益宣传" against
# "新闻媒体，应当做好安全燃放烟花爆竹的宣传、教育工作".
MIN_REWORDED_PREDICATE = 0.45
MIN_SAME_SUBJECT = 0.5
# Words before two modals this alike name one party, whatever party word they hold
SAME_PARTY_WORDS = 0.7
LIKE_WEIGHT = 0.25  # of the subjects' likeness against the predicates' in pairing modals
# A clause a modal governs past its first (:func:`_governed`) pairs with another only when both
# have this many bigrams and share this much: measured on the 38 real texts, where shorter or
# looser pairs were other acts with common words ("按照职责分工", "…部门报告").
MIN_GOVERNED_SIZE = 10
MIN_GOVERNED = 0.65
MIN_PREDICATE_SIZE = 4  # bigrams (or words): "立即排除" alone says too little
_RANGE_CODES = {
    "fine": "CHECK_FINE_RANGE",
    "fine_multiple": "CHECK_FINE_MULTIPLE",
    "income_share": "CHECK_FINE_INCOME_SHARE",
}
_TIME_KINDS = ("time_limit", "period")
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
            finding comes from :func:`check_text` given ``on``: callers keep one of the two.
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
    issues += _ranges(lo, up, zh, special_zone)
    issues += _time_limits(lo, up, zh)
    issues += _thresholds(lo, up, zh)
    issues += _modal_issues(lo, up, zh)
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


# --- fines -----------------------------------------------------------------------------------


def _ranges(lo: Side, up: Side, zh: bool, special_zone: bool = False) -> list[Issue]:
    out = []
    for a, b, _ in pair_quantities(lo, up, tuple(_RANGE_CODES), offence=True):
        (l1, h1), (l2, h2) = bounds(a), bounds(b)
        if (l1, h1) == (l2, h2):
            continue
        outside = l1 < l2 or h1 > h2
        what = {"fine": "罚款幅度", "fine_multiple": "罚款倍数", "income_share": "收入比例罚款"}[
            a.kind
        ]
        if zh:
            side = (
                "低于上位法下限"
                if l1 < l2
                else "高于上位法上限"
                if h1 > h2
                else "在上位法幅度内缩小"
            )
            message = f"本条{_who_zh(a.subject)}的{what}“{a.text}”{side}（上位法为“{b.text}”）。"
            fix = (
                f"确认此处对上位法“{b.text}”的变通系经济特区法规有意作出；非有意的，调整至该范围内。"
                if outside and special_zone
                else f"将{what}调整至上位法规定的“{b.text}”范围内。"
                if outside
                else "确认缩小幅度有依据；无特别需要的，宜与上位法保持一致。"
            )
        else:
            side = "falls outside" if outside else "is narrower than"
            message = (
                f"The {a.kind.replace('_', ' ')} '{a.text}' {side} the upper law's '{b.text}'."
            )
            fix = (
                f"Confirm the special zone means to vary the upper law's '{b.text}'; if not, "
                "bring it within that range."
                if outside and special_zone
                else f"Bring it within the upper law's '{b.text}'."
                if outside
                else "Check that the narrower range is intended."
            )
        out.append(
            Issue(
                _RANGE_CODES[a.kind],
                ("warning" if special_zone else "error") if outside else "info",
                message,
                fix,
                (a.span,),
                (b.span,),
                f"{a.kind}:{a.subject}:{'+'.join(sorted(condition(lo.text, a)))}",
            )
        )
    return out


def _who_zh(subject: str) -> str:
    return {"单位": "对单位", "": ""}.get(subject, f"对{subject}")


# --- time limits and thresholds --------------------------------------------------------------


def _ban(text: str, q: Quantity) -> bool:
    """ "五年内不得担任": a longer period is stricter, not laxer."""
    return bool(
        re.match(r"\s*(?:内|以内)?[，,]?\s*(?:不得|禁止|shall not|may not)", text[q.span[1] :])
    )


def _time_limits(lo: Side, up: Side, zh: bool) -> list[Issue]:
    out = []
    open_ended = lambda q: q.high is None  # noqa: E731
    pairs = pair_quantities(lo, up, _TIME_KINDS, key=open_ended)
    # Left over: a time limit counted from the same event is about the same thing, whatever
    # else its sentence names ("自受理之日起六十日内调查处理完毕" / "在受理之日起三十日内将核查
    # 处理结果告知")
    local_taken = {a.span for a, _, _ in pairs}
    upper_taken = {b.span for _, b, _ in pairs}
    pairs += [
        (a, b, near)
        for a, b, near in pair_quantities(
            lo, up, _TIME_KINDS, key=open_ended, subject=_counted_from
        )
        if a.span not in local_taken and b.span not in upper_taken and _counted_from(lo.text, a)
    ]
    for a, b, _ in pairs:
        va, vb = a.value, b.value
        if va is None or vb is None or abs(va - vb) < 1e-9:
            continue
        stricter_when_longer = _ban(lo.text, a) or (a.high is None and a.low is not None)
        laxer = (va < vb) if stricter_when_longer else (va > vb)
        duty = a.subject or ("期限" if zh else "time limit")
        if zh:
            way = "长于" if va > vb else "短于"
            message = f"本条{duty}的期限“{a.text}”{way}上位法规定的“{b.text}”。"
            fix = f"将期限改为上位法规定的“{b.text}”。" if laxer else "确认更严格的期限有依据。"
        else:
            way = "longer" if va > vb else "shorter"
            message = (
                f"The time limit '{a.text}' for {duty} is {way} than the upper law's '{b.text}'."
            )
            fix = (
                f"Use the upper law's '{b.text}'."
                if laxer
                else "Check the stricter limit is intended."
            )
        out.append(
            Issue(
                "CHECK_TIME_LIMIT",
                "error" if laxer else "info",
                message,
                fix,
                (a.span,),
                (b.span,),
                f"{a.kind}:{a.subject}",
            )
        )
    return out


def _counted_from(text: str, q: Quantity) -> str:
    event = counted_from(text, q)
    return f"从{event}起" if event else ""


def _thresholds(lo: Side, up: Side, zh: bool) -> list[Issue]:
    out = []
    side = lambda q: (q.unit, q.low is None, q.high is None)  # noqa: E731
    for a, b, _ in pair_quantities(lo, up, ("threshold",), key=side):
        if bounds(a) == bounds(b) or _extra_tier(lo, a, b):
            continue
        fewer = _applies_to_fewer(lo, a, b)
        if zh:
            reach = {True: "，适用范围窄于上位法", False: "，适用范围宽于上位法", None: ""}[fewer]
            message = f"本条{a.subject}的标准“{a.text}”与上位法规定的“{b.text}”不一致{reach}。"
            fix = (
                "确认更严格的标准有依据。"
                if fewer is False
                else f"与上位法规定的“{b.text}”保持一致，或说明调整的依据。"
            )
        else:
            message = f"The threshold '{a.text}' differs from the upper law's '{b.text}'."
            fix = (
                "Check that the stricter threshold is intended."
                if fewer is False
                else f"Align it with '{b.text}' or state the basis for the change."
            )
        out.append(
            Issue(
                "CHECK_THRESHOLD",
                "info" if fewer is False else "warning",
                message,
                fix,
                (a.span,),
                (b.span,),
                f"threshold:{a.subject}:{a.unit}",
            )
        )
    return out


def _extra_tier(lo: Side, a: Quantity, b: Quantity) -> bool:
    """Whether ``a`` is a further tier on top of one that already starts where the upper law's
    ``b`` does: "一百人以上不足三百人的，应当…；三百人以上的，应当…" against "超过一百人的"."""
    if a.low is None or b.low is None or a.high is not None or a.low <= b.low:
        return False
    return any(
        q is not a
        and q.kind == "threshold"
        and q.unit == a.unit
        and q.subject == a.subject
        and q.low is not None
        and q.low <= b.low
        for q in lo.quantities
    )


def _applies_to_fewer(lo: Side, a: Quantity, b: Quantity) -> bool | None:
    """Whether the local threshold ``a`` makes the norm that follows it reach fewer cases than
    the upper law's ``b``: a higher floor ("三百人以上的，应当…" for "一百人以上") or a lower
    ceiling
    for a duty or a ban; the other way round for a permission. None when it cannot be told (a
    two-sided range, no modal word after it)."""
    if a.low is not None and a.high is None and b.low is not None and b.high is None:
        fewer = a.low > b.low
    elif a.high is not None and a.low is None and b.high is not None and b.low is None:
        fewer = a.high < b.high
    else:
        return None
    _, end = sentence_span(lo.text, a.span[1])
    after = [m for m in lo.modals if a.span[1] <= m.span[0] < end]
    if not after:
        return None
    return fewer if after[0].kind in ("obligation", "prohibition") else not fewer


# --- modality and duty bodies ----------------------------------------------------------------


def _predicate(text: str, m: Modal, *, whole: bool = False) -> str:
    """What the modal word governs: up to the clause's end (Chinese ，) or the sentence's;
    ``whole``: up to the sentence's end, for a predicate that runs on past a comma ("将生产经营
    项目、场所、设备，发包、出租给…")."""
    tail = text[m.span[1] :]
    if whole:
        stop = _SENTENCE_STOP.search(tail)
    elif _CJK_START.match(tail):
        stop = _ZH_CLAUSE_STOP.search(tail)  # a half-width comma ends a Chinese clause too
    else:
        stop = _CLAUSE_STOP.search(tail)
    return tail[: stop.start()] if stop else tail


_SENTENCE_STOP = re.compile(r"[；;。\n]|\.(?:\s|$)")
_CLAUSE_STOP = re.compile(r"[；;。\n]|，(?=.{4})|\.(?:\s|$)")
_ZH_CLAUSE_STOP = re.compile(r"[；;。\n]|[，,](?=.{4})|\.(?:\s|$)")
_CJK_START = re.compile(r"\s*[\u4e00-\u9fff]")


# A modal word after another in its sentence is part of the object ("应当开展禁止销售…的宣传").
_MODAL_WORD = re.compile("应当|必须|不得|禁止|严禁|可以|有权|允许")


class Action(NamedTuple):
    """What one modal word binds, as bigrams: see :func:`action_match`."""

    predicate: frozenset[str]  # up to the clause's end
    whole: frozenset[str]  # up to the sentence's end
    subject: str  # the sentence's words before the modal
    subject_grams: frozenset[str]
    plain: bool  # no other modal word just before it ("应当开展禁止销售…": part of an object)
    clauses: tuple[frozenset[str], ...] = ()  # the further clauses it governs (:func:`_governed`)
    near: frozenset[str] = frozenset()  # the last clause of the subject ("…不符合标准的，")


def _action(text: str, m: Modal) -> Action:
    subject = _subject(text, m)
    return Action(
        _act(_predicate(text, m)),
        _act(_predicate(text, m, whole=True)),
        subject,
        bigrams(subject),
        not _MODAL_WORD.search(re.split("[，,]", subject)[-1]),
        tuple(_act(c) for c in _governed(text, m)),
        bigrams(_near_clause(subject)),
    )


# A light verb before the verb that carries the act: "及时进行处理" is "及时处理".
_LIGHT_VERB = re.compile("进行|予以|加以")


def _act(predicate: str) -> frozenset[str]:
    return bigrams(_LIGHT_VERB.sub("", predicate))


def _near_clause(subject: str) -> str:
    """The last non-empty comma clause of a modal's subject: the condition or party that its
    predicate goes with when the sentence opens with another rule ("…必须符合标准，不符合标准的，
    不得使用")."""
    parts = [p for p in re.split("[，,]", subject) if p.strip()]
    return parts[-1] if parts else ""


# A first clause that only says how or when ("按照分类分级监督管理的要求，制定…",
# "在签订租赁协议时，出具…"): the act is in the clause after it.
_ADVERBIAL = re.compile(
    r"^(?:(?:按照|依照|依据|根据|结合|参照|遵照)[^，,]*|在[^，,]*(?:时|后|前|期间|之际))$"
)
# A later clause that joins a further act to the first ("…的安全责任，并出具…检测合格证明").
_JOINED = re.compile("^(?:并且|并|同时)")


def _governed(text: str, m: Modal) -> list[str]:
    """The clauses besides the first that a Chinese modal word governs, each as its own act: the
    clause after a first clause that only says how or when, and each clause joined by 并/同时.
    Other modal words in the sentence govern their own clauses."""
    if not _CJK_START.match(text[m.span[1] :]):
        return []
    clauses = re.split("[，,]", _predicate(text, m, whole=True))
    out = []
    if len(clauses) > 1 and _ADVERBIAL.match(clauses[0]):
        out.append(clauses[1])
    for clause in clauses[1:]:
        if _MODAL_WORD.search(clause):
            break
        joined = _JOINED.match(clause)
        if joined:
            out.append(clause[joined.end() :])
    return [c for c in out if c]


def _same_subject(a: Action, b: Action) -> bool:
    """Whether two modals' subjects are the same words (:data:`MIN_SAME_SUBJECT`)."""
    grams_a, grams_b = a.subject_grams, b.subject_grams
    return min(len(grams_a), len(grams_b)) >= 2 and dice(grams_a, grams_b) >= MIN_SAME_SUBJECT


def _same_action(
    pa: frozenset[str], pb: frozenset[str], a: Action, b: Action, size: int, zh: bool
) -> float | None:
    """How alike two modals' actions are, or None when they are not the same action.

    Predicates of ``size`` bigrams or more are compared on their own (:data:`MIN_PREDICATE`), or
    reworded with the same subject in the same words (:data:`MIN_REWORDED_PREDICATE`,
    :data:`MIN_SAME_SUBJECT`). A shorter predicate ("上岗作业", "以人为本") says too little
    alone: it must be the same predicate, and the subject with it the same rule. The reworded
    and short cases are for Chinese only: English contracts reuse long stock subjects ("the
    Indemnifying Party", "the Indemnified Party") that differ by one word."""
    plain = bool(pa and pb) and a.plain and b.plain
    score = dice(pa, pb)
    if min(len(pa), len(pb)) >= size:
        if score >= MIN_PREDICATE:
            return score
        if zh and plain and score >= MIN_REWORDED_PREDICATE and _same_subject(a, b):
            return score
        return None
    if not zh or not plain or score < MIN_PREDICATE:
        return None
    best = None
    for sa, sb in ((a.subject_grams, b.subject_grams), (a.near, b.near)):
        whole_a, whole_b = pa | sa, pb | sb
        if min(len(whole_a), len(whole_b)) < 2 * size:
            continue
        whole = dice(whole_a, whole_b)
        if whole >= MIN_PREDICATE and (best is None or whole > best):
            best = whole
    return best


def _subject(text: str, m: Modal) -> str:
    """The words of the modal's sentence before it: who bears the norm, and when."""
    start = max(text.rfind(c, 0, m.span[0]) for c in "；;。\n") + 1
    return text[start : m.span[0]]


def modal_actions(text: str, kinds: Collection[str] = KINDS) -> list[Action]:
    """What each modal word of ``text`` of one of ``kinds`` binds: its predicate (bigrams) up to
    its clause's end and up to its sentence's, and its subject's words (:func:`action_match`)."""
    return [_action(text, m) for m in find_modals(text) if m.kind in kinds]


def action_match(a: Action, b: Action, zh: bool = True) -> float | None:
    """How alike two modals' actions are (0..1), or None when they are not the same action: the
    predicates compared (see :func:`_same_action`), each clause a modal governs against each of
    the other's (:func:`_governed`), and, for the same party in the same words, the predicates
    up to their sentences' ends."""
    size = MIN_PREDICATE_SIZE if zh else 2
    scores = [_same_action(a.predicate, b.predicate, a, b, size, zh)]
    for pa in (a.predicate, *a.clauses):
        for pb in (b.predicate, *b.clauses):
            if pa is a.predicate and pb is b.predicate:
                continue
            # a governed clause says less of who does what: it must say more, more alike
            if min(len(pa), len(pb)) >= MIN_GOVERNED_SIZE and dice(pa, pb) >= MIN_GOVERNED:
                scores.append(_same_action(pa, pb, a, b, size, zh))
    if zh and _same_subject(a, b):  # Chinese runs a predicate on past commas
        scores.append(_same_action(a.whole, b.whole, a, b, size, zh))
    kept = [score for score in scores if score is not None]
    return max(kept) if kept else None


def time_clauses(text: str) -> list[frozenset[str]]:
    """The bigrams of each sentence of ``text`` that sets a time limit or period (figures left
    out), where they say enough to find the same rule elsewhere."""
    out = []
    for q in find_quantities(text):
        if q.kind in _TIME_KINDS:
            grams = bigrams(text[slice(*sentence_span(text, q.span[0]))])
            if len(grams) >= MIN_PREDICATE_SIZE:
                out.append(grams)
    return out


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


def _actor(text: str, m: Modal) -> str:
    """The kind of party that bears modal ``m`` (:data:`_ACTORS`), "" when not told.

    The party named right before the modal in its own clause ("…的，主办单位应当"), else the
    subject its sentence opens with ("工会有权…", "生产经营单位…的安全设施，应当")."""
    for part in _bearer_phrases(text, m):
        label = _party(part)
        if label:
            return label
    return ""


def _parties(text: str, m: Modal) -> frozenset[str]:
    """The kinds of party that bear modal ``m``, one per item of a list of parties
    ("市、区人民政府及其有关部门、生产经营单位可以…": 机关 and 单位); empty when not told."""
    for part in _bearer_phrases(text, m):
        found = frozenset(filter(None, (_party(item) for item in _LIST_ITEM.split(part))))
        if found:
            return found
    return frozenset()


def _bearer_phrases(text: str, m: Modal) -> tuple[str, str]:
    """Where a modal's bearer is named: its own clause before it, then its sentence's lead."""
    start = max(text.rfind(c, 0, m.span[0]) for c in "；;。\n") + 1
    head = text[start : m.span[0]].lstrip(" \u3000（(一二三四五六七八九十）)")
    cut = _SUBJECT_END.search(head)
    lead = "" if re.match("由|对|在|经|根据|按照|依照|为了?|自|从|除", head) else head
    return _actor_text(text, m), lead[: cut.start()] if cut else lead


def _party(phrase: str) -> str:
    """The kind of party a noun phrase names; the later match wins ("生产经营单位的主要负责人")."""
    found = [(h.end(), label) for label, p in _ACTORS for h in p.finditer(phrase)]
    return max(found)[1] if found else ""


_LIST_ITEM = re.compile("、|以及|及其|和")


def _modal_issues(lo: Side, up: Side, zh: bool) -> list[Issue]:
    scored = []
    upper = [_action(up.text, b) for b in up.modals]
    local = [_action(lo.text, a) for a in lo.modals]
    for i, action in enumerate(local):
        a = lo.modals[i]
        for j, other in enumerate(upper):
            score = action_match(action, other, zh)
            if score is not None:
                # the like subject first: the same words said twice ("单位负责人…不得隐瞒不报",
                # "有关部门…不得隐瞒不报") pair with their own party
                like = dice(action.subject_grams, other.subject_grams)
                rank = round(score + LIKE_WEIGHT * like, 3)
                scored.append((rank, a.kind == up.modals[j].kind, score, i, j))
    scored.sort(reverse=True)
    used_l: set[int] = set()
    used_u: set[int] = set()
    out = []
    for *_, score, i, j in scored:
        if i in used_l or j in used_u:
            continue
        used_l.add(i)
        used_u.add(j)
        a, b = lo.modals[i], up.modals[j]
        severity = weakening(b.kind, a.kind)
        predicate = _predicate(lo.text, a)[:12]
        # 工会有权监督 is not weakened by 生产经营单位应当: a change counts for one party only
        actor = _actor(lo.text, a) if zh else ""
        ours = _parties(lo.text, a) if zh else frozenset()
        theirs = _parties(up.text, b) if zh else frozenset()
        # a party in a list of parties is one of them ("市、区人民政府及其有关部门、生产经营单位");
        # the same words before the modal are the same party, whatever a party word in them
        # reads as ("要求有关单位采取…措施的，应当" is said of the department that asks)
        same_party = (
            not ours
            or not theirs
            or bool(ours & theirs)
            or dice(local[i].subject_grams, upper[j].subject_grams) >= SAME_PARTY_WORDS
        )
        if (b.kind, a.kind) == ("permission", "obligation") and actor == "机关":
            # a local legislature may bind its own government to use a power the upper law
            # only grants: worth a look, no conflict
            severity = "info"
        if severity is not None and same_party:
            out.append(_modality_issue(a, b, severity, predicate, zh))
        # a duty moved to another body: only for the same predicate, not a reworded one
        body = _moved(lo.text, a, up.text, b) if score >= MIN_PREDICATE else None
        if body is not None:
            la, ub = body
            message = (
                f"上位法规定由“{ub.text}”履行该职责，本条改由“{la.text}”履行。"
                if zh
                else f"The upper law gives this duty to '{ub.text}'; here it is '{la.text}'."
            )
            fix = (
                f"核对职责主体，与上位法规定的“{ub.text}”保持一致。"
                if zh
                else f"Check the body; the upper law names '{ub.text}'."
            )
            out.append(
                Issue(
                    "CHECK_DUTY_BODY",
                    "warning",
                    message,
                    fix,
                    (la.span,),
                    (ub.span,),
                    f"body:{predicate}",
                )
            )
    return out


_NAMES = {
    "obligation": "义务性",
    "permission": "授权性",
    "prohibition": "禁止性",
    "recommendation": "倡导性",
}


def _modality_issue(a: Modal, b: Modal, severity: str, predicate: str, zh: bool) -> Issue:
    if zh:
        message = (
            f"上位法用“{b.text}”（{_NAMES[b.kind]}规范），本条改为“{a.text}”（{_NAMES[a.kind]}规范），"
            "改变了规范的效力。"
        )
        fix = f"将“{a.text}”改回与上位法一致的“{b.text}”。"
    else:
        message = (
            f"The upper law says '{b.text}' ({b.kind}); this article says '{a.text}' ({a.kind})."
        )
        fix = f"Use '{b.text}' as the upper law does."
    return Issue(
        "CHECK_MODALITY", severity, message, fix, (a.span,), (b.span,), f"modality:{predicate}"
    )


@functools.cache
def _directory() -> DepartmentDirectory:
    return DepartmentDirectory.default()


def _level(region: str) -> str:
    if re.search("乡|镇|街道|township", region, re.I):
        return "township"
    return "other"


def _bodies(text: str, m: Modal) -> list[DepartmentMention]:
    actor = _actor_text(text, m)
    offset = m.span[0] - len(actor)
    # "区人民政府有关部门": the actor is an unnamed department of that government, not it
    found = [
        d
        for d in _directory().find(actor)
        if d.department is not None
        and not re.match(r"(?:的)?(?:有关|其他|相关|各)", actor[d.span[1] :])
    ]
    return [
        DepartmentMention(d.text, d.department, d.region, (d.span[0] + offset, d.span[1] + offset))
        for d in found
    ]


def _moved(
    local: str, a: Modal, upper: str, b: Modal
) -> tuple[DepartmentMention, DepartmentMention] | None:
    la, ub = _bodies(local, a), _bodies(upper, b)
    if not la or not ub:
        return None
    upper_ids = {d.department.id for d in ub if d.department}
    first = la[0]
    if first.department and first.department.id not in upper_ids:
        return first, ub[0]
    if _level(first.region) == "township" and all(_level(d.region) != "township" for d in ub):
        return first, ub[0]
    return None


# --- copies and names ------------------------------------------------------------------------


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


@functools.lru_cache(maxsize=4096)
def fine_offenders(text: str) -> tuple[tuple[int, str], ...]:
    """The fines of an article: where each stands (start offset) and whom it is on ("单位",
    "主要负责人", …), for weighing candidate pairings (kept for the texts last asked about: a
    review asks about each upper article many times)."""
    return tuple((q.span[0], q.subject) for q in find_quantities(text) if q.kind in _RANGE_CODES)


def fine_positions(text: str) -> tuple[int, ...]:
    """Where the fines of an article stand (start offsets)."""
    return tuple(at for at, _ in fine_offenders(text))


def penalty_match(
    local: str, local_at: int, upper: str, upper_at: int, *, min_size: int = 3
) -> float:
    """How far the fine at ``local_at`` and the fine at ``upper_at`` punish the same conduct
    (0..1): the engine keeps a fine finding only from the upper article that matches best.

    ``min_size``: the fewest telling bigrams a description of the conduct needs to count; a
    penalty whose conduct is only a cited article and a party ("主要负责人违反本条例第十七条
    规定的") says too little to be looked up by."""
    return offence_score(local, local_at, upper, upper_at, min_size)
