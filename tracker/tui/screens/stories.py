"""STAR stories: the list with strength, questions answered and rehearsals; a preview; write, link, rehearse."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Input, Static

from tracker.domain.star import STAR_FIELDS, format_duration
from tracker.domain.words import has_words
from tracker.tui.screens.base import AreaScreen, filter_binding, sort_bindings
from tracker.tui.widgets.paged_table import PagedTable
from tracker.tui.widgets.text import plain
from tracker.tui.work import raw_work


def story_matches(story: Any, words: list[str]) -> bool:
    """Every word of the filter (folded) in the story's title, tags or STAR text."""
    star = (story.situation or "", story.task or "", story.action or "", story.result or "")
    return has_words(words, (story.title, *story.tags, *star))


def day(value: Any) -> Text:
    if value is None:
        return Text("—", style="dim")
    return Text(value.astimezone().strftime("%Y-%m-%d"))


def story_cells(s: Any) -> list[Text]:
    return [
        plain(s.title),
        plain(", ".join(s.tags), style="dim"),
        strength_text(s.strength),
        plain(len(s.question_ids)),
        plain(f"{s.rehearsals}×" if s.rehearsals else "never", style="" if s.rehearsals else "red"),
        day(s.last_rehearsed_at),
        plain(format_duration(s.counts.seconds)),
    ]


@dataclass(frozen=True)
class StoriesData:
    stories: list[Any]
    questions: dict[int, Any]  # behavioral QuestionRow by id
    coverage: Any


def _stories_data(db: Any) -> StoriesData:
    """What the area shows, read in plain SQL (a worker, or the first read as the screen is built)."""
    from tracker.services.stories import stories_overview

    stories, questions, coverage = stories_overview(db)
    return StoriesData(stories, {q.id: q for q in questions}, coverage)


COLUMNS = (
    ("title", "Title", 38),
    ("tags", "Tags", 24),
    ("strength", "Strength", 8),
    ("questions", "Questions", 9),
    ("rehearsals", "Rehearsed", 9),
    ("last", "Last", 10),
    ("length", "Length", 6),
)
SORTS: dict[str, Any] = {
    "title": lambda s: s.title.casefold(),
    "tags": lambda s: ", ".join(s.tags).casefold() or "~",
    "strength": lambda s: s.strength,  # weakest first: the ones to work on
    "questions": lambda s: len(s.question_ids),
    "rehearsals": lambda s: s.rehearsals,
    "last": lambda s: s.last_rehearsed_at.isoformat() if s.last_rehearsed_at else "",  # never rehearsed first
    "length": lambda s: s.counts.seconds,
}
"""How ``o`` (or a click on a header) orders the list by each column; ``O`` reverses. Ties keep the title order."""


def strength_text(n: int) -> Text:
    style = "red" if n <= 2 else ("yellow" if n == 3 else "green")
    return Text("★" * n + "☆" * (5 - n), style=style)


class StoriesScreen(AreaScreen):
    AREA = "stories"
    FILTER_BOX = "stories-filter"
    BINDINGS: ClassVar[list[BindingType]] = [
        filter_binding("stories.filter", "Filter by title, tags or STAR text"),
        Binding(
            "escape", "clear_filter", "Clear", id="stories.clear", tooltip="Clear the filter", show=False
        ),
        Binding("n", "new", "New story", id="stories.new", tooltip="Write a new STAR story"),
        Binding("e", "edit", "Edit", id="stories.edit", tooltip="Edit the selected story"),
        Binding("r", "rehearse", "Rehearse", id="stories.rehearse", tooltip="Tell the story against a timer"),
        Binding(
            "l", "link", "Questions", id="stories.link", tooltip="Choose the questions this story answers"
        ),
        Binding("c", "coverage", "Coverage", id="stories.coverage", tooltip="Which questions have a story"),
        Binding("d", "delete", "Delete", id="stories.delete", tooltip="Delete the selected story"),
        *sort_bindings("stories", "by title"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: StoriesData | None = None
        self.sort_key: str | None = None  # None: by title, as read
        self.sort_reverse = False

    def compose(self) -> ComposeResult:
        yield from self.compose_tabs()
        with Horizontal(id="stories-bar"):
            yield Input(placeholder="/ to filter: title, tags, STAR text", id="stories-filter", compact=True)
            yield Static("", id="stories-status")
        table = PagedTable(id="stories-table", cursor_type="row", zebra_stripes=True)
        yield table
        with VerticalScroll(id="story-preview"):
            yield Static("", id="story-preview-text")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self._columns()
        self.query_one("#story-preview").border_title = "Story"
        # The list has the keys (1–6, n, e …), not the filter box composed before it; / goes to the box.
        self.set_focus(self.query_one("#stories-table", DataTable))
        self._read_first()

    def _columns(self) -> None:
        table = self.query_one("#stories-table", DataTable)
        table.clear(columns=True)
        for key, label, width in COLUMNS:
            marker = (" ▼" if self.sort_reverse else " ▲") if key == self.sort_key else ""
            # A Text: a str would be parsed as markup.
            table.add_column(Text(label + marker), key=key, width=width + len(marker))

    # ---------------------------------------------------------------------------------------------------- data
    def reload(self) -> None:
        self._load()

    def _read_first(self) -> None:
        """The first load, as the screen is built: in its first frame (AreaScreen.read_first)."""
        db = self.db
        self.read_first(lambda: _stories_data(db), lambda data: self._show_at(data, None))

    def _load(self) -> None:
        self.cancel_late_read()
        self._load_at(None)

    def _show(self, data: StoriesData, select: int | None = None) -> None:
        self.data = data
        keep = select if any(s.id == select for s in data.stories) else self.current_id()
        self._fill(keep)

    def _fill(self, keep: int | None) -> None:
        """The stories the filter lets through, the cursor on ``keep`` when it is among them."""
        data = self.data
        if data is None:
            return
        words = self.query_one("#stories-filter", Input).value.casefold().split()
        shown = [s for s in data.stories if story_matches(s, words)] if words else list(data.stories)
        if self.sort_key is not None:
            shown.sort(key=SORTS[self.sort_key], reverse=self.sort_reverse)
        self.query_one("#stories-table", PagedTable).fill(
            shown,
            key=lambda s: str(s.id),
            cells=story_cells,
            select=None if keep is None else str(keep),
        )
        cov = data.coverage
        status = Text()
        n = len(data.stories)
        if words:
            status.append(f"{len(shown)} of ", style="bold")
        status.append(f"{n} {'story' if n == 1 else 'stories'}", style="bold")
        status.append(f" · {cov.covered}/{cov.total} questions have a story")
        if cov.weak:
            status.append(f" · {cov.weak} weak", style="yellow")
        if cov.uncovered:
            status.append(f" · {cov.uncovered} without a story", style="red")
        if not data.stories:
            status.append("  —  press n to write your first story", style="dim")
        self.query_one("#stories-status", Static).update(status)
        self._preview()

    def current_id(self) -> int | None:
        table = self.query_one("#stories-table", DataTable)
        if table.row_count == 0:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except Exception:
            return None
        return int(key.value) if key.value is not None else None

    def current(self) -> Any | None:
        sid = self.current_id()
        if self.data is None or sid is None:
            return None
        return next((s for s in self.data.stories if s.id == sid), None)

    # -------------------------------------------------------------------------------------------------- filter
    @on(Input.Changed, "#stories-filter")
    def _filter_changed(self) -> None:
        self._fill(self.current_id())

    @on(Input.Submitted, "#stories-filter")
    def _filter_done(self) -> None:
        self.query_one("#stories-table", DataTable).focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#stories-filter", Input)
        if box.value:
            with self.prevent(Input.Changed):
                box.value = ""
            self._fill(self.current_id())
        self.query_one("#stories-table", DataTable).focus()

    # --------------------------------------------------------------------------------------------------- sort
    def action_sort_next(self) -> None:
        """The next column, as in the problems and papers areas: Title, Tags, … Length, then by title again."""
        keys: list[str | None] = [key for key, _, _ in COLUMNS]
        keys.append(None)
        at = keys.index(self.sort_key)
        self._sort(keys[(at + 1) % len(keys)], reverse=False)

    def action_sort_reverse(self) -> None:
        if self.sort_key is None:
            self.notify("Not sorted by a column: o sorts by the next one", markup=False)
            return
        self._sort(self.sort_key, reverse=not self.sort_reverse)

    @on(DataTable.HeaderSelected, "#stories-table")
    def _header(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        self._sort(key, reverse=key == self.sort_key and not self.sort_reverse)

    def _sort(self, key: str | None, *, reverse: bool) -> None:
        keep = self.current_id()
        self.sort_key, self.sort_reverse = key, reverse
        self._columns()
        self._fill(keep)

    # ------------------------------------------------------------------------------------------------- preview
    @on(DataTable.RowHighlighted, "#stories-table")
    def _highlighted(self) -> None:
        self._preview()

    def _preview(self) -> None:
        box = self.query_one("#story-preview-text", Static)
        s = self.current()
        if s is None or self.data is None:
            box.update(Text("No story selected. Press n to write one.", style="dim"))
            return
        counts = s.counts
        t = Text()
        t.append(s.title, style="bold")
        t.append(
            f"   {counts.total} words · ~{format_duration(counts.seconds)} spoken · strength {s.strength}/5\n",
            style="dim",
        )
        for name in STAR_FIELDS:
            t.append(f"{name[0].upper()}  ", style="bold cyan")
            text = " ".join((getattr(s, name) or "").split())
            t.append((text or "—") + "\n")
        t.append("\nAnswers\n", style="bold")
        if not s.question_ids:
            t.append("  no questions yet — press l to link some\n", style="dim")
        for qid in s.question_ids:
            q = self.data.questions.get(qid)
            if q is None:
                continue
            best = q.best_story_id == s.id
            t.append("  ★ " if best else "  • ", style="yellow" if best else "dim")
            t.append(q.text)
            if q.competency:
                t.append(f"  ({q.competency})", style="dim")
            t.append("\n")
        box.update(t)

    # ------------------------------------------------------------------------------------------------- actions
    def _need_story(self) -> Any | None:
        s = self.current()
        if s is None:
            self.notify("No story selected: press n to write one.", severity="warning", markup=False)
        return s

    def action_new(self) -> None:
        from tracker.tui.modals.story_editor import StoryEditorModal

        self.app.push_screen(StoryEditorModal(self.db), self._after_edit)

    @on(DataTable.RowSelected, "#stories-table")
    def action_edit(self) -> None:
        from tracker.tui.modals.story_editor import StoryEditorModal

        s = self._need_story()
        if s is not None:
            self.app.push_screen(StoryEditorModal(self.db, s), self._after_edit)

    def _after_edit(self, row: Any) -> None:
        if row is None:
            return
        self.notify(f"Saved: {row.title}", markup=False)
        self._reload_at(row.id)

    def action_rehearse(self) -> None:
        from tracker.tui.modals.rehearse import RehearseModal

        s = self._need_story()
        if s is not None:
            self.app.push_screen(RehearseModal(self.db, s), self._after_rehearse)

    def _after_rehearse(self, row: Any) -> None:
        if row is None:
            self.notify("Rehearsal not recorded.", markup=False)
            return
        self.notify(f"Rehearsal recorded ({row.rehearsals}× now), strength {row.strength}/5.", markup=False)
        self._reload_at(row.id)

    def action_link(self) -> None:
        from tracker.tui.modals.story_links import StoryLinksModal

        s = self._need_story()
        if s is not None:
            self.app.push_screen(
                StoryLinksModal(
                    self.db, side="story", target_id=s.id, heading=f"Questions answered by: {s.title}"
                ),
                lambda saved: self._reload_at(s.id) if saved else None,
            )

    def action_delete(self) -> None:
        from tracker.tui.modals.story_confirm import StoryConfirmModal

        s = self._need_story()
        if s is None:
            return

        def done(yes: bool | None) -> None:
            if not yes:
                return
            from tracker.services.base import ServiceError
            from tracker.services.stories import remove_story

            try:
                removed = remove_story(self.db, s.id)
            except ServiceError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.app.deleted(removed)  # type: ignore[attr-defined]
            self._reload_at(None)

        self.app.push_screen(
            StoryConfirmModal(
                f"Delete the story “{s.title}”? Its links and rehearsals go too (ctrl+z brings them back)."
            ),
            done,
        )

    def action_coverage(self) -> None:
        from tracker.tui.screens.coverage import CoverageScreen

        self.app.push_screen(CoverageScreen(), lambda _: self._reload_at(self.current_id()))

    def _reload_at(self, story_id: int | None) -> None:
        """Reload after a write, then put the cursor on ``story_id``."""
        # Marks the dashboard stale (it is not in view).
        self.app.data_changed("dashboard")  # type: ignore[attr-defined]
        self.cancel_late_read()
        self._load_at(story_id)

    @raw_work(exclusive=True, group="stories")  # stories, questions and coverage are plain SQL
    def _load_at(self, story_id: int | None) -> None:
        self.app.call_from_thread(self._show_at, _stories_data(self.db), story_id)

    def _show_at(self, data: StoriesData, story_id: int | None) -> None:
        if not self.is_attached:
            return
        self._show(data, story_id)
