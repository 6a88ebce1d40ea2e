"""The dashboard's numbers read by a child process while prep starts (tracker/tui/startup_read.py): the same panels
as the usual load without a second read, the welcome on an empty database, and the usual load when that read
failed, is late, or cannot be made."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from tests.golden.fixture import NOW, fixed_copy
from tests.tui.conftest import settle
from tracker.services.base import Database
from tracker.tui.app import PrepApp
from tracker.tui.screens.dashboard import DashboardScreen
from tracker.tui.startup_read import StartupRead

PANELS = ("#next-rounds", "#queue", "#week", "#streak", "#mastery", "#weak")


@pytest.fixture
def frozen(utc: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DashboardScreen, "clock", staticmethod(lambda: NOW))


@pytest.fixture
def fixed(tmp_path: Path) -> Iterator[Database]:
    db, _ = fixed_copy(tmp_path / "fixed.db")
    yield db
    db.close()


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every start of the dashboard's usual (worker) load."""
    calls: list[Any] = []
    original = DashboardScreen._load

    def counted(self: DashboardScreen, now: Any) -> Any:
        calls.append(now)
        return original(self, now)

    monkeypatch.setattr(DashboardScreen, "_load", counted)
    return calls


def panels(app: Any) -> dict[str, str]:
    return {name: str(app.screen.query_one(name, Static).content) for name in PANELS}


async def test_the_numbers_read_at_startup_are_shown_without_a_second_read(
    fixed: Database, frozen: None, loads: list[Any]
) -> None:
    usual = PrepApp(fixed, welcome=False)
    async with usual.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        expected = panels(usual)
        expected_screen = [strip.text for strip in usual.screen._compositor.render_strips()]
    assert len(loads) == 1 and "3-day streak" in expected["#streak"]

    loads.clear()
    app = PrepApp(fixed, welcome=False, startup_read=StartupRead(fixed, now=NOW, fork=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert panels(app) == expected  # shown once laid out, no worker started
        assert loads == []
        await settle(pilot)
        assert [strip.text for strip in app.screen._compositor.render_strips()] == expected_screen
        assert loads == []


@pytest.mark.parametrize("how", ["the read fails", "no fork"])
async def test_without_the_startup_numbers_the_dashboard_reads_as_usual(
    fixed: Database, frozen: None, loads: list[Any], monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    from tracker.services.base import ServiceError
    from tracker.tui import startup_read

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ServiceError("database error: disk I/O error")

    if how == "the read fails":
        monkeypatch.setattr(startup_read, "read_first_numbers", broken)  # in the child, which inherits it
    read = StartupRead(fixed, now=NOW, fork=how != "no fork")
    app = PrepApp(fixed, welcome=False, startup_read=read)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(loads) == 1  # read the usual way
        assert "3-day streak" in panels(app)["#streak"]


async def test_an_empty_database_still_gets_the_welcome(db: Database, frozen: None) -> None:
    from tracker.tui.modals.welcome import WelcomeModal

    app = PrepApp(db, startup_read=StartupRead(db, now=NOW, fork=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeModal)


async def test_no_welcome_once_it_was_answered(db: Database, frozen: None) -> None:
    from tracker.services.settings import remember

    remember(db, "welcome.dismissed", True)
    app = PrepApp(db, startup_read=StartupRead(db, now=NOW, fork=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


def test_the_numbers_are_taken_once(fixed: Database) -> None:
    read = StartupRead(fixed, now=NOW, fork=True)
    first = read.take(timeout=5)
    assert first is not None and first.now == NOW and not first.summary.empty
    assert read.take(timeout=5) is None
    assert read._pid is None  # the child was reaped


def test_a_read_still_running_is_not_waited_for_past_the_budget(
    fixed: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from tracker.tui import startup_read

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(2)
        raise RuntimeError("too late")

    monkeypatch.setattr(startup_read, "read_first_numbers", slow)
    read = StartupRead(fixed, now=NOW, fork=True)
    started = time.monotonic()
    assert read.take(timeout=0.05) is None
    assert time.monotonic() - started < 1
