"""The notes editor on its own, in a tiny app: what is typed shows in the preview, is marked unsaved, and is saved on
ctrl+s, a moment after typing stops, and when the app closes; a refused save keeps the text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from tracker.services.base import Invalid
from tracker.tui.widgets.notes_editor import NotesEditor


class NoTimers(NotesEditor):
    autosave_seconds = 3600.0  # saves only when asked
    preview_seconds = 0.001  # at once (Textual timers take no 0)


class Autosaving(NotesEditor):
    autosave_seconds = 0.001
    preview_seconds = 3600.0


class NotesApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "save", "Save", id="t.save", tooltip="Save")]

    def __init__(self, editor: type[NotesEditor] = NoTimers, refuse: bool = False) -> None:
        super().__init__()
        self.written: list[str] = []
        self.refuse = refuse
        self.editor_class = editor

    def compose(self) -> ComposeResult:
        yield self.editor_class(self.write, editor_id="notes", preview_id="preview")
        yield Static("", id="status")

    def write(self, text: str) -> None:
        if self.refuse:
            raise Invalid("the disk is full")
        self.written.append(text)

    @on(NotesEditor.Status)
    def _status(self, event: NotesEditor.Status) -> None:
        self.query_one("#status", Static).update(event.text)

    def action_save(self) -> None:
        self.query_one(NotesEditor).save(confirm=True)

    @property
    def notes(self) -> NotesEditor:
        return self.query_one(NotesEditor)

    def status(self) -> str:
        return str(self.query_one("#status", Static).render())


async def until(pilot: Any, done: Callable[[], bool]) -> None:
    """Let the app run (timers of 0 s, messages) until ``done``; no wall-clock waiting."""
    for _ in range(50):
        if done():
            return
        await pilot.pause()
    assert done()


async def test_typing_previews_marks_unsaved_and_ctrl_s_saves() -> None:
    app = NotesApp()
    async with app.run_test(size=(100, 20)) as pilot:
        notes = app.notes
        assert notes.editor.border_title == "Notes (Markdown)" and notes.preview.border_title == "Preview"
        assert not notes.dirty
        await pilot.press(*"# Idea", "enter", *"[bold]not markup[/]")
        typed = "# Idea\n[bold]not markup[/]"
        assert notes.text == typed and notes.dirty
        await until(pilot, lambda: app.status() == "unsaved changes")
        await until(pilot, lambda: notes.preview.source == typed)
        assert app.written == []

        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.status() == "notes saved")
        assert app.written == [typed] and not notes.dirty

        await pilot.press("ctrl+s")  # nothing new: not written again, still confirmed
        await pilot.pause()
        assert app.written == [typed] and app.status() == "notes saved"


async def test_saved_a_moment_after_typing_stops() -> None:
    app = NotesApp(editor=Autosaving)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.press(*"draft")
        await until(pilot, lambda: app.written[-1:] == ["draft"])
        await until(pilot, lambda: app.status() == "notes saved")
        assert not app.notes.dirty


async def test_a_refused_save_keeps_the_text_unsaved() -> None:
    app = NotesApp(refuse=True)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.press(*"precious")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("Notes not saved: the disk is full" in str(n.message) for n in app._notifications)
        assert app.notes.text == "precious" and app.notes.dirty
        assert not app.notes.save()


async def test_notes_arriving_late_keep_what_was_typed() -> None:
    app = NotesApp()
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.press(*"typed first")
        app.notes.load("# Saved notes")
        assert app.notes.text == "# Saved notes\ntyped first" and app.notes.dirty
        assert app.notes.preview.source == "# Saved notes\ntyped first"
        app.notes.clear()
        await pilot.pause()
        assert app.notes.text == "" and not app.notes.dirty and app.status() == ""
        app.notes.load("other")
        await pilot.pause()
        assert app.notes.text == "other" and not app.notes.dirty


async def test_hidden_preview_renders_when_shown_again() -> None:
    app = NotesApp()
    async with app.run_test(size=(100, 20)) as pilot:
        app.notes.toggle_preview()
        assert not app.notes.preview.display
        await pilot.press(*"- point")
        await pilot.pause()
        assert app.notes.preview.source == ""  # not rendered while hidden
        app.notes.toggle_preview()
        assert app.notes.preview.display and app.notes.preview.source == "- point"


async def test_closing_the_app_saves_what_was_typed() -> None:
    app = NotesApp()
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.press(*"last words")
        assert app.written == []
    assert app.written == ["last words"]
