"""`policylens tasks …` as an operator runs it (real subprocesses): the extract --json contract,
listing overdue tasks for a date, updates refused to another department, the report files, and
verify-audit before and after the SQLite file is tampered with."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import openpyxl
import pytest
from docx import Document as DocxDocument

from index import ingest_paths, open_store
from index.accounts import OPERATOR, Accounts, Role
from index.settings import DB_NAME
from index.tasks.ledger import Ledger
from index.tasks.plans import extract_plan
from index.tasks.records import TaskChange
from tests.index.support import CORPUS
from tests.ui.cli_support import error, ok, run, run_all

PASSWORD = "correct-horse-1"
PLAN_TITLE = "示例省安全生产专项整治重点工作分工方案"
PLAN_ID = f"{PLAN_TITLE}@2024-03-15"
CONTRACT = {
    "task_id",
    "provision_id",
    "text",
    "part",
    "lead",
    "cooperating",
    "deadline",
    "deadline_text",
}


@pytest.fixture(scope="module")
def plan_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample division plan ingested, and two department accounts (read-only: copy it)."""
    home = tmp_path_factory.mktemp("tasks") / "workspace"
    with open_store(home) as store:
        ingest_paths(store, [CORPUS / "zh_division_plan.md"], sandbox=False)
        accounts = Accounts(store)
        accounts.add(OPERATOR, "dora", PASSWORD, Role.DEPARTMENT, "示例省应急管理厅")
        accounts.add(OPERATOR, "pat", PASSWORD, Role.DEPARTMENT, "示例省公安厅")
        accounts.add(OPERATOR, "lin", PASSWORD, Role.DEPARTMENT, "另一省应急管理厅")
    return home


@pytest.fixture()
def fresh(plan_workspace: Path, tmp_path: Path) -> Path:
    home = tmp_path / "workspace"
    shutil.copytree(plan_workspace, home)
    return home


@pytest.fixture()
def extracted(fresh: Path) -> Path:
    """A copy with the plan's tasks in the ledger (extracted in process)."""
    with open_store(fresh) as store:
        extract_plan(store, OPERATOR, PLAN_ID)
    return fresh


def task_number(home: Path, label: str) -> str:
    with open_store(home) as store:
        task = next(t for t in Ledger(store).tasks() if t.label == label)
    return f"T-{task.number}"


def test_extract_json_contract(fresh: Path) -> None:
    done = run("tasks", "extract", PLAN_ID, "--json", home=fresh)
    assert ok(done) == ""  # --json prints only the items
    items = json.loads(done.stdout)
    assert len(items) >= 16
    for item in items:
        assert set(item) >= CONTRACT, CONTRACT - set(item)
        assert item["task_id"].startswith(f"{PLAN_ID}#")
        assert isinstance(item["lead"], list) and isinstance(item["cooperating"], list)
    first = items[0]
    assert first["provision_id"] == f"{PLAN_TITLE}/part-1/item-1"
    assert first["task_id"] == f"{PLAN_ID}#{PLAN_TITLE}/part-1/item-1#1"
    assert first["text"].startswith("修订完善省、市、县三级安全生产委员会成员单位")
    assert first["part"] == "一、强化安全生产责任落实"
    assert first["lead"] == ["示例省应急管理厅"]  # the body as the plan names it
    assert first["cooperating"] == ["示例省委机构编制委员会办公室", "示例省司法厅"]
    assert first["lead_kinds"] == ["emergency-management"]
    assert first["lead_bodies"][0]["jurisdiction"] == "示例省"
    assert (first["deadline"], first["deadline_text"]) == ("2024-06-30", "2024年6月底前")
    ongoing = next(i for i in items if i["deadline_text"] == "长期坚持")
    assert ongoing["deadline"] is None
    # the tasks are in the ledger under the same ids
    with open_store(fresh) as store:
        assert [t.task_id for t in Ledger(store).tasks()] == [i["task_id"] for i in items]


def test_list_overdue_on_a_date(extracted: Path) -> None:
    on = date(2024, 7, 1)
    with open_store(extracted) as store:
        expected = [
            t.task_id
            for t in Ledger(store).tasks()
            if t.deadline is not None and t.deadline < on and t.status != "completed"
        ]
    assert expected  # (一) 2024年6月底前 and (八) 2024年5月底前 among them
    as_json, later = run_all(
        extracted,
        ("tasks", "list", "--overdue", "--date", on.isoformat(), "--json"),
        ("tasks", "list", "--overdue", "--date", "not-a-date"),
    )
    ok(as_json)
    rows = json.loads(as_json.stdout)
    assert [r["task_id"] for r in rows] == expected
    assert {r["urgency"] for r in rows} == {"overdue"}
    assert error(later) == (
        "Error: --date 'not-a-date' is not a date like 2025-06-30 or 2025年6月30日"
    )


def test_update_by_the_same_kind_of_body_elsewhere_is_refused(extracted: Path) -> None:
    number = task_number(extracted, "（一）")  # led by 示例省应急管理厅
    (refused,) = run_all(extracted, ("tasks", "update", number, "--progress", "30", "--as", "lin"))
    assert error(refused) == (
        f"Error: lin (department) may change only tasks led by 另一省应急管理厅; {number} is led "
        "by 示例省应急管理厅"
    )


def test_update_as_another_department_is_refused(extracted: Path) -> None:
    number = task_number(extracted, "（一）")  # led by 示例省应急管理厅
    refused, allowed, stale = run_all(
        extracted,
        ("tasks", "update", number, "--progress", "30", "--as", "pat"),
        ("tasks", "update", number, "--progress", "10", "--as", "dora", "--json"),
        ("tasks", "update", number, "--note", "x", "--expect-version", "0", "--as", "dora"),
    )
    assert error(refused) == (
        f"Error: pat (department) may change only tasks led by 示例省公安厅; {number} is led by "
        "示例省应急管理厅"
    )
    ok(allowed)
    shown = json.loads(allowed.stdout)
    assert (shown["status"], shown["progress"], shown["version"]) == ("in_progress", 10, 2)
    assert error(stale).startswith(f"Error: {number} was changed by ")
    with open_store(extracted) as store:
        task = Ledger(store).task(number)
        history = Ledger(store).history(task.task_id)
    # only dora's change was written
    assert (task.progress, task.note, task.version, task.updated_by) == (10, "", 2, "dora")
    assert {r["actor"] for r in history} == {"operator", "dora"}


def test_report_files_open(extracted: Path, tmp_path: Path) -> None:
    docx_path, xlsx_path = tmp_path / "report.docx", tmp_path / "report.xlsx"
    as_docx, as_xlsx, wrong = run_all(
        extracted,
        (
            "tasks",
            "report",
            "--out",
            str(docx_path),
            "--date",
            "2024-07-01",
            "--app-url",
            "http://app.example/",
            "--no-record",
        ),
        ("tasks", "report", "--out", str(xlsx_path), "--date", "2024-07-01", "--no-record"),
        ("tasks", "report", "--out", str(tmp_path / "report.pdf")),
    )
    assert ok(as_docx).startswith(f"Wrote {docx_path}: ")
    ok(as_xlsx)
    paragraphs = [p.text for p in DocxDocument(docx_path).paragraphs]
    assert paragraphs[0] == "重点工作任务进展情况通报"
    assert "二、逾期未完成任务" in paragraphs
    overdue = task_number(extracted, "（一）")
    # a 通报's items: numbered （一）（二） within the section, then the task's own number, in
    # Chinese (任务N for the handle T-N)
    number = "任务" + overdue.removeprefix("T-")
    assert any(p.startswith(f"（一）{number} 修订完善") for p in paragraphs)
    # each item links back to its text in the app
    link = "http://app.example/documents?" + urlencode(
        {"doc": PLAN_ID, "art": f"{PLAN_TITLE}/part-1/item-1"}
    )
    assert any(p.endswith(f"；出处：{PLAN_TITLE} （一） — {link}。") for p in paragraphs)
    assert "截至2024年7月1日 · " + PLAN_TITLE in paragraphs  # a Chinese date
    book = openpyxl.load_workbook(io.BytesIO(xlsx_path.read_bytes()))
    assert book.sheetnames == ["汇总", "逾期", "已完成", "即将到期"]
    assert number in [r[0] for r in book["逾期"].iter_rows(min_row=3, values_only=True)]
    assert error(wrong) == f"Error: --out {tmp_path / 'report.pdf'}: use a .docx or .xlsx file name"
    assert not (tmp_path / "report.pdf").exists()


def test_verify_audit_before_and_after_tampering(extracted: Path) -> None:
    number = task_number(extracted, "（一）")
    with open_store(extracted) as store:
        Ledger(store).update(OPERATOR, number, TaskChange(progress=20, note="起草"))
        rows = Ledger(store).history()
    intact = run("tasks", "verify-audit", home=extracted)
    assert ok(intact) == ""
    assert intact.stdout.strip() == f"Audit chain intact: {len(rows)} row(s)."

    progress_row = next(r for r in rows if r["field"] == "progress")
    db = sqlite3.connect(extracted / DB_NAME)
    with pytest.raises(sqlite3.DatabaseError, match="never changed"):
        db.execute("UPDATE task_history SET new='100' WHERE id=?", (progress_row["id"],))
    db.execute("DROP TRIGGER task_history_no_update")
    db.execute("UPDATE task_history SET new='100' WHERE id=?", (progress_row["id"],))
    db.commit()
    db.close()

    broken = run("tasks", "verify-audit", home=extracted)
    assert broken.returncode == 1
    assert broken.stdout.strip() == f"Audit chain BROKEN: {len(rows)} row(s)."
    assert (
        broken.stderr.strip()
        == f"row {progress_row['id']}: its content does not match its hash (changed)"
    )
