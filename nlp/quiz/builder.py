"""Items of one fact: the wording, the distractors and the four question types for it."""

from __future__ import annotations

import random
from collections.abc import Sequence

from nlp.bodies.departments import DepartmentDirectory
from nlp.legal.quantities import find_quantities
from nlp.legal.terms import collect_terms
from nlp.quiz import facts
from nlp.quiz.bearers import bearer_distractors, bearer_swap, law_bearers
from nlp.quiz.facts import Fact, normalise
from nlp.quiz.items import BLANK, FILL, LETTERS, TRUE_FALSE, QuizItem
from nlp.quiz.quality import is_self_contained
from nlp.text import has_cjk
from nlp.versions.compare import ArticleText, article_body

# Difficulty by question type, one step up for figures asked without options.
_DIFFICULTY = {"true_false": 1, "single": 2, "multiple": 3, "fill_blank": 2}


class ItemBuilder:
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
        self.bearers = law_bearers([a.text for a in articles], directory)

    # -- wording --

    def cite(self, article: ArticleText, lang: str) -> str:
        """The stem's opening words naming the law and the article ("根据《…》第五条，")."""
        if lang == "zh":
            return (
                f"根据《{self.title}》{article.number}，"
                if self.title
                else f"根据{article.number}，"
            )
        of = f" of the {self.title}" if self.title else ""
        return f"Under {article.number}{of}, "

    def explain(self, article: ArticleText, fact: Fact, lang: str) -> str:
        """The explanation: the article cited and the sentence of the fact quoted."""
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
        """The items one fact makes, before the gate.

        Args:
            article: The article the fact is in.
            fact: The fact.
            rng: The quiz's random source (distractors, option order, true or false).
            modal_false: Whether a false statement may change a modal word (not where the
                article has a figure or a body to change instead).

        Returns:
            A single choice where there are three distractors, a blank to fill for a figure or
            a term, and a true/false statement where the fact's clause is short enough.
        """
        lang = "zh" if has_cjk(article.text) else "en"
        before, after = _around(article.text, fact.span, fact.context)
        wrong = self.distractors(article, fact, lang, rng)
        out: list[QuizItem] = []
        if len(wrong) >= 3:
            options = [fact.text, *wrong[:3]]
            rng.shuffle(options)
            answer = LETTERS[options.index(fact.text)]
            cloze = before + BLANK[lang] + after
            out.append(self._item(article, fact, lang, "single", cloze, tuple(options), answer))
        if fact.kind in ("fine", "time_limit", "threshold", "term"):
            cloze = before + FILL + after
            out.append(self._item(article, fact, lang, "fill_blank", cloze, (), fact.text))
        statement = self._true_false(article, fact, lang, wrong, rng, modal_false=modal_false)
        return [*out, statement] if statement else out

    def _true_false(
        self,
        article: ArticleText,
        fact: Fact,
        lang: str,
        wrong: list[str],
        rng: random.Random,
        *,
        modal_false: bool,
    ) -> QuizItem | None:
        """The fact's clause as a true statement, or with the fact changed as a false one."""
        text = article.text
        # a true/false statement quotes the clause of the fact, not a whole long article
        clause = facts.statement_around(text, fact.span, fact.context)
        if clause is None or not is_self_contained(text[clause[0] : clause[1]]):
            return None  # a fragment ("其他应当修订的情形") is neither true nor false
        change = self.false_change(fact, wrong, lang)
        if fact.kind == "modality" and change:
            permissible = fact.detail != "obligation" or facts.is_permissible_swap(
                text, fact.span, clause
            )
            change = change if modal_false and permissible else ""
        right, false = TRUE_FALSE[lang]
        if fact.kind == "bearer" and not change:
            return None  # the clause as a true statement is the modal fact's item already
        if change and (fact.kind == "bearer" or rng.random() < 0.5):
            before, after = _around(text, fact.span, clause)
            statement = before + change + after
            return self._item(
                article, fact, lang, "true_false", statement, (right, false), false, change
            )
        statement = text[clause[0] : clause[1]]
        return self._item(article, fact, lang, "true_false", statement, (right, false), right)

    def _item(
        self,
        article: ArticleText,
        fact: Fact,
        lang: str,
        question_type: str,
        context: str,
        options: tuple[str, ...],
        answer: str,
        changed: str = "",
    ) -> QuizItem:
        """An item asking about ``fact`` with ``context`` as its question, cited and explained.

        A true statement is the easiest item there is (difficulty 1); the others go by their
        type and the fact's kind.
        """
        true_statement = question_type == "true_false" and not changed
        return QuizItem(
            question_type,
            self.cite(article, lang) + context + ("。" if lang == "zh" else "."),
            options,
            answer,
            explanation=self.explain(article, fact, lang),
            source_id=article.key,
            difficulty=1 if true_statement else _difficulty(question_type, fact),
            kind=fact.kind,
            fact=fact.text,
            context=context,
            changed=changed,
            language=lang,
        )

    def distractors(
        self, article: ArticleText, fact: Fact, lang: str, rng: random.Random
    ) -> list[str]:
        """Wrong answers of the fact's kind: other figures, modal words, bodies or terms."""
        if fact.quantity is not None:
            pool = list(self.figures)
            rng.shuffle(pool)
            return facts.figure_distractors(fact, article.text, pool, 3)
        if fact.kind == "modality":
            return list(facts.MODAL_DISTRACTORS.get((lang, fact.detail), ()))
        if fact.kind == "bearer":
            return bearer_distractors(fact, article.text, self.bearers, rng)
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
        """The words a false statement puts in place of the fact ("" when there are none)."""
        if fact.kind == "modality":
            word = fact.text if lang == "zh" else " ".join(fact.text.lower().split())
            return facts.MODAL_FLIP.get(word, "")
        if fact.kind == "term":
            return ""  # a term's statement is changed through its definition; see term_false
        if fact.kind == "bearer":
            return bearer_swap(fact, wrong)
        return wrong[0] if wrong else ""

    def list_item(self, article: ArticleText, rng: random.Random) -> QuizItem | None:
        """A multiple choice on what an article's enumerated list includes, if it has one."""
        lead, items = self.lists[article.key]
        lead = article_body(lead, article.number)  # "第三十九条 有关…" → "有关…"
        lang = "zh" if has_cjk(article.text) else "en"
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
        """A false statement giving a defined term another term's definition (Chinese only)."""
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


def _around(text: str, span: tuple[int, int], context: tuple[int, int]) -> tuple[str, str]:
    """The words of ``context`` before and after the fact at ``span``."""
    return text[context[0] : span[0]], text[span[1] : context[1]]


def _difficulty(question_type: str, fact: Fact) -> int:
    level = _DIFFICULTY[question_type]
    if fact.kind in ("fine", "time_limit", "threshold") and question_type != "true_false":
        level += 1
    return min(level, 3)
