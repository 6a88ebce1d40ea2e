"""The schedule: a week of study blocks at their times, the selected day's agenda, and re-planning.

Every change by hand (done, skipped, pin, move, resize) writes the database first through the schedule service,
then redraws; re-planning runs in a worker and reports what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tracker.domain.when import week_start as first_day_of_week
from tracker.tui.screens.base import AreaScreen
from tracker.tui.widgets.week_grid import WeekGrid, block_mark
from tracker.tui.work import db_work, raw_work

STEP = 15


Week = tuple[date, str, list[Any], int, set[date]]
"""The week's first day, the ``week.first_day`` setting it follows, its blocks, the number of study rules, the
days off."""


def _read_week(db: Any, day: date, tz: Any) -> Week:
    """The week holding ``day``, starting on the first day of the week the person chose (plain SQL)."""
    from tracker.services.schedule import list_blocks, list_days_off, list_rules
    from tracker.services.settings import startup_value

    first_day = str(startup_value(db, "week.first_day"))
    start_day = first_day_of_week(day, first_day)
    start = datetime.combine(start_day, datetime.min.time()).replace(tzinfo=tz)
    blocks = list_blocks(db, start, start + timedelta(days=7))
    return start_day, first_day, blocks, len(list_rules(db)), set(list_days_off(db))


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _b(key: str, action: str, description: str, tooltip: str, id: str, *, show: bool = True) -> Binding:
    return Binding(key, action, description, show=show, tooltip=tooltip, id=f"schedule.{id}")


def agenda_text(day: date, blocks: list[Any], selected: int | None, tz: Any, *, off: bool = False) -> Text:
    """The day agenda: each block with its time, status and the work it names (user text as plain text)."""
    text = Text(no_wrap=True, overflow="ellipsis")
    hours = sum(b.minutes for b in blocks) / 60
    text.append(f"{day:%A %d %B}", style="bold")
    if off:
        text.append("  day off (x: back on)", style="yellow")
    text.append(f"  {len(blocks)} block{'s' if len(blocks) != 1 else ''}, {hours:.1f} h", style="dim")
    if not blocks:
        text.append("\n  Nothing planned this day.", style="dim")
    for b in blocks:
        chosen = b.id == selected
        text.append("\n")
        text.append("› " if chosen else "  ", style="bold")
        start, end = b.start.astimezone(tz), b.end.astimezone(tz)
        text.append(f"{start:%H:%M}–{end:%H:%M} ", style="bold" if chosen else "")
        text.append(f"{b.minutes:>3} min  ", style="dim")
        text.append(b.title, style="bold" if chosen else "")
        status = b.status + (", pinned" if b.pinned else "")
        text.append(f"  [{status}]", style="green" if b.status == "done" else "dim")
        mark = block_mark(b)
        if mark:
            text.append(f" {mark}")
        for item in b.items:
            text.append("\n")
            text.append(f"      · {item.get('title', '')}", style="" if chosen else "dim")
            text.append(f" ({item.get('minutes', '?')} min)", style="dim")
    return text


class ScheduleScreen(AreaScreen):
    AREA = "schedule"
    clock: ClassVar[Callable[[], datetime]] = staticmethod(_utcnow)
    """What "today" is (tests freeze it, or pass ``now=``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Shown in the footer, in this order (what does not fit the width is left out from the end).
        _b("d", "mark('done')", "Done", "Mark the block done (again: planned)", "done"),
        _b("s", "mark('skipped')", "Skip", "Mark the block skipped (again: planned)", "skip"),
        _b("p", "pin", "Pin", "Pin the block so re-planning keeps it (again: unpin)", "pin"),
        _b("enter,o", "open_item", "Open", "Open the problem, paper, story or topic the block names", "open"),
        _b("r", "replan", "Re-plan", "Plan the coming days again and show what changed", "replan"),
        _b("n", "new_rule", "New rule", "Add a recurring study time", "new_rule"),
        _b("x", "day_off", "Day off", "Mark the selected day off (or back on); re-plan to apply", "day_off"),
        _b("left_square_bracket", "week(-1)", "Prev wk", "Show the previous week", "prev_week"),
        _b("right_square_bracket", "week(1)", "Next wk", "Show the next week", "next_week"),
        _b("t", "today", "Today", "Back to today", "today"),
        # Not in the footer (no room at 120 columns); their tooltips and the keys panel describe them.
        _b("left,h", "day(-1)", "Prev day", "Select the previous day", "prev_day", show=False),
        _b("right,l", "day(1)", "Next day", "Select the next day", "next_day", show=False),
        _b(
            "up,k",
            "block(-1)",
            "Prev block",
            "Select the previous block of the day",
            "prev_block",
            show=False,
        ),
        _b("down,j", "block(1)", "Next block", "Select the next block of the day", "next_block", show=False),
        _b(
            "shift+up",
            "move(-1)",
            "Earlier",
            "Move the block 15 minutes earlier (pins it)",
            "earlier",
            show=False,
        ),
        _b(
            "shift+down", "move(1)", "Later", "Move the block 15 minutes later (pins it)", "later", show=False
        ),
        _b(
            "plus,equals_sign",
            "resize(1)",
            "Longer",
            "Make the block 15 minutes longer (pins it)",
            "longer",
            show=False,
        ),
        _b(
            "minus",
            "resize(-1)",
            "Shorter",
            "Make the block 15 minutes shorter (pins it)",
            "shorter",
            show=False,
        ),
    ]

    def __init__(self, *, now: datetime | None = None) -> None:
        super().__init__()
        from tracker.domain.when import local_zone

        self.tz = local_zone()
        self._fixed_now = now
        self.now = now or type(self).clock()
        self.today = self.now.astimezone(self.tz).date()
        self.day = self.today
        self.first_day = "monday"
        """The ``week.first_day`` setting, as last read with the week."""
        self.week_start = first_day_of_week(self.today, self.first_day)
        self.blocks: list[Any] = []
        self.selected_id: int | None = None
        self.shortfalls: list[Any] = []
        self.goal_shortfalls: list[Any] = []
        self.rules = 0
        self.days_off: set[date] = set()
        self._item_index = 0
        self.last_notice = ""
        """The last re-plan report or refusal (also shown as a notification)."""
        self._refused = ""
        self._shortfalls_due = False  # read once the week is in view (built ahead: see _show_week)
        self.confirmation = ""
        """The last change by hand (done, pin, move, resize, day off): one line under the status, replaced by the
        next change instead of a toast per key press."""

    def compose(self) -> ComposeResult:
        yield from self.compose_tabs()
        yield Static("", id="schedule-status")
        with VerticalScroll(id="schedule-week"):
            yield WeekGrid(tz=self.tz, week_start=self.week_start, today=self.today, id="week-grid")
        with VerticalScroll(id="schedule-agenda"):
            yield Static("", id="agenda-text")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one(WeekGrid))
        # The week as the screen is built: in its first frame (AreaScreen.read_first); then the shortfalls.
        db, day, tz = self.db, self.day, self.tz
        self.read_first(lambda: _read_week(db, day, tz), lambda week: self._show_week(week, shortfalls=True))

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Back in view (or shown for the first time after being built ahead): a day that turned meanwhile is the
        # new today, and the shortfalls a screen built ahead left for now are read.
        today = self._clock().astimezone(self.tz).date()
        if today != self.today and self.day == self.today:
            self.today = today
            self._set_day(today)
        if self._shortfalls_due:
            self._shortfalls_due = False
            self._load_shortfalls()

    def _show_week(self, week: Week, *, shortfalls: bool) -> None:
        start_day, first_day, blocks, rules, days_off = week
        if not self.is_attached or first_day_of_week(self.day, first_day) != start_day:
            return  # another week was chosen meanwhile: its own read shows it
        self.week_start, self.first_day = start_day, first_day
        self._show(blocks, rules, days_off)
        if shortfalls and rules:  # with study rules, what re-planning would leave short
            if self.is_current:
                self._load_shortfalls()
            else:  # built ahead (PrepApp.build_ahead): the planner loads the ORM, only once the week is in view
                self._shortfalls_due = True

    def reload(self) -> None:
        self.cancel_late_read()
        self._load(shortfalls=True)

    # ---------------------------------------------------------------------------------------------- loading
    def _clock(self) -> datetime:
        return self._fixed_now or type(self).clock()

    @raw_work(exclusive=True, group="schedule")  # the week's blocks, rules and days off are plain SQL
    def _load(self, shortfalls: bool = False) -> None:
        from tracker.services.base import ServiceError

        try:
            week = _read_week(self.db, self.day, self.tz)
        except ServiceError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self._show_week, week, shortfalls=shortfalls)

    @db_work(exclusive=True, group="schedule-shortfalls", paint_first=True)
    def _load_shortfalls(self) -> None:
        """What re-planning now would leave short (a dry run: nothing is written). The planner uses the ORM."""
        from tracker.services.base import ServiceError
        from tracker.services.schedule import replan

        try:
            result = replan(self.db, days=14, now=self._clock(), tz=self.tz, dry_run=True)
        except ServiceError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self._show_shortfalls, result)

    def _show(self, blocks: list[Any], rules: int, days_off: set[date]) -> None:
        if not self.is_attached:
            return
        self.blocks, self.rules, self.days_off = blocks, rules, days_off
        day_ids = [b.id for b in self.day_blocks]
        if self.selected_id not in day_ids:
            self.selected_id = self._default_block(self.day_blocks)
        self._redraw()

    def _show_shortfalls(self, result: Any) -> None:
        if not self.is_attached:
            return
        self.shortfalls, self.goal_shortfalls = result.shortfalls, result.goal_shortfalls
        self._status()

    def _default_block(self, blocks: list[Any]) -> int | None:
        if not blocks:
            return None
        if self.day == self.today:
            upcoming = [b for b in blocks if b.end > self._clock()]
            if upcoming:
                return upcoming[0].id
        return blocks[0].id

    @property
    def day_blocks(self) -> list[Any]:
        """The selected day's blocks, in time order: what the agenda shows."""
        return [b for b in self.blocks if b.start.astimezone(self.tz).date() == self.day]

    @property
    def selected(self) -> Any | None:
        return next((b for b in self.blocks if b.id == self.selected_id), None)

    def _redraw(self) -> None:
        self.query_one(WeekGrid).show(
            week_start=self.week_start,
            today=self.today,
            day=self.day,
            blocks=self.blocks,
            selected=self.selected_id,
            days_off=self.days_off,
        )
        self.query_one("#agenda-text", Static).update(
            agenda_text(self.day, self.day_blocks, self.selected_id, self.tz, off=self.day in self.days_off)
        )
        self._status()

    def _status(self) -> None:
        text = Text()  # wraps: a long shortfall list must be readable, not cut at the edge
        end = self.week_start + timedelta(days=6)
        text.append(f"Week of {self.week_start:%b %d} – {end:%b %d}", style="bold")
        planned = [b for b in self.blocks if b.status != "skipped"]
        done = sum(1 for b in self.blocks if b.status == "done")
        hours = sum(b.minutes for b in planned) / 60
        text.append(f" · {len(self.blocks)} blocks, {hours:.1f} h, {done} done", style="dim")
        if not self.rules:
            text.append("   No study rules yet: press n to add one, then r to plan.", style="yellow")
        elif self.shortfalls:
            parts = [f"{s.company} {s.kind} {s.hours_short:g} h" for s in self.shortfalls]
            text.append("   Short: " + "; ".join(parts), style="bold red")
        else:
            text.append("   every round's prep fits", style="green")
        if self.confirmation:
            text.append("\n")
            text.append(self.confirmation, style="bold")
        self.query_one("#schedule-status", Static).update(text)

    def confirm(self, message: str) -> None:
        """Show what a change by hand did in the status line (replacing the previous one)."""
        self.confirmation = message
        self._refused = ""
        self._status()

    def refuse(self, message: str) -> None:
        """A refused change: a notification, once while the same refusal repeats (a key held at a limit), and
        the status line."""
        self.last_notice = message
        if message != self._refused:
            self.notify(message, severity="error", markup=False)
        self._refused = message
        self.confirmation = f"Refused: {message}"
        self._status()

    # ---------------------------------------------------------------------------------------------- moving around
    def _set_day(self, day: date) -> None:
        self.day = day
        self._item_index = 0
        start = first_day_of_week(day, self.first_day)
        if start != self.week_start:
            self.week_start = start
            self.selected_id = None
            self.confirmation = ""
            self._load()
            return
        self.selected_id = self._default_block(self.day_blocks)
        self._redraw()

    def action_day(self, step: int) -> None:
        self._set_day(self.day + timedelta(days=step))

    def action_week(self, step: int) -> None:
        self._set_day(self.day + timedelta(days=7 * step))

    def action_today(self) -> None:
        self.today = self._clock().astimezone(self.tz).date()
        self._set_day(self.today)

    def action_block(self, step: int) -> None:
        blocks = self.day_blocks
        if not blocks:
            return
        ids = [b.id for b in blocks]
        i = ids.index(self.selected_id) if self.selected_id in ids else -1
        self.selected_id = ids[max(0, min(len(ids) - 1, i + step))]
        self._item_index = 0
        self._redraw()

    @on(WeekGrid.Selected)
    def _clicked_block(self, event: WeekGrid.Selected) -> None:
        self.day = event.day
        self.selected_id = event.block_id
        self._item_index = 0
        self._redraw()

    @on(WeekGrid.DayPicked)
    def _clicked_day(self, event: WeekGrid.DayPicked) -> None:
        self._set_day(event.day)

    # ---------------------------------------------------------------------------------------------- changes
    def _need_block(self) -> Any | None:
        block = self.selected
        if block is None:
            self.notify("No study block selected on this day.", severity="warning", markup=False)
        return block

    def _apply(self, change: Callable[[], Any], message: Callable[[Any], str]) -> None:
        from tracker.services.base import ServiceError

        try:
            row = change()
        except ServiceError as exc:
            self.refuse(str(exc))
            return
        self.blocks = [row if b.id == row.id else b for b in self.blocks]
        self.blocks.sort(key=lambda b: (b.start, b.id))
        self.confirmation, self._refused = message(row), ""
        self._redraw()
        self.app.data_changed("dashboard")  # type: ignore[attr-defined]

    def action_mark(self, status: str) -> None:
        from tracker.services.schedule import set_block_status

        block = self._need_block()
        if block is None:
            return
        new = "planned" if block.status == status else status
        self._apply(lambda: set_block_status(self.db, block.id, new), lambda r: f"{r.title}: {r.status}")

    def action_pin(self) -> None:
        from tracker.services.schedule import set_pinned

        block = self._need_block()
        if block is None:
            return
        self._apply(
            lambda: set_pinned(self.db, block.id),
            lambda r: f"Pinned: {r.title} (re-planning keeps it)" if r.pinned else f"Unpinned: {r.title}",
        )

    def action_move(self, step: int) -> None:
        from tracker.services.schedule import reshape_block

        block = self._need_block()
        if block is None:
            return
        self._apply(
            lambda: reshape_block(self.db, block.id, move=step * STEP, tz=self.tz),
            lambda r: (
                f"{r.title}: moved to {r.start.astimezone(self.tz):%H:%M}–{r.end.astimezone(self.tz):%H:%M}"
                " (pinned)"
            ),
        )

    def action_resize(self, step: int) -> None:
        from tracker.services.schedule import reshape_block

        block = self._need_block()
        if block is None:
            return
        self._apply(
            lambda: reshape_block(self.db, block.id, resize=step * STEP, tz=self.tz),
            lambda r: (
                f"{r.title}: {r.minutes} min, {r.start.astimezone(self.tz):%H:%M}–{r.end.astimezone(self.tz):%H:%M}"
                " (pinned)"
            ),
        )

    def action_replan(self) -> None:
        if not self.rules:
            self.notify("No study rules yet: press n to add one first.", severity="warning", markup=False)
            return
        today = self._clock().astimezone(self.tz).date()
        days = max(14, (self.week_start + timedelta(days=7) - today).days)
        self.notify("Re-planning…", markup=False, timeout=2)
        self._replan(days)

    @db_work(exclusive=True, group="schedule-replan")
    def _replan(self, days: int) -> None:
        from tracker.services.base import ServiceError
        from tracker.services.schedule import replan

        try:
            result = replan(self.db, days=days, now=self._clock(), tz=self.tz)
        except ServiceError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self._replanned, result)

    def _replanned(self, result: Any) -> None:
        self.shortfalls, self.goal_shortfalls = result.shortfalls, result.goal_shortfalls
        self.last_result = result
        if result.changed:
            what = f"Re-planned: {result.added} added, {result.removed} removed, {result.kept} kept"
        else:
            what = f"Re-planned: nothing changed ({len(result.blocks)} blocks)"
        if result.shortfalls:
            what += " · short: " + "; ".join(
                f"{s.company} {s.kind} {s.hours_short:g} h" for s in result.shortfalls
            )
        self.last_notice = what
        self.notify(what, markup=False, timeout=6)
        self.app.data_changed("dashboard")  # type: ignore[attr-defined]
        self._load()

    def action_new_rule(self) -> None:
        from tracker.services.schedule import add_rule
        from tracker.tui.modals.rule_form import RuleFormModal

        def save(values: dict[str, Any]) -> Any:
            return add_rule(self.db, **values)

        def done(row: Any) -> None:
            if row is not None:
                self.notify(f"Added rule: {row.label}. Press r to re-plan.", markup=False)
                self._load()

        self.app.push_screen(RuleFormModal(save), done)

    def action_day_off(self) -> None:
        from tracker.services.base import ServiceError
        from tracker.services.schedule import set_day_off

        off = self.day not in self.days_off
        try:
            set_day_off(self.db, self.day, off)
        except ServiceError as exc:
            self.refuse(str(exc))
            return
        (self.days_off.add if off else self.days_off.discard)(self.day)
        state = "off" if off else "a study day again"
        self.confirmation, self._refused = f"{self.day:%a %b %d} is {state}. Press r to re-plan.", ""
        self._redraw()

    # ---------------------------------------------------------------------------------------------- opening work
    def action_open_item(self) -> None:
        block = self._need_block()
        if block is None:
            return
        if not block.items:
            self.notify(f"{block.title}: this block names no specific work.", markup=False)
            return
        item = block.items[self._item_index % len(block.items)]
        self._item_index += 1
        self.open_item(item)

    def open_item(self, item: dict[str, Any]) -> None:
        from tracker.tui.open_work import open_work

        open_work(self.app, str(item.get("kind")), int(item.get("ref_id") or 0), str(item.get("title", "")))
