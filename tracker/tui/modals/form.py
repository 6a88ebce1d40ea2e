"""What the form dialogs share: Enter in a box or the primary button saves, Escape or Cancel closes with nothing
(once warned, if something was typed: tracker/tui/modals/discard.py), and a refusal keeps the form open with its
reason."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from tracker.tui.modals.discard import DiscardGuard


class FormModal(DiscardGuard, ModalScreen[Any]):
    FORM = ""
    """The ids' prefix: the form has a ``#{FORM}-save`` button, and may have a ``#{FORM}-error`` line."""

    def submit(self) -> Any:
        """Write what the form holds through a service and return what the dialog gives back; a ServiceError
        (or ValueError) refuses."""
        raise NotImplementedError

    def enter_saves(self, box: Input) -> bool:
        """Whether Enter in ``box`` saves the form (a box with its own Enter action says no)."""
        return True

    def action_save(self) -> None:
        from tracker.services.base import ServiceError

        try:
            result = self.submit()
        except (ServiceError, ValueError) as exc:
            self.refuse(exc)
            return
        self.dismiss(result)

    def refuse(self, reason: object) -> None:
        """Keep the form open with the reason under it, if it has an error line, and as a notification."""
        for line in self.query(f"#{self.FORM}-error").results(Static):
            line.update(Text(str(reason)))
        self.notify(str(reason), severity="error", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.enter_saves(event.input):
            self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == f"{self.FORM}-save":
            self.action_save()
        elif event.button.id == f"{self.FORM}-cancel":
            self.action_cancel()
