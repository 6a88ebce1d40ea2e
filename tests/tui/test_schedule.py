"""The schedule screen: week view, day agenda, check off, pin/move/resize, re-plan, rule form, open work."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.db.test_schedule import NOW, _world, replan
from tests.tui.conftest import make_app, palette, settle
from tracker.services import schedule
from tracker.services.base import Database
from tracker.tui.screens.schedule import ScheduleScreen
from tracker.tui.widgets.week_grid import WeekGrid


@pytest.fixture
def planned(db: Database, utc: None, monkeypatch: pytest.MonkeyPatch) -> Database:
    """The test world planned for two weeks from Tue 2026-12-01 06:00 UTC; the screen's clock frozen there."""
    monkeypatch.setattr(ScheduleScreen, "clock", staticmethod(lambda: NOW))
    _world(db)
    replan(db)
    return db


async def open_schedule(pilot: Any) -> ScheduleScreen:
    await pilot.press("6")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ScheduleScreen)
    return screen


def grid_text(screen: ScheduleScreen) -> str:
    return str(screen.query_one(WeekGrid).render())


async def test_week_view_has_seven_days_today_marked_and_blocks_at_their_times(planned: Database) -> None:
    app = make_app(planned)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_schedule(pilot)
        assert screen.week_start == date(2026, 11, 30) and screen.day == date(2026, 12, 1)
        text = grid_text(screen)
        header = text.splitlines()[0]
        assert [
            d in header for d in ("Mon 30", "Tue 01", "Wed 02", "Thu 03", "Fri 04", "Sat 05", "Sun 06")
        ] == [True] * 7
        assert "▸Tue 01 today" in header
        assert any(line.startswith("07:00") for line in text.splitlines())
        assert "Due reviews" in text
        # the agenda shows today's blocks with the work they name
        agenda = str(screen.query_one("#agenda-text").render())
        assert "Tuesday 01 December" in agenda and "1. Two Sum" in agenda
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.week_start == date(2026, 12, 7) and "today" not in grid_text(screen).splitlines()[0]
        await pilot.press("t")
        await settle(pilot)
        assert screen.week_start == date(2026, 11, 30)


async def test_weeks_start_on_sunday_once_chosen_in_settings(planned: Database) -> None:
    from textual.widgets import Input

    app = make_app(planned)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_schedule(pilot)
        assert grid_text(screen).splitlines()[0].split("│")[1].startswith("Mon 30")  # the default: Monday
        await palette(pilot, "settings")
        app.screen.query_one("#set-week-first-day", Input).value = "sunday"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        header = grid_text(screen).splitlines()[0].split("│")[1:]
        assert [h.split()[0].lstrip("▸") for h in header] == ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        assert header[0].startswith("Sun 29") and "▸Tue 01 today" in header[2]
        assert "Week of Nov 29 – Dec 05" in str(screen.query_one("#schedule-status").render())
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.week_start == date(2026, 12, 6)
        assert grid_text(screen).splitlines()[0].split("│")[1].startswith("Sun 06")
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot)
        assert screen.week_start == date(2026, 11, 22)
        await pilot.press("t")
        await settle(pilot)
        assert screen.week_start == date(2026, 11, 29) and screen.day == date(2026, 12, 1)


async def test_plus_stops_at_midnight_and_changes_show_in_one_status_line(planned: Database) -> None:
    from datetime import UTC, datetime

    app = make_app(planned)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_schedule(pilot)
        await pilot.press(*["down"] * 6)  # the day's last block: papers, Tue 21:00–22:00
        block = screen.selected
        assert block is not None and block.start == datetime(2026, 12, 1, 21, 0, tzinfo=UTC)
        app.clear_notifications()
        await pilot.press(*["plus"] * 12)  # four more than fit before midnight
        await settle(pilot)
        assert schedule.get_block(planned, block.id).end == datetime(2026, 12, 2, 0, 0, tzinfo=UTC)
        messages = [str(n.message) for n in app._notifications]
        assert len(messages) == 1 and "past the end of its day" in messages[0], messages  # one toast, not 12
        status = str(screen.query_one("#schedule-status").render())
        assert "Refused: a block cannot run past the end of its day" in status
        await pilot.press("minus")
        await settle(pilot)
        status = str(screen.query_one("#schedule-status").render())
        assert "165 min, 21:00–23:45 (pinned)" in status and "Refused" not in status
        assert len(app._notifications) == 1  # the change is confirmed in the status line, not by a toast


async def test_footer_shows_week_keys_and_a_day_off_is_marked_in_the_grid(planned: Database) -> None:
    from tracker.tui.widgets.footer import AreaFooter

    app = make_app(planned)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_schedule(pilot)
        footer = screen.query_one(AreaFooter)
        shown = str(footer.render())
        for key in (
            "x Day off",
            "[ Prev wk",
            "] Next wk",
            "t Today",
            "d Done",
            "r Re-plan",
            "^q Quit",
            "^p palette",
        ):
            assert key in shown, shown
        await pilot.click(
            AreaFooter, offset=(footer.offset_of("right_square_bracket"), 0)
        )  # a click presses it
        await settle(pilot)
        assert screen.week_start == date(2026, 12, 7)
        await pilot.press("t", "right", "right", "right", "right", "x")  # Saturday off
        await settle(pilot)
        assert schedule.list_days_off(planned) == [date(2026, 12, 5)]
        header = grid_text(screen).splitlines()[0].split("│")[1:]
        assert header[5].startswith("Sat 05 off") and "off" not in "".join(header[:5] + header[6:])
        rendered = screen.query_one(WeekGrid).render()
        at = rendered.plain.index("Sat 05 off")
        assert any(
            "dim" in str(span.style) for span in rendered.spans if span.start <= at < span.end
        )  # dimmed
        assert "day off" in str(screen.query_one("#agenda-text").render())
        await pilot.press("x")  # back on
        await settle(pilot)
        assert "off" not in grid_text(screen).splitlines()[0]


async def test_check_off_and_skip_write_the_database(planned: Database) -> None:
    app = make_app(planned)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_schedule(pilot)
        block = screen.selected
        assert block is not None
        await pilot.press("d")
        await settle(pilot)
        assert schedule.get_block(planned, block.id).status == "done"
        assert "✓" in grid_text(screen)
        await pilot.press("d")  # again: back to planned
        await pilot.press("s")
        await settle(pilot)
        assert schedule.get_block(planned, block.id).status == "skipped"


async def test_pin_move_and_resize_by_hand(planned: Database) -> None:
    app = make_app(planned)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_schedule(pilot)
        await pilot.press("right", "right", "right", "right")  # Saturday: the long 'any' session
        await settle(pilot)
        block = screen.selected
        assert block is not None and block.start.date() == date(2026, 12, 5)
        await pilot.press("p")
        await settle(pilot)
        assert schedule.get_block(planned, block.id).pinned
        await pilot.press("p")
        await settle(pilot)
        assert not schedule.get_block(planned, block.id).pinned
        await pilot.press("shift+up")  # 10:00 → 09:45, pins it
        await pilot.press("plus")  # 15 minutes longer
        await settle(pilot)
        row = schedule.get_block(planned, block.id)
        assert row.pinned and row.start == block.start - timedelta(minutes=15) and row.end == block.end
        assert screen.selected == row
        # a refused move (overlap) is a notification; nothing changes
        others = [b for b in screen.day_blocks if b.id != block.id]
        if others:
            for _ in range(int((others[0].start - row.end).total_seconds() // 900) + 1):
                await pilot.press("shift+down")
            await settle(pilot)
            assert schedule.get_block(planned, block.id).end <= others[0].start
            assert "overlap" in screen.last_notice


async def test_replan_key_keeps_pinned_and_reports_changes(planned: Database) -> None:
    app = make_app(planned)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_schedule(pilot)
        first = screen.selected
        assert first is not None
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert screen.last_notice.startswith("Re-planned: nothing changed"), screen.last_notice
        # a skipped block: re-planning finds the time again and says what it added
        await pilot.press("j")
        victim = screen.selected
        assert victim is not None
        await pilot.press("s", "r")
        await settle(pilot)
        notice = screen.last_notice
        assert "added" in notice and "removed" in notice and "kept" in notice, notice
        assert schedule.get_block(planned, first.id).pinned
        assert schedule.get_block(planned, victim.id).status == "skipped"


async def test_agenda_json_matches_the_screen(planned: Database, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.cli.conftest import run_prep

    app = make_app(planned)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_schedule(pilot)
        await pilot.press("right", "right", "right", "right")
        await settle(pilot)
        shown = [b.to_json() for b in screen.day_blocks]
        agenda = str(screen.query_one("#agenda-text").render())
    result = run_prep(["--db", str(planned.path), "agenda", "--date", "2026-12-05", "--json"], capsys)
    assert result.code == 0, result.err
    assert result.json() == shown and shown
    for block in shown:
        assert block["title"] in agenda
        for item in block["items"]:
            assert item["title"] in agenda


async def test_open_the_work_a_block_names(planned: Database) -> None:
    app = make_app(planned)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_schedule(pilot)
        block = screen.selected
        assert block is not None and block.items[0]["kind"] == "problem"
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "problems"


async def test_rule_form_refuses_a_bad_rrule_and_adds_a_good_one(planned: Database) -> None:
    from textual.widgets import Checkbox, Input

    from tracker.tui.modals.rule_form import RuleFormModal

    app = make_app(planned)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_schedule(pilot)
        before = len(schedule.list_rules(planned))
        await pilot.press("n")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, RuleFormModal)
        modal.query_one("#rf-rrule", Input).value = "FREQ=WEEKLY;BYDAY=MO,XX"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RuleFormModal)
        assert any("BYDAY: 'XX' is not a weekday" in n.message for n in app._notifications)
        assert len(schedule.list_rules(planned)) == before
        modal.query_one("#rf-rrule", Input).value = ""
        for key in ("mon", "tue", "wed", "thu", "fri"):
            modal.query_one(f"#rf-{key}", Checkbox).value = False
        modal.query_one("#rf-sat", Checkbox).value = True
        modal.query_one("#rf-start", Input).value = "16:00"
        modal.query_one("#rf-minutes", Input).value = "45"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ScheduleScreen)
        rules = schedule.list_rules(planned)
        assert len(rules) == before + 1
        assert (rules[-1].rrule, rules[-1].start_time, rules[-1].minutes) == (
            "FREQ=WEEKLY;BYDAY=SA",
            "16:00",
            45,
        )


async def test_markup_in_titles_shows_literally(planned: Database) -> None:
    from tracker.db.tables import StudyBlock

    with planned.write() as s:
        s.add(
            StudyBlock(
                start_at=NOW + timedelta(hours=10),
                end_at=NOW + timedelta(hours=11),
                title="[bold]not bold[/]",
                items=[{"kind": "paper", "ref_id": 1, "title": "[red]x[/red]", "minutes": 30}],
            )
        )
    app = make_app(planned)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_schedule(pilot)
        agenda = str(screen.query_one("#agenda-text").render())
        assert "[bold]not bold[/]" in agenda and "[red]x[/red]" in agenda


def test_snapshot_week(planned: Database, snap_compare: Any) -> None:
    schedule.set_block_status(planned, schedule.agenda(planned, date(2026, 12, 1))[0].id, "done")
    schedule.set_day_off(planned, date(2026, 11, 30))  # shown dimmed, "off" in its header

    async def run_before(pilot: Any) -> None:
        await open_schedule(pilot)
        await pilot.press("right", "right", "right", "right", "p")
        await settle(pilot)

    assert snap_compare(make_app(planned), terminal_size=(120, 40), run_before=run_before)
