"""Escape on a dialog with changes: the first one warns and keeps the dialog, the next one discards (as the story
editor does). An untouched dialog closes on the first Escape."""

from __future__ import annotations

from typing import Any

UNSAVED = "You have unsaved changes: ctrl+s saves, Esc again discards them."


EDITABLE = "Input, TextArea, Select, ToggleButton, Switch, Dropdown, SelectionList"
"""The widgets whose values Escape compares with how the dialog opened."""


class DiscardGuard:
    """Mixed into a ModalScreen (before it in the bases). ``collect()`` is everything the user can change (by default
    the value of every box, list and switch in the dialog); the dialog's first values are remembered once it is
    mounted, or when it calls ``remember_initial()`` (a dialog that fills itself later). Escape is
    ``action_cancel``, which dismisses with ``CANCELLED``."""

    CANCELLED: Any = None
    _initial: Any = None
    _warned: Any = None

    def collect(self) -> Any:
        from textual.widgets import TextArea

        return tuple(
            (w.id, w.text if isinstance(w, TextArea) else getattr(w, "value", None))
            for w in self.query(EDITABLE)  # type: ignore[attr-defined]
        )

    def on_mount(self) -> None:
        # After the dialog's own on_mount has put its first values in.
        self.call_after_refresh(self._remember_first_values)  # type: ignore[attr-defined]

    def _remember_first_values(self) -> None:
        if self._initial is None:
            self.remember_initial()

    def remember_initial(self) -> None:
        self._initial = self.collect()
        self._warned = None

    @property
    def dirty(self) -> bool:
        return self._initial is not None and self.collect() != self._initial

    def action_cancel(self) -> None:
        if self.dirty:
            now = self.collect()
            if now != self._warned:  # not warned yet, or changed again since the warning
                self._warned = now
                self.notify(UNSAVED, severity="warning", markup=False)  # type: ignore[attr-defined]
                return
        self.dismiss(self.CANCELLED)  # type: ignore[attr-defined]
