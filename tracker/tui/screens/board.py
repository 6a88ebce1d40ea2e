"""The interview board: columns of round cards, moved with the mouse or shift+arrows.

Every move writes the database first (one transaction, see services.pipeline.move_round) and only then moves
the widget, so there is nothing to undo on the screen when the database refuses.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from tracker.tui.screens.base import AreaScreen
from tracker.tui.widgets.board_card import BoardCard
from tracker.tui.widgets.board_column import BoardColumnView, CardList, first_page
from tracker.tui.widgets.board_view import BoardView
from tracker.tui.work import raw_work


def _read_board(db: Any, company_id: int | None, now: datetime, first: int, grouped: bool) -> tuple[Any, ...]:
    """The columns with their rounds, the round kinds' labels, and the hints of the cards each column mounts first
    (``first`` of them, in the order shown): scoring readiness is most of the read (15 of 25 ms for a year of
    rounds), and the other cards' hints are read as their page is mounted (BoardScreen.prepare_cards). Plain SQL
    and catalog files."""
    from tracker.services.catalog import round_kinds
    from tracker.services.pipeline import board, card_hints

    columns = board(db, company_id=company_id)
    shown = [r for c in columns for r in BoardColumnView.order(c.rounds, grouped)[:first]]
    hints = card_hints(db, shown, now)
    labels = {k: v.label for k, v in round_kinds().items()}
    return columns, labels, hints, now


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _b(key: str, action: str, description: str, tooltip: str, id: str, *, show: bool = True) -> Binding:
    return Binding(key, action, description, show=show, tooltip=tooltip, id=f"board.{id}")


class BoardScreen(AreaScreen):
    AREA = "board"
    clock: ClassVar[Callable[[], datetime]] = staticmethod(_utcnow)
    """What cards measure "in 3 days" against (tests freeze it)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        _b(
            "shift+left", "move_card(-1, 0)", "Move ←", "Move the card to the column on the left", "move_left"
        ),
        _b(
            "shift+right",
            "move_card(1, 0)",
            "Move →",
            "Move the card to the column on the right",
            "move_right",
        ),
        _b("shift+up", "move_card(0, -1)", "Move ↑", "Move the card up in its column", "move_up", show=False),
        _b(
            "shift+down",
            "move_card(0, 1)",
            "Move ↓",
            "Move the card down in its column",
            "move_down",
            show=False,
        ),
        _b("left,h", "focus_card(-1, 0)", "Left", "Card in the column on the left", "left", show=False),
        _b("right,l", "focus_card(1, 0)", "Right", "Card in the column on the right", "right", show=False),
        _b("up,k", "focus_card(0, -1)", "Up", "Card above", "up", show=False),
        _b("down,j", "focus_card(0, 1)", "Down", "Card below", "down", show=False),
        _b("enter", "open_round", "Open", "Open the round's page", "open"),
        _b("c", "open_company", "Company", "Open the company's page", "company", show=False),
        _b("o", "outcome", "Outcome", "Record how the round went", "outcome"),
        _b("n", "new_round", "New round", "Add an interview round", "new_round"),
        _b("a", "new_company", "New company", "Add a company", "new_company", show=False),
        _b("f", "filter", "Filter", "Show one company or all", "filter"),
        _b("g", "group", "Group", "Group cards by company", "group", show=False),
        _b("e", "columns", "Columns", "Add, rename, reorder, delete columns; mark done columns", "columns"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.company_id: int | None = None
        self.company_name: str | None = None
        self.grouped = False
        self.kind_labels: dict[str, str] = {}
        self.hints: dict[int, str] = {}
        self._now = _utcnow()
        self._first = True
        self._unsaved: list[tuple[int, int, int | None]] = []  # moves shown, not written yet (flush_writes)

    def compose(self) -> ComposeResult:
        yield from self.compose_tabs()
        yield Static("", id="board-status")
        yield BoardView(id="board-view")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        # The first load as the screen is built: in its first frame (AreaScreen.read_first).
        db, company_id, now, first, grouped = self._read_args()
        self.read_first(lambda: _read_board(db, company_id, now, first, grouped), self._show_loaded)

    async def _show_loaded(self, loaded: tuple[Any, ...]) -> None:
        await self._show(*loaded)

    def reload(self) -> None:
        self.flush_writes()  # what is loaded must hold every move shown
        self.cancel_late_read()
        self._load()

    # ---------------------------------------------------------------------------------------------------- loading
    @raw_work(exclusive=True, group="board")  # the board, its hints and round kinds are plain SQL or files
    def _load(self) -> None:
        from tracker.services.base import ServiceError

        try:
            loaded = _read_board(*self._read_args())
        except ServiceError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        # mypy infers Never for call_from_thread's `T | Awaitable[T]` from a coroutine function returning None
        self.app.call_from_thread(self._show, *loaded)  # type: ignore[arg-type]

    def _read_args(self) -> tuple[Any, int | None, datetime, int, bool]:
        return self.db, self.company_id, type(self).clock(), first_page(self.app.size.height), self.grouped

    async def _show(
        self, columns: list[Any], labels: dict[str, str], hints: dict[int, str], now: datetime
    ) -> None:
        self.kind_labels = labels
        self.hints = hints  # the cards mounted first; prepare_cards reads the others' as they are mounted
        self._now = now
        view = self.query_one(BoardView)
        keep = view.selected_id
        await view.remove_children()
        view.fit(len(columns))
        await view.mount_all(
            [
                BoardColumnView(
                    c, c.rounds, make_card=self.make_card, prepare=self.prepare_cards, grouped=self.grouped
                )
                for c in columns
            ]
        )
        self._status(columns)
        card = self.card(keep) if keep else None
        if card is None:
            card = next((c for col in view.columns() for c in col.cards()), None)
        view.select(card)
        if self._first:
            self.set_focus(view)  # at once: Widget.focus() waits for the next message, a frame later
        self._first = False

    def _status(self, columns: list[Any] | None = None) -> None:
        cols = self.query_one(BoardView).columns()
        total = sum(len(c.rows) for c in cols)
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("Company: ", style="dim")
        text.append(self.company_name or "all", style="bold")
        text.append(f" · {total} round{'s' if total != 1 else ''}", style="dim")
        if self.grouped:
            text.append(" · grouped by company", style="dim")
        if total == 0 and self.company_id is None:
            text.append("   No rounds yet: press n to add one (or `prep round add`).", style="yellow")
        else:
            text.append("   drag cards with the mouse · shift+arrows move · enter opens", style="dim")
        self.query_one("#board-status", Static).update(text)

    def make_card(self, row: Any) -> BoardCard:
        return BoardCard(row, now=self._now, hint=self._hint(row), kind_label=self.kind_labels.get(row.kind))

    # ---------------------------------------------------------------------------------------------------- lookup
    def columns(self) -> list[BoardColumnView]:
        return self.query_one(BoardView).columns()

    def column(self, column_id: int) -> BoardColumnView | None:
        return next((c for c in self.columns() if c.column_id == column_id), None)

    def column_of(self, card: BoardCard) -> BoardColumnView:
        node = card.parent
        while node is not None and not isinstance(node, BoardColumnView):
            node = node.parent
        assert isinstance(node, BoardColumnView)
        return node

    def card(self, round_id: int) -> BoardCard | None:
        for col in self.columns():
            found = col.card_for(round_id)
            if found is not None:
                return found
        return None

    def focused_card(self) -> BoardCard | None:
        """The selected card (the board keeps the focus; cards carry a ``-selected`` class)."""
        return self.query_one(BoardView).selected()

    # ---------------------------------------------------------------------------------------------------- keys
    async def action_focus_card(self, dx: int, dy: int) -> None:
        card = self.focused_card()
        cols = self.columns()
        if card is None:
            first = next((c for col in cols for c in col.cards()), None)
            if first is not None:
                self._focus(first)
            return
        col = self.column_of(card)
        cards = col.cards()
        i = cards.index(card)
        if dy:
            j = i + dy
            if j >= len(cards) and col.mounted < len(col.rows):
                await col.load_more()
                cards = col.cards()
            if 0 <= j < len(cards):
                self._focus(cards[j])
            return
        ci = cols.index(col) + dx
        while 0 <= ci < len(cols):
            others = cols[ci].cards()
            if others:
                self._focus(others[min(i, len(others) - 1)])
                return
            ci += dx

    def _focus(self, card: BoardCard) -> None:
        view = self.query_one(BoardView)
        view.select(card)
        if self.focused is not view:
            view.focus()

    async def action_move_card(self, dx: int, dy: int) -> None:
        card = self._need_card()
        if card is None:
            return
        col = self.column_of(card)
        cols = self.columns()
        rows = col.rows
        i = col.index_of(card.round_id)
        if dx:
            ci = cols.index(col) + dx
            if not 0 <= ci < len(cols):
                return
            target = cols[ci]
            before = None if self.grouped or i >= len(target.rows) else target.rows[i].id
            await self.request_move(card.round_id, target.column_id, before)
            return
        if self.grouped:
            self.notify(
                "Cards are ordered by company while grouped; press g to ungroup and reorder.", markup=False
            )
            return
        j = i + dy
        if not 0 <= j < len(rows):
            return
        before = rows[j].id if dy < 0 else (rows[j + 1].id if j + 1 < len(rows) else None)
        await self.request_move(card.round_id, col.column_id, before)

    @on(BoardView.MoveRequested)
    async def _dropped(self, message: BoardView.MoveRequested) -> None:
        message.stop()
        source = self.card(message.round_id)
        if source is None:
            return
        before = message.before
        if self.grouped:
            if self.column_of(source).column_id == message.column_id:
                self.notify(
                    "Cards are ordered by company while grouped; press g to ungroup and reorder.",
                    markup=False,
                )
                return
            before = None
        await self.request_move(message.round_id, message.column_id, before)

    # ---------------------------------------------------------------------------------------------------- moving
    async def request_move(self, round_id: int, column_id: int, before: int | None) -> None:
        """Move a card: ask for the outcome when it enters a done column, write the database, move the widget."""
        from tracker.tui.modals.outcome import OutcomeModal, OutcomeResult

        card = self.card(round_id)
        target = self.column(column_id)
        if card is None or target is None:
            return
        source = self.column_of(card)
        if source is target:
            rest = [r.id for r in source.rows if r.id != round_id]
            now_at = source.index_of(round_id)
            new_at = rest.index(before) if before in rest else len(rest)
            if now_at == new_at:
                return
        if target.column.done and not source.column.done:

            async def answered(result: OutcomeResult | None) -> None:
                if result is None:
                    self.notify("Not moved.", markup=False)
                    return
                await self._commit(round_id, column_id, before, result)

            self.app.push_screen(
                OutcomeModal(card.row, target.column.name, kind_label=card.kind_label), answered
            )
            return
        await self._commit(round_id, column_id, before, None)

    async def _commit(self, round_id: int, column_id: int, before: int | None, outcome: Any) -> None:
        from dataclasses import replace

        from tracker.services.base import ServiceError
        from tracker.services.pipeline import move_round

        if outcome is None:
            # A plain move is shown at once and written right after the frame that shows it, or before the next key
            # or click is handled, whichever comes first (flush_writes): writes keep their order, and nothing reads
            # the board from the database in between.
            card = self.card(round_id)
            target = self.column(column_id)
            if card is None or target is None:
                return
            shown = replace(card.row, column_id=column_id, column=target.column.name)
            if self.column_of(card).column.done and not target.column.done:
                shown = replace(shown, outcome=None)  # no longer decided (services.pipeline.move_round)
            with self.app.batch_update():  # one layout pass for the removal and the mount, not one each
                await self._move_widget(round_id, column_id, before, shown)
            self._unsaved.append((round_id, column_id, before))
            self.call_after_refresh(self.flush_writes)
            return
        self.flush_writes()
        try:
            result = move_round(
                self.db,
                round_id,
                column_id,
                before=before,
                outcome=outcome.outcome,
                feedback=outcome.feedback,
                questions=outcome.questions,
            )
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        with self.app.batch_update():
            await self._move_widget(round_id, column_id, before, result.round)
        self._written(result)

    def flush_writes(self) -> None:
        """Write the moves shown but not saved yet, in order. If one fails, say so and show what is saved.

        Called after the frame that shows a move, and first thing in everything that reads or writes the board
        (loading it, so also grouping; opening a round or company, the outcome, new rounds, filters, columns), when
        the screen is left and when it goes away."""
        from tracker.services.base import ServiceError
        from tracker.services.pipeline import move_round

        shown = bool(self._unsaved) and bool(
            self.query(BoardView)
        )  # false once the screen is being taken down
        while self._unsaved:
            round_id, column_id, before = self._unsaved.pop(0)
            try:
                result = move_round(self.db, round_id, column_id, before=before)
            except ServiceError as exc:
                self._unsaved.clear()
                self.notify(
                    f"The move was not saved ({exc}); the board shows what is saved.",
                    severity="error",
                    markup=False,
                )
                if shown:
                    self.reload()
                return
            card = self.card(round_id) if shown else None
            if card is not None:
                card.row = result.round
            self._written(result)

    def _written(self, result: Any) -> None:
        for area in ("dashboard", "schedule") + (("stories",) if result.questions_added else ()):
            self.app.data_changed(area)  # type: ignore[attr-defined]
        if result.questions_added:
            n = result.questions_added
            self.notify(f"{n} question{'s' if n != 1 else ''} added to the Q&A catalog.", markup=False)

    def on_screen_suspend(self) -> None:
        self.flush_writes()

    def on_unmount(self) -> None:
        self.flush_writes()

    async def _move_widget(self, round_id: int, column_id: int, before: int | None, row: Any) -> None:
        card = self.card(round_id)
        target = self.column(column_id)
        if card is None or target is None:
            return
        source = self.column_of(card)
        source.take(round_id)
        index = target.place(row, before)
        if self.grouped:
            await source.rebuild()
            if target is not source:
                await target.rebuild()
            moved = target.card_for(round_id)
        elif target is source:
            body = target.query_one(CardList)
            others = [c for c in target.cards() if c is not card]
            if index < len(others):
                body.move_child(card, before=others[index])
            elif others:
                body.move_child(card, after=others[-1])
            # Lay the screen out before it paints again. move_child only marks the column for layout (sent on when
            # the column next goes idle); a paint before that, of a widget out of view (a card below the fold, the
            # "more" button: a column that scrolls), makes Textual rebuild its map of where widgets are from the new
            # order, and the layout then finds nothing moved and repaints nothing: the old order stayed on screen
            # while clicks and keys went by the new one.
            self.refresh(layout=True, repaint=False)
            card.refresh_row(row, self._now, self._hint(row))
            moved = card
        else:
            await source.drop_card(card)
            moved = self.make_card(row)
            await target.insert_card(moved, index)
        if moved is not None:
            self._focus(moved)
        self._status()

    def prepare_cards(self, rows: list[Any]) -> None:
        """Read the hints of cards about to be mounted that have none yet (a page mounted as a column scrolls, a
        card moved in from a page not mounted): one plain-SQL read for the lot. If it fails, those cards show the
        prep window without the readiness score."""
        from tracker.services.base import ServiceError
        from tracker.services.pipeline import card_hints

        missing = [r for r in rows if r.id not in self.hints]
        if not missing:
            return
        try:
            self.hints.update(card_hints(self.db, missing, self._now))
        except (ServiceError, sqlite3.Error):
            pass

    def _hint(self, row: Any) -> str:
        from tracker.services.pipeline import prep_hint

        if row.outcome:
            return ""
        self.prepare_cards([row])
        return self.hints.get(row.id) or prep_hint(row, self._now)

    # ---------------------------------------------------------------------------------------------------- pages
    @on(BoardCard.Open)
    def _open(self, message: BoardCard.Open) -> None:
        message.stop()
        self._open_round(message.card.round_id)

    def action_open_round(self) -> None:
        card = self._need_card()
        if card is not None:
            self._open_round(card.round_id)

    def _need_card(self) -> BoardCard | None:
        """The selected card, or a notification saying there is none (a footer key never does nothing)."""
        card = self.focused_card()
        if card is None:
            self.notify("No round selected: press n to add one.", severity="warning", markup=False)
        return card

    def _open_round(self, round_id: int) -> None:
        from tracker.tui.screens.round import RoundScreen

        self.flush_writes()
        self.app.push_screen(RoundScreen(round_id))

    def action_open_company(self) -> None:
        from tracker.tui.screens.company import CompanyScreen

        self.flush_writes()
        card = self.focused_card()
        if card is not None:
            self.app.push_screen(CompanyScreen(card.row.company_id))
        elif self.company_id is not None:
            self.app.push_screen(CompanyScreen(self.company_id))

    def action_outcome(self) -> None:
        from tracker.tui.modals.outcome import OutcomeModal, OutcomeResult

        self.flush_writes()
        card = self._need_card()
        if card is None:
            return
        round_id = card.round_id

        def answered(result: OutcomeResult | None) -> None:
            from tracker.services.base import ServiceError
            from tracker.services.pipeline import record_outcome

            if result is None:
                return
            try:
                done = record_outcome(
                    self.db, round_id, result.outcome, feedback=result.feedback, questions=result.questions
                )
            except ServiceError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            current = self.card(round_id)
            if current is not None:
                col = self.column_of(current)
                i = col.index_of(round_id)
                if i >= 0:
                    col.rows[i] = done.round
                current.refresh_row(done.round, self._now, self._hint(done.round))
            for area in ("dashboard", "stories"):
                self.app.data_changed(area)  # type: ignore[attr-defined]
            if done.questions_added:
                self.notify(f"{done.questions_added} question(s) added to the Q&A catalog.", markup=False)

        self.app.push_screen(
            OutcomeModal(
                card.row,
                self.column_of(card).column.name,
                initial=card.row.outcome,
                kind_label=card.kind_label,
            ),
            answered,
        )

    # ---------------------------------------------------------------------------------------------------- forms
    def action_new_round(self) -> None:
        from tracker.tui.modals.round_new import NewRoundModal

        self.flush_writes()
        card = self.focused_card()
        company = self.company_name or (card.row.company if card else None)
        columns = [(c.column.name, c.column_id) for c in self.columns()]

        def added(row: Any) -> None:
            if row is not None:
                self.notify(f"Added {row.kind} with {row.company}.", markup=False)
                self.app.data_changed("all")  # type: ignore[attr-defined]

        self.app.push_screen(NewRoundModal(company=company, columns=columns), added)

    def action_new_company(self) -> None:
        from tracker.tui.modals.company_new import NewCompanyModal

        self.flush_writes()

        def added(row: Any) -> None:
            if row is not None:
                self.notify(f"Added company {row.name}.", markup=False)
                self.app.data_changed("all")  # type: ignore[attr-defined]

        self.app.push_screen(NewCompanyModal(), added)

    def action_filter(self) -> None:
        from tracker.tui.modals.company_pick import CompanyPickModal

        self.flush_writes()

        def picked(choice: tuple[int, str] | None) -> None:
            if choice is None:
                return
            cid, name = choice
            self.company_id = cid or None
            self.company_name = name if cid else None
            self.reload()

        self.app.push_screen(CompanyPickModal(current=self.company_id), picked)

    def action_group(self) -> None:
        self.grouped = not self.grouped
        self.reload()  # writes what is pending first

    def action_columns(self) -> None:
        from tracker.tui.widgets.board_columns import ColumnsModal

        self.flush_writes()

        def closed(changed: bool | None) -> None:
            if changed:
                self.app.data_changed("board")  # type: ignore[attr-defined]

        self.app.push_screen(ColumnsModal(), closed)
