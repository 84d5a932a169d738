"""Competence clauses of a department named by its line ("城乡规划主管部门", "价格主管部门")."""

from nlp.review.competence import competence_issues, competence_lookups


def test_department_named_by_its_line_is_compared() -> None:
    """ "城乡规划主管部门" and "价格主管部门" are known lines: another line put in their place is found."""
    upper = (
        "第十一条 国务院城乡规划主管部门负责全国的城乡规划管理工作。\n"
        "县级以上地方人民政府城乡规划主管部门负责本行政区域内的城乡规划管理工作。"
    )
    moved = "第七条 省城乡规划主管部门负责全省城乡规划管理工作。\n城市、县商务主管部门负责本行政区域内的城乡规划管理工作。"
    kept = "第七条 省城乡规划主管部门负责全省城乡规划管理工作。\n城市、县城乡规划主管部门负责本行政区域内的城乡规划管理工作。"
    assert [i.code for i in competence_issues(moved, upper, True)] == ["CHECK_DUTY_BODY"]
    assert competence_issues(kept, upper, True) == []
    price = "第五条 县级以上地方各级人民政府价格主管部门负责本行政区域内的价格工作。"
    assert competence_issues(
        "第四条 市人民政府商务主管部门负责本行政区域内的价格工作。", price, True
    )
    assert not competence_issues(
        "第四条 市人民政府发展改革部门负责本行政区域内的价格工作。", price, True
    )


def test_patent_administration_is_a_known_line_merged_with_market_regulation() -> None:
    """ "专利行政部门" and "管理专利工作的部门" are one line (知识产权); another line in its place
    is found, and a market-regulation department (the 2018 reform merged the two) agrees."""
    upper = (
        "第五条 国务院专利行政部门负责全国专利纠纷的调处工作。\n"
        "地方人民政府管理专利工作的部门负责本行政区域内专利纠纷的调处工作。"
    )
    moved = "第九条 市人民政府文化和旅游部门负责本行政区域内专利纠纷的调处工作。"
    kept = "第九条 市人民政府知识产权局负责本行政区域内专利纠纷的调处工作。"
    merged = "第九条 市市场监督管理部门负责本行政区域内专利纠纷的调处工作。"
    assert [i.code for i in competence_issues(moved, upper, True)] == ["CHECK_DUTY_BODY"]
    assert competence_issues(kept, upper, True) == []
    assert competence_issues(merged, upper, True) == []


_WHOLE_FIELD = [
    "第一条 为了保护发明创造，制定本法。",
    "第三条 国务院专利行政部门负责管理全国的专利工作。\n"
    "省、自治区、直辖市人民政府管理专利工作的部门负责本行政区域内的专利管理工作。",
    "第九条 冒充专利的，由负责专利执法的部门责令改正，可以处五万元以下的罚款。",
]


def test_a_matter_within_a_field_given_wholly_to_one_line_is_compared_with_it() -> None:
    """A local clause on a matter within the field ("查处冒充专利的行为") that the upper law gives
    wholly to one line names another line: found against the clause for its own level."""
    moved = "第十二条 县级以上人民政府商务部门负责查处本行政区域内冒充专利的行为。"
    kept = "第十二条 县级以上人民政府专利行政部门负责查处本行政区域内冒充专利的行为。"
    found = list(competence_lookups([moved], _WHOLE_FIELD, True))
    assert [(i, j, issue.code) for i, j, issue in found] == [(0, 1, "CHECK_DUTY_BODY")]
    assert "省、自治区、直辖市人民政府" in found[0][2].message  # the clause for its own level
    assert list(competence_lookups([kept], _WHOLE_FIELD, True)) == []
    # where the upper law shares the field among lines, a matter within it may lie with any
    shared = list(_WHOLE_FIELD)
    shared[1] += "\n国务院有关部门在各自的职责范围内负责专利保护相关工作。"
    assert list(competence_lookups([moved], shared, True)) == []
