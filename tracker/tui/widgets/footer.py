"""The footer every area screen shows: the screen's keys, clickable, and the command palette key on the right.

One widget that draws the keys itself. Textual's Footer mounts a widget per key and recomposes them on every bindings
update (each screen switch and focus change); on a screen switch and at startup that was a large part of the work.
This one keeps the same look (the theme's footer colours) and behaviour: a click on a key presses it, a disabled
key rings the bell, hovering shows the key's tooltip, and it redraws only when the keys it shows change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True)
class FooterItem:
    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str


class AreaFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "area-footer--key",
        "area-footer--description",
        "area-footer--hover",
        "area-footer--separator",
    }
    DEFAULT_CSS = """
    AreaFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        & > .area-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .area-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .area-footer--hover { background: $block-hover-background; }
        & > .area-footer--separator { color: $foreground 20%; }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.keys: tuple[FooterItem, ...] = ()
        self.palette: FooterItem | None = None
        self._regions: list[tuple[int, int, FooterItem]] = []
        self._hover: FooterItem | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self._read_bindings()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if screen is self.screen and self._read_bindings():
            self.refresh()

    def _read_bindings(self) -> bool:
        """Read the keys to show from the screen; True if they changed."""
        active = self.screen.active_bindings
        keys: list[FooterItem] = []
        seen: set[str] = set()
        for _, binding, enabled, tooltip in active.values():
            if not binding.show or binding.action in seen:
                continue  # one entry per action, as Textual's Footer shows them
            seen.add(binding.action)
            display = self.app.get_key_display(binding)
            keys.append(FooterItem(binding.key, display, binding.description, enabled, tooltip or ""))
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, binding, enabled, tooltip = found
                display = self.app.get_key_display(binding)
                palette = FooterItem(
                    binding.key, display, binding.description, enabled, binding.tooltip or binding.description
                )
        changed = (tuple(keys), palette) != (self.keys, self.palette)
        self.keys, self.palette = tuple(keys), palette
        return changed

    def _piece(self, item: FooterItem, key_style: Any, description_style: Any) -> Text:
        hover = self.get_component_rich_style("area-footer--hover") if item == self._hover else None
        piece = Text(no_wrap=True, end="")
        piece.append(f" {item.display} ", key_style + hover if hover else key_style)
        if item.description:
            piece.append(f"{item.description} ", description_style + hover if hover else description_style)
        if not item.enabled:
            piece.stylize("dim")
        return piece

    def render(self) -> Text:
        key_style = self.get_component_rich_style("area-footer--key")
        description_style = self.get_component_rich_style("area-footer--description")
        width = self.size.width
        right = Text(no_wrap=True, end="")
        regions: list[tuple[int, int, FooterItem]] = []
        if self.palette is not None:
            right.append("▏", self.get_component_rich_style("area-footer--separator"))
            right.append_text(self._piece(self.palette, key_style, description_style))
        room = max(0, width - right.cell_len)
        left = Text(no_wrap=True, overflow="crop", end="")
        x = 0
        for item in self.keys:
            piece = self._piece(item, key_style, description_style)
            if x + piece.cell_len > room:
                break  # no half keys: what does not fit is left out whole
            left.append_text(piece)
            regions.append((x, x + piece.cell_len, item))
            x += piece.cell_len
        left.append(" " * (room - x))
        if self.palette is not None:
            regions.append((room + 1, room + right.cell_len, self.palette))
        self._regions = regions
        left.append_text(right)
        return left

    def item_at(self, x: int) -> FooterItem | None:
        return next((item for start, end, item in self._regions if start <= x < end), None)

    def offset_of(self, key: str) -> int:
        """The cell in the middle of ``key``'s entry (for tests and scripts that click it)."""
        for start, end, item in self._regions:
            if item.key == key:
                return (start + end) // 2
        raise KeyError(key)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        item = self.item_at(event.x)
        if item != self._hover:
            self._hover = item
            self.tooltip = (item.tooltip or item.description) if item else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        item = self.item_at(event.x)
        if item is None:
            return
        event.stop()
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()
