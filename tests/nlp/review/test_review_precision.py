"""The review's wrong findings read by hand on two domains it was not tuned on (issue 16), each
cause as a rule: a delegated matter provided for, a fine held to the wrong paragraph or conduct,
a modal word that adds to a rule read as a change of its force."""

from __future__ import annotations

from nlp.review.checks import compare_articles
from nlp.review.delegated import unmet_delegations
from nlp.review.findings import Article

# --- a delegated matter that the local text provides for -----------------------------------------

SLOPES = Article(
    "第二十三条",
    "第二十三条 在五度以上坡地植树造林、抚育幼林、种植中药材等，应当采取水土保持措施。\n"
    "在禁止开垦坡度以下、五度以上的荒坡地开垦种植农作物，应当采取水土保持措施。"
    "具体办法由省、自治区、直辖市根据本行政区域的实际情况规定。",
)
LOCAL_RULE = [
    Article("第一条", "第一条 为了预防和治理水土流失，根据有关法律，结合本省实际，制定本条例。"),
    Article("第二条", "第二条 县级以上人民政府水行政主管部门主管本行政区域的水土保持工作。"),
]
SLOPE_RULE = Article(
    "第十九条",
    "第十九条 在二十五度以下五度以上的荒坡地开垦种植农作物，应当因地制宜采取等高种植，"
    "修筑梯田、水平阶，修建截排水设施等水土保持措施。",
)


def _unmet(local: list[Article], upper: list[Article]) -> list[tuple[str, str]]:
    return [(upper[j].number, i.severity) for j, i in unmet_delegations(local, upper, "上位法")]


def test_a_delegation_that_points_back_is_met_by_a_local_article_on_the_matter_before_it() -> None:
    # "具体办法由…规定" names no matter of its own: the matter is the sentence before it
    assert _unmet([*LOCAL_RULE, SLOPE_RULE], [SLOPES]) == []
    assert _unmet(LOCAL_RULE, [SLOPES]) == [("第二十三条", "warning")]


def test_a_power_given_to_a_government_is_at_most_a_note() -> None:
    standards = Article(
        "第十二条",
        "第十二条 国务院环境保护主管部门制定国家水环境质量标准。\n"
        "省、自治区、直辖市人民政府可以对国家水环境质量标准中未作规定的项目，制定地方标准，"
        "并报国务院环境保护主管部门备案。",
    )
    assert _unmet(LOCAL_RULE, [standards]) == [("第十二条", "info")]
    rules = Article("第九条", "第九条 饲养犬只防疫管理的具体办法，由省、自治区、直辖市制定。")
    assert _unmet(LOCAL_RULE, [rules]) == [("第九条", "warning")]


# --- a fine compared with the paragraph and the conduct it restates -----------------------------

OUTFALLS = (
    "第八十四条 在饮用水水源保护区内设置排污口的，由县级以上地方人民政府责令限期拆除，"
    "处十万元以上五十万元以下的罚款；逾期不拆除的，强制拆除，所需费用由违法者承担，"
    "处五十万元以上一百万元以下的罚款，并可以责令停产整治。\n"
    "除前款规定外，违反法律、行政法规的规定设置排污口的，由县级以上地方人民政府环境保护主管部门"
    "责令限期拆除，处二万元以上十万元以下的罚款；逾期不拆除的，强制拆除，所需费用由违法者承担，"
    "处十万元以上五十万元以下的罚款；情节严重的，可以责令停产整治。"
)


def _fines(local: str, upper: str) -> list[str]:
    return [i.message for i in compare_articles(local, upper) if i.code.startswith("CHECK_FINE")]


def test_a_fine_is_held_to_the_paragraph_whose_figures_it_restates() -> None:
    local = (
        "第六十二条 违反本条例规定，在饮用水水源保护区以外的水域设置排污口的，由所在地生态环境"
        "主管部门责令限期拆除，处{}的罚款；逾期不拆除的，处十万元以上五十万元以下的罚款。"
    )
    # its words are most like the first paragraph's (drinking-water source areas), its figures
    # are exactly the second's: it restates the second
    assert _fines(local.format("二万元以上十万元以下"), OUTFALLS) == []
    # a figure of its own is still held to the paragraph its conduct is most like
    assert any(
        "“一万元以上十万元以下”" in m
        for m in _fines(local.format("一万元以上十万元以下"), OUTFALLS)
    )


def test_a_consequence_both_penalties_name_is_not_the_same_conduct() -> None:
    upper = (
        "第四十八条 违反本法规定，在崩塌、滑坡危险区或者泥石流易发区从事取土、挖砂、采石等可能"
        "造成水土流失的活动的，由县级以上地方人民政府水行政主管部门责令停止违法行为，没收违法所得，"
        "对个人处一千元以上一万元以下的罚款，对单位处二万元以上二十万元以下的罚款。"
    )
    banks = (
        "第五十二条 违反本条例规定，破堰种植造成水土流失的，由县级以上人民政府水行政主管部门"
        "责令停止违法行为，采取补救措施，处五万元以下的罚款。"
    )
    quarrying = (
        "第四十六条 违反本办法规定，在崩塌、滑坡危险区和泥石流易发区从事取土、挖砂、采石等活动的，"
        "由县级以上人民政府水行政主管部门责令停止违法行为，对单位处一万元以上十万元以下的罚款。"
    )
    assert _fines(banks, upper) == []
    assert len(_fines(quarrying, upper)) == 1


# --- a modal word that adds to a rule is no change of its force ---------------------------------

SURVEYS = (
    "第十一条 国务院水行政主管部门应当定期组织全国水土流失调查并公告调查结果。\n"
    "省、自治区、直辖市人民政府水行政主管部门负责本行政区域的水土流失调查并公告调查结果，"
    "公告前应当将调查结果报国务院水行政主管部门备案。"
)


def _modality(local: str, upper: str) -> list[str]:
    return [i.message for i in compare_articles(local, upper) if i.code == "CHECK_MODALITY"]


def test_an_added_power_beside_a_kept_duty_is_no_modality_shift() -> None:
    local = (
        "第十条 县级以上人民政府水行政主管部门{}每五年组织一次本行政区域内水土流失调查并公告调查"
        "结果。特殊情况可以适时开展水土流失调查，并将调查结果报上一级人民政府水行政主管部门备案。"
    )
    # the filing is a step of the optional extra survey, not the upper duty to file made optional
    assert _modality(local.format("应当"), SURVEYS) == []
    assert len(_modality(local.format("可以"), SURVEYS)) == 1  # the duty itself made optional


def test_a_step_of_an_upper_power_is_no_duty_the_local_text_made_binding() -> None:
    upper = (
        "第十二条 省、自治区、直辖市人民政府可以对国家水环境质量标准中未作规定的项目，制定地方标准，"
        "并报国务院环境保护主管部门备案。"
    )
    local = "第十五条 水环境质量标准和水污染物排放标准应当报国务院生态环境主管部门备案。"
    assert _modality(local, upper) == []


def test_an_added_ban_beside_a_kept_duty_is_no_modality_shift() -> None:
    upper = "第二十四条 实行排污许可管理的企业事业单位和其他生产经营者应当对监测数据的真实性和准确性负责。"
    local = (
        "第二十三条 实行排污许可管理的企业事业单位和其他生产经营者应当按照国家有关规定和监测规范，"
        "对所排放的水污染物自行监测，并保存原始监测记录，不得擅自调整监测点位，"
        "对监测数据的真实性和准确性负责。"
    )
    assert _modality(local, upper) == []


def test_two_rules_that_only_share_how_they_are_made_are_not_one_rule() -> None:
    upper = (
        "第六十八条 县级以上地方人民政府应当根据保护饮用水水源的实际需要，在准保护区内采取工程措施"
        "或者建造湿地、水源涵养林等生态保护措施，防止水污染物直接排入饮用水水体，确保饮用水安全。"
    )
    local = (
        "第四十条 有关地级以上市、县级人民政府可以根据保护饮用水水源的实际需要，在确保饮用水安全的"
        "前提下，提出饮用水水源保护区调整方案，按饮用水水源保护区划定程序报批。"
    )
    assert _modality(local, upper) == []
