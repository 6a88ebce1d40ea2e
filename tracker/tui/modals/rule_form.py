"""Add or edit a study rule: days of the week (or a raw RRULE), start time, length, focus, label.

`save(values)` runs on Save; a bad rule (e.g. ``BYDAY: 'XX' is not a weekday``) comes back as a
notification and the form stays open with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Select, Static

from tracker.tui.modals.discard import DiscardGuard

DAYS = (
    ("mon", "Mon"),
    ("tue", "Tue"),
    ("wed", "Wed"),
    ("thu", "Thu"),
    ("fri", "Fri"),
    ("sat", "Sat"),
    ("sun", "Sun"),
)
_CODES = {"MO": "mon", "TU": "tue", "WE": "wed", "TH": "thu", "FR": "fri", "SA": "sat", "SU": "sun"}
FOCUS_CHOICES = (
    ("any", "any"),
    ("coding", "coding"),
    ("papers", "papers"),
    ("behavioral", "behavioral"),
    ("system design", "system-design"),
)


def days_of(rrule: str) -> set[str] | None:
    """The weekday names a plain weekly (or daily) RRULE uses, or None when it needs the raw field."""
    parts = dict(p.split("=", 1) for p in rrule.upper().split(";") if "=" in p)
    if parts == {"FREQ": "DAILY"}:
        return {d for d, _ in DAYS}
    if set(parts) == {"FREQ", "BYDAY"} and parts["FREQ"] == "WEEKLY":
        codes = parts["BYDAY"].split(",")
        if all(c in _CODES for c in codes):
            return {_CODES[c] for c in codes}
    return None


class RuleFormModal(DiscardGuard, ModalScreen[Any]):
    DEFAULT_CSS = """
    RuleFormModal { align: center middle; }
    RuleFormModal > Vertical {
        width: 76; height: auto; max-height: 100%; border: thick $primary; background: $surface; padding: 1 2;
    }
    RuleFormModal .form-title { text-style: bold; color: $accent; margin-bottom: 1; }
    RuleFormModal #rf-days { height: auto; margin-bottom: 1; }
    RuleFormModal #rf-days Checkbox { width: auto; margin-right: 0; }
    RuleFormModal Grid { grid-size: 2; grid-columns: 10 1fr; grid-rows: 1; grid-gutter: 1 1; height: auto; }
    RuleFormModal Grid > Static { color: $text-muted; text-align: right; }
    RuleFormModal .hint { color: $text-muted; margin-top: 1; }
    RuleFormModal .buttons { height: auto; align-horizontal: right; margin-top: 1; }
    RuleFormModal .buttons Button { margin-left: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="rule_form.cancel", tooltip="Close without saving"),
        Binding("ctrl+s", "save", "Save", id="rule_form.save", tooltip="Save the study rule"),
    ]

    def __init__(
        self, save: Callable[[dict[str, Any]], Any], *, values: dict[str, Any] | None = None
    ) -> None:
        super().__init__()
        self._save = save
        self.values = dict(values or {})
        self.heading = "Edit study rule" if values else "New study rule"

    def compose(self) -> ComposeResult:
        rrule = str(self.values.get("rrule") or "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")
        chosen = days_of(rrule)
        with Vertical():
            yield Static(self.heading, classes="form-title", markup=False)
            with Horizontal(id="rf-days"):
                for key, label in DAYS:
                    yield Checkbox(
                        label, value=chosen is not None and key in chosen, id=f"rf-{key}", compact=True
                    )
            with Grid():
                yield Static("Start", markup=False)
                yield Input(
                    str(self.values.get("start") or "07:00"), placeholder="HH:MM", id="rf-start", compact=True
                )
                yield Static("Minutes", markup=False)
                yield Input(
                    str(self.values.get("minutes") or 60), type="integer", id="rf-minutes", compact=True
                )
                yield Static("Focus", markup=False)
                yield Select(
                    FOCUS_CHOICES,
                    value=str(self.values.get("focus") or "any"),
                    allow_blank=False,
                    id="rf-focus",
                    compact=True,
                )
                yield Static("Label", markup=False)
                yield Input(
                    str(self.values.get("label") or ""), placeholder="(optional)", id="rf-label", compact=True
                )
                yield Static("RRULE", markup=False)
                yield Input(
                    "" if chosen is not None else rrule,
                    placeholder="optional, replaces the days: FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
                    id="rf-rrule",
                    compact=True,
                )
            yield Static(
                "Tick the days, or type an RFC 5545 RRULE (it wins over the ticks). Re-plan (r) to use it.",
                classes="hint",
                markup=False,
            )
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="rf-save", variant="primary")
                yield Button("Cancel", id="rf-cancel")

    def on_mount(self) -> None:
        self.query_one("#rf-mon", Checkbox).focus()

    def collect(self) -> dict[str, Any]:
        rrule = self.query_one("#rf-rrule", Input).value.strip()
        days = ",".join(key for key, _ in DAYS if self.query_one(f"#rf-{key}", Checkbox).value)
        minutes_text = self.query_one("#rf-minutes", Input).value.strip()
        return {
            "rrule": rrule or None,
            "days": None if rrule else days,
            "start": self.query_one("#rf-start", Input).value.strip(),
            "minutes": int(minutes_text) if minutes_text.lstrip("-").isdigit() else 0,
            "focus": str(self.query_one("#rf-focus", Select).value),
            "label": self.query_one("#rf-label", Input).value.strip() or None,
        }

    @on(Input.Submitted)
    def _enter_saves(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#rf-save")
    def action_save(self) -> None:
        from tracker.services.base import ServiceError

        values = self.collect()
        if values["days"] == "" and not values["rrule"]:
            self.notify("days: tick at least one day (or type an RRULE)", severity="error", markup=False)
            return
        try:
            result = self._save(values)
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.dismiss(result)

    @on(Button.Pressed, "#rf-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()  # DiscardGuard: warns first when something was changed
