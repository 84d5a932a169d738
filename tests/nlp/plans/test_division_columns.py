"""A division table that sets the plan's own measure beside the task a higher-level plan gave
it ("上级部署任务 | 本级落实措施 | 牵头单位 | 责任单位 | 完成时限"): the measure is the task, the
牵头单位 cell leads and the 责任单位 cell co-operates; names a copy ran together in a cell are
read apart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ingest import load_document
from nlp.plans.tasks import TaskItem, read_plan


def _plan(tmp_path: Path, text: str) -> list[TaskItem]:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    result = load_document(path)
    assert result.document is not None
    return read_plan(result.document, plan_date=date(2023, 5, 1)).tasks


_TABLE = (
    "某市落实全省安全生产重点任务分工方案\n"
    "序号 | 省重点任务 | 市落实措施 | 牵头单位 | 责任单位 | 完成时限 |\n"
    "一、深化源头治理 | |||||\n"
    "1 | 全面排查危险化学品储存场所。 | 组织对全市危险化学品仓储企业开展全覆盖检查,建立问题清单。"
    " | 市应急局市公安局 | 各区县政府、市交通局 | 2023年10月底 |\n"
    "2 | 推进老旧燃气管网改造。 | 制定年度改造计划并分批组织实施,年内完成主城区改造。"
    " | 市住建局 | 各区县政府 | 2023年12月底 |\n"
)


def test_measure_column_is_the_task(tmp_path: Path) -> None:
    tasks = _plan(tmp_path, _TABLE)
    assert [t.text[:10] for t in tasks] == ["组织对全市危险化学品", "制定年度改造计划并分"]


def test_lead_cell_leads_and_responsible_cell_cooperates(tmp_path: Path) -> None:
    tasks = _plan(tmp_path, _TABLE)
    assert [list(t.lead) for t in tasks] == [["市应急局", "市公安局"], ["市住建局"]]
    assert [list(t.cooperating) for t in tasks] == [["各区县政府", "市交通局"], ["各区县政府"]]
    assert [t.deadline.due if t.deadline else None for t in tasks] == [
        date(2023, 10, 31),
        date(2023, 12, 31),
    ]
