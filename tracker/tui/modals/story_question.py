"""Add your own behavioral question to the bank."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from tracker.tui.modals.discard import DiscardGuard


class StoryQuestionModal(DiscardGuard, ModalScreen[Any]):
    """Saves through the service; dismisses with the new QuestionRow, or None when cancelled."""

    DEFAULT_CSS = """
    StoryQuestionModal { align: center middle; }
    StoryQuestionModal > Vertical { width: 96; height: auto; border: thick $primary; background: $surface; padding: 1 2; }
    StoryQuestionModal #sq-heading { text-style: bold; color: $accent; margin-bottom: 1; }
    StoryQuestionModal Grid { grid-size: 2; grid-columns: 12 1fr; grid-rows: 3; height: auto; }
    StoryQuestionModal Grid Label { color: $text-muted; text-align: right; width: 100%; padding: 1 1 0 0; }
    StoryQuestionModal #sq-hint { color: $text-muted; margin-top: 1; }
    StoryQuestionModal Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    StoryQuestionModal Horizontal Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding(
            "ctrl+s", "save", "Save", id="story_question.save", tooltip="Add the question", priority=True
        ),
        Binding("escape", "cancel", "Cancel", id="story_question.cancel", tooltip="Close without saving"),
    ]

    def __init__(self, db: Any, competencies: list[str] | None = None) -> None:
        super().__init__()
        self.db = db
        self.competencies = competencies or []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Add a behavioral question"), id="sq-heading")
            with Grid():
                yield Label("Question")
                yield Input(placeholder="Tell me about a time you…", id="sq-text")
                yield Label("Competency")
                yield Input(placeholder="e.g. conflict", id="sq-competency")
            known = ", ".join(self.competencies)
            yield Static(Text(f"Known competencies: {known}" if known else ""), id="sq-hint")
            with Horizontal():
                yield Button("Add (ctrl+s)", id="sq-save", variant="primary")
                yield Button("Cancel (esc)", id="sq-cancel")

    def on_mount(self) -> None:
        self.query_one("#sq-text", Input).focus()

    @on(Input.Submitted, "#sq-text")
    def _next(self) -> None:
        self.query_one("#sq-competency", Input).focus()

    @on(Input.Submitted, "#sq-competency")
    @on(Button.Pressed, "#sq-save")
    def action_save(self) -> None:
        from tracker.services.base import ServiceError
        from tracker.services.questions import add_question

        try:
            row = add_question(
                self.db,
                self.query_one("#sq-text", Input).value,
                kind="behavioral",
                competency=self.query_one("#sq-competency", Input).value,
            )
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.dismiss(row)

    @on(Button.Pressed, "#sq-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()  # DiscardGuard: warns first when something was changed
