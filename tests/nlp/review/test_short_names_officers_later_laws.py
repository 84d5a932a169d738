"""Review forms: short old names of renamed bodies ("工商", "质监",
"食药监", "安监"), a unit's officers fined against an upper "个人" tier (and the reverse), and a
local fine that follows a later national law on the same conduct."""

from __future__ import annotations

from datetime import date

from nlp.legal.renamings import find_old_names
from nlp.review.checks import compare_articles


def _old(text: str) -> list[tuple[str, str]]:
    return [(r.old, text[a:b]) for r, (a, b) in find_old_names(text)]


def test_short_forms_of_renamed_bodies_are_old_names() -> None:
    assert _old("由工商部门依法查处") == [("工商部门", "工商部门")]
    assert _old("文物行政部门会同公安、工商等部门查处") == [("工商部门", "工商")]
    assert _old("质监、食药监等部门按照各自职责") == [
        ("质监部门", "质监"),
        ("食药监部门", "食药监"),
    ]
    assert _old("区安监局负责监督检查") == [("安监局", "安监局")]
    assert _old("由工商行政管理机关吊销营业执照") == [("工商行政管理机关", "工商行政管理机关")]
    # words that only hold the characters are not bodies
    assert _old("个体工商户、农村承包经营户等") == []
    assert _old("工商业联合会应当协助") == []
    # a text made before the renaming is not told it is out of date on its own day
    assert _old("由工商部门依法查处")[0][0] == "工商部门"
    assert find_old_names("由工商部门依法查处", on=date(2017, 1, 1)) == []


UPPER_TIERS = (
    "第四十九条 单位或者个人有本法第四十八条第三项、第五项违法行为之一的，由县级以上档案主管"
    "部门给予警告，没收违法所得，并对单位处一万元以上十万元以下的罚款，对个人处五百元以上五千元"
    "以下的罚款。"
)
LOCAL_OFFICERS = (
    "第三十六条 企业事业组织或者个人有本办法第三十四条第（四）项、第（五）项行为的，由市或者区"
    "档案行政管理部门给予警告，对责任单位可以并处1万元以上10万元以下罚款，对直接负责的主管人员"
    "或者其他直接责任人员可以并处500元以上{high}元以下罚款；有违法所得的，没收违法所得。"
)


def _fines(local: str, upper: str) -> list[str]:
    return [i.message for i in compare_articles(local, upper) if i.code == "CHECK_FINE_RANGE"]


def test_officers_are_paired_with_the_upper_person_tier() -> None:
    assert _fines(LOCAL_OFFICERS.format(high="5000"), UPPER_TIERS) == []
    raised = _fines(LOCAL_OFFICERS.format(high="8000"), UPPER_TIERS)
    assert len(raised) == 1 and "直接责任人员" in raised[0] and "五千元" in raised[0]


def test_a_person_tier_is_paired_with_the_upper_officers_too() -> None:
    upper = UPPER_TIERS.replace("对个人处", "对直接负责的主管人员和其他直接责任人员处")
    local = LOCAL_OFFICERS.format(high="8000").replace(
        "对直接负责的主管人员或者其他直接责任人员", "对个人"
    )
    raised = _fines(local, upper)
    assert len(raised) == 1 and "个人" in raised[0]


def test_individuals_and_officers_fined_apart_stay_apart() -> None:
    # the upper article fines a unit's officers and individuals as two classes: an individual's
    # fine is no measure of an officer's
    upper = (
        "第一百一十二条 违反本法规定，有下列行为之一的，对单位处十万元以上一百万元以下的罚款，"
        "对直接负责的主管人员和其他直接责任人员处二万元以上二十万元以下的罚款；个人有前款行为的，"
        "处五百元以上五千元以下的罚款。"
    )
    local = (
        "第四十条 违反本条例规定，有下列行为之一的，对单位处十万元以上一百万元以下的罚款，"
        "对直接负责的主管人员和其他直接责任人员处二万元以上二十万元以下的罚款。"
    )
    assert _fines(local, upper) == []


WATER_LAW = (
    "第六十七条 在饮用水水源保护区内设置排污口的，由县级以上地方人民政府责令限期拆除、恢复原状；"
    "逾期不拆除、不恢复原状的，强行拆除、恢复原状，并处五万元以上十万元以下的罚款。\n"
    "未经水行政主管部门或者流域管理机构审查同意，擅自在江河、湖泊新建、改建或者扩大排污口的，"
    "由县级以上人民政府水行政主管部门或者流域管理机构依据职权，责令停止违法行为，限期恢复原状，"
    "处五万元以上十万元以下的罚款。"
)
WATER_POLLUTION_LAW = (
    "第八十四条 在饮用水水源保护区内设置排污口的，由县级以上地方人民政府责令限期拆除，处十万元以上"
    "五十万元以下的罚款；逾期不拆除的，强制拆除，所需费用由违法者承担，处五十万元以上一百万元以下的"
    "罚款，并可以责令停产整治。\n"
    "除前款规定外，违反法律、行政法规和国务院环境保护主管部门的规定设置排污口的，由县级以上地方人民"
    "政府环境保护主管部门责令限期拆除，处二万元以上十万元以下的罚款；逾期不拆除的，强制拆除，所需"
    "费用由违法者承担，处十万元以上五十万元以下的罚款；情节严重的，可以责令停产整治。"
)
SHANDONG = (
    "第六十三条 在水库、重要输水渠道管理范围内和其他具有特殊经济文化价值的水体保护区内新建、改建、"
    "扩建入河排污口，或者未经水行政主管部门同意，在河道、湖泊管理范围内新建、改建、扩建入河排污口"
    "的，由县级以上人民政府水行政主管部门责令限期拆除，处二万元以上十万元以下罚款；逾期不拆除的，"
    "强制拆除，所需费用由违法者承担，处{high}万元以上五十万元以下罚款。"
)


def _review_fines(local: str, later: tuple) -> list[str]:
    from nlp.review.engine import review_texts
    from nlp.review.findings import Article
    from nlp.review.later_laws import LaterLaw

    laws = [LaterLaw(title, on, (Article(text.split(" ")[0], text),)) for title, on, text in later]
    run = review_texts(
        [("第六十三条", local)],
        [("第六十七条", WATER_LAW)],
        upper_title="中华人民共和国水法",
        upper_date=date(2016, 7, 2),
        local_date=date(2017, 9, 30),
        later_laws=laws,
    )
    return [f.message for f in run.findings if f.code == "CHECK_FINE_RANGE"]


def test_a_fine_that_follows_a_later_national_law_is_not_held_to_the_older() -> None:
    local = SHANDONG.format(high="十")
    # against the older law alone, both tiers are outside its 五万元以上十万元以下
    assert len(_review_fines(local, ())) == 2
    later = (("中华人民共和国水污染防治法", date(2017, 6, 27), WATER_POLLUTION_LAW),)
    assert _review_fines(local, later) == []
    # a law older than the upper law's version does not displace it
    older = (("中华人民共和国水污染防治法", date(2008, 2, 28), WATER_POLLUTION_LAW),)
    assert len(_review_fines(local, older)) == 2
    # a figure the later law does not set either is still reported
    changed = SHANDONG.format(high="二十")
    assert len(_review_fines(changed, later)) >= 1


FOOD_RECORDS = (
    "第五十条",
    "第五十条 食品生产企业应当建立进货查验记录制度，如实记录食品原料的名称、数量、进货日期，并保存"
    "相关凭证。记录和凭证保存期限不得少于产品保质期满后六个月；没有明确保质期的，保存期限不得少于二年。",
)
WORKSHOPS_LEFT = (
    "第三十六条",
    "第三十六条 食品生产加工小作坊和食品摊贩等从事食品生产经营活动，应当符合本法规定的与其生产经营"
    "规模、条件相适应的食品安全要求。食品生产加工小作坊和食品摊贩等的具体管理办法由省、自治区、"
    "直辖市制定。",
)
PENALTIES_LEFT = (
    "第一百二十七条",
    "第一百二十七条 对食品生产加工小作坊、食品摊贩等的违法行为的处罚，依照省、自治区、直辖市制定的"
    "具体管理办法执行。",
)
WORKSHOP_RECORDS = [
    (
        "第十六条",
        "第十六条 小作坊应当留存进货票据凭证，如实记录食品原料的名称、数量、进货日期。进货相关票据保存"
        "期限不得少于产品保质期满后六个月；没有明确保质期的，保存期限不得少于一年。",
    )
]


def _limits(upper: list[tuple[str, str]], title: str, who: str = "小作坊") -> list[str]:
    from nlp.review.engine import review_texts

    local = [(n, text.replace("小作坊", who)) for n, text in WORKSHOP_RECORDS]
    run = review_texts(local, upper, upper_title="中华人民共和国食品安全法", local_title=title)
    return [f.code for f in run.findings if f.code == "CHECK_TIME_LIMIT"]


def test_time_limits_of_a_class_whose_management_is_left_to_the_provinces() -> None:
    workshops = "某省食品小作坊小经营店和小摊点管理条例"
    assert _limits([FOOD_RECORDS, WORKSHOPS_LEFT], workshops) == []
    # where only the class's penalties are left, its duties still follow the upper law's figures
    assert _limits([FOOD_RECORDS, PENALTIES_LEFT], workshops) == ["CHECK_TIME_LIMIT"]
    # and a rule for every food business is held to them, unless the article is the class's
    assert _limits([FOOD_RECORDS, WORKSHOPS_LEFT], "某省食品安全条例", "食品生产企业") == [
        "CHECK_TIME_LIMIT"
    ]
    assert _limits([FOOD_RECORDS, WORKSHOPS_LEFT], "某省食品安全条例") == []


def test_a_local_text_of_the_renaming_year_is_told_gently() -> None:
    from nlp.legal.renamings import renamings
    from nlp.review.single_text import renamed_issue

    old = next(r for r in renamings() if r.old == "工商行政管理部门")
    marks = ((0, 9),)
    # amended in September 2018, before the provinces renamed their own bodies
    assert renamed_issue(old, marks, date(2018, 9, 30)).severity == "info"
    assert renamed_issue(old, marks, date(2017, 11, 30)).severity == "info"
    assert renamed_issue(old, marks, date(2019, 7, 26)).severity == "warning"
