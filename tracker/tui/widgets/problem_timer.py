"""The solve timer: started with `t` on a problem, kept on the app so it survives switching screens."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Any

from rich.text import Text
from textual.widgets import Static


@dataclass(frozen=True, slots=True)
class SolveTimer:
    problem_id: int
    title: str
    limit_minutes: int
    started: float  # time.monotonic() at start

    def elapsed_seconds(self, now: float | None = None) -> float:
        return max(0.0, (time.monotonic() if now is None else now) - self.started)

    def minutes(self, now: float | None = None) -> int:
        """Minutes spent, rounded up (at least 1), for the rating form."""
        return max(1, int(-(-self.elapsed_seconds(now) // 60)))

    def over(self, now: float | None = None) -> bool:
        return self.elapsed_seconds(now) >= self.limit_minutes * 60

    def with_limit(self, minutes: int) -> SolveTimer:
        return replace(self, limit_minutes=max(5, min(600, minutes)))


def get_timer(app: Any) -> SolveTimer | None:
    return getattr(app, "timer", None)


def set_timer(app: Any, timer: SolveTimer | None) -> None:
    app.timer = timer


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 60:02d}:{s % 60:02d}"


class TimerBar(Static):
    """One line showing the running timer; hidden when none runs."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._warned_for: float | None = None

    def on_mount(self) -> None:
        self.set_interval(1.0, self.tick)
        self.tick()

    def tick(self) -> None:
        timer = get_timer(self.app)
        self.display = timer is not None
        if timer is None:
            return
        elapsed = timer.elapsed_seconds()
        over = timer.over()
        line = Text()
        line.append(" ⏱ ", style="bold")
        line.append(f"{_clock(elapsed)} / {timer.limit_minutes}:00  ", style="bold red" if over else "bold")
        line.append(timer.title)
        line.append("   t: stop and rate · +/-: change the limit", style="dim")
        self.update(line)
        self.set_class(over, "-over")
        if over and self._warned_for != timer.started:
            self._warned_for = timer.started
            self.app.notify(
                f"Time's up on {timer.title} ({timer.limit_minutes} min)", severity="warning", markup=False
            )
