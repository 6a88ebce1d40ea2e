"""A table cell's line takes a shortcut for one-line Text that fits its column (problem_table.padded_fit); it must
give, segment for segment, what Rich gives through Padding and render_lines, which the table used for every cell."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.padding import Padding
from rich.segment import Segment
from rich.text import Span, Text

from tracker.tui.widgets.problem_table import NULL_STYLE, padded_fit

CONSOLE = Console(width=200, color_system="truecolor", force_terminal=True)
STYLES = st.sampled_from(
    ["", "bold", "dim", "green", "bold red", "italic on #303030", "underline cyan", "reverse"]
)
CHARS = st.sampled_from([*"ab xyz09-·…é", "界", "🙂", "[", "]", "/"])


def simplified(segments: list[Segment]) -> list[Segment]:
    return list(Segment.simplify(Segment(text, style or NULL_STYLE) for text, style, _ in segments))


def rich_line(cell: Text, width: int, padding: int) -> list[Segment]:
    options = CONSOLE.options.update_dimensions(width, 1).update(no_wrap=True)
    return simplified(CONSOLE.render_lines(Padding(cell, (0, padding)), options)[0])


@st.composite
def cells(draw: st.DrawFn) -> Text:
    plain = "".join(draw(st.lists(CHARS, max_size=14)))
    spans = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(plain)))
        end = draw(st.integers(start, len(plain)))
        spans.append(Span(start, end, draw(STYLES)))
    return Text(
        plain,
        style=draw(STYLES),
        spans=spans,
        no_wrap=draw(st.sampled_from([None, True])),
        overflow=draw(st.sampled_from([None, "ellipsis", "crop", "fold"])),
        justify=draw(st.sampled_from([None, "default", "left", "right", "center"])),
    )


@settings(max_examples=400, deadline=None)
@given(cell=cells(), width=st.integers(1, 24), padding=st.integers(0, 2))
def test_the_shortcut_renders_a_cell_as_rich_does(cell: Text, width: int, padding: int) -> None:
    fast = padded_fit(cell, width, padding, CONSOLE)
    if fast is None:  # not a case it takes: the table renders through Rich
        inner = width - 2 * padding
        assert (
            cell.justify not in (None, "default")
            or inner < 0
            or (cell.cell_len > inner and (inner == 0 or (inner == 1 and cell.overflow == "ellipsis")))
        )
        return
    assert simplified(fast) == rich_line(cell, width, padding)


def test_the_common_cells_take_the_shortcut() -> None:
    for cell in (Text("easy", style="green"), Text("Two Sum"), Text(""), Text("has bugs", style="yellow")):
        assert padded_fit(cell, 12, 1, CONSOLE) is not None
    for cell in (
        Text("a title longer than its column"),  # papers' titles, cut with "…" by the table
        Text("a title longer than its column", overflow="ellipsis", style="bold"),
        Text("界界界界界界界界", overflow="ellipsis"),  # a wide character cut in half is padded
    ):
        fast = padded_fit(cell, 12, 1, CONSOLE)
        assert fast is not None and simplified(fast) == rich_line(cell, 12, 1)
