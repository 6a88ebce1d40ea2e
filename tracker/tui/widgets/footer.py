"""The footer every area screen shows: Textual's Footer, rebuilt only when the keys it shows change.

Textual's Footer recomposes (unmounts and mounts a widget per key) on every bindings update: each screen switch and
each focus change. On a screen switch that was the biggest part of the work; most of the time the keys are the same.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class AreaFooter(Footer):
    _shown: Hashable | None = None

    def _signature(self) -> Hashable:
        active = self.screen.active_bindings
        keys = tuple(
            (b.key, b.description, b.action, enabled, tooltip, b.group)
            for (_, b, enabled, tooltip) in active.values()
            if b.show
        )
        palette: Any = active.get(self.app.COMMAND_PALETTE_BINDING)
        extra = None if palette is None else (palette[1].key, palette[2], palette[3])
        return (keys, extra, self.show_command_palette, self.app.ENABLE_COMMAND_PALETTE)

    def compose(self) -> ComposeResult:
        self._shown = self._signature() if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if (
            self._bindings_ready
            and screen.app.app_focus
            and self.is_attached
            and screen is self.screen
            and self._shown is not None
            and self._signature() == self._shown
        ):
            return  # the same keys: keep the widgets
        super().bindings_changed(screen)
