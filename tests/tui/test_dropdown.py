"""The filter bars' dropdown (tracker/tui/widgets/dropdown.py), through Pilot: keys, type-ahead, the mouse, clearing,
labels shown literally, and the filters it drives in the problems and papers areas."""

from __future__ import annotations

from typing import Any

from tests.tui.conftest import make_app, settle
from tracker.services.base import Database
from tracker.services.problems import add_problem
from tracker.tui.widgets.dropdown import Dropdown, DropdownList, DropdownMenu


def titles(app: Any) -> list[str]:
    table = app.screen.query_one("#problems-table")
    return [str(table.get_row_at(i)[1]) for i in range(table.row_count)]


def problems(db: Database) -> None:
    add_problem(db, "Alpha Paths", number=9001, difficulty="easy", patterns=["Graphs"])
    add_problem(db, "Bravo Anagram", number=9002, difficulty="medium", patterns=["Arrays [hash]"])
    add_problem(db, "Charlie Heap", number=9003, difficulty="hard", patterns=["Heap"])


async def open_problems(pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)


async def open_list(pilot: Any, selector: str) -> Dropdown:
    """Focus the dropdown and open its list with enter, as a keyboard user does."""
    dropdown = pilot.app.screen.query_one(selector, Dropdown)
    dropdown.focus()
    await pilot.press("enter")
    await settle(pilot)
    return dropdown


async def test_keys_open_the_list_type_ahead_chooses_and_the_prompt_clears(db: Database) -> None:
    problems(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        pattern = await open_list(pilot, "#qf-pattern")
        menu = app.screen
        assert isinstance(menu, DropdownMenu)
        assert [label.plain for label, _ in menu.entries] == ["pattern", "Arrays [hash]", "Graphs", "Heap"]
        await pilot.press("h", "e")  # type-ahead: the first choice starting with "he"
        assert menu.highlighted == 3
        await pilot.press("enter")
        await settle(pilot)
        assert pattern.value == "Heap" and titles(app) == ["Charlie Heap"]
        assert pattern.has_focus
        await pilot.press("enter", "home", "enter")  # the prompt, first in the list, clears the choice
        await settle(pilot)
        assert pattern.value is Dropdown.BLANK and len(titles(app)) == 3
        await pilot.press("down", "down", "down", "escape")  # escape closes without choosing
        await settle(pilot)
        assert not isinstance(app.screen, DropdownMenu) and pattern.value is Dropdown.BLANK


async def test_the_mouse_opens_the_list_and_picks_a_choice_shown_literally(db: Database) -> None:
    problems(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        await pilot.click("#qf-pattern")
        await settle(pilot)
        shown = [strip.text for strip in app.screen._compositor.render_strips()]
        assert any("Arrays [hash]" in line for line in shown)  # not read as markup
        await pilot.click(DropdownList, offset=(2, 1))  # the first choice after the prompt
        await settle(pilot)
        pattern = app.screen.query_one("#qf-pattern", Dropdown)
        assert pattern.value == "Arrays [hash]" and titles(app) == ["Bravo Anagram"]
        assert pattern.render().plain.startswith("Arrays [ha")  # literal, cut to the dropdown with "…"
        await pilot.click("#qf-pattern")
        await settle(pilot)
        await pilot.click(offset=(2, 30))  # outside the list: closes it, the choice stays
        await settle(pilot)
        assert not isinstance(app.screen, DropdownMenu) and pattern.value == "Arrays [hash]"


async def test_a_long_list_scrolls_to_the_choice_and_setting_options_clears(db: Database) -> None:
    for i in range(30):
        add_problem(db, f"Problem {i}", number=9100 + i, companies=[f"Company {i:02d}"])
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        company = app.screen.query_one("#qf-company", Dropdown)
        company.value = "Company 25"
        await settle(pilot)
        assert titles(app) == ["Problem 25"]
        await open_list(pilot, "#qf-company")
        listing = app.screen.query_one(DropdownList)
        assert app.screen.highlighted == 26
        assert listing.scroll_offset.y > 0  # scrolled to show it
        await pilot.press("end", "enter")
        await settle(pilot)
        assert company.value == "Company 29"
        company.set_options([("Only one", "only")])
        assert company.value is Dropdown.BLANK


async def test_a_choice_that_went_away_while_the_list_was_open_is_ignored(db: Database) -> None:
    problems(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_problems(pilot)
        pattern = await open_list(pilot, "#qf-pattern")
        pattern.set_options([("Graphs", "Graphs")])  # a reload while the list is open: "Heap" is gone
        await pilot.press("h", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, DropdownMenu)
        assert pattern.value is Dropdown.BLANK and len(titles(app)) == 3
