"""Work lists printed one row a line under a header "序号 | 重点工作 | 责任领导 | 责任单位 |
完成时限": the 重点工作 column holds the task whole (its clauses are not tasks of their own), the
责任领导 column names people and is set aside, the 责任单位 column names who leads."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ingest import load_document
from nlp.plans.tasks import TaskItem, extract_tasks

LIST = """# 2024年开发区重点工作及责任清单

序号 | 重点工作 | 责任领导 | 责任单位 | 完成时限
1 | 优化项目服务机制,落实“项目管家”制度,全力服务重大项目落地见效。 | 张三 | 招商部、安商部 | 全年
2 | 推动工业用地提质增效,力争全年盘活存量土地300亩。 | 李四 | 改革办 | 2024年6月底
"""


def _tasks(tmp_path: Path, text: str) -> list[TaskItem]:
    path = tmp_path / "plan.md"
    path.write_text(text, encoding="utf-8")
    document = load_document(path).document
    assert document is not None
    return extract_tasks(document, plan_date=date(2024, 1, 1))


def test_each_row_is_one_task_led_by_its_responsible_bodies(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, LIST)
    assert [t.text[:4] for t in tasks] == ["优化项目", "推动工业"]
    assert [t.lead for t in tasks] == [("招商部", "安商部"), ("改革办",)]
    assert all("张三" not in t.lead and "李四" not in t.lead for t in tasks)
    assert tasks[1].deadline is not None
    assert tasks[1].deadline.due == date(2024, 6, 30)
