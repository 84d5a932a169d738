"""Section names of study exports in the pack's language, and how an item's options read."""

from __future__ import annotations

import re

from index.study.questions import StudyItem
from nlp.quiz.items import LETTERS, QuizItem
from nlp.versions.compare import ArticleChange

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


def cite(item: StudyItem, title: str = "") -> str:
    """Where an item comes from: its own law and article, 《上海市安全生产条例》第五十七条
    (a topic pack mixes laws, so never the pack's title while the item has its own).

    Args:
        item: The quiz item.
        title: The law's title when the item does not carry one.
    """
    law = item.title or title
    if not law:
        return item.number
    if re.search(r"[\u4e00-\u9fff]", law + item.number):
        return f"《{law}》{item.number}"
    return f"{item.number}, {law}"


def change_title(change: ArticleChange, zh: bool) -> str:
    """What happened to an article in plain words: 修改第一条, 新增第五条, 删除原第九条,
    修改第十条（原第九条）; never ``changed: 第一条 → 第一条``."""
    old = change.old.number if change.old else ""
    new = change.new.number if change.new else ""
    if change.kind == "added":
        return f"新增{new}" if zh else f"Added {new}"
    if change.kind == "removed":
        return f"删除原{old}" if zh else f"Removed {old}"
    verb = ("修改" if zh else "Changed ") if change.kind == "changed" else ""
    if old and new and old != new:
        was = f"（原{old}）" if zh else f" (was {old})"
        if change.kind == "unchanged":
            return f"{new}{was}，条文未变" if zh else f"{new}{was}, text unchanged"
        return f"{verb}{new}{was}"
    return f"{verb}{new or old}"
