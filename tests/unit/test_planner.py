from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest
from dateutil import rrule as du_rrule
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.domain.planner import (
    FOCUSES,
    MIN_BLOCK_MINUTES,
    GoalDemand,
    KeptBlock,
    Plan,
    RoundDemand,
    RuleError,
    StudyRule,
    WorkItem,
    days_to_rrule,
    fits,
    parse_days,
    parse_hhmm,
    parse_rule,
    plan,
    prep_window,
    validate_rrule,
    weekly_goals,
    windows,
)
from tracker.domain.rrules import rule_dates

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
WEEKDAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"


def rule(
    id: int = 1,
    rrule: str = "FREQ=DAILY",
    at: time = time(7, 0),
    minutes: int = 60,
    focus: str = "any",
    **kwargs: object,
) -> StudyRule:
    return StudyRule(id, f"rule {id}", rrule, at, minutes, focus, **kwargs)  # type: ignore[arg-type]


PROBLEMS = tuple(WorkItem("problem", n, f"{n}. Problem {n}", 30) for n in range(1, 9))
PAPERS = tuple(WorkItem("paper", n, f"Paper {n}", 60) for n in range(1, 4))
STORIES = tuple(WorkItem("story", n, f"Story {n}", 20) for n in range(1, 4))
TOPICS = tuple(WorkItem("topic", n, f"Topic {n}", 45) for n in range(1, 3))
ALL_ITEMS = PROBLEMS + PAPERS + STORIES + TOPICS


# ------------------------------------------------------------------------------------------------
# RRULE parsing and helpers


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "RRULE is empty"),
        ("FREQ=WEEKLY;BYDAY=MO,XX", "BYDAY: 'XX' is not a weekday"),
        ("FREQ=FORTNIGHTLY", "FREQ: 'FORTNIGHTLY' is not DAILY, WEEKLY, MONTHLY or YEARLY"),
        ("FREQ=HOURLY", "FREQ: 'HOURLY'"),
        ("BYDAY=MO", "FREQ is missing"),
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL: '0' is not a positive whole number"),
        ("FREQ=DAILY;INTERVAL=two", "INTERVAL: 'TWO'"),
        ("FREQ=DAILY;COUNT=-3", "COUNT: '-3'"),
        ("FREQ=DAILY;COUNT=3;UNTIL=20250101", "COUNT and UNTIL"),
        ("FREQ=DAILY;UNTIL=2025-01-01", "UNTIL: '2025-01-01' is not a date"),
        ("FREQ=DAILY;UNTIL=20250231", "UNTIL: '20250231'"),
        ("FREQ=DAILY;BYHOUR=7", "'BYHOUR' is not supported"),
        ("FREQ=DAILY;FREQ=WEEKLY", "FREQ is given twice"),
        ("FREQ=DAILY;WEEKLY", "'WEEKLY' is not NAME=VALUE"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY: '32' is not a day of the month"),
        ("FREQ=YEARLY;BYMONTH=13", "BYMONTH: '13' is not a month"),
        ("FREQ=WEEKLY;BYDAY=1MO", "BYDAY: '1MO' has a number"),
        ("FREQ=MONTHLY;BYDAY=6MO", "BYDAY: '6MO' has no 6th weekday"),
        ("FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY cannot be used with FREQ=WEEKLY"),
        ("FREQ=DAILY;BYSETPOS=1", "BYSETPOS needs"),
        ("FREQ=WEEKLY;WKST=XY", "WKST: 'XY' is not a weekday"),
    ],
)
def test_rrule_errors_name_the_wrong_part(text: str, message: str) -> None:
    with pytest.raises(RuleError) as info:
        validate_rrule(text)
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("rrule:freq=weekly;byday=mo,we", "FREQ=WEEKLY;BYDAY=MO,WE"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=-1FR"),
        ("FREQ=DAILY;INTERVAL=2;UNTIL=20251231T000000Z", "FREQ=DAILY;INTERVAL=2;UNTIL=20251231"),
        ("FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=SA,SU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU;WKST=SU"),
    ],
)
def test_validate_rrule_returns_canonical_text(text: str, canonical: str) -> None:
    assert validate_rrule(text) == canonical
    assert validate_rrule(canonical) == canonical


def test_bad_rule_in_windows_names_the_rule() -> None:
    with pytest.raises(RuleError, match="rule 'rule 3': BYDAY: 'XX'"):
        windows([rule(3, "FREQ=WEEKLY;BYDAY=XX")], date(2025, 1, 1), 7, UTC)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("mon-fri", ("MO", "TU", "WE", "TH", "FR")),
        ("mon,wed,sat", ("MO", "WE", "SA")),
        ("Sat, Mon,wed", ("MO", "WE", "SA")),
        ("fri-mon", ("MO", "FR", "SA", "SU")),
        ("weekends", ("SA", "SU")),
        ("weekdays", ("MO", "TU", "WE", "TH", "FR")),
        ("tuesday thursday", ("TU", "TH")),
    ],
)
def test_parse_days(text: str, days: tuple[str, ...]) -> None:
    assert parse_days(text) == days


def test_days_to_rrule() -> None:
    assert days_to_rrule("mon-fri") == WEEKDAYS
    assert days_to_rrule("mon,wed,sat") == "FREQ=WEEKLY;BYDAY=MO,WE,SA"
    assert days_to_rrule("every day") == "FREQ=DAILY"
    assert days_to_rrule("mon-sun") == "FREQ=DAILY"
    validate_rrule(days_to_rrule("sat-tue"))


@pytest.mark.parametrize("bad", ["", "mon-xyz", "funday", "mon,,blah"])
def test_parse_days_errors(bad: str) -> None:
    with pytest.raises(RuleError, match="days:"):
        parse_days(bad)


def test_parse_hhmm() -> None:
    assert parse_hhmm("7:05") == time(7, 5)
    assert parse_hhmm("19:30") == time(19, 30)
    for bad in ("24:00", "7", "07:60", "seven"):
        with pytest.raises(RuleError, match="start time"):
            parse_hhmm(bad)


def test_impossible_rule_is_empty() -> None:
    assert (
        rule_dates(
            parse_rule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31"),
            date(2025, 1, 1),
            date(2025, 1, 1),
            date(2026, 1, 1),
        )
        == []
    )


RRULE_SAMPLES = st.sampled_from(
    [
        "FREQ=DAILY",
        "FREQ=DAILY;INTERVAL=3",
        "FREQ=WEEKLY",
        "FREQ=WEEKLY;BYDAY=MO,WE,FR",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU",
        "FREQ=WEEKLY;INTERVAL=3;WKST=SU;BYDAY=MO,SA,SU",
        "FREQ=MONTHLY",
        "FREQ=MONTHLY;BYMONTHDAY=1,15,-1",
        "FREQ=MONTHLY;BYDAY=-1FR,2TU",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,-1",
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=SA",
        "FREQ=YEARLY",
        "FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU",
        "FREQ=YEARLY;BYDAY=20MO",
        "FREQ=DAILY;COUNT=17",
        "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=9",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=-1",
        "FREQ=WEEKLY;BYDAY=MO;UNTIL=20260301",
    ]
)


@settings(max_examples=100, deadline=None)
@given(
    text=RRULE_SAMPLES,
    anchor=st.dates(date(2023, 1, 1), date(2026, 12, 31)),
    start=st.dates(date(2023, 1, 1), date(2026, 12, 31)),
    span=st.integers(0, 500),
)
def test_rule_dates_match_dateutil(text: str, anchor: date, start: date, span: int) -> None:
    end = start + timedelta(days=span)
    ours = rule_dates(parse_rule(text), anchor, start, end)
    reference = du_rrule.rrulestr(
        text.replace("UNTIL=20260301", "UNTIL=20260301T000000"), dtstart=datetime.combine(anchor, time())
    )
    theirs = [
        d.date()
        for d in reference.between(datetime.combine(start, time()), datetime.combine(end, time()), inc=True)
    ]
    theirs = [d for d in theirs if d < end]
    assert ours == theirs


# ------------------------------------------------------------------------------------------------
# Windows and DST


@pytest.mark.parametrize(
    ("tz", "start", "utc_before", "utc_after"),
    [
        (NY, date(2025, 3, 6), 12, 11),  # spring forward 2025-03-09
        (NY, date(2025, 10, 30), 11, 12),  # fall back 2025-11-02
        (BERLIN, date(2025, 3, 27), 6, 5),  # spring forward 2025-03-30
        (BERLIN, date(2025, 10, 23), 5, 6),  # fall back 2025-10-26
    ],
)
def test_windows_keep_local_wall_clock_across_dst(
    tz: ZoneInfo, start: date, utc_before: int, utc_after: int
) -> None:
    got = windows([rule(1, "FREQ=DAILY", time(7, 0), 90)], start, 7, tz)
    assert len(got) == 7
    for w in got:
        local = w.start.astimezone(tz)
        assert (local.hour, local.minute) == (7, 0)
        assert local.date() == w.local_date
        assert w.end - w.start == timedelta(minutes=90)
        assert w.start.tzinfo is UTC
    assert got[0].start.hour == utc_before
    assert got[-1].start.hour == utc_after


def test_window_in_spring_forward_gap_moves_forward() -> None:
    got = windows([rule(1, "FREQ=DAILY", time(2, 30), 60)], date(2025, 3, 9), 1, NY)
    assert [w.start for w in got] == [datetime(2025, 3, 9, 7, 30, tzinfo=UTC)]
    assert got[0].start.astimezone(NY).hour == 3


def test_windows_skip_exceptions_and_days_off_and_sort() -> None:
    rules = [
        rule(2, WEEKDAYS, time(7, 0), 60, exceptions=frozenset({date(2025, 1, 7)})),
        rule(1, "FREQ=WEEKLY;BYDAY=MO,WE", time(7, 0), 30),
    ]
    got = windows(rules, date(2025, 1, 6), 7, UTC, dates_off={date(2025, 1, 9)})
    assert [(w.local_date.day, w.rule_id) for w in got] == [(6, 1), (6, 2), (8, 1), (8, 2), (10, 2)]


# ------------------------------------------------------------------------------------------------
# Planning examples

NOW = datetime(2025, 1, 6, 0, 0, tzinfo=UTC)  # a Monday


def test_blocks_have_titles_and_concrete_items() -> None:
    acme = RoundDemand(7, "Acme", "onsite", datetime(2025, 1, 10, 15, tzinfo=UTC), 2, 7, "coding", ALL_ITEMS)
    result = plan([rule(1, WEEKDAYS, time(7, 0), 60, "coding")], now=NOW, days=7, tz=UTC, rounds=[acme])
    assert [b.start.day for b in result.blocks] == [6, 7]
    first = result.blocks[0]
    assert first.title == "Coding prep: Acme onsite"
    assert first.round_id == 7 and first.goal_key is None
    assert first.focus == "coding"
    assert [i.title for i in first.items] == ["1. Problem 1", "2. Problem 2"]
    assert [i.title for i in result.blocks[1].items] == ["3. Problem 3", "4. Problem 4"]
    assert result.shortfalls == []


def test_items_cycle_least_used_first() -> None:
    acme = RoundDemand(7, "Acme", "onsite", datetime(2025, 1, 20, tzinfo=UTC), 4, 14, "coding", PROBLEMS[:3])
    result = plan([rule(1, "FREQ=DAILY", time(7, 0), 60, "coding")], now=NOW, days=7, tz=UTC, rounds=[acme])
    assert [[i.ref_id for i in b.items] for b in result.blocks] == [[1, 2], [3, 1], [2, 3], [1, 2]]


def test_shortfall_is_reported_with_hours_short() -> None:
    acme = RoundDemand(1, "Acme", "phone screen", datetime(2025, 1, 9, 12, tzinfo=UTC), 10, 7, "coding")
    result = plan([rule(1, WEEKDAYS, time(7, 0), 60, "coding")], now=NOW, days=14, tz=UTC, rounds=[acme])
    assert len(result.blocks) == 4  # Mon..Thu 07:00, before Thursday noon
    assert [(s.round_id, s.company, s.kind, s.hours_short) for s in result.shortfalls] == [
        (1, "Acme", "phone screen", 6.0)
    ]


def test_no_shortfall_for_rounds_after_horizon_or_in_the_past() -> None:
    later = RoundDemand(1, "Later", "onsite", datetime(2025, 3, 1, tzinfo=UTC), 50, 60, "coding")
    past = RoundDemand(2, "Past", "onsite", datetime(2025, 1, 1, tzinfo=UTC), 5, 3, "coding")
    result = plan([rule(1, "FREQ=DAILY", time(7, 0), 60)], now=NOW, days=7, tz=UTC, rounds=[later, past])
    assert result.shortfalls == []
    assert len(result.blocks) == 7
    assert all(b.round_id == 1 for b in result.blocks)


def test_focus_mismatch_is_a_shortfall_not_a_block() -> None:
    talk = RoundDemand(3, "Acme", "behavioral", datetime(2025, 1, 9, tzinfo=UTC), 2, 5, "behavioral", STORIES)
    result = plan([rule(1, "FREQ=DAILY", time(7, 0), 60, "coding")], now=NOW, days=7, tz=UTC, rounds=[talk])
    assert result.blocks == []
    assert [s.hours_short for s in result.shortfalls] == [2.0]


def test_earlier_deadline_first() -> None:
    late = RoundDemand(1, "Late", "onsite", datetime(2025, 1, 12, tzinfo=UTC), 2, 10, "coding")
    soon = RoundDemand(2, "Soon", "screen", datetime(2025, 1, 8, tzinfo=UTC), 2, 10, "coding")
    result = plan([rule(1, "FREQ=DAILY", time(7, 0), 60)], now=NOW, days=7, tz=UTC, rounds=[late, soon])
    assert [b.round_id for b in result.blocks] == [2, 2, 1, 1]
    assert result.shortfalls == []


def test_prep_only_within_prep_days() -> None:
    acme = RoundDemand(1, "Acme", "onsite", datetime(2025, 1, 10, 18, tzinfo=UTC), 10, 2, "any")
    result = plan([rule(1, "FREQ=DAILY", time(7, 0), 60)], now=NOW, days=7, tz=UTC, rounds=[acme])
    assert [b.start.day for b in result.blocks] == [8, 9, 10]
    assert result.shortfalls[0].hours_short == 7.0
    assert result.blocks[0].title == "Prep: Acme onsite"


def test_kept_blocks_occupy_time_and_count() -> None:
    acme = RoundDemand(1, "Acme", "onsite", datetime(2025, 1, 12, tzinfo=UTC), 3, 10, "coding")
    kept = [
        KeptBlock(
            datetime(2025, 1, 6, 7, tzinfo=UTC), datetime(2025, 1, 6, 8, tzinfo=UTC), "done", round_id=1
        ),
        KeptBlock(datetime(2025, 1, 7, 7, 30, tzinfo=UTC), datetime(2025, 1, 7, 9, tzinfo=UTC), "skipped", 1),
    ]
    result = plan(
        [rule(1, "FREQ=DAILY", time(7, 0), 60, "coding")], now=NOW, days=7, tz=UTC, rounds=[acme], kept=kept
    )
    # 1 h done counts, the skipped block counts for nothing but its time is taken: 30 min left on the 7th.
    assert [(b.start.day, b.start.hour, b.minutes) for b in result.blocks] == [
        (7, 7, 30),
        (8, 7, 60),
        (9, 7, 30),
    ]


def test_goals_due_reviews_and_weekly_papers() -> None:
    reviews = GoalDemand("reviews", "Due reviews", "coding", 45, NOW, NOW + timedelta(days=1), PROBLEMS[:2])
    papers = weekly_goals("papers", "Papers", "papers", 120, date(2025, 1, 6), 14, UTC, PAPERS)
    assert [g.key for g in papers] == ["papers:2025-W02", "papers:2025-W03"]
    rules = [rule(1, "FREQ=DAILY", time(7, 0), 60, "coding"), rule(2, "FREQ=WEEKLY;BYDAY=SA", time(9, 0), 90)]
    result = plan(rules, now=NOW, days=14, tz=UTC, goals=[reviews, *papers])
    coding = [b for b in result.blocks if b.goal_key == "reviews"]
    assert [(b.start, b.minutes, b.title) for b in coding] == [
        (datetime(2025, 1, 6, 7, tzinfo=UTC), 45, "Due reviews")
    ]
    paper_blocks = [b for b in result.blocks if b.goal_key and b.goal_key.startswith("papers")]
    assert [(b.start.day, b.minutes) for b in paper_blocks] == [(11, 90), (18, 90)]
    assert [(s.goal_key, s.hours_short, s.round_id) for s in result.shortfalls] == [
        ("papers:2025-W02", 0.5, None),
        ("papers:2025-W03", 0.5, None),
    ]


def test_weekly_goals_prorate_first_partial_week() -> None:
    goals = weekly_goals("p", "Papers", "papers", 140, date(2025, 1, 9), 10, BERLIN)  # a Thursday
    assert [(g.key, g.minutes) for g in goals] == [("p:2025-W02", 80), ("p:2025-W03", 140)]
    assert goals[0].start == datetime(2025, 1, 8, 23, tzinfo=UTC)
    assert goals[0].end == datetime(2025, 1, 12, 23, tzinfo=UTC)


def test_weekly_goals_follow_weeks_that_start_on_sunday() -> None:
    goals = weekly_goals(
        "p", "Papers", "papers", 140, date(2025, 1, 9), 10, BERLIN, first_day="sunday"
    )  # Thu
    assert [(g.key, g.minutes) for g in goals] == [
        ("p:2025-01-05", 60),
        ("p:2025-01-12", 140),
    ]  # Thu–Sat: 3/7
    assert goals[0].start == datetime(2025, 1, 8, 23, tzinfo=UTC)
    assert (
        goals[0].end == goals[1].start == datetime(2025, 1, 11, 23, tzinfo=UTC)
    )  # Sunday 12th, local midnight
    assert goals[1].end == datetime(2025, 1, 18, 23, tzinfo=UTC)


@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    days=st.integers(min_value=1, max_value=60),
    first_day=st.sampled_from(["monday", "sunday"]),
    minutes=st.integers(min_value=0, max_value=600),
)
def test_weekly_goals_tile_the_days_in_whole_weeks_of_the_chosen_start(
    start: date, days: int, first_day: str, minutes: int
) -> None:
    goals = weekly_goals("p", "Papers", "papers", minutes, start, days, UTC, first_day=first_day)
    first_weekday = {"monday": 0, "sunday": 6}[first_day]
    assert goals[0].start == datetime.combine(start, time(0), UTC)  # from the first day planned
    assert goals[-1].end >= datetime.combine(start + timedelta(days=days), time(0), UTC)  # to past the last
    for a, b in itertools.pairwise(goals):
        assert a.end == b.start and b.end - b.start == timedelta(days=7)  # contiguous whole weeks
    for g in goals:
        assert g.end.date().weekday() == first_weekday  # each ends where the next week begins
        assert g.minutes <= minutes
    assert len({g.key for g in goals}) == len(goals)
    assert all(g.minutes == minutes for g in goals[1:])  # only the first week may be partial


def test_prep_window_is_local_days() -> None:
    r = RoundDemand(1, "A", "onsite", datetime(2025, 3, 31, 8, tzinfo=UTC), 1, 2, "coding")
    assert prep_window(r, BERLIN) == (datetime(2025, 3, 28, 23, tzinfo=UTC), r.starts_at)


def test_invalid_inputs() -> None:
    with pytest.raises(ValueError, match="focus"):
        rule(1, focus="cooking")
    with pytest.raises(ValueError, match="timezone-aware"):
        RoundDemand(1, "A", "onsite", datetime(2025, 1, 1), 1, 1)
    with pytest.raises(ValueError, match="only once"):
        r = RoundDemand(1, "A", "onsite", datetime(2025, 1, 9, tzinfo=UTC), 1, 1)
        plan([], now=NOW, days=3, tz=UTC, rounds=[r, r])
    with pytest.raises(ValueError, match="kind"):
        WorkItem("video", 1, "x")


def test_a_year_for_twenty_rounds_and_ten_rules_plans_completely() -> None:
    """The benchmark (benchmarks/) measures how long this takes; here only what it produces is checked."""
    rrules = [WEEKDAYS, "FREQ=DAILY", "FREQ=WEEKLY;BYDAY=SA,SU"]
    rules = [
        rule(i, rrules[i % 3], time(6 + i, 15 * (i % 4)), 45 + 15 * (i % 4), FOCUSES[i % 5])
        for i in range(10)
    ]
    now = datetime(2025, 1, 1, 12, tzinfo=UTC)
    rounds = [
        RoundDemand(
            i,
            f"Co{i}",
            "onsite",
            now + timedelta(days=17 * i + 5, hours=i),
            8 + i,
            5 + i % 9,
            FOCUSES[i % 5],
            ALL_ITEMS,
        )
        for i in range(20)
    ]
    goals = weekly_goals("papers", "Papers", "papers", 180, date(2025, 1, 1), 365, NY, PAPERS)
    result = plan(rules, now=now, days=365, tz=NY, rounds=rounds, goals=goals)
    assert len(result.blocks) > 300
    assert result == plan(rules, now=now, days=365, tz=NY, rounds=rounds, goals=goals)


# ------------------------------------------------------------------------------------------------
# Properties

TZS = [UTC, NY, BERLIN, ZoneInfo("Asia/Kolkata")]
BASES = [
    datetime(2025, 3, 3, tzinfo=UTC),
    datetime(2025, 10, 20, tzinfo=UTC),
    datetime(2025, 6, 2, tzinfo=UTC),
]


@st.composite
def study_rules(draw: st.DrawFn, id: int, base: date) -> StudyRule:
    kind = draw(st.integers(0, 3))
    if kind == 0:
        days = draw(
            st.lists(st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]), min_size=1, unique=True)
        )
        text = "FREQ=WEEKLY;BYDAY=" + ",".join(days)
    elif kind == 1:
        text = f"FREQ=DAILY;INTERVAL={draw(st.integers(1, 3))}"
    else:
        text = draw(RRULE_SAMPLES)
    exceptions = draw(st.frozensets(st.integers(0, 30).map(lambda n: base + timedelta(days=n)), max_size=3))
    return StudyRule(
        id=id,
        label=f"r{id}",
        rrule=text,
        start_time=time(draw(st.integers(0, 23)), draw(st.sampled_from([0, 10, 15, 30, 45]))),
        minutes=draw(st.integers(10, 240)),
        focus=draw(st.sampled_from(FOCUSES)),
        exceptions=exceptions,
        anchor=draw(st.none() | st.just(base - timedelta(days=draw(st.integers(0, 20))))),
    )


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, object]:
    tz: tzinfo = draw(st.sampled_from(TZS))
    now = draw(st.sampled_from(BASES)) + timedelta(minutes=draw(st.integers(0, 7 * 24 * 60)))
    days = draw(st.integers(1, 30))
    base = now.astimezone(tz).date()
    rules = [draw(study_rules(i, base)) for i in range(draw(st.integers(1, 4)))]
    minutes = st.integers(-3 * 24 * 60, (days + 5) * 24 * 60)
    items = st.lists(st.sampled_from(ALL_ITEMS), unique=True, max_size=6).map(tuple)
    rounds = [
        RoundDemand(
            round_id=i,
            company=f"Co{i}",
            kind=draw(st.sampled_from(["onsite", "phone screen", "system design"])),
            starts_at=now + timedelta(minutes=draw(minutes)),
            prep_hours=draw(st.integers(0, 60)) / 4,
            prep_days=draw(st.integers(0, 10)),
            focus=draw(st.sampled_from(FOCUSES)),
            items=draw(items),
        )
        for i in range(draw(st.integers(0, 5)))
    ]
    goals = []
    for i in range(draw(st.integers(0, 3))):
        start = now + timedelta(minutes=draw(st.integers(-24 * 60, days * 24 * 60)))
        goals.append(
            GoalDemand(
                key=f"g{i}",
                label=f"Goal {i}",
                focus=draw(st.sampled_from(FOCUSES)),
                minutes=draw(st.integers(0, 600)),
                start=start,
                end=start + timedelta(minutes=draw(st.integers(60, 10 * 24 * 60))),
                items=draw(items),
            )
        )
    kept = []
    for _ in range(draw(st.integers(0, 4))):
        start = now + timedelta(minutes=draw(st.integers(-24 * 60, days * 24 * 60)))
        kept.append(
            KeptBlock(
                start=start,
                end=start + timedelta(minutes=draw(st.integers(15, 180))),
                status=draw(st.sampled_from(["done", "skipped", "pinned"])),
                round_id=draw(st.none() | st.sampled_from([r.round_id for r in rounds] or [99])),
                goal_key=draw(st.none() | st.sampled_from([g.key for g in goals] or ["none"])),
            )
        )
    dates_off = draw(st.frozensets(st.integers(0, 30).map(lambda n: base + timedelta(days=n)), max_size=3))
    return {
        "rules": rules,
        "now": now,
        "days": days,
        "tz": tz,
        "dates_off": dates_off,
        "kept": kept,
        "rounds": rounds,
        "goals": goals,
    }


def _minutes(a: datetime, b: datetime) -> float:
    return (b - a).total_seconds() / 60


def check_plan(s: dict[str, object], result: Plan) -> None:
    rules: list[StudyRule] = s["rules"]  # type: ignore[assignment]
    now: datetime = s["now"]  # type: ignore[assignment]
    days: int = s["days"]  # type: ignore[assignment]
    tz: tzinfo = s["tz"]  # type: ignore[assignment]
    kept: list[KeptBlock] = s["kept"]  # type: ignore[assignment]
    rounds: list[RoundDemand] = s["rounds"]  # type: ignore[assignment]
    goals: list[GoalDemand] = s["goals"]  # type: ignore[assignment]
    focus_of = {r.id: r.focus for r in rules}
    blocks = result.blocks
    min_block = timedelta(minutes=MIN_BLOCK_MINUTES)

    # sorted, well-formed, future, UTC
    assert blocks == sorted(blocks, key=lambda b: (b.start, b.rule_id))
    for b in blocks:
        assert b.start < b.end and b.start >= now and b.start.tzinfo is UTC
        assert (b.round_id is None) != (b.goal_key is None)

    # no overlaps, with each other nor with kept blocks
    for a, b in itertools.pairwise(blocks):
        assert a.end <= b.start
    for b in blocks:
        for k in kept:
            assert b.end <= k.start or k.end <= b.start

    # inside an availability window of its own rule
    start_date = now.astimezone(tz).date()
    avail = windows(rules, start_date, days, tz, s["dates_off"])  # type: ignore[arg-type]
    for b in blocks:
        assert any(w.rule_id == b.rule_id and w.start <= b.start and b.end <= w.end for w in avail), b

    # focus: the block's work matches the rule's focus
    by_round = {r.round_id: r for r in rounds}
    by_goal = {g.key: g for g in goals}
    for b in blocks:
        rule_focus = focus_of[b.rule_id]
        demand_focus = (
            by_round[b.round_id].focus if b.round_id is not None else by_goal[b.goal_key or ""].focus
        )
        assert fits(rule_focus, demand_focus)
        assert b.focus == (rule_focus if rule_focus != "any" else demand_focus)
        for item in b.items:
            assert fits(rule_focus, item.effective_focus) and fits(b.focus, item.effective_focus)
            assert item in (
                by_round[b.round_id].items if b.round_id is not None else by_goal[b.goal_key or ""].items
            )

    horizon_end = datetime.combine(start_date + timedelta(days=days), time()).replace(tzinfo=tz)
    shortfalls = {(sf.round_id, sf.goal_key): sf for sf in result.shortfalls}
    assert len(shortfalls) == len(result.shortfalls)
    demands: list[tuple[datetime, datetime, str, float, list[object], tuple[int | None, str | None]]] = []

    for r in rounds:
        mine = [b for b in blocks if b.round_id == r.round_id]
        opens = datetime.combine(r.starts_at.astimezone(tz).date() - timedelta(days=r.prep_days), time())
        opens_utc = opens.replace(tzinfo=tz).astimezone(UTC)
        for b in mine:
            assert b.end <= r.starts_at  # no prep at/after the round's start
            assert b.start >= opens_utc  # only within prep_days before it
        done = sum(
            _minutes(k.start, k.end) for k in kept if k.round_id == r.round_id and k.status != "skipped"
        )
        planned = sum(_minutes(b.start, b.end) for b in mine)
        asked = round(r.prep_hours * 60)
        assert planned <= max(0, asked - int(done))  # never more than it asked
        short = max(0, asked - int(done)) - planned
        demands.append((opens_utc, r.starts_at, r.focus, short, list(mine), (r.round_id, None)))
        if short > 0 and now < r.starts_at <= horizon_end:
            assert shortfalls[(r.round_id, None)].hours_short == round(short / 60, 2)
            assert shortfalls[(r.round_id, None)].company == r.company
        else:
            assert (r.round_id, None) not in shortfalls

    for g in goals:
        mine = [b for b in blocks if b.goal_key == g.key]
        for b in mine:
            assert g.start <= b.start and b.end <= g.end
        done = sum(
            _minutes(k.start, k.end)
            for k in kept
            if k.goal_key == g.key and k.status != "skipped" and g.start <= k.start < g.end
        )
        planned = sum(_minutes(b.start, b.end) for b in mine)
        assert planned <= max(0, g.minutes - int(done))
        short = max(0, g.minutes - int(done)) - planned
        demands.append((g.start, g.end, g.focus, short, list(mine), (None, g.key)))
        if short > 0 and now < g.end <= horizon_end:
            assert shortfalls[(None, g.key)].hours_short == round(short / 60, 2)
        else:
            assert (None, g.key) not in shortfalls

    # earlier deadlines first: a demand left short was never usable where later-deadline work was placed
    for opens, deadline, focus, short, _, key in demands:
        if short <= 0:
            continue
        for _, other_deadline, _, _, other_blocks, other_key in demands:
            if other_deadline <= deadline or other_key == key:
                continue
            for b in other_blocks:  # type: ignore[assignment]
                assert isinstance(b, type(blocks[0]))
                if not fits(focus_of[b.rule_id], focus):
                    continue
                assert b.start < opens or min(b.end, deadline) - b.start < min_block, (key, other_key, b)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_plan_never_list(s: dict[str, object]) -> None:
    result = plan(**s)  # type: ignore[arg-type]
    check_plan(s, result)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.data())
def test_plan_is_deterministic_and_replan_stable(s: dict[str, object], data: st.DataObject) -> None:
    first = plan(**s)  # type: ignore[arg-type]
    assert plan(**s) == first  # type: ignore[arg-type]
    kept: list[KeptBlock] = list(s["kept"])  # type: ignore[call-overload]

    # everything planned is now pinned: nothing new, same shortfalls
    again = plan(**{**s, "kept": kept + [b.as_kept("pinned") for b in first.blocks]})  # type: ignore[arg-type]
    assert again.blocks == []
    assert again.shortfalls == first.shortfalls

    # the first k blocks were done or pinned: the rest comes back unchanged
    k = data.draw(st.integers(0, len(first.blocks)))
    status = data.draw(st.sampled_from(["done", "pinned"]))
    prefix = [b.as_kept(status) for b in first.blocks[:k]]
    rest = plan(**{**s, "kept": kept + prefix})  # type: ignore[arg-type]
    assert rest.blocks == first.blocks[k:]
    assert rest.shortfalls == first.shortfalls
