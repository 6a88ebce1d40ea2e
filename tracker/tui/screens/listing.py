"""A screen that lists one area's records in a DataTable, loaded off the UI thread."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from tracker.tui.screens.base import AreaScreen
from tracker.tui.work import db_work


class ListingScreen(AreaScreen):
    COLUMNS: Sequence[tuple[str, str]] = ()
    EMPTY_HINT = ""

    def compose(self) -> ComposeResult:
        yield from self.compose_tabs()
        yield Static("", id="listing-status", markup=False)
        table: DataTable[Any] = DataTable(id="listing", cursor_type="row", zebra_stripes=True)
        yield table
        yield from self.compose_footer()

    def on_mount(self) -> None:
        table = self.query_one("#listing", DataTable)
        for key, label in self.COLUMNS:
            table.add_column(label, key=key)
        self.reload()

    def reload(self) -> None:
        self._load()

    def fetch(self) -> tuple[list[tuple[str, list[Any]]], str]:
        """Return (rows as (key, cells), status line). Runs in a worker thread."""
        raise NotImplementedError

    @db_work(exclusive=True, group="listing")
    def _load(self) -> None:
        rows, status = self.fetch()
        self.app.call_from_thread(self._show, rows, status)

    def _show(self, rows: list[tuple[str, list[Any]]], status: str) -> None:
        table = self.query_one("#listing", DataTable)
        table.clear()
        for key, cells in rows:
            table.add_row(*cells, key=key)
        hint = self.EMPTY_HINT if not rows else ""
        self.query_one("#listing-status", Static).update(Text(status + ("  " + hint if hint else "")))
