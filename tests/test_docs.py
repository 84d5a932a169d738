"""The README documents every CLI command and every finding code."""

from __future__ import annotations

from pathlib import Path

from ingest.errors import FINDING_CODES
from ui.cli.main import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_finding_code_is_in_the_readme() -> None:
    missing = [code for code in FINDING_CODES if f"`{code}`" not in README]
    assert not missing


def test_every_command_is_in_the_readme_and_has_help() -> None:
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert f"policylens {name}" in README, name
        assert (command.callback.__doc__ or "").strip(), name


def test_every_review_code_is_in_the_readme() -> None:
    from nlp.review.findings import CODES

    missing = [code for code in CODES if f"`{code}`" not in README]
    assert not missing


def test_every_plan_code_is_in_the_readme() -> None:
    from nlp.plans.noted_items import PLAN_CODES

    missing = [code for code in PLAN_CODES if f"`{code}`" not in README]
    assert not missing
