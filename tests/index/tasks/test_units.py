"""A department account's unit against the bodies that lead a task (issue 18): one matching
function for the Tasks page's filter and the ledger's permission, so that they agree; a unit
written as the plan writes it, with its place, or in the long form of one function's name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index import open_store
from index.accounts import PermissionDenied, Role, User
from index.store.database import Store
from index.tasks.ledger import Ledger
from index.tasks.records import TaskView
from index.tasks.units import UnitMatcher, known_units
from tests.index.tasks.city_plan import CITY_PLAN_ID, track_city_plan

# unit -> the task numbers (by position in the plan: 1, 2, 3) that it leads
LEADS: dict[str, set[int]] = {
    "市住建局": {1, 2},  # as the plan writes it: one of two leads of item 1
    "示例市住建局": {1, 2},  # with the plan's place
    "示例市住房和城乡建设局": {1, 2},  # the long form: the directory files both as one function
    "示例市应急管理局": {1},  # 市应急局 of 示例市's plan
    "市应急局": {1},
    "另一市应急管理局": set(),  # another city's bureau
    "示例省应急管理厅": set(),  # the province's department, not the city's bureau
    "示例市公安局": set(),  # a body the plan does not name
    "市直各有关单位": set(),
    "示例市人民政府": set(),
}


@pytest.fixture(scope="module")
def city_home(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tracked city plan, once per backend (the module runs on SQLite and PostgreSQL)."""
    home = tmp_path_factory.mktemp(f"units-{backend}") / "workspace"
    with open_store(home) as store:
        track_city_plan(store, home.parent / "texts")
    return home


@pytest.fixture
def store(city_home: Path) -> Iterator[Store]:
    with open_store(city_home) as opened:
        yield opened


def plan_tasks(store: Store) -> list[TaskView]:
    tasks = sorted(Ledger(store).tasks(plan_id=CITY_PLAN_ID), key=lambda x: x.seq)
    assert [x.lead for x in tasks] == [("市应急局", "市住建局"), ("市住建局",), ("市市场监管局",)]
    return tasks


@pytest.mark.parametrize("unit", sorted(LEADS))
def test_a_unit_leads_the_tasks_its_body_leads(store: Store, unit: str) -> None:
    tasks = plan_tasks(store)
    matcher = UnitMatcher(Ledger(store).gazetteer, unit)
    assert {n for n, x in enumerate(tasks, 1) if matcher.leads(x)} == LEADS[unit]


@pytest.mark.parametrize("unit", sorted(LEADS))
def test_the_ledger_lets_a_unit_update_exactly_the_tasks_the_filter_shows(
    store: Store, unit: str
) -> None:
    ledger = Ledger(store)
    matcher = UnitMatcher(ledger.gazetteer, unit)
    user = User("dept", Role.DEPARTMENT, unit)
    for task in plan_tasks(store):
        try:
            ledger.check_can_change(user, str(task.number))
            allowed = True
        except PermissionDenied:
            allowed = False
        assert allowed == matcher.leads(task), (unit, task.lead)


def test_no_unit_leads_nothing(store: Store) -> None:
    for unit in ("", None, "   "):
        assert not any(
            UnitMatcher(Ledger(store).gazetteer, unit).leads(x) for x in plan_tasks(store)
        )


def test_known_units_offer_the_plans_bodies_then_the_state_councils(store: Store) -> None:
    bodies = [b for x in plan_tasks(store) for b in x.lead_bodies]
    bodies.append({"name": "市直各有关单位", "key": "示例市|直各有关单位"})  # a group, left out
    units = known_units(bodies, ["示例市应急管理局", ""])
    assert units[:4] == ["示例市应急管理局", "市应急局", "市住建局", "市市场监管局"]
    assert "应急管理部" in units and "市直各有关单位" not in units
    assert len(units) == len(set(units))


def test_a_group_is_matched_only_as_written(store: Store) -> None:
    """The fifth walk's real plan names 市直各有关单位 and 各县(市、区)人民政府 (stored with the
    plan's place): a unit written as the plan writes the group finds those tasks; one county's
    government does not take over a task of every county's."""
    gazetteer = Ledger(store).gazetteer
    group = {"name": "市直各有关单位", "full_name": "市直各有关单位", "kind": "", "level": "city"}
    group["jurisdiction"], group["key"] = "运城市", "运城市|直各有关单位"
    counties = {"name": "各县(市、区)人民政府", "full_name": "各县(市、区)人民政府"}
    counties |= {"kind": "government", "level": "county", "jurisdiction": ""}
    counties["key"] = "|各县(市区)人民政府"
    assert UnitMatcher(gazetteer, "市直各有关单位").is_lead(group)
    assert UnitMatcher(gazetteer, "各县(市、区)人民政府").is_lead(counties)
    assert not UnitMatcher(gazetteer, "示例县人民政府").is_lead(counties)
    assert not UnitMatcher(gazetteer, "市发展改革委").is_lead(group)
