"""The dashboard's numbers, from aggregates and indexed range queries only (no table is loaded whole).

``summary(db, now=...)`` is what the dashboard screen and ``prep today`` show: next rounds with their readiness,
today's study blocks with their work items, the review queue, this week against last week, the streak of study
days with 30 days of activity, the mastery distribution, the weakest patterns and uncovered behavioral questions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from tracker.services.base import Database, Invalid, NotFound

if TYPE_CHECKING:
    from sqlmodel import Session

ACTIVITY_DAYS = 30
NEXT_ROUNDS = 5
DUE_FIRST = 5
WEAK_PATTERNS = 3
MASTERY_KEYS = ("new", "no-clue", "brute-force", "has-bugs", "bug-free")
RATING_SLUGS = {1: "no-clue", 2: "brute-force", 3: "has-bugs", 4: "bug-free"}
ITEM_AREAS = {
    "problem": "problems",
    "paper": "papers",
    "topic": "papers",
    "story": "stories",
    "question": "stories",
}
ACTIVITY_AREAS = {
    "coding": "problems",
    "papers": "papers",
    "behavioral": "stories",
    "system-design": "papers",
    "any": "schedule",
}


@dataclass(frozen=True, slots=True)
class NextRound:
    id: int
    company: str
    kind: str
    scheduled_at: datetime
    readiness: int | None = None
    reasons: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "company": self.company,
            "kind": self.kind,
            "scheduled_at": self.scheduled_at.isoformat(),
            "readiness": self.readiness,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True, slots=True)
class BlockItem:
    """One concrete thing a study block names: a problem, paper, story, question or topic."""

    kind: str
    ref_id: int | None
    title: str
    minutes: int | None = None

    @property
    def area(self) -> str:
        return ITEM_AREAS.get(self.kind, "schedule")

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "ref_id": self.ref_id, "title": self.title, "minutes": self.minutes}


@dataclass(frozen=True, slots=True)
class BlockLine:
    id: int
    start_at: datetime
    end_at: datetime
    activity: str
    title: str
    status: str
    items: tuple[BlockItem, ...] = ()
    round_id: int | None = None

    def is_current(self, now: datetime) -> bool:
        return self.start_at <= now < self.end_at

    def minutes_left(self, now: datetime) -> int:
        return max(0, int((self.end_at - now).total_seconds() // 60)) if self.is_current(now) else 0

    @property
    def minutes(self) -> int:
        return max(0, int((self.end_at - self.start_at).total_seconds() // 60))

    @property
    def area(self) -> str:
        """Where the block's work is done: its first item's area, else its activity's."""
        if self.items:
            return self.items[0].area
        return ACTIVITY_AREAS.get(self.activity, "schedule")

    def to_json(self, now: datetime | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "start": self.start_at.isoformat(),
            "end": self.end_at.isoformat(),
            "activity": self.activity,
            "title": self.title,
            "status": self.status,
            "round_id": self.round_id,
            "items": [i.to_json() for i in self.items],
        }
        if now is not None:
            out["current"] = self.is_current(now)
            out["minutes_left"] = self.minutes_left(now)
        return out


@dataclass(frozen=True, slots=True)
class DueLine:
    id: int
    number: int | None
    title: str
    due_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "number": self.number, "title": self.title, "due_at": self.due_at.isoformat()}


@dataclass(frozen=True, slots=True)
class WeekNumbers:
    """One ISO week (local Monday 00:00 to the next): attempts by rating, study time, papers, rehearsals."""

    start: date
    attempts: int = 0
    problems: int = 0
    ratings: dict[str, int] = field(default_factory=dict)
    minutes_done: int = 0
    minutes_planned: int = 0
    papers_read: int = 0
    rehearsals: int = 0

    @property
    def hours_done(self) -> float:
        return round(self.minutes_done / 60, 1)

    @property
    def hours_planned(self) -> float:
        return round(self.minutes_planned / 60, 1)

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "attempts": self.attempts,
            "problems": self.problems,
            "ratings": {slug: self.ratings.get(slug, 0) for slug in RATING_SLUGS.values()},
            "hours_done": self.hours_done,
            "hours_planned": self.hours_planned,
            "papers_read": self.papers_read,
            "rehearsals": self.rehearsals,
        }


@dataclass(frozen=True, slots=True)
class WeakPattern:
    id: int
    name: str
    weak: int
    attempted: int
    problems: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "weak": self.weak,
            "attempted": self.attempted,
            "problems": self.problems,
        }


@dataclass(frozen=True, slots=True)
class Summary:
    problems: int
    attempted: int
    due: int
    papers: int
    papers_read: int
    stories: int
    companies: int
    next_rounds: list[NextRound] = field(default_factory=list)
    today_blocks: list[BlockLine] = field(default_factory=list)
    due_first: list[DueLine] = field(default_factory=list)
    mastery: dict[str, int] = field(default_factory=dict)
    """Problems per current mastery level, keyed "1".."4" (never-tried problems are not counted here)."""
    now: datetime | None = None
    this_week: WeekNumbers | None = None
    last_week: WeekNumbers | None = None
    streak: int = 0
    active_today: bool = False
    activity: list[int] = field(default_factory=list)
    """Study events per local day, the last ``ACTIVITY_DAYS`` days, oldest first, today last."""
    weakest_patterns: list[WeakPattern] = field(default_factory=list)
    uncovered_questions: int = 0
    behavioral_questions: int = 0

    @property
    def empty(self) -> bool:
        return not (self.problems or self.papers or self.stories or self.companies)

    @property
    def mastery_distribution(self) -> dict[str, int]:
        """``new``, ``no-clue`` … ``bug-free`` → number of problems."""
        out = {"new": max(0, self.problems - self.attempted)}
        out.update({slug: self.mastery.get(str(level), 0) for level, slug in RATING_SLUGS.items()})
        return out

    @property
    def current_block(self) -> BlockLine | None:
        if self.now is None:
            return None
        return next((b for b in self.today_blocks if b.is_current(self.now)), None)

    def to_json(self) -> dict[str, Any]:
        now = self.now or datetime.now(UTC)
        return {
            "now": now.isoformat(),
            "next_rounds": [r.to_json() for r in self.next_rounds],
            "today": [b.to_json(now) for b in self.today_blocks],
            "reviews": {"due": self.due, "first": [d.to_json() for d in self.due_first]},
            "this_week": self.this_week.to_json() if self.this_week else None,
            "last_week": self.last_week.to_json() if self.last_week else None,
            "streak": {
                "days": self.streak,
                "active_today": self.active_today,
                "activity": list(self.activity),
            },
            "mastery": self.mastery_distribution,
            "weakest_patterns": [p.to_json() for p in self.weakest_patterns],
            "behavioral": {"questions": self.behavioral_questions, "uncovered": self.uncovered_questions},
            "totals": {
                "problems": self.problems,
                "attempted": self.attempted,
                "papers": self.papers,
                "papers_read": self.papers_read,
                "stories": self.stories,
                "companies": self.companies,
            },
        }


# ------------------------------------------------------------------------------------------------ helpers
def _local_midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time()).replace(tzinfo=tz).astimezone(UTC)


def _stored(at: datetime) -> str:
    """A UTC datetime as SQLite holds it (naive UTC, microseconds): comparable as text with stored values."""
    u = at.astimezone(UTC)
    return f"{u.year:04d}-{u.month:02d}-{u.day:02d} {u.hour:02d}:{u.minute:02d}:{u.second:02d}.{u.microsecond:06d}"


def _zone(tz: tzinfo | None, now: datetime) -> tzinfo:
    return tz or now.astimezone().tzinfo or UTC


_DAY_EVENTS = (
    "(SELECT count(*) FROM attempt WHERE at >= lo AND at < hi)"
    " + (SELECT count(*) FROM rehearsal WHERE at >= lo AND at < hi)"
    " + (SELECT count(*) FROM study_block WHERE start_at >= lo AND start_at < hi AND status = 'done')"
    " + (SELECT count(*) FROM paper WHERE read_on = d AND status IN ('read', 'revisit'))"
)
_DAY_ACTIVE = (  # the first table with a row that day answers; each lookup is one index seek
    "COALESCE((SELECT 1 FROM attempt WHERE at >= lo AND at < hi LIMIT 1),"
    " (SELECT 1 FROM study_block WHERE start_at >= lo AND start_at < hi AND status = 'done' LIMIT 1),"
    " (SELECT 1 FROM rehearsal WHERE at >= lo AND at < hi LIMIT 1),"
    " (SELECT 1 FROM paper WHERE read_on = d AND status IN ('read', 'revisit') LIMIT 1), 0)"
)


def _per_day(session: Session, days: list[date], tz: tzinfo, expression: str) -> list[int]:
    """``expression`` evaluated for each local day (exact UTC bounds, so DST days are right): one statement,
    each day an indexed range lookup per table."""
    if not days:
        return []
    # Literal values (generated here from dates, never user text): no bind parameters to process per day.
    bounds = [_stored(_local_midnight(day, tz)) for day in days]
    bounds.append(_stored(_local_midnight(days[-1] + timedelta(days=1), tz)))
    if days[-1] < days[0]:  # newest first: each day ends where the previous one in the list starts
        bounds = [_stored(_local_midnight(days[0] + timedelta(days=1), tz)), *bounds[:-1]]
        values = ", ".join(
            f"({i}, '{bounds[i + 1]}', '{bounds[i]}', '{d.isoformat()}')" for i, d in enumerate(days)
        )
    else:
        values = ", ".join(
            f"({i}, '{bounds[i]}', '{bounds[i + 1]}', '{d.isoformat()}')" for i, d in enumerate(days)
        )
    sql = f"WITH days(i, lo, hi, d) AS (VALUES {values}) SELECT i, {expression} FROM days ORDER BY i"
    out = [0] * len(days)
    for i, value in session.connection().exec_driver_sql(sql):
        out[int(i)] = int(value or 0)
    return out


def _streak(session: Session, today: date, tz: tzinfo) -> tuple[int, bool, list[int]]:
    """(consecutive study days up to today, whether today counts yet, events per day for the last 30 days).

    A day counts if it has an attempt, a done block, a paper read or a rehearsal. A streak still counts while
    today has nothing yet (it ends only once a whole day passes without study)."""
    first = today - timedelta(days=ACTIVITY_DAYS - 1)
    activity = _per_day(session, [first + timedelta(days=i) for i in range(ACTIVITY_DAYS)], tz, _DAY_EVENTS)
    active_today = activity[-1] > 0
    flags = [n > 0 for n in activity[:-1]][::-1]  # yesterday first
    streak = 1 if active_today else 0
    oldest = first
    while True:
        run = next((i for i, f in enumerate(flags) if not f), len(flags))
        streak += run
        if run < len(flags):
            break
        # The streak runs past what was checked: look further back, a year at a time.
        days = [oldest - timedelta(days=i) for i in range(1, 366)]
        oldest = days[-1]
        flags = [bool(v) for v in _per_day(session, days, tz, _DAY_ACTIVE)]
    return streak, active_today, activity


def _week_numbers(session: Session, this_start: date, tz: tzinfo) -> tuple[WeekNumbers, WeekNumbers]:
    from sqlalchemy import case, func
    from sqlmodel import col, select

    from tracker.db.tables import Attempt, Paper, Rehearsal, StudyBlock

    last_start = this_start - timedelta(days=7)
    lo = _local_midnight(last_start, tz)
    mid = _local_midnight(this_start, tz)
    hi = _local_midnight(this_start + timedelta(days=7), tz)
    data: dict[int, dict[str, Any]] = {0: {"ratings": {}}, 1: {"ratings": {}}}

    week = case((col(Attempt.at) >= mid, 1), else_=0)
    for wk, rating, n in session.exec(
        select(week, Attempt.rating, func.count())
        .where(col(Attempt.at) >= lo, col(Attempt.at) < hi)
        .group_by(week, Attempt.rating)
    ):
        slug = RATING_SLUGS.get(int(rating))
        if slug:
            data[int(wk)]["ratings"][slug] = int(n)
    for wk, n in session.exec(
        select(week, func.count(func.distinct(Attempt.problem_id)))
        .where(col(Attempt.at) >= lo, col(Attempt.at) < hi)
        .group_by(week)
    ):
        data[int(wk)]["problems"] = int(n)

    bweek = case((col(StudyBlock.start_at) >= mid, 1), else_=0)
    minutes = func.sum((func.julianday(StudyBlock.end_at) - func.julianday(StudyBlock.start_at)) * 1440.0)
    for wk, status, total in session.exec(
        select(bweek, StudyBlock.status, minutes)
        .where(col(StudyBlock.start_at) >= lo, col(StudyBlock.start_at) < hi)
        .group_by(bweek, StudyBlock.status)
    ):
        m = round(float(total or 0))
        d = data[int(wk)]
        d["planned"] = d.get("planned", 0) + m
        if status == "done":
            d["done"] = d.get("done", 0) + m

    pweek = case((col(Paper.read_on) >= this_start, 1), else_=0)
    for wk, n in session.exec(
        select(pweek, func.count())
        .where(
            col(Paper.read_on) >= last_start,
            col(Paper.read_on) < this_start + timedelta(days=7),
            col(Paper.status).in_(("read", "revisit")),
        )
        .group_by(pweek)
    ):
        data[int(wk)]["papers"] = int(n)

    rweek = case((col(Rehearsal.at) >= mid, 1), else_=0)
    for wk, n in session.exec(
        select(rweek, func.count()).where(col(Rehearsal.at) >= lo, col(Rehearsal.at) < hi).group_by(rweek)
    ):
        data[int(wk)]["rehearsals"] = int(n)

    def numbers(start: date, d: dict[str, Any]) -> WeekNumbers:
        ratings = {slug: d["ratings"].get(slug, 0) for slug in RATING_SLUGS.values()}
        return WeekNumbers(
            start=start,
            attempts=sum(ratings.values()),
            problems=d.get("problems", 0),
            ratings=ratings,
            minutes_done=d.get("done", 0),
            minutes_planned=d.get("planned", 0),
            papers_read=d.get("papers", 0),
            rehearsals=d.get("rehearsals", 0),
        )

    return numbers(this_start, data[1]), numbers(last_start, data[0])


def _weakest_patterns(session: Session, limit: int = WEAK_PATTERNS) -> list[WeakPattern]:
    """Patterns whose tried problems most often end "no clue" or "has bugs" (as the problems screen's stats)."""
    from sqlalchemy import case, func
    from sqlmodel import col, select

    from tracker.db.tables import Pattern, Problem, ProblemPattern

    weak = func.sum(case((col(Problem.mastery).in_((1, 3)), 1), else_=0))
    rows = list(
        session.exec(
            select(ProblemPattern.pattern_id, weak, func.count(), func.sum(Problem.mastery))
            .join(Problem, col(Problem.id) == ProblemPattern.problem_id)
            .where(col(Problem.mastery).is_not(None))
            .group_by(ProblemPattern.pattern_id)
        )
    )
    names = {int(i): n for i, n in session.exec(select(Pattern.id, Pattern.name))}
    ranked = sorted(
        ((int(pid), int(w), int(n), float(total) / int(n)) for pid, w, n, total in rows if n),
        key=lambda r: (-r[1] / r[2], r[3], names.get(r[0], "").lower()),
    )
    top = [r for r in ranked if r[1] > 0][:limit]
    if not top:
        return []
    sizes = {
        int(pid): int(n)
        for pid, n in session.exec(
            select(ProblemPattern.pattern_id, func.count())
            .where(col(ProblemPattern.pattern_id).in_([r[0] for r in top]))
            .group_by(ProblemPattern.pattern_id)
        )
    }
    return [WeakPattern(pid, names.get(pid, "?"), w, n, sizes.get(pid, n)) for pid, w, n, _ in top]


def _item_titles(session: Session, blocks: list[Any]) -> dict[tuple[str, int], str]:
    """Titles of the items that came without one, one query per kind."""
    from sqlmodel import col, select

    from tracker.db.tables import Paper, Problem, Question, Story, Topic

    wanted: dict[str, set[int]] = {}
    for b in blocks:
        for item in b.items or []:
            if isinstance(item, dict) and not item.get("title") and isinstance(item.get("ref_id"), int):
                wanted.setdefault(str(item.get("kind")), set()).add(int(item["ref_id"]))
    out: dict[tuple[str, int], str] = {}
    models: dict[str, tuple[Any, Any]] = {
        "problem": (Problem, Problem.title),
        "paper": (Paper, Paper.title),
        "story": (Story, Story.title),
        "question": (Question, Question.text),
        "topic": (Topic, Topic.name),
    }
    for kind, ids in wanted.items():
        if kind not in models:
            continue
        model, column = models[kind]
        for rid, title in session.exec(select(model.id, column).where(col(model.id).in_(list(ids)))):
            out[(kind, int(rid))] = str(title)
    return out


def _block_line(b: Any, titles: dict[tuple[str, int], str]) -> BlockLine:
    items: list[BlockItem] = []
    for item in b.items or []:
        if not isinstance(item, dict):
            continue
        kind = str(item.get("kind") or "")
        ref = item.get("ref_id")
        ref_id = int(ref) if isinstance(ref, int) else None
        title = str(item.get("title") or (titles.get((kind, ref_id)) if ref_id is not None else "") or "")
        minutes = item.get("minutes")
        items.append(
            BlockItem(
                kind, ref_id, title or f"{kind} #{ref_id}", minutes if isinstance(minutes, int) else None
            )
        )
    return BlockLine(b.id or 0, b.start_at, b.end_at, b.activity, b.title, b.status, tuple(items), b.round_id)


# ------------------------------------------------------------------------------------------------ summary
_TOTALS_SQL = (
    "SELECT (SELECT count(*) FROM problem),"
    " (SELECT count(*) FROM problem WHERE mastery IS NOT NULL),"
    " (SELECT count(*) FROM problem WHERE due_at <= ?),"
    " (SELECT count(*) FROM paper),"
    " (SELECT count(*) FROM paper WHERE status = 'read'),"
    " (SELECT count(*) FROM story),"
    " (SELECT count(*) FROM company),"
    " (SELECT count(*) FROM problem WHERE mastery = 1),"
    " (SELECT count(*) FROM problem WHERE mastery = 2),"
    " (SELECT count(*) FROM problem WHERE mastery = 3),"
    " (SELECT count(*) FROM problem WHERE mastery = 4),"
    " (SELECT count(*) FROM question WHERE kind = 'behavioral'),"
    " (SELECT count(*) FROM question WHERE kind = 'behavioral'"
    " AND NOT EXISTS (SELECT 1 FROM story_question sq WHERE sq.question_id = question.id))"
)


def summary(db: Database, *, now: datetime | None = None, tz: tzinfo | None = None) -> Summary:
    from sqlmodel import col, select

    from tracker.db.tables import (
        BoardColumn,
        Company,
        Problem,
        Round,
        StudyBlock,
    )
    from tracker.services.readiness import readiness_in

    now = now or datetime.now(UTC)
    zone = _zone(tz, now)
    today = now.astimezone(zone).date()
    day_start = _local_midnight(today, zone)
    day_end = _local_midnight(today + timedelta(days=1), zone)
    week_start = today - timedelta(days=today.weekday())

    with db.read() as session:
        # Every total in one statement (each a count over an index or a small table).
        totals = session.connection().exec_driver_sql(_TOTALS_SQL, (_stored(now),)).one()
        problems, attempted, due, papers, papers_read, stories, companies = (int(v) for v in totals[:7])
        if not (problems or papers or stories or companies):
            return Summary(0, 0, 0, 0, 0, 0, 0, now=now)
        mastery = {str(level): int(n) for level, n in zip((1, 2, 3, 4), totals[7:11], strict=True) if n}
        behavioral, uncovered = int(totals[11]), int(totals[12])
        upcoming = list(
            session.exec(
                select(Round.id, Company.name, Round.kind, Round.scheduled_at)
                .join(Company, col(Company.id) == Round.company_id)
                .join(BoardColumn, col(BoardColumn.id) == Round.column_id)
                .where(
                    col(Round.scheduled_at) >= now,
                    col(BoardColumn.is_done).is_(False),
                    col(Round.outcome).is_(None),
                )
                .order_by(col(Round.scheduled_at), col(Round.id))
                .limit(NEXT_ROUNDS)
            )
        )
        ready = readiness_in(session, [int(r[0]) for r in upcoming], now) if upcoming else {}
        next_rounds = [
            NextRound(
                int(rid),
                name,
                kind,
                at,
                ready[rid].score if rid in ready else None,
                ready[rid].reasons if rid in ready else (),
            )
            for rid, name, kind, at in upcoming
            if at is not None
        ]
        raw_blocks = list(
            session.exec(
                select(StudyBlock)
                .where(col(StudyBlock.start_at) >= day_start, col(StudyBlock.start_at) < day_end)
                .order_by(col(StudyBlock.start_at), col(StudyBlock.id))
            )
        )
        titles = _item_titles(session, raw_blocks)
        blocks = [_block_line(b, titles) for b in raw_blocks]
        due_first = [
            DueLine(int(pid), number, title, due_at)
            for pid, number, title, due_at in session.exec(
                select(Problem.id, Problem.number, Problem.title, Problem.due_at)
                .where(col(Problem.due_at) <= now)
                .order_by(col(Problem.due_at), col(Problem.id))
                .limit(DUE_FIRST)
            )
            if due_at is not None
        ]
        this_week, last_week = _week_numbers(session, week_start, zone)
        streak, active_today, activity = _streak(session, today, zone)
        weakest = _weakest_patterns(session)
    return Summary(
        problems=problems,
        attempted=attempted,
        due=due,
        papers=papers,
        papers_read=papers_read,
        stories=stories,
        companies=companies,
        next_rounds=next_rounds,
        today_blocks=blocks,
        due_first=due_first,
        mastery=mastery,
        now=now,
        this_week=this_week,
        last_week=last_week,
        streak=streak,
        active_today=active_today,
        activity=activity,
        weakest_patterns=weakest,
        uncovered_questions=uncovered,
        behavioral_questions=behavioral,
    )


# ------------------------------------------------------------------------------------------------ writes
BLOCK_STATUSES = ("planned", "done", "skipped")


def set_block_status(db: Database, block_id: int, status: str) -> BlockLine:
    """Mark a study block planned, done or skipped (through the schedule service's own function when it has one,
    so its rules apply)."""
    if status not in BLOCK_STATUSES:
        raise Invalid(f"status must be one of {', '.join(BLOCK_STATUSES)} (got {status!r})")
    from tracker.services import schedule

    mark = getattr(schedule, "mark_block", None) or getattr(schedule, "set_block_status", None)
    if callable(mark):
        mark(db, block_id, status)
        return _get_block(db, block_id)
    from tracker.db.tables import StudyBlock

    with db.write() as session:
        block = session.get(StudyBlock, block_id)
        if block is None:
            raise NotFound(f"no study block with id {block_id}")
        if block.status != status:
            block.status = status
            session.add(block)
    return _get_block(db, block_id)


def toggle_block_done(db: Database, block_id: int) -> BlockLine:
    """Check a block off, or back to planned if it was already done."""
    current = _get_block(db, block_id)
    return set_block_status(db, block_id, "planned" if current.status == "done" else "done")


def _get_block(db: Database, block_id: int) -> BlockLine:
    from tracker.db.tables import StudyBlock

    with db.read() as session:
        block = session.get(StudyBlock, block_id)
        if block is None:
            raise NotFound(f"no study block with id {block_id}")
        return _block_line(block, _item_titles(session, [block]))
