"""The Review page as users drive it (Streamlit's AppTest): only reviewers and admins reach it, a
reviewer runs the review of 示例省安全生产条例 and sees the metrics and the finding cards with both
articles marked, narrows them by type, accepts a finding with a note, and downloads the opinion
(DOCX) and the findings (XLSX)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from docx import Document as DocxDocument
from streamlit.testing.v1 import AppTest

from index import ingest_paths, open_store
from index.accounts import OPERATOR, Accounts
from index.review.stored_texts import decisions, review_document
from nlp.review.findings import ReviewFinding
from tests.index.support import CORPUS, LAW_2019, LAW_2024, PROVINCIAL
from tests.ui.app_support import (
    ACCOUNTS,
    PAGES,
    PASSWORD,
    download_bytes,
    one,
    open_page,
    record_downloads,
    run,
    start,
    user,
    values,
    workspace_copy,
)

PAGE = "views/review.py"
TITLE = "示例省安全生产条例"
RUN = "Run the review"


@pytest.fixture(scope="module")
def review_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both versions of the national law, the provincial rule and one account per role."""
    home = tmp_path_factory.mktemp("app-review") / "workspace"
    files = ("zh_national_law_2019.md", "zh_national_law_2024.md", "zh_provincial_rule.docx")
    with open_store(home) as store:
        ingest_paths(store, [CORPUS / f for f in files], sandbox=False)
        accounts = Accounts(store)
        for name, (role, department) in ACCOUNTS.items():
            accounts.add(OPERATOR, name, PASSWORD, role, department)
    return home


@pytest.fixture(autouse=True)
def app_home(
    review_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    with workspace_copy(review_workspace, tmp_path, monkeypatch) as home:
        yield home


@pytest.fixture(autouse=True)
def _downloads_readable(monkeypatch: pytest.MonkeyPatch) -> None:
    record_downloads(monkeypatch)


def reviewed(document_id: str = PROVINCIAL, name: str = "rita") -> AppTest:
    """The Review page after running the review of ``document_id``."""
    at = open_page(name, PAGE)
    at.selectbox(key="r_doc").set_value(document_id)
    run(at)
    one(at.button, RUN).click()
    return run(at)


def expected(home: Path) -> list[ReviewFinding]:
    with open_store(home) as store:
        return review_document(store, PROVINCIAL, save=False).findings


def card_lines(at: AppTest) -> list[str]:
    """The first line of each finding card."""
    return [v for v in values(at.markdown) if "-badge[" in v and " **CHECK_" in v]


def metric(at: AppTest, label: str) -> str:
    return one(at.metric, label).value


@pytest.mark.parametrize("name", ["vic", "dora"])
def test_viewers_and_departments_cannot_open_the_page(name: str) -> None:
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        start(name).switch_page(PAGE)  # not in their navigation
    at = start(name, PAGES / "review.py")  # reached directly, the page refuses too
    assert values(at.error) == [f"Your role ({user(name).role.value}) cannot open this page."]
    assert not at.button and not at.title and not at.selectbox


@pytest.mark.parametrize("name", ["ada", "rita"])
def test_admins_and_reviewers_open_the_page(name: str) -> None:
    at = open_page(name, PAGE)
    assert values(at.title) == ["Review"] and not at.error
    assert values(at.info) == ["Choose a text and run the review."]
    assert one(at.button, RUN)
    # local rules first, each text with its version
    assert at.selectbox(key="r_doc").options == [
        f"{TITLE} · 2020-11-27",
        "示例安全生产法 · 2019-06-10",
        "示例安全生产法 · 2024-04-20",
    ]
    assert not card_lines(at) and not at.metric


def test_a_reviewer_runs_the_review_and_sees_each_finding(app_home: Path) -> None:
    at = reviewed()
    findings = expected(app_home)
    assert not at.error
    severities = [f.severity for f in findings]
    assert metric(at, "Findings") == str(len(findings))
    assert metric(at, "Errors") == str(severities.count("error"))
    assert metric(at, "Warnings") == str(severities.count("warning"))
    assert (metric(at, "Verbatim copies"), metric(at, "Decided")) == ("0%", "0")
    assert any(
        c.startswith("Against 示例安全生产法 · 2019-06-10 · took ") for c in values(at.caption)
    )
    cards = card_lines(at)
    assert len(cards) == len(findings)
    assert sorted(c.split("**")[1] for c in cards) == sorted(f.code for f in findings)
    assert cards[0].startswith(":red-badge[error] ")  # errors first
    assert f"{len(findings)} of {len(findings)} findings shown" in values(at.caption)

    # the accident-report card: both articles, the differing words marked
    report = next(f for f in findings if f.code == "CHECK_TIME_LIMIT" and "二小时内" in f.message)
    assert f":red-badge[error] **CHECK_TIME_LIMIT** · {report.message}" in cards
    blocks = values(at.markdown)
    assert any("<mark>二小时内</mark>" in b and "事故发生后" in b for b in blocks)
    assert any("<mark>一小时内</mark>" in b and "立即启动应急预案" in b for b in blocks)
    assert f"{TITLE} 第十六条" in values(at.caption)
    assert "示例安全生产法 第三十条" in values(at.caption)


def test_aligning_by_meaning_embeds_with_the_search_embedder(
    app_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICYLENS_EMBEDDER", "hash")
    at = open_page("rita", PAGE)
    at.selectbox(key="r_doc").set_value(PROVINCIAL)
    at.checkbox(key="r_dense").check()
    run(at)
    one(at.button, RUN).click()
    run(at)
    assert not at.error
    assert int(metric(at, "Findings")) >= len(expected(app_home))
    with open_store(app_home) as store:
        cached = store.db.execute("SELECT COUNT(*) FROM embeddings WHERE model='hash'").fetchone()
    assert cached[0] > 0  # the articles were embedded for the review, and kept


def test_the_type_filter_narrows_the_cards() -> None:
    at = reviewed()
    total = len(card_lines(at))
    at.multiselect(key="r_codes").set_value(["CHECK_TIME_LIMIT"])
    at = run(at)
    cards = card_lines(at)
    assert len(cards) == 4
    assert all("**CHECK_TIME_LIMIT**" in c for c in cards)
    assert f"4 of {total} findings shown" in values(at.caption)
    at.multiselect(key="r_sev").set_value(["warning"])
    assert not card_lines(run(at))  # every time-limit finding here is an error


def test_accepting_a_finding_with_a_note_is_stored_and_shown(app_home: Path) -> None:
    at = reviewed()
    drills = next(f for f in expected(app_home) if "每三年" in f.message)
    form = f"decide-{drills.finding_id}"
    at.text_input(key=f"note-{drills.finding_id}").input("改为每两年")
    next(b for b in at.button if b.form_id == form and b.label == "Accept").click()
    at = run(at)
    assert not at.error
    with open_store(app_home) as store:
        kept = decisions(store, [drills.finding_id])[drills.finding_id]
        log = [
            tuple(r)
            for r in store.db.execute("SELECT decision, note, decided_by FROM review_decision_log")
        ]
    assert (kept["decision"], kept["note"], kept["decided_by"]) == (
        "accepted",
        "改为每两年",
        "rita",
    )
    assert log == [("accepted", "改为每两年", "rita")]
    assert metric(at, "Decided") == "1"
    # decided findings leave the default "open" list; "accepted" shows it with its badge
    assert not any(drills.message in c for c in card_lines(at))
    at.selectbox(key="r_state").set_value("accepted")
    at = run(at)
    [card] = card_lines(at)
    assert (
        card == f":red-badge[error] **CHECK_TIME_LIMIT** :violet-badge[accepted] · {drills.message}"
    )
    assert "rita: 改为每两年" in values(at.caption)

    # the downloads carry the decision
    docx_button, xlsx_button = at.get("download_button")
    assert (docx_button.label, xlsx_button.label) == ("Review opinion (DOCX)", "Findings (XLSX)")
    paragraphs = [p.text for p in DocxDocument(io.BytesIO(download_bytes(docx_button))).paragraphs]
    assert paragraphs[0] == f"关于《{TITLE}》的审查意见（草稿）"
    assert "审查说明：改为每两年" in paragraphs
    sheet = openpyxl.load_workbook(io.BytesIO(download_bytes(xlsx_button)))["findings"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {f.finding_id for f in expected(app_home)}
    assert rows[drills.finding_id][-2:] == ("accepted", "改为每两年")


def test_a_text_without_a_basis_shows_why() -> None:
    at = reviewed(LAW_2024)
    assert values(at.error) == [
        f"{LAW_2024} declares no legal basis in its first articles; "
        "give the upper law with --against"
    ]
    assert not card_lines(at) and not at.metric
    # naming the upper law runs it
    at.multiselect(key="r_against").set_value([LAW_2019])
    run(at)
    one(at.button, RUN).click()
    at = run(at)
    assert not at.error and card_lines(at)
    assert any(
        c.startswith("Against 示例安全生产法 · 2019-06-10 · took ") for c in values(at.caption)
    )
