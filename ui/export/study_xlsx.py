"""A study pack's quiz as an XLSX question bank in the columns training systems import."""

from __future__ import annotations

from collections.abc import Sequence

from index.study.questions import StudyItem
from nlp.quiz.items import LETTERS
from ui.export.study_labels import TYPE_LABELS_ZH, cite
from ui.export.tables import to_xlsx

COLUMNS = ("题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "解析", "出处")


def bank_rows(items: Sequence[StudyItem], title: str = "") -> list[dict[str, str]]:
    """One row per item: 题型 in Chinese, options A–D (判断题: 正确/错误 in A and B), 出处 the
    item's own law and article (``title`` only for items that carry no law)."""
    rows = []
    for item in items:
        q = item.quiz
        options = dict(zip(LETTERS, q.options, strict=False))
        rows.append(
            {
                "题型": TYPE_LABELS_ZH[q.type],
                "题干": q.stem,
                **{f"选项{letter}": options.get(letter, "") for letter in LETTERS},
                "答案": q.answer,
                "解析": q.explanation,
                "出处": cite(item, title),
            }
        )
    return rows


def bank_xlsx(items: Sequence[StudyItem], title: str = "") -> bytes:
    """The question bank as one sheet (text cells only: nothing from the law runs as a formula)."""
    return to_xlsx(bank_rows(items, title), COLUMNS, "题库", f"{title}题库" if title else "")
