"""The `policylens` command: ingest, docs, show, search, rebuild, verify (heavy imports inside
each command, so that `--help` is instant)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ui.cli.accounts import register as register_account_commands
from ui.cli.common import HomeOption, JsonOption, UserError, emit_json, home_of
from ui.cli.review import register as register_review_commands
from ui.cli.study import register as register_study_commands
from ui.cli.tasks import register as register_task_commands

app = typer.Typer(
    name="policylens",
    help="Document intelligence and policy tracking for work-safety regulation.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
_state: dict[str, Any] = {"debug": False}


EmbedderOption = Annotated[
    str | None,
    typer.Option(
        "--embedder",
        help="e5 (default), use, minilm, hash, or the folder of a sentence-transformers model "
        "(default: $POLICYLENS_EMBEDDER, else the index's own, else e5).",
    ),
]


@app.callback()
def main_options(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks instead of one-line errors.")
    ] = False,
) -> None:
    """PolicyLens: parse regulations and plans, then search, track, review and study them."""
    _state["debug"] = debug


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
    index: Annotated[
        bool, typer.Option("--index/--no-index", help="Update the search indexes afterwards.")
    ] = True,
    embedder: EmbedderOption = None,
) -> None:
    """Ingest files and folders (PDF, DOCX, HTML, TXT, Markdown) into the workspace.

    Every file gets a result: OK, PARTIAL or FAILED with findings. An unchanged file is a
    no-op; a changed one becomes a new version. Then the search indexes are brought up to date,
    embedding only new articles. Exit code 1 if any file FAILED.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from index import ingest_paths, open_store
    from index.store.database import Stored
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
    fresh: list[str] = []

    with (
        open_store(home_of(home)) as store,
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
            if stored.changed and stored.document_id:
                fresh.append(stored.document_id)
            r = stored.result
            failed += r.status == "FAILED"
            progress.update(task, advance=1, description=Path(r.path).name[:40])
            if as_json:
                emit_json(
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
    if index:
        _sync(home_of(home), embedder, full=False, quiet=as_json)
        _suggest_evidence(home_of(home), fresh, quiet=as_json)
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

    with open_store(home_of(home)) as store:
        rows = store.documents()
    if as_json:
        emit_json(
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
    context: Annotated[
        int, typer.Option(min=0, max=20, help="Articles to show before and after a provision.")
    ] = 1,
) -> None:
    """Show a document as a tree, or one provision in its context and its versions."""
    from index import open_store

    with open_store(home_of(home)) as store:
        doc_ref, _, provision = ref.partition("/")
        document_id = store.resolve_document(doc_ref)
        if provision:
            row = store.provision(document_id, provision)
            around = store.context(document_id, row["ord"], context, context)
            versions = store.provision_versions(document_id, row["provision_id"])
            if as_json:
                emit_json(
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
                        "versions": versions,
                        "context": around,
                    }
                )
            else:
                _print_provision(row, around, versions, document_id)
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
        emit_json(data)
        return
    _print_tree(doc, versions)


def _suggest_evidence(home: Path, document_ids: list[str], *, quiet: bool) -> None:
    """Rank the ledger's open tasks that new documents may fulfil (see `policylens tasks`)."""
    from index import open_store
    from index.search.build import choose_embedder
    from index.tasks.evidence import suggest_for_new

    with open_store(home) as store:
        count = suggest_for_new(store, choose_embedder(home), document_ids)
    if count and not quiet:
        typer.echo(
            f"{count} evidence suggestion(s) for open tasks; review them on the Tasks page.",
            err=True,
        )


def _sync(home: Path, embedder: str | None, *, full: bool, quiet: bool) -> Any:
    """Bring the indexes up to date with a progress bar per stage; returns the build report."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from index import open_store
    from index.search.build import choose_embedder, sync_indexes
    from index.search.generations import IndexFolder
    from index.settings import INDEX_DIR

    folder = IndexFolder(home / INDEX_DIR)
    embedder = choose_embedder(home, embedder)
    err = Console(stderr=True, soft_wrap=True)
    with (
        open_store(home) as store,
        Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
            disable=quiet,
        ) as progress,
    ):
        tasks: dict[str, Any] = {}

        def on_progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(stage, total=total)
            progress.update(tasks[stage], completed=done, total=total)

        report = sync_indexes(store, folder, embedder, full=full, progress=on_progress)
    if not quiet:
        if report.generation is None:
            err.print(f"Search index up to date ({report.units} articles, {embedder}).")
        else:
            err.print(
                f"Search index: {report.units} articles with {embedder}; embedded "
                f"{report.embedded}, reused {report.reused_vectors} cached vectors.",
                highlight=False,
            )
    return report


def _date(value: str | None) -> Any:
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"--as-of {value!r} is not a date like 2024-06-30") from None


@app.command()
def search(
    query: Annotated[
        str, typer.Argument(help="Words, a question, or a citation such as 安全生产法第二十一条.")
    ],
    k: Annotated[int, typer.Option("-k", "--top", min=1, max=1000, help="Hits to return.")] = 10,
    level: Annotated[list[str] | None, typer.Option(help="Keep this level (repeatable).")] = None,
    region: Annotated[list[str] | None, typer.Option(help="Keep this region (repeatable).")] = None,
    doc: Annotated[
        list[str] | None, typer.Option(help="Keep this document or work (repeatable).")
    ] = None,
    status: Annotated[
        str,
        typer.Option(
            help="in_force (default), superseded, repealed, draft or any; ignored with --as-of."
        ),
    ] = "in_force",
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Search the versions in force on this date.")
    ] = None,
    lang: Annotated[list[str] | None, typer.Option(help="Keep this language (zh, en).")] = None,
    mode: Annotated[str, typer.Option(help="hybrid, keyword or dense.")] = "hybrid",
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    """Search articles: keyword and dense retrieval fused, filters applied before ranking."""
    from index.search.engine import MODES, Filters, SearchEngine

    if mode not in MODES:
        raise UserError(f"--mode {mode!r}: use one of {', '.join(MODES)}")
    on = _date(as_of)
    statuses = () if (status == "any" or on is not None) else (status,)
    filters = Filters(
        level=tuple(level or ()),
        region=tuple(region or ()),
        document=tuple(doc or ()),
        status=statuses,
        language=tuple(lang or ()),
        in_force_on=on,
    )
    from index import open_store
    from index.search.generations import IndexFolder
    from index.settings import INDEX_DIR

    store = open_store(home_of(home))
    try:
        if not store.counts()["documents"]:
            raise UserError(
                f"the workspace {home_of(home)} holds no documents; "
                "run `policylens ingest PATH` first"
            )
        engine = SearchEngine(store, IndexFolder(home_of(home) / INDEX_DIR))
    except BaseException:
        store.close()
        raise
    try:
        warning = engine.stale
        hits = engine.search(query, k, filters, mode)  # type: ignore[arg-type]
    finally:
        engine.close()
    if warning:
        typer.echo(f"Warning: {warning}", err=True)
    if as_json:
        emit_json([h.to_dict() for h in hits])
        return
    from rich.console import Console
    from rich.markup import escape

    console = Console(soft_wrap=True)
    if not hits:
        console.print("No articles found. Try other words, or fewer filters.")
    for n, h in enumerate(hits, 1):
        where = " > ".join(h.heading_path[1:]) if len(h.heading_path) > 1 else ""
        console.print(
            f"[bold]{n}. {escape(h.title)} {escape(h.number)}[/]  [dim]{h.document_id} · "
            f"{h.status} · {h.version_date or ''} · {h.match} {h.score:.3f}[/]",
            highlight=False,
        )
        if where:
            console.print(f"   [dim]{escape(where)}[/]", highlight=False)
        text = escape(h.snippet).replace("**", "\x00")
        parts = text.split("\x00")
        marked = "".join(f"[yellow bold]{p}[/]" if i % 2 else p for i, p in enumerate(parts))
        console.print(f"   {marked}", highlight=False)
        console.print(
            f"   [dim]policylens show {h.document_id}/{h.provision_id.split('/', 1)[-1]}[/]"
        )


@app.command()
def rebuild(
    home: HomeOption = None,
    embedder: EmbedderOption = None,
    reembed: Annotated[
        bool, typer.Option(help="Drop this embedder's cached vectors and embed everything again.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Rebuild the search indexes from the store (cached vectors are reused unless --reembed)."""
    from index import open_store
    from index.search.build import choose_embedder

    home = home_of(home)
    name = choose_embedder(home, embedder)
    if reembed:
        with open_store(home) as store:
            store.prune_embeddings(name, keep=set())
    report = _sync(home, name, full=True, quiet=as_json)
    if as_json:
        emit_json(
            {
                "units": report.units,
                "embedded": report.embedded,
                "reused": report.reused_vectors,
                "embedder": name,
                "generation": str(report.generation) if report.generation else None,
            }
        )


@app.command()
def remove(
    ref: Annotated[str, typer.Argument(help="A document id (one version of a work).")],
    home: HomeOption = None,
    index: Annotated[
        bool, typer.Option("--index/--no-index", help="Update the search indexes afterwards.")
    ] = True,
) -> None:
    """Remove one document version and its provisions; the indexes drop it without re-embedding."""
    from index import open_store

    home = home_of(home)
    with open_store(home) as store:
        document_id = store.resolve_document(ref)
        if document_id != ref:
            raise UserError(f"give the exact document id to remove (did you mean {document_id}?)")
        store.delete_document(document_id)
    typer.echo(f"Removed {document_id}.", err=True)
    if index:
        _sync(home, None, full=False, quiet=False)


@app.command()
def verify(home: HomeOption = None, as_json: JsonOption = False) -> None:
    """Check the store and that the search indexes agree with it (exit 1 if not)."""
    from index import open_store
    from index.search.generations import IndexFolder
    from index.search.verify import verify as run_checks
    from index.settings import INDEX_DIR

    home = home_of(home)
    with open_store(home) as store:
        counts, problems = run_checks(store, IndexFolder(home / INDEX_DIR))
    if as_json:
        emit_json({"ok": not problems, **counts, "problems": [p.to_dict() for p in problems]})
    else:
        typer.echo(
            f"{counts['units']} articles stored; {counts['vectors']} vectors, "
            f"{counts['keyword_rows']} keyword rows indexed."
        )
        for p in problems:
            typer.echo(f"PROBLEM [{p.where}] {p.message} (fix: {p.fix})")
        if not problems:
            typer.echo("OK: store and indexes agree.")
    if problems:
        raise typer.Exit(1)


def _print_provision(
    row: dict[str, Any], around: dict[str, list], versions: list[dict[str, Any]], doc: str
) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(soft_wrap=True, highlight=False)
    console.print(f"[bold]{escape(' > '.join(row['heading_path']))}[/]  [dim]{doc}[/]")
    for r in around["before"]:
        console.print(f"[dim]{escape(r['text'])}[/]")
    console.print(escape(row["text"]), style="bold")
    for r in around["after"]:
        console.print(f"[dim]{escape(r['text'])}[/]")
    others = [v for v in versions if v["document_id"] != doc]
    if others:
        console.print(
            "[dim]Other versions: "
            + ", ".join(
                f"{v['document_id']} ({'changed' if v['changed'] else 'same text'})" for v in others
            )
            + "[/]"
        )


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


register_account_commands(app)
register_task_commands(app)
register_review_commands(app)
register_study_commands(app)


def main() -> None:
    """Entry point: run the app, turning known errors into one-line messages (exit 1).

    Usage errors are the argument parser's (exit 2); ``--debug`` shows tracebacks instead.
    """
    from index.search.embedders import EmbedderError
    from index.search.generations import IndexFilesError
    from index.store.database import StoreError

    try:
        app()
    except (UserError, StoreError, IndexFilesError, EmbedderError, ValueError, OSError) as exc:
        if _state["debug"]:
            raise
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
