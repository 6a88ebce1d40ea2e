"""Ask for a paper's TL;DR (marking a paper read needs one)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from tracker.tui.modals.discard import DiscardGuard


class TldrModal(DiscardGuard, ModalScreen[str | None]):
    """Returns the TL;DR typed, or None when cancelled."""

    DEFAULT_CSS = """
    TldrModal { align: center middle; }
    TldrModal > Vertical {
        width: 84; height: auto; border: thick $primary; background: $surface; padding: 1 2;
    }
    TldrModal .tldr-title { text-style: bold; color: $accent; }
    TldrModal .tldr-help { color: $text-muted; margin-bottom: 1; }
    TldrModal .buttons { height: auto; align-horizontal: right; margin-top: 1; }
    TldrModal .buttons Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="tldr.cancel", tooltip="Close without marking read")]

    def __init__(self, title: str, *, current: str | None = None, action: str = "Mark read") -> None:
        super().__init__()
        self.paper_title = title
        self.current = current or ""
        self.action_label = action

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.paper_title, classes="tldr-title", markup=False)
            yield Static(
                "TL;DR in one or two sentences: what it does and why it matters.",
                classes="tldr-help",
                markup=False,
            )
            yield Input(
                self.current, placeholder="e.g. LoRA learns low-rank weight updates…", id="tldr-input"
            )
            with Horizontal(classes="buttons"):
                yield Button(self.action_label, id="tldr-save", variant="primary")
                yield Button("Cancel", id="tldr-cancel")

    def on_mount(self) -> None:
        self.query_one("#tldr-input", Input).focus()

    @on(Input.Submitted, "#tldr-input")
    @on(Button.Pressed, "#tldr-save")
    def _save(self) -> None:
        text = self.query_one("#tldr-input", Input).value.strip()
        if not text:
            self.notify("Write a TL;DR first (one or two sentences).", severity="warning", markup=False)
            return
        self.dismiss(text)

    @on(Button.Pressed, "#tldr-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()  # DiscardGuard: warns first when something was changed
