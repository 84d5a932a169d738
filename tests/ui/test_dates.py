"""Today is the local (Beijing) date, not the server's UTC date (issue 18)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from ui.i18n.dates import format_date, local_date, local_today


def test_just_after_16_utc_is_the_next_day_in_beijing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POLICYLENS_TIMEZONE", raising=False)
    # 00:10 on 12月8日 in Beijing; the UTC date is still 12月7日.
    moment = datetime(2026, 12, 7, 16, 10, tzinfo=UTC)
    assert moment.date() == date(2026, 12, 7)
    assert local_today(moment) == date(2026, 12, 8)
    assert format_date(local_today(moment)) == "2026年12月8日"
    # A minute before 16:00 UTC it is still the same day in Beijing.
    assert local_today(moment - timedelta(minutes=11)) == date(2026, 12, 7)


def test_the_date_an_upload_is_shown_with(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POLICYLENS_TIMEZONE", raising=False)
    assert local_date("2026-12-07T16:10:00.123456+00:00") == date(2026, 12, 8)
    assert local_date("2026-12-07T15:59:59Z") == date(2026, 12, 7)


def test_another_zone_and_the_real_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYLENS_TIMEZONE", "America/New_York")
    # 01:00 UTC on 12月8日 is still the evening of 12月7日 in New York.
    assert local_today(datetime(2026, 12, 8, 1, 0, tzinfo=UTC)) == date(2026, 12, 7)
    monkeypatch.delenv("POLICYLENS_TIMEZONE")
    now = datetime.now(UTC)
    assert local_today() in {
        (now + timedelta(hours=8)).date(),
        (now + timedelta(hours=8, minutes=1)).date(),
    }
