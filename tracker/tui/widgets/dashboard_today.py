"""Today's study blocks on the dashboard: one option per block with its work items; the current block is marked
with the time left. The screen's keys act on the highlighted block."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option

STATUS_MARKS = {"done": ("✓", "green"), "skipped": ("–", "dim"), "planned": ("○", "")}


WIDE = 1000
"""The width lines are built for before the list has been laid out (no wrapping of our own)."""


OWN_WRAP = 60
"""Narrower lists than this get lines wrapped here, with a hanging indent; wider ones wrap (rarely) as usual."""


def _breaks(text: str, first: int, rest: int) -> list[int]:
    """Offsets at which to break ``text`` between words: the first line at most ``first`` columns, the others
    ``rest`` (a word longer than a line stays whole)."""
    breaks: list[int] = []
    start, room = 0, first
    for word in re.finditer(r"\S+\s*", text):
        if word.start() > start and word.start() + len(word.group().rstrip()) - start > room:
            breaks.append(word.start())
            start, room = word.start(), rest
    return breaks


def _hang(line: Text, indent: int, hang: int, width: int, wrap: bool, tail: Text | None = None) -> Text:
    """``line`` (then ``tail``, kept whole) after ``indent`` spaces; when wider than ``width`` and ``wrap``,
    broken between words with the following lines ``hang`` spaces in (the list's own wrapping would start
    them at the left edge)."""
    out = Text(" " * indent)
    whole = line.copy()
    if tail is not None:
        whole.append_text(tail)
    if not wrap or indent + whole.cell_len <= width:
        out.append_text(whole)
        return out
    parts = list(line.divide(_breaks(line.plain, width - indent, width - hang)))
    for i, part in enumerate(parts):
        if i:
            out.append("\n" + " " * hang)
        part.rstrip()
        out.append_text(part)
    if tail is not None:
        used = parts[-1].cell_len + (indent if len(parts) == 1 else hang)
        if used + tail.cell_len <= width:
            out.append_text(tail)
        else:
            out.append("\n" + " " * hang)
            out.append_text(tail[len(tail.plain) - len(tail.plain.lstrip()) :])
    return out


def block_text(block: Any, now: datetime, width: int = WIDE) -> Text:
    wrap = width < OWN_WRAP
    mark, style = STATUS_MARKS.get(block.status, ("○", ""))
    current = block.is_current(now) and block.status == "planned"
    head = Text()
    head.append("▶ " if current else f"{mark} ", style="bold yellow" if current else style)
    head.append(f"{block.start_at.astimezone():%H:%M}–{block.end_at.astimezone():%H:%M}  ", style="bold")
    head.append(block.title or block.activity, style="strike dim" if block.status == "skipped" else "")
    tail = None
    if current:
        tail = Text(f"  now · {block.minutes_left(now)} min left", style="bold yellow")
    elif block.status != "planned":
        tail = Text(f"  {block.status}", style=style or "dim")
    out = _hang(head, 0, 2, width, wrap, tail)
    for item in block.items:
        line = Text()
        line.append(f"{item.kind} ", style="cyan")
        line.append(item.title)
        tail = Text(f" · {item.minutes} min", style="dim") if item.minutes else None
        out.append("\n")
        out.append_text(_hang(line, 4, 6, width, wrap, tail))
    return out


def empty_day_text(rules: int) -> str:
    """What the Today panel says when no block is planned today."""
    if rules:
        return "Nothing planned today. On the schedule (6), r re-plans the coming days."
    return "No study blocks today. On the schedule (6), n adds a study rule and r plans."


class TodayList(OptionList):
    """Today's blocks; ``block`` is the highlighted one."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, classes="panel")
        self.border_title = "Today"
        self.blocks: list[Any] = []
        self._now: datetime | None = None
        self._rules = 0
        self._built_for = WIDE

    @property
    def line_width(self) -> int:
        """Columns an option's line has: the list's width less border, padding and a scrollbar (counted even
        when hidden, so that wrapping cannot make it appear and change the width again)."""
        width = self.outer_size.width
        if not width:
            return WIDE
        return max(1, width - self.styles.gutter.width - self.styles.scrollbar_size_vertical)

    def on_resize(self, event: events.Resize) -> None:
        if self.blocks and self._now is not None and self.line_width != self._built_for:
            self.show(self.blocks, self._now, rules=self._rules)

    def show(self, blocks: list[Any], now: datetime, *, rules: int = 0) -> None:
        """``rules``: the active study rules (none: the empty day says how to add one; some: how to re-plan)."""
        keep = self.block.id if self.block is not None else None
        self.blocks = list(blocks)
        self._now = now
        self._rules = rules
        self._built_for = width = self.line_width
        self.clear_options()
        if not blocks:
            self.add_option(Option(Text(empty_day_text(rules), style="dim"), disabled=True))
            return
        self.add_options([Option(block_text(b, now, width), id=f"block-{b.id}") for b in blocks])
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
