"""What every area screen shares: the tab bar, the footer, loading data off the UI thread."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen

from tracker.tui.widgets.area_tabs import AreaTabs
from tracker.tui.widgets.footer import AreaFooter


class AreaScreen(Screen[None]):
    AREA = "dashboard"

    def compose_tabs(self) -> ComposeResult:
        yield AreaTabs(self.AREA)

    def compose_footer(self) -> ComposeResult:
        yield AreaFooter()

    @property
    def db(self) -> Any:
        return self.app.db  # type: ignore[attr-defined]

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if self._css_update_count == self.app._css_update_count:
            # switch_mode has already brought this screen's styles up to date; restyling every widget again on
            # resume would throw away their render caches (a DataTable re-renders every cell) for nothing.
            event.refresh_styles = False
        if getattr(self.app, "stale", {}).pop(self.AREA, False):
            self.reload()

    def reload(self) -> None:
        """Load this screen's data again (override)."""
