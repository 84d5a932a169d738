"""`policylens search`, `rebuild` and `verify`: the search indexes, and bringing them up to date
with a progress bar (also after ingest and remove)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ui.cli.common import (
    EmbedderOption,
    HomeOption,
    JsonOption,
    UserError,
    emit_json,
    home_of,
    markup_safe,
    named,
    parse_day,
    progress_bar,
    say,
    stored_word,
    visible,
)


def update_indexes(home: Path, embedder: str | None, *, full: bool, quiet: bool) -> Any:
    """Bring the indexes up to date with a progress bar per stage.

    Args:
        home: The workspace.
        embedder: The embedder asked for, or None for the workspace's default.
        full: Rebuild every index instead of updating it.
        quiet: Print neither progress bars nor the summary line.

    Returns:
        The build report.
    """
    from rich.console import Console

    from index import open_store
    from index.search.build import choose_embedder, sync_indexes
    from index.search.generations import IndexFolder
    from index.settings import INDEX_DIR

    folder = IndexFolder(home / INDEX_DIR)
    embedder = choose_embedder(home, embedder)
    err = Console(stderr=True, soft_wrap=True)
    with (
        open_store(home) as store,
        progress_bar(disable=quiet, remaining=True, console=err) as progress,
    ):
        tasks: dict[str, Any] = {}

        def on_progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(named("cli.stage", stage), total=total)
            progress.update(tasks[stage], completed=done, total=total)

        report = sync_indexes(store, folder, embedder, full=full, progress=on_progress)
    if not quiet:
        if report.generation is None:
            line = say("cli.index.current", units=report.units, embedder=visible(embedder))
        else:
            line = say(
                "cli.index.built",
                units=report.units,
                embedder=visible(embedder),
                embedded=report.embedded,
                reused=report.reused_vectors,
            )
        err.print(markup_safe(line), highlight=False)
    return report


# the statuses --status takes: the validity statuses and ``any`` (不限)
STATUSES = {
    **{s: f"validity.{s}" for s in ("in_force", "superseded", "repealed", "draft")},
    "not_yet_in_force": "validity.not_yet_in_force",
    "any": "cli.search.any_status",
}


def _levels(values: list[str] | None) -> tuple[str, ...]:
    """The level codes --level names, by code or by name (地方性法规, local regulation)."""
    from ingest.metadata import LEVELS

    names = {level: f"level.{level}" for level in LEVELS}
    return tuple(stored_word("--level", v, names) for v in values or ())


# the retrieval modes --mode takes, named as the search page and the hits name them
MODE_NAMES = {mode: f"cli.search.match.{mode}" for mode in ("hybrid", "keyword", "dense")}


def _mode(value: str) -> str:
    """The mode --mode names, by code or by name (融合, 关键词, 语义)."""
    return stored_word("--mode", value, MODE_NAMES)


def _status(value: str) -> str:
    """The status --status names, by code or by name (现行有效, 不限)."""
    return stored_word("--status", value, STATUSES)


def _filters(
    level: list[str] | None,
    region: list[str] | None,
    doc: list[str] | None,
    status: str,
    as_of: str | None,
    lang: list[str] | None,
) -> Any:
    """The search filters the options ask for (a status is ignored with --as-of)."""
    from index.search.engine import Filters

    on = parse_day(as_of, "--as-of") if as_of is not None else None
    status = _status(status)
    statuses = () if (status == "any" or on is not None) else (status,)
    return Filters(
        level=_levels(level),
        region=tuple(region or ()),
        document=tuple(doc or ()),
        status=statuses,
        language=tuple(lang or ()),
        in_force_on=on,
    )


def _open_engine(home: Path) -> Any:
    """A search engine on the workspace, which must hold documents."""
    from index import open_store
    from index.search.engine import SearchEngine
    from index.search.generations import IndexFolder
    from index.settings import INDEX_DIR

    store = open_store(home)
    try:
        if not store.counts()["documents"]:
            raise UserError(say("cli.search.empty", home=home))
        return SearchEngine(store, IndexFolder(home / INDEX_DIR))
    except BaseException:
        store.close()
        raise


def _print_hits(hits: list[Any]) -> None:
    from rich.console import Console

    console = Console(soft_wrap=True)
    if not hits:
        console.print(say("cli.search.none"))
    for n, h in enumerate(hits, 1):
        where = " > ".join(h.heading_path[1:]) if len(h.heading_path) > 1 else ""
        status = markup_safe(named("validity", h.status))
        match = markup_safe(named("cli.search.match", h.match))
        score = say("cli.search.score", match=match, score=f"{h.score:.3f}")
        console.print(
            f"[bold]{n}. {markup_safe(h.title)} {markup_safe(h.number)}[/]  "
            f"[dim]{markup_safe(h.document_id)} · {status} · "
            f"{markup_safe(h.version_date)} · {score}[/]",
            highlight=False,
        )
        if where:
            console.print(f"   [dim]{markup_safe(where)}[/]", highlight=False)
        text = markup_safe(h.snippet).replace("**", "\x00")
        parts = text.split("\x00")
        marked = "".join(f"[yellow bold]{p}[/]" if i % 2 else p for i, p in enumerate(parts))
        console.print(f"   {marked}", highlight=False)
        target = f"{h.document_id}/{h.provision_id.split('/', 1)[-1]}"
        console.print(f"   [dim]policylens show {markup_safe(target)}[/]", highlight=False)


def search(
    query: Annotated[
        str, typer.Argument(metavar=say("cli.metavar.query"), help=say("cli.search.query"))
    ],
    k: Annotated[
        int, typer.Option("-k", "--top", min=1, max=1000, help=say("cli.search.top"))
    ] = 10,
    level: Annotated[list[str] | None, typer.Option(help=say("cli.search.level"))] = None,
    region: Annotated[list[str] | None, typer.Option(help=say("cli.search.region"))] = None,
    doc: Annotated[list[str] | None, typer.Option(help=say("cli.search.doc"))] = None,
    status: Annotated[
        str,
        typer.Option(help=say("cli.search.status")),
    ] = say("validity.in_force"),  # its name in the CLI's language, as help shows a default
    as_of: Annotated[str | None, typer.Option("--as-of", help=say("cli.search.as_of"))] = None,
    lang: Annotated[list[str] | None, typer.Option(help=say("cli.search.lang"))] = None,
    mode: Annotated[
        str,
        typer.Option(help=say("cli.search.mode")),
    ] = say("cli.search.match.hybrid"),
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    """Search articles: keyword and dense retrieval fused, filters applied before ranking."""
    mode = _mode(mode)
    filters = _filters(level, region, doc, status, as_of, lang)
    engine = _open_engine(home_of(home))
    try:
        warning = engine.stale
        partial = engine.dense_partial and mode != "keyword"
        held, units = engine.dense_coverage
        hits = engine.search(query, k, filters, mode)  # type: ignore[arg-type]
    finally:
        engine.close()
    if warning:
        typer.echo(say("cli.warning", text=visible(warning)), err=True)
    if partial:
        typer.echo(say("cli.dense_partial", held=held, units=units), err=True)
    if as_json:
        emit_json([h.to_dict() for h in hits])
        return
    _print_hits(hits)


def rebuild(
    home: HomeOption = None,
    embedder: EmbedderOption = None,
    reembed: Annotated[bool, typer.Option(help=say("cli.rebuild.reembed"))] = False,
    as_json: JsonOption = False,
    ray: Annotated[bool, typer.Option("--ray", help=say("cli.rebuild.ray"))] = False,
    ray_address: Annotated[
        str | None,
        typer.Option(metavar=say("cli.address_metavar"), help=say("cli.rebuild.ray_address")),
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help=say("cli.rebuild.workers"))] = 2,
) -> None:
    """Rebuild the search indexes from the store (cached vectors are reused unless --reembed)."""
    from index import open_store
    from index.search.build import choose_embedder

    home = home_of(home)
    name = choose_embedder(home, embedder)
    if reembed:
        with open_store(home) as store:
            store.prune_embeddings(name, keep=set())
    if ray or ray_address:  # issue 20: the embedding on Ray (ui/cli/library.py)
        from ui.cli.library import rebuild_on_ray

        report = rebuild_on_ray(home, name, ray_address, workers, as_json)
    else:
        report = update_indexes(home, name, full=True, quiet=as_json)
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


def verify(home: HomeOption = None, as_json: JsonOption = False) -> None:
    """Check the store and that the search indexes agree with it (exit 1 if not).

    A damaged or missing store is reported with its recovery step: `policylens restore BACKUP`
    (a copy made by `policylens backup`), then `policylens rebuild`.
    """
    from index.search.verify import verify_workspace

    counts, problems = verify_workspace(home_of(home))
    if as_json:
        emit_json({"ok": not problems, **counts, "problems": [p.to_dict() for p in problems]})
    else:
        typer.echo(
            say(
                "cli.verify.counts",
                units=counts["units"],
                vectors=counts["vectors"],
                keyword_rows=counts["keyword_rows"],
            )
        )
        for p in problems:
            line = say(
                "cli.verify.problem",
                where=named("cli.verify.where", p.where),
                message=p.message,
                fix=p.fix,
            )
            typer.echo(visible(line))
        if not problems:
            typer.echo(say("cli.verify.ok"))
    if problems:
        raise typer.Exit(1)
