"""The problems area: a database view (sort, filter as you type, quick filters, views), a detail pane, the rating
flow, the solve timer, the review queue and pattern stats.

Stays fast on a year of data: the table holds one page at a time (LIMIT/OFFSET, more pages as the cursor nears the
end), the filter is debounced, and every query runs in a worker thread.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.coordinate import Coordinate
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist
from textual.worker import get_current_worker

from tracker.tui.screens.base import AreaScreen, filter_binding
from tracker.tui.widgets.dropdown import Dropdown
from tracker.tui.widgets.problem_cells import (
    QUEUE_COLUMNS,
    STATS_COLUMNS,
    TABLE_COLUMNS,
    group_header,
    problem_cells,
    queue_cells,
    stats_cells,
)
from tracker.tui.widgets.problem_detail import ProblemDetailPane
from tracker.tui.widgets.problem_table import ProblemTable, text_key
from tracker.tui.widgets.problem_timer import SolveTimer, TimerBar, get_timer, set_timer
from tracker.tui.widgets.text import choices as text_choices
from tracker.tui.widgets.view_tabs import ViewTabs
from tracker.tui.work import db_work, raw_work

DIFFICULTY_OPTIONS = [("easy", "easy"), ("medium", "medium"), ("hard", "hard")]
ORM_VIEWS = ("due", "stats", "patterns")  # views whose services use the ORM (review queue, pattern stats)
PAGE = 60  # rows fetched per page: two screens of a 40-line terminal; more load as the cursor nears the end
FILTER_DELAY = 0.15
SORTABLE_KEYS = {
    "number",
    "title",
    "difficulty",
    "patterns",
    "lists",
    "companies",
    "mastery",
    "attempts",
    "last_attempt",
    "due",
    "gist",
}
FIXED_VIEWS: tuple[tuple[str, str], ...] = (("all", "All"), ("due", "Due queue"), ("weak", "Weak"))
RATING_SORTS = {"mastery", "attempts", "last_attempt", "due", "gist"}  # columns a rating changes
TAIL_VIEWS: tuple[tuple[str, str], ...] = (("patterns", "By pattern"), ("stats", "Pattern stats"))
STATUS_OPTIONS = [
    ("due now", "due"),
    ("weak", "weak"),
    ("new", "new"),
    ("no clue", "1"),
    ("brute force", "2"),
    ("has bugs", "3"),
    ("bug free", "4"),
]


def clock() -> datetime:
    """The time the screen renders against (tests replace it)."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Query:
    view: str = "all"
    search: str = ""
    difficulty: str | None = None
    pattern: str | None = None
    company: str | None = None
    list_name: str | None = None
    status: str | None = None
    order_by: str = "number"
    descending: bool = False

    def to_filter(self, now: datetime) -> Any:
        from tracker.services.problems import ProblemFilter

        list_name = self.list_name
        if self.view.startswith("list:"):
            list_name = self.view[5:]
        status = self.status or ""
        return ProblemFilter(
            search=self.search.strip() or None,
            due=status == "due",
            pattern=self.pattern,
            company=self.company,
            list_name=list_name,
            mastery=int(status) if status.isdigit() else None,
            difficulty=self.difficulty,
            weak=status == "weak" or self.view == "weak",
            new=status == "new",
            order_by=self.order_by,
            descending=self.descending,
            now=now,
        )

    @property
    def filtered(self) -> bool:
        return bool(
            self.search.strip()
            or self.difficulty
            or self.pattern
            or self.company
            or self.list_name
            or self.status
        )


def _matches(row: Any, q: Query, now: datetime) -> bool:
    """Client-side version of the filter, for the (bounded) review queue."""
    text = q.search.strip().lower()
    if text:
        hay = " ".join(
            [row.title, row.gist or "", str(row.number or ""), *row.patterns, *row.companies, *row.lists]
        )
        if text not in hay.lower():
            return False
    if q.difficulty and row.difficulty != q.difficulty:
        return False
    if q.pattern and q.pattern.lower() not in (p.lower() for p in row.patterns):
        return False
    if q.company and q.company.lower() not in (c.lower() for c in row.companies):
        return False
    if q.list_name and q.list_name.lower() not in (x.lower() for x in row.lists):
        return False
    status = q.status or ""
    if status == "weak" and row.mastery not in ("no-clue", "has-bugs"):
        return False
    if status == "new" and row.mastery is not None:
        return False
    if (
        status.isdigit()
        and row.mastery != {"1": "no-clue", "2": "brute-force", "3": "has-bugs", "4": "bug-free"}[status]
    ):
        return False
    return not (status == "due" and (row.due_at is None or row.due_at > now))


@dataclass
class Page:
    generation: int
    rows: list[tuple[str, list[Text]]]
    fetched: int  # data rows fetched (for the next offset)
    total: int
    status: Text
    replace: bool
    select: str | None
    last_group: str | None = None
    shown: dict[str, Any] | None = None  # row key -> ProblemRow, for the plain problem list
    # The detail of the row the cursor will land on, read by the same worker (no second load after the rows)
    detail: tuple[int, Any, datetime] | None = None
    seek: str = ""  # how ``select`` was asked for (see ProblemsScreen.reload)


def problem_id_of(key: str | None) -> int | None:
    """Row keys: ``p:ID`` (a problem), ``g:ID:PATTERN`` (a problem under a group), ``h:…``/``s:…`` (no problem)."""
    if not key:
        return None
    kind, _, rest = key.partition(":")
    if kind == "p":
        return int(rest)
    if kind == "g":
        return int(rest.split(":", 1)[0])
    return None


class ProblemsScreen(AreaScreen):
    AREA = "problems"
    FILTER_BOX = "problems-filter"

    BINDINGS: ClassVar[list[BindingType]] = [
        filter_binding("problems.filter"),
        Binding("r", "rate", "Rate", id="problems.rate", tooltip="Rate an attempt on the selected problem"),
        Binding(
            "t", "timer", "Timer", id="problems.timer", tooltip="Start the solve timer, or stop it and rate"
        ),
        Binding("n", "new", "New", id="problems.new", tooltip="Add a problem"),
        Binding("e", "edit", "Edit", id="problems.edit", tooltip="Edit the selected problem"),
        Binding("x,delete", "delete", "Delete", id="problems.delete", tooltip="Delete the selected problem"),
        Binding("s", "sort_next", "Sort", id="problems.sort", tooltip="Sort by the next column"),
        Binding("S", "sort_reverse", "Reverse", id="problems.reverse", tooltip="Reverse the sort order"),
        Binding(
            "v", "view(1)", "View", id="problems.view_next", tooltip="Next view (All, Due, Weak, lists…)"
        ),
        Binding("V", "view(-1)", "Prev view", id="problems.view_prev", tooltip="Previous view", show=False),
        Binding(
            "plus,equals_sign",
            "timer_limit(5)",
            "+5 min",
            id="problems.timer_more",
            show=False,
            tooltip="Give the running timer 5 more minutes",
        ),
        Binding(
            "minus",
            "timer_limit(-5)",
            "-5 min",
            id="problems.timer_less",
            show=False,
            tooltip="Take 5 minutes off the running timer",
        ),
        Binding(
            "escape",
            "clear_filter",
            "Clear",
            id="problems.clear",
            show=False,
            tooltip="Clear the filter and go back to the table",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.query_state = Query()
        self._generation = 0
        self._fetched = 0
        self._total = 0
        self._last_group: str | None = None
        self._loading_more = False
        self._filter_timer: Timer | None = None
        self._choices: Any = None
        self._choices_due = False
        self._views: list[tuple[str, str]] = [*FIXED_VIEWS, *TAIL_VIEWS]
        self._stats: dict[str, Any] = {}
        # A problem to put the cursor on at the next reload, wherever it is in the list: ``_pending_select`` is asked
        # for from outside (a study block's Open; see select_problem) and clears filters that hide it;
        # ``_select_after_write`` is this screen's own (the problem just saved, the queue's next item).
        self._pending_select: str | None = None
        self._select_after_write: str | None = None
        self._queue_cache: Any = None
        self._header: Any = None
        self._data_version = 0
        self._detail_for: tuple[int | None, int] | None = None
        self._shown: dict[str, Any] = {}  # the plain problem list's rows by key (empty in other views)
        self._rated_row: Any = None  # set while the app reloads this screen after a rating
        self._first_read = True  # the first page is read as the screen mounts (see _refresh)

    # ------------------------------------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        choices = self._first_choices()
        patterns, lists, companies = (
            (
                text_choices((n, n) for n in names)
                for names in (choices.patterns, choices.lists, choices.companies)
            )
            if choices is not None
            else ([], [], [])
        )
        yield from self.compose_tabs()
        with Horizontal(id="problems-toolbar"):
            yield Input(placeholder="/ filter: title, number, gist, tags", id="problems-filter")
            yield Dropdown(DIFFICULTY_OPTIONS, prompt="difficulty", id="qf-difficulty")
            yield Dropdown(patterns, prompt="pattern", id="qf-pattern")
            yield Dropdown(lists, prompt="list", id="qf-list")
            yield Dropdown(companies, prompt="company", id="qf-company")
            yield Dropdown(STATUS_OPTIONS, prompt="mastery/due", id="qf-status")
        yield ViewTabs(self._views, self.query_state.view, id="problem-views")
        yield Static("", id="problems-status", markup=False)
        yield TimerBar(id="problem-timer")
        with Horizontal(id="problems-body"):
            table = ProblemTable(id="problems-table", cursor_type="row", zebra_stripes=True)
            yield table
            yield ProblemDetailPane(id="problem-detail")
        yield from self.compose_footer()

    def _first_choices(self) -> Any:
        """The filter choices, read as the screen is built so that its dropdowns and list tabs are composed with
        them (filling them later lays the screen out again). None if the read failed: the worker reads them."""
        from tracker.services.base import ServiceError
        from tracker.services.problems import tag_choices

        try:
            choices = tag_choices(self.db)
        except (ServiceError, sqlite3.Error):
            return None
        self._choices = choices
        self._views = [*FIXED_VIEWS, *((f"list:{n}", n) for n in choices.lists), *TAIL_VIEWS]
        return choices

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#problems-table", DataTable))
        self.reload()

    # ------------------------------------------------------------------------------------------------ loading
    def reload(self) -> None:
        """Load again after a write, keeping the rows already paged in and the selected problem."""
        self._queue_cache = None
        self._data_version += 1  # the detail pane loads again even for the same problem
        rated, self._rated_row = self._rated_row, None
        if rated is not None and self._update_rated_row(rated):
            self._show_detail_now()
            return
        self._choices_due = True  # read once this page is shown (see _apply)
        table = self.query_one("#problems-table", DataTable)
        seek = "open" if self._pending_select else "write" if self._select_after_write else ""
        select = self._pending_select or self._select_after_write or self._cursor_key(table)
        self._pending_select = self._select_after_write = None
        self._refresh(keep=max(PAGE, self._fetched), select=select, seek=seek)

    def select_problem(self, problem_id: int) -> None:
        """Put the cursor on a problem wherever it is in the list (the rows down to it are loaded); filters or a
        view that hide it are cleared."""
        self._pending_select = f"p:{problem_id}"
        self.reload()

    def _update_rated_row(self, row: Any) -> bool:
        """After a rating, update the rated row's cells in place when the rating cannot change which rows the
        list shows or their order (a full reload would give the same table); False when it must reload."""
        q = self.query_state
        if q.view != "all" and not q.view.startswith("list:"):
            return False  # the queue, weak, grouped and stats views depend on ratings
        if q.status or q.order_by in RATING_SORTS:
            return False
        key = f"p:{row.id}"
        old = self._shown.get(key)
        if old is None:
            return False  # not among the rows paged in (its page may still change): reload
        if q.search.strip() and old.gist != row.gist:
            return False  # the text filter searches gists
        table = self.query_one("#problems-table", DataTable)
        try:
            current = table.get_row(key)
        except RowDoesNotExist:
            return False
        for (column, _, _), before, after in zip(
            TABLE_COLUMNS, current, problem_cells(row, clock()), strict=True
        ):
            if text_key(before) != text_key(after):
                table.update_cell(key, column, after)
        self._shown[key] = row
        return True

    def _query_changed(self) -> None:
        self._refresh(keep=PAGE, select=None)

    def _refresh(self, *, keep: int, select: str | None, seek: str = "") -> None:
        """Read the list again; ``seek``: read on until ``select`` is among the rows ("write", "open"), and clear
        filters that hide it ("open")."""
        self._generation += 1
        self._loading_more = False
        cursor = self.query_one("#problems-table", DataTable).cursor_row
        if (
            self._first_read
            and self.query_state.view not in ORM_VIEWS
            and self._read_at_once(keep, select, seek)
        ):
            return
        fetch = self._fetch_with_orm if self.query_state.view in ORM_VIEWS else self._fetch
        fetch(self._generation, self.query_state, keep, select, cursor, seek)

    def _read_at_once(self, limit: int, select: str | None, seek: str) -> bool:
        """The area's first page and the first row's detail, read as the screen mounts: a few
        milliseconds of plain SQL on a year of data (the page is ``PAGE`` rows), so the first frame shows them.
        A worker would compete for the GIL with the screen being built and land two or three frames later, each
        laying the screen out again. Filtering, paging and reloads use the workers."""
        from tracker.services.base import ServiceError

        self._first_read = False
        try:
            page = self._build_page(self._generation, self.query_state, 0, limit, True, select, None, seek)
            page.detail = self._prefetch_detail(page, 0)
        except (ServiceError, sqlite3.Error):
            return False  # the worker reads it again and reports what went wrong
        # the filter choices were read as the screen was composed (_first_choices), unless that read failed
        self._choices_due = self._choices is None
        self._apply(page, at_once=True)
        return True

    @raw_work(exclusive=True, group="problems-page")
    def _fetch(
        self, generation: int, q: Query, limit: int, select: str | None, cursor: int, seek: str
    ) -> None:
        """The first ``limit`` rows for ``q``, replacing the table's, with the detail of the row the cursor lands on
        (``select`` if it is among them, else the row at ``cursor``, the cursor row when they were asked for).
        Plain SQL: the area's first page needs no ORM."""
        self._fetch_page(generation, q, limit, select, cursor, seek)

    @db_work(exclusive=True, group="problems-page", paint_first=True)
    def _fetch_with_orm(
        self, generation: int, q: Query, limit: int, select: str | None, cursor: int, seek: str
    ) -> None:
        """As ``_fetch``, for the views whose services use the ORM (the review queue, pattern stats)."""
        self._fetch_page(generation, q, limit, select, cursor, seek)

    def _fetch_page(
        self, generation: int, q: Query, limit: int, select: str | None, cursor: int, seek: str
    ) -> None:
        from tracker.services.base import ServiceError

        try:
            page = self._build_page(generation, q, 0, limit, True, select, None, seek)
            page.detail = self._prefetch_detail(page, cursor)
        except ServiceError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self._apply, page)

    def _prefetch_detail(self, page: Page, cursor: int) -> tuple[int, Any, datetime] | None:
        """The detail of the row ``_apply`` will put the cursor on (the asked-for row, else the row at the old
        cursor position), read now so the pane needs no second query."""
        keys = [key for key, _ in page.rows]
        if not keys:
            return None
        key = page.select if page.select in keys else keys[min(max(cursor, 0), len(keys) - 1)]
        pid = problem_id_of(key)
        if pid is None:
            return None
        detail, now = self._read_detail(pid)
        return None if detail is None else (pid, detail, now)

    def _build_page(
        self,
        generation: int,
        q: Query,
        offset: int,
        limit: int,
        replace_rows: bool,
        select: str | None,
        last_group: str | None,
        seek: str = "",
    ) -> Page:
        from tracker.services import problems as svc

        now = clock()
        db = self.db
        rows: list[tuple[str, list[Text]]] = []
        status = Text()
        if q.view == "due":
            from tracker.services.queue import review_queue

            view = self._queue_cache
            if view is None:  # computed once per visit or write; typing a filter reuses it
                view = self._queue_cache = review_queue(db, now=now)
            entries = [e for e in view.entries if _matches(e.problem, q, now)]
            rows = [(f"p:{e.problem.id}", queue_cells(e)) for e in entries]
            status.append(f"{len(entries)} to work now", style="bold")
            if len(entries) != len(view.entries):
                status.append(f" (of {len(view.entries)}, filtered)")
            status.append(f" · {view.summary}", style="dim")
            if view.entries:
                status.append(" · lifted items have a round coming up", style="dim")
            return Page(generation, rows, len(entries), len(entries), status, True, select, seek=seek)
        if q.view == "stats":
            from tracker.services.stats import pattern_stats

            stats = [s for s in pattern_stats(db) if q.search.strip().lower() in s.pattern.lower()]
            rows = [(f"s:{s.pattern}", stats_cells(s)) for s in stats]
            status.append(f"{len(stats)} patterns, weakest first", style="bold")
            status.append(
                " · weak = last rating no clue or has bugs · Enter shows a pattern's problems", style="dim"
            )
            return Page(generation, rows, len(stats), len(stats), status, True, select)
        flt = q.to_filter(now)
        if q.view == "patterns":
            from tracker.services.stats import pattern_stats

            self._stats = {s.pattern: s for s in pattern_stats(db)}
            total = svc.count_grouped_by_pattern(db, flt)
            grouped = svc.list_grouped_by_pattern(db, flt, limit=limit, offset=offset)
            group = last_group if not replace_rows else "\0"
            for g in grouped:
                if g.group != group:
                    group = g.group
                    rows.append(
                        (
                            f"h:{group}:{len(rows) + offset}",
                            group_header(group, self._stats.get(group or ""), len(TABLE_COLUMNS)),
                        )
                    )
                rows.append((f"g:{g.problem.id}:{g.group}", problem_cells(g.problem, now)))
            status.append(f"{total} problem rows grouped by pattern", style="bold")
            status.append(self._sort_text(q), style="dim")
            return Page(generation, rows, len(grouped), total, status, replace_rows, select, group)
        total, found = svc.problem_page(db, flt, limit=limit, offset=offset)
        if seek and replace_rows:
            found = self._read_down_to(flt, problem_id_of(select), total, found)
        rows = [(f"p:{r.id}", problem_cells(r, now)) for r in found]
        shown = {f"p:{r.id}": r for r in found}
        if total == 0 and not q.filtered and q.view == "all":
            status.append(
                "No problems yet: press n to add one, or load Blind 75 / NeetCode 150 from the palette (Ctrl+P)."
            )
        else:
            status.append(f"{total} problem{'s' if total != 1 else ''}", style="bold")
            status.append(self._sort_text(q), style="dim")
            if q.filtered:
                what = "the text" if q.search.strip() else "the filters"
                status.append(f" · filtered (Esc clears {what})", style="dim")
        return Page(generation, rows, len(found), total, status, replace_rows, select, shown=shown, seek=seek)

    def _read_down_to(self, flt: Any, problem_id: int | None, total: int, found: list[Any]) -> list[Any]:
        """The first rows of the list, read on (in growing pages) until they hold the problem asked for or the
        list ends: a problem far down a long list is selected where it is."""
        from tracker.services.problems import problem_page

        if problem_id is None:
            return found
        found = list(found)
        chunk = max(PAGE, len(found))
        while all(row.id != problem_id for row in found) and len(found) < total:
            _, more = problem_page(self.db, flt, limit=chunk, offset=len(found))
            if not more:
                break
            found.extend(more)
            chunk *= 2
        return found

    @staticmethod
    def _sort_text(q: Query) -> str:
        label = {k: lbl for k, lbl, _ in TABLE_COLUMNS}.get(q.order_by, q.order_by)
        return f" · sorted by {label or '#'} {'↓' if q.descending else '↑'} (s, S or click a header)"

    def _columns(self) -> tuple[tuple[str, str, int], ...]:
        view = self.query_state.view
        return QUEUE_COLUMNS if view == "due" else STATS_COLUMNS if view == "stats" else TABLE_COLUMNS

    def _apply(self, page: Page, *, at_once: bool = False) -> None:
        if page.generation != self._generation:
            return  # a newer query has been asked for
        if self.app._exit or self._pruning:
            return  # the app is quitting: a page read meanwhile has nowhere to go
        if self._choices_due:
            # The filter choices after the rows: filling the three dropdowns lays the screen out again (~50 ms on a
            # first visit), which used to land before the first page and hold it back.
            self._choices_due = False
            self.call_after_refresh(self._load_choices)
        table = self.query_one("#problems-table", DataTable)
        # One line of fixed size (app.tcss): a new text repaints it without laying the screen out again.
        self.query_one("#problems-status", Static).update(page.status, layout=False)
        if page.replace:
            old_row: int | None = table.cursor_row
            q = self.query_state
            sorted_by = (q.order_by, q.descending) if q.view not in ("due", "stats") else None
            header = (self._columns(), sorted_by)
            if header != self._header:  # typing a filter keeps the columns: only the rows change
                # Pattern stats have no problem to show beside them: the table takes the detail pane's room.
                self.set_class(q.view == "stats", "-pattern-stats")
                table.clear(columns=True)
                for key, label, width in self._columns():
                    text = Text(label)
                    if key == q.order_by and sorted_by is not None:
                        text.append(" ▼" if q.descending else " ▲", style="bold")
                    table.add_column(text, width=width, key=key)
                if self._header is None or header[0] != self._header[0]:
                    old_row = None  # other columns, other rows (pattern stats ↔ problems): start at the top
                self._header = header
            else:
                table.clear()
            self._fetched = 0
            self._shown = {}
        else:
            old_row = None
        for key, cells in page.rows:
            table.add_row(*cells, key=key)
        if page.shown:
            self._shown.update(page.shown)
        self._fetched += page.fetched
        self._total = page.total
        self._last_group = page.last_group
        self._loading_more = False
        if page.replace:
            index = None
            if page.select:
                try:
                    index = table.get_row_index(page.select)
                except RowDoesNotExist:  # the row is gone (filtered out, deleted)
                    index = None
            if index is None and page.seek == "open" and self._unhide(page.select):
                return  # read again without the filters that hid the problem asked for
            if index is None and old_row is not None:
                index = min(old_row, max(0, table.row_count - 1))
            if table.row_count:
                table.move_cursor(row=index or 0, animate=False)
            if page.detail is not None and page.detail[0] == self.selected_id:
                pid, detail, now = page.detail
                self._detail_for = (pid, self._data_version)
                pane = self.query_one("#problem-detail", ProblemDetailPane)
                if at_once:  # the screen's first frame is still to come: everything goes in it
                    pane.show(detail, now)
                else:  # the table first: the pane (which may lay the screen out again) fills the frame after
                    self.call_after_refresh(pane.show, detail, now)
            self._schedule_detail()

    def _maybe_load_more(self, row: int) -> None:
        table = self.query_one("#problems-table", DataTable)
        if self._loading_more or self.query_state.view in ("due", "stats"):
            return
        if self._fetched < self._total and row >= table.row_count - 15:
            self._loading_more = True
            fetch = self._fetch_more_with_orm if self.query_state.view in ORM_VIEWS else self._fetch_more
            fetch(self._generation, self.query_state, self._fetched, self._last_group)

    @raw_work(group="problems-more")
    def _fetch_more(self, generation: int, q: Query, offset: int, last_group: str | None) -> None:
        self._more(generation, q, offset, last_group)

    @db_work(group="problems-more", paint_first=True)
    def _fetch_more_with_orm(self, generation: int, q: Query, offset: int, last_group: str | None) -> None:
        self._more(generation, q, offset, last_group)

    def _more(self, generation: int, q: Query, offset: int, last_group: str | None) -> None:
        page = self._build_page(generation, q, offset, PAGE, False, None, last_group)
        self.app.call_from_thread(self._apply, page)

    @raw_work(exclusive=True, group="problems-choices")
    def _load_choices(self) -> None:
        from tracker.services.problems import tag_choices

        choices = tag_choices(self.db)
        self.app.call_from_thread(self._show_choices, choices)

    def _show_choices(self, choices: Any) -> None:
        if choices == self._choices:
            return
        self._choices = choices
        for sel_id, names in (
            ("#qf-pattern", choices.patterns),
            ("#qf-list", choices.lists),
            ("#qf-company", choices.companies),
        ):
            select = self.query_one(sel_id, Dropdown)
            current = select.value
            with select.prevent(Dropdown.Changed):
                select.set_options(text_choices((n, n) for n in names))
                if isinstance(current, str) and current in names:
                    select.value = current
        views = [*FIXED_VIEWS, *((f"list:{n}", n) for n in choices.lists), *TAIL_VIEWS]
        if views != self._views:
            self.query_one("#problem-views", ViewTabs).set_views(views)
            self._views = views
            if self.query_state.view not in {key for key, _ in views}:
                self._switch_view("all")  # the list shown is gone

    # ------------------------------------------------------------------------------------------------ detail
    def _schedule_detail(self) -> None:
        wanted = (self.selected_id, self._data_version)
        if wanted == self._detail_for:
            return  # already shown (or on its way): the same problem and no write since
        self._detail_for = wanted
        self._fetch_detail(wanted[0])

    def _read_detail(self, problem_id: int | None) -> tuple[Any, datetime]:
        """The detail pane's content for a problem (None when there is none, or it is gone) and the moment read."""
        from tracker.services.base import NotFound
        from tracker.services.problems import problem_detail

        now = clock()
        if problem_id is None:
            return None, now
        try:
            return problem_detail(self.db, problem_id, now=now), now
        except NotFound:
            return None, now

    def _show_detail_now(self) -> None:
        """Fill the detail pane on the UI thread, right after a write made there: one small read, and the pane
        changes in the same frame as the table instead of a frame or two later."""
        wanted = (self.selected_id, self._data_version)
        if wanted == self._detail_for:
            return
        detail, now = self._read_detail(wanted[0])
        self._detail_for = wanted
        self.query_one("#problem-detail", ProblemDetailPane).show(detail, now)

    @raw_work(exclusive=True, group="problem-detail")
    def _fetch_detail(self, problem_id: int | None) -> None:
        detail, now = self._read_detail(problem_id)
        if get_current_worker().is_cancelled:
            return  # the cursor has moved on; a newer load will show its problem
        self.app.call_from_thread(self.query_one("#problem-detail", ProblemDetailPane).show, detail, now)

    @staticmethod
    def _cursor_key(table: DataTable[Any]) -> str | None:
        if not table.row_count:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except CellDoesNotExist:
            return None
        return None if key.value is None else str(key.value)

    @property
    def selected_id(self) -> int | None:
        return problem_id_of(self._cursor_key(self.query_one("#problems-table", DataTable)))

    @on(DataTable.RowHighlighted, "#problems-table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._schedule_detail()
        self._maybe_load_more(event.cursor_row)

    @on(DataTable.RowSelected, "#problems-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        key = str(event.row_key.value or "")
        if key.startswith("s:"):
            self.query_state = replace(self.query_state, pattern=key[2:])
            dropdown = self.query_one("#qf-pattern", Dropdown)
            if dropdown.has_choice(key[2:]):  # its choices may be a read behind
                with dropdown.prevent(Dropdown.Changed):
                    dropdown.value = key[2:]
            self._switch_view("all")
        elif problem_id_of(key) is not None:
            self.action_edit()

    @on(DataTable.HeaderSelected, "#problems-table")
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value or "")
        if self.query_state.view in ("due", "stats"):
            self.notify("This view has its own order (most urgent first)", markup=False)
            return
        if key not in SORTABLE_KEYS:
            return
        q = self.query_state
        descending = not q.descending if q.order_by == key else False
        self.query_state = replace(q, order_by=key, descending=descending)
        self._query_changed()

    # ------------------------------------------------------------------------------------------------ filters
    @on(Input.Changed, "#problems-filter")
    def _filter_typed(self, event: Input.Changed) -> None:
        self.query_state = replace(self.query_state, search=event.value)
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self._query_changed)

    @on(Input.Submitted, "#problems-filter")
    def _filter_done(self) -> None:
        """Enter applies the filter at once (no waiting for the debounce) and goes back to the table."""
        if self._filter_timer is not None:
            self._filter_timer.stop()
            self._filter_timer = None
            self._query_changed()
        self.query_one("#problems-table", DataTable).focus()

    @on(Dropdown.Changed)
    def _quick_filter(self, event: Dropdown.Changed) -> None:
        field = {
            "qf-difficulty": "difficulty",
            "qf-pattern": "pattern",
            "qf-list": "list_name",
            "qf-company": "company",
            "qf-status": "status",
        }.get(event.select.id or "")
        if field is None:
            return
        value = event.value if isinstance(event.value, str) else None
        if getattr(self.query_state, field) == value:
            return  # options were refreshed, nothing the user chose changed
        changes: dict[str, Any] = {field: value}
        self.query_state = replace(self.query_state, **changes)
        self._query_changed()

    @on(ViewTabs.Chosen, "#problem-views")
    def _view_tab(self, event: ViewTabs.Chosen) -> None:
        event.stop()
        if event.key != self.query_state.view:
            self._switch_view(event.key)

    def _switch_view(self, key: str) -> None:
        self._queue_cache = None
        self.query_state = replace(self.query_state, view=key)
        self.query_one("#problem-views", ViewTabs).show(key)
        self.refresh_bindings()
        self._query_changed()

    def action_view(self, step: int) -> None:
        keys = [k for k, _ in self._views]
        current = keys.index(self.query_state.view) if self.query_state.view in keys else 0
        self._switch_view(keys[(current + step) % len(keys)])

    def action_clear_filter(self) -> None:
        """Esc: clears the filter text; with no text, the quick filters (difficulty, pattern, list, company,
        mastery/due); then back to the table."""
        box = self.query_one("#problems-filter", Input)
        if box.value:
            box.value = ""
        elif self.query_state.filtered:
            self._clear_filters()
            self._query_changed()
        self.query_one("#problems-table", DataTable).focus()

    def _clear_filters(self) -> None:
        """Empty the filter box and the quick filters, without the reads their changes would each start."""
        if self._filter_timer is not None:
            self._filter_timer.stop()
            self._filter_timer = None
        box = self.query_one("#problems-filter", Input)
        with box.prevent(Input.Changed):
            box.value = ""
        for dropdown in self.query("#problems-toolbar Dropdown").results(Dropdown):
            with dropdown.prevent(Dropdown.Changed):
                dropdown.clear()
        self.query_state = replace(
            self.query_state,
            search="",
            difficulty=None,
            pattern=None,
            company=None,
            list_name=None,
            status=None,
        )

    def _unhide(self, select: str | None) -> bool:
        """A problem asked for from elsewhere is not in the list: when filters or the view may hide it, clear them
        and read again (True)."""
        q = self.query_state
        if problem_id_of(select) is None or not (q.filtered or q.view != "all"):
            return False
        self._clear_filters()
        if q.view != "all":
            self._queue_cache = None
            self.query_state = replace(self.query_state, view="all")
            self.query_one("#problem-views", ViewTabs).show("all")
            self.refresh_bindings()
        self.notify("Filters cleared to show the problem asked for", markup=False)
        self._refresh(keep=PAGE, select=select, seek="open")
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("sort_next", "sort_reverse") and self.query_state.view in ("due", "stats"):
            return False  # these views have their own order: the footer does not offer a sort
        return super().check_action(action, parameters)

    def action_sort_next(self) -> None:
        if self.query_state.view in ("due", "stats"):
            self.notify("This view has its own order (most urgent first)", markup=False)
            return
        keys = [k for k, _, _ in TABLE_COLUMNS]
        q = self.query_state
        nxt = keys[(keys.index(q.order_by) + 1) % len(keys)] if q.order_by in keys else "number"
        self.query_state = replace(q, order_by=nxt, descending=False)
        self._query_changed()

    def action_sort_reverse(self) -> None:
        self.query_state = replace(self.query_state, descending=not self.query_state.descending)
        self._query_changed()

    # ------------------------------------------------------------------------------------------------ actions
    def _need_selection(self) -> int | None:
        pid = self.selected_id
        if pid is None:
            self.notify("Select a problem first", severity="warning", markup=False)
        return pid

    def _refused(self, exc: Exception) -> None:
        """A service refused an action: one line says why. A problem that is gone (deleted from the command line
        or another window) also leaves the list, which is read again."""
        from tracker.services.base import NotFound

        if isinstance(exc, NotFound):
            self.notify(
                f"That problem is gone ({exc}): the list is read again.", severity="error", markup=False
            )
            self.app.data_changed("all")  # type: ignore[attr-defined]
            return
        self.notify(str(exc), severity="error", markup=False)

    def action_rate(self) -> None:
        pid = self._need_selection()
        if pid is not None:
            self.open_rating(pid)

    def _next_key_after(self, problem_id: int) -> str | None:
        """In the queue, the item after the one just rated (the rated one usually leaves the queue)."""
        table = self.query_one("#problems-table", DataTable)
        try:
            index = table.get_row_index(f"p:{problem_id}")
        except RowDoesNotExist:
            return None
        if index + 1 >= table.row_count:
            return None
        key = table.coordinate_to_cell_key(Coordinate(index + 1, 0)).row_key.value
        return None if key is None else str(key)

    def open_rating(
        self, problem_id: int, *, minutes: int | None = None, timed: SolveTimer | None = None
    ) -> None:
        """The rate dialog for a problem. ``timed``: the solve timer being stopped; it stops for good when the
        rating is saved, and runs on if the dialog is cancelled (its minutes are not lost)."""
        from tracker.services.base import NotFound, ServiceError
        from tracker.services.problems import get_problem, preview_rating
        from tracker.tui.modals.rate import RateModal

        now = clock()
        try:
            row = get_problem(self.db, problem_id)
            previews = preview_rating(self.db, problem_id, at=now)
        except ServiceError as exc:
            if timed is not None and isinstance(exc, NotFound):
                self._stop_timer(timed)  # its problem is gone: nothing to rate
            self._refused(exc)
            return
        title = f"#{row.number} {row.title}" if row.number else row.title
        self.app.push_screen(
            RateModal(problem_id, title, previews, now, minutes=minutes, gist=row.gist),
            lambda result: self._rated(result, timed),
        )

    def _stop_timer(self, timed: SolveTimer) -> None:
        current = get_timer(self.app)
        if (
            current is not None
            and current.started == timed.started
            and current.problem_id == timed.problem_id
        ):
            set_timer(self.app, None)
        self.query_one("#problem-timer", TimerBar).tick()

    def _rated(self, result: Any, timed: SolveTimer | None = None) -> None:
        if result is None:
            if timed is not None and get_timer(self.app) is not None:
                self.notify("The timer runs on: t stops it and rates again.", markup=False)
            return
        if timed is not None:
            self._stop_timer(timed)
        from tracker.domain.when import humanize_delta

        due = result.next_due_at
        self.notify(
            f"{result.problem.title}: {result.rating.replace('-', ' ')} · next review "
            f"{due.astimezone():%a %d %b} ({humanize_delta(due, clock())})",
            markup=False,
        )
        if self.query_state.view == "due":
            self._select_after_write = self._next_key_after(result.problem.id)
        self._rated_row = result.problem  # lets reload() update just this row when nothing else can change
        self.app.data_changed("all")  # type: ignore[attr-defined]
        self._rated_row = None

    def action_timer(self) -> None:
        timer = get_timer(self.app)
        if timer is not None:
            # The timer stops when the rating is saved: cancelling the dialog keeps the timed session
            self.open_rating(timer.problem_id, minutes=timer.minutes(), timed=timer)
            return
        pid = self._need_selection()
        if pid is None:
            return
        import time

        from tracker.services.base import ServiceError
        from tracker.services.problems import get_problem
        from tracker.services.queue import timer_limit_for

        try:
            row = get_problem(self.db, pid)
            limit = timer_limit_for(self.db, row.difficulty)
        except ServiceError as exc:
            self._refused(exc)
            return
        set_timer(self.app, SolveTimer(pid, row.title, limit, time.monotonic()))
        self.query_one("#problem-timer", TimerBar).tick()
        self.notify(f"Timer started: {row.title}, {limit} min. Press t to stop and rate.", markup=False)

    def action_timer_limit(self, delta: int) -> None:
        timer = get_timer(self.app)
        if timer is None:
            return
        set_timer(self.app, timer.with_limit(timer.limit_minutes + delta))
        self.query_one("#problem-timer", TimerBar).tick()

    def _choices_now(self) -> Any:
        from tracker.services.problems import tag_choices

        return tag_choices(self.db)

    def action_new(self) -> None:
        from tracker.tui.modals.problem_form import ProblemFormModal

        self.app.push_screen(ProblemFormModal(self._choices_now()), self._saved)

    def action_edit(self) -> None:
        from tracker.services.base import ServiceError
        from tracker.services.problems import problem_detail
        from tracker.tui.modals.problem_form import ProblemFormModal

        pid = self._need_selection()
        if pid is None:
            return
        try:
            detail = problem_detail(self.db, pid)
        except ServiceError as exc:
            self._refused(exc)
            return
        self.app.push_screen(ProblemFormModal(self._choices_now(), detail=detail), self._saved)

    def _saved(self, row: Any) -> None:
        if row is None:
            return
        self.notify(f"Saved: {row.title}", markup=False)
        self._select_after_write = f"p:{row.id}"
        self.app.data_changed("all")  # type: ignore[attr-defined]

    def action_delete(self) -> None:
        from tracker.services.base import ServiceError
        from tracker.services.problems import get_problem
        from tracker.tui.modals.problem_form import ConfirmModal

        pid = self._need_selection()
        if pid is None:
            return
        try:
            row = get_problem(self.db, pid)
        except ServiceError as exc:
            self._refused(exc)
            return
        question = Text("Delete ")
        question.append(row.title, style="bold")
        question.append(
            f" and its {row.attempts} attempt{'s' if row.attempts != 1 else ''}? (ctrl+z brings it back.)"
        )

        def done(yes: bool | None) -> None:
            if not yes:
                return
            from tracker.services.base import ServiceError
            from tracker.services.problems import remove_problem

            try:
                removed = remove_problem(self.db, pid)
            except ServiceError as exc:
                self._refused(exc)
                return
            self.app.deleted(removed)  # type: ignore[attr-defined]
            self.app.data_changed("all")  # type: ignore[attr-defined]

        self.app.push_screen(ConfirmModal(question), done)
