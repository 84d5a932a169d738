"""The planted-conflict generator (bench/planted.py) on small texts, and on the real data."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from bench.bench_review_planted import Tally, score
from bench.lawref import load_texts, review_pairs, upper_law
from bench.planted import EXPECTED, TYPES, Label, Planted, plant
from ingest.numbering import parse_chinese_numeral

LOCAL = [
    (
        "第一条",
        "为了加强安全生产工作，根据《中华人民共和国安全生产法》，结合本省实际，制定本条例。",
    ),
    ("第二条", "生产经营单位应当建立健全全员安全生产责任制。"),
    (
        "第三条",
        "违反本条例第二条规定的，由应急管理部门责令限期改正，处二万元以上十万元以下的罚款。",
    ),
    ("第四条", "发生生产安全事故后，单位负责人接到报告后，应当于一小时内向应急管理部门报告。"),
    ("第五条", "本条例自2020年1月1日起施行。"),
]
PLAIN = [
    ("第一条", "为了促进经济发展，制定本条例。"),
    ("第二条", "本条例自2020年1月1日起施行。"),
]


def only(kind: str, local=LOCAL, upper=(), **kw) -> list[Planted]:
    """Plants of one type."""
    return plant(local, upper, types=[kind], **kw)


def changed(copy: Planted, local=LOCAL) -> list[tuple[str, str, str]]:
    """(number, before, after) of every article that differs between ``local`` and the copy."""
    after = dict(copy.articles)
    return [(n, t, after.get(n, "")) for n, t in local if after.get(n) != t]


def assert_exact(copy: Planted, local=LOCAL) -> None:
    """The copy differs from ``local`` in the label's article, exactly by the label's words."""
    label = copy.label
    [(number, old, new)] = changed(copy, local)
    assert number == label.article
    assert old[label.offset : label.offset + len(label.before)] == label.before
    assert new == old[: label.offset] + label.after + old[label.offset + len(label.before) :]
    assert [n for n, _ in copy.articles] == [n for n, _ in local]


def test_fine_raises_the_maximum_or_lowers_the_minimum() -> None:
    copies = only("fine")
    assert sorted((c.label.before, c.label.after) for c in copies) == [
        ("二万元", "五千元"),
        ("十万元", "三十万元"),
    ]
    for c in copies:
        assert_exact(c)
        assert c.label.code == "CHECK_FINE_RANGE" and c.label.article == "第三条"
        assert not c.label.comparable  # no upper law given


def test_fine_goes_outside_every_amount_of_the_comparable_upper_article() -> None:
    upper = [
        (
            "第九十四条",
            "违反本法规定的，由应急管理部门责令限期改正，处五万元以上二十万元以下的罚款。",
        )
    ]
    copies = only("fine", upper=upper)
    # above 二十万元 and below 二万元 (two steps of the ladder from each)
    assert sorted(c.label.after for c in copies) == ["五十万元", "五千元"]
    assert all(c.label.comparable and c.label.upper_article == "第九十四条" for c in copies)


def test_fines_in_arabic_digits_stay_arabic() -> None:
    local = [("第一条", "违反规定的，处2万元以上10万元以下罚款。")]
    copies = only("fine", local=local)
    assert sorted(c.label.after for c in copies) == ["30万元", "5000元"]
    for c in copies:
        assert_exact(c, local)


def test_a_threshold_in_yuan_is_not_a_fine() -> None:
    local = [
        ("第一条", "违法所得十万元以上的，并处违法所得二倍以上五倍以下的罚款；给予一万元奖励。")
    ]
    assert only("fine", local=local) == []


def test_time_limit_is_lengthened() -> None:
    [copy] = only("time_limit")
    assert_exact(copy)
    assert (copy.label.before, copy.label.after) == ("一小时", "两小时")
    assert copy.label.code == "CHECK_TIME_LIMIT"


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        ("应当自收到申请之日起十五日内作出决定。", "十五日", "三十日"),
        ("应当在15日内依法作出处理决定。", "15日", "30日"),
        ("除紧急情形外，应当提前二十四小时通知。", "二十四小时", "四十八小时"),
        ("应当在五个工作日内约定检验。", "五个工作日", "十个工作日"),
        ("应当自任职之日起六个月内考核合格。", "六个月", "十二个月"),
    ],
)
def test_time_limit_forms(text: str, before: str, after: str) -> None:
    local = [("第一条", text)]
    [copy] = only("time_limit", local=local)
    assert (copy.label.before, copy.label.after) == (before, after)
    assert_exact(copy, local)


def test_dates_and_periods_are_not_time_limits() -> None:
    local = [("第一条", "本条例自2016年1月1日起施行。每三年进行一次评价，五年内不得担任负责人。")]
    assert only("time_limit", local=local) == []


def test_modality_changes_one_modal_per_copy() -> None:
    copies = only("modality")
    assert len(copies) == 2  # 应当 in 第二条 and 第四条
    for c in copies:
        assert_exact(c)
        assert (c.label.before, c.label.after) == ("应当", "可以")
    local = [("第一条", "任何单位不得阻挠检查，不应当拖延，不得不停产的除外。")]
    [copy] = only("modality", local=local)
    assert (copy.label.before, copy.label.offset) == ("不得", 4)


def test_modality_is_comparable_only_where_the_upper_article_binds_the_same_action() -> None:
    upper = [
        ("第四条", "生产经营单位必须建立健全全员安全生产责任制，加强安全生产标准化建设。"),
        ("第八十三条", "单位负责人接到事故报告后，应当迅速采取有效措施，组织抢救。"),
    ]
    by_article = {c.label.article: c.label for c in only("modality", upper=upper)}
    assert by_article["第二条"].comparable  # 应当建立… against 必须建立…
    assert by_article["第二条"].upper_article == "第四条"
    assert by_article["第四条"].upper_article == "第八十三条"
    assert not by_article["第四条"].comparable  # 应当报告 against 应当组织抢救: another action


def test_authority_only_after_the_renaming() -> None:
    copies = only("authority", local_date=date(2020, 1, 1))
    assert len(copies) == 2
    for c in copies:
        assert_exact(c)
        assert (c.label.before, c.label.after) == ("应急管理部门", "安全生产监督管理部门")
    assert only("authority", local_date=date(2016, 7, 29)) == []
    assert only("authority", local_date=None) == []


def test_xref_points_past_the_last_article() -> None:
    [copy] = only("xref")
    assert_exact(copy)
    assert copy.label.before == "二"
    assert parse_chinese_numeral(copy.label.after) > 5
    local = [("第1条", "违反本办法第1条规定的，责令改正。")]
    [copy] = only("xref", local=local)
    assert copy.label.after.isdigit() and int(copy.label.after) > 1


UPPER = [
    ("第一条", "为了加强安全生产工作，防止和减少生产安全事故，制定本法。"),
    (
        "第三十八条",
        "国家对严重危及生产安全的工艺、设备实行淘汰制度。\n"
        "省、自治区、直辖市人民政府可以根据本地区实际情况制定并公布具体目录，"
        "对前款规定以外的危及生产安全的工艺、设备予以淘汰。",
    ),
]


def test_delegation_removes_the_answering_article() -> None:
    texts = [t for _, t in LOCAL]
    texts.insert(
        2, "省人民政府可以根据本省实际情况制定并公布具体目录，对危及生产安全的工艺、设备予以淘汰。"
    )
    local = [(f"第{'一二三四五六'[k]}条", t) for k, t in enumerate(texts)]
    [copy] = only("delegation", local=local, upper=UPPER)
    label = copy.label
    assert (label.code, label.article, label.upper_article) == (
        "CHECK_DELEGATION_UNMET",
        "第三条",
        "第三十八条",
    )
    assert label.offset == -1 and label.after == ""
    assert label.before == local[2][1]
    assert [n for n, _ in copy.articles] == [n for n, _ in local if n != "第三条"]
    assert "CHECK_NUMBERING_GAP" in label.side_effects


def test_delegation_removes_only_the_answering_paragraph() -> None:
    local = [
        ("第一条", "本条例适用于本省。"),
        (
            "第二条",
            "本省执行国家淘汰目录。\n省人民政府可以根据本省实际情况制定并公布具体目录，对危及生产安全的工艺、设备予以淘汰。",
        ),
    ]
    [copy] = only("delegation", local=local, upper=UPPER)
    assert copy.label.article == "第二条" and copy.label.offset >= 0
    assert dict(copy.articles)["第二条"] == "本省执行国家淘汰目录。"
    assert copy.label.side_effects == ()


def test_naming_the_department_in_charge_is_not_a_delegation_to_plant() -> None:
    upper = [
        (
            "第十条",
            "对新兴行业、领域的安全生产监督管理职责不明确的，由县级以上地方各级人民政府按照业务相近的原则确定监督管理部门。",
        )
    ]
    local = [
        ("第一条", "本条例适用于本省。"),
        (
            "第二条",
            "对新兴行业、领域的安全生产监督管理职责不明确的，由省、市、县人民政府按照业务相近的原则确定监督管理部门。",
        ),
    ]
    assert only("delegation", local=local, upper=upper) == []


def test_no_delegation_plant_without_a_clear_counterpart() -> None:
    assert only("delegation", upper=UPPER) == []  # nothing in LOCAL answers 第三十八条
    assert only("delegation", local=LOCAL, upper=()) == []


def test_no_mutation_where_the_text_lacks_the_feature() -> None:
    assert plant(PLAIN, local_date=date(2020, 1, 1)) == []


def test_the_same_seed_gives_the_same_copies() -> None:
    local = [("第一条", "应当" + "，应当".join("甲乙丙丁戊己庚辛") + "。")]
    first = plant(local, seed=7, per_type=3)
    assert first == plant(local, seed=7, per_type=3)
    assert len(first) == 3
    offsets = {tuple(c.label.offset for c in plant(local, seed=s, per_type=3)) for s in range(6)}
    assert len(offsets) > 1  # the seed does choose


def test_unknown_type_names_the_choices() -> None:
    with pytest.raises(ValueError, match="modality"):
        plant(LOCAL, types=["fines"])


def test_label_round_trips_to_a_dict() -> None:
    label = only("fine")[0].label
    assert Label(**{**label.to_dict(), "side_effects": tuple(label.side_effects)}) == label
    assert set(EXPECTED) == set(TYPES)


# --- restated: the upper law says the same for the same conduct --------------------------------

FINE_UPPER = [
    (
        "第九十条",
        "生产经营单位未按照规定设置安全生产管理机构的，责令限期改正，"
        "处五万元以上二十万元以下的罚款。",
    ),
]


def test_a_fine_with_the_same_amounts_for_the_same_conduct_is_restated() -> None:
    local = [
        (
            "第三十条",
            "违反本条例第十条规定，生产经营单位未按照规定设置安全生产管理机构的，"
            "由应急管理部门责令限期改正，处五万元以上二十万元以下的罚款。",
        )
    ]
    copies = only("fine", local=local, upper=FINE_UPPER)
    assert len(copies) == 2  # the maximum raised, the minimum lowered
    assert all(c.label.restated for c in copies)


def test_the_same_amounts_for_other_conduct_are_not_restated() -> None:
    local = [
        (
            "第三十一条",
            "未按照规定公布举报电话和信箱的，由应急管理部门责令限期改正，"
            "处五万元以上二十万元以下的罚款。",
        )
    ]
    copies = only("fine", local=local, upper=FINE_UPPER)
    assert copies and not any(c.label.restated for c in copies)
    assert all(c.label.comparable for c in copies)  # the loose flag says comparable


def test_a_fine_restates_only_the_same_amounts() -> None:
    local = [
        (
            "第三十条",
            "生产经营单位未按照规定设置安全生产管理机构的，责令限期改正，"
            "处二十万元以下的罚款。",  # no minimum: not the upper's 五万元以上二十万元以下
        )
    ]
    assert not any(c.label.restated for c in only("fine", local=local, upper=FINE_UPPER))


AGENCY_UPPER = [
    (
        "第九十二条",
        "承担安全评价、认证、检测、检验职责的机构出具失实报告的，责令停业整顿，"
        "并处三万元以上十万元以下的罚款。",
    ),
    (
        "第九十三条",
        "在禁止燃放烟花爆竹的时间、地点燃放烟花爆竹的，由公安部门责令停止燃放，"
        "处一百元以上五百元以下的罚款。",
    ),
]


def test_a_party_both_conducts_open_with_is_not_the_same_conduct() -> None:
    local = [
        (
            "第七十八条",
            "承担安全评价、认证、检测、检验职责的机构违法更改或者简化评价程序的，"
            "处三万元以上十万元以下的罚款。",
        )
    ]
    copies = only("fine", local=local, upper=AGENCY_UPPER)
    assert copies and not any(c.label.restated for c in copies)
    # words that open with the conduct itself, not a party, still count
    local = [
        (
            "第十三条",
            "在禁止燃放烟花爆竹区域燃放烟花爆竹的，由公安部门责令改正，"
            "处一百元以上五百元以下的罚款。",
        )
    ]
    assert all(c.label.restated for c in only("fine", local=local, upper=AGENCY_UPPER))


TIME_UPPER = [("第八十三条", "单位负责人接到事故报告后，应当于一小时内向有关部门报告。")]


def test_a_time_limit_as_long_in_the_same_words_is_restated() -> None:
    local = [("第四条", "单位负责人接到事故报告后，应当于1小时内向有关部门报告。")]
    [copy] = only("time_limit", local=local, upper=TIME_UPPER)
    assert copy.label.restated


def test_a_time_limit_in_other_words_is_not_restated() -> None:
    local = [("第四条", "检验机构应当自受理申请之日起一小时内出具检验报告。")]
    [copy] = only("time_limit", local=local, upper=TIME_UPPER)
    assert not copy.label.restated
    local = [("第四条", "单位负责人接到事故报告后，应当于两小时内向有关部门报告。")]
    [copy] = only("time_limit", local=local, upper=TIME_UPPER)
    assert not copy.label.restated  # the same words, another length


MODAL_UPPER = [
    ("第四条", "生产经营单位必须建立健全全员安全生产责任制，加强安全生产标准化建设。"),
]


def test_a_modal_binding_the_same_party_to_the_same_action_is_restated() -> None:
    local = [("第二条", "生产经营单位应当建立健全全员安全生产责任制。")]
    [copy] = only("modality", local=local, upper=MODAL_UPPER)
    assert (copy.label.before, copy.label.after) == ("应当", "可以")
    assert copy.label.restated


def test_a_modal_binding_another_party_is_not_restated() -> None:
    local = [("第二条", "县级以上人民政府应当建立健全全员安全生产责任制。")]
    [copy] = only("modality", local=local, upper=MODAL_UPPER)
    assert not copy.label.restated
    local = [("第二条", "应当建立健全全员安全生产责任制。")]  # no party before the modal
    [copy] = only("modality", local=local, upper=MODAL_UPPER)
    assert not copy.label.restated
    local = [("第二条", "生产经营单位不得建立健全全员安全生产责任制。")]  # another kind
    [copy] = only("modality", local=local, upper=MODAL_UPPER)
    assert not copy.label.restated


def test_authority_and_xref_are_always_restated() -> None:
    copies = plant(LOCAL, (), local_date=date(2020, 1, 1), types=["authority", "xref"])
    assert {c.label.type for c in copies} == {"authority", "xref"}
    assert all(c.label.restated for c in copies)


def test_restated_only_plants_only_restated_sites() -> None:
    local = [
        *FINE_UPPER,
        ("第九十一条", "未按照规定公布举报电话的，责令限期改正，处五万元以上二十万元以下的罚款。"),
        ("第九十二条", "违反本条例第九十条规定的，处一万元罚款。"),
    ]
    every = plant(local, FINE_UPPER, local_date=date(2020, 1, 1))
    restated = plant(local, FINE_UPPER, local_date=date(2020, 1, 1), restated_only=True)
    assert restated and all(c.label.restated for c in restated)
    assert {c.label for c in restated} == {c.label for c in every if c.label.restated}
    assert len(restated) < len(every)
    [fine] = plant(local, FINE_UPPER, types=["fine"], per_type=1, restated_only=True)
    assert fine.label.article == "第九十条"  # the cap applies after the others are dropped


SNAP_LOCAL = [
    *LOCAL,
    (
        "第六条",
        "生产经营单位未按照规定设置安全生产管理机构的，由应急管理部门责令限期改正，"
        "处五万元以上二十万元以下的罚款；违反本条例第四条规定的，处一万元罚款。",
    ),
]
SNAP_UPPER = [
    ("第十条", "生产经营单位必须建立健全全员安全生产责任制。"),
    ("第二十条", "单位负责人接到事故报告后，应当于一小时内报告。"),
    *FINE_UPPER,
    UPPER[1],
]
# plant(SNAP_LOCAL, SNAP_UPPER, local_date=2020-01-01, seed=3, per_type=2) before ``restated``
SNAPSHOT = [
    ("fine", "CHECK_FINE_RANGE", "第六条", "二十万元", "五十万元", 43, "第九十条", 0.7755, True, ()),
    ("fine", "CHECK_FINE_RANGE", "第六条", "一万元", "五十万元", 66, "第九十条", 0.7755, True, ()),
    ("time_limit", "CHECK_TIME_LIMIT", "第四条", "一小时", "两小时", 24, "第二十条", 0.6154, True, ()),
    ("modality", "CHECK_MODALITY", "第二条", "应当", "可以", 6, "第十条", 0.8421, True, ()),
    ("modality", "CHECK_MODALITY", "第四条", "应当", "可以", 21, "第二十条", 0.6154, True, ()),
    ("authority", "CHECK_RENAMED_AUTHORITY", "第四条", "应急管理部门", "安全生产监督管理部门", 29,
     "第二十条", 0.6154, True, ()),
    ("authority", "CHECK_RENAMED_AUTHORITY", "第六条", "应急管理部门", "安全生产监督管理部门", 24,
     "第九十条", 0.7755, True, ()),
    ("xref", "CHECK_XREF_MISSING", "第三条", "二", "七", 6, "第九十条", 0.4324, True, ()),
    ("xref", "CHECK_XREF_MISSING", "第六条", "四", "十一", 59, "第九十条", 0.7755, True, ()),
]  # fmt: skip


def test_the_default_choice_of_sites_is_unchanged_by_restated() -> None:
    copies = plant(SNAP_LOCAL, SNAP_UPPER, local_date=date(2020, 1, 1), seed=3, per_type=2)
    got = [tuple(v for k, v in c.label.to_dict().items() if k != "restated") for c in copies]
    assert got == SNAPSHOT
    # only the 一万元 fine restates nothing: its conduct is all boilerplate (违反本条例第四条规定)
    assert [c.label.article for c in copies if not c.label.restated] == ["第六条"]
    assert [c.label.before for c in copies if not c.label.restated] == ["一万元"]


def test_scoring_counts_restated_labels_apart() -> None:
    [copy] = plant(LOCAL, (), types=["xref"])
    tally = Tally()
    score(copy.label, [], [_finding("CHECK_XREF_MISSING", "第三条")], tally, "test")
    assert (tally.restated_clean, tally.restated_found, tally.recall_restated()) == (1, 1, 1.0)
    label = only("fine")[0].label
    assert not label.restated
    tally = Tally()
    score(label, [], [], tally, "test")
    assert (tally.restated_clean, tally.recall_restated()) == (0, None)


def _finding(code, local_number=None, upper_number=None, key=""):
    from types import SimpleNamespace

    return SimpleNamespace(
        code=code,
        local_number=local_number,
        upper_number=upper_number,
        key=key,
        message="",
        local_marks=(),
    )


def test_scoring_counts_new_findings_at_the_change_as_true() -> None:
    label = only("fine")[0].label
    original = [_finding("CHECK_MODALITY", "第二条", "第一条")]
    copy = [
        *original,
        _finding("CHECK_FINE_RANGE", "第三条", "第九十四条", "fine"),
        _finding("CHECK_TIME_LIMIT", "第四条", "第九条"),
    ]
    tally = Tally()
    score(label, original, copy, tally, "test")
    assert (tally.found, tally.tp, tally.fp, tally.confounded) == (1, 1, 1, 0)
    assert tally.fp_codes == {"CHECK_TIME_LIMIT": 1}
    tally = Tally()
    score(label, copy, copy, tally, "test")  # already on the original: confounded, not scored
    assert (tally.confounded, tally.found, tally.recall()) == (1, 0, None)


# --- the real data (../shared/data/lawrefbook_safety) ------------------------------------------


@pytest.fixture(scope="module")
def texts(shared_data: Path):
    """The LawRefBook texts, or skip."""
    root = shared_data / "lawrefbook_safety"
    if not (root / "articles.jsonl").is_file():
        pytest.skip("../shared/data/lawrefbook_safety is not present")
    return load_texts(root)


def test_real_texts_dates_and_upper_laws(texts) -> None:
    by = {(t.title, t.date.year if t.date else None): t for t in texts}
    henan = by[("河南省安全生产条例", 2019)]  # the file name says 2010; the header says 2019
    assert upper_law(henan, texts).title == "中华人民共和国安全生产法"
    special = by[("山东省特种设备安全条例", 2015)]
    assert upper_law(special, texts).title == "中华人民共和国特种设备安全法"
    provincial = {
        lo.title for lo, up in review_pairs(texts) if up.title == "中华人民共和国安全生产法"
    }
    assert {
        "上海市安全生产条例",
        "北京市安全生产条例",
        "山东省安全生产条例",
        "河南省安全生产条例",
        "浙江省安全生产条例",
        "重庆市安全生产条例",
    } <= provincial


def test_real_plants_are_single_well_formed_changes(texts) -> None:
    pairs = {lo.name: (lo, up) for lo, up in review_pairs(texts)}
    local, upper = pairs["山东省安全生产条例 (2021-12-03)"]
    copies = plant(local.articles, upper.articles, local_date=local.date, seed=0, per_type=5)
    assert {c.label.type for c in copies} >= {"fine", "modality", "authority", "xref"}
    numeral = re.compile(r"[零〇一二两三四五六七八九十百千]+")
    for c in copies:
        if c.label.offset == -1:
            assert len(c.articles) == len(local.articles) - 1
            continue
        assert_exact(c, list(local.articles))
        if c.label.type in ("fine", "time_limit", "xref"):
            digits = numeral.match(c.label.after)
            assert digits, c.label  # Chinese numerals stay Chinese in this text
            parse_chinese_numeral(digits.group())
    assert copies == plant(
        local.articles, upper.articles, local_date=local.date, seed=0, per_type=5
    )


def test_scoring_a_removed_provision_by_the_delegating_article() -> None:
    label = Label(
        "delegation", "CHECK_DELEGATION_UNMET", "第三条", "…", "", -1, "第三十八条", 0.8, True,
        ("CHECK_NUMBERING_GAP",),
    )  # fmt: skip
    copy = [
        _finding("CHECK_DELEGATION_UNMET", None, "第三十八条"),
        _finding("CHECK_NUMBERING_GAP", "第四条"),
    ]
    tally = Tally()
    score(label, [], copy, tally, "test")
    assert (tally.found, tally.tp, tally.side, tally.fp) == (1, 1, 1, 0)


@pytest.mark.parametrize(
    "module", ["bench_review_planted", "bench_norm_conflicts", "bench_review_speed"]
)
def test_benches_exit_0_with_a_message_without_shared_data(
    module, monkeypatch, tmp_path, capsys
) -> None:
    import importlib

    bench = importlib.import_module(f"bench.{module}")
    monkeypatch.setattr(
        bench, "LAWREF" if hasattr(bench, "LAWREF") else "DATA", tmp_path / "absent"
    )
    assert bench.main([]) == 0
    assert "skipped" in capsys.readouterr().out
