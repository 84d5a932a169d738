"""Plans into the ledger: extracting the sample division plan (and again, keeping statuses),
reading division tables (XLSX, GBK-encoded CSV), importing them with Chinese or English headers,
and exporting the ledger as a table that imports back to the same tasks."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from index import ingest_paths, open_store
from index.accounts import OPERATOR, PermissionDenied, Role, User
from index.store.database import Store, StoreError
from index.tasks.ledger import Ledger
from index.tasks.plans import EXPORT_COLUMNS, export_rows, extract_plan, import_table, read_table
from index.tasks.records import TaskChange, TaskRecord, TaskView
from tests.index.support import CORPUS

PLAN_FILE = CORPUS / "zh_division_plan.md"
PLAN_TITLE = "示例省安全生产专项整治重点工作分工方案"
PLAN_ID = f"{PLAN_TITLE}@2024-03-15"
PLAN_DATE = date(2024, 3, 15)
DEPARTMENT_USER = User("dora", Role.DEPARTMENT, "示例省应急管理厅")


@pytest.fixture()
def store(home: Path) -> Iterator[Store]:
    with open_store(home) as s:
        ingest_paths(s, [PLAN_FILE], sandbox=False)
        yield s


def by_label(tasks: list[TaskView]) -> dict[str, TaskView]:
    return {t.label: t for t in tasks}


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list[str]], encoding: str) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


# -- extraction -----------------------------------------------------------------------------------
def test_extracting_the_division_plan_fills_the_ledger(store: Store) -> None:
    done = extract_plan(store, OPERATOR, PLAN_TITLE)
    ledger = Ledger(store)
    assert done.plan_id == PLAN_ID
    assert done.saved is not None
    assert done.saved.added == len(done.items) == len(ledger.tasks(plan_id=PLAN_ID)) >= 16
    plan = ledger.plans()[0]
    assert (plan["plan_id"], plan["document_id"], plan["title"]) == (PLAN_ID, PLAN_ID, PLAN_TITLE)
    assert (plan["plan_date"], plan["source"], plan["created_by"]) == (
        "2024-03-15",
        "extracted",
        "operator",
    )
    tasks = by_label(ledger.tasks(plan_id=PLAN_ID))
    first = tasks["（一）"]
    assert first.text.startswith("修订完善省、市、县三级安全生产委员会成员单位")
    assert first.lead == ("示例省应急管理厅",)  # as the plan names it
    assert first.cooperating == ("示例省委机构编制委员会办公室", "示例省司法厅")
    assert [b["kind"] for b in first.lead_bodies] == ["emergency-management"]
    assert first.lead_bodies[0]["jurisdiction"] == "示例省"
    assert (first.deadline, first.deadline_text) == (date(2024, 6, 30), "2024年6月底前")
    assert first.part == "一、强化安全生产责任落实"
    assert first.provision_id is not None and first.provision_id.endswith("part-1/item-1")
    # 年底前 counts from the plan's date; 长期坚持 has no date
    assert tasks["（七）"].deadline == date(2024, 12, 31)
    assert tasks["（七）"].lead == ("示例省住房和城乡建设厅",)
    assert (tasks["（三）"].deadline, tasks["（三）"].deadline_kind) == (None, "ongoing")
    # the department user of 示例省应急管理厅 leads (一): the same body
    assert Ledger(store).check_can_change(DEPARTMENT_USER, first.task_id) == first
    with pytest.raises(PermissionDenied):
        Ledger(store).check_can_change(DEPARTMENT_USER, tasks["（七）"].task_id)


def test_extracting_again_keeps_statuses_and_history(store: Store) -> None:
    first = extract_plan(store, OPERATOR, PLAN_ID)
    ledger = Ledger(store)
    tasks = by_label(ledger.tasks(plan_id=PLAN_ID))
    ledger.update(DEPARTMENT_USER, tasks["（一）"].task_id, TaskChange(progress=60, note="已报送"))
    ledger.update(OPERATOR, tasks["（七）"].task_id, TaskChange(status="completed"), on=PLAN_DATE)
    history = ledger.history()

    again = extract_plan(store, OPERATOR, PLAN_ID)

    assert again.saved is not None
    assert (again.saved.added, again.saved.updated, again.saved.missing) == (0, 0, ())
    assert again.saved.unchanged == len(first.items)
    after = by_label(ledger.tasks(plan_id=PLAN_ID))
    assert (after["（一）"].status, after["（一）"].progress, after["（一）"].note) == (
        "in_progress",
        60,
        "已报送",
    )
    assert (after["（七）"].status, after["（七）"].completed_on) == ("completed", PLAN_DATE)
    assert [t.task_id for t in after.values()] == [t.task_id for t in tasks.values()]
    assert ledger.history() == history
    assert ledger.verify_audit().ok


def test_extracting_without_saving_needs_no_permission_and_writes_nothing(store: Store) -> None:
    viewer = User("vic", Role.VIEWER)
    done = extract_plan(store, viewer, PLAN_ID, save=False)
    assert done.saved is None
    assert len(done.items) >= 16
    assert Ledger(store).plans() == []
    with pytest.raises(PermissionDenied, match="manage plans"):
        extract_plan(store, DEPARTMENT_USER, PLAN_ID)
    assert Ledger(store).plans() == []


# -- reading tables -------------------------------------------------------------------------------
ZH_ROWS = [
    ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
    [
        "1",
        "开展危险化学品安全专项整治",
        "示例省应急管理厅",
        "示例省公安厅、示例省交通运输厅",
        "2025年6月底前",
    ],
    ["2", "开展城镇燃气安全专项整治", "示例省住房和城乡建设厅", "示例省市场监督管理局", "年底前"],
]


def test_read_table_of_an_xlsx_finds_the_header_row(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "分工表.xlsx",
        [["示例省重点工作分工表"], [], *ZH_ROWS[:2], [None, None, None], ZH_ROWS[2]],
    )
    rows = read_table(path)
    assert rows == [dict(zip(ZH_ROWS[0], r, strict=True)) for r in ZH_ROWS[1:]]


def test_read_table_of_a_gbk_csv(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "分工表.csv", ZH_ROWS, "gbk")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")  # really not UTF-8
    assert read_table(path) == [dict(zip(ZH_ROWS[0], r, strict=True)) for r in ZH_ROWS[1:]]


def test_read_table_refuses_other_formats_and_headerless_tables(tmp_path: Path) -> None:
    other = tmp_path / "table.pdf"
    other.write_bytes(b"%PDF-1.4")
    with pytest.raises(StoreError, match=r"give the division table as \.xlsx, \.csv or \.docx"):
        read_table(other)
    broken = tmp_path / "table.docx"
    broken.write_bytes(b"PK")
    with pytest.raises(StoreError, match="not a readable DOCX"):
        read_table(broken)
    lonely = write_csv(tmp_path / "one.csv", [["任务"], ["开展检查"]], "utf-8")
    with pytest.raises(StoreError, match="no header row"):
        read_table(lonely)


# -- importing ------------------------------------------------------------------------------------
EN_ROWS = [
    ["No.", "Task", "Lead", "Cooperating", "Deadline"],
    [
        "1",
        "Revise the provincial emergency response plans",
        "Ministry of Emergency Management",
        "Ministry of Public Security",
        "by the end of 2025",
    ],
    [
        "2",
        "Inspect urban gas pipelines",
        "Ministry of Housing and Urban-Rural Development",
        "",
        "2025-06-30",
    ],
]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            ZH_ROWS,
            [
                (
                    "开展危险化学品安全专项整治",
                    ("示例省应急管理厅",),
                    ("示例省公安厅", "示例省交通运输厅"),
                    date(2025, 6, 30),
                ),
                (
                    "开展城镇燃气安全专项整治",
                    ("示例省住房和城乡建设厅",),
                    ("示例省市场监督管理局",),
                    date(2024, 12, 31),
                ),
            ],
        ),
        (
            EN_ROWS,
            [
                (
                    "Revise the provincial emergency response plans",
                    ("Ministry of Emergency Management",),
                    ("Ministry of Public Security",),
                    date(2025, 12, 31),
                ),
                (
                    "Inspect urban gas pipelines",
                    ("Ministry of Housing and Urban-Rural Development",),
                    (),
                    date(2025, 6, 30),
                ),
            ],
        ),
    ],
    ids=["chinese-headers", "english-headers"],
)
def test_import_table_with_either_language(
    store: Store, tmp_path: Path, rows: list[list[str]], expected: list[tuple]
) -> None:
    path = write_xlsx(tmp_path / "division 2024.xlsx", rows)  # type: ignore[arg-type]
    plan_id, saved = import_table(store, OPERATOR, path, plan_date=PLAN_DATE)
    assert plan_id == "import:division-2024"
    assert (saved.added, saved.updated, saved.unchanged) == (2, 0, 0)
    ledger = Ledger(store)
    tasks = ledger.tasks(plan_id=plan_id)
    assert [(t.text, t.lead, t.cooperating, t.deadline) for t in tasks] == expected
    plan = next(p for p in ledger.plans() if p["plan_id"] == plan_id)
    assert (plan["title"], plan["source"], plan["document_id"]) == (
        "division 2024",
        "imported",
        None,
    )
    # importing the same file again keeps each task's status
    ledger.update(OPERATOR, tasks[0].task_id, TaskChange(status="suspended"))
    _, again = import_table(store, OPERATOR, path, plan_date=PLAN_DATE)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert ledger.task(tasks[0].task_id).status == "suspended"


def test_a_spreadsheet_date_cell_is_the_deadline(store: Store, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "dates.xlsx",
        [
            ["工作任务", "牵头单位", "完成时限"],
            ["开展燃气安全检查", "示例省住房和城乡建设厅", datetime(2025, 6, 30)],
        ],
    )
    plan_id, _ = import_table(store, OPERATOR, path)
    [task] = Ledger(store).tasks(plan_id=plan_id)
    assert task.deadline == date(2025, 6, 30)


def test_only_admins_import(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", ZH_ROWS, "utf-8")
    with pytest.raises(PermissionDenied, match="manage plans"):
        import_table(store, DEPARTMENT_USER, path)
    assert Ledger(store).plans() == []


def test_a_table_without_a_task_column_is_a_store_error(store: Store, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "t.csv", [["牵头单位", "完成时限"], ["示例省应急管理厅", "年底前"]], "utf-8"
    )
    with pytest.raises(StoreError):
        import_table(store, OPERATOR, path)


def test_an_imported_tasks_label_is_its_number_in_the_table(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", ZH_ROWS, "utf-8")
    plan_id, _ = import_table(store, OPERATOR, path, plan_date=PLAN_DATE)
    assert [t.label for t in Ledger(store).tasks(plan_id=plan_id)] == ["1", "2"]


# -- exporting ------------------------------------------------------------------------------------
def export_to(tmp_path: Path, ledger: Ledger, name: str) -> Path:
    rows = export_rows(ledger, PLAN_ID)
    return write_xlsx(
        tmp_path / name, [list(EXPORT_COLUMNS), *([r[c] for c in EXPORT_COLUMNS] for r in rows)]
    )


def test_export_rows_describe_each_task(store: Store) -> None:
    extract_plan(store, OPERATOR, PLAN_ID)
    ledger = Ledger(store)
    first = by_label(ledger.tasks(plan_id=PLAN_ID))["（一）"]
    ledger.update(OPERATOR, first.task_id, TaskChange(progress=30, note="起草中"))
    rows = export_rows(ledger, PLAN_ID)
    assert len(rows) == len(ledger.tasks(plan_id=PLAN_ID))
    assert all(list(r) == list(EXPORT_COLUMNS) for r in rows)
    row = next(r for r in rows if r["id"] == f"T-{first.number}")
    assert row == {
        "id": f"T-{first.number}",
        "task": first.text,
        "lead": "示例省应急管理厅",
        "cooperating": "示例省委机构编制委员会办公室、示例省司法厅",
        "deadline": "2024年6月底前",
        "source": f"{PLAN_TITLE} （一）",
        "part": "一、强化安全生产责任落实",
        "status": "in_progress",
        "progress": 30,
        "note": "起草中",
        "deadline_date": "2024-06-30",
        "unknown_departments": "",
    }
    assert export_rows(ledger, "no-such-plan") == []
    # two lead departments in one cell, as a division table writes them
    ledger.save_plan(
        OPERATOR,
        "two",
        "t",
        [TaskRecord("k", "联合检查", lead=("示例省应急管理厅", "示例省公安厅"))],
    )
    [joint] = export_rows(ledger, "two")
    assert (joint["lead"], joint["source"], joint["deadline"]) == (
        "示例省应急管理厅、示例省公安厅",
        "t",
        "",
    )


def test_an_exported_table_imports_back_to_the_same_tasks(store: Store, tmp_path: Path) -> None:
    extract_plan(store, OPERATOR, PLAN_ID)
    ledger = Ledger(store)
    path = export_to(tmp_path, ledger, "exported.xlsx")
    plan_id, saved = import_table(store, OPERATOR, path, plan_date=PLAN_DATE)
    original = ledger.tasks(plan_id=PLAN_ID)
    imported = ledger.tasks(plan_id=plan_id)
    assert saved.added == len(original)
    assert [(t.text, t.lead, t.cooperating, t.deadline, t.part) for t in imported] == [
        (t.text, t.lead, t.cooperating, t.deadline, t.part) for t in original
    ]


def test_an_exported_table_keeps_its_deadline_dates_without_a_plan_date(
    store: Store, tmp_path: Path
) -> None:
    extract_plan(store, OPERATOR, PLAN_ID)
    ledger = Ledger(store)
    path = export_to(tmp_path, ledger, "exported.xlsx")
    plan_id, _ = import_table(store, OPERATOR, path)
    assert [t.deadline for t in ledger.tasks(plan_id=plan_id)] == [
        t.deadline for t in ledger.tasks(plan_id=PLAN_ID)
    ]


def test_a_docx_division_table_imports_from_its_largest_table(store: Store, tmp_path: Path) -> None:
    from docx import Document as DocxDocument

    doc = DocxDocument()
    doc.add_paragraph("示例省重点工作分工")
    small = doc.add_table(rows=1, cols=2)  # a layout table before the real one
    small.rows[0].cells[0].text = "签发"
    table = doc.add_table(rows=0, cols=len(ZH_ROWS[0]))
    for row in ZH_ROWS:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    path = tmp_path / "分工.docx"
    doc.save(str(path))
    plan_id, saved = import_table(store, OPERATOR, path, plan_date=PLAN_DATE)
    tasks = Ledger(store).tasks(plan_id=plan_id)
    assert saved.added == 2
    assert [t.text for t in tasks] == ["开展危险化学品安全专项整治", "开展城镇燃气安全专项整治"]
    assert tasks[0].deadline == date(2025, 6, 30) and len(tasks[0].cooperating) == 2
