"""The `policylens` command: ingest, docs, show (heavy imports inside each command)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

app = typer.Typer(
    name="policylens",
    help="Document intelligence and policy tracking for work-safety regulation.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
_state: dict[str, Any] = {"debug": False}


class UserError(Exception):
    """A message for the user, printed without a traceback (exit 1)."""


def _home(home: Path | None) -> Path:
    from index.settings import workspace_home

    return home or workspace_home()


HomeOption = Annotated[
    Path | None,
    typer.Option("--home", help="Workspace folder (default: $POLICYLENS_HOME or ./workspace)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (a stable interface).")]


@app.callback()
def main_options(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks instead of one-line errors.")
    ] = False,
) -> None:
    """PolicyLens: parse regulations and plans, then search, track, review and study them."""
    _state["debug"] = debug


def _emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders to ingest.")],
    home: HomeOption = None,
    as_json: JsonOption = False,
    catalog: Annotated[
        Path | None,
        typer.Option(help="A catalog.json whose entries override metadata read from the text."),
    ] = None,
    time_limit: Annotated[float, typer.Option(help="Seconds allowed per file.")] = 120.0,
    memory_limit: Annotated[int, typer.Option(help="MB of memory allowed per file.")] = 3072,
    max_size: Annotated[int, typer.Option(help="Largest file accepted, in MB.")] = 200,
    strict: Annotated[bool, typer.Option(help="Stop at the first file that fails.")] = False,
) -> None:
    """Ingest files and folders (PDF, DOCX, HTML, TXT, Markdown) into the workspace.

    Every file gets a result: OK, PARTIAL or FAILED with findings. An unchanged file is a
    no-op; a changed one becomes a new version. Exit code 1 if any file FAILED.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from index import ingest_paths, open_store
    from index.store import Stored
    from ingest import Limits
    from ingest.corpus import iter_files

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UserError(f"no such file or folder: {', '.join(missing)}")
    limits = Limits(seconds=time_limit, memory_mb=memory_limit, max_file_mb=max_size)
    total = sum(1 for _ in iter_files(paths))
    err = Console(stderr=True, soft_wrap=True)
    out = Console(soft_wrap=True)
    failed = 0

    with (
        open_store(_home(home)) as store,
        Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=err,
            transient=True,
            disable=total < 3,
        ) as progress,
    ):
        task = progress.add_task("ingesting", total=total)

        def report(stored: Stored) -> None:
            nonlocal failed
            r = stored.result
            failed += r.status == "FAILED"
            progress.update(task, advance=1, description=Path(r.path).name[:40])
            if as_json:
                _emit_json(
                    {
                        "path": r.path,
                        "status": str(r.status),
                        "document_id": stored.document_id,
                        "provisions": stored.provisions,
                        "findings": [
                            {"code": f.code, "severity": str(f.severity), "message": f.message}
                            for f in r.findings
                        ],
                    }
                )
            else:
                colour = {"OK": "green", "PARTIAL": "yellow", "FAILED": "red"}[str(r.status)]
                label = stored.document_id or "-"
                out.print(
                    f"[{colour}]{r.status:<7}[/] {r.path}  → {label} "
                    f"({stored.provisions} provisions)",
                    highlight=False,
                )
                for f in r.findings:
                    if f.severity != "info" or r.status != "OK":
                        out.print(f"         {f.code}: {f.message}", highlight=False, style="dim")

        summary = ingest_paths(
            store, paths, catalog=catalog, limits=limits, strict=strict, on_result=report
        )
        counts = store.counts()
    if not as_json:
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(summary.by_status.items()))
        err.print(
            f"{summary.files} file(s): {statuses}; {summary.new_documents} new, "
            f"{summary.unchanged} unchanged. Workspace holds {counts['documents']} "
            f"document(s) of {counts['works']} work(s), {counts['provisions']} "
            f"provisions.",
            highlight=False,
        )
    if failed:
        raise typer.Exit(1)


@app.command()
def docs(home: HomeOption = None, as_json: JsonOption = False) -> None:
    """List the documents in the workspace (every version of every work)."""
    from index import open_store

    with open_store(_home(home)) as store:
        rows = store.documents()
    if as_json:
        _emit_json(
            [
                {
                    k: r[k]
                    for k in (
                        "document_id",
                        "title",
                        "level",
                        "region",
                        "status",
                        "version_date",
                        "provisions",
                        "work_id",
                        "language",
                        "effective",
                    )
                }
                for r in rows
            ]
        )
        return
    import shutil

    from rich.console import Console
    from rich.table import Table

    table = Table("document", "level", "region", "status", "version", "provisions", box=None)
    for r in rows:
        table.add_row(
            r["document_id"],
            r["level"] or "",
            r["region"] or "",
            r["status"],
            r["version_date"] or "",
            str(r["provisions"]),
        )
    # Piped output has no terminal width; ids are long, so do not squeeze them to 80 columns.
    width = max(shutil.get_terminal_size((160, 24)).columns, 140)
    Console(width=width).print(table)


@app.command()
def show(
    ref: Annotated[
        str,
        typer.Argument(
            help="DOC or DOC/PROVISION: a document id (安全生产法@2021-06-10), a work id (the "
            "version in force), optionally with a provision (…/art-21 or a full id)."
        ),
    ],
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show a document as a tree, or one provision with its heading path."""
    from index import open_store

    with open_store(_home(home)) as store:
        doc_ref, _, provision = ref.partition("/")
        document_id = store.resolve_document(doc_ref)
        if provision:
            row = store.provision(document_id, provision)
            if as_json:
                _emit_json(
                    {
                        "document_id": document_id,
                        "provision_id": row["provision_id"],
                        "kind": row["kind"],
                        "number": row["number"],
                        "title": row["title"],
                        "text": row["text"],
                        "heading_path": row["heading_path"],
                        "page": row["page"],
                        "start": row["start"],
                        "end": row["end"],
                    }
                )
            else:
                typer.echo(" > ".join(row["heading_path"]))
                typer.echo(row["text"])
            return
        doc = store.document(document_id)
        versions = store.versions(doc.work_id)
        findings = store.findings_for(document_id)
    if as_json:
        data = doc.to_dict()
        data.pop("text")
        data["versions"] = versions
        data["findings"] = findings
        data.update(
            {
                k: doc.metadata.get(k)
                for k in ("level", "region", "status", "version_date", "effective")
            }
        )
        _emit_json(data)
        return
    _print_tree(doc, versions)


def _print_tree(doc: Any, versions: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.tree import Tree

    meta = doc.metadata
    tree = Tree(
        f"[bold]{doc.title}[/]  {doc.id}  {meta.get('level', '')} "
        f"{meta.get('region', '')} {meta.get('status', '')}"
    )
    tree.add("versions: " + ", ".join(f"{v['document_id']} ({v['status']})" for v in versions))

    def clip(text: str) -> str:
        text = text.replace("\n", " ")
        return text if len(text) <= 70 else text[:69] + "…"

    def add_provisions(node: Any, provisions: Any) -> None:
        for p in provisions:
            child = node.add(f"[cyan]{p.id.split('/', 1)[-1]}[/] {clip(p.text)}")
            add_provisions(child, p.children)

    def add_sections(node: Any, sections: Any) -> None:
        for s in sections:
            child = node.add(f"[bold]{clip(s.title)}[/]")
            add_sections(child, s.sections)
            add_provisions(child, s.provisions)

    add_provisions(tree, doc.preamble)
    add_sections(tree, doc.sections)
    add_provisions(tree, doc.provisions)
    add_provisions(tree, doc.trailer)
    Console().print(tree, highlight=False)


def main() -> None:
    """Entry point: run the app, turning known errors into one-line messages (exit 1).

    Usage errors are the argument parser's (exit 2); ``--debug`` shows tracebacks instead.
    """
    from index.store import StoreError

    try:
        app()
    except (UserError, StoreError, ValueError, OSError) as exc:
        if _state["debug"]:
            raise
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(1)
