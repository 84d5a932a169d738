"""Competence clauses of a department named by its line ("城乡规划主管部门", "价格主管部门")."""

from nlp.review.competence import competence_issues


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
