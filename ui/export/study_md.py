"""A study pack or a "what changed" briefing as Markdown (every entry with its source)."""

from __future__ import annotations

from index.study.changes import StudyChanges
from index.study.packs import StudyPack
from index.study.questions import StudyItem
from ui.export.study_labels import (
    change_title,
    cite,
    labels_for,
    law_titles,
    option_lines,
    outline_line,
    source,
    version_name,
)


def _item_lines(n: int, item: StudyItem, zh: bool) -> list[str]:
    q = item.quiz
    lines = [f"{n}. {q.stem}"]
    lines += [f"   - {line}" for line in option_lines(q)]
    lines.append(f"   - {'出处：' if zh else 'Source: '}{cite(item)}")
    return lines


def pack_markdown(pack: StudyPack) -> str:
    """The pack as Markdown: outline, key provisions, terms, duties, figures, quiz, answer key."""
    words = labels_for(pack.title)
    zh = words["zh"] == "1"
    titles = law_titles(pack)

    def where(document_id: str, number: str) -> str:
        cited = source(titles.get(document_id, ""), number, zh)
        return f"（{cited}）" if zh else f" ({cited})"

    out = [f"# {pack.title} · {words['pack']}", ""]
    out += [f"## {words['outline']}", ""]
    for entry in pack.outline:
        depth = max(len(entry.headings) - 1, 0)
        out.append(f"{'  ' * depth}- {outline_line(entry.headings, entry.provisions, zh)}")
    out += ["", f"## {words['provisions']}", ""]
    for p in pack.provisions:
        cited = source(titles.get(p.document_id, ""), p.number, zh)
        out += [f"### {p.number} · {p.heading}", "", p.text, "", f"*{cited}*", ""]
    out += [f"## {words['terms']}", ""]
    out += [f"- **{t.label}**: {t.text}{where(t.document_id, t.number)}" for t in pack.terms]
    out += ["", f"## {words['duties']}", ""]
    for bearer, duties in pack.duties:
        out.append(f"### {bearer}")
        out += [f"- {d.text}{where(d.document_id, d.number)}" for d in duties]
        out.append("")
    out += [f"## {words['figures']}", ""]
    out += [f"- **{f.text}**: {f.context}{where(f.document_id, f.number)}" for f in pack.figures]
    out += ["", f"## {words['quiz']}", ""]
    for n, item in enumerate(pack.items, 1):
        out += _item_lines(n, item, zh)
    out += ["", f"## {words['key']}", ""]
    for n, item in enumerate(pack.items, 1):
        out.append(f"{n}. **{item.quiz.answer}** — {item.quiz.explanation}")
    return "\n".join(out) + "\n"


def changes_markdown(changes: StudyChanges) -> str:
    """The briefing as Markdown: summary lines, each changed article's inline difference
    (~~deleted~~ **inserted**), then quiz items with their answers."""
    words = labels_for(changes.title)
    zh = words["zh"] == "1"
    out = [
        f"# {changes.title} · {words['changes']}",
        "",
        f"{version_name(changes.old_id, zh)} → {version_name(changes.new_id, zh)}",
        "",
    ]
    out += [f"- {line}" for line in changes.briefing]
    out += ["", f"## {words['articles']}", ""]
    for c in changes.changes:
        out.append(f"### {change_title(c, zh)}")
        if c.diff:
            out.append(
                "".join(
                    s.text
                    if s.op == "equal"
                    else f"~~{s.text}~~"
                    if s.op == "delete"
                    else f"**{s.text}**"
                    for s in c.diff
                )
            )
        else:
            out.append((c.new or c.old).text if (c.new or c.old) else "")
        out.append("")
    if changes.items:
        out += [f"## {words['quiz']}", ""]
        for n, item in enumerate(changes.items, 1):
            out += _item_lines(n, item, zh)
            out.append(f"   - {words['answer']}: {item.quiz.answer} — {item.quiz.explanation}")
    return "\n".join(out) + "\n"
