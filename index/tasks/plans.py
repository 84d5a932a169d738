"""Plans into the ledger: extract a stored work plan's tasks, import a division table (XLSX or
CSV) that an office already keeps, and export the ledger back to such a table."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes
from openpyxl import load_workbook

from index.accounts import Permission, User, require
from index.store.database import Store, StoreError
from index.tasks.ledger import Ledger
from index.tasks.records import PlanSaved, TaskRecord
from ingest.model import Finding
from nlp.plans.tasks import TaskItem, document_plan_date, read_plan, tasks_from_rows

EXPORT_COLUMNS = (
    "id",
    "task",
    "lead",
    "cooperating",
    "deadline",
    "source",
    "part",
    "status",
    "progress",
    "note",
    "deadline_date",
    "unknown_departments",
)
_SLUG = re.compile(r"[^\w\u3400-\u9fff-]+")


@dataclass(frozen=True, slots=True)
class Extracted:
    plan_id: str
    items: tuple[TaskItem, ...]
    saved: PlanSaved | None
    findings: tuple[Finding, ...] = ()  # notes that could not be read or attributed


def records(items: Sequence[TaskItem], labels: dict[str, str] | None = None) -> list[TaskRecord]:
    """Ledger records for extracted items; ``labels`` maps provision ids to printed numbers."""
    labels = labels or {}
    out = []
    for item in items:
        deadline = item.deadline
        out.append(
            TaskRecord(
                key=item.key,
                text=item.text,
                label=getattr(item, "label", "") or labels.get(item.provision_id, ""),
                provision_id=item.provision_id or None,
                start=item.start,
                end=item.end,
                part=item.part,
                action=item.action,
                object=item.object,
                lead=tuple(item.lead),
                cooperating=tuple(item.cooperating),
                unknown=tuple(m.text for m in item.bodies if m.department is None),
                laws=tuple(item.laws),
                deadline=deadline.due if deadline else None,
                deadline_kind=deadline.kind if deadline else "none",
                deadline_text=deadline.text if deadline else "",
                lead_bodies=tuple(b.to_dict() for b in getattr(item, "lead_bodies", ())),
                cooperating_bodies=tuple(
                    b.to_dict() for b in getattr(item, "cooperating_bodies", ())
                ),
            )
        )
    return out


def extract_plan(store: Store, actor: User, ref: str, *, save: bool = True) -> Extracted:
    """Extract the tasks of a stored plan and (unless ``save`` is False) put them in the
    ledger; extracting again keeps each task's status and history.

    Raises:
        NotFoundError: when there is no such document.
        PermissionDenied: when saving and the actor may not manage plans.
    """
    if save:
        require(actor, Permission.MANAGE_PLANS)
    document_id = store.resolve_document(ref)
    doc = store.document(document_id)
    plan_date = document_plan_date(doc)
    reading = read_plan(doc, plan_date=plan_date)
    items = tuple(reading.tasks)
    # each task keeps the plan's own label: an item's number, or a heading's ("一、…（X负责）")
    labels = {
        r[0]: r[1]
        for r in store.db.execute(
            "SELECT provision_id, number FROM provisions WHERE document_id=? "
            "UNION ALL SELECT section_id, number FROM sections WHERE document_id=?",
            (document_id, document_id),
        )
    }
    saved = None
    if save:
        saved = Ledger(store).save_plan(
            actor,
            document_id,
            doc.title,
            records(items, labels),
            document_id=document_id,
            plan_date=plan_date,
        )
    return Extracted(document_id, items, saved, tuple(reading.findings))


def read_table(path: Path) -> list[dict[str, str]]:
    """The rows of a division table: the first sheet of an XLSX, a CSV in any common encoding,
    or the largest table of a DOCX; the header is the first row with at least two filled cells.

    Raises:
        StoreError: for another format or a table without a header row.
    """
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        grid = [
            ["" if v is None else str(v).strip() for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    elif suffix in (".csv", ".tsv"):
        raw = path.read_bytes()
        best = from_bytes(raw).best()
        text = str(best) if best is not None else raw.decode("utf-8", errors="replace")
        dialect = csv.excel_tab if suffix == ".tsv" else csv.excel
        grid = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]
    elif suffix == ".docx":
        grid = _docx_grid(path)
    else:
        raise StoreError(f"{path}: give the division table as .xlsx, .csv or .docx")
    start = next((i for i, row in enumerate(grid) if sum(bool(c) for c in row) >= 2), None)
    if start is None:
        raise StoreError(f"{path}: no header row (a row with at least two column names)")
    header = grid[start]
    return [
        {header[i]: cell for i, cell in enumerate(row) if i < len(header) and header[i]}
        for row in grid[start + 1 :]
        if any(row)
    ]


def _docx_grid(path: Path) -> list[list[str]]:
    """The cells of the DOCX's largest table (a division plan's table), row by row."""
    from docx import Document as DocxDocument
    from docx.opc.exceptions import PackageNotFoundError

    try:
        tables = DocxDocument(str(path)).tables
    except (PackageNotFoundError, ValueError, KeyError, OSError) as exc:
        raise StoreError(f"{path}: not a readable DOCX ({exc})") from None
    if not tables:
        raise StoreError(f"{path}: the document holds no table")
    table = max(tables, key=lambda t: len(t.rows))
    return [[cell.text.strip() for cell in row.cells] for row in table.rows]


def import_table(
    store: Store,
    actor: User,
    path: Path,
    *,
    title: str | None = None,
    plan_date: date | None = None,
) -> tuple[str, PlanSaved]:
    """Import a division table as a plan (id ``import:<file name>``); importing the same file
    again updates it and keeps every task's status and history.

    Raises:
        PermissionDenied, StoreError.
    """
    require(actor, Permission.MANAGE_PLANS)
    rows = read_table(path)
    try:
        items = tasks_from_rows(rows, plan_date=plan_date)
    except ValueError as exc:
        raise StoreError(f"{path}: {exc}") from None
    if not items:
        raise StoreError(f"{path}: no task rows found (is there a task column?)")
    plan_id = "import:" + (_SLUG.sub("-", path.stem).strip("-") or "table")
    saved = Ledger(store).save_plan(
        actor,
        plan_id,
        title or path.stem,
        records(items),
        plan_date=plan_date,
        source="imported",
    )
    return plan_id, saved


def export_rows(ledger: Ledger, plan_id: str | None = None) -> list[dict[str, Any]]:
    """The ledger as division-table rows (the columns of :data:`EXPORT_COLUMNS`)."""
    plans = {p["plan_id"]: p for p in ledger.plans()}
    rows = []
    for t in ledger.tasks(plan_id=plan_id):
        plan = plans.get(t.plan_id, {})
        rows.append(
            {
                "id": f"T-{t.number}",
                "task": t.text,
                "lead": "、".join(t.lead),
                "cooperating": "、".join(t.cooperating),
                "deadline": t.deadline_text or (t.deadline.isoformat() if t.deadline else ""),
                "source": f"{plan.get('title', t.plan_id)} {t.label}".strip(),
                "part": t.part,
                "status": t.status,
                "progress": t.progress,
                "note": t.note,
                "deadline_date": t.deadline.isoformat() if t.deadline else "",
                "unknown_departments": "、".join(t.unknown),
            }
        )
    return rows
