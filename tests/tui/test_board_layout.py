"""The board's columns share the terminal's width, and a card's lines stay its lines (cut short with …, not wrapped)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.tui.conftest import make_app
from tests.tui.test_board import open_board
from tests.tui.test_board_scrolling import Terminal
from tracker.services.base import Database
from tracker.services.pipeline import add_column, add_round
from tracker.tui.screens.board import BoardScreen
from tracker.tui.widgets.board_card import BoardCard
from tracker.tui.widgets.board_column import BoardColumnView
from tracker.tui.widgets.board_view import BoardView

NOW = datetime(2026, 11, 16, 12, 0, tzinfo=UTC)
LONG = "Northwind Artificial Intelligence Research Labs"


@pytest.fixture
def rounds(db: Database, utc: None, monkeypatch: pytest.MonkeyPatch) -> Database:
    """A round with a date (the longest card line) in each default column, one with a long company name."""
    monkeypatch.setattr(BoardScreen, "clock", staticmethod(lambda: NOW))
    monkeypatch.setattr("tracker.services.pipeline._readiness", lambda db, ids, now: {})
    add_round(db, LONG, "ml-system-design", column="Scheduling", at=datetime(2026, 11, 19, 14, tzinfo=UTC))
    add_round(db, "Lumen Search", "coding", column="Scheduled", at=datetime(2026, 11, 20, 15, tzinfo=UTC))
    add_round(db, "Helix", "behavioral", column="Done", at=datetime(2026, 11, 2, 10, tzinfo=UTC))
    return db


def card_lines(terminal: Terminal, card: BoardCard) -> list[str]:
    """The lines painted inside ``card``'s border and padding."""
    box = card.content_region
    return ["".join(terminal.cells[y][box.x : box.right]).rstrip() for y in range(box.y, box.bottom)]


def assert_fits(app: Any, width: int) -> None:
    columns = list(app.screen.query(BoardColumnView))
    for col in columns:
        assert 0 <= col.region.x and col.region.right <= width, col.column.name  # wholly on screen
        assert col.region.width >= 26
    assert app.screen.query_one(BoardView).max_scroll_x == 0  # nothing to scroll to


def assert_card_lines(terminal: Terminal, app: Any) -> None:
    long = app.screen.query_one("#card-1", BoardCard)
    first, kind, when, hint = card_lines(terminal, long)
    assert first.endswith("…") and LONG.startswith(first[:-1])  # cut short, on its own line
    assert kind == "ML system design"
    assert when.startswith("Thu 19 Nov 14:00") and "ML system" not in when
    assert hint.startswith("prep ")  # the fourth line is still the prep window, not the rest of the date
    first, kind, when, _ = card_lines(terminal, app.screen.query_one("#card-2", BoardCard))
    assert (first, kind) == ("Lumen Search", "Coding") and when.startswith("Fri 20 Nov 15:00")


async def test_three_columns_fit_in_80_by_24(rounds: Database) -> None:
    app = make_app(rounds)
    terminal = Terminal(app, 80, 24)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot)
        assert len(app.screen.query(BoardColumnView)) == 3
        assert_fits(app, 80)
        assert_card_lines(terminal, app)


async def test_four_columns_fit_in_120_by_40(rounds: Database) -> None:
    add_column(rounds, "Offer", done=True)
    app = make_app(rounds)
    terminal = Terminal(app, 120, 40)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        assert len(app.screen.query(BoardColumnView)) == 4
        assert_fits(app, 120)
        widths = {c.region.width for c in app.screen.query(BoardColumnView)}
        assert max(widths) - min(widths) <= 1  # they share it equally
        assert_card_lines(terminal, app)
        # the status line keeps its one line; the readiness text on a card is on screen
        assert "Company: all" in "".join(terminal.cells[2])


async def test_more_columns_than_fit_scroll_sideways_at_their_narrowest(rounds: Database) -> None:
    for name in ("Offer", "Rejected", "On hold"):
        add_column(rounds, name)
    app = make_app(rounds)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        columns = list(app.screen.query(BoardColumnView))
        assert len(columns) == 6
        assert {c.region.width for c in columns} == {26}  # not one whole-width column at a time
        on_screen = [c for c in columns if c.region.right <= 120]
        assert len(on_screen) == 4
        assert app.screen.query_one(BoardView).max_scroll_x > 0
        # a wider terminal fits them all again
        await pilot.resize_terminal(160, 40)
        await pilot.pause()
        assert app.screen.query_one(BoardView).max_scroll_x == 0
        assert all(c.region.right <= 160 and c.region.width >= 26 for c in columns)
