"""Times are shown in the local zone and the user's language."""

from __future__ import annotations

import pytest

from ui.i18n import set_language
from ui.i18n.dates import format_date, format_datetime


def test_a_utc_stamp_is_shown_in_beijing_time_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POLICYLENS_TIMEZONE", raising=False)
    assert format_datetime("2026-12-07T20:05:09+00:00") == "2026年12月8日 04:05"
    assert format_date("2021-09-01") == "2021年9月1日"


def test_english_and_another_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYLENS_TIMEZONE", "Europe/Dublin")
    set_language("en")
    try:
        assert format_datetime("2026-07-01T10:00:00Z", seconds=True) == "2026-07-01 11:00:00"
    finally:
        set_language(None)
