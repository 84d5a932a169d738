"""Penalty articles read as rows of offender class, conduct and sanction."""

from __future__ import annotations

from nlp.legal.penalties import penalty_rows, rows_at, split_party

LIST_FORM = (
    "第四十条 食品小作坊有下列行为之一的，由县级以上人民政府食品安全监督管理部门责令改正，"
    "处二百元以上二千元以下罚款：\n"
    "（一）未按规定公示登记证的；\n"
    "（二）使用非食用原料加工食品的。"
)


def test_a_list_form_penalty_gives_one_row_per_listed_conduct() -> None:
    rows = penalty_rows(LIST_FORM)
    assert [r.item for r in rows] == ["一", "二"]
    assert all(r.parties == ("食品小作坊",) for r in rows)
    assert "公示登记证" in rows[0].conduct and "非食用原料" in rows[1].conduct
    # the fine in the lead applies to both listed conducts
    assert rows_at(LIST_FORM, LIST_FORM.index("二百元")) == rows


def test_a_breach_clause_gives_its_conduct_without_the_boilerplate() -> None:
    text = (
        "第五十一条 违反本条例第三十一条规定，燃气经营者未按照规定建立档案的，由燃气主管部门"
        "责令限期改正，处五千元以上五万元以下罚款；逾期不改正的，处五万元以上十万元以下罚款。"
    )
    rows = penalty_rows(text)
    assert len(rows) == 1  # "逾期不改正的" qualifies the conduct before it
    assert rows[0].parties == ("燃气经营者",)
    assert "违反" not in rows[0].conduct and "建立档案" in rows[0].conduct
    # the second fine (after 逾期不改正) punishes the same conduct
    assert rows_at(text, text.index("五万元以上十万元")) == rows


def test_split_party_takes_no_headless_piece_for_a_party() -> None:
    assert split_party("食品、食品添加剂生产者未按规定检验的") == (
        ("食品添加剂生产者",),
        "未按规定检验的",
    )
    assert split_party("擅自拆除燃气设施的") == ((), "擅自拆除燃气设施的")
