"""A round's page: kind, when, duration, interviewer, what to prepare (Markdown with a preview), prep days,
topics, outcome and feedback. ctrl+s saves; escape saves and goes back (a refused value keeps you here)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Markdown, Select, Static, TextArea

OUTCOMES = ("passed", "failed", "pending")


def _fmt(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else ""


class RoundScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="round.save", tooltip="Save the round"),
        Binding("escape", "back", "Back", id="round.back", tooltip="Save and go back to where you were"),
        Binding("ctrl+o", "company", "Company", id="round.company", tooltip="Open the company's page"),
    ]

    def __init__(self, round_id: int) -> None:
        super().__init__()
        self.round_id = round_id
        self.detail: Any = None
        self.initial: dict[str, Any] = {}
        self._leave_armed = False

    @property
    def db(self) -> Any:
        return self.app.db  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        from tracker.services.catalog import round_kinds
        from tracker.services.pipeline import round_detail

        self.detail = d = round_detail(self.db, self.round_id)
        r = d.round
        kinds = round_kinds()
        title = Text()
        title.append(r.company, style="bold")
        title.append(f" · {d.kind_label}", style="cyan")
        title.append(f"   in {r.column}", style="dim")
        if r.outcome:
            title.append(f" · {r.outcome}", style="dim")
        yield Static(title, id="round-title")
        with Horizontal(id="round-body"):
            with VerticalScroll(id="round-form"):
                yield Label("Kind")
                yield Select(
                    [(spec.label, key) for key, spec in kinds.items()],
                    value=r.kind if r.kind in kinds else Select.NULL,
                    allow_blank=r.kind not in kinds,
                    id="round-kind",
                )
                yield Label("When (local time)")
                yield Input(_fmt(r.scheduled_at), id="round-at", placeholder="2026-12-03 14:00 or Dec 3 2pm")
                yield Static("", id="round-at-hint")
                yield Label("Duration (minutes)")
                yield Input(str(r.duration_minutes or ""), id="round-duration", type="integer")
                yield Label("Interviewer")
                yield Input(r.interviewer or "", id="round-interviewer", placeholder="Name, role")
                yield Label("Prep allocation (days)")
                yield Input(
                    "" if r.prep_days is None else str(r.prep_days),
                    id="round-prep",
                    type="integer",
                    placeholder=f"default {d.default_prep_days}" if d.default_prep_days is not None else "",
                )
                yield Label("Topics (comma-separated)")
                yield Input(
                    ", ".join(d.topics), id="round-topics", placeholder="Recsys system design, Transformers"
                )
                yield Label("Outcome")
                yield Select(
                    [(o, o) for o in OUTCOMES], value=r.outcome or Select.NULL, prompt="—", id="round-outcome"
                )
                yield Label("Feedback")
                yield TextArea(r.feedback or "", id="round-feedback")
            with Vertical(id="round-prepare"):
                yield Label("What to prepare (Markdown; preview below)")
                yield TextArea(r.prepare or "", id="round-prepare-text")
                with VerticalScroll(id="round-preview"):
                    yield Markdown(r.prepare or "", id="round-prepare-preview")
        yield Footer()

    def on_mount(self) -> None:
        self.initial = self.values()
        self._at_hint(self.query_one("#round-at", Input).value)
        self.query_one("#round-at", Input).focus()

    def values(self) -> dict[str, Any]:
        kind = self.query_one("#round-kind", Select).value
        outcome = self.query_one("#round-outcome", Select).value
        prep = self.query_one("#round-prep", Input).value.strip()
        duration = self.query_one("#round-duration", Input).value.strip()
        return {
            "kind": kind if isinstance(kind, str) else self.detail.round.kind,
            "at": self.query_one("#round-at", Input).value.strip(),
            "duration": int(duration) if duration.lstrip("-").isdigit() else None,
            "interviewer": self.query_one("#round-interviewer", Input).value,
            "prep_days": int(prep) if prep.lstrip("-").isdigit() else None,
            "topics": [
                t.strip() for t in self.query_one("#round-topics", Input).value.split(",") if t.strip()
            ],
            "outcome": outcome if isinstance(outcome, str) else None,
            "feedback": self.query_one("#round-feedback", TextArea).text,
            "prepare": self.query_one("#round-prepare-text", TextArea).text,
        }

    def changes(self) -> dict[str, Any]:
        now = self.values()
        return {k: v for k, v in now.items() if v != self.initial.get(k)}

    def _at_hint(self, value: str) -> None:
        from tracker.domain.when import WhenError, humanize_delta, parse_when

        hint = self.query_one("#round-at-hint", Static)
        if not value.strip():
            hint.update(Text("not scheduled yet", style="dim"))
            return
        try:
            when = parse_when(value)
        except WhenError as exc:
            hint.update(Text(str(exc), style="red"))
            return
        local = when.astimezone()
        hint.update(
            Text(f"→ {local:%a %d %b %Y %H:%M} ({humanize_delta(when, datetime.now(UTC))})", style="green")
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        self._leave_armed = False
        if event.input.id == "round-at":
            self._at_hint(event.value)

    async def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._leave_armed = False
        if event.text_area.id == "round-prepare-text":
            await self.query_one("#round-prepare-preview", Markdown).update(event.text_area.text)

    def save(self) -> bool:
        from tracker.services.base import ServiceError
        from tracker.services.pipeline import update_round

        changes = self.changes()
        if not changes:
            return True
        try:
            self.detail = update_round(self.db, self.round_id, **changes)
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return False
        self.initial = self.values()
        if "at" in changes:
            value = _fmt(self.detail.round.scheduled_at)
            self.query_one("#round-at", Input).value = value
            self.initial["at"] = value
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

    def action_company(self) -> None:
        from tracker.tui.screens.company import CompanyScreen

        if self.save():
            self.app.push_screen(CompanyScreen(self.detail.round.company_id))
