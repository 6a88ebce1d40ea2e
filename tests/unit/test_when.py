"""Dates as people type them and as cards show them, in the local zone (TZ), across a DST change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from tracker.domain.when import WhenError, humanize_delta, parse_when


@pytest.fixture
def new_york(local_zone: Callable[[str], None]) -> None:
    local_zone("America/New_York")


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (datetime(2026, 11, 2, 16, 30, tzinfo=UTC), "in 1 h"),  # 11:30 local, an hour after now
        (datetime(2026, 11, 2, 15, 40, tzinfo=UTC), "in 10 min"),
        (datetime(2026, 11, 2, 14, 30, tzinfo=UTC), "1 h ago"),
        (
            datetime(2026, 11, 3, 4, 30, tzinfo=UTC),
            "today",
        ),  # 23:30 local: still today, though tomorrow in UTC
        (datetime(2026, 11, 3, 5, 30, tzinfo=UTC), "tomorrow"),
        (datetime(2026, 11, 1, 14, 0, tzinfo=UTC), "yesterday"),
        (datetime(2026, 11, 5, 14, 0, tzinfo=UTC), "in 3 days"),
        (datetime(2026, 10, 30, 14, 0, tzinfo=UTC), "3 days ago"),  # before the clocks went back on Nov 1
    ],
)
def test_humanize_delta_counts_local_calendar_days(new_york: None, when: datetime, expected: str) -> None:
    now = datetime(2026, 11, 2, 15, 30, tzinfo=UTC)  # Monday 10:30 in New York (EST, UTC-5)
    assert humanize_delta(when, now) == expected


def test_parse_when_reads_local_times_across_dst(new_york: None) -> None:
    now = datetime(2026, 10, 30, 12, 0, tzinfo=UTC)
    assert parse_when("2026-10-31 09:00", now=now) == datetime(2026, 10, 31, 13, 0, tzinfo=UTC)  # EDT
    assert parse_when("2026-11-02 09:00", now=now) == datetime(2026, 11, 2, 14, 0, tzinfo=UTC)  # EST
    assert parse_when("tomorrow", now=now) == datetime(2026, 10, 31, 13, 0, tzinfo=UTC)
    assert parse_when("Nov 3 2pm", now=now) - parse_when("Nov 3", now=now) == timedelta(hours=5)
    with pytest.raises(WhenError, match="cannot read"):
        parse_when("the day after never", now=now)


def test_a_time_skipped_by_daylight_saving_is_moved_forward_not_back() -> None:
    """02:30 on the night New York's clocks jump from 02:00 to 03:00 does not exist: it is 03:30 local, as a
    calendar would take it (it was 01:30, an hour earlier than anything the user could have meant)."""
    from zoneinfo import ZoneInfo

    from dateutil import tz

    for zone in (ZoneInfo("America/New_York"), tz.gettz("America/New_York")):
        assert zone is not None
        at = parse_when("2027-03-14 02:30", zone=zone)
        assert at == datetime(2027, 3, 14, 7, 30, tzinfo=UTC)
        assert at.astimezone(zone).strftime("%H:%M") == "03:30"
        assert parse_when("2027-03-14 01:30", zone=zone) == datetime(2027, 3, 14, 6, 30, tzinfo=UTC)


def test_days_ago_and_in_days(new_york: None) -> None:
    now = datetime(2026, 11, 2, 15, 30, tzinfo=UTC)  # 10:30 in New York, Monday 2 November
    assert parse_when("3 days ago", now=now) == datetime(2026, 10, 30, 13, 0, tzinfo=UTC)  # 09:00 EDT
    assert parse_when("1 day ago 8pm", now=now) == datetime(2026, 11, 2, 1, 0, tzinfo=UTC)  # Sun 20:00 EST
    assert parse_when("in 2 days 14:00", now=now) == datetime(2026, 11, 4, 19, 0, tzinfo=UTC)
    with pytest.raises(WhenError):
        parse_when("many days ago", now=now)
