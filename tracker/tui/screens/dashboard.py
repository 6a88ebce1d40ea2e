"""The daily dashboard: next rounds with readiness, today's blocks, the review queue, this week against last week,
the streak with 30 days of activity, mastery, weak spots. Composed empty (the first frame paints at once); the
numbers arrive from a thread worker (``tracker.services.dashboard.summary``, SQL aggregates only)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Sparkline

from tracker.tui.screens.base import AreaScreen
from tracker.tui.widgets.dashboard_panels import (
    Fitted,
    Panel,
    mastery_text,
    queue_text,
    rounds_text,
    streak_text,
    weak_text,
    week_text,
)
from tracker.tui.widgets.dashboard_today import TodayList
from tracker.tui.work import db_work, raw_work

REFRESH_SECONDS = 60

NARROW = 100
"""Below this many columns the right column keeps a fixed width (the week table fits in it) and the left
column takes the rest (class ``-narrow``)."""
STACKED = 70
"""Below this many columns the panels stack in one scrolling column (class ``-stacked``)."""
ACTIVITY_TITLES = {False: "Streak · mastery · weak spots", True: "Progress · weak spots"}
"""The activity panel's title, by whether the layout is narrow (the long one does not fit 34 columns)."""


def welcome_answered(db: Any) -> bool:
    """Whether the first-run dialog was answered on this database before (read with sqlite3 alone)."""
    from tracker.services.settings import startup_value

    return bool(startup_value(db, "welcome.dismissed"))


def _utcnow() -> datetime:
    return datetime.now(UTC)


class DataVersion:
    """Whether anything was committed to the database since a screen last loaded, by this app or any other
    process (SQLite's ``PRAGMA data_version`` on one idle connection of its own: a few microseconds).

    Screens that show data from every area reload when they come back into view only if this changed, instead
    of on every visit."""

    def __init__(self, db: Any) -> None:
        self.db = db
        self._con: sqlite3.Connection | None = None

    def current(self) -> int | None:
        """An opaque number that changes when another connection commits; None when it cannot be read."""
        path = getattr(self.db, "path", None)
        if path is None:
            return None
        try:
            if self._con is None:
                con = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
                con.execute("PRAGMA query_only = ON")
                con.execute("PRAGMA cache_size = -64")
                self._con = con
            return int(self._con.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return None

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None


class SampleDataCommands(Provider):
    """The first-run dialog's sample data, in the palette for later (into an empty database only)."""

    TEXT = "Load sample data"
    HELP = "A month of someone's prep, into an empty database (prep demo)"

    def _load(self) -> None:
        load = getattr(self.screen, "load_sample", None)
        if callable(load):
            load("demo")

    async def discover(self) -> Hits:
        yield DiscoveryHit(self.TEXT, self._load, help=self.HELP)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        score = matcher.match(self.TEXT)
        if score > 0:
            yield Hit(score, matcher.highlight(self.TEXT), self._load, help=self.HELP)


class DashboardScreen(AreaScreen):
    AREA = "dashboard"
    COMMANDS: ClassVar[set[Any]] = {SampleDataCommands}
    clock: ClassVar[Callable[[], datetime]] = staticmethod(_utcnow)
    """What "now" is (tests freeze it)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "x,space", "toggle_done", "Done", id="dashboard.done", tooltip="Check the highlighted block off"
        ),
        Binding(
            "o", "open_block", "Open", id="dashboard.open", tooltip="Go to what the highlighted block names"
        ),
        Binding("r", "start_review", "Review", id="dashboard.review", tooltip="Start the review queue"),
        Binding(
            "w",
            "export_week",
            "Week review",
            id="dashboard.week",
            tooltip="Write this week's review to a file",
        ),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.data: Any = None
        self.version = DataVersion(None)  # the database is known once mounted
        self._loaded_as: tuple[int | None, datetime] | None = None
        """(data version, minute) of the last load: what coming back into view compares against."""

    def compose(self) -> ComposeResult:
        yield from self.compose_tabs()
        with Horizontal(id="dash-columns"):
            with Vertical(id="dash-left"):
                yield Panel("Next rounds", id="next-rounds")
                yield TodayList(id="today")
            with VerticalScroll(id="dash-right"):
                yield Panel("Review queue", id="queue")
                yield Panel("This week", id="week")
                with Vertical(id="activity", classes="panel"):
                    yield Fitted("", id="streak")
                    yield Sparkline([], id="activity-sparkline")
                    yield Fitted("", id="mastery")
                    yield Fitted("", id="weak")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#activity", Vertical).border_title = ACTIVITY_TITLES[False]
        self.query_one("#today", TodayList).focus()
        self.version.db = self.db
        self.set_interval(REFRESH_SECONDS, self._tick)
        # Paint the first frame before the data worker starts importing the ORM (it would compete for the GIL).
        self.call_after_refresh(self.reload)

    def on_resize(self, event: events.Resize) -> None:
        # Width classes: the stylesheet lays the columns out for the terminal's width; the panels then build
        # their text for the width they got (Fitted).
        width = event.size.width
        self.set_class(width < STACKED, "-stacked")
        self.set_class(STACKED <= width < NARROW, "-narrow")
        narrow = STACKED <= width < NARROW
        self.query_one("#activity", Vertical).border_title = ACTIVITY_TITLES[narrow]

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Everything written elsewhere shows here: reload when coming back if anything was written since the last
        # load (marked stale by this app, or committed by any process) or the minute changed ("in 5 min").
        stale = getattr(self.app, "stale", {}).pop(self.AREA, False)
        if self.data is not None and (stale or self._changed()):
            self.reload()

    def on_unmount(self) -> None:
        self.version.close()

    def _changed(self) -> bool:
        if self._loaded_as is None:
            return True
        version, minute = self._loaded_as
        return version is None or version != self.version.current() or minute != self._minute()

    def _minute(self) -> datetime:
        return self.now().replace(second=0, microsecond=0)

    def _tick(self) -> None:
        if self.app.screen is self:  # out of view, coming back reloads when the minute has changed
            self.reload()

    def now(self) -> datetime:
        return type(self).clock()

    def reload(self) -> None:
        self._loaded_as = (self.version.current(), self._minute())
        self._load(self.now())

    @raw_work(exclusive=True, group="dashboard")
    def _load(self, now: datetime) -> None:
        from tracker.services.base import ServiceError
        from tracker.services.dashboard import summary

        try:
            data = summary(self.db, now=now)
            welcome = (
                data.empty and not getattr(self.app, "welcomed", False) and not welcome_answered(self.db)
            )
        except ServiceError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self._show, data, welcome=welcome)

    def _show(self, s: Any, *, welcome: bool = False) -> None:
        self.data = s
        now = s.now or self.now()
        self.query_one("#next-rounds", Fitted).show(lambda width: rounds_text(s.next_rounds, now, width))
        self.query_one("#today", TodayList).show(s.today_blocks, now, rules=s.study_rules)
        self.query_one("#queue", Fitted).show(lambda width: queue_text(s, width))
        self.query_one("#week", Fitted).show(lambda width: week_text(s.this_week, s.last_week, width))
        self.query_one("#streak", Fitted).show(lambda width: streak_text(s, width))
        self.query_one("#activity-sparkline", Sparkline).data = [float(v) for v in s.activity]
        self.query_one("#mastery", Fitted).show(lambda width: mastery_text(s, width))
        self.query_one("#weak", Fitted).show(lambda width: weak_text(s, width))
        if welcome and not getattr(self.app, "welcomed", False):
            self.app.welcomed = True  # type: ignore[attr-defined]
            from tracker.tui.modals.welcome import WelcomeModal

            self.app.push_screen(WelcomeModal(), self._welcome_done)

    # ------------------------------------------------------------------------------------------------ actions
    def _block(self) -> Any | None:
        block = self.query_one("#today", TodayList).block
        if block is None:
            self.notify("No study block selected.", severity="warning", markup=False)
        return block

    def action_toggle_done(self) -> None:
        block = self._block()
        if block is not None:
            self._toggle(block.id)

    @db_work(group="dashboard-write")
    def _toggle(self, block_id: int) -> None:
        from tracker.services.base import ServiceError
        from tracker.services.dashboard import toggle_block_done

        try:
            line = toggle_block_done(self.db, block_id)
        except ServiceError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self._written, f"{line.title or line.activity}: {line.status}")

    def _written(self, message: str) -> None:
        self.app.data_changed("schedule")  # type: ignore[attr-defined]
        self.reload()
        self.notify(message, markup=False)

    @on(OptionList.OptionSelected, "#today")
    def _block_chosen(self) -> None:
        self.action_open_block()

    def action_open_block(self) -> None:
        block = self._block()
        if block is None:
            return
        first = next((i for i in block.items if i.ref_id), None)
        if first is not None:  # its first piece of work, selected (a paper or topic: its page)
            from tracker.tui.open_work import open_work

            open_work(self.app, first.kind, int(first.ref_id or 0), first.title)
            if len(block.items) > 1:
                rest = "; ".join(i.title for i in block.items[1:4])
                more = f" (+{len(block.items) - 4} more)" if len(block.items) > 4 else ""
                self.app.notify(f"Then: {rest}{more}", title=block.title or "Study block", markup=False)
            return
        self.app.switch_mode(block.area)
        self.app.notify(f"{block.title or block.activity}: nothing specific planned", markup=False)

    async def action_start_review(self) -> None:
        await self.app.switch_mode("problems")
        screen = self.app.screen
        show = getattr(screen, "show_view", None) or getattr(screen, "_switch_view", None)
        if callable(show):
            show("due")
        due = self.data.due if self.data is not None else 0
        self.app.notify(f"Review queue: {due} due", markup=False)

    def action_export_week(self) -> None:
        from tracker.services.review import week_of
        from tracker.tui.modals.week_export import WeekExportModal

        year, week = week_of(self.now())
        self.app.push_screen(WeekExportModal(f"{year}-W{week:02d}"), self._export_chosen)

    def _export_chosen(self, choice: tuple[str, str, str] | None) -> None:
        if choice is not None:
            self._export(*choice)

    @db_work(group="dashboard-export")
    def _export(self, week: str, fmt: str, path: str) -> None:
        from tracker.io.review_export import write
        from tracker.services.base import ServiceError
        from tracker.services.review import parse_week, week_report

        target = Path(path).expanduser()
        try:
            year, number = parse_week(week)
            written = write(week_report(self.db, year, number), fmt, target)
        except ServiceError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        except OSError as exc:
            self.app.call_from_thread(
                self.notify, f"cannot write {target}: {exc.strerror or exc}", severity="error", markup=False
            )
            return
        self.app.call_from_thread(
            self.notify,
            f"Weekly review {year}-W{number:02d} written to {written.resolve()}",
            markup=False,
            timeout=10,
        )

    # ------------------------------------------------------------------------------------------------ welcome
    def _welcome_done(self, choice: str | None) -> None:
        if choice is None:
            return
        self._remember_welcome()
        if choice != "empty":
            self.load_sample(choice)

    @db_work(group="welcome-answered")
    def _remember_welcome(self) -> None:
        """Not offered again on this database, whatever was chosen (sample data stays in the palette)."""
        from tracker.services.base import ServiceError
        from tracker.services.settings import remember

        try:
            remember(self.db, "welcome.dismissed", True)
        except ServiceError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)

    @db_work(exclusive=True, group="welcome")
    def load_sample(self, choice: str) -> None:
        """Sample data ("demo") or a problem list ("blind75", "neetcode150")."""
        from tracker.services.base import ServiceError

        try:
            if choice == "demo":
                from tracker.services.demo import load_demo

                message = load_demo(self.db)
            else:
                from tracker.services.catalog import load_catalog

                report = load_catalog(self.db, choice)
                message = f"{report.name}: {report.added} problems added"
        except ServiceError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self.app.data_changed, "all")  # type: ignore[attr-defined]
        self.app.call_from_thread(self.notify, message, markup=False)
