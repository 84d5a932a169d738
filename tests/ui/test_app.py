"""The web app as a user drives it (Streamlit's AppTest, the hash embedder): signing in, what
each role may open, the home page, search with filters and downloads, reading and comparing
documents, ingest as a background job, accounts."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from index import open_store
from index.accounts import OPERATOR, SIGN_IN_FAILED, Accounts, AuthenticationError
from index.library.changes import Upload, ingest_uploads
from tests import filegen
from tests.index.support import LAW_2019, LAW_2024, PROVINCIAL
from tests.ui.app_support import (
    DISABLED,
    PAGES,
    PASSWORD,
    build_workspace,
    cards,
    download_bytes,
    one,
    open_page,
    record_downloads,
    run,
    start,
    submit,
    user,
    values,
    wait_for_jobs,
    workspace_copy,
)

ACCIDENT_QUERY = "事故发生后多长时间内报告"
ACCIDENT_ARTICLE = "示例安全生产法/art-31"  # 2024 第三十一条: report within one hour
LOCAL_RULES = {"示例省安全生产条例", "示例滨海省安全生产条例", "示例山城市安全生产若干规定"}
LOCAL_REGIONS = {"示例省", "示例滨海省", "示例山城市"}
EN_ACT = "Illustrative Work Safety Act of the Republic of Exampleland"


@pytest.fixture(scope="module")
def corpus_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus and one account per role, built once (read-only: tests use copies)."""
    return build_workspace(tmp_path_factory.mktemp("app") / "workspace")


@pytest.fixture(autouse=True)
def app_home(
    corpus_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    with workspace_copy(corpus_workspace, tmp_path, monkeypatch) as home:
        yield home


@pytest.fixture(autouse=True)
def _downloads_readable(monkeypatch: pytest.MonkeyPatch) -> None:
    record_downloads(monkeypatch)


def sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="login_user").input(username)
    at.text_input(key="login_password").input(password)
    return submit(at, "Sign in")


def search(query: str, name: str = "vic") -> AppTest:
    at = open_page(name, "views/search.py")
    at.text_input(key="query").input(query)
    return run(at)


def document_ids(home: Path) -> set[str]:
    with open_store(home) as store:
        return {d["document_id"] for d in store.documents()}


# -- signing in ---------------------------------------------------------------------------------
def test_signed_out_visitor_gets_only_the_sign_in_form() -> None:
    at = start()
    assert values(at.title) == ["PolicyLens"]
    assert [w.key for w in at.text_input] == ["login_user", "login_password"]
    assert not at.metric  # no library content before signing in
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/search.py")


@pytest.mark.parametrize(
    ("username", "password"), [("ada", "wrong-password-1"), ("nobody", PASSWORD)]
)
def test_a_wrong_password_or_user_name_is_refused(username: str, password: str) -> None:
    at = sign_in(start(), username, password)
    assert values(at.error) == [SIGN_IN_FAILED]
    assert "user" not in at.session_state
    assert [w.key for w in at.text_input] == ["login_user", "login_password"]


def test_a_correct_password_opens_home() -> None:
    at = sign_in(start(), "rita", PASSWORD)
    assert not at.error
    assert at.session_state["user"].username == "rita"
    assert values(at.title) == ["PolicyLens"]
    assert [m.label for m in at.metric] == ["Documents", "Works", "Articles", "In force"]
    assert "Signed in as **rita** (reviewer)" in values(at.sidebar.caption)


def test_the_password_typed_is_not_kept_after_signing_in() -> None:
    at = sign_in(start(), "vic", PASSWORD)
    assert at.session_state["user"].username == "vic"
    assert "login_password" not in at.session_state


def test_repeated_wrong_passwords_lock_the_account(app_home: Path) -> None:
    at = start()
    for _ in range(5):
        sign_in(at, "vic", "wrong-password-1")
    at = sign_in(at, "vic", PASSWORD)
    assert values(at.error) == [SIGN_IN_FAILED]  # locked: the same words as a wrong password
    with open_store(app_home) as store:
        assert Accounts(store).log("vic")[0]["event"] == "login_refused"
    assert "user" not in at.session_state


def test_a_disabled_account_cannot_sign_in() -> None:
    at = sign_in(start(), DISABLED, PASSWORD)
    assert values(at.error) == [SIGN_IN_FAILED]  # disabled: the same words as a wrong password
    assert "user" not in at.session_state
    assert not at.metric


def test_an_account_disabled_while_signed_in_is_signed_out(app_home: Path) -> None:
    at = start("vic")
    assert values(at.title) == ["PolicyLens"] and at.metric
    with open_store(app_home) as store:
        Accounts(store).set_active(user("ada"), "vic", False)
    run(at)
    assert "user" not in at.session_state
    assert [w.key for w in at.text_input] == ["login_user", "login_password"]


def test_an_empty_workspace_says_how_to_create_the_first_admin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICYLENS_HOME", str(tmp_path / "empty"))
    at = start()
    assert len(at.warning) == 1
    assert "no accounts yet" in at.warning[0].value
    assert "policylens users add NAME --role admin" in at.warning[0].value
    assert not at.text_input  # nobody could sign in: no form


# -- what each role may open --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "may_ingest", "may_manage_users"),
    [("ada", True, True), ("rita", True, False), ("dora", False, False), ("vic", False, False)],
)
def test_navigation_offers_ingest_and_users_by_role(
    name: str, may_ingest: bool, may_manage_users: bool
) -> None:
    for page, allowed, title in (
        ("views/ingest.py", may_ingest, "Ingest"),
        ("views/users.py", may_manage_users, "Users"),
    ):
        at = start(name)
        if allowed:
            run(at.switch_page(page))
            assert values(at.title) == [title] and not at.error
        else:
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(page)
    at = run(start(name).switch_page("views/account.py"))
    assert values(at.title) == ["My account"]


@pytest.mark.parametrize(
    ("name", "page"),
    [("vic", "ingest.py"), ("dora", "ingest.py"), ("vic", "users.py"), ("rita", "users.py")],
)
def test_a_page_refuses_a_role_without_its_permission_when_reached_directly(
    name: str, page: str
) -> None:
    """A page run on its own (not through app.py's navigation) still refuses the role: the
    check is in the page, not only in the menu."""
    at = start(name, PAGES / page)
    role = user(name).role.value
    assert values(at.error) == [f"Your role ({role}) cannot open this page."]
    assert not at.get("file_uploader") and not at.text_input and not at.title


def test_a_viewer_routed_to_the_ingest_page_lands_on_home() -> None:
    at = open_page("ada", "views/ingest.py")
    assert len(at.get("file_uploader")) == 1
    at.session_state["user"] = user("vic")  # the same URL in a viewer's session
    run(at)
    assert values(at.title) == ["PolicyLens"]
    assert not at.get("file_uploader")


# -- home ---------------------------------------------------------------------------------------
def test_home_shows_the_library_counts(app_home: Path) -> None:
    with open_store(app_home) as store:
        docs = store.documents()
        articles = store.db.execute(
            "SELECT COUNT(*) FROM provisions WHERE parent_id IS NULL AND kind != 'trailer'"
        ).fetchone()[0]
    at = start("vic")
    shown = {m.label: m.value for m in at.metric}
    assert shown == {
        "Documents": str(len(docs)),
        "Works": str(len({d["work_id"] for d in docs})),
        "Articles": str(articles),
        "In force": str(sum(d["status"] == "in_force" for d in docs)),
    }
    assert shown["Documents"] == "9" and shown["Works"] == "8"


def test_home_lists_recent_changes_and_opens_one() -> None:
    at = start("vic")
    changes = [t for t in values(at.markdown) if t.startswith((":green-badge", ":blue-badge"))]
    assert len(changes) == 9  # every corpus file was a change
    assert ":blue-badge[new version] 示例安全生产法 · 2024-04-20" in changes
    assert ":green-badge[new document] 示例安全生产法 · 2019-06-10" in changes
    assert values(at.caption).count("by operator") == 9
    row = changes.index(":blue-badge[new version] 示例安全生产法 · 2024-04-20")
    opens = [b for b in at.button if b.label == "Open"]
    run(opens[row].click())
    assert at.query_params["doc"] == LAW_2024
    assert values(at.title) == ["示例安全生产法"]


@pytest.mark.parametrize(
    ("name", "home_says"),
    [
        ("rita", "The library is empty. Add documents on the Ingest page."),
        ("vic", "The library is empty. Ask an admin or reviewer to add documents."),
    ],
)
def test_an_empty_library_says_who_can_fill_it(
    name: str, home_says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty"
    with open_store(empty) as store:
        role, department = user(name).role, user(name).department
        Accounts(store).add(OPERATOR, name, PASSWORD, role, department)
    monkeypatch.setenv("POLICYLENS_HOME", str(empty))
    at = start(name)
    assert values(at.info) == [home_says] and not at.metric
    elsewhere = "The library is empty. An admin or reviewer can add documents on the Ingest page."
    for page in ("views/search.py", "views/documents.py"):
        run(at.switch_page(page))
        assert values(at.info) == [elsewhere]
        assert not at.text_input and not at.dataframe


# -- search -------------------------------------------------------------------------------------
def test_a_chinese_question_finds_the_national_reporting_article() -> None:
    at = search(ACCIDENT_QUERY)
    found = cards(at)
    assert len(found) == 10 and at.tabs[0].label == "Articles (10)"
    top = [(c.title, c.number, c.version, c.where) for c in found[:3]]
    assert ("示例安全生产法", "第三十一条", "2024-04-20", "national law · national") in top
    assert all(c.status == "in force" for c in found)  # the default status filter


def test_an_english_question_finds_the_english_act() -> None:
    at = search("Who may refuse orders that violate safety rules?")
    first = cards(at)[0]
    assert (first.title, first.number) == (EN_ACT, "Article 12")
    assert "to refuse instructions that violate safety rules" in at.text[0].value


def test_the_level_filter_keeps_local_regulations_only() -> None:
    at = search(ACCIDENT_QUERY)
    at.multiselect(key="f_level").set_value(["local_regulation"])
    found = cards(run(at))
    assert found and {c.title for c in found} == LOCAL_RULES
    assert all(c.where.startswith("local regulation · ") for c in found)


def test_the_superseded_status_filter_keeps_the_2019_version_only() -> None:
    at = search(ACCIDENT_QUERY)
    at.selectbox(key="f_status").set_value("Superseded")
    found = cards(run(at))
    assert found and {(c.title, c.version, c.status) for c in found} == {
        ("示例安全生产法", "2019-06-10", "superseded")
    }


def test_in_force_on_a_date_gives_the_version_then_in_force() -> None:
    at = search(ACCIDENT_QUERY)
    assert at.date_input(key="f_date").disabled
    at.checkbox(key="f_dated").check()
    run(at)
    at.date_input(key="f_date").set_value(date(2020, 1, 1))
    found = cards(run(at))
    assert found and {(c.title, c.version) for c in found} == {("示例安全生产法", "2019-06-10")}


def test_an_example_fills_the_search_box() -> None:
    at = open_page("vic", "views/search.py")
    assert not cards(at)
    at.button_group(key="example").set_value("安全生产教育和培训")
    run(at)
    assert at.text_input(key="query").value == "安全生产教育和培训"
    assert cards(at)


def test_downloads_hold_the_results_shown() -> None:
    at = search(ACCIDENT_QUERY)
    shown = cards(at)
    csv_button, xlsx_button, regions_button = at.get("download_button")
    assert (csv_button.label, xlsx_button.label) == ("Download CSV", "Download XLSX")
    raw = download_bytes(csv_button)
    assert raw.startswith(b"\xef\xbb\xbf")  # a byte-order mark, so Excel reads the Chinese
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(int(r["rank"]), r["title"], r["number"], r["version_date"]) for r in rows] == [
        (c.rank, c.title, c.number, c.version) for c in shown
    ]
    reporting = next(r for r in rows if r["provision_id"] == ACCIDENT_ARTICLE)
    assert reporting["document_id"] == LAW_2024 and "一小时内" in reporting["text"]

    book = openpyxl.load_workbook(io.BytesIO(download_bytes(xlsx_button)))
    sheet = book["search"]
    table = list(sheet.iter_rows(values_only=True))
    assert list(table[0]) == list(rows[0])
    assert [(r[0], r[1], r[2]) for r in table[1:]] == [(c.rank, c.title, c.number) for c in shown]

    regions = openpyxl.load_workbook(io.BytesIO(download_bytes(regions_button)))["regions"]
    region_rows = list(regions.iter_rows(values_only=True))
    assert region_rows[0][0] == "region"
    assert {r[0] for r in region_rows[1:]} == LOCAL_REGIONS


def test_across_regions_lists_each_regions_reporting_article() -> None:
    at = search(ACCIDENT_QUERY)
    assert at.tabs[1].label == "Across regions (3)"
    table = at.tabs[1].dataframe[0].value
    assert set(table["region"]) == LOCAL_REGIONS
    assert set(table["document"]) == LOCAL_RULES
    assert all("事故" in text and "报告" in text for text in table["text"])


def test_other_regions_compares_one_article_and_goes_back() -> None:
    at = search(ACCIDENT_QUERY)
    rank = next(
        c.rank for c in cards(at) if (c.title, c.number) == ("示例安全生产法", "第三十一条")
    )
    run([b for b in at.button if b.label == "Other regions"][rank - 1].click())
    regions_tab = at.tabs[1]
    assert "How each region's rule words **示例安全生产法 第三十一条**:" in values(
        regions_tab.markdown
    )
    assert set(regions_tab.dataframe[0].value["region"]) == LOCAL_REGIONS
    run(one(at.button, "Back to the query").click())
    assert f"How each region's rule treats **{ACCIDENT_QUERY}**:" in values(at.tabs[1].markdown)


def test_open_in_document_goes_to_the_article() -> None:
    at = search(ACCIDENT_QUERY)
    rank = next(
        c.rank for c in cards(at) if (c.title, c.number) == ("示例安全生产法", "第三十一条")
    )
    run([b for b in at.button if b.label == "Open in document"][rank - 1].click())
    assert at.query_params["doc"] == LAW_2024
    assert at.query_params["art"] == ACCIDENT_ARTICLE
    assert values(at.title) == ["示例安全生产法"]
    assert ":blue-badge[opened here] **第三十一条**" in values(at.markdown)


# -- documents ----------------------------------------------------------------------------------
def test_browse_lists_every_document(app_home: Path) -> None:
    at = open_page("vic", "views/documents.py")
    assert values(at.title) == ["Documents"]
    assert "9 of 9 documents" in values(at.caption)
    assert set(at.dataframe[0].value["id"]) == document_ids(app_home)


def test_browse_filters_opens_a_document_and_comes_back() -> None:
    at = open_page("vic", "views/documents.py")
    one(at.multiselect, "Level").set_value(["national_law"])
    run(at)
    assert "3 of 9 documents" in values(at.caption)
    assert set(at.dataframe[0].value["level"]) == {"national law"}
    at.selectbox(key="open_doc").set_value(LAW_2019)
    run(at)
    assert at.query_params["doc"] == LAW_2019
    assert values(at.title) == ["示例安全生产法"]
    run(one(at.button, "All documents").click())
    assert values(at.title) == ["Documents"]
    assert "doc" not in at.query_params


def test_a_document_opens_at_its_article(app_home: Path) -> None:
    at = open_page("vic", "views/documents.py", doc=LAW_2024, art=ACCIDENT_ARTICLE)
    assert values(at.title) == ["示例安全生产法"]
    marked = [t for t in values(at.markdown) if "opened here" in t]
    assert marked == [":blue-badge[opened here] **第三十一条**"]
    assert any("一小时内" in t for t in values(at.text))
    with open_store(app_home) as store:
        path = store.db.execute(
            "SELECT heading_path FROM provisions WHERE provision_id=?", (ACCIDENT_ARTICLE,)
        ).fetchone()[0]
    chapter = json.loads(path)[1]  # ["示例安全生产法", "第五章", "第三十一条"]
    assert at.radio(key=f"toc-{LAW_2024}").value.startswith(chapter + " ")


def test_versions_tab_compares_2019_with_2024() -> None:
    at = open_page("vic", "views/documents.py", doc=LAW_2024)
    versions = next(t for t in at.tabs if t.label.startswith("Versions"))
    assert versions.label == "Versions (2)"
    counts = {m.label: m.value for m in versions.metric}
    assert {k: counts[k] for k in ("Changed", "Added", "Removed", "Renumbered")} == {
        "Changed": "7",
        "Added": "2",
        "Removed": "1",
        "Renumbered": "29",
    }
    heads = values(versions.markdown)
    fines = heads.index(
        ":orange-badge[changed] :violet-badge[renumbered] **第三十七条 → 第三十八条**"
    )
    markup = heads[fines + 1]
    assert "<ins" in markup and "<del" in markup
    new = re.sub(r"<[^>]+>", "", re.sub(r"<del[^>]*>.*?</del>", "", markup))
    old = re.sub(r"<[^>]+>", "", re.sub(r"<ins[^>]*>.*?</ins>", "", markup))
    assert "处三十万元以上八十万元以下的罚款" in new
    assert "处二十万元以上五十万元以下的罚款" in old
    assert ":red-badge[removed] **第二十六条 → —**" in heads
    assert ":green-badge[added] **— → 第二十九条**" in heads


def test_citations_tab_shows_who_cites_the_law_and_opens_them() -> None:
    at = open_page("vic", "views/documents.py", doc=LAW_2024)
    citations = next(t for t in at.tabs if t.label == "Citations")
    shown = values(citations.markdown)
    assert "**示例省安全生产条例** · 第一条 (legal basis)" in shown
    assert "**示例滨海省安全生产条例** · 第一条 (legal basis)" in shown
    row = [t for t in shown if t.startswith("**") and " · " in t].index(
        "**示例省安全生产条例** · 第一条 (legal basis)"
    )
    run([b for b in citations.button if b.label == "Open"][row].click())
    assert at.query_params["doc"] == PROVINCIAL
    assert at.query_params["art"] == "示例省安全生产条例/art-1"
    cites = next(t for t in at.tabs if t.label == "Citations")
    assert "第一条 → **示例安全生产法** :blue-badge[legal basis]" in values(cites.markdown)


def test_an_unknown_document_says_so_and_leads_back() -> None:
    at = open_page("vic", "views/documents.py", doc="无此文件@2000-01-01")
    assert len(at.error) == 1 and "无此文件" in at.error[0].value
    run(one(at.button, "All documents").click())
    assert values(at.title) == ["Documents"]


def test_an_undated_document_is_listed(app_home: Path) -> None:
    text = filegen.render_text(filegen.REGULATION)
    report = ingest_uploads(app_home, user("ada"), [Upload("plain.txt", text.encode("utf-8"))])
    undated = report.outcomes[0].document_id
    assert undated and "@v-" in undated  # stored without a version date
    at = open_page("vic", "views/documents.py")
    assert "10 of 10 documents" in values(at.caption)
    assert undated in set(at.dataframe[0].value["id"])


def test_unnumbered_paragraphs_get_no_empty_heading() -> None:
    at = open_page(
        "vic", "views/documents.py", doc="示例省安全生产专项整治重点工作分工方案@2024-03-15"
    )
    contents = at.radio(key="toc-示例省安全生产专项整治重点工作分工方案@2024-03-15")
    assert contents.value == "Preamble"
    assert not [t for t in values(at.tabs[0].markdown) if "****" in t]


def test_citations_from_unnumbered_paragraphs_read_cleanly() -> None:
    at = open_page("vic", "views/documents.py", doc=LAW_2024)
    citations = next(t for t in at.tabs if t.label == "Citations")
    plan = next(t for t in values(citations.markdown) if "分工方案" in t)
    assert " · , " not in plan
    at.query_params["doc"] = "示例省安全生产专项整治重点工作分工方案@2024-03-15"
    citations = next(t for t in run(at).tabs if t.label == "Citations")
    assert not [t for t in values(citations.markdown) if t.startswith("→")]


# -- ingest -------------------------------------------------------------------------------------
def test_a_corrupt_pdf_fails_with_its_finding(app_home: Path) -> None:
    at = open_page("ada", "views/ingest.py")
    assert "No ingest has run since the app started." in values(at.caption)
    at.get("file_uploader")[0].upload("broken.pdf", b"%PDF-1.7\nthis is no pdf", "application/pdf")
    wait_for_jobs(submit(at, "Ingest files"))
    assert values(at.error) == ["1 file(s) failed — see the findings below."]
    row = at.dataframe[0].value.iloc[0]
    assert (row["file"], row["status"], row["document"]) == ("broken.pdf", "❌ FAILED", "—")
    assert "INGEST_CORRUPT_FILE: " in row["findings"]
    assert len(document_ids(app_home)) == 9
    # A reviewer sees only their own jobs, not the admin's.
    other = open_page("rita", "views/ingest.py")
    assert "No ingest has run since the app started." in values(other.caption)
    # The home page lists the failure, for someone to act on.
    assert any(t.startswith(":red-badge[failed] broken.pdf") for t in values(start("vic").markdown))


def test_ingest_findings_name_the_file_as_uploaded(app_home: Path) -> None:
    at = open_page("ada", "views/ingest.py")
    at.get("file_uploader")[0].upload("broken.docx", b"not a zip archive", "application/zip")
    wait_for_jobs(submit(at, "Ingest files"))
    findings = at.dataframe[0].value.iloc[0]["findings"]
    assert findings.startswith("INGEST_CORRUPT_FILE: ")
    assert str(app_home) not in findings and "/uploads/" not in findings


def test_a_good_text_file_is_ingested_and_searchable(app_home: Path) -> None:
    title = "示例高处作业安全管理规定"
    text = filegen.render_text(filegen.REGULATION._replace(title=title))
    at = open_page("rita", "views/ingest.py")
    at.get("file_uploader")[0].upload("高处作业.txt", text.encode("utf-8"), "text/plain")
    wait_for_jobs(submit(at, "Ingest files"))
    assert not at.error
    row = at.dataframe[0].value.iloc[0]
    assert (row["file"], row["status"], row["new"]) == ("高处作业.txt", "✅ OK", "new")
    assert row["document"] in document_ids(app_home) - {LAW_2019, LAW_2024, PROVINCIAL}
    assert row["document"].startswith(title)
    with open_store(app_home) as store:
        actor = store.db.execute(
            "SELECT actor FROM ingest_log WHERE document_id=?", (row["document"],)
        ).fetchone()[0]
    assert actor == "rita"
    found = cards(search(title, "rita"))
    assert found and found[0].title == title  # the index was updated with it


def test_sending_the_same_file_again_leaves_the_library_unchanged(app_home: Path) -> None:
    data = filegen.render_text(filegen.REGULATION).encode("utf-8")
    at = open_page("ada", "views/ingest.py")
    for _ in range(2):
        at.get("file_uploader")[0].upload("rule.txt", data, "text/plain")
        wait_for_jobs(submit(at, "Ingest files"))
    first, second = (at.dataframe[n].value.iloc[0] for n in (1, 0))  # newest job first
    assert (first["new"], second["new"]) == ("new", "unchanged")
    assert first["document"] == second["document"]
    assert len(document_ids(app_home)) == 10


def test_ingest_without_a_file_asks_for_one() -> None:
    at = submit(open_page("rita", "views/ingest.py"), "Ingest files")
    assert values(at.warning) == ["Choose at least one file first."]
    assert "No ingest has run since the app started." in values(at.caption)


@pytest.mark.parametrize(("name", "folder_form"), [("ada", True), ("rita", False)])
def test_only_admins_may_ingest_a_server_folder(name: str, folder_form: bool) -> None:
    at = open_page(name, "views/ingest.py")
    assert any(w.key == "folder" for w in at.text_input) is folder_form


def test_a_missing_server_folder_is_reported(tmp_path: Path) -> None:
    at = open_page("ada", "views/ingest.py")
    at.text_input(key="folder").input(str(tmp_path / "nowhere"))
    at = submit(at, "Ingest folder")
    assert values(at.error) == [f"No folder {tmp_path / 'nowhere'} on the server."]


# -- users --------------------------------------------------------------------------------------
def fill_user_form(at: AppTest, username: str, role: str, department: str = "") -> AppTest:
    one(at.text_input, "User name").input(username)
    one(at.text_input, "Initial password").input(PASSWORD)
    one(at.selectbox, "Role").set_value(role)
    one(at.text_input, "Department").input(department)
    return submit(at, "Add user")


def test_an_admin_adds_a_user(app_home: Path) -> None:
    at = fill_user_form(open_page("ada", "views/users.py"), "nel", "reviewer")
    assert values(at.success) == ["Added nel (reviewer)."]
    assert "nel" in set(at.dataframe[0].value["username"])
    with open_store(app_home) as store:
        added = Accounts(store).authenticate("nel", PASSWORD)
    assert (added.username, added.role.value) == ("nel", "reviewer")


def test_a_department_user_needs_a_department(app_home: Path) -> None:
    at = fill_user_form(open_page("ada", "views/users.py"), "deb", "department")
    assert len(at.error) == 1 and "department" in at.error[0].value
    assert not at.success
    with open_store(app_home) as store:
        assert "deb" not in {r["username"] for r in Accounts(store).list()}


def test_an_admin_disables_a_user_but_not_themselves(app_home: Path) -> None:
    at = open_page("ada", "views/users.py")
    one(at.selectbox, "Account").set_value("ada")
    run(at)
    assert one(at.button, "Disable").proto.disabled
    one(at.selectbox, "Account").set_value("vic")
    run(one(run(at).button, "Disable").click())
    with open_store(app_home) as store, pytest.raises(AuthenticationError, match="disabled"):
        Accounts(store).authenticate("vic", PASSWORD)


# -- my account ---------------------------------------------------------------------------------
def change_password(current: str, new: str, again: str) -> AppTest:
    at = open_page("vic", "views/account.py")
    one(at.text_input, "Current password").input(current)
    one(at.text_input, "New password").input(new)
    one(at.text_input, "New password again").input(again)
    return submit(at, "Change password")


def test_a_wrong_current_password_changes_nothing(app_home: Path) -> None:
    at = change_password("not-my-password", "brand-new-password", "brand-new-password")
    assert len(at.error) == 1 and not at.success
    with open_store(app_home) as store:
        assert Accounts(store).authenticate("vic", PASSWORD).username == "vic"


def test_new_passwords_that_differ_change_nothing(app_home: Path) -> None:
    at = change_password(PASSWORD, "brand-new-password", "brand-new-passw0rd")
    assert values(at.error) == ["the two new passwords differ"]
    with open_store(app_home) as store:
        assert Accounts(store).authenticate("vic", PASSWORD).username == "vic"


def test_a_password_change_takes_effect(app_home: Path) -> None:
    at = change_password(PASSWORD, "brand-new-password", "brand-new-password")
    assert values(at.success) == ["Password changed."]
    with open_store(app_home) as store:
        accounts = Accounts(store)
        assert accounts.authenticate("vic", "brand-new-password").username == "vic"
        with pytest.raises(AuthenticationError):
            accounts.authenticate("vic", PASSWORD)


def test_sign_out_returns_to_the_sign_in_form() -> None:
    at = open_page("vic", "views/account.py")
    assert "**vic** · role **viewer**" in values(at.markdown)
    run(one(at.button, "Sign out").click())
    assert "user" not in at.session_state
    assert [w.key for w in at.text_input] == ["login_user", "login_password"]
