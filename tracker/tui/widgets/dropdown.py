"""A compact dropdown for the areas' filter bars (difficulty, pattern, list, company, status; a paper's status,
domain and topic).

One widget that draws its label and arrow itself; its list of choices is built only when it opens, in a small
screen laid over the area just under it. Textual's Select is six widgets before it is ever opened (the Select, the
current value with its label and two arrows, and an OptionList holding every option): five of them were a third of
the problems area's widgets, and of the time it took to open it the first time.

It answers like Select where the screens use it: ``value`` (``BLANK`` when nothing is chosen, never a str),
``clear()``, ``set_options()`` (which clears the choice) and a ``Changed`` message with ``value`` and ``control``.
Keys: enter, space or ↓ opens it; in the list ↑/↓, home/end and enter choose, typing jumps to the first choice that
starts with what was typed, escape (or a click outside) closes it. The first entry is the prompt: choosing it clears.
Labels are user text and are never read as markup.
"""

from __future__ import annotations

import time
from collections.abc import Hashable, Iterable
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.screen import ModalScreen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

ARROW = "▼"
MENU_MAX_HEIGHT = 12
TYPE_AHEAD_RESET_S = 1.0


class NoChoice:
    """The value of a dropdown with nothing chosen."""

    _instance: NoChoice | None = None

    def __new__(cls) -> NoChoice:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "Dropdown.BLANK"

    def __bool__(self) -> bool:
        return False


BLANK = NoChoice()


def _label(label: str | Text) -> Text:
    return label.copy() if isinstance(label, Text) else Text(str(label))


class Dropdown(Widget, can_focus=True):
    # Shadows Textual's Widget.BLANK (a bool: the widget draws nothing) with Select's "nothing chosen" value,
    # as the screens use it; NoChoice is falsy, so Textual still draws the widget.
    BLANK: ClassVar[NoChoice] = BLANK  # type: ignore[assignment]
    ALLOW_SELECT = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space,down", "open", "Choose", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"dropdown--prompt", "dropdown--arrow"}
    DEFAULT_CSS = """
    Dropdown {
        height: 1;
        width: 16;
        padding: 0 1 0 0;
        color: $foreground;
        background: $surface;
        text-wrap: nowrap;
        text-overflow: clip;
        &:hover { pointer: pointer; }
        &:focus { background-tint: $foreground 5%; }
        & > .dropdown--prompt { color: $foreground 50%; }
        & > .dropdown--arrow { color: $foreground 50%; }
    }
    """

    class Changed(Message):
        """The choice changed (by the user, or by setting ``value``; see ``prevent``)."""

        def __init__(self, dropdown: Dropdown, value: Any) -> None:
            super().__init__()
            self.dropdown = dropdown
            self.value = value

        @property
        def control(self) -> Dropdown:
            return self.dropdown

        @property
        def select(self) -> Dropdown:  # as Select.Changed names it
            return self.dropdown

    def __init__(
        self,
        options: Iterable[tuple[str | Text, Hashable]] = (),
        *,
        prompt: str = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.prompt = prompt
        self._options: list[tuple[Text, Any]] = [(_label(label), value) for label, value in options]
        self._value: Any = BLANK

    # ------------------------------------------------------------------------------------------------ value
    @property
    def options(self) -> list[tuple[Text, Any]]:
        """(label, value) of each choice, without the prompt."""
        return list(self._options)

    def has_choice(self, value: Any) -> bool:
        """Whether ``value`` is one of the choices (BLANK always is: it clears)."""
        return value is BLANK or any(value == v for _, v in self._options)

    @property
    def value(self) -> Any:
        return self._value

    @value.setter
    def value(self, value: Any) -> None:
        if not self.has_choice(value):
            raise ValueError(f"{value!r} is not one of the dropdown's choices")
        if value == self._value and type(value) is type(self._value):
            return
        self._value = value
        self.refresh()
        self.post_message(self.Changed(self, value))

    def is_blank(self) -> bool:
        return self._value is BLANK

    def clear(self) -> None:
        self.value = BLANK

    def set_options(self, options: Iterable[tuple[str | Text, Hashable]]) -> None:
        """New choices; the choice is cleared (as Select does)."""
        self._options = [(_label(label), value) for label, value in options]
        self.refresh()
        self.clear()

    def _current_label(self) -> Text | None:
        if self._value is BLANK:
            return None
        return next((label for label, value in self._options if value == self._value), None)

    # ------------------------------------------------------------------------------------------------ render
    def render(self) -> Text:
        width = self.content_region.width if self.is_mounted else 0
        label = self._current_label()
        shown = (
            label.copy()
            if label is not None
            else Text(self.prompt, style=self.get_component_rich_style("dropdown--prompt"))
        )
        room = max(0, width - 2)  # the arrow and a space before it
        if shown.cell_len > room:
            shown.truncate(room, overflow="ellipsis")
        shown.pad_right(room - shown.cell_len)
        shown.append(" ")
        shown.append(ARROW, self.get_component_rich_style("dropdown--arrow"))
        shown.no_wrap = True
        shown.end = ""
        return shown

    # ------------------------------------------------------------------------------------------------ opening
    def action_open(self) -> None:
        entries = [(Text(self.prompt, style="dim"), BLANK), *self._options]
        current = next((i for i, (_, v) in enumerate(entries) if v == self._value and v is not BLANK), 0)
        region = self.region
        self.app.push_screen(
            DropdownMenu(entries, current, region.x, region.y + 1, region.width), self._chosen
        )

    def _chosen(self, chosen: tuple[Any] | None) -> None:
        self.focus()
        if chosen is None:
            return
        if self.has_choice(chosen[0]):
            self.value = chosen[0]
        # else: the choices changed while the list was open (a reload) and that one is gone: nothing chosen

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        self.action_open()


class DropdownMenu(ModalScreen[tuple[Any] | None]):
    """The list of a dropdown, laid over the screen just under it (or above it when there is no room below).
    Dismissed with ``(value,)`` when a choice is made, None when closed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
        Binding("pageup", "move(-10)", show=False),
        Binding("pagedown", "move(10)", show=False),
        Binding("enter,space", "choose", show=False),
    ]
    DEFAULT_CSS = """
    DropdownMenu {
        background: transparent;
        & > DropdownList {
            width: auto;
            height: auto;
            max-height: 14;
            background: $surface;
            border: tall $border;
            padding: 0 0;
        }
    }
    """

    def __init__(self, entries: list[tuple[Text, Any]], current: int, x: int, y: int, width: int) -> None:
        super().__init__()
        self.entries = entries
        self.highlighted = current
        self._at = (x, y, width)
        self._typed = ""
        self._typed_at = 0.0

    def compose(self) -> Any:
        yield DropdownList(self)

    def on_mount(self) -> None:
        listing = self.query_one(DropdownList)
        x, y, width = self._at
        inner = max(width - 2, listing.virtual_size.width)  # the widest label, or the dropdown's own width
        rows = min(len(self.entries), MENU_MAX_HEIGHT)
        scrollbar = 1 if len(self.entries) > MENU_MAX_HEIGHT else 0
        listing.styles.width = inner + 2 + scrollbar  # the border
        listing.styles.height = rows + 2
        screen_w, screen_h = self.app.size
        top = y if y + rows + 2 <= screen_h else max(0, y - rows - 3)
        left = max(0, min(x - 1, screen_w - (inner + 2 + scrollbar)))
        listing.styles.offset = (left, top)
        self.call_after_refresh(listing.scroll_to_highlight)  # once it has its size

    def action_close(self) -> None:
        self.dismiss(None)

    def action_move(self, step: int) -> None:
        self.highlight(max(0, min(len(self.entries) - 1, self.highlighted + step)))

    def action_jump(self, index: int) -> None:
        self.highlight(index % len(self.entries))

    def action_choose(self) -> None:
        self.dismiss((self.entries[self.highlighted][1],))

    def highlight(self, index: int) -> None:
        if index != self.highlighted:
            self.highlighted = index
            listing = self.query_one(DropdownList)
            listing.refresh()
            listing.scroll_to_highlight()

    def on_key(self, event: events.Key) -> None:
        """Type to jump: the first choice (after the one highlighted) whose label starts with what was typed."""
        if event.character is None or not event.character.isprintable() or event.character == " ":
            return
        now = time.monotonic()
        self._typed = (self._typed if now - self._typed_at < TYPE_AHEAD_RESET_S else "") + event.character
        self._typed_at = now
        wanted = self._typed.casefold()
        count = len(self.entries)
        start = self.highlighted if len(self._typed) > 1 else self.highlighted + 1
        for step in range(count):
            index = (start + step) % count
            if self.entries[index][0].plain.casefold().startswith(wanted):
                self.highlight(index)
                break
        event.stop()

    def on_click(self, event: events.Click) -> None:
        if event.widget is self:  # outside the list
            self.dismiss(None)


class DropdownList(ScrollView, can_focus=False):
    """The choices, one per line, the highlighted one in the cursor's colours; a click chooses."""

    DEFAULT_CSS = """
    DropdownList {
        scrollbar-size-vertical: 1;
        & > .dropdown-list--highlight { background: $block-cursor-background; color: $block-cursor-foreground; }
        & > .dropdown-list--blank { color: $foreground 50%; }
        &:hover { pointer: pointer; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"dropdown-list--highlight", "dropdown-list--blank"}

    def __init__(self, menu: DropdownMenu) -> None:
        super().__init__()
        self.menu = menu
        width = max((cell_len(label.plain) + 2 for label, _ in menu.entries), default=2)
        self.virtual_size = Size(width, len(menu.entries))

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        if index >= len(self.menu.entries):
            return Strip.blank(width, self.rich_style)
        label, value = self.menu.entries[index]
        line = Text(" ", end="") + label
        line.truncate(width, overflow="ellipsis", pad=True)
        style = self.rich_style
        if index == self.menu.highlighted:
            style += self.get_component_rich_style("dropdown-list--highlight")
        elif value is BLANK:
            style += self.get_component_rich_style("dropdown-list--blank")
        return Strip(list(line.render(self.app.console)), width).apply_style(style).simplify()

    def scroll_to_highlight(self) -> None:
        top = self.scroll_offset.y
        height = self.scrollable_content_region.height or MENU_MAX_HEIGHT
        index = self.menu.highlighted
        if index < top:
            self.scroll_to(y=index, animate=False)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self.menu.entries):
            self.menu.highlighted = index
            self.menu.action_choose()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self.menu.entries):
            self.menu.highlight(index)
