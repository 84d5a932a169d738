"""Planted conflicts: seeded mutations of a real local regulation, one per copy, each labelled.

``plant(local, upper, local_date=..., seed=...)`` returns copies of ``local`` (articles as
(number as printed, text)), each with exactly one change and a :class:`Label` saying what was
changed, where, and which finding code a review should raise:

- ``fine``: one amount of a fine (…元以上…元以下的罚款, …元以下罚款, …元罚款) is raised
  (the maximum, two steps up a 1-2-3-5 ladder: 十万元 → 三十万元) or lowered (the minimum,
  two steps down: 二万元 → 五千元), starting from the comparable upper article's highest
  (lowest) amount where there is one, so that the result lies outside every fine the upper
  article sets → CHECK_FINE_RANGE;
- ``time_limit``: a deadline (N小时内, N日内, N个工作日内, N个月内, 提前N小时) is at least
  doubled, to the next usual value (一小时 → 两小时, 十五日 → 三十日) and past every deadline of
  the comparable upper article → CHECK_TIME_LIMIT;
- ``modality``: one 应当 or 不得 becomes 可以 → CHECK_MODALITY (comparable only where the upper
  article binds the same action: its clause after a modal of the same kind is similar);
- ``authority``: one 应急管理部门 (应急管理局) becomes 安全生产监督管理部门 (…局), only in a
  text dated after the 2018 renaming → CHECK_RENAMED_AUTHORITY;
- ``xref``: one 本条例第N条 (本规定/本办法…) points past the last article → CHECK_XREF_MISSING;
- ``delegation``: where an upper article leaves a matter to local rules (由省、自治区、直辖市…
  规定, …可以根据本地区实际情况制定…) and one local paragraph clearly answers it, that paragraph
  is removed (the whole article where it has one paragraph, without renumbering the rest) →
  CHECK_DELEGATION_UNMET, on the upper article.

Numbers are written back in the script they were written in (Chinese numerals stay Chinese;
amounts from 10,000 元 are written in 万元, smaller ones in 元). A fine, time limit or modality
can only be judged against a comparable upper article: each label records the upper article
with the largest share of character bigrams (Dice), and ``comparable`` when that share reaches
``ALIGN_MIN`` and the upper article has the same feature (a fine, a time limit, a modal of the
same kind). The choice of sites and replacements depends only on the texts and the seed.

That alignment is loose (penalty boilerplate alone shares ``ALIGN_MIN``), and most local fines,
time limits and modals have no counterpart in the upper law for the same conduct: changing them
creates no conflict with it. Each label therefore also says whether the change is ``restated``:
the changed figure or modal restates the upper law for the same conduct, so that the change
really breaks it. Any sentence (split on 。 and line breaks) of any upper article may restate:

- ``fine``: an upper sentence has a fine with the same amounts (minimum and maximum in 元) as the
  changed fine before the change (one with no minimum only matches one with no minimum), and
  the two sentences' *conduct* share ``RESTATED_MIN`` of their character bigrams (Dice). The
  conduct is the words before the penalty (the first of ``_PENALTY_MARKS``: ，由 ，责令 ，处
  ，给予 ，没收 ，对; or the first fine, where it comes earlier), less the boilerplate of
  ``_BOILERPLATE`` (违反本条例/本法…(第…条)(的)规定, 生产经营单位, 有下列行为之一,
  有下列情形之一, amounts), and has at least ``CONDUCT_WORDS`` bigrams on both sides (a party
  alone, "施工单位的", tells no conduct); a party both conducts open with in the same words
  (up to a party noun, ``SAME_OPENING`` characters or more: "承担安全评价、认证、检测、检验职责的
  机构") is left out of the comparison unless what follows it is too short to tell;
- ``time_limit``: an upper sentence has a deadline of the same length in hours, and the two
  sentences with their numerals (Chinese and Arabic) left out share ``RESTATED_MIN``;
- ``modality``: an upper sentence has a modal of the same kind whose clause shares
  ``RESTATED_CLAUSE`` with the changed modal's clause (the same action), and the words before
  the two modals in their sentences share ``RESTATED_PARTY`` (the same party; fewer than two
  bigrams on either side: no party to compare, not restated);
- ``authority``, ``xref``, ``delegation``: always restated (they need no upper counterpart).

``plant(..., restated_only=True)`` plants only restated sites.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from ingest.numbering import parse_chinese_numeral, to_chinese_numeral

TYPES = ("fine", "time_limit", "modality", "authority", "xref", "delegation")
EXPECTED = {
    "fine": "CHECK_FINE_RANGE",
    "time_limit": "CHECK_TIME_LIMIT",
    "modality": "CHECK_MODALITY",
    "authority": "CHECK_RENAMED_AUTHORITY",
    "xref": "CHECK_XREF_MISSING",
    "delegation": "CHECK_DELEGATION_UNMET",
}
RENAMED_SINCE = date(2018, 3, 17)  # 国务院机构改革方案 adopted: 应急管理部 replaces 安全监管总局
ALIGN_MIN = 0.2  # Dice share of character bigrams for an upper article to count as comparable
CLAUSE_MIN = 0.3  # Dice share of a modal's clause with the upper clause for the same action
DELEGATION_MIN = 0.5  # share of the delegating sentence's bigrams its local answer must have
DELEGATION_MARGIN = 0.8  # a runner-up this close to the best: which one answers is unclear
RESTATED_MIN = 0.4  # Dice of a fine's conduct, or a time limit's sentence, with the upper one
RESTATED_CLAUSE = 0.5  # Dice of a modal's clause with the upper clause: the same action
RESTATED_PARTY = 0.3  # Dice of the words before the two modals: the same party
CONDUCT_WORDS = 5  # bigrams a conduct needs, on both sides, to tell what it is
SAME_OPENING = 6  # characters two conducts open with in the same words: a party, left out
_PARTY_NOUN = re.compile("机构|单位|企业|经营者|负责人|人员")  # where such an opening party ends

Articles = Sequence[tuple[str, str]]
_CN = "[零〇一二两三四五六七八九十百千]+"
_NUM = rf"(?:{_CN}|\d+)"
_AMOUNT = rf"(?P<{{g}}>{_NUM})(?P<{{g}}w>万?)元"
_FINE = re.compile(
    rf"(?:{_AMOUNT.format(g='lo')}以上)?{_AMOUNT.format(g='hi')}(?P<below>以下)?(?=的?罚款)"
)
_UNITS = "个小时|小时|个工作日|工作日|日|天|个月"
_TIME = re.compile(
    rf"(?:(?<=提前)(?P<n1>{_NUM})(?P<u1>{_UNITS})|(?P<n2>{_NUM})(?P<u2>{_UNITS})(?=内|以内|之内))"
)
_MODAL = re.compile(r"(?<!不)应当|不得(?![不已])")
_OLD_NAMES = {"应急管理部门": "安全生产监督管理部门", "应急管理局": "安全生产监督管理局"}
_AUTHORITY = re.compile("|".join(_OLD_NAMES))
_XREF = re.compile(rf"本(?:条例|规定|办法|细则)第(?P<n>{_NUM})条")
_DELEGATION = (
    re.compile(r"由(?:省、自治区、直辖市|县级以上地方|地方)[^。；，]{0,30}?(?:规定|制定|确定)"),
    re.compile(
        r"(?:省、自治区、直辖市|县级以上地方[^。；，]{0,12}?)(?:人民代表大会(?:及其)?常务委员会|人民政府)?"
        r"可以(?:根据|依据|依照|按照)[^。；]{0,40}?(?:规定|制定|确定)"
    ),
)
_WHOLE_TEXT = re.compile("实施办法|实施细则")  # a delegation the whole local text answers
# leaving to local government which department supervises is an administrative act, which a
# local regulation need not contain (安全生产法 第十条: 由…人民政府…确定监督管理部门)
_DESIGNATION = re.compile(r"(?:确定|指定)[^，。；]{0,30}(?:部门|机构)")
_CLAUSE_END = re.compile("[。；\n]")
_NOISE = re.compile(r"[\s，。；：、（）《》“”！？,.;:()\"'!?]")
_LADDER = tuple(m * 10**k for k in range(2, 8) for m in (1, 2, 3, 5))  # 100 元 … 5000 万元
_DEADLINES = {
    "hour": (1, 2, 4, 6, 12, 24, 48, 72),
    "day": (3, 5, 7, 10, 15, 20, 30, 60, 90),
    "month": (1, 2, 3, 6, 12),
}
_MODAL_KINDS = {"应当": re.compile("应当|必须|须"), "不得": re.compile("不得|禁止|严禁")}
_HOURS = {"hour": 1, "day": 24, "month": 720}
_SENTENCE_END = re.compile("[。\n]")
_PENALTY_MARKS = re.compile("，(?:由|责令|处|给予|没收|对)")  # where a penalty's conduct ends
_BOILERPLATE = re.compile(
    r"违反本(?:条例|法|规定|办法|细则)(?:第[^，。；]{0,30}?)?的?规定"
    r"|生产经营单位|有下列行为之一|有下列情形之一"
    rf"|{_NUM}万?元(?:以上|以下)?"
)
_NUMERALS = re.compile(rf"{_CN}|\d+")


@dataclass(frozen=True, slots=True)
class Label:
    """What one planted copy changed and what a review should find."""

    type: str  # one of TYPES
    code: str  # the finding code expected
    article: str  # local article number as printed (``delegation``: the one removed or cut)
    before: str  # the words as they were (``delegation``: the removed article or paragraph)
    after: str  # the words now ("" when something was removed)
    offset: int  # where ``before`` starts in the article's text; -1: the whole article removed
    upper_article: str | None  # naive alignment (``delegation``: the delegating article)
    overlap: float  # Dice share with it (``delegation``: how much of the delegating sentence)
    comparable: bool  # the upper law has a comparable article, so a pair check can judge
    side_effects: tuple[str, ...] = ()  # codes the change rightly causes elsewhere
    restated: bool = False  # the change breaks what the upper law says for the same conduct

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Planted:
    """One mutated copy of the local text and its label."""

    label: Label
    articles: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class _Site:
    index: int  # article index in the local text
    start: int  # span replaced in its text; (0, len) with ``remove`` for a whole article
    end: int
    after: str
    upper: int | None  # the upper article it is judged against
    share: float
    comparable: bool
    remove: bool = False
    restated: bool = True


class _Context:
    """The texts, the naive alignment and the seeded generator one type's sites are drawn with."""

    def __init__(
        self, local: Articles, upper: Articles, local_date: date | None, rng: random.Random
    ) -> None:
        self.local = [(n, t) for n, t in local]
        self.upper = [(n, t) for n, t in upper]
        self.local_date = local_date
        self.rng = rng
        self.upper_grams = [_bigrams(t) for _, t in self.upper]
        self.aligned = [_best_upper(_bigrams(t), self.upper_grams) for _, t in self.local]
        self.upper_sentences = [
            (j, sentence) for j, (_, text) in enumerate(self.upper) for sentence in _sentences(text)
        ]
        self._fines: list[tuple[int, str, frozenset, set[str]]] | None = None
        self._times: list[tuple[int, str, frozenset, set[str]]] | None = None
        self._modals: list[tuple[int, str, str, set[str], set[str]]] | None = None

    def upper_fines(self) -> list[tuple[int, str, frozenset, set[str]]]:
        """(upper article, sentence, its fines' (minimum, maximum), its conduct's bigrams)."""
        if self._fines is None:
            self._fines = []
            for j, sentence in self.upper_sentences:
                fines = frozenset(_fine_bounds(m) for m in _FINE.finditer(sentence))
                if fines:
                    self._fines.append((j, sentence, fines, _bigrams(_conduct(sentence))))
        return self._fines

    def upper_times(self) -> list[tuple[int, str, frozenset, set[str]]]:
        """(upper article, sentence, its deadlines in hours, its bigrams less numerals)."""
        if self._times is None:
            self._times = []
            for j, sentence in self.upper_sentences:
                hours = frozenset(h for h, _ in _deadlines(sentence))
                if hours:
                    self._times.append((j, sentence, hours, _bigrams(_NUMERALS.sub("", sentence))))
        return self._times

    def upper_modals(self) -> list[tuple[int, str, str, set[str], set[str]]]:
        """(upper article, sentence, modal kind, its clause's bigrams, bigrams before it)."""
        if self._modals is None:
            self._modals = []
            for j, sentence in self.upper_sentences:
                for kind, pattern in _MODAL_KINDS.items():
                    for u in pattern.finditer(sentence):
                        clause = _bigrams(_clause(sentence, u.end()))
                        before = _bigrams(sentence[: u.start()])
                        self._modals.append((j, sentence, kind, clause, before))
        return self._modals

    def comparable_upper(self, index: int, pattern: re.Pattern[str]) -> str | None:
        """The aligned upper article's text where it is close enough and has ``pattern``."""
        j, share = self.aligned[index]
        if j is None or share < ALIGN_MIN or not pattern.search(self.upper[j][1]):
            return None
        return self.upper[j][1]

    def site(
        self,
        index: int,
        start: int,
        end: int,
        after: str,
        comparable: bool,
        restated: bool = True,
    ) -> _Site:
        """A replacement site judged against the aligned upper article."""
        j, share = self.aligned[index]
        return _Site(index, start, end, after, j, share, comparable, restated=restated)


def plant(
    local: Articles,
    upper: Articles = (),
    *,
    local_date: date | None = None,
    seed: int = 0,
    per_type: int | None = None,
    types: Iterable[str] = TYPES,
    restated_only: bool = False,
) -> list[Planted]:
    """Planted copies of ``local``, one change each, at most ``per_type`` of each type.

    Args:
        local: the local text's articles, (number as printed, text), in order.
        upper: its upper law's articles (needed for ``delegation`` and for ``comparable``).
        local_date: the local text's date (``authority`` plants only after ``RENAMED_SINCE``).
        seed: picks the sites and replacements; the same seed gives the same copies.
        per_type: the most copies per type (``None``: every site).
        types: which of ``TYPES`` to plant.
        restated_only: plant only the sites whose change restates the upper law for the same
            conduct (``Label.restated``), dropped before the seeded choice and ``per_type``.

    Returns:
        The copies in the order of ``types``, then of the seeded choice.
    """
    types = list(types)
    unknown = set(types) - set(TYPES)
    if unknown:
        raise ValueError(f"unknown mutation types {sorted(unknown)}; choose from {list(TYPES)}")
    out = []
    for kind in types:
        ctx = _Context(local, upper, local_date, random.Random(f"{seed}:{kind}"))
        sites = _SITES[kind](ctx)
        if restated_only:
            sites = [s for s in sites if s.restated]
        ctx.rng.shuffle(sites)
        out.extend(_apply(kind, site, ctx) for site in sites[:per_type])
    return out


def dice(a: str, b: str) -> float:
    """The Dice share of character bigrams (punctuation and white space left out)."""
    return _dice(_bigrams(a), _bigrams(b))


def delegations(upper: Articles) -> list[tuple[int, str]]:
    """(index, sentence) of upper articles leaving a matter to local rules.

    Left out: a delegation to make a whole implementing act (实施办法, 实施细则), which the local
    text as a whole answers, no single article; and leaving it to a local government to name
    the department in charge, an administrative act that no local rule needs to repeat.
    """
    out = []
    for j, (_, text) in enumerate(upper):
        for pattern in _DELEGATION:
            m = pattern.search(text)
            if m:
                sentence = _sentence(text, m.start(), m.end())
                if not _WHOLE_TEXT.search(sentence) and not _DESIGNATION.search(sentence):
                    out.append((j, sentence))
                break
    return out


def _apply(kind: str, site: _Site, ctx: _Context) -> Planted:
    number, text = ctx.local[site.index]
    articles = list(ctx.local)
    if site.remove:
        del articles[site.index]
    else:
        articles[site.index] = (number, text[: site.start] + site.after + text[site.end :])
    side_effects: tuple[str, ...] = ()
    if site.remove:
        side_effects = ("CHECK_NUMBERING_GAP", "CHECK_XREF_MISSING")
    label = Label(
        type=kind,
        code=EXPECTED[kind],
        article=number,
        before=text[site.start : site.end],
        after=site.after,
        offset=-1 if site.remove else site.start,
        upper_article=ctx.upper[site.upper][0] if site.upper is not None else None,
        overlap=round(site.share, 4),
        comparable=site.comparable,
        side_effects=side_effects,
        restated=site.restated,
    )
    return Planted(label, tuple(articles))


# --- sites per type --------------------------------------------------------------------------

_SiteFinder = Callable[[_Context], list[_Site]]


def _fine_sites(ctx: _Context) -> list[_Site]:
    """Raise a maximum above, or lower a minimum below, every amount of the comparable article."""
    sites = []
    for i, (_, text) in enumerate(ctx.local):
        upper = ctx.comparable_upper(i, _FINE)
        bounds = _fine_amounts(upper) if upper else []
        for m in _FINE.finditer(text):
            hi = _amount(m.group("hi"), m.group("hiw"))
            if hi is None:
                continue
            restated = _restated_fine(ctx, text, m) is not None
            up = _step(max([hi, *bounds]), +1)
            if up is not None:
                after = _write_amount(up, m.group("hi"))
                start, end = m.start("hi"), m.end("hiw") + 1
                sites.append(ctx.site(i, start, end, after, bool(upper), restated))
            lo = _amount(m.group("lo"), m.group("low")) if m.group("lo") else None
            down = _step(min([lo, *bounds]), -1) if lo is not None else None
            if down is not None:
                after = _write_amount(down, m.group("lo"))
                start, end = m.start("lo"), m.end("low") + 1
                sites.append(ctx.site(i, start, end, after, bool(upper), restated))
    return sites


def _time_sites(ctx: _Context) -> list[_Site]:
    """Lengthen a deadline to at least twice, and past every deadline of the comparable article."""
    sites = []
    for i, (_, text) in enumerate(ctx.local):
        upper = ctx.comparable_upper(i, _TIME)
        longest = max((h for h, _ in _deadlines(upper)), default=0.0) if upper else 0.0
        for _, m in _deadlines(text):
            group = "1" if m.group("n1") else "2"
            raw, unit = m.group(f"n{group}"), m.group(f"u{group}")
            value = _number(raw)
            if value is None:
                continue
            scale = _scale(unit)
            floor = max(2 * value, math.floor(longest / _HOURS[scale]) + 1)
            ladder = [v for v in _DEADLINES[scale] if v >= floor]
            after = _write(ladder[0] if ladder else floor, raw, unit) + unit
            restated = _restated_time(ctx, text, m, float(value * _HOURS[scale])) is not None
            start, end = m.start(f"n{group}"), m.end(f"u{group}")
            sites.append(ctx.site(i, start, end, after, bool(upper), restated))
    return sites


def _modal_sites(ctx: _Context) -> list[_Site]:
    """应当 or 不得 → 可以; comparable where the aligned upper article binds the same action.

    The same action: the clause after a modal of the same kind in the upper article (up to 。,
    ；or a line break) shares ``CLAUSE_MIN`` of its bigrams (Dice) with the local clause.
    """
    sites = []
    for i, (_, text) in enumerate(ctx.local):
        for m in _MODAL.finditer(text):
            same_kind = _MODAL_KINDS[m.group()]
            upper = ctx.comparable_upper(i, same_kind)
            clause = _bigrams(_clause(text, m.end()))
            comparable = upper is not None and any(
                _dice(clause, _bigrams(_clause(upper, u.end()))) >= CLAUSE_MIN
                for u in same_kind.finditer(upper)
            )
            restated = _restated_modal(ctx, text, m) is not None
            sites.append(ctx.site(i, m.start(), m.end(), "可以", comparable, restated))
    return sites


def _authority_sites(ctx: _Context) -> list[_Site]:
    if ctx.local_date is None or ctx.local_date < RENAMED_SINCE:
        return []
    return [
        ctx.site(i, m.start(), m.end(), _OLD_NAMES[m.group()], True)
        for i, (_, text) in enumerate(ctx.local)
        for m in _AUTHORITY.finditer(text)
    ]


def _xref_sites(ctx: _Context) -> list[_Site]:
    known = [n for n in (_article_number(n) for n, _ in ctx.local) if n is not None]
    if not known:
        return []
    last = max(known)
    sites = []
    for i, (_, text) in enumerate(ctx.local):
        for m in _XREF.finditer(text):
            if _number(m.group("n")) is not None:
                beyond = last + 1 + ctx.rng.randrange(9)
                after = _write(beyond, m.group("n"), "")
                sites.append(ctx.site(i, m.start("n"), m.end("n"), after, True))
    return sites


def _delegation_sites(ctx: _Context) -> list[_Site]:
    """Remove the one paragraph (or one-paragraph article) that answers a delegation.

    The unit must cover ``DELEGATION_MIN`` of the delegating sentence's bigrams, and no other
    unit come within ``DELEGATION_MARGIN`` of it (two candidates: which one answers is unclear).
    """
    units = [
        (i, start, end, _bigrams(text[start:end]))
        for i, (_, text) in enumerate(ctx.local)
        for start, end in _paragraphs(text)
    ]
    sites: dict[tuple[int, int], _Site] = {}
    for j, sentence in delegations(ctx.upper):
        grams = _bigrams(sentence)
        if not grams or not units:
            continue
        cover = sorted(
            ((len(grams & u[3]) / len(grams), k) for k, u in enumerate(units)), reverse=True
        )
        best, k = cover[0]
        runner_up = cover[1][0] if len(cover) > 1 else 0.0
        if best < DELEGATION_MIN or runner_up > DELEGATION_MARGIN * best:
            continue
        i, start, end, _ = units[k]
        whole = len(_paragraphs(ctx.local[i][1])) == 1
        if (i, start) not in sites:
            sites[(i, start)] = _Site(i, start, end, "", j, best, True, remove=whole)
    return list(sites.values())


# --- restated: the upper law says the same for the same conduct ------------------------------


def _restated_fine(ctx: _Context, text: str, m: re.Match[str]) -> tuple[int, str] | None:
    """(upper article, sentence) with the fine ``m`` for the same conduct, or ``None``."""
    bounds = _fine_bounds(m)
    words = _conduct(_sentence(text, m.start(), m.end()))
    conduct = _bigrams(words)
    if len(conduct) < CONDUCT_WORDS:
        return None  # "施工单位的": a party, not a conduct
    for j, sentence, fines, other in ctx.upper_fines():
        if bounds not in fines or len(other) < CONDUCT_WORDS:
            continue
        ours, theirs = _apart_from_opening(words, _conduct(sentence), conduct, other)
        if _dice(ours, theirs) >= RESTATED_MIN:
            return j, sentence
    return None


def _apart_from_opening(
    a: str, b: str, grams_a: set[str], grams_b: set[str]
) -> tuple[set[str], set[str]]:
    """Two conducts' bigrams without the party both open with in the same words (up to a party
    noun, ``SAME_OPENING`` characters or more: "承担安全评价、认证、检测、检验职责的机构" says
    who, not what), unless what follows is too short to tell (``CONDUCT_WORDS``): then the same
    words are the same conduct."""
    a, b = a.lstrip("，、 "), b.lstrip("，、 ")
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    parties = [m.end() for m in _PARTY_NOUN.finditer(a[:n])]
    n = parties[-1] if parties else 0  # "在禁止燃放烟花爆竹…" opens with the conduct itself
    if n < SAME_OPENING:
        return grams_a, grams_b
    rest_a, rest_b = _bigrams(a[n:]), _bigrams(b[n:])
    if min(len(rest_a), len(rest_b)) < CONDUCT_WORDS:
        return grams_a, grams_b
    return rest_a, rest_b


def _restated_time(
    ctx: _Context, text: str, m: re.Match[str], hours: float
) -> tuple[int, str] | None:
    """(upper article, sentence) with a deadline as long in the same words, or ``None``."""
    grams = _bigrams(_NUMERALS.sub("", _sentence(text, m.start(), m.end())))
    for j, sentence, lengths, other in ctx.upper_times():
        if hours in lengths and _dice(grams, other) >= RESTATED_MIN:
            return j, sentence
    return None


def _restated_modal(ctx: _Context, text: str, m: re.Match[str]) -> tuple[int, str] | None:
    """(upper article, sentence) binding the same party to the same action, or ``None``."""
    before = _bigrams(text[_sentence_start(text, m.start()) : m.start()])
    if len(before) < 2:
        return None
    clause = _bigrams(_clause(text, m.end()))
    for j, upper, kind, other_clause, other_before in ctx.upper_modals():
        if (
            kind == m.group()
            and len(other_before) >= 2
            and _dice(clause, other_clause) >= RESTATED_CLAUSE
            and _dice(before, other_before) >= RESTATED_PARTY
        ):
            return j, upper
    return None


def _conduct(sentence: str) -> str:
    """The words of a penalty sentence before the penalty, less boilerplate."""
    cuts = [m.start() for m in (_PENALTY_MARKS.search(sentence), _FINE.search(sentence)) if m]
    return _BOILERPLATE.sub("", sentence[: min(cuts, default=len(sentence))])


def _fine_bounds(m: re.Match[str]) -> tuple[int | None, int | None]:
    """(minimum, maximum) in 元 of a fine (``None`` for no minimum)."""
    lo = _amount(m.group("lo"), m.group("low")) if m.group("lo") else None
    return lo, _amount(m.group("hi"), m.group("hiw"))


_SITES: dict[str, _SiteFinder] = {
    "fine": _fine_sites,
    "time_limit": _time_sites,
    "modality": _modal_sites,
    "authority": _authority_sites,
    "xref": _xref_sites,
    "delegation": _delegation_sites,
}


# --- numbers ---------------------------------------------------------------------------------


def _number(raw: str) -> int | None:
    """A Chinese or Arabic integer; ``None`` where it is not one."""
    if raw.isdigit():
        return int(raw)
    try:
        return parse_chinese_numeral(raw)
    except ValueError:
        return None


def _amount(raw: str, wan: str) -> int | None:
    value = _number(raw)
    return None if value is None else value * (10000 if wan else 1)


def _step(value: int, direction: int) -> int | None:
    """Two steps along the 1-2-3-5 ladder from ``value`` (one where only one is left)."""
    if direction > 0:
        side = [v for v in _LADDER if v > value]
    else:
        side = [v for v in _LADDER if v < value][::-1]
    if not side:
        return None
    return side[1] if len(side) > 1 else side[0]


def _write_amount(value: int, like: str) -> str:
    """``value`` 元 in the script of ``like``, in 万元 from 10,000 (the ladder's are round)."""
    if value >= 10000:
        return _write(value // 10000, like, "") + "万元"
    return _write(value, like, "") + "元"


def _write(value: int, like: str, unit: str) -> str:
    """``value`` in the script of ``like``; 两 for 2 before 小时, 个月 and 天, as in the texts."""
    if like.isdigit():
        return str(value)
    if value == 2 and unit in ("小时", "个小时", "个月", "天"):
        return "两"
    return to_chinese_numeral(value)


def _article_number(printed: str) -> int | None:
    m = re.fullmatch(rf"第({_NUM})条", printed.strip())
    return _number(m.group(1)) if m else None


def _fine_amounts(text: str) -> list[int]:
    """Every amount of every fine in ``text``, in 元."""
    out = []
    for m in _FINE.finditer(text):
        for g in ("lo", "hi"):
            if m.group(g):
                value = _amount(m.group(g), m.group(f"{g}w"))
                if value is not None:
                    out.append(value)
    return out


def _deadlines(text: str) -> list[tuple[float, re.Match[str]]]:
    """(length in hours, match) of each deadline in ``text``."""
    out = []
    for m in _TIME.finditer(text):
        group = "1" if m.group("n1") else "2"
        value = _number(m.group(f"n{group}"))
        if value is not None:
            out.append((float(value * _HOURS[_scale(m.group(f"u{group}"))]), m))
    return out


def _scale(unit: str) -> str:
    return "hour" if "小时" in unit else "month" if "月" in unit else "day"


# --- text units and similarity --------------------------------------------------------------


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence (up to 。 or a line break) around ``text[start:end]``."""
    left = _sentence_start(text, start)
    stops = [k for k in (text.find("。", end), text.find("\n", end)) if k >= 0]
    return text[left : min(stops) if stops else len(text)]


def _sentences(text: str) -> list[str]:
    """The sentences of a text (split on 。 and line breaks), empty ones left out."""
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def _sentence_start(text: str, start: int) -> int:
    """Where the sentence (after 。 or a line break) holding ``text[start]`` starts."""
    return max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1


def _clause(text: str, start: int) -> str:
    """The words from ``start`` up to the end of the clause (。, ；, or a line break)."""
    m = _CLAUSE_END.search(text, start)
    return text[start : m.start() if m else len(text)]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of an article, each with the line break that removing it takes."""
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    spans = [(a, b) for a, b in spans if text[a:b].strip()]
    if len(spans) < 2:
        return spans
    # a paragraph goes with the break after it; the last one with the break before it
    return [(a, b + 1) for a, b in spans[:-1]] + [(spans[-1][0] - 1, spans[-1][1])]


def _bigrams(text: str) -> set[str]:
    body = _NOISE.sub("", text)
    return {body[k : k + 2] for k in range(len(body) - 1)}


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _best_upper(grams: set[str], upper_grams: list[set[str]]) -> tuple[int | None, float]:
    best, share = None, 0.0
    for j, other in enumerate(upper_grams):
        s = _dice(grams, other)
        if s > share:
            best, share = j, s
    return best, share
