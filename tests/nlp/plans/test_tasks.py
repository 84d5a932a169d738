"""Task-division extraction: the corpus plans, small plans written here, tables, keys."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest

from ingest import load_document
from ingest.model import Document
from nlp.bodies.departments import DepartmentDirectory
from nlp.plans.tasks import TaskItem, document_plan_date, extract_tasks, tasks_from_rows

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def directory() -> DepartmentDirectory:
    return DepartmentDirectory.default()


def _load(path: Path) -> Document:
    result = load_document(path)
    assert result.document is not None, result.findings
    return result.document


@pytest.fixture(scope="module")
def en_plan() -> Document:
    return _load(ROOT / "corpus" / "en_work_plan.txt")


@pytest.fixture(scope="module")
def zh_plan() -> Document:
    return _load(ROOT / "corpus" / "zh_division_plan.md")


@pytest.fixture(scope="module")
def en_tasks(en_plan: Document, directory: DepartmentDirectory) -> list[TaskItem]:
    return extract_tasks(en_plan, directory=directory)


@pytest.fixture(scope="module")
def zh_tasks(zh_plan: Document, directory: DepartmentDirectory) -> list[TaskItem]:
    return extract_tasks(zh_plan, directory=directory)


def _plan(tmp_path: Path, name: str, text: str) -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return _load(path)


def _by_start(tasks: list[TaskItem], words: str) -> TaskItem:
    found = [t for t in tasks if t.text.startswith(words)]
    assert len(found) == 1, [t.text for t in tasks]
    return found[0]


def _due(task: TaskItem) -> tuple[str, date | None] | None:
    return None if task.deadline is None else (task.deadline.kind, task.deadline.due)


# -- corpus/zh_division_plan.md -------------------------------------------------------------------


def test_zh_plan_tasks_per_part(zh_tasks: list[TaskItem]) -> None:
    # 16 noted items; (四) and (十) add a task per sub-item; 五、工作要求 assigns no item
    assert len(zh_tasks) == 22
    assert Counter(t.part for t in zh_tasks) == {
        "一、强化安全生产责任落实": 3,
        "二、开展重点行业领域专项整治": 8,
        "三、提升风险防控和执法能力": 7,
        "四、加强应急救援和宣传培训": 4,
    }


def test_zh_item_leaves_out_number_and_note(zh_plan: Document, zh_tasks: list[TaskItem]) -> None:
    first = zh_tasks[0]
    assert (
        first.text
        == "修订完善省、市、县三级安全生产委员会成员单位安全生产工作职责清单，明确新兴行业领域的监管责任"
    )
    assert zh_plan.text[first.start : first.end] == first.text
    assert first.key.endswith("/part-1/item-1#1")
    assert (first.action, first.object) == (
        "修订完善",
        "省、市、县三级安全生产委员会成员单位安全生产工作职责清单",
    )
    assert first.lead_kind_names == ("应急管理部门",)
    assert first.cooperating_kind_names == ("机构编制部门", "司法行政部门")
    assert _due(first) == ("date", date(2024, 6, 30))


def test_zh_note_after_sub_items_governs_the_item_and_each_sub_item(
    zh_tasks: list[TaskItem],
) -> None:
    item = [t for t in zh_tasks if "/part-2/item-4" in t.key]
    assert [t.key.split("/", 1)[1] for t in item] == [
        "part-2/item-4#1",
        "part-2/item-4/sub-1#1",
        "part-2/item-4/sub-2#1",
        "part-2/item-4/sub-3#1",
    ]
    assert [t.text for t in item] == [
        "开展危险化学品安全专项整治，重点做好以下工作",
        "完成全省重大危险源企业在线监测预警系统接入",
        "推进化工园区安全风险评估和分级管控",
        "淘汰落后危险工艺和设备",
    ]
    for t in item:
        assert t.lead_kind_names == ("应急管理部门",)
        assert t.cooperating_kind_names == ("工业和信息化部门", "生态环境部门")
        assert _due(t) == ("date", date(2025, 12, 31))


def test_zh_completion_limit_beats_time_words_in_the_text(zh_tasks: list[TaskItem]) -> None:
    assert _due(_by_start(zh_tasks, "开展矿山和尾矿库")) == (
        "date",
        date(2024, 5, 31),
    )  # not 汛期前
    assert _due(_by_start(zh_tasks, "每季度公布")) == ("ongoing", None)  # 持续推进, not 每季度
    assert _due(_by_start(zh_tasks, "开展城镇燃气")) == ("date", date(2024, 12, 31))  # 年底前, 2024


def test_zh_unknown_body_is_kept_and_flagged(zh_tasks: list[TaskItem]) -> None:
    task = _by_start(zh_tasks, "制定全省重大事故隐患")
    assert task.cooperating_kind_names == ("安全生产委员会各有关成员单位",)
    unknown = [m for m in task.bodies if m.department is None]
    assert [m.text for m in unknown] == ["示例省安全生产委员会各有关成员单位"]


def test_zh_law_and_framing(zh_tasks: list[TaskItem]) -> None:
    task = _by_start(zh_tasks, "依照《示例安全生产法》")
    assert (task.action, task.object) == (
        "清理",
        "本省地方性法规中罚款数额、报告时限和部门名称等规定",
    )
    assert task.laws == ("示例安全生产法",)
    assert _due(task) == ("date", date(2024, 12, 31))  # 完成时限, not the law's （2024年修正）


def test_a_division_plans_requirements_are_no_tasks(zh_tasks: list[TaskItem]) -> None:
    assert [t for t in zh_tasks if t.part == "五、工作要求"] == []


def test_zh_running_text_is_split_at_new_verbs(tmp_path: Path) -> None:
    text = (
        "# 示例工作方案\n\n一、工作安排\n\n"
        "各牵头单位要于每年6月底前和12月底前，将重点工作推进情况报送示例省安全生产委员会办公室。"
        "示例省安全生产委员会办公室将定期调度通报工作进展，对工作推进不力的单位予以督促。\n"
    )
    last = extract_tasks(_plan(tmp_path, "plan.md", text))
    assert [t.text for t in last] == [
        "各牵头单位要于每年6月底前和12月底前，将重点工作推进情况报送示例省安全生产委员会办公室",
        "示例省安全生产委员会办公室将定期调度通报工作进展",
        "对工作推进不力的单位予以督促",
    ]
    assert last[0].lead_kind_names == ()  # 各牵头单位 is generic; the office is only the recipient
    assert (last[0].action, last[0].object) == ("报送", "重点工作推进情况")
    assert (
        last[1].lead_kind_names == last[2].lead_kind_names == ("安全生产委员会办公室",)
    )  # the subject carries over
    assert _due(last[1]) == ("ongoing", None)  # 定期


# -- corpus/en_work_plan.txt ---------------------------------------------------------------------


def test_en_plan_tasks_per_part(en_tasks: list[TaskItem]) -> None:
    assert len(en_tasks) == 50
    counts = Counter(t.part.split(",")[0] for t in en_tasks)
    assert counts == {
        "First": 8,
        "Two": 8,
        "Third": 6,
        "Fourth": 6,
        "Five": 8,
        "Six": 6,
        "Seven": 8,
    }
    # the sentence that only assigns bodies is not a task
    assert not any(
        t.text.startswith("The Ministry of Emergency Management should take") for t in en_tasks
    )


def test_en_lead_sentence_applies_to_the_tasks_before_it(en_tasks: list[TaskItem]) -> None:
    first, second = en_tasks[:2]
    assert first.text == (
        "Accelerate the revision of the supporting regulations of the Illustrative Work Safety Act"
    )
    assert (first.action, first.object) == (
        "Accelerate the revision of",
        "the supporting regulations of the Illustrative Work Safety Act",
    )
    assert second.text.startswith("complete the revision of the rules on the registration")
    assert second.object.endswith("reporting of workplace accidents")  # the deadline is not in it
    for t in (first, second):
        assert t.lead_kind_names == ("Emergency Management",)
        assert t.cooperating_kind_names == ("Justice", "Industry and Information Technology")
    assert _due(first) is None
    assert _due(second) == ("date", date(2025, 12, 31))
    assert first.laws == ("Illustrative Work Safety Act",)


def test_en_subject_and_cooperation_carry_over_the_sentence(en_tasks: list[TaskItem]) -> None:
    lead, then = _by_start(en_tasks, "The Ministry of Housing"), _by_start(en_tasks, "focus on")
    for t in (lead, then):
        assert t.lead_kind_names == ("Housing and Urban-Rural Development",)
        assert t.cooperating_kind_names == ("Emergency Management", "Transport")
    assert lead.object == "construction safety"  # the cooperation phrase is not the object


def test_en_generic_and_non_government_subjects_lead_nothing(en_tasks: list[TaskItem]) -> None:
    assert _by_start(en_tasks, "Each province should review").lead_kind_names == ()
    assert _by_start(en_tasks, "All regions and departments").lead_kind_names == ()
    assert _by_start(en_tasks, "Enterprises should report").lead_kind_names == ()
    assert _by_start(en_tasks, "Local emergency management").lead_kind_names == (
        "Emergency Management",
    )


def test_en_anaphora_resolves_to_the_office_named_before(en_tasks: list[TaskItem]) -> None:
    task = _by_start(en_tasks, "the Office will summarise")
    assert task.lead_kind_names == ("Office of the Work Safety Committee",)
    assert task.action == "summarise and circulate"


def test_en_fronted_time_frame_applies_to_every_clause(en_tasks: list[TaskItem]) -> None:
    flood = [t for t in en_tasks if t.part.startswith("Third") and _due(t) == ("season", None)]
    assert [t.action for t in flood] == ["strengthen", "order"]
    assert _due(_by_start(en_tasks, "publish an annual list")) == ("period", date(2026, 12, 31))


def test_en_prohibition_is_a_task(en_tasks: list[TaskItem]) -> None:
    task = _by_start(en_tasks, "no organisation or person may delay")
    assert task.object == "accident reports"


# -- small plans ---------------------------------------------------------------------------------

EN_PLAN = """Illustrative Plan for Mine Safety in Sampleland (2025-2027)
First, guiding ideology
Safety development is the foundation of the economy, and we will adhere to the people-first principle.
Second, main tasks
(1) In accordance with the requirements of the Law on Work Safety, we will revise the rules on mine inspections, and publish the revised rules by the end of 2025.
(2) Formulate and implement a training programme for mine rescuers; strengthen the supervision of tailings ponds, so as to prevent dam failures.
(3) Establish a reporting hotline. The Sampleland Bureau of Mines should take the lead, with the cooperation of the Ministry of Emergency Management.
(4) Investigate illegal mining, close unlicensed pits and punish offenders under the Safety Production Law. (Lead: Ministry of Public Security; Cooperating: Ministry of Natural Resources; Deadline: by 30 June 2026)
The number of mine accidents fell by 20% in 2024, which shows that supervision works.
Third, safeguards
Local governments at or above the county level should regularly check the implementation of this plan.
Safety standards for tailings ponds should be revised within two years.
No enterprise may resume production before the inspection is passed.
This plan shall come into force on 1 January 2025.
"""


@pytest.fixture(scope="module")
def small_en(tmp_path_factory: pytest.TempPathFactory) -> list[TaskItem]:
    document = _plan(tmp_path_factory.mktemp("en"), "plan.txt", EN_PLAN)
    return extract_tasks(document, plan_date=date(2025, 3, 1))


def test_small_en_finds_exactly_the_directives(small_en: list[TaskItem]) -> None:
    assert [t.text for t in small_en] == [
        "In accordance with the requirements of the Law on Work Safety, we will revise the rules on mine inspections",
        "publish the revised rules by the end of 2025",
        "Formulate and implement a training programme for mine rescuers",
        "strengthen the supervision of tailings ponds, so as to prevent dam failures",
        "Establish a reporting hotline",
        "Investigate illegal mining",
        "close unlicensed pits",
        "punish offenders under the Safety Production Law",
        "Local governments at or above the county level should regularly check the implementation of this plan",
        "Safety standards for tailings ponds should be revised within two years",
        "No enterprise may resume production before the inspection is passed",
    ]


def test_small_en_fields(small_en: list[TaskItem]) -> None:
    revise, publish, formulate, strengthen, hotline, investigate, close, punish = small_en[:8]
    assert (revise.action, revise.object) == ("revise", "the rules on mine inspections")
    assert revise.laws == punish.laws == ("安全生产法",)  # two English names of one law
    assert _due(publish) == ("date", date(2025, 12, 31)) and _due(revise) is None
    assert formulate.action == "Formulate and implement"  # verbs sharing one object: one task
    assert strengthen.object == "tailings ponds"  # the purpose clause is not the object
    # the lead sentence after the task; the bureau is not in the table: kept, flagged
    assert hotline.lead_kind_names == ("Sampleland Bureau of Mines",)
    assert hotline.cooperating_kind_names == ("Emergency Management",)
    assert [m.department for m in hotline.bodies if "Mines" in m.text] == [None]
    for t in (investigate, close, punish):  # the block after the sentence assigns all three
        assert t.lead_kind_names == ("Public Security",)
        assert t.cooperating_kind_names == ("Natural Resources",)
        assert _due(t) == ("date", date(2026, 6, 30))


def test_small_en_subjects_passives_and_prohibitions(small_en: list[TaskItem]) -> None:
    check, revised, prohibition = small_en[8:]
    assert check.lead_kind_names == ("People's Government",)
    assert check.action == "regularly check the implementation of"
    assert _due(check) == ("ongoing", None)  # "regularly": the action recurs without end
    assert (revised.action, revised.object) == ("revised", "Safety standards for tailings ponds")
    assert revised.lead_kind_names == ()
    assert _due(revised) == ("relative", None)  # "within two years" of an unfixed day
    assert prohibition.action == "resume"


ZH_PLAN = """# 示例县矿山安全整治方案

一、指导思想

坚持安全第一、预防为主，全面提升矿山安全水平。

二、重点任务

（一）开展矿山安全大排查。各乡镇要在2025年6月底前完成辖区矿山全覆盖检查，对发现的隐患建立台账。

（二）推进尾矿库治理，重点做好以下工作：

1．完成尾矿库在线监测系统建设；

2．关闭停用尾矿库。

责任单位：县应急管理局、县自然资源局（牵头）、县示例矿业协会

（三）建立矿山安全举报奖励制度。（牵头单位：县应急管理局；配合单位：县财政局；完成时限：长期坚持）

三、保障措施

各有关部门要加强协调配合，县应急管理局要定期通报工作进展。本方案自印发之日起施行。
"""


@pytest.fixture(scope="module")
def small_zh(tmp_path_factory: pytest.TempPathFactory) -> list[TaskItem]:
    document = _plan(tmp_path_factory.mktemp("zh"), "plan.md", ZH_PLAN)
    return extract_tasks(document, plan_date=date(2025, 3, 1))


def test_small_zh_finds_exactly_the_directives(small_zh: list[TaskItem]) -> None:
    # the guiding part, the item title (一) and the closing 施行 sentence are no tasks
    assert [t.text for t in small_zh] == [
        "各乡镇要在2025年6月底前完成辖区矿山全覆盖检查",
        "对发现的隐患建立台账",
        "推进尾矿库治理，重点做好以下工作",
        "完成尾矿库在线监测系统建设",
        "关闭停用尾矿库",
        "建立矿山安全举报奖励制度",
    ]  # 三、保障措施 of a plan with notes assigns no item


def test_small_zh_fields(small_zh: list[TaskItem]) -> None:
    check, ledger, lead_in, monitor, close, hotline = small_zh
    assert check.lead_kind_names == () and _due(check) == ("date", date(2025, 6, 30))
    assert (ledger.action, ledger.object) == ("建立", "台账")
    for t in (lead_in, monitor, close):  # 责任单位 with （牵头） marked: the marked one leads
        assert t.lead_kind_names == ("自然资源部门",)
        assert t.cooperating_kind_names == ("应急管理部门", "示例矿业协会")
        assert any(m.department is None and "矿业协会" in m.text for m in t.bodies)
    assert (hotline.lead_kind_names, hotline.cooperating_kind_names) == (
        ("应急管理部门",),
        ("财政部门",),
    )
    assert _due(hotline) == ("ongoing", None)


def test_a_responsibility_list_leads_together_unless_the_plan_says_the_first_leads(
    tmp_path: Path,
) -> None:
    item = "（一）开展燃气安全检查。（责任单位：市住房和城乡建设局、市市场监督管理局；完成时限：2025年第一季度）\n"
    [task] = extract_tasks(_plan(tmp_path, "p.md", "# 方案\n\n一、任务\n\n" + item))
    assert (task.lead_kind_names, task.cooperating_kind_names) == (
        ("住房和城乡建设部门", "市场监督管理部门"),
        (),
    )
    assert _due(task) == ("date", date(2025, 3, 31))
    declared = "# 方案\n\n责任单位中排在第一位的为牵头单位。\n\n一、任务\n\n" + item
    [task] = extract_tasks(_plan(tmp_path, "q.md", declared))
    assert (task.lead_kind_names, task.cooperating_kind_names) == (
        ("住房和城乡建设部门",),
        ("市场监督管理部门",),
    )


def test_zh_lead_phrases_without_field_names(tmp_path: Path) -> None:
    text = (
        "# 方案\n\n一、任务\n\n"
        "（一）开展燃气安全大检查，建立隐患台账（市住房和城乡建设局牵头，市市场监督管理局、市消防救援支队配合）\n\n"
        "（二）由市应急管理局牵头，会同市公安局开展危险化学品运输专项整治，2025年底前完成。\n\n"
        "（三）市交通运输局会同市公安局加强道路运输安全监管。\n"
    )
    noted, led, joint = extract_tasks(_plan(tmp_path, "p.md", text))
    assert noted.text == "开展燃气安全大检查，建立隐患台账"  # one task: the note assigns the item
    assert noted.lead_kind_names == ("住房和城乡建设部门",)
    assert noted.cooperating_kind_names == ("市场监督管理部门", "消防救援机构")
    assert (led.action, led.lead_kind_names, led.cooperating_kind_names) == (
        "开展",
        ("应急管理部门",),
        ("公安部门",),
    )
    assert _due(led) == ("date", date(2025, 12, 31))
    assert (joint.lead_kind_names, joint.cooperating_kind_names) == (
        ("交通运输部门",),
        ("公安部门",),
    )


def test_en_responsibility_phrasings(tmp_path: Path) -> None:
    text = (
        "Plan\nFirst, tasks\n"
        "The Ministry of Emergency Management is responsible for organising the inspection of mines.\n"
        "The Ministry of Emergency Management, together with the Ministry of Public Security, shall formulate the rules.\n"
        "Relevant departments shall, in accordance with their duties, strengthen the supervision of gas facilities.\n"
        "Revise the rules on fines. Publish the list of fines. Lead unit: Ministry of Justice; cooperating units: Ministry of Finance\n"
    )
    organise, formulate, strengthen, revise, publish = extract_tasks(_plan(tmp_path, "p.txt", text))
    assert (organise.action, organise.object) == ("organising the inspection of", "mines")
    assert organise.lead_kind_names == ("Emergency Management",)
    assert (formulate.lead_kind_names, formulate.cooperating_kind_names) == (
        ("Emergency Management",),
        ("Public Security",),
    )
    assert strengthen.action == "strengthen the supervision of" and strengthen.lead_kind_names == ()
    for t in (revise, publish):  # a closing "Lead unit: …" line assigns the paragraph's tasks
        assert (t.lead_kind_names, t.cooperating_kind_names) == (("Justice",), ("Finance",))


# -- tables --------------------------------------------------------------------------------------


def test_rows_with_chinese_headers() -> None:
    rows = [
        {
            "序号": "",
            "工作任务": "一、强化责任落实",
            "牵头单位": "",
            "配合单位": "",
            "完成时限": "",
        },
        {
            "序号": "1",
            "工作任务": "修订安全生产责任清单",
            "牵头单位": "省应急管理厅",
            "配合单位": "省司法厅、省示例中心",
            "完成时限": "年底前",
            "来源": "《安全生产法》第二十一条",
        },
        {
            "序号": "序号",
            "工作任务": "工作任务",
            "牵头单位": "牵头单位",
            "配合单位": "",
            "完成时限": "",
        },
        {"序号": "2", "工作任务": "", "牵头单位": "省公安厅", "配合单位": "", "完成时限": ""},
    ]
    [task] = tasks_from_rows(rows, plan_date=date(2024, 3, 15), source="分工表")
    assert task.key == "分工表/row-2#1"
    assert task.part == "一、强化责任落实"
    assert (task.text, task.action, task.object) == (
        "修订安全生产责任清单",
        "修订",
        "安全生产责任清单",
    )
    assert (task.lead_kind_names, task.cooperating_kind_names) == (
        ("应急管理部门",),
        ("司法行政部门", "示例中心"),
    )
    assert [m.text for m in task.bodies if m.department is None] == ["省示例中心"]
    assert _due(task) == ("date", date(2024, 12, 31))
    assert task.laws == ("安全生产法",)


def test_rows_with_english_headers_and_spreadsheet_dates() -> None:
    rows = [
        {
            "No.": 1,
            "Task": "Revise the rules on the reporting of accidents",
            "Responsible": "Ministry of Justice (lead), Ministry of Emergency Management",
            "Deadline": datetime(2025, 6, 30),
        },
        {
            "No.": 2,
            "Task": "Publish typical cases",
            "Lead": "MEM",
            "Time limit": "by the end of 2025",
        },
    ]
    first, second = tasks_from_rows(rows)
    assert (first.action, first.object) == ("Revise", "the rules on the reporting of accidents")
    assert (first.lead_kind_names, first.cooperating_kind_names) == (
        ("Justice",),
        ("Emergency Management",),
    )
    assert _due(first) == ("date", date(2025, 6, 30))
    assert second.lead_kind_names == (
        "Emergency Management",
    )  # "Lead" is a column only in the 2nd row's keys
    assert second.key == "table/row-2#1"


def test_rows_without_a_task_column_are_refused() -> None:
    with pytest.raises(ValueError, match="no task column"):
        tasks_from_rows([{"牵头单位": "省应急管理厅", "完成时限": "年底前"}])


# -- keys and invariants -------------------------------------------------------------------------


def test_keys_are_stable_unique_and_spans_index_the_text(
    en_plan: Document, zh_plan: Document, en_tasks: list[TaskItem], zh_tasks: list[TaskItem]
) -> None:
    again = extract_tasks(_load(ROOT / "corpus" / "en_work_plan.txt"))
    assert [t.key for t in again] == [t.key for t in en_tasks]
    assert again == en_tasks
    for document, tasks in ((en_plan, en_tasks), (zh_plan, zh_tasks)):
        keys = [t.key for t in tasks]
        assert len(set(keys)) == len(keys)
        for t in tasks:
            assert document.text[t.start : t.end] == t.text
            provision, n = t.key.rsplit("#", 1)
            assert provision == t.provision_id and int(n) >= 1
            for m in t.bodies:
                assert document.text[m.span[0] : m.span[1]] == m.text


def test_plan_date_comes_from_metadata_then_title(en_plan: Document, tmp_path: Path) -> None:
    assert document_plan_date(en_plan) == date(2024, 3, 15)
    untitled = _plan(tmp_path, "p.txt", "Work Plan (2023-2025)\nFirst, tasks\nRevise the rules.\n")
    assert document_plan_date(untitled) == date(2023, 1, 1)


def test_seed_plan(seed_file: Path) -> None:
    tasks = extract_tasks(_load(seed_file))
    counts = Counter(t.part.split(",")[0] for t in tasks)
    assert counts == {
        "First": 7,
        "Two": 23,
        "Third": 34,
        "Fourth": 36,
        "Five": 36,
        "Six": 26,
        "Seven": 14,
    }
    # "the Opinions" after "(hereinafter referred to as "Opinions")" is the same document
    opinions = [t for t in tasks if "关于推进安全生产领域改革发展的意见" in t.laws]
    assert len(opinions) == 4
    law_on_work_safety = [t for t in tasks if "安全生产法" in t.laws]
    assert len(law_on_work_safety) == 1
