"""`policylens ingest`, `docs`, `show` and `remove`: the documents in the workspace."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ui.cli.common import (
    EmbedderOption,
    HomeOption,
    JsonOption,
    UserError,
    cli_language,
    emit_json,
    home_of,
    markup_safe,
    named,
    progress_bar,
    say,
    visible,
)
from ui.cli.search import update_indexes
from ui.i18n.errors import ingest_finding_text

DOCUMENT_FIELDS = (
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
STATUS_COLOURS = {"OK": "green", "PARTIAL": "yellow", "FAILED": "red"}

RayOption = Annotated[
    bool,
    typer.Option(
        "--ray",
        help=say("cli.ingest.ray"),
    ),
]
RayAddressOption = Annotated[
    str | None,
    typer.Option(
        "--ray-address",
        metavar=say("cli.address_metavar"),
        help=say("cli.ingest.ray_address"),
    ),
]
WorkersOption = Annotated[
    int,
    typer.Option("--workers", min=1, help=say("cli.ingest.workers")),
]


class _Reporter:
    """Prints each file's result as it is stored (a line, or JSON) and keeps the tallies."""

    def __init__(self, as_json: bool, progress: Any, task: Any) -> None:
        from rich.console import Console

        self.as_json = as_json
        self.out = Console(soft_wrap=True)
        self.progress = progress
        self.task = task
        self.failed = 0
        self.fresh: list[str] = []

    def __call__(self, stored: Any) -> None:
        if stored.changed and stored.document_id:
            self.fresh.append(stored.document_id)
        r = stored.result
        self.failed += r.status == "FAILED"
        self.progress.update(self.task, advance=1, description=markup_safe(Path(r.path).name[:40]))
        if self.as_json:
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
            return
        colour = STATUS_COLOURS[str(r.status)]
        label = markup_safe(stored.document_id or "-")
        status = markup_safe(named("intake.result", r.status))
        self.out.print(
            f"[{colour}]{status:<7}[/] {markup_safe(r.path)}  → {label} "
            + markup_safe(say("cli.ingest.line", count=stored.provisions)),
            highlight=False,
        )
        for f in r.findings:
            if f.severity != "info" or r.status != "OK":
                text = ingest_finding_text({"code": f.code, "message": f.message}, cli_language())
                self.out.print(f"         {markup_safe(text)}", highlight=False, style="dim")


def _print_summary(summary: Any, counts: dict[str, int]) -> None:
    from rich.console import Console

    statuses = say("cli.list_sep").join(
        f"{named('intake.result', k)} {v}" for k, v in sorted(summary.by_status.items())
    )
    line = say(
        "cli.ingest.summary",
        files=summary.files,
        statuses=statuses,
        new=summary.new_documents,
        unchanged=summary.unchanged,
        documents=counts["documents"],
        works=counts["works"],
        provisions=counts["provisions"],
    )
    Console(stderr=True, soft_wrap=True).print(markup_safe(line), highlight=False)


def _suggest_evidence(home: Path, document_ids: list[str], *, quiet: bool) -> None:
    """Rank the ledger's open tasks that new documents may fulfil (see `policylens tasks`)."""
    from index import open_store
    from index.search.build import choose_embedder
    from index.search.generations import IndexFolder
    from index.settings import INDEX_DIR
    from index.tasks.evidence import suggest_for_new

    with open_store(home) as store:
        count = suggest_for_new(
            store, choose_embedder(home), document_ids, IndexFolder(home / INDEX_DIR)
        )
    if count and not quiet:
        typer.echo(say("cli.ingest.evidence", count=count), err=True)


def ingest(
    paths: Annotated[
        list[Path], typer.Argument(metavar=say("cli.metavar.paths"), help=say("cli.ingest.paths"))
    ],
    home: HomeOption = None,
    as_json: JsonOption = False,
    catalog: Annotated[
        Path | None,
        typer.Option(help=say("cli.ingest.catalog")),
    ] = None,
    time_limit: Annotated[float, typer.Option(help=say("cli.ingest.time_limit"))] = 120.0,
    memory_limit: Annotated[int, typer.Option(help=say("cli.ingest.memory_limit"))] = 3072,
    max_size: Annotated[int, typer.Option(help=say("cli.ingest.max_size"))] = 100,
    strict: Annotated[bool, typer.Option(help=say("cli.ingest.strict"))] = False,
    index: Annotated[bool, typer.Option("--index/--no-index", help=say("cli.index"))] = True,
    embedder: EmbedderOption = None,
    ray: RayOption = False,
    ray_address: RayAddressOption = None,
    workers: WorkersOption = 2,
) -> None:
    """Ingest files and folders (PDF, DOCX, HTML, TXT, Markdown) into the workspace.

    Every file gets a result: OK, PARTIAL or FAILED with findings. An unchanged file is a
    no-op; a changed one becomes a new version. Then the search indexes are brought up to date,
    embedding only new articles. Exit code 1 if any file FAILED.

    With --ray, files are parsed in Ray tasks and articles embedded by Ray actors; each stored
    batch is searchable by keywords at once, its vectors follow. The result is the same.
    """
    from index import ingest_paths, open_store
    from ingest import Limits
    from ingest.corpus import iter_files

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UserError(say("cli.ingest.missing", paths=say("cli.list_sep").join(missing)))
    limits = Limits(seconds=time_limit, memory_mb=memory_limit, max_file_mb=max_size)
    if ray or ray_address:
        if not index:
            raise UserError(say("cli.ingest.ray_no_index"))
        _ingest_on_ray(
            paths, home_of(home), as_json, catalog, limits, strict, embedder, ray_address, workers
        )
        return
    total = sum(1 for _ in iter_files(paths))
    with (
        open_store(home_of(home)) as store,
        progress_bar(disable=total < 3) as progress,
    ):
        task = progress.add_task(say("cli.stage.ingesting"), total=total)
        report = _Reporter(as_json, progress, task)
        summary = ingest_paths(
            store, paths, catalog=catalog, limits=limits, strict=strict, on_result=report
        )
        counts = store.counts()
    if index:
        update_indexes(home_of(home), embedder, full=False, quiet=as_json)
        _suggest_evidence(home_of(home), report.fresh, quiet=as_json)
    if not as_json:
        _print_summary(summary, counts)
    if report.failed:
        raise typer.Exit(1)


def _ingest_on_ray(
    paths: list[Path],
    home: Path,
    as_json: bool,
    catalog: Path | None,
    limits: Any,
    strict: bool,
    embedder: str | None,
    address: str | None,
    workers: int,
) -> None:
    """`ingest --ray`: parse and embed on Ray, print each file's result as it is stored."""
    from index import open_store
    from index.bulk.cluster import RayPlan, RayUnavailableError
    from index.bulk.pipeline import bulk_ingest
    from index.search.build import choose_embedder
    from index.search.generations import IndexFolder
    from index.settings import INDEX_DIR

    name = choose_embedder(home, embedder)
    with (
        open_store(home) as store,
        progress_bar(disable=as_json) as progress,
    ):
        task = progress.add_task(say("cli.stage.ingesting"), total=None)
        report = _Reporter(as_json, progress, task)
        stages: dict[str, Any] = {}

        def on_progress(stage: str, done: int, total: int) -> None:
            if stage not in stages:
                stages[stage] = progress.add_task(named("cli.stage", stage), total=total)
            progress.update(stages[stage], completed=done, total=total)

        try:
            bulk = bulk_ingest(
                store,
                IndexFolder(home / INDEX_DIR),
                paths,
                embedder=name,
                plan=RayPlan(address=address, workers=workers),
                catalog=catalog,
                limits=limits,
                strict=strict,
                on_result=report,
                progress=on_progress,
            )
        except RayUnavailableError as exc:
            raise UserError(str(exc)) from exc
        counts = store.counts()
    _suggest_evidence(home, report.fresh, quiet=as_json)
    if not as_json:
        _print_summary(bulk.summary, counts)
        times = say("cli.list_sep").join(
            say("cli.seconds", stage=named("cli.stage", k), seconds=f"{v:.1f}")
            for k, v in bulk.seconds.items()
        )
        done = say(
            "cli.ingest.ray_done",
            address=visible(address or say("cli.ray_local")),
            workers=workers,
            embedded=bulk.embedded,
            embedder=visible(name),
            times=times,
        )
        typer.echo(done, err=True)
    if report.failed:
        raise typer.Exit(1)


def rebuild_on_ray(home: Path, name: str, address: str | None, workers: int, quiet: bool) -> Any:
    """`rebuild --ray`: embed what has no cached vector on Ray, then rebuild the indexes;
    returns the build's report, counting what the Ray actors embedded."""
    from dataclasses import replace

    from index import open_store
    from index.bulk.cluster import RayPlan, RayUnavailableError
    from index.bulk.pipeline import bulk_rebuild
    from index.search.generations import IndexFolder
    from index.settings import INDEX_DIR

    try:
        with open_store(home) as store:
            bulk = bulk_rebuild(
                store,
                IndexFolder(home / INDEX_DIR),
                embedder=name,
                plan=RayPlan(address=address, workers=workers),
            )
    except RayUnavailableError as exc:
        raise UserError(str(exc)) from exc
    if not quiet:
        done = say(
            "cli.index.ray",
            units=bulk.build.units,
            embedder=visible(name),
            embedded=bulk.embedded,
            address=visible(address or say("cli.ray_local")),
            workers=workers,
            reused=bulk.build.reused_vectors,
        )
        typer.echo(done, err=True)
    return replace(bulk.build, embedded=bulk.embedded)


def docs(home: HomeOption = None, as_json: JsonOption = False) -> None:
    """List the documents in the workspace (every version of every work)."""
    from index import open_store
    from index.library.browse import article_counts

    with open_store(home_of(home)) as store:
        rows = store.documents()
        articles = article_counts(store)  # 条, as the app counts them (not nested provisions)
    if as_json:
        emit_json([{k: r[k] for k in DOCUMENT_FIELDS} for r in rows])
        return
    import shutil

    from rich.console import Console
    from rich.table import Table

    columns = ("document", "level", "region", "status", "version", "articles")
    table = Table(*(say(f"cli.docs.{c}") for c in columns), box=None)
    for r in rows:
        table.add_row(
            markup_safe(r["document_id"]),
            markup_safe(named("level", r["level"])),
            markup_safe(_region(r["region"], r["level"])),
            markup_safe(named("validity", r["status"])),
            markup_safe(r["version_date"]),
            str(articles.get(r["document_id"], 0)),
        )
    # Piped output has no terminal width; ids are long, so do not squeeze them to 80 columns.
    width = max(shutil.get_terminal_size((160, 24)).columns, 140)
    Console(width=width).print(table)


def show(
    ref: Annotated[
        str,
        typer.Argument(metavar=say("cli.metavar.show_ref"), help=say("cli.show.ref")),
    ],
    home: HomeOption = None,
    as_json: JsonOption = False,
    context: Annotated[int, typer.Option(min=0, max=20, help=say("cli.show.context"))] = 1,
) -> None:
    """Show a document as a tree, or one provision in its context and its versions."""
    from index import open_store

    with open_store(home_of(home)) as store:
        doc_ref, _, provision = ref.partition("/")
        document_id = store.resolve_document(doc_ref)
        if provision:
            _show_provision(store, document_id, provision, context, as_json=as_json)
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


def _show_provision(
    store: Any, document_id: str, provision: str, context: int, *, as_json: bool
) -> None:
    """`show DOC/PROVISION`: the provision, the articles around it and its other versions."""
    row = store.provision(document_id, provision)
    around = store.context(document_id, row["ord"], context, context)
    versions = store.provision_versions(document_id, row["provision_id"])
    if not as_json:
        _print_provision(row, around, versions, document_id)
        return
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


def remove(
    ref: Annotated[
        str, typer.Argument(metavar=say("cli.metavar.document"), help=say("cli.remove.ref"))
    ],
    home: HomeOption = None,
    index: Annotated[bool, typer.Option("--index/--no-index", help=say("cli.index"))] = True,
) -> None:
    """Remove one document version and its provisions; the indexes drop it without re-embedding."""
    from index import open_store

    home = home_of(home)
    with open_store(home) as store:
        document_id = store.resolve_document(ref)
        if document_id != ref:
            raise UserError(say("cli.remove.exact", document=document_id))
        store.delete_document(document_id)
    typer.echo(say("cli.remove.done", document=visible(document_id)), err=True)
    if index:
        update_indexes(home, None, full=False, quiet=False)


def _print_provision(
    row: dict[str, Any], around: dict[str, list], versions: list[dict[str, Any]], doc: str
) -> None:
    from rich.console import Console

    console = Console(soft_wrap=True, highlight=False)
    heading = markup_safe(" > ".join(row["heading_path"]))
    console.print(f"[bold]{heading}[/]  [dim]{markup_safe(doc)}[/]")
    for r in around["before"]:
        console.print(f"[dim]{markup_safe(r['text'], lines=True)}[/]")
    console.print(markup_safe(row["text"], lines=True), style="bold")
    for r in around["after"]:
        console.print(f"[dim]{markup_safe(r['text'], lines=True)}[/]")
    others = [v for v in versions if v["document_id"] != doc]
    if others:
        shown = (
            f"{markup_safe(v['document_id'])} "
            f"({say('cli.show.changed' if v['changed'] else 'cli.show.same')})"
            for v in others
        )
        console.print(f"[dim]{say('cli.show.others')}" + say("cli.list_sep").join(shown) + "[/]")


def _print_tree(doc: Any, versions: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.tree import Tree

    meta = doc.metadata
    fields = (
        named("level", meta.get("level") or ""),
        _region(meta.get("region"), meta.get("level")),
        named("validity", meta.get("status") or ""),
    )
    tree = Tree(
        f"[bold]{markup_safe(doc.title)}[/]  {markup_safe(doc.id)} "
        + " ".join(markup_safe(v or "") for v in fields)
    )
    tree.add(
        say("cli.show.versions")
        + say("cli.list_sep").join(
            f"{markup_safe(v['document_id'])} ({markup_safe(named('validity', v['status']))})"
            for v in versions
        )
    )

    def clip(text: str) -> str:
        text = text.replace("\n", " ")
        return markup_safe(text if len(text) <= 70 else text[:69] + "…")

    def add_provisions(node: Any, provisions: Any) -> None:
        for p in provisions:
            child = node.add(f"[cyan]{markup_safe(p.id.split('/', 1)[-1])}[/] {clip(p.text)}")
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


def _region(region: str | None, level: str | None) -> str:
    """A document's region as the app shows it: 全国 for a national text, 地区不明 when not
    known, never "None"."""
    from index.library.browse import document_region

    return named("region", document_region(region, level) or "unknown")
