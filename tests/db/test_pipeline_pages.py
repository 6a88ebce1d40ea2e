"""Company and round pages through the service: details, edits, refusals that change nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from tracker.db.tables import ProblemCompany, RoundEvent
from tracker.domain.when import parse_when
from tracker.services.base import Database, Invalid, NotFound
from tracker.services.pipeline import (
    add_round,
    company_detail,
    get_round,
    move_round,
    round_detail,
    update_company,
    update_round,
)
from tracker.services.problems import add_problem, rate_problem


def test_company_detail_rounds_problems_questions(db: Database) -> None:
    late = add_round(db, "Acme", "coding", at=datetime(2026, 12, 10, 15, tzinfo=UTC))
    undated = add_round(db, "Acme", "recruiter")
    early = add_round(db, "Acme", "behavioral", at=datetime(2026, 12, 1, 10, tzinfo=UTC))
    two = add_problem(db, "Two Sum", number=1)
    add_problem(db, "Valid Parentheses", number=20)
    with db.write() as s:
        for pid in (1, 2):
            s.add(ProblemCompany(problem_id=pid, company_id=late.company_id))
    rate_problem(db, two.id, "bug-free")
    move_round(db, early.id, "Done", outcome="passed", questions=["Tell me about a conflict"])
    d = company_detail(db, late.company_id)
    assert [r.id for r in d.rounds] == [early.id, late.id, undated.id]  # date order, undated last
    assert {p.title for p in d.problems} == {"Two Sum", "Valid Parentheses"}
    assert d.mastery_summary == {"new": 1, "bug-free": 1}
    assert [(q.text, q.kind, q.round_kind) for q in d.questions] == [
        ("Tell me about a conflict", "behavioral", "behavioral")
    ]


def test_update_company_and_refusals(db: Database) -> None:
    a = add_round(db, "Acme", "coding").company_id
    add_round(db, "Beta", "coding")
    d = update_company(
        db, a, role="ML engineer", team="Ranking", values="Customer obsession\nOwnership", status="offer"
    )
    assert (d.role, d.team, d.status) == ("ML engineer", "Ranking", "offer")
    assert d.values == "Customer obsession\nOwnership"
    for changes in (
        {"name": "beta"},
        {"status": "ghosted"},
        {"source": "friend"},
        {"name": "  "},
        {"salary": 1},
    ):
        with pytest.raises(Invalid):
            update_company(db, a, **changes)
    after = company_detail(db, a)
    assert (after.name, after.status, after.source) == ("Acme", "offer", None)
    with pytest.raises(NotFound):
        update_company(db, 999, role="x")


def test_round_detail_and_update(db: Database) -> None:
    r = add_round(db, "Acme", "ml-system-design")
    d = round_detail(db, r.id)
    assert d.kind_label == "ML system design" and d.default_prep_days == r.prep_days
    d = update_round(
        db,
        r.id,
        at="Dec 3 2pm",
        duration=45,
        interviewer="Dana (staff MLE)",
        prepare="## Feed ranking\n- candidate generation",
        topics=["Recsys system design", "ranking metrics", "Recsys system design"],
        feedback="Went deep on retrieval",
        outcome="pending",
    )
    row = d.round
    assert row.scheduled_at == parse_when("Dec 3 2pm")
    assert (row.duration_minutes, row.interviewer, row.outcome) == (45, "Dana (staff MLE)", "pending")
    assert d.topics == ["ranking metrics", "Recsys system design"]
    with db.read() as s:
        assert [(e.to_column, e.outcome) for e in s.exec(select(RoundEvent))] == [("Scheduling", "pending")]
    # prep days: a number is kept; empty goes back to the kind's default.
    assert update_round(db, r.id, prep_days=3).round.prep_days == 3
    update_round(db, r.id, kind="behavioral", prep_days=None)
    assert get_round(db, r.id).prep_days == round_detail(db, r.id).default_prep_days
    assert update_round(db, r.id, at="").round.scheduled_at is None


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"at": "someday maybe"}, "cannot read 'someday maybe'"),
        ({"duration": 0}, "duration"),
        ({"prep_days": -1}, "prep days"),
        ({"kind": "chat"}, "round kind"),
        ({"outcome": "won"}, "outcome"),
    ],
)
def test_bad_round_edits_change_nothing(db: Database, changes: dict, message: str) -> None:
    r = add_round(db, "Acme", "coding", at="2026-12-03 14:00", duration=60)
    with pytest.raises(Invalid, match=message):
        update_round(db, r.id, interviewer="should not be saved", **changes)
    assert get_round(db, r.id) == r
