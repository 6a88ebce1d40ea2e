"""The review queue's order and caps, as pure data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tracker.domain.queue import Lift, QueueCandidate, order_queue

NOW = datetime(2026, 11, 16, 12, 0, tzinfo=UTC)


def review(pid: int, r: float, due_days: float) -> QueueCandidate:
    return QueueCandidate(pid, retrievability=r, due_at=NOW + timedelta(days=due_days), number=pid)


def new(pid: int, lift: Lift | None = None) -> QueueCandidate:
    return QueueCandidate(pid, retrievability=0.0, is_new=True, lift=lift, number=pid)


def ids(result: object) -> list[int]:
    return [i.candidate.problem_id for i in result.items]  # type: ignore[attr-defined]


def test_overdue_first_then_lowest_recall() -> None:
    cands = [
        review(1, 0.95, due_days=3),  # not due yet, high recall
        review(2, 0.80, due_days=-1),  # overdue
        review(3, 0.40, due_days=-5),  # overdue, lower recall
        new(4),
        review(5, 0.60, due_days=2),
    ]
    result = order_queue(cands, NOW, review_cap=50, new_cap=5)
    assert ids(result) == [3, 2, 4, 5, 1]
    assert [i.position for i in result.items] == [1, 2, 3, 4, 5]


def test_company_round_in_prep_window_lifts_ahead_and_says_why() -> None:
    soon = Lift("Northwind AI", "coding", NOW + timedelta(days=4), prep_days=7)
    later = Lift("Lumen Search", "coding", NOW + timedelta(days=9), prep_days=10)
    cands = [
        review(1, 0.10, due_days=-10),  # very overdue, no company
        QueueCandidate(2, 0.90, due_at=NOW + timedelta(days=5), lift=later, number=2),
        QueueCandidate(3, 0.95, due_at=NOW + timedelta(days=5), lift=soon, number=3),
    ]
    result = order_queue(cands, NOW, review_cap=50, new_cap=5)
    assert ids(result) == [3, 2, 1]
    first = result.items[0].reason
    assert first.startswith("Northwind AI coding in 4 d ·")
    assert "overdue 10 d" in result.items[2].reason
    assert "10% recall" in result.items[2].reason


def test_daily_caps_count_what_was_done_today() -> None:
    cands = [review(i, 0.5 + i / 100, due_days=-1) for i in range(1, 6)] + [new(10), new(11), new(12)]
    result = order_queue(cands, NOW, review_cap=4, new_cap=2, reviews_done_today=1, new_done_today=1)
    assert ids(result) == [1, 2, 3, 10]
    assert result.held_reviews == 2 and result.held_new == 2
    assert [i.kind for i in result.items] == ["review", "review", "review", "new"]


def test_lifted_new_problem_beats_plain_overdue() -> None:
    lift = Lift("Quanta Labs", "ml-coding", NOW + timedelta(hours=20), prep_days=3)
    result = order_queue([review(1, 0.2, due_days=-2), new(2, lift)], NOW, review_cap=5, new_cap=5)
    assert ids(result) == [2, 1]
    assert result.items[0].reason.startswith("Quanta Labs ml-coding in 20 h")
    assert "new: not tried yet" in result.items[0].reason


def test_duplicates_are_kept_once() -> None:
    result = order_queue([review(1, 0.5, -1), review(1, 0.5, -1)], NOW, review_cap=5, new_cap=5)
    assert ids(result) == [1]
