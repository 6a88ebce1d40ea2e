"""Escape on a dialog with changes: the first one warns and keeps the dialog, the next one discards (as the story
editor does). An untouched dialog closes on the first Escape."""

from __future__ import annotations

from typing import Any

UNSAVED = "You have unsaved changes: ctrl+s saves, Esc again discards them."


class DiscardGuard:
    """Mixed into a ModalScreen that defines ``collect()`` (everything the user can change, comparable with ==)
    and calls ``remember_initial()`` once its fields hold their first values."""

    _initial: Any = None
    _warned: Any = None

    def collect(self) -> Any:
        raise NotImplementedError

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
        self.dismiss(None)  # type: ignore[attr-defined]
