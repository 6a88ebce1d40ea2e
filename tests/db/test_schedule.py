"""The schedule service: rules, (re)planning from rounds and goals, block changes by hand."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tracker.services import schedule
from tracker.services.base import Database, Invalid, NotFound

UTCZ = ZoneInfo("UTC")
NOW = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)  # a Tuesday, before the 07:00 study time
TODAY = date(2026, 12, 1)


# ------------------------------------------------------------------------------------------------ seeding
def seed(db: Database, **kinds: Any) -> dict[str, Any]:
    """A small world: one company, problems (two tagged with it, one due), a topic with papers, questions
    and stories. Returns the ids."""
    from tracker.db.tables import (
        BoardColumn,
        Company,
        Paper,
        PaperTopic,
        Problem,
        ProblemCompany,
        Question,
        Story,
        StoryQuestion,
        Topic,
    )

    with db.write() as s:
        from sqlmodel import select

        if s.exec(select(BoardColumn).where(BoardColumn.name == "Scheduled")).first() is None:
            s.add(BoardColumn(name="Scheduled", position=90))
        acme = Company(name="Acme")
        s.add(acme)
        s.flush()
        due = Problem(number=1, title="Two Sum", difficulty="easy", mastery=2, due_at=NOW - timedelta(days=1))
        hard = Problem(
            number=42,
            title="Trapping Rain Water",
            difficulty="hard",
            mastery=3,
            due_at=NOW + timedelta(days=2),
        )
        tagged = Problem(number=200, title="Number of Islands", difficulty="medium")
        tagged2 = Problem(number=207, title="Course Schedule", difficulty="medium")
        other = Problem(number=3, title="Longest Substring", difficulty="medium")
        for p in (due, hard, tagged, tagged2, other):
            s.add(p)
        s.flush()
        s.add(ProblemCompany(problem_id=tagged.id, company_id=acme.id))
        s.add(ProblemCompany(problem_id=tagged2.id, company_id=acme.id))
        topic = Topic(name="Feature stores", area="system-design")
        s.add(topic)
        read = Paper(title="Already read paper", status="read")
        unread = Paper(title="Feast: a feature store", status="to-read")
        s.add(read)
        s.add(unread)
        s.flush()
        s.add(PaperTopic(paper_id=read.id, topic_id=topic.id))
        s.add(PaperTopic(paper_id=unread.id, topic_id=topic.id))
        covered = Question(text="Tell me about a conflict.")
        uncovered = Question(text="Tell me about a failure.")
        s.add(covered)
        s.add(uncovered)
        story = Story(title="The migration", situation="s", task="t", action="a", result="r")
        s.add(story)
        s.flush()
        s.add(StoryQuestion(story_id=story.id, question_id=covered.id))
        return {
            "company": acme.id,
            "due": due.id,
            "hard": hard.id,
            "tagged": (tagged.id, tagged2.id),
            "topic": topic.id,
            "paper": unread.id,
            "read_paper": read.id,
            "uncovered": uncovered.id,
            "covered": covered.id,
            "story": story.id,
        }


def add_round(
    db: Database,
    kind: str,
    at: datetime,
    *,
    prep_days: int = 3,
    topic: int | None = None,
    company: str = "Acme",
) -> int:
    from sqlmodel import select

    from tracker.db.tables import BoardColumn, Company, Round, RoundTopic

    with db.write() as s:
        column = s.exec(select(BoardColumn).where(BoardColumn.name == "Scheduled")).one()
        comp = s.exec(select(Company).where(Company.name == company)).one()
        rnd = Round(company_id=comp.id, kind=kind, column_id=column.id, scheduled_at=at, prep_days=prep_days)
        s.add(rnd)
        s.flush()
        if topic is not None:
            s.add(RoundTopic(round_id=rnd.id, topic_id=topic))
        return rnd.id or 0


def set_setting(db: Database, key: str, value: Any) -> None:
    from tracker.services.settings import write_value

    with db.write() as session:
        write_value(session, key, value)


def no_goals(db: Database) -> None:
    set_setting(db, "goals.papers_minutes_per_week", 0)


def replan(db: Database, **kw: Any) -> schedule.PlanResult:
    kw.setdefault("now", NOW)
    kw.setdefault("tz", UTCZ)
    kw.setdefault("days", 14)
    return schedule.replan(db, **kw)


def snapshot(db: Database) -> list[tuple[Any, ...]]:
    blocks = schedule.list_blocks(db, NOW - timedelta(days=60), NOW + timedelta(days=400))
    return [(b.id, b.start, b.end, b.title, b.status, b.pinned, b.round_id, b.items) for b in blocks]


# ------------------------------------------------------------------------------------------------ rules
def test_rules_from_days_or_rrule_and_clear_errors(db: Database) -> None:
    a = schedule.add_rule(db, days="mon-fri", start="7:00", minutes=60, focus="coding")
    b = schedule.add_rule(db, rrule="FREQ=WEEKLY;BYDAY=SA", start="10:00", minutes=180, label="Weekend")
    assert a.rrule == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR" and a.start_time == "07:00" and a.days == "Mon–Fri"
    assert b.label == "Weekend" and b.focus == "any"
    assert [r.id for r in schedule.list_rules(db)] == [a.id, b.id]

    bad = [
        ({"rrule": "FREQ=WEEKLY;BYDAY=XX"}, "BYDAY: 'XX'"),
        ({"rrule": "FREQ=HOURLY"}, "FREQ: 'HOURLY'"),
        ({"days": "mon-fry"}, "days: 'fry'"),
        ({"days": "mon", "rrule": "FREQ=DAILY"}, "not both"),
        ({}, "not both and not neither"),
    ]
    for kwargs, message in bad:
        with pytest.raises(Invalid, match=message):
            schedule.add_rule(db, start="07:00", minutes=30, **kwargs)
    with pytest.raises(Invalid, match="start time: '25:00'"):
        schedule.add_rule(db, days="mon", start="25:00", minutes=30)
    with pytest.raises(Invalid, match="focus"):
        schedule.add_rule(db, days="mon", start="07:00", minutes=30, focus="cooking")
    with pytest.raises(Invalid, match="minutes"):
        schedule.add_rule(db, days="mon", start="07:00", minutes=0)
    assert len(schedule.list_rules(db)) == 2  # nothing saved by the refusals


def test_remove_rule_takes_its_future_planned_blocks_only(db: Database) -> None:
    seed(db)
    no_goals(db)
    rule = schedule.add_rule(db, days="daily", start="07:00", minutes=60, focus="coding")
    add_round(db, "coding", NOW + timedelta(days=5), prep_days=4)
    result = replan(db)
    first = result.blocks[0]
    schedule.set_block_status(db, first.id, "done")
    _, removed = schedule.remove_rule(db, rule.id, now=NOW)
    assert removed == len(result.blocks) - 1
    left = schedule.list_blocks(db, NOW - timedelta(days=1), NOW + timedelta(days=30))
    assert [(b.id, b.status) for b in left] == [(first.id, "done")]
    with pytest.raises(NotFound):
        schedule.remove_rule(db, rule.id)


# ------------------------------------------------------------------------------------------------ demand
def test_coding_round_gets_due_reviews_then_company_problems_before_it(db: Database) -> None:
    ids = seed(db)
    no_goals(db)
    set_setting(db, "queue.daily_review_cap", 1)
    schedule.add_rule(db, days="daily", start="07:00", minutes=60, focus="coding")
    at = NOW + timedelta(days=4, hours=8)  # Sat 14:00
    rid = add_round(db, "coding", at, prep_days=3)
    result = replan(db)
    prep = [b for b in result.blocks if b.round_id == rid]
    assert prep, result.blocks
    assert all(b.end <= at for b in result.blocks)
    assert sum(b.minutes for b in prep) <= 3 * 60  # never more than the round asked (3 days x 1 h)
    titles = [i["title"] for b in prep for i in b.items]
    assert "200. Number of Islands" in titles and "207. Course Schedule" in titles
    for b in prep:
        assert b.title == "Coding prep: Acme coding"
        assert all(set(i) == {"kind", "ref_id", "title", "minutes"} for i in b.items)
    # the overdue easy problem is today's review goal, 15 minutes, named by number and title
    today = [b for b in result.blocks if b.start.date() == TODAY]
    assert today[0].title == "Due reviews"
    assert today[0].items[0] == {
        "kind": "problem",
        "ref_id": ids["due"],
        "title": "1. Two Sum",
        "minutes": 15,
    }
    # the hard one is due Thursday: 45 minutes on its due day
    thursday = [b for b in result.blocks if b.title == "Due reviews" and b.start.date() == date(2026, 12, 3)]
    assert thursday and thursday[0].minutes == 45 and thursday[0].items[0]["ref_id"] == ids["hard"]


def test_design_round_reads_unread_papers_of_its_topics_then_the_topic_page(db: Database) -> None:
    ids = seed(db)
    no_goals(db)
    schedule.add_rule(db, days="daily", start="19:00", minutes=90, focus="system-design")
    rid = add_round(db, "system-design", NOW + timedelta(days=3), prep_days=2, topic=ids["topic"])
    result = replan(db)
    prep = [b for b in result.blocks if b.round_id == rid]
    assert prep
    items = prep[0].items
    assert items[0] == {
        "kind": "paper",
        "ref_id": ids["paper"],
        "title": "Feast: a feature store",
        "minutes": 45,
    }
    assert {
        "kind": "topic",
        "ref_id": ids["topic"],
        "title": "Topic page: Feature stores",
        "minutes": 30,
    } in items
    assert all(i["ref_id"] != ids["read_paper"] for b in prep for i in b.items if i["kind"] == "paper")


def test_behavioral_round_starts_with_uncovered_questions_then_rehearsals(db: Database) -> None:
    ids = seed(db)
    no_goals(db)
    schedule.add_rule(db, days="daily", start="18:00", minutes=30, focus="behavioral")
    rid = add_round(db, "behavioral", NOW + timedelta(days=2), prep_days=1)
    result = replan(db)
    prep = [b for b in result.blocks if b.round_id == rid]
    assert prep
    items = prep[0].items
    assert items[0]["kind"] == "question" and items[0]["ref_id"] == ids["uncovered"]
    assert all(i["ref_id"] != ids["covered"] for i in items if i["kind"] == "question")
    assert {
        "kind": "story",
        "ref_id": ids["story"],
        "title": "Rehearse: The migration",
        "minutes": 15,
    } in items


def test_weekly_papers_goal_uses_the_setting(db: Database) -> None:
    seed(db)
    schedule.add_rule(db, days="daily", start="21:00", minutes=60, focus="papers")
    set_setting(db, "goals.papers_minutes_per_week", 120)
    result = replan(db, start=date(2026, 12, 7), days=7)  # one whole week, Mon..Sun
    assert [b.title for b in result.blocks] == ["Papers (weekly goal)"] * 2
    assert sum(b.minutes for b in result.blocks) == 120
    assert result.blocks[0].items[0]["title"] == "Feast: a feature store"


def test_weekly_goals_follow_the_first_day_of_the_week_setting(db: Database) -> None:
    seed(db)
    schedule.add_rule(db, days="daily", start="21:00", minutes=60, focus="papers")
    set_setting(db, "goals.papers_minutes_per_week", 120)
    set_setting(db, "week.first_day", "sunday")  # the schedule's weeks run Sunday to Saturday
    result = replan(db, start=date(2026, 12, 7), days=7)  # Mon 7 .. Sun 13 December
    by_day: dict[int, int] = {}
    for b in result.blocks:
        by_day[b.start.day] = by_day.get(b.start.day, 0) + b.minutes
    # Mon–Sat are six days of the week begun on Sunday the 6th: 6/7 of 120 minutes; Sunday the 13th begins the next
    # week, which asks its own 120 minutes: the hour that evening goes to it (with Monday weeks, the one week
    # Mon–Sun would have had its 120 minutes on Monday and Tuesday, and nothing on Sunday).
    assert sum(m for day, m in by_day.items() if day <= 12) == round(120 * 6 / 7)
    assert by_day.get(13) == 60


def test_shortfall_when_prep_cannot_fit_before_the_round(db: Database) -> None:
    seed(db)
    no_goals(db)
    schedule.add_rule(db, days="daily", start="07:00", minutes=30, focus="coding")
    at = NOW + timedelta(days=2, hours=6)  # Thu 12:00: three 30-minute windows (Tue, Wed, Thu)
    rid = add_round(db, "coding", at, prep_days=3)  # asks 3 h
    result = replan(db)
    # Tuesday's window first serves the overdue 15-minute review (its deadline is sooner)
    assert sum(b.minutes for b in result.blocks if b.round_id == rid) == 15 + 30 + 30
    assert [s.to_json() for s in result.shortfalls] == [
        {"round_id": rid, "company": "Acme", "kind": "coding", "hours_short": 1.75}
    ]
    assert "Acme coding" in result.shortfalls[0].describe()
    assert result.to_json()["shortfalls"][0]["hours_short"] == 1.75


def test_prep_hours_setting_per_kind(db: Database) -> None:
    seed(db)
    no_goals(db)
    schedule.add_rule(db, days="daily", start="07:00", minutes=60, focus="any")
    set_setting(db, "schedule.prep_hours", {"coding": 2})
    rid = add_round(db, "coding", NOW + timedelta(days=6), prep_days=5)
    result = replan(db)
    assert sum(b.minutes for b in result.blocks if b.round_id == rid) == 120
    assert schedule.prep_hours_for("coding", 14, {}, 1.0, 12.0) == 12.0
    assert schedule.prep_hours_for("behavioral", 3, {}, 1.0, 12.0) == 3.0


def test_days_off_get_no_blocks(db: Database) -> None:
    seed(db)
    schedule.add_rule(db, days="daily", start="21:00", minutes=60, focus="papers")
    schedule.set_day_off(db, date(2026, 12, 2))
    result = replan(db, days=3)
    assert date(2026, 12, 2) not in {b.start.date() for b in result.blocks}
    assert schedule.list_days_off(db) == [date(2026, 12, 2)]


# ------------------------------------------------------------------------------------------------ re-planning
def _world(db: Database) -> int:
    seed(db)
    schedule.add_rule(db, days="mon-fri", start="07:00", minutes=60, focus="coding")
    schedule.add_rule(db, days="weekends", start="10:00", minutes=120, focus="any")
    schedule.add_rule(db, days="tue,thu", start="21:00", minutes=60, focus="papers")
    return add_round(db, "coding", NOW + timedelta(days=9), prep_days=7)


def test_planning_twice_with_no_change_gives_the_same_blocks(db: Database) -> None:
    _world(db)
    first = replan(db)
    before = snapshot(db)
    assert first.added == len(before) and first.removed == 0
    again = replan(db)
    assert snapshot(db) == before  # same ids, times, titles and items
    assert (again.added, again.removed) == (0, 0)
    assert [b.to_json() for b in again.blocks] == [b.to_json() for b in first.blocks]


def test_replan_keeps_done_skipped_and_pinned_and_replaces_the_rest(db: Database) -> None:
    rid = _world(db)
    first = replan(db)
    prep = [b for b in first.blocks if b.round_id == rid]
    done, skipped, pinned = prep[0], prep[1], prep[2]
    schedule.set_block_status(db, done.id, "done")
    schedule.set_block_status(db, skipped.id, "skipped")
    schedule.set_pinned(db, pinned.id, True)
    asked = sum(b.minutes for b in prep)

    again = replan(db)
    by_id = {b.id: b for b in again.blocks}
    assert (
        by_id[done.id].status == "done" and by_id[skipped.id].status == "skipped" and by_id[pinned.id].pinned
    )
    counted = [b for b in again.blocks if b.round_id == rid and b.status != "skipped"]
    # the skipped hour is looked for again; done and pinned ones still count; what does not fit is reported
    short = sum(s.hours_short for s in again.shortfalls if s.round_id == rid)
    assert sum(b.minutes for b in counted) + round(short * 60) == asked
    assert sum(b.minutes for b in counted) > asked - skipped.minutes
    assert again.added >= 1 and again.removed >= 1
    starts = sorted((b.start, b.end) for b in again.blocks)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(starts))  # never overlapping


def test_moving_a_round_replans_only_the_future_and_says_what_changed(db: Database) -> None:
    from tracker.db.tables import Round

    rid = _world(db)
    replan(db)
    with db.write() as s:
        rnd = s.get(Round, rid)
        assert rnd is not None
        rnd.scheduled_at = NOW + timedelta(days=4)
        s.add(rnd)
    later = NOW + timedelta(hours=2)  # the 07:00 block has started: it stays
    result = replan(db, now=later)
    assert result.changed
    assert all(b.end <= NOW + timedelta(days=4) for b in result.blocks if b.round_id == rid)
    started = [b for b in result.blocks if b.start < later]
    assert started and all(b.status == "planned" for b in started)


def test_plan_from_a_later_day_never_touches_earlier_days(db: Database) -> None:
    _world(db)
    replan(db, days=3)
    early = [b for b in snapshot(db) if b[1].date() < date(2026, 12, 10)]
    result = replan(db, start=date(2026, 12, 10), days=5)
    assert result.start == date(2026, 12, 10)
    assert all(b.start.date() >= date(2026, 12, 10) for b in result.blocks)
    assert [b for b in snapshot(db) if b[1].date() < date(2026, 12, 10)] == early


def test_plan_of_the_next_days_keeps_the_days_after_them(db: Database) -> None:
    """`prep plan --days 1` re-plans today only: next week's planned blocks stay as they are."""
    _world(db)
    replan(db, days=14)
    later = [b for b in snapshot(db) if b[1].date() >= date(2026, 12, 2)]
    assert later
    result = replan(db, days=1)
    assert result.removed == 0
    assert [b for b in snapshot(db) if b[1].date() >= date(2026, 12, 2)] == later
    shifted = replan(db, start=date(2026, 12, 3), days=1)
    assert [b for b in snapshot(db) if b[1].date() >= date(2026, 12, 4)] == [
        b for b in later if b[1].date() >= date(2026, 12, 4)
    ]
    assert all(b.start.date() == date(2026, 12, 3) for b in shifted.blocks)


def test_plan_of_days_already_past_is_refused_and_changes_nothing(db: Database) -> None:
    _world(db)
    replan(db)
    before = snapshot(db)
    with pytest.raises(Invalid, match="in the past"):
        replan(db, start=date(2026, 11, 1), days=3)
    assert snapshot(db) == before


def test_dry_run_writes_nothing(db: Database) -> None:
    _world(db)
    result = replan(db, dry_run=True)
    assert result.blocks and snapshot(db) == []


# ------------------------------------------------------------------------------------------------ by hand
def test_move_resize_pin_and_refusals(db: Database) -> None:
    _world(db)
    result = replan(db)
    a, b = result.blocks[0], result.blocks[1]
    moved = schedule.move_block(db, a.id, 15)
    assert moved.start == a.start + timedelta(minutes=15) and moved.pinned
    longer = schedule.resize_block(db, a.id, 30)
    assert longer.minutes == a.minutes + 30
    with pytest.raises(Invalid, match="at least 5 minutes"):
        schedule.resize_block(db, a.id, -longer.minutes)
    gap = int((b.start - longer.end).total_seconds() // 60)
    with pytest.raises(Invalid, match=f"overlap block {b.id}"):
        schedule.move_block(db, a.id, gap + 15)
    assert schedule.get_block(db, a.id) == longer  # refused moves change nothing
    assert not schedule.set_pinned(db, a.id).pinned  # toggles
    with pytest.raises(NotFound):
        schedule.set_block_status(db, 9999, "done")
    with pytest.raises(Invalid):
        schedule.set_block_status(db, a.id, "finished")


def test_agenda_is_the_local_day(db: Database) -> None:
    _world(db)
    replan(db)
    berlin = ZoneInfo("Europe/Berlin")
    day = schedule.agenda(db, date(2026, 12, 5), tz=berlin)
    assert day and all(b.start.astimezone(berlin).date() == date(2026, 12, 5) for b in day)
    assert schedule.agenda(db, date(2026, 12, 5), 2, tz=berlin)[: len(day)] == day
    with pytest.raises(Invalid):
        schedule.agenda(db, date(2026, 12, 2), 0)


def test_a_block_cannot_grow_or_move_past_the_end_of_its_day(db: Database) -> None:
    _world(db)
    result = replan(db)
    evening = next(b for b in result.blocks if b.start == datetime(2026, 12, 1, 21, 0, tzinfo=UTC))
    to_midnight = schedule.reshape_block(db, evening.id, resize=120, tz=UTCZ)  # 21:00–24:00: up to midnight
    assert to_midnight.end == datetime(2026, 12, 2, 0, 0, tzinfo=UTC)
    with pytest.raises(Invalid, match="past the end of its day"):
        schedule.reshape_block(db, evening.id, resize=15, tz=UTCZ)
    with pytest.raises(Invalid, match="past the end of its day"):
        schedule.reshape_block(db, evening.id, move=15, tz=UTCZ)
    assert schedule.get_block(db, evening.id) == to_midnight  # refused: nothing changed
    # The day is the local one: 21:00 UTC is 22:00 in Berlin, so there it is already at the end of its day.
    with pytest.raises(Invalid, match="past the end of its day"):
        schedule.reshape_block(db, evening.id, resize=15, tz=ZoneInfo("Europe/Berlin"))
    # In Berlin it runs 22:00–01:00, past midnight already: it may still be shortened and moved earlier.
    berlin = ZoneInfo("Europe/Berlin")
    assert schedule.reshape_block(db, evening.id, resize=-15, tz=berlin).minutes == 165
    assert schedule.reshape_block(db, evening.id, move=-15, tz=berlin).start == evening.start - timedelta(
        minutes=15
    )
