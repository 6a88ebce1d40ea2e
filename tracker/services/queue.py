"""The review queue (what to practise now, and why) and its settings: daily caps and timer limits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from tracker.services.base import Database, now_utc

if TYPE_CHECKING:
    from sqlmodel import Session

    from tracker.services.problems import ProblemRow

REVIEW_CAP_KEY = "queue.daily_review_cap"
NEW_CAP_KEY = "queue.daily_new_cap"
TIMER_KEY = "timer.limits"


# --------------------------------------------------------------------------------------------------- settings
# keys, defaults and validation live in the settings registry (tracker.services.settings)
@dataclass(frozen=True, slots=True)
class QueueCaps:
    reviews: int
    new: int


def _caps(session: Session) -> QueueCaps:
    from tracker.services.settings import read_int

    return QueueCaps(read_int(session, REVIEW_CAP_KEY), read_int(session, NEW_CAP_KEY))


def queue_caps(db: Database) -> QueueCaps:
    with db.read() as session:
        return _caps(session)


def set_queue_caps(db: Database, *, reviews: int | None = None, new: int | None = None) -> QueueCaps:
    """Change the daily caps (reviews of tried problems, new problems); both in one transaction."""
    from tracker.services.settings import parse_value, write_value

    wanted = ((REVIEW_CAP_KEY, "review cap", reviews), (NEW_CAP_KEY, "new-problem cap", new))
    changes = {key: parse_value(key, value, name=name) for key, name, value in wanted if value is not None}
    with db.write() as session:
        for key, value in changes.items():
            write_value(session, key, value)
    return queue_caps(db)


def timer_limits(db: Database) -> dict[str, int]:
    """Default solve-timer limit in minutes per difficulty (setting ``timer.limits``)."""
    from tracker.services.settings import default_value, get_value

    stored = get_value(db, TIMER_KEY)
    limits = dict(default_value(TIMER_KEY))
    if isinstance(stored, dict):
        for k, v in stored.items():
            if k in limits and isinstance(v, int) and v > 0:
                limits[k] = v
    return limits


def timer_limit_for(db: Database, difficulty: str | None) -> int:
    from tracker.services.settings import default_value

    return timer_limits(db).get(difficulty or "medium", default_value(TIMER_KEY)["medium"])


# ------------------------------------------------------------------------------------------------------ queue
@dataclass(frozen=True, slots=True)
class QueueEntry:
    position: int
    problem: ProblemRow
    kind: str  # review | new
    reason: str
    retrievability: float | None
    lifted_by: str | None

    def to_json(self) -> dict[str, Any]:
        out = self.problem.to_json()
        out.update(
            position=self.position,
            kind=self.kind,
            reason=self.reason,
            retrievability=None if self.retrievability is None else round(self.retrievability, 3),
            lifted_by=self.lifted_by,
        )
        return out


@dataclass(frozen=True, slots=True)
class QueueView:
    entries: list[QueueEntry]
    held_reviews: int
    held_new: int
    caps: QueueCaps
    reviews_done_today: int
    new_done_today: int

    @property
    def summary(self) -> str:
        text = (
            f"today: {self.reviews_done_today}/{self.caps.reviews} reviews, "
            f"{self.new_done_today}/{self.caps.new} new"
        )
        held = []
        if self.held_reviews:
            held.append(f"{self.held_reviews} reviews")
        if self.held_new:
            held.append(f"{self.held_new} new")
        if held:
            text += f"; held back by the daily caps: {', '.join(held)}"
        return text


def _day_start(now: datetime) -> datetime:
    local = now.astimezone()
    return datetime.combine(local.date(), time(0, 0), tzinfo=local.tzinfo).astimezone(UTC)


def _lifts(session: Session, now: datetime) -> dict[int, Any]:
    """Company id → its soonest upcoming coding round whose prep window (prep_days before its local date) is
    open."""
    from sqlmodel import col, select

    from tracker.db.tables import BoardColumn, Company, Round
    from tracker.domain.queue import Lift
    from tracker.services.catalog import round_kinds

    kinds = round_kinds()
    out: dict[int, Lift] = {}
    stmt = (
        select(Round, Company.name)
        .join(Company, col(Company.id) == Round.company_id)
        .join(BoardColumn, col(BoardColumn.id) == Round.column_id)
        .where(
            col(Round.scheduled_at) > now, col(BoardColumn.is_done).is_(False), col(Round.outcome).is_(None)
        )
        .order_by(col(Round.scheduled_at))
    )
    for rnd, company in session.exec(stmt):
        if rnd.scheduled_at is None or rnd.company_id in out:
            continue
        spec = kinds.get(rnd.kind)
        if not (rnd.kind in ("onsite", "other") or (spec is not None and spec.focus == "coding")):
            continue  # only rounds that draw on coding problems lift them
        prep = (
            rnd.prep_days
            if rnd.prep_days is not None
            else (kinds[rnd.kind].prep_days if rnd.kind in kinds else 3)
        )
        local = rnd.scheduled_at.astimezone()
        opens = datetime.combine(local.date() - timedelta(days=prep), time(0, 0), tzinfo=local.tzinfo)
        if opens <= now:
            out[rnd.company_id] = Lift(company, rnd.kind, rnd.scheduled_at, prep)
    return out


def review_queue(db: Database, *, now: datetime | None = None, limit: int | None = None) -> QueueView:
    """The review queue in the order the user should work it, with the reason for each position."""
    from sqlalchemy import func
    from sqlmodel import col, select

    from tracker.db.tables import Attempt, Problem, ProblemCompany, ProblemListItem
    from tracker.domain.mastery import DESIRED_RETENTION, CardState, retrievability
    from tracker.domain.queue import QueueCandidate, order_queue
    from tracker.services.problems import _to_rows

    now = now or now_utc()
    day_start = _day_start(now)
    with db.read() as session:
        caps = _caps(session)
        today_ids = set(
            session.exec(
                select(Attempt.problem_id).where(col(Attempt.at) >= day_start, col(Attempt.at) <= now)
            )
        )
        earlier = (
            set(
                session.exec(
                    select(Attempt.problem_id)
                    .where(col(Attempt.problem_id).in_(today_ids), col(Attempt.at) < day_start)
                    .distinct()
                )
            )
            if today_ids
            else set()
        )
        reviews_done = len(today_ids & earlier)
        new_done = len(today_ids - earlier)

        lifts = _lifts(session, now)
        lift_of: dict[int, Any] = {}
        if lifts:
            for pid, cid in session.exec(
                select(ProblemCompany.problem_id, ProblemCompany.company_id).where(
                    col(ProblemCompany.company_id).in_(list(lifts))
                )
            ):
                best = lift_of.get(pid)
                if best is None or lifts[cid].round_at < best.round_at:
                    lift_of[pid] = lifts[cid]

        problems: dict[int, Any] = {}
        for p in session.exec(
            select(Problem).where(col(Problem.due_at).is_not(None), col(Problem.due_at) <= now)
        ):
            assert p.id is not None  # a row read from the database has an id
            problems[p.id] = p
        if lift_of:
            for p in session.exec(select(Problem).where(col(Problem.id).in_(list(lift_of)))):
                assert p.id is not None
                problems[p.id] = p
        new_left = max(0, caps.new - new_done)
        if new_left:
            first_pos = (
                select(func.min(ProblemListItem.position))
                .where(ProblemListItem.problem_id == Problem.id)
                .correlate(Problem)
                .scalar_subquery()
            )
            fresh = select(Problem).where(col(Problem.mastery).is_(None), col(Problem.attempts_count) == 0)
            for p in session.exec(
                fresh.order_by(
                    first_pos.is_(None),
                    first_pos,
                    col(Problem.number).is_(None),
                    col(Problem.number),
                    col(Problem.id),
                ).limit(new_left)
            ):
                assert p.id is not None
                problems[p.id] = p

        candidates = []
        recall: dict[int, float | None] = {}
        for p in problems.values():
            is_new = not p.card or not p.attempts_count
            r: float | None = None
            if not is_new:
                try:
                    r = retrievability(CardState.from_dict(p.card), now)
                except ValueError:
                    r = 0.0
            recall[p.id] = r
            lift = lift_of.get(p.id)
            due = p.due_at is not None and p.due_at <= now
            if (
                lift is not None
                and not is_new
                and not due
                and p.last_attempt_at
                and p.last_attempt_at >= day_start
            ):
                continue  # practised today already: the round does not pull it forward again
            if lift is not None and not is_new and not due and r is not None:
                # Lifted but not due: only worth it if the user would likely forget it by the round.
                on_the_day = retrievability(CardState.from_dict(p.card), lift.round_at)
                if on_the_day >= DESIRED_RETENTION:
                    continue
            candidates.append(
                QueueCandidate(
                    problem_id=p.id,
                    retrievability=r or 0.0,
                    due_at=p.due_at,
                    is_new=is_new,
                    lift=lift_of.get(p.id),
                    number=p.number,
                )
            )
        result = order_queue(
            candidates,
            now,
            review_cap=caps.reviews,
            new_cap=caps.new,
            reviews_done_today=reviews_done,
            new_done_today=new_done,
        )
        items = result.items[:limit] if limit is not None else result.items
        rows = {r.id: r for r in _to_rows(session, [problems[i.candidate.problem_id] for i in items])}
    entries = [
        QueueEntry(
            position=i.position,
            problem=rows[i.candidate.problem_id],
            kind=i.kind,
            reason=i.reason,
            retrievability=recall.get(i.candidate.problem_id),
            lifted_by=i.candidate.lift.company if i.candidate.lift else None,
        )
        for i in items
    ]
    return QueueView(
        entries=entries,
        held_reviews=result.held_reviews,
        held_new=result.held_new,
        caps=caps,
        reviews_done_today=reviews_done,
        new_done_today=new_done,
    )
