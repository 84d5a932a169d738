"""Fines, time limits and thresholds of an aligned pair of articles, compared when they pair.

Severity follows Chinese legislative practice: a local rule may narrow a fine range inside the
upper one or shorten a time limit ("info"), but not lower a minimum, raise a maximum or lengthen
a time limit ("error"); a different threshold is a "warning". The fines of an article and the
conduct they punish are also what the engine looks fines up by (:func:`penalty_match`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from nlp.legal.quantities import Quantity, find_quantities
from nlp.review.conduct import fine_conduct_match
from nlp.review.findings import Issue
from nlp.review.modal_checks import MIN_PREDICATE_SIZE
from nlp.review.pairs import Side, bounds, condition, counted_from, offence_score, pair_quantities
from nlp.review.wording import bigrams, sentence_span
from nlp.text import dice

_RANGE_CODES = {
    "fine": "CHECK_FINE_RANGE",
    "fine_multiple": "CHECK_FINE_MULTIPLE",
    "income_share": "CHECK_FINE_INCOME_SHARE",
    "value_share": "CHECK_FINE_VALUE_SHARE",
}
_TIME_KINDS = ("time_limit", "period")
# A fine outside the upper range is an "error" only when the two penalties' conduct matches this
# well (:func:`~nlp.review.conduct.fine_conduct_match`), else a "warning". On the seven development
# domains of bench/review-domains every pair read at 0.8 or more punished the same conduct; the
# wrong pairs read scored 0.30-0.45 (a development reading, not re-measured).
SURE_CONDUCT = 0.75
FINE_CODES = frozenset(_RANGE_CODES.values())


def quantity_issues(lo: Side, up: Side, zh: bool, special_zone: bool = False) -> list[Issue]:
    """The fines (CHECK_FINE_*), time limits (CHECK_TIME_LIMIT) and thresholds (CHECK_THRESHOLD)
    of a local article that differ from the upper article's they pair with.

    Args:
        lo: The local article, read.
        up: The upper article, read.
        zh: Whether to write the messages in Chinese.
        special_zone: A fine outside the upper range is then a "warning", not an "error".
    """
    return (
        _ranges(lo, up, zh, special_zone)
        + _mandatory(lo, up, zh)
        + _time_limits(lo, up, zh)
        + _thresholds(lo, up, zh)
    )


# --- fines -----------------------------------------------------------------------------------


def _fine_pairs(lo: Side, up: Side) -> list[tuple[Quantity, Quantity, float]]:
    """The fines of two articles paired (:func:`pair_quantities`), and a local fine set on a
    consequence ("造成水土流失的，…处每立方米十元以上二十元以下的罚款") with the upper fine for
    the same conduct where the upper article sets none on a consequence: its range holds
    whatever followed."""
    kinds = tuple(_RANGE_CODES)
    pairs = pair_quantities(lo, up, kinds, offence=True)
    if any("后果" in condition(up.text, q) for q in up.quantities if q.kind in kinds):
        return _with_person_tier(lo, up, pairs, kinds)
    more = pair_quantities(lo, up, kinds, offence=True, conditions=_no_consequence)
    pairs = _with_unpaired(pairs, more, lambda a, _: condition(lo.text, a) == frozenset({"后果"}))
    return sorted(_with_person_tier(lo, up, pairs, kinds), key=lambda p: p[0].span)


_OFFICERS, _PERSON, _UNIT = "直接责任人员", "个人", "单位"


def _person_tier(side: Side, kinds: tuple[str, ...]) -> str | None:
    """The one class of person an article fines beside a unit: "直接责任人员" or "个人", None
    when it fines no unit, both classes or neither (then the two are told apart)."""
    fined = {q.subject for q in side.quantities if q.kind in kinds}
    if _UNIT not in fined or (_OFFICERS in fined) == (_PERSON in fined):
        return None
    return _OFFICERS if _OFFICERS in fined else _PERSON


def _with_person_tier(
    lo: Side, up: Side, pairs: list[tuple[Quantity, Quantity, float]], kinds: tuple[str, ...]
) -> list[tuple[Quantity, Quantity, float]]:
    """``pairs`` and the person fines of two articles paired across "直接负责的主管人员和其他直接
    责任人员" and "个人" where each article fines a unit and one class of person only: "对单位
    处一万元以上十万元以下的罚款，对个人处五百元以上五千元以下的罚款" and a local "对责任单位…，
    对直接负责的主管人员…处五百元以上五千元以下罚款" set the same second tier. An article that
    fines individuals and a unit's officers apart (固体废物污染环境防治法) keeps them apart."""
    mine, theirs = _person_tier(lo, kinds), _person_tier(up, kinds)
    if mine is None or theirs is None or mine == theirs:
        return pairs

    def as_upper(text: str, q: Quantity) -> str:
        return theirs if q.subject == mine else q.subject

    more = pair_quantities(lo, up, kinds, offence=True, subject=as_upper)
    return _with_unpaired(pairs, more, lambda a, b: a.subject == mine and b.subject == theirs)


def _no_consequence(text: str, q: Quantity) -> frozenset[str]:
    return condition(text, q) - {"后果"}


def _ranges(lo: Side, up: Side, zh: bool, special_zone: bool = False) -> list[Issue]:
    out = []
    first: dict[str, int] = {}  # the paragraph of the first finding of each key
    for a, b, _ in _fine_pairs(lo, up):
        (l1, h1), (l2, h2) = bounds(a), bounds(b)
        if (l1, h1) == (l2, h2) or _restates_sibling(lo, up, a, b) or _residual(lo.text, a):
            continue
        outside = l1 < l2 or h1 > h2
        what = {
            "fine": "罚款幅度",
            "fine_multiple": "罚款倍数",
            "income_share": "收入比例罚款",
            "value_share": "按价值比例罚款",
        }[a.kind]
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
        certainty = fine_conduct_match(lo.text, a.span[0], up.text, b.span[0])
        sure = certainty is None or certainty >= SURE_CONDUCT
        key = f"{a.kind}:{a.subject}:{'+'.join(sorted(condition(lo.text, a)))}"
        paragraph = _paragraph_number(lo.text, a.span[0])
        if first.setdefault(key, paragraph) < paragraph:
            # another paragraph fining the same party ("未取得许可证…的，处…" and "不按照许可证的
            # 规定…的，处…") is its own finding; the first keeps the key (and id) it always had
            key += f":款{paragraph}"
        out.append(
            Issue(
                _RANGE_CODES[a.kind],
                ("warning" if special_zone or not sure else "error") if outside else "info",
                message,
                fix,
                (a.span,),
                (b.span,),
                key,
            )
        )
    return out


# "可以处…罚款", "可以并处…": the fine's own clause leaves it to the authority.
_MAY_FINE = re.compile(r"可以(?:并)?处(?:以)?[^，,；;。：:]*$")
# A local fine's own clause that still leaves it open ("可以处", "可处", "酌情处").
_OPEN_FINE = re.compile(r"可以|可(?:并)?处|酌情")


def _own_clause(text: str, q: Quantity) -> str:
    """The words of a fine's own clause before its figure ("，可以处违法所得")."""
    starts = [text.rfind(c, 0, q.span[0]) for c in "，,；;。\n："]
    return text[max(starts) + 1 : q.span[0]]


def _mandatory(lo: Side, up: Side, zh: bool) -> list[Issue]:
    """CHECK_FINE_MANDATORY where the upper article permits a fine ("可以处…罚款") and the local
    article imposes it for the same conduct ("处…罚款") on no further condition of its own
    ("逾期不改正的" narrows when the fine is due: that is the local rule's to set)."""
    out = []
    seen: set[tuple[int, int]] = set()
    for a, b, _ in _fine_pairs(lo, up):
        if a.span in seen or not _MAY_FINE.search(_own_clause(up.text, b)):
            continue
        if _OPEN_FINE.search(_own_clause(lo.text, a)):
            continue
        if condition(lo.text, a) - condition(up.text, b) or _residual(lo.text, a):
            continue
        seen.add(a.span)
        if zh:
            message = (
                f"上位法对该行为规定“可以”处罚款（“{b.text}”），本条改为应当处罚款（“{a.text}”）。"
            )
            fix = "确认取消行政机关的裁量有上位法依据；无依据的，恢复“可以处”的表述。"
        else:
            message = (
                f"The upper law permits the fine ('{b.text}'); "
                f"this article imposes it ('{a.text}')."
            )
            fix = "Check that removing the authority's discretion is intended."
        out.append(
            Issue(
                "CHECK_FINE_MANDATORY",
                "warning",
                message,
                fix,
                (a.span,),
                (b.span,),
                f"mandatory:{a.kind}:{a.subject}",
            )
        )
    return out


# A fine that applies only where no law sets one: "其他有关法律、法规对…处罚…已有规定的，依照
# 法律、法规的规定执行；法律、法规未作规定的，由…处以…罚款".
_SAVING = re.compile(
    r"(?:法律|法规)[^。；;\n]{0,40}已有(?:处罚)?规定的[，,]\s*(?:依照|按照|从其)|"
    r"(?:法律|法规)[^。；;\n]{0,10}(?:未作|没有)(?:处罚)?规定的"
)


def _residual(text: str, q: Quantity) -> bool:
    """Whether the local fine ``q`` is a residual one (:data:`_SAVING`): where the upper law
    fines the conduct, its own fine applies, so the local figure departs from nothing."""
    start = text.rfind("\n", 0, q.span[0]) + 1
    return bool(_SAVING.search(text, start, q.span[0]))


def _paragraph_number(text: str, at: int) -> int:
    """The paragraph (款) of an article ``at`` stands in, from 1; items (（一）…) are no
    paragraphs."""
    lines = [x for x in text[:at].split("\n")[:-1] if x.strip()]
    return 1 + sum(1 for x in lines if not _ITEM.match(x))


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    """The line (paragraph or item) ``pos`` stands in."""
    end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, len(text) if end < 0 else end


def _restates_sibling(lo: Side, up: Side, a: Quantity, b: Quantity) -> bool:
    """Whether the local paragraph of fine ``a`` states exactly the fines of another paragraph
    (or item) of the upper article than ``b``'s: every fine of its kind there, for the same
    party under the same condition, in the same range, ``a`` among them. It then restates that
    paragraph ("除前款规定外，…设置排污口的，处二万元以上十万元以下的罚款；逾期不拆除的，处
    十万元以上五十万元以下"), and the sibling paragraph its words also resemble (the first, on
    drinking-water source areas) is not the one to hold its figures to."""

    def key(side: Side, q: Quantity) -> tuple:
        return q.subject, condition(side.text, q), bounds(q)

    start, end = _paragraph(lo.text, a.span[0])
    mine = {key(lo, q) for q in lo.quantities if q.kind == a.kind and start <= q.span[0] < end}
    paired = _paragraph(up.text, b.span[0])
    theirs: dict[tuple[int, int], set[tuple]] = {}
    for q in up.quantities:
        at = _paragraph(up.text, q.span[0])
        if q.kind == a.kind and at != paired:
            theirs.setdefault(at, set()).add(key(up, q))
    return any(mine <= figures for figures in theirs.values())


def _who_zh(subject: str) -> str:
    return {"单位": "对单位", "": ""}.get(subject, f"对{subject}")


# --- time limits and thresholds --------------------------------------------------------------


def _ban(text: str, q: Quantity) -> bool:
    """ "五年内不得担任": a longer period is stricter, not laxer."""
    return bool(
        re.match(r"\s*(?:内|以内)?[，,]?\s*(?:不得|禁止|shall not|may not)", text[q.span[1] :])
    )


def _trigger(text: str, q: Quantity) -> bool:
    """ "超过三个月的，应当…", "满一年的": a period that sets off a duty. A longer one starts
    the duty later, so it is laxer, unlike a minimum the duty must last ("保存不少于二年")."""
    return bool(re.match(r"\s*(?:以上|以后|后|之后)?的[，,]", text[q.span[1] :]))


_Pair = tuple[Quantity, Quantity, float]


def _with_unpaired(
    pairs: list[_Pair], more: list[_Pair], keep: Callable[[Quantity, Quantity], bool]
) -> list[_Pair]:
    """``pairs`` and those of ``more`` whose two quantities are in no pair yet and ``keep``."""
    local_taken = {a.span for a, _, _ in pairs}
    upper_taken = {b.span for _, b, _ in pairs}
    return pairs + [
        (a, b, near)
        for a, b, near in more
        if a.span not in local_taken and b.span not in upper_taken and keep(a, b)
    ]


def _time_limits(lo: Side, up: Side, zh: bool) -> list[Issue]:
    out = []
    open_ended = lambda q: q.high is None  # noqa: E731
    pairs = pair_quantities(lo, up, _TIME_KINDS, key=open_ended)
    # Left over: a time limit counted from the same event is about the same thing, whatever
    # else its sentence names ("自受理之日起六十日内调查处理完毕" / "在受理之日起三十日内将核查
    # 处理结果告知")
    more = pair_quantities(lo, up, _TIME_KINDS, key=open_ended, subject=_counted_from)
    pairs = _with_unpaired(pairs, more, lambda a, _: bool(_counted_from(lo.text, a)))
    # Left over: counted from the same kind of event told of another paper ("接到确权决定之日起" /
    # "接到处理决定通知之日起"), when the sentences are one rule (:data:`TIME_RULE`)
    more = pair_quantities(lo, up, _TIME_KINDS, key=open_ended, subject=_counted_from_act)
    pairs = _with_unpaired(
        pairs,
        more,
        lambda a, b: (
            bool(_counted_from_act(lo.text, a))
            and _rule_likeness(lo.text, a, up.text, b) >= TIME_RULE
        ),
    )
    # Left over still: the same rule told with another verb after its limit ("予以办理" /
    # "予以答复"; "予以公告" / "予以公告或者书面通知"), when the sentences setting the two limits
    # are alike well past what other rules of a text share (:data:`TIME_RULE_ANY_VERB`)
    more = pair_quantities(lo, up, _TIME_KINDS, key=open_ended, subject=_no_verb)
    pairs = _with_unpaired(
        pairs, more, lambda a, b: _rule_likeness(lo.text, a, up.text, b) >= TIME_RULE_ANY_VERB
    )
    for a, b, _ in pairs:
        va, vb = a.value, b.value
        if va is None or vb is None or abs(va - vb) < 1e-9:
            continue
        if _rule_likeness(lo.text, a, up.text, b) < TIME_RULE:
            continue  # "票据凭证保存期限" is not "记录和凭证保存期限" of another record
        minimum = a.high is None and a.low is not None and not _trigger(lo.text, a)
        stricter_when_longer = _ban(lo.text, a) or minimum
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


# The sentence setting a time limit and the one before it, figures left out, must share this
# much (Dice of bigrams) for two limits to be one rule. Measured on the seven development domains
# of bench/review-domains: the one right pair at 0.78; ten wrong pairs (other records' retention
# periods, another notice period, a ban against a trigger) at 0.18-0.35 and one at 0.40; the
# sample rule's reworded accident report (corpus/zh_provincial_rule.docx 第十六条) at 0.39.
TIME_RULE = 0.36
# Two limits whose verbs differ are one rule only when their sentences share this much: above
# every wrong pair of the reading above (at most 0.40).
TIME_RULE_ANY_VERB = 0.5


def _no_verb(text: str, q: Quantity) -> str:
    """No subject: limits are grouped by kind and condition only."""
    return ""


_ITEM = re.compile(r"\s*[（(][一二三四五六七八九十]+[）)]")


def _rule_words(text: str, q: Quantity) -> frozenset[str]:
    """The bigrams of the sentence that sets ``q`` and of the sentence before it ("记录保存期限
    不得少于二年" says which record only there); an item of a list ("（六）…应当提前四十八小时
    公告") stands on its own, the item before it being another rule."""
    start, end = sentence_span(text, q.span[0])
    if _ITEM.match(text, start):
        return bigrams(text[start:end])
    before, _ = sentence_span(text, max(start - 1, 0))
    return bigrams(text[before:end])


def _rule_likeness(local: str, a: Quantity, upper: str, b: Quantity) -> float:
    """How far two time limits are one rule: the Dice of their :func:`_rule_words`."""
    return dice(_rule_words(local, a), _rule_words(upper, b))


def _counted_from(text: str, q: Quantity) -> str:
    event = counted_from(text, q)
    return f"从{event}起" if event else ""


_EVENT_ACT = re.compile(r"^(?:接到|收到|送达|作出|受理|知道|发现|发生|签订|取得|公布|施行|批准)")


def _counted_from_act(text: str, q: Quantity) -> str:
    """The act a time limit is counted from, without its object ("接到确权决定" and "接到处理
    决定通知" are both 接到), "" when it does not start with a known act."""
    event = text[max(0, q.span[0] - 20) : q.span[0]]
    m = re.search(r"(?:自|在|从)([^自在从，,；;。]{2,14})之日起\s*$", event)
    act = _EVENT_ACT.match(m[1]) if m else None
    return f"从{act.group(0)}起" if act else ""


def _thresholds(lo: Side, up: Side, zh: bool) -> list[Issue]:
    out = []
    side = lambda q: (q.unit, q.low is None, q.high is None)  # noqa: E731
    for a, b, _ in pair_quantities(lo, up, ("threshold",), key=side):
        if bounds(a) == bounds(b) or _extra_tier(lo, a, b) or _upper_tier(lo, up, a):
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


def _upper_tier(lo: Side, up: Side, a: Quantity) -> bool:
    """Whether the local threshold ``a`` is a tier the upper article itself names, or one that
    adjoins it: every figure of ``a`` (or of the other bound of its own range, "一千吨以上不满
    五千吨" beside the upper law's "五千吨以上") is one the upper article names for the same unit.
    "五千吨以上的用能单位为重点用能单位" where the upper law has "一万吨以上" and lets provinces
    designate "五千吨以上不满一万吨" departs from nothing; a tier below the upper law's lowest is
    one the upper law does not cover."""
    named = {
        x
        for q in up.quantities
        if q.kind == "threshold" and q.unit == a.unit
        for x in (q.low, q.high)
        if x is not None
    }

    def said(q: Quantity) -> bool:
        figures = {x for x in (q.low, q.high) if x is not None}
        return bool(figures) and figures <= named

    if said(a):
        return True
    start, end = sentence_span(lo.text, a.span[0])
    return any(
        q is not a
        and q.kind == "threshold"
        and q.unit == a.unit
        and start <= q.span[0] < end
        and abs(q.span[0] - a.span[1]) <= 2
        and said(q)
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


# --- what the whole-law lookups read (:mod:`nlp.review.lookups`) -----------------------------


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
