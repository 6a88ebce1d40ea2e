"""Rehearse a story: the story full-screen with a timer; then the rehearsal is recorded and the strength updated."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from tracker.domain.star import STAR_FIELDS, format_duration


class RehearseModal(ModalScreen[Any]):
    """Dismisses with the updated StoryRow once recorded, or None when abandoned.

    ``clock`` returns seconds (monotonic); tests pass a fake one or patch ``CLOCK``.
    """

    DEFAULT_CSS = """
    RehearseModal { background: $background; }
    RehearseModal > Vertical { width: 100%; height: 100%; padding: 0 2; }
    RehearseModal #rh-head { height: 3; padding: 1 0 0 0; }
    RehearseModal #rh-timer { height: 1; text-align: right; }
    RehearseModal #rh-body { height: 1fr; border: round $panel-lighten-2; padding: 0 1; }
    RehearseModal #rh-ask { height: auto; border: thick $accent; padding: 0 1; display: none; }
    RehearseModal.-asking #rh-ask { display: block; }
    """
    BINDINGS = [
        Binding("space", "pause", "Pause/resume", id="rehearse.pause", tooltip="Pause or resume the timer"),
        Binding("enter", "finish", "Done", id="rehearse.finish", tooltip="Stop the timer and record it"),
        Binding("escape", "abandon", "Abandon", id="rehearse.abandon", tooltip="Close without recording"),
        *(
            Binding(str(n), f"strength({n})", f"Strength {n}", id=f"rehearse.strength{n}", show=False)
            for n in range(1, 6)
        ),
    ]

    asking: reactive[bool] = reactive(False, bindings=True)
    CLOCK: Callable[[], float] = staticmethod(time.monotonic)

    def __init__(self, db: Any, story: Any, *, clock: Callable[[], float] | None = None) -> None:
        super().__init__()
        self.db = db
        self.story = story
        self.clock = clock or type(self).CLOCK
        self._started = self.clock()
        self._paused_at: float | None = None
        self._paused_total = 0.0
        self.seconds = 0

    def compose(self) -> ComposeResult:
        s = self.story
        counts = s.counts
        with Vertical():
            head = Text()
            head.append(s.title, style="bold")
            head.append(
                f"\nStrength {s.strength}/5 · {counts.total} words, about {format_duration(counts.seconds)} to say"
                f" · rehearsed {s.rehearsals}×",
                style="dim",
            )
            yield Static(head, id="rh-head")
            yield Static("", id="rh-timer")
            with VerticalScroll(id="rh-body"):
                body = Text()
                for name in STAR_FIELDS:
                    body.append(name.upper() + "\n", style="bold cyan")
                    body.append((getattr(s, name) or "—").strip() + "\n\n")
                yield Static(body, id="rh-text")
            yield Static("", id="rh-ask")
        yield Footer()

    def on_mount(self) -> None:
        self._tick()
        self.set_interval(1.0, self._tick)
        self.query_one("#rh-body").focus()

    # ------------------------------------------------------------------------------------------------- timer
    def elapsed(self) -> int:
        now = self._paused_at if self._paused_at is not None else self.clock()
        return max(0, int(now - self._started - self._paused_total))

    def _tick(self) -> None:
        if self.asking:
            return
        target = self.story.counts.seconds
        text = Text()
        if self._paused_at is not None:
            text.append("paused  ", style="yellow")
        text.append(format_duration(self.elapsed()), style="bold")
        text.append(f" / ~{format_duration(target)}", style="dim")
        self.query_one("#rh-timer", Static).update(text)

    def action_pause(self) -> None:
        if self._paused_at is None:
            self._paused_at = self.clock()
        else:
            self._paused_total += self.clock() - self._paused_at
            self._paused_at = None
        self._tick()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "strength":
            return self.asking
        if action in ("pause", "finish"):
            return not self.asking or action == "finish"
        return True

    # ------------------------------------------------------------------------------------------ finish, record
    def action_finish(self) -> None:
        if self.asking:  # Enter again keeps the current strength
            self.action_strength(self.story.strength)
            return
        self.seconds = self.elapsed()
        self.asking = True
        self.add_class("-asking")
        ask = Text()
        ask.append(f"Took {format_duration(self.seconds)}. ", style="bold")
        ask.append("How strong is this story now? Press 1–5 ")
        ask.append(f"(now {self.story.strength}; Enter keeps it)", style="dim")
        ask.append(
            "\n1 weak · 3 solid · 5 ready for any interviewer · Esc abandons without recording", style="dim"
        )
        self.query_one("#rh-ask", Static).update(ask)
        self.query_one("#rh-timer", Static).update(Text(f"stopped at {format_duration(self.seconds)}"))

    def action_strength(self, value: int) -> None:
        from tracker.services.base import ServiceError
        from tracker.services.stories import rehearse_story

        try:
            row = rehearse_story(self.db, self.story.id, seconds=self.seconds, strength=value)
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.dismiss(row)

    def action_abandon(self) -> None:
        self.dismiss(None)
