"""The 20-minute "explain this paper" drill: a countdown and four prompts whose answers go into the notes."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

DRILL_SECONDS = 20 * 60


@dataclass(frozen=True, slots=True)
class DrillResult:
    answers: dict[str, str]
    minutes_used: int


def clock_text(remaining: float) -> Text:
    if remaining <= 0:
        return Text("0:00  time's up: finish your sentence and save", style="bold red")
    seconds = int(remaining + 0.999)
    style = "bold yellow" if seconds <= 120 else "bold"
    return Text(f"{seconds // 60}:{seconds % 60:02d} left", style=style)


class DrillModal(ModalScreen[DrillResult | None]):
    """Explain the paper from memory in four parts. Save (ctrl+s) appends the answers to the paper's notes;
    Escape also saves what was typed (nothing is lost), or just closes when nothing was."""

    DEFAULT_CSS = """
    DrillModal { align: center middle; }
    DrillModal > VerticalScroll {
        width: 110; height: 100%; border: thick $warning; background: $surface; padding: 0 2;
    }
    DrillModal #drill-head { height: 1; }
    DrillModal #drill-title { width: 1fr; text-style: bold; color: $accent; }
    DrillModal #drill-clock { width: auto; }
    DrillModal .drill-prompt { margin-top: 1; color: $text-muted; }
    DrillModal TextArea { height: 6; }
    DrillModal #drill-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    DrillModal #drill-buttons Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding(
            "ctrl+s", "finish", "Save to notes", id="drill.save", tooltip="Append the answers to the notes"
        ),
        Binding("escape", "stop", "Stop", id="drill.stop", tooltip="Stop the drill (typed answers are kept)"),
    ]

    def __init__(
        self, title: str, *, seconds: int = DRILL_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__()
        self.paper_title = title
        self.seconds = seconds
        self.clock = clock
        self.started = clock()
        self.warned = False

    def compose(self) -> ComposeResult:
        from tracker.services.papers import DRILL_PROMPTS

        with VerticalScroll():
            with Horizontal(id="drill-head"):
                yield Static(Text("Explain: ") + Text(self.paper_title), id="drill-title")
                yield Static(clock_text(self.seconds), id="drill-clock")
            for key, label, prompt in DRILL_PROMPTS:
                yield Static(Text.assemble((label, "bold"), " — ", prompt), classes="drill-prompt")
                yield TextArea(id=f"drill-{key}", soft_wrap=True)
            with Horizontal(id="drill-buttons"):
                yield Button("Save to notes (ctrl+s)", id="drill-save", variant="primary")
                yield Button("Discard", id="drill-discard", variant="error")

    def on_mount(self) -> None:
        self.query_one("#drill-abstract", TextArea).focus()
        self.set_interval(1.0, self.tick)

    def remaining(self) -> float:
        return self.seconds - (self.clock() - self.started)

    def tick(self) -> None:
        left = self.remaining()
        self.query_one("#drill-clock", Static).update(clock_text(left))
        if left <= 0 and not self.warned:
            self.warned = True
            self.notify("Time's up. Save what you have with ctrl+s.", severity="warning", markup=False)

    def answers(self) -> dict[str, str]:
        from tracker.services.papers import DRILL_PROMPTS

        return {key: self.query_one(f"#drill-{key}", TextArea).text for key, _, _ in DRILL_PROMPTS}

    def result(self) -> DrillResult | None:
        answers = self.answers()
        if not any(v.strip() for v in answers.values()):
            return None
        used = max(1, round(min(self.seconds, self.clock() - self.started) / 60))
        return DrillResult(answers, used)

    @on(Button.Pressed, "#drill-save")
    def action_finish(self) -> None:
        result = self.result()
        if result is None:
            self.notify("Nothing to save yet: answer at least one prompt.", severity="warning", markup=False)
            return
        self.dismiss(result)

    def action_stop(self) -> None:
        self.dismiss(self.result())

    @on(Button.Pressed, "#drill-discard")
    def _discard(self) -> None:
        from tracker.tui.modals.paper_confirm import PaperConfirmModal

        if self.result() is None:
            self.dismiss(None)
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(PaperConfirmModal("Discard your drill answers?", yes="Discard"), done)
