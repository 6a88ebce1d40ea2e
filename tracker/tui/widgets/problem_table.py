"""The problems table: a DataTable whose cells render once per distinct content, not once per refill.

A DataTable forgets every rendered cell whenever a row is added or removed (its cache key holds an update count),
so each filter keystroke re-rendered every visible cell through Rich (``Styled(Padding(Text))``, ~0.2 ms a cell,
11 columns by ~30 rows). Filtering shows the same problems again and again, so the padded lines of a cell's Text
are kept by content and width; only the row's styles (zebra stripe, cursor, the row/column meta) are applied per
cell, exactly as ``Styled`` applies them. The output is segment for segment what DataTable renders itself.
"""

from __future__ import annotations

from typing import Any

from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Size
from textual.widgets import DataTable

CONTENT_CACHE = 8192
LINE_CACHE = 1024
STYLE_CACHE = 4096


def text_key(text: Text) -> tuple[Any, ...]:
    """Everything that decides how a Text renders (Text's own == ignores its style and layout flags)."""
    return (
        text.plain,
        text.style,
        tuple(text.spans),
        text.justify,
        text.overflow,
        text.no_wrap,
        text.end,
        text.tab_size,
    )


class ProblemTable(DataTable[Any]):
    """DataTable with a content cache for single-line Text cells (everything else renders as DataTable does)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._content_lines: LRUCache[tuple[Any, ...], list[list[Segment]]] = LRUCache(CONTENT_CACHE)
        # A row's rendered line, kept across DataTable's update count (which every update_cell bumps, making it
        # render every visible row again); checked against the row's cell objects, so a changed row renders anew.
        self._row_lines: LRUCache[tuple[Any, ...], tuple[tuple[Any, ...], Any]] = LRUCache(LINE_CACHE)
        # A cell's style (row style + its row/column mouse meta + cursor/hover style) depends on where it is, not on
        # what it shows: a refill puts new rows at the same places, so the styles are reused instead of rebuilt.
        self._cell_styles: LRUCache[tuple[Any, ...], Style] = LRUCache(STYLE_CACHE)
        # The cells of the row being rendered (DataTable asks for them once per cell of the row).
        self._renderables_memo: tuple[int, int, Any] | None = None
        super().__init__(*args, **kwargs)

    def notify_style_update(self) -> None:
        self._row_lines.clear()
        self._cell_styles.clear()
        super().notify_style_update()

    def _clear_caches(self) -> None:
        self._row_lines.clear()
        self._renderables_memo = None
        super()._clear_caches()

    def _render_line_in_row(
        self,
        row_key: Any,
        line_no: int,
        base_style: Style,
        cursor_location: Any,
        hover_location: Any,
    ) -> Any:
        row_index = self._row_locations.get(row_key)
        if (
            row_index is None
            or row_key is self._header_row_key
            or self.cursor_type != "row"
            or self.fixed_columns
            or self.fixed_rows
            or self._labelled_row_exists
        ):
            return super()._render_line_in_row(row_key, line_no, base_style, cursor_location, hover_location)
        columns = self.ordered_columns
        data = self._data.get(row_key, {})
        cells = tuple(data.get(column.key) for column in columns)
        key = (
            row_key,
            row_index,
            line_no,
            base_style,
            cursor_location.row == row_index,
            hover_location.row == row_index,
            self.show_cursor,
            self._show_hover_cursor,
            self._pseudo_class_state,
            self.size.width,
            tuple((column.key, column.get_render_width(self)) for column in columns),
        )
        hit = self._row_lines.get(key)
        if (
            hit is not None
            and len(hit[0]) == len(cells)
            and all(a is b for a, b in zip(hit[0], cells, strict=True))
        ):
            return hit[1]
        rendered = super()._render_line_in_row(row_key, line_no, base_style, cursor_location, hover_location)
        self._row_lines[key] = (cells, rendered)
        return rendered

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> Any:
        if (
            row_index < 0
            or column_index < 0
            or row_index < self.fixed_rows
            or column_index < self.fixed_columns
        ):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        cell_cache_key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cached = self._cell_render_cache.get(cell_cache_key)
        if cached is not None:
            return cached
        row = self.rows[row_key]
        memo = self._renderables_memo
        if memo is not None and memo[0] == row_index and memo[1] == self._update_count:
            row_cells = memo[2]
        else:
            _label, row_cells = self._get_row_renderables(row_index)
            self._renderables_memo = (row_index, self._update_count, row_cells)
        cell = row_cells[column_index]
        if row.height != 1 or not isinstance(cell, Text):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        content_key = (text_key(cell), width, self.cell_padding)
        inner = self._content_lines.get(content_key)
        if inner is None:
            options = self.app.console_options.update_dimensions(width, 1).update(no_wrap=True)
            inner = self.app.console.render_lines(Padding(cell, (0, self.cell_padding)), options)
            self._content_lines[content_key] = inner
        component_style, post_style = self._get_styles_to_render_cell(
            False,
            False,
            False,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        style_key = (base_style, row_index, column_index, component_style)
        pre_style = self._cell_styles.get(style_key)
        if pre_style is None:
            pre_style = (
                base_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style
            )
            self._cell_styles[style_key] = pre_style
        lines = [list(Segment.apply_style(line, pre_style, post_style)) for line in inner]
        self._cell_render_cache[cell_cache_key] = lines
        return lines

    def _update_dimensions(self, new_rows: Any) -> None:
        """New rows: DataTable measures every cell for column widths, which only auto-width columns use. Ours all
        have a fixed width, so only the virtual size is set (the rest is DataTable's own code path)."""
        new_rows = list(new_rows)
        if (
            any(column.auto_width for column in self.columns.values())
            or self._labelled_row_exists
            or any(
                (row := self.rows.get(key)) is not None and (row.auto_height or row.label is not None)
                for key in new_rows
            )
        ):
            super()._update_dimensions(new_rows)
            return
        data_cells_width = sum(column.get_render_width(self) for column in self.columns.values())
        header_height = self.header_height if self.show_header else 0
        self.virtual_size = Size(
            data_cells_width + self._row_label_column_width, self._total_row_height + header_height
        )
