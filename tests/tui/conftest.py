"""TUI test helpers: build the app on a temporary database, wait for its workers instead of sleeping."""

from __future__ import annotations

from typing import Any

import pytest

from tracker.services.base import Database


def make_app(db: Database, *, welcome: bool = False) -> Any:
    from tracker.tui.app import PrepApp

    return PrepApp(db, welcome=welcome)


async def settle(pilot: Any) -> None:
    """Let workers finish and the screen repaint."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def app_factory() -> Any:
    return make_app
