"""Asked when a round lands in a done column: the outcome, feedback, and the questions that were asked."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, RadioButton, RadioSet, Static, TextArea

from tracker.tui.modals.discard import DiscardGuard

OUTCOMES = ("passed", "failed", "pending")


@dataclass(frozen=True)
class OutcomeResult:
    outcome: str
    feedback: str | None
    questions: list[str] = field(default_factory=list)


class OutcomeModal(DiscardGuard, ModalScreen[OutcomeResult | None]):
    """Returns an OutcomeResult, or None when cancelled (then nothing is moved or saved)."""

    DEFAULT_CSS = """
    OutcomeModal { align: center middle; }
    OutcomeModal > #outcome-box {
        width: 76; height: auto; max-height: 95%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    OutcomeModal #outcome-title { text-style: bold; margin-bottom: 1; }
    OutcomeModal RadioSet { layout: horizontal; width: 100%; margin-bottom: 1; }
    OutcomeModal TextArea { height: 5; margin-bottom: 1; }
    OutcomeModal #outcome-buttons { height: auto; align-horizontal: right; }
    OutcomeModal #outcome-buttons Button { margin-left: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="outcome.save", tooltip="Save the outcome and move the card"),
        Binding("escape", "cancel", "Cancel", id="outcome.cancel", tooltip="Leave the card where it was"),
    ]

    def __init__(
        self, row: Any, column: str, *, initial: str | None = None, kind_label: str | None = None
    ) -> None:
        super().__init__()
        self.row = row
        self.column = column
        self.kind_label = kind_label or row.kind  # "ML system design", not "ml-system-design"
        self.initial = initial if initial in OUTCOMES else "pending"

    def compose(self) -> ComposeResult:
        title = Text("How did it go?  ", style="bold")
        title.append(self.row.company)
        title.append(" · ", style="dim")
        title.append(self.kind_label, style="dim")
        title.append(" → ", style="dim")
        title.append(self.column)
        with Vertical(id="outcome-box"):
            yield Static(title, id="outcome-title")
            yield Label("Outcome")
            with RadioSet(id="outcome-choice"):
                for value in OUTCOMES:
                    yield RadioButton(value, value=value == self.initial, id=f"outcome-{value}")
            yield Label("Feedback")
            yield TextArea(
                self.row.feedback or "", id="outcome-feedback", placeholder="What they said, how you felt"
            )
            yield Label("Questions they asked (one per line; each goes to the Q&A catalog)")
            yield TextArea("", id="outcome-questions", placeholder="Design a feed ranking system…")
            with Horizontal(id="outcome-buttons"):
                yield Button("Cancel", id="outcome-cancel")
                yield Button("Save", id="outcome-save", variant="primary")

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    def result(self) -> OutcomeResult:
        pressed = self.query_one(RadioSet).pressed_button
        outcome = (pressed.id or "outcome-pending").removeprefix("outcome-") if pressed else "pending"
        feedback = self.query_one("#outcome-feedback", TextArea).text.strip() or None
        questions = [
            q.strip() for q in self.query_one("#outcome-questions", TextArea).text.splitlines() if q.strip()
        ]
        return OutcomeResult(outcome, feedback, questions)

    def action_save(self) -> None:
        self.dismiss(self.result())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "outcome-save":
            self.action_save()
        else:
            self.action_cancel()
