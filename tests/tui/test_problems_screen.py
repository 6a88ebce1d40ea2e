"""The problems screen through Pilot: the rating flow, the timer, filter, sort, views, add/edit/delete."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import DataTable, Input, Static

from tests.tui.conftest import make_app, settle
from tracker.services.base import Database
from tracker.services.problems import add_problem, get_problem, problem_detail, rate_problem
from tracker.tui.screens.problems import PAGE
from tracker.tui.widgets.footer import AreaFooter


def table(app: Any) -> DataTable[Any]:
    return app.screen.query_one("#problems-table", DataTable)


def column(app: Any, key: str) -> list[str]:
    t = table(app)
    return [str(t.get_cell_at((row, t.get_column_index(key)))) for row in range(t.row_count)]


def three(db: Database) -> None:
    add_problem(db, "Alpha Paths", number=9001, difficulty="medium", patterns=["Graphs"])
    add_problem(db, "Bravo Anagram", number=9002, difficulty="easy", patterns=["Arrays"], companies=["Acme"])
    add_problem(db, "Charlie Heap", number=9003, difficulty="hard", patterns=["Heap"])


async def open_problems(pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)


async def test_rating_flow_keys_in_attempt_and_table_cell_out(db: Database) -> None:
    three(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        assert column(app, "mastery")[0] == "new"
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "RateModal"
        # Each choice shows the next review date before choosing.
        options = app.screen.query_one("#rate-choices")
        assert all("next review" in str(options.get_option_at_index(i).prompt) for i in range(4))
        await pilot.press("3", "tab", *"25", "tab", *"off by one", "tab")
        await pilot.press(*"two pointers, shrink from the left", "enter")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ProblemsScreen"
        assert column(app, "mastery")[0] == "has bugs"
        assert column(app, "attempts")[0] == "1"
        assert column(app, "gist")[0] == "two pointers, shrink from the left"
        history = str(app.screen.query_one("#pd-history", Static).render())
        assert "has bugs" in history and "25 min" in history and "off by one" in history
    detail = problem_detail(db, 1)
    [attempt] = detail.attempts
    assert (attempt.rating, attempt.minutes, attempt.note) == ("has-bugs", 25, "off by one")
    assert detail.problem.due_at is not None


async def test_rating_needs_a_choice_and_escape_saves_nothing(db: Database) -> None:
    three(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "RateModal"  # still open: no rating chosen
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ProblemsScreen"
    assert get_problem(db, 1).attempts == 0


async def test_timer_survives_switching_screens_and_fills_minutes(db: Database) -> None:
    three(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert app.timer.problem_id == 1 and app.timer.limit_minutes == 40  # medium
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert app.timer is not None
        bar = app.screen.query_one("#problem-timer", Static)
        assert bar.display and "Alpha Paths" in str(bar.render())
        await pilot.press("down", "t")  # stops the timer of problem 1, whatever is selected
        await settle(pilot)
        assert app.screen.__class__.__name__ == "RateModal"
        assert app.screen.problem_id == 1
        assert app.screen.query_one("#rate-minutes", Input).value == "1"
        await pilot.press("4", "ctrl+s")
        await settle(pilot)
        assert app.timer is None  # stopped once the rating is saved
        assert not app.screen.query_one("#problem-timer", Static).display
    assert get_problem(db, 1).mastery == "bug-free"


async def test_filter_as_you_type_sort_by_header_and_views(db: Database) -> None:
    three(db)
    rate_problem(db, 1, "no-clue")
    rate_problem(db, 3, "bug-free")
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        await pilot.press("slash", *"acme", "enter")
        await pilot.pause(0.3)  # outlast the typing debounce, so no late reload lands after the check
        await settle(pilot)
        assert column(app, "title") == ["Bravo Anagram"]
        await pilot.press("escape")  # clears the box: the list comes back after the typing debounce
        await pilot.pause(0.3)
        await settle(pilot)
        assert len(column(app, "title")) == 3
        await pilot.click("#problems-table", offset=(20, 0))  # the Title header
        await settle(pilot)
        assert column(app, "title") == ["Alpha Paths", "Bravo Anagram", "Charlie Heap"]
        await pilot.click("#problems-table", offset=(20, 0))
        await settle(pilot)
        assert column(app, "title") == ["Charlie Heap", "Bravo Anagram", "Alpha Paths"]
        await pilot.press("v", "v")  # All → Due queue → Weak
        await settle(pilot)
        assert column(app, "title") == ["Alpha Paths"]
        footer = app.screen.query_one(AreaFooter)
        assert "Sort" in str(footer.render())
        await pilot.press("V")  # back to the queue: the one never tried, as new
        await settle(pilot)
        assert column(app, "title") == ["Bravo Anagram"]
        assert "new" in column(app, "why")[0]
        assert "Sort" not in str(footer.render())  # the queue has its own order: no sort key offered


async def test_letters_typed_in_one_burst_after_slash_land_in_the_filter(db: Database) -> None:
    # A fast typist or a paste: `/` and the word reach the app before it has handled `/`. None of the letters may
    # reach the table's own keys (`t` starts the timer, `e` edits).
    three(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        for key in ["slash", *"heat"]:
            app.post_message(events.Key(key, "/" if key == "slash" else key))
        await pilot.pause(0.3)
        await settle(pilot)
        box = app.screen.query_one("#problems-filter", Input)
        assert box.value == "heat" and app.focused is box
        assert getattr(app, "timer", None) is None and len(app.screen_stack) == 1
        await pilot.press("slash", "x")  # in the box, `/` is a slash
        assert box.value == "heat/x"


async def test_pattern_stats_view_and_drill_in(db: Database) -> None:
    three(db)
    rate_problem(db, 1, "no-clue")
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        await pilot.press("down", "down")  # the cursor on the third problem ...
        await settle(pilot)
        await pilot.press("V")  # wraps to the last view: pattern stats
        await settle(pilot)
        assert column(app, "pattern")[0] == "Graphs"
        assert app.screen.query_one("#problems-table").cursor_row == 0  # ... and on the first pattern here
        assert column(app, "weak")[0] == "100%"
        # no problem to show beside the stats: the table takes the detail pane's room and every column fits
        table = app.screen.query_one("#problems-table")
        assert not app.screen.query_one("#problem-detail").display
        assert table.virtual_size.width <= table.scrollable_content_region.width
        await pilot.press("enter")
        await settle(pilot)
        assert column(app, "title") == ["Alpha Paths"]
        assert app.screen.query_one("#problem-detail").display  # a problem list again: its detail is back
        from tracker.tui.widgets.dropdown import Dropdown

        pattern = app.screen.query_one("#qf-pattern", Dropdown)
        assert pattern.value == "Graphs"  # the dropdown shows the drill-in
        pattern.clear()
        await settle(pilot)
        pattern.set_options([])  # its choices a read behind the stats (a pattern added meanwhile)
        await pilot.press("V")
        await settle(pilot)
        await pilot.press("enter")  # drilling in still filters, without a choice to show
        await settle(pilot)
        assert column(app, "title") == ["Alpha Paths"] and pattern.value is Dropdown.BLANK


async def test_add_from_catalog_number_edit_and_delete_asks_first(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"1")
        await settle(pilot)
        assert app.screen.query_one("#pf-title-input", Input).value == "Two Sum"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert column(app, "title") == ["Two Sum"]
        assert column(app, "difficulty") == ["easy"]
        await pilot.press("e")
        await settle(pilot)
        gist = app.screen.query_one("#pf-gist", Input)
        gist.value = "hash map of complements"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert column(app, "gist") == ["hash map of complements"]
        await pilot.press("x")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ConfirmModal"
        await pilot.press("n")
        await settle(pilot)
        assert column(app, "title") == ["Two Sum"]
        await pilot.press("x", "y")
        await settle(pilot)
        assert table(app).row_count == 0


async def test_refused_edit_keeps_the_form_open(db: Database) -> None:
    three(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#pf-number", Input).value = "9002"  # taken by Bravo
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ProblemFormModal"
        assert app.screen.query_one("#pf-number", Input).value == "9002"
    assert get_problem(db, 1).number == 9001


async def test_pages_load_as_the_cursor_nears_the_end(db: Database) -> None:
    from tracker.services.problems import ImportRow, import_problem_rows

    import_problem_rows(db, [ImportRow(line=i, number=str(10000 + i), title=f"P {i}") for i in range(250)])
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        assert table(app).row_count == PAGE  # one page at first, not all 250
        assert "250 problems" in str(app.screen.query_one("#problems-status", Static).render())
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert table(app).row_count == 2 * PAGE
        for _ in range(5):  # to the end, a page at a time
            await pilot.press("ctrl+end")
            await settle(pilot)
        assert table(app).row_count == 250
        assert column(app, "title")[-1] == "P 249"


async def test_markup_in_title_shows_literally_everywhere(db: Database) -> None:
    add_problem(db, "[bold]Two[/] Sum", number=9001, gist="[red]x[/]")
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        assert column(app, "title") == ["[bold]Two[/] Sum"]
        assert column(app, "gist") == ["[red]x[/]"]
        assert "[bold]Two[/] Sum" in str(app.screen.query_one("#pd-header", Static).render())
        await pilot.press("r")
        await settle(pilot)
        assert "[bold]Two[/] Sum" in str(app.screen.query_one("#rate-title", Static).render())


async def test_clicking_a_row_selects_it_and_shows_its_detail(db: Database) -> None:
    # Rows are drawn from the table's own strip cache: each cell still carries the row and column the mouse needs.
    three(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        await pilot.click("#problems-table", offset=(20, 3))  # the third row's title
        await settle(pilot)
        assert table(app).cursor_row == 2 and app.screen.selected_id == 3
        header = str(app.screen.query_one("#pd-header", Static).render())
        assert "Charlie Heap" in header
        await pilot.click("#problems-table", offset=(2, 1))  # the first row's number
        await settle(pilot)
        assert table(app).cursor_row == 0 and app.screen.selected_id == 1


async def test_first_view_is_in_the_screens_first_frame_and_a_failed_first_read_falls_back_to_the_worker(
    db: Database, monkeypatch: Any
) -> None:
    """The first page, its filter choices (dropdowns and list tabs) and the first row's detail are read as the
    screen is built; if that read fails (here: the database is locked for a moment), the worker reads them."""
    import sqlite3

    from tracker.services import problems as svc
    from tracker.tui.widgets.dropdown import Dropdown
    from tracker.tui.widgets.view_tabs import ViewTabs

    three(db)
    add_problem(db, "Delta Trie", number=9004, difficulty="hard", patterns=["Trie"], lists=["Onsite [prep]"])
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        screen = app.screen
        # before any worker has run: rows, choices, tabs and detail are there with the screen
        assert column(app, "title") == ["Alpha Paths", "Bravo Anagram", "Charlie Heap", "Delta Trie"]
        assert [str(o[0]) for o in screen.query_one("#qf-pattern", Dropdown).options] == [
            "Arrays",
            "Graphs",
            "Heap",
            "Trie",
        ]
        # user text is shown as typed, never read as markup: the list's tab and its dropdown entry
        assert "Onsite [prep]" in [label for _, label in screen.query_one("#problem-views", ViewTabs).views]
        assert "Alpha Paths" in str(screen.query_one("#pd-header", Static).render())
        lists = screen.query_one("#qf-list", Dropdown)
        lists.value = "Onsite [prep]"
        await settle(pilot)
        assert column(app, "title") == ["Delta Trie"]
        shown = [strip.text for strip in app.screen._compositor.render_strips()]
        assert any("Onsite [prep]" in line for line in shown[:6]), shown[:6]

    calls = {"n": 0}
    real_page = svc.problem_page

    def locked_once(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            raise sqlite3.OperationalError("database is locked")
        return real_page(*args, **kwargs)

    monkeypatch.setattr(svc, "problem_page", locked_once)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        assert calls["n"] == 2  # the first read failed, the worker's succeeded
        assert column(app, "title") == ["Alpha Paths", "Bravo Anagram", "Charlie Heap", "Delta Trie"]


async def test_clicking_a_view_shows_it_and_a_long_row_keeps_the_active_view_in_sight(db: Database) -> None:
    from tracker.tui.widgets.view_tabs import ViewTabs

    three(db)
    lists = [f"Company list number {i}" for i in range(8)]  # far wider than the row
    add_problem(db, "Delta Trie", number=9004, difficulty="hard", lists=lists)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        row = app.screen.query_one("#problem-views", ViewTabs)
        await pilot.click("#problem-views", offset=row.offset_of("list:Company list number 0"))
        await settle(pilot)
        assert (
            app.screen.query_state.view == "list:Company list number 0"
            and row.active == app.screen.query_state.view
        )
        assert column(app, "title") == ["Delta Trie"]
        for _ in range(len(lists) + 1):  # v: the next view, up to "Pattern stats" at the far end of the row
            await pilot.press("v")
            await settle(pilot)
        assert row.active == "stats"
        line = row.render_line(0).text
        assert "Pattern stats" in line and " All " not in line  # scrolled to it
        await pilot.click(
            "#problem-views", offset=row.offset_of("patterns")
        )  # a click lands on what is shown there
        await settle(pilot)
        assert app.screen.query_state.view == "patterns"
        await pilot.press("V", "V")  # back past the last list
        await settle(pilot)
        assert (
            row.active == "list:Company list number 6" and "Company list number 6 " in row.render_line(0).text
        )
