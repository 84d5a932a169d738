"""The checks added for other legal domains: cross-references about other conduct, narrowed
scope, competent bodies, fines paired by conduct, time limits in list items."""

from __future__ import annotations

from nlp.legal.quantities import Quantity, find_quantities
from nlp.review.checks import compare_articles
from nlp.review.competence import competence_lookups
from nlp.review.conduct import fine_conduct_match
from nlp.review.findings import CODES, Article, capped
from nlp.review.quantity_checks import TIME_RULE, _rule_likeness
from nlp.review.scope import scope_issues
from nlp.review.single_text import article_number
from nlp.review.xref import xref_issues

# A short gas rule: 第三条 record keeping, 第四条 warning signs, 第五条 the penalty for the latter.
GAS_RULE = [
    ("第一条", "第一条 为了加强燃气管理，保障燃气供应，制定本条例。"),
    ("第二条", "第二条 本市行政区域内燃气的经营、使用和燃气设施的保护，适用本条例。"),
    (
        "第三条",
        "第三条 燃气经营者应当建立用户档案，如实记录用户的用气地址和燃气设施的安装情况。",
    ),
    (
        "第四条",
        "第四条 燃气经营者应当在燃气设施保护范围内设置明显的安全警示标志。\n"
        "任何单位和个人不得毁损、覆盖、移动燃气安全警示标志。",
    ),
    (
        "第五条",
        "第五条 违反本条例第四条规定，燃气经营者未在保护范围内设置明显安全警示标志的，"
        "由燃气主管部门责令限期改正，处一万元以上五万元以下罚款。",
    ),
]


# Other articles, as a real rule has: a word in more than a tenth of the articles is the text's
# subject, not a telling word of one conduct, so a five-article text says too little.
FILLER = [
    (f"第{n}条", f"第{n}条 {topic}")
    for n, topic in zip(
        "六七八九十",
        (
            "市人民政府应当将燃气事业纳入国民经济和社会发展规划。",
            "鼓励开发利用清洁能源，推广使用节能环保的燃气器具。",
            "燃气经营实行许可证制度，许可证由主管部门依法核发。",
            "燃气价格依法实行政府定价或者政府指导价。",
            "瓶装燃气应当使用符合国家标准的钢瓶并定期检验。",
        ),
        strict=True,
    )
] + [
    (f"第十{d}条", f"第十{d}条 本条例自{d}月起施行的过渡事项，由市人民政府另行公布。")
    for d in "一二三四五六七八九"
]


def _xrefs(articles: list[tuple[str, str]]) -> list[tuple[str, str]]:
    articles = [*articles, *FILLER]
    numbers = [article_number(n, t) for n, t in articles]
    return [(articles[i][0], issue.code) for i, issue in xref_issues(articles, numbers, True)]


def _pointed(at: str, to: str) -> list[tuple[str, str]]:
    return [(n, t.replace(at, to) if n == "第五条" else t) for n, t in GAS_RULE]


def test_a_penalty_citing_its_own_duty_is_not_flagged() -> None:
    assert _xrefs(GAS_RULE) == []


def test_a_penalty_pointed_at_an_article_about_other_conduct_is_flagged() -> None:
    assert _xrefs(_pointed("第四条规定", "第三条规定")) == [("第五条", "CHECK_XREF_TOPIC")]
    # the words of a duty and its penalty stay telling in a short text too
    short = _pointed("第四条规定", "第三条规定")
    numbers = [article_number(n, t) for n, t in short]
    assert [issue.code for _, issue in xref_issues(short, numbers, True)] == ["CHECK_XREF_TOPIC"]


def test_a_cited_paragraph_that_is_not_there_is_missing() -> None:
    # 第四条 has two paragraphs: the second exists, a third does not
    assert _xrefs(_pointed("第四条规定", "第四条第二款规定")) == []
    assert _xrefs(_pointed("第四条规定", "第四条第三款规定")) == [("第五条", "CHECK_XREF_MISSING")]


UPPER_LAW = [
    Article("第二条", "第二条 城镇燃气发展规划与应急保障、燃气经营与服务、燃气使用，适用本条例。"),
    Article("第五条", "第五条 国务院建设主管部门负责全国的燃气管理工作。"),
]


def _scope(sentence: str) -> list[str]:
    local = [Article("第二条", "第二条 " + sentence)]
    return [issue.code for _, _, issue in scope_issues(local, UPPER_LAW, True)]


def test_an_exemption_the_upper_law_lacks_narrows_the_scope() -> None:
    assert _scope("本省行政区域内燃气的经营和使用，适用本条例。") == []
    assert _scope("本省行政区域内燃气的经营和使用，适用本条例，但是个体工商户的除外。") == [
        "CHECK_SCOPE_NARROWED"
    ]
    assert _scope("本省城市建成区内燃气的经营和使用，适用本条例。") == ["CHECK_SCOPE_NARROWED"]
    assert _scope("农村地区的燃气使用，不适用本条例。") == ["CHECK_SCOPE_NARROWED"]


def test_a_deferral_is_no_exemption() -> None:
    assert (
        _scope("本省行政区域内燃气的经营，适用本条例；法律、法规另有规定的，不适用本条例。") == []
    )


def test_an_exemption_the_upper_law_makes_may_be_restated() -> None:
    upper = [Article("第二条", "第二条 天然气的生产和进口，不适用本条例。")]
    local = [Article("第三条", "第三条 天然气的生产和进口，不适用本条例。")]
    assert scope_issues(local, upper, True) == []


def test_a_competence_given_to_another_kind_of_body_is_found_wherever_it_stands() -> None:
    upper_named = [
        "第一条 总则。",
        "第五条 县级以上地方人民政府住房和城乡建设主管部门负责燃气管理工作。",
    ]
    same = ["第四条 市住房和城乡建设主管部门负责本行政区域的燃气管理工作。"]
    other = ["第四条 市商务主管部门负责本行政区域的燃气管理工作。"]
    # a local body named by the matter it manages ("燃气管理部门") departs from nothing
    functional = ["第四条 市燃气管理部门负责本行政区域的燃气管理工作。"]
    assert list(competence_lookups(same, upper_named, True)) == []
    assert list(competence_lookups(functional, upper_named, True)) == []
    found = list(competence_lookups(other, upper_named, True))
    assert [(i, j, issue.code) for i, j, issue in found] == [(0, 1, "CHECK_DUTY_BODY")]


def test_a_duty_body_finding_is_capped_at_info() -> None:
    assert capped("CHECK_DUTY_BODY", "warning") == "info"
    assert capped("CHECK_DUTY_BODY", "info") == "info"
    # no check has earned "error" by precision read on unseen domains
    assert capped("CHECK_XREF_MISSING", "error") == "warning"
    # fines were read right 2 times in 11 as warnings on the development domains
    assert capped("CHECK_FINE_RANGE", "error") == "info"
    assert capped("CHECK_FINE_RANGE", "info") == "info"
    assert capped("CHECK_MODALITY", "error") == "info"
    assert capped("CHECK_DELEGATION_UNMET", "warning") == "info"
    assert {"CHECK_XREF_TOPIC", "CHECK_SCOPE_NARROWED"} <= set(CODES)


UPPER_FINES = (
    "第五十条 违反本条例规定，在燃气设施保护范围内从事爆破、取土等作业的，由燃气管理部门责令停止"
    "违法行为，对单位处5万元以上10万元以下罚款。\n"
    "违反本条例规定，燃气经营者未向燃气用户持续、稳定、安全供应燃气的，由燃气管理部门责令限期改正，"
    "处1万元以上10万元以下罚款。"
)


def test_fines_are_paired_by_conduct_not_by_shared_words() -> None:
    local = (
        "第四十条 违反本条例规定，燃气经营者未向燃气用户持续、稳定、安全供应燃气的，由燃气主管部门"
        "责令限期改正，处五千元以上五万元以下罚款。"
    )
    at = local.index("五千元")
    same = fine_conduct_match(local, at, UPPER_FINES, UPPER_FINES.index("1万元"))
    other = fine_conduct_match(local, at, UPPER_FINES, UPPER_FINES.index("5万元"))
    assert same is not None and other is not None
    assert same >= 0.75 > other


def _limit(text: str, words: str) -> Quantity:
    return next(q for q in find_quantities(text) if q.text.startswith(words))


def test_a_time_limit_in_a_list_item_is_judged_by_its_own_item() -> None:
    upper = (
        "第二十条 管道燃气经营者因施工、检修等原因需要临时调整供气量或者暂停供气的，应当将作业时间"
        "和影响区域提前48小时予以公告或者书面通知燃气用户。"
    )
    local = (
        "第二十二条 管道燃气经营者应当遵守下列规定：\n"
        "（一）建立员工岗位培训制度，定期组织员工参加安全技术培训和考核；\n"
        "（二）因例行检修、更换设施等情况，需要临时调整供气量或者暂停供气时，应当提前九十六小时"
        "将作业时间和影响区域予以公告；"
    )
    likeness = _rule_likeness(local, _limit(local, "九十六"), upper, _limit(upper, "48"))
    assert likeness >= TIME_RULE


def test_a_retention_period_of_another_record_is_another_rule() -> None:
    upper = (
        "第六十五条 食用农产品销售者应当建立食用农产品进货查验记录制度，如实记录食用农产品的名称、"
        "数量、进货日期以及供货者名称等内容，并保存相关凭证。记录和凭证保存期限不得少于六个月。"
    )
    local = (
        "第二十七条 高风险食品生产经营企业应当建立主要原料和食品供应商检查评价制度，定期对供应商"
        "的食品安全状况进行检查评价，并做好记录。记录保存期限不得少于二年。"
    )
    likeness = _rule_likeness(
        local, _limit(local, "不得少于二年"), upper, _limit(upper, "不得少于六")
    )
    assert likeness < TIME_RULE
    assert [i.code for i in compare_articles(local, upper)] == []
