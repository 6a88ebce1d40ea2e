"""The dashboard's numbers on a fixed database at a frozen moment (Europe/Berlin)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.golden.fixture import NOW, TZ, at, fixed_copy
from tracker.services.base import Database, Invalid, NotFound
from tracker.services.dashboard import set_block_status, summary, toggle_block_done


@pytest.fixture
def fixed(tmp_path: Path) -> Iterator[tuple[Database, dict[str, int]]]:
    db, ids = fixed_copy(tmp_path / "fixed.db")
    yield db, ids
    db.close()


def test_empty_database_is_empty(db: Database) -> None:
    s = summary(db, now=NOW, tz=TZ)
    assert s.empty
    assert s.next_rounds == [] and s.today_blocks == [] and s.streak == 0


def test_next_rounds_in_time_order_with_readiness(fixed: tuple[Database, dict[str, int]]) -> None:
    db, ids = fixed
    s = summary(db, now=NOW, tz=TZ)
    assert [r.id for r in s.next_rounds] == [ids["behavioral"], ids["coding"], ids["design"]]
    assert ids["recruiter"] not in [r.id for r in s.next_rounds]  # in the past and done
    by_id = {r.id: r for r in s.next_rounds}
    assert by_id[ids["behavioral"]].readiness == 50
    assert by_id[ids["design"]].readiness == 87
    assert by_id[ids["coding"]].reasons[0] == "Rate 1 due review"


def test_today_blocks_with_items_and_the_current_one(fixed: tuple[Database, dict[str, int]]) -> None:
    db, ids = fixed
    s = summary(db, now=NOW, tz=TZ)
    assert [b.id for b in s.today_blocks] == [ids["current_block"], ids["evening_block"]]
    current = s.current_block
    assert current is not None and current.id == ids["current_block"]
    assert current.minutes_left(NOW) == 60
    # Items keep their title, or get it from the row they name.
    assert [(i.kind, i.title, i.minutes) for i in current.items] == [
        ("problem", "146. LRU Cache", 45),
        ("paper", "Attention Is All You Need", 45),
    ]
    assert current.area == "problems"


def test_review_queue_counts_and_orders_by_due(fixed: tuple[Database, dict[str, int]]) -> None:
    db, _ids = fixed
    s = summary(db, now=NOW, tz=TZ)
    assert s.due == 1
    assert [d.title for d in s.due_first] == ["Merge Intervals"]
    later = summary(db, now=NOW + timedelta(days=30), tz=TZ)
    assert later.due == 3
    assert next(d.title for d in later.due_first) == "Merge Intervals"


def test_this_week_against_last_week(fixed: tuple[Database, dict[str, int]]) -> None:
    db, _ids = fixed
    s = summary(db, now=NOW, tz=TZ)
    assert s.this_week is not None and s.last_week is not None
    assert s.this_week.start.isoformat() == "2026-11-16"
    assert s.this_week.ratings == {"no-clue": 0, "brute-force": 0, "has-bugs": 1, "bug-free": 1}
    assert s.last_week.ratings == {"no-clue": 1, "brute-force": 1, "has-bugs": 0, "bug-free": 0}
    assert (s.this_week.minutes_done, s.this_week.minutes_planned) == (60, 210)
    assert (s.last_week.minutes_done, s.last_week.minutes_planned) == (60, 120)
    assert (s.this_week.papers_read, s.last_week.papers_read) == (1, 1)
    assert (s.this_week.rehearsals, s.last_week.rehearsals) == (1, 1)


def test_this_week_starts_on_sunday_when_the_person_chose_sunday(
    fixed: tuple[Database, dict[str, int]],
) -> None:
    from tracker.services.problems import add_problem, rate_problem
    from tracker.services.settings import update_settings

    db, _ids = fixed
    sunday = add_problem(db, "Sunday Problem", number=9001)
    rate_problem(db, sunday.id, "bug-free", at=at(15, 12), minutes=10)  # Sun 15 Nov, 13:00 in Berlin
    monday_first = summary(db, now=NOW, tz=TZ)
    assert monday_first.this_week is not None and monday_first.this_week.start.isoformat() == "2026-11-16"
    assert monday_first.this_week.attempts == 2  # Sunday's attempt belongs to last week
    update_settings(db, {"week.first_day": "sunday"})
    s = summary(db, now=NOW, tz=TZ)
    assert s.this_week is not None and s.last_week is not None
    assert (s.this_week.start.isoformat(), s.last_week.start.isoformat()) == ("2026-11-15", "2026-11-08")
    assert s.this_week.attempts == 3 and s.this_week.ratings["bug-free"] == 2


def test_streak_and_activity(fixed: tuple[Database, dict[str, int]]) -> None:
    db, _ids = fixed
    s = summary(db, now=NOW, tz=TZ)
    assert s.streak == 3 and s.active_today
    assert len(s.activity) == 30
    # Nov 10 .. Nov 18 (local): attempt + done block + rehearsal; paper; attempt; -; -; -; block; attempt+paper;
    # attempt+rehearsal. The skipped block on Nov 11 does not count.
    assert s.activity[-9:] == [3, 1, 1, 0, 0, 0, 1, 2, 2]
    # Early the next day nothing is done yet: the streak still stands.
    tomorrow = summary(db, now=at(19, 6), tz=TZ)
    assert (tomorrow.streak, tomorrow.active_today) == (3, False)
    # A whole day without study breaks it.
    assert summary(db, now=at(20, 12), tz=TZ).streak == 0


def test_long_streak_is_counted_past_the_30_day_window(db: Database) -> None:
    from tracker.db.tables import Rehearsal
    from tracker.services.stories import add_story

    story = add_story(db, "Daily", situation="s", task="t", action="a", result="r")
    with db.write() as session:
        for d in range(45):
            session.add(Rehearsal(story_id=story.id, at=NOW - timedelta(days=d)))
    assert summary(db, now=NOW, tz=TZ).streak == 45


def test_a_day_is_local_midnight_to_midnight(db: Database) -> None:
    """23:30 UTC on the 17th is the 18th in Berlin: it counts for the 18th there, for the 17th in UTC."""
    from tracker.services.problems import add_problem, rate_problem

    p = add_problem(db, "Two Sum", number=1)
    rate_problem(db, p.id, "bug-free", at=datetime(2026, 11, 17, 23, 30, tzinfo=UTC))
    berlin = summary(db, now=NOW, tz=TZ)
    utc = summary(db, now=NOW, tz=UTC)
    assert berlin.activity[-2:] == [0, 1]
    assert utc.activity[-2:] == [1, 0]


def test_mastery_weak_patterns_and_uncovered_questions(fixed: tuple[Database, dict[str, int]]) -> None:
    db, _ids = fixed
    s = summary(db, now=NOW, tz=TZ)
    assert s.mastery_distribution == {"new": 1, "no-clue": 1, "brute-force": 0, "has-bugs": 1, "bug-free": 1}
    assert [p.name for p in s.weakest_patterns] == ["Intervals", "Stack"]
    assert (s.uncovered_questions, s.behavioral_questions) == (1, 2)


def test_checking_a_block_off_and_back(fixed: tuple[Database, dict[str, int]]) -> None:
    db, ids = fixed
    block = ids["current_block"]
    assert toggle_block_done(db, block).status == "done"
    s = summary(db, now=NOW, tz=TZ)
    assert s.this_week is not None and s.this_week.minutes_done == 150
    assert toggle_block_done(db, block).status == "planned"
    assert summary(db, now=NOW, tz=TZ).this_week.minutes_done == 60  # type: ignore[union-attr]


def test_block_status_refusals_leave_the_block_alone(fixed: tuple[Database, dict[str, int]]) -> None:
    db, ids = fixed
    with pytest.raises(Invalid):
        set_block_status(db, ids["current_block"], "finished")
    with pytest.raises(NotFound):
        set_block_status(db, 9999, "done")
    assert summary(db, now=NOW, tz=TZ).today_blocks[0].status == "planned"


def test_json_has_the_same_numbers(fixed: tuple[Database, dict[str, int]]) -> None:
    db, _ids = fixed
    s = summary(db, now=NOW, tz=TZ)
    doc = s.to_json()
    assert [r["id"] for r in doc["next_rounds"]] == [r.id for r in s.next_rounds]
    assert doc["today"][0]["current"] is True and doc["today"][0]["minutes_left"] == 60
    assert doc["reviews"]["due"] == 1
    assert doc["streak"]["days"] == 3
    assert doc["this_week"]["hours_planned"] == 3.5
