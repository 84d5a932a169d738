"""Responsibility notes of Chinese plans: who leads, who co-operates, by when.

Two families of notes close an item. Field notes name their fields: "（牵头单位：…；配合单位：…；
完成时限：…）", or the same fields on lines of their own after the item ("责任单位：…").
Plain notes are State Council style and name no fields: "（发展改革委、财政部负责）",
"（X牵头，Y、Z按职责分工负责）", "（教育部、人力资源社会保障部，各省级人民政府按职责分工
负责）" (a comma inside the list), "（X等负责，2025年底前完成）", "（X、Y负责。列第一位者为
牵头单位，下同）".

A document may declare once that the first body of every later note leads
("列第一位者为牵头单位，下同", "排在第一位的部门为牵头部门"): :func:`declarations` finds where,
and :class:`Note` records whether a note carries the declaration itself. Offsets index the text
passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.text import trim

Span = tuple[int, int]

_KEYS = {
    # a qualifier may stand inside the label: 牵头考核单位, 牵头责任单位, 配合考核单位
    "lead": "牵头(?:考核|责任|落实|实施)?(?:单位|部门)|牵头处室|牵头领导|牵头",
    "cooperating": (
        "配合(?:考核|责任|落实|实施)?(?:单位|部门)|协同(?:责任)?(?:单位|部门)|协办单位|协助单位"
        "|参与单位|配合"
    ),
    "responsible": (
        "主要责任单位|责任单位及责任人|(?:考核)?责任单位|责任部门|责任主体|主责单位|主办单位"
        "|承办单位|负责单位|实施主体"
    ),
    "deadline": "完成时限|完成时间|时间节点|时间安排|时限要求|时限|进度安排",
    # the officials answering for it ("责任领导：张三", "牵头负责领导：张三", "分管省领导：张三"):
    # people, not bodies; read and set aside
    "people": "(?:牵头)?负责领导|分管(?:省|市|县|区)?领导|责任领导|联系领导|责任人|联系人",
    # one field that names the roles in words: "部门分工：X牵头，Y、Z配合"
    "division": "部门分工|责任分工|任务分工",
}
_KEY = re.compile(
    "(?P<key>" + "|".join(f"(?P<{name}>{alt})" for name, alt in _KEYS.items()) + r")\s*[：:]\s*"
)
# The brackets a note may stand in: "（…）" mostly, "〔…〕", "【…】", "［…］" or "[…]" in some
# plans; inside a note only round ones nest ("省应急厅（牵头）").
_OPEN, _CLOSE = "（(〔【［\\[", "）)〕】］\\]"
_INNER = rf"(?:[^{_OPEN}{_CLOSE}]|[（(][^{_OPEN}{_CLOSE}]*[）)])"
# "（牵头单位：…；配合单位：…）" with one level of brackets inside; a time may come first, before
# the label ("（6月底完成，牵头考核单位：X）"): ``pre`` holds it
_BRACKETED_NOTE = re.compile(
    rf"[{_OPEN}](?:(?P<pre>[^{_OPEN}{_CLOSE}：:，,；;]{{1,30}})[，,；;]\s*)?"
    r"(?P<body>(?:" + "|".join(_KEYS.values()) + rf")\s*[：:]{_INNER}*)[{_CLOSE}]"
)
# "责任单位：市应急局、市公安局" standing after the item's last sentence, without brackets
_BARE_NOTE = re.compile(
    r"(?:^|(?<=[。；;！\n]))\s*(?P<body>(?:" + "|".join(_KEYS.values()) + r")\s*[：:][^\n]*)$"
)
# a field line just before ``endpos`` (only space and a line break between it and what follows)
_BARE_LINE = re.compile(
    r"(?:^|(?<=\n))[ \u3000]*(?P<body>(?:" + "|".join(_KEYS.values()) + r")\s*[：:][^\n]*)\n\s*$"
)
# a bracketed group with at most one level of brackets inside, closing an item
_GROUP = re.compile(rf"[{_OPEN}](?P<body>{_INNER}{{2,400}})[{_CLOSE}]")

# The declaration that the first body listed leads, in the forms plans write it.
# "牵头或汇总单位": the first leads, or gathers the returns where the item has no single lead
_LEADING = r"为(?:总)?牵头(?:或|和|、)?(?:汇总|总牵头)?(?:单位|部门)"
DECLARATION = re.compile(
    rf"(?:列|排)(?:在|于)?(?:第一位|首位)(?:者|的)?(?:部门|单位)?{_LEADING}"
    rf"|(?:第一个|首个)(?:部门|单位){_LEADING}"
)
# a remark in brackets closing a field's list: "责任单位：X、Y（列第一位者为牵头单位，下同）"
_FIELD_REMARK = re.compile(r"[（(](?P<remark>[^（()）]*)[）)]\s*$")
_SAME_BELOW = re.compile(r"[，,]?\s*下同")
# the role a plain clause gives the bodies before it (longest first)
_ROLE = re.compile(
    r"(?:等(?:有关|相关)?(?:部门|单位|机构)?)?"
    r"(?P<how>(?:按|依|按照|依照|根据)职责(?:分工)?|分别|共同)?"
    r"(?P<role>牵头(?:负责|落实)?|负责(?:落实|实施)?|配合|参与|协助|协同|指导)$"
)
_DEADLINE_CLAUSE = re.compile(
    r"(?:\d{4}|[〇零一二三四五六七八九]{4})年.{0,12}(?:前|底|内|完成|起)"
    r"|年(?:底|内)(?:前)?(?:完成|出台)?|持续推进|长期坚持|持续实施|长期推进|逐年推进|"
    r"(?:每年|每季度|每半年|每月)(?:.{0,8})?"
    r"|(?:\d{4}|[〇零一二三四五六七八九]{4})年(?:起|开始)"
)
# what a clause written before a note's first label must hold to be its time ("6月底完成",
# "持续推进", "2022年底前")
_TIME_WORDS = re.compile(
    r"[0-9〇零一二三四五六七八九十]{1,4}(?:年|月|季度)|年底|年内|上半年|下半年|持续|长期|常态|每年|"
    r"每季度|每月|逐年|立即|即时|随时"
)
# the longest line read as a note standing without brackets ("X、Y、Z分别牵头落实")
_LINE_NOTE_CHARS = 80
# something a body's name ends with, so that a parenthetical like "（含）" is not a note
_BODY_END = re.compile(
    r"(?:部|厅|局|委|办|委员会|办公室|政府|总队|支队|大队|中心|院|署|部门|单位|机构|室|会|行|"
    r"集团|公司|企业|街道|乡镇|社|联|团|馆|站|所|队|军区|司令部|法院|检察院|地区|各地)$"
)


@dataclass(frozen=True, slots=True)
class Note:
    """A responsibility note: where it is and the spans of its fields.

    Attributes:
        span: The whole note, brackets included.
        lead: Spans of 牵头单位 values (and bodies marked 牵头 in a plain note).
        cooperating: Spans of 配合单位 values (配合, 参与 in a plain note).
        responsible: Spans of lists of bodies made responsible without a role (责任单位,
            "X、Y负责"): the first leads where the plan says so (see ``first_leads``).
        deadline: Span of the 完成时限 value, or None.
        plain: True for a State Council style note without field names.
        declares: True when the note itself says its first body leads ("…负责。列第一位者为牵头
            单位，下同"); it then holds for every later note too.
    """

    span: Span
    lead: tuple[Span, ...] = ()
    cooperating: tuple[Span, ...] = ()
    responsible: tuple[Span, ...] = ()
    deadline: Span | None = None
    plain: bool = False
    declares: bool = False


def find_note(text: str, start: int = 0, end: int | None = None) -> Note | None:
    """The last field note in ``text[start:end]``, else a plain note closing it, else None."""
    end = len(text) if end is None else end
    found = None
    time_before: Span | None = None
    for m in _BRACKETED_NOTE.finditer(text, start, end):
        if m["pre"] is not None and not _TIME_WORDS.search(m["pre"]):
            continue  # "（含城区，牵头…）": not a time before the label
        found = (m.span(), m.span("body"))
        time_before = m.span("pre") if m["pre"] is not None else None
    if found is None:
        bare = _BARE_NOTE.search(text, start, end)
        if bare is None:
            return plain_note(text, start, end)
        first = bare.start("body")
        # 牵头单位：… / 配合单位：… / 完成时限：… on lines of their own: one note
        while (above := _BARE_LINE.search(text, start, first)) is not None:
            first = above.start("body")
        found = ((first, bare.end()), (first, bare.end("body")))
    (note_start, note_end), (body_start, body_end) = found
    fields: dict[str, list[Span]] = {name: [] for name in _KEYS}
    declares = False
    keys = list(_KEY.finditer(text, body_start, body_end))
    if not keys or keys[0].start() != body_start:
        return None
    for i, k in enumerate(keys):
        value_end = keys[i + 1].start() if i + 1 < len(keys) else body_end
        name = next(n for n in _KEYS if k.group(n))
        if name == "division":
            roles = _roles(text, k.end(), value_end)
            if roles is not None:
                fields["lead"].extend(roles[0])
                fields["cooperating"].extend(roles[1])
                fields["responsible"].extend(roles[2])
            continue
        value_end = _field_end(text, k.end(), value_end)
        span = trim(text, k.end(), value_end, " ；;，,。\u3000\n")
        remark = _FIELD_REMARK.search(text, span[0], span[1])
        if remark is not None and DECLARATION.search(remark["remark"]):
            declares = True  # the list's own remark says its first body leads
            span = trim(text, span[0], remark.start(), " ；;，,。\u3000\n")
        fields[name].append(span)
    deadline = fields["deadline"][0] if fields["deadline"] else time_before
    return Note(
        (note_start, note_end),
        tuple(fields["lead"]),
        tuple(fields["cooperating"]),
        tuple(fields["responsible"]),
        deadline,
        declares=declares,
    )


def notes_within(text: str, start: int, end: int, *, bare_lists: bool = False) -> list[Note]:
    """Every note in ``text[start:end]`` that closes a sentence, in order: "…理解掌握。（合肥海关
    负责）巩固…出口占比。（省商务厅牵头，合肥海关配合）" gives two. A bracketed group counts only
    where it parses as a note and a sentence ended just before it. With ``bare_lists``, a group
    of bodies' names alone ("…工程。（市文旅局）") counts too: among other notes it names the
    bodies answering for the sentences before it."""
    out: list[Note] = []
    for m in _GROUP.finditer(text, start, end):
        before = trim(text, start, m.start())[1]
        if before <= start or text[before - 1] not in "。；;！":
            continue
        note = find_note(text, m.start(), m.end())
        if note is None and bare_lists:
            note = plain_note(text, m.start(), m.end(), bare_list=True)
        if note is not None and note.span == m.span():
            out.append(note)
    return out


def _field_end(text: str, start: int, end: int) -> int:
    """Where a field's list of bodies ends: at the first full stop (a remark follows: "…负责。具体
    任务均涉及…，下同。"), before a closing role ("X、Y按职责分工负责")."""
    stop = text.find("。", start, end)
    end = stop if stop > start else end
    closing = _ROLE.search(text[start:end].rstrip(" ；;，,\u3000\n"))
    return start + closing.start() if closing and closing.start() > 0 else end


def plain_note(text: str, start: int, end: int, *, bare_list: bool = False) -> Note | None:
    """A plain note closing ``text[start:end]`` (only 。；and space may follow it), or None.

    With ``bare_list`` (a line that holds nothing but the note, after the item it assigns), a
    list of bodies with no role word ("（市发改委、财政局，市税务局）") reads as the bodies
    responsible."""
    end = trim(text, start, end, " \u3000\n。；;")[1]
    last = None
    for m in _GROUP.finditer(text, start, end):
        last = m
    if last is None or last.end() != end:
        return None
    return _parse_plain(text, last, bare_list=bare_list)


def line_note(text: str, start: int, end: int) -> Note | None:
    """A note written without brackets on a line of its own: bodies and their role, nothing
    else ("市应急局牵头落实", "市财政局、市税务局负责。", "X、Y分别牵头落实"), as a division
    table's responsibility cell reads when its cells are printed one a line; None for any line
    with more than that (a clause whose subject is not a body's name is running text)."""
    a, b = trim(text, start, end, " \u3000\n。；;")
    if a >= b or b - a > _LINE_NOTE_CHARS or "\n" in text[a:b]:
        return None
    roles = _roles(text, a, b)
    if roles is None:
        return None
    lead, coop, responsible, deadline, declares = roles
    if not all(_BODY_END.search(text[s:e]) for s, e in (*lead, *coop, *responsible)):
        return None
    return Note((a, b), tuple(lead), tuple(coop), tuple(responsible), deadline, True, declares)


def _parse_plain(text: str, group: re.Match[str], *, bare_list: bool = False) -> Note | None:
    """The clauses of a plain note: bodies with a role, a deadline, a declaration."""
    body_start, body_end = group.span("body")
    roles = _roles(text, body_start, body_end, bare_list=bare_list)
    if roles is None:
        return None
    lead, coop, responsible, deadline, declares = roles
    spans = (tuple(lead), tuple(coop), tuple(responsible))
    return Note(group.span(), *spans, deadline=deadline, plain=True, declares=declares)


_Roles = tuple[list[Span], list[Span], list[Span], Span | None, bool]


def _roles(text: str, start: int, end: int, *, bare_list: bool = False) -> _Roles | None:
    """The bodies that ``text[start:end]`` gives a role in words ("X牵头，Y、Z按职责分工负责"):
    lead, co-operating and responsible spans, a deadline clause and whether it declares that
    the first body leads; None when a clause is neither bodies, a role nor a time."""
    lead: list[Span] = []
    coop: list[Span] = []
    responsible: list[Span] = []
    deadline: Span | None = None
    declares = False
    pending: list[Span] = []  # bodies listed before a comma, waiting for their role
    for a, b in _clauses(text, start, end):
        clause = text[a:b]
        if DECLARATION.search(clause):
            declares = True
            continue
        if _SAME_BELOW.fullmatch(clause):
            continue
        role = _ROLE.search(clause)
        if role is None:
            if _DEADLINE_CLAUSE.search(clause) and not _BODY_END.search(clause):
                deadline = (a, b)
                continue
            if not _BODY_END.search(clause):
                return None  # a clause that is neither bodies, a role nor a time: not a note
            pending.append((a, b))
            continue
        names = trim(text, a, a + role.start(), " \u3000、，,")
        if names[0] >= names[1]:
            if not pending:
                return None
        else:
            pending.append(names)
        target = {"牵": lead, "配": coop, "参": coop, "协": coop, "指": coop}.get(
            role["role"][0], responsible
        )
        target.extend(pending)
        pending = []
    if pending and bare_list and not (lead or coop):
        responsible.extend(pending)  # a line of bodies alone after the item: they answer for it
        pending = []
    if pending or not (lead or responsible or coop):
        return None
    if not lead and not responsible:
        return None
    if lead:  # "X牵头，Y按职责分工负责": those made responsible beside a lead co-operate
        coop = [*responsible, *coop]
        responsible = []
    return lead, coop, responsible, deadline, declares


def _clauses(text: str, start: int, end: int) -> list[Span]:
    """The clauses of a note body, split at ，；。 (a comma inside a list splits it too)."""
    out, pos = [], start
    for m in re.finditer(r"[，,；;。]", text[start:end]):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    return [trim(text, a, b) for a, b in out if trim(text, a, b)[0] < trim(text, a, b)[1]]


def declarations(text: str) -> list[int]:
    """Where the plan declares that the first body of a note leads (offsets, in order)."""
    return [m.start() for m in DECLARATION.finditer(text)]


def merged(notes: list[Note]) -> Note:
    """One note of several written one after another (a field on each line)."""
    deadline = next((n.deadline for n in notes if n.deadline is not None), None)
    return Note(
        (notes[0].span[0], notes[-1].span[1]),
        tuple(s for n in notes for s in n.lead),
        tuple(s for n in notes for s in n.cooperating),
        tuple(s for n in notes for s in n.responsible),
        deadline,
        plain=any(n.plain for n in notes),
        declares=any(n.declares for n in notes),
    )
