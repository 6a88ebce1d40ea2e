"""Full garbage collections wait for the user to pause; the app leaves the interpreter's GC as it found it."""

from __future__ import annotations

import gc

import pytest

from tests.tui.conftest import make_app, settle
from tracker.services.base import Database
from tracker.tui.idle_gc import FULL_THRESHOLD, IdleCollector


def test_collects_only_after_input_and_a_pause() -> None:
    collector = IdleCollector(idle_seconds=3600)
    assert not collector.tick()  # nothing done yet
    collector.touched()
    assert not collector.tick()  # the user is still busy
    collector.idle_seconds = 0
    assert collector.tick() and collector.collections == 1
    assert not collector.tick()  # nothing new since


async def test_app_defers_full_collections_while_running_and_restores_them(db: Database) -> None:
    before = gc.get_threshold()
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert gc.get_threshold()[2] == FULL_THRESHOLD
        assert gc.get_freeze_count() > 0  # what the first paint built is out of the collector's way
        app.idle_gc.idle_seconds = 0.05
        await pilot.press("2")
        await settle(pilot)
        await pilot.pause(0.6)  # the idle check runs every half second
        assert app.idle_gc.collections >= 1
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


async def test_collector_held_off_for_startup_comes_back_after_the_first_frame(db: Database) -> None:
    """`prep` switches the collector off before it imports Textual (launch.run_tui); the app switches it on again
    once the first frame is painted, with the idle-time thresholds."""
    from tracker.tui.idle_gc import hold_until_painted

    try:
        hold_until_painted()
        assert not gc.isenabled()
        app = make_app(db)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert gc.isenabled()
            assert gc.get_threshold()[2] == FULL_THRESHOLD
    finally:
        gc.enable()


async def test_no_collection_while_a_new_area_is_built(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From the key to a new area's first frame the collector is off; it is on again after that frame, and an
    area visited before (nothing to build) never switches it off."""
    from tracker.tui.screens.base import AreaScreen

    enabled_at_layout: list[tuple[str, bool]] = []
    refresh_layout = AreaScreen._refresh_layout

    def recorded(screen: AreaScreen, size: object = None, scroll: bool = False) -> None:
        if screen.is_current:
            enabled_at_layout.append((screen.AREA, gc.isenabled()))
        refresh_layout(screen, size, scroll)

    monkeypatch.setattr(AreaScreen, "_refresh_layout", recorded)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        enabled_at_layout.clear()
        await pilot.press("3")
        await settle(pilot)
        assert enabled_at_layout[0] == ("papers", False)  # built with the collector off
        assert gc.isenabled()  # and on again once painted
        await pilot.press("1")
        await settle(pilot)
        enabled_at_layout.clear()
        await pilot.press("3")
        await settle(pilot)
        assert enabled_at_layout and all(enabled for _, enabled in enabled_at_layout)
    assert gc.isenabled()


async def test_collector_paused_when_the_app_stops_is_switched_back_on(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.idle_gc.pause()
        assert not gc.isenabled()
    assert gc.isenabled()
