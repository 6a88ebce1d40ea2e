"""Opening one paper after another from the list: each page shows its own paper and notes, and whatever was typed
is saved however the page is left (back, or another area)."""

from __future__ import annotations

from textual.widgets import DataTable, Static, TextArea

from tests.tui.conftest import make_app, settle
from tracker.services.base import Database
from tracker.services.papers import add_paper, get_paper, save_notes
from tracker.tui.screens.papers import PapersScreen


def title_on_page(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#paper-title", Static).render())


async def test_second_paper_shows_its_own_notes_and_keeps_the_first(db: Database) -> None:
    first = add_paper(db, "Alpha paper")
    second = add_paper(db, "Beta paper")
    save_notes(db, second.id, "beta notes")
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        papers = app.screen
        assert isinstance(papers, PapersScreen)
        table = papers.query_one("#listing", DataTable)
        row_of = {p.title: i for i, p in enumerate(papers.shown)}

        table.move_cursor(row=row_of["Alpha paper"])
        await pilot.press("enter")
        await settle(pilot)
        assert title_on_page(app) == "Alpha paper"
        assert app.screen.query_one("#paper-notes", TextArea).text == ""
        await pilot.press("n", *"alpha notes")
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert app.screen is papers

        table.move_cursor(row=row_of["Beta paper"])
        await pilot.press("enter")
        await settle(pilot)
        assert title_on_page(app) == "Beta paper"
        assert app.screen.query_one("#paper-notes", TextArea).text == "beta notes"
        assert app.screen.detail.paper.id == second.id
        await pilot.press("n", "end", *" and more")
        await app.switch_mode("dashboard")  # leaving by another area (tab click, palette) saves too
        await settle(pilot)
    assert get_paper(db, first.id).notes == "alpha notes"
    assert get_paper(db, second.id).notes == "beta notes and more"


async def test_list_comes_back_with_a_change_made_elsewhere(db: Database) -> None:
    add_paper(db, "Alpha paper")
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        papers = app.screen
        await pilot.press("1")
        await settle(pilot)
        other = Database(db.path)  # e.g. `prep paper add` in another terminal
        add_paper(other, "Written by another prep process")
        other.close()
        await pilot.press("3")
        await settle(pilot)
        assert app.screen is papers
        assert sorted(p.title for p in papers.shown) == ["Alpha paper", "Written by another prep process"]
