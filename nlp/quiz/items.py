"""Quiz items from articles, each with its answer key, explanation and source, and a quality gate.

Training teams need questions that are right to the letter of the law (issue 7): every item is
built from one fact at one place in one article (a fine, a time limit, a threshold, a body, a
modal word, a defined term, an enumerated list) and says where it comes from. Wrong answers are
of the same kind and never also right; a false statement changes one fact. :func:`gate` checks
each item against the cited text, and :func:`build_quiz` drops what fails it, keeping the
rejects and their reasons. Pure and deterministic for a seed.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from nlp.legal.quantities import find_quantities
from nlp.legal.terms import collect_terms
from nlp.plans.departments import DepartmentDirectory
from nlp.quiz import facts
from nlp.quiz.facts import Fact, normalise
from nlp.versions.compare import ArticleText, article_body

QUESTION_TYPES = ("single", "multiple", "true_false", "fill_blank")
FACT_KINDS = ("fine", "time_limit", "threshold", "body", "modality", "term", "list")
LETTERS = "ABCD"
BLANK = {"zh": "（　　）", "en": "(    )"}
FILL = "______"
TRUE_FALSE = {"zh": ("正确", "错误"), "en": ("True", "False")}
# Difficulty by question type, one step up for figures asked without options.
_DIFFICULTY = {"true_false": 1, "single": 2, "multiple": 3, "fill_blank": 2}
_STOP_WORDS = {"的", "和", "或者", "以及", "应当", "可以", "不得", "the", "and", "or", "of"}


@dataclass(frozen=True, slots=True)
class QuizItem:
    """One question with its key.

    Attributes:
        type: "single", "multiple", "true_false" or "fill_blank".
        stem: The question as shown.
        options: Option texts A–D for choice questions; ("正确", "错误") or ("True", "False")
            for true/false; () for fill-in-the-blank.
        answer: Letters ("B", "ACD"), "正确"/"错误" (True/False), or the words that fill the
            blank.
        explanation: Why, quoting the source article.
        source_id: The article's id.
        difficulty: 1 (easy) to 3 (hard).
        kind: The kind of fact tested: one of :data:`FACT_KINDS`.
        fact: The fact as the source states it.
        context: The source sentence with the fact blanked ("…处（　　）的罚款"), or the statement
            judged for true/false, or the list's lead-in for a multiple choice.
        changed: For a false statement, the words put in place of ``fact``.
        language: "zh" or "en".
    """

    type: str
    stem: str
    options: tuple[str, ...]
    answer: str
    explanation: str
    source_id: str
    difficulty: int
    kind: str
    fact: str
    context: str = ""
    changed: str = ""
    language: str = "zh"

    def __post_init__(self) -> None:
        if self.type not in QUESTION_TYPES:
            raise ValueError(f"question type must be one of {QUESTION_TYPES}, not {self.type!r}")
        if self.kind not in FACT_KINDS:
            raise ValueError(f"fact kind must be one of {FACT_KINDS}, not {self.kind!r}")
        if not 1 <= self.difficulty <= 3:
            raise ValueError(f"difficulty must be 1..3, not {self.difficulty}")

    @property
    def correct_options(self) -> tuple[str, ...]:
        """The option texts the answer letters name (choice questions only)."""
        if self.type not in ("single", "multiple"):
            return ()
        return tuple(self.options[LETTERS.index(c)] for c in self.answer if c in LETTERS)


@dataclass(frozen=True, slots=True)
class Quiz:
    """Items that passed the gate, and the ones dropped with their problems."""

    items: tuple[QuizItem, ...]
    rejected: tuple[tuple[QuizItem, tuple[str, ...]], ...] = ()
    counts: dict[str, int] = field(default_factory=dict)


# --- the gate --------------------------------------------------------------------------------


def gate(item: QuizItem, source_text: str) -> list[str]:
    """Return the item's problems against its cited article text; empty when it passes.

    Checks: the answer is stated by the source (numerals normalised, 一 = 1); no wrong option or
    false statement is; the stem does not contain the answer; options are four and distinct;
    a blank holds a figure or a term, not a function word; the explanation's quote is in the
    source.

    Args:
        item: The item.
        source_text: The text of the article ``item.source_id`` names.
    """
    problems: list[str] = []
    source = normalise(source_text)
    stem = normalise(item.stem)
    if normalise(item.fact) not in source:
        problems.append(f"the fact {item.fact!r} is not in the source")
    quotes = re.findall("“([^“”]+)”", item.explanation)
    if not quotes or any(normalise(q) not in source for q in quotes):
        problems.append("the explanation does not quote the source")
    if item.type in ("single", "multiple"):
        problems += _gate_choice(item, source_text, source, stem)
    elif item.type == "true_false":
        right, wrong = TRUE_FALSE[item.language]
        stated = normalise(item.context) in source
        if item.answer not in (right, wrong) or tuple(item.options) != (right, wrong):
            problems.append("a true/false item needs the options and answer true/false")
        elif item.answer == right and not stated:
            problems.append("the statement marked true is not stated by the source")
        elif item.answer == wrong and (
            stated or not item.changed or _is_supported(item, item.changed, source_text, source)
        ):
            problems.append("the statement marked false is supported by the source")
    else:
        answer = normalise(item.answer)
        if answer not in source or not _fills(item, item.answer, source):
            problems.append("the blank's answer is not stated by the source")
        if answer in stem:
            problems.append("the stem gives the answer away")
        if len(answer) < 2 or answer in _STOP_WORDS:
            problems.append("the blank holds a function word")
        if item.kind != "term" and not find_quantities(item.answer):
            problems.append("the blank holds neither a figure nor a term")
    return problems


def _gate_choice(item: QuizItem, source_text: str, source: str, stem: str) -> list[str]:
    problems = []
    if len(item.options) != 4 or len({normalise(o) for o in item.options}) != 4:
        problems.append("a choice item needs four distinct options")
    letters = set(item.answer)
    if not letters or not letters <= set(LETTERS[: len(item.options)]):
        return [*problems, f"answer {item.answer!r} names no option"]
    if (item.type == "single") != (len(letters) == 1):
        problems.append("a single choice has one answer, a multiple choice more")
    for letter, option in zip(LETTERS, item.options, strict=False):
        supported = _is_supported(item, option, source_text, source)
        if letter in letters and not supported:
            problems.append(f"option {letter} (the answer) is not supported by the source")
        if letter in letters and normalise(option) in stem:
            problems.append(f"the stem gives the answer away (option {letter})")
        if letter not in letters and supported:
            problems.append(f"option {letter} (a distractor) is supported by the source")
    return problems


def _fills(item: QuizItem, words: str, source: str) -> bool:
    blank = BLANK[item.language] if item.type != "fill_blank" else FILL
    return blank in item.context and normalise(item.context.replace(blank, words)) in source


def _is_supported(item: QuizItem, option: str, source_text: str, source: str) -> bool:
    """True when the source states ``option`` for this item's fact."""
    if item.type == "multiple" or item.kind == "list":
        return normalise(option) in source
    if _fills(item, option, source):
        return True
    if item.type == "true_false" and normalise(option) == normalise(item.fact):
        return True
    if item.kind == "body":
        return normalise(option) in source
    if item.kind in ("fine", "time_limit", "threshold"):
        stated = find_quantities(source_text)
        kinds = {q.kind for q in stated if q.text == item.fact} or {"fine"}
        for q in find_quantities(option):
            for kind in kinds:
                candidate = facts.Quantity(kind, q.low, q.high, q.unit, q.text, q.span)
                if facts.is_stated(candidate, stated):
                    return True
    return False


# --- building items --------------------------------------------------------------------------


class _Builder:
    """Makes items of one law's articles; holds the law-wide pools of distractors."""

    def __init__(
        self, articles: Sequence[ArticleText], title: str, directory: DepartmentDirectory
    ) -> None:
        self.articles = articles
        self.title = title
        self.directory = directory
        self.figures = [q for a in articles for q in find_quantities(a.text)]
        self.terms = collect_terms(articles)
        # canonical names: the law's own bodies first, then the rest of the table
        ids = [f.detail for a in articles for f in facts.body_facts(a.text, directory)]
        ids += [d.id for d in directory.departments]
        self.bodies: dict[str, str] = {}
        for dept_id in ids:
            dept = directory.get(dept_id)
            if dept and facts.BODY_HEAD.search(dept.name_zh):
                self.bodies.setdefault(dept_id, dept.name_zh)
        self.own_bodies = len(set(ids[: len(ids) - len(directory.departments)]))
        self.lists = {a.key: facts.list_items(a.text) for a in articles}

    # -- wording --

    def cite(self, article: ArticleText, lang: str) -> str:
        if lang == "zh":
            return (
                f"根据《{self.title}》{article.number}，"
                if self.title
                else f"根据{article.number}，"
            )
        of = f" of the {self.title}" if self.title else ""
        return f"Under {article.number}{of}, "

    def explain(self, article: ArticleText, fact: Fact, lang: str) -> str:
        quote = article.text[fact.context[0] : fact.context[1]]
        if lang == "zh":
            return f"依据《{self.title}》{article.number}：“{quote}”"
        return f"See {article.number}{f' of the {self.title}' if self.title else ''}: “{quote}”"

    # -- items of one fact --

    def items(
        self,
        article: ArticleText,
        fact: Fact,
        rng: random.Random,
        *,
        modal_false: bool = True,
    ) -> list[QuizItem]:
        lang = "zh" if facts.is_chinese(article.text) else "en"
        text = article.text
        s, e = fact.context
        before, after = text[s : fact.span[0]], text[fact.span[1] : e]
        wrong = self.distractors(article, fact, lang, rng)
        base = {
            "explanation": self.explain(article, fact, lang),
            "source_id": article.key,
            "kind": fact.kind,
            "fact": fact.text,
            "language": lang,
        }
        cite = self.cite(article, lang)
        end = "。" if lang == "zh" else "."
        out: list[QuizItem] = []
        if len(wrong) >= 3:
            options = [fact.text, *wrong[:3]]
            rng.shuffle(options)
            cloze = before + BLANK[lang] + after
            out.append(
                QuizItem(
                    "single",
                    cite + cloze + end,
                    tuple(options),
                    LETTERS[options.index(fact.text)],
                    difficulty=_difficulty("single", fact),
                    context=cloze,
                    **base,
                )
            )
        if fact.kind in ("fine", "time_limit", "threshold", "term"):
            cloze = before + FILL + after
            out.append(
                QuizItem(
                    "fill_blank",
                    cite + cloze + end,
                    (),
                    fact.text,
                    difficulty=_difficulty("fill_blank", fact),
                    context=cloze,
                    **base,
                )
            )
        right, false = TRUE_FALSE[lang]
        # a true/false statement quotes the clause of the fact, not a whole long article
        clause = facts.statement_around(text, fact.span, fact.context)
        if clause is None:
            return out
        s, e = clause
        before, after = text[s : fact.span[0]], text[fact.span[1] : e]
        change = self.false_change(fact, wrong, lang)
        if fact.kind == "modality" and change:
            permissible = fact.detail != "obligation" or facts.is_permissible_swap(
                text, fact.span, clause
            )
            change = change if modal_false and permissible else ""
        if change and rng.random() < 0.5:
            statement = before + change + after
            out.append(
                QuizItem(
                    "true_false",
                    cite + statement + end,
                    (right, false),
                    false,
                    difficulty=_difficulty("true_false", fact),
                    context=statement,
                    changed=change,
                    **base,
                )
            )
        else:
            statement = text[s:e]
            out.append(
                QuizItem(
                    "true_false",
                    cite + statement + end,
                    (right, false),
                    right,
                    difficulty=1,
                    context=statement,
                    **base,
                )
            )
        return out

    def distractors(
        self, article: ArticleText, fact: Fact, lang: str, rng: random.Random
    ) -> list[str]:
        if fact.quantity is not None:
            pool = list(self.figures)
            rng.shuffle(pool)
            return facts.figure_distractors(fact, article.text, pool, 3)
        if fact.kind == "modality":
            return list(facts.MODAL_DISTRACTORS.get((lang, fact.detail), ()))
        if fact.kind == "body" and lang == "zh":
            named = {m.department.id for m in self.directory.find(article.text) if m.department}
            source = normalise(article.text)
            head = facts.BODY_HEAD.search(fact.text)
            names = [
                n
                for dept_id, n in self.bodies.items()
                if dept_id not in named
                and normalise(n) not in source
                and head is not None
                and n.endswith(head.group(0))
            ]
            # the law's own bodies first (they are in the pool first), then the table's
            own = [n for i, n in enumerate(names) if i < self.own_bodies]
            rest = names[len(own) :]
            rng.shuffle(own)
            rng.shuffle(rest)
            return (own + rest)[:3]
        if fact.kind == "term":
            others = [t.term for t in self.terms if t.term != fact.text]
            rng.shuffle(others)
            return others[:3]
        return []

    def false_change(self, fact: Fact, wrong: list[str], lang: str) -> str:
        if fact.kind == "modality":
            word = fact.text if lang == "zh" else " ".join(fact.text.lower().split())
            return facts.MODAL_FLIP.get(word, "")
        if fact.kind == "term":
            return ""  # a term's statement is changed through its definition; see term_false
        return wrong[0] if wrong else ""

    def list_item(self, article: ArticleText, rng: random.Random) -> QuizItem | None:
        lead, items = self.lists[article.key]
        lead = article_body(lead, article.number)  # "第三十九条 有关…" → "有关…"
        lang = "zh" if facts.is_chinese(article.text) else "en"
        items = [i for i in items if 4 <= len(i) <= 60]
        if not lead or len(items) < 3:
            return None
        source = normalise(article.text)
        # wrong items from the lists most like this one (same lead words, same ending in 的)
        ends = sum(i.endswith("的") for i in items) * 2 > len(items)
        fines = any("罚款" in i for i in items)
        ranked = sorted(
            (
                (-len(set(lead) & set(other_lead)), i)
                for key, (other_lead, its) in self.lists.items()
                if key != article.key
                for i in its
                if 4 <= len(i) <= 60
                and normalise(i) not in source
                and i.endswith("的") == ends
                and ("罚款" in i) == fines
            ),
        )
        others = [i for _, i in ranked[:12]]
        n_right = 3 if len(items) >= 4 and rng.random() < 0.5 else 2
        if len(others) < 4 - n_right:
            return None
        right = rng.sample(items, n_right)
        wrong = rng.sample(sorted(set(others)), 4 - n_right)
        options = right + wrong
        rng.shuffle(options)
        answer = "".join(LETTERS[options.index(r)] for r in sorted(right, key=options.index))
        if lang == "zh":
            stem = f"{self.cite(article, lang)}“{lead}”。下列属于该条所列内容的有（　　）。"
            explanation = f"依据《{self.title}》{article.number}：“{lead}”，所列包括：" + "；".join(
                f"“{i}”" for i in right
            )
        else:
            stem = f"{self.cite(article, lang)}“{lead}”. Which of the following does it list?"
            explanation = f"See {article.number}: “{lead}”; it lists " + "; ".join(
                f"“{i}”" for i in right
            )
        return QuizItem(
            "multiple",
            stem,
            tuple(options),
            answer,
            explanation,
            article.key,
            3,
            "list",
            fact=right[0],
            context=lead,
            language=lang,
        )

    def term_false(self, article: ArticleText, fact: Fact, lang: str) -> QuizItem | None:
        other = next((t for t in self.terms if t.term != fact.text), None)
        if other is None or lang != "zh":
            return None
        statement = f"{fact.text}，是指{other.definition}"
        if len(statement) > facts.MAX_STATEMENT:
            return None
        right, false = TRUE_FALSE[lang]
        return QuizItem(
            "true_false",
            f"{self.cite(article, lang)}{statement}。",
            (right, false),
            false,
            self.explain(article, fact, lang),
            article.key,
            2,
            "term",
            fact=fact.text,
            context=statement,
            changed=other.definition,
            language=lang,
        )


def _difficulty(question_type: str, fact: Fact) -> int:
    level = _DIFFICULTY[question_type]
    if fact.kind in ("fine", "time_limit", "threshold") and question_type != "true_false":
        level += 1
    return min(level, 3)


def _article_facts(article: ArticleText, directory: DepartmentDirectory) -> list[Fact]:
    text = article.text
    terms = collect_terms([text])
    found = facts.quantity_facts(text) + facts.term_facts(text, terms)
    found += facts.body_facts(text, directory) + facts.modal_facts(text)
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
    builder = _Builder(articles, title, directory)
    by_id = {a.key: a for a in articles}
    used: Counter[str] = Counter()
    candidates: list[QuizItem] = []
    rejected: list[tuple[QuizItem, tuple[str, ...]]] = []
    seen: set[tuple[str, ...]] = set()
    for article in articles:
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
        for made in options:
            passing = []
            for item in made:
                if item.type not in types:
                    continue
                problems = gate(item, by_id[item.source_id].text)
                if problems:
                    rejected.append((item, tuple(problems)))
                else:
                    passing.append(item)
            if not passing:
                continue
            # the least used type so far, ties broken by the seed
            rng.shuffle(passing)
            item = min(passing, key=lambda i: used[i.type])
            key = (item.source_id, item.kind, normalise(item.fact), normalise(item.context))
            # the same fact in the same words elsewhere (a repeated provision) is a near duplicate
            quoted = re.findall("“([^“”]+)”", item.explanation)[:1]
            near = (item.kind, normalise(item.fact), *map(normalise, quoted))
            if key in seen or near in seen or ("stem", item.stem) in seen:
                continue
            seen.update((key, near, ("stem", item.stem)))
            used[item.type] += 1
            candidates.append(item)
    chosen = _select(candidates, n, rng)
    counts = Counter(i.type for i in chosen)
    return Quiz(tuple(chosen), tuple(rejected), dict(counts))


def _select(items: list[QuizItem], n: int | None, rng: random.Random) -> list[QuizItem]:
    """``n`` items spread over types and articles (round robin by type); all when n is None."""
    if n is None or n >= len(items):
        return items
    queues: dict[str, list[QuizItem]] = {}
    for item in items:
        queues.setdefault(item.type, []).append(item)
    for queue in queues.values():
        rng.shuffle(queue)
    chosen: list[QuizItem] = []
    while len(chosen) < n:
        for t in QUESTION_TYPES:
            if queues.get(t) and len(chosen) < n:
                chosen.append(queues[t].pop())
    order = {id(item): i for i, item in enumerate(items)}
    return sorted(chosen, key=lambda i: order[id(i)])
