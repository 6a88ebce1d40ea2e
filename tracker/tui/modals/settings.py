"""Settings, reached from the command palette: daily caps, timer limits, goals, first day of week, theme."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from tracker.tui.modals.discard import DiscardGuard
from tracker.tui.work import db_work


class SettingsModal(DiscardGuard, ModalScreen[bool]):
    CANCELLED = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="settings.cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save", id="settings.save", tooltip="Save all settings"),
    ]
    DEFAULT_CSS = """
    SettingsModal { align: center middle; }
    SettingsModal #settings { width: 84; height: 80%; border: thick $primary; background: $surface; padding: 1 2; }
    SettingsModal .setting { height: auto; margin-bottom: 1; }
    SettingsModal .setting-row { height: auto; }
    SettingsModal .setting-row Label { width: 34; padding-top: 1; }
    SettingsModal .setting-row Input { width: 1fr; }
    SettingsModal .setting-help { color: $text-muted; padding-left: 34; }
    SettingsModal #settings-buttons { height: auto; align-horizontal: right; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._loaded: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="settings"):
            yield Static(Text("Settings", style="bold"))
            yield VerticalScroll(id="settings-rows")
            with Horizontal(id="settings-buttons"):
                yield Button("Cancel", id="settings-cancel")
                yield Button("Save", id="settings-save", variant="primary")

    def on_mount(self) -> None:
        self._load()

    @db_work(exclusive=True)
    def _load(self) -> None:
        from tracker.services.settings import all_settings

        values = all_settings(self.app.db)  # type: ignore[attr-defined]
        self.app.call_from_thread(self._show, values)

    def _show(self, values: list[Any]) -> None:
        rows = self.query_one("#settings-rows", VerticalScroll)
        for v in values:
            self._loaded[v.key] = v.text
            safe_id = "set-" + v.key.replace(".", "-").replace("_", "-")
            rows.mount(
                Vertical(
                    Horizontal(
                        Label(Text(v.label)), Input(v.text, id=safe_id, name=v.key), classes="setting-row"
                    ),
                    Static(Text(v.help), classes="setting-help"),
                    classes="setting",
                )
            )
        self.call_after_refresh(self._ready)

    def _ready(self) -> None:
        """The rows are in: the first box takes the keys, and the values as read are what Escape compares with."""
        boxes = self.query("#settings-rows Input")
        if boxes:
            self.set_focus(boxes.first())
        self.remember_initial()

    def _changes(self) -> dict[str, str]:
        return {
            str(i.name): i.value
            for i in self.query(Input)
            if i.name and i.value != self._loaded.get(str(i.name))
        }

    @on(Button.Pressed, "#settings-save")
    def action_save(self) -> None:
        changes = self._changes()
        if not changes:
            self.dismiss(False)
            return
        theme = changes.get("ui.theme")
        if theme is not None and theme.strip() not in self.app.available_themes:
            names = ", ".join(sorted(self.app.available_themes)[:6])
            self.notify(f"Theme: unknown theme {theme!r} (try {names}, …)", severity="error", markup=False)
            return
        self._save(changes)

    @db_work(exclusive=True)
    def _save(self, changes: dict[str, str]) -> None:
        from tracker.services.base import ServiceError
        from tracker.services.settings import update_settings

        try:
            values = update_settings(self.app.db, changes)  # type: ignore[attr-defined]
        except ServiceError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        theme = next(v.value for v in values if v.key == "ui.theme")
        self.app.call_from_thread(self._saved, theme)

    def _saved(self, theme: str) -> None:
        if theme in self.app.available_themes:
            self.app.theme = theme
        self.notify("Settings saved")
        self.app.data_changed("all")  # type: ignore[attr-defined]
        self.dismiss(True)

    @on(Button.Pressed, "#settings-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()  # DiscardGuard: warns first when something was changed
