"""The tab bar across the top of every area screen: click a tab or press 1–6.

One widget that draws the labels and the underline itself. Textual's Tabs is eight widgets (six Tab, an Underline
and the Tabs container) on every screen, and with the footer's keys they were most of the styling, layout and
rendering work before the first paint; the bar needs none of what they add (focus, keyboard navigation, animation).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.geometry import Offset

from tracker.tui.widgets.view_tabs import ViewTabs

AREAS: tuple[tuple[str, str], ...] = (
    ("dashboard", "1 Dashboard"),
    ("problems", "2 Problems"),
    ("papers", "3 Papers"),
    ("stories", "4 Stories"),
    ("board", "5 Board"),
    ("schedule", "6 Schedule"),
)


def _spans() -> tuple[tuple[str, str, int, int], ...]:
    """(area, label, first cell, cell after the last) of each tab: a label with one cell of padding each side."""
    out = []
    x = 0
    for key, label in AREAS:
        width = cell_len(label) + 2
        out.append((key, label, x, x + width))
        x += width
    return tuple(out)


SPANS = _spans()


class AreaTabs(ViewTabs):
    """Tabs that switch the app's mode. The active tab is the screen's own area."""

    DEFAULT_CSS = """
    AreaTabs {
        dock: top;
    }
    """

    def __init__(self, area: str) -> None:
        super().__init__(list(AREAS), area)

    @property
    def area(self) -> str:
        return self.active

    @staticmethod
    def offset_of(area: str) -> Offset:  # type: ignore[override]
        """Where to click for ``area`` (the middle of its label), relative to the bar."""
        for key, _, start, end in SPANS:
            if key == area:
                return Offset((start + end) // 2, 0)
        raise KeyError(area)

    def chosen(self, key: str) -> None:
        self.app.switch_mode(key)
