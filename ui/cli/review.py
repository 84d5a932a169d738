"""`policylens review DOC` and `policylens decide FINDING`: the consistency review of a local
rule against its upper law, and reviewers' decisions on its findings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ui.cli.common import (
    HomeOption,
    JsonOption,
    UserError,
    cli_language,
    emit_json,
    home_of,
    named,
    say,
    stored_word,
    visible,
)

DECISION_NAMES = {"accepted": "cli.decide.accepted", "dismissed": "cli.decide.dismissed"}


def review(
    ref: Annotated[str, typer.Argument(metavar=say("cli.metavar.ref"), help=say("cli.review.ref"))],
    against: Annotated[
        list[str] | None,
        typer.Option(help=say("cli.review.against")),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help=say("cli.review.out"))] = None,
    dense: Annotated[
        bool,
        typer.Option("--dense", help=say("cli.review.dense")),
    ] = False,
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check a local rule against its upper law, finding by finding.

    Fines, time limits, thresholds, modality, bodies, renamed authorities, citations,
    delegations and numbering; exit 0 even with findings.
    """
    from index import open_store
    from index.accounts import OPERATOR
    from index.review.stored_texts import review_document

    if out is not None and out.suffix.lower() not in (".docx", ".xlsx"):
        raise UserError(say("cli.out_either", out=out, first=".docx", second=".xlsx"))
    embedder = None
    if dense:
        from index.search.build import choose_embedder
        from index.search.embedders import load_embedder

        embedder = load_embedder(choose_embedder(home_of(home)))  # the search index's own
    with open_store(home_of(home)) as store:
        result = review_document(store, ref, against=against, embedder=embedder, user=OPERATOR)
    if out is not None:
        from ui.export.review_report import review_docx, review_xlsx

        out.write_bytes((review_docx if out.suffix.lower() == ".docx" else review_xlsx)(result))
    if as_json:
        emit_json(
            [
                {**f.to_dict(), "decision": result.decisions.get(f.finding_id, {}).get("decision")}
                for f in result.findings
            ]
        )
        return
    uppers = say("cli.review.against_join").join(t for _, t in result.against)
    summary = say(
        "cli.review.summary",
        title=visible(result.title),
        against=visible(uppers),
        count=len(result.findings),
    )
    typer.echo(summary, err=True)
    for f in sorted(result.findings, key=lambda f: (f.code, f.local_number or "")):
        where = f.local_number or "-"
        upper = f" ↔ {f.upper_number}" if f.upper_number else ""
        decided = result.decisions.get(f.finding_id, {}).get("decision")
        state = f" [{named('decision', decided)}]" if decided else ""
        severity = named("severity", f.severity)
        # In Chinese the finding's name, not its code (which --json keeps for programs).
        kind = f"{named('finding', f.code)}" if cli_language() == "zh" else f"{f.code:<27}"
        typer.echo(
            visible(
                f"{f.finding_id}  {severity:<7} {kind} {where}{upper}{state}  {_dated(f.message)}"
            )
        )
    total = sum(result.timings.values())
    parts = say("cli.list_sep").join(
        f"{named('cli.review.stage', k)} {v:.2f}" for k, v in result.timings.items()
    )
    took = say(
        "cli.review.took", rate=f"{result.verbatim_rate:.0%}", total=f"{total:.2f}", parts=parts
    )
    typer.echo(took, err=True)


def _dated(text: str) -> str:
    """A finding's sentence with its ISO dates in the CLI's language (2018年3月17日 in Chinese),
    as the app and the opinion show them."""
    import contextvars

    from ui.i18n import set_language
    from ui.i18n.dates import dates_in_text

    def in_cli_language() -> str:
        set_language(cli_language())  # in a copy of the context: the caller's is unchanged
        return dates_in_text(text)

    return contextvars.copy_context().run(in_cli_language)


def decide(
    finding: Annotated[
        str, typer.Argument(metavar=say("cli.metavar.finding"), help=say("cli.decide.finding"))
    ],
    decision: Annotated[
        str, typer.Argument(metavar=say("cli.metavar.decision"), help=say("cli.decide.decision"))
    ],
    note: Annotated[str, typer.Option(help=say("cli.decide.note"))] = "",
    as_user: Annotated[str | None, typer.Option("--as", help=say("cli.decide.as"))] = None,
    home: HomeOption = None,
) -> None:
    """Accept or dismiss a review finding; the decision stays with it across re-runs."""
    from index import open_store
    from index.accounts import OPERATOR, Accounts
    from index.review.stored_texts import decide as record

    # by code or by name (采纳, 不予采纳, and 已采纳 as the review shows it)
    decision = stored_word(say("cli.decide.what"), decision, DECISION_NAMES, {"已采纳": "accepted"})
    with open_store(home_of(home)) as store:
        actor = Accounts(store).get(as_user) if as_user else OPERATOR
        record(store, actor, finding, decision, note)
    typer.echo(
        say(
            "cli.decide.done",
            finding=visible(finding),
            decision=visible(named("decision", decision)),
        )
    )


def register(app: typer.Typer) -> None:
    """Add `policylens review` and `policylens decide`."""
    app.command("review", help=say("cli.review"))(review)
    app.command("decide", help=say("cli.decide"))(decide)
