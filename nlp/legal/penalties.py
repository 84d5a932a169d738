"""Penalty articles read as rows: who offends (the offender class), what conduct, which sanction.

A penalty article says "X有下列行为之一的，由…责令改正，处…罚款：（一）…（二）…" or
"违反本条例第N条规定，X未…的，由…处…罚款；逾期不改正的，处…". Two fines are worth comparing
only when they punish the same conduct of the same class of offender; shared words across a
whole article are not enough (a cyclist's fine and a drunk driver's both say 驾驶). So each
penalty is read into rows: a list-form penalty becomes one row per listed conduct (the lead's
words joined to the item's), and each row names its offender class as written ("食品小作坊",
"燃气经营者"; empty when the row names none) and its conduct with the offender and the
boilerplate left out ("违反本条例规定", "未按照规定").

This module only reads; :mod:`nlp.review.conduct` pairs rows of two texts.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Where the conduct ends and the sanction begins: "…的，由…", "…的，责令…", "…的，处…".
_SANCTION = re.compile(
    r"(?:的|者|之一)[，,]\s*(?:由|责令|处|没收|给予|依照|依法|对|暂扣|吊销|并处|可以|予以|按照)"
)
# A clause that qualifies the conduct before it rather than naming one: "逾期不改正的，处…".
_CONTINUATION = re.compile(
    r"^\s*(?:逾期|拒不|情节|造成|导致|没有|无|货值|违法|有违法|其中|属于|构成|尚不|给他人|"
    r"使消费者|数额|经|再次|一年内|两年内|二年内|三年内)"
)
_ITEM = re.compile(r"^\s*[（(]([一二三四五六七八九十]+)[）)]")
_LIST_LEAD = re.compile(r"下列[^，,；;。]{0,12}?(?:之一|[：:]|$)|下列")
# "有前款第二项、第三项行为的": the conduct of those items of the list above.
_EARLIER_ITEMS = re.compile(
    r"(?:前款|上款|本条第[一二三四五六七八九十]+款)((?:第[一二三四五六七八九十]+项[、和或者至]*)+)"
)
# Words every penalty says whatever it punishes.
_BOILERPLATE = re.compile(
    r"违反本(?:条例|法|办法|规定|细则|决定)(?:第[^，,；;。]{1,30}?)?(?:的)?规定|违反本(?:条例|法|办法)|"
    r"有下列(?:行为|情形|违法行为|情况)之一|未(?:依法)?按照(?:本条例|本法|本办法)?(?:有关)?规定|"
    r"未依照(?:本条例|本法)?规定|(?:依照|按照)(?:本条例|本法|本办法)?(?:有关)?规定|尚不构成犯罪|"
    r"尚未构成犯罪|的$"
)
# The offender a conduct opens with ends in one of these heads ("食品小作坊、食品摊贩",
# "重点用能单位", "集中交易市场的开办者").
_PARTY_HEAD = (
    "单位|企业|经营者|生产者|销售者|使用者|提供者|开办者|出租者|举办者|经营户|用户|小作坊|摊贩|"
    "摊点|小餐饮|小经营店|机构|个人|公民|法人|组织|负责人|人员|当事人|承包人|所有者|业主|"
    "部门|船舶|医院|学校|(?<!或)者"
)
# The longest opening phrase that ends in a party head, before the first word that starts the
# conduct (未, 拒, 擅自, 违…) or a comma: "燃气用户及相关单位和个人擅自…" names three parties.
_PARTY = re.compile(
    r"^(?!未|不|擅自|在|将|以|使用|违反|有|拒|从事|对|向|为|经|非法|伪造|开办|买卖|"
    r"侵占|挪用|出售|利用|收购|运输|猎捕|捕杀|食用|构成|造成|用|明知|发现)"
    rf"(?P<party>(?:(?!应当|必须|可以|不得|应该)[^，,；;。：:\s未拒擅违]){{0,22}}(?:{_PARTY_HEAD}))"
)
_PARTY_SPLIT = re.compile(r"、|和|或者|及其|以及|及|与")
# A party of everyone: a row naming it speaks of no particular class of offender.
GENERIC_PARTIES = frozenset(
    ("单位", "个人", "单位和个人", "单位或者个人", "任何单位", "当事人", "公民", "法人", "组织")
)


@dataclass(frozen=True, slots=True)
class PenaltyRow:
    """One conduct a penalty punishes.

    Attributes:
        parties: The offender classes the row names, as written ("食品小作坊", "食品摊贩");
            empty when it names none ("违反本法规定，未取得许可从事…的").
        conduct: What the offender did, offender and boilerplate left out.
        span: Offsets in the article of the row's own words (its paragraph or its item).
        sanction: Offsets of the paragraph (or list lead) whose sanctions apply to the row.
        item: The item's number as printed ("三") for a row of a list-form penalty, else "".
    """

    parties: tuple[str, ...]
    conduct: str
    span: tuple[int, int]
    sanction: tuple[int, int]
    item: str = ""


def _lines(text: str) -> list[tuple[int, int]]:
    out, at = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((at, at + len(line)))
        at += len(line) + 1
    return out


def split_party(head: str) -> tuple[tuple[str, ...], str]:
    """The offender classes a conduct text opens with and the rest of it.

    >>> split_party("食品小作坊、食品摊贩未按规定公示登记证的")
    (('食品小作坊', '食品摊贩'), '未按规定公示登记证的')
    """
    head = re.sub(r"^[\s，,、]+", "", head)
    m = _PARTY.match(head)
    if m is None:
        return (), head
    pieces = (p.strip("的（）() ") for p in _PARTY_SPLIT.split(m["party"]))
    # "食品、食品添加剂生产者": a piece without a head of its own is part of the next one's name
    parties = tuple(p for p in pieces if re.search(f"(?:{_PARTY_HEAD})$", p))
    return parties, head[m.end() :]


_LABEL = re.compile(
    r"^\s*第[零〇一二两三四五六七八九十百千0-9]+条(?:之[一二三四五六七八九十]+)?[\s\u3000]*"
)
_BREACH = re.compile(r"^\s*违反[^，,；;。]{0,40}规定[，,]?")


# The cited duty's words put in after "违反本条例第N条" by the review (a penalty that names no
# conduct of its own is read with the duty it cites): "违反本条例第四十三条第二款（…）、第三款规定".
_INSERTED = re.compile(r"（([^（）]{12,})）")
_MODAL = re.compile(r"^(?:应当|必须|应|须|不得|禁止)")


def _conduct(words: str) -> tuple[tuple[str, ...], str]:
    words = _LABEL.sub("", words)
    inserted = _INSERTED.search(words)
    if inserted and inserted.start() < 30 and words.lstrip().startswith("违反"):
        words = words[: inserted.start()] + words[inserted.end() :]
    else:
        inserted = None
    words = _BREACH.sub("", words)
    parties, rest = split_party(words)
    rest = _BOILERPLATE.sub("", rest).strip(" ，,、：:。；;")
    if inserted is None:
        return parties, rest
    duty_parties, duty = split_party(inserted[1])
    duty = _MODAL.sub("", duty).strip(" ，,、：:。；;")
    return parties or duty_parties, (duty + " " + rest).strip()


def _clauses(paragraph: str) -> list[str]:
    """The paragraph cut after each ；or 。outside brackets, the pieces joined back whole."""
    out, depth, at = [], 0, 0
    for k, ch in enumerate(paragraph):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
        if ch in "；;。" and depth <= 0:
            out.append(paragraph[at : k + 1])
            at = k + 1
    if at < len(paragraph):
        out.append(paragraph[at:])
    return out


def _head_before_sanction(clause: str, item: bool = False) -> str | None:
    m = _SANCTION.search(clause)
    if m:
        return clause[: m.start() + 1]
    # an item may run its conduct straight into the sanction: "（四）在…从事船舶拆解作业，由…处"
    m = _ITEM_SANCTION.search(clause) if item else None
    return clause[: m.start()] if m else None


_ITEM_SANCTION = re.compile(r"[，,]\s*由[^，,；;。]{0,40}?(?:责令|处|没收|给予)")


@functools.lru_cache(maxsize=8192)
def penalty_rows(text: str) -> tuple[PenaltyRow, ...]:
    """The rows of one article's penalties, in order (kept for the texts last asked about).

    A paragraph whose conduct clause ("…的，由/处/责令…") holds "有下列行为之一" gives one row
    per item below it, the lead's offender and words joined to the item's; any other penalty
    paragraph gives one row per conduct clause (a clause such as "逾期不改正的，处…" qualifies
    the conduct before it and gives none). An item that states its own sanction under a lead
    that states none ("按照以下规定处罚：（一）在…的，由…处…罚款") gives its own rows.

    Args:
        text: An article's text (its label may be included).
    """
    rows: list[PenaltyRow] = []
    lines = _lines(text)
    for k, (start, end) in enumerate(lines):
        paragraph = text[start:end]
        item = _ITEM.match(paragraph)
        if item and any(r.span == (start, end) for r in rows):
            continue  # an item of a list lead above
        at = start
        if item:
            at = start + item.end()
            paragraph = paragraph[item.end() :]
        for clause in _clauses(paragraph):
            head = _head_before_sanction(clause, bool(item))
            clause_at, at = at, at + len(clause)
            if head is None or _CONTINUATION.match(head):
                continue
            parties, conduct = _conduct(head)
            earlier = _EARLIER_ITEMS.search(head)
            if earlier:
                numbers = set(re.findall(r"第([一二三四五六七八九十]+)项", earlier.group(1)))
                rows += [
                    PenaltyRow(r.parties, r.conduct, r.span, (clause_at, at), r.item)
                    for r in rows
                    if r.item in numbers
                ]
            elif item:
                rows.append(PenaltyRow(parties, conduct, (start, end), (start, end), item.group(1)))
            elif _LIST_LEAD.search(head):
                rows += _items(text, lines[k + 1 :], parties, conduct, (start, end))
            else:
                rows.append(PenaltyRow(parties, conduct, (clause_at, at), (start, end)))
    return tuple(rows)


def _items(
    text: str,
    lines: list[tuple[int, int]],
    parties: tuple[str, ...],
    lead: str,
    sanction: tuple[int, int],
) -> list[PenaltyRow]:
    out = []
    for start, end in lines:
        m = _ITEM.match(text[start:end])
        if m is None:
            break
        own_parties, words = _conduct(text[m.end() + start : end])
        out.append(
            PenaltyRow(
                parties or own_parties,
                (lead + " " + words).strip(),
                (start, end),
                sanction,
                m.group(1),
            )
        )
    return out


def rows_at(text: str, pos: int) -> tuple[PenaltyRow, ...]:
    """The rows a sanction at ``pos`` applies to: those of the clause or list it stands in, else
    the nearest row before it in its paragraph (a fine after "逾期不改正的，" punishes the
    conduct named before)."""
    rows = penalty_rows(text)
    inside = [r for r in rows if r.span[0] <= pos < r.span[1] and not r.item]
    if inside:
        return tuple(inside)
    listed = [r for r in rows if r.item and r.sanction[0] <= pos < r.sanction[1]]
    if listed:
        return tuple(listed)
    before = [r for r in rows if r.sanction[0] <= pos < r.sanction[1] and r.span[0] <= pos]
    return (before[-1],) if before else ()
