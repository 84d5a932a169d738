"""What changed between two versions of a text, for trainers: the aligned comparison, a short
briefing of the substantive changes (new duties, changed figures, added and removed articles) and
quiz items about the changed figures, each citing the new version's article."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from index.library.browse import compare
from index.store.database import Store
from index.study.questions import StudyItem
from index.study.sections import FIGURE_KINDS, sentence_at
from index.study.sources import document_articles
from nlp.legal.duties import Duty, find_duties
from nlp.legal.quantities import Quantity, find_quantities
from nlp.quiz.build import build_quiz
from nlp.quiz.gate import gate
from nlp.quiz.items import LETTERS
from nlp.versions.compare import ArticleChange, ArticleText, article_body

# where the sentence of a duty with no bearer opens
_CLAUSE_STARTS = ("。", "；", ";", "\n", "：", ":", ". ")
_FIGURE_WORDS = {
    "zh": {
        "fine": "罚款",
        "fine_multiple": "罚款倍数",
        "income_share": "罚款比例",
        "time_limit": "期限",
        "period": "周期",
        "detention": "拘留",
        "threshold": "数量标准",
    },
    "en": {
        "fine": "fine",
        "fine_multiple": "fine multiple",
        "income_share": "share of income",
        "time_limit": "time limit",
        "period": "period",
        "detention": "detention",
        "threshold": "threshold",
    },
}


@dataclass(frozen=True, slots=True)
class FigureChange:
    """A figure that differs between an aligned old and new article (None: added or dropped)."""

    kind: str
    old_number: str
    new_number: str
    new_provision_id: str
    old_text: str | None
    new_text: str | None
    subject: str = ""
    context: str = ""  # the new sentence (the old one when the figure was dropped)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "old_number": self.old_number,
            "new_number": self.new_number,
            "source_id": self.new_provision_id,
            "old": self.old_text,
            "new": self.new_text,
            "context": self.context,
        }


@dataclass(frozen=True, slots=True)
class NewDuty:
    """A duty the new version imposes that the old one did not (in a changed or added article)."""

    bearer: str
    kind: str
    text: str
    number: str
    provision_id: str
    added_article: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "bearer": self.bearer,
            "kind": self.kind,
            "text": self.text,
            "number": self.number,
            "source_id": self.provision_id,
            "added_article": self.added_article,
        }


@dataclass(frozen=True, slots=True)
class StudyChanges:
    """The comparison of two versions and its briefing."""

    title: str
    old_id: str
    new_id: str
    counts: dict[str, int]
    changes: tuple[ArticleChange, ...]  # added, removed and changed only, in new reading order
    new_duties: tuple[NewDuty, ...]
    figures: tuple[FigureChange, ...]
    briefing: tuple[str, ...]
    items: tuple[StudyItem, ...] = ()
    language: str = "zh"
    gate: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The CLI's JSON form of `policylens study-diff`."""
        return {
            "title": self.title,
            "old_id": self.old_id,
            "new_id": self.new_id,
            "counts": self.counts,
            "briefing": list(self.briefing),
            "changes": [_change_dict(c) for c in self.changes],
            "new_duties": [d.to_dict() for d in self.new_duties],
            "figures": [f.to_dict() for f in self.figures],
            "items": [i.to_dict() for i in self.items],
        }


def _change_dict(c: ArticleChange) -> dict[str, Any]:
    return {
        "kind": c.kind,
        "old_number": c.old.number if c.old else None,
        "new_number": c.new.number if c.new else None,
        "old_id": c.old.key if c.old else None,
        "new_id": c.new.key if c.new else None,
        "renumbered": c.renumbered,
        "similarity": round(c.similarity, 4),
        "diff": [{"op": s.op, "text": s.text} for s in c.diff],
    }


def _figures(text: str) -> list[Quantity]:
    return [q for q in find_quantities(text) if q.kind in FIGURE_KINDS]


def figure_changes(change: ArticleChange) -> list[FigureChange]:
    """The figures of an aligned pair that differ, paired by kind in reading order.

    Args:
        change: A "changed" article of :func:`nlp.versions.compare.compare_versions`.
    """
    if change.old is None or change.new is None:
        return []
    old_text, new_text = change.old.text, change.new.text
    olds, news = _figures(old_text), _figures(new_text)
    out = []
    for kind in dict.fromkeys(q.kind for q in olds + news):
        a = [q for q in olds if q.kind == kind]
        b = [q for q in news if q.kind == kind]
        for i in range(max(len(a), len(b))):
            o = a[i] if i < len(a) else None
            n = b[i] if i < len(b) else None
            if o and n and (o.low, o.high, o.unit) == (n.low, n.high, n.unit):
                continue
            shown = n or o
            assert shown is not None
            out.append(
                FigureChange(
                    kind,
                    change.old.number,
                    change.new.number,
                    change.new.key,
                    o.text if o else None,
                    n.text if n else None,
                    shown.subject,
                    sentence_at(new_text if n else old_text, *shown.span),
                )
            )
    return out


def _duty_key(d: Duty) -> tuple[str, str, str]:
    return d.bearer, d.kind, d.modal


def new_duties(change: ArticleChange) -> list[NewDuty]:
    """Duties of the new article whose bearer, kind and modal the old article lacks (all of an
    added article's duties).

    Args:
        change: An "added" or "changed" article.
    """
    if change.new is None:
        return []
    body = article_body(change.new.text, change.new.number)
    new = find_duties(body)
    old = find_duties(article_body(change.old.text, change.old.number)) if change.old else []
    left = Counter(_duty_key(d) for d in old)
    out = []
    for d in new:
        if left[_duty_key(d)]:
            left[_duty_key(d)] -= 1
            continue
        out.append(
            NewDuty(
                d.bearer,
                d.kind,
                f"{d.modal}{d.text}" if d.bearer else _statement(body, d),
                change.new.number,
                change.new.key,
                change.old is None,
            )
        )
    return out


def _statement(body: str, duty: Duty) -> str:
    """A duty that names no bearer, as its whole clause: "安全设施投资应当纳入建设项目概算"."""
    modal_start = duty.span[0] - len(duty.modal)
    while modal_start > 0 and body[modal_start : modal_start + len(duty.modal)] != duty.modal:
        modal_start -= 1  # white space may stand between the modal and its clause
    start = max(body.rfind(c, 0, modal_start) for c in _CLAUSE_STARTS) + 1
    return body[start : duty.span[1]].strip()


def _briefing(
    lang: str,
    counts: dict[str, int],
    changes: list[ArticleChange],
    duties: list[NewDuty],
    figures: list[FigureChange],
) -> list[str]:
    zh = lang == "zh"
    words = _FIGURE_WORDS[lang]
    lines = [
        f"新增{counts['added']}条，删除{counts['removed']}条，修改{counts['changed']}条，"
        f"{counts['renumbered']}条条号变化。"
        if zh
        else f"{counts['added']} articles added, {counts['removed']} removed, "
        f"{counts['changed']} changed, {counts['renumbered']} renumbered."
    ]
    for f in figures:
        was = f"（原{f.old_number}）" if zh else f" (was {f.old_number})"
        was = was if f.old_number != f.new_number else ""
        what = words.get(f.kind, f.kind)
        if zh:
            change = (
                f"由{f.old_text}改为{f.new_text}"
                if f.old_text and f.new_text
                else f"新增{f.new_text}"
                if f.new_text
                else f"删去{f.old_text}"
            )
            lines.append(f"{f.new_number}{was}：{f.subject}{what}{change}。")
        else:
            change = (
                f"from {f.old_text} to {f.new_text}"
                if f.old_text and f.new_text
                else f"added: {f.new_text}"
                if f.new_text
                else f"dropped: {f.old_text}"
            )
            lines.append(f"{f.new_number}{was}: {what} {change}.")
    for d in duties:
        tag = ("（新增条款）" if zh else " (new article)") if d.added_article else ""
        said = (f"{d.bearer}{d.text}" if zh else f"{d.bearer} {d.text}").strip().rstrip("：:")
        lines.append(f"{d.number}{tag}：{said}。" if zh else f"{d.number}{tag}: {said}.")
    for c in changes:
        if c.kind == "added" and c.new and not any(d.provision_id == c.new.key for d in duties):
            lines.append(f"新增{c.new.number}。" if zh else f"New {c.new.number}.")
        elif c.kind == "removed" and c.old:
            body = _short(article_body(c.old.text, c.old.number))
            lines.append(
                f"删除原{c.old.number}（{body}）。" if zh else f"Removed {c.old.number} ({body})."
            )
    return lines


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _change_items(
    new_articles: list[ArticleText],
    document_id: str,
    title: str,
    figures: list[FigureChange],
    seed: int,
) -> tuple[list[StudyItem], dict[str, Any]]:
    """Gated items whose answer is a changed figure; a single choice offers the old figure as a
    distractor where the new text no longer states it."""
    texts = {a.key: a.text for a in new_articles}
    numbers = {a.key: a.number for a in new_articles}
    wanted = {(f.new_provision_id, f.new_text) for f in figures if f.new_text}
    old_of = {(f.new_provision_id, f.new_text): f.old_text for f in figures}
    # a single choice first (it can offer the old figure), else whatever the quiz made
    singles = build_quiz(new_articles, title=title, seed=seed, types=("single",)).items
    others = build_quiz(new_articles, title=title, seed=seed).items
    out = []
    for item in (*singles, *others):
        key = (item.source_id, item.fact)
        if key not in wanted:
            continue
        wanted.discard(key)
        old = old_of.get(key)
        if item.type == "single" and old and old not in item.options:
            right = LETTERS.index(item.answer)
            slot = next(i for i in range(len(item.options)) if i != right)
            options = list(item.options)
            options[slot] = old
            swapped = replace(item, options=tuple(options))
            if not gate(swapped, texts[item.source_id]):
                item = swapped
        if not gate(item, texts[item.source_id]):
            out.append(StudyItem(item, document_id, numbers[item.source_id], title))
    return out, {"figures": len(old_of), "items": len(out)}


def study_changes(store: Store, old_ref: str, new_ref: str, *, seed: int = 0) -> StudyChanges:
    """Compare two stored versions and brief the substantive changes.

    Args:
        store: The knowledge base.
        old_ref: The old version (document id, or work id / title for the version in force).
        new_ref: The new version.
        seed: Random seed for the quiz items.

    Raises:
        NotFoundError: for an unknown document.
    """
    old_id, new_id = store.resolve_document(old_ref), store.resolve_document(new_ref)
    comparison = compare(store, old_id, new_id)
    counts = comparison.counts()
    changes = [c for c in comparison.changes if c.kind != "unchanged"]
    new_articles = document_articles(store, new_id)
    title = new_articles[0].title if new_articles else new_id
    lang = (
        "zh"
        if re.search(r"[\u4e00-\u9fff]", title + "".join(a.article.text for a in new_articles[:3]))
        else "en"
    )
    figures = [f for c in changes if c.kind == "changed" for f in figure_changes(c)]
    duties = [d for c in changes if c.kind in ("added", "changed") for d in new_duties(c)]
    items, stats = _change_items([a.article for a in new_articles], new_id, title, figures, seed)
    return StudyChanges(
        title=title,
        old_id=old_id,
        new_id=new_id,
        counts=counts,
        changes=tuple(changes),
        new_duties=tuple(duties),
        figures=tuple(figures),
        briefing=tuple(_briefing(lang, counts, changes, duties, figures)),
        items=tuple(items),
        language=lang,
        gate=stats,
    )
