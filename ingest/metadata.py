"""Metadata read from the text itself: title, number, issuer, dates, level, region."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ingest.normalize import cjk_ratio, ends_sentence
from ingest.numbering import parse_number, starts_with_label
from ingest.readers.base import Block, BlockKind

# The legal levels (效力级别) in their usual order of force, standards and plans last.
LEVELS = (
    "national_law",
    "administrative_regulation",
    "departmental_rule",
    "local_regulation",
    "local_government_rule",
    "judicial_interpretation",
    "normative_document",
    "work_plan",
    "standard",
)

_CN_DATE = re.compile(
    r"([12][0-9]{3}|[一二三四五六七八九〇零]{4})\s*年"
    r"\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})"
    r"\s*月\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
_EN_DATE = re.compile(
    r"\b(?:(\d{1,2})\s+("
    + "|".join(_MONTHS)
    + r")\s+(\d{4})|("
    + "|".join(_MONTHS)
    + r")\s+(\d{1,2}),\s*(\d{4})|(\d{4})-(\d{2})-(\d{2}))\b",
    re.I,
)
_EFFECTIVE = re.compile(r"自\s*(.{6,16}?日|公布之日|发布之日|印发之日)\s*起(施行|实施|执行)")
_EN_EFFECTIVE = re.compile(
    r"(?:shall )?(?:come|comes) into (?:force|effect) (?:on|as of) ([^.;]+)", re.I
)
_CN_DOC_NO = re.compile(
    r"[\u4e00-\u9fff]{1,12}\s*[〔\[【（(]\s*[12][0-9]{3}\s*"
    r"[〕\]】）)]\s*[0-9]+\s*号"
)
# An order's number, the 发文字号 of a government rule or an administrative regulation:
# "2016年1月4日上海市人民政府令第37号公布" gives 上海市人民政府令第37号 (国务院令, 总局令 alike).
_ORDER_NO = re.compile(
    r"([\u4e00-\u9fff]{0,20}?(?:人民政府|国务院|部|总局|局|委员会|委|厅))令\s*"
    r"第\s*([0-9０-９]+|[一二三四五六七八九十百千〇零]+)\s*号"
)
# dates written out, taken away before reading an order's issuer (…4日上海市人民政府令)
_CN_DATE_WORDS = re.compile(
    r"[0-9０-９〇零一二三四五六七八九十]+\s*年\s*[0-9０-９〇零一二三四五六七八九十]+\s*月"
    r"(?:\s*[0-9０-９〇零一二三四五六七八九十]+\s*日)?"
)
# words that may run into an issuer's name: 根据上海市人民政府令…, 经…, 以…
_ORDER_LEAD = re.compile(r"^(?:根据|依据|按照|经|以|由|并|于|和|及)+")
_EN_DOC_NO = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+){0,4} ?\[[12][0-9]{3}\] ?No\. ?[0-9]+")
_STANDARD_NO = re.compile(r"\b(GB|GB/T|AQ|AQ/T|GBZ|JGJ|MT|SY|HG)\s*[0-9.]+\s*[—–-]\s*[0-9]{4}")
_REGION = re.compile(r"^(.{2,7}?(?:省|自治区|特别行政区|市))(?!民|场|政|容)")
_SPECIAL_ZONE = re.compile(r"^(.{2,4}?)经济特区")
_ISSUER_CN = re.compile(
    r"((?:[^\s，。、]{2,20}?)"
    r"(?:人民代表大会常务委员会|人民代表大会|人民政府|国务院|"
    r"安全生产委员会(?:办公室)?|最高人民法院|最高人民检察院|[部局厅委办]))"
    r"(?:第[^\s]{1,20}次会议|令|公告|发布|印发|通过)"
)
_EN_ISSUER = re.compile(r"^(?:Issued by|Promulgated by)\s*:?\s*([^,.;]+)", re.I)


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO (YYYY-MM-DD), Chinese or English, else None."""
    if m := _CN_DATE.search(text):
        try:
            year, month, day = (parse_number(m.group(i)) for i in (1, 2, 3))
            return f"{year:04d}-{month:02d}-{day:02d}"
        except ValueError:
            return None
    if m := _EN_DATE.search(text):
        if m.group(1):
            return f"{int(m.group(3)):04d}-{_MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
        if m.group(4):
            return f"{int(m.group(6)):04d}-{_MONTHS[m.group(4).lower()]:02d}-{int(m.group(5)):02d}"
        return f"{m.group(7)}-{m.group(8)}-{m.group(9)}"
    return None


def all_dates(text: str) -> list[str]:
    """Every date in ``text`` as ISO strings, in order."""
    out: list[str] = []
    for m in _CN_DATE.finditer(text):
        if d := parse_date(m.group(0)):
            out.append(d)
    if not out:
        for m in _EN_DATE.finditer(text):
            if d := parse_date(m.group(0)):
                out.append(d)
    return out


# A long first line is still the title when it names the kind of document ("… Work Plan on …").
_TITLE_NOUN = re.compile(
    r"\b(?:plan|programme|program|notice|opinions|measures|provisions|regulations|rules)\b", re.I
)
_FILE_DATE = re.compile(r"[（(]\s*([12][0-9]{3}-[0-9]{2}-[0-9]{2})\s*[)）]\s*$")


def detect_title(blocks: Sequence[Block], reader_title: str, path: Path) -> str:
    """The document's title: a level-1 heading, the format's title, a short first line, or the
    file name (without a trailing "(2021-06-10)")."""
    for b in blocks[:5]:
        if b.kind is BlockKind.HEADING and (b.level or 1) == 1 and not starts_with_label(b.text):
            return b.text
    if reader_title.strip() and reader_title.strip().lower() not in ("untitled", "anonymous"):
        return reader_title.strip()
    if blocks:
        first = blocks[0].text
        if (
            (len(first) <= 80 or (len(first) <= 160 and _TITLE_NOUN.search(first)))
            and not ends_sentence(first)
            and not starts_with_label(first)
            and not re.match(r"^(First|One)\b", first)
        ):
            return first
    return _FILE_DATE.sub("", path.stem).strip()


def detect_metadata(preamble_text: str, full_text: str, title: str, path: Path) -> dict[str, str]:
    """Read metadata from the header (preamble) and the text.

    Args:
        preamble_text: the text before the first heading: header lines with dates, numbers.
        full_text: the whole normalised text (for the effective-date clause).
        title: the detected title.
        path: the source file (its name may carry a date).

    Returns:
        Only the fields found: title, doc_number, issuer, promulgated, amended, version_date,
        effective, level, region, language.
    """
    meta: dict[str, str] = {"title": title}
    head = preamble_text[:3000]
    if m := _CN_DOC_NO.search(head) or _EN_DOC_NO.search(head):
        meta["doc_number"] = re.sub(r"\s+", " ", m.group(0)).strip()
    elif orders := _ORDER_NO.findall(_CN_DATE_WORDS.sub(" ", head)):
        # the last order named made this version ("…令第52号公布，根据…令第30号修正")
        issuer, number = orders[-1]
        meta["doc_number"] = f"{_ORDER_LEAD.sub('', issuer)}令第{number}号"
    elif m := _STANDARD_NO.search(title + " " + head):
        meta["doc_number"] = m.group(0)
    dates = all_dates(head) or _date_line(full_text)
    file_date = _FILE_DATE.search(path.stem)
    if dates:
        meta["promulgated"] = dates[0]
        if len(dates) > 1:
            meta["amended"] = ",".join(dates[1:])
        meta["version_date"] = max(dates)
    elif file_date:
        meta["version_date"] = file_date.group(1)
    meta.update(_effective(full_text, meta.get("version_date")))
    if m := _ISSUER_CN.search(head):
        issuer = re.sub(r"^[0-9年月日\s]+", "", m.group(1))
        issuer = re.sub(r"^.*?日\s*", "", issuer)
        meta["issuer"] = issuer.strip()
    else:
        for line in head.splitlines():
            if m := _EN_ISSUER.match(line.strip()):
                meta["issuer"] = m.group(1).strip()
                break
    meta.update(_level_and_region(title, full_text, head))
    return meta


def _effective(full_text: str, version_date: str | None) -> dict[str, str]:
    """When this version took effect, from its "自…起施行" clause.

    An amended text keeps its original clause ("本法自2002年11月1日起施行" in the 2021 安全生产法):
    a clause dated before the version's own date is the first version's, kept as
    ``first_effective``; this version's date of effect is then not in the text, and
    ``effective`` is left out (search and review fall back to the version date).
    """
    tail = full_text[-4000:]
    when: str | None = None
    if m := _EFFECTIVE.search(tail) or _EFFECTIVE.search(full_text[:4000]):
        when = parse_date(m.group(1)) or version_date  # "自公布之日起施行"
    elif m := _EN_EFFECTIVE.search(tail):
        when = parse_date(m.group(1))
    if not when:
        return {}
    if version_date and when < version_date:
        return {"first_effective": when}
    return {"effective": when}


_DATE_LINE_REST = re.compile(r"[\d〇零一二三四五六七八九十○Ｏ年月日\s,./:：-]|[A-Za-z]+")


def _date_line(text: str) -> list[str]:
    """The date of a line near the top that holds nothing but a date (a plan's or a notice's
    成文日期 under its issuer), for texts whose header did not become a preamble."""
    for line in text.splitlines()[:12]:
        line = line.strip()
        if 6 <= len(line) <= 24 and not _DATE_LINE_REST.sub("", line):
            found = all_dates(line)
            if found:
                return found[:1]
    return []


# Provinces and their kind, for a place written without it ("浙江" → "浙江省"); any other bare
# place name is a city ("深圳" → "深圳市", as in 深圳经济特区).
_PROVINCES = {
    **dict.fromkeys(("北京", "天津", "上海", "重庆"), "市"),
    **dict.fromkeys(
        (
            *("河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西"),
            *("山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西"),
            *("甘肃", "青海", "台湾"),
        ),
        "省",
    ),
    "内蒙古": "自治区",
    "广西": "壮族自治区",
    "西藏": "自治区",
    "宁夏": "回族自治区",
    "新疆": "维吾尔自治区",
    **dict.fromkeys(("香港", "澳门"), "特别行政区"),
}
_PLACE_KINDS = ("省", "市", "自治区", "特别行政区", "自治州", "州", "盟", "地区", "县", "区")


def normal_region(name: str) -> str:
    """One spelling per place: a name without its kind gets it ("深圳" → "深圳市", "浙江" →
    "浙江省"); a full name, or one that is not Chinese, is kept."""
    name = name.strip()
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,8}", name) or name.endswith(_PLACE_KINDS):
        return name
    return name + _PROVINCES.get(name, "市")


_GOVERNMENT_ORDER = re.compile(r"人民政府令|政府令第|人民政府(?:常务会议|第[^\s]{1,12}次常务会议)")


def _local_level(head: str, title: str) -> str:
    """A local text's level: a rule the people's government made (人民政府令, adopted by its
    常务会议) is a 地方政府规章; one the people's congress made is a 地方性法规."""
    if "人民代表大会" not in head and _GOVERNMENT_ORDER.search(head):
        return "local_government_rule"
    if "人民代表大会" not in head and re.search(r"(办法|细则)$", title):
        return "local_government_rule"
    return "local_regulation"


# A notice that transmits a plan ("关于印发《…实施方案》的通知", "…规划责任分解的通知") is
# published as that plan: its body is the plan with its task-division notes.
_TRANSMITS_PLAN = re.compile(
    r"(印发|转发|下达)[^，。；]*(方案|计划|要点|分工|分解|清单|任务|工作安排)[》」”\"]?的?(通知|函)$"
)


def _level_and_region(title: str, text: str, head: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    t = re.sub(r"[（(][^）)]*(示例|测试|illustrative|sample)[^）)]*[）)]", "", title, flags=re.I)
    # A trailing period or version in brackets ("（2025—2027年）") does not change the kind.
    t = re.sub(r"[（(][^（）()]*\d{4}[^（）()]*[）)]$", "", t.strip()).strip()
    chinese = bool(re.search(r"[\u4e00-\u9fff]", t))
    region = None
    if chinese:
        if (m := _SPECIAL_ZONE.match(t)) or (m := _REGION.match(t)):
            region = normal_region(m.group(1))
        if region:
            out["region"] = region
        if _STANDARD_NO.search(t) or re.search(r"(标准|规范|指南|导则|规程)$", t):
            level = "standard"
        elif re.search(r"(解释|批复)(（[一二三四五六七八九十]+）)?$", t) and "最高人民" in t:
            level = "judicial_interpretation"
        elif re.search(r"(方案|计划|要点|分工)$", t) or _TRANSMITS_PLAN.search(t):
            level = "work_plan"
        elif re.search(r"(通知|意见|决定)$", t):
            level = "normative_document"
        elif region:
            level = _local_level(head, t)
        elif t.endswith("法") and not t.endswith("办法"):
            level = "national_law"
        elif re.search(r"(条例|国务院关于.*规定|特别规定)$", t) or t.startswith("国务院"):
            level = "administrative_regulation"
        elif re.search(r"(办法|规定|细则)$", t):
            level = "departmental_rule"
        else:
            level = ""
    else:
        low = t.lower()
        if re.search(r"\b(plan|programme|program|work points)\b", low):
            level = "work_plan"
        elif re.search(r"\b(standard|specification|guideline|guide)\b", low):
            level = "standard"
        elif re.search(r"\b(act|law|code)\b", low):
            level = "national_law"
        elif re.search(r"\bregulations?\b", low) or re.search(r"\bCFR\b|^§", text[:2000]):
            level = "administrative_regulation"
        elif re.search(r"\b(notice|opinions?|circular)\b", low):
            level = "normative_document"
        else:
            level = ""
        if re.search(r"\bprovince\b|\bprovincial\b", low):
            out["region"] = "provincial"
    if level:
        out["level"] = level
    out["language"] = (
        "zh" if chinese or (not _latin_title(t) and cjk_ratio(text[:5000]) >= 0.5) else "en"
    )
    return out


def _latin_title(title: str) -> bool:
    """A title in words of Latin letters ("Work Safety Act"), not a file name ("zh_plan_2016")."""
    return bool(re.search(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}", title))
