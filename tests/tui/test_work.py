"""An area that needs the ORM is painted before the ORM is imported (tracker/tui/work.py). (The problems, papers,
board and stories areas need none for their first view: tests/arch/test_startup_imports.py.)"""

from __future__ import annotations

import asyncio

import pytest

from tests.tui.conftest import make_app, settle
from tracker.services import base
from tracker.services.base import Database
from tracker.tui import work


async def test_an_area_is_shown_before_the_orm_loads_then_fills(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.tui.app import PrepApp

    monkeypatch.setattr(base, "_orm_loaded", False)  # as in a fresh `prep` that has only shown the dashboard
    monkeypatch.setattr(work, "PAINT_FIRST_S", 1.0)  # wide enough for Pilot's own waits in press()
    monkeypatch.setattr(
        PrepApp, "_load_orm_when_idle", lambda self: None
    )  # only the screen's worker loads it
    loads: list[bool] = []
    real_load = base.load_orm
    monkeypatch.setattr(base, "load_orm", lambda: (loads.append(True), real_load())[1])
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        screen = app.screen
        assert type(screen).__name__ == "ScheduleScreen"
        assert loads == [] and not list(app.workers)  # the screen first; nothing imported or started yet
        await asyncio.sleep(work.PAINT_FIRST_S * 2)
        await settle(pilot)
        assert loads  # then the ORM, on the UI thread, and the screen's workers
        assert screen.rules  # the week was read (the demo has study rules)
        assert base.orm_loaded()
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("enter")  # once loaded, workers start at once: no second wait of PAINT_FIRST_S
        await settle(pilot)
        assert type(app.screen).__name__ == "PaperPageScreen" and app.screen.detail is not None


async def test_the_orm_loads_while_the_user_pauses_in_an_area_not_on_the_dashboard(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The problems area reads its first page without the ORM; once the user pauses there, the app imports it so
    that the first rating does not wait. A session that stays on the dashboard never imports it."""
    monkeypatch.setattr(base, "_orm_loaded", False)
    loads: list[bool] = []
    monkeypatch.setattr(base, "load_orm", lambda: loads.append(True))
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.idle_gc.last_input -= 60  # a long pause on the dashboard
        app._idle_tick()
        app._idle_tick()
        assert loads == []
        await pilot.press("2")
        await settle(pilot)
        assert app.screen.query_one("#problems-table").row_count > 0 and loads == []  # rows, no ORM
        app._idle_tick()
        assert loads == []  # the user has just pressed a key
        app.idle_gc.last_input -= 60
        app._idle_tick()  # a collection first (the user did something since the last one)
        app._idle_tick()
        assert loads == [True]


async def test_a_write_starts_at_once_even_before_the_orm_is_loaded(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only screen loads wait to paint first: a write never sits on a widget's timer, which would stop with the
    widget (a dialog closed meanwhile) and drop the write."""
    monkeypatch.setattr(base, "_orm_loaded", False)
    monkeypatch.setattr(work, "PAINT_FIRST_S", 1.0)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.load_catalog("blind75")  # a write, through db_work
        assert [w.group for w in app.workers] == ["catalog"]  # started, not waiting 1 s
        await settle(pilot)
        assert base.orm_loaded()


async def test_an_areas_first_read_is_in_its_first_frame_without_a_worker(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Papers, stories and the board read their first view while the screen is built (AreaScreen.read_first)."""
    from tracker.tui.screens.board import BoardScreen
    from tracker.tui.screens.papers import PapersScreen
    from tracker.tui.screens.stories import StoriesScreen

    workers: list[str] = []
    for cls, name in ((PapersScreen, "_load"), (StoriesScreen, "_load_at"), (BoardScreen, "_load")):
        real = getattr(cls, name)
        monkeypatch.setattr(
            cls,
            name,
            lambda self, *a, _real=real, _n=name, **k: (workers.append(_n), _real(self, *a, **k))[1],
        )
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key, shown in (
            ("3", lambda s: s.query_one("#listing").row_count),
            ("4", lambda s: s.query_one("#stories-table").row_count),
            ("5", lambda s: len(s.query(".board-card"))),
        ):
            await pilot.press(key)
            assert shown(app.screen) > 0, key
        assert workers == []  # no worker loaded a first view
        app.screen.reload()  # a reload after a write uses the worker
        await settle(pilot)
        assert workers == ["_load"]


async def test_a_slow_first_read_is_shown_when_it_ends_unless_a_newer_load_came_first(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from tracker.services import stories as svc
    from tracker.tui.screens import base as screens_base

    monkeypatch.setattr(screens_base, "FIRST_READ_BUDGET_S", 0.0)
    gate = threading.Event()
    real = svc.stories_overview
    calls: list[str] = []

    def slow(db: Database) -> tuple:
        calls.append(threading.current_thread().name)
        if len(calls) == 1:
            gate.wait(5)
            stories, questions, coverage = real(db)
            return stories[:1], questions, coverage  # what the first read saw: one story
        return real(db)

    monkeypatch.setattr(svc, "stories_overview", slow)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        screen = app.screen
        assert screen.query_one("#stories-table").row_count == 0  # the screen did not wait for the read
        screen.reload()  # a newer load (after a write) ends first ...
        await settle(pilot)
        total = screen.query_one("#stories-table").row_count
        assert total > 1
        gate.set()  # ... and the first read, ending after it, is not shown over it
        await asyncio.sleep(0.2)
        await settle(pilot)
        assert screen.query_one("#stories-table").row_count == total
        assert calls[0] == "first read: stories"

    calls.clear()
    gate.clear()
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        gate.set()  # late, and nothing newer: shown when it ends
        for _ in range(250):  # bounded: 5 s
            await asyncio.sleep(0.02)
            await pilot.pause()
            if app.screen.query_one("#stories-table").row_count:
                break
        assert app.screen.query_one("#stories-table").row_count == 1


async def test_a_failed_first_read_is_a_notification(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.services import pipeline
    from tracker.services.base import ServiceError

    def broken(*args: object, **kwargs: object) -> None:
        raise ServiceError("the board could not be read")

    monkeypatch.setattr(pipeline, "board", broken)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        assert type(app.screen).__name__ == "BoardScreen"
        assert any("the board could not be read" in str(n.message) for n in app._notifications)


async def test_a_paper_page_opens_with_its_notes_read_at_once_or_by_its_worker_if_that_fails(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from tracker.services import papers as svc
    from tracker.services.papers import list_papers, save_notes
    from tracker.tui.screens.paper_page import PaperPageScreen

    first = list_papers(demo_db)[0]
    save_notes(demo_db, first.id, "## Method\nlinear attention [not markup]")
    fetched: list[int] = []
    real_fetch = PaperPageScreen._fetch
    monkeypatch.setattr(
        PaperPageScreen,
        "_fetch",
        lambda self, pid, notes: (fetched.append(pid), real_fetch(self, pid, notes))[1],
    )
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        app.screen.open_paper(first.id)
        await pilot.pause()
        page = app.screen
        assert isinstance(page, PaperPageScreen) and page.detail is not None
        assert page.notes.editor.text == "## Method\nlinear attention [not markup]"
        assert fetched == []  # read as the page opened, no worker
        await pilot.press("escape")
        await settle(pilot)

        real_get = svc.get_paper
        calls: list[int] = []

        def locked_once(db: Database, paper_id: int) -> object:
            calls.append(paper_id)
            if len(calls) == 1:
                raise sqlite3.OperationalError("database is locked")
            return real_get(db, paper_id)

        monkeypatch.setattr(svc, "get_paper", locked_once)
        app.screen.open_paper(first.id)
        await settle(pilot)
        assert fetched == [first.id] and len(calls) == 2  # the worker read it
        assert app.screen.detail is not None
        assert app.screen.notes.editor.text == "## Method\nlinear attention [not markup]"
