"""Whether a department account's unit (单位) is a body that leads a task: the one test behind
the Tasks page's 只看本单位牵头的任务 filter, the update forms it offers and the ledger's refusal
of an update by another body, so that the three always agree (issue 18).

A unit and a plan's lead are the same body when the gazetteer gives them one key, or when the
plan does not write the place and both name one function at one level of one place: a
department account of 示例市住建局 leads a task whose lead list is "市应急局、市住建局", and
示例市应急管理局 is the 市应急局 of 示例市's plan because the department directory files 应急局 and
应急管理局 under one function (emergency management). Two places written differently
(示例市 and 另一市) or two levels (市 and 省) are never one body.

:func:`known_units` lists the bodies an admin may give a department account: those the tracked
plans' tasks name, then the named Chinese bodies of the packaged gazetteer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from index.tasks.records import TaskView
from nlp.bodies.gazetteer import Body, Gazetteer
from nlp.data import packaged

_LEVEL_CHAR = re.compile(r"^[省市县区州盟旗]")
# a group, not one body: 各有关部门, 市直各有关单位, 各县(市、区)人民政府, 相关部门
_GROUP = re.compile(r"^各|各有关|有关|相关")


def unit_body(gazetteer: Gazetteer, unit: str) -> Body:
    """The body a unit written on an account stands for, its function from the department
    directory (as the plan reader resolves a lead)."""
    mention = gazetteer.directory.resolve(unit)
    kind = mention.department.id if mention.department is not None else ""
    return gazetteer.body(unit, kind=kind, region=mention.region)


class UnitMatcher:
    """Which tasks one unit leads; built once per page or per check."""

    def __init__(self, gazetteer: Gazetteer, unit: str | None) -> None:
        """Resolve ``unit`` (empty or None: a user without a body, who leads nothing)."""
        self.gazetteer = gazetteer
        self.unit = (unit or "").strip()
        self.body = unit_body(gazetteer, self.unit) if self.unit else None
        self._kinds: dict[str, str] = {}

    def is_lead(self, lead: Mapping[str, Any]) -> bool:
        """Whether the unit is ``lead``, one of a task's ``lead_bodies``."""
        own = self.body
        if own is None:
            return False
        if own.key == lead.get("key"):
            return True
        if own.collective or lead.get("collective"):
            return False
        place = str(lead.get("jurisdiction") or "")
        if own.jurisdiction and place and own.jurisdiction != place:
            return False
        if own.level != str(lead.get("level") or ""):
            return False
        name = str(lead.get("full_name") or lead.get("name") or "")
        same_name = _core(own.full_name, own.jurisdiction) == _core(name, place)
        if _GROUP.search(name) or _GROUP.search(own.full_name):
            # 各县(市、区)人民政府 is not one county's government: a group is matched only as
            # written, never by its function (one county could not then close a shared task)
            return same_name
        kind = str(lead.get("kind") or "") or self._kind(str(lead.get("name") or ""))
        if own.kind and kind:
            return own.kind == kind
        return same_name

    def leads(self, task: TaskView) -> bool:
        """Whether the unit is one of the bodies that lead ``task``."""
        return any(self.is_lead(b) for b in task.lead_bodies)

    def _kind(self, name: str) -> str:
        """The function the directory gives a lead stored without one (once per name)."""
        if name not in self._kinds:
            mention = self.gazetteer.directory.resolve(name) if name else None
            self._kinds[name] = mention.department.id if mention and mention.department else ""
        return self._kinds[name]


def _core(name: str, place: str) -> str:
    """A name without its place and a leading level word, without spaces."""
    name = re.sub(r"\s+", "", name)
    if place and name.startswith(place):
        name = name[len(place) :]
    if len(name) > 2:
        name = _LEVEL_CHAR.sub("", name)
    return name


def known_units(task_bodies: Iterable[Mapping[str, Any]], extra: Iterable[str] = ()) -> list[str]:
    """Units to offer for a department account: ``extra`` (units accounts already have), the
    bodies the tracked plans' tasks name (collectives such as 各有关部门 left out), then the
    named Chinese bodies of the packaged gazetteer; each once, in that order."""
    names: dict[str, None] = {}
    for name in extra:
        if name and name.strip():
            names.setdefault(name.strip(), None)
    for body in task_bodies:
        name = str(body.get("name") or "")
        if name and not body.get("collective") and not _GROUP.search(name):
            names.setdefault(name, None)
    for body in packaged("bodies.json").get("bodies", ()):
        if body.get("jurisdiction") == "CN":
            names.setdefault(str(body["name"]), None)
    return list(names)
