"""Two fines punish the same conduct when their rows say so: same offender class, like conduct.

A fine is placed in its penalty row (:func:`nlp.legal.penalties.rows_at`: a list-form penalty
gives a row per listed conduct). Two rows match when their offender classes agree (one names
the other, or the upper row names none and the upper article speaks of the local offender) and
their conducts, offender and boilerplate left out, share enough telling words. A caller may
pass a similarity of two conduct texts (an embedder's, say): the best of the two is used.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from nlp.legal.penalties import GENERIC_PARTIES, PenaltyRow, penalty_rows, rows_at
from nlp.review.wording import bigrams

Similarity = Callable[[str, str], float]
# Bigrams that nearly every work-safety offence shares; they say nothing about which one it is.
COMMON: frozenset[str] = frozenset(
    [
        "安全",
        "全生",
        "生产",
        "产经",
        "经营",
        "营单",
        "单位",
        "管理",
        "责任",
        "规定",
        "国家",
        "有关",
        "部门",
        "从业",
        "业人",
        "人员",
        "按照",
        "未按",
        "照规",
        "行为",
        "情形",
        "下列",
        "之一",
        "其他",
        "相关",
        "要求",
        "措施",
        "制度",
        "建立",
        "落实",
        "组织",
        "进行",
    ]
)

# Bigrams of words that say nothing of which conduct is punished.
_STOP = frozenset(
    (
        *("规定", "按照", "未按", "照规", "依法", "有关", "部门", "或者", "者未", "以及"),
        *("其他", "相关", "要求", "进行", "单位", "个人", "行为", "情形", "下列", "之一"),
        *("的，", "违反", "反本", "本条", "条例", "本法", "国家", "管理", "从事", "活动"),
    )
)


# A bigram in at least this share of the penalty rows of the texts under review says nothing of
# which conduct a row punishes there ("野生动物" in a wildlife law, "燃气" in a gas rule).
COMMON_SHARE = 0.12
COMMON_MIN_ROWS = 8  # too few rows to tell what is common
COMMON_MIN_COUNT = 5  # and in a short text, a few rows sharing a word is no sign it is common
_COMMON: ContextVar[frozenset[str]] = ContextVar("conduct_common", default=frozenset())


def common_conduct_words(texts: Iterable[str]) -> frozenset[str]:
    """The bigrams in at least :data:`COMMON_SHARE` of the penalty rows of ``texts``."""
    counts: Counter[str] = Counter()
    rows = 0
    for text in texts:
        for row in penalty_rows(text):
            rows += 1
            counts.update(bigrams(row.conduct))
    if rows < COMMON_MIN_ROWS:
        return frozenset()
    floor = max(COMMON_MIN_COUNT, COMMON_SHARE * rows)
    return frozenset(g for g, c in counts.items() if c >= floor)


@contextmanager
def conduct_vocabulary(texts: Iterable[str]) -> Iterator[frozenset[str]]:
    """Within the block, conducts are compared without the words common to the penalty rows
    of ``texts`` (the articles of the two texts under review)."""
    token = _COMMON.set(common_conduct_words(texts))
    try:
        yield _COMMON.get()
    finally:
        _COMMON.reset(token)


def conduct_grams(conduct: str) -> frozenset[str]:
    """The telling bigrams of a conduct text (figures, stop words and, within
    :func:`conduct_vocabulary`, the texts' common conduct words left out)."""
    return bigrams(conduct) - _STOP - COMMON - _COMMON.get()


def parties_match(local: tuple[str, ...], upper: tuple[str, ...], upper_article: str) -> bool:
    """Whether two rows are about the same class of offender.

    A row naming no one, or only everyone ("单位和个人"), matches any. Two named classes
    match when one names the other ("燃气经营者" / "管道燃气经营者"). A local class against an
    upper row naming none matches when the upper article speaks of it at all: "食品小作坊"
    against "未取得食品生产经营许可从事食品生产经营活动的" does not.
    """
    own = [p for p in local if p not in GENERIC_PARTIES]
    theirs = [p for p in upper if p not in GENERIC_PARTIES]
    if not own:
        return True
    if theirs:
        return any(
            a in b or b in a or _same_head(a, b) or _same_stem(a, b) for a in own for b in theirs
        )
    return any(p in upper_article or _described(p, upper_article) for p in own)


# Heads too wide to say two parties are one class ("建设单位" is not "施工单位").
_WIDE_HEADS = ("单位", "人员", "部门", "机构", "组织", "企业", "者", "户", "人")
_HEAD = re.compile("(开办者|出租者|举办者|经营者|生产者|销售者|使用者|提供者|小作坊|摊贩|用户)$")


def _same_head(a: str, b: str) -> bool:
    """Whether two named parties end in the same telling head ("早市夜市开办者" /
    "集中交易市场的开办者")."""
    x, y = _HEAD.search(a), _HEAD.search(b)
    return bool(x and y and x.group(1) == y.group(1) and x.group(1) not in _WIDE_HEADS)


# How a party's name ends when what comes before says which trade or activity it is in:
# "燃气经营企业" and "燃气经营者" are one class, and "节能服务机构" is the upper law's
# "从事节能咨询…等服务的机构".
_NAME_HEAD = re.compile("(企业|单位|机构|者|人|户)$")
MIN_STEM = 3  # characters of a trade the two names must share whole ("燃气经营")
DESCRIBED_SHARE = 0.6  # of a named party's trade bigrams that an upper description must hold


def _stem(name: str) -> str:
    head = _NAME_HEAD.search(name)
    return name[: head.start()] if head else ""


def _same_stem(a: str, b: str) -> bool:
    """Whether two named parties name one trade with different heads ("燃气经营企业" /
    "燃气经营者"; "建设单位" / "施工单位" name two trades and do not match)."""
    x, y = _stem(a), _stem(b)
    return len(x) >= MIN_STEM and x == y


def _described(party: str, upper_article: str) -> bool:
    """Whether an upper article that names no party describes the local one by what it does:
    its head ("机构") and most of its trade's bigrams ("节能", "服务") are there ("从事节能咨询、
    设计…等服务的机构")."""
    head = _NAME_HEAD.search(party)
    trade = bigrams(party[: head.start()]) if head else frozenset()
    if head is None or head.group(1) not in ("企业", "单位", "机构") or len(trade) < 2:
        return False
    if head.group(1) not in upper_article:
        return False
    held = bigrams(upper_article)
    return len(trade & held) >= DESCRIBED_SHARE * len(trade)


# What followed the act, not the act: two penalties that both say "造成水土流失的" may punish
# breaching a field bank and quarrying alike. "可能造成…的活动" names a class of acts and stays.
_CONSEQUENCE = re.compile(r"(?<!可能)(?:造成|导致|致使|引起)[^，,；;。、的]*")


def conduct_similarity(a: str, b: str, min_size: int = 3) -> float:
    """The share of the shorter conduct's telling bigrams the other holds (a listed conduct is
    often a few words of a longer upper one), 0 when either says too little. A consequence
    ("造成水土流失") is left out where both say what was done besides."""
    x, y = conduct_grams(_CONSEQUENCE.sub(" ", a)), conduct_grams(_CONSEQUENCE.sub(" ", b))
    if min(len(x), len(y)) < min_size:
        x, y = conduct_grams(a), conduct_grams(b)
    if min(len(x), len(y)) < min_size:
        return 0.0
    return len(x & y) / min(len(x), len(y))


def row_match(
    local: PenaltyRow,
    upper: PenaltyRow,
    upper_article: str,
    *,
    min_size: int = 3,
    similar: Similarity | None = None,
) -> float:
    """How far two penalty rows punish the same conduct of the same offender (0..1)."""
    if not parties_match(local.parties, upper.parties, upper_article):
        return 0.0
    score = conduct_similarity(local.conduct, upper.conduct, min_size)
    if similar is not None and local.conduct and upper.conduct:
        score = max(score, similar(local.conduct, upper.conduct))
    return score


def fine_conduct_match(
    local: str,
    local_at: int,
    upper: str,
    upper_at: int,
    *,
    min_size: int = 3,
    similar: Similarity | None = None,
) -> float | None:
    """How far the fine at ``local_at`` and the one at ``upper_at`` punish the same conduct of
    the same offender: the best of their rows' matches; None when either fine stands in no row
    this reading finds (the caller then judges by other means)."""
    own, theirs = rows_at(local, local_at), rows_at(upper, upper_at)
    if not own or not theirs:
        return None
    return max(
        row_match(a, b, upper, min_size=min_size, similar=similar) for a in own for b in theirs
    )
