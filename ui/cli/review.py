"""`policylens review DOC` and `policylens decide FINDING`: the consistency review of a local
rule against its upper law, and reviewers' decisions on its findings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ui.cli.common import HomeOption, JsonOption, UserError, emit_json, home_of, visible


def review(
    ref: Annotated[str, typer.Argument(help="The text to review: a document id or work id.")],
    against: Annotated[
        list[str] | None,
        typer.Option(
            help="The upper law to review against (repeatable; default: its declared basis)."
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Also write the review: .docx (opinion) or .xlsx.")
    ] = None,
    dense: Annotated[
        bool,
        typer.Option(
            "--dense",
            help="Also align articles by meaning (the search embedder; measured to add noise, "
            "see the README).",
        ),
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
        raise UserError(f"--out {out}: use a .docx or .xlsx file name")
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
    uppers = ", ".join(t for _, t in result.against)
    typer.echo(
        f"{visible(result.title)} against {visible(uppers)}: {len(result.findings)} finding(s)",
        err=True,
    )
    for f in sorted(result.findings, key=lambda f: (f.code, f.local_number or "")):
        where = f.local_number or "-"
        upper = f" ↔ {f.upper_number}" if f.upper_number else ""
        decided = result.decisions.get(f.finding_id, {}).get("decision")
        state = f" [{decided}]" if decided else ""
        typer.echo(
            visible(
                f"{f.finding_id}  {f.severity:<7} {f.code:<27} {where}{upper}{state}  {f.message}"
            )
        )
    total = sum(result.timings.values())
    typer.echo(
        f"Verbatim copies: {result.verbatim_rate:.0%} of articles. Took {total:.2f} s "
        + "("
        + ", ".join(f"{k} {v:.2f}" for k, v in result.timings.items())
        + ").",
        err=True,
    )


def decide(
    finding: Annotated[str, typer.Argument(help="A finding id from `policylens review`.")],
    decision: Annotated[str, typer.Argument(help="accepted or dismissed.")],
    note: Annotated[str, typer.Option(help="Why.")] = "",
    as_user: Annotated[str | None, typer.Option("--as", help="Decide as this account.")] = None,
    home: HomeOption = None,
) -> None:
    """Accept or dismiss a review finding; the decision stays with it across re-runs."""
    from index import open_store
    from index.accounts import OPERATOR, Accounts
    from index.review.stored_texts import decide as record

    with open_store(home_of(home)) as store:
        actor = Accounts(store).get(as_user) if as_user else OPERATOR
        record(store, actor, finding, decision, note)
    typer.echo(f"{visible(finding)}: {visible(decision)}.")


def register(app: typer.Typer) -> None:
    """Add `policylens review` and `policylens decide`."""
    app.command("review")(review)
    app.command("decide")(decide)
