"""Two modal words are compared only when they bind the same act (issue 16): a shared object with
another verb, a clause another modal word governs, a permission only once a condition is met,
and a ban lifted in some case. The article texts are invented for these tests."""

from __future__ import annotations

from nlp.review.checks import compare_articles
from nlp.review.findings import CODES, Issue


def codes(issues: list[Issue]) -> list[str]:
    return [i.code for i in issues]


def test_a_right_to_inspect_a_plan_is_not_the_duty_to_obey_it() -> None:
    upper = "第八条 任何单位和个人都应当遵守经依法批准并公布的绿地系统规划。"
    local = "第十条 任何单位和个人可以依法查阅经批准的绿地系统规划。"
    assert "CHECK_MODALITY" not in codes(compare_articles(local, upper))


def test_drafting_a_plan_is_not_submitting_it() -> None:
    upper = "第三十条 需要建设单位编制园林景观方案的项目，还应当提交园林景观方案。"
    local = "第十二条 为了落实绿地系统规划，可以编制园林景观方案。"
    assert "CHECK_MODALITY" not in codes(compare_articles(local, upper))


def test_a_right_is_not_set_against_the_duty_before_it_in_one_sentence() -> None:
    upper = (
        "第九条 任何单位和个人都应当遵守经批准的绿地系统规划，服从绿化管理，并有权就涉及其"
        "利害关系的绿化活动是否符合规划向园林主管部门查询。"
    )
    local = (
        "第四十条 任何单位和个人都有权对绿地系统规划的实施提出意见，就涉及其利害关系的绿化"
        "活动是否符合规划向园林主管部门查询。"
    )
    assert "CHECK_MODALITY" not in codes(compare_articles(local, upper))


def test_only_then_may_binds_as_a_duty_does() -> None:
    upper = "第二十条 从事测绘活动的单位，取得相应等级的资质证书后，方可在资质许可的范围内从事测绘活动。"
    local = "第十六条 从事测绘活动的单位，应当在资质许可的范围内从事测绘活动。"
    assert "CHECK_MODALITY" not in codes(compare_articles(local, upper))


def test_a_ban_opening_with_a_place_is_read_by_the_verb_after_it() -> None:
    upper = "第二十五条 河道主管部门不得在采砂许可证中，擅自改变经批准的开采范围。"
    local = "第十四条 经审查合格的，河道主管部门应当在采砂许可证中载明开采范围和期限。"
    assert "CHECK_MODALITY" not in codes(compare_articles(local, upper))


def test_a_duty_made_optional_is_still_found() -> None:
    upper = "第七条 河道主管部门应当定期公布采砂许可的审查结果。"
    local = "第九条 河道主管部门可以定期公布采砂许可的审查结果。"
    assert codes(compare_articles(local, upper)) == ["CHECK_MODALITY"]


def test_a_ban_turned_into_a_leave_is_still_a_changed_word() -> None:
    upper = "第十一条 采砂船舶不得在禁采期内进入禁采区作业。"
    local = "第八条 采砂船舶可以在禁采期内进入禁采区作业。"
    assert codes(compare_articles(local, upper)) == ["CHECK_MODALITY"]


UPPER_BAN = "第二十条 河道主管部门不得在河道采砂规划确定的可采区以外核发采砂许可证。"
LOCAL_EXCEPTION = (
    "第十五条 河道主管部门应当在河道采砂规划确定的可采区内，依法核发采砂许可证。\n"
    "因防洪工程建设需要在可采区以外采砂的，由省人民政府水行政主管部门组织专家论证，"
    "经论证同意的，方可核发采砂许可证。"
)


def test_a_ban_lifted_in_some_case_is_an_exception_not_a_changed_word() -> None:
    issues = compare_articles(LOCAL_EXCEPTION, UPPER_BAN)
    assert codes(issues) == ["CHECK_BAN_EXCEPTION"]
    issue = issues[0]
    assert issue.severity == "warning"
    assert "因防洪工程建设需要在可采区以外采砂的" in issue.message
    assert [LOCAL_EXCEPTION[s:e] for s, e in issue.local_marks] == ["方可"]
    assert [UPPER_BAN[s:e] for s, e in issue.upper_marks] == ["不得"]
    assert "CHECK_BAN_EXCEPTION" in CODES


def test_a_ban_on_doing_it_unapproved_has_no_exception_in_an_approval() -> None:
    upper = "第二十二条 任何单位和个人不得擅自改变绿地的使用性质。"
    local = "第十八条 因城市基础设施建设确需改变绿地使用性质的，经市人民政府批准，可以改变绿地的使用性质。"
    assert "CHECK_BAN_EXCEPTION" not in codes(compare_articles(local, upper))


def test_the_upper_laws_own_exception_restated_is_no_exception() -> None:
    upper = "第十三条 禁止在饮用水水源保护区内设置排污口。但是，经省人民政府批准的应急排放口除外。"
    local = "第十条 经省人民政府批准的应急排放口，方可在饮用水水源保护区内设置排污口。"
    assert "CHECK_BAN_EXCEPTION" not in codes(compare_articles(local, upper))


def test_a_duty_said_once_a_term_is_still_the_same_duty() -> None:
    upper = "第五十条 地方各级人民政府应当向本级人民代表大会常务委员会报告绿化工作的情况。"
    local = (
        "第三十一条 市人民政府应当每届至少两次向本级人民代表大会常务委员会报告绿化工作的情况。\n"
        "乡镇人民政府应当向本级人民代表大会报告绿化工作的情况。"
    )
    assert "CHECK_DUTY_BODY" not in codes(compare_articles(local, upper))


def test_two_verbs_of_one_act_are_one_act() -> None:
    upper = "第二十条 监测站网的建设，应当遵守法律、法规和国家有关标准，保证建设质量。"
    local = "第九条 专用监测站网的建设可以符合国家标准、行业标准，保证建设质量。"
    assert codes(compare_articles(local, upper)) == ["CHECK_MODALITY"]


def test_a_framing_verb_before_its_object_is_not_the_act() -> None:
    upper = "第三十四条 各级主管机构应当组织对重大建设项目进行环境可行性论证。"
    local = "第三十五条 县级以上主管机构可以依法开展对重大建设项目的环境可行性论证。"
    assert codes(compare_articles(local, upper)) == ["CHECK_MODALITY"]


def test_one_rule_said_with_another_first_verb_is_still_paired() -> None:
    upper = "第二十条 经营者应当采取技术措施和其他必要措施，确保会员资料安全，防止会员个人资料泄露、丢失。"
    local = (
        "第十八条 经营者可以建立健全资料保密制度，确保会员资料安全，防止会员个人资料泄露、丢失。"
    )
    assert codes(compare_articles(local, upper)) == ["CHECK_MODALITY"]


def test_a_short_duty_said_with_the_same_rest_of_its_sentence_is_the_same_rule() -> None:
    """ "当事人应当予以支持、协助，不得妨碍" made "可以支持、协助，不得妨碍": the predicate is
    short and the clauses before the party differ, but the party and the rest of the sentence
    past the later 不得 are the same words."""
    upper = (
        "第四十一条 负责抽检的机构、承担复检任务的机构依照前两款规定开展检验时，当事人"
        "应当予以支持、协助，不得妨碍。"
    )
    local = "第二十二条 质量监督部门实施抽样时，当事人可以支持、协助，不得妨碍。"
    kept = "第二十二条 质量监督部门实施抽样时，当事人应当支持、协助，不得妨碍。"
    assert codes(compare_articles(local, upper)) == ["CHECK_MODALITY"]
    assert "CHECK_MODALITY" not in codes(compare_articles(kept, upper))
    # the same short words followed by another rule are not read as the same sentence
    other = "第二十二条 质量监督部门实施抽样时，当事人可以支持、协助，并提出改进意见。"
    assert "CHECK_MODALITY" not in codes(compare_articles(other, upper))
