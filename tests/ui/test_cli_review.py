"""`policylens review` and `policylens decide` as an operator runs them (real subprocesses): the
--json contract, the review opinion (DOCX) and findings (XLSX) files, a decision shown by the next
review, and the one-line errors for a wrong --out, a text without a basis, a bad decision word and
a viewer."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from docx import Document as DocxDocument
from docx.enum.text import WD_COLOR_INDEX

from index import ingest_paths, open_store
from index.accounts import OPERATOR, Accounts, Role
from index.review.stored_texts import review_document
from tests.index.support import CORPUS, LAW_2024, PROVINCIAL
from tests.ui.cli_support import error, ok, run, run_all

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
    as_json, as_text, wrong_out, no_basis = run_all(
        home,
        ("review", TITLE, "--json", "--out", str(out / "review.xlsx")),
        ("review", PROVINCIAL, "--out", str(out / "review.docx")),
        ("review", PROVINCIAL, "--out", str(out / "review.pdf")),
        ("review", LAW_2024),
    )
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
        "error",
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
    assert lines[0] == f"{TITLE} against 示例安全生产法: {len(expected)} finding(s)"
    assert lines[-1].startswith("Verbatim copies: 0% of articles. Took ")
    printed = reviewed.as_text.stdout.strip().splitlines()
    assert len(printed) == len(expected)
    assert {line.split()[0] for line in printed} == set(expected)
    report = next(line for line in printed if "二小时内" in line)
    assert report.split()[1:6] == ["error", "CHECK_TIME_LIMIT", "第十六条", "↔", "第三十条"]


def test_out_docx_is_the_review_opinion(reviewed: Reviewed) -> None:
    expected = reviewed.expected
    doc = DocxDocument(reviewed.out / "review.docx")
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == f"关于《{TITLE}》的审查意见（草稿）"
    assert paragraphs[1].startswith(f"对照《示例安全生产法》审查，共发现{len(expected)}处问题：")
    headings = [p for p in paragraphs if p[:1].isdigit() and ". CHECK_" in p]
    assert len(headings) == len(expected)
    assert headings[0].startswith("1. ") and headings[0].endswith("(error)")  # errors first
    assert headings[-1].endswith("(info)")
    highlighted = {
        run.text
        for p in doc.paragraphs
        for run in p.runs
        if run.font.highlight_color == WD_COLOR_INDEX.YELLOW
    }
    assert {"二小时内", "一小时内", "一万元以上五万元以下", "二万元以上十万元以下"} <= highlighted
    assert "本法规 第十六条：" in {p.runs[0].text for p in doc.paragraphs if p.runs}


def test_out_xlsx_holds_one_row_per_finding(reviewed: Reviewed) -> None:
    expected = reviewed.expected
    path = reviewed.out / "review.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))["findings"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == XLSX_COLUMNS
    assert {r[0] for r in rows[1:]} == set(expected) and len(rows) == len(expected) + 1
    by_id = {r[0]: dict(zip(XLSX_COLUMNS, r, strict=True)) for r in rows[1:]}
    for finding_id, f in expected.items():
        row = by_id[finding_id]
        assert (row["code"], row["severity"], row["message"]) == (
            f["code"],
            f["severity"],
            f["message"],
        )
        assert (row["local_article"] or None, row["upper_article"] or None) == (
            f["local_number"],
            f["upper_number"],
        )
        assert row["decision"] is None


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
    )
    assert decided.returncode == 0, decided.stderr
    assert decided.stdout.strip() == f"{drills.finding_id}: dismissed."
    assert error(bad_word) == "Error: decision 'approved': use accepted or dismissed"
    assert error(viewer) == "Error: vic (viewer) may not review"

    docx_path = tmp_path / "opinion.docx"
    again = run("review", PROVINCIAL, "--json", "--out", str(docx_path), home=home)
    ok(again)
    shown = {i["finding_id"]: i["decision"] for i in json.loads(again.stdout)}
    assert shown[drills.finding_id] == "dismissed"
    assert {d for i, d in shown.items() if i != drills.finding_id} == {None}
    paragraphs = [p.text for p in DocxDocument(docx_path).paragraphs]
    assert any(p.endswith("CHECK_TIME_LIMIT (error) [dismissed]") for p in paragraphs)
    assert "审查说明：本省另有规定" in paragraphs
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
