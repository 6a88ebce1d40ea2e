"""The board: drag with the mouse, move with the keyboard, the outcome dialog, columns, literal names."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from tests.tui.conftest import clear_toasts, make_app, settle
from tracker.db.tables import Question, RoundEvent
from tracker.services.base import Database
from tracker.services.pipeline import add_company, add_round, board, get_round, list_columns
from tracker.tui.screens.board import BoardScreen
from tracker.tui.widgets.board_card import BoardCard
from tracker.tui.widgets.board_column import BoardColumnView
from tracker.tui.widgets.board_view import BoardView


def db_order(db: Database) -> dict[str, list[int]]:
    """What the database says: round ids per column in position order; positions checked to be 0..n-1."""
    out = {}
    for c in board(db):
        assert [r.position for r in c.rounds] == list(range(len(c.rounds)))
        out[c.name] = [r.id for r in c.rounds]
    return out


def selected(app) -> int | None:
    """The selected card, shown with the -selected class (exactly one)."""
    marked = [c.round_id for c in app.screen.query(".-selected").results(BoardCard)]
    assert len(marked) <= 1
    return marked[0] if marked else None


def widget_order(app) -> dict[str, list[int]]:
    return {
        col.column.name: [card.round_id for card in col.cards()] for col in app.screen.query(BoardColumnView)
    }


@pytest.fixture
def pipeline(db: Database) -> Database:
    """Scheduling: 1 2 3 (Acme) · Scheduled: 4 (Beta) 5 (Acme) · Done: empty."""
    for kind in ("recruiter", "coding", "behavioral"):
        add_round(db, "Acme", kind, column="Scheduling")
    add_round(db, "Beta", "ml-depth", column="Scheduled")
    add_round(db, "Acme", "system-design", column="Scheduled")
    return db


async def open_board(pilot) -> None:
    await settle(pilot)
    await pilot.press("5")
    await settle(pilot)
    assert pilot.app.current_mode == "board"


async def test_drag_across_columns_with_drop_indicator(pipeline: Database) -> None:
    app = make_app(pipeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        await pilot.mouse_down("#card-2", offset=(3, 1))
        await pilot.hover("#card-5", offset=(3, 1))  # upper half of round 5: lands above it
        assert app.screen.query_one("#card-5").has_class("drop-before")
        assert app.screen.query_one("#card-2").has_class("-dragging")
        col = app.screen.query_one("#card-5").ancestors_with_self
        assert any(isinstance(w, BoardColumnView) and w.has_class("drop-target") for w in col)
        await pilot.mouse_up("#card-5", offset=(3, 1))
        await settle(pilot)
        expected = {"Scheduling": [1, 3], "Scheduled": [4, 2, 5], "Done": []}
        assert db_order(pipeline) == expected
        assert widget_order(app) == expected
        assert not app.screen.query(".drop-before") and not app.screen.query(".drop-target")
        assert selected(app) == 2
    with pipeline.read() as s:
        events = s.exec(select(RoundEvent).where(RoundEvent.round_id == 2)).all()
    assert [(e.from_column, e.to_column) for e in events] == [("Scheduling", "Scheduled")]


async def test_drag_within_a_column_and_to_the_bottom(pipeline: Database) -> None:
    app = make_app(pipeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        card3 = app.screen.query_one("#card-3")
        low = card3.region.height - 1  # lower half of the last card: below it
        await pilot.mouse_down("#card-1", offset=(3, 1))
        await pilot.hover("#card-3", offset=(3, low))
        assert card3.has_class("drop-after")
        await pilot.mouse_up("#card-3", offset=(3, low))
        await settle(pilot)
        assert db_order(pipeline)["Scheduling"] == [2, 3, 1]
        assert widget_order(app)["Scheduling"] == [2, 3, 1]
        # Into the empty Done column: the outcome dialog comes first; cancel leaves everything as it was.
        await pilot.mouse_down("#card-4", offset=(3, 1))
        done = next(c for c in app.screen.query(BoardColumnView) if c.column.name == "Done")
        await pilot.hover(done, offset=(5, 10))
        assert done.has_class("drop-target")
        await pilot.mouse_up(done, offset=(5, 10))
        await settle(pilot)
        assert app.screen.__class__.__name__ == "OutcomeModal"
        await pilot.press("escape")
        await settle(pilot)
        assert db_order(pipeline)["Done"] == [] and widget_order(app)["Done"] == []
        assert get_round(pipeline, 4).outcome is None


async def test_a_click_without_moving_does_not_move(pipeline: Database) -> None:
    app = make_app(pipeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        before = db_order(pipeline)
        await pilot.click("#card-3", offset=(3, 1))
        await settle(pilot)
        assert db_order(pipeline) == before
        assert selected(app) == 3


async def test_keyboard_moves(pipeline: Database) -> None:
    app = make_app(pipeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        app.screen.query_one(BoardView).select(app.screen.query_one("#card-1", BoardCard))
        await pilot.press("shift+down", "shift+down")
        await settle(pilot)
        assert db_order(pipeline)["Scheduling"] == [2, 3, 1]
        assert widget_order(app)["Scheduling"] == [2, 3, 1]
        await pilot.press("shift+up")
        await pilot.press("shift+right")  # index 1 → index 1 of Scheduled
        await settle(pilot)
        expected = {"Scheduling": [2, 3], "Scheduled": [4, 1, 5], "Done": []}
        assert db_order(pipeline) == expected and widget_order(app) == expected
        assert selected(app) == 1
        await pilot.press("shift+left")
        await settle(pilot)
        expected = {"Scheduling": [2, 1, 3], "Scheduled": [4, 5], "Done": []}
        assert db_order(pipeline) == expected and widget_order(app) == expected
        # Arrow keys move the focus, not the card.
        await pilot.press("right")
        assert selected(app) == 5
        await pilot.press("up")
        assert selected(app) == 4
        assert db_order(pipeline) == expected


def burst(app, *keys: str) -> None:
    """Keys that reach the app together (a fast typist, key repeat): none waits for the one before."""
    from textual import events

    for key in keys:
        app.post_message(events.Key(key, None))


async def test_moves_show_at_once_and_are_all_written_in_order(pipeline: Database) -> None:
    # A move is drawn first and written right after (or before the next key): a burst of moves ends with the
    # database and the screen in the same order, every position 0..n-1.
    app = make_app(pipeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        app.screen.query_one(BoardView).select(app.screen.query_one("#card-1", BoardCard))
        burst(app, "shift+right", "shift+down", "shift+left", "shift+up", "shift+right")
        await settle(pilot)
        expected = {"Scheduling": [2, 3], "Scheduled": [1, 4, 5], "Done": []}
        assert widget_order(app) == expected and db_order(pipeline) == expected
        assert selected(app) == 1
        assert len(app.screen.query(BoardCard)) == 5  # the cards that left a column are gone, not just hidden


async def move_card_3_unwritten(pilot) -> tuple[BoardScreen, list[tuple[int, int, int | None]]]:
    """Open the board and move card 3 to the end of Scheduled, keeping the board from writing after its next
    frame: the move is shown but not written yet. Returns the screen and its list of unwritten moves."""
    await open_board(pilot)
    screen = pilot.app.screen
    screen.call_after_refresh = lambda *args, **kwargs: True
    await screen._commit(3, screen.column_of(screen.card(4)).column_id, None, None)
    assert widget_order(pilot.app)["Scheduled"] == [4, 5, 3]  # shown at once
    assert screen._unsaved
    return screen, screen._unsaved


async def test_a_move_is_written_before_the_next_action_reads_the_board(pipeline: Database) -> None:
    app = make_app(pipeline)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, unsaved = await move_card_3_unwritten(pilot)
        assert db_order(pipeline)["Scheduled"] == [4, 5]  # not written yet
        screen.action_group()  # any action that reads or writes the board writes it first
        assert not unsaved and db_order(pipeline)["Scheduled"] == [4, 5, 3]
        await settle(pilot)


async def test_a_move_shown_when_the_app_quits_is_saved(pipeline: Database) -> None:
    app = make_app(pipeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await move_card_3_unwritten(pilot)
        app.exit()
    assert db_order(pipeline)["Scheduled"] == [4, 5, 3]


async def test_a_move_that_cannot_be_written_is_reported_and_undone(
    pipeline: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.services import pipeline as service
    from tracker.services.base import ServiceError

    def refuse(*args, **kwargs):
        raise ServiceError("database error: disk I/O error")

    app = make_app(pipeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        app.screen.query_one(BoardView).select(app.screen.query_one("#card-1", BoardCard))
        monkeypatch.setattr(service, "move_round", refuse)
        await pilot.press("shift+right")
        await settle(pilot)
        saved = {"Scheduling": [1, 2, 3], "Scheduled": [4, 5], "Done": []}
        assert db_order(pipeline) == saved and widget_order(app) == saved  # the board shows what is saved
        messages = [n.message for n in app._notifications]
        assert any("The move was not saved (database error: disk I/O error)" in m for m in messages)


async def test_outcome_dialog_records_outcome_feedback_and_questions(pipeline: Database) -> None:
    app = make_app(pipeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        app.screen.query_one(BoardView).select(app.screen.query_one("#card-5", BoardCard))
        await pilot.press("shift+right")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "OutcomeModal"
        assert db_order(pipeline)["Done"] == []  # nothing written before the answer
        await pilot.click("#outcome-failed")
        app.screen.query_one("#outcome-feedback").insert("Rusty on consistent hashin")
        app.screen.query_one("#outcome-feedback").focus()
        await pilot.press("g")  # typed by hand
        app.screen.query_one("#outcome-questions").insert("Design a URL shortener\nShard a counter")
        await pilot.click("#outcome-save")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        expected = {"Scheduling": [1, 2, 3], "Scheduled": [4], "Done": [5]}
        assert db_order(pipeline) == expected and widget_order(app) == expected
        card = app.screen.query_one("#card-5", BoardCard)
        assert "failed" in str(card.render())
    r = get_round(pipeline, 5)
    assert (r.outcome, r.feedback) == ("failed", "Rusty on consistent hashing")
    with pipeline.read() as s:
        qs = s.exec(select(Question).where(Question.round_id == 5).order_by(Question.id)).all()
        assert [(q.text, q.kind, q.company_id) for q in qs] == [
            ("Design a URL shortener", "technical", r.company_id),
            ("Shard a counter", "technical", r.company_id),
        ]
        events = s.exec(select(RoundEvent).where(RoundEvent.round_id == 5)).all()
        assert [(e.from_column, e.to_column, e.outcome) for e in events] == [("Scheduled", "Done", "failed")]


async def test_outcome_dialog_names_the_round_kind_by_its_label(db: Database) -> None:
    add_round(db, "[b]Acme[/b]", "ml-system-design", column="Scheduled")
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        await pilot.press("o")  # the outcome of the selected round, in place
        await settle(pilot)
        title = str(app.screen.query_one("#outcome-title").render())
        assert title == "How did it go?  [b]Acme[/b] · ML system design → Scheduled"
        await pilot.press("escape")
        await pilot.press("shift+right")  # into Done: the same dialog
        await settle(pilot)
        title = str(app.screen.query_one("#outcome-title").render())
        assert title == "How did it go?  [b]Acme[/b] · ML system design → Done"


async def test_a_card_dragged_out_of_done_loses_its_outcome(pipeline: Database) -> None:
    app = make_app(pipeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        done = next(c for c in app.screen.query(BoardColumnView) if c.column.name == "Done")
        await pilot.mouse_down("#card-5", offset=(3, 1))
        await pilot.hover(done, offset=(5, 10))
        await pilot.mouse_up(done, offset=(5, 10))
        await settle(pilot)
        await pilot.click("#outcome-failed")
        await pilot.click("#outcome-save")
        await settle(pilot)
        assert "✗ failed" in str(app.screen.query_one("#card-5", BoardCard).render())
        # back to Scheduled, above round 4: it is an upcoming round again, on the card and in the database
        await pilot.mouse_down("#card-5", offset=(3, 1))
        await pilot.hover("#card-4", offset=(3, 1))
        await pilot.mouse_up("#card-4", offset=(3, 1))
        await settle(pilot)
        assert app.screen.__class__.__name__ == "BoardScreen"  # no dialog on the way out
        expected = {"Scheduling": [1, 2, 3], "Scheduled": [5, 4], "Done": []}
        assert db_order(pipeline) == expected and widget_order(app) == expected
        card = app.screen.query_one("#card-5", BoardCard)
        assert "failed" not in str(card.render()) and card.row.outcome is None
        assert get_round(pipeline, 5).outcome is None
        assert selected(app) == 5
        # the keyboard move out of Done does the same
        await pilot.press("shift+right")
        await settle(pilot)
        await pilot.click("#outcome-passed")
        await pilot.click("#outcome-save")
        await settle(pilot)
        assert get_round(pipeline, 5).outcome == "passed"
        await pilot.press("shift+left")
        await settle(pilot)
        assert get_round(pipeline, 5).outcome is None
        assert "passed" not in str(app.screen.query_one("#card-5", BoardCard).render())


async def test_manage_columns(pipeline: Database) -> None:
    app = make_app(pipeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press(*"Onsite", "enter")
        await settle(pilot)
        assert [c.name for c in list_columns(pipeline)] == ["Scheduling", "Scheduled", "Done", "Onsite"]
        # The new column is selected: move it left of Done, and mark it done.
        await pilot.click("#columns-left")
        await pilot.click("#columns-done")
        cols = list_columns(pipeline)
        assert [(c.name, c.done) for c in cols] == [
            ("Scheduling", False),
            ("Scheduled", False),
            ("Onsite", True),
            ("Done", True),
        ]
        # A column holding rounds is refused with a clear message.
        app.screen.query_one("#columns-table").move_cursor(row=0)
        await pilot.click("#columns-delete")
        await settle(pilot)
        assert len(list_columns(pipeline)) == 4
        assert any("still holds 3 rounds" in str(n.message) for n in app._notifications)
        # Rename through the form, then delete the empty one.
        await clear_toasts(pilot)
        app.screen.query_one("#columns-table").move_cursor(row=3)
        app.screen.query_one("#columns-name").value = "Closed"
        await pilot.click("#columns-rename")
        assert [c.name for c in list_columns(pipeline)][3] == "Closed"
        await pilot.click("#columns-delete")
        await pilot.press("escape")
        await settle(pilot)
        assert [c.column.name for c in app.screen.query(BoardColumnView)] == [
            "Scheduling",
            "Scheduled",
            "Onsite",
        ]


async def test_filter_to_one_company_and_group(pipeline: Database) -> None:
    app = make_app(pipeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press(*"beta", "enter")
        await settle(pilot)
        assert widget_order(app) == {"Scheduling": [], "Scheduled": [4], "Done": []}
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("up", "up", "enter")  # from Beta up to "All companies"
        await settle(pilot)
        assert widget_order(app)["Scheduled"] == [4, 5]
        await pilot.press("g")
        await settle(pilot)
        assert widget_order(app)["Scheduled"] == [5, 4]  # Acme before Beta
        groups = [str(w.render()) for w in app.screen.query(".board-group")]
        assert "Acme" in groups and "Beta" in groups


async def test_markup_in_company_name_shows_literally(db: Database) -> None:
    add_round(db, "[red]x[/]", "coding", column="Scheduling")
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        assert "[red]x[/]" in str(app.screen.query_one("#card-1", BoardCard).render())


async def test_cards_show_readiness_for_upcoming_rounds(db: Database) -> None:
    pytest.importorskip("tracker.services.readiness")
    add_round(db, "Acme", "coding", at=datetime.now(UTC) + timedelta(days=3))
    add_round(db, "Acme", "recruiter", column="Done", at=datetime.now(UTC) - timedelta(days=3))
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        upcoming = str(app.screen.query_one("#card-1", BoardCard).render())
        assert "ready " in upcoming and "%" in upcoming and "prep 3 of 14 d left" in upcoming
        assert "ready" not in str(app.screen.query_one("#card-2", BoardCard).render())


async def test_new_round_form_refuses_a_bad_date(db: Database) -> None:
    add_company(db, "Acme")
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#round-new-company").value = "Acme"
        app.screen.query_one("#round-new-at").value = "the day after never"
        await pilot.click("#round-new-save")
        await settle(pilot)
        assert "cannot read 'the day after never'" in str(app.screen.query_one("#round-new-error").render())
        assert sum(len(c.rounds) for c in board(db)) == 0
        app.screen.query_one("#round-new-at").value = "Dec 3 2pm"
        await pilot.press("ctrl+s")  # the error toast may still sit over the Save button
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert sum(len(c.cards()) for c in app.screen.query(BoardColumnView)) == 1


async def test_board_json_matches_the_screen(demo_db: Database) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        shown = widget_order(app)
    assert shown == {c.name: [r.id for r in c.rounds] for c in board(demo_db)}
    assert sum(map(len, shown.values())) > 10


def test_snapshot_board(db: Database, snap_compare, utc: None, monkeypatch: pytest.MonkeyPatch) -> None:
    now = datetime(2026, 11, 16, 12, 0, tzinfo=UTC)
    monkeypatch.setattr(BoardScreen, "clock", staticmethod(lambda: now))
    # The readiness score has its own tests; here the card shows the prep window only.
    monkeypatch.setattr("tracker.services.pipeline._readiness", lambda db, ids, now: {})
    add_company(db, "Northwind AI", role="ML engineer")
    add_round(db, "Northwind AI", "recruiter", column="Done", at=datetime(2026, 10, 30, 11, tzinfo=UTC))
    add_round(db, "Northwind AI", "ml-system-design", at=datetime(2026, 11, 19, 14, tzinfo=UTC))
    add_round(db, "Lumen Search", "coding", at=datetime(2026, 11, 15, 15, tzinfo=UTC))
    add_round(db, "[red]x[/]", "behavioral", column="Scheduling")
    from tracker.services.pipeline import move_round

    move_round(db, 1, "Done", outcome="passed")

    async def run_before(pilot) -> None:
        await open_board(pilot)

    assert snap_compare(make_app(db), terminal_size=(120, 40), run_before=run_before)


async def test_long_column_mounts_what_fits_then_more_as_it_scrolls(db: Database) -> None:
    from textual import events

    from tracker.tui.widgets.board_column import CardList, LoadMore, first_page

    for i in range(45):
        add_round(db, f"Company {i:02d}", "coding", column="Scheduling")
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        col = next(c for c in app.screen.query(BoardColumnView) if c.column.name == "Scheduling")
        first = first_page(40)
        assert len(col.cards()) == first < 45  # a screenful and one more, not the whole year
        assert str(col.query_one(LoadMore).label) == f"▾ {45 - first} more"
        assert (
            col.query_one(".board-column-header").render().plain.endswith("45")
        )  # the count is the column's
        # the wheel over the column, as the terminal reports it, mounts the next page before the end shows
        body = col.query_one(CardList)
        for _ in range(40):
            body.post_message(events.MouseScrollDown(body, 5, 5, 0, 1, 0, False, False, False))
            await pilot.pause()
        await settle(pilot)
        assert len(col.cards()) > first
        assert [c.round_id for c in col.cards()] == [r.id for r in col.rows[: len(col.cards())]]
        # ↓ past the last mounted card mounts more too, down to the column's last round, in the column's order
        app.screen.query_one(BoardView).select(col.cards()[0])
        for _ in range(45):
            await pilot.press("down")
        await settle(pilot)
        assert len(col.cards()) == 45 and not col.query(LoadMore)
        assert selected(app) == col.rows[-1].id
        assert [c.round_id for c in col.cards()] == [r.id for r in col.rows]


async def test_cards_mounted_later_get_the_same_readiness_hints(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first read scores readiness only for the cards each column mounts first; the others are scored as
    their page is mounted, and end up with the hints a read of every card gives."""
    from tracker.services import pipeline
    from tracker.tui.widgets.board_column import first_page

    for i in range(30):
        add_round(
            db,
            f"Company {i:02d}",
            "coding",
            column="Scheduling",
            at=datetime.now(UTC) + timedelta(days=i + 1),
        )
    scored: list[int] = []
    card_hints = pipeline.card_hints

    def counted(db_: Database, rows: object, now: datetime) -> dict[int, str]:
        rows = list(rows)  # type: ignore[call-overload]
        scored.append(len(rows))
        return card_hints(db_, rows, now)

    monkeypatch.setattr(pipeline, "card_hints", counted)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        assert scored == [first_page(40)]  # only what the column shows first
        col = next(c for c in app.screen.query(BoardColumnView) if c.column.name == "Scheduling")
        await col.load_more(upto=len(col.rows) - 1)
        await settle(pilot)
        assert len(col.cards()) == 30 and sum(scored) == 30  # each card scored once
        expected = card_hints(db, col.rows, app.screen._now)
        for card in col.cards():
            hint = expected[card.round_id]
            assert "ready " in hint and hint in str(card.render()).replace("\n", " ")
