"""What every area screen shares: the tab bar, the footer, loading data off the UI thread."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from tracker.tui.widgets.area_tabs import AreaTabs


class AreaScreen(Screen[None]):
    AREA = "dashboard"

    def compose_tabs(self) -> ComposeResult:
        yield AreaTabs(self.AREA)

    def compose_footer(self) -> ComposeResult:
        yield Footer()

    @property
    def db(self) -> Any:
        return self.app.db  # type: ignore[attr-defined]

    def on_screen_resume(self) -> None:
        if getattr(self.app, "stale", {}).pop(self.AREA, False):
            self.reload()

    def reload(self) -> None:
        """Load this screen's data again (override)."""
