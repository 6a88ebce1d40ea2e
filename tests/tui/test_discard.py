"""Escape on any dialog with something typed warns first and keeps the dialog; a second Escape discards. An untouched
dialog closes at once. (The problem, paper and rate dialogs have their own tests in test_problems_fixes.py and
test_papers_fixes.py.)"""

from __future__ import annotations

from textual.widgets import Input

from tests.tui.conftest import make_app, palette, settle
from tracker.services.base import Database
from tracker.services.settings import get_value
from tracker.tui.modals.discard import UNSAVED


def warned(app) -> bool:  # type: ignore[no-untyped-def]
    return any(UNSAVED in str(n.message) for n in app._notifications)


async def test_a_study_rule_typed_and_escaped_is_kept_until_a_second_escape(db: Database) -> None:
    from tracker.services.schedule import list_rules

    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "RuleFormModal"
        await pilot.press("escape")  # untouched: closes at once
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ScheduleScreen" and not warned(app)
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#rf-label", Input).value = "LeetCode before work"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "RuleFormModal" and warned(app)
        assert app.screen.query_one("#rf-label", Input).value == "LeetCode before work"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ScheduleScreen"
    assert list_rules(db) == []


async def test_settings_changed_and_escaped_warn_then_are_not_saved(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette(pilot, "settings")
        assert app.screen.__class__.__name__ == "SettingsModal"
        await pilot.press("escape")  # as read from the database: nothing changed, closes at once
        await settle(pilot)
        assert app.screen.__class__.__name__ != "SettingsModal" and not warned(app)
        await palette(pilot, "settings")
        app.screen.query_one("#set-queue-daily-review-cap", Input).value = "25"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "SettingsModal" and warned(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.__class__.__name__ != "SettingsModal"
    assert get_value(db, "queue.daily_review_cap") == 50


async def test_dialogs_fit_a_small_terminal_and_scroll_to_their_buttons(demo_db: Database) -> None:
    """At 80x24 the problem and paper forms (110 and 100 wide) take the screen's width and scroll: every box and the
    Save button can be reached and are drawn inside the terminal."""
    from textual.widgets import Button

    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for area, key, save in (("2", "n", "#pf-save"), ("3", "a", "#pf-save")):
            await pilot.press(area)
            await settle(pilot)
            await pilot.press(key)
            await settle(pilot)
            dialog = app.screen
            assert all(w.region.right <= 80 for w in dialog.children)
            button = dialog.query_one(save, Button)
            button.focus()
            await settle(pilot)
            assert button.region.bottom <= 24 and button.region.right <= 80, (key, button.region)
            dialog.dismiss(None)
            await settle(pilot)
