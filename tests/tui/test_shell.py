"""The app shell: areas by key, by tab click and by palette; first run offers sample data."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from tests.tui.conftest import make_app, palette, settle
from tracker.services.base import Database
from tracker.services.problems import add_problem
from tracker.tui.widgets.area_tabs import AreaTabs
from tracker.tui.widgets.footer import AreaFooter

AREAS = ["dashboard", "problems", "papers", "stories", "board", "schedule"]


async def test_keys_1_to_6_switch_areas(demo_db: Database) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key, area in zip("123456", AREAS, strict=True):
            await pilot.press(key)
            await settle(pilot)
            assert app.current_mode == area


async def test_clicking_a_tab_switches_area(demo_db: Database) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.click(AreaTabs, offset=AreaTabs.offset_of("papers"))
        await settle(pilot)
        assert app.current_mode == "papers"
        table = app.screen.query_one("#listing", DataTable)
        assert table.row_count > 40
        await pilot.click(AreaTabs, offset=AreaTabs.offset_of("board"))
        await settle(pilot)
        assert app.current_mode == "board"


async def test_footer_shows_the_screens_keys_and_a_click_presses_one(demo_db: Database) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        footer = app.screen.query_one(AreaFooter)
        shown = str(footer.render())
        assert "New round" in shown or "new round" in shown.lower(), shown
        assert "palette" in shown
        await pilot.click(AreaFooter, offset=(footer.offset_of("n"), 0))
        await settle(pilot)
        assert type(app.screen).__name__ == "NewRoundModal"


async def test_palette_goes_to_board(demo_db: Database) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette(pilot, "go to board")
        assert app.current_mode == "board"


async def test_empty_database_offers_sample_data_and_loads_it(db: Database) -> None:
    app = make_app(db, welcome=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.__class__.__name__ == "WelcomeModal"
        await pilot.click("#demo")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "DashboardScreen"
    from tracker.services.dashboard import summary

    assert summary(db).problems > 0 and summary(db).companies >= 4


@pytest.mark.parametrize("choice,count", [("blind75", 75), ("neetcode150", 150)])
async def test_welcome_loads_a_problem_list(db: Database, choice: str, count: int) -> None:
    app = make_app(db, welcome=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.click(f"#{choice}")
        await settle(pilot)
    from tracker.services.problems import count_problems

    assert count_problems(db) == count


@pytest.mark.parametrize("how", ["escape", "#empty"])
async def test_the_welcome_is_answered_once_and_not_offered_on_the_next_start(db: Database, how: str) -> None:
    app = make_app(db, welcome=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.__class__.__name__ == "WelcomeModal"
        if how == "escape":
            await pilot.press("escape")
        else:
            await pilot.click(how)
        await settle(pilot)
        assert app.screen.__class__.__name__ == "DashboardScreen"
    again = make_app(db, welcome=True)  # the same database, started again: still empty, not asked again
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.screen.__class__.__name__ == "DashboardScreen"
        assert not again.screen_stack[-1].query("#welcome")


async def test_sample_data_can_be_loaded_later_from_the_palette(db: Database) -> None:
    app = make_app(db, welcome=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await palette(pilot, "load sample data")
    from tracker.services.dashboard import summary

    assert summary(db).problems > 0 and summary(db).companies >= 4


async def test_problem_title_with_markup_shows_literally(db: Database) -> None:
    add_problem(db, "[bold]Two[/] Sum", number=99001)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.query_one("#problems-table", DataTable)
        cells = [str(c) for c in table.get_row_at(0)]
        assert "[bold]Two[/] Sum" in cells


async def test_an_area_visited_before_is_painted_at_once(demo_db: Database) -> None:
    # Textual holds back a mode switch's frames for 50 ms (delay_update) to hide a screen being built; a screen
    # visited before is built, so its frames go out at once. Screens repaint up to 120 times a second.
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        app.switch_mode("problems")
        assert app._batch_count == 0 and app.current_mode == "problems"
        assert app.screen._update_timer._interval == pytest.approx(1 / 120)
        await settle(pilot)
        app.switch_mode("papers")  # a first visit holds its frames while its screen is built
        assert app._batch_count == 1
        await settle(pilot)


async def test_a_new_area_shows_its_first_frame_once_laid_out(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Frames are held while a new area's screen is built, and go out at its first layout, not after a fixed delay
    # (Textual's timer only starts once the screen is built). With the fallback pushed out of reach, only the
    # layout can let them go.
    from tracker.tui import app as app_module

    monkeypatch.setattr(app_module, "FRAMES_HELD_AT_MOST_S", 600.0)
    from tracker.tui.screens.base import AreaScreen

    after_first_layout: dict[str, int] = {}
    refresh_layout = AreaScreen._refresh_layout

    def recorded(screen: AreaScreen, size: object = None, scroll: bool = False) -> None:
        refresh_layout(screen, size, scroll)
        if screen.is_current:
            after_first_layout.setdefault(screen.AREA, screen.app._batch_count)

    monkeypatch.setattr(AreaScreen, "_refresh_layout", recorded)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key, mode in (("3", "papers"), ("5", "board"), ("2", "problems")):
            await pilot.press(key)
            assert app.current_mode == mode
            await settle(pilot)
            assert after_first_layout[mode] == 0  # its first layout let the frames go
            assert app._batch_count == 0 and not app._frames_held


async def test_held_frames_are_let_go_if_no_screen_lays_out(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.tui import app as app_module

    monkeypatch.setattr(app_module, "FRAMES_HELD_AT_MOST_S", 0.05)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.delay_update()  # as a switch to a screen that then fails to build
        assert app._batch_count == 1
        app.delay_update()  # a second switch while held does not hold twice
        assert app._batch_count == 1
        await pilot.pause(0.2)
        assert app._batch_count == 0 and not app._frames_held
