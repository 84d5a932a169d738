"""A text's references to its own articles on invented rules: a penalty's paraphrase of its duty
is no wrong reference, a reference one article off is, and a list that lost some of its item
markers still has its items."""

from __future__ import annotations

from datetime import date

from ingest.numbering import to_chinese_numeral
from nlp.review.findings import Issue
from nlp.review.single_text import article_number, check_text
from nlp.review.xref import xref_issues

# An invented rule on shop signs and awnings: its subject words (招牌, 设置, 应当, 部门, ...) stand
# in most articles, as in a real rule, so a penalty and its duty share few other words.
DUTIES = [
    "招牌的设置应当安全牢固，与街区风貌相协调，并符合设置规范和市容标准。",
    "遮阳篷的设置人应当每年汛期前检查支架，发现锈蚀、松动的，及时加固或者更换。",
    "招牌设置人应当在招牌安装完成后十五日内，将招牌的位置、尺寸和材质报街道办事处登记。",
    "禁止在行道树、路灯杆和消防栓上悬挂招牌。",
    "招牌上的文字应当使用规范汉字，外文不得单独使用。",
    "城市管理部门应当会同有关部门编制招牌设置导则，向社会公布。",
    "街道办事处应当组织志愿者对招牌设置开展日常巡查，发现问题的，告知城市管理部门。",
    "招牌设置人变更经营场所的，应当在迁出前拆除原招牌，恢复墙面原状。",
    "鼓励商户采用节能灯具照明招牌，城市管理部门应当给予指导。",
    "大型招牌的设置人应当每两年委托专业机构检测一次结构安全，检测报告留存备查。",
    "任何单位和个人有权对违反招牌设置规定的行为向城市管理部门投诉、举报。",
    "城市管理部门应当建立招牌设置档案，记载设置人、位置和检测情况。",
]


def _rule(penalty: str) -> list[tuple[str, str]]:
    articles = []
    for k, text in enumerate(DUTIES, start=3):
        number = f"第{to_chinese_numeral(k)}条"
        articles.append((number, f"{number} {text}"))
    number = f"第{to_chinese_numeral(len(DUTIES) + 3)}条"
    return [
        ("第一条", "第一条 为了规范招牌设置，美化市容，制定本条例。"),
        ("第二条", "第二条 本市行政区域内招牌、遮阳篷的设置和管理，适用本条例。"),
        *articles,
        (number, f"{number} {penalty}"),
    ]


def _topics(articles: list[tuple[str, str]]) -> list[Issue]:
    numbers = [article_number(n, t) for n, t in articles]
    return [issue for _, issue in xref_issues(articles, numbers, True)]


# 第三条: "招牌的设置应当…符合设置规范和市容标准"; the penalty says it in its own words, which
# share with 第三条 only the rule's subject words (设置, 规范)
PARAPHRASE = (
    "违反本条例第三条规定，招牌的尺寸、色彩、字体违背设置规范的，由城市管理部门责令限期改正；"
    "逾期不改正的，处五百元以上二千元以下罚款。"
)


def test_a_penalty_that_paraphrases_its_duty_is_no_wrong_reference() -> None:
    assert _topics(_rule(PARAPHRASE)) == []


def test_a_reference_one_article_off_is_a_warning_naming_the_duty() -> None:
    # the yearly check of awning supports is 第四条, not 第五条 (registration)
    penalty = (
        "违反本条例第五条规定，遮阳篷设置人未在汛期前检查支架，或者发现锈蚀、松动未及时加固、"
        "更换的，由城市管理部门责令限期改正，处二百元以上一千元以下罚款。"
    )
    [issue] = _topics(_rule(penalty))
    assert (issue.code, issue.severity) == ("CHECK_XREF_TOPIC", "warning")
    assert "第四条" in issue.message
    # pointed at the right article, nothing
    assert _topics(_rule(penalty.replace("第五条", "第四条"))) == []


def test_every_article_of_one_breach_is_read_together() -> None:
    # the conduct is 第六条's ban (行道树、路灯杆); 第十四条 (records) is cited with it
    penalty = (
        "违反本条例第十四条第一款、第六条规定，在行道树、路灯杆或者消防栓上悬挂招牌的，"
        "由城市管理部门责令限期拆除，处二百元以上一千元以下罚款。"
    )
    assert _topics(_rule(penalty)) == []


SAFETY = (
    "第三条",
    "第三条 招牌设置人应当履行下列安全责任：\n"
    "定期检查招牌，保持牢固；\n"
    "大型招牌每两年检测一次，检测不合格的立即整修；\n"
    "（三）遇大风预警时及时采取防护措施；\n"
    "（四）法律、法规规定的其他安全责任。\n"
    "鼓励设置人为招牌购买责任保险。",
)


def _missing(cited: str) -> list[str]:
    penalty = (
        "第四条",
        f"第四条 违反本条例{cited}规定，大型招牌检测不合格未整修的，由城市管理部门"
        "责令限期改正；逾期不改正的，处一千元以上五千元以下罚款。",
    )
    articles = [("第一条", "第一条 为了规范招牌设置，制定本条例。"), ("第二条", "第二条 略。")]
    articles += [SAFETY, penalty]
    numbers = [article_number(n, t) for n, t in articles]
    found = [issue.code for _, issue in xref_issues(articles, numbers, True)]
    return [code for code in found if code == "CHECK_XREF_MISSING"]


def test_an_item_of_a_list_that_lost_its_first_markers_is_there() -> None:
    # items one and two lost "（一）（二）", "（三）（四）" remain: the second item is there
    assert _missing("第三条第一款第二项") == []
    assert _missing("第三条第一款第四项") == []
    # the second paragraph is the one on insurance, a third there is not
    assert _missing("第三条第二款") == []
    assert _missing("第三条第三款") == ["CHECK_XREF_MISSING"]


def test_an_item_beyond_a_full_list_is_missing() -> None:
    full = SAFETY[1].replace("定期", "（一）定期").replace("大型招牌每", "（二）大型招牌每")
    penalty = (
        "第四条",
        "第四条 违反本条例第三条第一款第五项规定的，由城市管理部门责令限期改正。",
    )
    articles = [("第一条", "第一条 略。"), ("第二条", "第二条 略。"), ("第三条", full), penalty]
    numbers = [article_number(n, t) for n, t in articles]
    assert [i.code for _, i in xref_issues(articles, numbers, True)] == ["CHECK_XREF_MISSING"]


LISTED = [
    ("第一条", "第一条 为了规范招牌设置，制定本条例。"),
    (
        "第二条",
        "第二条 城市管理部门负责招牌设置的监督管理。规划、公安、国土资源、环境保护等部门按照"
        "各自职责做好相关工作。",
    ),
]


def _renamed(on: date) -> list[Issue]:
    return [i for _, i in check_text(LISTED, on=on) if i.code == "CHECK_RENAMED_AUTHORITY"]


def test_a_text_made_after_the_reform_is_out_of_date_not_made_before() -> None:
    [issue] = _renamed(date(2018, 10, 29))
    assert issue.severity == "info"
    assert "制定于更名之前" not in issue.message
    assert "尚未更名" in issue.message and "过时" in issue.message
    [older] = _renamed(date(2016, 5, 1))
    assert "制定于更名之前" in older.message


def test_a_renamed_body_is_quoted_as_printed() -> None:
    [issue] = _renamed(date(2016, 5, 1))
    # the list prints "国土资源", "环境保护", not "国土资源主管部门"
    assert "“国土资源”" in issue.message and "“环境保护”" in issue.message
    assert "主管部门”" not in issue.message
    assert "“自然资源”" in issue.fix and "“生态环境”" in issue.fix
