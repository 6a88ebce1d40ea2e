from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fsrs import Rating

from tracker.domain.mastery import (
    CardState,
    CardStatus,
    Mastery,
    is_due,
    make_scheduler,
    new_card_state,
    preview,
    retrievability,
    review,
)

AT = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no-clue", Mastery.NO_CLUE),
        ("no clue", Mastery.NO_CLUE),
        ("No_Clue", Mastery.NO_CLUE),
        ("clueless", Mastery.NO_CLUE),
        ("1", Mastery.NO_CLUE),
        (1, Mastery.NO_CLUE),
        ("brute-force", Mastery.BRUTE_FORCE),
        ("brute", Mastery.BRUTE_FORCE),
        ("Brute Force", Mastery.BRUTE_FORCE),
        (2, Mastery.BRUTE_FORCE),
        ("has-bugs", Mastery.HAS_BUGS),
        ("has bugs", Mastery.HAS_BUGS),
        ("buggy", Mastery.HAS_BUGS),
        (" 3 ", Mastery.HAS_BUGS),
        ("bug-free", Mastery.BUG_FREE),
        ("bugfree", Mastery.BUG_FREE),
        ("Bug Free", Mastery.BUG_FREE),
        ("BUG_FREE", Mastery.BUG_FREE),
        ("4", Mastery.BUG_FREE),
    ],
)
def test_parse_variants(text: str | int, expected: Mastery) -> None:
    assert Mastery.parse(text) is expected


@pytest.mark.parametrize("bad", ["", "5", "0", "great", "bug", 7, -1, "no clue!"])
def test_parse_errors_list_valid_values(bad: str | int) -> None:
    with pytest.raises(ValueError) as info:
        Mastery.parse(bad)
    message = str(info.value)
    assert "\n" not in message
    for m in Mastery:
        assert m.slug in message
    assert repr(str(bad)) in message


def test_slug_label_and_order() -> None:
    assert [m.slug for m in Mastery] == ["no-clue", "brute-force", "has-bugs", "bug-free"]
    assert [m.label for m in Mastery] == ["no clue", "brute force", "has bugs", "bug free"]
    assert Mastery.NO_CLUE < Mastery.BRUTE_FORCE < Mastery.HAS_BUGS < Mastery.BUG_FREE
    for m in Mastery:
        assert Mastery.parse(m.slug) is m
        assert Mastery.parse(m.label) is m
        assert Mastery.parse(str(m.value)) is m


def test_fsrs_mapping() -> None:
    assert Mastery.NO_CLUE.rating is Rating.Again
    assert Mastery.BRUTE_FORCE.rating is Rating.Hard
    assert Mastery.HAS_BUGS.rating is Rating.Good
    assert Mastery.BUG_FREE.rating is Rating.Easy
    for m in Mastery:
        assert Mastery.from_rating(m.rating) is m


def test_scheduler_configuration() -> None:
    s = make_scheduler()
    assert s.enable_fuzzing is False
    assert s.desired_retention == pytest.approx(0.9)
    assert tuple(s.learning_steps) == (timedelta(days=1),)
    assert tuple(s.relearning_steps) == (timedelta(days=1),)


def test_new_card_state_is_learning_and_not_due() -> None:
    state = new_card_state()
    assert state.state is CardStatus.LEARNING
    assert state.step == 0
    assert state.due is None and state.last_review is None
    assert state.is_new
    assert not is_due(state, AT)
    assert retrievability(state, AT) == 0.0
    assert retrievability(None, AT) == 0.0


def test_first_rating_none_equals_new_card() -> None:
    for m in Mastery:
        assert review(None, m, AT) == review(new_card_state(), m, AT)


def test_first_rating_is_a_learning_step() -> None:
    # "no clue" and "brute force" keep the problem in the (single, one-day) learning step.
    again = review(None, Mastery.NO_CLUE, AT)
    assert again.state is CardStatus.LEARNING and again.step == 0
    assert again.due == AT + timedelta(days=1)
    assert again.last_review == AT
    hard = review(None, Mastery.BRUTE_FORCE, AT)
    assert hard.state is CardStatus.LEARNING and hard.step == 0
    assert hard.due == AT + timedelta(days=1, hours=12)
    # "has bugs" completes the learning step, "bug free" skips it: both graduate to review, days later.
    good = review(None, Mastery.HAS_BUGS, AT)
    easy = review(None, Mastery.BUG_FREE, AT)
    assert good.state is CardStatus.REVIEW and good.step is None
    assert easy.state is CardStatus.REVIEW
    assert good.due is not None and easy.due is not None
    assert good.due >= AT + timedelta(days=2)
    assert easy.due > good.due


def _chain(ratings: list[Mastery]) -> list[CardState]:
    states: list[CardState] = []
    state: CardState | None = None
    at = AT
    for m in ratings:
        state = review(state, m, at)
        states.append(state)
        assert state.due is not None
        at = state.due
    return states


@pytest.mark.parametrize(
    "history",
    [
        [],
        [Mastery.NO_CLUE],
        [Mastery.HAS_BUGS],
        [Mastery.BUG_FREE, Mastery.BUG_FREE],
        [Mastery.HAS_BUGS, Mastery.NO_CLUE],
        [Mastery.BRUTE_FORCE, Mastery.HAS_BUGS, Mastery.BUG_FREE],
    ],
)
def test_preview_orders_choices(history: list[Mastery]) -> None:
    states = _chain(history)
    state = states[-1] if states else None
    at = (state.due if state and state.due else AT) + timedelta(hours=1)
    dates = preview(state, at)
    assert list(dates) == list(Mastery)
    assert all(d > at for d in dates.values())
    ordered = [dates[m] for m in Mastery]
    assert ordered == sorted(ordered)
    assert dates[Mastery.BUG_FREE] > dates[Mastery.NO_CLUE]
    # preview agrees with review
    for m, due in dates.items():
        assert review(state, m, at).due == due


def test_review_is_deterministic_and_accepts_any_aware_tz() -> None:
    local = AT.astimezone(ZoneInfo("Europe/Berlin"))
    assert review(None, Mastery.HAS_BUGS, local) == review(None, Mastery.HAS_BUGS, AT)
    due = review(None, Mastery.HAS_BUGS, local).due
    assert due is not None and due.tzinfo is UTC


def test_review_rejects_naive_datetime() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        review(None, Mastery.BUG_FREE, datetime(2025, 1, 1))


def test_lapse_goes_to_relearning() -> None:
    state = _chain([Mastery.HAS_BUGS, Mastery.HAS_BUGS, Mastery.NO_CLUE])[-1]
    assert state.state is CardStatus.RELEARNING
    assert state.step == 0
    assert state.last_review is not None and state.due == state.last_review + timedelta(days=1)


def test_retrievability_decreases_over_time() -> None:
    state = review(None, Mastery.HAS_BUGS, AT)
    values = [retrievability(state, AT + timedelta(days=d)) for d in range(0, 60, 3)]
    assert values[0] == pytest.approx(1.0)
    assert all(0.0 <= v <= 1.0 for v in values)
    assert all(later < earlier for earlier, later in itertools.pairwise(values))
    # better ratings are remembered longer
    easy = review(None, Mastery.BUG_FREE, AT)
    later = AT + timedelta(days=10)
    assert retrievability(easy, later) > retrievability(state, later)


def test_is_due() -> None:
    state = review(None, Mastery.NO_CLUE, AT)
    assert not is_due(state, AT + timedelta(hours=23))
    assert is_due(state, AT + timedelta(days=1))


def test_card_state_round_trips_through_json() -> None:
    for state in [new_card_state(), *_chain([Mastery.BRUTE_FORCE, Mastery.HAS_BUGS, Mastery.NO_CLUE])]:
        data = state.to_dict()
        assert set(data) == {"state", "step", "stability", "difficulty", "due", "last_review"}
        again = CardState.from_dict(json.loads(json.dumps(data)))
        assert again == state


def test_card_state_from_dict_accepts_numeric_state_and_rejects_garbage() -> None:
    state = review(None, Mastery.HAS_BUGS, AT)
    data = state.to_dict()
    data["state"] = 2
    assert CardState.from_dict(data) == state
    data["state"] = "lost"
    with pytest.raises(ValueError, match="card state"):
        CardState.from_dict(data)
