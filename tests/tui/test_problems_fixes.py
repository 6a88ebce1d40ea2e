"""The problems screen against what a user runs into: a problem deleted behind its back, dialogs that keep what
was typed, catalog auto-fill, the rate dialog with the mouse, opening a problem by id far down the list, Esc."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import DataTable

from tests.tui.conftest import make_app, settle
from tracker.services.base import Database
from tracker.services.problems import add_problem, delete_problem


def table(app: Any) -> DataTable[Any]:
    return app.screen.query_one("#problems-table", DataTable)


def row_keys(app: Any) -> list[str]:
    t = table(app)
    return [str(row.key.value) for row in t.ordered_rows]


def messages(app: Any) -> list[str]:
    return [n.message for n in app._notifications]


def three(db: Database) -> None:
    add_problem(db, "Alpha Paths", number=9001, difficulty="medium", patterns=["Graphs"])
    add_problem(db, "Bravo Anagram", number=9002, difficulty="easy", patterns=["Arrays"])
    add_problem(db, "Charlie Heap", number=9003, difficulty="hard", patterns=["Heap"])


async def open_problems(pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)


@pytest.mark.parametrize("key", ["e", "t", "x", "enter", "r"])
async def test_a_problem_deleted_elsewhere_is_a_notification_and_leaves_the_list(
    db: Database, key: str
) -> None:
    three(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        assert row_keys(app)[0] == "p:1"
        delete_problem(db, 1)  # from the command line or another window: this screen still shows it
        await pilot.press(key)
        await settle(pilot)
        assert app.is_running
        assert (
            app.screen.__class__.__name__ == "ProblemsScreen"
        )  # no dialog opened for a problem that is gone
        assert any("gone" in m and "no problem with id 1" in m for m in messages(app))
        assert row_keys(app) == ["p:2", "p:3"]
        assert getattr(app, "timer", None) is None  # no timer started on it
