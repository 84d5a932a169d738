"""Forms the hand reading of issue 16's held_out_4 (archives, cultural relics) found read wrongly
or missed: a 应当 inside an attributive 的-phrase, a positive duty beside an upper ban, a time
limit paired with another act's, a competence told as "主管…事业" for a department the
directory did not know, and a fine on "组织"."""

from __future__ import annotations

from nlp.legal.quantities import find_quantities
from nlp.legal.renamings import find_old_names
from nlp.review.checks import compare_articles
from nlp.review.competence import competence_issues

ARCHIVE_UPPER = (
    "第十四条 应当归档的材料，按照国家有关规定定期向本单位档案机构或者档案工作人员移交，"
    "集中管理，任何个人不得拒绝归档或者据为己有。\n国家规定不得归档的材料，禁止擅自归档。"
)


def _codes(local: str, upper: str) -> list[str]:
    return [issue.code for issue in compare_articles(local, upper)]


def test_a_modal_inside_an_attributive_phrase_is_not_the_articles_norm() -> None:
    kept = "第十六条 国家和本市档案行政管理部门规定应当归档的材料，不得拒绝归档或者据为己有。"
    assert _codes(kept, ARCHIVE_UPPER) == []
    # the sentence's own norm is still compared, with its party read past the phrase
    weakened = kept.replace("不得拒绝", "可以拒绝")
    assert _codes(weakened, ARCHIVE_UPPER) == ["CHECK_MODALITY"]
    # a phrase is set against the upper phrase: another class of things is still a change
    other_class = "第十六条 国家和本市规定可以归档的材料，禁止擅自归档。"
    assert _codes(other_class, ARCHIVE_UPPER) == ["CHECK_MODALITY"]
    # a clause after a comma that opens with a preposition is no such phrase
    how = "第九条 本市各级人民政府制定城乡建设规划，可以根据文物保护的需要，事先商定保护措施。"
    upper_how = (
        "第二十七条 各级人民政府制定城乡建设规划，应当根据文物保护的需要，事先商定保护措施。"
    )
    assert _codes(how, upper_how) == ["CHECK_MODALITY"]


UPPER_BAN = (
    "第二十九条 在文物保护单位的建设控制地带内进行建设工程，不得破坏文物保护单位的历史风貌；"
    "工程设计方案应当根据文物保护单位的级别和建设工程对文物保护单位历史风貌的影响程度，"
    "经国家规定的文物行政部门同意后，依法取得建设工程规划许可。"
)


def test_a_duty_with_another_verb_than_the_ban_is_another_norm() -> None:
    duty = (
        "第十六条 在文物保护单位的建设控制地带内进行工程建设，其工程的形式、高度、体量、色调"
        "应当与文物保护单位的历史风貌和周边环境相协调。"
    )
    assert "CHECK_MODALITY" not in _codes(duty, UPPER_BAN)
    # the ban itself turned into a duty, with its own verb, is still found
    undone = "第十六条 在文物保护单位的建设控制地带内进行建设工程，应当破坏文物保护单位的历史风貌。"
    assert "CHECK_MODALITY" in _codes(undone, UPPER_BAN)


UPPER_FIND = (
    "第四十六条 在建设工程、农业生产等活动中，任何单位或者个人发现文物或者疑似文物的，应当保护"
    "现场，立即报告当地文物行政部门；文物行政部门应当在接到报告后二十四小时内赶赴现场，并在七日内"
    "提出处理意见。"
)


def test_a_time_limit_is_paired_with_the_act_it_bounds() -> None:
    local = (
        "第二十六条 在进行建设工程、农业生产或者房屋拆除活动中，任何单位或者个人发现文物或者疑似"
        "文物的，应当保护现场，不得哄抢、私分、藏匿，并立即报告所在地的文物行政管理部门。文物行政"
        "管理部门接到报告后，应当立即赶赴现场，经征询相关部门和建设单位的意见后，于七日内提出处理"
        "意见。"
    )
    assert _codes(local, UPPER_FIND) == []
    subjects = [q.subject for q in find_quantities(local) if q.kind == "time_limit"]
    assert subjects == ["提出"]
    # a longer limit for the same act is still laxer
    later = local.replace("于七日内提出", "于十五日内提出")
    assert _codes(later, UPPER_FIND) == ["CHECK_TIME_LIMIT"]


UPPER_ARCHIVES = (
    "第八条 国家档案主管部门主管全国的档案工作，负责全国档案事业的统筹规划和组织协调，建立统一"
    "制度，实行监督和指导。\n县级以上地方档案主管部门主管本行政区域内的档案工作，对本行政区域内"
    "机关、团体、企业事业单位和其他组织的档案工作实行监督和指导。"
)


def test_a_competence_for_a_matter_told_as_its_cause_is_compared() -> None:
    local = (
        "第五条 省档案行政管理部门主管本省档案事业，对本行政区域内的档案工作实行统筹规划、统一"
        "制度、组织协调、监督和指导。"
    )
    assert competence_issues(local, UPPER_ARCHIVES, True) == []
    moved = local.replace("省档案行政管理部门", "省商务部门")
    assert [i.code for i in competence_issues(moved, UPPER_ARCHIVES, True)] == ["CHECK_DUTY_BODY"]


def test_a_fine_on_an_organisation_is_a_fine_on_the_unit() -> None:
    text = (
        "企业事业组织或者个人有前条第四项违法行为的，由档案行政管理部门给予警告，对组织可以并处"
        "一万元以上十万元以下的罚款，对个人可以并处五百元以上五千元以下的罚款。"
    )
    fines = [q.subject for q in find_quantities(text) if q.kind == "fine"]
    assert fines == ["单位", "个人"]


def test_an_old_name_in_a_list_of_departments_is_found() -> None:
    text = "第六十二条 文物行政部门应当会同公安、工商行政管理等部门，查处非法经营文物的行为。"
    found = [(r.old, text[a:b]) for r, (a, b) in find_old_names(text)]
    assert found == [("工商行政管理部门", "工商行政管理")]
    # a stem alone, not in a list ending in 等部门, is no department
    assert find_old_names("加强安全生产监督管理工作") == []


UPPER_FINES = (
    "第四十九条 利用档案馆的档案，有本法第四十八条第一项、第二项、第四项违法行为之一的，由县级"
    "以上档案主管部门给予警告，并对单位处一万元以上十万元以下的罚款，对个人处五百元以上五千元以下"
    "的罚款。\n档案服务企业在服务过程中有本法第四十八条第一项、第二项、第四项违法行为之一的，由"
    "县级以上档案主管部门给予警告，并处二万元以上二十万元以下的罚款。\n单位或者个人有本法第四十八"
    "条第三项、第五项违法行为之一的，由县级以上档案主管部门给予警告，没收违法所得，并对单位处一万"
    "元以上十万元以下的罚款，对个人处五百元以上五千元以下的罚款；并可以依照本法第二十二条的规定"
    "征购所出卖或者赠送的档案。"
)


def test_fines_for_conduct_told_by_item_numbers_are_paired_by_their_sentences() -> None:
    local = (
        "第三十六条 企业事业组织或者个人有本办法第三十四条第（四）项、第（五）项行为的，由市或者区"
        "档案行政管理部门给予警告，根据有关档案的价值和数量，对责任单位可以并处1万元以上10万元以下"
        "罚款；有违法所得的，没收违法所得；并可以依照本办法第二十二条的规定征购所出卖或者赠送的档案。"
    )
    assert _codes(local, UPPER_FINES) == []
    raised = local.replace("10万元以下", "50万元以下")
    assert _codes(raised, UPPER_FINES) == ["CHECK_FINE_RANGE"]


def test_an_old_name_before_a_list_of_administrative_departments_is_found() -> None:
    text = (
        "第五十九条 公安机关、工商行政管理、城乡建设规划等行政部门不依法履行职责的，依法给予处分。"
    )
    assert [r.old for r, _ in find_old_names(text)] == ["工商行政管理部门"]
