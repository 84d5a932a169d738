"""`policylens tasks …`: extract a plan's tasks, import and export division tables, list and
update the ledger, write the progress report, verify the audit chain."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from ui.cli.common import (
    HomeOption,
    JsonOption,
    UserError,
    cli_language,
    emit_json,
    home_of,
    markup_safe,
    named,
    parse_day,
    say,
    stored_word,
    visible,
)
from ui.i18n.dates import local_today

tasks_app = typer.Typer(
    help=say("cli.tasks"),
    no_args_is_help=True,
)
DateOption = Annotated[str | None, typer.Option("--date", help=say("cli.tasks.date"))]


# the statuses --status takes, by code or by name (未启动, 推进中, 已完成, 暂停)
TASK_STATUSES = {
    status: f"task.status.{status}"
    for status in ("not_started", "in_progress", "completed", "suspended")
}
# 任务17 or 任务 17: a task as the Chinese interface writes it (Arabic digits, as shown)
_CHINESE_HANDLE = re.compile(r"任务\s*(\d+)")


def task_handle(value: str) -> str:
    """The handle the ledger reads for what a user typed: 任务17 (as the Chinese interface
    writes it) is T-17; T-17, 17 and full task ids are passed on as they are."""
    found = _CHINESE_HANDLE.fullmatch(value.strip())
    return f"T-{found[1]}" if found else value


def handle(number: int) -> str:
    """A task's handle as the CLI writes it: 任务17 in Chinese, T-17 in English."""
    return say("tasks.number", number=number)


def shown_handle(value: str) -> str:
    """A typed task handle as the CLI writes it back (T-17, 17 and 任务17 read 任务17 in
    Chinese); a full task id as typed."""
    found = re.fullmatch(r"(?:T-)?(\d+)", task_handle(value).strip(), re.IGNORECASE)
    return handle(int(found[1])) if found else visible(value)


def _task_status(value: str | None) -> str | None:
    """The status --status names, by code or by name; None where none is given."""
    return None if value is None else stored_word("--status", value, TASK_STATUSES)


def _day(value: str | None) -> date:
    if value is None:
        return local_today()  # the local day, as the app's 统计日期 (not the host's UTC date)
    day: date = parse_day(value, "--date")
    return day


def _actor(store: Any, username: str | None) -> Any:
    """The CLI's operator, or the account named with --as (its role and department apply)."""
    from index.accounts import OPERATOR, Accounts

    if username is None:
        return OPERATOR
    user = Accounts(store).get(username)
    if not user.active:
        raise UserError(say("cli.tasks.disabled", username=username))
    return user


def _print_tasks(tasks: list[Any], on: date) -> None:
    from rich.console import Console
    from rich.table import Table

    columns = ("task", "status", "deadline", "lead", "text")
    table = Table(*(say(f"cli.tasks.column_{c}") for c in columns), box=None, show_lines=False)
    colour = {"overdue": "red", "due_soon": "yellow", "": ""}
    for t in tasks:
        urgency = t.urgency(on)
        deadline = markup_safe(t.deadline_text or (t.deadline.isoformat() if t.deadline else ""))
        table.add_row(
            handle(t.number),
            f"{markup_safe(named('task.status', t.status))} {t.progress}%",
            f"[{colour[urgency]}]{deadline}[/]" if urgency else deadline,
            markup_safe("、".join(t.lead) or "-"),
            markup_safe(t.text[:80] + ("…" if len(t.text) > 80 else "")),
        )
    Console(width=200).print(table)


@tasks_app.command("extract", help=say("cli.tasks.extract"))
def tasks_extract(
    ref: Annotated[
        str, typer.Argument(metavar=say("cli.metavar.plan"), help=say("cli.tasks.extract.ref"))
    ],
    save: Annotated[
        bool, typer.Option("--save/--no-save", help=say("cli.tasks.extract.save"))
    ] = True,
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    """Extract a stored work plan's task-division items (and save them in the ledger)."""
    from index import open_store
    from index.accounts import OPERATOR
    from index.tasks.plans import extract_plan
    from ui.cli.words import in_language

    with open_store(home_of(home)) as store:
        done = extract_plan(store, OPERATOR, ref, save=save)
    for finding in done.findings:  # notes the reader could not attribute: never silence
        warning = say(
            "cli.tasks.extract.warning",
            code=named("cli.tasks.extract.code", finding.code),  # its name in Chinese
            message=in_language(finding.message, cli_language()),
        )
        typer.echo(visible(warning), err=True)
    if as_json:
        emit_json([{"task_id": f"{done.plan_id}#{i.key}", **i.to_dict()} for i in done.items])
        return
    for i in done.items:
        lead = "、".join(i.lead) or "-"
        deadline = i.deadline.text if i.deadline else "-"
        typer.echo("\t".join(visible(x) for x in (i.key, lead, deadline, i.text[:70])))
    if done.saved:
        s = done.saved
        line = say(
            "cli.tasks.extract.done",
            count=len(done.items),
            plan=visible(done.plan_id),
            added=s.added,
            updated=s.updated,
            unchanged=s.unchanged,
        )
        if s.missing:
            line += say("cli.tasks.extract.missing", count=len(s.missing))
        typer.echo(line, err=True)


@tasks_app.command("import", help=say("cli.tasks.import"))
def tasks_import(
    path: Annotated[
        Path, typer.Argument(metavar=say("cli.metavar.table"), help=say("cli.tasks.import.path"))
    ],
    title: Annotated[str | None, typer.Option(help=say("cli.tasks.import.title"))] = None,
    plan_date: Annotated[
        str | None, typer.Option("--plan-date", help=say("cli.tasks.import.plan_date"))
    ] = None,
    home: HomeOption = None,
) -> None:
    """Import a division table (id, task, lead, co-operating, deadline, source) as a plan."""
    from index import open_store
    from index.accounts import OPERATOR
    from index.tasks.plans import import_table

    if not path.exists():
        raise UserError(say("cli.tasks.import.missing", path=path))
    with open_store(home_of(home)) as store:
        plan_id, saved = import_table(
            store, OPERATOR, path, title=title, plan_date=_day(plan_date) if plan_date else None
        )
    line = say(
        "cli.tasks.import.done",
        plan=visible(plan_id),
        added=saved.added,
        updated=saved.updated,
        unchanged=saved.unchanged,
    )
    typer.echo(line, err=True)


@tasks_app.command("export", help=say("cli.tasks.export"))
def tasks_export(
    out: Annotated[Path, typer.Option("--out", help=say("cli.tasks.export.out"))],
    plan: Annotated[str | None, typer.Option(help=say("cli.tasks.plan"))] = None,
    home: HomeOption = None,
) -> None:
    """Export the ledger as a division table (XLSX or CSV)."""
    from index import open_store
    from index.tasks.ledger import Ledger
    from index.tasks.plans import EXPORT_COLUMNS, export_rows
    from ui.export.tables import to_csv, to_xlsx

    with open_store(home_of(home)) as store:
        rows = export_rows(Ledger(store), plan)
    columns: tuple[str, ...] = EXPORT_COLUMNS
    if cli_language() == "zh":  # a 分工表 in Chinese; `tasks import` reads its headings back
        rows = [_chinese_row(row) for row in rows]
        columns = tuple(say(f"cli.tasks.export.col.{c}") for c in EXPORT_COLUMNS)
    suffix = out.suffix.lower()
    if suffix == ".xlsx":
        out.write_bytes(to_xlsx(rows, columns, say("cli.tasks.export.sheet")))
    elif suffix == ".csv":
        out.write_bytes(to_csv(rows, columns))
    else:
        raise UserError(say("cli.out_either", out=out, first=".xlsx", second=".csv"))
    typer.echo(say("cli.tasks.export.done", count=len(rows), path=visible(out)), err=True)


def _chinese_row(row: dict[str, Any]) -> dict[str, Any]:
    """An exported ledger row with Chinese headings, its handle 任务N and its status named."""
    number = re.fullmatch(r"T-(\d+)", str(row["id"]))
    shown = {
        **row,
        "id": handle(int(number[1])) if number else row["id"],
        "status": named("task.status", row["status"]),
    }
    return {say(f"cli.tasks.export.col.{key}"): value for key, value in shown.items()}


@tasks_app.command("list", help=say("cli.tasks.list"))
def tasks_list(
    plan: Annotated[str | None, typer.Option(help=say("cli.tasks.plan"))] = None,
    department: Annotated[str | None, typer.Option(help=say("cli.tasks.department"))] = None,
    status: Annotated[list[str] | None, typer.Option(help=say("cli.tasks.status"))] = None,
    overdue: Annotated[bool, typer.Option(help=say("cli.tasks.overdue"))] = False,
    due_soon: Annotated[bool, typer.Option(help=say("cli.tasks.due_soon"))] = False,
    on: DateOption = None,
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    """List tasks, with overdue (red) and due-soon (yellow) deadlines."""
    from index import open_store
    from index.tasks.ledger import Ledger

    day = _day(on)
    with open_store(home_of(home)) as store:
        wanted_status = [stored_word("--status", v, TASK_STATUSES) for v in status or ()]
        tasks = Ledger(store).tasks(plan_id=plan, department=department, status=wanted_status)
    if overdue or due_soon:
        wanted = {"overdue"} if overdue else set()
        wanted |= {"due_soon"} if due_soon else set()
        tasks = [t for t in tasks if t.urgency(day) in wanted]
    if as_json:
        emit_json([{**t.to_dict(), "urgency": t.urgency(day)} for t in tasks])
        return
    if not tasks:
        typer.echo(say("cli.tasks.none"), err=True)
        return
    _print_tasks(tasks, day)


@tasks_app.command("update", help=say("cli.tasks.update"))
def tasks_update(
    task: Annotated[
        str, typer.Argument(metavar=say("cli.metavar.task"), help=say("cli.tasks.task"))
    ],
    status: Annotated[str | None, typer.Option(help=say("cli.tasks.new_status"))] = None,
    progress: Annotated[int | None, typer.Option(help=say("cli.tasks.progress"))] = None,
    note: Annotated[str | None, typer.Option(help=say("cli.tasks.note"))] = None,
    completed_on: Annotated[str | None, typer.Option(help=say("cli.tasks.completed_on"))] = None,
    as_user: Annotated[str | None, typer.Option("--as", help=say("cli.tasks.as"))] = None,
    expect_version: Annotated[
        int | None, typer.Option(help=say("cli.tasks.expect_version"))
    ] = None,
    on: DateOption = None,
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    """Change a task's status, progress or note (each change is an audit row)."""
    from index import open_store
    from index.tasks.ledger import Ledger
    from index.tasks.records import TaskChange

    with open_store(home_of(home)) as store:
        actor = _actor(store, as_user)
        view = Ledger(store).update(
            actor,
            task_handle(task),
            TaskChange(
                status=_task_status(status),
                progress=progress,
                note=note,
                completed_on=_day(completed_on) if completed_on else None,
            ),
            expected_version=expect_version,
            on=_day(on),
        )
    if as_json:
        emit_json(view.to_dict())
    else:
        status_name = visible(named("task.status", view.status))
        typer.echo(
            say(
                "cli.tasks.updated",
                number=view.number,
                status=status_name,
                progress=view.progress,
                version=view.version,
            )
        )


@tasks_app.command("evidence", help=say("cli.tasks.evidence"))
def tasks_evidence(
    task: Annotated[
        str, typer.Argument(metavar=say("cli.metavar.task"), help=say("cli.tasks.task"))
    ],
    ref: Annotated[
        str, typer.Argument(metavar=say("cli.metavar.evidence"), help=say("cli.tasks.evidence.ref"))
    ],
    note: Annotated[str, typer.Option(help=say("cli.tasks.evidence.note"))] = "",
    as_user: Annotated[str | None, typer.Option("--as", help=say("cli.tasks.evidence.as"))] = None,
    home: HomeOption = None,
) -> None:
    """Attach evidence to a task: a stored document or article, or a file as its attachment."""
    from index import open_store
    from index.store.database import NotFoundError
    from index.tasks.attachments import attach_path
    from index.tasks.ledger import Ledger

    task = task_handle(task)
    with open_store(home_of(home)) as store:
        actor = _actor(store, as_user)
        path = Path(ref)
        if path.is_file():
            try:
                store.resolve_document(ref)  # a stored document's id wins over a file's name
            except NotFoundError:
                done = attach_path(store, actor, task, path, note)
                attached = say(
                    "cli.tasks.evidence.file",
                    name=visible(done.file_name),
                    size=done.size,
                    digest=done.sha256[:12],
                    task=shown_handle(task),
                )
                typer.echo(attached)
                return
        doc_ref, _, article = ref.partition("/")
        document_id = store.resolve_document(doc_ref)
        provision = store.provision(document_id, article)["provision_id"] if article else None
        Ledger(store).attach_evidence(actor, task, document_id, provision, note)
    target = f"{document_id}{'/' + article if article else ''}"
    typer.echo(say("cli.tasks.evidence.done", target=visible(target), task=shown_handle(task)))


@tasks_app.command("report", help=say("cli.tasks.report"))
def tasks_report(
    out: Annotated[Path, typer.Option("--out", help=say("cli.tasks.report.out"))],
    plan: Annotated[str | None, typer.Option(help=say("cli.tasks.plan"))] = None,
    on: DateOption = None,
    app_url: Annotated[str | None, typer.Option(help=say("cli.tasks.report.app_url"))] = None,
    record: Annotated[
        bool, typer.Option("--record/--no-record", help=say("cli.tasks.report.record"))
    ] = True,
    home: HomeOption = None,
) -> None:
    """Write the progress report (通报) for a date as DOCX or XLSX."""
    from index import open_store
    from index.accounts import OPERATOR
    from index.tasks.ledger import Ledger
    from index.tasks.reports import progress_report, record_report
    from ui.export.task_report import report_docx, report_xlsx

    suffix = out.suffix.lower()
    if suffix not in (".docx", ".xlsx"):
        raise UserError(say("cli.out_either", out=out, first=".docx", second=".xlsx"))
    with open_store(home_of(home)) as store:
        ledger = Ledger(store)
        report = progress_report(ledger, _day(on), plan)
        data = (report_docx if suffix == ".docx" else report_xlsx)(report, app_url=app_url)
        out.write_bytes(data)
        if record:
            record_report(ledger, OPERATOR, report, plan)
    t = report.total
    wrote = say(
        "cli.tasks.report.done",
        path=visible(out),
        total=t.total,
        completed=t.completed,
        overdue=t.overdue,
        recent=len(report.completed_since),
        since=report.since.isoformat() if report.since else say("cli.tasks.report.start"),
    )
    typer.echo(wrote, err=True)


@tasks_app.command("verify-audit", help=say("cli.tasks.verify_audit"))
def tasks_verify_audit(
    reanchor: Annotated[
        bool, typer.Option("--reanchor", help=say("cli.tasks.verify_audit.reanchor"))
    ] = False,
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    """Verify the audit trail: the hash chain, its head against the signed checkpoint, and the
    tasks against their rows (exit 1 if a row was changed or removed, the chain cut short or
    rewritten, the checkpoint forged or missing, or a task changed without an audit row)."""
    from index import open_store
    from index.accounts import OPERATOR
    from index.tasks.ledger import Ledger

    with open_store(home_of(home)) as store:
        ledger = Ledger(store)
        check = ledger.verify_audit()
        earlier = check
        signed = ledger.reanchor_audit(OPERATOR) if reanchor else None
        if signed is not None:
            check = ledger.verify_audit()
    if as_json:
        emit_json({**check.to_dict(), "reanchored": signed.to_dict() if signed else None})
    else:
        if signed is not None:
            signs = say(
                "cli.tasks.verify_audit.reanchored", row=signed.head.id, rows=signed.head.rows
            )
            typer.echo(signs, err=True)
            nothing = (say("cli.tasks.verify_audit.nothing"),)
            for line in (*earlier.problems, *earlier.warnings) or nothing:
                typer.echo(visible(say("cli.tasks.verify_audit.was", line=line)), err=True)
        state = "intact" if check.ok else "broken"
        typer.echo(say(f"cli.tasks.verify_audit.{state}", rows=check.rows))
        for problem in check.problems:
            typer.echo(f"  {visible(problem)}", err=True)
        for warning in check.warnings:
            typer.echo(visible(say("cli.tasks.verify_audit.warning", text=warning)), err=True)
    if not check.ok:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add `policylens tasks …` to the command."""
    app.add_typer(tasks_app, name="tasks")
