"""Moving rounds on the board through the service: positions, events, outcomes, questions; columns."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from tracker.db.tables import Question, RoundEvent
from tracker.services.base import Conflict, Database, Invalid, NotFound
from tracker.services.pipeline import (
    add_column,
    add_round,
    board,
    check_positions,
    delete_column,
    list_columns,
    move_column,
    move_round,
    record_outcome,
    rename_column,
    set_column_done,
)


def ids(db: Database) -> dict[str, list[int]]:
    return {c.name: [r.id for r in c.rounds] for c in board(db)}


def events(db: Database, round_id: int) -> list[tuple[str | None, str | None, str | None]]:
    with db.read() as s:
        return [
            (e.from_column, e.to_column, e.outcome)
            for e in s.exec(select(RoundEvent).where(RoundEvent.round_id == round_id).order_by(RoundEvent.id))
        ]


@pytest.fixture
def three(db: Database) -> list[int]:
    """Acme has three rounds in Scheduling, Beta one in Scheduled."""
    a = add_round(db, "Acme", "recruiter", column="Scheduling").id
    b = add_round(db, "Acme", "coding", column="Scheduling").id
    c = add_round(db, "Acme", "behavioral", column="Scheduling").id
    d = add_round(db, "Beta", "ml-depth", column="Scheduled").id
    return [a, b, c, d]


def test_move_within_a_column_rewrites_only_what_changed(db: Database, three: list[int]) -> None:
    a, b, c, _ = three
    result = move_round(db, c, "Scheduling", position=0)
    assert ids(db)["Scheduling"] == [c, a, b]
    assert set(result.changed) == {a, b, c}
    result = move_round(db, a, "Scheduling", position=1)
    assert result.changed == {}  # already there
    assert events(db, c) == []  # a reorder is not a pipeline change


def test_move_across_columns_before_a_round_and_event(db: Database, three: list[int]) -> None:
    a, b, c, d = three
    result = move_round(db, b, "Scheduled", before=d)
    assert ids(db) == {"Scheduling": [a, c], "Scheduled": [b, d], "Done": []}
    assert result.from_column == "Scheduling" and result.to_column == "Scheduled"
    assert events(db, b) == [("Scheduling", "Scheduled", None)]
    assert check_positions(db) == {1: [0, 1], 2: [0, 1]}


def test_move_to_bottom_by_default_and_clamped(db: Database, three: list[int]) -> None:
    a, b, c, d = three
    move_round(db, a, "Scheduled")
    assert ids(db)["Scheduled"] == [d, a]
    move_round(db, c, "scheduled", position=99)  # column names are case-insensitive
    assert ids(db)["Scheduled"] == [d, a, c]
    assert ids(db)["Scheduling"] == [b]


def test_drop_into_done_records_outcome_feedback_and_questions(db: Database, three: list[int]) -> None:
    _, b, c, _ = three
    result = move_round(
        db,
        b,
        "Done",
        outcome="passed",
        feedback="Strong on graphs",
        questions=["Detect a cycle in a directed graph", "", "Top k frequent words"],
    )
    assert result.to_done and result.round.outcome == "passed" and result.round.feedback == "Strong on graphs"
    assert result.questions_added == 2
    assert events(db, b) == [("Scheduling", "Done", "passed")]
    with db.read() as s:
        qs = s.exec(select(Question).where(Question.round_id == b)).all()
    assert {q.kind for q in qs} == {"technical"}
    assert {q.company_id for q in qs} == {result.round.company_id}
    # Behavioral rounds give behavioral questions.
    move_round(db, c, "Done", outcome="failed", questions=["Tell me about a conflict"])
    with db.read() as s:
        q = s.exec(select(Question).where(Question.round_id == c)).one()
    assert q.kind == "behavioral"


def test_leaving_a_done_column_clears_the_outcome_in_the_same_move(db: Database) -> None:
    from datetime import UTC, datetime, timedelta

    from tracker.services.dashboard import summary

    now = datetime.now(UTC)
    rid = add_round(db, "Acme", "coding", column="Scheduled", at=now + timedelta(days=3)).id
    add_column(db, "Offer", done=True)
    move_round(db, rid, "Done", outcome="failed", feedback="Too slow on the follow-up")
    assert [n.id for n in summary(db, now=now).next_rounds] == []  # decided: not an upcoming round

    result = move_round(db, rid, "Offer")  # from one done column to another: still decided
    assert result.round.outcome == "failed"

    result = move_round(
        db, rid, "Scheduled", position=0
    )  # dragged back by mistake, or the interview is on again
    assert result.round.outcome is None and result.round.column == "Scheduled"
    assert result.round.feedback == "Too slow on the follow-up"  # what the user wrote stays
    assert [r.outcome for r in board(db)[1].rounds] == [None]
    assert [n.id for n in summary(db, now=now).next_rounds] == [rid]  # upcoming again
    assert events(db, rid) == [
        ("Scheduled", "Done", "failed"),
        ("Done", "Offer", "failed"),
        ("Offer", "Scheduled", None),  # the history still says how it went before
    ]
    # An outcome given with the move wins; a reorder inside a column that is not done changes nothing.
    move_round(db, rid, "Done", outcome="passed")
    assert move_round(db, rid, "Scheduling", outcome="pending").round.outcome == "pending"
    assert move_round(db, rid, "Scheduling", position=0).round.outcome == "pending"


def test_record_outcome_in_place(db: Database, three: list[int]) -> None:
    a = three[0]
    result = record_outcome(db, a, "pending", feedback="waiting to hear")
    assert result.round.outcome == "pending" and result.round.column == "Scheduling"
    assert events(db, a) == [("Scheduling", "Scheduling", "pending")]


@pytest.mark.parametrize(
    "kwargs,error",
    [
        ({"round_id": 999, "column": "Done"}, NotFound),
        ({"column": "Nowhere"}, NotFound),
        ({"column": "Done", "outcome": "maybe"}, Invalid),
        ({"column": "Done", "position": -1}, Invalid),
        ({"column": "Scheduling", "before": 424242}, Invalid),
    ],
)
def test_bad_moves_change_nothing(db: Database, three: list[int], kwargs: dict, error: type) -> None:
    before = ids(db)
    kwargs = {"round_id": three[0], **kwargs}
    with pytest.raises(error):
        move_round(db, **kwargs)
    assert ids(db) == before
    assert events(db, three[0]) == []


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    moves=st.lists(
        st.tuples(
            st.integers(0, 11),
            st.integers(0, 3),
            st.one_of(st.none(), st.integers(0, 15)),
            st.booleans(),
            st.integers(0, 11),
        ),
        max_size=25,
    )
)
def test_any_moves_keep_positions_a_permutation_and_lose_nothing(
    seeded: tuple[Database, list[int]], moves: list[tuple[int, int, int | None, bool, int]]
) -> None:
    db, rounds = seeded
    columns = [c.id for c in list_columns(db)]
    for card, col, pos, use_before, other in moves:
        rid = rounds[card]
        target = columns[col]
        before = None
        if use_before:
            in_target = [r.id for c in board(db) if c.id == target for r in c.rounds if r.id != rid]
            before = in_target[other % len(in_target)] if in_target else None
        move_round(db, rid, target, position=None if before else pos, before=before)
        for positions in check_positions(db).values():
            assert positions == list(range(len(positions)))
        on_board = sorted(r.id for c in board(db) for r in c.rounds)
        assert on_board == sorted(rounds)


@pytest.fixture
def seeded(db: Database) -> tuple[Database, list[int]]:
    add_column(db, "Offer", done=True)
    rounds = [
        add_round(db, f"Co{i % 4}", "coding", column=["Scheduling", "Scheduled", "Done"][i % 3]).id
        for i in range(12)
    ]
    return db, rounds


# ------------------------------------------------------------------------------------------------------ columns
def test_columns_add_rename_reorder_done_delete(db: Database) -> None:
    assert [(c.name, c.done) for c in list_columns(db)] == [
        ("Scheduling", False),
        ("Scheduled", False),
        ("Done", True),
    ]
    onsite = add_column(db, "Onsite", position=2)
    assert [c.name for c in list_columns(db)] == ["Scheduling", "Scheduled", "Onsite", "Done"]
    rename_column(db, onsite.id, "Final loop")
    move_column(db, onsite.id, 0)
    assert [c.name for c in list_columns(db)] == ["Final loop", "Scheduling", "Scheduled", "Done"]
    assert [c.position for c in list_columns(db)] == [0, 1, 2, 3]
    set_column_done(db, onsite.id, True)
    assert next(c for c in list_columns(db) if c.id == onsite.id).done
    delete_column(db, onsite.id)
    assert [c.name for c in list_columns(db)] == ["Scheduling", "Scheduled", "Done"]
    assert [c.position for c in list_columns(db)] == [0, 1, 2]


def test_column_refusals(db: Database) -> None:
    add_round(db, "Acme", "coding", column="Scheduled")
    cols = {c.name: c.id for c in list_columns(db)}
    with pytest.raises(Conflict, match="still holds 1 round"):
        delete_column(db, cols["Scheduled"])
    with pytest.raises(Invalid, match="already exists"):
        add_column(db, "done")
    with pytest.raises(Invalid, match="already exists"):
        rename_column(db, cols["Scheduling"], "DONE")
    with pytest.raises(Invalid):
        add_column(db, "   ")
    assert [c.name for c in list_columns(db)] == ["Scheduling", "Scheduled", "Done"]
    delete_column(db, cols["Scheduling"])
    delete_column(db, cols["Done"])
    with pytest.raises(Conflict):  # Scheduled holds a round
        delete_column(db, cols["Scheduled"])
