"""Add a company: name, role, level, source, status."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from tracker.tui.modals.form import FormModal

SOURCES = ("referral", "recruiter", "cold-message", "applied", "other")
STATUSES = ("active", "offer", "rejected", "withdrawn", "paused")


class NewCompanyModal(FormModal):
    """Saves through the service and returns the new CompanyRow; a refusal stays on the form."""

    DEFAULT_CSS = """
    NewCompanyModal { align: center middle; }
    NewCompanyModal > #company-new-box {
        width: 64; height: auto; max-height: 95%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    NewCompanyModal #company-new-title { text-style: bold; margin-bottom: 1; }
    NewCompanyModal #company-new-error { color: $error; height: auto; }
    NewCompanyModal #company-new-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    NewCompanyModal #company-new-buttons Button { margin-left: 2; }
    """
    FORM = "company-new"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="company_new.save", tooltip="Add the company"),
        Binding("escape", "cancel", "Cancel", id="company_new.cancel", tooltip="Close without adding"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="company-new-box"):
            yield Static("New company", id="company-new-title")
            yield Label("Name")
            yield Input(id="company-new-name", placeholder="Company name")
            yield Label("Role")
            yield Input(id="company-new-role", placeholder="ML engineer, research scientist…")
            yield Label("Level")
            yield Input(id="company-new-level", placeholder="L5, senior, staff…")
            yield Label("Source")
            yield Select([(s, s) for s in SOURCES], prompt="—", id="company-new-source")
            yield Label("Status")
            yield Select(
                [(s, s) for s in STATUSES], value="active", allow_blank=False, id="company-new-status"
            )
            yield Static("", id="company-new-error")
            with Horizontal(id="company-new-buttons"):
                yield Button("Cancel", id="company-new-cancel")
                yield Button("Add", id="company-new-save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#company-new-name", Input).focus()

    def submit(self) -> Any:
        from tracker.services.pipeline import add_company

        source = self.query_one("#company-new-source", Select).value
        return add_company(
            self.app.db,  # type: ignore[attr-defined]
            self.query_one("#company-new-name", Input).value,
            role=self.query_one("#company-new-role", Input).value or None,
            level=self.query_one("#company-new-level", Input).value or None,
            source=source if isinstance(source, str) else None,
            status=str(self.query_one("#company-new-status", Select).value),
        )
