"""A board column: a header and a scrolling stack of cards, mounted a page at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Static

from tracker.tui.widgets.board_card import BoardCard

PAGE = 20
"""Cards mounted at a time when a column needs more (scrolled near its end, ↓ past the last card, the button)."""
CARD_HEIGHT = 6  # .board-card in app.tcss
NEAR_END = 2 * CARD_HEIGHT  # rows from the end of a column's scroll at which its next page is mounted


def first_page(terminal_height: int) -> int:
    """Cards mounted per column at first: what the terminal can show, and one more. Each card is a widget
    to style, lay out and paint; a year of rounds has hundreds (the rest come as the column scrolls)."""
    return max(4, terminal_height // CARD_HEIGHT + 1)


class CardList(VerticalScroll, inherit_bindings=False, can_focus=False):
    """The scrolling part of a column; arrow keys belong to the board, not to this scroller."""

    class NearEnd(Message):
        """Scrolled close to the last mounted card."""

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if new_value > old_value and new_value >= self.max_scroll_y - NEAR_END:
            self.post_message(self.NearEnd())


class LoadMore(Button, can_focus=False):
    """Mounts the next page of cards in its column (click it, or go past the last card with ↓)."""


class BoardColumnView(Vertical):
    """One column. ``rows`` is the column's order as shown (filtered to a company when the board is)."""

    def __init__(
        self,
        column: Any,
        rows: list[Any],
        *,
        make_card: Callable[[Any], BoardCard],
        prepare: Callable[[list[Any]], None] | None = None,
        grouped: bool = False,
    ) -> None:
        super().__init__(id=f"col-{column.id}", classes="board-column")
        self.column = column
        self.rows = list(rows)
        self.make_card = make_card
        self.prepare = prepare  # called with each page's rows before their cards are made
        self.grouped = grouped
        self.mounted = 0
        if column.done:
            self.add_class("-done")

    @property
    def column_id(self) -> int:
        return int(self.column.id)

    # ------------------------------------------------------------------------------------------------ building
    @staticmethod
    def order(rows: list[Any], grouped: bool) -> list[Any]:
        """A column's rows in the order its cards are shown."""
        if grouped:
            return sorted(rows, key=lambda r: (r.company.casefold(), r.company_id))
        return rows

    def shown_rows(self) -> list[Any]:
        return self.order(self.rows, self.grouped)

    def header_text(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(self.column.name, style="bold")
        text.append(f"  {len(self.rows)}", style="dim")
        if self.column.done:
            text.append("  ✓ done", style="green")
        return text

    def compose(self) -> ComposeResult:
        yield Static(self.header_text(), classes="board-column-header")
        with CardList(classes="board-cards"):
            yield from self._page(first_page(self.app.size.height))
            if self.mounted < len(self.rows):
                yield self._more_button()
            if not self.rows:
                yield Static(Text("empty — drop a card here", style="dim"), classes="board-empty")

    def _more_button(self) -> LoadMore:
        return LoadMore(f"▾ {len(self.rows) - self.mounted} more", classes="board-more", compact=True)

    def _page(self, count: int) -> Iterable[Widget]:
        shown = self.shown_rows()
        end = min(len(shown), self.mounted + count)
        last_company = shown[self.mounted - 1].company_id if self.grouped and self.mounted else None
        page = shown[self.mounted : end]
        if self.prepare is not None:
            self.prepare(page)
        for row in page:
            if self.grouped and row.company_id != last_company:
                last_company = row.company_id
                yield Static(Text(row.company, style="bold"), classes="board-group")
            yield self.make_card(row)
        self.mounted = end

    async def load_more(self, upto: int | None = None) -> None:
        """Mount the next page (or everything up to index ``upto``)."""
        body = self.query_one(CardList)
        for button in body.query(LoadMore):
            await button.remove()
        count = PAGE if upto is None else max(0, upto + 1 - self.mounted)
        widgets = list(self._page(count))
        if self.mounted < len(self.rows):
            widgets.append(self._more_button())
        if widgets:
            await body.mount_all(widgets)

    async def rebuild(self, rows: list[Any] | None = None) -> None:
        if rows is not None:
            self.rows = list(rows)
        body = self.query_one(CardList)
        await body.remove_children()
        previously, self.mounted = self.mounted, 0
        widgets = list(self._page(max(first_page(self.app.size.height), previously)))
        if self.mounted < len(self.rows):
            widgets.append(self._more_button())
        if not self.rows:
            widgets.append(Static(Text("empty — drop a card here", style="dim"), classes="board-empty"))
        await body.mount_all(widgets)
        self.refresh_header()

    def refresh_header(self) -> None:
        self.query_one(".board-column-header", Static).update(self.header_text())

    async def on_card_list_near_end(self, event: CardList.NearEnd) -> None:
        event.stop()
        if self.mounted < len(self.rows):
            await self.load_more()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if isinstance(event.button, LoadMore):
            event.stop()
            await self.load_more()

    # ------------------------------------------------------------------------------------------------ queries
    def cards(self) -> list[BoardCard]:
        return list(self.query_one(CardList).query_children(BoardCard))

    def card_for(self, round_id: int) -> BoardCard | None:
        """This column's card for ``round_id`` if it is mounted (a look-up by id, not a walk over the cards)."""
        try:
            return self.query_one(CardList).get_child_by_id(f"card-{round_id}", BoardCard)
        except NoMatches:
            return None

    def index_of(self, round_id: int) -> int:
        for i, row in enumerate(self.rows):
            if row.id == round_id:
                return i
        return -1

    # ------------------------------------------------------------------------------------------------ moving
    def take(self, round_id: int) -> Any:
        """Remove a round from this column's rows (the widget is handled by the caller)."""
        i = self.index_of(round_id)
        return self.rows.pop(i) if i >= 0 else None

    def place(self, row: Any, before: int | None) -> int:
        """Insert a round in the rows before round ``before`` (or at the end); returns its index."""
        i = self.index_of(before) if before is not None else -1
        if i < 0:
            self.rows.append(row)
            return len(self.rows) - 1
        self.rows.insert(i, row)
        return i

    async def insert_card(self, card: BoardCard, index: int) -> None:
        """Mount ``card`` so that it is the ``index``-th card shown (ungrouped columns)."""
        body = self.query_one(CardList)
        for empty in body.query(".board-empty"):
            await empty.remove()
        if index >= self.mounted:
            await self.load_more(upto=index - 1)
        cards = self.cards()
        following = cards[index] if index < len(cards) else None
        if following is not None:
            await body.mount(card, before=following)
        else:
            more = list(body.query(LoadMore))
            if more:
                await body.mount(card, before=more[0])
            else:
                await body.mount(card)
        self.mounted += 1
        await self._sync_more()
        self.refresh_header()

    async def _sync_more(self) -> None:
        left = len(self.rows) - self.mounted
        for button in self.query_one(CardList).query(LoadMore):
            if left <= 0:
                await button.remove()
            else:
                button.label = f"▾ {left} more"

    async def drop_card(self, card: BoardCard) -> None:
        await card.remove()
        self.mounted = max(0, self.mounted - 1)
        if not self.rows:
            await self.query_one(CardList).mount(
                Static(Text("empty — drop a card here", style="dim"), classes="board-empty")
            )
        self.refresh_header()
