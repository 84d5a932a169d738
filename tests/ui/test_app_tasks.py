"""The Tasks page as users drive it (Streamlit's AppTest): the department × status matrix, update
forms only where the user's department leads, saving an update, overdue badges for the "On" date,
and the progress report downloads."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from docx import Document as DocxDocument
from streamlit.testing.v1 import AppTest

from index import ingest_paths, open_store
from index.accounts import OPERATOR, Accounts
from index.store.transactions import transaction
from index.tasks.ledger import Ledger
from index.tasks.plans import extract_plan, import_table
from index.tasks.records import TaskChange, TaskView
from tests.index.support import CORPUS
from tests.ui.app_support import (
    ACCOUNTS,
    PASSWORD,
    download_file,
    one,
    open_page,
    record_downloads,
    run,
    submit,
    values,
    workspace_copy,
)

PLAN = "示例省安全生产专项整治重点工作分工方案"
PLAN_ID = f"{PLAN}@2024-03-15"
PAGE = "views/tasks.py"
EMERGENCY = "示例省应急管理厅"  # dora's body, as the plan names it
OVERDUE = ":red-badge[已逾期]"
DUE_SOON = ":orange-badge[即将到期]"


@pytest.fixture(scope="module")
def plan_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample division plan, extracted into the ledger, and one account per role."""
    home = tmp_path_factory.mktemp("app-tasks") / "workspace"
    with open_store(home) as store:
        ingest_paths(store, [CORPUS / "zh_division_plan.md"], sandbox=False)
        accounts = Accounts(store)
        for name, (role, department) in ACCOUNTS.items():
            accounts.add(OPERATOR, name, PASSWORD, role, department)
        extract_plan(store, OPERATOR, PLAN_ID)
    return home


@pytest.fixture(autouse=True)
def app_home(
    plan_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    with workspace_copy(plan_workspace, tmp_path, monkeypatch) as home:
        yield home


@pytest.fixture(autouse=True)
def _downloads_readable(monkeypatch: pytest.MonkeyPatch) -> None:
    record_downloads(monkeypatch)


def tasks_of(home: Path) -> list[TaskView]:
    with open_store(home) as store:
        return Ledger(store).tasks(plan_id=PLAN_ID)


def tasks_page(name: str, on: date | None = None, *, only_mine: bool | None = None) -> AppTest:
    at = open_page(name, PAGE)
    if on is not None:
        at.date_input(key="t_on").set_value(on)
        run(at)
    if only_mine is not None:
        at.toggle(key="t_mine").set_value(only_mine)
        run(at)
    return at


def update_forms(at: AppTest) -> set[int]:
    """The task numbers that have an Update form on the page."""
    return {int(b.form_id.removeprefix("update-")) for b in at.button if b.label == "保存"}


def card_line(at: AppTest, task: TaskView) -> str:
    """The first line of a task's card."""
    [line] = [v for v in values(at.markdown) if v.startswith(f"**任务{task.number}** ")]
    return line


def test_a_viewer_sees_the_matrix_and_no_update_forms(app_home: Path) -> None:
    at = tasks_page("vic")
    assert values(at.title) == ["任务"]
    tasks = tasks_of(app_home)
    assert one(at.metric, "任务").value == str(len(tasks))
    matrix = at.dataframe[0].value
    rows = {r["牵头单位"]: r for r in matrix.to_dict("records")}
    led = {}
    for t in tasks:
        for lead in t.lead or ("（未明确牵头单位）",):
            led[lead] = led.get(lead, 0) + 1
    assert {d: rows[d]["未启动"] for d in rows} == led
    assert set(matrix.columns) >= {"牵头单位", "未启动", "推进中", "已完成", "逾期"}
    assert not at.expander  # no Update expander at all
    assert update_forms(at) == set()
    assert at.toggle(key="t_mine").disabled  # a viewer has no department


def test_a_department_user_updates_only_its_own_tasks(app_home: Path) -> None:
    tasks = tasks_of(app_home)
    own = {t.number for t in tasks if EMERGENCY in t.lead}
    others = {t.number for t in tasks} - own
    assert own and others

    at = tasks_page("dora")  # only the tasks its department leads, by default
    assert at.toggle(key="t_mine").value is True
    assert one(at.metric, "任务").value == str(len(own))
    assert update_forms(at) == own

    at = tasks_page("dora", only_mine=False)
    assert one(at.metric, "任务").value == str(len(tasks))
    assert update_forms(at) == own  # every task shown, Update only on its own


def test_saving_an_update_changes_the_store(app_home: Path) -> None:
    task = next(t for t in tasks_of(app_home) if EMERGENCY in t.lead)
    at = tasks_page("dora")
    form = f"update-{task.number}"
    next(s for s in at.slider if s.form_id == form).set_value(40)
    next(a for a in at.text_area if a.form_id == form).input("已完成初稿")
    next(b for b in at.button if b.form_id == form and b.label == "保存").click()
    at = run(at)
    assert not at.error
    with open_store(app_home) as store:
        ledger = Ledger(store)
        saved = ledger.task(task.task_id)
        history = ledger.history(task.task_id)
    assert (saved.status, saved.progress, saved.note) == ("in_progress", 40, "已完成初稿")
    assert (saved.updated_by, saved.version) == ("dora", task.version + 1)
    assert {r["field"] for r in history if r["actor"] == "dora"} == {"status", "progress", "note"}
    assert card_line(at, saved).endswith(f"· 推进中 40% · {saved.deadline_text}")


def test_an_impossible_update_shows_the_reason(app_home: Path) -> None:
    task = next(t for t in tasks_of(app_home) if EMERGENCY in t.lead)
    at = tasks_page("dora")
    form = f"update-{task.number}"
    next(s for s in at.slider if s.form_id == form).set_value(100)  # without "completed"
    next(b for b in at.button if b.form_id == form and b.label == "保存").click()
    at = run(at)
    assert values(at.error) == [
        f"未保存：进度 100% 即表示已完成：请把任务{task.number}的状态设为“已完成”"
    ]
    unchanged = next(t for t in tasks_of(app_home) if t.task_id == task.task_id)
    assert (unchanged.progress, unchanged.version) == (0, task.version)


def test_choosing_completed_saves_the_task_at_100_percent(app_home: Path) -> None:
    task = next(t for t in tasks_of(app_home) if EMERGENCY in t.lead)
    at = tasks_page("dora")
    form = f"update-{task.number}"
    next(s for s in at.slider if s.form_id == form).set_value(50)
    next(s for s in at.selectbox if s.form_id == form).set_value("completed")
    next(b for b in at.button if b.form_id == form and b.label == "保存").click()
    at = run(at)
    assert not at.error
    saved = next(t for t in tasks_of(app_home) if t.task_id == task.task_id)
    assert (saved.status, saved.progress) == ("completed", 100)


@pytest.mark.parametrize(
    ("name", "hint"),
    [("ada", "点击“提取任务”"), ("vic", "请联系管理员")],
)
def test_without_a_plan_the_page_says_what_to_do(app_home: Path, name: str, hint: str) -> None:
    with open_store(app_home) as store:
        store.db.execute("DELETE FROM plans WHERE plan_id=?", (PLAN_ID,))
    at = open_page(name, PAGE)
    [info] = values(at.info)
    assert info.startswith("尚未跟踪任何工作方案。") and hint in info
    assert "policylens" not in info  # no command lines for a web user (issue 18)
    assert not at.dataframe and not at.get("download_button")


def test_the_first_extraction_shows_its_message_and_the_tasks_at_once(app_home: Path) -> None:
    """Issue 18: with no plan tracked yet, 提取任务 showed no message and the page still said
    that no plan was tracked until a reload."""
    with open_store(app_home) as store:
        store.db.execute("DELETE FROM plans WHERE plan_id=?", (PLAN_ID,))
    at = open_page("ada", PAGE)
    assert values(at.info)[0].startswith("尚未跟踪任何工作方案。")
    at.selectbox(key="t_extract_choice").set_value(PLAN_ID)
    at = submit(at, "提取任务")
    total = len(tasks_of(app_home))
    assert total
    message = f"共{total}项任务："
    # The message is on the page itself, not inside the tracking panel (closed once a plan is
    # tracked), and the plan's tasks are listed in the same run.
    assert [v for v in values(at.main.success) if v.startswith(message)]
    assert not at.expander[0].success
    assert not at.expander[0].proto.expanded
    assert not [v for v in values(at.info) if v.startswith("尚未跟踪")]
    assert one(at.metric, "任务").value == str(total)
    assert at.selectbox(key="t_plan").value == PLAN_ID
    at = run(at)  # shown once
    assert not [v for v in values(at.success) if v.startswith(message)]


def test_overdue_and_due_soon_badges_follow_the_on_date(app_home: Path) -> None:
    first = next(t for t in tasks_of(app_home) if t.deadline == date(2024, 6, 30))
    late = tasks_page("vic", on=date(2024, 7, 1))
    assert OVERDUE in card_line(late, first)
    overdue = [t for t in tasks_of(app_home) if t.urgency(date(2024, 7, 1)) == "overdue"]
    assert one(late.metric, "已逾期").value == str(len(overdue))
    # overdue cards come first
    firsts = [v for v in values(late.markdown) if v.startswith("**任务")][: len(overdue)]
    assert len(firsts) == len(overdue) and all(OVERDUE in line for line in firsts)

    soon = tasks_page("vic", on=date(2024, 6, 20))
    assert DUE_SOON in card_line(soon, first)
    assert OVERDUE not in card_line(soon, first)
    early = tasks_page("vic", on=date(2024, 4, 1))
    assert OVERDUE not in card_line(early, first) and DUE_SOON not in card_line(early, first)


def test_report_downloads_are_docx_and_xlsx(app_home: Path) -> None:
    on = date(2024, 7, 1)
    at = tasks_page("vic", on=on)
    docx_button, xlsx_button = at.get("download_button")
    assert (docx_button.label, xlsx_button.label) == ("通报（DOCX）", "通报（XLSX）")
    overdue = [t for t in tasks_of(app_home) if t.urgency(on) == "overdue"]

    docx_name, docx_bytes = download_file(docx_button)
    xlsx_name, xlsx_bytes = download_file(xlsx_button)
    # named after the plan and the report's date, in Chinese
    stem = f"{PLAN}-任务进展通报-2024年7月1日"
    assert (docx_name, xlsx_name) == (f"{stem}.docx", f"{stem}.xlsx")

    paragraphs = [p.text for p in DocxDocument(io.BytesIO(docx_bytes)).paragraphs]
    assert paragraphs[0] == "重点工作任务进展情况通报"
    assert paragraphs[1] == f"截至2024年7月1日 · {PLAN}"
    # a 通报's items: （一）（二） within the section, then the task's own number
    for task in overdue:
        assert any(
            re.match(f"（[一二三四五六七八九十]+）任务{task.number} ", p) for p in paragraphs
        )

    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes))
    assert book.sheetnames == ["汇总", "逾期", "已完成", "即将到期"]
    listed = [r[0] for r in book["逾期"].iter_rows(min_row=3, values_only=True)]
    assert listed == [f"任务{t.number}" for t in overdue]


def test_a_change_made_meanwhile_is_reported_not_lost(app_home: Path) -> None:
    task = next(t for t in tasks_of(app_home) if EMERGENCY in t.lead)
    at = tasks_page("dora")
    with open_store(app_home) as store:  # someone else saves while dora fills the form
        Ledger(store).update(OPERATOR, task.task_id, TaskChange(progress=20, note="管理员备注"))
    form = f"update-{task.number}"
    next(s for s in at.slider if s.form_id == form).set_value(40)
    next(a for a in at.text_area if a.form_id == form).input("科室备注")
    next(b for b in at.button if b.form_id == form and b.label == "保存").click()
    at = run(at)
    assert f"任务{task.number}已保存" not in values(at.toast)
    assert any(f"任务{task.number}已被 operator 于" in e for e in values(at.error))


def panel_open(at: AppTest, task: TaskView) -> bool:
    """Whether the task's update panel (the expander holding its form) is drawn open."""
    [panel] = [
        e for e in at.expander if any(b.form_id == f"update-{task.number}" for b in e.button)
    ]
    return bool(panel.proto.expanded)


def test_the_update_panel_stays_open_after_a_save(app_home: Path) -> None:
    task = next(t for t in tasks_of(app_home) if EMERGENCY in t.lead)
    at = tasks_page("dora")
    assert not panel_open(at, task)
    at.session_state[f"t_panel-{task.number}"] = True  # the user opens the panel
    at = run(at)
    assert panel_open(at, task)
    form = f"update-{task.number}"
    next(s for s in at.slider if s.form_id == form).set_value(40)
    next(b for b in at.button if b.form_id == form and b.label == "保存").click()
    at = run(at)
    assert not at.error and f"任务{task.number}已保存" in values(at.toast)
    assert panel_open(at, task)  # still open after the save, with the saved values
    assert next(s for s in at.slider if s.form_id == form).value == 40
    other = next(t for t in tasks_of(app_home) if EMERGENCY in t.lead and t.number != task.number)
    assert not panel_open(at, other)  # only the panel the user opened


def suggest(home: Path, *tasks: TaskView) -> None:
    """Store a pending suggestion of the plan's own document for each of ``tasks`` (as the
    ingest of a new document does, without loading an embedder)."""
    with open_store(home) as store:
        article = store.db.execute(
            "SELECT provision_id FROM provisions WHERE document_id=? AND parent_id IS NULL "
            "AND kind != 'trailer' AND text != '' ORDER BY ord LIMIT 1",
            (PLAN_ID,),
        ).fetchone()["provision_id"]
        with store.db:
            store.db.executemany(
                "INSERT INTO evidence_suggestions (task_id, document_id, provision_id, score) "
                "VALUES (?,?,?,?)",
                [(task.task_id, PLAN_ID, article, 0.9) for task in tasks],
            )


def test_suggested_evidence_says_what_was_decided_and_who_decides_the_rest(
    app_home: Path,
) -> None:
    tasks = tasks_of(app_home)
    own = next(t for t in tasks if EMERGENCY in t.lead)
    other = next(t for t in tasks if t.lead and EMERGENCY not in t.lead)
    suggest(app_home, own, other)
    at = tasks_page("dora", only_mine=False)
    confirm = [b for b in at.button if b.label == "确认"]
    assert len(confirm) == 1  # only dora's own task can be decided by her
    lead = "、".join(other.lead)
    assert f"由牵头单位（{lead}）确认或驳回。" in values(at.caption)
    at = run(confirm[0].click())
    title = next(s for s in values(at.success) if s.startswith("已确认："))
    assert title.endswith(f"已添加为任务{own.number}的佐证材料。")
    assert not [b for b in at.button if b.label == "确认"]
    with open_store(app_home) as store:
        assert [e["document_id"] for e in Ledger(store).evidence(own.task_id)] == [PLAN_ID]


def older_plan_of_others(home: Path, tmp_path: Path) -> str:
    """A plan imported before the sample one (created earlier), none of whose tasks dora's
    body leads: the first plan of the box, where a department user used to land on 0 tasks."""
    path = tmp_path / "其他单位分工.csv"
    path.write_text(
        "工作任务,牵头单位,完成时限\n开展燃气安全检查,示例省住房和城乡建设厅,2025年6月30日\n"
        "开展消防检查,示例省消防救援总队,2025年9月30日\n",
        encoding="utf-8",
    )
    with open_store(home) as store:
        plan_id, _ = import_table(store, OPERATOR, path)
        with transaction(store.db):
            store.db.execute(
                "UPDATE plans SET created_at='2000-01-01T00:00:00+00:00' WHERE plan_id=?",
                (plan_id,),
            )
        assert Ledger(store).plans()[0]["plan_id"] == plan_id
    return plan_id


def test_a_department_user_starts_on_the_plan_with_its_tasks(
    app_home: Path, tmp_path: Path
) -> None:
    """Walk 7: the box defaulted to the first plan, none of whose tasks the user's body leads,
    and with 只看本单位牵头的任务 on the list said 任务清单（0）."""
    other = older_plan_of_others(app_home, tmp_path)
    own = [x for x in tasks_of(app_home) if EMERGENCY in x.lead]
    at = tasks_page("dora")
    assert at.selectbox(key="t_plan").value == PLAN_ID
    assert one(at.metric, "任务").value == str(len(own))

    at.selectbox(key="t_plan").set_value(other)  # the user's own choice wins
    run(at)
    assert at.selectbox(key="t_plan").value == other
    assert one(at.metric, "任务").value == "0"

    admin = tasks_page("ada")  # a user without a body keeps the first plan
    assert admin.selectbox(key="t_plan").value == other


def test_a_task_link_chooses_its_plan_over_the_users_own(app_home: Path, tmp_path: Path) -> None:
    other = older_plan_of_others(app_home, tmp_path)
    with open_store(app_home) as store:
        [first, *_] = Ledger(store).tasks(plan_id=other)
    at = open_page("dora", PAGE, task=str(first.number))
    assert at.selectbox(key="t_plan").value == other
