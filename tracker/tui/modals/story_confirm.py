"""Ask before deleting a story (its links and rehearsals go with it; the questions stay)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class StoryConfirmModal(ModalScreen[bool]):
    DEFAULT_CSS = """
    StoryConfirmModal { align: center middle; }
    StoryConfirmModal > Vertical { width: 70; height: auto; border: thick $error; background: $surface; padding: 1 2; }
    StoryConfirmModal #sc-question { margin-bottom: 1; }
    StoryConfirmModal Horizontal { height: auto; align-horizontal: right; }
    StoryConfirmModal Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Delete", id="story_confirm.yes", tooltip="Delete it"),
        Binding("n,escape", "answer(False)", "Keep", id="story_confirm.no", tooltip="Keep it"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question), id="sc-question")
            with Horizontal():
                yield Button("Delete (y)", id="sc-yes", variant="error")
                yield Button("Keep (n)", id="sc-no")

    def on_mount(self) -> None:
        self.query_one("#sc-no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "sc-yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
