"""The columns side by side, and dragging cards between them with the mouse.

Press on a card, drag, and a drop indicator (a CSS class) shows where it would land: above a card
(``drop-before``), below the last card (``drop-after``), and the column itself gets ``drop-target``.
Releasing posts :class:`BoardView.MoveRequested`; the screen writes the database first, then moves the widget.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.containers import HorizontalScroll
from textual.message import Message
from textual.widget import Widget

from tracker.tui.widgets.board_card import BoardCard
from tracker.tui.widgets.board_column import BoardColumnView

INDICATORS = ("drop-before", "drop-after", "drop-target")
COLUMN_MIN_WIDTH = 26
"""The narrowest a column gets (``#board-view.-overflow .board-column`` in app.tcss): 3 columns fit in 80 cells,
4 in 120. Narrower than that for all of them, the columns keep this width and the board scrolls sideways."""


@dataclass(frozen=True)
class DropTarget:
    column: BoardColumnView
    before: int | None
    """Round id the card lands above; None = the bottom of the column."""


@dataclass
class _Drag:
    card: BoardCard
    x: int
    y: int
    active: bool = False


class BoardView(HorizontalScroll, inherit_bindings=False, can_focus=True):
    @dataclass
    class MoveRequested(Message):
        round_id: int
        column_id: int
        before: int | None

    def __init__(self, *children: Widget, id: str | None = None) -> None:
        super().__init__(*children, id=id)
        self._drag: _Drag | None = None
        self.target: DropTarget | None = None
        self.selected_id: int | None = None

    # ------------------------------------------------------------------------------------------------ width
    def fit(self, count: int, width: int | None = None) -> None:
        """Columns share the width equally (``1fr``) when ``count`` of them get at least COLUMN_MIN_WIDTH each;
        otherwise (class ``-overflow``) each is COLUMN_MIN_WIDTH wide and the board scrolls sideways. Not a CSS
        ``min-width``: once the minimums of ``1fr`` columns add up to more than the width, Textual makes every one
        of them as wide as the whole board."""
        width = width or self.size.width or self.app.size.width
        self.set_class(count * COLUMN_MIN_WIDTH > width, "-overflow")

    def on_resize(self, event: events.Resize) -> None:
        self.fit(len(self.columns()), event.size.width)

    # ------------------------------------------------------------------------------------------------ selection
    def selected(self) -> BoardCard | None:
        if self.selected_id is None:
            return None
        for col in self.columns():
            card = col.card_for(self.selected_id)
            if card is not None:
                return card
        return None

    def select(self, card: BoardCard | None, *, scroll: bool = True) -> None:
        """Mark ``card`` as the selected one (and bring it into view)."""
        previous = self.selected()  # the one card that can carry the class: no walk over the whole board
        if previous is not None and previous is not card:
            previous.remove_class("-selected")
        self.selected_id = card.round_id if card is not None else None
        if card is not None:
            card.add_class("-selected")
            if scroll:
                self.call_after_refresh(card.scroll_visible, animate=False)

    def columns(self) -> list[BoardColumnView]:
        return list(self.query_children(BoardColumnView))

    # --------------------------------------------------------------------------------------------------- mouse
    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1:
            return
        card = self._ancestor(event.screen_x, event.screen_y, BoardCard)
        if card is None:
            return
        assert isinstance(card, BoardCard)
        self.focus()
        self.select(card, scroll=False)
        self._drag = _Drag(card, event.screen_x, event.screen_y)
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        drag = self._drag
        if drag is None:
            return
        if not drag.active:
            if (event.screen_x, event.screen_y) == (drag.x, drag.y):
                return
            drag.active = True
            drag.card.add_class("-dragging")
        self._show(self.target_at(event.screen_x, event.screen_y))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        drag = self._drag
        if drag is None:
            return
        self._drag = None
        self.release_mouse()
        drag.card.remove_class("-dragging")
        target = self.target_at(event.screen_x, event.screen_y) if drag.active else None
        self._show(None)
        if target is not None:
            event.stop()
            self.post_message(self.MoveRequested(drag.card.round_id, target.column.column_id, target.before))

    @property
    def dragging(self) -> BoardCard | None:
        return self._drag.card if self._drag and self._drag.active else None

    def _ancestor(self, x: int, y: int, kind: type) -> object | None:
        try:
            widget, _ = self.screen.get_widget_at(x, y)
        except Exception:
            return None
        node: object | None = widget
        while node is not None and not isinstance(node, kind):
            node = getattr(node, "parent", None)
        return node

    def target_at(self, x: int, y: int) -> DropTarget | None:
        """Where a card dropped at screen (x, y) lands, or None outside the columns."""
        dragged = self._drag.card.round_id if self._drag else None
        card = self._ancestor(x, y, BoardCard)
        column = self._ancestor(x, y, BoardColumnView)
        if not isinstance(column, BoardColumnView):
            return None
        cards = [c for c in column.cards() if c.round_id != dragged]
        if isinstance(card, BoardCard):
            if card.round_id == dragged:
                # Over its own card: it stays where it is.
                following = column.cards()
                i = following.index(card)
                nxt = following[i + 1] if i + 1 < len(following) else None
                return DropTarget(column, nxt.round_id if nxt else self._after_mounted(column, dragged))
            region = card.region
            if y < region.y + region.height / 2:
                return DropTarget(column, card.round_id)
            i = cards.index(card)
            nxt = cards[i + 1] if i + 1 < len(cards) else None
            return DropTarget(column, nxt.round_id if nxt else self._after_mounted(column, dragged))
        return DropTarget(column, self._after_mounted(column, dragged) if cards else None)

    @staticmethod
    def _after_mounted(column: BoardColumnView, dragged: int | None) -> int | None:
        """Below the last mounted card: above the first card not mounted yet, if any."""
        rest = [r.id for r in column.shown_rows()[column.mounted :] if r.id != dragged]
        return rest[0] if rest and not column.grouped else None

    # --------------------------------------------------------------------------------------------- indicator
    def _show(self, target: DropTarget | None) -> None:
        if target == self.target:
            return
        for cls in INDICATORS:
            for widget in self.query(f".{cls}"):
                widget.remove_class(cls)
        self.target = target
        if target is None:
            return
        target.column.add_class("drop-target")
        dragged = self._drag.card.round_id if self._drag else None
        cards = [c for c in target.column.cards() if c.round_id != dragged]
        marker = next((c for c in cards if c.round_id == target.before), None)
        if marker is not None:
            marker.add_class("drop-before")
        elif cards:
            cards[-1].add_class("drop-after")
