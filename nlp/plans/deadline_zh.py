"""Chinese deadline forms.

2025年12月底前, 二〇二五年, 年底前, 第一季度, 上半年, 长期坚持, 每年6月, 汛期前, 三年内.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from nlp.plans.deadline_calendar import (
    CN_DIGIT,
    ORDINALS,
    YEAR_NUM,
    YEAR_WORDS,
    Candidate,
    RuleSet,
    candidate,
    cn_number,
    month_end,
    quarter_end,
    standalone,
    year_of,
    year_of_text,
)

ZH = RuleSet()

_YEAR_WORD = "|".join(sorted(YEAR_WORDS, key=len, reverse=True))
_CN_YEAR = rf"(?:(?P<y>{YEAR_NUM})\s*年|(?P<yw>{_YEAR_WORD}))"
_CN_MONTH = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_CN_DAY = (
    r"(?P<d>3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?"
    r"|[一二三四五六七八九])"
)
_CN_BEFORE = r"(?P<post>之前|以前|前|内)?"
_NOT_AFTER_NUMBER = rf"(?<![\d{CN_DIGIT}十])"
# a year written earlier in the same sentence ("2019年1月1日至12月31日", "自2019年起至12月底前")
_SENTENCE_YEAR = re.compile(rf"(?P<y>{YEAR_NUM})\s*年(?=[^。；;\n]*$)")
# words for "that year" that are conditions unless a time cue follows ("当年新招用的": the year of
# hiring, not a deadline; "当年底前完成" is one)
_CONDITION_YEAR_WORDS = ("当年",)


def _year(m: re.Match[str], text: str, plan: date | None) -> int | None:
    """The year a match names; a month or day without one takes the year written before it in
    the same sentence, else the plan's year."""
    if not m.groupdict().get("y") and not m.groupdict().get("yw"):
        earlier = list(_SENTENCE_YEAR.finditer(text, 0, m.start()))
        if earlier:
            return year_of_text(earlier[-1]["y"])
    return year_of(m, plan)


@ZH.rule(rf"{_NOT_AFTER_NUMBER}(?:{_CN_YEAR})?{_CN_MONTH}月{_CN_DAY}[日号]{_CN_BEFORE}")
def _cn_day(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    year = _year(m, text, plan)
    # "5月31日前" is read as "by 31 May": plans write 前 for "no later than" a day.
    due = None if year is None else date(year, cn_number(m["m"]), cn_number(m["d"]))
    return candidate(m, "date", due, cued=bool(m["post"]))


@ZH.rule(
    rf"{_NOT_AFTER_NUMBER}(?:{_CN_YEAR})?{_CN_MONTH}月份?"
    r"(?P<part>底|末|中旬|上旬|下旬|中)?(?P<post>之前|以前|前|内)?(?![\d日号])"
)
def _cn_month(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    year = _year(m, text, plan)
    if year is None:
        return candidate(m, "date", None, cued=bool(m["part"] or m["post"]))
    month = cn_number(m["m"])
    part, post = m["part"], m["post"]
    if part == "上旬":
        due = date(year, month, 10)
    elif part in ("中旬", "中"):
        due = date(year, month, 20)
    elif part is None and post in ("前", "之前", "以前"):
        # "6月前": before June begins, so the end of May.
        due = date(year, month, 1) - timedelta(days=1)
    else:
        due = month_end(year, month)
    return candidate(m, "date", due, cued=bool(part or post))


@ZH.rule(rf"(?P<y1>{YEAR_NUM})\s*年?(?:和|及|、|与)(?P<y2>{YEAR_NUM})\s*年(?![底末终内前度])")
def _cn_years(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    """ "2025年和2026年", "2025、2026年": the work runs through the last year named."""
    first, last = year_of_text(m["y1"]), year_of_text(m["y2"])
    if not 0 < last - first <= 10:
        return None
    return Candidate(m.start(), m.end(), "period", date(last, 12, 31), date(first, 1, 1), True)


@ZH.rule(rf"(?:{_CN_YEAR})?第?(?P<q>[一二三四1-4])季度(?P<part>末|底)?{_CN_BEFORE}")
def _cn_quarter(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    year = _year(m, text, plan)
    due = None if year is None else quarter_end(year, ORDINALS[m["q"]])
    return candidate(m, "date", due, cued=True)


@ZH.rule(rf"(?:{_CN_YEAR})?(?:(?P<h>上|下)半年(?:末|底)?|年中){_CN_BEFORE}")
def _cn_half(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    year = _year(m, text, plan)
    month = 12 if m["h"] == "下" else 6
    return candidate(m, "date", None if year is None else month_end(year, month), cued=True)


@ZH.rule(
    rf"{_NOT_AFTER_NUMBER}{_CN_YEAR}(?P<part>年?底|年?末|年?终|年?内|年度内|全年)?{_CN_BEFORE}"
)
def _cn_year(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    year = year_of(m, plan)
    part, post = m["part"], m["post"]
    if year is None:
        return candidate(m, "date", None, cued=bool(part or post))
    if part is None and post in ("前", "之前", "以前"):
        due = date(year - 1, 12, 31)  # "2025年前": before 2025 begins
    else:
        due = date(year, 12, 31)
    cued = bool(part or post or (m["yw"] and m["yw"] not in _CONDITION_YEAR_WORDS))
    return candidate(m, "date", due, cued=cued)


@ZH.rule(r"(?<![\d年])(?:年底|年末|年终|年内|年度内)(?P<post>之前|以前|前)?")
def _cn_this_year(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    return candidate(m, "date", None if plan is None else date(plan.year, 12, 31), cued=True)


@ZH.rule(
    r"每(?P<unit>年度?|个?季度|季|个?月|半年|周|两年|三年)"
    rf"(?:第?[一二三四1-4]季度(?:末|底)?|{_CN_MONTH}月(?:{_CN_DAY}[日号]|底|末|中旬|上旬|下旬)?"
    r"|(?P<yend>年底|年末))?(?:之前|以前|前)?"
    # "每年6月底前和12月底前": the days joined to the first recur with it
    r"(?:(?:和|及|、)(?:1[0-2]|0?[1-9])月(?:(?:3[01]|[12]\d|0?[1-9])[日号]|底|末)?(?:之前|以前|前)?)*"
)
def _cn_recurring(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    # a frequency has no last day: 每年6月底前 recurs, so the task stays open (due None)
    return candidate(m, "recurring", None, cued=True)


_ONGOING_ZH = (
    "长期坚持",
    "长期推进",
    "长期开展",
    "长期执行",
    "长期任务",
    "持续推进",
    "持续开展",
    "持续实施",
    "常态化推进",
    "常态化开展",
    "长效推进",
    "常态化",
    "长期",
    "持续",
)


@ZH.rule("|".join(_ONGOING_ZH))
def _cn_ongoing(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    return candidate(m, "ongoing", None, cued=standalone(text, m.start(), m.end()))


@ZH.rule(
    r"(?:主汛期|汛期|入汛)(?:来临前|到来前|之前|前|期间|内)?|汛前"
    r"|(?:春节|元旦|国庆|中秋|五一|清明|[“\"]两会[”\"]|两会|重大节假日|节假日)(?:之前|前|期间|前后)"
    r"|冬春季?(?:火灾防控期)?(?:期间)?|(?:夏季|冬季)(?:期间|前)"
    r"|(?:冬季)?(?:供暖|采暖|取暖)(?:季|期)(?:来临前|到来前|之前|前|期间|内)?"
)
def _cn_season(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    return candidate(m, "season", None, cued=True)


@ZH.rule(
    rf"{_NOT_AFTER_NUMBER}(?:用)?(?P<n>\d{{1,3}}|[一二两三四五六七八九十]{{1,3}})\s*个?"
    r"(?P<u>年|月|周|星期|日|天|工作日|小时)(?:以内|内|左右时间|时间)"
)
def _cn_relative(m: re.Match[str], text: str, plan: date | None) -> Candidate | None:
    """ "三年内", "30日内": a span counted from a day the text does not fix (the plan's issue, a
    report, an accident), so no due date; the words are kept as the deadline's text."""
    return candidate(m, "relative", None, cued=True)
