"""Parse the dates and times people type (`2026-12-03 14:00`, `Dec 3 2pm`, `tomorrow 9am`, `3 days ago`) in a local zone."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, tzinfo

# dateutil (~15 ms to import) is loaded by the functions that parse or need a zone object; humanize_delta, which
# the dashboard and the board call on every start, converts with the system's local time and needs neither.


class WhenError(ValueError):
    pass


def local_zone() -> tzinfo:
    from dateutil import tz as du_tz

    zone = du_tz.tzlocal()
    return zone


_RELATIVE = re.compile(r"^(today|tomorrow|yesterday)\b\s*(.*)$", re.IGNORECASE)
_DAYS_AWAY = re.compile(r"^(?:(\d{1,3})\s+days?\s+ago|in\s+(\d{1,3})\s+days?)\b\s*(.*)$", re.IGNORECASE)
"""'3 days ago' and 'in 2 days', optionally with a time ('3 days ago 8pm')."""


def parse_when(text: str, *, zone: tzinfo | None = None, now: datetime | None = None) -> datetime:
    """Parse a date/time typed by a person in the local zone; return an aware UTC datetime.

    A date without a time means 09:00. Raises WhenError with a one-line message.
    """
    zone = zone or local_zone()
    raw = (text or "").strip()
    if not raw:
        raise WhenError("no date given (try 2026-12-03 14:00 or 'Dec 3 2pm')")
    now_local = (now or datetime.now(UTC)).astimezone(zone)
    base_day = now_local.date()
    m = _RELATIVE.match(raw)
    away = _DAYS_AWAY.match(raw)
    if m:
        offset = {"today": 0, "tomorrow": 1, "yesterday": -1}[m.group(1).lower()]
        base_day = base_day + timedelta(days=offset)
        raw = m.group(2).strip() or "09:00"
        default = datetime(base_day.year, base_day.month, base_day.day, 9, 0)
    elif away:
        offset = -int(away.group(1)) if away.group(1) else int(away.group(2))
        base_day = base_day + timedelta(days=offset)
        raw = away.group(3).strip() or "09:00"
        default = datetime(base_day.year, base_day.month, base_day.day, 9, 0)
    else:
        default = datetime(base_day.year, base_day.month, base_day.day, 9, 0)
    from dateutil import parser as du_parser

    try:
        parsed = du_parser.parse(raw, default=default)
    except (ValueError, OverflowError) as exc:
        raise WhenError(f"cannot read {text!r} as a date/time (try 2026-12-03 14:00 or 'Dec 3 2pm')") from exc
    if parsed.tzinfo is None:
        from dateutil.tz import resolve_imaginary

        # A clock time skipped by a daylight-saving change (02:30 on the night clocks go 02:00 → 03:00) does not
        # exist: it is taken as the time the clock shows then, one gap later (03:30), as calendars do.
        parsed = resolve_imaginary(parsed.replace(tzinfo=zone))
    return parsed.astimezone(UTC)


def parse_day(text: str, *, zone: tzinfo | None = None, now: datetime | None = None) -> date:
    """Parse a date typed by a person (YYYY-MM-DD, 'Dec 3', 'today')."""
    return parse_when(text, zone=zone, now=now).astimezone(zone or local_zone()).date()


def humanize_delta(when: datetime, now: datetime) -> str:
    """'in 3 days', 'yesterday', 'in 2 h', 'today' — for cards and dashboards."""
    seconds = (when - now).total_seconds()
    days = (when.astimezone().date() - now.astimezone().date()).days  # local calendar days (DST-aware)
    if abs(seconds) < 3600 * 12 and days == 0:
        hours = int(abs(seconds) // 3600)
        minutes = int(abs(seconds) % 3600 // 60)
        span = f"{hours} h" if hours else f"{minutes} min"
        return f"in {span}" if seconds >= 0 else f"{span} ago"
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"


WEEK_FIRST_DAYS = {"monday": 0, "sunday": 6}
"""The first day of the week a person may choose (the ``week.first_day`` setting) → its ``date.weekday()``."""


def week_start(day: date, first_day: str = "monday") -> date:
    """The first day of the week that holds ``day``: its Monday, or its Sunday when weeks start on Sunday
    (an unknown choice counts as Monday)."""
    first = WEEK_FIRST_DAYS.get(str(first_day).lower(), 0)
    return day - timedelta(days=(day.weekday() - first) % 7)
