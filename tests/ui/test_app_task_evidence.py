"""Evidence on the Tasks page as a department user gives it (Streamlit's AppTest): an article by
its number as printed (第十六条), a bare number or its id, or chosen from the law's articles; a
mistake keeps every field; a link opens one task; the page in English when the account says so;
and the article lookup itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from index import ingest_paths, open_store
from index.accounts import OPERATOR, Accounts
from index.tasks.articles import (
    ArticleNotFoundError,
    article_number,
    document_articles,
    find_article,
)
from index.tasks.attachments import attach_file
from index.tasks.ledger import Ledger
from index.tasks.plans import extract_plan
from index.tasks.records import TaskView
from tests.index.support import CORPUS
from tests.ui.app_support import (
    ACCOUNTS,
    PASSWORD,
    one,
    open_page,
    run,
    user,
    values,
    workspace_copy,
)
from tests.ui.test_app_shell import english_words, shown_texts

PLAN_ID = "示例省安全生产专项整治重点工作分工方案@2024-03-15"
LAW = "示例安全生产法@2024-04-20"
LAW_TITLE = "示例安全生产法"
EMERGENCY = "示例省应急管理厅"  # dora's body


@pytest.fixture(scope="module")
def evidence_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample division plan in the ledger, the 2024 national law, one account per role."""
    home = tmp_path_factory.mktemp("app-evidence") / "workspace"
    with open_store(home) as store:
        ingest_paths(
            store,
            [CORPUS / "zh_division_plan.md", CORPUS / "zh_national_law_2024.md"],
            sandbox=False,
        )
        accounts = Accounts(store)
        for name, (role, department) in ACCOUNTS.items():
            accounts.add(OPERATOR, name, PASSWORD, role, department)
        extract_plan(store, OPERATOR, PLAN_ID)
    return home


@pytest.fixture(autouse=True)
def app_home(
    evidence_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    with workspace_copy(evidence_workspace, tmp_path, monkeypatch) as home:
        yield home


def own_task(home: Path) -> TaskView:
    with open_store(home) as store:
        return next(t for t in Ledger(store).tasks(plan_id=PLAN_ID) if EMERGENCY in t.lead)


def evidence_of(home: Path, task: TaskView) -> list[dict]:
    with open_store(home) as store:
        return Ledger(store).evidence(task.task_id)


def fill(at: AppTest, task: TaskView, *, document: str | None, article: str = "", note: str = ""):
    """Fill the task's evidence fields (first round) and press 添加佐证."""
    n = task.number
    if document is not None:
        at.selectbox(key=f"ev-document-{n}-0").set_value(document)
        run(at)
    at.text_input(key=f"ev-article-{n}-0").input(article)
    at.text_input(key=f"ev-note-{n}-0").input(note)
    run(at.button(key=f"ev-attach-{n}").click())
    return at


# -- the lookup ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("第十六条", 16),
        ("第16条", 16),
        ("第 十六 条", 16),
        ("16", 16),
        ("１６", 16),
        ("十六", 16),
        ("art-16", 16),
        ("Article 16", 16),
        ("Art. 16", 16),
        ("§16", 16),
        ("第一百零一条", 101),
        ("第十六条第二款", None),
        ("0", None),
        ("安全", None),
        ("", None),
    ],
)
def test_an_article_number_is_read_as_people_write_it(typed: str, number: int | None) -> None:
    assert article_number(typed) == number


def test_find_article_by_number_id_or_full_id(app_home: Path) -> None:
    with open_store(app_home) as store:
        found = {
            find_article(store, LAW, typed).provision_id for typed in ("第十六条", "16", "art-16")
        }
        assert found == {"示例安全生产法/art-16"}
        assert find_article(store, LAW, "示例安全生产法/art-16").number == "第十六条"
        with pytest.raises(ArticleNotFoundError) as info:
            find_article(store, LAW, "第九百条")
        assert info.value.typed == "第九百条"
        articles = document_articles(store, LAW)
    assert articles[0].number == "第一条" and articles[0].label.startswith("第一条 为了")
    assert len({a.provision_id for a in articles}) == len(articles) > 40


# -- the form -----------------------------------------------------------------------------------
@pytest.mark.parametrize("typed", ["第十六条", "16", "art-16"])
def test_evidence_takes_the_article_number_as_printed(app_home: Path, typed: str) -> None:
    task = own_task(app_home)
    at = fill(
        open_page("dora", "views/tasks.py"), task, document=LAW, article=typed, note="检查记录"
    )
    assert not at.error
    [saved] = evidence_of(app_home, task)
    assert (saved["document_id"], saved["provision_id"]) == (LAW, "示例安全生产法/art-16")
    assert saved["note"] == "检查记录" and saved["added_by"] == "dora"
    assert f"已为任务{task.number}添加佐证材料。" in values(at.success)
    # the card lists it with the article's number as printed, and the fields start empty again
    assert any(c.startswith(f"{LAW_TITLE} 第十六条 · dora添加") for c in values(at.caption))
    assert at.selectbox(key=f"ev-document-{task.number}-1").value is None
    assert at.text_input(key=f"ev-article-{task.number}-1").value == ""


def test_an_unknown_article_is_refused_and_the_form_keeps_every_field(app_home: Path) -> None:
    task = own_task(app_home)
    at = fill(
        open_page("dora", "views/tasks.py"), task, document=LAW, article="第九百条", note="整改报告"
    )
    [error] = values(at.error)
    assert error.startswith(f"《{LAW_TITLE}》中没有“第九百条”")
    n = task.number
    assert at.selectbox(key=f"ev-document-{n}-0").value == LAW
    assert at.text_input(key=f"ev-article-{n}-0").value == "第九百条"
    assert at.text_input(key=f"ev-note-{n}-0").value == "整改报告"
    assert evidence_of(app_home, task) == []
    # corrected in place, it is accepted
    at.text_input(key=f"ev-article-{n}-0").input("第十七条")
    run(at.button(key=f"ev-attach-{n}").click())
    assert not at.error
    assert [e["provision_id"] for e in evidence_of(app_home, task)] == ["示例安全生产法/art-17"]


def test_an_article_without_its_document_is_refused_and_kept(app_home: Path) -> None:
    task = own_task(app_home)
    at = fill(open_page("dora", "views/tasks.py"), task, document=None, article="第十六条")
    assert values(at.error) == ["请先选择条文所在的文件。"]
    assert at.text_input(key=f"ev-article-{task.number}-0").value == "第十六条"


def test_evidence_picks_an_article_from_the_laws_list(app_home: Path) -> None:
    task = own_task(app_home)
    at = open_page("dora", "views/tasks.py")
    n = task.number
    at.selectbox(key=f"ev-document-{n}-0").set_value(LAW)
    run(at)
    pick = at.selectbox(key=f"ev-pick-{n}-0")
    assert pick.options[15].startswith("第十六条 ")  # labels: number as printed and the text
    pick.set_value("示例安全生产法/art-16")
    run(at.button(key=f"ev-attach-{n}").click())
    assert not at.error
    assert [e["provision_id"] for e in evidence_of(app_home, task)] == ["示例安全生产法/art-16"]


# -- a link, and English ------------------------------------------------------------------------
def test_a_link_to_a_task_shows_it_first_with_its_forms_open(app_home: Path) -> None:
    with open_store(app_home) as store:
        last = Ledger(store).tasks(plan_id=PLAN_ID)[-1]
    at = open_page("ada", "views/tasks.py", task=str(last.number))
    cards = [v for v in values(at.markdown) if v.startswith("**任务")]
    assert cards[0].startswith(f"**任务{last.number}** ")
    assert sum(c.startswith(f"**任务{last.number}** ") for c in cards) == 1  # not twice
    assert "链接中的任务" in values(at.caption)


def test_the_page_follows_the_accounts_language(app_home: Path) -> None:
    with open_store(app_home) as store:
        Accounts(store).set_language(user("vic"), "en")
    at = open_page("vic", "views/tasks.py")
    assert values(at.title) == ["Tasks"]
    assert [m.label for m in at.metric] == ["Tasks", "Completed", "Overdue", "Due within 14 days"]
    assert one(at.selectbox, "Plan").value == PLAN_ID
    zh = open_page("dora", "views/tasks.py")  # another account: still Chinese
    assert values(zh.title) == ["任务"]


@pytest.mark.parametrize("name", ["ada", "dora"])
def test_the_tasks_page_in_chinese_shows_no_english_words(app_home: Path, name: str) -> None:
    at = open_page(name, "views/tasks.py")
    with open_store(app_home) as store:
        content = {t.text for t in Ledger(store).tasks()} | {d["title"] for d in store.documents()}
    texts = shown_texts(at)
    # the items' texts, parts and bodies are the plan's words (content), shown as written
    assert english_words(texts, content) == set()


# -- issue 18: two versions of a law, and the day an upload is shown with -----------------------
def test_the_picker_names_each_version_of_a_law_by_its_date(app_home: Path) -> None:
    with open_store(app_home) as store:
        ingest_paths(store, [CORPUS / "zh_national_law_2019.md"], sandbox=False)
        versions = [d for d in store.documents() if d["title"] == LAW_TITLE]
    assert len(versions) == 2
    task = own_task(app_home)
    at = open_page("dora", "views/tasks.py")
    picker = at.selectbox(key=f"ev-document-{task.number}-0")
    offered = [o for o in picker.options if o.startswith(LAW_TITLE)]
    assert len(offered) == len(set(offered)) == 2  # told apart
    assert f"{LAW_TITLE}（2024年4月20日版）" in offered
    picker.set_value(LAW)
    run(at)
    assert at.selectbox(key=f"ev-document-{task.number}-0").value == LAW


def test_an_upload_shows_the_local_day_not_the_utc_one(app_home: Path) -> None:
    task = own_task(app_home)
    with open_store(app_home) as store:
        attach_file(store, user("dora"), task.task_id, "职责清单.txt", "牵头单位".encode(), "")
        # 00:10 on 12月8日 in Beijing is still 12月7日 in UTC
        store.db.execute("UPDATE task_attachments SET uploaded_at='2026-12-07T16:10:00+00:00'")
    at = open_page("dora", "views/tasks.py", task=str(task.number))
    [line] = [c for c in values(at.caption) if c.startswith(":material/attach_file: 职责清单.txt")]
    assert "2026年12月8日 上传" in line
