"""Add an interview round: company, kind, when (typed the way people type dates), column, prep days."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static

from tracker.tui.modals.form import FormModal


class NewRoundModal(FormModal):
    """Saves through the service and returns the new RoundRow; a refusal stays on the form with the reason."""

    DEFAULT_CSS = """
    NewRoundModal { align: center middle; }
    NewRoundModal > #round-new-box {
        width: 72; height: auto; max-height: 95%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    NewRoundModal #round-new-title { text-style: bold; margin-bottom: 1; }
    NewRoundModal #round-new-error { color: $error; height: auto; }
    NewRoundModal #round-new-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    NewRoundModal #round-new-buttons Button { margin-left: 2; }
    """
    FORM = "round-new"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="round_new.save", tooltip="Add the round"),
        Binding("escape", "cancel", "Cancel", id="round_new.cancel", tooltip="Close without adding"),
    ]

    def __init__(self, *, company: str | None = None, columns: list[tuple[str, int]] | None = None) -> None:
        super().__init__()
        self.company = company
        self.columns = columns or []

    @property
    def db(self) -> Any:
        return self.app.db  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        from tracker.services.catalog import round_kinds
        from tracker.services.pipeline import list_companies

        kinds = round_kinds()
        names = [c.name for c in list_companies(self.db)]
        with Vertical(id="round-new-box"):
            yield Static("New interview round", id="round-new-title")
            yield Label("Company (new names are added)")
            yield Input(
                self.company or "",
                id="round-new-company",
                suggester=SuggestFromList(names, case_sensitive=False),
                placeholder="Company name",
            )
            yield Label("Kind")
            yield Select(
                [(spec.label, key) for key, spec in kinds.items()],
                value="coding" if "coding" in kinds else next(iter(kinds)),
                allow_blank=False,
                id="round-new-kind",
            )
            yield Label("When (local time)")
            yield Input(
                id="round-new-at", placeholder="2026-12-03 14:00 or Dec 3 2pm (empty: not scheduled yet)"
            )
            yield Label("Column")
            yield Select(
                [(Text(name), name) for name, _ in self.columns],
                prompt="first suitable column",
                id="round-new-column",
            )
            yield Label("Prep days (empty: the default for the kind)")
            yield Input(id="round-new-prep", type="integer", placeholder="default")
            yield Static("", id="round-new-error")
            with Horizontal(id="round-new-buttons"):
                yield Button("Cancel", id="round-new-cancel")
                yield Button("Add", id="round-new-save", variant="primary")

    def on_mount(self) -> None:
        if self.company:
            self.query_one("#round-new-kind", Select).focus()
        else:
            self.query_one("#round-new-company", Input).focus()

    def submit(self) -> Any:
        from tracker.services.pipeline import add_round

        company = self.query_one("#round-new-company", Input).value
        kind = self.query_one("#round-new-kind", Select).value
        at = self.query_one("#round-new-at", Input).value.strip() or None
        column = self.query_one("#round-new-column", Select).value
        prep = self.query_one("#round-new-prep", Input).value.strip()
        return add_round(
            self.db,
            company,
            str(kind),
            at=at,
            column=column if isinstance(column, str) else None,
            prep_days=int(prep) if prep else None,
        )
