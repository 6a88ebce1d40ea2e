"""A small, fast, exact RFC 5545 RRULE reader and date expander for study rules.

Study rules recur on *days* (the time of day is a separate field), so only day-level parts are accepted:
FREQ (DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, WKST.
Every error is a :class:`RuleError` whose one-line message names the wrong part, e.g.
``BYDAY: 'XX' is not a weekday (MO, TU, WE, TH, FR, SA, SU)``.

The expansion is our own (not ``dateutil.rrule``) because it must stay bounded: a rule that can never occur
(``FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31``) costs dateutil seconds, here it costs the length of the range.
Semantics follow dateutil/RFC 5545 for the supported parts (the tests compare both).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta

__all__ = [
    "FREQS",
    "WEEKDAYS",
    "ParsedRule",
    "RuleError",
    "days_to_rrule",
    "parse_days",
    "parse_hhmm",
    "parse_rule",
    "rule_dates",
    "validate_rrule",
]

FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_PARTS = ("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "WKST")
_WEEKDAY_HINT = "(MO, TU, WE, TH, FR, SA, SU)"


class RuleError(ValueError):
    """A study rule (RRULE, days or start time) that cannot be used; the message is one line."""


@dataclass(frozen=True, slots=True)
class ParsedRule:
    """A validated RRULE. ``byday`` holds ``(ordinal, weekday 0=Mon..6=Sun)``; ordinal 0 means "every"."""

    freq: str
    interval: int = 1
    count: int | None = None
    until: date | None = None
    byday: tuple[tuple[int, int], ...] = ()
    bymonthday: tuple[int, ...] = ()
    bymonth: tuple[int, ...] = ()
    bysetpos: tuple[int, ...] = ()
    wkst: int = 0

    def to_text(self) -> str:
        """Canonical RRULE text (without the ``RRULE:`` prefix)."""
        parts = [f"FREQ={self.freq}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        if self.until is not None:
            parts.append(f"UNTIL={self.until:%Y%m%d}")
        if self.byday:
            parts.append("BYDAY=" + ",".join(f"{n if n else ''}{WEEKDAYS[d]}" for n, d in self.byday))
        if self.bymonthday:
            parts.append("BYMONTHDAY=" + ",".join(map(str, self.bymonthday)))
        if self.bymonth:
            parts.append("BYMONTH=" + ",".join(map(str, self.bymonth)))
        if self.bysetpos:
            parts.append("BYSETPOS=" + ",".join(map(str, self.bysetpos)))
        if self.wkst != 0:
            parts.append(f"WKST={WEEKDAYS[self.wkst]}")
        return ";".join(parts)


_INT = re.compile(r"^[+-]?\d+$")
_BYDAY = re.compile(r"^([+-]?\d{1,2})?([A-Z]{2})$")


def _ints(name: str, raw: str, low: int, high: int, what: str, *, signed: bool) -> tuple[int, ...]:
    values: list[int] = []
    for piece in raw.split(","):
        piece = piece.strip()
        if not _INT.match(piece):
            raise RuleError(f"{name}: {piece!r} is not {what}")
        value = int(piece)
        ok = low <= abs(value) <= high if signed else low <= value <= high
        if not ok:
            raise RuleError(f"{name}: {piece!r} is not {what}")
        if value not in values:
            values.append(value)
    return tuple(values)


def _positive(name: str, raw: str) -> int:
    if not raw.isdigit() or int(raw) < 1:
        raise RuleError(f"{name}: {raw!r} is not a positive whole number")
    return int(raw)


def _weekday(name: str, raw: str) -> int:
    if raw not in WEEKDAYS:
        raise RuleError(f"{name}: {raw!r} is not a weekday {_WEEKDAY_HINT}")
    return WEEKDAYS.index(raw)


def parse_rule(text: str) -> ParsedRule:
    """Parse and validate an RRULE such as ``FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR`` (case-insensitive,
    optional ``RRULE:`` prefix). Raises :class:`RuleError` naming the wrong part."""
    raw = (text or "").strip()
    if raw.upper().startswith("RRULE:"):
        raw = raw[6:]
    raw = raw.strip().strip(";")
    if not raw:
        raise RuleError("RRULE is empty; expected e.g. FREQ=WEEKLY;BYDAY=MO,WE,FR")
    seen: dict[str, str] = {}
    for part in raw.split(";"):
        if "=" not in part:
            raise RuleError(f"RRULE part {part.strip()!r} is not NAME=VALUE (e.g. FREQ=WEEKLY)")
        name, value = (s.strip().upper() for s in part.split("=", 1))
        if name not in _PARTS:
            raise RuleError(f"{name or part!r} is not supported in a study rule (use {', '.join(_PARTS)})")
        if name in seen:
            raise RuleError(f"{name} is given twice")
        seen[name] = value
    if "FREQ" not in seen:
        raise RuleError("FREQ is missing (e.g. FREQ=WEEKLY)")
    freq = seen["FREQ"]
    if freq not in FREQS:
        raise RuleError(f"FREQ: {freq!r} is not DAILY, WEEKLY, MONTHLY or YEARLY")
    interval = _positive("INTERVAL", seen["INTERVAL"]) if "INTERVAL" in seen else 1
    count = _positive("COUNT", seen["COUNT"]) if "COUNT" in seen else None
    until: date | None = None
    if "UNTIL" in seen:
        if count is not None:
            raise RuleError("COUNT and UNTIL cannot both be given")
        match = re.match(r"^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$", seen["UNTIL"])
        try:
            if match is None:
                raise ValueError
            until = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise RuleError(f"UNTIL: {seen['UNTIL']!r} is not a date like 20261231") from None
    byday: list[tuple[int, int]] = []
    if "BYDAY" in seen:
        for piece in seen["BYDAY"].split(","):
            piece = piece.strip()
            found = _BYDAY.match(piece)
            if found is None or found[2] not in WEEKDAYS:
                shown = found[2] if found is not None else piece
                raise RuleError(f"BYDAY: {shown!r} is not a weekday {_WEEKDAY_HINT}")
            ordinal = int(found[1]) if found[1] else 0
            if ordinal:
                if freq not in ("MONTHLY", "YEARLY"):
                    raise RuleError(f"BYDAY: {piece!r} has a number, which needs FREQ=MONTHLY or YEARLY")
                limit = 5 if freq == "MONTHLY" or "BYMONTH" in seen else 53
                if not 1 <= abs(ordinal) <= limit:
                    raise RuleError(
                        f"BYDAY: {piece!r} has no {ordinal}th weekday (use 1..{limit} or -1..-{limit})"
                    )
            entry = (ordinal, WEEKDAYS.index(found[2]))
            if entry not in byday:
                byday.append(entry)
    bymonthday: tuple[int, ...] = ()
    if "BYMONTHDAY" in seen:
        if freq == "WEEKLY":
            raise RuleError("BYMONTHDAY cannot be used with FREQ=WEEKLY")
        bymonthday = _ints(
            "BYMONTHDAY", seen["BYMONTHDAY"], 1, 31, "a day of the month (1..31 or -31..-1)", signed=True
        )
    bymonth = (
        _ints("BYMONTH", seen["BYMONTH"], 1, 12, "a month (1..12)", signed=False) if "BYMONTH" in seen else ()
    )
    bysetpos: tuple[int, ...] = ()
    if "BYSETPOS" in seen:
        bysetpos = _ints("BYSETPOS", seen["BYSETPOS"], 1, 366, "a position (1..366 or -366..-1)", signed=True)
        if not (byday or bymonthday or bymonth):
            raise RuleError("BYSETPOS needs BYDAY, BYMONTHDAY or BYMONTH")
    wkst = _weekday("WKST", seen["WKST"]) if "WKST" in seen else 0
    return ParsedRule(
        freq=freq,
        interval=interval,
        count=count,
        until=until,
        byday=tuple(byday),
        bymonthday=bymonthday,
        bymonth=bymonth,
        bysetpos=bysetpos,
        wkst=wkst,
    )


def validate_rrule(text: str) -> str:
    """Validate an RRULE and return its canonical text; raises :class:`RuleError`."""
    return parse_rule(text).to_text()


# --------------------------------------------------------------------------------------------------
# Expansion


def _month_days(year: int, month: int) -> list[date]:
    return [date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]


def _by_monthday(days: list[date], wanted: tuple[int, ...]) -> list[date]:
    if not days:
        return days
    n = len(days)
    picked = set()
    for value in wanted:
        index = value - 1 if value > 0 else n + value
        if 0 <= index < n:
            picked.add(index)
    return [days[i] for i in sorted(picked)]


def _by_weekday(days: list[date], byday: tuple[tuple[int, int], ...], *, ordinals: bool) -> list[date]:
    """Filter ``days`` (one month or one year, in order) by BYDAY, honouring ordinals when asked."""
    picked: set[date] = set()
    for ordinal, weekday in byday:
        matching = [d for d in days if d.weekday() == weekday]
        if ordinal == 0 or not ordinals:
            picked.update(matching)
        elif ordinal > 0 and ordinal <= len(matching):
            picked.add(matching[ordinal - 1])
        elif ordinal < 0 and -ordinal <= len(matching):
            picked.add(matching[ordinal])
    return sorted(picked)


def _period_dates(rule: ParsedRule, anchor: date, period_start: date) -> list[date]:
    """All dates of the period beginning at ``period_start`` (before COUNT/UNTIL/anchor filtering)."""
    days: list[date]
    if rule.freq == "DAILY":
        days = [period_start]
        if rule.byday:
            days = [d for d in days if any(d.weekday() == wd for _, wd in rule.byday)]
        if rule.bymonthday:
            n = calendar.monthrange(period_start.year, period_start.month)[1]
            days = [d for d in days if d.day in rule.bymonthday or d.day - n - 1 in rule.bymonthday]
    elif rule.freq == "WEEKLY":
        week = [period_start + timedelta(days=i) for i in range(7)]
        wanted = {wd for _, wd in rule.byday} if rule.byday else {anchor.weekday()}
        days = [d for d in week if d.weekday() in wanted]
    elif rule.freq == "MONTHLY":
        days = _month_days(period_start.year, period_start.month)
        if rule.bymonthday:
            days = _by_monthday(days, rule.bymonthday)
        if rule.byday:
            days = _by_weekday(days, rule.byday, ordinals=not rule.bymonthday)
        if not rule.bymonthday and not rule.byday:
            days = [d for d in days if d.day == anchor.day]
    else:  # YEARLY
        year = period_start.year
        months = rule.bymonth or (tuple(range(1, 13)) if (rule.bymonthday or rule.byday) else (anchor.month,))
        if rule.byday and not rule.bymonth and not rule.bymonthday:
            all_days = [
                date(year, 1, 1) + timedelta(days=i) for i in range(366 if calendar.isleap(year) else 365)
            ]
            days = _by_weekday(all_days, rule.byday, ordinals=True)
        else:
            days = []
            for month in months:
                month_days = _month_days(year, month)
                if rule.bymonthday:
                    month_days = _by_monthday(month_days, rule.bymonthday)
                    if rule.byday:
                        month_days = _by_weekday(month_days, rule.byday, ordinals=False)
                elif rule.byday:
                    month_days = _by_weekday(month_days, rule.byday, ordinals=True)
                else:
                    month_days = [d for d in month_days if d.day == anchor.day]
                days.extend(month_days)
    if rule.bymonth and rule.freq != "YEARLY":
        days = [d for d in days if d.month in rule.bymonth]
    if rule.bysetpos and days:
        n = len(days)
        chosen = {p - 1 if p > 0 else n + p for p in rule.bysetpos}
        days = [d for i, d in enumerate(days) if i in chosen]
    return days


def _periods(rule: ParsedRule, anchor: date, end: date) -> Iterator[date]:
    """Start dates of the periods that INTERVAL selects, from the anchor's period up to ``end``."""
    if rule.freq == "DAILY":
        current = anchor
        step = timedelta(days=rule.interval)
        while current < end:
            yield current
            current += step
    elif rule.freq == "WEEKLY":
        current = anchor - timedelta(days=(anchor.weekday() - rule.wkst) % 7)
        step = timedelta(weeks=rule.interval)
        while current < end:
            yield current
            current += step
    elif rule.freq == "MONTHLY":
        index = 0
        while True:
            months = anchor.month - 1 + index
            current = date(anchor.year + months // 12, months % 12 + 1, 1)
            if current >= end:
                return
            yield current
            index += rule.interval
    else:
        year = anchor.year
        while year <= end.year and year <= 9999:
            yield date(year, 1, 1)
            year += rule.interval


def rule_dates(rule: ParsedRule, anchor: date, start: date, end: date) -> list[date]:
    """Occurrence dates in ``[start, end)`` of a rule whose first possible day (DTSTART) is ``anchor``.

    INTERVAL and COUNT are counted from ``anchor``; dates before the anchor never occur; UNTIL is inclusive.
    The cost is bounded by the number of days from ``min(anchor, start)`` to ``end``.
    """
    if end <= start:
        return []
    stop = end if rule.until is None else min(end, rule.until + timedelta(days=1))
    result: list[date] = []
    seen = 0
    for period in _periods(rule, anchor, stop):
        if rule.count is None and _period_end(rule, period) <= start:
            continue
        for day in _period_dates(rule, anchor, period):
            if day < anchor or day >= stop:
                continue
            seen += 1
            if rule.count is not None and seen > rule.count:
                return result
            if day >= start:
                result.append(day)
    return result


def _period_end(rule: ParsedRule, period: date) -> date:
    """The day after the last day of the period starting at ``period``."""
    if rule.freq == "DAILY":
        return period + timedelta(days=1)
    if rule.freq == "WEEKLY":
        return period + timedelta(days=7)
    if rule.freq == "MONTHLY":
        return period + timedelta(days=calendar.monthrange(period.year, period.month)[1])
    return date(period.year + 1, 1, 1) if period.year < 9999 else date.max


# --------------------------------------------------------------------------------------------------
# What people type

_DAY_NAMES = {
    "mo": 0, "mon": 0, "monday": 0,
    "tu": 1, "tue": 1, "tues": 1, "tuesday": 1,
    "we": 2, "wed": 2, "wednesday": 2,
    "th": 3, "thu": 3, "thur": 3, "thurs": 3, "thursday": 3,
    "fr": 4, "fri": 4, "friday": 4,
    "sa": 5, "sat": 5, "saturday": 5,
    "su": 6, "sun": 6, "sunday": 6,
}  # fmt: skip
_DAY_GROUPS = {
    "weekdays": (0, 1, 2, 3, 4),
    "workdays": (0, 1, 2, 3, 4),
    "weekends": (5, 6),
    "weekend": (5, 6),
    "daily": tuple(range(7)),
    "everyday": tuple(range(7)),
    "all": tuple(range(7)),
}


def _day(token: str) -> int:
    if token not in _DAY_NAMES:
        raise RuleError(f"days: {token!r} is not a weekday (mon, tue, wed, thu, fri, sat, sun)")
    return _DAY_NAMES[token]


def parse_days(text: str) -> tuple[str, ...]:
    """Read ``mon-fri``, ``mon,wed,sat``, ``fri-mon``, ``weekdays``, ``weekends``, ``daily`` into RRULE
    weekday codes in week order, e.g. ``("MO", "WE", "SA")``. Raises :class:`RuleError`."""
    cleaned = (text or "").strip().lower().replace("every day", "everyday")
    if not cleaned:
        raise RuleError("days: nothing given (e.g. mon-fri or mon,wed,sat)")
    picked: set[int] = set()
    for token in re.split(r"[,\s/]+", cleaned):
        if not token:
            continue
        if token in _DAY_GROUPS:
            picked.update(_DAY_GROUPS[token])
        elif "-" in token or "–" in token:
            first, _, last = token.replace("–", "-").partition("-")
            a, b = _day(first.strip()), _day(last.strip())
            span = (b - a) % 7
            picked.update((a + i) % 7 for i in range(span + 1))
        else:
            picked.add(_day(token))
    return tuple(WEEKDAYS[d] for d in sorted(picked))


def days_to_rrule(text: str) -> str:
    """``mon-fri`` → ``FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR``; every day → ``FREQ=DAILY``."""
    days = parse_days(text)
    if len(days) == 7:
        return "FREQ=DAILY"
    return "FREQ=WEEKLY;BYDAY=" + ",".join(days)


def parse_hhmm(text: str) -> time:
    """``7:00``, ``07:30``, ``19:05`` → ``time``; raises :class:`RuleError` naming the start time."""
    match = re.match(r"^\s*(\d{1,2})[:.h](\d{2})\s*$", text or "")
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise RuleError(f"start time: {text!r} is not HH:MM (00:00..23:59)")
    return time(int(match[1]), int(match[2]))
