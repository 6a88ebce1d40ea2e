"""Command palette: go to any area, run app-wide actions."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tracker.tui.widgets.area_tabs import AREAS


class AreaCommands(Provider):
    """Jump to an area or load a catalog."""

    def _commands(self) -> list[tuple[str, object, str]]:
        app = self.app
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
                )  # type: ignore[attr-defined]
            )
        out.append(
            ("Settings", self._open_settings, "Daily caps, timer limits, goals, first day of week, theme")
        )
        return out

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
