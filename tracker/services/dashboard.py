"""The dashboard's numbers, from aggregates and indexed range queries only (no table is loaded whole).

``summary(db, now=...)`` is what the dashboard screen and ``prep today`` show: next rounds with their readiness,
today's study blocks with their work items, the review queue, this week against last week, the streak of study
days with 30 days of activity, the mastery distribution, the weakest patterns and uncovered behavioral questions.

The reads are plain SQL on one ``sqlite3`` snapshot (:meth:`Database.raw_read`): the dashboard is the first screen,
and its data must not import SQLAlchemy (~30 MiB and half a second of CPU). Writes go through the ORM.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, NamedTuple

from tracker.services.base import (
    Database,
    Invalid,
    NotFound,
    db_time,
    dbapi_connection,
    parse_db_json,
    parse_db_time,
)

if TYPE_CHECKING:
    import sqlite3

    from sqlmodel import Session

    Reader = Session | sqlite3.Connection

ACTIVITY_DAYS = 30
NEXT_ROUNDS = 5
DUE_FIRST = 5
WEAK_PATTERNS = 3
MASTERY_KEYS = ("new", "no-clue", "brute-force", "has-bugs", "bug-free")
RATING_SLUGS = {1: "no-clue", 2: "brute-force", 3: "has-bugs", 4: "bug-free"}


def _key(slug: str) -> str:
    """A rating as a JSON key: snake_case (shared/CLI.md), "no-clue" → "no_clue"."""
    return slug.replace("-", "_")


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
    """One week (local midnight of its first day, Monday or Sunday by the ``week.first_day`` setting, to the next):
    attempts by rating, study time, papers, rehearsals."""

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
            "ratings": {_key(slug): self.ratings.get(slug, 0) for slug in RATING_SLUGS.values()},
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
    study_rules: int = 0
    """Active study rules: with none, nothing can be planned; with some, an empty day is one left unplanned."""

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
            "mastery": {_key(k): n for k, n in self.mastery_distribution.items()},
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
    return db_time(at)


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


def _per_day(session: Reader, days: list[date], tz: tzinfo, expression: str) -> list[int]:
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
    for i, value in dbapi_connection(session).execute(sql):
        out[int(i)] = int(value or 0)
    return out


def _streak(session: Reader, today: date, tz: tzinfo) -> tuple[int, bool, list[int]]:
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


def _week_numbers(session: Reader, this_start: date, tz: tzinfo) -> tuple[WeekNumbers, WeekNumbers]:
    con = dbapi_connection(session)
    last_start = this_start - timedelta(days=7)
    lo = db_time(_local_midnight(last_start, tz))
    mid = db_time(_local_midnight(this_start, tz))
    hi = db_time(_local_midnight(this_start + timedelta(days=7), tz))
    data: dict[int, dict[str, Any]] = {0: {"ratings": {}}, 1: {"ratings": {}}}

    week = "CASE WHEN (attempt.at >= ?) THEN 1 ELSE 0 END"
    for wk, rating, n in con.execute(
        f"SELECT {week}, attempt.rating, count(*) FROM attempt WHERE attempt.at >= ? AND attempt.at < ?"
        f" GROUP BY {week}, attempt.rating",
        (mid, lo, hi, mid),
    ):
        slug = RATING_SLUGS.get(int(rating))
        if slug:
            data[int(wk)]["ratings"][slug] = int(n)
    for wk, n in con.execute(
        f"SELECT {week}, count(distinct(attempt.problem_id)) FROM attempt"
        f" WHERE attempt.at >= ? AND attempt.at < ? GROUP BY {week}",
        (mid, lo, hi, mid),
    ):
        data[int(wk)]["problems"] = int(n)

    bweek = "CASE WHEN (study_block.start_at >= ?) THEN 1 ELSE 0 END"
    for wk, status, total in con.execute(
        f"SELECT {bweek}, study_block.status,"
        " sum((julianday(study_block.end_at) - julianday(study_block.start_at)) * ?) FROM study_block"
        f" WHERE study_block.start_at >= ? AND study_block.start_at < ? GROUP BY {bweek}, study_block.status",
        (mid, 1440.0, lo, hi, mid),
    ):
        m = round(float(total or 0))
        d = data[int(wk)]
        d["planned"] = d.get("planned", 0) + m
        if status == "done":
            d["done"] = d.get("done", 0) + m

    pweek = "CASE WHEN (paper.read_on >= ?) THEN 1 ELSE 0 END"
    this_day, next_day = this_start.isoformat(), (this_start + timedelta(days=7)).isoformat()
    for wk, n in con.execute(
        f"SELECT {pweek}, count(*) FROM paper WHERE paper.read_on >= ? AND paper.read_on < ?"
        f" AND paper.status IN (?, ?) GROUP BY {pweek}",
        (this_day, last_start.isoformat(), next_day, "read", "revisit", this_day),
    ):
        data[int(wk)]["papers"] = int(n)

    rweek = "CASE WHEN (rehearsal.at >= ?) THEN 1 ELSE 0 END"
    for wk, n in con.execute(
        f"SELECT {rweek}, count(*) FROM rehearsal WHERE rehearsal.at >= ? AND rehearsal.at < ? GROUP BY {rweek}",
        (mid, lo, hi, mid),
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


def _weakest_patterns(session: Reader, limit: int = WEAK_PATTERNS) -> list[WeakPattern]:
    """Patterns whose tried problems most often end "no clue" or "has bugs" (as the problems screen's stats)."""
    con = dbapi_connection(session)
    rows = con.execute(
        "SELECT problem_pattern.pattern_id, sum(CASE WHEN (problem.mastery IN (1, 3)) THEN 1 ELSE 0 END),"
        " count(*), sum(problem.mastery)"
        # CROSS JOIN keeps SQLite's join order: the tried problems from the mastery index, then their patterns from
        # the (problem_id, pattern_id) key, both covering (0.9 ms on a year of data; scanning every pattern link
        # first and looking each problem up took 2.6 ms).
        " FROM problem CROSS JOIN problem_pattern ON problem_pattern.problem_id = problem.id"
        " WHERE problem.mastery IS NOT NULL GROUP BY problem_pattern.pattern_id"
    ).fetchall()
    names = {int(i): n for i, n in con.execute("SELECT pattern.id, pattern.name FROM pattern")}
    ranked = sorted(
        ((int(pid), int(w), int(n), float(total) / int(n)) for pid, w, n, total in rows if n),
        key=lambda r: (-r[1] / r[2], r[3], names.get(r[0], "").lower()),
    )
    top = [r for r in ranked if r[1] > 0][:limit]
    if not top:
        return []
    top_ids = [r[0] for r in top]
    sizes = {
        int(pid): int(n)
        for pid, n in con.execute(
            "SELECT problem_pattern.pattern_id, count(*) FROM problem_pattern"
            f" WHERE problem_pattern.pattern_id IN ({', '.join('?' * len(top_ids))})"
            " GROUP BY problem_pattern.pattern_id",
            top_ids,
        )
    }
    return [WeakPattern(pid, names.get(pid, "?"), w, n, sizes.get(pid, n)) for pid, w, n, _ in top]


_TITLE_COLUMNS = {  # kind → (table, title column)
    "problem": ("problem", "title"),
    "paper": ("paper", "title"),
    "story": ("story", "title"),
    "question": ("question", "text"),
    "topic": ("topic", "name"),
}


def _item_titles(session: Reader, blocks: list[Any]) -> dict[tuple[str, int], str]:
    """Titles of the items that came without one, one query per kind."""
    con = dbapi_connection(session)
    wanted: dict[str, set[int]] = {}
    for b in blocks:
        for item in b.items or []:
            if isinstance(item, dict) and not item.get("title") and isinstance(item.get("ref_id"), int):
                wanted.setdefault(str(item.get("kind")), set()).add(int(item["ref_id"]))
    out: dict[tuple[str, int], str] = {}
    for kind, id_set in wanted.items():
        if kind not in _TITLE_COLUMNS:
            continue
        table, column = _TITLE_COLUMNS[kind]
        ids = list(id_set)
        sql = f"SELECT {table}.id, {table}.{column} FROM {table} WHERE {table}.id IN ({', '.join('?' * len(ids))})"
        for rid, title in con.execute(sql, ids):
            out[(kind, int(rid))] = str(title)
    return out


class _BlockRow(NamedTuple):
    """A study block as read by plain SQL (the fields :func:`_block_line` uses)."""

    id: int
    start_at: datetime
    end_at: datetime
    activity: str
    title: str
    status: str
    items: Any
    round_id: int | None


_BLOCKS_SQL = (
    "SELECT study_block.id, study_block.start_at, study_block.end_at, study_block.activity, study_block.title,"
    " study_block.status, study_block.items, study_block.round_id FROM study_block"
    " WHERE study_block.start_at >= ? AND study_block.start_at < ? ORDER BY study_block.start_at, study_block.id"
)


def _block_rows(con: sqlite3.Connection, lo: datetime, hi: datetime) -> list[_BlockRow]:
    return [
        _BlockRow(
            int(bid),
            parse_db_time(start),  # type: ignore[arg-type]
            parse_db_time(end),  # type: ignore[arg-type]
            activity,
            title,
            status,
            parse_db_json(items),
            round_id,
        )
        for bid, start, end, activity, title, status, items, round_id in con.execute(
            _BLOCKS_SQL, (db_time(lo), db_time(hi))
        )
    ]


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
    " AND NOT EXISTS (SELECT 1 FROM story_question sq WHERE sq.question_id = question.id)),"
    " (SELECT count(*) FROM study_rule WHERE active = 1)"
)


_UPCOMING_SQL = (
    "SELECT round.id, company.name, round.kind, round.scheduled_at"
    " FROM round JOIN company ON company.id = round.company_id"
    " JOIN board_column ON board_column.id = round.column_id"
    " WHERE round.scheduled_at >= ? AND board_column.is_done IS 0 AND round.outcome IS NULL"
    " ORDER BY round.scheduled_at, round.id LIMIT ?"
)
_DUE_FIRST_SQL = (
    "SELECT problem.id, problem.number, problem.title, problem.due_at FROM problem"
    " WHERE problem.due_at <= ? ORDER BY problem.due_at, problem.id LIMIT ?"
)


def summary(db: Database, *, now: datetime | None = None, tz: tzinfo | None = None) -> Summary:
    from tracker.domain.when import week_start as first_day_of_week
    from tracker.services.readiness import readiness_in
    from tracker.services.settings import raw_value

    now = now or datetime.now(UTC)
    zone = _zone(tz, now)
    today = now.astimezone(zone).date()
    day_start = _local_midnight(today, zone)
    day_end = _local_midnight(today + timedelta(days=1), zone)
    at_now = db_time(now)

    with db.raw_read() as con:
        # Every total in one statement (each a count over an index or a small table).
        totals = con.execute(_TOTALS_SQL, (at_now,)).fetchone()
        problems, attempted, due, papers, papers_read, stories, companies = (int(v) for v in totals[:7])
        if not (problems or papers or stories or companies):
            # Nothing to count: the weeks and the activity are zeros (the same shape as with data, for scripts).
            start = first_day_of_week(today, str(raw_value(con, "week.first_day")))
            return Summary(
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                now=now,
                this_week=WeekNumbers(start),
                last_week=WeekNumbers(start - timedelta(days=7)),
                activity=[0] * ACTIVITY_DAYS,
            )
        mastery = {str(level): int(n) for level, n in zip((1, 2, 3, 4), totals[7:11], strict=True) if n}
        behavioral, uncovered, study_rules = int(totals[11]), int(totals[12]), int(totals[13])
        upcoming = [
            (int(rid), name, kind, parse_db_time(at))
            for rid, name, kind, at in con.execute(_UPCOMING_SQL, (at_now, NEXT_ROUNDS))
        ]
        ready = readiness_in(con, [r[0] for r in upcoming], now) if upcoming else {}
        next_rounds = [
            NextRound(
                rid,
                name,
                kind,
                at,
                ready[rid].score if rid in ready else None,
                ready[rid].reasons if rid in ready else (),
            )
            for rid, name, kind, at in upcoming
            if at is not None
        ]
        raw_blocks = _block_rows(con, day_start, day_end)
        titles = _item_titles(con, raw_blocks)
        blocks = [_block_line(b, titles) for b in raw_blocks]
        due_first = [
            DueLine(int(pid), number, title, due_at)
            for pid, number, title, due_at in (
                (pid, number, title, parse_db_time(due_at))
                for pid, number, title, due_at in con.execute(_DUE_FIRST_SQL, (at_now, DUE_FIRST))
            )
            if due_at is not None
        ]
        week_start = first_day_of_week(today, str(raw_value(con, "week.first_day")))
        this_week, last_week = _week_numbers(con, week_start, zone)
        streak, active_today, activity = _streak(con, today, zone)
        weakest = _weakest_patterns(con)
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
        study_rules=study_rules,
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
