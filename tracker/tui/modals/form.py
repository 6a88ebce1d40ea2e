"""What the add-a-thing dialogs share: Enter in a box or the primary button saves, Escape or Cancel closes with
nothing, and a refusal stays on the form with its reason."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


class FormModal(ModalScreen[Any]):
    FORM = ""
    """The ids' prefix: the form has a ``#{FORM}-save`` button and a ``#{FORM}-error`` line."""

    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)

    def refuse(self, reason: object) -> None:
        """Keep the form open with the reason under it (and as a notification)."""
        self.query_one(f"#{self.FORM}-error", Static).update(Text(str(reason)))
        self.notify(str(reason), severity="error", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == f"{self.FORM}-save":
            self.action_save()
        else:
            self.action_cancel()
