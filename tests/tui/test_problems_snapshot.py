"""Snapshots of the problems screen on the demo data, at a frozen time and time zone."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.tui.conftest import make_app, settle
from tracker.services.base import Database

NOW = datetime(2026, 11, 16, 12, 0, tzinfo=UTC)  # when the demo database was made


@pytest.fixture
def frozen(utc: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tracker.tui.screens.problems.clock", lambda: NOW)


@pytest.mark.parametrize("keys", [(), ("v",)], ids=["all", "due-queue"])
def test_snapshot_problems(demo_db: Database, snap_compare: Any, frozen: Any, keys: tuple[str, ...]) -> None:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        await pilot.press("down")
        await settle(pilot)

    assert snap_compare(make_app(demo_db), terminal_size=(120, 40), run_before=run_before)
