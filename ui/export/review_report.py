"""A review as DOCX (the draft review opinion, 审查意见) and XLSX (one row per finding).

The opinion follows the form of a Chinese official opinion: the title 关于《…》的审查意见,
an opening paragraph with the count, one section per kind of problem numbered 一、二、,
each problem numbered （一）（二） with the articles it concerns, both texts, the
suggested fix and the reviewer's note. Dismissed findings are not problems of the text:
they are left out of the sections and the count and listed in an annex with the reason
(issue 18). Findings that say the same thing are one item naming every article. The
spreadsheet keeps every finding, its code and its decision.
"""

from __future__ import annotations

import io
from collections import Counter

from docx import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl.styles import Alignment, Font

from index.review.groups import FindingGroup, group_findings
from index.review.stored_texts import DocumentReview
from ingest.numbering import to_chinese_numeral
from nlp.review.findings import ReviewFinding
from ui.export.authored import new_docx, new_workbook, workbook_bytes
from ui.export.names import today
from ui.i18n import has, language, t
from ui.i18n.dates import dates_in_text, format_date

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
COLUMNS = (
    "export.col_id",
    "export.col_type",
    "export.col_code",
    "export.col_severity",
    "export.col_local_article",
    "export.col_upper_law",
    "export.col_upper_article",
    "export.col_message",
    "export.col_fix",
    "export.col_local_text",
    "export.col_upper_text",
    "export.col_decision",
    "export.col_note",
)
WIDTHS = (18, 20, 26, 9, 12, 24, 12, 50, 40, 60, 60, 11, 30)
MOST_ARTICLES = 5


def finding_name(code: str) -> str:
    """A finding code's name in the interface language (the code itself if it has none)."""
    key = f"finding.{code}"
    return t(key) if has(key) else code


def finding_text(text: str) -> str:
    """A finding's message or fix as the reader reads it: in Chinese an ISO date in the
    sentence (``已于2018-03-17起更名为``) reads ``2018年3月17日`` (issue 18). The stored finding
    keeps its ISO date; this is for display and export only."""
    return dates_in_text(text)


def quoted_text(
    number: str | None, text: str, marks: tuple[tuple[int, int], ...]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """An article's text without the number it starts with (``第二十三条 生产经营单位…`` after
    ``本法规第二十三条规定：`` repeats the number), its marks moved to match."""
    if not number or not text.startswith(number):
        return text, marks
    cut = len(number)
    while cut < len(text) and text[cut].isspace():
        cut += 1
    moved = tuple((max(s - cut, 0), e - cut) for s, e in marks if e > cut)
    return text[cut:], moved


def decision_name(decision: str | None) -> str:
    """ "已采纳" / "不予采纳" for a stored decision word; empty for an open finding."""
    return t(f"decision.{decision}") if decision else ""


def _ordered(review: DocumentReview) -> list[ReviewFinding]:
    return sorted(
        review.findings,
        key=lambda f: (SEVERITY_ORDER.get(f.severity, 3), f.code, f.local_number or ""),
    )


def _decision(review: DocumentReview, f: ReviewFinding) -> str | None:
    return review.decisions.get(f.finding_id, {}).get("decision")


def _ordinal(n: int) -> str:
    return to_chinese_numeral(n) if language() == "zh" else str(n)


def articles_text(articles: list[str]) -> str:
    """The articles a group concerns: all of them, or the first few and how many in all."""
    sep = "、" if language() == "zh" else ", "
    if len(articles) <= MOST_ARTICLES:
        return sep.join(articles)
    first = sep.join(articles[:MOST_ARTICLES])
    return t("export.opinion_articles_more", first=first, count=len(articles))


def local_articles(f: ReviewFinding) -> str:
    """Every local article a finding is about, as printed: its own and those it covers too
    (a renamed authority in 13 articles is one finding naming all 13: 第四条、第九条…)."""
    numbers = dict.fromkeys(n for n in (f.local_number, *(n for _, n in f.also)) if n)
    return ("、" if language() == "zh" else ", ").join(numbers)


def _quoted(title: str) -> str:
    return f"《{title}》" if language() == "zh" else title


def _kept_groups(review: DocumentReview) -> tuple[list[FindingGroup], list[FindingGroup]]:
    """The groups of findings still standing (open or accepted), and those dismissed."""
    kept = [f for f in review.findings if _decision(review, f) != "dismissed"]
    dismissed = [f for f in review.findings if _decision(review, f) == "dismissed"]
    return group_findings(kept), group_findings(dismissed)


def review_docx(review: DocumentReview) -> bytes:
    """The draft review opinion (see the module's docstring)."""
    doc = new_docx(t("export.opinion_title", title=review.title), language())
    normal = doc.styles["Normal"]
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "SimSun")
    kept, dismissed = _kept_groups(review)
    doc.add_heading(t("export.opinion_title", title=review.title) + t("export.opinion_draft"), 0)
    _opening(doc, review, kept, dismissed)
    sections: dict[str, list[FindingGroup]] = {}
    for group in kept:
        sections.setdefault(group.first.code, []).append(group)
    for n, (code, groups) in enumerate(sections.items(), start=1):
        count = sum(len(g.members) for g in groups)
        sep = "、" if language() == "zh" else ". "
        doc.add_heading(f"{_ordinal(n)}{sep}{finding_name(code)}（{count}）", level=1)
        for m, group in enumerate(groups, start=1):
            _item(doc, review, group, m)
    if dismissed:
        _annex(doc, review, dismissed)
    dated = doc.add_paragraph(format_date(today()))
    dated.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _opening(
    doc: DocxDocument,
    review: DocumentReview,
    kept: list[FindingGroup],
    dismissed: list[FindingGroup],
) -> None:
    sep = "、" if language() == "zh" else ", "
    uppers = sep.join(_quoted(title) for _, title in review.against)
    counts = Counter(f.severity for g in kept for f in g.members)
    total = sum(counts.values())
    if total:
        text = t(
            "export.opinion_intro",
            uppers=uppers,
            title=review.title,
            count=total,
            errors=counts["error"],
            warnings=counts["warning"],
            notes=counts["info"],
            verbatim=f"{review.verbatim_rate:.0%}",
        )
    else:
        text = t("export.opinion_none", uppers=uppers, title=review.title)
    n_dismissed = sum(len(g.members) for g in dismissed)
    if n_dismissed:
        text += t("export.opinion_dismissed_count", count=n_dismissed)
    if total:  # the annex sentence first, then the words that lead into the sections
        text += t("export.opinion_follows")
    doc.add_paragraph(text)


def _item(doc: DocxDocument, review: DocumentReview, group: FindingGroup, m: int) -> None:
    f = group.first
    label = f"（{_ordinal(m)}）" if language() == "zh" else f"({m}) "
    where = articles_text(group.articles) or _quoted(review.title)
    para = doc.add_paragraph()
    message = finding_text(f.message)
    para.add_run(label + t("export.opinion_item", articles=where, message=message)).bold = True
    if all(_decision(review, x) == "accepted" for x in group.members):
        para.add_run(t("export.opinion_accepted"))
    if f.local_text:
        _marked(
            doc,
            t("export.opinion_this_text", number=f.local_number or ""),
            *quoted_text(f.local_number, f.local_text, f.local_marks),
        )
    if f.upper_text:
        _marked(
            doc,
            t("export.opinion_upper", title=f.upper_title, number=f.upper_number or ""),
            *quoted_text(f.upper_number, f.upper_text, f.upper_marks),
        )
    doc.add_paragraph(t("export.opinion_fix") + finding_text(f.fix))
    notes = dict.fromkeys(
        review.decisions.get(x.finding_id, {}).get("note", "") for x in group.members
    )
    for note in filter(None, notes):
        doc.add_paragraph(t("export.opinion_note") + note)


def _annex(doc: DocxDocument, review: DocumentReview, dismissed: list[FindingGroup]) -> None:
    doc.add_page_break()
    doc.add_heading(t("export.opinion_annex"), level=1)
    for n, group in enumerate(dismissed, start=1):
        f = group.first
        where = articles_text(group.articles) or _quoted(review.title)
        text = f"{n}. {finding_name(f.code)}：" + t(
            "export.opinion_item", articles=where, message=finding_text(f.message)
        )
        notes = [review.decisions.get(x.finding_id, {}).get("note", "") for x in group.members]
        reasons = "；".join(dict.fromkeys(filter(None, notes)))
        if reasons:
            text += t("export.opinion_annex_reason") + reasons
        doc.add_paragraph(text)


def _marked(doc: DocxDocument, label: str, text: str, marks: tuple[tuple[int, int], ...]) -> None:
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
    """One row per finding (dismissed ones included), with its code and the decision.

    The code (``CHECK_FINE_RANGE``) is for programs that read the list, not for its reader:
    in English it is a column beside the finding's name; in Chinese the name says it all and
    the code is the last column, hidden (a program still finds it by its heading), so a
    reader meets no English word (issue 18).
    """
    chinese = language() == "zh"
    book = new_workbook(f"{_quoted(review.title)}{t('export.name_review_findings')}", language())
    ws = book.active
    ws.title = t("export.sheet_findings")
    order = list(range(len(COLUMNS)))
    code_at = COLUMNS.index("export.col_code")
    if chinese:
        order.append(order.pop(code_at))
    ws.append([t(COLUMNS[i]) for i in order])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for f in _ordered(review):
        decision = review.decisions.get(f.finding_id, {})
        values = [
            f.finding_id,
            finding_name(f.code),
            f.code,
            t(f"severity.{f.severity}"),
            local_articles(f),
            f.upper_title,
            f.upper_number or "",
            finding_text(f.message),
            finding_text(f.fix),
            f.local_text,
            f.upper_text,
            decision_name(decision.get("decision")),
            decision.get("note", ""),
        ]
        ws.append([values[i] for i in order])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(order, start=1):
        dimension = ws.column_dimensions[ws.cell(1, index).column_letter]
        dimension.width = WIDTHS[column]
        dimension.hidden = chinese and column == code_at
    ws.freeze_panes = "A2"
    return workbook_bytes(book)
