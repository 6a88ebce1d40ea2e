"""ctrl+z brings back what was just deleted in the app: a problem, a paper or a story, on the screen and in the
database as it was; several deletes come back last first; in a text box ctrl+z is the box's own."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from textual.widgets import DataTable

from tests.tui.conftest import make_app, settle
from tracker.services.base import Database

AREAS = {  # area: (key, table id, delete key, table name)
    "problems": ("2", "#problems-table", "x", "problem"),
    "papers": ("3", "#listing", "d", "paper"),
    "stories": ("4", "#stories-table", "d", "story"),
}


def rows_of(db: Database, table: str) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(db.path)
    try:
        return sorted(con.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
    finally:
        con.close()


def dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    con = sqlite3.connect(db.path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    finally:
        con.close()
    return {t: rows_of(db, t) for t in tables}


async def open_area(pilot: Any, key: str) -> None:
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)


async def delete_selected(pilot: Any, key: str = "d") -> None:
    """The delete key, then yes to its question."""
    await pilot.press(key)
    await settle(pilot)
    await pilot.press("y")
    await settle(pilot)


@pytest.mark.parametrize("area", list(AREAS))
async def test_ctrl_z_brings_back_what_was_deleted(demo_db: Database, area: str) -> None:
    key, table_id, delete_key, table_name = AREAS[area]
    before = dump(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_area(pilot, key)
        table = app.screen.query_one(table_id, DataTable)
        shown = table.row_count
        await delete_selected(pilot, delete_key)
        assert len(rows_of(demo_db, table_name)) == len(before[table_name]) - 1
        assert any("ctrl+z brings it back" in n.message for n in app._notifications)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert table.row_count == shown  # on the screen
        assert any(n.message.startswith(f"Brought back the {table_name}") for n in app._notifications)
    assert dump(demo_db) == before  # and in the file, every row as it was


async def test_deletes_come_back_last_first_and_then_there_is_nothing_to_undo(demo_db: Database) -> None:
    before = rows_of(demo_db, "story")
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_area(pilot, "4")
        for _ in range(2):
            await delete_selected(pilot)
        assert len(rows_of(demo_db, "story")) == len(before) - 2
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert len(rows_of(demo_db, "story")) == len(before) - 1
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert rows_of(demo_db, "story") == before
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert any(n.message.startswith("Nothing to bring back") for n in app._notifications)
    assert rows_of(demo_db, "story") == before


async def test_in_a_text_box_ctrl_z_does_not_bring_back_a_delete(demo_db: Database) -> None:
    before = rows_of(demo_db, "story")
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_area(pilot, "4")
        await delete_selected(pilot)
        await pilot.press("slash", *"abc")  # in the filter box
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert len(rows_of(demo_db, "story")) == len(before) - 1  # still deleted
        await pilot.press("escape", "ctrl+z")  # back in the list
        await settle(pilot)
    assert rows_of(demo_db, "story") == before
