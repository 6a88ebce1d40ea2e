"""Choose the week, format and file for the weekly review. Returns ``(week, format, path)`` or None."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

FORMAT_CHOICES = (
    ("Markdown (Notion, Obsidian, GitHub)", "md"),
    ("HTML page with charts", "html"),
    ("JSON", "json"),
)


def default_path(week: str, fmt: str, folder: Path | None = None) -> str:
    return str((folder or Path.cwd()) / f"prep-week-{week.strip().upper()}.{fmt}")


class WeekExportModal(ModalScreen[tuple[str, str, str] | None]):
    DEFAULT_CSS = """
    WeekExportModal { align: center middle; }
    WeekExportModal > Vertical {
        width: 80; height: auto; border: thick $primary; background: $surface; padding: 1 2;
    }
    WeekExportModal .title { text-style: bold; color: $accent; margin-bottom: 1; }
    WeekExportModal Label { margin-top: 1; }
    WeekExportModal .help { color: $text-muted; }
    WeekExportModal .buttons { height: auto; align-horizontal: right; margin-top: 1; }
    WeekExportModal .buttons Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="week_export.cancel", tooltip="Close without writing")
    ]

    def __init__(self, week: str, *, folder: Path | None = None) -> None:
        super().__init__()
        self.week = week
        self.folder = folder
        self._path_edited = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Write the weekly review", classes="title", markup=False)
            yield Label("ISO week (YYYY-Www)")
            yield Input(self.week, id="week-export-week")
            yield Label("Format")
            yield Select(FORMAT_CHOICES, value="md", allow_blank=False, id="week-export-format")
            yield Label("File")
            yield Input(default_path(self.week, "md", self.folder), id="week-export-path")
            yield Static(
                "Default: the folder prep was started from. The file is replaced if it exists.",
                classes="help",
                markup=False,
            )
            with Horizontal(classes="buttons"):
                yield Button("Write", id="week-export-write", variant="primary")
                yield Button("Cancel", id="week-export-cancel")

    def on_mount(self) -> None:
        self.query_one("#week-export-write", Button).focus()

    def _suggest(self) -> None:
        if self._path_edited:
            return
        week = self.query_one("#week-export-week", Input).value
        fmt = str(self.query_one("#week-export-format", Select).value)
        field = self.query_one("#week-export-path", Input)
        with field.prevent(Input.Changed):
            field.value = default_path(week, fmt, self.folder)

    @on(Input.Changed, "#week-export-week")
    @on(Select.Changed, "#week-export-format")
    def _changed(self) -> None:
        self._suggest()

    @on(Input.Changed, "#week-export-path")
    def _path_changed(self) -> None:
        self._path_edited = True

    @on(Input.Submitted)
    @on(Button.Pressed, "#week-export-write")
    def _write(self) -> None:
        week = self.query_one("#week-export-week", Input).value.strip()
        fmt = str(self.query_one("#week-export-format", Select).value)
        path = self.query_one("#week-export-path", Input).value.strip()
        if not week or not path:
            self.notify("Give a week and a file.", severity="warning", markup=False)
            return
        from tracker.services.base import ServiceError
        from tracker.services.review import parse_week

        try:
            parse_week(week)
        except ServiceError as exc:  # refused here, so the form stays open with what was typed
            self.notify(str(exc), severity="error", markup=False)
            self.query_one("#week-export-week", Input).focus()
            return
        self.dismiss((week, fmt, path))

    @on(Button.Pressed, "#week-export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
