"""Dates and times as the user reads them: the local time zone, Chinese format by default.

Stored times are UTC ISO stamps (``2026-12-07T06:50:44Z`` or with ``+00:00``); they are shown in
the zone of ``POLICYLENS_TIMEZONE`` (Asia/Shanghai unless set) as ``2026年12月7日 14:50`` in
Chinese and ``2026-12-07 14:50`` in English.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from index.settings import DEFAULT_TIMEZONE, timezone_name
from ui.i18n import language


def local_zone() -> ZoneInfo:
    """The configured zone (an unknown name falls back to Asia/Shanghai)."""
    try:
        return ZoneInfo(timezone_name())
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


def local_today(now: datetime | None = None) -> date:
    """Today's date in the local zone, the day the interface's times are shown in.

    The server's own date (``date.today()``) is the UTC date on a UTC host: from 00:00 to 08:00
    Beijing time it is still yesterday there (issue 18). ``now`` is the moment to take (an aware
    datetime, a naive one taken as UTC); the clock's current time when None.
    """
    moment = datetime.now(UTC) if now is None else parse_stamp(now)
    return moment.astimezone(local_zone()).date()


def local_date(stamp: str | datetime) -> date:
    """The local date of a stored UTC stamp (an upload at 16:30 UTC is the next day in Beijing)."""
    return parse_stamp(stamp).astimezone(local_zone()).date()


def parse_stamp(stamp: str | datetime) -> datetime:
    """A stored stamp as an aware datetime (a naive stamp is taken as UTC)."""
    moment = stamp if isinstance(stamp, datetime) else datetime.fromisoformat(stamp)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def format_date(day: date | str | None) -> str:
    """``2026年12月7日`` (English: ``2026-12-07``); empty for None."""
    if day is None or day == "":
        return ""
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    if language() == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


# an ISO date standing alone in a sentence (not part of a document id such as 法@2019-06-10)
_ISO_DATE = re.compile(r"(?<![@A-Za-z0-9_-])\d{4}-\d{2}-\d{2}(?![A-Za-z0-9_-])")


def dates_in_text(text: str) -> str:
    """A sentence as the reader reads it: in Chinese each ISO date in it
    (``已于2018-03-17起更名为``) reads ``2018年3月17日``; ids that carry a date
    (``法@2019-06-10``) are left alone. For display only: the stored text keeps its ISO dates."""
    if language() != "zh":
        return text
    return _ISO_DATE.sub(lambda m: format_date(m[0]), text)


def format_datetime(stamp: str | datetime | None, seconds: bool = False) -> str:
    """A stored UTC stamp in local time: ``2026年12月7日 14:50`` (English ``2026-12-07 14:50``)."""
    if stamp is None or stamp == "":
        return ""
    local = parse_stamp(stamp).astimezone(local_zone())
    clock = local.strftime("%H:%M:%S" if seconds else "%H:%M")
    return f"{format_date(local.date())} {clock}"
