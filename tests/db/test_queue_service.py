"""The review queue on a real database: due reviews, company lift from a round's prep window, daily caps;
pattern stats."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tracker.services.base import Database, Invalid
from tracker.services.pipeline import add_company, add_round
from tracker.services.problems import add_problem, rate_problem
from tracker.services.queue import queue_caps, review_queue, set_queue_caps, timer_limit_for, timer_limits
from tracker.services.settings import get_value, update_settings
from tracker.services.stats import pattern_stats

NOW = datetime(2026, 11, 16, 12, 0, tzinfo=UTC)


def _setup(db: Database) -> dict[str, int]:
    ids = {}
    for n, title in enumerate(["Alpha", "Bravo", "Charlie", "Delta", "Echo"], start=9001):
        ids[title] = add_problem(db, title, number=n, patterns=["Graphs"]).id
    # Tried long ago, so due now; Charlie worse remembered than Alpha.
    rate_problem(db, ids["Alpha"], "bug-free", at=NOW - timedelta(days=40))
    rate_problem(db, ids["Charlie"], "no-clue", at=NOW - timedelta(days=20))
    # Bravo tried recently: not due.
    rate_problem(db, ids["Bravo"], "has-bugs", at=NOW - timedelta(hours=30))
    return ids


def test_overdue_reviews_first_lowest_recall_first_then_new(db: Database) -> None:
    ids = _setup(db)
    view = review_queue(db, now=NOW)
    titles = [e.problem.title for e in view.entries]
    assert titles[:2] == ["Charlie", "Alpha"]
    assert set(titles[2:]) == {"Delta", "Echo"}  # the two never tried, as new
    assert [e.kind for e in view.entries] == ["review", "review", "new", "new"]
    assert "overdue" in view.entries[0].reason and "% recall" in view.entries[0].reason
    assert ids["Bravo"] not in [e.problem.id for e in view.entries]


def test_company_with_round_in_prep_window_lifts_its_problems(db: Database) -> None:
    ids = _setup(db)
    add_company(db, "Northwind AI")
    add_round(db, "Northwind AI", "coding", at=NOW + timedelta(days=3), prep_days=7)
    from tracker.services.problems import update_problem

    update_problem(db, ids["Alpha"], companies=["Northwind AI"])
    view = review_queue(db, now=NOW)
    first = view.entries[0]
    assert first.problem.title == "Alpha"
    assert first.lifted_by == "Northwind AI"
    assert first.reason.startswith("Northwind AI coding in 3 d")


def test_round_outside_its_prep_window_does_not_lift(db: Database) -> None:
    ids = _setup(db)
    add_company(db, "Northwind AI")
    add_round(db, "Northwind AI", "coding", at=NOW + timedelta(days=30), prep_days=7)
    from tracker.services.problems import update_problem

    update_problem(db, ids["Alpha"], companies=["Northwind AI"])
    assert review_queue(db, now=NOW).entries[0].problem.title == "Charlie"


def test_daily_caps_are_settings_and_today_counts(db: Database) -> None:
    _setup(db)
    assert queue_caps(db).reviews == 50
    set_queue_caps(db, reviews=1, new=1)
    view = review_queue(db, now=NOW)
    assert [e.problem.title for e in view.entries] == ["Charlie", "Delta"]
    assert view.held_reviews == 1
    # Rating Charlie today uses up the one review: nothing else is offered.
    rate_problem(db, 3, "bug-free", at=NOW - timedelta(minutes=5))
    view = review_queue(db, now=NOW)
    assert [e.kind for e in view.entries] == ["new"]
    assert view.reviews_done_today == 1
    assert "held back" in view.summary


def test_queue_caps_share_the_settings_keys_and_refuse_bad_values(db: Database) -> None:
    set_queue_caps(db, reviews=12)
    assert get_value(db, "queue.daily_review_cap") == 12
    update_settings(db, {"queue.daily_new_cap": "3"})
    assert queue_caps(db).reviews == 12 and queue_caps(db).new == 3
    with pytest.raises(Invalid, match=r"^new-problem cap must be between 0 and 1000$"):
        set_queue_caps(db, reviews=7, new=1001)
    assert (queue_caps(db).reviews, queue_caps(db).new) == (12, 3)  # nothing written


def test_timer_limits_default_and_follow_the_setting(db: Database) -> None:
    assert timer_limits(db) == {"easy": 20, "medium": 40, "hard": 60}
    update_settings(db, {"timer.limits": "10/25/50"})
    assert timer_limit_for(db, "hard") == 50
    assert timer_limit_for(db, None) == 25
    assert timer_limit_for(db, "unknown") == 40


def test_rating_moves_an_item_out_of_the_queue(db: Database) -> None:
    ids = _setup(db)
    before = [e.problem.id for e in review_queue(db, now=NOW).entries]
    assert ids["Charlie"] in before
    rate_problem(db, ids["Charlie"], "bug-free", at=NOW)
    after = [e.problem.id for e in review_queue(db, now=NOW).entries]
    assert ids["Charlie"] not in after


def test_pattern_stats_weakest_first(db: Database) -> None:
    a = add_problem(db, "A", number=9001, patterns=["Graphs"]).id
    b = add_problem(db, "B", number=9002, patterns=["Graphs", "Trees"]).id
    c = add_problem(db, "C", number=9003, patterns=["Trees"]).id
    add_problem(db, "D", number=9004, patterns=["Heap"])
    rate_problem(db, a, "no-clue", at=NOW)
    rate_problem(db, b, "bug-free", at=NOW)
    rate_problem(db, c, "brute-force", at=NOW)
    stats = pattern_stats(db)
    assert [s.pattern for s in stats] == ["Graphs", "Trees", "Heap"]
    graphs = stats[0]
    assert (graphs.problems, graphs.no_clue, graphs.bug_free, graphs.weak) == (2, 1, 1, 1)
    assert graphs.weak_share == 0.5
    assert stats[2].new == 1 and stats[2].weak_share == 0.0
    assert stats[0].to_json()["mastery"]["no_clue"] == 1


def test_a_lifted_problem_practised_today_is_not_pulled_forward_again(db: Database) -> None:
    ids = _setup(db)
    add_company(db, "Northwind AI")
    add_round(db, "Northwind AI", "coding", at=NOW + timedelta(days=3), prep_days=7)
    from tracker.services.problems import update_problem

    update_problem(db, ids["Alpha"], companies=["Northwind AI"])
    rate_problem(db, ids["Alpha"], "brute-force", at=NOW - timedelta(minutes=10))
    titles = [e.problem.title for e in review_queue(db, now=NOW).entries]
    assert "Alpha" not in titles
