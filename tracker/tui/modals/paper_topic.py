"""Add or rename a topic page: a name and an area."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from tracker.tui.modals.discard import DiscardGuard

AREAS = (
    ("Coding", "coding"),
    ("System design", "system-design"),
    ("ML breadth", "ml-breadth"),
    ("ML depth", "ml-depth"),
    ("Behavioral", "behavioral"),
    ("Other", "other"),
)


class TopicFormModal(DiscardGuard, ModalScreen[Any]):
    """`save(name, area)` is called on Save; a ServiceError keeps the form open with what was typed."""

    DEFAULT_CSS = """
    TopicFormModal { align: center middle; }
    TopicFormModal > Vertical {
        width: 70; height: auto; border: thick $primary; background: $surface; padding: 1 2;
    }
    TopicFormModal .form-title { text-style: bold; color: $accent; margin-bottom: 1; }
    TopicFormModal Grid { grid-size: 2; grid-columns: 8 1fr; grid-rows: 1; grid-gutter: 1 1; height: auto; }
    TopicFormModal Grid > Static { color: $text-muted; text-align: right; }
    TopicFormModal .buttons { height: auto; align-horizontal: right; margin-top: 1; }
    TopicFormModal .buttons Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="topic_form.cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save", id="topic_form.save", tooltip="Save the topic"),
    ]

    def __init__(self, save: Callable[[str, str], Any], *, name: str = "", area: str = "other") -> None:
        super().__init__()
        self._save = save
        self.name_value = name
        self.area = area
        self.editing = bool(name)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                "Rename topic" if self.editing else "New topic page", classes="form-title", markup=False
            )
            with Grid():
                yield Static("Name", markup=False)
                yield Input(self.name_value, placeholder="e.g. Transformers", id="tf-name", compact=True)
                yield Static("Area", markup=False)
                yield Select(AREAS, value=self.area, allow_blank=False, id="tf-area", compact=True)
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="tf-save", variant="primary")
                yield Button("Cancel", id="tf-cancel")

    def on_mount(self) -> None:
        self.query_one("#tf-name", Input).focus()

    @on(Input.Submitted, "#tf-name")
    @on(Button.Pressed, "#tf-save")
    def action_save(self) -> None:
        from tracker.services.base import ServiceError

        name = self.query_one("#tf-name", Input).value
        area = str(self.query_one("#tf-area", Select).value)
        try:
            result = self._save(name, area)
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.dismiss(result)

    @on(Button.Pressed, "#tf-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()  # DiscardGuard: warns first when something was changed
