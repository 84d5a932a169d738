"""A fine the upper law permits made mandatory, and a fine told as a share of a cost or value
(issue 16). The article texts are invented for these tests."""

from __future__ import annotations

from nlp.legal.quantities import find_quantities
from nlp.review.checks import compare_articles

UPPER_MAY = (
    "第三十条 违反本法规定，擅自砍伐行道树的，由园林主管部门责令补种，"
    "可以处一千元以上一万元以下的罚款。"
)


def _codes(local: str, upper: str) -> list[str]:
    return [issue.code for issue in compare_articles(local, upper)]


def test_a_permitted_fine_made_mandatory_is_found() -> None:
    local = "第十八条 擅自砍伐行道树的，由园林主管部门责令补种，处一千元以上一万元以下的罚款。"
    assert _codes(local, UPPER_MAY) == ["CHECK_FINE_MANDATORY"]


def test_a_fine_left_open_or_due_on_a_further_condition_is_not() -> None:
    kept = "第十八条 擅自砍伐行道树的，由园林主管部门责令补种，可以处一千元以上一万元以下的罚款。"
    assert "CHECK_FINE_MANDATORY" not in _codes(kept, UPPER_MAY)
    # a fine due only when the order is not obeyed narrows when it is due: the local rule's
    later = (
        "第十八条 擅自砍伐行道树的，由园林主管部门责令补种；拒不补种的，"
        "处一千元以上一万元以下的罚款。"
    )
    assert "CHECK_FINE_MANDATORY" not in _codes(later, UPPER_MAY)
    # an upper fine that is mandatory already
    upper = UPPER_MAY.replace("可以处", "处")
    local = "第十八条 擅自砍伐行道树的，由园林主管部门责令补种，处一千元以上一万元以下的罚款。"
    assert "CHECK_FINE_MANDATORY" not in _codes(local, upper)


def test_a_fine_as_a_share_of_a_cost_is_read_and_compared() -> None:
    [q] = find_quantities("对施工单位处绿化工程造价百分之三以上百分之六以下的罚款。")
    assert (q.kind, q.low, q.high) == ("value_share", 3.0, 6.0)
    # a share that is no fine is a plain percentage
    [p] = find_quantities("绿地率不得低于工程用地面积的百分之三十。")
    assert p.kind == "percentage"
    upper = (
        "第四十一条 施工单位未按照设计方案施工的，责令改正，"
        "处绿化工程造价百分之三以上百分之六以下的罚款。"
    )
    raised = (
        "第二十五条 施工单位未按照设计方案施工的，责令改正，"
        "处绿化工程造价百分之三以上百分之十以下的罚款。"
    )
    same = raised.replace("百分之十", "百分之六")
    assert _codes(raised, upper) == ["CHECK_FINE_VALUE_SHARE"]
    assert "CHECK_FINE_VALUE_SHARE" not in _codes(same, upper)
