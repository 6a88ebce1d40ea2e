"""One interview round on the board: company, kind, when, and how much prep time is left."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import Static

OUTCOME_STYLE = {
    "passed": ("✓ passed", "bold green"),
    "failed": ("✗ failed", "bold red"),
    "pending": ("… pending", "yellow"),
}


def card_text(row: Any, now: datetime, hint: str, kind_label: str) -> Text:
    """The card's lines. User text is appended as plain text, never parsed as markup."""
    from tracker.domain.when import humanize_delta

    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(row.company, style="bold")
    if row.outcome:
        label, style = OUTCOME_STYLE.get(row.outcome, (row.outcome, ""))
        text.append("  ")
        text.append(label, style=style)
    text.append("\n")
    text.append(kind_label, style="cyan")
    text.append("\n")
    if row.scheduled_at is None:
        text.append("no date yet", style="dim")
    else:
        local = row.scheduled_at.astimezone()
        text.append(f"{local:%a %d %b %H:%M}")
        text.append(f" · {humanize_delta(row.scheduled_at, now)}", style="dim")
    text.append("\n")
    text.append(hint, style="yellow")
    return text


class BoardCard(Static):
    """A round on the board. Not focusable: the board holds the focus and marks the selected card with
    the ``-selected`` class (moving a CSS class is much cheaper than moving focus). Double-click opens it."""

    @dataclass
    class Open(Message):
        card: BoardCard

    def __init__(self, row: Any, *, now: datetime, hint: str = "", kind_label: str | None = None) -> None:
        self.row = row
        self.hint = hint
        self.kind_label = kind_label or row.kind
        super().__init__(
            card_text(row, now, hint, self.kind_label), id=f"card-{row.id}", classes="board-card"
        )

    @property
    def round_id(self) -> int:
        return int(self.row.id)

    def refresh_row(self, row: Any, now: datetime, hint: str) -> None:
        self.row = row
        self.hint = hint
        self.update(card_text(row, now, hint, self.kind_label))

    def on_click(self, event: events.Click) -> None:
        if event.chain >= 2:
            event.stop()
            self.post_message(self.Open(self))
