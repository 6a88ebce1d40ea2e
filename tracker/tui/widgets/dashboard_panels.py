"""The dashboard's boxes: titled panels and the text they show. User text only ever goes into rich Text as
plain strings (never markup)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import events
from textual.widgets import Static

RATINGS = (
    ("bug-free", "bug free", "green"),
    ("has-bugs", "has bugs", "yellow"),
    ("brute-force", "brute force", "dark_orange"),
    ("no-clue", "no clue", "red"),
)


WIDE = 1000
"""The width a text is built for before its widget has been laid out (the widest form)."""


class Fitted(Static):
    """A Static whose text is built for the width it has: ``show(build)`` keeps ``build(width) -> Text`` and
    builds again when the width changes (a small terminal gets the short forms, never wrapped or clipped
    columns)."""

    def __init__(self, content: Any = "", *, id: str, classes: str = "") -> None:
        super().__init__(content, id=id, classes=classes)
        self._build: Callable[[int], Text] | None = None
        self._built_for = -1

    @property
    def inner_width(self) -> int:
        """Columns for the text: the widget's width less border and padding (WIDE before the first layout)."""
        width = self.outer_size.width
        return max(1, width - self.styles.gutter.width) if width else WIDE

    def show(self, build: Callable[[int], Text]) -> None:
        self._build = build
        self._built_for = -1
        self._fit()

    def _fit(self) -> None:
        width = self.inner_width
        if self._build is not None and width != self._built_for:
            self._built_for = width
            self.update(self._build(width))

    def on_resize(self, event: events.Resize) -> None:
        self._fit()


class Panel(Fitted):
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


ROUNDS_WIDE = 60
"""Below this many columns a round's "in 3 days" moves to its second line, beside a shorter meter."""


def rounds_text(rounds: list[Any], now: datetime, width: int = WIDE) -> Text:
    from tracker.domain.when import humanize_delta

    out = Text(no_wrap=True, overflow="ellipsis")
    if not rounds:
        out.append("No upcoming rounds. Add one on the board (5) or with `prep round add`.", style="dim")
        return out
    for i, r in enumerate(rounds):
        if i:
            out.append("\n")
        short = width < ROUNDS_WIDE
        out.append(
            f"{r.scheduled_at.astimezone():%d %b %H:%M}  "
            if short
            else f"{r.scheduled_at.astimezone():%a %d %b %H:%M}  ",
            style="bold",
        )
        out.append(r.company)
        out.append(f" · {r.kind}", style="cyan")
        if short:
            # Short form: date, company and kind on the first line; when, readiness and the next step below.
            out.append("\n   ")
            out.append(humanize_delta(r.scheduled_at, now), style="dim")
            if r.readiness is not None:
                style = score_style(r.readiness)
                out.append("  ")
                out.append(meter(r.readiness, 5), style=style)
                out.append(f" {r.readiness:>3}%", style=style)
                if r.reasons:
                    out.append(f"  {r.reasons[0]}", style="dim")
            continue
        out.append(f"  {humanize_delta(r.scheduled_at, now)}", style="dim")
        if r.readiness is not None:
            out.append("\n   ")
            out.append(meter(r.readiness), style=score_style(r.readiness))
            out.append(f" {r.readiness:>3}% ready", style=score_style(r.readiness))
            if r.reasons:
                out.append(f"  next: {r.reasons[0]}", style="dim")
    return out


def queue_text(s: Any, width: int = WIDE) -> Text:
    out = Text(no_wrap=True, overflow="ellipsis")
    out.append(f"{s.due}", style="bold yellow" if s.due else "bold green")
    out.append(" due for review")
    hint = "  · r to start"
    if s.due and len(out) + len(hint) <= width:  # the footer shows r too: the hint goes first when short
        out.append(hint, style="dim")
    for d in s.due_first:
        out.append("\n")
        out.append(f"{d.number}. " if d.number is not None else "", style="dim")
        out.append(d.title)
    if s.due > len(s.due_first):
        out.append(f"\n… and {s.due - len(s.due_first)} more", style="dim")
    if not s.due:
        out.append("\nNothing due: try a new problem.", style="dim")
    return out


def _delta_str(this: float, last: float) -> str:
    diff = this - last
    if abs(diff) < 0.05:
        return "="
    return f"{diff:+.1f}" if not float(diff).is_integer() else f"{int(diff):+d}"


def _delta(this: float, last: float, width: int = 4) -> Text:
    shown = _delta_str(this, last)
    style = "dim" if shown == "=" else "green" if this > last else "red"
    return Text(f" {shown:>{width}}", style=style)


def _cell(label: str, width: int) -> str:
    """The label left-aligned in exactly ``width`` columns, cut with an ellipsis when longer."""
    return f"{label:<{width}}" if len(label) <= width else label[: max(0, width - 1)] + "…"


WEEK_LABELS = {
    "problems": ("problems", "problems"),
    "hours": ("hours done/plan", "hrs done/plan"),
    "papers": ("papers read", "papers read"),
    "stories": ("stories rehearsed", "rehearsals"),
}


def week_text(this: Any, last: Any, width: int = WIDE) -> Text:
    """This week against last: problems (by rating), hours done of planned, papers read, stories rehearsed.
    The long table when it fits (40 columns for everyday numbers); else short labels and tight columns."""
    out = Text(no_wrap=True, overflow="ellipsis")
    if this is None or last is None:
        return out
    hours = (f"{this.hours_done:g}/{this.hours_planned:g}", f"{last.hours_done:g}/{last.hours_planned:g}")
    rows: list[tuple[str, float, float, str, str, bool]] = [
        ("problems", this.attempts, last.attempts, str(this.attempts), str(last.attempts), True),
        *(
            (key, this.ratings.get(key, 0), last.ratings.get(key, 0), "", "", False)
            for key, _label, _style in RATINGS
        ),
        ("hours", this.hours_done, last.hours_done, *hours, True),
        ("papers", this.papers_read, last.papers_read, str(this.papers_read), str(last.papers_read), True),
        ("stories", this.rehearsals, last.rehearsals, str(this.rehearsals), str(last.rehearsals), True),
    ]
    shown = [(sa or str(a), sb or str(b)) for _k, a, b, sa, sb, _d in rows]
    delta_w = max(len(_delta_str(a, b)) for _k, a, b, _sa, _sb, d in rows if d)
    # The long table: 17-column labels, 9-column numbers (wider if a number needs it).
    this_w = max(9, *(len(a) + 1 for a, _b in shown))
    last_w = max(9, *(len(b) + 1 for _a, b in shown))
    label_w, delta_w = 17, max(4, delta_w)
    wide = width >= label_w + this_w + last_w + 1 + delta_w
    if not wide:  # short labels, columns as wide as their numbers
        this_w = max(len("this"), *(len(a) for a, _b in shown)) + 1
        last_w = max(len("last"), *(len(b) for _a, b in shown)) + 1
        delta_w = max(len(_delta_str(a, b)) for _k, a, b, _sa, _sb, d in rows if d)
        label_w = max(8, min(13, width - this_w - last_w - delta_w - 1))
    styles = {key: (label, style) for key, label, style in RATINGS}
    out.append(f"{'':<{label_w}}{'this':>{this_w}}{'last':>{last_w}}\n", style="dim")
    for key, a, b, shown_a, shown_b, _has_delta in rows:
        if key in styles:
            label, style = styles[key]
            out.append("  " if wide else "")
            out.append("■ ", style=style)
            out.append(_cell(label, label_w - (4 if wide else 2)))
            out.append(f"{a:>{this_w}}")
            out.append(f"{b:>{last_w}}\n", style="dim")
            continue
        long, short = WEEK_LABELS[key]
        out.append(_cell(long if wide else short, label_w))
        out.append(f"{shown_a:>{this_w}}", style="bold")
        out.append(f"{shown_b:>{last_w}}", style="dim")
        out.append_text(_delta(a, b, delta_w))
        out.append("\n")
    out.rstrip()
    return out


def streak_text(s: Any, width: int = WIDE) -> Text:
    out = Text()
    out.append(f"{s.streak}", style="bold green" if s.streak else "bold")
    out.append("-day streak")
    if not s.active_today:
        out.append(" · nothing yet today", style="dim")
    events = f" · {sum(s.activity)} events in 30 days"
    if len(out) + len(events) > width:  # the rest on a line of its own rather than cut between words
        events = f"\n{events[3:]}"
    out.append(events, style="dim")
    return out


MASTERY_BAR = 36
WIDE_MASTERY = 40
"""From this width the legend keeps its fixed two lines (new, no clue, brute force / has bugs, bug free)."""


def mastery_text(s: Any, width: int = WIDE) -> Text:
    """A bar of the problems by mastery and its legend: 36 columns at most, narrower when the panel is; the
    legend wraps between entries, never inside one."""
    bar = max(1, min(MASTERY_BAR, width))
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
        size = round(bar * n / total) if i < len(parts) - 1 else max(0, bar - cells)
        cells += size
        out.append("█" * size, style=style)
    line = 0
    for i, (key, label, style) in enumerate(parts):
        entry = f"■ {label} {dist.get(key, 0)}"
        if width >= WIDE_MASTERY:
            breaks = i in (0, 3)
        else:
            breaks = i == 0 or line + 2 + len(entry) > width
        out.append("\n" if breaks else "  ")
        line = len(entry) if breaks else line + 2 + len(entry)
        out.append("■ ", style=style)
        out.append(entry[2:])
    return out


def weak_text(s: Any, width: int = WIDE) -> Text:
    out = Text(no_wrap=True, overflow="ellipsis")
    if s.weakest_patterns:
        for p in s.weakest_patterns:
            counts = f"  {p.weak} of {p.attempted} tried"
            if len("weak ") + len(p.name) + len(counts) > width:
                counts = f" {p.weak}/{p.attempted}"
            out.append("weak ", style="red")
            out.append(p.name, style="bold")
            out.append(f"{counts}\n", style="dim")
    else:
        out.append("No weak patterns yet.\n", style="dim")
    n = f"{s.uncovered_questions}"
    out.append(n, style="bold red" if s.uncovered_questions else "bold green")
    rest = f" of {s.behavioral_questions} behavioral questions uncovered"
    if len(n) + len(rest) > width:
        rest = f"/{s.behavioral_questions} behavioral uncovered"
    out.append(rest)
    return out
