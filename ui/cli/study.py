"""`policylens study` and `policylens study-diff`: study packs (key provisions, outline, terms,
duties, figures, gated quiz items) and "what changed" between two versions, with exports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ui.cli.common import (
    HomeOption,
    JsonOption,
    UserError,
    emit_json,
    home_of,
    say,
    visible,
)

if TYPE_CHECKING:
    from index.study.packs import StudyPack

PACK_SUFFIXES = (".docx", ".md", ".apkg", ".xlsx")
CHANGES_SUFFIXES = (".docx", ".md")


def _check_out(out: Path | None, suffixes: tuple[str, ...]) -> None:
    if out is not None and out.suffix.lower() not in suffixes:
        raise UserError(say("cli.out_suffix", out=out, suffixes=say("cli.list_sep").join(suffixes)))


def study(
    ref: Annotated[
        str | None, typer.Argument(metavar=say("cli.metavar.ref"), help=say("cli.study.ref"))
    ] = None,
    query: Annotated[str | None, typer.Option("--query", help=say("cli.study.query"))] = None,
    articles: Annotated[
        str | None,
        typer.Option(help=say("cli.study.articles")),
    ] = None,
    items: Annotated[int, typer.Option("--items", min=0, help=say("cli.study.items"))] = 20,
    seed: Annotated[int, typer.Option(help=say("cli.study.seed"))] = 0,
    out: Annotated[Path | None, typer.Option("--out", help=say("cli.study.out"))] = None,
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    """Build a study pack for a document, some of its articles, or a topic.

    Key provisions, outline, defined terms, duties by bearer, figures to remember and quiz
    items that pass the quality gate, each with its source article.
    """
    from index import open_store

    _check_out(out, PACK_SUFFIXES)
    if (ref is None) == (query is None):
        raise UserError(say("cli.study.one_source"))
    if articles and ref is None:
        raise UserError(say("cli.study.articles_need_doc"))
    if query is not None:
        from index.search.engine import SearchEngine
        from index.study.packs import pack_for_query

        engine = SearchEngine.open(home_of(home))
        try:
            pack = pack_for_query(engine, query, items=items, seed=seed)
        finally:
            engine.close()
    else:
        from index.study.packs import pack_for_document

        chosen = [a for a in (articles or "").split(",") if a.strip()]
        with open_store(home_of(home)) as store:
            pack = pack_for_document(store, str(ref), articles=chosen, items=items, seed=seed)
    if out is not None:
        out.write_bytes(_pack_bytes(pack, out.suffix.lower()))
    if as_json:
        emit_json(pack.to_dict())
        return
    summary = say(
        "cli.study.summary",
        title=visible(pack.title),
        provisions=len(pack.provisions),
        terms=len(pack.terms),
        duties=sum(len(d) for _, d in pack.duties),
        figures=len(pack.figures),
        items=len(pack.items),
        rate=f"{pack.gate.get('pass_rate', 1.0):.0%}",
    )
    typer.echo(summary)
    for n, item in enumerate(pack.items, 1):
        kind = _type_name(item.quiz.type)
        line = say(
            "cli.study.item",
            number=n,
            type=kind,
            stem=item.quiz.stem,
            answer=item.quiz.answer,
        )
        typer.echo(visible(line))


def _type_name(kind: str) -> str:
    """A question type by its name in the CLI's language (the study page's own words)."""
    from ui.i18n import has

    key = f"study.type_{kind}"
    return say(key) if has(key) else kind


def _pack_bytes(pack: StudyPack, suffix: str) -> bytes:
    if suffix == ".docx":
        from ui.export.study_docx import pack_docx

        return pack_docx(pack)
    if suffix == ".md":
        from ui.export.study_md import pack_markdown

        return pack_markdown(pack).encode("utf-8")
    if suffix == ".apkg":
        from ui.export.study_anki import pack_apkg

        return pack_apkg(pack)
    from ui.export.study_xlsx import bank_xlsx

    return bank_xlsx(pack.items, pack.title)


def study_diff(
    old: Annotated[
        str, typer.Argument(metavar=say("cli.metavar.old"), help=say("cli.study_diff.old"))
    ],
    new: Annotated[
        str, typer.Argument(metavar=say("cli.metavar.new"), help=say("cli.study_diff.new"))
    ],
    seed: Annotated[int, typer.Option(help=say("cli.study_diff.seed"))] = 0,
    out: Annotated[Path | None, typer.Option("--out", help=say("cli.study_diff.out"))] = None,
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    """What changed between two versions: added, removed and changed articles, new duties,
    changed figures, and quiz items about the changed figures."""
    from index import open_store
    from index.study.changes import study_changes

    _check_out(out, CHANGES_SUFFIXES)
    with open_store(home_of(home)) as store:
        changes = study_changes(store, old, new, seed=seed)
    if out is not None:
        if out.suffix.lower() == ".docx":
            from ui.export.study_docx import changes_docx

            out.write_bytes(changes_docx(changes))
        else:
            from ui.export.study_md import changes_markdown

            out.write_text(changes_markdown(changes), encoding="utf-8")
    if as_json:
        emit_json(changes.to_dict())
        return
    for line in changes.briefing:
        typer.echo(visible(line, lines=True))


def register(app: typer.Typer) -> None:
    """Add `policylens study` and `policylens study-diff`."""
    app.command("study", help=say("cli.study"))(study)
    app.command("study-diff", help=say("cli.study_diff"))(study_diff)
