"""Backup, restore and Notion import from the command palette: a path, a kind, a dry run, and the report."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from tracker.tui.work import db_work

KINDS = ("problems", "papers", "stories", "rounds")
TITLES = {
    "export": "Back up everything to a JSON file",
    "restore": "Restore a JSON backup (into an empty database)",
    "notion": "Import a Notion database export (CSV)",
}


def default_backup_path() -> str:
    return str(Path.home() / f"prep-backup-{date.today():%Y-%m-%d}.json")


class TransferModal(ModalScreen[bool]):
    """One form for the three transfers; the result (or the import report) is shown in place."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "run", "Run", id="transfer.run", tooltip="Run it (Enter in the path box does too)"),
        Binding("escape", "close", "Close", id="transfer.close", tooltip="Close this form"),
    ]
    DEFAULT_CSS = """
    TransferModal { align: center middle; }
    TransferModal #transfer { width: 90; height: auto; max-height: 90%; border: thick $primary;
                              background: $surface; padding: 1 2; }
    TransferModal #transfer-title { text-style: bold; margin-bottom: 1; }
    TransferModal #transfer-report { height: auto; max-height: 16; margin-top: 1; }
    TransferModal #transfer-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    TransferModal .transfer-row { height: auto; }
    """

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="transfer"):
            yield Static(Text(TITLES[self.action]), id="transfer-title")
            yield Label("File")
            yield Input(
                default_backup_path() if self.action == "export" else "",
                id="transfer-path",
                placeholder="path to the file",
            )
            if self.action == "notion":
                with Horizontal(classes="transfer-row"):
                    yield Select(
                        [(k, k) for k in KINDS], value="problems", allow_blank=False, id="transfer-kind"
                    )
                    yield Checkbox("Dry run (write nothing, show the report)", value=True, id="transfer-dry")
            with VerticalScroll(id="transfer-report"):
                yield Static("", id="transfer-result", markup=False)
            with Horizontal(id="transfer-buttons"):
                yield Button("Close", id="transfer-close")
                yield Button("Run", id="transfer-run", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#transfer-path", Input).focus()

    def action_run(self) -> None:
        self._run_pressed()

    @on(Input.Submitted, "#transfer-path")
    @on(Button.Pressed, "#transfer-run")
    def _run_pressed(self) -> None:
        path = self.query_one("#transfer-path", Input).value.strip()
        if not path:
            self.notify("Give a file path", severity="error")
            return
        kind = str(self.query_one("#transfer-kind", Select).value) if self.action == "notion" else ""
        dry = self.query_one("#transfer-dry", Checkbox).value if self.action == "notion" else False
        self._run(str(Path(path).expanduser()), kind, dry)

    @db_work(exclusive=True)
    def _run(self, path: str, kind: str, dry: bool) -> None:
        from tracker.services import transfer
        from tracker.services.base import ServiceError

        db = self.app.db  # type: ignore[attr-defined]
        try:
            if self.action == "export":
                summary = transfer.export_json(db, path)
                lines = [f"Saved {summary.rows} rows from {summary.tables} tables to {summary.path}"]
            elif self.action == "restore":
                summary = transfer.import_json(db, path)
                lines = [f"Restored {summary.rows} rows from {summary.tables} tables from {summary.path}"]
            else:
                report = transfer.import_notion(db, path, kind, dry_run=dry)
                lines = report.lines()
                if report.written:
                    lines.insert(0, "Imported.")
        except ServiceError as exc:
            self.app.call_from_thread(self._show, [str(exc)], True)
            return
        self.app.call_from_thread(self._show, lines, False)

    def _show(self, lines: list[str], error: bool) -> None:
        self.query_one("#transfer-result", Static).update(
            Text("\n".join(lines), style="red" if error else "")
        )
        self.notify(lines[0], severity="error" if error else "information", markup=False)
        if not error and self.action != "export":
            self.changed = True
            self.app.data_changed("all")  # type: ignore[attr-defined]

    @on(Button.Pressed, "#transfer-close")
    def action_close(self) -> None:
        self.dismiss(self.changed)
