"""Department names: the packaged alias table, regions, lists, unknown names and spans."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.bodies.departments import DepartmentDirectory, DepartmentMention

DIRECTORY = DepartmentDirectory.default()


def dept_id(mention: DepartmentMention) -> str | None:
    return mention.department.id if mention.department else None


# --- the packaged table -----------------------------------------------------------------------


def test_the_table_ships_as_package_data() -> None:
    table = resources.files("nlp.data").joinpath("departments.json")
    assert table.is_file()
    data = json.loads(table.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    ids = [entry["id"] for entry in data["departments"]]
    assert len(ids) == len(set(ids)) >= 40


def test_default_is_compiled_once() -> None:
    assert DepartmentDirectory.default() is DepartmentDirectory.default()


@pytest.mark.parametrize(
    "stem",
    [
        "应急管理",
        "公安",
        "交通运输",
        "住房和城乡建设",
        "工业和信息化",
        "自然资源",
        "生态环境",
        "水利",
        "农业农村",
        "商务",
        "文化和旅游",
        "卫生健康",
        "市场监督管理",
        "国有资产监督管理",
        "财政",
        "人力资源和社会保障",
        "司法",
        "教育",
        "科技",
        "民政",
        "消防救援",
        "气象",
        "能源",
        "矿山安全监察",
        "铁路",
        "民航",
        "邮政管理",
        "林业和草原",
        "发展改革",
        "海事",
        "通信管理",
        "广播电视",
        "体育",
    ],
)
def test_every_function_of_a_division_plan_resolves_at_every_level(stem: str) -> None:
    ids = {dept_id(DIRECTORY.resolve(f"示例省{stem}{suffix}")) for suffix in ("厅", "局")}
    ids.add(dept_id(DIRECTORY.resolve(f"{stem}部门")))
    assert len(ids) == 1 and None not in ids


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("应急管理部", "emergency-management"),
        ("示例省应急管理厅", "emergency-management"),
        ("示例市应急管理局", "emergency-management"),
        ("安全生产监督管理局", "emergency-management"),  # the old name
        ("国家安全生产监督管理总局", "emergency-management"),
        ("安监局", "emergency-management"),
        ("Ministry of Emergency Management", "emergency-management"),
        ("the Ministry of Emergency Management", "emergency-management"),
        ("MEM", "emergency-management"),
        ("State Administration of Work Safety", "emergency-management"),
        ("国务院安全生产委员会", "work-safety-committee"),
        ("国务院安委会", "work-safety-committee"),
        ("State Council Work Safety Committee", "work-safety-committee"),
        ("Safety Committee", "work-safety-committee"),
        ("安全生产委员会办公室", "work-safety-committee-office"),
        ("安委会办公室", "work-safety-committee-office"),
        ("安委办", "work-safety-committee-office"),
        ("Office of the Exampleland Safety Committee", "work-safety-committee-office"),
        ("公安部", "public-security"),
        ("示例省公安厅", "public-security"),
        ("公安机关", "public-security"),
        ("MPS", "public-security"),
        ("Ministry of Public Security", "public-security"),
        ("公安交通管理部门", "public-security"),  # the traffic police, not transport
        ("SAMR", "market-regulation"),
        ("State Administration for Market Regulation", "market-regulation"),
        ("示例省市场监督管理局", "market-regulation"),
        ("工商行政管理部门", "market-regulation"),
        ("特种设备安全监督管理部门", "market-regulation"),
        ("Ministry of Housing and Urban-Rural Development", "housing-urban-rural-development"),
        ("示例省住房和城乡建设厅", "housing-urban-rural-development"),
        ("住建局", "housing-urban-rural-development"),
        ("the Ministry of Industry and Information Technology", "industry-information-technology"),
        ("工信部", "industry-information-technology"),
        ("National Development and Reform Commission", "development-reform"),
        ("发改委", "development-reform"),
        ("示例省卫生健康委员会", "health"),
        ("卫健委", "health"),
        ("示例省国有资产监督管理委员会", "state-owned-assets"),
        ("国资委", "state-owned-assets"),
        ("示例省委机构编制委员会办公室", "establishment-office"),
        ("编办", "establishment-office"),
        ("示例省消防救援总队", "fire-rescue"),
        ("国家矿山安全监察局", "mine-safety"),
        ("煤矿安全监察机构", "mine-safety"),
        ("示例省总工会", "trade-union"),
        ("共青团示例省委", None),  # the league's own word order is not in the table
        ("团省委", "youth-league"),
        ("示例省妇联", "womens-federation"),
        ("示例省高级人民法院", "court"),
        ("示例省人民检察院", "procuratorate"),
        ("示例海事局", "maritime"),
        ("宁波海关", "customs"),
        ("海关总署", "customs"),
        ("示例省通信管理局", "communications-administration"),
        ("省委宣传部", "publicity-department"),
        ("示例省人民政府", "government"),
        ("provincial governments", "government"),
        ("Local governments at or above the county level", "government"),
        ("the Ministry of Justice", "justice"),
        ("Ministry of Finance", "finance"),
        ("the public security organs", "public-security"),
        ("Local emergency management departments", "emergency-management"),
        ("示例省人民代表大会常务委员会法制工作委员会", "npc-legislative-affairs"),
    ],
)
def test_resolve_normalises_names(name: str, expected: str | None) -> None:
    assert dept_id(DIRECTORY.resolve(name)) == expected


def test_committee_and_its_office_are_distinct_entries() -> None:
    ids = {
        dept_id(DIRECTORY.resolve(n)) for n in ("国务院安委会", "安委办", "应急管理部", "安委会")
    }
    assert ids == {"work-safety-committee", "work-safety-committee-office", "emergency-management"}


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("示例省应急管理厅", "示例省"),
        ("省应急管理厅", "省"),
        ("市应急管理局", "市"),
        ("县应急管理局", "县"),
        ("浙江省应急管理厅", "浙江省"),
        ("黑龙江省应急管理厅", "黑龙江省"),
        ("示例省示例市应急管理局", "示例省示例市"),
        ("县级以上地方人民政府", "县级以上地方"),
        ("国务院安委会", "国务院"),
        ("应急管理部", ""),
        ("provincial governments", "provincial"),
        ("the Exampleland Safety Committee", "Exampleland"),
        ("Office of the Exampleland Safety Committee", "Exampleland"),
        ("Local emergency management departments", "Local"),
        ("the Ministry of Justice", ""),
    ],
)
def test_region_prefixes_are_recorded_apart(name: str, region: str) -> None:
    mention = DIRECTORY.resolve(name)
    assert mention.department is not None
    assert mention.region == region
    assert mention.text == name


def test_regions_do_not_split_one_department_into_two() -> None:
    a = DIRECTORY.resolve("示例省应急管理厅")
    b = DIRECTORY.resolve("另一市应急管理局")
    assert a.department == b.department
    assert (a.region, b.region) == ("示例省", "另一市")


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("示例省大数据发展中心", "示例省"),
        ("示例省安全生产委员会各有关成员单位", "示例省"),
        ("各有关部门", ""),
        ("Ministry of Magic", ""),
        ("the provincial Lighthouse Service", "provincial"),
        ("the Exampleland Lighthouse Service", ""),
        ("某某协会", ""),
    ],
)
def test_unknown_names_are_flagged_not_dropped(name: str, region: str) -> None:
    mention = DIRECTORY.resolve(name)
    assert mention.department is None
    assert not mention.is_known
    assert mention.text == name
    assert mention.region == region


def test_resolve_sets_aside_a_bracketed_note_and_punctuation() -> None:
    mention = DIRECTORY.resolve(" 示例省应急管理厅（牵头）；")
    assert dept_id(mention) == "emergency-management"
    assert mention.text == "示例省应急管理厅（牵头）"
    assert mention.span == (1, 13)


# --- lists -------------------------------------------------------------------------------------

SPLITS = [
    ("示例省应急管理厅、示例省司法厅", ["示例省应急管理厅", "示例省司法厅"]),
    (
        "示例省应急管理厅，示例省司法厅；示例省财政厅",
        ["示例省应急管理厅", "示例省司法厅", "示例省财政厅"],
    ),
    (
        "示例省住房和城乡建设厅、示例省工业和信息化厅",
        ["示例省住房和城乡建设厅", "示例省工业和信息化厅"],
    ),
    ("省应急管理厅 省公安厅", ["省应急管理厅", "省公安厅"]),
    ("应急管理、公安等部门", ["应急管理", "公安等部门"]),
    ("A, B and C", ["A", "B", "C"]),
    ("A, B, and C", ["A", "B", "C"]),
    ("A; B", ["A", "B"]),
    (
        "the Ministry of Emergency Management and the Ministry of Transport",
        ["the Ministry of Emergency Management", "the Ministry of Transport"],
    ),
    (
        "the Ministry of Housing and Urban-Rural Development, the Ministry of Industry and "
        "Information Technology and MEM",
        [
            "the Ministry of Housing and Urban-Rural Development",
            "the Ministry of Industry and Information Technology",
            "MEM",
        ],
    ),
    (
        "Ministry of Human Resources and Social Security",
        ["Ministry of Human Resources and Social Security"],
    ),
    ("", []),
    ("、，", []),
]


@pytest.mark.parametrize(("names", "items"), SPLITS)
def test_split(names: str, items: list[str]) -> None:
    assert DIRECTORY.split(names) == items


def test_resolve_list_resolves_each_item_with_spans_into_the_list() -> None:
    names = "示例省应急管理厅、示例省大数据管理中心、MEM and the Ministry of Justice"
    mentions = DIRECTORY.resolve_list(names)
    assert [dept_id(m) for m in mentions] == [
        "emergency-management",
        None,
        "emergency-management",
        "justice",
    ]
    for m in mentions:
        assert names[m.span[0] : m.span[1]] == m.text


def test_resolve_list_resolves_a_bare_enumeration() -> None:
    mentions = DIRECTORY.resolve_list("应急管理、公安、交通运输等部门")
    assert [dept_id(m) for m in mentions] == [
        "emergency-management",
        "public-security",
        "transport",
    ]


# --- running text -------------------------------------------------------------------------------

FIND = [
    (
        "（牵头单位：示例省应急管理厅；配合单位：示例省委机构编制委员会办公室、示例省司法厅；完成时限：2024年6月底前）",
        [
            ("示例省应急管理厅", "emergency-management", "示例省"),
            ("示例省委机构编制委员会办公室", "establishment-office", "示例省委"),
            ("示例省司法厅", "justice", "示例省"),
        ],
    ),
    (
        "（牵头单位：示例省应急管理厅；配合单位：示例省大数据管理局、示例省数字档案馆管理局）",
        [
            ("示例省应急管理厅", "emergency-management", "示例省"),
            ("示例省大数据管理局", "big-data", "示例省"),
            ("示例省数字档案馆管理局", None, "示例省"),
        ],
    ),
    (
        "县级以上人民政府应急管理部门会同公安机关开展检查",
        [
            ("县级以上人民政府应急管理部门", "emergency-management", "县级以上人民政府"),
            ("公安机关", "public-security", ""),
        ],
    ),
    (
        "The Ministry of Housing and Urban-Rural Development should lead the rectification, with the "
        "cooperation of the Ministry of Emergency Management and the Ministry of Transport.",
        [
            (
                "The Ministry of Housing and Urban-Rural Development",
                "housing-urban-rural-development",
                "",
            ),
            ("the Ministry of Emergency Management", "emergency-management", ""),
            ("the Ministry of Transport", "transport", ""),
        ],
    ),
    (
        "report the results to the Office of the Exampleland Safety Committee, copied to MEM and SAMR",
        [
            (
                "the Office of the Exampleland Safety Committee",
                "work-safety-committee-office",
                "Exampleland",
            ),
            ("MEM", "emergency-management", ""),
            ("SAMR", "market-regulation", ""),
        ],
    ),
    (
        "with the cooperation of the Ministry of Magic and the Exampleland Bureau of Lighthouses",
        [
            ("the Ministry of Magic", None, ""),
            ("the Exampleland Bureau", None, ""),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), FIND)
def test_find_names_bodies_in_order(text: str, expected: list[tuple]) -> None:
    found = DIRECTORY.find(text)
    assert [(m.text, dept_id(m), m.region) for m in found] == expected
    for m in found:
        assert text[m.span[0] : m.span[1]] == m.text


@pytest.mark.parametrize(
    "text",
    [
        "示安委办〔2024〕3号",  # a document number, not the office
        "new business forms such as instant delivery, energy storage stations and sports venues",
        "财政资金的使用和教育培训机构的建设",
        "Mem and mps in lower case are no abbreviations.",
    ],
)
def test_find_skips_what_only_looks_like_a_body(text: str) -> None:
    assert DIRECTORY.find(text) == []


def test_find_resolves_an_enumeration_before_one_shared_word() -> None:
    text = "会同应急管理、公安、住房和城乡建设等部门开展检查"
    found = DIRECTORY.find(text)
    assert [(m.text, dept_id(m)) for m in found] == [
        ("应急管理", "emergency-management"),
        ("公安", "public-security"),
        ("住房和城乡建设", "housing-urban-rural-development"),
    ]
    for m in found:
        assert text[m.span[0] : m.span[1]] == m.text


@pytest.mark.parametrize(
    "text",
    [
        "建设单位应当组织验收",  # the project's owner, not the construction department
        "由医疗卫生机构诊断",  # hospitals, not the health department
        "教育机构、养老机构",
    ],
)
def test_find_leaves_function_words_that_name_no_department(text: str) -> None:
    assert DIRECTORY.find(text) == []


def test_find_keeps_a_verb_out_of_the_region() -> None:
    (mention,) = DIRECTORY.find("督促示例省应急管理厅落实")
    assert (mention.text, mention.region) == ("示例省应急管理厅", "示例省")
    (bare,) = DIRECTORY.find("办法由市人民政府制定")
    assert bare.region == "市"


# --- a user's own table -------------------------------------------------------------------------


def test_from_file_reads_a_users_table(tmp_path: Path) -> None:
    table = {
        "schema_version": 1,
        "suffixes_zh": ["局"],
        "templates_en": ["{} bureau"],
        "departments": [
            {
                "id": "lighthouses",
                "name_zh": "灯塔管理部门",
                "name_en": "Lighthouses",
                "stems_zh": ["灯塔管理"],
                "aliases_en": ["lighthouse service"],
                "stems_en": ["lighthouse"],
                "abbreviations": ["LHS"],
            }
        ],
    }
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    directory = DepartmentDirectory.from_file(path)
    assert [
        dept_id(directory.resolve(n)) for n in ("示例省灯塔管理局", "the Lighthouse Bureau", "LHS")
    ] == ["lighthouses"] * 3
    assert directory.resolve("应急管理厅").department is None  # only the user's table counts


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"schema_version": 2, "departments": []}', "schema_version"),
        ('{"schema_version": 1, "departments": [{"id": "x", "name_zh": "某"}]}', "name_en"),
        ("[1, 2]", "JSON object"),
        ("{not json", "not JSON"),
    ],
)
def test_from_file_rejects_a_bad_table(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        DepartmentDirectory.from_file(path)


# --- properties ---------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "示例省",
        "应急管理厅",
        "公安",
        "局",
        "、",
        "，",
        "国务院",
        "安委会",
        "安委办",
        "县级以上",
        "人民政府",
        "大数据中心",
        "办公室",
        "the ",
        "Ministry of ",
        "Emergency Management",
        "Magic",
        " and ",
        ", ",
        "MEM",
        "SAMR",
        "Exampleland ",
        "Safety Committee",
        "的",
        "督促",
        "〔2024〕",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=10).map("".join))
def test_find_spans_point_at_the_text(text: str) -> None:
    previous_end = 0
    for m in DIRECTORY.find(text):
        assert text[m.span[0] : m.span[1]] == m.text
        assert m.span[0] >= previous_end
        previous_end = m.span[1]
        assert m.region in m.text or m.region == ""


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=10).map("".join))
def test_resolve_list_spans_point_at_the_list(names: str) -> None:
    for m in DIRECTORY.resolve_list(names):
        assert names[m.span[0] : m.span[1]] == m.text
        assert m.text.strip() == m.text and m.text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_find_and_resolve_never_raise(text: str) -> None:
    for m in DIRECTORY.find(text):
        assert text[m.span[0] : m.span[1]] == m.text
    DIRECTORY.resolve(text)
    DIRECTORY.resolve_list(text)
