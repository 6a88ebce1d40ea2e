"""Managing the board's columns: add, rename, reorder, mark done, delete an empty one."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Static


class ColumnsModal(ModalScreen[bool]):
    """Each button writes at once; returns True when anything changed (the board then reloads)."""

    DEFAULT_CSS = """
    ColumnsModal { align: center middle; }
    ColumnsModal > #columns-box {
        width: 80; height: auto; max-height: 95%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    ColumnsModal #columns-title { text-style: bold; margin-bottom: 1; }
    ColumnsModal DataTable { height: auto; max-height: 14; margin-bottom: 1; }
    ColumnsModal .columns-row { height: auto; margin-top: 1; }
    ColumnsModal .columns-row Button { margin-right: 1; min-width: 10; }
    ColumnsModal #columns-name { width: 1fr; }
    ColumnsModal #columns-help { color: $text-muted; margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="columns.close", tooltip="Back to the board"),
        Binding("ctrl+left", "shift(-1)", "Move left", id="columns.left", tooltip="Move the column left"),
        Binding("ctrl+right", "shift(1)", "Move right", id="columns.right", tooltip="Move the column right"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.changed = False
        self.columns: list[Any] = []

    @property
    def db(self) -> Any:
        return self.app.db  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        with Vertical(id="columns-box"):
            yield Static("Board columns", id="columns-title")
            yield DataTable(id="columns-table", cursor_type="row")
            with Horizontal(classes="columns-row"):
                yield Input(id="columns-name", placeholder="Column name")
                yield Button("Add", id="columns-add", variant="primary")
                yield Button("Rename", id="columns-rename")
            with Horizontal(classes="columns-row"):
                yield Button("← Left", id="columns-left")
                yield Button("Right →", id="columns-right")
                yield Button("Done ✓/✗", id="columns-done")
                yield Button("Delete", id="columns-delete", variant="error")
                yield Button("Close", id="columns-close")
            yield Static(
                "Pick a column in the list. Done columns ask for the outcome when a card lands in them. "
                "Only empty columns can be deleted.",
                id="columns-help",
            )

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Column", key="name")
        table.add_column("Done", key="done")
        table.add_column("Rounds", key="rounds")
        self._refresh()
        self.query_one("#columns-name", Input).focus()

    def _refresh(self, select: int | None = None) -> None:
        from tracker.services.pipeline import list_columns

        table: DataTable[Any] = self.query_one(DataTable)
        current = select if select is not None else self.selected_id()
        self.columns = list_columns(self.db)
        table.clear()
        for c in self.columns:
            table.add_row(
                Text(c.name),
                Text("✓ done" if c.done else "", style="green"),
                Text(str(c.rounds)),
                key=str(c.id),
            )
        ids = [c.id for c in self.columns]
        if current in ids:
            table.move_cursor(row=ids.index(current))

    def selected_id(self) -> int | None:
        table: DataTable[Any] = self.query_one(DataTable)
        if not self.columns or table.cursor_row is None or table.cursor_row >= len(self.columns):
            return None
        return self.columns[table.cursor_row].id

    def _run(self, fn: Any, *args: Any, select: int | None = None) -> bool:
        from tracker.services.base import ServiceError

        try:
            result = fn(self.db, *args)
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return False
        self.changed = True
        chosen = select if select is not None else getattr(result, "id", None)
        self._refresh(chosen)
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        from tracker.services.pipeline import add_column, delete_column, rename_column, set_column_done

        event.stop()
        name_input = self.query_one("#columns-name", Input)
        selected = self.selected_id()
        column = next((c for c in self.columns if c.id == selected), None)
        match event.button.id:
            case "columns-add":
                if self._run(add_column, name_input.value):
                    name_input.value = ""
            case "columns-rename":
                if column is not None and self._run(rename_column, column.id, name_input.value):
                    name_input.value = ""
            case "columns-left":
                self.action_shift(-1)
            case "columns-right":
                self.action_shift(1)
            case "columns-done":
                if column is not None:
                    self._run(set_column_done, column.id, not column.done)
            case "columns-delete":
                if column is not None:
                    self._run(delete_column, column.id)
            case "columns-close":
                self.action_close()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from tracker.services.pipeline import add_column

        event.stop()
        if event.value.strip() and self._run(add_column, event.value):
            event.input.value = ""

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        column = next((c for c in self.columns if str(c.id) == event.row_key.value), None)
        if column is not None:
            self.query_one(
                "#columns-name", Input
            ).placeholder = f"New name for {column.name}, or a new column"

    def action_shift(self, delta: int) -> None:
        from tracker.services.pipeline import move_column

        column = next((c for c in self.columns if c.id == self.selected_id()), None)
        if column is not None:
            self._run(move_column, column.id, column.position + delta, select=column.id)

    def action_close(self) -> None:
        self.dismiss(self.changed)
