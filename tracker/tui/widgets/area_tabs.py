"""The tab bar across the top of every area screen: click a tab or press 1–6.

One widget that draws the labels and the underline itself. Textual's Tabs is eight widgets (six Tab, an Underline
and the Tabs container) on every screen, and with the footer's keys they were most of the styling, layout and
rendering work before the first paint; the bar needs none of what they add (focus, keyboard navigation, animation).
"""

from __future__ import annotations

from textual.geometry import Offset

from tracker.tui.widgets.view_tabs import ViewTabs, middle_of, tab_spans

AREAS: tuple[tuple[str, str], ...] = (
    ("dashboard", "1 Dashboard"),
    ("problems", "2 Problems"),
    ("papers", "3 Papers"),
    ("stories", "4 Stories"),
    ("board", "5 Board"),
    ("schedule", "6 Schedule"),
)


SPANS = tab_spans(AREAS)


class AreaTabs(ViewTabs):
    """Tabs that switch the app's mode. The active tab is the screen's own area."""

    DEFAULT_CSS = """
    AreaTabs {
        dock: top;
    }
    """

    def __init__(self, area: str) -> None:
        super().__init__(list(AREAS), area)

    @staticmethod
    def offset_of(area: str) -> Offset:  # type: ignore[override]
        """Where to click for ``area`` (the middle of its label), relative to the bar (it fits a 120-cell terminal:
        no scrolling)."""
        return middle_of(SPANS, area)

    def chosen(self, key: str) -> None:
        self.app.switch_mode(key)
