"""A table that is given every row of a list but builds them a chunk at a time, as the user reaches them.

A DataTable builds a Row and a cell dict for every ``add_row`` and refreshes its layout; a year of papers (1,000) or
stories took 150-400 ms to show on a first visit and again on every filter keystroke. ``PagedTable.fill`` keeps the
items it is given and adds the first ``CHUNK`` of them; more are added when the cursor or the scroll position comes
within ``MARGIN`` rows of the last one built, and all of them for "bottom" (ctrl+end). Rows stay in the order given,
so a screen can keep mapping ``cursor_row`` to its own list. The scrollable height counts every row, so the
scrollbar is true to the whole list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.coordinate import Coordinate
from textual.geometry import Size

from tracker.tui.widgets.problem_table import ProblemTable

CHUNK = 100
MARGIN = 40  # rows still to come below the cursor or the viewport before the next chunk is built


class PagedTable(ProblemTable):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._all: list[Any] = []
        self._key: Callable[[Any], str] = str
        self._cells: Callable[[Any], Sequence[Any]] = lambda item: [item]
        self._building = False  # add_row sets the cursor, which would build again from inside build_to
        super().__init__(*args, **kwargs)

    @property
    def total(self) -> int:
        """Rows given to :meth:`fill` (``row_count`` is how many are built so far)."""
        return len(self._all)

    def row_cells(self, index: int) -> Sequence[Any]:
        """The cells of row ``index`` of all the rows given, built or not."""
        return self._cells(self._all[index])

    def fill(
        self,
        items: Sequence[Any],
        *,
        key: Callable[[Any], str],
        cells: Callable[[Any], Sequence[Any]],
        select: str | None = None,
    ) -> None:
        """Replace the rows with one per item (its row key and cells are made when the row is built); put the
        cursor on the row keyed ``select`` when it is there, else on the first."""
        self.clear()
        self._all, self._key, self._cells = list(items), key, cells
        index = next((i for i, item in enumerate(self._all) if key(item) == select), 0) if select else 0
        self.build_to(max(CHUNK, index + MARGIN))
        if index:
            self.move_cursor(row=index, animate=False)

    def clear(self, columns: bool = False) -> PagedTable:
        self._all = []
        super().clear(columns)
        return self

    def build_to(self, count: int) -> None:
        """Make sure the first ``count`` rows (at most all of them) are built."""
        if self._building:
            return
        self._building = True
        try:
            for item in self._all[self.row_count : min(count, len(self._all))]:
                self.add_row(*self._cells(item), key=self._key(item))
        finally:
            self._building = False

    def _build_near(self, row: int) -> None:
        if not self._building and self.row_count < len(self._all) and row >= self.row_count - MARGIN:
            self.build_to(row + MARGIN + CHUNK)

    def _update_dimensions(self, new_rows: Any) -> None:
        """The scrollable height counts every row given, built or not (rows are one line here), so the scrollbar
        shows where the view is in the whole list; rows not built yet render blank for the moment before
        ``watch_scroll_y`` builds them."""
        super()._update_dimensions(new_rows)
        header = self.header_height if self.show_header else 0
        if len(self._all) + header > self.virtual_size.height:
            self.virtual_size = Size(self.virtual_size.width, len(self._all) + header)

    def watch_cursor_coordinate(self, old_coordinate: Coordinate, new_coordinate: Coordinate) -> None:
        self._build_near(new_coordinate.row)
        super().watch_cursor_coordinate(old_coordinate, new_coordinate)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        # Rows are one line high here: the last row in view is about the scroll offset plus the height.
        self._build_near(int(new_value) + self.size.height)
        super().watch_scroll_y(old_value, new_value)

    def action_scroll_bottom(self) -> None:
        self.build_to(len(self._all))
        super().action_scroll_bottom()
