"""The Review page as users drive it (Streamlit's AppTest), in Chinese: only reviewers and admins
reach it, a reviewer runs the review of 示例省安全生产条例 and sees the metrics and the finding
cards (Chinese names, not codes) with both articles marked, narrows them by type, accepts a
finding with a note, decides a group of identical findings at once, and downloads the opinion
(DOCX, dismissed findings in an annex only) and the findings (XLSX), named after the text."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from docx import Document as DocxDocument
from streamlit.testing.v1 import AppTest

from index import ingest_paths, open_store
from index.accounts import OPERATOR, Accounts
from index.review.groups import group_findings
from index.review.stored_texts import decisions, review_document, save_findings
from nlp.review.findings import CODES, ReviewFinding
from tests.index.support import CORPUS, LAW_2019, LAW_2024, PROVINCIAL
from tests.ui.app_support import (
    ACCOUNTS,
    PAGES,
    PASSWORD,
    download_bytes,
    download_file,
    one,
    open_page,
    record_downloads,
    run,
    start,
    user,
    values,
    workspace_copy,
)
from ui.export.names import today
from ui.export.review_report import finding_text
from ui.i18n import t
from ui.i18n.dates import format_date
from ui.session import ReviewLink

PAGE = "views/review.py"
TITLE = "示例省安全生产条例"
RUN = t("review.run")


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


NAMES = {t(f"finding.{code}"): code for code in CODES}


def card_lines(at: AppTest) -> list[str]:
    """The first line of each finding card."""
    return [
        v
        for v in values(at.markdown)
        if "-badge[" in v and any(f" **{name}**" in v for name in NAMES)
    ]


def card_code(line: str) -> str:
    """The finding code of a card's first line (the card shows the code's Chinese name)."""
    return NAMES[line.split("**")[1]]


def metric(at: AppTest, label: str) -> str:
    return one(at.metric, t(f"review.metric_{label}")).value


@pytest.mark.parametrize("name", ["vic", "dora"])
def test_viewers_and_departments_cannot_open_the_page(name: str) -> None:
    role = t(f"role.{user(name).role.value}")
    # out of their menu, but its address says that the role may not use it (issue 18)
    at = run(start(name).switch_page(PAGE))
    assert values(at.error) == [t("session.role_refused", role=role)]
    assert values(at.error)[0].startswith("无权访问")
    assert not at.title and not at.selectbox
    at = start(name, PAGES / "review.py")  # reached directly, the page refuses too
    assert values(at.error) == [t("session.role_refused", role=role)]
    assert not at.button and not at.title and not at.selectbox


@pytest.mark.parametrize("name", ["ada", "rita"])
def test_admins_and_reviewers_open_the_page(name: str) -> None:
    at = open_page(name, PAGE)
    assert values(at.title) == ["合法性审查"] and not at.error
    assert values(at.info) == ["请选择文件并开始审查。"]
    assert one(at.button, RUN)
    # local rules first, each text with its version
    assert at.selectbox(key="r_doc").options == [
        f"{TITLE} · 2020年11月27日",
        "示例安全生产法 · 2019年6月10日",
        "示例安全生产法 · 2024年4月20日",
    ]
    assert not card_lines(at) and not at.metric


def test_a_reviewer_runs_the_review_and_sees_each_finding(app_home: Path) -> None:
    at = reviewed()
    findings = expected(app_home)
    assert not at.error
    severities = [f.severity for f in findings]
    assert metric(at, "findings") == str(len(findings))
    assert metric(at, "errors") == str(severities.count("error"))
    assert metric(at, "warnings") == str(severities.count("warning"))
    assert (metric(at, "verbatim"), metric(at, "decided")) == ("0%", "0")
    assert any(
        c.startswith("对照示例安全生产法 · 2019年6月10日 · 用时") for c in values(at.caption)
    )
    cards = card_lines(at)
    groups = group_findings(findings)  # findings that say the same thing share a card
    assert len(cards) == len(groups)
    assert sorted(card_code(c) for c in cards) == sorted(g.first.code for g in groups)
    # the most severe first (every check now says 警告 at most: nlp.review.findings.capped)
    badges = {
        "error": ":red-badge[错误] ",
        "warning": ":orange-badge[警告] ",
        "info": ":gray-badge[提示] ",
    }
    worst = min(severities, key=["error", "warning", "info"].index)
    assert cards[0].startswith(badges[worst])
    n = len(findings)
    assert f"显示{len(groups)}组（{n}处），共{n}处" in values(at.caption)
    # no finding code, severity or decision word in English on the page
    page = " ".join(values(at.markdown) + values(at.caption))
    assert "CHECK_" not in page and "[error]" not in page and "Suggested fix" not in page
    assert any(v.startswith("**修改建议**：") for v in values(at.markdown))

    # the accident-report card: both articles, the differing words marked
    report = next(f for f in findings if f.code == "CHECK_TIME_LIMIT" and "二小时内" in f.message)
    assert f"{badges[report.severity]}**期限不一致** · {report.message}" in cards
    assert report.severity == "warning"
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
    assert int(metric(at, "findings")) >= len(expected(app_home))
    with open_store(app_home) as store:
        cached = store.db.execute("SELECT COUNT(*) FROM embeddings WHERE model='hash'").fetchone()
    assert cached[0] > 0  # the articles were embedded for the review, and kept


def test_the_type_filter_narrows_the_cards(app_home: Path) -> None:
    at = reviewed()
    total = len(expected(app_home))
    at.multiselect(key="r_codes").set_value(["CHECK_TIME_LIMIT"])
    at = run(at)
    cards = card_lines(at)
    assert len(cards) == 4
    assert all(card_code(c) == "CHECK_TIME_LIMIT" for c in cards)
    assert f"显示4组（4处），共{total}处" in values(at.caption)
    assert "期限不一致" in at.multiselect(key="r_codes").options
    at.multiselect(key="r_sev").set_value(["info"])
    assert not card_lines(run(at))  # every time-limit finding here is a warning
    at.multiselect(key="r_sev").set_value(["warning"])
    assert len(card_lines(run(at))) == 4


def test_accepting_a_finding_with_a_note_is_stored_and_shown(app_home: Path) -> None:
    at = reviewed()
    drills = next(f for f in expected(app_home) if "每三年" in f.message)
    form = f"decide-{drills.finding_id}"
    at.text_input(key=f"note-{drills.finding_id}").input("改为每两年")
    next(b for b in at.button if b.form_id == form and b.label == "采纳").click()
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
    assert metric(at, "decided") == "1"
    # decided findings leave the default "open" list; "accepted" shows it with its badge
    assert not any(drills.message in c for c in card_lines(at))
    at.selectbox(key="r_state").set_value("accepted")
    at = run(at)
    [card] = card_lines(at)
    assert card == f":orange-badge[警告] **期限不一致** :violet-badge[已采纳] · {drills.message}"
    assert "rita：改为每两年" in values(at.caption)

    # the downloads carry the decision, and are named after the text and the day
    docx_button, xlsx_button = at.get("download_button")
    assert (docx_button.label, xlsx_button.label) == ("审查意见（DOCX）", "问题清单（XLSX）")
    day = format_date(today())
    assert download_file(docx_button)[0] == f"《{TITLE}》审查意见-{day}.docx"
    assert download_file(xlsx_button)[0] == f"《{TITLE}》审查问题清单-{day}.xlsx"
    paragraphs = [p.text for p in DocxDocument(io.BytesIO(download_bytes(docx_button))).paragraphs]
    assert paragraphs[0] == f"关于《{TITLE}》的审查意见（草稿）"
    assert "审查说明：改为每两年" in paragraphs
    sheet = openpyxl.load_workbook(io.BytesIO(download_bytes(xlsx_button)))["审查问题"]
    header = next(sheet.iter_rows(max_row=1, values_only=True))
    assert header[:3] == ("编号", "问题类型", "严重程度")
    assert header[-1] == "规则代码（供程序读取）"  # last and hidden (issue 18)
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {f.finding_id for f in expected(app_home)}
    assert rows[drills.finding_id][1:3] == ("期限不一致", "警告")
    assert rows[drills.finding_id][-3:] == ("已采纳", "改为每两年", "CHECK_TIME_LIMIT")


def _form_of(at: AppTest, finding_id: str) -> list[str]:
    """The labels of the decision buttons on the card of ``finding_id`` (none: no such card)."""
    return [b.label for b in at.button if b.form_id == f"decide-{finding_id}"]


def test_a_decision_takes_effect_in_the_same_run(app_home: Path) -> None:
    """Issue 18: after one click the count shows the decision, the decided card has left the
    pending list with its buttons, and the next button clicked decides its own card only."""
    at = reviewed()
    findings = expected(app_home)
    drills = next(f for f in findings if "每三年" in f.message)
    assert _form_of(at, drills.finding_id) == ["采纳", "不予采纳"]
    next(
        b for b in at.button if b.form_id == f"decide-{drills.finding_id}" and b.label == "采纳"
    ).click()
    at = run(at)
    assert metric(at, "decided") == "1"
    assert not any(drills.message in c for c in card_lines(at))
    assert _form_of(at, drills.finding_id) == []  # no stale button left to click
    assert [x.value for x in at.toast] == ["已记录：已采纳（1处，每处分别记入处理日志）"]
    # the first 不予采纳 on the page now belongs to another card, and decides that card only
    button = next(b for b in at.button if b.label == "不予采纳")
    other = button.form_id.removeprefix("decide-")
    assert other != drills.finding_id
    button.click()
    at = run(at)
    with open_store(app_home) as store:
        kept = decisions(store, [f.finding_id for f in findings])
    assert {i: d["decision"] for i, d in kept.items()} == {
        drills.finding_id: "accepted",
        other: "dismissed",
    }
    assert metric(at, "decided") == "2"
    assert _form_of(at, other) == []
    # under 全部 both cards show their decision, and no other card has one
    at.selectbox(key="r_state").set_value("all")
    at = run(at)
    tagged = [c for c in card_lines(at) if ":violet-badge[" in c]
    assert len(tagged) == 2
    assert any(":violet-badge[已采纳]" in c and drills.message in c for c in tagged)
    assert any(":violet-badge[不予采纳]" in c for c in tagged)


def test_an_iso_date_in_a_finding_reads_as_a_chinese_date(app_home: Path) -> None:
    """Issue 18: 已于2018-03-17起更名为 reads 已于2018年3月17日起更名为 on the page and in both
    downloads; the stored finding keeps its ISO date."""
    renamed = next(f for f in expected(app_home) if f.code == "CHECK_RENAMED_AUTHORITY")
    assert "2018-03-17" in renamed.message  # stored as the check wrote it
    at = reviewed()
    [card] = [c for c in card_lines(at) if "更名为" in c]
    assert "已于2018年3月17日起更名为" in card and "2018-03-17" not in card
    docx_button, xlsx_button = at.get("download_button")
    doc = DocxDocument(io.BytesIO(download_bytes(docx_button)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "已于2018年3月17日起更名为" in text and "2018-03-17" not in text
    sheet = openpyxl.load_workbook(io.BytesIO(download_bytes(xlsx_button))).active
    messages = [str(c.value) for row in sheet.iter_rows(min_row=2) for c in row]
    assert any("已于2018年3月17日起更名为" in m for m in messages)
    assert not any("2018-03-17" in m for m in messages)


def test_the_opinion_quotes_each_article_without_repeating_its_number(app_home: Path) -> None:
    """Issue 18: 本法规第二十三条规定：生产经营单位…, not 本法规第二十三条规定：第二十三条 …; the
    marked words stay marked; the file's author is PolicyLens, not python-docx."""
    at = reviewed()
    doc = DocxDocument(io.BytesIO(download_bytes(at.get("download_button")[0])))
    quoted = [p for p in doc.paragraphs if p.text.startswith(("本法规第", "《示例安全生产法》第"))]
    assert quoted
    for p in quoted:
        label, text = p.text.split("规定：", 1)
        number = label.removeprefix("本法规").split("》")[-1]
        assert not text.startswith(number), p.text
    local = next(p.text for p in quoted if p.text.startswith("本法规第二十三条规定："))
    assert local.startswith("本法规第二十三条规定：生产经营单位主要负责人")
    report = next(p for p in quoted if p.text.startswith("本法规第十六条规定："))
    marked = [r.text for r in report.runs if r.font.highlight_color is not None]
    assert marked == ["二小时内"]
    assert doc.core_properties.author == "PolicyLens"
    assert "python-docx" not in (doc.core_properties.comments or "")


def test_the_opinion_leaves_dismissed_findings_to_an_annex(app_home: Path) -> None:
    at = reviewed()
    findings = expected(app_home)
    report = next(f for f in findings if "二小时内" in f.message)
    at.text_input(key=f"note-{report.finding_id}").input("本省另有规定")
    form = f"decide-{report.finding_id}"
    next(b for b in at.button if b.form_id == form and b.label == "不予采纳").click()
    at = run(at)
    docx_button = at.get("download_button")[0]
    doc = DocxDocument(io.BytesIO(download_bytes(docx_button)))
    paragraphs = [p.text for p in doc.paragraphs]
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    kept = len(findings) - 1
    intro = paragraphs[1]
    assert f"共发现需要研究处理的问题{kept}处" in intro and "另有1处经审查不予采纳" in intro
    # 一、二、 sections by kind of problem, （一）（二） items; no code, no English state
    sections = [h for h in headings if h[1] == "、"]
    assert [h[0] for h in sections] == list("一二三四五六")[: len(sections)]
    # 第十六条 dismissed: 3 of the 4 time limits are left
    assert any(re.fullmatch(r"[一二三四五六七八九十]+、期限不一致（3）", h) for h in headings)
    assert headings[-1] == "附件：不予采纳的审查发现"
    assert any(p.startswith("（一）第九条：") for p in paragraphs)
    text = "\n".join(paragraphs)
    assert "CHECK_" not in text and "[accepted]" not in text and "(error)" not in text
    body, annex = text.split("附件：不予采纳的审查发现")
    assert report.message not in body
    assert report.message in annex and "不予采纳理由：本省另有规定" in annex


def test_identical_findings_are_one_card_decided_at_once(app_home: Path) -> None:
    """Three findings saying the same of three articles: one card listing the articles, one
    decision that records (and logs) each finding on its own."""
    with open_store(app_home) as store:
        result = review_document(store, PROVINCIAL, save=False)
        base = next(f for f in result.findings if f.code == "CHECK_THRESHOLD")
        copies = [
            replace(base, finding_id=f"{base.finding_id}-{n}", local_number=number, also=())
            for n, number in enumerate(("第七条", "第十条", "第十二条"))
        ]
        save_findings(store, user("rita"), PROVINCIAL, [i for i, _ in result.against], copies)
    result.findings = copies
    at = open_page("rita", PAGE)
    at.selectbox(key="r_doc").set_value(PROVINCIAL)
    at.session_state["review"] = result
    at.session_state["r_shown"] = ReviewLink(PROVINCIAL)  # what the review was run on
    at = run(at)
    [card] = card_lines(at)
    assert card.startswith(":orange-badge[警告] **数量标准不一致** · ")
    assert "涉及3条：第七条、第十条、第十二条" in values(at.caption)
    form = f"decide-{copies[0].finding_id}"
    labels = [b.label for b in at.button if b.form_id == form]
    assert labels == ["全部采纳（3处）", "全部不予采纳（3处）"]
    at.text_input(key=f"note-{copies[0].finding_id}").input("统一修改")
    next(b for b in at.button if b.label == "全部采纳（3处）").click()
    at = run(at)
    with open_store(app_home) as store:
        log = store.db.execute(
            "SELECT finding_id, decision, note, decided_by FROM review_decision_log"
        ).fetchall()
    assert sorted(tuple(r) for r in log) == sorted(
        (c.finding_id, "accepted", "统一修改", "rita") for c in copies
    )
    assert metric(at, "decided") == "3"


def test_a_text_without_a_basis_shows_why() -> None:
    at = reviewed(LAW_2024)
    assert values(at.error) == [
        f"{LAW_2024} 的前几条没有写明制定依据：请在“对照的上位法”中选择要对照的法律"
    ]
    assert not card_lines(at) and not at.metric
    # naming the upper law runs it
    at.multiselect(key="r_against").set_value([LAW_2019])
    run(at)
    one(at.button, RUN).click()
    at = run(at)
    assert not at.error and card_lines(at)
    assert any(
        c.startswith("对照示例安全生产法 · 2019年6月10日 · 用时") for c in values(at.caption)
    )


# -- the review in the URL (issue 18: reload, Back and a link show the same review) -------------
def test_running_a_review_names_it_in_the_url() -> None:
    at = reviewed()
    assert at.query_params["review"] == PROVINCIAL
    assert "against" not in at.query_params and "dense" not in at.query_params
    at.multiselect(key="r_against").set_value([LAW_2024])
    at.checkbox(key="r_dense").check()
    run(at)
    one(at.button, RUN).click()
    at = run(at)
    assert (at.query_params["review"], at.query_params["against"]) == (PROVINCIAL, LAW_2024)
    assert at.query_params["dense"] == "1"
    at.selectbox(key="r_doc").set_value(LAW_2019)  # another text: no review shown, none named
    at = run(at)
    assert not card_lines(at) and "review" not in at.query_params


def test_a_fresh_connection_with_the_link_shows_the_same_review_and_its_decisions(
    app_home: Path,
) -> None:
    first = reviewed()
    drills = next(f for f in expected(app_home) if "每三年" in f.message)
    form = f"decide-{drills.finding_id}"
    next(b for b in first.button if b.form_id == form and b.label == "采纳").click()
    first = run(first)
    shown = card_lines(first)

    # a reload is a new session with the same URL: nothing to click, the same review comes back
    again = open_page("rita", PAGE, review=PROVINCIAL)
    assert not again.error
    assert again.selectbox(key="r_doc").value == PROVINCIAL
    assert metric(again, "findings") == str(len(expected(app_home)))
    assert metric(again, "decided") == "1"  # the decision, from the store
    assert card_lines(again) == shown
    assert any(
        c.startswith("对照示例安全生产法 · 2019年6月10日 · 用时") for c in values(again.caption)
    )


def test_a_link_names_the_upper_law_and_the_page_follows_it() -> None:
    at = open_page("rita", PAGE, review=PROVINCIAL, against=LAW_2024)
    assert at.multiselect(key="r_against").value == [LAW_2024]
    assert any(
        c.startswith("对照示例安全生产法 · 2024年4月20日 · 用时") for c in values(at.caption)
    )
    assert "上位法按上方所选对照。" in values(at.caption)
    assert card_lines(at)


def test_the_upper_law_taken_by_default_says_why() -> None:
    at = reviewed()
    [why] = [c for c in values(at.caption) if c.startswith("对照《示例安全生产法》")]
    assert "按本文件第一条所列立法依据选定" in why
    assert "本文件制定时（2020年11月27日）已施行的版本（2019年6月10日）" in why
    assert "库中另有较新版本（2024年4月20日）" in why


def test_a_link_to_a_text_no_longer_held_says_so() -> None:
    at = open_page("rita", PAGE, review="无此文件@2000-01-01")
    assert values(at.warning) == [t("review.link_unknown")]
    assert values(at.info) == ["请选择文件并开始审查。"] and not card_lines(at)
    assert "review" not in at.query_params


def bulk_button(at: AppTest, label: str) -> Any:
    """A submit button of the bulk decision form."""
    return next(b for b in at.button if b.form_id == "r_bulk" and b.label == label)


def logged(home: Path) -> list[tuple[str, str, str, str]]:
    with open_store(home) as store:
        rows = store.db.execute(
            "SELECT finding_id, decision, note, decided_by FROM review_decision_log"
        ).fetchall()
    return sorted(tuple(r) for r in rows)


def test_a_bulk_decision_needs_its_confirmation_and_decides_each_pending_finding(
    app_home: Path,
) -> None:
    """Issue 18: one type's pending findings accepted at once, then every other pending one
    dismissed, each stored and logged as a card's decision is; the opinion follows."""
    at = reviewed()
    findings = expected(app_home)
    by_code: dict[str, list[str]] = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f.finding_id)
    code, ids = max(by_code.items(), key=lambda item: len(item[1]))
    assert len(ids) > 1 and len(by_code) > 1
    scope = at.selectbox(key="r_bulk_scope")
    assert scope.options[0] == f"全部待处理问题（{len(findings)}处）"
    assert f"本类：{t(f'finding.{code}')}（{len(ids)}处）" in scope.options
    assert [b.label for b in at.button if b.form_id == "r_bulk"] == ["全部采纳", "全部不予采纳"]
    # without the confirmation tick nothing is decided, and the page says why
    scope.set_value(code)
    bulk_button(at, "全部采纳").click()
    at = run(at)
    assert values(at.error) == [t("review.bulk_unconfirmed")]
    assert logged(app_home) == [] and metric(at, "decided") == "0"
    # confirmed: that type's findings, each on its own, with the note
    at.selectbox(key="r_bulk_scope").set_value(code)
    at.text_input(key="r_bulk_note").input("统一修改")
    at.checkbox(key="r_bulk_confirm").check()
    bulk_button(at, "全部采纳").click()
    at = run(at)
    assert not at.error
    assert logged(app_home) == sorted((i, "accepted", "统一修改", "rita") for i in ids)
    assert metric(at, "decided") == str(len(ids))
    assert at.checkbox(key="r_bulk_confirm").value is False  # the next one is confirmed anew
    # every pending finding left: dismissed; the accepted ones are not decided again
    rest = [f.finding_id for f in findings if f.code != code]
    assert at.selectbox(key="r_bulk_scope").options[0] == f"全部待处理问题（{len(rest)}处）"
    at.selectbox(key="r_bulk_scope").set_value("*")
    at.text_input(key="r_bulk_note").input("")
    at.checkbox(key="r_bulk_confirm").check()
    bulk_button(at, "全部不予采纳").click()
    at = run(at)
    assert logged(app_home) == sorted(
        [(i, "accepted", "统一修改", "rita") for i in ids]
        + [(i, "dismissed", "", "rita") for i in rest]
    )
    with open_store(app_home) as store:
        stored = decisions(store, [f.finding_id for f in findings])
    assert {i: d["decision"] for i, d in stored.items()} == {
        **dict.fromkeys(ids, "accepted"),
        **dict.fromkeys(rest, "dismissed"),
    }
    assert metric(at, "decided") == str(len(findings))
    assert t("review.bulk_none") in values(at.caption) and not card_lines(at)
    # the opinion counts the accepted findings and leaves the dismissed ones to the annex
    doc = DocxDocument(io.BytesIO(download_bytes(at.get("download_button")[0])))
    text = "\n".join(p.text for p in doc.paragraphs)
    intro = doc.paragraphs[1].text
    assert f"共发现需要研究处理的问题{len(ids)}处" in intro
    assert f"另有{len(rest)}处经审查不予采纳" in intro
    body, annex = text.split("附件：不予采纳的审查发现")
    assert all(finding_text(f.message) in body for f in findings if f.code == code)
    assert all(finding_text(f.message) in annex for f in findings if f.code != code)
    assert all(finding_text(f.message) not in body for f in findings if f.code != code)
