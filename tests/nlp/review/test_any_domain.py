"""Forms that laws of many domains share and the review once missed (issue 16): a party named
by its trade against an upper law that describes it, one trade under two heads, a competence
without 工作, a water authority, a short rule made optional, a time limit told with another verb,
two paragraphs fining one party."""

from __future__ import annotations

from nlp.review.checks import compare_articles
from nlp.review.competence import competence_lookups
from nlp.review.conduct import parties_match
from nlp.review.engine import review_texts
from nlp.review.single_text import article_number
from nlp.review.xref import xref_issues


def _codes(local: str, upper: str) -> list[str]:
    return [issue.code for issue in compare_articles(local, upper)]


UPPER_SERVICE = (
    "第七十六条 从事节能咨询、设计、评估、检测等服务的机构提供虚假信息的，由管理节能工作的"
    "部门责令改正，没收违法所得，并处五万元以上十万元以下罚款。"
)


def test_a_party_named_by_its_trade_is_the_one_the_upper_law_describes() -> None:
    local = (
        "第六十六条 节能服务机构从事节能咨询、设计、评估、检测等活动提供虚假信息的，由节能"
        "主管部门责令改正，没收违法所得，并处五万元以上三十万元以下罚款。"
    )
    assert _codes(local, UPPER_SERVICE) == ["CHECK_FINE_RANGE"]
    # a party whose trade the upper article does not speak of is another class
    assert not parties_match(("食品小作坊",), (), UPPER_SERVICE)


def test_one_trade_under_two_heads_is_one_offender_class() -> None:
    upper = (
        "第四十五条 违反本条例规定，燃气经营者不按照燃气经营许可证的规定从事燃气经营活动的，"
        "由燃气管理部门责令限期改正，处3万元以上20万元以下罚款。"
    )
    local = (
        "第四十七条 燃气经营企业不按照燃气经营许可证的规定从事燃气经营活动的，由住房城乡建设"
        "主管部门责令限期改正，处一万元以上二十万元以下罚款。"
    )
    assert _codes(local, upper) == ["CHECK_FINE_RANGE"]
    assert parties_match(("燃气经营企业",), ("燃气经营者",), upper)
    assert not parties_match(("建设单位",), ("施工单位",), upper)


def _moved(local: str, upper: list[str]) -> list[tuple[int, int]]:
    return [(i, j) for i, j, _ in competence_lookups([local], upper, True)]


def test_a_competence_without_the_word_work_is_read() -> None:
    upper = [
        "第一条 总则。",
        "第四十三条 县级以上人民政府生态环境主管部门负责对排污单位的排污情况进行监督检查。",
    ]
    same = "第四十条 县级以上人民政府生态环境主管部门负责对排污单位的排污情况进行监督检查。"
    other = "第四十条 县级以上人民政府商务主管部门负责对排污单位的排污情况进行监督检查。"
    assert _moved(same, upper) == []
    assert _moved(other, upper) == [(0, 1)]


def test_a_matter_told_before_its_body_is_the_matter() -> None:
    upper = [
        "第三十二条 补偿费专项用于水土流失预防和治理。专项水土流失预防和治理由生态环境主管"
        "部门负责组织实施。",
        "第四十条 农业农村主管部门负责组织实施。",
    ]
    local = "第三十四条 补偿费专项用于水土流失预防和治理，由商务主管部门负责组织实施。"
    assert _moved(local, upper) == [(0, 0)]
    # a bare "负责组织实施" about another matter is not the same matter
    unrelated = "第九条 林地补偿费专项用于植树造林，由商务主管部门负责组织实施。"
    assert _moved(unrelated, upper) == []


def test_the_water_authority_is_a_kind_of_body() -> None:
    upper = ["第五条 水行政主管部门负责本行政区域的水土保持工作。"]
    same = "第四条 县级以上人民政府水行政主管部门负责本行政区域内的水土保持工作。"
    other = "第四条 县级以上人民政府商务主管部门负责本行政区域内的水土保持工作。"
    assert _moved(same, upper) == []
    assert _moved(other, upper) == [(0, 0)]


def test_a_short_rule_made_optional() -> None:
    upper = "第四十九条 城镇污水应当集中处理。\n县级以上地方人民政府应当筹集资金。"
    assert _codes("第三十五条 城镇污水可以集中处理。", upper) == ["CHECK_MODALITY"]
    assert _codes("第三十五条 城镇污水应当集中处理。", upper) == []


def test_a_local_clause_held_in_a_longer_upper_one_made_optional() -> None:
    upper = (
        "第二十七条 国务院有关部门和县级以上地方人民政府开发、利用和调节、调度水资源时，应当"
        "统筹兼顾，维持江河的合理流量。"
    )
    local = "第二十一条 开发、利用和调节、调度水资源，可以统筹兼顾，保障基本生态用水。"
    assert _codes(local, upper) == ["CHECK_MODALITY"]


def test_a_time_limit_told_with_another_verb_is_the_same_rule() -> None:
    upper = (
        "第二十九条 燃气用户有权就燃气收费、服务等事项向燃气经营者进行查询，燃气经营者应当自"
        "收到查询申请之日起5个工作日内予以答复。"
    )
    local = (
        "第二十七条 燃气用户有权就燃气收费项目、服务等事项向燃气经营企业申请查询，燃气经营企业"
        "应当自收到申请之日起{}个工作日内予以办理。"
    )
    assert _codes(local.format("二十"), upper) == ["CHECK_TIME_LIMIT"]
    assert _codes(local.format("五"), upper) == []


def test_two_paragraphs_fining_the_same_party_are_two_findings() -> None:
    upper = [
        (
            "第四十五条",
            "第四十五条 违反本条例规定，未取得燃气经营许可证从事燃气经营活动的，由燃气管理部门"
            "责令停止违法行为，处5万元以上50万元以下罚款。\n"
            "违反本条例规定，燃气经营者不按照燃气经营许可证的规定从事燃气经营活动的，由燃气管理"
            "部门责令限期改正，处3万元以上20万元以下罚款。",
        )
    ]
    local = [
        (
            "第四十七条",
            "第四十七条 未取得燃气经营许可证从事燃气经营活动的，由住房城乡建设主管部门责令停止"
            "违法行为，处一万元以上五十万元以下罚款。\n"
            "燃气经营者不按照燃气经营许可证的规定从事燃气经营活动的，由住房城乡建设主管部门"
            "责令限期改正，处一万元以上二十万元以下罚款。",
        )
    ]
    found = review_texts(local, upper, text_checks=False).findings
    fines = sorted(f.message for f in found if f.code == "CHECK_FINE_RANGE")
    assert len(fines) == 2
    assert "一万元以上五十万元以下" in fines[0] + fines[1]
    assert "一万元以上二十万元以下" in fines[0] + fines[1]


UPPER_DUMPING = (
    "第五十五条 违反本法规定，在专门存放地以外的区域倾倒砂、石、土、尾矿、废渣等的，由水行政"
    "主管部门责令停止违法行为，限期清理，按照倾倒数量处每立方米十元以上二十元以下的罚款。"
)


def test_a_fine_set_on_a_consequence_is_held_to_the_upper_range() -> None:
    local = (
        "第四十五条 在专门存放地以外的区域倾倒砂、石、土、尾矿、废渣等的，由水行政主管部门责令"
        "停止违法行为，造成水土流失的，按照倾倒数量处每立方米十元以上{}元以下的罚款。"
    )
    assert _codes(local.format("二百"), UPPER_DUMPING) == ["CHECK_FINE_RANGE"]
    assert _codes(local.format("二十"), UPPER_DUMPING) == []
    # where the upper law sets its own fine on the consequence, that one is the measure
    upper = UPPER_DUMPING.replace(
        "的罚款。", "的罚款；造成水土流失的，处每立方米十元以上二百元以下的罚款。"
    )
    assert _codes(local.format("二百"), upper) == []


def test_the_persons_directly_responsible_are_no_competence() -> None:
    upper = [
        "第九十四条 由公安机关对直接负责的主管人员和其他直接责任人员处十日以上十五日以下的拘留。"
    ]
    local = "第七十七条 由任免机关或者监察机关依法对直接负责的主管人员和其他直接责任人员给予处分。"
    assert _moved(local, upper) == []


SOIL_RULE = [
    ("第一条", "第一条 为了预防和治理水土流失，制定本条例。"),
    (
        "第二条",
        "第二条 在生态清洁小流域范围内禁止从事下列行为：\n（一）在沟道内私搭乱建；\n"
        "（二）随意取土、挖砂。",
    ),
    ("第三条", "第三条 生产建设单位应当按时报送水土保持监测情况。"),
    (
        "第四条",
        "第四条 违反本条例第二条规定，有禁止行为之一的，由水行政部门责令改正，对个人可处"
        "500元以上5000元以下罚款。",
    ),
    (
        "第五条",
        "第五条 违反本条例第三条规定，未按时报送监测情况的，由水行政部门责令限期改正，"
        "处5000元以上2万元以下罚款。",
    ),
]


def _topics(articles: list[tuple[str, str]]) -> list[tuple[str, str]]:
    numbers = [article_number(n, t) for n, t in articles]
    return [(articles[i][0], issue.code) for i, issue in xref_issues(articles, numbers, True)]


def test_a_penalty_pointed_at_another_penalty_cites_no_duty() -> None:
    assert _topics(SOIL_RULE) == []
    # "有禁止行为之一" says too little to be judged by its words; 第五条 punishes, it bears no duty
    pointed = [
        (n, t.replace("第二条规定", "第五条规定") if n == "第四条" else t) for n, t in SOIL_RULE
    ]
    assert _topics(pointed) == [("第四条", "CHECK_XREF_TOPIC")]


def test_a_ban_breached_where_the_cited_article_bans_nothing() -> None:
    pointed = [
        (n, t.replace("第二条规定", "第三条规定") if n == "第四条" else t) for n, t in SOIL_RULE
    ]
    assert _topics(pointed) == [("第四条", "CHECK_XREF_TOPIC")]
