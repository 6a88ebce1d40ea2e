"""Areas built ahead while the user pauses (PrepApp.build_ahead, the end of the idle warm-up): every area exists
before its first visit, looks exactly as a screen built on the visit does, shows what was written meanwhile, and
leaves the planner (and the ORM it loads) for when the schedule is in view."""

from __future__ import annotations

from typing import Any

import pytest

from tests.tui.conftest import make_app, settle
from tracker.services.base import Database
from tracker.tui import warmup
from tracker.tui.screens.schedule import ScheduleScreen

AREA_KEYS = {"problems": "2", "papers": "3", "stories": "4", "board": "5", "schedule": "6"}


def screen_cells(app: Any) -> list[list[tuple[str, str]]]:
    return [
        [(segment.text, str(segment.style)) for segment in strip]
        for strip in app.screen._compositor.render_strips()
    ]


async def idle_until_warm(app: Any, pilot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The user pauses on the dashboard until the whole warm-up is done, as the app runs it on its own."""
    monkeypatch.setattr(app.idle_gc, "idle_for", lambda seconds: True)
    app._idle_tick()
    for _ in range(400):
        if app._warm_steps == [] and not app._warming:
            break
        await pilot.pause(0.02)
    assert app._warm_steps == [] and not app._warming, "the warm-up did not finish"
    monkeypatch.undo()


async def test_every_area_is_built_and_painted_before_its_first_visit_and_looks_the_same(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    built_on_visit: dict[str, Any] = {}
    app = make_app(demo_db)
    app._warm_steps = []  # no warm-up: each area is built as it opens
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for area, key in AREA_KEYS.items():
            await pilot.press(key)
            await settle(pilot)
            built_on_visit[area] = screen_cells(app)

    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await idle_until_warm(app, pilot, monkeypatch)
        assert app.current_mode == "dashboard"
        assert set(AREA_KEYS) <= set(app._screen_stacks)
        for area in AREA_KEYS:
            screen = app._screen_stacks[area][0]
            assert screen.is_mounted and screen._compositor.widgets, f"{area} was not laid out ahead"
        for area, key in AREA_KEYS.items():
            ahead = app._screen_stacks[area][0]
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is ahead  # the screen built ahead, not a new one
            assert screen_cells(app) == built_on_visit[area], area


async def test_what_was_written_after_an_area_was_built_ahead_shows_on_its_first_visit(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.services.stories import add_story

    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await idle_until_warm(app, pilot, monkeypatch)
        # Written by another process (`prep story add` in another terminal): nothing in this app marks it.
        add_story(demo_db, "Aardvark written meanwhile", situation="s", task="t", action="a", result="r")
        await pilot.press("4")
        await settle(pilot)
        lines = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "Aardvark written meanwhile" in lines


async def test_a_schedule_built_ahead_leaves_the_planner_for_when_it_is_in_view(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    planned: list[ScheduleScreen] = []
    original = ScheduleScreen._load_shortfalls

    def counted(self: ScheduleScreen) -> Any:
        planned.append(self)
        return original(self)

    monkeypatch.setattr(ScheduleScreen, "_load_shortfalls", counted)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        with monkeypatch.context() as idle:
            await idle_until_warm(app, pilot, idle)
        assert "schedule" in app._screen_stacks and planned == []
        await pilot.press("6")
        await settle(pilot)
        assert planned == [app.screen]


async def test_the_warm_up_step_of_an_area_still_reading_waits_for_it(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(demo_db)
    app._warm_steps = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.build_ahead("papers")
        screen = app._screen_stacks["papers"][0]
        await settle(pilot)
        assert screen.is_mounted
        screen._late_read = object()  # as if its first read had missed its budget and were still running
        assert app.paint_ahead("papers") is False
        screen._late_read = None
        assert app.paint_ahead("papers") is True
        app.build_ahead("papers")  # built already: left as it is
        assert app._screen_stacks["papers"] == [screen]


def test_the_warm_up_ends_with_every_area_built_ahead(demo_db: Database) -> None:
    calls: list[tuple[str, str]] = []

    class Recorder:
        def build_ahead(self, mode: str) -> None:
            calls.append(("build", mode))

        def paint_ahead(self, mode: str) -> bool:
            calls.append(("paint", mode))
            return True

    steps = warmup.steps(Recorder())
    for step in steps[-2 * len(warmup.BUILT_AHEAD) :]:
        step()
    assert calls == [(what, mode) for mode in warmup.BUILT_AHEAD for what in ("build", "paint")]
    assert set(warmup.BUILT_AHEAD) == set(AREA_KEYS)


async def test_an_area_opened_while_it_is_still_being_built_ahead_shows_complete(demo_db: Database) -> None:
    app = make_app(demo_db)
    app._warm_steps = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        fresh = screen_cells(app)
    app = make_app(demo_db)
    app._warm_steps = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.build_ahead("board")  # the user comes back before it is mounted and painted ahead
        await pilot.press("5")
        await settle(pilot)
        assert screen_cells(app) == fresh
