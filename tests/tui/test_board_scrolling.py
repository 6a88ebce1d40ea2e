"""Reordering cards in a column that scrolls (more cards than fit): what reaches the terminal is the saved order.

Textual paints only what its compositor thinks changed. These tests keep a copy of the terminal, built from the
updates the app sends to it, so a move that is saved and right in the widget tree but never painted (the old
order left on screen, the next click landing on another card than the one shown) fails here.
"""

from __future__ import annotations

from typing import Any

import pytest
from rich.cells import cell_len
from rich.segment import ControlType

from tests.tui.conftest import make_app, settle
from tests.tui.test_board import db_order, open_board, selected, widget_order
from tracker.services.base import Database
from tracker.services.pipeline import add_round
from tracker.tui.widgets.board_card import BoardCard
from tracker.tui.widgets.board_column import BoardColumnView, CardList

SIZE = (120, 40)


class Terminal:
    """The screen as the user sees it: every update the app writes, applied to a grid of cells."""

    def __init__(self, app: Any, width: int, height: int) -> None:
        self.cells = [[" "] * width for _ in range(height)]
        self.app = app
        write = app._display

        def display(screen: Any, update: Any) -> None:
            if update is not None and not app._batch_count and app._driver is not None:
                self._apply(update)
            write(screen, update)

        app._display = display

    def _apply(self, update: Any) -> None:
        x = y = 0
        for segment in self.app.console.render(update):
            if segment.control:
                for control in segment.control:
                    if control[0] == ControlType.CURSOR_MOVE_TO:
                        x, y = control[1], control[2]
                continue
            if segment.text == "\n":
                continue
            for char in segment.text:
                if 0 <= y < len(self.cells) and 0 <= x < len(self.cells[y]):
                    self.cells[y][x] = char
                x += cell_len(char)

    def companies_in(self, column: BoardColumnView) -> list[str]:
        """The first line of each card painted in ``column``'s area, top to bottom."""
        region = column.region
        names = []
        for y in range(region.y, region.bottom):
            line = "".join(self.cells[y][region.x : region.right])
            inner = line.strip("│╭╮╰╯─ ")
            if inner.startswith("Company "):
                names.append(inner.split("│")[0].strip())
        return names


def long_column(db: Database, n: int = 9) -> None:
    """Scheduled: rounds 1..n with Company 1..n, more than a 40-row terminal shows."""
    for i in range(1, n + 1):
        add_round(db, f"Company {i}", "coding", column="Scheduled")


def scheduled(app: Any) -> BoardColumnView:
    return next(c for c in app.screen.query(BoardColumnView) if c.column.name == "Scheduled")


def shown_names(app: Any, col: BoardColumnView) -> list[str]:
    """What the widgets say is on screen in ``col``, top to bottom: the cards whose first line is in its view."""
    view = col.query_one(CardList).region
    cards = [c for c in col.cards() if view.y <= c.region.y + 1 < view.bottom]
    cards.sort(key=lambda c: c.region.y)
    return [c.row.company for c in cards]


async def drag(pilot: Any, source: str, target: str, *, lower: bool) -> None:
    """Press on ``source``, move over the upper or lower half of ``target``, release there."""
    card = pilot.app.screen.query_one(target, BoardCard)
    y = card.region.height - 2 if lower else 1
    await pilot.mouse_down(source, offset=(3, 1))
    await pilot.hover(source, offset=(3, 3))
    await pilot.hover(target, offset=(3, y))
    await pilot.mouse_up(target, offset=(3, y))
    await settle(pilot)


@pytest.mark.parametrize(
    ("source", "target", "lower", "expected"),
    [
        ("#card-1", "#card-3", True, [2, 3, 1, 4, 5, 6, 7, 8, 9]),  # down: below round 3
        ("#card-4", "#card-1", False, [4, 1, 2, 3, 5, 6, 7, 8, 9]),  # up: above round 1
    ],
    ids=["down", "up"],
)
async def test_dragging_within_a_scrolling_column_shows_the_saved_order(
    db: Database, source: str, target: str, lower: bool, expected: list[int]
) -> None:
    long_column(db)
    app = make_app(db)
    terminal = Terminal(app, *SIZE)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        col = scheduled(app)
        assert col.mounted < len(col.rows)  # it scrolls, and not every card is mounted yet
        assert terminal.companies_in(col) == [f"Company {i}" for i in range(1, 7)]

        await drag(pilot, source, target, lower=lower)

        assert db_order(db)["Scheduled"] == expected
        assert widget_order(app)["Scheduled"] == expected[: col.mounted]
        moved = int(source.removeprefix("#card-"))
        assert selected(app) == moved
        # the terminal shows the saved order, and what the widgets place on screen is what is painted
        painted = terminal.companies_in(col)
        assert painted == [f"Company {i}" for i in expected[: len(painted)]]
        assert painted == shown_names(app, col)

        # the next card down is the one after the moved card, painted where the widgets say it is
        await pilot.press("j")
        await settle(pilot)
        after = expected[expected.index(moved) + 1]
        assert selected(app) == after
        painted = terminal.companies_in(col)
        assert painted == shown_names(app, col)
        assert len(set(painted)) == len(painted)  # no card shown twice

        # a click lands on the card painted under the pointer
        first = app.screen.query_one(f"#card-{expected[0]}", BoardCard)
        if col.region.contains_region(first.region):
            await pilot.click(first, offset=(3, 1))
            await settle(pilot)
            assert selected(app) == expected[0]


async def test_a_second_drag_moves_the_card_that_was_grabbed(db: Database) -> None:
    long_column(db)
    app = make_app(db)
    terminal = Terminal(app, *SIZE)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        col = scheduled(app)
        await drag(pilot, "#card-1", "#card-3", lower=True)  # 2 3 1 4 …
        await drag(pilot, "#card-2", "#card-4", lower=True)  # 3 1 4 2 …
        expected = [3, 1, 4, 2, 5, 6, 7, 8, 9]
        assert db_order(db)["Scheduled"] == expected
        assert selected(app) == 2
        painted = terminal.companies_in(col)
        assert painted == [f"Company {i}" for i in expected[: len(painted)]]
