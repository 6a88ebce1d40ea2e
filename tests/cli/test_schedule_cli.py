"""`prep rule`, `prep plan`, `prep agenda`, `prep block`, `prep export ics` through the real entry point."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.cli.conftest import Result


def _tomorrow() -> str:
    return (date.today() + timedelta(days=1)).isoformat()


def setup_world(prep: Callable[..., Result]) -> None:
    assert (
        prep(
            "rule", "add", "--days", "daily", "--start", "07:00", "--minutes", "60", "--focus", "coding"
        ).code
        == 0
    )
    assert (
        prep(
            "rule", "add", "--days", "daily", "--start", "21:00", "--minutes", "60", "--focus", "papers"
        ).code
        == 0
    )
    assert (
        prep("problem", "add", "Two Sum", "--number", "1", "--difficulty", "easy", "--company", "Acme").code
        == 0
    )
    assert prep("problem", "add", "LRU Cache", "--number", "146", "--difficulty", "medium").code == 0
    at = (datetime.now() + timedelta(days=4)).replace(hour=15, minute=0, second=0, microsecond=0)
    res = prep("round", "add", "Acme", "coding", "--at", at.strftime("%Y-%m-%d %H:%M"), "--prep-days", "3")
    assert res.code == 0, res.err


def test_rule_add_list_remove(prep: Callable[..., Result]) -> None:
    res = prep("rule", "add", "--days", "mon-fri", "--start", "7:00", "--minutes", "60", "--focus", "coding")
    assert res.code == 0, res.err
    assert "Mon–Fri 07:00" in res.out
    res = prep(
        "rule",
        "add",
        "--rrule",
        "FREQ=WEEKLY;BYDAY=SA,SU",
        "--start",
        "10:00",
        "--minutes",
        "180",
        "--label",
        "Weekend",
    )
    assert res.code == 0, res.err
    rules = prep("rule", "list", "--json").json()
    assert [(r["label"], r["rrule"], r["start"], r["minutes"], r["focus"]) for r in rules] == [
        ("Coding Mon–Fri 07:00", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "07:00", 60, "coding"),
        ("Weekend", "FREQ=WEEKLY;BYDAY=SA,SU", "10:00", 180, "any"),
    ]
    assert all(isinstance(r["id"], int) for r in rules)
    text = prep("rule", "list").out
    assert "Weekend" in text and "Sat, Sun" in text
    res = prep("rule", "remove", str(rules[0]["id"]))
    assert res.code == 0 and "removed rule" in res.out
    assert [r["label"] for r in prep("rule", "list", "--json").json()] == ["Weekend"]


def test_bad_rules_are_refused_with_one_line_naming_the_part(
    prep: Callable[..., Result], tmp_path: Path
) -> None:
    cases = [
        (["--rrule", "FREQ=WEEKLY;BYDAY=MO,XX"], "BYDAY: 'XX' is not a weekday"),
        (["--rrule", "FREQ=WEEKLY;INTERVAL=0"], "INTERVAL: '0'"),
        (["--days", "mon-fry"], "days: 'fry' is not a weekday"),
        (["--days", "mon", "--rrule", "FREQ=DAILY"], "not both"),
    ]
    for extra, message in cases:
        res = prep("rule", "add", *extra, "--start", "07:00", "--minutes", "30")
        assert res.code == 1 and res.err.startswith("error: ") and message in res.err, res.err
        assert res.err.count("\n") == 1 and "Traceback" not in res.err
    res = prep("rule", "add", "--days", "mon", "--start", "7am", "--minutes", "30")
    assert res.code == 1 and "start time: '7am'" in res.err
    res = prep("rule", "add", "--days", "mon", "--start", "07:00", "--minutes", "30", "--focus", "cooking")
    assert res.code == 1 and "focus" in res.err
    assert prep("rule", "list", "--json").json() == []
    assert prep("rule", "remove", "99").code == 1
    rows = sqlite3.connect(tmp_path / "cli.db").execute("select count(*) from study_rule").fetchone()
    assert rows == (0,)


def test_plan_json_agenda_and_block_marks(prep: Callable[..., Result]) -> None:
    setup_world(prep)
    res = prep("plan", "--days", "7", "--json")
    assert res.code == 0, res.err
    doc = res.json()
    assert set(doc) == {"blocks", "shortfalls"}
    assert doc["blocks"], doc
    keys = {"id", "start", "end", "activity", "title", "status", "round_id", "items"}
    assert all(set(b) == keys for b in doc["blocks"])
    prep_blocks = [b for b in doc["blocks"] if b["round_id"] is not None]
    assert prep_blocks and prep_blocks[0]["title"] == "Coding prep: Acme coding"
    assert all(datetime.fromisoformat(b["start"]).utcoffset() is not None for b in doc["blocks"])
    named = [i["title"] for b in doc["blocks"] for i in b["items"]]
    assert "1. Two Sum" in named
    for s in doc["shortfalls"]:
        assert set(s) == {"round_id", "company", "kind", "hours_short"}
    # what the text reports short, the JSON reports too: goals (reviews, weekly targets) with no round
    text = prep("plan", "--days", "7").out
    goals = [s for s in doc["shortfalls"] if s["round_id"] is None]
    assert all(f"{g['kind']}:" in text and g["company"] == "" for g in goals)
    assert len(doc["shortfalls"]) == text.count(" do not fit")

    # planning again with nothing changed gives the same blocks
    again = prep("plan", "--days", "7", "--json").json()
    assert again == doc
    text = prep("plan", "--days", "7").out
    assert "0 added, 0 removed" in text and "1. Two Sum" in text

    block = prep_blocks[0]
    day = block["start"][:10]
    agenda = prep("agenda", "--date", day, "--json").json()
    assert block["id"] in [b["id"] for b in agenda]
    assert prep("block", "done", str(block["id"])).code == 0
    assert prep("block", "skip", str(doc["blocks"][-1]["id"])).code == 0
    after = {b["id"]: b["status"] for b in prep("agenda", "--date", day, "--days", "8", "--json").json()}
    assert after[block["id"]] == "done" and after[doc["blocks"][-1]["id"]] == "skipped"
    listing = prep("agenda", "--date", day).out
    assert f"[{block['id']}]" in listing and "✓" in listing

    res = prep("block", "done", "9999")
    assert res.code == 1 and res.err == "error: no study block 9999\n"


def test_plan_and_agenda_refuse_bad_input(prep: Callable[..., Result]) -> None:
    for args, message in [
        (["plan", "--from", "not a date"], "--from"),
        (["plan", "--days", "0"], "--days"),
        (["agenda", "--date", "someday"], "--date"),
        (["agenda", "--days", "0"], "--days"),
    ]:
        res = prep(*args)
        assert res.code != 0 and message in res.err and "Traceback" not in res.err, (args, res.err)


def test_plan_text_reports_shortfalls(prep: Callable[..., Result]) -> None:
    assert (
        prep(
            "rule", "add", "--days", "daily", "--start", "06:00", "--minutes", "15", "--focus", "behavioral"
        ).code
        == 0
    )
    at = (datetime.now() + timedelta(days=2)).replace(hour=15, minute=0, second=0, microsecond=0)
    assert (
        prep(
            "round", "add", "Acme", "behavioral", "--at", at.strftime("%Y-%m-%d %H:%M"), "--prep-days", "2"
        ).code
        == 0
    )
    doc = prep("plan", "--days", "5", "--json").json()
    assert doc["shortfalls"] and doc["shortfalls"][0]["company"] == "Acme"
    assert doc["shortfalls"][0]["kind"] == "behavioral" and doc["shortfalls"][0]["hours_short"] > 0
    text = prep("plan", "--days", "5").out
    assert "shortfalls:" in text and "Acme behavioral" in text


def test_export_ics_to_file_and_stdout(prep: Callable[..., Result], tmp_path: Path) -> None:
    from icalendar import Calendar

    setup_world(prep)
    doc: dict[str, Any] = prep("plan", "--days", "7", "--json").json()
    out = tmp_path / "prep.ics"
    res = prep("export", "ics", "-o", str(out))
    assert res.code == 0, res.err
    cal = Calendar.from_ical(out.read_bytes())
    uids = {str(e["UID"]) for e in cal.walk("VEVENT")}
    assert {f"block-{b['id']}@prep" for b in doc["blocks"]} <= uids
    assert any(u.startswith("round-") for u in uids)
    printed = prep("export", "ics").out
    assert printed.startswith("BEGIN:VCALENDAR")
    res = prep("export", "ics", "-o", str(tmp_path))
    assert res.code == 1 and "folder" in res.err
