"""Modal words of an aligned pair: a duty weakened or made stricter, or given to another body.

Two modal words are compared when they bind the same action (:func:`action_match`): their
predicates, the clauses they govern and, for the same party in the same words, the sentences they
stand in. A change counts only for the same kind of party (:mod:`nlp.review.bearers`).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from difflib import SequenceMatcher
from typing import NamedTuple

from nlp.bodies.departments import DepartmentMention
from nlp.legal.modality import KINDS, Modal, find_modals, weakening
from nlp.review.bearers import actor, moved_duty, parties
from nlp.review.findings import Issue
from nlp.review.pairs import Side
from nlp.review.wording import bigrams, sentence_span
from nlp.text import dice

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
# A short predicate with its subject: the same words whole when they are this few bigrams
# ("城镇污水应当集中处理"), or the smaller one held this much in the other when they are more.
SHORT_RULE_SIZE = 6
MIN_HELD = 0.9
# Two conditions ("…的，") are one when the smaller shares this much of its bigrams with the other.
MIN_SAME_CONDITION = 0.45


def _predicate(text: str, m: Modal, *, whole: bool = False) -> str:
    """What the modal word governs: up to the clause's end (Chinese ，) or the sentence's;
    ``whole``: up to the sentence's end, for a predicate that runs on past a comma ("将生产经营
    项目、场所、设备，发包、出租给…"), but not past the next modal word of a Chinese sentence:
    "应当遵守…规划，服从规划管理，并有权…查询" binds 遵守 and 服从; 查询 is the 有权's."""
    tail = text[m.span[1] :]
    if whole:
        stop = _SENTENCE_STOP.search(tail)
        if _CJK_START.match(tail):
            end = stop.start() if stop else len(tail)
            other = _NEXT_MODAL.search(tail, 0, end)
            if other is not None:
                return tail[: other.start()]
    elif _CJK_START.match(tail):
        stop = _ZH_CLAUSE_STOP.search(tail)  # a half-width comma ends a Chinese clause too
    else:
        stop = _CLAUSE_STOP.search(tail)
    return tail[: stop.start()] if stop else tail


_SENTENCE_STOP = re.compile(r"[；;。\n]|\.(?:\s|$)")
_CLAUSE_STOP = re.compile(r"[；;。\n]|，(?=.{4})|\.(?:\s|$)")
_ZH_CLAUSE_STOP = re.compile(r"[；;。\n]|[，,](?=.{4})|\.(?:\s|$)")
_CJK_START = re.compile(r"\s*[\u4e00-\u9fff]")
# A later modal word that opens a clause of its own ("，并有权", "，但不得"): the whole predicate
# of the modal before it stops there.
_NEXT_MODAL = re.compile(
    "[，,](?:并且|并|但是|但|同时|也|还|都|均)?(?:应当|必须|不得|禁止|严禁|可以|有权)"
)


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
    kind: str = ""  # the modal's kind (:data:`~nlp.legal.modality.KINDS`)
    acts: int = 0  # how many of ``clauses`` (the first) are its own acts, not steps
    head: str = ""  # the verb its first clause opens with, "" when unknown (:func:`_head`)
    said: str = ""  # its predicate up to the sentence's end, as written
    rest: frozenset[str] = frozenset()  # the sentence after it to its end, past later modals


def _action(text: str, m: Modal) -> Action:
    subject = _subject(text, m)
    predicate = _act(_first_act(text, m))
    # A ban after another modal in its sentence bans its own clause only: a positive clause
    # after it goes with the first ("应当自行监测，不得擅自调整监测点位，对监测数据负责").
    later = m.kind == "prohibition" and bool(_MODAL_WORD.search(subject))
    governed, acts = _governed(text, m)
    said = _predicate(text, m, whole=True)
    return Action(
        predicate,
        predicate if later else _act(said),
        subject,
        bigrams(subject),
        not _MODAL_WORD.search(re.split("[，,]", subject)[-1]),
        tuple(_act(c) for c in governed),
        bigrams(_near_clause(subject)),
        m.kind,
        acts,
        _head(_first_act(text, m)),
        _LIGHT_VERB.sub("", said),
        _sentence_rest(text, m),
    )


def _sentence_rest(text: str, m: Modal) -> frozenset[str]:
    """The bigrams of a Chinese sentence after a modal word to its end, light verbs left out:
    "可以协助、配合，不得拒绝、阻挠" and "应当予以协助、配合，不得拒绝、阻挠" say the same after
    their modal words; empty for other texts."""
    tail = text[m.span[1] :]
    if not _CJK_START.match(tail):
        return frozenset()
    stop = _SENTENCE_STOP.search(tail)
    return bigrams(_LIGHT_VERB.sub("", tail[: stop.start()] if stop else tail))


# Words a clause may open with before its verb: adverbs ("依法", "及时", "擅自", "每五年") and
# light verbs. A verb that frames another ("组织编制") is the head: the other clause holds it or
# the framed verb (:func:`_other_verbs`).
_HEAD_SKIP = re.compile(
    "^(?:依法|及时|擅自|随意|私自|任意|非法|都|也|还|均|另行|直接|书面|按时|如实|主动|严格|认真"
    "|积极|切实|统一|共同|分别|逐步|定期|自觉|立即|优先|一律|全面|同时|并且|并|再|予以|进行|加以"
    "|每[^，,]{0,3}?(?:季度|年度|[年月日届周季])|至少|最多|按期|当年|逐年)+"
)
# A clause opening with a preposition or a frame ("在…范围内作出", "向…申请", "按照…"): its verb
# comes after a phrase of unknown length, and is not read.
_HEAD_UNKNOWN = re.compile(
    "^(?:在|对|向|与|将|把|从|以|为|由|按|依|于|自|经|持|凭|通过|会同|结合|根据|参照|遵照|就|当|"
    "如|若|凡|除|给|跟|同|和|及|或)"
)


_FRAME = re.compile("^(?:对|向|在|与|就|为|同)")


def _head(clause: str) -> str:
    """The verb a Chinese clause opens with, as its first two characters ("查阅经批准的城乡规划":
    查阅), adverbs and light or framing verbs left out; "" when it opens with a preposition or
    a frame, or is not Chinese."""
    rest = _HEAD_SKIP.sub("", clause.strip())
    if len(rest) < 2 or not _CJK_START.match(rest) or _HEAD_UNKNOWN.match(rest):
        return ""
    if _FRAME.match(rest[2:]):  # a frame before a phrase ("组织对…进行论证")
        return ""
    return rest[:2]


def _other_verbs(a: Action, b: Action) -> bool:
    """Whether two modals' first clauses open with different verbs, neither of which the other's
    predicate holds: "可以依法查阅经批准的城乡规划" and "应当遵守经依法批准并公布的城乡规划" share
    their object, not their act (查阅, 遵守). An unknown verb (:func:`_head`) says nothing, nor
    do two verbs of one act (:data:`_SAME_ACT`: 符合, 遵守), and a verb counts as held when its
    first character is."""
    if not a.head or not b.head or _verb_class(a.head) == _verb_class(b.head):
        return False
    # a verb of one character ("有采伐区…措施", "有水土保持措施") or a near one ("划定"/"划分")
    return a.head[0] not in b.said and b.head[0] not in a.said


# Characters two predicates with different verbs must share in one run to be read as one rule.
MIN_SHARED_RUN = 10


def _shared_run(a: str, b: str) -> int:
    """The length of the longest run of characters two texts share."""
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size


# Verbs that say one act in legal Chinese: to comply, to draw up, to make public, to report.
_SAME_ACT = (
    frozenset(("符合", "遵守", "执行", "遵循", "遵照", "服从", "达到")),
    frozenset(("制定", "编制", "拟定", "制订", "起草")),
    frozenset(("公布", "公开", "公告", "发布", "公示")),
    frozenset(("报告", "报送", "上报", "报请", "呈报")),
)


def _verb_class(head: str) -> str | frozenset[str]:
    return next((group for group in _SAME_ACT if head in group), head)


def _first_act(text: str, m: Modal) -> str:
    """The clause a modal word binds first: its first clause, or nothing when that only says how
    or when ("应当根据保护饮用水水源的实际需要，在准保护区内采取…措施"): two rules that both say
    "根据…实际需要" are not one rule for that. The clause after it is then compared as a governed
    clause (:func:`_governed`), which must say more, more alike."""
    return "" if _after_how(text, m) is not None else _predicate(text, m)


def _after_how(text: str, m: Modal) -> str | None:
    """The clause after a modal's first clause when that only says how or when, else None."""
    if not _CJK_START.match(text[m.span[1] :]):
        return None
    clauses = re.split("[，,]", _predicate(text, m, whole=True))
    if len(clauses) > 1 and clauses[1] and _ADVERBIAL.match(clauses[0]):
        return clauses[1]
    return None


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


def _governed(text: str, m: Modal) -> tuple[list[str], int]:
    """The clauses besides the first that a Chinese modal word governs, each as its own act, and
    how many of them (first in the list) are its own act rather than steps: the clause after a
    first clause that only says how or when, then each clause joined by 并/同时 (a step). Other
    modal words in the sentence govern their own clauses. (A plain list of clauses after the
    first, "应当佩戴导游证，遵守职业道德，…", is not read as acts: on the development and held-out
    domains that paired objects and conditions of other rules.)"""
    if not _CJK_START.match(text[m.span[1] :]):
        return [], 0
    clauses = re.split("[，,]", _predicate(text, m, whole=True))
    act = _after_how(text, m)
    acts = [] if act is None else [act]
    steps = []
    for clause in clauses[1:]:
        if _MODAL_WORD.search(clause):
            break
        joined = _JOINED.match(clause)
        if joined:
            steps.append(clause[joined.end() :])
    acts = [c for c in acts if c]
    return acts + [c for c in steps if c], len(acts)


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
        smaller = min(len(whole_a), len(whole_b))
        if smaller < 2 * size:
            # a short rule said whole in the same words ("城镇污水应当集中处理。"), or with the
            # rest of its sentence past a later modal word ("当事人应当协助、配合，不得拒绝")
            said_whole = whole_a == whole_b and smaller >= SHORT_RULE_SIZE
            if said_whole or (whole_a == whole_b and _same_rest(a, b)):
                best = max(best or 0.0, 1.0)
            continue
        whole = dice(whole_a, whole_b)
        # the local clause restated inside a longer upper one ("开发、利用和调节、调度水资源，
        # 应当统筹兼顾" in "国务院有关部门和…调度水资源时，应当统筹兼顾")
        held = len(whole_a & whole_b) / smaller
        if held >= MIN_HELD and whole < MIN_PREDICATE:
            whole = held
        if whole >= MIN_PREDICATE and (best is None or whole > best):
            best = whole
    return best


def _same_rest(a: Action, b: Action) -> bool:
    """Whether two modals' sentences say the same words after them to their ends, enough of
    them to make a rule (:data:`SHORT_RULE_SIZE` with the party's words)."""
    return a.rest == b.rest and len(a.rest | a.near) >= SHORT_RULE_SIZE


def _subject(text: str, m: Modal) -> str:
    """The words of the modal's sentence before it: who bears the norm, and when."""
    start, _ = sentence_span(text, m.span[0])
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
    # two different verbs over the same object are two acts: the first clauses, and the
    # sentences they open, are not compared (a clause each governs further may still be)
    other_verbs = zh and _other_verbs(a, b)
    scores = [None if other_verbs else _same_action(a.predicate, b.predicate, a, b, size, zh)]
    for x, pa in enumerate((a.predicate, *a.clauses)):
        for y, pb in enumerate((b.predicate, *b.clauses)):
            if x == y == 0:
                continue
            step_a, step_b = x > a.acts, y > b.acts
            if step_a != step_b and _optional_step(a if step_a else b, b if step_a else a):
                continue
            # a governed clause says less of who does what: it must say more, more alike
            if min(len(pa), len(pb)) >= MIN_GOVERNED_SIZE and dice(pa, pb) >= MIN_GOVERNED:
                scores.append(_same_action(pa, pb, a, b, size, zh))
    # the same party's sentences may still say one rule past their first verbs when they share a
    # long run of words ("…建立…制度，…，确保信息安全，防止消费者个人信息泄露、丢失" /
    # "…采取…措施，确保信息安全，防止消费者个人信息泄露、丢失")
    run_on = not other_verbs or _shared_run(a.said, b.said) >= MIN_SHARED_RUN
    if zh and run_on and _same_subject(a, b):  # Chinese runs a predicate on past commas
        scores.append(_same_action(a.whole, b.whole, a, b, size, zh))
    kept = [score for score in scores if score is not None]
    return max(kept) if kept else None


def _optional_step(a: Action, other: Action) -> bool:
    """Whether a step joined to ``a``'s act is not to be set against ``other``'s own act: a
    step joined to a permitted act ("可以制定地方标准，并报…备案"; "特殊情况可以适时开展调查，
    并将调查结果报…备案") is due once the act is done, so it is no optional rule beside a binding
    one that stands on its own ("应当将调查结果报…备案"). Two steps are compared as ever: a
    permitted act with the step an upper duty also joins to its act is a duty made optional.

    Unless both are said under the same condition ("代理社与旅游者订立包价旅游合同…的，可以使用
    委托社的合同…，并在包价旅游合同中载明…" against "…与旅游者订立包价旅游合同的，应当在包价
    旅游合同中载明…"): the step is then due on that condition, not on the permitted act."""
    optional = a.kind == "permission" and other.kind not in ("permission", "")
    return optional and not _same_condition(a, other)


def _same_condition(a: Action, b: Action) -> bool:
    """Whether two modals' sentences open with the same condition ("…的，"): their last subject
    clauses both end in 的 and the smaller shares :data:`MIN_SAME_CONDITION` of its bigrams."""
    conditions = [_near_clause(x.subject).rstrip() for x in (a, b)]
    if not all(c.endswith("的") for c in conditions):
        return False
    smaller = min(len(a.near), len(b.near))
    return smaller >= MIN_PREDICATE_SIZE and len(a.near & b.near) / smaller >= MIN_SAME_CONDITION


def modal_issues(lo: Side, up: Side, zh: bool) -> list[Issue]:
    """CHECK_MODALITY for each local modal word binding the same action as an upper one with a
    weaker or stricter word (for the same party), CHECK_DUTY_BODY for one giving the duty to
    another body; each modal word paired once, the most alike first.

    Args:
        lo: The local article, read.
        up: The upper article, read.
        zh: Whether the texts are Chinese (messages, and the Chinese-only readings of parties).
    """
    lo_parties, up_parties = _party_text(lo.text, zh), _party_text(up.text, zh)
    local = [_action(lo.text, a) for a in lo.modals]
    upper = [_action(up.text, b) for b in up.modals]
    paired = _paired_modals(lo, up, local, upper, zh)
    exceptions = _ban_exceptions(lo, up, {i for _, i, _ in paired}) if zh else []
    excepted = {j for j, _ in exceptions}
    out = [issue for _, issue in exceptions]
    for score, i, j in paired:
        a, b = lo.modals[i], up.modals[j]
        if j in excepted:  # that ban is reported as excepted, not as a changed word
            continue
        predicate = _predicate(lo.text, a)[:12]
        severity = _changed_force(lo.text, a, up.text, b, zh)
        if severity is not None and zh and not _same_verb_opposed(lo.text, a, up.text, b):
            severity = None
        if severity is not None and zh and _states_exception(lo.text, a, up.text, b):
            severity = None
        if severity is not None and _same_party(
            lo_parties, a, up_parties, b, zh, local[i], upper[j]
        ):
            out.append(_modality_issue(a, b, severity, predicate, zh))
        # a duty moved to another body: only for the same predicate, not a reworded one
        body = moved_duty(lo.text, a, up.text, b) if score >= MIN_PREDICATE else None
        if body is not None:
            out.append(_duty_body_issue(*body, predicate, zh))
    return out


# A ban that leaves a lawful way open ("不得擅自改变", "未经批准不得"): a local permission after
# approval is that way, no exception to the ban.
_OPEN_BAN = re.compile("擅自|未经|非法|违法|违反|随意|私自|任意|无证|超越")
# What makes a local permission conditional: a case ("…的，") or a procedure ("经…") before it.
_CONDITION_BEFORE = re.compile(r"的[，,]|(?:^|[，,])经")
# "方可作出…" is a permission wherever it stands (the modal words read "可" only before a set
# of verbs).
_THEN = "，,后的时"
_ONLY_THEN = re.compile(f"(?<=[{_THEN}])(?:方可|才可以|才可|才能)")
# Share of a local permission's act (bigrams) the upper ban's clause must hold.
MIN_EXCEPTED = 0.9


def _ban_exceptions(lo: Side, up: Side, paired: set[int]) -> list[tuple[int, Issue]]:
    """(upper modal index, CHECK_BAN_EXCEPTION) for each upper ban that a local permission lifts
    in some case ("不得在城乡规划确定的建设用地范围以外作出规划许可" / "…超出建设用地范围的，…
    经论证同意建设的，方可作出规划许可"): the permission's act is held in the ban's clause
    (:data:`MIN_EXCEPTED`), its sentence names a case or procedure before it, and it is not
    paired with an upper modal word as the same rule reworded (that is a changed word, reported
    as CHECK_MODALITY). Not for a ban that leaves a lawful way open (:data:`_OPEN_BAN`), nor for
    the exception the upper paragraph itself makes (:func:`_states_exception`)."""
    out: list[tuple[int, Issue]] = []
    lifted = [a for i, a in enumerate(lo.modals) if a.kind == "permission" and i not in paired] + [
        Modal("permission", m.group(0), m.span())
        for m in _ONLY_THEN.finditer(lo.text)
        if not any(x.span[0] < m.end() and m.start() < x.span[1] for x in lo.modals)
    ]
    for j, b in enumerate(up.modals):
        if b.kind != "prohibition" or attributive(up.text, b):
            continue
        start, stop = sentence_span(up.text, b.span[0])
        if _OPEN_BAN.search(up.text, start, stop):
            continue
        ban = _act(_predicate(up.text, b, whole=True))
        for a in lifted:
            act = _act(_predicate(lo.text, a))
            if (
                len(act) < MIN_PREDICATE_SIZE
                or len(act & ban) / len(act) < MIN_EXCEPTED
                or not _CONDITION_BEFORE.search(_subject(lo.text, a))
                or _states_exception(lo.text, a, up.text, b)
            ):
                continue
            out.append((j, _exception_issue(lo.text, a, up.text, b)))
            break
    return out


def _exception_issue(local: str, a: Modal, upper: str, b: Modal) -> Issue:
    start, _ = sentence_span(local, a.span[0])
    clauses = [c for c in re.split("[，,]", local[start : a.span[0]]) if c.strip()]
    cases = [c for c in clauses if c.endswith("的")] or clauses[-1:]
    case = _LABEL_ZH.sub("", cases[0]).strip()[:40] if cases else ""
    act = _predicate(local, a)[:20]
    message = (
        f"上位法规定“{b.text}{_predicate(upper, b)[:30]}”，本条规定“{case}”时“{a.text}{act}”，"
        "为上位法的禁止性规定设立了例外。"
    )
    fix = "删除该例外，或核实上位法或其他法律对此有授权。"
    return Issue(
        "CHECK_BAN_EXCEPTION",
        "warning",
        message,
        fix,
        (a.span,),
        (b.span,),
        f"ban-exception:{act[:12]}",
    )


# A modal inside an attributive phrase names a class of things, it binds no one: "国家规定应当
# 归档的材料，不得拒绝归档" bans; its 应当 says which materials. Its clause is "verb phrase 的
# noun" and stands as the topic of the sentence: nothing or a qualifier ("依法", "…规定",
# "或者", "对") before the modal in its clause, and the clause ends at a comma.
_ATTRIBUTIVE_TAIL = re.compile(r"[^，,；;。的]{1,12}的[^，,；;。的]{1,8}[，,]")
_ATTRIBUTIVE_HEAD = re.compile(r"(?:^|依法|规定|或者|和|对)$")


def attributive(text: str, m: Modal) -> bool:
    """Whether a Chinese modal word stands inside an attributive 的-phrase that opens its
    sentence ("规定应当归档的材料，…", "依法应当编制…方案的生产建设项目，…"): it is then no
    norm of the article, and is not set against another article's modal words."""
    if m.kind not in ("obligation", "prohibition", "permission"):
        return False
    sentence_start = max(text.rfind(c, 0, m.span[0]) for c in "；;。：:\n") + 1
    head = _LABEL_ZH.sub("", text[sentence_start : m.span[0]]).strip()
    return (
        bool(_ATTRIBUTIVE_HEAD.search(head))
        and not re.search("[，,]", head)
        and not _PREPOSITION.match(text, m.span[1])
        and bool(_ATTRIBUTIVE_TAIL.match(text, m.span[1]))
    )


def _party_text(text: str, zh: bool) -> str:
    """``text`` with its attributive phrases (:func:`attributive`) blanked out: the party such
    a phrase names ("档案行政管理部门规定应当归档的材料") is not who bears the sentence's norm."""
    if not zh:
        return text
    out = text
    for m in find_modals(text):
        if attributive(text, m):
            start = max(text.rfind(c, 0, m.span[0]) for c in "；;。：:\n") + 1
            end = _ATTRIBUTIVE_TAIL.match(text, m.span[1])
            stop = end.end() if end else m.span[1]
            out = out[:start] + "\u3000" * (stop - start) + out[stop:]
    return out


_LABEL_ZH = re.compile(r"^\s*第[^条\s]{1,8}条[\s\u3000]*")
# A ban's first verb: what it bans. Leading adverbs and prepositional phrases are not it.
_BAN_ADVERB = re.compile("^(?:擅自|随意|私自|任意|非法|以任何(?:形式|方式|理由))")
_PREPOSITION = re.compile("^(?:在|对|向|与|将|把|从|以|为|由|按|依|于|同|和|跟|给|经)")


# The end of a phrase that only says where or when ("在建设用地规划许可证中", "在…期间").
_PLACE_OR_TIME = re.compile("(?:中|内|外|上|下|前|后|时|期间|以内|以外|之内|之外|之前|之后)$")


def _same_verb_opposed(local: str, a: Modal, upper: str, b: Modal) -> bool:
    """Whether a duty set against a ban (either way round) is that ban turned into a duty: the
    duty's clause holds the ban's first verb ("不得拒绝归档" / "应当拒绝归档"). A duty with
    another verb is another norm beside the ban ("应当与…历史风貌相协调" beside "不得破坏…
    历史风貌"), not the ban undone. A ban opening with a preposition ("禁止在…内…") says
    nothing here, and the pair stands, unless a clause of its own follows that phrase ("不得在
    建设用地规划许可证中，擅自改变…": 改变). Other pairs of kinds always stand."""
    kinds = {a.kind, b.kind}
    if kinds != {"obligation", "prohibition"}:
        return True
    ban_text, ban, duty_text, duty = (
        (local, a, upper, b) if a.kind == "prohibition" else (upper, b, local, a)
    )
    words = _BAN_ADVERB.sub("", _predicate(ban_text, ban).strip())
    if _PREPOSITION.match(words):
        clauses = re.split("[，,]", _predicate(ban_text, ban, whole=True))
        if len(clauses) > 1 and _PLACE_OR_TIME.search(clauses[0]):
            words = _BAN_ADVERB.sub("", clauses[1].strip())
    if len(words) < 2 or _PREPOSITION.match(words) or not _CJK_START.match(words):
        return True
    return words[:2] in _predicate(duty_text, duty, whole=True)


# The exception an upper rule carries in its paragraph: "但是，经双方协商一致或者旅游者要求，且不
# 影响其他旅游者行程安排的除外", "…的除外".
_EXCEPTION = re.compile(r"但(?:是)?[，,]?(?P<case>[^。；;\n]{4,80}?)(?:的)?除外")
# Share of the exception's bigrams a local permission's sentence holds to state that exception.
MIN_EXCEPTION_HELD = 0.5


def _states_exception(local: str, a: Modal, upper: str, b: Modal) -> bool:
    """Whether a local permission set against an upper ban or duty is the exception the upper
    paragraph itself makes ("不得安排另行付费旅游项目。但是，经双方协商一致或者旅游者要求，且不
    影响其他旅游者行程安排的除外" / "应旅游者要求并经与旅游者协商一致，在不影响其他旅游者行程
    安排的情况下，可以安排…"): its sentence holds the exception's words and is no ban of its own
    with an exception (a ban turned into a permission keeps its "除外")."""
    if a.kind != "permission" or b.kind not in ("prohibition", "obligation"):
        return False
    end = upper.find("\n", b.span[1])
    paragraph = upper[b.span[1] : end if end >= 0 else len(upper)]
    start, stop = sentence_span(local, a.span[0])
    sentence = local[start:stop]
    if "除外" in sentence:
        return False
    for m in _EXCEPTION.finditer(paragraph):
        case = bigrams(m["case"])
        if case and len(case & bigrams(sentence)) / len(case) >= MIN_EXCEPTION_HELD:
            return True
    return False


def _paired_modals(
    lo: Side, up: Side, local: list[Action], upper: list[Action], zh: bool
) -> list[tuple[float, int, int]]:
    """(score, local index, upper index) of the modal words that bind the same action, one to
    one, the best ranked first: the most alike, the like subject, the same kind of modal."""
    scored = []
    # a modal inside an attributive phrase pairs only with one inside such a phrase
    phrase_l = [zh and attributive(lo.text, m) for m in lo.modals]
    phrase_u = [zh and attributive(up.text, m) for m in up.modals]
    for i, action in enumerate(local):
        a = lo.modals[i]
        for j, other in enumerate(upper):
            if phrase_l[i] != phrase_u[j]:
                continue
            score = action_match(action, other, zh)
            if score is not None:
                # the like subject first: the same words said twice ("单位负责人…不得隐瞒不报",
                # "有关部门…不得隐瞒不报") pair with their own party
                like = dice(action.subject_grams, other.subject_grams)
                rank = round(score + LIKE_WEIGHT * like, 3)
                same_kind = a.kind == up.modals[j].kind
                # two such phrases name a class of things: the same class first
                scored.append((phrase_l[i] and same_kind, rank, same_kind, score, i, j))
    scored.sort(reverse=True)
    used_l: set[int] = set()
    used_u: set[int] = set()
    out = []
    for *_, score, i, j in scored:
        if i in used_l or j in used_u:
            continue
        used_l.add(i)
        used_u.add(j)
        out.append((score, i, j))
    return out


def _only_then(text: str, m: Modal) -> bool:
    """Whether a Chinese permission is "方可"/"才可" (only then may) after a condition ("…后，
    方可"): a condition on a ban. "出租方可以" is a party's 可以."""
    at = m.span[0]
    return m.kind == "permission" and at > 1 and text[at - 1] in "方才" and text[at - 2] in _THEN


def _changed_force(local: str, a: Modal, upper: str, b: Modal, zh: bool) -> str | None:
    """The severity of the local modal ``a`` in place of the upper ``b``, None when the force is
    kept (:func:`~nlp.legal.modality.weakening`)."""
    severity = weakening(b.kind, a.kind)
    if (
        zh
        and (_only_then(local, a) or _only_then(upper, b))
        and {a.kind, b.kind} == {"obligation", "permission"}
    ):
        # "取得资质证书后，方可在许可范围内从事…" binds as much as "应当在许可范围内承担…": a
        # permission only once a condition is met is the condition made a duty, no leave
        return None
    if (b.kind, a.kind) == ("recommendation", "permission"):
        # a right or a leave where the upper law encourages ("国家鼓励、支持…进行社会监督" /
        # "任何单位和个人都有权…进行社会监督") leaves the same choice: no change of force
        return None
    if (b.kind, a.kind) == ("permission", "obligation") and zh and actor(local, a) == "机关":
        # a local legislature may bind its own government to use a power the upper law
        # only grants: worth a look, no conflict
        severity = "info"
    return severity


def _same_party(
    local: str, a: Modal, upper: str, b: Modal, zh: bool, ours: Action, theirs: Action
) -> bool:
    """Whether two paired modals bind the same party: 工会有权监督 is not weakened by
    生产经营单位应当, a change counts for one party only.

    A party in a list of parties is one of them ("市、区人民政府及其有关部门、生产经营单位"); the
    same words before the modal are the same party, whatever a party word in them reads as
    ("要求有关单位采取…措施的，应当" is said of the department that asks)."""
    mine = parties(local, a) if zh else frozenset()
    other = parties(upper, b) if zh else frozenset()
    return (
        not mine
        or not other
        or bool(mine & other)
        or dice(ours.subject_grams, theirs.subject_grams) >= SAME_PARTY_WORDS
    )


def _duty_body_issue(
    la: DepartmentMention, ub: DepartmentMention, predicate: str, zh: bool
) -> Issue:
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
    return Issue(
        "CHECK_DUTY_BODY", "warning", message, fix, (la.span,), (ub.span,), f"body:{predicate}"
    )


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
