"""The tab bar across the top of every area screen: click a tab or press 1–6."""

from __future__ import annotations

from textual import on
from textual.widgets import Tab, Tabs

AREAS: tuple[tuple[str, str], ...] = (
    ("dashboard", "1 Dashboard"),
    ("problems", "2 Problems"),
    ("papers", "3 Papers"),
    ("stories", "4 Stories"),
    ("board", "5 Board"),
    ("schedule", "6 Schedule"),
)


class AreaTabs(Tabs):
    """Tabs that switch the app's mode. The active tab is the screen's own area."""

    can_focus = False

    def __init__(self, area: str) -> None:
        super().__init__(*(Tab(label, id=f"tab-{key}") for key, label in AREAS), active=f"tab-{area}")
        self.area = area

    @on(Tabs.TabActivated)
    def _switch(self, event: Tabs.TabActivated) -> None:
        event.stop()
        target = (event.tab.id or "").removeprefix("tab-")
        if target and target != self.area:
            self.active = f"tab-{self.area}"
            self.app.switch_mode(target)
