"""Today's study blocks on the dashboard: one option per block with its work items; the current block is marked
with the time left. The screen's keys act on the highlighted block."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

STATUS_MARKS = {"done": ("✓", "green"), "skipped": ("–", "dim"), "planned": ("○", "")}


def block_text(block: Any, now: datetime) -> Text:
    mark, style = STATUS_MARKS.get(block.status, ("○", ""))
    out = Text()
    current = block.is_current(now) and block.status == "planned"
    out.append("▶ " if current else f"{mark} ", style="bold yellow" if current else style)
    out.append(f"{block.start_at.astimezone():%H:%M}–{block.end_at.astimezone():%H:%M}  ", style="bold")
    out.append(block.title or block.activity, style="strike dim" if block.status == "skipped" else "")
    if current:
        out.append(f"  now · {block.minutes_left(now)} min left", style="bold yellow")
    elif block.status != "planned":
        out.append(f"  {block.status}", style=style or "dim")
    for item in block.items:
        out.append("\n    ")
        out.append(f"{item.kind} ", style="cyan")
        out.append(item.title)
        if item.minutes:
            out.append(f" · {item.minutes} min", style="dim")
    return out


class TodayList(OptionList):
    """Today's blocks; ``block`` is the highlighted one."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, classes="panel")
        self.border_title = "Today"
        self.blocks: list[Any] = []

    def show(self, blocks: list[Any], now: datetime) -> None:
        keep = self.block.id if self.block is not None else None
        self.blocks = list(blocks)
        self.clear_options()
        if not blocks:
            self.add_option(
                Option(
                    Text("No study blocks today. Add study rules and plan on the schedule (6).", style="dim"),
                    disabled=True,
                )
            )
            return
        self.add_options([Option(block_text(b, now), id=f"block-{b.id}") for b in blocks])
        index = next((i for i, b in enumerate(blocks) if b.id == keep), None)
        if index is None:
            index = next((i for i, b in enumerate(blocks) if b.is_current(now)), None)
        if index is None:
            index = next((i for i, b in enumerate(blocks) if b.status == "planned" and b.end_at > now), 0)
        self.highlighted = index

    @property
    def block(self) -> Any | None:
        index = self.highlighted
        if index is None or not self.blocks or index >= len(self.blocks):
            return None
        return self.blocks[index]
