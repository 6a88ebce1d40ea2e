"""The papers area against what a user runs into: a paper deleted behind its back, sorting by any column with the
keyboard, dialogs that keep what was typed."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import DataTable

from tests.tui.conftest import make_app, settle
from tracker.services.base import Database
from tracker.services.papers import add_paper, delete_paper
from tracker.tui.screens.papers import PapersScreen


def messages(app: Any) -> list[str]:
    return [n.message for n in app._notifications]


def shown_titles(app: Any) -> list[str]:
    table = app.screen.query_one("#listing", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def two(db: Database) -> None:
    add_paper(db, "Attention Is All You Need", year=2017, venue="NeurIPS", tldr="transformers")
    add_paper(db, "Bigtable", year=2006, venue="OSDI", tldr="sparse tables")


async def open_papers(pilot: Any) -> PapersScreen:
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PapersScreen)
    return screen


@pytest.mark.parametrize("key", ["e", "r", "s", "d", "x", "enter"])
async def test_a_paper_deleted_elsewhere_is_a_notification_and_leaves_the_list(
    db: Database, key: str
) -> None:
    two(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_papers(pilot)
        assert shown_titles(app)[0] == "Attention Is All You Need"
        delete_paper(db, 1)  # from the command line or another window
        await pilot.press(key)
        await settle(pilot)
        if key == "d":  # asks first
            await pilot.press("y")
            await settle(pilot)
        assert app.is_running
        assert isinstance(app.screen, PapersScreen)  # no dialog left open for a paper that is gone
        assert any("no paper with id 1" in m for m in messages(app))
        assert shown_titles(app) == ["Bigtable"]


async def test_escape_on_a_typed_paper_form_warns_then_discards(db: Database) -> None:
    two(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_papers(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"My draft paper")  # in the title / arXiv id box, not looked up yet
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "PaperFormModal"
        assert app.screen.query_one("#pf-ref").value == "My draft paper"
        assert any("unsaved changes" in m for m in messages(app))
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PapersScreen)
        assert shown_titles(app) == ["Attention Is All You Need", "Bigtable"]


async def test_escape_on_an_edited_paper_warns_and_on_an_untouched_one_closes(db: Database) -> None:
    two(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_papers(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("escape")  # untouched
        await settle(pilot)
        assert isinstance(app.screen, PapersScreen)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("end", *" (v2)", "escape")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "PaperFormModal"
        await pilot.press("ctrl+s")  # what was typed is still there to save
        await settle(pilot)
        assert isinstance(app.screen, PapersScreen)
        assert "Attention Is All You Need (v2)" in shown_titles(app)


async def test_o_sorts_by_each_column_in_turn_and_capital_o_reverses(db: Database) -> None:
    from textual.widgets import Static

    add_paper(db, "Bigtable", year=2006, venue="OSDI", authors="Chang")
    add_paper(db, "Attention Is All You Need", year=2017, venue="NeurIPS", authors="Vaswani")
    add_paper(db, "Chord", year=2001, venue="SIGCOMM", authors="Stoica")
    app = make_app(db)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await open_papers(pilot)

        def status() -> str:
            return str(screen.query_one("#listing-status", Static).render())

        await pilot.press("o")
        await settle(pilot)
        assert shown_titles(app) == ["Attention Is All You Need", "Bigtable", "Chord"]
        assert "sorted by Title ↑" in status()
        await pilot.press("o")  # authors
        await settle(pilot)
        assert shown_titles(app) == ["Bigtable", "Chord", "Attention Is All You Need"]
        assert "sorted by Authors ↑" in status()
        await pilot.press("o")  # year, newest first
        await settle(pilot)
        assert shown_titles(app) == ["Attention Is All You Need", "Bigtable", "Chord"]
        assert "sorted by Year ↓" in status()
        await pilot.press("O")
        await settle(pilot)
        assert shown_titles(app) == ["Chord", "Bigtable", "Attention Is All You Need"]
        assert "sorted by Year ↑" in status()
        for _ in range(len(screen.columns()) - 2):  # on to the last column, then the view's own order
            await pilot.press("o")
        await settle(pilot)
        assert "sorted by" not in status()
