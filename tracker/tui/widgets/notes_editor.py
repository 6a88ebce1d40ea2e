"""Markdown notes edited in a TextArea beside a rendered preview: the one notes editor of every page with notes.

The widget keeps what was last saved and saves through the page's ``save`` callable: a moment after typing stops,
when the page asks (ctrl+s, leaving the page) and when it is removed. Nothing typed is lost: notes that arrive after
the user began typing go before what was typed. The preview follows the text a moment after typing stops, and only
while it is shown (Markdown widgets are costly). The page shows the status ("unsaved changes", "notes saved") from
the ``NotesEditor.Status`` messages, wherever its layout puts it."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Markdown, TextArea

UNSAVED = Text("unsaved changes", style="yellow")
SAVED = Text("notes saved", style="green")


class NotesEditor(Widget):
    autosave_seconds: ClassVar[float] = 2.0  # save this long after typing stops
    preview_seconds: ClassVar[float] = 0.3  # render the preview this long after typing stops

    DEFAULT_CSS = """
    NotesEditor {
        width: 1fr;
        height: 1fr;
        layout: horizontal;
        overflow: hidden hidden;
    }
    NotesEditor > TextArea {
        width: 1fr;
        height: 1fr;
        border: round $primary;
        border-title-color: $accent;
    }
    NotesEditor > Markdown {
        width: 1fr;
        height: 1fr;
        border: round $panel;
        border-title-color: $text-muted;
        overflow-y: auto;
        padding: 0 1;
    }
    """

    class Status(Message):
        """The status line should now read ``text`` (empty when a new document is shown)."""

        def __init__(self, editor: NotesEditor, text: Text) -> None:
            super().__init__()
            self.editor = editor
            self.text = text

        @property
        def control(self) -> NotesEditor:
            return self.editor

    def __init__(
        self,
        save: Callable[[str], object],
        *,
        editor_id: str | None = None,
        preview_id: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """``save(text)`` writes the notes; a ServiceError it raises is shown and the text stays unsaved."""
        super().__init__(id=id, classes=classes)
        self._save = save
        self.saved_text = ""
        self._previewed = ""
        self._autosave: Timer | None = None
        self._preview_timer: Timer | None = None
        self.editor = TextArea(id=editor_id, language="markdown", soft_wrap=True, show_line_numbers=False)
        self.editor.border_title = "Notes (Markdown)"
        self.preview = Markdown("", id=preview_id)
        self.preview.border_title = "Preview"

    def compose(self) -> ComposeResult:
        yield self.editor
        yield self.preview

    # ------------------------------------------------------------------ state
    @property
    def text(self) -> str:
        return self.editor.text

    @property
    def dirty(self) -> bool:
        """True while the text differs from what was last saved (or loaded)."""
        return self.editor.text != self.saved_text

    @property
    def editing(self) -> bool:
        return self.editor.has_focus

    # ------------------------------------------------------------------ documents
    def clear(self) -> None:
        """Make ready for another document: nothing pending, empty editor, preview shown, status line empty."""
        self._stop_timers()
        if self.editor.text:
            self.editor.load_text("")
        self.saved_text = ""
        self.preview.display = True
        self.post_message(self.Status(self, Text()))

    def load(self, notes: str) -> None:
        """Show saved ``notes``; text typed before they arrived is kept after them (and stays unsaved)."""
        typed = self.editor.text if self.dirty else ""
        self.saved_text = notes
        text = notes + ("\n" if notes and typed else "") + typed
        if self.editor.text != text:
            self.editor.load_text(text)
        self._render_preview(home=True)

    def save(self, *, confirm: bool = False) -> bool:
        """Write the text if it changed; True when everything is saved. ``confirm`` says "notes saved" even when
        there was nothing to write (an explicit save)."""
        from tracker.services.base import ServiceError

        text = self.editor.text
        if text != self.saved_text:
            try:
                self._save(text)
            except ServiceError as exc:
                self.notify(f"Notes not saved: {exc}", severity="error", markup=False)
                return False
            self.saved_text = text
        elif not confirm:
            return True
        self.post_message(self.Status(self, SAVED))
        return True

    # ------------------------------------------------------------------ editing
    def edit(self) -> None:
        self.editor.focus()

    def stop_editing(self) -> None:
        """Leave the editor (keys act on the page again) and save."""
        self.screen.set_focus(None)
        self.save()

    def leave(self) -> bool:
        """Esc on the page: out of the editor first (saving); otherwise True when the page may close (all saved)."""
        if self.editing:
            self.stop_editing()
            return False
        return self.save()

    def toggle_preview(self) -> None:
        self.preview.display = not self.preview.display
        self._render_preview()

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        if event.text_area is not self.editor or not self.dirty:
            return
        self._stop_timers()
        self._autosave = self.set_timer(self.autosave_seconds, self.save)
        self._preview_timer = self.set_timer(self.preview_seconds, self._render_preview)
        self.post_message(self.Status(self, UNSAVED))

    def _render_preview(self, *, home: bool = False) -> None:
        text = self.editor.text
        if not self.preview.display or text == self._previewed:
            return
        self._previewed = text
        self.preview.update(text)
        if home:
            self.preview.scroll_home(animate=False)

    def _stop_timers(self) -> None:
        for timer in (self._autosave, self._preview_timer):
            if timer is not None:
                timer.stop()
        self._autosave = self._preview_timer = None

    def on_unmount(self) -> None:
        try:
            self.save()
        except Exception:  # the app may be shutting down; never raise from unmount
            pass
