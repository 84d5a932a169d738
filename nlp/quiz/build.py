"""Quiz items from articles, each with its answer key, explanation and source, gated and balanced.

Training teams need questions that are right to the letter of the law (issue 7): every item is
built from one fact at one place in one article (a fine, a time limit, a threshold, a body, a
modal word, a defined term, an enumerated list) and says where it comes from. Wrong answers are
of the same kind and never also right; a false statement changes one fact.
:func:`nlp.quiz.gate.gate` checks each item against the cited text, and :func:`build_quiz` drops
what fails it, keeping the rejects and their reasons. Pure and deterministic for a seed.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar

from nlp.bodies.departments import DepartmentDirectory
from nlp.legal.terms import collect_terms
from nlp.quiz import facts
from nlp.quiz.bearers import bearer_facts
from nlp.quiz.builder import ItemBuilder
from nlp.quiz.facts import Fact, normalise
from nlp.quiz.gate import gate
from nlp.quiz.items import QUESTION_TYPES, Quiz, QuizItem
from nlp.quiz.quality import is_modal_only
from nlp.versions.compare import ArticleText, article_body

T = TypeVar("T")


def _article_facts(article: ArticleText, directory: DepartmentDirectory) -> list[Fact]:
    """The article's facts, one per place, none inside its own label."""
    text = article.text
    terms = collect_terms([text])
    found = facts.quantity_facts(text) + facts.term_facts(text, terms)
    found += facts.body_facts(text, directory) + bearer_facts(text, directory)
    found += facts.modal_facts(text)
    # the article's own label is no part of a question ("根据…第三十六条，第三十六条 …")
    body = article_body(text, article.number)
    label_end = len(text.rstrip()) - len(body) if body else 0
    taken: list[tuple[int, int]] = []
    out = []
    for f in found:  # one fact per place: a figure before a modal word in the same words
        if f.span[0] < label_end or any(s < f.span[1] and f.span[0] < e for s, e in taken):
            continue
        taken.append(f.span)
        if f.context[0] < label_end:
            f = replace(f, context=(label_end, f.context[1]))
        out.append(f)
    return out


def build_quiz(
    articles: Sequence[ArticleText],
    *,
    title: str = "",
    n: int | None = None,
    seed: int = 0,
    types: Sequence[str] = QUESTION_TYPES,
    directory: DepartmentDirectory | None = None,
) -> Quiz:
    """Return quiz items from the articles of one law, gated, deduplicated and balanced by type.

    One item per fact (same source, same fact: one item); each passes :func:`gate` against its
    article or is kept in ``Quiz.rejected`` with its problems. The same inputs and seed give
    the same items.

    Args:
        articles: The law's articles (ids, printed numbers, texts).
        title: The law's title, for citations ("中华人民共和国安全生产法").
        n: How many items at most; all when None.
        seed: Random seed for option order, distractor choice and selection.
        types: Question types to make.
        directory: Department alias table; the bundled one when None.

    Raises:
        ValueError: for an unknown question type.
    """
    unknown = set(types) - set(QUESTION_TYPES)
    if unknown:
        raise ValueError(f"unknown question types {sorted(unknown)}; valid: {QUESTION_TYPES}")
    directory = directory or DepartmentDirectory.default()
    rng = random.Random(seed)
    builder = ItemBuilder(articles, title, directory)
    by_id = {a.key: a for a in articles}
    used: Counter[str] = Counter()
    candidates: list[QuizItem] = []
    rejected: list[tuple[QuizItem, tuple[str, ...]]] = []
    seen: set[tuple[str, ...]] = set()
    for article in articles:
        for made in _article_items(builder, article, directory, rng):
            passing = []
            for item in made:
                if item.type not in types:
                    continue
                problems = gate(item, by_id[item.source_id].text)
                if problems:
                    rejected.append((item, tuple(problems)))
                else:
                    passing.append(item)
            picked = _pick(passing, used, seen, rng)
            if picked is not None:
                candidates.append(picked)
    chosen = _select(candidates, n, rng)
    counts = Counter(i.type for i in chosen)
    return Quiz(tuple(chosen), tuple(rejected), dict(counts))


def _article_items(
    builder: ItemBuilder,
    article: ArticleText,
    directory: DepartmentDirectory,
    rng: random.Random,
) -> list[list[QuizItem]]:
    """The items each fact of the article makes (one list per fact), then its list question."""
    options: list[list[QuizItem]] = []
    found = _article_facts(article, directory)
    # a false statement changes a figure or a body where the article has one, rather than
    # a modal word
    other = any(f.kind in ("fine", "time_limit", "threshold", "body") for f in found)
    for fact in found:
        made = builder.items(article, fact, rng, modal_false=not other)
        if fact.kind == "term":
            extra = builder.term_false(article, fact, made[0].language if made else "zh")
            made += [extra] if extra else []
        options.append(made)
    listed = builder.list_item(article, rng)
    if listed:
        options.append([listed])
    return options


def _pick(
    passing: list[QuizItem],
    used: Counter[str],
    seen: set[tuple[str, ...]],
    rng: random.Random,
) -> QuizItem | None:
    """One of a fact's passing items, of the type least used so far; None for a duplicate.

    ``used`` and ``seen`` are updated for the item picked.
    """
    if not passing:
        return None
    # the least used type so far, ties broken by the seed
    rng.shuffle(passing)
    item = min(passing, key=lambda i: used[i.type])
    key = (item.source_id, item.kind, normalise(item.fact), normalise(item.context))
    # the same fact in the same words elsewhere (a repeated provision) is a near duplicate
    quoted = re.findall("“([^“”]+)”", item.explanation)[:1]
    near = (item.kind, normalise(item.fact), *map(normalise, quoted))
    if key in seen or near in seen or ("stem", item.stem) in seen:
        return None
    seen.update((key, near, ("stem", item.stem)))
    used[item.type] += 1
    return item


def _select(items: list[QuizItem], n: int | None, rng: random.Random) -> list[QuizItem]:
    """``n`` items spread over types and articles; all when n is None.

    Items that test content (figures, bodies, terms, lists) are taken first, round robin by
    type; items that only ask a modal word fill what is left (issue 18: a pack of 20 asked
    the modal word in 7).
    """
    if n is None or n >= len(items):
        return items
    chosen = round_robin(items, n, rng, type_of=lambda i: i.type, is_content=is_content)
    order = {id(item): i for i, item in enumerate(items)}
    return sorted(chosen, key=lambda i: order[id(i)])


def is_content(item: QuizItem) -> bool:
    """True for an item that tests what a rule says, not only its modal word."""
    return not is_modal_only(item)


def round_robin(
    items: Sequence[T],
    n: int,
    rng: random.Random,
    *,
    type_of: Callable[[T], str],
    is_content: Callable[[T], bool],
) -> list[T]:
    """``n`` of ``items``, content first: round robin by question type over the content items
    (shuffled with ``rng``), then over the rest until ``n`` are taken.

    Args:
        items: The candidates.
        n: How many to take.
        rng: The random source (seeded by the caller).
        type_of: An item's question type.
        is_content: Whether an item tests content.
    """
    chosen: list[T] = []
    for tier in (True, False):
        queues: dict[str, list[T]] = {t: [] for t in QUESTION_TYPES}
        for item in items:
            if is_content(item) == tier:
                queues.setdefault(type_of(item), []).append(item)
        for queue in queues.values():
            rng.shuffle(queue)
        while len(chosen) < n and any(queues.values()):
            for queue in queues.values():
                if queue and len(chosen) < n:
                    chosen.append(queue.pop())
    return chosen
