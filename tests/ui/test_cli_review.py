"""`policylens review` and `policylens decide` as an operator runs them (real subprocesses): the
--json contract, the review opinion (DOCX) and findings (XLSX) files, a decision shown by the next
review, and the one-line errors for a wrong --out, a text without a basis, a bad decision word and
a viewer."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from docx import Document as DocxDocument
from docx.enum.text import WD_COLOR_INDEX

from index import ingest_paths, open_store
from index.accounts import OPERATOR, Accounts, Role
from index.review.stored_texts import review_document
from ingest.numbering import to_chinese_numeral
from tests.index.support import CORPUS, LAW_2024, PROVINCIAL
from tests.ui.cli_support import ROOT, error, ok, run, run_all
from ui.export.review_report import finding_text

PASSWORD = "correct-horse-1"
TITLE = "示例省安全生产条例"
CONTRACT = {
    "finding_id",
    "code",
    "severity",
    "message",
    "fix",
    "provision_ids",
    "related_ids",
    "local_number",
    "local_numbers",
    "upper_number",
    "upper_title",
    "local_text",
    "upper_text",
    "local_marks",
    "upper_marks",
    "decision",
}
XLSX_COLUMNS = [
    "编号",
    "问题类型",
    "严重程度",
    "本法规条款",
    "上位法",
    "上位法条款",
    "问题说明",
    "修改建议",
    "本法规条文",
    "上位法条文",
    "处理意见",
    "审查说明",
    "规则代码（供程序读取）",  # last and hidden: a reader meets no code (issue 18)
]


@pytest.fixture(scope="module")
def review_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both versions of the national law, the provincial rule, a reviewer and a viewer
    (read-only: copy it)."""
    home = tmp_path_factory.mktemp("review-cli") / "workspace"
    with open_store(home) as store:
        files = ("zh_national_law_2019.md", "zh_national_law_2024.md", "zh_provincial_rule.docx")
        ingest_paths(store, [CORPUS / f for f in files], sandbox=False)
        accounts = Accounts(store)
        accounts.add(OPERATOR, "rita", PASSWORD, Role.REVIEWER)
        accounts.add(OPERATOR, "vic", PASSWORD, Role.VIEWER)
    return home


@pytest.fixture()
def home(review_workspace: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "workspace"
    shutil.copytree(review_workspace, copy)
    return copy


def expected_findings(home: Path) -> dict[str, dict]:
    """The review done in process (not saved), by finding id."""
    with open_store(home) as store:
        result = review_document(store, PROVINCIAL, save=False)
    return {f.finding_id: f.to_dict() for f in result.findings}


@dataclass(frozen=True)
class Reviewed:
    """One workspace copy after four review commands run at once (starts are costly)."""

    home: Path
    out: Path
    as_json: subprocess.CompletedProcess[str]  # review TITLE --json --out review.xlsx
    as_text: subprocess.CompletedProcess[str]  # review ID --out review.docx
    wrong_out: subprocess.CompletedProcess[str]  # review ID --out review.pdf
    no_basis: subprocess.CompletedProcess[str]  # review LAW_2024
    expected: dict[str, dict]


@pytest.fixture(scope="module")
def reviewed(review_workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> Reviewed:
    out = tmp_path_factory.mktemp("review-out")
    home = out / "workspace"
    shutil.copytree(review_workspace, home)
    as_json, wrong_out, no_basis = run_all(
        home,
        ("review", TITLE, "--json", "--out", str(out / "review.xlsx")),
        ("review", PROVINCIAL, "--out", str(out / "review.pdf")),
        ("review", LAW_2024),
    )
    # The text in the default language, Chinese.
    as_text = run("review", PROVINCIAL, "--out", str(out / "review.docx"), home=home, lang=None)
    return Reviewed(home, out, as_json, as_text, wrong_out, no_basis, expected_findings(home))


def test_review_json_contract(reviewed: Reviewed) -> None:
    assert ok(reviewed.as_json) == ""  # --json prints only the findings
    items = json.loads(reviewed.as_json.stdout)
    expected = reviewed.expected
    assert [i["finding_id"] for i in items] == list(expected)
    for item in items:
        assert set(item) == CONTRACT, set(item) ^ CONTRACT
        assert item["decision"] is None
        assert {k: v for k, v in item.items() if k != "decision"} == expected[item["finding_id"]]
        assert item["severity"] in ("error", "warning", "info")
        assert item["code"].startswith("CHECK_")
    report = next(
        i for i in items if i["code"] == "CHECK_TIME_LIMIT" and i["local_number"] == "第十六条"
    )
    assert report["provision_ids"] == [f"{TITLE}/art-16"]
    assert report["related_ids"] == ["示例安全生产法/art-30"]  # the 2019 version's
    assert (report["severity"], report["upper_title"], report["upper_number"]) == (
        "warning",  # no check says "error" until read right 9 in 10 (nlp.review.findings)
        "示例安全生产法",
        "第三十条",
    )
    [[start, end]] = report["local_marks"]
    assert report["local_text"][start:end] == "二小时内"
    [[start, end]] = report["upper_marks"]
    assert report["upper_text"][start:end] == "一小时内"
    # one finding for the old name, listing the 13 articles that use it
    [renamed] = [i for i in items if i["code"] == "CHECK_RENAMED_AUTHORITY"]
    assert len(renamed["local_numbers"]) == len(renamed["provision_ids"]) == 13
    assert renamed["related_ids"] == []
    # the run is stored: decisions can be taken on these ids
    with open_store(reviewed.home) as store:
        stored = store.db.execute(
            "SELECT finding_id FROM review_findings WHERE document_id=? AND present=1",
            (PROVINCIAL,),
        )
        assert {r["finding_id"] for r in stored} == set(expected)


def test_review_text_lists_findings_and_the_basis_used(reviewed: Reviewed) -> None:
    expected = reviewed.expected
    lines = ok(reviewed.as_text).splitlines()
    # the CLI speaks Chinese unless POLICYLENS_LANG=en (issue 18)
    assert lines[0] == f"《{TITLE}》对照《示例安全生产法》：发现{len(expected)}处问题"
    assert lines[-1].startswith("照抄上位法的条文占 0%。用时 ")
    printed = reviewed.as_text.stdout.strip().splitlines()
    assert len(printed) == len(expected)
    assert {line.split()[0] for line in printed} == set(expected)
    report = next(line for line in printed if "二小时内" in line)
    # the finding's Chinese name, not its code (the code stays in --json) (issue 18)
    assert report.split()[1:6] == ["警告", "期限不一致", "第十六条", "↔", "第三十条"]
    assert "CHECK_" not in reviewed.as_text.stdout
    # dates inside a finding's sentence read 2018年3月17日 in Chinese, as in the app (issue 18)
    assert not re.search(r"(?<![@\w-])\d{4}-\d{2}-\d{2}(?![\w-])", reviewed.as_text.stdout)


def test_iso_dates_in_a_finding_sentence_read_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.cli.review import _dated

    monkeypatch.setenv("POLICYLENS_LANG", "zh")
    said = _dated("“安全生产监督管理部门”已于2018-03-17起更名；见示例安全生产法@2019-06-10")
    assert "已于2018年3月17日起更名" in said and "示例安全生产法@2019-06-10" in said
    monkeypatch.setenv("POLICYLENS_LANG", "en")
    assert "2018-03-17" in _dated("renamed on 2018-03-17")


def test_review_text_in_english_with_policylens_lang(reviewed: Reviewed) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ui.cli", "review", PROVINCIAL, "--home", str(reviewed.home)],
        capture_output=True,
        text=True,
        env={**os.environ, "POLICYLENS_LANG": "en"},
        cwd=ROOT,
        timeout=120,
    )
    lines = ok(done).splitlines()
    assert lines[0] == f"{TITLE} against 示例安全生产法: {len(reviewed.expected)} finding(s)"
    assert lines[-1].startswith("Verbatim copies: 0% of articles. Took ")
    report = next(line for line in done.stdout.splitlines() if "二小时内" in line)
    assert report.split()[1:3] == ["warning", "CHECK_TIME_LIMIT"]


def test_out_docx_is_the_review_opinion(reviewed: Reviewed) -> None:
    expected = reviewed.expected
    doc = DocxDocument(reviewed.out / "review.docx")
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == f"关于《{TITLE}》的审查意见（草稿）"
    counts = Counter(f["severity"] for f in expected.values())
    assert paragraphs[1] == (
        f"对照《示例安全生产法》，对《{TITLE}》进行了审查，共发现需要研究处理的问题"
        f"{len(expected)}处（错误{counts['error']}处，警告{counts['warning']}处，"
        f"提示{counts['info']}处）；照抄上位法的条款约占0%。具体意见如下："
    )
    # one section per kind of problem, numbered 一、二、, named in Chinese, with its count
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    numbers = [to_chinese_numeral(n) for n in range(1, len(headings) + 1)]
    kinds = {f["code"] for f in expected.values()}
    assert len(headings) == len(kinds)
    assert [h.split("、", 1)[0] for h in headings] == numbers
    sizes = [re.fullmatch(r"[一二三四五六七八九十]+、[^（A-Za-z]+（(\d+)）", h) for h in headings]
    assert all(sizes) and sum(int(m.group(1)) for m in sizes if m) == len(expected)
    assert headings[0].startswith("一、") and "CHECK_" not in "".join(paragraphs)
    # the most severe first: the first item of the first section is of the highest severity
    items = [p for p in paragraphs if re.match(r"（[一二三四五六七八九十]+）", p)]
    first = next(f for f in expected.values() if finding_text(f["message"]) in items[0])
    order = ["error", "warning", "info"]
    assert first["severity"] == min((f["severity"] for f in expected.values()), key=order.index)
    # every finding is in the opinion, identical ones once, naming their articles
    for f in expected.values():
        # an ISO date in a message reads as a Chinese date (issue 18)
        assert sum(finding_text(f["message"]) in p for p in items) == 1, f["message"]
    assert "（一）第二十三条、第二十四条：" in "".join(items)
    highlighted = {
        run.text
        for p in doc.paragraphs
        for run in p.runs
        if run.font.highlight_color == WD_COLOR_INDEX.YELLOW
    }
    assert {"二小时内", "一小时内", "一万元以上五万元以下", "二万元以上十万元以下"} <= highlighted
    assert "本法规第十六条规定：" in {p.runs[0].text for p in doc.paragraphs if p.runs}
    assert "附件：不予采纳的审查发现" not in paragraphs  # nothing dismissed, no annex
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", paragraphs[-1])  # dated, in Chinese


def test_out_xlsx_holds_one_row_per_finding(reviewed: Reviewed) -> None:
    expected = reviewed.expected
    path = reviewed.out / "review.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    assert book.sheetnames == ["审查问题"]
    rows = list(book["审查问题"].iter_rows(values_only=True))
    assert list(rows[0]) == XLSX_COLUMNS
    assert {r[0] for r in rows[1:]} == set(expected) and len(rows) == len(expected) + 1
    by_id = {r[0]: dict(zip(XLSX_COLUMNS, r, strict=True)) for r in rows[1:]}
    severity = {"error": "错误", "warning": "警告", "info": "提示"}
    for finding_id, f in expected.items():
        row = by_id[finding_id]
        assert (row["规则代码（供程序读取）"], row["严重程度"], row["问题说明"]) == (
            f["code"],
            severity[f["severity"]],
            finding_text(f["message"]),  # an ISO date reads as a Chinese date (issue 18)
        )
        assert row["问题类型"] and not row["问题类型"].startswith("CHECK_")  # the Chinese name
        # every article a finding covers, not only its first (issue 18)
        assert (row["本法规条款"] or None, row["上位法条款"] or None) == (
            "、".join(f["local_numbers"]) or None,
            f["upper_number"],
        )
        assert row["处理意见"] is None
    assert (
        by_id[next(i for i, f in expected.items() if f["code"] == "CHECK_TIME_LIMIT")]["问题类型"]
        == "期限不一致"
    )


def test_review_errors_are_one_line(reviewed: Reviewed) -> None:
    wrong = reviewed.out / "review.pdf"
    assert error(reviewed.wrong_out) == f"Error: --out {wrong}: use a .docx or .xlsx file name"
    assert not wrong.exists()
    assert error(reviewed.no_basis) == (
        f"Error: {LAW_2024} declares no legal basis in its first articles; "
        "give the upper law with --against"
    )


def test_a_decision_is_shown_by_the_next_review(home: Path, tmp_path: Path) -> None:
    with open_store(home) as store:
        result = review_document(store, PROVINCIAL)
    drills = next(
        f for f in result.findings if f.code == "CHECK_TIME_LIMIT" and f.local_number == "第十五条"
    )
    decided, bad_word, viewer = run_all(
        home,
        ("decide", drills.finding_id, "dismissed", "--note", "本省另有规定", "--as", "rita"),
        ("decide", drills.finding_id, "approved"),
        ("decide", drills.finding_id, "accepted", "--as", "vic"),
        lang=None,
    )
    assert decided.returncode == 0, decided.stderr
    assert decided.stdout.strip() == f"{drills.finding_id}：不予采纳。"
    assert (
        error(bad_word)
        == "错误：处理意见 'approved'：请用 采纳、不予采纳 之一"  # named as help names them
    )
    assert error(viewer) == "错误：vic（查阅人员）无权处理审查意见"

    docx_path = tmp_path / "opinion.docx"
    again = run("review", PROVINCIAL, "--json", "--out", str(docx_path), home=home)
    ok(again)
    shown = {i["finding_id"]: i["decision"] for i in json.loads(again.stdout)}
    assert shown[drills.finding_id] == "dismissed"
    assert {d for i, d in shown.items() if i != drills.finding_id} == {None}
    # the opinion leaves the dismissed finding out of its count and its sections; the annex
    # lists it with the reason
    paragraphs = [p.text for p in DocxDocument(docx_path).paragraphs]
    total = len(shown) - 1
    assert f"共发现需要研究处理的问题{total}处" in paragraphs[1]
    # the annex sentence comes before the words that lead into the sections (issue 18)
    assert paragraphs[1].endswith("。另有1处经审查不予采纳，列于附件。具体意见如下：")
    annex = paragraphs.index("附件：不予采纳的审查发现")
    assert [p for p in paragraphs[:annex] if drills.message in p] == []
    assert "审查说明：本省另有规定" not in paragraphs
    assert paragraphs[annex + 1] == (
        f"1. 期限不一致：第十五条：{drills.message}不予采纳理由：本省另有规定"
    )
    with open_store(home) as store:
        log = store.db.execute("SELECT decision, note, decided_by FROM review_decision_log")
        assert [tuple(r) for r in log] == [("dismissed", "本省另有规定", "rita")]


def test_dense_review_embeds_with_the_search_embedder_and_keeps_the_keyword_findings(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICYLENS_EMBEDDER", "hash")
    keyword = set(expected_findings(home))
    done = run("review", PROVINCIAL, "--dense", "--json", home=home)
    assert ok(done) == ""
    assert keyword <= {i["finding_id"] for i in json.loads(done.stdout)}
    with open_store(home) as store:
        cached = store.db.execute("SELECT COUNT(*) FROM embeddings WHERE model='hash'").fetchone()
    assert cached[0] > 0
    monkeypatch.setenv("POLICYLENS_EMBEDDER", "no-such-model")
    assert error(run("review", PROVINCIAL, "--dense", home=home)).startswith("Error: ")
