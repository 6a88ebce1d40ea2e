"""Settings from the command palette: edit, save, read back; a bad value is a notification, nothing saved."""

from __future__ import annotations

from textual.widgets import Input

from tests.tui.conftest import make_app, palette, settle
from tracker.services.base import Database
from tracker.services.settings import get_value


async def test_change_the_review_cap_from_the_palette(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette(pilot, "settings")
        assert app.screen.__class__.__name__ == "SettingsModal"
        cap = app.screen.query_one("#set-queue-daily-review-cap", Input)
        assert cap.value == "50"
        cap.value = "25"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.__class__.__name__ != "SettingsModal"
    assert get_value(db, "queue.daily_review_cap") == 25


async def test_a_bad_value_is_refused_with_a_notification(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette(pilot, "settings")
        app.screen.query_one("#set-timer-limits", Input).value = "20/forty/60"
        app.screen.query_one("#set-queue-daily-new-cap", Input).value = "9"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "SettingsModal"
        assert any("not a whole number" in str(n.message) for n in app._notifications)
    assert get_value(db, "queue.daily_new_cap") == 5


async def test_an_unknown_theme_is_refused_and_a_known_one_applies(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette(pilot, "settings")
        app.screen.query_one("#set-ui-theme", Input).value = "[red]nope"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "SettingsModal"
        assert get_value(db, "ui.theme") == "textual-dark"
        app.screen.query_one("#set-ui-theme", Input).value = "nord"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.theme == "nord"
    assert get_value(db, "ui.theme") == "nord"


async def test_each_setting_shows_its_help_under_it(db: Database) -> None:
    """The help line of every setting is on screen under its box, not hidden under the next setting."""
    from textual.widgets import Static

    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette(pilot, "settings")
        screen = app.screen
        first_day = screen.query_one("#set-week-first-day", Input)
        setting = first_day.parent.parent
        help_line = setting.query_one(".setting-help", Static)
        assert help_line.region.height >= 1
        assert help_line.region.y >= first_day.region.bottom  # below the box, in its own rows
        for box in screen.query("#settings-rows Input"):  # every help line inside its own setting, not drawn
            each = box.parent.parent  # under the next one
            line = each.query_one(".setting-help", Static)
            assert each.region.contains_region(line.region), (each.region, line.region)
        assert "ISO weeks" in str(help_line.render())


async def test_the_first_setting_takes_the_keys_as_the_dialog_opens(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette(pilot, "settings")
        focused = app.screen.focused
        assert isinstance(focused, Input) and focused.id == "set-queue-daily-review-cap"
        await pilot.press("backspace", "backspace", *"30", "ctrl+s")
        await settle(pilot)
    assert get_value(db, "queue.daily_review_cap") == 30
