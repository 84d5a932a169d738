"""Section names of study exports in the pack's language, and how an item's options read."""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.study.packs import StudyPack
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


def law_titles(pack: StudyPack) -> dict[str, str]:
    """Each of a pack's documents by its title: the first heading of its outline (the
    document's title), else the title its quiz items carry; for a one-document pack, the pack's
    title."""
    titles = {item.document_id: item.title for item in pack.items if item.title}
    titles.update({e.document_id: e.headings[0] for e in pack.outline if e.headings})
    if pack.scope != "topic":
        for document_id in {p.document_id for p in pack.provisions} - titles.keys():
            titles[document_id] = pack.title
    return titles


def outline_line(headings: Sequence[str], provisions: Sequence[tuple[str, str]], zh: bool) -> str:
    """An outline entry: its headings and the articles under them, 第一章 / 总则：第一条、第二条
    (English: 第一章 / 总则: 第一条, 第二条). ``provisions`` are (provision id, number) pairs."""
    numbers = ("、" if zh else ", ").join(n for _, n in provisions)
    return f"{' / '.join(headings)}{'：' if zh else ': '}{numbers}"


def source(title: str, number: str, zh: bool) -> str:
    """An article as a reader names it: 《示例安全生产法》第十六条 (English: 第十六条, the
    title); the number alone when the title is unknown. Never the internal id (art-16)."""
    if not title:
        return number
    return f"《{title}》{number}" if zh else f"{number}, {title}"


_VERSION = re.compile(r"@(\d{4})-(\d{2})-(\d{2})$")


def version_name(document_id: str, zh: bool) -> str:
    """A version as a reader names it, from its id (``示例安全生产法@2024-04-20``):
    2024年4月20日版 (English: version of 2024-04-20); an id without a date as it is."""
    found = _VERSION.search(document_id)
    if not found:
        return document_id
    year, month, day = (int(part) for part in found.groups())
    return f"{year}年{month}月{day}日版" if zh else f"version of {found[0][1:]}"


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
