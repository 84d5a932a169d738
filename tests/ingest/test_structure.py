"""build_structure on hand-made blocks: ids, heading paths, spans, findings."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.model import Provision, ProvisionKind, Section, SectionKind
from ingest.readers.base import Block, BlockKind
from ingest.structure import Structure, build_structure


def H(text: str, level: int = 1) -> Block:
    return Block(text, kind=BlockKind.HEADING, level=level)


def build(lines: list[str | Block], slug: str = "law", title: str = "法") -> Structure:
    blocks = [b if isinstance(b, Block) else Block(b) for b in lines]
    return build_structure(blocks, slug, title, "test.txt")


def all_sections(s: Structure) -> list[Section]:
    out: list[Section] = []

    def walk(secs: tuple[Section, ...]) -> None:
        for sec in secs:
            out.append(sec)
            walk(sec.sections)

    walk(s.sections)
    return out


def all_provisions(s: Structure) -> list[Provision]:
    out = [q for p in (*s.preamble, *s.provisions, *s.trailer) for q in p.walk()]
    for sec in s.sections:
        out.extend(sec.walk_provisions())
    return out


def by_id(s: Structure) -> dict[str, Provision]:
    return {p.id: p for p in all_provisions(s)}


def codes(s: Structure) -> list[str]:
    return [f.code for f in s.findings]


def assert_spans(s: Structure) -> None:
    for p in all_provisions(s):
        assert s.text[p.span.start : p.span.end] == p.text, p.id
    for sec in all_sections(s):
        assert s.text[sec.span.start :].startswith(sec.title), sec.id


CN_LAW = [
    "中华人民共和国示例法",
    "（2021年6月10日通过）",
    "第一编 总则",
    "第一章 一般规定",
    "第一节 适用范围",
    "第一条 为了加强安全生产工作，制定本法。",
    "第二条 生产经营单位应当履行下列职责：",
    "（一）建立健全制度；",
    "1．制度一；",
    "2．制度二；",
    "（二）组织培训。",
    "生产经营单位的主要负责人对本单位安全生产工作全面负责。",
    "第二节 责任",
    "第三条 单独一款。",
    "第二章 附则",
    "第四条",
    "（一）甲；",
    "（二）乙。",
    "第四条之一 插入的条文。",
]


def test_chinese_law_ids_and_nesting() -> None:
    s = build(CN_LAW)
    secs = {sec.id: sec for sec in all_sections(s)}
    assert list(secs) == [
        "law/part-1",
        "law/part-1/ch-1",
        "law/part-1/ch-1/sec-1",
        "law/part-1/ch-1/sec-2",
        "law/part-1/ch-2",
    ]
    assert secs["law/part-1"].kind is SectionKind.PART
    assert secs["law/part-1/ch-1"].kind is SectionKind.CHAPTER
    assert secs["law/part-1/ch-1/sec-1"].kind is SectionKind.SECTION
    assert secs["law/part-1/ch-1"].number == "第一章"
    assert secs["law/part-1/ch-1"].title == "第一章 一般规定"
    ids = list(by_id(s))
    for expected in [
        "law/art-1",
        "law/art-2",
        "law/art-2/para-1",
        "law/art-2/para-1/item-1",
        "law/art-2/para-1/item-1/sub-1",
        "law/art-2/para-1/item-1/sub-2",
        "law/art-2/para-1/item-2",
        "law/art-2/para-2",
        "law/art-3",
        "law/art-4",
        "law/art-4/item-1",
        "law/art-4/item-2",
        "law/art-4-1",
    ]:
        assert expected in ids
    # one-paragraph articles have no para-K children
    assert not any(i.startswith(("law/art-1/", "law/art-3/", "law/art-4/para")) for i in ids)
    assert_spans(s)
    assert [p.text for p in s.preamble] == ["中华人民共和国示例法", "（2021年6月10日通过）"]


def test_chinese_law_kinds_texts_paths() -> None:
    p = by_id(build(CN_LAW))
    art2 = p["law/art-2"]
    assert art2.kind is ProvisionKind.ARTICLE and art2.number == "第二条"
    assert art2.text.startswith("第二条 生产经营单位") and art2.text.endswith("全面负责。")
    assert p["law/art-2/para-1"].kind is ProvisionKind.PARAGRAPH
    assert p["law/art-2/para-1"].text.endswith("（二）组织培训。")
    assert p["law/art-2/para-1/item-1"].kind is ProvisionKind.ITEM
    assert p["law/art-2/para-1/item-1"].text == "（一）建立健全制度；\n1．制度一；\n2．制度二；"
    assert p["law/art-2/para-1/item-1/sub-2"].kind is ProvisionKind.SUBITEM
    assert p["law/art-2/para-1/item-1/sub-2"].number == "2．"
    assert p["law/art-2/para-1/item-1/sub-1"].heading_path == (
        "法",
        "第一编",
        "第一章",
        "第一节",
        "第二条",
        "（一）",
        "1．",
    )
    assert p["law/art-3"].heading_path == ("法", "第一编", "第一章", "第二节", "第三条")
    assert p["law/art-4/item-2"].heading_path == ("法", "第一编", "第二章", "第四条", "（二）")
    assert p["law/art-4-1"].number == "第四条之一"
    assert p["law/art-4"].text == "第四条\n（一）甲；\n（二）乙。"


def test_duplicate_article_number() -> None:
    s = build(
        [
            "第一章 总则",
            "第一条 甲。",
            "第二条 乙。",
            "第二条 重复的乙。",
            "（一）项。",
            "第三条 丙。",
        ]
    )
    p = by_id(s)
    assert p["law/art-2"].text == "第二条 乙。"
    assert p["law/art-2~2"].text == "第二条 重复的乙。\n（一）项。"
    assert "law/art-2~2/item-1" in p
    dup = [f for f in s.findings if f.code == "INGEST_DUPLICATE_NUMBER"]
    assert len(dup) == 1 and dup[0].provision_id == "law/art-2~2"
    assert "INGEST_NUMBERING_GAP" not in codes(s)


def test_numbering_gap() -> None:
    s = build(["第一条 甲。", "第二条 乙。", "第五条 戊。", "第六条 己。", "第四条 丁。"])
    gaps = [f.provision_id for f in s.findings if f.code == "INGEST_NUMBERING_GAP"]
    assert gaps == ["law/art-5", "law/art-4"]
    assert [p.id for p in s.provisions] == [
        "law/art-1",
        "law/art-2",
        "law/art-5",
        "law/art-6",
        "law/art-4",
    ]


def test_preamble_and_trailer() -> None:
    s = build(
        [
            "2024年安全生产工作要点",
            "为贯彻落实要求，制定本要点。",
            "一、总体要求",
            "坚持安全第一。",
            "二、重点任务",
            "（一）加强监管。",
            "1.细化措施。",
            "（二）强化培训。",
            "三、保障措施",
            "各单位要落实责任。",
            "更多内容请访问 https://example.com/#/news?source=ad",
            "扫码关注我们",
        ],
        slug="要点",
        title="要点",
    )
    assert [p.kind for p in s.preamble] == [ProvisionKind.PREAMBLE] * 2
    assert [p.id for p in s.trailer] == ["要点/trailer-1", "要点/trailer-2"]
    assert all(p.kind is ProvisionKind.TRAILER for p in s.trailer)
    trailing = [f for f in s.findings if f.code == "INGEST_TRAILING_TEXT"]
    assert len(trailing) == 1 and trailing[0].provision_id == "要点/trailer-1"
    assert [sec.id for sec in s.sections] == ["要点/part-1", "要点/part-2", "要点/part-3"]
    assert [sec.number for sec in s.sections] == ["一", "二", "三"]
    p = by_id(s)
    assert p["要点/part-1/para-1"].text == "坚持安全第一。"
    assert p["要点/part-2/item-1"].text == "（一）加强监管。\n1.细化措施。"
    assert p["要点/part-2/item-1/sub-1"].kind is ProvisionKind.SUBITEM
    assert p["要点/part-2/item-2"].heading_path == ("要点", "二", "（二）")
    assert p["要点/part-3/para-1"].text == "各单位要落实责任。"
    assert_spans(s)


def test_boilerplate_after_last_article_is_trailer() -> None:
    s = build(["第一章 总则", "第一条 甲。", "第二条 乙。", "版权所有 © 示例网站"])
    assert [p.id for p in s.trailer] == ["law/trailer-1"]
    assert "law/art-2" in by_id(s)


def test_english_article_items_nesting() -> None:
    letters = [f"({c}) {c} item;" for c in "bcdefgh"]
    s = build(
        [
            "Work Safety Act",
            "Chapter I General Provisions",
            "Article 1 Purpose",
            "These rules apply.",
            "Article 2",
            "An employer shall:",
            "(a) train workers;",
            "(1) annually;",
            "(i) in writing;",
            "(ii) on site;",
            "(2) on hiring;",
            *letters,
            "(i) the ninth letter;",
            "(j) the tenth.",
            "A second paragraph.",
            "Article 3 The end.",
        ],
        slug="act",
        title="Work Safety Act",
    )
    p = by_id(s)
    assert p["act/art-1"].title == "Purpose"
    assert p["act/art-1"].text == "Article 1 Purpose\nThese rules apply."
    base = "act/art-2/para-1"
    assert p[f"{base}/item-a"].kind is ProvisionKind.ITEM
    assert p[f"{base}/item-a/item-1"].kind is ProvisionKind.SUBITEM
    # (i) under (1) is a roman sub-item; (i) after (h) is the ninth letter item
    assert p[f"{base}/item-a/item-1/item-i"].text == "(i) in writing;"
    assert p[f"{base}/item-a/item-1/item-ii"].kind is ProvisionKind.SUBITEM
    assert p[f"{base}/item-a/item-2"].text == "(2) on hiring;"
    assert p[f"{base}/item-i"].kind is ProvisionKind.ITEM
    assert p[f"{base}/item-i"].text == "(i) the ninth letter;"
    assert [c.number for c in p[base].children] == [f"({c})" for c in "abcdefghij"]
    assert p["act/art-2/para-2"].text == "A second paragraph."
    assert p[f"{base}/item-a/item-1/item-i"].heading_path == (
        "Work Safety Act",
        "Chapter I",
        "Article 2",
        "(a)",
        "(1)",
        "(i)",
    )
    assert [sec.id for sec in s.sections] == ["act/ch-1"]
    assert_spans(s)


def test_roman_subitem_directly_under_letter() -> None:
    p = by_id(
        build(
            [
                "Article 1 An employer shall:",
                "(a) keep records of:",
                "(i) training;",
                "(ii) incidents;",
                "(b) report.",
            ],
            slug="a",
            title="A",
        )
    )
    assert p["a/art-1/item-a/item-i"].kind is ProvisionKind.SUBITEM
    assert p["a/art-1/item-a/item-ii"].kind is ProvisionKind.SUBITEM
    assert p["a/art-1/item-b"].kind is ProvisionKind.ITEM


def test_cfr_sections_and_folded_markdown_headings() -> None:
    s = build(
        [
            H("Title 30 CFR"),
            "PART 56—SAFETY AND HEALTH STANDARDS",
            H("Part 56", 3),
            "Subpart A—General",
            "§ 56.1 Purpose and scope.",
            H("§ § 56.1", 4),
            "This part sets standards.",
            "§ 56.2 Definitions.",
            "(a) Term means x.",
            "(1) sub.",
            "Subpart B—Ground Control",
            "§ 56.1000 Definitions.",
            "Text here.",
        ],
        slug="cfr",
        title="30 CFR",
    )
    p = by_id(s)
    assert p["cfr/sec-56.1"].number == "§ 56.1"
    assert p["cfr/sec-56.1"].title == "Purpose and scope."
    assert p["cfr/sec-56.1"].text == "§ 56.1 Purpose and scope.\nThis part sets standards."
    assert p["cfr/sec-56.2/item-a/item-1"].kind is ProvisionKind.SUBITEM
    assert p["cfr/sec-56.1000"].title == "Definitions."
    assert [sec.id for sec in all_sections(s)] == [
        "cfr/part-56",
        "cfr/part-56/subpart-a",
        "cfr/part-56/subpart-b",
    ]
    assert "Part 56" not in s.text and "§ § 56.1" not in s.text
    assert "INGEST_DUPLICATE_HEADING" in codes(s)
    assert [b.text for b in s.preamble] == ["Title 30 CFR"]
    assert_spans(s)


def test_english_work_plan_parts() -> None:
    s = build(
        [
            "Work Plan for 2024",
            "To implement the decisions, this plan is made.",
            "First, strengthen leadership.",
            "Para under first.",
            "Two, improve systems.",
            "Para under two.",
            "(1) item one;",
            "Third, constantly improve training.",
            "Para under third.",
            "For details click https://example.com/#/x?source=ad",
        ],
        slug="plan",
        title="Work Plan",
    )
    assert [(sec.id, sec.number) for sec in s.sections] == [
        ("plan/part-1", "First"),
        ("plan/part-2", "Two"),
        ("plan/part-3", "Third"),
    ]
    p = by_id(s)
    assert p["plan/part-1/para-1"].text == "Para under first."
    assert p["plan/part-2/para-1"].text == "Para under two."
    assert p["plan/part-2/item-1"].heading_path == ("Work Plan", "Two", "(1)")
    assert p["plan/part-3/para-1"].text == "Para under third."
    assert p["plan/part-3/para-1"].heading_path == ("Work Plan", "Third")
    assert len(s.trailer) == 1 and "INGEST_TRAILING_TEXT" in codes(s)
    assert_spans(s)


def test_plan_words_in_a_law_are_text() -> None:
    s = build(
        ["Article 1 Scope", "First, the employer shall act.", "Second, it shall report."],
        slug="a",
        title="A",
    )
    assert s.sections == ()
    assert [p.id for p in all_provisions(s)] == ["a/art-1", "a/art-1/para-1", "a/art-1/para-2"]


STANDARD = [
    "企业安全生产标准化基本规范",
    "1 范围",
    "本标准规定了企业安全生产标准化的要求。",
    "2 规范性引用文件",
    "3 术语和定义",
    "3.1 安全生产标准化 企业通过落实安全生产主体责任。",
    "4 一般要求",
    "4.1 原则",
    "企业开展安全生产标准化工作，应当遵循安全第一的方针。",
    "4.2 建立和保持",
    "4.2.1 企业应当建立安全生产标准化工作体系，明确责任。",
    "4.2.2 企业应当定期评审。",
]


def test_standard_clauses() -> None:
    s = build(STANDARD, slug="std", title="规范")
    p = by_id(s)
    assert [b.text for b in s.preamble] == ["企业安全生产标准化基本规范"]
    assert all(sec.kind is SectionKind.CLAUSE for sec in all_sections(s))
    assert {"std/clause-1", "std/clause-4"} <= {sec.id for sec in all_sections(s)}
    assert p["std/clause-3.1"].kind is ProvisionKind.ARTICLE
    assert p["std/clause-4.2.1"].text == "4.2.1 企业应当建立安全生产标准化工作体系，明确责任。"
    assert p["std/clause-4.2.1"].number == "4.2.1"
    assert "INGEST_NO_STRUCTURE" not in codes(s)
    assert_spans(s)


def test_standard_clauses_nest_by_number() -> None:
    p = by_id(build(STANDARD, slug="std", title="规范"))
    assert p["std/clause-4.2.1"].heading_path[:-1] in (("规范", "4", "4.2"), ("规范", "4"))


def test_no_structure_keeps_paragraphs() -> None:
    s = build(
        [H("安全须知"), "进入现场应当佩戴安全帽。", "高处作业应当系挂安全带。"],
        slug="x",
        title="须知",
    )
    assert codes(s) == ["INGEST_NO_STRUCTURE"]
    assert [p.text for p in s.preamble] == ["安全须知"]
    assert [(p.id, p.kind, p.text) for p in s.provisions] == [
        ("x/para-1", ProvisionKind.PARAGRAPH, "进入现场应当佩戴安全帽。"),
        ("x/para-2", ProvisionKind.PARAGRAPH, "高处作业应当系挂安全带。"),
    ]
    assert s.text == "安全须知\n进入现场应当佩戴安全帽。\n高处作业应当系挂安全带。"


def test_page_is_carried_into_spans() -> None:
    s = build_structure([Block("第一条 甲。", page=1), Block("第二条 乙。", page=2)], "law", "法")
    assert [p.span.page for p in s.provisions] == [1, 2]


# --------------------------------------------------------------------------------------------
# Regressions: bugs found while writing these tests, fixed since


def test_last_article_with_url_is_not_trailer() -> None:
    s = build(["第一章 总则", "第一条 为了加强安全。", "第二条 举报网址：www.mem.gov.cn。"])
    assert s.trailer == ()
    assert "law/art-2" in by_id(s)


def test_english_heading_number_has_no_separator() -> None:
    s = build(
        [
            "PART 56—SAFETY",
            "Subpart A—General",
            "§ 56.1 Purpose.",
            "Text.",
            "Chapter I: General",
            "Article 1 Text.",
        ],
        slug="c",
        title="C",
    )
    assert [sec.number for sec in all_sections(s)] == ["PART 56", "Subpart A", "Chapter I"]


# --------------------------------------------------------------------------------------------
# Property: never raises, spans match, every non-space character is covered

LINES = [
    "第一章 总则",
    "第二章 附则",
    "第一节 一般规定",
    "第一编 总则",
    "第一条 甲。",
    "第二条 乙：",
    "第二条 重复。",
    "第三条",
    "第三条之一 插入。",
    "（一）项；",
    "（二）项。",
    "1．目；",
    "2、目。",
    "一、总体要求",
    "二、重点任务",
    "三、保障措施",
    "（1）括号数字",
    "Article 1 Purpose",
    "Article 2 Text.",
    "Chapter II Rules",
    "PART 56—SAFETY",
    "Subpart B—Ground",
    "§ 56.1 Purpose.",
    "§ § 56.1",
    "§ 5. Scope",
    "(a) text;",
    "(b) text;",
    "(i) text;",
    "(ii) text;",
    "(1) text;",
    "(A) text;",
    "First, lead.",
    "Two, build.",
    "Third, improve.",
    "1 范围",
    "4.2 要求",
    "4.2.1 企业应当建立制度。",
    "普通的句子。",
    "A plain sentence.",
    "点击 https://example.com",
    "扫码关注我们",
    "版权所有",
    "",
    " ",
    "第十五条规定的",
]


@st.composite
def blocks_strategy(draw: st.DrawFn) -> list[Block]:
    lines = draw(st.lists(st.sampled_from(LINES), min_size=1, max_size=25))
    kinds = draw(
        st.lists(st.sampled_from([None, 1, 2, 3, 4]), min_size=len(lines), max_size=len(lines))
    )
    out = [
        Block(t, kind=BlockKind.HEADING, level=k) if k else Block(t)
        for t, k in zip(lines, kinds, strict=True)
        if t.strip()
    ]
    return out or [Block("普通的句子。")]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks_strategy())
def test_build_structure_property(blocks: list[Block]) -> None:
    s = build_structure(blocks, "p", "P", "prop.txt")
    covered = [False] * len(s.text)
    for p in all_provisions(s):
        assert s.text[p.span.start : p.span.end] == p.text, p.id
        for k in range(p.span.start, p.span.end):
            covered[k] = True
    for sec in all_sections(s):
        assert s.text[sec.span.start : sec.span.start + len(sec.title)] == sec.title
        for k in range(sec.span.start, sec.span.start + len(sec.title)):
            covered[k] = True
    missing = [s.text[k] for k in range(len(s.text)) if not covered[k] and not s.text[k].isspace()]
    assert missing == [], s.text
    ids = [p.id for p in all_provisions(s)] + [sec.id for sec in all_sections(s)]
    assert len(ids) == len(set(ids))


def test_english_plan_parts_numbered_in_roman_numerals() -> None:
    s = build(
        [
            "Sample Work Plan on Boiler Safety",
            "Issued by: Sample Office, 3 March 2031",
            "I. Aims",
            "Accidents should fall.",
            "II. Inspecting boilers",
            "Inspect every boiler once a year.",
            "III. Training operators",
            "Train all operators.",
        ],
        slug="plan",
        title="Plan",
    )
    assert [(sec.id, sec.number) for sec in s.sections] == [
        ("plan/part-1", "I"),
        ("plan/part-2", "II"),
        ("plan/part-3", "III"),
    ]
    assert by_id(s)["plan/part-2/para-1"].text == "Inspect every boiler once a year."
    assert [b.text for b in s.preamble][1] == "Issued by: Sample Office, 3 March 2031"
    assert_spans(s)


def test_english_plan_parts_numbered_with_digits() -> None:
    s = build(
        [
            "Sample Implementation Plan for Lift Safety",
            "1. Surveying lifts",
            "Survey all lifts.",
            "2. Repairing lifts",
            "Repair the old lifts.",
            "3. Reporting",
            "Report every month.",
        ],
        slug="plan",
        title="Plan",
    )
    assert [sec.number for sec in s.sections] == ["1", "2", "3"]
    assert "INGEST_NO_STRUCTURE" not in codes(s)


def test_numbered_lines_outside_a_plan_are_not_parts() -> None:
    lines = ["Sample Rules on Ladders", "1. Scope", "2. Terms", "3. Use"]
    assert build(lines, slug="r", title="R").sections == ()
    sentences = [
        "Sample Work Plan",
        "1. Ladders shall be checked.",
        "2. Tags shall be kept.",
        "3. Records shall be filed.",
    ]
    assert build(sentences, slug="p", title="P").sections == ()  # numbered sentences, not headings
