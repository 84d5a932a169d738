"""A study pack as a DOCX handout (outline, key provisions, terms, duties, figures, the quiz, and
the answer key at the end) and a "what changed" briefing as DOCX."""

from __future__ import annotations

import io

from docx import Document as DocxDocument
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Pt

from index.study.changes import StudyChanges
from index.study.packs import StudyPack
from index.study.questions import StudyItem
from ui.export.authored import new_docx
from ui.export.study_labels import change_title, cite, labels_for, option_lines, outline_line


def _new_document(title: str, zh: bool) -> DocxDocument:
    doc = new_docx(title, "zh" if zh else "en")
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "SimSun")
    return doc


def _quiz(doc: DocxDocument, items: tuple[StudyItem, ...], source: str) -> None:
    for n, item in enumerate(items, 1):
        doc.add_paragraph(f"{n}. {item.quiz.stem}")
        for line in option_lines(item.quiz):
            doc.add_paragraph(line, style="List Bullet")
        doc.add_paragraph(f"{source}{cite(item)}").runs[0].italic = True


def _save(doc: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def pack_docx(pack: StudyPack) -> bytes:
    """The handout: every entry cites its article; the answers come only after all questions."""
    words = labels_for(pack.title)
    source = "出处：" if words["zh"] else "Source: "
    zh = bool(words["zh"])
    heading = f"{pack.title} · {words['pack']}"
    doc = _new_document(heading, zh)
    doc.add_heading(heading, level=0)
    doc.add_heading(words["outline"], level=1)
    for entry in pack.outline:
        doc.add_paragraph(outline_line(entry.headings, entry.provisions, zh), style="List Bullet")
    doc.add_heading(words["provisions"], level=1)
    for p in pack.provisions:
        doc.add_heading(f"{p.number} · {p.heading}", level=2)
        doc.add_paragraph(p.text)
    doc.add_heading(words["terms"], level=1)
    for t in pack.terms:
        para = doc.add_paragraph(style="List Bullet")
        para.add_run(t.label).bold = True
        para.add_run(f"：{t.text}（{t.number}）" if zh else f": {t.text} ({t.number})")
    doc.add_heading(words["duties"], level=1)
    for bearer, duties in pack.duties:
        doc.add_heading(bearer, level=2)
        for d in duties:
            where = f"（{d.number}）" if zh else f" ({d.number})"
            doc.add_paragraph(f"{d.text}{where}", style="List Bullet")
    doc.add_heading(words["figures"], level=1)
    for f in pack.figures:
        para = doc.add_paragraph(style="List Bullet")
        para.add_run(f.text).bold = True
        para.add_run(f"：{f.context}（{f.number}）" if zh else f" — {f.context} ({f.number})")
    doc.add_heading(words["quiz"], level=1)
    _quiz(doc, pack.items, source)
    doc.add_page_break()
    doc.add_heading(words["key"], level=1)
    for n, item in enumerate(pack.items, 1):
        para = doc.add_paragraph(f"{n}. ")
        para.add_run(item.quiz.answer).bold = True
        para.add_run(f"  {item.quiz.explanation}")
    return _save(doc)


def changes_docx(changes: StudyChanges) -> bytes:
    """The briefing: summary lines, each changed article with deletions struck through and
    insertions highlighted, then the quiz with its answer key at the end."""
    words = labels_for(changes.title)
    heading = f"{changes.title} · {words['changes']}"
    doc = _new_document(heading, bool(words["zh"]))
    doc.add_heading(heading, level=0)
    doc.add_paragraph(f"{changes.old_id} → {changes.new_id}")
    for line in changes.briefing:
        doc.add_paragraph(line, style="List Bullet")
    doc.add_heading(words["articles"], level=1)
    for c in changes.changes:
        doc.add_heading(change_title(c, bool(words["zh"])), level=2)
        para = doc.add_paragraph()
        if not c.diff:
            shown = c.new or c.old
            para.add_run(shown.text if shown else "")
        for span in c.diff:
            run = para.add_run(span.text)
            if span.op == "delete":
                run.font.strike = True
            elif span.op == "insert":
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    if changes.items:
        doc.add_heading(words["quiz"], level=1)
        _quiz(doc, changes.items, "出处：" if words["zh"] else "Source: ")
        doc.add_heading(words["key"], level=1)
        for n, item in enumerate(changes.items, 1):
            doc.add_paragraph(f"{n}. {item.quiz.answer}  {item.quiz.explanation}")
    return _save(doc)
