"""The dashboard's boxes: titled panels and the text they show. User text only ever goes into rich Text as
plain strings (never markup)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.text import Text
from textual.widgets import Static

RATINGS = (
    ("bug-free", "bug free", "green"),
    ("has-bugs", "has bugs", "yellow"),
    ("brute-force", "brute force", "dark_orange"),
    ("no-clue", "no clue", "red"),
)


class Panel(Static):
    """A titled box on the dashboard; shows "loading…" until its data arrives."""

    def __init__(self, title: str, *, id: str, classes: str = "") -> None:
        super().__init__(Text("loading…", style="dim"), id=id, classes=f"panel {classes}".strip())
        self.border_title = title


def score_style(score: int | None) -> str:
    if score is None:
        return "dim"
    return "green" if score >= 70 else "yellow" if score >= 40 else "red"


def meter(value: int, width: int = 10) -> str:
    filled = max(0, min(width, round(width * value / 100)))
    return "█" * filled + "░" * (width - filled)


def rounds_text(rounds: list[Any], now: datetime) -> Text:
    from tracker.domain.when import humanize_delta

    out = Text(no_wrap=True, overflow="ellipsis")
    if not rounds:
        out.append("No upcoming rounds. Add one on the board (5) or with `prep round add`.", style="dim")
        return out
    for i, r in enumerate(rounds):
        if i:
            out.append("\n")
        out.append(f"{r.scheduled_at.astimezone():%a %d %b %H:%M}  ", style="bold")
        out.append(r.company)
        out.append(f" · {r.kind}", style="cyan")
        out.append(f"  {humanize_delta(r.scheduled_at, now)}", style="dim")
        if r.readiness is not None:
            out.append("\n   ")
            out.append(meter(r.readiness), style=score_style(r.readiness))
            out.append(f" {r.readiness:>3}% ready", style=score_style(r.readiness))
            if r.reasons:
                out.append(f"  next: {r.reasons[0]}", style="dim")
    return out


def queue_text(s: Any) -> Text:
    out = Text(no_wrap=True, overflow="ellipsis")
    out.append(f"{s.due}", style="bold yellow" if s.due else "bold green")
    out.append(" due for review")
    if s.due:
        out.append("  · r to start", style="dim")
    for d in s.due_first:
        out.append("\n")
        out.append(f"{d.number}. " if d.number is not None else "", style="dim")
        out.append(d.title)
    if s.due > len(s.due_first):
        out.append(f"\n… and {s.due - len(s.due_first)} more", style="dim")
    if not s.due:
        out.append("\nNothing due: try a new problem.", style="dim")
    return out


def _delta(this: float, last: float) -> Text:
    diff = this - last
    if abs(diff) < 0.05:
        return Text(f" {'=':>4}", style="dim")
    shown = f"{diff:+.1f}" if not float(diff).is_integer() else f"{int(diff):+d}"
    return Text(f" {shown:>4}", style="green" if diff > 0 else "red")


def week_text(this: Any, last: Any) -> Text:
    out = Text()
    if this is None or last is None:
        return out
    out.append(f"{'':<17}{'this':>9}{'last':>9}\n", style="dim")

    def row(label: str, a: float, b: float, shown_a: str | None = None, shown_b: str | None = None) -> None:
        out.append(f"{label:<17}")
        out.append(f"{shown_a if shown_a is not None else a:>9}", style="bold")
        out.append(f"{shown_b if shown_b is not None else b:>9}", style="dim")
        out.append_text(_delta(a, b))
        out.append("\n")

    row("problems", this.attempts, last.attempts)
    for key, label, style in RATINGS:
        out.append("  ")
        out.append("■ ", style=style)
        out.append(f"{label:<13}")
        out.append(f"{this.ratings.get(key, 0):>9}")
        out.append(f"{last.ratings.get(key, 0):>9}\n", style="dim")
    row(
        "hours done/plan",
        this.hours_done,
        last.hours_done,
        f"{this.hours_done:g}/{this.hours_planned:g}",
        f"{last.hours_done:g}/{last.hours_planned:g}",
    )
    row("papers read", this.papers_read, last.papers_read)
    row("stories rehearsed", this.rehearsals, last.rehearsals)
    out.rstrip()
    return out


def streak_text(s: Any) -> Text:
    out = Text()
    out.append(f"{s.streak}", style="bold green" if s.streak else "bold")
    out.append("-day streak")
    if not s.active_today:
        out.append(" · nothing yet today", style="dim")
    total = sum(s.activity)
    out.append(f" · {total} events in 30 days", style="dim")
    return out


def mastery_text(s: Any, width: int = 36) -> Text:
    dist = s.mastery_distribution
    total = sum(dist.values())
    out = Text()
    if not total:
        out.append("No problems yet.", style="dim")
        return out
    parts = [("new", "new", "grey50"), *RATINGS[::-1]]
    cells = 0
    for i, (key, _label, style) in enumerate(parts):
        n = dist.get(key, 0)
        size = round(width * n / total) if i < len(parts) - 1 else max(0, width - cells)
        cells += size
        out.append("█" * size, style=style)
    for i, (key, label, style) in enumerate(parts):
        out.append("\n" if i in (0, 3) else "  ")
        out.append("■ ", style=style)
        out.append(f"{label} {dist.get(key, 0)}")
    return out


def weak_text(s: Any) -> Text:
    out = Text(no_wrap=True, overflow="ellipsis")
    if s.weakest_patterns:
        for p in s.weakest_patterns:
            out.append("weak ", style="red")
            out.append(p.name, style="bold")
            out.append(f"  {p.weak} of {p.attempted} tried\n", style="dim")
    else:
        out.append("No weak patterns yet.\n", style="dim")
    out.append(f"{s.uncovered_questions}", style="bold red" if s.uncovered_questions else "bold green")
    out.append(f" of {s.behavioral_questions} behavioral questions uncovered")
    return out
