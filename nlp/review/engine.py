"""Consistency review: a local rule against its upper-level law, finding by finding.

Pairing: the local text's declared legal basis (根据《…》…制定本条例) resolved to the version of
that law in force when the local text was made, or any text a reviewer names. The steps, each in
its own module:

1. :mod:`nlp.review.alignment`: each local article to its most similar upper articles.
2. :mod:`nlp.review.checks`: the typed checks on each aligned pair and each local article's
   further candidates.
3. :mod:`nlp.review.lookups`: each local article's clauses looked up across the whole upper law
   (a binding rule made optional, a time limit, a fine for the same conduct).
4. :mod:`nlp.review.single_text` and :mod:`nlp.review.delegated`: the local text on its own, and
   upper delegations with no local counterpart.

Citations of other laws are judged against the library (:mod:`index.review.stored_texts`). A
finding's id is a hash of what it is about (:func:`~nlp.review.findings.finding_id`), so it stays
the same across runs and a reviewer's decision stays with it.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypedDict

import numpy as np

from nlp.legal.citations import basis_laws, law_key
from nlp.review.alignment import Pair, align_articles
from nlp.review.checks import compare_articles
from nlp.review.competence import competence_lookups
from nlp.review.conduct import conduct_vocabulary
from nlp.review.delegated import (
    classes_left_to_provinces,
    names_class,
    text_level,
    unmet_delegations,
)
from nlp.review.findings import Article, Issue, ReviewFinding, finding_id
from nlp.review.later_laws import LaterLaw, with_later_laws
from nlp.review.lookups import best_penalty_match, clause_lookups, penalties_of_own_duties
from nlp.review.quantity_checks import FINE_CODES
from nlp.review.scope import scope_issues
from nlp.review.single_text import check_text
from nlp.text import char_bigrams, is_chinese

# Reported once per local article by the single-text checks, whatever the article is paired with.
TEXT_LEVEL = frozenset({"CHECK_RENAMED_AUTHORITY"})
# Under this share of local articles aligned with the upper law, the two texts do not correspond:
# one CHECK_BASIS_MISMATCH finding instead of a list of conflicts. Chosen on the seven development
# domains of bench/review-domains (`python bench/bench_review_basis.py --split development`):
# right pairs align 0.24 to 0.83 (median 0.48), a rule against another domain's law 0 to 0.29
# (median 0.09); at 0.2 no right pair and 245 of 256 unrelated ones are called mismatched.
BASIS_MIN = 0.2
# A text whose first articles name the laws it implements, none of them the law it is reviewed
# against, needs less evidence: right pairs declare their law, and on the development domains
# no unrelated pair aligns above 0.29. One that names the law it is reviewed against is never
# called mismatched: on held_out_3 the two it was (a supplementary water rule aligned at 0.15, a
# forest-ownership dispute rule at 0.07) were both read as implementing the law they declare.
BASIS_UNDECLARED_MIN = 0.35
BASIS_MIN_ARTICLES = 5  # too short a text says nothing either way


@dataclass(slots=True)
class ReviewRun:
    """What one review produced, with timings per stage (seconds)."""

    findings: list[ReviewFinding]
    pairs: list[Pair]  # (local index, upper index, similarity)
    verbatim_rate: float
    timings: dict[str, float] = field(default_factory=dict)


class _Options(TypedDict):
    """The options every pair check and lookup takes (passed as keywords)."""

    local_date: date | None
    special_zone: bool


@dataclass(slots=True)
class _Findings:
    """The findings of one review so far: each finding once (by id), and from the pair checks
    and lookups at most one per local article, code and key."""

    local: Sequence[Article]
    upper: Sequence[Article]
    local_scope: str
    upper_scope: str
    upper_title: str
    found: list[ReviewFinding] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    reported: set[tuple[int, str, str]] = field(default_factory=set)

    def add(self, issue: Issue, li: int | None, uj: int | None) -> None:
        """Place an issue on local article ``li`` and upper article ``uj`` (either may be None),
        unless a finding with the same id is already there."""
        la = self.local[li] if li is not None else None
        ua = self.upper[uj] if uj is not None else None
        ident = finding_id(
            issue.code,
            self.local_scope,
            (la.provision_id or la.number) if la else None,
            self.upper_scope,
            (ua.provision_id or ua.number) if ua else None,
            issue.key,
        )
        if ident not in self.ids:
            self.ids.add(ident)
            self.found.append(ReviewFinding.placed(issue, ident, la, ua, self.upper_title))

    def add_once(self, found: Iterable[tuple[int, int, Issue]]) -> None:
        """Add each (local index, upper index, issue) unless its local article already has a
        finding of that code and key from a pair."""
        for i, j, issue in found:
            if (i, issue.code, issue.key) not in self.reported:
                self.reported.add((i, issue.code, issue.key))
                self.add(issue, i, j)

    def copied(self) -> int:
        """How many local articles were found copied word for word from an upper article."""
        return len({i for i, code, _ in self.reported if code == "CHECK_VERBATIM_COPY"})


def is_special_zone(title: str) -> bool:
    """Whether a text is a special economic zone's regulation (经济特区), which the National
    People's Congress lets vary national rules for the zone."""
    return "经济特区" in title


def review_texts(
    local: Sequence[tuple[str, str]] | Sequence[Article],
    upper: Sequence[tuple[str, str]] | Sequence[Article],
    *,
    local_date: date | None = None,
    upper_title: str = "",
    upper_date: date | None = None,
    special_zone: bool = False,
    local_scope: str = "local",
    upper_scope: str = "upper",
    vectors: tuple[np.ndarray, np.ndarray] | None = None,
    text_checks: bool = True,
    local_title: str = "",
    later_laws: Sequence[LaterLaw] = (),
) -> ReviewRun:
    """Review articles of a local text against articles of its upper law (no store needed).

    Args:
        local: the local text's articles, (number as printed, text) or :class:`Article`.
        upper: the upper law's articles.
        local_date: when the local text was made (renamed authorities are judged against it).
        upper_title: the upper law's title, for messages.
        upper_date: the upper law's version date (delegations are not judged in older texts).
        special_zone: the local text is a special economic zone's regulation (经济特区), which may
            lawfully vary the upper law: figures outside its range are asked to be confirmed.
        local_scope: a stable name of the local work (part of finding ids).
        upper_scope: a stable name of the upper work.
        vectors: unit embedding vectors of the local and the upper articles (rows in order),
            for the dense side of the alignment; without them it is keyword-only.
        text_checks: also run the checks of the local text on its own (numbering, references,
            renamed authorities); a review against several upper laws runs them once.
        local_title: the local text's title: a city's rule is not held to a matter the upper law
            leaves to the provinces.
        later_laws: other national texts (the library's): a local fine that is a later one's
            figure for the same conduct is not held to the upper law's
            (:mod:`nlp.review.later_laws`).

    Returns:
        The findings, the aligned pairs, the verbatim-copy rate and stage timings.
    """
    local_articles = [_article(a) for a in local]
    upper_articles = [_article(a) for a in upper]
    timings: dict[str, float] = {}
    started = time.perf_counter()
    pairs, checked = align_articles(local_articles, upper_articles, vectors)
    timings["align"] = time.perf_counter() - started

    found = _Findings(local_articles, upper_articles, local_scope, upper_scope, upper_title)
    rate = alignment_rate(pairs, len(local_articles))
    floor = _basis_floor(local_articles, upper_title, local_title)
    if len(local_articles) >= BASIS_MIN_ARTICLES and rate < floor:
        zh = is_chinese("".join(a.text for a in local_articles[:20]))
        found.add(_mismatch(rate, len(local_articles), upper_title, zh), None, None)
        if text_checks:
            _text_checks(found, local_articles, local_date, local_scope, upper_title)
        timings["text checks"] = time.perf_counter() - started
        return ReviewRun(_grouped(found.found, local_scope), pairs, 0.0, timings)
    started = time.perf_counter()
    candidates: dict[int, list[int]] = {}
    for i, j in checked:
        candidates.setdefault(i, []).append(j)
    options: _Options = {"local_date": local_date, "special_zone": special_zone}
    # Fines for a class the upper law leaves to the provinces (小作坊, 摊贩) are the provinces' to
    # set: the national amounts for other offenders are no measure of them.
    # Where the upper law leaves a class's whole management to them ("小作坊和食品摊贩等的具体
    # 管理办法由省、自治区、直辖市制定"), its time limits and thresholds are theirs too: the two
    # years a 食品生产企业 keeps records is no measure of a workshop's.
    left = {
        code: classes_left_to_provinces(upper_articles, management_only=code not in FINE_CODES)
        for code in (*FINE_CODES, "CHECK_TIME_LIMIT", "CHECK_THRESHOLD")
    }

    def national(found_: Iterable[tuple[int, int, Issue]]) -> Iterator[tuple[int, int, Issue]]:
        for i, j, issue in found_:
            classes = left.get(issue.code, frozenset())
            if not classes or not (
                names_class(local_title, classes) or names_class(local_articles[i].text, classes)
            ):
                yield i, j, issue

    with conduct_vocabulary(a.text for a in (*local_articles, *upper_articles)):
        found.add_once(
            national(_pair_checks(local_articles, upper_articles, checked, candidates, **options))
        )
        found.add_once(
            national(clause_lookups(local_articles, upper_articles, candidates, **options))
        )
        found.add_once(national(penalties_of_own_duties(local_articles, upper_articles, **options)))
    zh = is_chinese("".join(a.text for a in local_articles[:20]))
    found.add_once(
        competence_lookups([a.text for a in local_articles], [a.text for a in upper_articles], zh)
    )
    for i, scope_at, issue in scope_issues(local_articles, upper_articles, zh):
        found.add(issue, i, scope_at)
    timings["pair checks"] = time.perf_counter() - started

    started = time.perf_counter()
    if text_checks:
        _text_checks(found, local_articles, local_date, local_scope, upper_title)
    # A text made before the upper law's version cannot be expected to take up its delegations.
    if local_date is None or upper_date is None or local_date >= upper_date:
        level = text_level(local_title)
        for j, issue in unmet_delegations(local_articles, upper_articles, upper_title, level):
            found.add(issue, None, j)
    timings["text checks"] = time.perf_counter() - started
    rate = found.copied() / len(local_articles) if local_articles else 0.0
    found.found = with_later_laws(found.found, later_laws, upper_date)
    return ReviewRun(_grouped(found.found, local_scope), pairs, rate, timings)


def _basis_floor(local: Sequence[Article], upper_title: str, local_title: str = "") -> float:
    """The alignment under which the texts are called mismatched, from what the local text's
    first articles declare as its basis ("根据《…》…制定"): none when they name the upper law
    (a supplementary rule on one matter, "林木林地权属争议调解处理条例", aligns little and still
    implements it), :data:`BASIS_UNDECLARED_MIN` when they name only other laws, else
    :data:`BASIS_MIN`. A text that names no law ("根据国家有关法律、法规") and whose title shares
    no word of its matter with the upper law's ("重庆市气象条例" against "水土保持法") is held to
    :data:`BASIS_UNDECLARED_MIN` as well: on the open domains every right pair that names no
    law shares one ("燃气", "气象", "森林")."""
    declared = {law_key(d) for d in basis_laws(" ".join(a.text for a in local[:3]))}
    if not upper_title:
        return BASIS_MIN
    if not declared:
        mine, theirs = title_matter(local_title), title_matter(upper_title)
        apart = bool(mine and theirs and not mine & theirs)  # "水法" says too little to tell
        return BASIS_UNDECLARED_MIN if apart else BASIS_MIN
    return 0.0 if law_key(upper_title) in declared else BASIS_UNDECLARED_MIN


# What a title says beyond place, form and the state's name: "重庆市气象条例" -> 气象.
_TITLE_FORM = re.compile(
    r"中华人民共和国|^[^省市县区]{1,8}?(?:省|自治区|市|县|区)|实施|若干|管理|条例|办法|规定|细则"
    r"|法$|[《》〈〉]|[（(][^）)]*[）)]"
)


def title_matter(title: str) -> frozenset[str]:
    """The bigrams of the matter a law's or rule's title names, place and form left out."""
    return frozenset(char_bigrams(_TITLE_FORM.sub("", title.strip())))


def alignment_rate(pairs: Sequence[Pair], local_count: int) -> float:
    """The share of local articles aligned with some upper article."""
    return len({i for i, _, _ in pairs}) / local_count if local_count else 0.0


def _mismatch(rate: float, count: int, upper_title: str, zh: bool) -> Issue:
    aligned = round(rate * count)
    if zh:
        law = f"《{upper_title}》" if upper_title else "上位法"
        return Issue(
            "CHECK_BASIS_MISMATCH",
            "warning",
            f"本法规{count}条中仅{aligned}条（{rate:.0%}）与{law}的条文相对应，两者似非实施关系，"
            "故不列出冲突。",
            "核对立法依据：请对照本法规所依据的上位法（见其“根据《…》”条款）进行审查。",
            key="basis",
        )
    return Issue(
        "CHECK_BASIS_MISMATCH",
        "warning",
        f"only {aligned} of {count} articles ({rate:.0%}) correspond to articles of "
        f"{upper_title or 'the upper text'}: the texts do not seem to implement one another, so "
        "no conflicts are listed",
        "check the basis: review against the law this text implements (its basis clause)",
        key="basis",
    )


def _text_checks(
    found: _Findings, local: Sequence[Article], on: date | None, local_scope: str, title: str
) -> None:
    """The local text's checks on its own, placed with no upper text in their ids: the same
    finding whichever law the text is reviewed against."""
    text_level = _Findings(local, [], local_scope, "", title)
    for index, issue in check_text([(a.number, a.text) for a in local], on=on):
        text_level.add(issue, index, None)
    for f in text_level.found:
        if f.finding_id not in found.ids:
            found.ids.add(f.finding_id)
            found.found.append(f)


def _grouped(findings: list[ReviewFinding], local_scope: str) -> list[ReviewFinding]:
    """One renamed-authority finding per old name, listing every article that uses it; its id
    is the text's and the old name's, whichever articles use it."""
    out: list[ReviewFinding] = []
    first: dict[str, int] = {}
    for f in findings:
        if f.code != "CHECK_RENAMED_AUTHORITY":
            out.append(f)
        elif f.key in first:
            kept = out[first[f.key]]
            more = (*kept.also, (f.local_provision, f.local_number or ""))
            out[first[f.key]] = dataclasses.replace(kept, also=more)
        else:
            first[f.key] = len(out)
            ident = finding_id(f.code, local_scope, None, "", None, f.key)
            out.append(dataclasses.replace(f, finding_id=ident))
    return out


def _pair_checks(
    local: Sequence[Article],
    upper: Sequence[Article],
    checked: list[tuple[int, int]],
    candidates: dict[int, list[int]],
    *,
    local_date: date | None,
    special_zone: bool,
) -> Iterator[tuple[int, int, Issue]]:
    """The typed checks on each checked pair, in order: a text-level finding is left to the
    single-text checks, a fine kept only from the candidate whose penalty best matches its
    conduct."""
    for i, j in checked:
        for issue in compare_articles(
            local[i].text, upper[j].text, local_date=local_date, special_zone=special_zone
        ):
            if issue.code in TEXT_LEVEL:
                continue
            if issue.code in FINE_CODES and not best_penalty_match(
                issue, local[i].text, upper, j, candidates[i]
            ):
                continue
            yield i, j, issue


def _article(a: tuple[str, str] | Article) -> Article:
    return a if isinstance(a, Article) else Article(a[0], a[1])
