"""The Tasks page for a city's plans (issue 18, fifth Chinese-only walk): other normative
documents (意见, 通知) offered for extraction after the work plans, a document without tasks said
so, and a department account whose unit is one of several leads, or the same body written
longer or with its place, sees its tasks under 只看本单位牵头的任务 and may update exactly
those."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from index import open_store
from index.accounts import OPERATOR, Accounts, Role, User
from index.tasks.ledger import Ledger
from index.tasks.records import TaskView
from tests.index.tasks.city_plan import (
    CITY_PLAN,
    CITY_PLAN_ID,
    LIST_NOTICE_ID,
    OPINION_ID,
    ingest_city_documents,
    track_city_plan,
)
from tests.ui.app_support import (
    ACCOUNTS,
    PASSWORD,
    one,
    open_page,
    run,
    start,
    submit,
    values,
    workspace_copy,
)

PAGE = "views/tasks.py"
# unit -> the positions (1, 2, 3) of the city plan's tasks it leads; the plan writes
# "市应急局、市住建局负责", "市住建局负责", "市市场监管局负责"
UNITS = {
    "zhu": ("市住建局", {1, 2}),
    "ying": ("示例市应急管理局", {1}),
    "jian": ("另一市应急管理局", set()),
}


@pytest.fixture(scope="module")
def city_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("app-city-tasks") / "workspace"
    with open_store(home) as store:
        accounts = Accounts(store)
        for name, (role, department) in ACCOUNTS.items():
            accounts.add(OPERATOR, name, PASSWORD, role, department)
        for name, (unit, _) in UNITS.items():
            accounts.add(OPERATOR, name, PASSWORD, Role.DEPARTMENT, unit)
        track_city_plan(store, home.parent / "texts")
        ingest_city_documents(store, home.parent / "texts")
    return home


@pytest.fixture(autouse=True)
def app_home(
    city_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    with workspace_copy(city_workspace, tmp_path, monkeypatch) as home:
        yield home


def city_tasks(home: Path) -> list[TaskView]:
    with open_store(home) as store:
        return sorted(Ledger(store).tasks(plan_id=CITY_PLAN_ID), key=lambda x: x.seq)


def page_as(name: str) -> AppTest:
    """The Tasks page in the session of a department account made above (its unit as stored)."""
    at = start()
    at.session_state["user"] = User(name, Role.DEPARTMENT, UNITS[name][0])
    return run(run(at).switch_page(PAGE))


def update_forms(at: AppTest) -> set[int]:
    return {int(b.form_id.removeprefix("update-")) for b in at.button if b.label == "保存"}


# -- which documents can be tracked ---------------------------------------------------------------
def test_other_normative_documents_are_offered_after_the_work_plans(app_home: Path) -> None:
    """Walk 8: a real plan stored as 规范性文件 was never offered; many 意见 and 通知 end their
    items in responsibility notes."""
    at = open_page("ada", PAGE)
    box = at.selectbox(key="t_extract_choice")
    assert box.options[0] == f"【工作方案】{CITY_PLAN}"
    others = set(box.options[1:])
    assert others == {
        f"【其他规范性文件】{OPINION_ID.split('@')[0]}",
        f"【其他规范性文件】{LIST_NOTICE_ID.split('@')[0]}",
    }
    box.set_value(OPINION_ID)
    at = submit(at, "提取任务")
    assert [v for v in values(at.main.success) if v.startswith("共3项任务：新增3项")]
    assert at.selectbox(key="t_plan").value == OPINION_ID
    with open_store(app_home) as store:
        leads = [
            x.lead for x in sorted(Ledger(store).tasks(plan_id=OPINION_ID), key=lambda x: x.seq)
        ]
    assert leads == [("市住建局",), ("市住建局",), ("市市场监管局",)]


def test_a_document_without_tasks_is_said_so_in_chinese_and_not_tracked(app_home: Path) -> None:
    at = open_page("ada", PAGE)
    at.selectbox(key="t_extract_choice").set_value(LIST_NOTICE_ID)
    at = submit(at, "提取任务")
    title = LIST_NOTICE_ID.split("@")[0]
    assert [v for v in values(at.main.error) if v.startswith(f"未从《{title}》中提取到任务")]
    with open_store(app_home) as store:
        assert LIST_NOTICE_ID not in {p["plan_id"] for p in Ledger(store).plans()}
    assert not [v for v in values(at.main.success) if v.startswith("共")]


# -- a department's own tasks ---------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(UNITS))
def test_only_mine_and_the_update_forms_follow_one_match(app_home: Path, name: str) -> None:
    """Walk 8: a unit written as the plan writes its lead (市住建局, one of two leads of item 1)
    saw 任务清单（0）, because the plan's lead was stored with the plan's place (示例市) and the
    account's unit without; 示例市应急管理局 is the plan's 市应急局 (one function in the
    department directory); another city's bureau is not."""
    tasks = city_tasks(app_home)
    own = {tasks[n - 1].number for n in UNITS[name][1]}
    at = page_as(name)
    assert at.toggle(key="t_mine").value is True
    if own:  # the plan with its tasks is chosen for it
        assert at.selectbox(key="t_plan").value == CITY_PLAN_ID
    else:
        at.selectbox(key="t_plan").set_value(CITY_PLAN_ID)
        at = run(at)
    assert one(at.metric, "任务").value == str(len(own))
    assert update_forms(at) == own
    at.toggle(key="t_mine").set_value(False)
    at = run(at)
    assert one(at.metric, "任务").value == str(len(tasks))
    assert update_forms(at) == own  # what it may update is what the filter shows as its own
