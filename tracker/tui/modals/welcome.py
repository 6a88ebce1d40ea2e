"""First run on an empty database: start empty, load sample data, or load a problem list."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class WelcomeModal(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "dismiss_empty", "Start empty", id="welcome.empty")]

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome"):
            yield Static("Welcome to prep", id="welcome-title")
            yield Static(
                "Your database is empty. How would you like to start? This is asked once.\n"
                "Later, the command palette (ctrl+p) has Load sample data and Load catalog.",
                id="welcome-text",
                markup=False,
            )
            yield Button("Load sample data (a month of someone's prep)", id="demo", variant="primary")
            yield Button("Load Blind 75", id="blind75")
            yield Button("Load NeetCode 150", id="neetcode150")
            yield Button("Start empty", id="empty")

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_dismiss_empty(self) -> None:
        self.dismiss("empty")
