"""Topic pages: the list (with a stale mark for topics not reviewed lately) and one topic's page: area, Markdown
notes with a preview, last reviewed, and what links to it (papers, questions, rounds)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Input, Select, Static

from tracker.tui.modals.paper_topic import AREAS
from tracker.tui.screens.base import AreaScreen, filter_binding
from tracker.tui.widgets.notes_editor import NotesEditor
from tracker.tui.widgets.text import plain
from tracker.tui.work import db_work

AREA_LABEL = {v: k for k, v in AREAS}


def reviewed_text(when: datetime | None, stale: bool) -> Text:
    out = Text(
        when.astimezone().strftime("%Y-%m-%d") if when else "never", style="dim" if when is None else ""
    )
    if stale:
        out.append("  stale", style="bold yellow")
    return out


class TopicsScreen(AreaScreen):
    """Every topic page, stale ones marked; Enter opens one."""

    AREA = "papers"
    FILTER_BOX = "topics-filter"
    NOW: ClassVar[datetime | None] = None  # tests freeze the stale mark
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="topics.back", tooltip="Back to papers"),
        filter_binding("topics.filter"),
        Binding("a", "add", "Add", id="topics.add", tooltip="New topic page"),
        Binding(
            "m", "mark_reviewed", "Reviewed", id="topics.reviewed", tooltip="Mark the topic reviewed now"
        ),
        Binding("e", "rename", "Rename", id="topics.rename", tooltip="Rename or change the area"),
        Binding("d", "delete", "Delete", id="topics.delete", tooltip="Delete the topic page (asks first)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Any] = []
        self.shown: list[Any] = []
        self.stale_days = 14

    def compose(self) -> ComposeResult:
        yield from self.compose_tabs()
        with Horizontal(id="topics-bar"):
            yield Input(placeholder="/ to filter topics", id="topics-filter", compact=True)
            yield Select([(k, v) for k, v in AREAS], prompt="any area", id="topics-area", compact=True)
        yield Static("", id="listing-status", markup=False)
        table: DataTable[Any] = DataTable(id="topics-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield from self.compose_footer()

    def on_mount(self) -> None:
        table = self.query_one("#topics-table", DataTable)
        for key, label, width in (
            ("name", "Topic", 34),
            ("area", "Area", 14),
            ("reviewed", "Last reviewed", 18),
            ("papers", "Papers", 6),
            ("questions", "Questions", 9),
            ("rounds", "Rounds", 6),
        ):
            table.add_column(label, key=key, width=width)
        table.focus()
        self.reload()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        self.reload()

    def reload(self) -> None:
        self._load()

    @db_work(exclusive=True, group="topics", paint_first=True)
    def _load(self) -> None:
        from tracker.services.topics import list_topics, stale_days

        rows = list_topics(self.db, now=self.NOW)
        days = stale_days(self.db)
        self.app.call_from_thread(self._loaded, rows, days)

    def _loaded(self, rows: list[Any], days: int) -> None:
        self.rows = rows
        self.stale_days = days
        self.refresh_table()

    def refresh_table(self) -> None:
        table = self.query_one("#topics-table", DataTable)
        keep = self.selected()
        words = self.query_one("#topics-filter", Input).value.casefold().split()
        area = self.query_one("#topics-area", Select).value
        self.shown = [
            t
            for t in self.rows
            if (not isinstance(area, str) or t.area == area) and all(w in t.name.casefold() for w in words)
        ]
        table.clear()
        for t in self.shown:
            table.add_row(
                plain(t.name, "bold"),
                plain(AREA_LABEL.get(t.area, t.area)),
                reviewed_text(t.last_reviewed_at, t.stale),
                plain(t.papers or ""),
                plain(t.questions or ""),
                plain(t.rounds or ""),
                key=str(t.id),
            )
        if keep is not None:
            for i, t in enumerate(self.shown):
                if t.id == keep.id:
                    table.move_cursor(row=i, animate=False)
        stale = sum(1 for t in self.rows if t.stale)
        line = f"Topics: {len(self.rows)}, {stale} stale (not reviewed in {self.stale_days} days)"
        if not self.rows:
            line = "No topic pages yet: press a to add one (e.g. Transformers, Ranking metrics, Dynamic programming)."
        self.query_one("#listing-status", Static).update(Text(line))

    @on(Input.Changed, "#topics-filter")
    @on(Select.Changed, "#topics-area")
    def _filter(self) -> None:
        self.refresh_table()

    @on(Input.Submitted, "#topics-filter")
    def _filter_done(self) -> None:
        self.query_one("#topics-table", DataTable).focus()

    def selected(self) -> Any | None:
        table = self.query_one("#topics-table", DataTable)
        if not self.shown or table.row_count == 0:
            return None
        return self.shown[min(max(table.cursor_row, 0), len(self.shown) - 1)]

    @on(DataTable.RowSelected, "#topics-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.app.push_screen(TopicPageScreen(int(event.row_key.value)))

    def action_back(self) -> None:
        if self.query_one("#topics-filter", Input).has_focus:
            self.query_one("#topics-table", DataTable).focus()
            return
        self.app.pop_screen()

    def action_add(self) -> None:
        from tracker.services.topics import add_topic
        from tracker.tui.modals.paper_topic import TopicFormModal

        def done(row: Any) -> None:
            if row is not None:
                self.notify(f"Added topic: {row.name}", markup=False)
                self.app.data_changed("papers")  # type: ignore[attr-defined]

        self.app.push_screen(TopicFormModal(lambda name, area: add_topic(self.db, name, area=area)), done)

    def action_rename(self) -> None:
        from tracker.services.topics import update_topic
        from tracker.tui.modals.paper_topic import TopicFormModal

        topic = self.selected()
        if topic is None:
            return

        def done(row: Any) -> None:
            if row is not None:
                self.app.data_changed("papers")  # type: ignore[attr-defined]

        self.app.push_screen(
            TopicFormModal(
                lambda name, area: update_topic(self.db, topic.id, name=name, area=area),
                name=topic.name,
                area=topic.area,
            ),
            done,
        )

    def action_mark_reviewed(self) -> None:
        from tracker.services.base import ServiceError
        from tracker.services.topics import mark_reviewed

        topic = self.selected()
        if topic is None:
            return
        try:
            mark_reviewed(self.db, topic.id)
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(f"Reviewed: {topic.name}", markup=False)
        self.app.data_changed("papers")  # type: ignore[attr-defined]

    def action_delete(self) -> None:
        from tracker.services.topics import remove_topic

        topic = self.selected()
        if topic is None:
            return
        self.confirm_delete(
            f"Delete the topic page “{topic.name}” and its notes? Papers and questions stay.",
            lambda: remove_topic(self.db, topic.id),
            lambda: self.app.data_changed("papers"),  # type: ignore[attr-defined]
        )


class TopicPageScreen(AreaScreen):
    """One topic: area, last reviewed (stale mark), Markdown notes with a preview, and what links to it."""

    AREA = "papers"
    AUTO_FOCUS = ""  # keys act on the page; n starts editing the notes
    NOW: ClassVar[datetime | None] = None
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="topic.back", tooltip="Save the notes and go back"),
        Binding("ctrl+s", "save", "Save", id="topic.save", tooltip="Save the notes now"),
        Binding(
            "n", "edit_notes", "Notes", id="topic.notes", tooltip="Edit the notes (Esc leaves the editor)"
        ),
        Binding("m", "mark_reviewed", "Reviewed", id="topic.reviewed", tooltip="Mark the topic reviewed now"),
        Binding("e", "rename", "Rename", id="topic.rename", tooltip="Rename or change the area"),
        Binding(
            "p", "toggle_preview", "Preview", id="topic.preview", tooltip="Show or hide the rendered notes"
        ),
    ]

    def __init__(self, topic_id: int) -> None:
        super().__init__()
        self.topic_id = topic_id
        self.page: Any = None
        self.notes = NotesEditor(self._write_notes, editor_id="topic-notes", preview_id="topic-preview")

    def compose(self) -> ComposeResult:
        yield from self.compose_tabs()
        with Vertical(id="topic-head"):
            yield Static("", id="topic-title")
            yield Static("", id="topic-meta")
        with Horizontal(id="topic-body"):
            yield self.notes
            with VerticalScroll(id="topic-links"):
                yield Static("", id="topic-links-text")
        yield Static("", id="topic-saved")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#topic-links", VerticalScroll).border_title = "Linked"
        self.load(notes=True)

    def load(self, *, notes: bool = False) -> None:
        from tracker.services.base import ServiceError
        from tracker.services.topics import topic_page

        try:
            self.page = topic_page(self.db, self.topic_id, now=self.NOW)
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            self.app.pop_screen()
            return
        t = self.page.topic
        self.query_one("#topic-title", Static).update(Text(t.name, style="bold"))
        meta = Text(AREA_LABEL.get(t.area, t.area))
        meta.append("  ·  last reviewed ", style="dim")
        meta.append_text(reviewed_text(t.last_reviewed_at, t.stale))
        self.query_one("#topic-meta", Static).update(meta)
        self.query_one("#topic-links-text", Static).update(self.links_text())
        if notes:
            self.notes.load(self.page.notes)

    def links_text(self) -> Text:
        from tracker.tui.screens.papers import status_text

        out = Text()
        out.append(f"Papers ({len(self.page.papers)})\n", style="bold")
        for p in self.page.papers:
            out.append("• ")
            out.append(p.title)
            out.append("  ")
            out.append_text(status_text(p.status))
            out.append("\n")
        out.append(f"\nQuestions ({len(self.page.questions)})\n", style="bold")
        for q in self.page.questions:
            out.append("• ")
            out.append(q.text)
            if q.confidence:
                out.append(f"  {q.confidence}/5", style="dim")
            out.append("\n")
        out.append(f"\nRounds ({len(self.page.rounds)})\n", style="bold")
        for r in self.page.rounds:
            out.append("• ")
            out.append(f"{r.company} · {r.kind}")
            if r.scheduled_at:
                out.append(f"  {r.scheduled_at.astimezone().strftime('%Y-%m-%d')}", style="dim")
            out.append("\n")
        return out

    def reload(self) -> None:
        self.load(notes=False)

    def _write_notes(self, text: str) -> None:
        from tracker.services.topics import save_topic_notes

        save_topic_notes(self.db, self.topic_id, text)

    @on(NotesEditor.Status)
    def _notes_status(self, event: NotesEditor.Status) -> None:
        self.query_one("#topic-saved", Static).update(event.text)

    def action_save(self) -> None:
        self.notes.save()

    def action_edit_notes(self) -> None:
        self.notes.edit()

    def action_back(self) -> None:
        if self.notes.leave():
            self.app.pop_screen()

    def action_toggle_preview(self) -> None:
        self.notes.toggle_preview()

    def action_mark_reviewed(self) -> None:
        from tracker.services.base import ServiceError
        from tracker.services.topics import mark_reviewed

        self.notes.save()
        try:
            mark_reviewed(self.db, self.topic_id, now=self.NOW)
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify("Marked reviewed.", markup=False)
        self.load(notes=False)

    def action_rename(self) -> None:
        from tracker.services.topics import update_topic
        from tracker.tui.modals.paper_topic import TopicFormModal

        if self.page is None:
            return
        t = self.page.topic

        def done(row: Any) -> None:
            if row is not None:
                self.load(notes=False)

        self.app.push_screen(
            TopicFormModal(
                lambda name, area: update_topic(self.db, self.topic_id, name=name, area=area),
                name=t.name,
                area=t.area,
            ),
            done,
        )
