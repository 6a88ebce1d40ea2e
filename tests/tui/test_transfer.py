"""Backup, restore and Notion import through the command palette."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Checkbox, Input, Static

from tests.tui.conftest import make_app, palette, settle
from tracker.services.base import Database
from tracker.services.problems import count_problems

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "notion"


async def _run(pilot, command: str, path: Path) -> str:  # type: ignore[no-untyped-def]
    """Open the palette ``command``'s form, give it ``path``, click Run; what the form then reports."""
    await palette(pilot, command)
    pilot.app.screen.query_one("#transfer-path", Input).value = str(path)
    await pilot.click("#transfer-run")
    await settle(pilot)
    return result(pilot)


def result(pilot) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one("#transfer-result", Static).render())


async def test_backup_then_restore_into_an_empty_database(
    demo_db: Database, db: Database, tmp_path: Path
) -> None:
    target = tmp_path / "backup.json"
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Saved" in await _run(pilot, "back up everything", target)
    assert json.loads(target.read_text())
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Restored" in await _run(pilot, "restore a json backup", target)
    assert count_problems(db) == count_problems(demo_db)


async def test_restore_into_a_full_database_is_refused_in_place(demo_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "b.json"
    from tracker.services.transfer import export_json

    export_json(demo_db, target)
    before = count_problems(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "empty" in await _run(pilot, "restore a json backup", target)
    assert count_problems(demo_db) == before


async def test_notion_import_dry_run_then_for_real(db: Database) -> None:
    source = next(p for p in sorted(FIXTURES.glob("*.csv")) if "problem" in p.name and "bad" not in p.name)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "dry run" in await _run(pilot, "import a notion", source)
        assert count_problems(db) == 0
        app.screen.query_one("#transfer-dry", Checkbox).value = False
        await pilot.press("ctrl+s")  # the dry run's toast may sit over the Run button
        await settle(pilot)
        assert "Imported." in result(pilot)
    assert count_problems(db) > 0
