"""Forms that held_out_5 (consumer protection, tourism), its hand reading and the reading of
development findings showed read wrongly: a step due on the upper law's own condition, a local
body standing for a national one, a tier the upper law names, one body written two ways or named
in one list, a right where the upper law encourages, an upper exception restated, fines on
persons named in a clause of their own, residual fines, old names in lists."""

from __future__ import annotations

from datetime import date

from nlp.legal.quantities import find_quantities
from nlp.legal.renamings import find_old_names
from nlp.review.checks import compare_articles
from nlp.review.competence import competence_lookups
from nlp.review.engine import review_texts


def _codes(local: str, upper: str) -> list[str]:
    return [issue.code for issue in compare_articles(local, upper)]


AGENTS = (
    "第六十条 旅行社委托其他旅行社代理销售包价旅游产品并与旅游者订立包价旅游合同的，应当在包价"
    "旅游合同中载明委托社和代理社的基本信息。"
)


def test_a_step_of_a_permitted_act_on_the_upper_condition_is_still_the_duty() -> None:
    kept = (
        "第四十九条 （四）代理社与旅游者订立包价旅游合同、收取旅游费用的，应当使用委托社的合同和"
        "印章，出具委托社的发票，并在包价旅游合同中载明委托社和代理社的基本信息。"
    )
    assert _codes(kept, AGENTS) == []
    # under the same condition the joined step is the upper duty itself, now optional
    assert _codes(kept.replace("应当", "可以"), AGENTS) == ["CHECK_MODALITY"]
    # a step of an optional act under another condition is due only once the act is done
    other = (
        "第四十九条 旅行社在境外设立分支机构的，可以使用委托社的合同和印章，"
        "并在包价旅游合同中载明委托社和代理社的基本信息。"
    )
    assert _codes(other, AGENTS) == []


LAND = (
    "第五条 国务院自然资源主管部门统一负责全国土地的管理和监督工作。\n"
    "县级以上地方人民政府自然资源主管部门的设置及其职责，由省、自治区、直辖市人民政府根据国务院"
    "有关规定确定。"
)


def _bodies(local: str, upper: str) -> list[str]:
    return [issue.code for _, _, issue in competence_lookups([local], [upper], True)]


def test_a_local_body_in_place_of_a_national_one_is_the_restatement() -> None:
    # a provincial department the directory does not know by its old name ("土地行政主管部门")
    province = "第四条 省人民政府土地行政主管部门统一负责全省土地的管理和监督工作。"
    assert _bodies(province, LAND) == []
    # a functional national name ("管理节能工作的部门") is whatever department the rule designates
    energy = "第十条 国务院管理节能工作的部门主管全国的节能监督管理工作。"
    local = "第六条 市和区发展改革部门主管本行政区域内的节能监督管理工作。"
    assert _bodies(local, energy) == []
    # a known department of another line still differs from the national one
    other = "第四条 县级以上人民政府农业农村主管部门统一负责本行政区域内土地的管理和监督工作。"
    assert _bodies(other, LAND) == ["CHECK_DUTY_BODY"]


def test_a_narrower_matter_beside_the_restated_one_is_not_compared() -> None:
    local = (
        "第四条 县级以上人民政府自然资源主管部门负责本行政区域内土地的管理和监督工作。\n"
        "县级以上人民政府农业农村主管部门负责本行政区域内农村宅基地的管理和监督相关工作。"
    )
    assert _bodies(local, LAND) == []


KEY_USERS = (
    "第五十二条 国家加强对重点用能单位的节能管理。\n下列用能单位为重点用能单位：\n"
    "（一）年综合能源消费总量一万吨标准煤以上的用能单位；\n"
    "（二）国务院有关部门或者省、自治区、直辖市人民政府管理节能工作的部门指定的年综合能源消费"
    "总量五千吨以上不满一万吨标准煤的用能单位。"
)


def test_a_threshold_the_upper_article_names_as_a_tier_is_no_conflict() -> None:
    local = (
        "第三十四条 节能主管部门应当加强对重点用能单位的节能管理。\n"
        "年综合能源消费总量五千吨标准煤以上的用能单位为重点用能单位。"
    )
    assert "CHECK_THRESHOLD" not in _codes(local, KEY_USERS)
    # a figure the upper article does not name is still compared
    assert "CHECK_THRESHOLD" in _codes(local.replace("五千吨", "三千吨"), KEY_USERS)
    # a tier below the upper law's lowest, adjoining it, is one the upper law does not cover
    lower = local + (
        "\n对年综合能源消费总量一千吨以上不满五千吨标准煤的用能单位，设区的市、县（市、区）节能主管"
        "部门可以根据本地实际实施重点管理。"
    )
    assert "CHECK_THRESHOLD" not in _codes(lower, KEY_USERS)


def _renamed(local: list[tuple[str, str]]) -> list[str]:
    upper = [("第一条", "为了保护消费者的合法权益，制定本法。")]
    run = review_texts(local, upper, local_date=date(2016, 1, 1), local_title="示例省条例")
    return [f.message for f in run.findings if f.code == "CHECK_RENAMED_AUTHORITY"]


def test_one_body_written_two_ways_is_one_finding() -> None:
    local = [
        ("第五条", "工商行政管理部门负责本行政区域内消费者权益保护的监督管理工作。"),
        ("第九条", "消费者可以向工商部门投诉。"),
        ("第十条", "质量技术监督部门负责产品质量监督工作。"),
    ]
    messages = _renamed(local)
    assert len(messages) == 2
    assert "工商行政管理部门" in messages[0] and "工商部门" in messages[0]


def test_one_list_of_departments_is_one_finding() -> None:
    local = [
        (
            "第五条",
            "环境保护、国土资源、安全监管、工商、质量技术监督等部门按照各自职责做好相关工作。",
        ),
        (
            "第六条",
            "县级以上人民政府教育、国土资源、公安、农业、安全监管、交通运输、工商等有关部门负责。",
        ),
        ("第九条", "县级以上人民政府环境保护主管部门负责监督检查。"),
        ("第十条", "县级以上人民政府卫生计生行政部门负责医疗废物的监督管理。"),
    ]
    messages = _renamed(local)
    assert len(messages) == 2
    assert all(name in messages[0] for name in ("环境保护", "国土资源", "安全监管", "工商", "质量"))


def test_a_right_where_the_upper_law_encourages_is_no_change_of_force() -> None:
    upper = "第六条 国家鼓励、支持一切组织和个人对损害消费者合法权益的行为进行社会监督。"
    local = "第六条 任何单位和个人都有权对损害消费者合法权益的行为进行社会监督。"
    assert "CHECK_MODALITY" not in _codes(local, upper)
    # a duty turned into encouragement is still a change
    duty = "第六条 经营者应当对损害消费者合法权益的行为进行社会监督。"
    assert "CHECK_MODALITY" in _codes(duty.replace("应当", "鼓励"), duty)


UNLICENSED = (
    "第九十五条 违反本法规定，未经许可经营旅行社业务的，由旅游主管部门或者市场监督管理部门责令"
    "改正，没收违法所得，并处一万元以上十万元以下罚款；违法所得十万元以上的，并处违法所得一倍以上"
    "五倍以下罚款；对有关责任人员，处二千元以上二万元以下罚款。"
)


def test_a_fine_on_persons_named_in_a_clause_of_their_own_is_theirs() -> None:
    local = (
        "第六十三条 违反本条例规定，未取得旅行社业务经营许可从事经营性旅游业务的，由文化和旅游主管"
        "部门责令改正，没收违法所得，并处二万元以上十万元以下罚款，对有关责任人员，处五千元以上二万元"
        "以下罚款；违法所得十万元以上的，并处违法所得一倍以上五倍以下罚款。"
    )
    fines = [q.subject for q in find_quantities(local) if q.kind == "fine"]
    assert fines == ["单位", "直接责任人员"]
    # both tiers lie inside the upper ones: no fine below the upper floor
    assert not [m for m in _messages(local, UNLICENSED) if "低于上位法下限" in m]


def _messages(local: str, upper: str) -> list[str]:
    return [issue.message for issue in compare_articles(local, upper)]


SHOPPING = (
    "第三十五条 旅行社组织、接待旅游者，不得指定具体购物场所，不得安排另行付费旅游项目。但是，"
    "经双方协商一致或者旅游者要求，且不影响其他旅游者行程安排的除外。"
)


def test_a_permission_stating_the_upper_exception_is_no_change_of_force() -> None:
    local = (
        "第二十五条 未事先约定安排另行付费旅游项目的，旅行社应旅游者要求并经与旅游者协商一致，"
        "在不影响其他旅游者行程安排的情况下，可以安排另行付费旅游项目，并应当签订补充协议。"
    )
    assert "CHECK_MODALITY" not in _codes(local, SHOPPING)
    # the ban itself made a permission, without the upper law's case, is still a change
    undone = "第二十五条 旅行社组织、接待旅游者，可以安排另行付费旅游项目。"
    assert "CHECK_MODALITY" in _codes(undone, SHOPPING)


FRAUD = (
    "第五十六条 经营者有下列情形之一，除承担相应的民事责任外，其他有关法律、法规对处罚机关和处罚"
    "方式有规定的，依照法律、法规的规定执行；法律、法规未作规定的，由工商行政管理部门或者其他有关"
    "行政部门责令改正，可以根据情节单处或者并处警告、没收违法所得、处以违法所得一倍以上十倍以下的"
    "罚款，没有违法所得的，处以五十万元以下的罚款\n（一）提供的商品或者服务不符合保障人身、财产"
    "安全要求的；\n（六）对商品或者服务作虚假或者引人误解的宣传的；\n（十）法律、法规规定的对损害"
    "消费者权益应当予以处罚的其他情形。"
)


def test_a_residual_fine_where_laws_set_none_is_not_compared() -> None:
    local = (
        "第六十四条 经营者有下列情形之一，其他有关法律、法规对行政处罚机关和处罚种类、幅度已有规定"
        "的，依照法律、法规的规定执行；法律、法规未作规定的，由工商行政管理部门责令改正，并可以根据"
        "情节单处或者并处警告、没收违法所得、处以违法所得三倍以上五倍以下的罚款，没有违法所得或者"
        "违法所得无法计算的，处以十万元以下的罚款；情节严重的，责令停业整顿：\n（一）违反本条例第二"
        "十三条规定，以欺诈手段提供商品或者服务，侵害消费者合法权益的；\n（二）违反本条例第二十六条"
        "规定，强迫消费者购买商品或者接受服务的；\n（三）违反本条例第二十七条第二款规定，短缺商品数量"
        "或者将包装物的重量作为商品计价依据的；\n（四）违反本条例第三十六条第一款规定，不能提供证明"
        "进货来源的文件资料的。"
    )
    fines = {"CHECK_FINE_RANGE", "CHECK_FINE_MULTIPLE"}
    assert not fines & set(_codes(local, FRAUD))


def test_old_names_in_lists_and_older_short_names_are_found() -> None:
    def olds(text: str) -> list[str]:
        return [text[a:b] for _, (a, b) in find_old_names(text)]

    listed = "符合有关条件的，公安消防、卫生计生、食品药品监督管理等部门应当依法作出许可。"
    assert olds(listed) == ["公安消防", "卫生计生", "食品药品监督管理"]
    assert olds("卫生计生、食品药品监督、环境保护等有关部门应当发放许可。") == [
        "卫生计生",
        "食品药品监督",
        "环境保护",
    ]
    assert olds("标准由市工商行政管理局会同市技术监督局制定发布。") == [
        "工商行政管理局",
        "技术监督局",
    ]
    # a list whose next item is a department ("…、商务主管部门")
    assert olds("应当会同省质量技术监督、商务主管部门制定目录。") == ["质量技术监督"]
    # the same words outside a list of departments are no department
    assert olds("加强环境保护、卫生防疫工作，有关部门应当配合。") == []


def test_one_matter_told_for_two_levels_is_compared_at_each() -> None:
    upper = "第十二条 国务院水行政主管部门负责全国水资源的统一管理和监督工作。"
    local = (
        "第六条 市商务部门负责本市行政区域内水资源的统一管理和监督工作。\n"
        "区水务部门按照规定的权限负责本行政区域内水资源的统一管理和监督工作。"
    )
    assert _bodies(local, upper) == ["CHECK_DUTY_BODY"]
    assert _bodies(local.replace("商务", "水务"), upper) == []
