"""The week view: seven day columns, study blocks drawn at their times, today marked.

Rows follow the times that occur in the week (every block start and end), so 07:00 lines up across the days
and empty hours fold into one dotted line; a row gets about one line per half hour (at most four), enough to
show the block's title and the first things it names. One widget renders the whole week (no widget per block).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from itertools import pairwise
from typing import Any

from rich.text import Text
from textual.events import Click
from textual.message import Message
from textual.widget import Widget

GUTTER = 6
ACTIVITY_STYLE = {
    "coding": "white on #1f4e79",
    "papers": "white on #2e6b3a",
    "behavioral": "white on #6a3d7a",
    "system-design": "white on #8a5a12",
    "any": "white on #4a4a4a",
}
STATUS_MARK = {"done": "✓", "skipped": "✗"}
PIN_MARK = "✱"


def block_mark(block: Any) -> str:
    mark = STATUS_MARK.get(block.status, "")
    if block.pinned:
        mark += PIN_MARK
    return mark


@dataclass(frozen=True, slots=True)
class Row:
    """A slice of the day ``[start, end)`` (local wall-clock minutes), ``lines`` tall; ``gap`` when empty."""

    start: int
    end: int
    lines: int
    gap: bool = False


def _minutes(at: datetime, tz: tzinfo, day: date) -> int:
    local = at.astimezone(tz)
    if local.date() > day:
        return 24 * 60
    if local.date() < day:
        return 0
    return local.hour * 60 + local.minute


def local_span(block: Any, tz: tzinfo) -> tuple[date, int, int]:
    """The block's local day and its start and end in minutes of that day (an end past midnight is 24:00)."""
    day = block.start.astimezone(tz).date()
    return day, _minutes(block.start, tz, day), _minutes(block.end, tz, day)


def layout_rows(blocks: list[Any], week_start: date, tz: tzinfo) -> list[Row]:
    """The rows of the grid: the distinct start/end times of the week's blocks, empty stretches folded."""
    cuts: set[int] = set()
    spans: list[tuple[int, int]] = []
    for b in blocks:
        day, s, e = local_span(b, tz)
        if not week_start <= day < week_start + timedelta(days=7):
            continue
        e = max(e, s + 1)
        spans.append((s, e))
        cuts.update((s, e))
    if not spans:
        return []
    points = sorted(cuts)
    rows: list[Row] = []
    for a, b in pairwise(points):
        used = any(s < b and e > a for s, e in spans)
        if not used:
            if rows and rows[-1].gap:
                continue
            rows.append(Row(a, b, 1, gap=True))
            continue
        rows.append(Row(a, b, max(1, min(4, round((b - a) / 30)))))
    return rows


class WeekGrid(Widget, can_focus=True):
    """Shows ``blocks`` of the week starting ``week_start``; ``selected`` is the highlighted block id."""

    DEFAULT_CSS = """
    WeekGrid { height: auto; width: 1fr; }
    """

    class Selected(Message):
        def __init__(self, block_id: int, day: date) -> None:
            super().__init__()
            self.block_id = block_id
            self.day = day

    class DayPicked(Message):
        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    def __init__(self, *, tz: tzinfo, week_start: date, today: date, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tz = tz
        self.week_start = week_start
        self.today = today
        self.day = today
        self.blocks: list[Any] = []
        self.selected: int | None = None
        self.days_off: frozenset[date] = frozenset()
        self._rows: list[Row] = []
        self._line_map: list[list[int | None]] = []
        self._spans: dict[
            int, tuple[date, int, int]
        ] = {}  # id(block) -> local_span, worked out once per show

    def show(
        self,
        *,
        week_start: date,
        today: date,
        day: date,
        blocks: list[Any],
        selected: int | None,
        days_off: frozenset[date] | set[date] = frozenset(),
    ) -> None:
        """``days_off``: days marked off, shown dimmed with "off" in their header."""
        self.week_start, self.today, self.day = week_start, today, day
        self.days_off = frozenset(days_off)
        self.blocks, self.selected = blocks, selected
        self._spans = {id(b): local_span(b, self.tz) for b in blocks}
        self._rows = layout_rows(blocks, week_start, self.tz)
        self.refresh(layout=True)

    def days(self) -> list[date]:
        return [self.week_start + timedelta(days=i) for i in range(7)]

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return 1 + max(1, sum(r.lines for r in self._rows))

    def _col_width(self) -> int:
        return max(6, (self.size.width - GUTTER - 7) // 7)

    def render(self) -> Text:
        width = self._col_width()
        days = self.days()
        by_day: dict[date, list[Any]] = {d: [] for d in days}
        for b in self.blocks:
            d = self._span(b)[0]
            if d in by_day:
                by_day[d].append(b)
        out = Text(no_wrap=True, overflow="crop")
        out.append(" " * GUTTER)
        for d in days:
            label = f"{d:%a %d}"
            off = d in self.days_off
            if d == self.today:
                label = f"▸{label} {'off' if off else 'today'}"  # today's colours mark it when it is off
            elif off:
                label += " off"
            style = "bold"
            if d == self.today:
                style = "bold black on #e0b040"
            elif d == self.day:
                style = "bold underline"
            if d == self.day and d == self.today:
                style += " underline"
            if off:
                style = style.replace("bold", "dim") + " italic"
            cell = Text(label, style=style)
            cell.truncate(width, overflow="ellipsis", pad=True)
            out.append("│")
            out.append_text(cell)
        self._line_map = []
        if not self._rows:
            out.append("\n")
            out.append(" " * GUTTER + "│ no study blocks this week", style="dim")
            return out
        for row in self._rows:
            for line in range(row.lines):
                out.append("\n")
                ids: list[int | None] = []
                label = f"{row.start // 60:02d}:{row.start % 60:02d}" if line == 0 and not row.gap else ""
                out.append(label.ljust(GUTTER), style="dim")
                for d in days:
                    out.append("│", style="dim")
                    block = self._block_at(by_day[d], d, row)
                    if block is None:
                        ids.append(None)
                        fill = "┄" * width if row.gap else " " * width
                        out.append(fill, style="dim")
                        continue
                    ids.append(block.id)
                    out.append_text(self._cell(block, d, row, line, width))
                self._line_map.append(ids)
        return out

    def _block_at(self, blocks: list[Any], day: date, row: Row) -> Any | None:
        if row.gap:
            return None
        for b in blocks:
            _, s, e = self._span(b)
            if s < row.end and max(e, s + 1) > row.start:
                return b
        return None

    def _span(self, block: Any) -> tuple[date, int, int]:
        span = self._spans.get(id(block))
        return span if span is not None else local_span(block, self.tz)

    def _cell(self, block: Any, day: date, row: Row, line: int, width: int) -> Text:
        # which line of the block this is: count lines of the rows before this one that the block covers
        index = line
        _, start, end = self._span(block)
        for r in self._rows:
            if r is row:
                break
            if not r.gap and start < r.end and end > r.start:
                index += r.lines
        if index == 0:
            mark = block_mark(block)
            text = f"{mark} {block.title}" if mark else block.title
        elif 0 < index <= len(block.items):
            text = f" · {block.items[index - 1].get('title', '')}"
        else:
            text = ""
        style = ACTIVITY_STYLE.get(block.activity, ACTIVITY_STYLE["any"])
        if block.status == "done":
            style += " dim"
        elif block.status == "skipped":
            style = "dim strike on #303030"
        if block.id == self.selected:
            style += " bold reverse"
        cell = Text(text, style=style)
        cell.truncate(width, overflow="ellipsis", pad=True)
        return cell

    def on_click(self, event: Click) -> None:
        x, y = event.x, event.y
        width = self._col_width()
        if x < GUTTER:
            return
        column = (x - GUTTER) // (width + 1)
        if not 0 <= column < 7:
            return
        day = self.week_start + timedelta(days=column)
        if y <= 0 or y - 1 >= len(self._line_map):
            self.post_message(self.DayPicked(day))
            return
        block_id = self._line_map[y - 1][column]
        if block_id is None:
            self.post_message(self.DayPicked(day))
        else:
            self.post_message(self.Selected(block_id, day))


def local_midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0, 0)).replace(tzinfo=tz)
