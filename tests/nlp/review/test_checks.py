"""Consistency checks: aligned article pairs, single texts, delegations."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import load_document
from nlp.review.checks import compare_articles
from nlp.review.findings import Issue
from nlp.review.modal_checks import action_match, modal_actions
from nlp.review.single_text import check_text, delegations

CORPUS = Path(__file__).resolve().parents[3] / "corpus"

# Upper: 安全生产法 2021 art. 97, abridged.
UPPER_97 = (
    "生产经营单位有下列行为之一的，责令限期改正，处十万元以下的罚款；逾期未改正的，责令停产停业整顿，"
    "并处十万元以上二十万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处二万元以上五万元以下"
    "的罚款：\n（一）未按照规定设置安全生产管理机构或者配备安全生产管理人员的；\n"
    "（二）未按照规定对从业人员进行安全生产教育和培训的。"
)


def codes(issues: list[Issue]) -> list[tuple[str, str]]:
    return [(i.code, i.severity) for i in issues]


def marked(text: str, issue: Issue, side: str = "local") -> list[str]:
    marks = issue.local_marks if side == "local" else issue.upper_marks
    return [text[s:e] for s, e in marks]


def test_the_fine_on_the_persons_is_told_from_the_fine_on_the_unit() -> None:
    local = UPPER_97.replace("处二万元以上五万元以下", "处一万元以上二万元以下")
    (issue,) = compare_articles(local, UPPER_97)
    assert (issue.code, issue.severity) == ("CHECK_FINE_RANGE", "error")
    assert issue.key == "fine:直接责任人员:逾期"
    assert marked(local, issue) == ["一万元以上二万元以下"]
    assert marked(UPPER_97, issue, "upper") == ["二万元以上五万元以下"]
    assert "直接责任人员" in issue.message and "低于" in issue.message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "处十万元以下",
            "处二万元以上十万元以下",
            ("CHECK_FINE_RANGE", "info"),
        ),  # narrower, inside
        ("处十万元以下", "处二十万元以下", ("CHECK_FINE_RANGE", "error")),  # higher maximum
        ("并处十万元以上", "并处五万元以上", ("CHECK_FINE_RANGE", "error")),  # lower minimum
    ],
)
def test_fine_ranges(old: str, new: str, expected: tuple[str, str]) -> None:
    assert codes(compare_articles(UPPER_97.replace(old, new), UPPER_97)) == [expected]


def test_an_unchanged_article_has_no_finding_but_its_copy() -> None:
    assert codes(compare_articles("第九十七条 " + UPPER_97, UPPER_97)) == [
        ("CHECK_VERBATIM_COPY", "info")
    ]
    local = "第十条　生产经营单位应当遵守本条例。"
    assert codes(compare_articles(local, "第二十条 生产经营单位应当遵守本法。")) == [
        ("CHECK_VERBATIM_COPY", "info")
    ]


def test_penalties_for_different_conduct_are_not_compared() -> None:
    # Same boilerplate, same condition, different conduct: no pairing, no false alarm.
    local = "生产经营单位未建立安全生产规章制度的，责令限期改正；逾期未改正的，处二千元以上二万元以下的罚款。"
    upper = (
        "高危行业、领域的生产经营单位未按照国家规定投保安全生产责任保险的，责令限期改正，处五万元以上"
        "十万元以下的罚款；逾期未改正的，处十万元以上二十万元以下的罚款。"
    )
    assert compare_articles(local, upper) == []


def test_articles_about_different_matters_sharing_a_unit_yield_nothing() -> None:
    local = "危险物品的储存单位应当配备不少于两名的注册安全工程师，从业人员超过三百人的，应当增设安全总监。"
    upper = "矿山企业应当在井下作业场所设置避难硐室，下井人员超过一百人的，应当增设救生舱。"
    assert compare_articles(local, upper) == []


def test_time_limits() -> None:
    upper = "单位负责人接到报告后，应当在一小时内向县级以上地方人民政府应急管理部门报告。"
    (longer,) = compare_articles(upper.replace("一小时", "二小时"), upper)
    assert (longer.code, longer.severity, longer.key) == (
        "CHECK_TIME_LIMIT",
        "error",
        "time_limit:报告",
    )
    (shorter,) = compare_articles(upper.replace("一小时", "三十分钟"), upper)
    assert (shorter.code, shorter.severity) == ("CHECK_TIME_LIMIT", "info")


def test_a_longer_ban_is_stricter_not_laxer() -> None:
    upper = "受刑事处罚或者撤职处分的，自刑罚执行完毕之日起，五年内不得担任任何生产经营单位的主要负责人。"
    (shorter,) = compare_articles(upper.replace("五年", "三年"), upper)
    assert (shorter.code, shorter.severity) == ("CHECK_TIME_LIMIT", "error")
    (longer,) = compare_articles(upper.replace("五年", "十年"), upper)
    assert longer.severity == "info"


def test_modality_weakened_and_duty_moved() -> None:
    upper = "生产经营单位应当对从业人员进行安全生产教育和培训，保证从业人员具备必要的安全生产知识。"
    (issue,) = compare_articles(upper.replace("应当", "可以"), upper)
    assert (issue.code, issue.severity) == ("CHECK_MODALITY", "error")
    assert "应当" in issue.message and "可以" in issue.message
    upper = "县级以上地方各级人民政府应当组织编制本行政区域的生产安全事故应急预案。"
    local = "乡镇人民政府应当组织编制本行政区域的生产安全事故应急预案。"
    (moved,) = compare_articles(local, upper)
    assert (moved.code, moved.severity) == ("CHECK_DUTY_BODY", "warning")
    assert marked(local, moved) == ["乡镇人民政府"]
    # a renamed body is the same body
    renamed = "县级以上地方各级人民政府安全生产监督管理部门应当公布举报电话，受理有关安全生产违法行为的举报。"
    new = renamed.replace("安全生产监督管理部门", "应急管理部门")
    assert compare_articles(renamed, new) == []


def test_english_pairs_get_english_messages() -> None:
    (issue,) = compare_articles(
        "The operator may report the accident to the authority.",
        "The operator shall report the accident to the authority.",
    )
    assert (issue.code, issue.severity) == ("CHECK_MODALITY", "error")
    assert "shall" in issue.message and issue.message.isascii()


def test_renamed_authority_in_a_pair_is_dated() -> None:
    local = "县级以上人民政府安全生产监督管理部门应当加强监督检查。"
    upper = "县级以上人民政府应急管理部门应当加强监督检查。"
    assert compare_articles(local, upper) == []  # without a date the text checks report it
    (late,) = compare_articles(local, upper, local_date=date(2020, 1, 1))
    assert (late.code, late.severity) == ("CHECK_RENAMED_AUTHORITY", "warning")
    assert marked(upper, late, "upper") == ["应急管理部门"]
    (early,) = compare_articles(local, upper, local_date=date(2016, 7, 29))
    assert early.severity == "info"


def corpus_articles(name: str) -> dict[str, str]:
    document = load_document(CORPUS / name).document
    assert document is not None
    return {a.number: a.text for a in document.articles()}


# The deliberate differences of corpus/zh_provincial_rule.docx from corpus/zh_national_law_2024.md.
CORPUS_PAIRS = [
    ("第七条", "第九条", ("CHECK_THRESHOLD", "warning"), ["超过一百五十人"]),
    ("第八条", "第十二条", ("CHECK_THRESHOLD", "warning"), ["不得少于十六学时"]),
    ("第九条", "第十五条", ("CHECK_TIME_LIMIT", "error"), ["二十日内"]),
    ("第十五条", "第三十条", ("CHECK_TIME_LIMIT", "error"), ["每三年"]),
    ("第十六条", "第三十一条", ("CHECK_TIME_LIMIT", "error"), ["二小时内"]),
    ("第二十二条", "第三十六条", ("CHECK_FINE_RANGE", "error"), ["一万元以上五万元以下"]),
    ("第二十三条", "第三十七条", ("CHECK_FINE_INCOME_SHARE", "error"), ["百分之三十至百分之六十"]),
    ("第二十条", "第三十五条", ("CHECK_FINE_RANGE", "info"), ["二万元以下"]),
    ("第二十条", "第三十五条", ("CHECK_FINE_RANGE", "error"), ["二万元以上五万元以下"]),
    ("第四条", "第五条", ("CHECK_RENAMED_AUTHORITY", "warning"), ["安全生产监督管理部门"]),
]


@pytest.mark.parametrize(("local", "upper", "expected", "words"), CORPUS_PAIRS)
def test_the_sample_provincial_rule_against_the_sample_law(
    local: str, upper: str, expected: tuple[str, str], words: list[str]
) -> None:
    rule, law = (
        corpus_articles("zh_provincial_rule.docx"),
        corpus_articles("zh_national_law_2024.md"),
    )
    issues = compare_articles(rule[local], law[upper], local_date=date(2020, 11, 27))
    assert any(
        (i.code, i.severity) == expected and marked(rule[local], i) == words for i in issues
    ), issues


def test_the_sample_law_has_no_text_findings() -> None:
    law = corpus_articles("zh_national_law_2024.md")
    assert check_text(list(law.items()), on=date(2024, 4, 20)) == []
    assert [n for n, t in law.items() if delegations(t)] == ["第四十一条"]


def test_check_text() -> None:
    articles = [
        ("第一条", "本条例所称小微企业，是指从业人员不足三十人的企业。"),
        ("第二条", "违反本条例第九条规定的，依照本条例第一条处罚。"),
        ("第三条", "依照《安全生产法》第九十条的规定。违反第八条规定。依照安全生产法第一百条。"),
        ("第五条", "本条例所称小微企业，是指从业人员不足二十人的企业。"),
        ("第五条", "县级以上人民政府安全生产监督管理部门负责。"),
    ]
    got = [(i, x.code, x.key) for i, x in check_text(articles, on=date(2020, 1, 1))]
    assert got == [
        (1, "CHECK_XREF_MISSING", "xref:9"),
        (2, "CHECK_XREF_MISSING", "xref:8"),
        (3, "CHECK_NUMBERING_GAP", "gap:3:5"),
        (3, "CHECK_TERM_REDEFINED", "term:小微企业"),
        (4, "CHECK_NUMBERING_REPEAT", "repeat:5:0"),
        (4, "CHECK_RENAMED_AUTHORITY", "renamed:安全生产监督管理部门"),
    ]
    issues = {x.key: x for _, x in check_text(articles)}
    assert "缺少第4条" in issues["gap:3:5"].message
    assert articles[1][1][slice(*issues["xref:9"].local_marks[0])] == "本条例第九条"
    assert "renamed:安全生产监督管理部门" not in issues  # only with the text's date


@pytest.mark.parametrize(
    ("text", "delegating"),
    [
        ("具体办法由省、自治区、直辖市人民代表大会常务委员会规定。", True),
        ("最低工资的具体标准由省、自治区、直辖市人民政府规定，报国务院备案。", True),
        ("省、自治区、直辖市可以根据本法，结合本地区实际，作出具体规定。", True),
        ("省、自治区、直辖市人民政府应当按照分级分类监管的原则，明确监管主体。", False),
        ("报省、自治区、直辖市人民政府民用爆炸物品行业主管部门审查。", False),
        ("省、自治区、直辖市人民政府可以指定有关部门依照本条例的规定实施安全监察。", False),
        ("国务院和省、自治区、直辖市人民政府可以按照有关法律规定采取相应措施。", False),
        ("由县级以上人民政府按照国务院规定的权限责令停业整顿。", False),  # not a delegation
        ("具体办法由县级以上地方人民政府根据本地实际制定。", True),
    ],
)
def test_delegations(text: str, delegating: bool) -> None:
    spans = delegations("第一款。" + text)
    assert bool(spans) == delegating
    for s, e in spans:
        assert ("第一款。" + text)[s:e] == text.rstrip("。")


def test_issue_refuses_unknown_codes_and_severities() -> None:
    with pytest.raises(ValueError, match="CHECK_FINE_RANGE"):
        Issue("CHECK_FINES", "error", "", "")
    with pytest.raises(ValueError, match="severity"):
        Issue("CHECK_FINE_RANGE", "fatal", "", "")


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet="应当可以不得处万元以上下罚款小时内日人超过逾期未改正的，。；\n（一）第条本条例",
        max_size=80,
    ),
    st.text(
        alphabet="应当可以不得处万元以上下罚款小时内日人超过逾期未改正的，。；\n（一）第条本法",
        max_size=80,
    ),
)
def test_compare_articles_never_raises_and_marks_inside_the_texts(local: str, upper: str) -> None:
    for issue in compare_articles(local, upper, local_date=date(2020, 1, 1)):
        assert all(0 <= s <= e <= len(local) for s, e in issue.local_marks)
        assert all(0 <= s <= e <= len(upper) for s, e in issue.upper_marks)


def load_rows(shared_data: Path) -> list[dict]:
    path = shared_data / "lawrefbook_safety" / "articles.jsonl"
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def test_the_regulation_on_accident_reports_fines_principals_less_than_the_law(
    shared_data: Path,
) -> None:
    # ../shared/data/README.md: 30/40/60/80 % (条例 art. 38) against 40/60/80/100 % (2021 law art. 95).
    rows = load_rows(shared_data)
    text = {(r["doc_title"], r["article_no"]): r["text"] for r in rows}
    regulation = text[("生产安全事故报告和调查处理条例", "第三十八条")]
    law = text[("中华人民共和国安全生产法", "第九十五条")]
    issues = compare_articles(regulation, law)
    assert [(i.code, i.severity) for i in issues] == [("CHECK_FINE_INCOME_SHARE", "error")] * 4
    assert [marked(regulation, i) for i in issues] == [["30%"], ["40%"], ["60%"], ["80%"]]


def test_every_article_of_the_law_against_itself_is_only_a_copy(shared_data: Path) -> None:
    law = [
        r["text"] for r in load_rows(shared_data) if r["doc_title"] == "中华人民共和国安全生产法"
    ]
    started = time.perf_counter()
    for text in law:
        assert {i.code for i in compare_articles(text, text)} <= {"CHECK_VERBATIM_COPY"}
    assert time.perf_counter() - started < 5  # 119 pairs; a 70-article rule must take ≤ 10 s


def test_a_right_of_one_party_is_not_weakened_by_a_duty_of_another() -> None:
    upper = "职工代表大会有权对企业的消防设施与厂房同时验收进行监督，提出建议。"
    other_party = "企业新建厂房的消防设施，必须与厂房同时验收，提出建议。"
    assert compare_articles(other_party, upper.replace("职工代表大会", "工会")) == []
    same_party = "工会应当对企业的消防设施与厂房同时验收进行监督，提出建议。"
    (issue,) = compare_articles(same_party, upper.replace("职工代表大会", "工会"))
    assert (issue.code, issue.severity) == ("CHECK_MODALITY", "warning")


def test_the_fine_of_a_later_stage_is_on_the_person_the_article_fines() -> None:
    upper = (
        "企业的主要负责人未组织应急演练的，责令改正，处一万元以上三万元以下的罚款；"
        "逾期未改正的，处三万元以上六万元以下的罚款。"
    )
    local = upper.replace("处三万元以上六万元以下", "处五千元以上一万元以下")
    (issue,) = compare_articles(local, upper)
    assert issue.key == "fine:主要负责人:逾期"
    assert "对主要负责人" in issue.message and "对单位" not in issue.message


@pytest.mark.parametrize(
    ("local_tiers", "expected"),
    [
        # a stricter extra tier on top of one that starts where the upper law's does
        ("雇员一百人以上不足五百人的，应当配备专职安全员；雇员五百人以上的，应当设置安全科。", []),
        ("雇员五百人以上的，应当配备专职安全员。", [("CHECK_THRESHOLD", "warning")]),  # fewer cases
        ("雇员五十人以上的，应当配备专职安全员。", [("CHECK_THRESHOLD", "info")]),  # stricter
    ],
)
def test_a_threshold_is_judged_by_the_cases_the_duty_reaches(
    local_tiers: str, expected: list[tuple[str, str]]
) -> None:
    upper = "仓储企业雇员超过一百人的，应当配备专职安全员。"
    assert codes(compare_articles("仓储企业" + local_tiers, upper)) == expected


def test_a_special_zone_may_vary_the_fine_but_is_asked_to_confirm() -> None:
    local = UPPER_97.replace("处十万元以下", "处二十万元以下")
    (issue,) = compare_articles(local, UPPER_97, special_zone=True)
    assert (issue.code, issue.severity) == ("CHECK_FINE_RANGE", "warning")
    assert "经济特区" in issue.fix
    narrower = UPPER_97.replace("处十万元以下", "处二万元以上十万元以下")
    assert codes(compare_articles(narrower, UPPER_97, special_zone=True)) == [
        ("CHECK_FINE_RANGE", "info")
    ]


def test_a_reworded_duty_of_the_same_party_in_the_same_words_is_still_weakened() -> None:
    upper = "广播、电视、报刊等新闻媒体，应当做好安全燃放烟花爆竹的宣传、教育工作。"
    local = "广播、电视、报刊、网络等新闻媒体，可以做好依法燃放烟花爆竹的公益宣传。"
    (issue,) = compare_articles(local, upper)
    assert (issue.code, issue.severity) == ("CHECK_MODALITY", "error")
    assert local[slice(*issue.local_marks[0])] == "可以"
    # another party in the same reworded clause is not the one the upper law binds
    assert (
        compare_articles(local.replace("广播、电视、报刊、网络等新闻媒体", "居民委员会"), upper)
        == []
    )


def test_a_modal_word_inside_the_object_is_not_the_norm() -> None:
    upper = "广播、电视、报刊等新闻媒体，应当做好安全燃放烟花爆竹的宣传、教育工作。"
    local = "电视、广播、报刊、网络等新闻媒体，应当开展禁止销售、燃放烟花爆竹的公益性宣传。"
    assert [i for i in compare_articles(local, upper) if i.code == "CHECK_MODALITY"] == []


def test_a_short_predicate_is_told_by_its_subject() -> None:
    upper = "生产经营单位应当对从业人员进行安全生产教育和培训。未经安全生产教育和培训合格的从业人员，不得上岗作业。"
    local = "未经安全生产教育和培训合格的从业人员，可以上岗作业。"
    (issue,) = compare_articles(local, upper)
    assert (issue.code, issue.severity) == ("CHECK_MODALITY", "error")
    # the same two words for another rule are not the same rule
    other = "持有特种作业操作证的电工，可以上岗作业。"
    assert compare_articles(other, upper) == []


def test_the_same_words_said_twice_pair_with_the_like_subject() -> None:
    upper = (
        "单位负责人接到事故报告后，应当迅速采取有效措施，并按照国家有关规定立即如实报告当地有关部门，"
        "不得隐瞒不报、谎报或者迟报。"
    )
    local = (
        "单位负责人接到事故报告后，应当迅速采取有效措施，并按照国家有关规定立即如实报告当地有关部门，"
        "可以隐瞒不报、谎报或者迟报。\n"
        "有关部门接到事故报告后，应当立即按照国家有关规定上报事故情况，不得隐瞒不报、谎报或者迟报。"
    )
    issues = [i for i in compare_articles(local, upper) if i.code == "CHECK_MODALITY"]
    assert [local[slice(*i.local_marks[0])] for i in issues] == ["可以"]


def test_a_duty_moved_to_another_body_needs_the_same_predicate() -> None:
    upper = "县级以上地方各级人民政府应当组织有关部门制定本行政区域内生产安全事故应急救援预案，建立应急救援体系。"
    reworded = "县级以上人民政府应急管理部门应当会同有关部门建立生产安全事故应急救援信息系统，提高应急救援能力。"
    assert [i for i in compare_articles(reworded, upper) if i.code == "CHECK_DUTY_BODY"] == []


def test_a_predicate_running_past_a_comma_is_compared_whole_for_the_same_party() -> None:
    upper = "生产经营单位不得将生产经营项目、场所、设备发包或者出租给不具备安全生产条件或者相应资质的单位或者个人。"
    local = (
        "生产经营单位可以将生产经营项目、场所、设备，发包、出租给不具备国家规定的安全生产条件"
        "或者相应资质的单位和个人从事生产经营活动。"
    )
    (issue,) = compare_articles(local, upper)
    assert (issue.code, issue.severity) == ("CHECK_MODALITY", "error")
    # another party: the sentence as a whole is not compared
    use = "特种设备使用单位应当采购、使用取得许可生产并经检验合格的特种设备，不得使用国家明令淘汰、已经报废的特种设备。"
    sell = "禁止销售未取得许可生产的特种设备，未经检验和检验不合格的特种设备，或者国家明令淘汰和已经报废的特种设备。"
    assert compare_articles(use, sell) == []


def test_a_government_bound_to_use_a_power_the_upper_law_grants_is_only_worth_a_look() -> None:
    upper = "县级以上地方人民政府可以根据本行政区域的实际情况，确定限制或者禁止燃放烟花爆竹的时间、地点和种类。"
    local = "市、县（市、区）人民政府应当根据本行政区域的实际情况，确定限制或者禁止燃放烟花爆竹的时间、地点和种类。"
    (issue,) = compare_articles(local, upper)
    assert (issue.code, issue.severity) == ("CHECK_MODALITY", "info")
    # a party that is no government keeps the warning
    citizens = "公民可以向有关部门反映燃放烟花爆竹的意见和建议。"
    bound = "公民应当向有关部门反映燃放烟花爆竹的意见和建议。"
    (issue,) = compare_articles(bound, citizens)
    assert (issue.code, issue.severity) == ("CHECK_MODALITY", "warning")


def test_the_same_words_before_the_modal_are_the_same_party_whatever_party_word_they_hold() -> None:
    upper = "紧急情况下要求有关单位采取紧急处置措施的，应当随后补发特种设备安全监察指令。"
    local = "特种设备安全监督管理部门在紧急情况下要求有关单位采取紧急处置措施的，可以随后补发特种设备安全监察指令。"
    (issue,) = compare_articles(local, upper)
    assert (issue.code, issue.severity) == ("CHECK_MODALITY", "error")


def test_a_duty_pairs_with_the_upper_duty_of_its_own_party_before_a_closer_wording_of_another() -> (
    None
):
    upper = (
        "各级人民政府和政府有关部门应当开展社会宣传活动，教育公民遵守有关法律、法规和规章，安全燃放烟花爆竹。\n"
        "广播、电视、报刊等新闻媒体，应当做好安全燃放烟花爆竹的宣传、教育工作。"
    )
    local = (
        "各级人民政府应当开展依法、文明、安全燃放烟花爆竹的宣传教育。\n"
        "广播、电视、报刊等新闻媒体，可以做好烟花爆竹安全管理的公益性宣传教育工作。"
    )
    issues = [i for i in compare_articles(local, upper) if i.code == "CHECK_MODALITY"]
    assert [local[slice(*i.local_marks[0])] for i in issues] == ["可以"]


def test_a_half_width_comma_ends_a_chinese_clause() -> None:
    upper = (
        "乡镇人民政府和街道办事处，以及开发区、工业园区等应当制定相应的生产安全事故应急救援预案，"
        "协助人民政府有关部门依法履行生产安全事故应急救援工作职责。"
    )
    local = (
        "功能区管理机构可以制定相应的生产安全事故应急救援预案,"
        "并报所在地县级人民政府备案,每年至少组织一次综合演练,演练情况记录存档备查。"
    )
    (issue,) = compare_articles(local, upper)
    assert (issue.code, issue.severity) == ("CHECK_MODALITY", "error")


def test_a_reworded_predicate_counts_in_chinese_only() -> None:
    # English contracts reuse stock subjects that differ by one word ("the Indemnified Party")
    upper = "The Supplier shall deliver the goods to the warehouse of the Buyer within the agreed period."
    local = (
        "The Supplier may deliver all goods and spare parts to the warehouse named by the Buyer."
    )
    [a], [b] = modal_actions(local), modal_actions(upper)
    assert action_match(a, b, zh=False) is None
    assert action_match(a, b, zh=True) is not None
    assert compare_articles(local, upper) == []


def test_the_party_is_the_one_before_the_verb_not_a_body_in_its_object() -> None:
    # "…以及国务院应急管理部门会同国务院有关部门规定的其他危险作业" names the work, not its bearer
    upper = (
        "生产经营单位进行爆破、吊装、动火、临时用电以及国务院应急管理部门会同国务院有关部门规定的"
        "其他危险作业，应当安排专门人员进行现场安全管理，确保操作规程的遵守。"
    )
    local = (
        "生产经营单位进行爆破、吊装、动火、有限空间作业和国家规定的其他危险作业，"
        "可以安排专门人员进行现场安全管理，并落实下列措施。"
    )
    (issue,) = compare_articles(local, upper)
    assert (issue.code, issue.severity) == ("CHECK_MODALITY", "error")


def test_a_party_in_a_list_of_parties_is_one_of_them() -> None:
    upper = "各级人民政府及其有关部门应当采取多种形式，加强对有关安全生产的法律、法规的宣传。"
    local = "市、区人民政府及其有关部门、生产经营单位可以采取多种形式，加强安全生产法律、法规的宣传教育。"
    (issue,) = compare_articles(local, upper)
    assert (issue.code, issue.severity) == ("CHECK_MODALITY", "error")
    # a list without the upper law's party is another party: the duty moved, not weakened
    others = "工会、生产经营单位可以采取多种形式，加强安全生产法律、法规的宣传教育。"
    assert [i.code for i in compare_articles(others, upper)] == ["CHECK_DUTY_BODY"]


def test_a_duty_after_a_clause_of_manner_is_compared_on_the_act() -> None:
    upper = (
        "应急管理部门应当按照分类分级监督管理的要求，制定安全生产年度监督检查计划，"
        "并按照年度监督检查计划进行监督检查。"
    )
    weakened = "负有安全生产监督管理职责的部门可以制定安全生产年度监督检查计划，并组织实施。"
    assert codes(compare_articles(weakened, upper)) == [("CHECK_MODALITY", "error")]
    assert compare_articles(weakened.replace("可以", "应当"), upper) == []
    # the act after "按照…的要求，" is what the modal binds; its first clause says only how
    (upper_duty,) = modal_actions(upper)
    (local,) = modal_actions(weakened, ("permission",))
    assert action_match(local, upper_duty) == pytest.approx(1.0)


def test_an_act_joined_by_bing_is_governed_by_the_same_modal() -> None:
    upper = (
        "出租单位应当对出租的起重机械进行检测，并向承租单位出具起重机械安全技术档案和检测合格证明。"
    )
    local = "建筑起重机械的出租方可以在租赁合同中约定双方的安全责任，并向承租单位出具起重机械安全技术档案和检测合格证明。"
    assert codes(compare_articles(local, upper)) == [("CHECK_MODALITY", "error")]


def test_a_short_or_loose_governed_clause_pairs_no_acts() -> None:
    # "…部门按照职责分工" is common wording, not the same act
    upper = (
        "县级以上地方各级人民政府应当根据本行政区域内的安全生产状况，组织有关部门按照职责分工，"
        "对容易发生重大生产安全事故的生产经营单位进行严格检查。"
    )
    local = (
        "安全生产监督管理部门应当以书面形式督促其他有关部门按照职责分工，"
        "对本行业、本领域的生产经营单位存在的重大事故隐患组织排查。"
    )
    assert compare_articles(local, upper) == []


def test_a_short_predicate_goes_with_the_condition_just_before_it() -> None:
    upper = (
        "矿山使用的有特殊安全要求的设备、器材、防护用品和安全检测仪器，必须符合国家安全标准或者"
        "行业安全标准；不符合国家安全标准或者行业安全标准的，不得使用。"
    )
    # the local sentence opens with the duty to comply, so its whole subject differs
    local = (
        "矿山企业使用的有特殊安全要求的设备、器材、防护用品和安全检测仪器，必须符合国家安全标准"
        "或者行业安全标准，不符合国家安全标准或者行业安全标准的，可以使用。"
    )
    assert codes(compare_articles(local, upper)) == [("CHECK_MODALITY", "error")]
    assert compare_articles(local.replace("可以使用", "不得使用"), upper) == []


def test_a_light_verb_does_not_make_another_act() -> None:
    upper = "确需移送的，应当及时移送其他有关部门并形成记录备查，接受移送的部门应当及时进行处理。"
    local = "应当由其他部门处理的，及时移送有关部门并形成记录备查，接受移送的部门可以及时处理。"
    assert ("CHECK_MODALITY", "error") in codes(compare_articles(local, upper))


def test_a_party_both_penalties_open_with_is_not_the_conduct() -> None:
    upper = (
        "承担安全评价、认证、检测、检验职责的机构出具失实报告的，责令停业整顿，并处三万元以上十万元"
        "以下的罚款。\n承担安全评价、认证、检测、检验职责的机构租借资质、挂靠、出具虚假报告的，没收违法"
        "所得；对其直接负责的主管人员和其他直接责任人员处五万元以上十万元以下的罚款。"
    )
    other_conduct = (
        "违反本条例规定，承担安全评价、认证、检测、检验职责的机构违法更改或者简化安全评价、认证、检测、"
        "检验程序和内容的，没收违法所得；对直接负责的主管人员和其他直接责任人员处二万元以上五万元以下"
        "的罚款。"
    )
    assert compare_articles(other_conduct, upper) == []
    same_conduct = (
        "违反本条例规定，承担安全评价、认证、检测、检验职责的机构租借资质、挂靠、出具虚假报告的，没收"
        "违法所得；对直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款。"
    )
    assert codes(compare_articles(same_conduct, upper)) == [("CHECK_FINE_RANGE", "error")]
    # the same words throughout are the same conduct, party and all
    assert codes(compare_articles(upper.replace("三万元以上", "一万元以上"), upper)) == [
        ("CHECK_FINE_RANGE", "error")
    ]


def test_a_longer_trigger_period_is_laxer_a_shorter_minimum_too() -> None:
    trigger = compare_articles(
        "第十条 临时占用绿地超过六个月的，应当进行绿化。",
        "第十条 临时占用绿地超过三个月的，应当进行绿化。",
    )
    assert [(i.code, i.severity) for i in trigger] == [("CHECK_TIME_LIMIT", "error")]
    minimum = compare_articles("第十条 档案保存不少于一年。", "第十条 档案保存不少于二年。")
    assert [(i.code, i.severity) for i in minimum] == [("CHECK_TIME_LIMIT", "error")]
    stricter = compare_articles(
        "第十条 临时占用绿地超过一个月的，应当进行绿化。",
        "第十条 临时占用绿地超过三个月的，应当进行绿化。",
    )
    assert [(i.code, i.severity) for i in stricter] == [("CHECK_TIME_LIMIT", "info")]


def test_a_matter_left_to_the_provinces_is_not_a_citys_to_take_up() -> None:
    from nlp.review.delegated import unmet_delegations
    from nlp.review.findings import Article

    upper = [Article("第九条", "第九条 燃气经营许可的具体办法由省、自治区、直辖市人民政府规定。")]
    local = [Article("第一条", "第一条 为了加强燃气管理，制定本条例。")]
    assert [j for j, _ in unmet_delegations(local, upper, "城镇燃气管理条例", "province")] == [0]
    assert list(unmet_delegations(local, upper, "城镇燃气管理条例", "city")) == []


def test_a_competent_body_changed_without_a_modal_verb_is_found() -> None:
    upper = (
        "第五条 县级以上地方各级人民政府应急管理部门负责本行政区域内安全生产工作的综合监督管理。"
    )
    local = (
        "第五条 县级以上人民政府住房城乡建设主管部门负责本行政区域内安全生产工作的综合监督管理。"
    )
    [issue] = compare_articles(local, upper)
    assert (issue.code, issue.severity) == ("CHECK_DUTY_BODY", "warning")
    assert local[slice(*issue.local_marks[0])] == "县级以上人民政府住房城乡建设主管部门"
    same_kind = "第五条 示例省应急管理厅负责本行政区域内安全生产工作的综合监督管理。"
    assert compare_articles(same_kind, upper) == []
    other_matter = "第五条 县级以上人民政府住房城乡建设主管部门负责本行政区域内城镇燃气管理工作。"
    assert compare_articles(other_matter, upper) == []
