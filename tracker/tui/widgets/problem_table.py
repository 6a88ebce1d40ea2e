"""The problems table: a DataTable whose rows render from content caches, not cell by cell on every refill.

A DataTable forgets every rendered line whenever a row is added or removed or the cursor moves (its caches are keyed
by an update count and the cursor position), and then renders each visible cell again through Rich
(``Styled(Padding(Text))``), looks up component styles per cell and crops and joins the line: on a filter keystroke
that was most of the repaint (11 columns by ~30 rows). Filtering shows the same problems again and again, so here:

- a cell's padded line is kept by the Text's content and width (``_content_lines``);
- a row's finished Strip is kept by what decides how it looks: the content of its cells, its index (the zebra stripe
  and the row/column meta the mouse uses), cursor and hover, the widths and the crop (``_row_strips``).

The output is segment for segment what DataTable renders itself (the snapshot tests hold it to that). The header is
rendered by DataTable and kept by its labels. Rows that are not plain one-line Text rows, labelled rows and fixed
rows or columns go through DataTable's own code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text
from textual._segment_tools import line_crop
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.strip import Strip
from textual.widgets import DataTable

NULL_STYLE = Style.null()
CONTENT_CACHE = 8192
STRIP_CACHE = 2048
STYLE_CACHE = 4096


def padded_fit(cell: Text, width: int, padding: int, console: Any) -> list[Segment] | None:
    """The cell's line as ``console.render_lines(Padding(cell, (0, padding)), width, no_wrap)`` gives it, for the
    common case of a one-line Text that is not justified: the padding, the Text's own segments (cut to the column
    as Rich cuts a line that does not wrap: "…" for ``overflow="ellipsis"``), spaces to the width. Most cells are
    such; Rich's way wraps, copies and crops the Text first. None otherwise."""
    inner = width - 2 * padding
    plain = cell.plain
    if (
        inner < 0
        or cell.justify not in (None, "default")
        or cell.no_wrap is False
        or cell.overflow == "ignore"
        or "\n" in plain
        or "\t" in plain
    ):
        return None
    if cell.cell_len > inner:
        if inner == 0 or (cell.overflow == "ellipsis" and inner == 1):
            return None
        cell = cell.copy()
        cell.truncate(inner, overflow=cell.overflow or "fold")
        plain = cell.plain
    pad = Segment(" " * padding, NULL_STYLE)
    out = [pad] if padding else []
    if not cell.spans:
        # What Text.render gives for one style over the whole text (Rich lays a Text's own style out as a span)
        if plain:
            style = None
            if cell.style:
                style = Style.combine((NULL_STYLE, console.get_style(cell.style, default=NULL_STYLE)))
            out.append(Segment(plain, style))
    else:
        if cell.style:  # as Rich lays a Text out: its own style becomes the first span, under the others
            cell = Text(plain, spans=[Span(0, len(plain), cell.style), *cell.spans])
        out.extend(segment for segment in cell.render(console, end="") if segment.text)
    rest = inner - cell.cell_len
    if rest:
        out.append(Segment(" " * rest, NULL_STYLE))
    if padding:
        out.append(pad)
    return out


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


@dataclass(slots=True)
class _Pass:
    """What every row of one repaint shares, read once (reactive attributes and component styles are slow to read
    line by line)."""

    base_style: Style
    width: int
    scroll: tuple[int, int]
    header_height: int
    column_keys: list[Any]
    widths: tuple[int, ...]
    cursor_row: int
    hover_row: int
    show_cursor: bool
    show_hover: bool
    state_key: tuple[Any, ...]
    post_priority: tuple[bool, bool]
    row_styles: dict[int, Style] = field(default_factory=dict)


class ProblemTable(DataTable[Any]):
    """DataTable that renders plain single-line Text rows from content caches (everything else as DataTable does)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # j/k as on the board and the schedule (hidden: the footer shows the screen's own keys)
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def action_scroll_home(self) -> None:
        # A list of rows: Home and End go to its first and last row (DataTable scrolls sideways, as for cells).
        if self.cursor_type == "row":
            self.action_scroll_top()
        else:
            super().action_scroll_home()

    def action_scroll_end(self) -> None:
        if self.cursor_type == "row":
            self.action_scroll_bottom()
        else:
            super().action_scroll_end()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._content_lines: LRUCache[tuple[Any, ...], list[Segment]] = LRUCache(CONTENT_CACHE)
        self._row_strips: LRUCache[tuple[Any, ...], Strip] = LRUCache(STRIP_CACHE)
        # A cell's style (row style + its row/column mouse meta + cursor/hover style) depends on where it is, not on
        # what it shows: a refill puts new rows at the same places, so the styles are reused instead of rebuilt.
        self._cell_styles: LRUCache[tuple[Any, ...], Style] = LRUCache(STYLE_CACHE)
        self._pass: _Pass | None = None  # set while render_lines runs, for the rows it renders the fast way
        super().__init__(*args, **kwargs)

    def notify_style_update(self) -> None:
        self._row_strips.clear()
        self._cell_styles.clear()
        super().notify_style_update()

    def render_lines(self, crop: Any) -> list[Strip]:
        self._pseudo_class_state = self.get_pseudo_class_state()
        if self.cursor_type == "row" and not (
            self.fixed_columns or self.fixed_rows or self._labelled_row_exists
        ):
            columns = self.ordered_columns
            show_cursor = self.show_cursor
            show_hover = self._show_hover_cursor
            self._pass = _Pass(
                base_style=self.rich_style,
                width=self.size.width,
                scroll=(self.scroll_offset.x, self.scroll_offset.y),
                header_height=self.header_height if self.show_header else 0,
                column_keys=[column.key for column in columns],
                widths=tuple(column.get_render_width(self) for column in columns),
                cursor_row=self.cursor_coordinate.row,
                hover_row=self.hover_coordinate.row,
                show_cursor=show_cursor,
                show_hover=show_hover,
                state_key=(show_cursor, show_hover, self._pseudo_class_state, self.zebra_stripes),
                post_priority=(
                    self.cursor_foreground_priority == "css",
                    self.cursor_background_priority == "css",
                ),
            )
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def render_line(self, y: int) -> Strip:
        ctx = self._pass
        if ctx is None:
            return super().render_line(y)
        scroll_x, scroll_y = ctx.scroll
        width = ctx.width
        table_y = y + scroll_y if y >= ctx.header_height else y
        try:
            row_key, _line = self._get_offsets(table_y)
        except LookupError:
            return Strip.blank(width, ctx.base_style)
        if row_key is self._header_row_key:
            return self._header_line(ctx, y)
        row_index = self._row_locations.get(row_key)
        row = self.rows.get(row_key)
        data = self._data.get(row_key)
        if row_index is None or row is None or row.height != 1 or data is None:
            return super().render_line(y)  # a row of more than one line
        cells: list[Any] = [data.get(key) for key in ctx.column_keys]
        if not all(type(cell) is Text for cell in cells):
            return super().render_line(y)
        cursor = row_index == ctx.cursor_row
        hover = row_index == ctx.hover_row
        key = (
            tuple(map(text_key, cells)),
            row_index,
            ctx.base_style,
            cursor,
            hover,
            ctx.state_key,
            ctx.widths,
            width,
            scroll_x,
        )
        strip = self._row_strips.get(key)
        if strip is None:
            segments = self._row_segments(ctx, cells, row_index, cursor, hover)
            strip = (
                Strip(line_crop(segments, scroll_x, scroll_x + width, width))
                .adjust_cell_length(width, ctx.base_style)
                .simplify()
            )
            self._row_strips[key] = strip
        return strip

    def _header_line(self, ctx: _Pass, y: int) -> Strip:
        """The header, kept by its labels (DataTable renders it anew whenever a row is added or the cursor moves)."""
        if self.header_height != 1:
            return super().render_line(y)
        labels = tuple(text_key(column.label) for column in self.ordered_columns)
        key = (
            "header",
            labels,
            ctx.base_style,
            ctx.hover_row == -1,  # with a row cursor the whole header lights up under the mouse
            ctx.state_key,
            ctx.widths,
            ctx.width,
            ctx.scroll[0],
        )
        strip = self._row_strips.get(key)
        if strip is None:
            strip = self._row_strips[key] = super().render_line(y)
        return strip

    def _row_segments(
        self, ctx: _Pass, cells: list[Text], row_index: int, cursor: bool, hover: bool
    ) -> list[Segment]:
        """One data row's line, as DataTable._render_line_in_row and _render_cell build it for a row cursor."""
        parity = row_index % 2
        row_style = ctx.row_styles.get(parity)
        if row_style is None:
            row_style = ctx.row_styles[parity] = self._get_row_style(row_index, ctx.base_style)
        component_style, post_style = self._get_styles_to_render_cell(
            False, False, False, hover, cursor, ctx.show_cursor, ctx.show_hover, *ctx.post_priority
        )
        segments: list[Segment] = []
        for column_index, (cell, cell_width) in enumerate(zip(cells, ctx.widths, strict=True)):
            style_key = (row_style, row_index, column_index, component_style)
            pre_style = self._cell_styles.get(style_key)
            if pre_style is None:
                pre_style = (
                    row_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style
                )
                self._cell_styles[style_key] = pre_style
            segments.extend(Segment.apply_style(self._cell_line(cell, cell_width), pre_style, post_style))
        # the rest of the width, styled as DataTable extends a row
        extend_style, _ = self._get_styles_to_render_cell(
            False, False, False, hover, cursor, ctx.show_cursor, ctx.show_hover, False, False
        )
        extend_style = (
            row_style + extend_style + Style.from_meta({"row": row_index, "column": 0, "out_of_bounds": True})
        )
        remaining = max(0, ctx.width - sum(ctx.widths) - self._row_label_column_width)
        segments.append(Segment(" " * remaining, extend_style))
        return segments

    def _cell_line(self, cell: Text, width: int) -> list[Segment]:
        key = (text_key(cell), width, self.cell_padding)
        line = self._content_lines.get(key)
        if line is None:
            console = self.app.console
            rendered = padded_fit(cell, width, self.cell_padding, console)
            if rendered is None:
                options = self.app.console_options.update_dimensions(width, 1).update(no_wrap=True)
                rendered = console.render_lines(Padding(cell, (0, self.cell_padding)), options)[0]
            # Unstyled runs (padding, plain text) as one segment: fewer styles to combine per row. Segment.apply_style
            # treats a None style and the null style alike, and the row's Strip is simplified anyway.
            line = list(Segment.simplify(Segment(text, style or NULL_STYLE) for text, style, _ in rendered))
            self._content_lines[key] = line
        return line

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
