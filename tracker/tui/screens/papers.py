"""Papers: a table with views (reading list, read this month, all), filter as you type, filters by status,
domain and topic, sorting; add, edit, delete, mark read; the way to topic pages and the Q&A catalog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Static

from tracker.domain.words import has_words
from tracker.tui.screens.base import AreaScreen, filter_binding, sort_bindings
from tracker.tui.widgets.dropdown import Dropdown
from tracker.tui.widgets.paged_table import PagedTable
from tracker.tui.widgets.text import choices as text_choices
from tracker.tui.widgets.text import plain
from tracker.tui.work import raw_work

NARROW_WIDTH = 100  # below this many columns the view switcher shows only the current view
VIEWS = (("all", "All"), ("reading-list", "Reading list"), ("this-month", "Read this month"))
STATUS_STYLE = {"to-read": "dim", "reading": "yellow", "read": "green", "revisit": "magenta"}
STATUS_ORDER = {"reading": 0, "revisit": 1, "to-read": 2, "read": 3}
STATUS_CYCLE = ("to-read", "reading", "read", "revisit")
COLUMNS = (
    ("title", "Title", 36),
    ("authors", "Authors", 16),
    ("year", "Year", 4),
    ("venue", "Venue", 8),
    ("domain", "Domain", 10),
    ("topics", "Topics", 14),
    ("status", "Status", 7),
    ("when", "Read on", 10),
    ("tldr", "TL;DR", 60),
)
SORTS: dict[str, Callable[[Any], Any]] = {
    "title": lambda p: p.title.casefold(),
    "authors": lambda p: (p.authors or "~").casefold(),
    "year": lambda p: p.year or 0,
    "venue": lambda p: (p.venue or "~").casefold(),
    "domain": lambda p: (p.domain or "~").casefold(),
    "topics": lambda p: ", ".join(p.topics).casefold() or "~",
    "status": lambda p: STATUS_ORDER.get(p.status, 9),
    "when": lambda p: p.read_on.isoformat() if p.read_on else "",
    "tldr": lambda p: (p.tldr or "~").casefold(),
}


def status_text(status: str) -> Text:
    return Text(status.replace("-", " "), style=STATUS_STYLE.get(status, ""))


def matches(paper: Any, words: list[str]) -> bool:
    texts = (
        paper.title,
        paper.authors or "",
        paper.venue or "",
        paper.domain or "",
        paper.tldr or "",
        *paper.topics,
    )
    return has_words(words, texts)


class PapersScreen(AreaScreen):
    AREA = "papers"
    FILTER_BOX = "papers-filter"
    NOW: ClassVar[datetime | None] = None  # tests freeze "this month" and the reading list's "next rounds"
    BINDINGS: ClassVar[list[BindingType]] = [
        filter_binding("papers.filter"),
        Binding("v", "next_view", "View", id="papers.view", tooltip="Reading list / read this month / all"),
        Binding("a", "add", "Add", id="papers.add", tooltip="Add a paper by title, arXiv id or URL"),
        Binding("e", "edit", "Edit", id="papers.edit", tooltip="Edit the selected paper"),
        Binding(
            "r", "mark_read", "Read", id="papers.read", tooltip="Mark read (asks for a TL;DR if missing)"
        ),
        Binding(
            "s", "cycle_status", "Status", id="papers.status", tooltip="Next status: to read → reading → …"
        ),
        Binding(
            "d", "delete", "Delete", id="papers.delete", tooltip="Delete the selected paper (asks first)"
        ),
        Binding("x", "drill", "Drill", id="papers.drill", tooltip="20-minute explain-this-paper drill"),
        *sort_bindings("papers", "the view's own order"),
        Binding("t", "topics", "Topics", id="papers.topics", tooltip="Topic pages"),
        Binding("q", "questions", "Q&A", id="papers.questions", tooltip="Technical Q&A catalog"),
        Binding(
            "escape", "clear_filter", "Clear", id="papers.clear", tooltip="Clear the filters", show=False
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view = "all"
        self.rows: list[Any] = []
        self.shown: list[Any] = []
        self.sort_key: str | None = None
        self.sort_reverse = False
        self.loaded = False
        self._facet_values: dict[str, list[str]] = {}
        self._page: Any = None  # the paper page, kept and refilled for every paper opened from this list
        self._version: Any = None
        self._loaded_version: int | None = None
        self._loaded_day: Any = None

    def compose(self) -> ComposeResult:
        yield from self.compose_tabs()
        with Horizontal(id="papers-bar"):
            yield Static("", id="papers-view")
            yield Input(
                placeholder="/ to filter: title, authors, TL;DR, topic", id="papers-filter", compact=True
            )
            yield Dropdown([], prompt="any status", id="papers-status")
            yield Dropdown([], prompt="any domain", id="papers-domain")
            yield Dropdown([], prompt="any topic", id="papers-topic")
        yield Static("", id="listing-status", markup=False)
        yield PagedTable(id="listing", cursor_type="row", zebra_stripes=True)
        yield from self.compose_footer()

    def on_mount(self) -> None:
        from tracker.tui.screens.dashboard import DataVersion

        self._version = DataVersion(self.db)
        self.query_one("#papers-status", Dropdown).set_options(
            [(s.replace("-", " "), s) for s in STATUS_CYCLE]
        )
        self._columns()
        self.set_focus(self.query_one("#listing", DataTable))
        self.reload(first=True)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Pages, topics and Q&A are pushed over this screen and write papers, other areas and processes write
        # too: refresh on return when anything was committed since the last load (or the day changed).
        stale = getattr(self.app, "stale", {}).pop(self.AREA, False)
        if self.loaded and (stale or self._written_since_load()):
            self.reload()

    def on_unmount(self) -> None:
        if self._version is not None:
            self._version.close()

    def _written_since_load(self) -> bool:
        if self._version is None or self._loaded_version is None:
            return True
        return self._version.current() != self._loaded_version or self._today() != self._loaded_day

    def _today(self) -> Any:
        return (self.now() or datetime.now()).date()

    def now(self) -> datetime | None:
        return self.NOW

    # ------------------------------------------------------------------ loading
    def reload(self, *, first: bool = False) -> None:
        if self._version is not None:
            self._loaded_version = self._version.current()
            self._loaded_day = self._today()
        if first:  # as the screen is built: in its first frame (AreaScreen.read_first)
            from tracker.services.papers import list_papers

            db, view, now = self.db, self.view, self.now()
            self.read_first(
                lambda: list_papers(db, view=view, now=now), lambda rows: self._loaded(view, rows)
            )
            return
        self.cancel_late_read()
        self._load(self.view)

    @raw_work(exclusive=True, group="papers")  # list_papers is plain SQL
    def _load(self, view: str) -> None:
        from tracker.services.papers import list_papers

        rows = list_papers(self.db, view=view, now=self.now())
        self.app.call_from_thread(self._loaded, view, rows)

    def _loaded(self, view: str, rows: list[Any]) -> None:
        if view != self.view:
            return
        if self.loaded and rows == self.rows:
            return  # nothing changed (back from a page that wrote nothing): keep the table as it is
        self.rows = rows
        self.loaded = True
        self._facets()
        self.refresh_table()

    def _facets(self) -> None:
        for wid, values in (
            ("#papers-domain", sorted({p.domain for p in self.rows if p.domain})),
            ("#papers-topic", sorted({t for p in self.rows for t in p.topics}, key=str.casefold)),
        ):
            select = self.query_one(wid, Dropdown)
            current = select.value
            if self._facet_values.get(wid) == values:
                continue
            self._facet_values[wid] = values
            with select.prevent(Dropdown.Changed):
                select.set_options(text_choices((v, v) for v in values))
                if current in values:
                    select.value = current

    def _columns(self) -> None:
        table = self.query_one("#listing", DataTable)
        table.clear(columns=True)
        for key, label, width in self.columns():
            if key == "when" and self.view == "reading-list":
                label, width = "For round", 24
            marker = ""
            if key == self.sort_key:
                marker = " ▼" if self.sort_reverse else " ▲"
            table.add_column(Text(label + marker), width=width + len(marker), key=key)  # ours, not markup

    def filtered(self) -> list[Any]:
        words = self.query_one("#papers-filter", Input).value.casefold().split()
        status = self.query_one("#papers-status", Dropdown).value
        domain = self.query_one("#papers-domain", Dropdown).value
        topic = self.query_one("#papers-topic", Dropdown).value
        out = []
        for p in self.rows:
            if isinstance(status, str) and p.status != status:
                continue
            if isinstance(domain, str) and p.domain != domain:
                continue
            if isinstance(topic, str) and topic not in p.topics:
                continue
            if words and not matches(p, words):
                continue
            out.append(p)
        if self.sort_key:
            out.sort(key=SORTS[self.sort_key], reverse=self.sort_reverse)
        return out

    def columns(self) -> list[tuple[str, str, int]]:
        """The reading list shows which upcoming round a paper is for right after its title."""
        if self.view != "reading-list":
            return list(COLUMNS)
        when = next(c for c in COLUMNS if c[0] == "when")
        rest = [c for c in COLUMNS if c[0] not in ("when", "status")]
        return [rest[0], when, *rest[1:]]

    def cells(self, p: Any) -> list[Text]:
        when = p.next_round if self.view == "reading-list" else (p.read_on.isoformat() if p.read_on else "")
        by_key = {
            "title": plain(p.title, "bold" if p.status == "reading" else ""),
            "authors": plain(p.authors or ""),
            "year": plain(p.year or ""),
            "venue": plain(p.venue or ""),
            "domain": plain(p.domain or ""),
            "topics": plain(", ".join(p.topics)),
            "status": status_text(p.status),
            "when": plain(when or ""),
            "tldr": plain(p.tldr or "", "" if p.tldr else "dim"),
        }
        return [by_key[key] for key, _, _ in self.columns()]

    def refresh_table(self, keep: int | None = None) -> None:
        table = self.query_one("#listing", PagedTable)
        current = keep if keep is not None else self.selected_id()
        self.shown = self.filtered()
        table.fill(
            self.shown,
            key=lambda p: str(p.id),
            cells=self.cells,
            select=None if current is None else str(current),
        )
        self._status_line()

    def on_resize(self) -> None:
        if self.is_mounted:
            self._status_line()

    def _status_line(self) -> None:
        label = {"all": "All papers"}.get(self.view) or dict(VIEWS)[self.view]
        views = Text()
        narrow = (
            self.size.width < NARROW_WIDTH
        )  # room for the filter and its three dropdowns: only the current view
        for key, name in VIEWS:
            if key == self.view:
                views.append(f" {name} ", style="reverse bold")
            elif not narrow:
                views.append(f" {name} ", style="dim")
        if narrow:
            views.append(" v", style="dim")
        self.query_one("#papers-view", Static).update(views)
        total = len(self.rows)
        shown = len(self.shown)
        line = f"{label}: {shown} of {total}" if shown != total else f"{label}: {total}"
        if not self.rows:
            line += {
                "all": "  No papers yet: press a to add one, or load the seminal papers from the palette (ctrl+p).",
                "reading-list": "  Nothing to read: papers you mark 'to read' land here, first those on the"
                " topics of your next rounds.",
                "this-month": "  Nothing read this month yet.",
            }[self.view]
        elif self.view == "reading-list" and self.sort_key is None:
            line += "  (papers on the topics of your next rounds first)"
        if self.rows and self.sort_key is not None:
            column = next((name for key, name, _ in self.columns() if key == self.sort_key), self.sort_key)
            if self.sort_key == "when" and self.view == "reading-list":
                column = "For round"
            line += f"  · sorted by {column} {'↓' if self.sort_reverse else '↑'} (o, O or click a header)"
        self.query_one("#listing-status", Static).update(Text(line))

    # ------------------------------------------------------------------ filters
    @on(Input.Changed, "#papers-filter")
    @on(Dropdown.Changed)
    def _filters_changed(self) -> None:
        if self.loaded:
            self.refresh_table()

    @on(Input.Submitted, "#papers-filter")
    def _filter_done(self) -> None:
        self.query_one("#listing", DataTable).focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#papers-filter", Input)
        with self.prevent(Input.Changed, Dropdown.Changed):
            box.value = ""
            for wid in ("#papers-status", "#papers-domain", "#papers-topic"):
                self.query_one(wid, Dropdown).clear()
        self.query_one("#listing", DataTable).focus()
        self.refresh_table()

    def set_view(self, view: str) -> None:
        self.view = view
        self.rows = []
        self.loaded = False
        self._columns()
        self.refresh_table()
        self.reload()

    def action_next_view(self) -> None:
        keys = [k for k, _ in VIEWS]
        self.set_view(keys[(keys.index(self.view) + 1) % len(keys)])

    def action_sort_next(self) -> None:
        """The next column, as the problems area's s: Title, Authors, … TL;DR, then the view's own order."""
        keys: list[str | None] = [key for key, _, _ in self.columns()]
        keys.append(None)
        current = keys.index(self.sort_key) if self.sort_key in keys else len(keys) - 1
        key = keys[(current + 1) % len(keys)]
        self.sort_key = key
        self.sort_reverse = key in ("year", "when")  # newest first
        self._columns()
        self.refresh_table()

    def action_sort_reverse(self) -> None:
        if self.sort_key is None:
            self.notify("Not sorted by a column: o sorts by the next one", markup=False)
            return
        self.sort_by(self.sort_key)

    @on(DataTable.HeaderSelected, "#listing")
    def _header(self, event: DataTable.HeaderSelected) -> None:
        self.sort_by(str(event.column_key.value))

    def sort_by(self, key: str) -> None:
        if key == self.sort_key:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_key = key
            self.sort_reverse = key in ("year", "when")
        self._columns()
        self.refresh_table()

    # ------------------------------------------------------------------ selection
    def selected_id(self) -> int | None:
        table = self.query_one("#listing", DataTable)
        if not self.shown or table.row_count == 0:
            return None
        row = min(table.cursor_row, len(self.shown) - 1)
        return self.shown[row].id if row >= 0 else None

    def selected(self) -> Any | None:
        pid = self.selected_id()
        return next((p for p in self.shown if p.id == pid), None)

    def _need_paper(self) -> Any | None:
        """The selected paper, or a notification saying there is none (a footer key never does nothing)."""
        paper = self.selected()
        if paper is None:
            self.notify("No paper selected: press a to add one.", severity="warning", markup=False)
        return paper

    @on(DataTable.RowSelected, "#listing")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.open_paper(int(event.row_key.value))

    def open_paper(self, paper_id: int) -> None:
        """Open the paper's page, painted at once with what this list knows; the page loads the rest."""
        from tracker.tui.screens.paper_page import PaperPageScreen

        row = next((p for p in self.shown if p.id == paper_id), None)
        page = self._page
        if page is not None and page.is_mounted and page not in self.app.screen_stack:
            page.show_paper(paper_id, row)
        else:
            page = PaperPageScreen(paper_id, row)
            if self._page is None:
                # Installed, the page outlives being popped: the next paper reuses it (no compose, no restyle).
                self.app.install_screen(page, f"paper-page-{id(self)}")
                self._page = page
        self.app.push_screen(page)

    # ------------------------------------------------------------------ actions
    def _changed(self) -> None:
        self.app.data_changed("dashboard")  # type: ignore[attr-defined]
        self.app.data_changed("papers")  # type: ignore[attr-defined]

    def action_add(self) -> None:
        from tracker.services.papers import add_paper
        from tracker.tui.modals.paper_form import PaperFormModal

        def save(values: dict[str, Any]) -> Any:
            return add_paper(self.db, **_paper_args(values))

        def done(row: Any) -> None:
            if row is not None:
                self.notify(f"Added: {row.title}", markup=False)
                self._changed()
                self._select_after_reload(row.id)

        self.app.push_screen(PaperFormModal(save), done)

    def _select_after_reload(self, paper_id: int) -> None:
        def again() -> None:
            if any(p.id == paper_id for p in self.shown):
                self.refresh_table(keep=paper_id)

        self.set_timer(0.2, again)

    def action_edit(self) -> None:
        paper = self._need_paper()
        if paper is None:
            return
        edit_paper(self, paper.id)

    def action_delete(self) -> None:
        from tracker.services.papers import remove_paper

        paper = self._need_paper()
        if paper is None:
            return
        self.confirm_delete(
            f"Delete “{paper.title}” and its notes?", lambda: remove_paper(self.db, paper.id), self._changed
        )

    def action_mark_read(self) -> None:
        paper = self._need_paper()
        if paper is not None:
            change_status(self, paper.id, paper.title, "read", has_tldr=bool(paper.tldr))

    def action_cycle_status(self) -> None:
        paper = self._need_paper()
        if paper is None:
            return
        nxt = STATUS_CYCLE[(STATUS_CYCLE.index(paper.status) + 1) % len(STATUS_CYCLE)]
        change_status(self, paper.id, paper.title, nxt, has_tldr=bool(paper.tldr))

    def action_drill(self) -> None:
        paper = self._need_paper()
        if paper is not None:
            start_drill(self, paper.id, paper.title)

    def action_topics(self) -> None:
        from tracker.tui.screens.topics import TopicsScreen

        self.app.push_screen(TopicsScreen())

    def action_questions(self) -> None:
        from tracker.tui.screens.qa import QAScreen

        self.app.push_screen(QAScreen())


def _paper_args(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": values.get("title"),
        "arxiv_id": values.get("arxiv_id") or None,
        "url": values.get("url") or None,
        "authors": values.get("authors") or None,
        "year": values.get("year") or None,
        "venue": values.get("venue") or None,
        "domain": values.get("domain") or None,
        "status": values.get("status") or "to-read",
        "tldr": values.get("tldr") or None,
        "topics": values.get("topics") or [],
    }


def refused(screen: Any, exc: Exception) -> None:
    """A service refused an action on a paper: one line says why. A paper that is gone (deleted from the command
    line or another window) also leaves the list, which is read again."""
    from tracker.services.base import NotFound

    screen.notify(str(exc), severity="error", markup=False)
    if isinstance(exc, NotFound):
        screen.app.data_changed("papers")
        screen.app.data_changed("dashboard")


def edit_paper(screen: Any, paper_id: int, after: Callable[[], None] | None = None) -> None:
    """Open the edit form for a paper; saving writes through the service and refreshes the papers area."""
    from tracker.services.base import ServiceError
    from tracker.services.papers import get_paper, update_paper
    from tracker.tui.modals.paper_form import PaperFormModal

    try:
        detail = get_paper(screen.db, paper_id)
    except ServiceError as exc:
        refused(screen, exc)
        return
    p = detail.paper
    values: dict[str, Any] = {
        "title": p.title,
        "authors": p.authors,
        "year": p.year,
        "venue": p.venue,
        "domain": p.domain,
        "topics": p.topics,
        "arxiv_id": p.arxiv_id,
        "url": p.url,
        "tldr": p.tldr,
        "status": p.status,
    }

    def changed(key: str, value: Any) -> bool:
        old = values.get(key)
        if key == "topics":
            return list(value or []) != list(old or [])
        return str(value or "").strip() != str(old if old is not None else "").strip()

    def save(new: dict[str, Any]) -> Any:
        changes = {k: v for k, v in new.items() if changed(k, v)}
        return update_paper(screen.db, paper_id, **changes) if changes else p

    def done(row: Any) -> None:
        if row is not None:
            screen.app.data_changed("papers")
            if after is not None:
                after()

    screen.app.push_screen(PaperFormModal(save, values=values, heading="Edit paper"), done)


def change_status(
    screen: Any,
    paper_id: int,
    title: str,
    status: str,
    *,
    has_tldr: bool,
    after: Callable[[], None] | None = None,
) -> None:
    """Set a paper's status; marking it read asks for the TL;DR when it has none, and records the date."""
    from tracker.services.base import ServiceError
    from tracker.services.papers import TldrRequired, set_status
    from tracker.tui.modals.paper_tldr import TldrModal

    def apply(tldr: str | None = None) -> None:
        try:
            row = set_status(screen.db, paper_id, status, tldr=tldr)
        except TldrRequired:
            screen.app.push_screen(TldrModal(title), lambda text: apply(text) if text else None)
            return
        except ServiceError as exc:
            refused(screen, exc)
            return
        msg = f"Read on {row.read_on.isoformat()}: {row.title}" if status == "read" and row.read_on else None
        screen.notify(msg or f"{row.title}: {status.replace('-', ' ')}", markup=False)
        screen.app.data_changed("papers")
        screen.app.data_changed("dashboard")
        if after is not None:
            after()

    if status == "read" and not has_tldr:
        screen.app.push_screen(TldrModal(title), lambda text: apply(text) if text else None)
    else:
        apply()


def start_drill(screen: Any, paper_id: int, title: str, after: Callable[[], None] | None = None) -> None:
    from tracker.services.base import ServiceError
    from tracker.services.papers import append_drill, get_paper
    from tracker.tui.modals.drill import DrillModal

    try:
        get_paper(screen.db, paper_id)  # no 20-minute drill on a paper that is gone
    except ServiceError as exc:
        refused(screen, exc)
        return

    def done(result: Any) -> None:
        if result is None:
            return
        try:
            append_drill(screen.db, paper_id, result.answers, minutes_used=result.minutes_used)
        except ServiceError as exc:
            refused(screen, exc)
            return
        screen.notify("Drill answers added to the notes.", markup=False)
        screen.app.data_changed("papers")
        if after is not None:
            after()

    screen.app.push_screen(DrillModal(title), done)
