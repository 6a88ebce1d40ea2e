"""Settings: defaults, validation with a clear message, all-or-nothing updates."""

from __future__ import annotations

import pytest

from tracker.services.base import Database, Invalid
from tracker.services.settings import all_settings, get_value, update_settings


def test_defaults_then_updates_are_read_back(db: Database) -> None:
    values = {s.key: s for s in all_settings(db)}
    assert values["queue.daily_review_cap"].value == 50 and values["queue.daily_review_cap"].is_default
    update_settings(
        db, {"queue.daily_review_cap": "30", "timer.limits": "15/35/50", "week.first_day": "Sunday"}
    )
    assert get_value(db, "queue.daily_review_cap") == 30
    assert get_value(db, "timer.limits") == {"easy": 15, "medium": 35, "hard": 50}
    values = {s.key: s for s in all_settings(db)}
    assert values["timer.limits"].text == "15/35/50" and not values["timer.limits"].is_default
    assert values["week.first_day"].value == "sunday"


@pytest.mark.parametrize(
    "key,text,message",
    [
        ("queue.daily_review_cap", "-1", "between 0 and 1000"),
        ("queue.daily_new_cap", "lots", "not a whole number"),
        ("timer.limits", "20/40", "three numbers"),
        ("week.first_day", "friday", "monday, sunday"),
        ("nope", "1", "unknown setting"),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(db: Database, key: str, text: str, message: str) -> None:
    with pytest.raises(Invalid, match=message):
        update_settings(db, {"queue.daily_new_cap": "7", key: text})
    assert get_value(db, "queue.daily_new_cap") == 5


def test_startup_value_reads_without_the_orm(db: Database) -> None:
    from tracker.services.settings import startup_value

    assert startup_value(db, "ui.theme") == "textual-dark"
    update_settings(db, {"ui.theme": "nord", "timer.limits": "10/20/30"})
    assert startup_value(db, "ui.theme") == "nord"
    assert startup_value(db, "timer.limits") == {"easy": 10, "medium": 20, "hard": 30}
