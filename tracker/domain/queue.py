"""The review queue: which problems to work now, in what order, and why.

Pure Python. The service gathers candidates (due reviews, untried problems, and problems tagged with a company whose
round is inside its prep window); :func:`order_queue` decides the order and applies the daily caps.

Order, most urgent first:

1. problems *lifted* by an upcoming round (tagged with a company whose round is within its prep allocation), the
   soonest round first;
2. then overdue reviews (due at or before now);
3. then the rest (untried problems, tried problems the round lifted but not yet due);

and inside each group the lowest chance of remembering (retrievability) first, then the oldest due date, then id.

Daily caps: reviews (tried problems) and new problems (never tried) each have a cap per local day; what the user
already did today counts against it. Items past a cap are held back, and the result says how many.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

__all__ = ["Lift", "QueueCandidate", "QueueItem", "QueueResult", "order_queue", "reason_for"]


@dataclass(frozen=True, slots=True)
class Lift:
    """An upcoming round that pulls a problem forward: its company, kind, time and prep allocation in days."""

    company: str
    kind: str
    round_at: datetime
    prep_days: int


@dataclass(frozen=True, slots=True)
class QueueCandidate:
    problem_id: int
    retrievability: float
    due_at: datetime | None = None
    is_new: bool = False
    lift: Lift | None = None
    number: int | None = None


@dataclass(frozen=True, slots=True)
class QueueItem:
    candidate: QueueCandidate
    position: int
    reason: str

    @property
    def kind(self) -> str:
        return "new" if self.candidate.is_new else "review"


@dataclass(frozen=True, slots=True)
class QueueResult:
    items: list[QueueItem] = field(default_factory=list)
    held_reviews: int = 0
    held_new: int = 0
    review_cap: int = 0
    new_cap: int = 0
    reviews_done_today: int = 0
    new_done_today: int = 0


def _calendar_days(later: datetime, earlier: datetime) -> int:
    """Whole days between the two moments' local calendar dates (what "in 3 days" means to a person)."""
    return (later.astimezone().date() - earlier.astimezone().date()).days


def _in_days(round_at: datetime, now: datetime) -> str:
    seconds = (round_at - now).total_seconds()
    if seconds < 86400:
        hours = max(0, int(seconds // 3600))
        return f"in {hours} h" if hours else "now"
    return f"in {max(1, _calendar_days(round_at, now))} d"


def reason_for(c: QueueCandidate, now: datetime) -> str:
    """One short line telling the user why the item is where it is, e.g.
    ``Northwind AI coding in 4 d · overdue 2 d · 61% recall`` (the round is inside its prep window)."""
    parts: list[str] = []
    if c.lift is not None:
        parts.append(f"{c.lift.company} {c.lift.kind} {_in_days(c.lift.round_at, now)}")
    if c.is_new:
        parts.append("new: not tried yet")
    elif c.due_at is not None and c.due_at <= now:
        late = _calendar_days(now, c.due_at)
        parts.append("due today" if late <= 0 else f"overdue {late} d")
    elif c.due_at is not None:
        parts.append(f"due {_in_days(c.due_at, now)}")
    if not c.is_new:
        parts.append(f"{round(c.retrievability * 100)}% recall")
    return " · ".join(parts)


def sort_key(c: QueueCandidate, now: datetime) -> tuple[object, ...]:
    lifted = c.lift is not None
    overdue = (not c.is_new) and c.due_at is not None and c.due_at <= now
    return (
        0 if lifted else 1,
        c.lift.round_at.timestamp() if c.lift is not None else 0.0,
        0 if overdue else 1,
        c.retrievability,
        c.due_at.timestamp() if c.due_at is not None else float("inf"),
        c.number if c.number is not None else 1 << 62,
        c.problem_id,
    )


def order_queue(
    candidates: Iterable[QueueCandidate],
    now: datetime,
    *,
    review_cap: int,
    new_cap: int,
    reviews_done_today: int = 0,
    new_done_today: int = 0,
) -> QueueResult:
    """Order candidates by urgency and keep what today's caps allow."""
    seen: set[int] = set()
    unique: list[QueueCandidate] = []
    for c in candidates:
        if c.problem_id not in seen:
            seen.add(c.problem_id)
            unique.append(c)
    unique.sort(key=lambda c: sort_key(c, now))
    reviews_left = max(0, review_cap - reviews_done_today)
    new_left = max(0, new_cap - new_done_today)
    items: list[QueueItem] = []
    held_reviews = held_new = 0
    for c in unique:
        if c.is_new:
            if new_left <= 0:
                held_new += 1
                continue
            new_left -= 1
        else:
            if reviews_left <= 0:
                held_reviews += 1
                continue
            reviews_left -= 1
        items.append(QueueItem(c, len(items) + 1, reason_for(c, now)))
    return QueueResult(
        items=items,
        held_reviews=held_reviews,
        held_new=held_new,
        review_cap=review_cap,
        new_cap=new_cap,
        reviews_done_today=reviews_done_today,
        new_done_today=new_done_today,
    )
