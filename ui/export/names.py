"""Download file names after their subject and the day.

For example 《上海市安全生产条例》审查意见-2026年12月7日.docx.

Staff file downloads by what they are about; ``study-pack.docx`` or ``review.docx`` tell three
downloads apart by nothing (issue 18). The day is the local date (``ui.i18n.dates``), in the
interface language's format; characters no file system takes are replaced.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from ui.i18n import language, t
from ui.i18n.dates import format_date, local_zone

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
# The state's name before a national law's title is the same for every law; the rest says which.
_STATE = "中华人民共和国"


def short_title(title: str) -> str:
    """A title for a file name: without 中华人民共和国 and without characters files refuse."""
    title = title.strip()
    if title.startswith(_STATE) and len(title) > len(_STATE):
        title = title[len(_STATE) :]
    return _UNSAFE.sub("-", title).strip(" .-") or "PolicyLens"


def today() -> date:
    """Today in the configured time zone."""
    return datetime.now(local_zone()).date()


def export_name(subject: str, kind_key: str, extension: str, *, day: date | None = None) -> str:
    """``{subject}-{kind}-{day}.{extension}``; a review is named ``《subject》kind-day``.

    Args:
        subject: The law, text or topic the file is about.
        kind_key: The catalogue key of what the file is (``export.name_opinion`` …).
        extension: Without the dot.
        day: The date in the name; today when None.
    """
    kind = t(kind_key)
    stamp = format_date(day or today())
    title = short_title(subject)
    if kind_key.startswith("export.name_review") and language() == "zh":
        return f"《{title}》{kind}-{stamp}.{extension}"
    return f"{title}-{kind}-{stamp}.{extension}"
