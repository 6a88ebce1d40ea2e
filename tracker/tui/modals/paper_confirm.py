"""Ask before doing something that cannot be undone (deleting a paper, a topic, a question)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class PaperConfirmModal(ModalScreen[bool]):
    """Yes / no. The question is plain text (user titles are never parsed as markup)."""

    DEFAULT_CSS = """
    PaperConfirmModal { align: center middle; }
    PaperConfirmModal > Vertical {
        width: 64; height: auto; border: thick $error; background: $surface; padding: 1 2;
    }
    PaperConfirmModal #confirm-question { margin-bottom: 1; }
    PaperConfirmModal .buttons { height: auto; align-horizontal: right; }
    PaperConfirmModal .buttons Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Confirm"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no", tooltip="Keep it"),
    ]

    def __init__(self, question: str, *, yes: str = "Delete") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, id="confirm-question", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", id="confirm-yes", variant="error")
                yield Button("Cancel (n)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
