"""Section names of study exports in the pack's language, and how an item's options read."""

from __future__ import annotations

import re

from nlp.quiz.items import LETTERS, QuizItem

# Question types as training systems label them (the XLSX bank's 题型 column).
TYPE_LABELS_ZH = {
    "single": "单选题",
    "multiple": "多选题",
    "true_false": "判断题",
    "fill_blank": "填空题",
}
_ZH = {
    "zh": "1",
    "pack": "学习资料",
    "outline": "提纲",
    "provisions": "重点条款",
    "terms": "术语定义",
    "duties": "主体义务",
    "figures": "数字要点",
    "quiz": "练习题",
    "key": "参考答案",
    "changes": "修订要点",
    "articles": "条款变化",
    "answer": "答案",
}
_EN = {
    "zh": "",
    "pack": "study pack",
    "outline": "Outline",
    "provisions": "Key provisions",
    "terms": "Defined terms",
    "duties": "Duties by bearer",
    "figures": "Figures to remember",
    "quiz": "Quiz",
    "key": "Answer key",
    "changes": "What changed",
    "articles": "Changed articles",
    "answer": "Answer",
}


def labels_for(title: str) -> dict[str, str]:
    """Chinese section names for a Chinese title, else English."""
    return _ZH if re.search(r"[\u4e00-\u9fff]", title) else _EN


def option_lines(item: QuizItem) -> list[str]:
    """ "A. …" lines of a choice item; none for true/false and fill-in-the-blank."""
    if item.type not in ("single", "multiple"):
        return []
    return [f"{letter}. {text}" for letter, text in zip(LETTERS, item.options, strict=False)]
