"""`.ics` export: blocks and rounds as events with stable UIDs and correct times across time zones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from tests.db.test_schedule import NOW, _world, replan
from tracker.io.ics import build_calendar, export_ics
from tracker.services import schedule
from tracker.services.base import Database
from tracker.services.schedule import BlockRow, RoundEntry


def events(data: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(data)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_blocks_and_rounds_are_events_with_stable_uids(db: Database) -> None:
    rid = _world(db)
    result = replan(db)
    first = export_ics(db, now=NOW, zone=None)
    found = events(first)
    block = result.blocks[0]
    assert f"round-{rid}@prep" in found
    assert len(found) == len(result.blocks) + 1
    event = found[f"block-{block.id}@prep"]
    assert event.decoded("DTSTART") == block.start and event.decoded("DTEND") == block.end
    assert str(event["SUMMARY"]) == block.title
    assert block.items[0]["title"] in str(event["DESCRIPTION"])
    round_event = found[f"round-{rid}@prep"]
    assert round_event.decoded("DTSTART") == NOW + timedelta(days=9)
    assert "Acme" in str(round_event["SUMMARY"])
    # planning again with nothing changed exports the same file: a calendar re-import updates, never duplicates
    replan(db)
    assert export_ics(db, now=NOW, zone=None) == first
    schedule.set_block_status(db, block.id, "skipped")
    assert f"block-{block.id}@prep" not in events(
        export_ics(db, now=NOW, zone=None)
    )  # skipped: off the calendar


def test_local_zone_with_vtimezone_and_dst() -> None:
    ny = ZoneInfo("America/New_York")
    # the Saturday before and the Monday after the 2026 spring-forward (March 8): 07:00 local both days
    before = datetime(2026, 3, 7, 7, 0, tzinfo=ny).astimezone(UTC)
    after = datetime(2026, 3, 9, 7, 0, tzinfo=ny).astimezone(UTC)
    blocks = [
        BlockRow(
            1, before, before + timedelta(hours=1), "coding", "Coding [b]x[/b]", "planned", None, False, []
        ),
        BlockRow(2, after, after + timedelta(hours=1), "coding", "Coding", "done", None, False, []),
    ]
    rounds = [RoundEntry(7, "Acme", "coding", "Coding", after + timedelta(hours=7), 45, "Graphs", None)]
    data = build_calendar(blocks, rounds, zone=ny, now=NOW)
    text = data.decode()
    assert "BEGIN:VTIMEZONE" in text and "TZID:America/New_York" in text
    assert "DTSTART;TZID=America/New_York:20260307T070000" in text
    assert "DTSTART;TZID=America/New_York:20260309T070000" in text
    found = events(data)
    assert found["block-1@prep"].decoded("DTSTART").astimezone(UTC) == before  # 12:00 UTC (EST)
    assert found["block-2@prep"].decoded("DTSTART").astimezone(UTC) == after  # 11:00 UTC (EDT)
    assert str(found["block-1@prep"]["SUMMARY"]) == "Coding [b]x[/b]"
    assert str(found["block-2@prep"]["SUMMARY"]).startswith("✓")
    assert found["round-7@prep"].decoded("DTEND") - found["round-7@prep"].decoded("DTSTART") == timedelta(
        minutes=45
    )
