"""A review as DOCX (a draft of the review opinion, 审查意见) and XLSX (one row per finding)."""

from __future__ import annotations

import io
from collections import Counter

from docx import Document as DocxDocument
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from index.review.stored_texts import DocumentReview
from nlp.review.findings import ReviewFinding

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
COLUMNS = (
    "finding_id",
    "code",
    "severity",
    "local_article",
    "upper_law",
    "upper_article",
    "message",
    "fix",
    "local_text",
    "upper_text",
    "decision",
    "note",
)


def _ordered(review: DocumentReview) -> list[ReviewFinding]:
    return sorted(
        review.findings,
        key=lambda f: (SEVERITY_ORDER.get(f.severity, 3), f.code, f.local_number or ""),
    )


def _zh(review: DocumentReview) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in review.title)


def review_docx(review: DocumentReview) -> bytes:
    """The draft review opinion: a summary by type, then each finding with both articles and
    the differing words highlighted, its explanation and the suggested fix."""
    zh = _zh(review)
    doc = DocxDocument()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "SimSun")
    uppers = "、".join(f"《{t}》" if zh else t for _, t in review.against)
    doc.add_heading(
        f"关于《{review.title}》的审查意见（草稿）" if zh else f"Review of {review.title} (draft)",
        level=0,
    )
    counts = Counter(f.severity for f in review.findings)
    doc.add_paragraph(
        f"对照{uppers}审查，共发现{len(review.findings)}处问题：错误{counts['error']}处，"
        f"警告{counts['warning']}处，提示{counts['info']}处；照抄上位法的条款约占"
        f"{review.verbatim_rate:.0%}。"
        if zh
        else f"Reviewed against {uppers}: {len(review.findings)} findings ({counts['error']} "
        f"errors, {counts['warning']} warnings, {counts['info']} notes); about "
        f"{review.verbatim_rate:.0%} of the articles copy the upper law."
    )
    for n, f in enumerate(_ordered(review), start=1):
        decision = review.decisions.get(f.finding_id)
        state = f" [{decision['decision']}]" if decision else ""
        doc.add_heading(f"{n}. {f.code} ({f.severity}){state}", level=2)
        doc.add_paragraph(f.message)
        if f.local_text:
            _marked(
                doc,
                f"{'本法规' if zh else 'This text'} {f.local_number}：",
                f.local_text,
                f.local_marks,
            )
        if f.upper_text:
            _marked(doc, f"{f.upper_title} {f.upper_number}：", f.upper_text, f.upper_marks)
        doc.add_paragraph(("修改建议：" if zh else "Suggested fix: ") + f.fix)
        if decision and decision.get("note"):
            doc.add_paragraph(("审查说明：" if zh else "Reviewer's note: ") + decision["note"])
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _marked(doc, label: str, text: str, marks) -> None:
    p = doc.add_paragraph()
    p.add_run(label).bold = True
    last = 0
    for start, end in sorted(marks):
        if start < last:
            continue
        p.add_run(text[last:start])
        run = p.add_run(text[start:end])
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        last = end
    p.add_run(text[last:])


def review_xlsx(review: DocumentReview) -> bytes:
    """One row per finding, with the reviewer's decision."""
    book = Workbook()
    ws = book.active
    ws.title = "findings"
    ws.append(list(COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for f in _ordered(review):
        decision = review.decisions.get(f.finding_id, {})
        row = [
            f.finding_id,
            f.code,
            f.severity,
            f.local_number or "",
            f.upper_title,
            f.upper_number or "",
            f.message,
            f.fix,
            f.local_text,
            f.upper_text,
            decision.get("decision", ""),
            decision.get("note", ""),
        ]
        ws.append(row)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip(
        "ABCDEFGHIJKL", (18, 26, 9, 12, 24, 12, 50, 40, 60, 60, 11, 30), strict=True
    ):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
