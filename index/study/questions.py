"""The quiz section of a study pack: gate-passing items about its articles, spread over types."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from index.study.sources import SourcedArticle, by_document
from nlp.quiz.build import build_quiz, is_content, round_robin
from nlp.quiz.gate import gate
from nlp.quiz.items import QuizItem


@dataclass(frozen=True, slots=True)
class StudyItem:
    """A gate-passing quiz item, the document its source article belongs to and that
    document's title (a topic pack mixes laws: each item cites its own)."""

    quiz: QuizItem
    document_id: str
    number: str
    title: str = ""

    def to_dict(self) -> dict[str, Any]:
        q = self.quiz
        return {
            "type": q.type,
            "stem": q.stem,
            "options": list(q.options),
            "answer": q.answer,
            "explanation": q.explanation,
            "source_id": q.source_id,
            "document_id": self.document_id,
            "number": self.number,
            "title": self.title,
            "difficulty": q.difficulty,
            "kind": q.kind,
            "language": q.language,
        }


def quiz_of(
    articles: Sequence[SourcedArticle], n: int | None, seed: int
) -> tuple[list[StudyItem], dict[str, Any]]:
    """Gate-passing quiz items about the articles, ``n`` at most, spread over the types.

    Distractors are drawn from the whole law (the pool of each document's articles), the items
    are kept only for the articles given.
    """
    wanted = {a.provision_id for a in articles}
    candidates: list[StudyItem] = []
    rejected = 0
    for group in by_document(articles).values():
        law = group[0]
        texts = {a.provision_id: a.article.text for a in group}
        numbers = {a.provision_id: a.article.number for a in group}
        quiz = build_quiz([a.article for a in group], title=law.title, seed=seed)
        rejected += sum(1 for item, _ in quiz.rejected if item.source_id in wanted)
        for item in quiz.items:
            if item.source_id in wanted and not gate(item, texts[item.source_id]):
                candidates.append(
                    StudyItem(item, law.document_id, numbers[item.source_id], law.title)
                )
    chosen = select_items(candidates, n, seed)
    made = len(candidates) + rejected
    stats = {
        "candidates": made,
        "passed": len(candidates),
        "rejected": rejected,
        "pass_rate": round(len(candidates) / made, 4) if made else 1.0,
    }
    return chosen, stats


def select_items(items: Sequence[StudyItem], n: int | None, seed: int) -> list[StudyItem]:
    """``n`` items, those that test content first, round robin over question types (seeded),
    returned in source order (see :func:`nlp.quiz.build.round_robin`)."""
    if n is None or n >= len(items):
        return list(items)
    chosen = round_robin(
        items,
        n,
        random.Random(seed),
        type_of=lambda i: i.quiz.type,
        is_content=lambda i: is_content(i.quiz),
    )
    order = {id(item): i for i, item in enumerate(items)}
    return sorted(chosen, key=lambda i: order[id(i)])
