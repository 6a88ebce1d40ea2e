"""TUI test helpers: build the app on a temporary database, wait for its workers instead of sleeping."""

from __future__ import annotations

from typing import Any

import pytest

from tracker.services.base import Database, load_orm

# The app starts its first database worker PAINT_FIRST_S late when the ORM is not imported yet (tracker/tui/work.py),
# which settle() below cannot see. Load it up front; tests/tui/test_work.py covers that path on its own.
load_orm()


@pytest.fixture(autouse=True)
def first_reads_in_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """An area's first read that takes longer than its budget is shown when its thread ends, which settle() cannot
    see either; on a loaded CI machine a 20 ms read can take 40. Tests get a budget no read misses;
    tests/tui/test_work.py sets it back to cover the late path."""
    from tracker.tui.screens import base

    monkeypatch.setattr(base, "FIRST_READ_BUDGET_S", 10.0)


def make_app(db: Database, *, welcome: bool = False) -> Any:
    from tracker.tui.app import PrepApp

    return PrepApp(db, welcome=welcome)


async def settle(pilot: Any) -> None:
    """Let workers finish and the screen repaint."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def palette(pilot: Any, command: str) -> None:
    """Run a command from the command palette as a person does: ctrl+p, type its name, Enter."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*command)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await settle(pilot)


async def clear_toasts(pilot: Any) -> None:
    """Dismiss the notifications and wait until their toasts are gone: a toast over a button takes the click."""
    pilot.app.clear_notifications()
    for _ in range(100):
        await pilot.pause()
        if not pilot.app.screen.query("Toast"):
            return


@pytest.fixture
def app_factory() -> Any:
    return make_app
