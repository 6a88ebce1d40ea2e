"""Rate an attempt: four choices on keys 1–4 (or a click), each showing the next review date it would give; minutes,
note, gist. Choosing does not save: Enter, Ctrl+S or Save does.

The modal writes the rating itself (one service call) so a refused value keeps the form open with what was typed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tracker.tui.modals.discard import DiscardGuard

LEVELS = ((1, "no clue"), (2, "brute force"), (3, "has bugs"), (4, "bug free"))
STYLES = {1: "bold red", 2: "dark_orange", 3: "yellow", 4: "green"}


def choice_text(level: int, label: str, due: datetime | None, now: datetime) -> Text:
    from tracker.domain.when import humanize_delta

    out = Text()
    out.append(f"{level}  ", style="bold")
    out.append(f"{label:<12}", style=STYLES[level])
    if due is not None:
        out.append(f"next review {due.astimezone():%a %d %b}", style="")
        out.append(f"  ({humanize_delta(due, now)})", style="dim")
    return out


class RatingChoices(OptionList):
    """The four ratings. A click chooses one as its number key does, without saving: a mouse user can still type
    the minutes and a note; Enter, Ctrl+S or Save saves."""

    async def _on_click(self, event: events.Click) -> None:
        event.prevent_default()  # OptionList's own click also selects, which saves the rating
        clicked = event.style.meta.get("option")
        if clicked is not None and not self.get_option_at_index(clicked).disabled:
            self.highlighted = clicked

    def action_select(self) -> None:
        if self.highlighted is None:  # Enter before choosing: say so (OptionList would do nothing)
            self.screen.action_save()  # type: ignore[attr-defined]  # refuses with "Choose how it went first"
            return
        super().action_select()


class RateModal(DiscardGuard, ModalScreen[Any]):
    """Returns the service's RateResult, or None when cancelled (Escape with changes asks first)."""

    DEFAULT_CSS = """
    RateModal { align: center middle; }
    #rate { width: 72; height: auto; border: thick $primary; background: $surface; padding: 1 2; }
    #rate-title { text-style: bold; margin-bottom: 1; }
    #rate-choices { height: 6; margin-bottom: 1; }
    #rate .rate-row { height: auto; }
    #rate Label { width: 9; padding: 1 0 0 0; }
    #rate Input { width: 1fr; }
    #rate-minutes { max-width: 16; }
    #rate-buttons { height: auto; margin-top: 1; align-horizontal: right; }
    #rate-buttons Button { margin-left: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(level), f"choose({level})", label, id=f"rate.{level}", tooltip=f"Rate: {label}")
            for level, label in LEVELS
        ),
        Binding("ctrl+s", "save", "Save", id="rate.save", tooltip="Save this rating", priority=True),
        Binding("escape", "cancel", "Cancel", id="rate.cancel", tooltip="Close (asks if there are changes)"),
    ]

    def __init__(
        self,
        problem_id: int,
        title: str,
        previews: dict[int, datetime],
        now: datetime,
        *,
        minutes: int | None = None,
        gist: str | None = None,
    ) -> None:
        super().__init__()
        self.problem_id = problem_id
        self.problem_title = title
        self.previews = previews
        self.now = now
        self.minutes = minutes
        self.gist = gist

    def compose(self) -> ComposeResult:
        with Vertical(id="rate"):
            heading = Text("How did it go?  ", style="bold")
            heading.append(self.problem_title)
            yield Static(heading, id="rate-title", markup=False)
            yield RatingChoices(
                *(
                    Option(choice_text(level, label, self.previews.get(level), self.now), id=f"level-{level}")
                    for level, label in LEVELS
                ),
                id="rate-choices",
            )
            with Horizontal(classes="rate-row"):
                yield Label("Minutes")
                yield Input(
                    str(self.minutes) if self.minutes else "",
                    placeholder="e.g. 25",
                    type="integer",
                    id="rate-minutes",
                )
            with Horizontal(classes="rate-row"):
                yield Label("Note")
                yield Input(placeholder="optional: what went wrong or right", id="rate-note")
            with Horizontal(classes="rate-row"):
                yield Label("Gist")
                yield Input(self.gist or "", placeholder="one sentence on the solution", id="rate-gist")
            yield Static(
                Text("1–4 or a click chooses · Tab moves · Enter or Ctrl+S saves · Esc cancels", style="dim"),
                markup=False,
            )
            with Horizontal(id="rate-buttons"):
                yield Button("Cancel", id="rate-cancel")
                yield Button("Save", id="rate-save", variant="primary")

    def on_mount(self) -> None:
        choices = self.query_one("#rate-choices", OptionList)
        choices.highlighted = None
        choices.focus()
        self.remember_initial()

    def collect(self) -> tuple[Any, ...]:
        return (
            self.chosen,
            *(self.query_one(f"#rate-{name}", Input).value for name in ("minutes", "note", "gist")),
        )

    @property
    def chosen(self) -> int | None:
        index = self.query_one("#rate-choices", OptionList).highlighted
        return None if index is None else index + 1

    def action_choose(self, level: int) -> None:
        self.query_one("#rate-choices", OptionList).highlighted = level - 1

    @on(OptionList.OptionSelected, "#rate-choices")
    def _selected(self) -> None:
        self.action_save()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#rate-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#rate-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        from tracker.services.base import ServiceError
        from tracker.services.problems import rate_problem

        level = self.chosen
        if level is None:
            self.notify("Choose how it went first: keys 1–4", severity="warning", markup=False)
            self.query_one("#rate-choices", OptionList).focus()
            return
        raw = self.query_one("#rate-minutes", Input).value.strip()
        try:
            minutes = int(raw) if raw else None
        except ValueError:
            self.notify("Minutes must be a whole number", severity="error", markup=False)
            return
        note = self.query_one("#rate-note", Input).value
        gist = self.query_one("#rate-gist", Input).value
        try:
            result = rate_problem(
                self.app.db,  # type: ignore[attr-defined]
                self.problem_id,
                level,
                minutes=minutes,
                note=note or None,
                gist=gist if gist != (self.gist or "") else None,
            )
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.dismiss(result)
