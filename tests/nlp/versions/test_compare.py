"""Article-level comparison of two versions: labels, inline diffs, alignment through renumbering."""

from __future__ import annotations

import itertools
import json
import random
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest import load_document
from ingest.numbering import to_chinese_numeral
from nlp.versions.compare import (
    ArticleChange,
    ArticleText,
    DiffSpan,
    VersionComparison,
    article_body,
    compare_versions,
    inline_diff,
)

CORPUS = Path(__file__).resolve().parents[3] / "corpus"


def zh(n: int, body: str, doc: str = "law") -> ArticleText:
    """A Chinese article numbered ``n`` whose stored text starts with its label."""
    number = f"第{to_chinese_numeral(n)}条"
    return ArticleText(f"{doc}/art-{n}", number, f"{number}　{body}")


def zh_law(bodies: list[str], doc: str = "law") -> list[ArticleText]:
    return [zh(n, body, doc) for n, body in enumerate(bodies, start=1)]


def en(n: int, body: str) -> ArticleText:
    return ArticleText(f"act/art-{n}", f"Article {n}", f"Article {n}. {body}")


def old_new(comparison: VersionComparison) -> list[tuple[str, str | None, str | None]]:
    return [
        (c.kind, c.old.number if c.old else None, c.new.number if c.new else None)
        for c in comparison.changes
    ]


def joined(spans: tuple[DiffSpan, ...], *ops: str) -> str:
    return "".join(s.text for s in spans if s.op in ops)


BODIES = [
    "为了规范生产经营活动中的安全管理，制定本法。",
    "在本国领域内从事生产经营活动的单位的安全生产，适用本法。",
    "安全生产工作坚持预防为主、综合治理的方针。",
    "生产经营单位的主要负责人对本单位的安全生产工作全面负责。",
    "国务院应急管理部门对全国安全生产工作实施综合监督管理。",
    "生产经营单位应当具备法律规定的安全生产条件。",
    "生产经营单位应当对从业人员进行安全生产教育和培训。",
    "生产经营单位应当建立事故隐患排查治理制度。",
]


# --- article_body ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number", "body"),
    [
        ("第二十一条　生产经营单位应当……", "第二十一条", "生产经营单位应当……"),
        ("第二十一条 生产经营单位应当……", "", "生产经营单位应当……"),
        ("第二十一条生产经营单位应当……", "第二十一条", "生产经营单位应当……"),
        ("第十五条之一　新增条文。", "第十五条之一", "新增条文。"),
        ("Article 8. Employers shall report.", "Article 8", "Employers shall report."),
        ("Article 8. Employers shall report.", "8", "Employers shall report."),
        ("  Article 8: Employers shall report.", "8", "Employers shall report."),
        ("§ 56.1000 Definitions. Words mean…", "§ 56.1000", "Definitions. Words mean…"),
        ("8. Employers shall report.", "8", "Employers shall report."),
        ("（一）修订完善职责清单。", "（一）", "修订完善职责清单。"),
        # No label: the text is the body.
        ("生产经营单位应当……", "第二十一条", "生产经营单位应当……"),
        # "8" is not the label of "80 workers", nor is another article's label this one's.
        ("80 workers at least.", "8", "80 workers at least."),
        ("Article 9. Employers shall report.", "8", "Article 9. Employers shall report."),
    ],
)
def test_article_body_strips_only_the_own_label(text: str, number: str, body: str) -> None:
    assert article_body(text, number) == body


# --- inline_diff ----------------------------------------------------------------------------


def test_a_changed_fine_is_one_character_out_one_in() -> None:
    assert inline_diff("处二万元以上五万元以下的罚款", "处三万元以上五万元以下的罚款") == (
        DiffSpan("equal", "处"),
        DiffSpan("delete", "二"),
        DiffSpan("insert", "三"),
        DiffSpan("equal", "万元以上五万元以下的罚款"),
    )


def test_english_is_diffed_by_whole_words_keeping_spaces() -> None:
    old = "Employers shall keep records for three years."
    new = "Employers shall keep written records for five years."
    assert inline_diff(old, new) == (
        DiffSpan("equal", "Employers shall keep "),
        DiffSpan("insert", "written "),
        DiffSpan("equal", "records for "),
        DiffSpan("delete", "three"),
        DiffSpan("insert", "five"),
        DiffSpan("equal", " years."),
    )


def test_a_word_changed_inside_is_replaced_whole_not_by_letters() -> None:
    spans = inline_diff("the employer shall", "the employee shall")
    assert DiffSpan("delete", "employer") in spans
    assert DiffSpan("insert", "employee") in spans


def test_identical_and_empty_texts() -> None:
    assert inline_diff("同一文本", "同一文本") == (DiffSpan("equal", "同一文本"),)
    assert inline_diff("", "") == ()
    assert inline_diff("", "新增") == (DiffSpan("insert", "新增"),)
    assert inline_diff("删除", "") == (DiffSpan("delete", "删除"),)


_MIXED = st.text(
    alphabet=st.sampled_from(list("安全生产法第一二十条，。（）、 \n　") + list("ab Zé9.,")),
    max_size=60,
)
_WORDS = st.lists(
    st.sampled_from(["shall", "employer", "employers", "the", "of", "(a)", "30", "days.", ","]),
    max_size=20,
).map(" ".join)


@given(old=_MIXED, new=_MIXED)
def test_spans_join_back_to_both_texts_chinese(old: str, new: str) -> None:
    spans = inline_diff(old, new)
    assert joined(spans, "equal", "delete") == old
    assert joined(spans, "equal", "insert") == new
    assert all(s.text for s in spans)
    # Adjacent spans never share an op (they would have been one span).
    assert all(a.op != b.op for a, b in itertools.pairwise(spans))


@given(old=_WORDS, new=_WORDS)
def test_spans_join_back_to_both_texts_english(old: str, new: str) -> None:
    spans = inline_diff(old, new)
    assert joined(spans, "equal", "delete") == old
    assert joined(spans, "equal", "insert") == new
    # Word level: no changed span starts or ends inside a word of the text it comes from.
    for text, op in ((old, "delete"), (new, "insert")):
        pos = 0
        for s in spans:
            if s.op in ("equal", op):
                if s.op == op:
                    before, after = (
                        text[pos - 1 : pos],
                        text[pos + len(s.text) : pos + len(s.text) + 1],
                    )
                    assert not (before.isalnum() and s.text[0].isalnum())
                    assert not (after.isalnum() and s.text[-1].isalnum())
                pos += len(s.text)


# --- compare_versions: synthetic ------------------------------------------------------------


def test_an_inserted_article_shifts_later_numbers_but_they_stay_unchanged() -> None:
    old = zh_law(BODIES)
    new = zh_law(
        [*BODIES[:3], "县级以上地方各级人民政府应当建设风险监测预警信息系统。", *BODIES[3:]]
    )
    result = compare_versions(old, new)
    assert result.counts() == {
        "added": 1,
        "removed": 0,
        "changed": 0,
        "unchanged": 8,
        "renumbered": 5,
    }
    kinds = old_new(result)
    assert kinds[3] == ("added", None, "第四条")
    assert kinds[2] == ("unchanged", "第三条", "第三条")
    assert kinds[4] == ("unchanged", "第四条", "第五条")
    assert kinds[-1] == ("unchanged", "第八条", "第九条")
    shifted = result.changes[4]
    assert shifted.renumbered and shifted.similarity == 1.0 and shifted.diff == ()
    assert not result.changes[2].renumbered


def test_a_deleted_article_is_removed_where_it_stood() -> None:
    old = zh_law(BODIES)
    new = zh_law(BODIES[:2] + BODIES[3:])
    result = compare_versions(old, new)
    assert old_new(result)[:4] == [
        ("unchanged", "第一条", "第一条"),
        ("unchanged", "第二条", "第二条"),
        ("removed", "第三条", None),
        ("unchanged", "第四条", "第三条"),
    ]
    assert result.counts() == {
        "added": 0,
        "removed": 1,
        "changed": 0,
        "unchanged": 7,
        "renumbered": 5,
    }
    assert result.changes[2].similarity == 0.0 and result.changes[2].new is None


def test_a_changed_fine_amount_is_changed_with_its_inline_diff() -> None:
    old = zh_law([*BODIES[:2], "违反本法规定的，处二万元以上五万元以下的罚款。", *BODIES[2:]])
    new = zh_law([*BODIES[:2], "违反本法规定的，处三万元以上五万元以下的罚款。", *BODIES[2:]])
    result = compare_versions(old, new)
    assert result.counts()["changed"] == 1 and result.counts()["renumbered"] == 0
    change = result.changes[2]
    assert (change.kind, change.old.number, change.new.number) == ("changed", "第三条", "第三条")
    assert not change.renumbered
    assert 0.9 < change.similarity < 1.0
    # The label is not part of the diff: only the body is compared.
    assert change.diff == (
        DiffSpan("equal", "违反本法规定的，处"),
        DiffSpan("delete", "二"),
        DiffSpan("insert", "三"),
        DiffSpan("equal", "万元以上五万元以下的罚款。"),
    )


def test_a_changed_article_that_moved_number_is_changed_and_renumbered() -> None:
    old = [en(1, "This Act applies to mines."), en(2, "Employers shall report within 7 days.")]
    new = [
        en(1, "This Act applies to mines."),
        en(2, "Contractors shall register."),
        en(3, "Employers shall report within 30 days."),
    ]
    result = compare_versions(old, new)
    assert old_new(result) == [
        ("unchanged", "Article 1", "Article 1"),
        ("added", None, "Article 2"),
        ("changed", "Article 2", "Article 3"),
    ]
    change = result.changes[2]
    assert change.renumbered
    assert joined(change.diff, "delete") == "7" and joined(change.diff, "insert") == "30"


def test_width_and_white_space_differences_are_unchanged() -> None:
    old = [
        zh(1, "生产经营单位（以下统称单位）应当：\n（一）登记建档；"),
        en(2, "Employers  shall\nreport."),
    ]
    new = [
        ArticleText(
            "law/art-1", "第一条", "第一条 生产经营单位(以下统称单位)应当:（一） 登记建档;"
        ),
        ArticleText("law/art-2", "Article 2", "Article 2 Employers shall report."),
    ]
    result = compare_versions(old, new)
    assert [c.kind for c in result.changes] == ["unchanged", "unchanged"]
    assert result.counts()["renumbered"] == 0


def test_a_space_between_latin_words_still_counts() -> None:
    result = compare_versions(
        [en(1, "Keep the records therein.")], [en(1, "Keep the records there in.")]
    )
    assert [c.kind for c in result.changes] == ["changed"]


def test_the_same_number_printed_differently_is_not_renumbered() -> None:
    old = [ArticleText("a/8", "Article 8", "Article 8. Employers shall report.")]
    new = [ArticleText("b/8", "8", "8. Employers shall report.")]
    (change,) = compare_versions(old, new).changes
    assert change.kind == "unchanged" and not change.renumbered


def test_an_unrelated_replacement_is_removed_and_added_not_changed() -> None:
    old = zh_law([BODIES[0], "特种作业人员应当经专门的安全作业培训。", BODIES[2]])
    new = zh_law([BODIES[0], "工会有权对建设项目安全设施进行监督。", BODIES[2]])
    result = compare_versions(old, new)
    assert result.counts()["changed"] == 0
    assert sorted(c.kind for c in result.changes[1:3]) == ["added", "removed"]
    # A threshold low enough makes the same pair one changed article.
    loose = compare_versions(old, new, threshold=0.1)
    assert [c.kind for c in loose.changes] == ["unchanged", "changed", "unchanged"]


@pytest.mark.parametrize("threshold", [0.0, -0.5, 1.5])
def test_a_threshold_outside_zero_to_one_is_refused(threshold: float) -> None:
    with pytest.raises(ValueError, match="threshold"):
        compare_versions([], [], threshold=threshold)


def test_an_identical_article_that_moved_is_unchanged_and_renumbered() -> None:
    old = zh_law(BODIES[:4])
    new = zh_law([BODIES[1], BODIES[2], BODIES[3], BODIES[0]])
    result = compare_versions(old, new)
    assert [c.kind for c in result.changes] == ["unchanged"] * 4
    assert result.changes[-1].old.number == "第一条" and result.changes[-1].renumbered


def test_an_article_moved_to_the_front_does_not_hide_the_order_of_the_rest() -> None:
    # Old 第五条 moves to the front unchanged; 第一条 to 第三条 keep their order and still fix the
    # stretch after them, so the edited 第四条 pairs with the edited last article.
    edited_old = "生产经营单位应当建立事故隐患排查治理制度。"
    edited_new = "生产经营单位应当建立健全事故隐患排查治理制度。"
    old = zh_law([*BODIES[:3], edited_old, BODIES[3]])
    new = zh_law([BODIES[3], *BODIES[:3], edited_new])
    result = compare_versions(old, new)
    assert result.counts() == {
        "added": 0,
        "removed": 0,
        "changed": 1,
        "unchanged": 4,
        "renumbered": 5,
    }
    assert old_new(result)[0] == ("unchanged", "第五条", "第一条")
    assert old_new(result)[-1] == ("changed", "第四条", "第五条")


def test_an_inserted_article_with_a_suffix_number_is_added() -> None:
    old = zh_law(BODIES[:2])
    inserted = ArticleText("law/art-1-1", "第一条之一", "第一条之一　" + BODIES[4])
    new = [old[0], inserted, old[1]]
    assert old_new(compare_versions(old, new)) == [
        ("unchanged", "第一条", "第一条"),
        ("added", None, "第一条之一"),
        ("unchanged", "第二条", "第二条"),
    ]
    moved = compare_versions(
        [zh(15, BODIES[0])], [ArticleText("x", "第十五条之一", "第十五条之一 " + BODIES[0])]
    )
    assert moved.changes[0].kind == "unchanged" and moved.changes[0].renumbered


def test_similarity_pairs_never_cross_each_other() -> None:
    # Each new article resembles the other old one; order-preserving alignment keeps only one.
    a, b = (
        "生产经营单位应当建立事故隐患排查治理制度并记录",
        "从业人员有权拒绝违章指挥和强令冒险作业",
    )
    # One to one (the second pass would pair both, as each is contained in the other).
    result = compare_versions(zh_law([a, b]), zh_law([b + "。", a + "。"]), regroup_leftovers=False)
    assert result.counts()["changed"] == 1
    assert result.counts()["added"] == 1 and result.counts()["removed"] == 1


def test_similarity_pairs_never_cross_an_identical_article() -> None:
    changed_old = "生产经营单位应当建立事故隐患排查治理制度。"
    changed_new = "生产经营单位应当建立健全事故隐患排查治理制度。"
    old = zh_law([changed_old, BODIES[0], BODIES[1]])
    new = zh_law([BODIES[0], BODIES[1], changed_new])
    assert old_new(compare_versions(old, new, regroup_leftovers=False)) == [
        ("removed", "第一条", None),
        ("unchanged", "第二条", "第一条"),
        ("unchanged", "第三条", "第二条"),
        ("added", None, "第三条"),
    ]


def test_the_best_total_alignment_beats_the_single_best_pair() -> None:
    # Greedy best-first would take old 2 ↔ new 1 (the highest single score) and then could pair
    # nothing else without crossing; the monotone alignment pairs 1↔1 and 2↔2 instead.
    old = zh_law(["甲乙丙丁戊己庚辛壬癸子丑寅卯", "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳"])
    new = zh_law(["甲乙丙丁戊己庚辛壬癸子丑寅卯辰", "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未"])
    result = compare_versions(old, new)
    assert old_new(result) == [("changed", "第一条", "第一条"), ("changed", "第二条", "第二条")]


def test_repeated_identical_bodies_pair_in_order() -> None:
    old = zh_law(["（删除）", BODIES[0], "（删除）"])
    new = zh_law(["（删除）", BODIES[0], "（删除）"])
    result = compare_versions(old, new)
    assert [(c.old.key, c.new.key) for c in result.changes] == [
        ("law/art-1", "law/art-1"),
        ("law/art-2", "law/art-2"),
        ("law/art-3", "law/art-3"),
    ]
    assert result.counts()["renumbered"] == 0


def test_a_split_article_is_changed_plus_added_one_to_one() -> None:
    first = "生产经营单位应当建立安全生产责任制，明确各岗位的责任人员、责任范围和考核标准。"
    second = "生产经营单位应当建立健全全员安全生产责任制。"
    result = compare_versions(
        zh_law([first + second]), zh_law([first, second]), regroup_leftovers=False
    )
    assert sorted(c.kind for c in result.changes) == ["added", "changed"]


# --- compare_versions: merges, splits and rewrites (the second pass) --------------------------

DUTY = "生产经营单位应当建立健全全员安全生产责任制，明确各岗位的责任人员、责任范围和考核标准。"
TRAINING = "特种作业人员应当按照国家有关规定经专门的安全作业培训，取得相应资格，方可上岗作业。"
PLAN = "生产经营单位应当制定本单位生产安全事故应急救援预案，并定期组织演练。"
FRESH = "县级以上地方各级人民政府应当建立安全生产风险监测预警信息系统，并向社会公开。"
GONE = "矿山企业应当按照规定提取和使用安全生产费用，专门用于改善安全生产条件。"


def test_two_old_articles_merged_into_one_new_are_one_change() -> None:
    old = zh_law([BODIES[0], DUTY, TRAINING, BODIES[2]])
    new = zh_law([BODIES[0], DUTY + "\n" + TRAINING, BODIES[2]])
    result = compare_versions(old, new)
    assert result.counts() == {
        "added": 0,
        "removed": 0,
        "changed": 1,
        "unchanged": 2,
        "renumbered": 1,
        "merged": 1,
    }
    merge = result.changes[1]
    assert (merge.old.number, merge.new.number) == ("第二条", "第二条")
    assert [a.number for a in merge.merged_from] == ["第三条"]
    # The diff runs from both old bodies: nothing of the old text was lost.
    assert joined(merge.diff, "delete").strip() == ""


def test_an_old_article_split_in_two_is_changed_plus_split() -> None:
    old = zh_law([BODIES[0], DUTY + TRAINING, BODIES[2]])
    new = zh_law([BODIES[0], DUTY, TRAINING, BODIES[2]])
    result = compare_versions(old, new)
    assert result.counts() == {
        "added": 0,
        "removed": 0,
        "changed": 2,
        "unchanged": 2,
        "renumbered": 2,  # the split-off piece and the article after it
        "split": 1,
    }
    first, second = result.changes[1:3]
    assert first.old.number == second.old.number == "第二条"
    assert [first.split, second.split] == [False, True]


def test_an_old_article_absorbed_into_a_changed_one_is_not_removed() -> None:
    old = zh_law([BODIES[0], PLAN, TRAINING, BODIES[2]])
    new = zh_law([BODIES[0], PLAN.replace("定期", "每年至少一次") + TRAINING, BODIES[2]])
    result = compare_versions(old, new)
    assert result.counts()["removed"] == 0 and result.counts()["merged"] == 1
    merge = result.changes[1]
    assert {merge.old.number, *(a.number for a in merge.merged_from)} == {"第二条", "第三条"}


def test_a_rewrite_in_place_is_changed_but_new_and_gone_articles_stay() -> None:
    old_rewrite = "生产经营单位应当制定本单位生产安全事故应急救援预案，并定期组织演练。"
    new_rewrite = "本单位应当依法制定生产安全事故应急救援预案，并与县级人民政府的预案相衔接。"
    old = zh_law([BODIES[0], GONE, old_rewrite, BODIES[2]])
    new = zh_law([BODIES[0], new_rewrite, FRESH, BODIES[2]])
    # One to one, the rewrite scores under a strict threshold: removed plus added.
    one_to_one = compare_versions(old, new, threshold=0.7, regroup_leftovers=False)
    assert one_to_one.counts()["changed"] == 0
    result = compare_versions(old, new, threshold=0.7)
    assert old_new(result) == [
        ("unchanged", "第一条", "第一条"),
        ("removed", "第二条", None),
        ("changed", "第三条", "第二条"),
        ("added", None, "第三条"),
        ("unchanged", "第四条", "第四条"),
    ]


def test_an_unrelated_article_in_the_same_place_stays_removed_and_added() -> None:
    old = zh_law([BODIES[0], GONE, BODIES[2]])
    new = zh_law([BODIES[0], FRESH, BODIES[2]])
    assert [c.kind for c in compare_versions(old, new).changes] == [
        "unchanged",
        "removed",
        "added",
        "unchanged",
    ]


def test_a_merge_or_split_must_be_a_change() -> None:
    with pytest.raises(ValueError, match="merge or a split"):
        ArticleChange("added", None, zh(1, "x"), merged_from=(zh(2, "y"),))
    with pytest.raises(ValueError, match="merge or a split"):
        ArticleChange("unchanged", zh(1, "x"), zh(1, "x"), split=True)


SHARED = Path("/work/shared/data/lawrefbook_safety/articles.jsonl")


@pytest.mark.skipif(not SHARED.exists(), reason="the shared lawrefbook data is not mounted")
def test_emergency_response_law_2007_to_2024_merges_and_rewrites() -> None:
    versions: dict[str, list[ArticleText]] = {"2007-08-30": [], "2024-06-28": []}
    with SHARED.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if (
                row["doc_title"] == "中华人民共和国突发事件应对法"
                and row["version_date"] in versions
            ):
                versions[row["version_date"]].append(
                    ArticleText(row["id"], row["article_no"], row["text"])
                )
    result = compare_versions(versions["2007-08-30"], versions["2024-06-28"])
    by_new = {c.new.number: c for c in result.changes if c.new}
    removed = {c.old.number for c in result.changes if c.kind == "removed"}
    scope = by_new["第二条"]
    assert scope.kind == "changed"
    assert {scope.old.number, *(a.number for a in scope.merged_from)} >= {"第二条", "第三条"}
    absorbed = by_new["第七条"]
    assert absorbed.kind == "changed"
    assert "第十条" in {absorbed.old.number, *(a.number for a in absorbed.merged_from)}
    funding = by_new["第四十四条"]
    assert (funding.kind, funding.old.number) == ("changed", "第三十一条")
    assert not {"第三条", "第十条", "第三十一条"} & removed
    counts = result.counts()
    assert counts["added"] < 53 and counts["removed"] < 17


def test_empty_inputs() -> None:
    assert compare_versions([], []).changes == ()
    assert compare_versions([], []).counts() == {
        "added": 0,
        "removed": 0,
        "changed": 0,
        "unchanged": 0,
        "renumbered": 0,
    }
    assert [c.kind for c in compare_versions(zh_law(BODIES[:2]), []).changes] == ["removed"] * 2
    added = compare_versions([], zh_law(BODIES[:2])).changes
    assert [(c.kind, c.new.number) for c in added] == [("added", "第一条"), ("added", "第二条")]


def test_change_objects_reject_inconsistent_values() -> None:
    with pytest.raises(ValueError):
        DiffSpan("replace", "x")
    with pytest.raises(ValueError):
        ArticleChange("added", zh(1, "x"), None)
    with pytest.raises(ValueError):
        ArticleChange("moved", zh(1, "x"), zh(1, "x"))


def test_300_by_300_changed_articles_align_quickly() -> None:
    rng = random.Random(7)
    alphabet = "安全生产经营单位应当建立制度负责人从业人员培训事故隐患排查治理监督管理部门罚款"
    bodies = ["".join(rng.choices(alphabet, k=rng.randint(40, 160))) for _ in range(300)]
    # Every article changes a little, so nothing pairs as identical and the whole matrix is used.
    edited = [body[:10] + "新" + body[11:] for body in bodies]
    start = time.perf_counter()
    result = compare_versions(zh_law(bodies), zh_law(edited))
    elapsed = time.perf_counter() - start
    assert result.counts()["changed"] == 300
    assert all(c.old.number == c.new.number for c in result.changes)
    assert elapsed < 5.0


# --- compare_versions: the two sample versions ----------------------------------------------


def sample(year: int) -> list[ArticleText]:
    document = load_document(CORPUS / f"zh_national_law_{year}.md").document
    assert document is not None
    headings = {p.id: s.title for s in document.sections for p in s.provisions}
    return [
        ArticleText(p.id, p.number, p.text, headings.get(p.id, "")) for p in document.articles()
    ]


@pytest.fixture(scope="module")
def law_2019_2024() -> VersionComparison:
    return compare_versions(sample(2019), sample(2024))


def test_sample_counts(law_2019_2024: VersionComparison) -> None:
    assert law_2019_2024.counts() == {
        "added": 2,
        "removed": 1,
        "changed": 7,
        "unchanged": 33,
        "renumbered": 29,
    }


def test_sample_added_removed_and_changed_articles(law_2019_2024: VersionComparison) -> None:
    by_kind: dict[str, list[tuple[str | None, str | None]]] = {}
    for kind, old, new in old_new(law_2019_2024):
        by_kind.setdefault(kind, []).append((old, new))
    # 2024 adds 第十条 (安全总监) and 第二十九条 (风险监测预警) and drops 2019 第二十六条 (年度检验).
    assert by_kind["added"] == [(None, "第十条"), (None, "第二十九条")]
    assert by_kind["removed"] == [("第二十六条", None)]
    assert by_kind["changed"] == [
        ("第十二条", "第十三条"),  # 安全生产监督管理部门 → 应急管理部门
        ("第十四条", "第十五条"),  # 九十日 → 一百八十日; 十五日内 → 十日内
        ("第三十一条", "第三十二条"),  # 九十日内 → 六十日内
        ("第三十四条", "第三十五条"),  # cross-references 第十一条/第十四条 follow the renumbering
        ("第三十五条", "第三十六条"),  # 第十五条 → 第十六条; fine 二万…十万 → 五万…二十万
        ("第三十七条", "第三十八条"),  # all four accident fines raised
        ("第四十一条", "第四十二条"),  # date of entry into force
    ]
    unchanged_same_number = [old for old, new in by_kind["unchanged"] if old == new]
    assert unchanged_same_number == [
        f"第{to_chinese_numeral(n)}条" for n in (*range(1, 10), 27, 28)
    ]


def test_sample_reading_order_and_headings(law_2019_2024: VersionComparison) -> None:
    changes = law_2019_2024.changes
    new_numbers = [c.new.number for c in changes if c.new]
    assert new_numbers == [f"第{to_chinese_numeral(n)}条" for n in range(1, 43)]
    removed = next(i for i, c in enumerate(changes) if c.kind == "removed")
    assert changes[removed - 1].new.number == "第二十六条"
    assert changes[removed + 1].new.number == "第二十七条"
    added = [c.new for c in changes if c.kind == "added"]
    assert [a.heading for a in added] == [
        "第二章 生产经营单位的安全生产保障",
        "第四章 安全生产的监督管理",
    ]
    assert added[0].key.endswith("/art-10")


def test_sample_inline_diffs(law_2019_2024: VersionComparison) -> None:
    changed = {c.new.number: c for c in law_2019_2024.changes if c.kind == "changed"}
    authority = changed["第十三条"]
    assert [(s.op, s.text) for s in authority.diff if s.op != "equal"] == [
        ("delete", "安全生产监督"),
        ("insert", "应急"),
    ]
    assert authority.renumbered
    storage = changed["第十五条"].diff
    assert joined(storage, "delete") == "九五" and joined(storage, "insert") == "一百八"
    in_force = changed["第四十二条"].diff
    assert [(s.op, s.text) for s in in_force if s.op != "equal"] == [
        ("delete", "2019"),
        ("insert", "2024"),
        ("delete", "9"),
        ("insert", "7"),
    ]
    for change in changed.values():
        old_body = article_body(change.old.text, change.old.number)
        new_body = article_body(change.new.text, change.new.number)
        assert joined(change.diff, "equal", "delete") == old_body
        assert joined(change.diff, "equal", "insert") == new_body
        assert not old_body.startswith("第")
