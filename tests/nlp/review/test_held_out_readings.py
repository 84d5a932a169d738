"""Forms the hand readings of issue 16's held_out_2 and held_out_3 found read wrongly: the matters
the State manages left out of a local rule, a consequence named after a breached article, a
province's duty for its own area, a competence told with "按照规定的权限，负责", a time limit
counted from a notice told in other words."""

from __future__ import annotations

from nlp.review.checks import compare_articles
from nlp.review.competence import competence_issues
from nlp.review.engine import review_texts
from nlp.review.findings import Article
from nlp.review.scope import scope_issues
from nlp.review.single_text import article_number
from nlp.review.xref import xref_issues


def _codes(local: str, upper: str) -> list[str]:
    return [issue.code for issue in compare_articles(local, upper)]


UPPER_SCOPE = [
    Article(
        "第二条",
        "第二条 在中华人民共和国领域内开发、利用、节约、保护、管理水资源，防治水害，适用本法。",
    )
]


def _scope(text: str) -> list[str]:
    return [
        issue.code for _, _, issue in scope_issues([Article("第二条", text)], UPPER_SCOPE, True)
    ]


def test_matters_the_state_manages_are_not_a_narrowed_scope() -> None:
    state = "第二条 在本省行政区域内开发、利用水资源，应当遵守本办法。\n在本省行政区域内国家管理的水事事项，不适用本办法。"
    assert _scope(state) == []
    # a class of users left out is still a narrowed scope
    users = "第二条 在本省行政区域内开发、利用水资源，应当遵守本办法。\n农村集体经济组织的水塘，不适用本办法。"
    assert _scope(users) == ["CHECK_SCOPE_NARROWED"]


def _xref(articles: list[tuple[str, str]]) -> list[str]:
    numbers = [article_number(n, t) for n, t in articles]
    return [issue.code for _, issue in xref_issues(articles, numbers, True)]


def test_a_consequence_after_a_breached_article_is_not_its_conduct() -> None:
    ban = ("第二十条", "第二十条 禁止毁林开垦和毁林采石、采砂、采土以及其他毁林行为。")
    other = ("第二十一条", "第二十一条 林业主管部门应当建立林地档案，定期公布林地变化情况。")
    consequence = (
        "第三十条",
        "第三十条 违反本条例第二十条的规定，造成林地破坏或损失的，处以赔偿费一倍至二倍的罚款。",
    )
    assert _xref([ban, other, consequence]) == []
    conduct = (
        "第三十条",
        "第三十条 违反本条例第二十一条的规定，擅自采挖野生植物造成破坏的，处一千元以上罚款。",
    )
    assert _xref([ban, other, conduct]) == ["CHECK_XREF_TOPIC"]


def test_a_provinces_duty_for_its_own_area_restates_the_state_councils() -> None:
    upper = (
        "第三十条 国务院地震工作主管部门根据地震活动趋势和震害预测结果，提出确定地震重点监视"
        "防御区的意见，报国务院批准。"
    )
    local = (
        "第十三条 省地震重点监视防御区由省人民政府地震工作主管部门根据地震活动趋势和震害预测"
        "结果提出，报省人民政府批准。"
    )
    assert "CHECK_DUTY_BODY" not in _codes(local, upper)
    national = "第三十二条 国务院气象主管机构负责全国气候资源的综合调查、区划工作。"
    own = "第三十三条 县级以上人民政府负责本行政区域内气候资源的综合调查、区划工作。"
    assert competence_issues(own, national, True) == []
    # another department in its place is still a moved duty
    moved = "第三十三条 县级以上人民政府商务主管部门负责本行政区域内气候资源的综合调查、区划工作。"
    upper_dept = (
        "第三十二条 县级以上人民政府气象主管机构负责本行政区域内气候资源的综合调查、区划工作。"
    )
    assert [i.code for i in competence_issues(moved, upper_dept, True)] == ["CHECK_DUTY_BODY"]


UPPER_WATER = (
    "第十二条 国家对水资源实行流域管理与行政区域管理相结合的管理体制。\n"
    "国务院水行政主管部门负责全国水资源的统一管理和监督工作。\n"
    "县级以上地方人民政府水行政主管部门按照规定的权限，负责本行政区域内水资源的统一管理和监督工作。"
)


def test_a_competence_told_within_its_powers_is_read() -> None:
    same = "第四条 市、区县人民政府水行政主管部门负责本行政区域的水资源管理和监督工作。"
    other = "第四条 市、区县人民政府商务主管部门负责本行政区域的水资源管理和监督工作。"
    assert competence_issues(same, UPPER_WATER, True) == []
    assert [i.code for i in competence_issues(other, UPPER_WATER, True)] == ["CHECK_DUTY_BODY"]


UPPER_DISPUTE = (
    "第二十二条 单位之间发生的林木、林地所有权和使用权争议，由县级以上人民政府依法处理。\n"
    "当事人对有关人民政府的处理决定不服的，可以自接到处理决定通知之日起三十日内，向人民法院起诉。"
)


def test_a_limit_counted_from_a_notice_told_in_other_words_is_compared() -> None:
    local = (
        "第八条 单位之间发生的林木、林地所有权和使用权争议，由县人民政府处理。\n"
        "当事人对人民政府作出的确权决定不服的，可以在接到确权决定之日起{}内向人民法院提起行政诉讼。"
    )
    assert "CHECK_TIME_LIMIT" not in _codes(local.format("一个月"), UPPER_DISPUTE)
    assert "CHECK_TIME_LIMIT" in _codes(local.format("两个月"), UPPER_DISPUTE)


def test_a_text_naming_no_law_is_held_apart_from_a_law_of_another_matter() -> None:
    from nlp.review.engine import BASIS_MIN, BASIS_UNDECLARED_MIN, _basis_floor

    local = [
        Article(
            "第一条",
            "第一条 为了加强气象工作，防御和减轻气象灾害，根据国家有关法律、法规，结合本市实际，"
            "制定本条例。",
        )
    ]
    floor = _basis_floor(local, "中华人民共和国水土保持法", "重庆市气象条例")
    assert floor == BASIS_UNDECLARED_MIN
    assert _basis_floor(local, "中华人民共和国气象法", "重庆市气象条例") == BASIS_MIN
    # a title that says too little ("水法") tells nothing either way
    assert _basis_floor(local, "中华人民共和国水法", "某市节约用水条例") == BASIS_MIN


UPPER_FINE = (
    "第一百二十二条",
    "第一百二十二条 违反本法规定，未取得食品生产经营许可从事食品生产经营活动，或者未取得食品添加剂"
    "生产许可从事食品添加剂生产活动的，由县级以上人民政府食品安全监督管理部门没收违法所得和违法"
    "生产经营的食品，并处五万元以上十万元以下罚款。",
)
LEFT_TO_PROVINCES = (
    "第一百二十七条",
    "第一百二十七条 对食品生产加工小作坊、食品摊贩等的违法行为的处罚，依照省、自治区、直辖市制定的"
    "具体管理办法执行。",
)
LOCAL_FINE = [
    (
        "第四十五条",
        "第四十五条 违反本条例规定，未取得食品生产经营许可从事食品生产经营活动的，由县级以上人民政府"
        "食品安全监督管理部门没收违法所得和违法生产经营的食品，并处五千元以上三万元以下罚款。",
    )
]


def _fines(upper: list[tuple[str, str]], title: str) -> list[str]:
    run = review_texts(LOCAL_FINE, upper, upper_title="中华人民共和国食品安全法", local_title=title)
    return [f.code for f in run.findings]


def test_fines_for_a_class_left_to_the_provinces_are_not_held_to_national_amounts() -> None:
    workshops = "某省食品生产加工小作坊和食品摊贩管理条例"
    assert _fines([UPPER_FINE, LEFT_TO_PROVINCES], workshops) == []
    # a rule for every food business is still held to them, and so is the class where the
    # upper law leaves nothing to the provinces
    assert _fines([UPPER_FINE, LEFT_TO_PROVINCES], "某省食品安全条例") == ["CHECK_FINE_RANGE"]
    assert _fines([UPPER_FINE], workshops) == ["CHECK_FINE_RANGE"]


def test_a_matter_given_to_several_upper_bodies_may_go_to_any_of_them() -> None:
    upper = (
        "第五条 国务院建设主管部门负责全国的燃气管理工作。\n"
        "县级以上地方人民政府燃气管理部门负责本行政区域内的燃气管理工作。"
    )
    local = "第五条 市人民政府城市管理部门负责本行政区域内的燃气管理工作。"
    assert competence_issues(local, upper, True) == []


def test_unnamed_departments_are_no_body_of_another_kind() -> None:
    upper = (
        "第十条 国务院管理节能工作的部门主管全国的节能监督管理工作。国务院建设主管部门负责全国"
        "建筑节能的监督管理工作。"
    )
    local = "第七条 县级以上人民政府有关部门在各自职责范围内负责建筑节能的监督管理工作。"
    assert competence_issues(local, upper, True) == []
