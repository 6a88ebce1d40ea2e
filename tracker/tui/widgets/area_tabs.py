"""The tab bar across the top of every area screen: click a tab or press 1–6.

One widget that draws the labels and the underline itself. Textual's Tabs is eight widgets (six Tab, an Underline
and the Tabs container) on every screen, and with the footer's keys they were most of the styling, layout and
rendering work before the first paint; the bar needs none of what they add (focus, keyboard navigation, animation).
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.geometry import Offset
from textual.widget import Widget

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


class AreaTabs(Widget, can_focus=False):
    """Tabs that switch the app's mode. The active tab is the screen's own area."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "area-tabs--tab",
        "area-tabs--active",
        "area-tabs--hover",
        "area-tabs--bar",
        "area-tabs--bar-active",
    }
    DEFAULT_CSS = """
    AreaTabs {
        dock: top;
        height: 2;
        width: 1fr;
        & > .area-tabs--tab { color: $foreground 50%; }
        & > .area-tabs--active { color: $foreground; text-style: bold; }
        & > .area-tabs--hover { color: $foreground; background: $block-hover-background; }
        & > .area-tabs--bar { color: $foreground 10%; }
        & > .area-tabs--bar-active { color: $block-cursor-background; }
        &:hover { pointer: pointer; }
    }
    """

    def __init__(self, area: str) -> None:
        super().__init__()
        self.area = area
        self._hover: str | None = None

    def area_at(self, x: int) -> str | None:
        return next((key for key, _, start, end in SPANS if start <= x < end), None)

    @staticmethod
    def offset_of(area: str) -> Offset:
        """Where to click for ``area`` (the middle of its label), relative to the bar."""
        for key, _, start, end in SPANS:
            if key == area:
                return Offset((start + end) // 2, 0)
        raise KeyError(area)

    def render(self) -> Text:
        styles = {
            name: self.get_component_rich_style(f"area-tabs--{name}") for name in ("tab", "active", "hover")
        }
        labels = Text(no_wrap=True, overflow="crop", end="")
        bar = Text(no_wrap=True, overflow="crop", end="")
        bar_style = self.get_component_rich_style("area-tabs--bar")
        active_bar = self.get_component_rich_style("area-tabs--bar-active")
        x = 0
        for key, label, start, end in SPANS:
            kind = "active" if key == self.area else "hover" if key == self._hover else "tab"
            labels.append(f" {label} ", styles[kind])
            bar.append("━" * (end - start), active_bar if key == self.area else bar_style)
            x = end
        width = max(self.size.width, x)
        bar.append("━" * (width - x), bar_style)
        return Text("\n", end="").join([labels, bar])

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = self.area_at(event.x) if event.y == 0 else None
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        target = self.area_at(event.x)
        if target is not None and target != self.area:
            event.stop()
            self.app.switch_mode(target)
