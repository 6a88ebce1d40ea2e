"""Command palette: go to any area, run app-wide actions."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tracker.tui.widgets.area_tabs import AREAS

if TYPE_CHECKING:
    from tracker.tui.app import PrepApp


class AreaCommands(Provider):
    """Jump to an area or load a catalog."""

    def _commands(self) -> list[tuple[str, object, str]]:
        app = cast("PrepApp", self.app)
        out: list[tuple[str, object, str]] = [
            (f"Go to {label.split(' ', 1)[1]}", partial(app.switch_mode, key), f"Switch to the {key} area")
            for key, label in AREAS
        ]
        for name, title in (
            ("blind75", "Blind 75"),
            ("neetcode150", "NeetCode 150"),
            ("papers", "seminal papers"),
            ("behavioral", "behavioral questions"),
        ):
            out.append(
                (
                    f"Load catalog: {title}",
                    partial(app.load_catalog, name),
                    f"Merge the bundled {title} catalog",
                )
            )
        out.append(
            ("Settings", self._open_settings, "Daily caps, timer limits, goals, first day of week, theme")
        )
        for action, text, help_text in (
            ("export", "Back up everything to JSON", "prep export json: every table, link and setting"),
            ("restore", "Restore a JSON backup", "prep import json: into an empty database"),
            ("notion", "Import a Notion CSV export", "problems, papers, stories or rounds, with a dry run"),
        ):
            out.append((text, partial(self._open_transfer, action), help_text))
        return out

    def _open_transfer(self, action: str) -> None:
        from tracker.tui.modals.transfer import TransferModal

        self.app.push_screen(TransferModal(action))

    def _open_settings(self) -> None:
        from tracker.tui.modals.settings import SettingsModal

        self.app.push_screen(SettingsModal())

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(text, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)  # type: ignore[arg-type]
