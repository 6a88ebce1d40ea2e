"""A company's page: role, level, team, source, status, values, notes; its rounds in date order, its tagged
problems with a mastery summary, and the questions it asked. ctrl+s saves; escape saves and goes back."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Label, Select, Static, TextArea

from tracker.tui.modals.company_new import SOURCES, STATUSES
from tracker.tui.widgets.text import mastery, plain, when


class CompanyScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="company.save", tooltip="Save the company"),
        Binding("escape", "back", "Back", id="company.back", tooltip="Save and go back to where you were"),
    ]

    def __init__(self, company_id: int) -> None:
        super().__init__()
        self.company_id = company_id
        self.detail: Any = None
        self.initial: dict[str, Any] = {}
        self._leave_armed = False

    @property
    def db(self) -> Any:
        return self.app.db  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        from tracker.services.pipeline import company_detail

        self.detail = d = company_detail(self.db, self.company_id)
        yield Static(Text(d.name, style="bold"), id="company-title")
        with Horizontal(id="company-body"):
            with VerticalScroll(id="company-form"):
                yield Label("Name")
                yield Input(d.name, id="company-name")
                yield Label("Role")
                yield Input(d.role or "", id="company-role")
                yield Label("Level")
                yield Input(d.level or "", id="company-level")
                yield Label("Team")
                yield Input(d.team or "", id="company-team")
                yield Label("Source")
                yield Select(
                    [(s, s) for s in SOURCES],
                    value=d.source if d.source in SOURCES else Select.NULL,
                    prompt="—",
                    id="company-source",
                )
                yield Label("Status")
                yield Select(
                    [(s, s) for s in STATUSES], value=d.status, allow_blank=False, id="company-status"
                )
                yield Label("Values / leadership principles (one per line)")
                yield TextArea(d.values or "", id="company-values")
                yield Label("Notes")
                yield TextArea(d.notes or "", id="company-notes")
            with VerticalScroll(id="company-side"):
                yield Static(Text("Rounds", style="bold"), classes="company-heading")
                yield DataTable(id="company-rounds", cursor_type="row")
                yield Static(Text("Tagged problems", style="bold"), classes="company-heading")
                yield Static("", id="company-problems")
                yield Static(Text("Questions they asked", style="bold"), classes="company-heading")
                yield Static("", id="company-questions")
        yield Footer()

    def on_mount(self) -> None:
        table: DataTable[Any] = self.query_one("#company-rounds", DataTable)
        for key, label in (("when", "When"), ("kind", "Round"), ("column", "Column"), ("outcome", "Outcome")):
            table.add_column(label, key=key)
        self._fill()
        self.initial = self.values()
        self.query_one("#company-role", Input).focus()

    def on_screen_resume(self) -> None:
        from tracker.services.pipeline import company_detail

        self.detail = company_detail(self.db, self.company_id)
        self._fill()

    def _fill(self) -> None:
        d = self.detail
        table: DataTable[Any] = self.query_one("#company-rounds", DataTable)
        table.clear()
        for r in d.rounds:
            table.add_row(
                when(r.scheduled_at), plain(r.kind), plain(r.column), plain(r.outcome or ""), key=str(r.id)
            )
        problems = Text()
        summary = d.mastery_summary
        if summary:
            problems.append(
                " · ".join(f"{n} {k.replace('-', ' ')}" for k, n in summary.items()) + "\n", style="bold"
            )
        for p in d.problems:
            problems.append(f"#{p.number or '-'} ", style="dim")
            problems.append(p.title)
            problems.append("  ")
            problems.append_text(mastery(p.mastery))
            problems.append("\n")
        if not d.problems:
            problems.append(
                "No problems tagged with this company yet (`prep problem add --company`).", style="dim"
            )
        self.query_one("#company-problems", Static).update(problems)
        questions = Text()
        for q in d.questions:
            questions.append("• ")
            questions.append(q.text)
            questions.append(
                f"  {q.kind}" + (f" · {q.round_kind}" if q.round_kind else "") + "\n", style="dim"
            )
        if not d.questions:
            questions.append(
                "None recorded yet: they are asked for when a round lands in a done column.", style="dim"
            )
        self.query_one("#company-questions", Static).update(questions)

    def values(self) -> dict[str, Any]:
        source = self.query_one("#company-source", Select).value
        return {
            "name": self.query_one("#company-name", Input).value,
            "role": self.query_one("#company-role", Input).value,
            "level": self.query_one("#company-level", Input).value,
            "team": self.query_one("#company-team", Input).value,
            "source": source if isinstance(source, str) else None,
            "status": str(self.query_one("#company-status", Select).value),
            "values": self.query_one("#company-values", TextArea).text,
            "notes": self.query_one("#company-notes", TextArea).text,
        }

    def on_input_changed(self) -> None:
        self._leave_armed = False

    def on_text_area_changed(self) -> None:
        self._leave_armed = False

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from tracker.tui.screens.round import RoundScreen

        if event.row_key.value and self.save():
            self.app.push_screen(RoundScreen(int(event.row_key.value)))

    def save(self) -> bool:
        from tracker.services.base import ServiceError
        from tracker.services.pipeline import update_company

        now = self.values()
        changes = {k: v for k, v in now.items() if v != self.initial.get(k)}
        if not changes:
            return True
        try:
            self.detail = update_company(self.db, self.company_id, **changes)
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return False
        self.initial = now
        self.query_one("#company-title", Static).update(Text(self.detail.name, style="bold"))
        self.app.data_changed("all")  # type: ignore[attr-defined]
        return True

    def action_save(self) -> None:
        if self.save():
            self.notify("Saved.", markup=False)

    def action_back(self) -> None:
        if self._leave_armed or self.save():
            self.app.pop_screen()
            return
        self._leave_armed = True
        self.notify("Not saved. Fix the value, or press escape again to leave without saving.", markup=False)
