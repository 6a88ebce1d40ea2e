"""Coming back to the dashboard: it shows what was written meanwhile (by this app or another process) and does
not load again when nothing changed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.tui.conftest import make_app, settle
from tracker.services.base import Database
from tracker.services.problems import add_problem
from tracker.tui.screens.dashboard import DashboardScreen

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)


async def test_back_to_the_dashboard_reloads_only_after_a_write(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(DashboardScreen, "clock", staticmethod(lambda: NOW))
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        shown = dashboard.data
        assert shown is not None and shown.problems == 0

        await pilot.press("2")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert dashboard.data is shown  # nothing written: the panels were kept, not loaded again

        other = Database(db.path)  # e.g. `prep problem add` in another terminal
        add_problem(other, "Two Sum", number=1)
        other.close()
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert dashboard.data is not shown and dashboard.data.problems == 1
