"""The DOCX and XLSX exports as a Chinese reader opens them (issue 18, third walk): the files'
properties (made now, by PolicyLens, titled, in Chinese), the opinion's opening sentences, every
article of a finding in the findings list, the 通报's punctuation, the handout's outline and
heading levels."""

from __future__ import annotations

import dataclasses
import io
import itertools
import re
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import openpyxl
import pytest
from docx import Document as DocxDocument
from docx.text.paragraph import Paragraph

from index.review.stored_texts import DocumentReview
from index.study.packs import StudyPack
from index.study.provisions import KeyProvision
from index.study.sections import OutlineEntry, SourcedEntry
from index.tasks.records import TaskView
from index.tasks.reports import DepartmentProgress, ProgressReport, Source
from nlp.review.findings import ReviewFinding
from ui.export.review_report import review_docx, review_xlsx
from ui.export.study_docx import pack_docx
from ui.export.study_md import pack_markdown
from ui.export.tables import to_xlsx
from ui.export.task_report import report_docx, report_xlsx
from ui.i18n import language, set_language

LAW = "示例安全生产条例"
DOC = f"{LAW}@2024-01-01"


@pytest.fixture(autouse=True)
def chinese() -> Iterator[None]:
    before = language()
    set_language("zh")
    yield
    set_language(before)


def _finding(ident: str, number: str, also: tuple[str, ...] = ()) -> ReviewFinding:
    return ReviewFinding(
        finding_id=ident,
        code="CHECK_RENAMED_AUTHORITY",
        severity="warning",
        message="安全生产监督管理部门已更名为应急管理部门。",
        fix="改为应急管理部门。",
        local_number=number,
        local_provision=f"{LAW}/art-{ident}",
        local_text=f"{number} 安全生产监督管理部门负责监督检查。",
        local_marks=(),
        upper_number=None,
        upper_provision=None,
        upper_text="",
        upper_marks=(),
        upper_title="",
        also=tuple((f"{LAW}/{n}", n) for n in also),
    )


def _review(dismissed: bool) -> DocumentReview:
    renamed = _finding("a", "第四条", ("第九条", "第十二条"))
    other = _finding("b", "第二十条")
    other = dataclasses.replace(other, code="CHECK_TIME_LIMIT", message="期限不一致。")
    decisions = {"b": {"decision": "dismissed", "note": "本省另有规定"}} if dismissed else {}
    return DocumentReview(
        document_id=DOC,
        title=LAW,
        against=[("示例安全生产法@2021-06-10", "示例安全生产法")],
        findings=[renamed, other],
        decisions=decisions,
        verbatim_rate=0.0,
        timings={},
    )


def _pack() -> StudyPack:
    return StudyPack(
        title=LAW,
        scope="document",
        provisions=(
            KeyProvision(DOC, f"{DOC}/art-4", "第四条", "总则", "第四条 生产经营单位……", 1.0),
        ),
        outline=(
            OutlineEntry(DOC, (LAW, "第一章 总则"), ((f"{DOC}/art-1", "第一条"), ("p2", "第二条"))),
        ),
        terms=(SourcedEntry("生产经营单位", "从事生产经营活动的单位", DOC, "p3", "第三条"),),
        duties=(
            ("生产经营单位", (SourcedEntry("生产经营单位", "应当建立制度", DOC, "p4", "第四条"),)),
        ),
        figures=(SourcedEntry("期限", "二小时内", DOC, "p5", "第五条", context="报告事故"),),
        items=(),
    )


def _task(n: int, label: str, note: str) -> TaskView:
    return TaskView(
        task_id=f"t{n}",
        number=n,
        plan_id="plan",
        seq=n,
        label=label,
        provision_id=None,
        part="",
        text="制定安全生产责任清单",
        action="制定",
        object="责任清单",
        lead=("市应急管理局",),
        cooperating=(),
        lead_ids=(),
        unknown=(),
        laws=(),
        deadline=date(2025, 1, 31),
        deadline_kind="date",
        deadline_text="",
        status="in_progress",
        progress=50,
        note=note,
        completed_on=None,
        version=1,
        updated_at="",
        updated_by="",
    )


def _report() -> ProgressReport:
    tasks = (_task(1, "1．", "已形成初稿。"), _task(2, "（二）", "推进中"))
    counts = DepartmentProgress("市应急管理局", 2, 0, 2, 0, 0, 2, 0)
    return ProgressReport(
        as_of=date(2025, 3, 1),
        since=None,
        plans=("安全生产工作方案",),
        departments=(counts,),
        total=counts,
        overdue=tasks,
        due_soon=(),
        completed_since=(),
        sources={t.task_id: Source("安全生产工作方案", None, None, t.label) for t in tasks},
    )


def _style(paragraph: Paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def _docx_parts(data: bytes) -> tuple[str, str, str]:
    """core.xml, app.xml and styles.xml of a DOCX."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return tuple(  # type: ignore[return-value]
            z.read(name).decode("utf-8")
            for name in ("docProps/core.xml", "docProps/app.xml", "word/styles.xml")
        )


def _docx_files() -> dict[str, bytes]:
    return {
        "opinion": review_docx(_review(dismissed=True)),
        "study": pack_docx(_pack()),
        "report": report_docx(_report()),
    }


def test_every_docx_is_made_now_by_policylens_titled_and_chinese() -> None:
    before = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=1)
    for name, data in _docx_files().items():
        doc = DocxDocument(io.BytesIO(data))
        props = doc.core_properties
        assert props.author == "PolicyLens" and props.language == "zh-CN", name
        assert props.created is not None and props.created >= before, (name, props.created)
        assert props.modified is not None and props.modified >= before, name
        heading = next(p.text for p in doc.paragraphs if _style(p) == "Title")
        assert props.title and props.title in heading, (name, props.title, heading)
        _, app, styles = _docx_parts(data)
        assert "<Application>PolicyLens</Application>" in app, name
        assert "Macintosh" not in app and "Normal.dotm" not in app, name
        langs = re.findall(r"<w:lang [^>]*>", styles)
        assert langs and all('w:eastAsia="zh-CN"' in x for x in langs), (name, langs)
        assert all('w:val="zh-CN"' in x for x in langs), (name, langs)
        assert "en-US" not in "".join(langs), name


def test_an_english_docx_says_en_us_with_east_asian_text_zh_cn() -> None:
    set_language("en")
    data = review_docx(_review(dismissed=False))
    assert DocxDocument(io.BytesIO(data)).core_properties.language == "en-US"
    langs = re.findall(r"<w:lang [^>]*>", _docx_parts(data)[2])
    assert langs and all('w:val="en-US"' in x and 'w:eastAsia="zh-CN"' in x for x in langs)


def test_every_xlsx_names_policylens_its_title_and_language() -> None:
    files = {
        "findings": review_xlsx(_review(dismissed=False)),
        "report": report_xlsx(_report()),
        "table": to_xlsx([{"标题": LAW}], ["标题"], "检索结果"),
    }
    for name, data in files.items():
        props = openpyxl.load_workbook(io.BytesIO(data)).properties
        assert props.creator == "PolicyLens" and props.language == "zh-CN", name
        assert props.title, name
    assert openpyxl.load_workbook(io.BytesIO(files["findings"])).properties.title == (
        f"《{LAW}》审查问题清单"
    )


def test_every_xlsx_names_policylens_as_its_application_not_openpyxl() -> None:
    files = {
        "findings": review_xlsx(_review(dismissed=False)),
        "report": report_xlsx(_report()),
        "table": to_xlsx([{"标题": LAW}], ["标题"], "检索结果"),
    }
    for name, data in files.items():
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert z.testzip() is None, name
            app = z.read("docProps/app.xml").decode("utf-8")
            names = z.namelist()
        assert "<Application>PolicyLens</Application>" in app, name
        assert "openpyxl" not in app.lower() and "Microsoft" not in app, name
        assert names.count("docProps/app.xml") == 1, name
        book = openpyxl.load_workbook(io.BytesIO(data))  # still opens, its cells intact
        assert book.properties.creator == "PolicyLens", name
    first = openpyxl.load_workbook(io.BytesIO(files["table"])).active
    assert [c.value for c in first[2]] == [LAW]


def test_the_annex_sentence_comes_before_the_words_leading_into_the_sections() -> None:
    opening = DocxDocument(io.BytesIO(review_docx(_review(dismissed=True)))).paragraphs[1].text
    assert opening.endswith("。另有1处经审查不予采纳，列于附件。具体意见如下："), opening
    alone = DocxDocument(io.BytesIO(review_docx(_review(dismissed=False)))).paragraphs[1].text
    assert alone.endswith("约占0%。具体意见如下：") and "附件" not in alone, alone


def test_the_findings_list_names_every_article_of_a_finding() -> None:
    book = openpyxl.load_workbook(io.BytesIO(review_xlsx(_review(dismissed=False))))
    rows = list(book.active.iter_rows(values_only=True))
    column = rows[0].index("本法规条款")
    cells = {row[0]: row[column] for row in rows[1:]}
    assert cells == {"a": "第四条、第九条、第十二条", "b": "第二十条"}


def test_the_report_never_doubles_a_stop() -> None:
    doc = DocxDocument(io.BytesIO(report_docx(_report())))
    details = [p.text for p in doc.paragraphs if p.text.startswith("牵头单位：")]
    assert len(details) == 2
    for line in details:
        assert not re.search(r"[。．.；，、][。；]", line), line
        assert line.endswith("。") and not line.endswith("。。"), line
    assert "进度：50% 已形成初稿；出处：安全生产工作方案 第1项。" in details[0]
    assert details[1].endswith("出处：安全生产工作方案 （二）。"), details[1]
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(_report())))
    sources = [row[5] for row in book.worksheets[1].iter_rows(min_row=3, values_only=True)]
    assert sources == ["安全生产工作方案 第1项", "安全生产工作方案 （二）"]


def test_the_handout_outline_reads_chinese_and_headings_do_not_skip_a_level() -> None:
    doc = DocxDocument(io.BytesIO(pack_docx(_pack())))
    texts = [p.text for p in doc.paragraphs]
    assert f"{LAW} / 第一章 总则：第一条、第二条" in texts
    assert not any(re.search(r"第.+条[:,] ", t) for t in texts), texts
    levels = [
        0 if _style(p) == "Title" else int(_style(p).split()[-1])
        for p in doc.paragraphs
        if _style(p) == "Title" or _style(p).startswith("Heading")
    ]
    assert levels[0] == 0 and all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    assert "应当建立制度（第四条）" in texts and "二小时内：报告事故（第五条）" in texts
    assert f"- {LAW} / 第一章 总则：第一条、第二条" in pack_markdown(_pack()).replace("  - ", "- ")
