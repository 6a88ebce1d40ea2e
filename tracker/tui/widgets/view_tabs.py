"""A row of tabs drawn by one widget: the problems area's views (All, Due queue, Weak, one per list…), and the
area tab bar (widgets/area_tabs.py) as a subclass.

The widget draws the labels and the bar under them itself. Textual's Tabs is a widget per tab plus an underline and
a container: with a dozen lists that was 15 widgets to style, mount, lay out and paint when the problems area opens,
for nothing the row needs (the screen's keys move between views; the row only shows them and takes clicks). When
the tabs are wider than the row, it scrolls so that the active one is in view. Labels are user text (list names)
and are never read as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.geometry import Offset
from textual.message import Message
from textual.widget import Widget

TabSpan = tuple[str, str, int, int]
"""(key, label, first cell, cell after the last) of a tab."""


def tab_spans(tabs: Iterable[tuple[str, str]]) -> list[TabSpan]:
    """Where each (key, label) tab lies along the row: its label with one cell of padding each side."""
    out = []
    x = 0
    for key, label in tabs:
        width = cell_len(label) + 2
        out.append((key, label, x, x + width))
        x += width
    return out


def middle_of(spans: list[TabSpan], key: str, scroll: int = 0) -> Offset:
    """Where to click for ``key``: the middle of its label, relative to the row scrolled by ``scroll`` cells."""
    for tab, _, start, end in spans:
        if tab == key:
            return Offset((start + end) // 2 - scroll, 0)
    raise KeyError(key)


class ViewTabs(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "tab-strip--tab",
        "tab-strip--active",
        "tab-strip--hover",
        "tab-strip--bar",
        "tab-strip--bar-active",
    }
    DEFAULT_CSS = """
    ViewTabs {
        height: 2;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: clip;
        & > .tab-strip--tab { color: $foreground 50%; }
        & > .tab-strip--active { color: $foreground; text-style: bold; }
        & > .tab-strip--hover { color: $foreground; background: $block-hover-background; }
        & > .tab-strip--bar { color: $foreground 10%; }
        & > .tab-strip--bar-active { color: $block-cursor-background; }
        &:hover { pointer: pointer; }
    }
    """

    class Chosen(Message):
        """A view was clicked (not sent for :meth:`show`)."""

        def __init__(self, tabs: ViewTabs, key: str) -> None:
            super().__init__()
            self.tabs = tabs
            self.key = key

        @property
        def control(self) -> ViewTabs:
            return self.tabs

    def __init__(self, views: list[tuple[str, str]], active: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._views = list(views)
        self.active = active
        self._hover: str | None = None

    @property
    def views(self) -> list[tuple[str, str]]:
        """(key, label) of each view, in order."""
        return list(self._views)

    def set_views(self, views: list[tuple[str, str]]) -> None:
        if views != self._views:
            self._views = list(views)
            self.refresh()

    def show(self, key: str) -> None:
        """Mark ``key`` as the view shown (the screen switched to it)."""
        if key != self.active:
            self.active = key
            self.refresh()

    def _spans(self) -> list[TabSpan]:
        return tab_spans(self._views)

    def _scroll(self, spans: list[TabSpan]) -> int:
        """How many cells the row is scrolled by: none if the views fit, else enough to show the active one."""
        width = self.size.width
        total = spans[-1][3] if spans else 0
        if width <= 0 or total <= width:
            return 0
        end = next((stop for key, _, _, stop in spans if key == self.active), 0)
        return max(0, min(end - width, total - width))

    def key_at(self, x: int) -> str | None:
        spans = self._spans()
        x += self._scroll(spans)
        return next((key for key, _, start, end in spans if start <= x < end), None)

    def offset_of(self, key: str) -> Offset:
        """Where to click for ``key`` (the middle of its label), relative to the row."""
        spans = self._spans()
        return middle_of(spans, key, self._scroll(spans))

    def render(self) -> Text:
        styles = {
            name: self.get_component_rich_style(f"tab-strip--{name}") for name in ("tab", "active", "hover")
        }
        bar_style = self.get_component_rich_style("tab-strip--bar")
        active_bar = self.get_component_rich_style("tab-strip--bar-active")
        labels = Text(no_wrap=True, overflow="crop", end="")
        bar = Text(no_wrap=True, overflow="crop", end="")
        spans = self._spans()
        for key, label, start, end in spans:
            kind = "active" if key == self.active else "hover" if key == self._hover else "tab"
            labels.append(f" {label} ", styles[kind])
            bar.append("━" * (end - start), active_bar if key == self.active else bar_style)
        total = spans[-1][3] if spans else 0
        width = max(self.size.width, 0)
        if total < width:
            bar.append("━" * (width - total), bar_style)
        scroll = self._scroll(spans)
        if scroll:
            labels = _drop_cells(labels, scroll)
            bar = _drop_cells(bar, scroll)
        return Text("\n", end="", no_wrap=True, overflow="crop").join([labels, bar])

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = self.key_at(event.x) if event.y == 0 else None
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        key = self.key_at(event.x)
        if key is not None and key != self.active:
            event.stop()
            self.chosen(key)

    def chosen(self, key: str) -> None:
        """A tab other than the active one was clicked."""
        self.post_message(self.Chosen(self, key))


def _drop_cells(text: Text, cells: int) -> Text:
    """``text`` without its first ``cells`` cells (a wide character cut in half leaves a space)."""
    taken = 0
    index = len(text.plain)
    for position, char in enumerate(text.plain):
        if taken >= cells:
            index = position
            break
        taken += cell_len(char)
    rest = text[index:]
    if taken > cells:
        rest = Text(" " * (taken - cells), end="") + rest
    return rest
