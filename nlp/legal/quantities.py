"""Quantities in legal text: fines, multiples, shares of income, time limits and thresholds.

A local rule that sets "一万元以上五万元以下" where the upper law sets "二万元以上十万元以下", or
"二小时内" where it sets "一小时内", departs from it; to see that, both figures must be read
and normalised (万元 × 10000, 日 × 24 hours) and told apart by what they are about (the fine on
the unit or on its principal person; the time limit for reporting or for investigating).

This module only reads and normalises; :mod:`nlp.review.checks` pairs and compares. A quantity's
``kind`` comes from its unit and its words: money next to 罚款 (or "fine") is a ``fine``, a
multiple next to 罚款 a ``fine_multiple``, a percentage of 收入 (or "income") an
``income_share``, a span of time a ``time_limit`` ("每两年" is a ``period``, "十五日以下拘留" a
``detention``), a count of people, tons, class hours … a ``threshold``; other money is an
``amount`` and other percentages a ``percentage``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.numbering import parse_chinese_amount, to_ascii_digits


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity as written, with normalised bounds.

    Attributes:
        kind: "fine", "fine_multiple", "income_share", "value_share" (a fine as a share of a
            cost or value: "工程造价百分之五以上百分之十以下"), "time_limit", "period",
            "detention", "threshold", "percentage" or "amount".
        low: Lower bound in the base unit (元; hours for time; a count), None when open
            ("十万元以下"). A single value has ``low == high``.
        high: Upper bound, None when open ("一百人以上", "超过一百人").
        unit: Normalised unit as written: "yuan", "hour", "minute", "day", "workday", "week",
            "month", "year", "person", "ton", "class_hour", "percent", "times", …; time values
            are in hours whatever the unit.
        text: The words as written ("二万元以上十万元以下", "一小时内").
        span: Offsets of ``text``.
        subject: What it is about, when cheaply known: for money "单位", "主要负责人",
            "其他负责人", "直接责任人员", "个人", "从业人员" (English "entity", "principal",
            "person"); for time limits the duty's verb ("报告", "备案"); for thresholds the head
            noun ("从业人员").
    """

    kind: str
    low: float | None
    high: float | None
    unit: str
    text: str
    span: tuple[int, int]
    subject: str = ""

    @property
    def value(self) -> float | None:
        """The bound that matters for a one-sided quantity: ``high``, else ``low``."""
        return self.high if self.high is not None else self.low


# --- numbers ---------------------------------------------------------------------------------

_CN = "零〇一二两三四五六七八九十百千万亿"
_ZH_NUM = rf"(?:[0-9０-９]+(?:[.．][0-9０-９]+)?[万亿]?|[{_CN}]+|半)"
_EN_WORDS = {
    **dict.fromkeys(("a", "an", "one"), 1),
    **{
        w: i
        for i, w in enumerate(
            ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"], 2
        )
    },
    **{w: i for i, w in enumerate(["eleven", "twelve", "thirteen", "fourteen", "fifteen"], 11)},
    **{w: i for i, w in enumerate(["sixteen", "seventeen", "eighteen", "nineteen", "twenty"], 16)},
    **{"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80},
    **{"ninety": 90, "hundred": 100, "half": 0.5},
}
_EN_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:" + "|".join(_EN_WORDS) + r")\b)"


def _en_value(text: str) -> float:
    t = text.lower().replace(",", "")
    return float(_EN_WORDS[t]) if t in _EN_WORDS else float(t)


# --- units: name -> (normalised unit, factor to the base unit, dimension) --------------------

_HOURS = {"minute": 1 / 60, "hour": 1.0, "day": 24.0, "workday": 24.0, "week": 168.0}
_HOURS |= {"month": 720.0, "quarter": 2160.0, "year": 8760.0}
_ZH_UNITS: dict[str, tuple[str, float, str]] = {
    "亿元": ("yuan", 1e8, "money"),
    "万元": ("yuan", 1e4, "money"),
    "元": ("yuan", 1.0, "money"),
    "倍": ("times", 1.0, "times"),
    "分钟": ("minute", _HOURS["minute"], "time"),
    "个小时": ("hour", 1.0, "time"),
    "小时": ("hour", 1.0, "time"),
    "个工作日": ("workday", 24.0, "time"),
    "工作日": ("workday", 24.0, "time"),
    "日": ("day", 24.0, "time"),
    "天": ("day", 24.0, "time"),
    "周": ("week", 168.0, "time"),
    "个月": ("month", 720.0, "time"),
    "个季度": ("quarter", 2160.0, "time"),
    "年": ("year", 8760.0, "time"),
    "学时": ("class_hour", 1.0, "count"),
    "课时": ("class_hour", 1.0, "count"),
    "人": ("person", 1.0, "count"),
    "名": ("person", 1.0, "count"),
    "吨": ("ton", 1.0, "count"),
    "千克": ("kg", 1.0, "count"),
    "公斤": ("kg", 1.0, "count"),
    "立方米": ("m3", 1.0, "count"),
    "平方米": ("m2", 1.0, "count"),
    "公里": ("km", 1.0, "count"),
    "米": ("metre", 1.0, "count"),
    "层": ("storey", 1.0, "count"),
    "家": ("unit", 1.0, "count"),
    "户": ("household", 1.0, "count"),
    "台": ("machine", 1.0, "count"),
    "辆": ("vehicle", 1.0, "count"),
    "千瓦": ("kw", 1.0, "count"),
}
_EN_UNITS: dict[str, tuple[str, float, str]] = {
    "yuan": ("yuan", 1.0, "money"),
    "rmb": ("yuan", 1.0, "money"),
    "dollars": ("dollar", 1.0, "money"),
    "times": ("times", 1.0, "times"),
    "minutes": ("minute", _HOURS["minute"], "time"),
    "hours": ("hour", 1.0, "time"),
    "working days": ("workday", 24.0, "time"),
    "business days": ("workday", 24.0, "time"),
    "days": ("day", 24.0, "time"),
    "weeks": ("week", 168.0, "time"),
    "months": ("month", 720.0, "time"),
    "years": ("year", 8760.0, "time"),
    "persons": ("person", 1.0, "count"),
    "people": ("person", 1.0, "count"),
    "employees": ("person", 1.0, "count"),
    "workers": ("person", 1.0, "count"),
    "tons": ("ton", 1.0, "count"),
    "tonnes": ("ton", 1.0, "count"),
    "percent": ("percent", 1.0, "percent"),
    "per cent": ("percent", 1.0, "percent"),
    "%": ("percent", 1.0, "percent"),
}


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


_ZH_UNIT = _alternation(list(_ZH_UNITS))
# "二万元以上十万元以下", "二万至五万元", "百分之三十至百分之六十", "一倍以上五倍以下",
# "超过一百人", "不得少于二十四学时", "一小时内". The first unit may be left out before 至.
_ZH = re.compile(
    r"(?P<pre>不少于|不得少于|不低于|不得低于|不超过|不得超过|不高于|不足|不满|少于|低于|超过|"
    r"高于|多于|达到|至少|最多|最长|最短|每)?"
    rf"(?P<pct1>百分之)?(?P<n1>{_ZH_NUM})(?P<u1>{_ZH_UNIT}|%|％)?"
    rf"(?:(?P<mid>以上|及以上)?(?:至|到|～|~|－|—|-)?(?P<pct2>百分之)?(?P<n2>{_ZH_NUM})"
    rf"(?P<u2>{_ZH_UNIT}|%|％)?)?"
    r"(?P<post>及以上|及以下|以上|以下|以内|之内|内)?"
)
_EN_UNIT = _alternation(list(_EN_UNITS) + [u.rstrip("s") for u in _EN_UNITS if u.endswith("s")])
_EN = re.compile(
    r"(?P<pre>not\s+less\s+than|not\s+more\s+than|not\s+exceeding|no\s+more\s+than|"
    r"no\s+less\s+than|more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|"
    r"within|between|from|every|exceeding|over)?\s*"
    rf"(?P<cur>(?:RMB|CNY|US\$|\$|¥)\s*)?(?P<n1>{_EN_NUM})\s*(?P<u1>(?:{_EN_UNIT})\b|%)?"
    r"(?:\s*(?:(?:but\s+)?not\s+more\s+than|and|to|-|–)\s*(?:RMB|CNY|US\$|\$|¥)?\s*"
    rf"(?P<n2>{_EN_NUM})\s*(?P<u2>(?:{_EN_UNIT})\b|%))?"
    r"(?P<post>\s+or\s+more|\s+or\s+less|\s+or\s+above|\s+or\s+below)?",
    re.I,
)
_AT_LEAST = {"不少于", "不得少于", "不低于", "不得低于", "超过", "高于", "多于", "达到", "至少"}
_AT_LEAST |= {"最短", "以上", "及以上", "more than", "at least", "not less than", "or more"}
_AT_LEAST |= {"no less than", "exceeding", "over", "or above"}
_AT_MOST = {"不超过", "不得超过", "不高于", "不足", "不满", "少于", "低于", "最多", "最长", "以下"}
_AT_MOST |= {"及以下", "以内", "之内", "内", "not more than", "not exceeding", "no more than"}
_AT_MOST |= {"less than", "fewer than", "at most", "up to", "within", "or less", "or below"}
_CLAUSE_END = "，,；;。：:\n"


def find_quantities(text: str) -> list[Quantity]:
    """Return the quantities of a Chinese or English text, in order (never raises).

    Numbers without a unit (article numbers, "一般事故") are not quantities; "第N…" is skipped.

    Args:
        text: Any text.
    """
    out: list[Quantity] = []
    for m in _ZH.finditer(text):
        q = _zh_quantity(text, m)
        if q is not None:
            out.append(q)
    taken = [q.span for q in out]
    for m in _EN.finditer(text):
        q = _en_quantity(text, m)
        if q is not None and not any(s < q.span[1] and q.span[0] < e for s, e in taken):
            out.append(q)
    out.sort(key=lambda q: q.span)
    return out


def _zh_quantity(text: str, m: re.Match[str]) -> Quantity | None:
    u1, u2, n2 = m["u1"], m["u2"], m["n2"]
    percent = bool(m["pct1"]) or (u2 or u1) in ("%", "％")
    if n2 is not None and not (u2 or m["pct2"]):
        # "五年以上十" / "一至" : the second number has no unit of its own; read the first alone
        return _zh_prefix(text, m, m.end("u1")) if u1 else None
    if n2 is not None and u1 and u2 and _dim(u1) != _dim(u2):
        return _zh_prefix(text, m, m.end("u1"))
    unit_name = u2 or u1
    if unit_name is None and not percent:
        return None
    if m["pct1"] and unit_name not in (None, "%", "％"):
        return None  # "百分之X" then a unit: not a share we read
    before = text[max(0, m.start("n1") - 1) : m.start("n1")]
    if before == "第" or (before in ("上", "下") and m["n1"] == "一" and unit_name == "年"):
        return None  # 第三条; 上一年年收入
    if _is_date(text, m, unit_name):
        return None
    if m["n1"] == "半" and unit_name not in ("年", "小时", "个小时", "个月"):
        return None
    if percent:
        unit, factor, dim = "percent", 1.0, "percent"
    else:
        unit, factor, dim = _ZH_UNITS[unit_name]
    try:
        a = parse_chinese_amount(m["n1"]) * (_ZH_UNITS[u1][1] if u1 and not percent else factor)
        b = parse_chinese_amount(n2) * factor if n2 else None
    except (ValueError, KeyError):
        return None
    pre = m["pre"] or ""
    start = m.start("pre") if pre else m.start("pct1") if m["pct1"] else m.start("n1")
    return _build(text, m, start, m.end(), unit, dim, a, b, zh=True)


def _zh_prefix(text: str, m: re.Match[str], end: int) -> Quantity | None:
    sub = _ZH.match(text[:end], m.start())
    if sub is None or sub.end() != end or sub["n2"] is not None:
        return None
    return _zh_quantity(text, sub)


def _is_date(text: str, m: re.Match[str], unit_name: str | None) -> bool:
    """2021年, 二〇二一年, 1月1日, 十月一日: calendar dates, not spans of time."""
    if unit_name == "年":
        digits = to_ascii_digits(m["n1"])
        return (len(digits) == 4 and digits.isdigit()) or bool(
            re.fullmatch("[一二〇零]{4}", m["n1"])
        )
    if unit_name in ("日", "天") and m["n2"] is None:
        return text[max(0, m.start("n1") - 1) : m.start("n1")] in ("月", "年")
    return False


def _dim(unit: str) -> str:
    return "percent" if unit in ("%", "％") else _ZH_UNITS[unit][2]


def _en_quantity(text: str, m: re.Match[str]) -> Quantity | None:
    unit_name = (m["u2"] or m["u1"] or "").lower()
    if m["cur"] and not unit_name:
        unit_name = "yuan" if m["cur"].strip() in ("RMB", "CNY", "¥") else "dollars"
    if not unit_name:
        return None
    key = unit_name if unit_name in _EN_UNITS else unit_name + "s"
    if key not in _EN_UNITS:
        return None
    unit, factor, dim = _EN_UNITS[key]
    try:
        a = _en_value(m["n1"]) * factor
        b = _en_value(m["n2"]) * factor if m["n2"] else None
    except (ValueError, KeyError):
        return None
    start = m.start("pre") if m["pre"] else m.start("cur") if m["cur"] else m.start("n1")
    return _build(text, m, start, m.end(), unit, dim, a, b, zh=False)


def _build(
    text: str,
    m: re.Match[str],
    start: int,
    end: int,
    unit: str,
    dim: str,
    a: float,
    b: float | None,
    *,
    zh: bool,
) -> Quantity | None:
    pre = " ".join((m["pre"] or "").lower().split())
    post = " ".join((m["post"] or "").lower().split())
    if b is not None:
        low, high = min(a, b), max(a, b)
    elif pre in _AT_MOST or post in _AT_MOST:
        low, high = None, a
    elif pre in _AT_LEAST or post in _AT_LEAST:
        low, high = a, None
    else:
        low = high = a
    kind = _kind(text, start, end, dim, pre, post, zh)
    if kind == "time_limit" and low is None:
        low = high  # "一小时内" is the limit itself
    subject = _subject(text, start, end, kind, zh)
    return Quantity(kind, low, high, unit, text[start:end], (start, end), subject)


def _kind(text: str, start: int, end: int, dim: str, pre: str, post: str, zh: bool) -> str:
    after = _clause(text, end, forward=True)
    before = _clause(text, start, forward=False)
    if dim == "money":
        if zh and (after.startswith(("的，", "的,")) or before.endswith(("金额", "所得", "价值"))):
            return "amount"  # "货值金额不足一万元的，并处…罚款": a condition, not the fine
        fine = (
            ("罚款" in after[:16] or "罚款" in before[-8:])
            if zh
            else "fine" in (before[-40:] + after[:30]).lower()
        )
        return "fine" if fine else "amount"
    if dim == "times":
        fine = "罚款" in after[:16] if zh else "fine" in (before[-40:] + after[:40]).lower()
        return "fine_multiple" if fine else "amount"
    if dim == "percent":
        income = ("收入" in before[-8:]) if zh else "income" in (before[-40:] + after[:30]).lower()
        if income:
            return "income_share"
        if zh and "罚款" in after[:16] and _VALUE_BASE.search(before[-8:]):
            return "value_share"  # "处建设工程造价百分之五以上百分之十以下的罚款"
        return "percentage"
    if dim == "time":
        if pre == "每" or pre == "every":
            return "period"
        if (after[:3] if zh else after[:12].lower()).startswith(("拘留", "以下拘留", " detention")):
            return "detention"
        return "time_limit"
    return "threshold"


# What a fine told as a share of a value is a share of: a cost, a price, a value, a turnover.
_VALUE_BASE = re.compile("造价|价款|货值|价值|金额|工程款|投资额|销售额|营业额|费用|价格|总额")


def _clause(text: str, pos: int, *, forward: bool) -> str:
    if forward:
        ends = [i for i in (text.find(c, pos) for c in "；;。\n") if i >= 0]
        return text[pos : min(ends, default=len(text))]
    starts = [text.rfind(c, 0, pos) for c in "；;。\n"]
    return text[max(starts) + 1 : pos]


# Who a fine is on: "对其直接负责的主管人员…处", else the sentence's topic.
_ZH_WHO = (
    ("直接责任人员", re.compile("直接负责的主管人员|直接责任人员|责任人员|有关负责人")),
    ("主要负责人", re.compile("主要负责人|实际控制人")),
    # the officers under the principal: deputies in charge, the safety director, safety managers
    (
        "其他负责人",
        re.compile("其他负责人|分管[^，,；;。]{0,12}负责人|安全总监|安全(?:生产)?管理人员"),
    ),
    ("从业人员", re.compile("从业人员|作业人员")),
    ("个人", re.compile("个人|公民")),
)
_ZH_ORGANISATION = re.compile("单位|组织|企业")
_EN_WHO = (
    (
        "person",
        re.compile(
            r"\b(?:person|persons|individual|staff)\s+(?:directly\s+)?(?:in\s+charge|responsible)",
            re.I,
        ),
    ),
    ("principal", re.compile(r"\b(?:principal|main)\s+(?:person|leader|head)", re.I)),
)
_ZH_DUTY = re.compile(
    "书面报告|报告|报送|备案|提交|上报|制定|编制|告知|答复|反馈|调查处理|处理完毕|办结|作出|公布|"
    "整改|复查|批复|审查|审批|决定|申请|补办|撤离|赶赴|核查|送达|移送|通知|登记|培训|演练|考核|检测|"
    "评估|保存|延长|治理|办理|修订|评审|复核|检查|开展"
)
# The act a Chinese time limit bounds when it is no known duty word: the two characters right
# after the limit ("内"/"以内" and an adverb passed over), unless a preposition, a modal or a
# negation stands there ("向…", "不得…"): the verb is then further on, and not read here.
_ZH_OWN_VERB = re.compile(
    r"(?:内|以内|之内)?\s*(?:依法|及时|一次性)?"
    r"(?![在对向与将把从以为由按依于同和跟给经不未应须可必禁严的起前后止至])([\u4e00-\u9fff]{2})"
)
_EN_DUTY = re.compile(
    r"\b(report|notify|file|submit|register|investigate|inform|reply|respond|publish|rectify|"
    r"decide|review|inspect|train|drill|keep|retain|pay|deliver|complete)\w*",
    re.I,
)
_ZH_COMPARE = re.compile(
    r"(?:不得|应当|须)?(?:超过|不足|不满|达到|少于|低于|高于|多于|不少于|不低于|在|为|有)$"
)


def _subject(text: str, start: int, end: int, kind: str, zh: bool) -> str:
    if kind in ("fine", "fine_multiple", "income_share", "value_share"):
        return _who(text, start) if zh else _en_who(text, start)
    if kind in ("time_limit", "period"):
        pattern = _ZH_DUTY if zh else _EN_DUTY
        after = _clause(text, end, forward=True)
        cut = min([i for i in (after.find(c) for c in "，,") if i >= 0], default=len(after))
        before = _clause(text, start, forward=False)[-30:]
        hit = pattern.search(after[:cut])
        if hit is None and zh:
            own = _ZH_OWN_VERB.match(after[:cut])
            if own:  # "七日内提出处理意见" bounds 提出, whatever the sentence said before
                return own.group(1)
        hit = hit or pattern.search(before) or pattern.search(after)
        return hit.group(0).lower() if hit else ""
    if kind == "threshold" and zh:
        before = _ZH_COMPARE.sub("", _clause(text, start, forward=False)).replace("的", "")
        head = re.search(r"([\u4e00-\u9fff]{2,6})$", before)
        return head.group(1)[-4:] if head else ""
    return ""


# A clause that only names whom the next one fines: "对有关责任人员，", "并对直接负责的主管人员，".
_PARTY_CLAUSE = re.compile(r"^(?:并|同时)?对[^，,；;。对]{2,20}$")


def _who(text: str, start: int) -> str:
    clause_start = max(text.rfind(c, 0, start) for c in _CLAUSE_END) + 1
    clause = text[clause_start:start]
    if "对" not in clause and clause_start > 0:
        # "对有关责任人员，处五千元以上…": the party stands in a clause of its own before
        before = max(text.rfind(c, 0, clause_start - 1) for c in _CLAUSE_END) + 1
        party = text[before : clause_start - 1].strip()
        if _PARTY_CLAUSE.match(party):
            clause = party + clause
    to = clause.rfind("对")
    if to >= 0:
        for label, pattern in _ZH_WHO:
            if pattern.search(clause[to:]):
                return label
        if _ZH_ORGANISATION.search(clause[to:]):  # "对单位处…", "对组织可以并处…"
            return "单位"
    sentence = _clause(text, start, forward=False)
    if sentence.startswith(("（", "(")) or not sentence.strip():
        lead_end = max(text.rfind("：", 0, start), text.rfind(":", 0, start))
        if lead_end > 0:
            sentence = text[text.rfind("\n", 0, lead_end) + 1 : lead_end] + sentence
    found = _person(sentence)
    if found is None and "单位" not in sentence:
        # "…主要负责人未履行…的，责令限期改正；逾期未改正的，处…罚款": a sentence that names no
        # one fines the party its paragraph opens with
        para_start = text.rfind("\n", 0, start) + 1
        lead = re.match(r"[^；;。\n]*?的[，,]|[^；;。\n]*", text[para_start:start])
        found = _person(lead.group(0)) if lead else None
    return found or "单位"


# Where the offender stops and the offence begins: "生产经营单位未对从业人员…" fines the unit.
_OFFENCE_START = re.compile("未|不|拒绝|拒不|擅自|对|将|向|使用|有下列|有前款|违反")


def _person(sentence: str) -> str | None:
    """The person a sentence opens with as the offender, None when it names none there."""
    sentence = re.sub(r"^\s*违反[^，,]{0,30}?规定[，,]", "", sentence)
    verb = _OFFENCE_START.search(sentence)
    sentence = sentence[: verb.start()] if verb else sentence
    for label, pattern in _ZH_WHO:
        hit = pattern.search(sentence)
        if hit and (not re.search("单位", sentence[: hit.start()]) or hit.group(0) != "个人"):
            if label == "个人" and "单位" in sentence:
                continue
            return label
    return None


def _en_who(text: str, start: int) -> str:
    sentence = _clause(text, start, forward=False)
    for label, pattern in _EN_WHO:
        if pattern.search(sentence):
            return label
    return "entity"
