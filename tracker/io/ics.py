"""Study blocks and interview rounds as an iCalendar file (RFC 5545), for any calendar app.

UIDs are stable (``block-<id>@prep``, ``round-<id>@prep``), so importing the file again updates the events
instead of duplicating them. Times are written in the local time zone with its VTIMEZONE when the zone has
an IANA name (e.g. Europe/Berlin), so DST is handled by the calendar; otherwise in UTC, which is always correct.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from tracker.services.base import Database, now_utc
from tracker.services.schedule import BlockRow, RoundEntry, calendar_entries

PRODID = "-//prep//study plan//EN"
_STATUS = {"planned": "CONFIRMED", "done": "CONFIRMED", "skipped": "CANCELLED"}


def local_iana_zone() -> tzinfo | None:
    """The local zone as a ZoneInfo when its IANA name can be found ($TZ, /etc/localtime, /etc/timezone)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    candidates: list[str] = []
    env = os.environ.get("TZ", "").lstrip(":")
    if env:
        candidates.append(env)
    try:
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    try:
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except OSError:
        pass
    for name in candidates:
        if not name or name.startswith("/"):
            continue
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return None


def _in_zone(at: datetime, zone: tzinfo | None) -> datetime:
    return at.astimezone(zone) if zone is not None else at.astimezone(UTC)


def _block_event(block: BlockRow, zone: tzinfo | None, stamp: datetime) -> Any:
    from icalendar import Event

    event = Event()
    event.add("uid", f"block-{block.id}@prep")
    event.add("dtstamp", stamp)
    event.add("dtstart", _in_zone(block.start, zone))
    event.add("dtend", _in_zone(block.end, zone))
    title = block.title or "Study"
    if block.status == "done":
        title = f"✓ {title}"
    event.add("summary", title)
    lines = [f"- {i.get('title', '')} ({i.get('minutes', '?')} min)" for i in block.items]
    if lines:
        event.add("description", "\n".join(lines))
    event.add("categories", ["prep", block.activity])
    event.add("status", _STATUS.get(block.status, "CONFIRMED"))
    event.add("transp", "OPAQUE")
    return event


def _round_event(entry: RoundEntry, zone: tzinfo | None, stamp: datetime) -> Any:
    from icalendar import Event

    event = Event()
    event.add("uid", f"round-{entry.id}@prep")
    event.add("dtstamp", stamp)
    event.add("dtstart", _in_zone(entry.start, zone))
    event.add("dtend", _in_zone(entry.start + timedelta(minutes=max(1, entry.minutes)), zone))
    event.add("summary", f"{entry.company}: {entry.label} interview")
    parts = [p for p in (entry.prepare, f"Outcome: {entry.outcome}" if entry.outcome else None) if p]
    if parts:
        event.add("description", "\n".join(parts))
    event.add("categories", ["prep", "interview"])
    event.add("status", "CONFIRMED")
    return event


def build_calendar(
    blocks: list[BlockRow], rounds: list[RoundEntry], *, zone: tzinfo | None, now: datetime
) -> bytes:
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "prep")
    stamp = now.astimezone(UTC).replace(microsecond=0)
    for block in blocks:
        cal.add_component(_block_event(block, zone, stamp))
    for entry in rounds:
        cal.add_component(_round_event(entry, zone, stamp))
    if zone is not None and (blocks or rounds):
        first = min([b.start for b in blocks] + [r.start for r in rounds]).astimezone(zone).date()
        cal.add_missing_timezones(first_date=first - timedelta(days=1))
    data: bytes = cal.to_ical()
    return data


def export_ics(db: Database, *, now: datetime | None = None, zone: tzinfo | str | None = "local") -> bytes:
    """The whole calendar: every study block that was not skipped and every round with a date."""
    blocks, rounds = calendar_entries(db)
    tz = local_iana_zone() if zone == "local" else zone
    assert not isinstance(tz, str)
    return build_calendar(blocks, rounds, zone=tz, now=now or now_utc())


def write_atomic(path: Path, data: bytes) -> None:
    """Write the file whole or not at all, readable by the user only."""
    from tracker.io.files import write_private

    write_private(path, data)
