"""The problems screen against what a user runs into: a problem deleted behind its back, dialogs that keep what
was typed, catalog auto-fill, the rate dialog with the mouse, opening a problem by id far down the list, Esc."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import DataTable

from tests.tui.conftest import make_app, settle
from tracker.services.base import Database
from tracker.services.problems import add_problem, delete_problem


def table(app: Any) -> DataTable[Any]:
    return app.screen.query_one("#problems-table", DataTable)


def row_keys(app: Any) -> list[str]:
    t = table(app)
    return [str(row.key.value) for row in t.ordered_rows]


def messages(app: Any) -> list[str]:
    return [n.message for n in app._notifications]


def three(db: Database) -> None:
    add_problem(db, "Alpha Paths", number=9001, difficulty="medium", patterns=["Graphs"])
    add_problem(db, "Bravo Anagram", number=9002, difficulty="easy", patterns=["Arrays"])
    add_problem(db, "Charlie Heap", number=9003, difficulty="hard", patterns=["Heap"])


async def open_problems(pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)


@pytest.mark.parametrize("key", ["e", "t", "x", "enter", "r"])
async def test_a_problem_deleted_elsewhere_is_a_notification_and_leaves_the_list(
    db: Database, key: str
) -> None:
    three(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        assert row_keys(app)[0] == "p:1"
        delete_problem(db, 1)  # from the command line or another window: this screen still shows it
        await pilot.press(key)
        await settle(pilot)
        assert app.is_running
        assert (
            app.screen.__class__.__name__ == "ProblemsScreen"
        )  # no dialog opened for a problem that is gone
        assert any("gone" in m and "no problem with id 1" in m for m in messages(app))
        assert row_keys(app) == ["p:2", "p:3"]
        assert getattr(app, "timer", None) is None  # no timer started on it


# ---------------------------------------------------------------------------------------------- Escape asks first
async def test_escape_on_a_typed_problem_form_warns_then_discards(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("tab", "tab", *"My own problem")  # number, difficulty, title
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ProblemFormModal"  # kept, with what was typed
        assert app.screen.query_one("#pf-title-input").value == "My own problem"
        assert any("unsaved changes" in m for m in messages(app))
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ProblemsScreen"
    from tracker.services.problems import problem_page

    assert problem_page(db, None, limit=10, offset=0)[0] == 0  # nothing saved


async def test_escape_on_an_untouched_problem_form_closes_at_once(db: Database) -> None:
    three(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        for key in ("n", "e"):
            await pilot.press(key)
            await settle(pilot)
            assert app.screen.__class__.__name__ == "ProblemFormModal"
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen.__class__.__name__ == "ProblemsScreen"
        assert not any("unsaved changes" in m for m in messages(app))


async def test_escape_on_a_rate_dialog_with_a_note_warns_then_discards(db: Database) -> None:
    three(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("escape")  # untouched: closes
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ProblemsScreen"
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("3", "tab", "tab", *"off by one")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "RateModal"
        assert app.screen.query_one("#rate-note").value == "off by one"
        assert any("unsaved changes" in m for m in messages(app))
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ProblemsScreen"
    from tracker.services.problems import get_problem

    assert get_problem(db, 1).attempts == 0


async def test_cancelling_the_rating_after_stopping_the_timer_keeps_the_timed_session(db: Database) -> None:
    three(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("t")  # stop and rate
        await settle(pilot)
        assert app.screen.__class__.__name__ == "RateModal"
        assert app.screen.query_one("#rate-minutes").value == "1"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ProblemsScreen"
        assert app.timer is not None and app.timer.problem_id == 1  # the session is still timed
        assert app.screen.query_one("#problem-timer").display
        await pilot.press("t")  # stop again: the dialog comes back with the minutes
        await settle(pilot)
        assert app.screen.__class__.__name__ == "RateModal"
        assert app.screen.query_one("#rate-minutes").value == "1"
        await pilot.press("2", "ctrl+s")
        await settle(pilot)
        assert app.timer is None
    from tracker.services.problems import problem_detail

    [attempt] = problem_detail(db, 1).attempts
    assert (attempt.rating, attempt.minutes) == ("brute-force", 1)


async def test_stopping_the_timer_of_a_problem_deleted_elsewhere_stops_it(db: Database) -> None:
    three(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        await pilot.press("t")
        await settle(pilot)
        delete_problem(db, 1)
        await pilot.press("t")
        await settle(pilot)
        assert app.is_running and app.screen.__class__.__name__ == "ProblemsScreen"
        assert app.timer is None
        assert any("no problem with id 1" in m for m in messages(app))


# ---------------------------------------------------------------------------------------------- catalog auto-fill
async def test_a_number_that_stops_matching_the_catalog_takes_back_only_what_the_catalog_filled(
    db: Database,
) -> None:
    from textual.widgets import Input, Select

    from tracker.services.problems import find_problem

    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen

        def value(name: str) -> Any:
            return form.query_one(f"#pf-{name}", Input | Select).value

        await pilot.press(*"200")
        await settle(pilot)
        assert (value("title-input"), value("slug"), value("difficulty"), value("patterns")) == (
            "Number of Islands",
            "number-of-islands",
            "medium",
            "Graphs",
        )
        await pilot.click("#pf-patterns")
        await pilot.press("end", *", Flood fill")  # the user's own edit
        await pilot.click("#pf-number")
        await pilot.press("end", "0")  # 2000: not in the catalog
        await settle(pilot)
        assert value("number") == "2000"
        assert (value("title-input"), value("slug"), value("difficulty")) == ("", "", Select.NULL)
        assert value("patterns") == "Graphs, Flood fill"  # typed into: kept
        assert "Catalog" not in str(form.query_one("#pf-hint").render())
        await pilot.click("#pf-title-input")
        await pilot.press(*"Grid walks")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ProblemsScreen"
    row = find_problem(db, "2000")
    assert (row.title, row.slug, row.difficulty, row.patterns) == (
        "Grid walks",
        "grid-walks",
        None,
        ["Flood fill", "Graphs"],
    )


async def test_a_title_typed_by_the_user_is_never_replaced_by_the_catalog(db: Database) -> None:
    from textual.widgets import Input

    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.click("#pf-title-input")
        await pilot.press(*"My islands")
        await pilot.click("#pf-number")
        await pilot.press(*"200", "backspace")
        await settle(pilot)
        assert app.screen.query_one("#pf-title-input", Input).value == "My islands"
        assert app.screen.query_one("#pf-slug", Input).value == ""


# ---------------------------------------------------------------------------------------------- rating with the mouse
async def test_a_click_on_a_rating_chooses_it_and_the_minutes_and_note_can_still_be_typed(
    db: Database,
) -> None:
    from textual.widgets import OptionList

    from tracker.services.problems import problem_detail

    three(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        await pilot.press("r")
        await settle(pilot)
        choices = app.screen.query_one("#rate-choices", OptionList)
        await pilot.click(choices, offset=(4, choices.gutter.top + 2))  # the third choice: has bugs
        await settle(pilot)
        assert app.screen.__class__.__name__ == "RateModal"  # chosen, not saved yet
        assert choices.highlighted == 2
        assert problem_detail(db, 1).attempts == []
        await pilot.click("#rate-minutes")
        await pilot.press(*"30")
        await pilot.click("#rate-note")
        await pilot.press(*"missed the empty case")
        await pilot.click("#rate-save")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ProblemsScreen"
    [attempt] = problem_detail(db, 1).attempts
    assert (attempt.rating, attempt.minutes, attempt.note) == ("has-bugs", 30, "missed the empty case")


async def test_keys_choose_without_saving_and_enter_saves(db: Database) -> None:
    from tracker.services.problems import problem_detail

    three(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "RateModal"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ProblemsScreen"
    assert problem_detail(db, 1).attempts[0].rating == "bug-free"


# ---------------------------------------------------------------------------------------------- open by id
def many(db: Database, n: int = 80) -> None:
    for i in range(1, n + 1):
        add_problem(db, f"Problem {i:03d}", number=9000 + i, difficulty="easy")


async def open_from_schedule(pilot: Any, problem_id: int) -> None:
    """What a study block's Open does (the schedule screen's open_item with the block's item)."""
    from tracker.tui.screens.schedule import ScheduleScreen

    await pilot.press("6")
    await settle(pilot)
    schedule = pilot.app.screen
    assert isinstance(schedule, ScheduleScreen)
    schedule.open_item({"kind": "problem", "ref_id": problem_id, "title": "the problem"})
    await settle(pilot)
    await settle(pilot)


async def test_open_from_a_study_block_selects_a_problem_beyond_the_first_page(db: Database) -> None:
    from tracker.tui.screens.problems import PAGE

    many(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        assert table(app).row_count == PAGE  # the first page: problem 75 is not among its rows
        await open_from_schedule(pilot, 75)
        screen = app.screen
        assert screen.__class__.__name__ == "ProblemsScreen"
        assert screen.selected_id == 75
        assert "Problem 075" in str(screen.query_one("#problem-detail").query_one("#pd-header").render())
        # the rows on the way are there too: moving up shows the one before it
        await pilot.press("up")
        await settle(pilot)
        assert screen.selected_id == 74


async def test_open_from_a_study_block_clears_filters_that_hide_the_problem(db: Database) -> None:
    from textual.widgets import Input

    many(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        await pilot.press("slash", *"Problem 00")  # shows 001–009 only
        await pilot.press("enter")
        await settle(pilot)
        assert table(app).row_count == 9
        await open_from_schedule(pilot, 75)
        screen = app.screen
        assert screen.selected_id == 75
        assert screen.query_one("#problems-filter", Input).value == ""
        assert any("Filters cleared" in m for m in messages(app))


# ---------------------------------------------------------------------------------------------- Esc and quick filters
async def test_esc_clears_a_quick_filter_when_there_is_no_text(db: Database) -> None:
    from textual.widgets import Static

    from tracker.tui.widgets.dropdown import Dropdown

    three(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        await pilot.press("V")  # the previous view from All: pattern stats
        await settle(pilot)
        assert row_keys(app)[0].startswith("s:")
        await pilot.press("enter")  # that pattern's problems
        await settle(pilot)
        screen = app.screen
        assert len(row_keys(app)) == 1
        status = str(screen.query_one("#problems-status", Static).render())
        assert "Esc clears the filters" in status and "the text" not in status
        await pilot.press("escape")
        await settle(pilot)
        assert row_keys(app) == ["p:1", "p:2", "p:3"]
        assert screen.query_one("#qf-pattern", Dropdown).is_blank()
        assert "filtered" not in str(screen.query_one("#problems-status", Static).render())


async def test_esc_clears_the_text_first_then_the_quick_filters(db: Database) -> None:
    from textual.widgets import Input

    from tracker.tui.widgets.dropdown import Dropdown

    three(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        screen = app.screen
        screen.query_one("#qf-difficulty", Dropdown).value = "hard"  # as picked from the dropdown
        await settle(pilot)
        await pilot.press("slash", *"heap", "enter")
        await settle(pilot)
        assert row_keys(app) == ["p:3"]
        await pilot.press("escape")
        await settle(pilot)
        assert screen.query_one("#problems-filter", Input).value == ""
        assert row_keys(app) == ["p:3"]  # still only the hard one
        await pilot.press("escape")
        await settle(pilot)
        assert row_keys(app) == ["p:1", "p:2", "p:3"]


async def test_enter_before_choosing_a_rating_says_to_choose_one(db: Database) -> None:
    three(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "RateModal"
        assert any("Choose how it went first" in m for m in messages(app))


async def test_j_and_k_move_in_the_lists_as_on_the_board(db: Database) -> None:
    three(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        table = app.screen.query_one("#problems-table")
        table.focus()
        await pilot.press("j", "j")
        await settle(pilot)
        assert table.cursor_row == 2
        await pilot.press("k")
        await settle(pilot)
        assert table.cursor_row == 1
