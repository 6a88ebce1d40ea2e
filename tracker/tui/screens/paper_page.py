"""One paper: metadata, TL;DR, and Markdown notes edited in a TextArea beside a rendered preview.

Notes save on ctrl+s, a moment after typing stops, and when leaving the page: nothing typed is lost."""

from __future__ import annotations

import sqlite3
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from tracker.tui.screens.base import AreaScreen
from tracker.tui.screens.papers import STATUS_CYCLE, change_status, edit_paper, start_drill, status_text
from tracker.tui.widgets.notes_editor import NotesEditor
from tracker.tui.work import raw_work


class PaperPageScreen(AreaScreen):
    AREA = "papers"
    AUTO_FOCUS = ""  # keys act on the page; n (or a click) starts editing the notes
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="paper.back", tooltip="Save the notes and go back to the list"),
        Binding("ctrl+s", "save", "Save", id="paper.save", tooltip="Save the notes now"),
        Binding(
            "n", "edit_notes", "Notes", id="paper.notes", tooltip="Edit the notes (Esc leaves the editor)"
        ),
        Binding("r", "mark_read", "Read", id="paper.read", tooltip="Mark read (asks for a TL;DR if missing)"),
        Binding("s", "cycle_status", "Status", id="paper.status", tooltip="Next status"),
        Binding("e", "edit", "Edit", id="paper.edit", tooltip="Edit title, authors, TL;DR, topics…"),
        Binding("x", "drill", "Drill", id="paper.drill", tooltip="20-minute explain-this-paper drill"),
        Binding(
            "p", "toggle_preview", "Preview", id="paper.preview", tooltip="Show or hide the rendered notes"
        ),
    ]

    def __init__(self, paper_id: int, row: Any = None) -> None:
        super().__init__()
        self.paper_id = paper_id
        self.row = row
        self.detail: Any = None
        self.notes = NotesEditor(
            self._write_notes, id="paper-body", editor_id="paper-notes", preview_id="paper-preview"
        )

    def compose(self) -> ComposeResult:
        yield from self.compose_tabs()
        with Vertical(id="paper-head"):
            yield Static("", id="paper-title")
            yield Static("", id="paper-meta")
            yield Static("", id="paper-tldr")
        yield self.notes
        yield Static("", id="paper-saved")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.show_paper(self.paper_id, self.row)

    def show_paper(self, paper_id: int, row: Any = None) -> None:
        """Show a paper: its metadata at once from ``row`` (the list's row, if given), then the notes from a
        worker. The papers list keeps one page and shows each paper it opens in it (filling a page costs much
        less than building one)."""
        self.paper_id = paper_id
        self.row = row
        self.detail = None
        self.notes.clear()
        if self.focused is not None:
            self.set_focus(None)
        if row is not None:
            self._paint(row)
        if not self._read_now(paper_id):
            self._fetch(paper_id, True)

    def _read_now(self, paper_id: int) -> bool:
        """The paper and its notes, read as the page opens (one row in plain SQL, ~1 ms), so the page's first
        frame shows them; a worker's result came a frame or two later. False if that failed: the worker reads
        it again and reports what went wrong."""
        from tracker.services.base import ServiceError
        from tracker.services.papers import get_paper

        try:
            detail = get_paper(self.db, paper_id)
        except (ServiceError, sqlite3.Error):
            return False
        self._loaded(paper_id, detail, True)
        return True

    def load(self, *, notes: bool = False) -> None:
        self._fetch(self.paper_id, notes)

    def reload(self) -> None:
        self.load(notes=False)

    @raw_work(exclusive=True, group="paper-page")  # get_paper is plain SQL
    def _fetch(self, paper_id: int, notes: bool) -> None:
        from tracker.services.base import ServiceError
        from tracker.services.papers import get_paper

        try:
            detail = get_paper(self.db, paper_id)
        except ServiceError as exc:
            self.app.call_from_thread(self._missing, paper_id, str(exc))
            return
        self.app.call_from_thread(self._loaded, paper_id, detail, notes)

    def _missing(self, paper_id: int, message: str) -> None:
        if paper_id != self.paper_id:
            return
        self.notify(message, severity="error", markup=False)
        if self.app.screen is self:
            self.app.pop_screen()

    def _loaded(self, paper_id: int, detail: Any, notes: bool) -> None:
        if paper_id != self.paper_id:
            return  # another paper was opened meanwhile
        self.detail = detail
        self._paint(detail.paper)
        if notes:
            self.notes.load(detail.notes)  # keeps what was typed before the notes arrived

    def _paint(self, p: Any) -> None:
        self.query_one("#paper-title", Static).update(Text(p.title, style="bold"))
        meta = Text()
        for part in (p.authors, str(p.year) if p.year else None, p.venue, p.domain):
            if part:
                meta.append(("  ·  " if meta else "") + part)
        if p.arxiv_id:
            meta.append(("  ·  " if meta else "") + f"arXiv {p.arxiv_id}", style="cyan")
        elif p.url:
            meta.append(("  ·  " if meta else "") + p.url, style="cyan")
        meta.append("\n")
        meta.append_text(status_text(p.status))
        if p.read_on:
            meta.append(f"  read on {p.read_on.isoformat()}")
        if p.topics:
            meta.append("  ·  topics: ", style="dim")
            meta.append(", ".join(p.topics))
        self.query_one("#paper-meta", Static).update(meta)
        tldr = Text("TL;DR  ", style="bold")
        tldr.append(
            p.tldr or "none yet: marking the paper read will ask for one", style="" if p.tldr else "dim"
        )
        self.query_one("#paper-tldr", Static).update(tldr)

    # ------------------------------------------------------------------ notes
    def _write_notes(self, text: str) -> None:
        from tracker.services.papers import save_notes

        save_notes(self.db, self.paper_id, text)

    @on(NotesEditor.Status)
    def _notes_status(self, event: NotesEditor.Status) -> None:
        self.query_one("#paper-saved", Static).update(event.text)

    def action_save(self) -> None:
        self.notes.save(confirm=True)

    def action_edit_notes(self) -> None:
        if self.detail is not None:
            self.notes.edit()

    def action_back(self) -> None:
        if self.notes.leave():
            self.app.pop_screen()

    def on_screen_suspend(self) -> None:
        # Leaving the page in any way (back, another area, a form over it, the palette) saves what was typed.
        if self.detail is not None:
            self.notes.save()

    def action_toggle_preview(self) -> None:
        self.notes.toggle_preview()

    # ------------------------------------------------------------------ actions
    def _after(self) -> None:
        self.load(notes=False)

    def action_mark_read(self) -> None:
        if self.detail is None:
            return
        self.notes.save()
        p = self.detail.paper
        change_status(self, p.id, p.title, "read", has_tldr=bool(p.tldr), after=self._after)

    def action_cycle_status(self) -> None:
        if self.detail is None:
            return
        p = self.detail.paper
        nxt = STATUS_CYCLE[(STATUS_CYCLE.index(p.status) + 1) % len(STATUS_CYCLE)]
        change_status(self, p.id, p.title, nxt, has_tldr=bool(p.tldr), after=self._after)

    def action_edit(self) -> None:
        self.notes.save()
        edit_paper(self, self.paper_id, after=self._after)

    def action_drill(self) -> None:
        if self.detail is None:
            return
        if not self.notes.save():
            return

        def after() -> None:
            self.load(notes=True)

        start_drill(self, self.paper_id, self.detail.paper.title, after=after)
