"""Small city texts for the Tasks tests (issue 18): a work plan with one item led by two bodies
written short and without their place ("市应急局、市住建局负责"), as a city's plans write them;
an 意见 (a normative document, not a work plan) whose items end in responsibility notes; and a
通知 that only publishes a list, with no task in it."""

from __future__ import annotations

from pathlib import Path

from index import ingest_paths
from index.accounts import OPERATOR
from index.store.database import Store
from index.tasks.plans import extract_plan

CITY_PLAN = "示例市城镇燃气安全排查整治工作方案"
CITY_PLAN_ID = f"{CITY_PLAN}@2024-05-10"
CITY_PLAN_TEXT = f"""# {CITY_PLAN}

示例市人民政府办公室

2024年5月10日

为做好全市城镇燃气安全排查整治工作，现将重点任务分工如下。

一、全面排查燃气安全隐患

（一）组织开展餐饮等公共场所燃气安全检查，建立隐患清单。（市应急局、市住建局负责；2024年9月底前完成）

（二）开展燃气经营企业安全评估。（市住建局负责；2024年12月底前完成）

（三）开展燃气具生产流通领域专项检查。（市市场监管局负责；2024年10月底前完成）
"""


def track_city_plan(store: Store, folder: Path) -> str:
    """Ingest the city plan (written into ``folder``) and extract its tasks; its plan id."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "city_gas_plan.md"
    path.write_text(CITY_PLAN_TEXT, encoding="utf-8")
    ingest_paths(store, [path], sandbox=False)
    extract_plan(store, OPERATOR, CITY_PLAN_ID)
    return CITY_PLAN_ID


OPINION_ID = "示例市人民政府关于进一步加强城镇燃气安全管理的意见@2024-06-01"
OPINION_TEXT = """# 示例市人民政府关于进一步加强城镇燃气安全管理的意见

示政发〔2024〕8号

示例市人民政府

2024年6月1日

各区人民政府，市政府各部门：

为进一步加强城镇燃气安全管理，现提出如下意见。

一、压实燃气安全责任

（一）建立燃气安全责任清单，明确各环节监管责任。（市住建局牵头，市应急局配合）

（二）加强燃气经营许可管理，依法查处无证经营行为。（市住建局负责）

二、强化源头治理

（三）开展燃气具质量抽查，公布抽查结果。（市市场监管局负责）
"""
LIST_NOTICE_ID = "示例市人民政府关于公布示例市第三批历史文化街区名单的通知@2024-01-20"
LIST_NOTICE_TEXT = """# 示例市人民政府关于公布示例市第三批历史文化街区名单的通知

示政发〔2024〕2号

示例市人民政府

2024年1月20日

各区人民政府，市政府各部门：

现将示例市第三批历史文化街区名单予以公布。

附件：示例市第三批历史文化街区名单

示例市人民政府

2024年1月20日
"""


def ingest_city_documents(store: Store, folder: Path) -> None:
    """Ingest the 意见 and the list 通知 (written into ``folder``), without extracting."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in (("opinion.md", OPINION_TEXT), ("list_notice.md", LIST_NOTICE_TEXT)):
        paths.append(folder / name)
        paths[-1].write_text(text, encoding="utf-8")
    ingest_paths(store, paths, sandbox=False)
