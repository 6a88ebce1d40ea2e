"""The command palette finds any problem or story by number or title and opens it selected in its area."""

from __future__ import annotations

from tests.tui.conftest import make_app, palette, settle
from tracker.services.base import Database
from tracker.services.problems import find_problem
from tracker.services.stories import list_stories


async def test_palette_opens_a_problem_selected_wherever_it_is_in_the_list(demo_db: Database) -> None:
    lru = find_problem(demo_db, "146")
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette(pilot, "lru cache")
        await settle(pilot)
        assert app.current_mode == "problems"
        assert app.screen.selected_id == lru.id


async def test_palette_opens_a_story_selected(demo_db: Database) -> None:
    story = next(s for s in list_stories(demo_db) if s.title.startswith("Migrated"))
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette(pilot, "migrated the")
        await settle(pilot)
        assert app.current_mode == "stories"
        assert app.screen.current_id() == story.id
