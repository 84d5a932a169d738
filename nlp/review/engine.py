"""Consistency review: a local rule against its upper-level law, finding by finding.

Pairing: the local text's declared legal basis (根据《…》…制定本条例) resolved to the version of
that law in force when the local text was made, or any text a reviewer names. Alignment: each
local article to its most similar upper articles (IDF-weighted character bigrams; dense vectors
are not used yet: a penalty's wording decides its pairing better than its topic), one-to-many.
Then the typed checks of ``nlp/review/checks.py`` on each aligned pair, the single-text checks
on the local text, upper delegations with no local counterpart, and the local text's citations
of other laws.

A finding's id is a hash of what it is about (code, the two works and provisions, the checked
key), so it stays the same across runs and a reviewer's decision stays with it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import math
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from ingest.numbering import CN_NUMERAL, parse_number
from nlp.legal.article_refs import article_number
from nlp.review.checks import (
    Action,
    Issue,
    action_match,
    check_text,
    compare_articles,
    delegations,
    dice,
    fine_offenders,
    fine_positions,
    is_chinese,
    modal_actions,
    penalty_match,
    time_clauses,
)
from nlp.versions.compare import article_body

ALIGN_MIN = 0.18  # weighted bigram overlap below which two articles are about different things
ALIGN_WEAK = 0.08  # a weaker best match, accepted only when it stands out by ALIGN_MARGIN
ALIGN_MARGIN = 1.5
ALIGN_KEEP = 0.8  # keep further upper articles scoring at least this share of the best
MAX_UPPER_PER_ARTICLE = 2
CHECK_CANDIDATES = 3  # upper articles each local article is checked against, best first
DENSE_CANDIDATES = 2  # and its nearest upper articles by embedding
DENSE_MARGIN = 0.03  # how far the nearest must stand out to pair an article the keywords did not
DELEGATION_MET = 0.5  # share of a delegating sentence's bigrams a local article must hold
# Reported once per local article by the single-text checks, whatever the article is paired with.
TEXT_LEVEL = frozenset({"CHECK_RENAMED_AUTHORITY"})
# A penalty for breaching the text's own article: "违反本条例第三十条第一款规定的".
_OWN_ARTICLE = re.compile(
    rf"违反本(?:条例|规定|办法|细则)第({CN_NUMERAL}|[0-9]+)条(?:第({CN_NUMERAL}|[0-9]+)款)?(?:规定)?"
)
# Modal clauses looked up across the whole upper law, wherever the article alignment put them: a
# rule restated in a long local article is often diluted below the alignment's reach.
CLAUSE_CANDIDATES = 3  # upper articles per local article, by their best matching clause
# Dice of the words before the two modals, for a like party: a predicate as common as "向负有安全
# 生产监督管理职责的部门报告" says nothing of whether "任何单位或者个人" is "其中，…情况"
CLAUSE_SUBJECT = 0.25
BINDING = ("obligation", "prohibition")
OFFENCE_LOOKUP = 0.7  # penalty_match of two fines for them to punish the same conduct
OFFENCE_WORDS = 6  # telling bigrams a conduct needs to be looked up by
SAME_RULE = 0.5  # Dice of two sentences setting a time limit for them to be the same rule
PERMISSIVE = frozenset({"可以", "有权", "may"})
_ITEM_LINE = re.compile(r"\s*[（(][一二三四五六七八九十0-9]+[）)]")
DUTY_CHARS = 120  # the cited duty's words put in after the citation
FINE_CODES = frozenset({"CHECK_FINE_RANGE", "CHECK_FINE_MULTIPLE", "CHECK_FINE_INCOME_SHARE"})
_NOISE = re.compile(r"\s+|[，。；：、（）《》“”！？,.;:()\"'!?]")


@dataclass(frozen=True, slots=True)
class Article:
    """One article of a text under review."""

    number: str
    text: str
    provision_id: str | None = None


@dataclass(frozen=True, slots=True)
class ReviewFinding:
    """One typed finding, with both articles and the words to mark."""

    finding_id: str
    code: str
    severity: str
    message: str
    fix: str
    local_number: str | None
    local_provision: str | None
    local_text: str
    local_marks: tuple[tuple[int, int], ...]
    upper_number: str | None
    upper_provision: str | None
    upper_text: str
    upper_marks: tuple[tuple[int, int], ...]
    upper_title: str
    key: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The CLI's JSON form (DESIGN's contract; fields are only ever added)."""
        return {
            "finding_id": self.finding_id,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "fix": self.fix,
            "provision_ids": [self.local_provision] if self.local_provision else [],
            "related_ids": [self.upper_provision] if self.upper_provision else [],
            "local_number": self.local_number,
            "upper_number": self.upper_number,
            "upper_title": self.upper_title,
            "local_text": self.local_text,
            "upper_text": self.upper_text,
            "local_marks": [list(m) for m in self.local_marks],
            "upper_marks": [list(m) for m in self.upper_marks],
        }


@dataclass(slots=True)
class ReviewRun:
    """What one review produced, with timings per stage (seconds)."""

    findings: list[ReviewFinding]
    pairs: list[tuple[int, int, float]]  # (local index, upper index, similarity)
    verbatim_rate: float
    timings: dict[str, float] = field(default_factory=dict)


def finding_id(
    code: str,
    local_scope: str,
    local_key: str | None,
    upper_scope: str,
    upper_key: str | None,
    key: str,
) -> str:
    """The stable id of a finding."""
    raw = "|".join([code, local_scope, local_key or "", upper_scope, upper_key or "", key])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def similarities(
    local: Sequence[Article], upper: Sequence[Article]
) -> list[list[tuple[float, int]]]:
    """For each local article, (score, upper index) best first: IDF-weighted Jaccard overlap of
    character bigrams (word pairs for English), IDF over both texts' articles."""
    local_grams = [_bigrams(a) for a in local]
    upper_grams = [_bigrams(a) for a in upper]
    df: Counter[str] = Counter()
    for grams in (*local_grams, *upper_grams):
        df.update(grams)
    n = len(local_grams) + len(upper_grams)
    idf = {g: math.log((n + 1) / (c + 0.5)) for g, c in df.items()}
    upper_weight = [sum(idf[g] for g in grams) for grams in upper_grams]
    out = []
    for grams in local_grams:
        own = sum(idf[g] for g in grams)
        scores = []
        for j, other in enumerate(upper_grams):
            shared = sum(idf[g] for g in grams & other)
            union = own + upper_weight[j] - shared
            scores.append((shared / union if union else 0.0, j))
        scores.sort(reverse=True)
        out.append(scores)
    return out


def align(
    local: Sequence[Article],
    upper: Sequence[Article],
    scored: list[list[tuple[float, int]]] | None = None,
) -> list[tuple[int, int, float]]:
    """Pairs (local index, upper index, similarity), one-to-many, best first per local article."""
    scored = scored if scored is not None else similarities(local, upper)
    pairs = []
    for i, scores in enumerate(scored):
        if not scores:
            continue
        best = scores[0][0]
        second = scores[1][0] if len(scores) > 1 else 0.0
        if best < ALIGN_MIN:
            # A weaker match still pairs when it clearly beats every other upper article: a
            # local article reworded around the same matter shares few characters with it.
            if best >= ALIGN_WEAK and best >= ALIGN_MARGIN * second:
                pairs.append((i, scores[0][1], round(best, 4)))
            continue
        for score, j in scores[:MAX_UPPER_PER_ARTICLE]:
            if score >= max(ALIGN_MIN, ALIGN_KEEP * best):
                pairs.append((i, j, round(score, 4)))
    return pairs


def _dense(
    vectors: tuple[np.ndarray, np.ndarray],
    pairs: list[tuple[int, int, float]],
    checked: list[tuple[int, int]],
) -> tuple[list[tuple[int, int, float]], list[tuple[int, int]]]:
    """The dense side of the alignment: each local article's nearest upper articles by
    embedding. The nearest pairs an article the keywords left unpaired when it stands out by
    :data:`DENSE_MARGIN`; the :data:`DENSE_CANDIDATES` nearest are checked besides."""
    local, upper = vectors
    if not len(local) or not len(upper):
        return [], []
    cosine = local @ upper.T
    paired = {i for i, _, _ in pairs}
    seen = set(checked)
    new_pairs, new_checked = [], []
    for i, row in enumerate(cosine):
        order = np.argsort(-row)
        best = int(order[0])
        second = float(row[order[1]]) if len(order) > 1 else 0.0
        near = [int(k) for k in order[:DENSE_CANDIDATES]]
        if i not in paired and float(row[best]) - second >= DENSE_MARGIN:
            new_pairs.append((i, best, round(float(row[best]), 4)))
            near.insert(0, best)  # a pair is checked like any other
        for j in near:
            if (i, j) not in seen:
                seen.add((i, j))
                new_checked.append((i, j))
    return new_pairs, new_checked


def _check_pairs(
    pairs: list[tuple[int, int, float]], scored: list[list[tuple[float, int]]]
) -> list[tuple[int, int]]:
    """The pairs the typed checks look at: the aligned ones, then each local article's next
    best candidates. A penalty article often resembles several upper articles; the checks
    themselves only compare figures whose conduct and context match, so a wrong candidate
    yields nothing rather than a false alarm."""
    out = [(i, j) for i, j, _ in pairs]
    seen = set(out)
    for i, scores in enumerate(scored):
        for score, j in scores[:CHECK_CANDIDATES]:
            if score >= ALIGN_WEAK and (i, j) not in seen:
                seen.add((i, j))
                out.append((i, j))
    return out


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

    Returns:
        The findings, the aligned pairs, the verbatim-copy rate and stage timings.
    """
    local_articles = [_article(a) for a in local]
    upper_articles = [_article(a) for a in upper]
    timings: dict[str, float] = {}
    started = time.perf_counter()
    scored = similarities(local_articles, upper_articles)
    pairs = align(local_articles, upper_articles, scored)
    checked = _check_pairs(pairs, scored)
    if vectors is not None:
        dense_pairs, dense_checked = _dense(vectors, pairs, checked)
        pairs += dense_pairs
        checked += dense_checked
    timings["align"] = time.perf_counter() - started

    findings: list[ReviewFinding] = []
    seen: set[str] = set()

    def add(issue: Issue, li: int | None, uj: int | None) -> None:
        la = local_articles[li] if li is not None else None
        ua = upper_articles[uj] if uj is not None else None
        ident = finding_id(
            issue.code,
            local_scope,
            (la.provision_id or la.number) if la else None,
            upper_scope,
            (ua.provision_id or ua.number) if ua else None,
            issue.key,
        )
        if ident in seen:
            return
        seen.add(ident)
        findings.append(
            ReviewFinding(
                finding_id=ident,
                code=issue.code,
                severity=issue.severity,
                message=issue.message,
                fix=issue.fix,
                local_number=la.number if la else None,
                local_provision=la.provision_id if la else None,
                local_text=la.text if la else "",
                local_marks=tuple(issue.local_marks),
                upper_number=ua.number if ua else None,
                upper_provision=ua.provision_id if ua else None,
                upper_text=ua.text if ua else "",
                upper_marks=tuple(issue.upper_marks),
                upper_title=upper_title,
                key=issue.key,
            )
        )

    started = time.perf_counter()
    copied: set[int] = set()
    reported: set[tuple[int, str, str]] = set()  # one finding per local article, code and key
    candidates: dict[int, list[int]] = {}
    for i, j in checked:
        candidates.setdefault(i, []).append(j)
    for i, j in checked:
        issues = compare_articles(
            local_articles[i].text,
            upper_articles[j].text,
            local_date=local_date,
            special_zone=special_zone,
        )
        for issue in issues:
            if issue.code == "CHECK_VERBATIM_COPY":
                copied.add(i)
            if issue.code in TEXT_LEVEL or (i, issue.code, issue.key) in reported:
                continue
            if issue.code in FINE_CODES and not _best_penalty_match(
                issue, local_articles[i].text, upper_articles, j, candidates[i]
            ):
                continue
            reported.add((i, issue.code, issue.key))
            add(issue, i, j)
    # Clause lookups across the whole upper law, wherever the alignment put each article: a
    # binding rule made optional ("应当" → "可以"), a time limit for the same rule, and a fine
    # for conduct an upper penalty also punishes. Each looked-up pair is compared once, and
    # keeps only the codes it was looked up for.
    upper_binding = [modal_actions(a.text, BINDING) for a in upper_articles]
    upper_times = [time_clauses(a.text) for a in upper_articles]
    with_fines = [k for k, a in enumerate(upper_articles) if fine_positions(a.text)]
    for i, article in enumerate(local_articles):
        done = candidates.get(i)
        looked: dict[int, set[str]] = {}
        optional = modal_actions(article.text, ("permission",))
        for j in _same_actions(optional, upper_binding, done, is_chinese(article.text)):
            looked.setdefault(j, set()).add("CHECK_MODALITY")
        for j in _same_rules(time_clauses(article.text), upper_times, done):
            looked.setdefault(j, set()).add("CHECK_TIME_LIMIT")
        for j in _same_offences(article.text, upper_articles, with_fines, done):
            looked.setdefault(j, set()).update(FINE_CODES)
        for j, codes in looked.items():
            for issue in compare_articles(
                article.text,
                upper_articles[j].text,
                local_date=local_date,
                special_zone=special_zone,
            ):
                if issue.code not in codes or (i, issue.code, issue.key) in reported:
                    continue
                if issue.code == "CHECK_MODALITY" and not _made_optional(issue, article.text):
                    continue
                if issue.code in FINE_CODES and not _best_penalty_match(
                    issue, article.text, upper_articles, j, with_fines
                ):
                    continue
                reported.add((i, issue.code, issue.key))
                add(issue, i, j)
    for i, j, issue in _penalties_of_own_duties(
        local_articles, upper_articles, local_date, special_zone
    ):
        if (i, issue.code, issue.key) not in reported:
            reported.add((i, issue.code, issue.key))
            add(issue, i, j)
    timings["pair checks"] = time.perf_counter() - started

    started = time.perf_counter()
    for index, issue in check_text([(a.number, a.text) for a in local_articles], on=local_date):
        add(issue, index, None)
    # a penalty (:data:`_PUNISHES`) repeats a delegated matter's words but makes no rule on it
    rule_grams = [_bigrams(a) for a in local_articles if not _PUNISHES.search(a.text)]
    # A text made before the upper law's version cannot be expected to take up its delegations.
    judge = local_date is None or upper_date is None or local_date >= upper_date
    for j, article in enumerate(upper_articles):
        spans = delegations(article.text) if judge else []
        if spans and not _delegation_met(article.text, spans, rule_grams):
            issue = _delegation_issue(article, spans, upper_title)
            if issue is not None:
                add(issue, None, j)
    timings["text checks"] = time.perf_counter() - started
    rate = len(copied) / len(local_articles) if local_articles else 0.0
    return ReviewRun(findings, pairs, rate, timings)


# The words that make a sentence a delegation, not its matter: their bigrams are left out when
# judging whether a local article takes the matter up.
_DELEGATING_WORDS = frozenset(
    w[k : k + 2]
    for w in (
        "由省自治区直辖市人民代表大会及其常务委员会人民政府",
        "县级以上地方各级人民政府",
        "设区的市县市区人民政府",
        "可以根据本行政区域本地区的实际情况",
        "具体办法另行规定制定确定",
    )
    for k in range(len(w) - 1)
)


def _made_optional(issue: Issue, text: str) -> bool:
    """Whether a modality finding marks a permissive word of the local text ("可以")."""
    start, end = issue.local_marks[0] if issue.local_marks else (0, 0)
    return text[start:end] in PERMISSIVE


def _same_actions(
    local: list[Action], upper: list[list[Action]], checked: list[int] | None, zh: bool
) -> list[int]:
    """Upper articles (not yet checked) with a modal binding the same action as one of
    ``local``'s (:func:`action_match`) for a like party (:data:`CLAUSE_SUBJECT`): best first,
    at most :data:`CLAUSE_CANDIDATES`."""
    scores = []
    for j, actions in enumerate(upper):
        best = 0.0
        for b in actions:
            for a in local:
                if dice(a.subject_grams, b.subject_grams) >= CLAUSE_SUBJECT:
                    best = max(best, action_match(a, b, zh) or 0.0)
        scores.append((best, j))
    return _best(scores, 0.0, checked)


def _same_rules(
    local: list[frozenset[str]], upper: list[list[frozenset[str]]], checked: list[int] | None
) -> list[int]:
    """Upper articles (not yet checked) with a sentence worded like one of ``local``'s: best
    first, at most :data:`CLAUSE_CANDIDATES`."""
    scores = (
        (max(dice(a, b) for a in local for b in clauses), j)
        for j, clauses in enumerate(upper)
        if local and clauses
    )
    return _best(scores, SAME_RULE, checked)


def _same_offences(
    text: str, upper: Sequence[Article], with_fines: list[int], checked: list[int] | None
) -> list[int]:
    """Upper articles (not yet checked) with a fine for the conduct one of ``text``'s fines
    punishes (:func:`penalty_match` at least :data:`OFFENCE_LOOKUP`), best first, at most
    :data:`CLAUSE_CANDIDATES`."""
    positions = fine_positions(text)
    scores = (
        (
            max(
                penalty_match(text, at, upper[j].text, upper_at, min_size=OFFENCE_WORDS)
                for at in positions
                for upper_at in fine_positions(upper[j].text)
            ),
            j,
        )
        for j in with_fines
        if positions
    )
    return _best(scores, OFFENCE_LOOKUP, checked)


def _best(
    scores: Iterable[tuple[float, int]], floor: float, checked: list[int] | None
) -> list[int]:
    """The upper articles scoring above 0 and at least ``floor``, less those already
    ``checked``, best first, at most :data:`CLAUSE_CANDIDATES`."""
    skip = set(checked or ())
    kept = sorted(
        ((score, j) for score, j in scores if score > 0 and score >= floor and j not in skip),
        reverse=True,
    )
    return [j for _, j in kept[:CLAUSE_CANDIDATES]]


def _penalties_of_own_duties(
    local: Sequence[Article],
    upper: Sequence[Article],
    local_date: date | None,
    special_zone: bool,
) -> list[tuple[int, int, Issue]]:
    """Fines for breaching the local text's own articles ("违反本条例第三十条规定的，处…").

    Such a penalty article names no conduct an upper penalty could be matched on; the conduct
    is the cited article's duty. The duty's words are put in after the citation, the upper
    penalty articles most like that are checked, and the findings' marks are mapped back to the
    article as written.
    """
    numbers = {article_number(a.number): k for k, a in enumerate(local)}
    with_fines = [k for k, a in enumerate(upper) if fine_positions(a.text)]
    out = []
    for i, article in enumerate(local):
        m = _OWN_ARTICLE.search(article.text)
        if m is None or not fine_positions(article.text):
            continue
        cited = numbers.get((str(parse_number(m[1])), 0))
        if cited is None or cited == i:
            continue
        duty = _cited_duty(local[cited], m[2])[:DUTY_CHARS]
        insert = f"（{duty}）"
        at = m.end()
        expanded = article.text[:at] + insert + article.text[at:]
        probe = [Article(article.number, expanded)]
        scored = similarities(probe, [upper[k] for k in with_fines])[0]
        picks = [with_fines[k] for score, k in scored[:CHECK_CANDIDATES] if score >= ALIGN_WEAK]
        for j in picks:
            for issue in compare_articles(
                expanded, upper[j].text, local_date=local_date, special_zone=special_zone
            ):
                if issue.code not in FINE_CODES:
                    continue
                if not _best_penalty_match(issue, expanded, upper, j, picks):
                    continue
                marks = _unshift(issue.local_marks, at, len(insert))
                if marks:
                    out.append((i, j, dataclasses.replace(issue, local_marks=marks)))
    return out


def _cited_duty(article: Article, paragraph: str | None) -> str:
    """The words of a cited article, or of its cited paragraph ("第十六条第二款")."""
    body = article_body(article.text, article.number)
    if not paragraph:
        return body
    paragraphs: list[str] = []
    for line in (line for line in body.split("\n") if line.strip()):
        if paragraphs and _ITEM_LINE.match(line):
            paragraphs[-1] += "\n" + line  # an item (（一）…) belongs to the paragraph above
        else:
            paragraphs.append(line)
    try:
        k = parse_number(paragraph)
    except ValueError:
        return body
    return paragraphs[k - 1] if 1 <= k <= len(paragraphs) else body


def _unshift(marks: Sequence[tuple[int, int]], at: int, length: int) -> tuple[tuple[int, int], ...]:
    """Marks in a text with ``length`` characters put in at ``at``, mapped back to the text as
    written (marks inside the inserted words are dropped)."""
    out = []
    for a, b in marks:
        if b <= at:
            out.append((a, b))
        elif a >= at + length:
            out.append((a - length, b - length))
    return tuple(out)


def _best_penalty_match(
    issue: Issue, local: str, upper: Sequence[Article], j: int, others: list[int]
) -> bool:
    """Whether the fine an issue is about is best matched, by the conduct it punishes, in
    upper article ``j`` among the candidates: penalty articles resemble each other, and the one
    that punishes the same conduct may well state the same fine (then there is no finding)."""
    if not issue.local_marks or not issue.upper_marks:
        return True
    at = issue.local_marks[0][0]
    own = penalty_match(local, at, upper[j].text, issue.upper_marks[0][0])
    offender = dict(fine_offenders(local)).get(at)
    for k in others:
        if k == j:
            continue
        for position, on in fine_offenders(upper[k].text):
            if offender is not None and on != offender:
                continue  # a fine on someone else punishes other conduct, however alike
            if penalty_match(local, at, upper[k].text, position) > own + 1e-9:
                return False
    return True


def _delegation_met(text: str, spans: list[tuple[int, int]], local: list[set[str]]) -> bool:
    """Whether some local article (``local``: the bigrams of those that make rules) takes up the
    matter of each delegating sentence: it holds most of the sentence's character bigrams (the
    delegation clause itself left out)."""
    for start, end in spans:
        left = max(text.rfind(c, 0, start) for c in "。；\n") + 1
        ends = [k for k in (text.find(c, end) for c in "。；\n") if k != -1]
        right = min(ends, default=len(text))
        sentence = _NOISE.sub("", text[left:right])
        grams = {sentence[k : k + 2] for k in range(len(sentence) - 1)} - _DELEGATING_WORDS
        if not grams:
            continue
        if not any(len(grams & g) >= DELEGATION_MET * len(grams) for g in local):
            return False
    return True


# A penalty for breaking a rule ("违反本规定第八条规定，…不按照限制燃放烟花爆竹的时间、地点和
# 种类燃放烟花爆竹的，由公安机关责令停止燃放，并处…罚款") repeats the delegated matter's words
# but does not make the rule the delegation asks for.
_PUNISHES = re.compile("违反本(?:条例|规定|办法|细则|法)[^。]*?(?:罚款|警告|处分|追究)")


# What a delegation leaves to local texts: rules (a warning when none is made) or a decision
# of a government (an optional catalogue, a list of places: worth a note); naming which
# department supervises is an administrative act, not something a local rule must contain.
_RULES_DELEGATED = re.compile(
    r"办法|细则|标准|地方性法规|具体规定|作出规定|另行规定|rules|regulations", re.I
)
_NOT_A_RULE = re.compile(
    r"(?:确定|指定)[^，。；]{0,30}(?:部门|机构)|(?:部门|机构)[^，。；]{0,30}由[^，。；]{0,30}(?:确定|指定)"
    r"|(?:目录|名录|清单)"  # publishing a catalogue is an administrative act, not a rule to make
)


def _delegation_issue(article: Article, spans: list[tuple[int, int]], title: str) -> Issue | None:
    sentences = " ".join(article.text[a:b] for a, b in spans)
    if _NOT_A_RULE.search(sentences):
        return None
    severity = "warning" if _RULES_DELEGATED.search(sentences) else "info"
    zh = any("\u3400" <= ch <= "\u9fff" for ch in article.text)
    law = f"《{title}》" if zh and title else title or ("上位法" if zh else "the upper law")
    return Issue(
        code="CHECK_DELEGATION_UNMET",
        severity=severity,
        message=(
            f"{law}{article.number}授权地方作出规定，本法规未见相应条款。"
            if zh
            else f"{law} {article.number} delegates rules to local legislation; this text has "
            "no matching article."
        ),
        fix=(
            "补充落实该授权的具体规定，或说明由其他法规规定。"
            if zh
            else "Add the delegated provision, or note where else it is made."
        ),
        upper_marks=tuple(spans),
        key="delegation",
    )


def _article(a: tuple[str, str] | Article) -> Article:
    return a if isinstance(a, Article) else Article(a[0], a[1])


def _bigrams(article: Article) -> set[str]:
    body = _NOISE.sub("", article_body(article.text, article.number))
    if re.search(r"[\u3400-\u9fff]", body):
        return {body[k : k + 2] for k in range(len(body) - 1)}
    words = re.findall(r"[a-z0-9]+", article_body(article.text, article.number).lower())
    return {f"{a} {b}" for a, b in itertools.pairwise(words)} | set(words)
