"""Study rules, days off and study blocks; (re)planning the blocks from rules, rounds and goals.

How demand is measured (the planner itself is :mod:`tracker.domain.planner`):

Rounds
    Every upcoming round (scheduled after now, in a column that is not done, no outcome yet) asks for
    ``prep hours`` in the ``prep days`` before it (``Round.prep_days``, else the round kind's default from
    data/round_kinds.toml). Prep hours are, unless the setting ``schedule.prep_hours`` (``{kind: hours}``)
    says otherwise, ``prep days × schedule.prep_hours_per_day`` (default 1 h) capped at
    ``schedule.prep_hours_max`` (default 12 h): a coding round 14 days out asks 12 h, a system-design round
    7 h, a behavioral round 3 h. The kind's focus picks the windows and the work:
    coding → due reviews, then new problems tagged with the company, then problems of the weakest patterns;
    system design / ML → to-read papers of the round's topics (RoundTopic → PaperTopic), then the topic pages;
    behavioral → questions no story answers yet, then rehearsals of the least rehearsed stories;
    any (onsite, deep dive, other) → all of these.

Goals
    Due reviews: every problem due in the planned days (FSRS ``due_at``) is planned on its due day (overdue
    ones today), at most ``queue.daily_review_cap`` a day, easy 15 / medium 30 / hard 45 minutes each.
    Weekly targets in minutes: ``goals.papers_minutes_per_week`` (default 180), and
    ``goals.coding_minutes_per_week``, ``goals.behavioral_minutes_per_week``,
    ``goals.system_design_minutes_per_week`` (default 0).

Re-planning keeps done, skipped and pinned blocks and every block that has started; it replaces the future
planned ones, writing only the difference (unchanged blocks keep their ids, so planning twice changes nothing).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, NamedTuple

from tracker.services.base import (
    Database,
    Invalid,
    NotFound,
    clean_text,
    db_time,
    now_utc,
    parse_db_json,
    parse_db_time,
)

if TYPE_CHECKING:
    from sqlmodel import Session

    from tracker.domain.planner import GoalDemand, KeptBlock, RoundDemand, StudyRule, WorkItem

PREP_HOURS_KEY = "schedule.prep_hours"
PREP_HOURS_PER_DAY_KEY = "schedule.prep_hours_per_day"
PREP_HOURS_MAX_KEY = "schedule.prep_hours_max"
DEFAULT_PREP_HOURS_PER_DAY = 1.0
DEFAULT_PREP_HOURS_MAX = 12.0
WEEKLY_GOALS: tuple[tuple[str, str, str, int | None], ...] = (
    # (setting key, focus, block title, default minutes per week; None: the settings registry's default)
    ("goals.papers_minutes_per_week", "papers", "Papers (weekly goal)", None),
    ("goals.coding_minutes_per_week", "coding", "Coding (weekly goal)", 0),
    ("goals.behavioral_minutes_per_week", "behavioral", "Stories (weekly goal)", 0),
    ("goals.system_design_minutes_per_week", "system-design", "System design (weekly goal)", 0),
)
REVIEW_TITLE = "Due reviews"
REVIEW_MINUTES = {"easy": 15, "medium": 30, "hard": 45}
DEFAULT_PROBLEM_MINUTES = 30
PAPER_MINUTES = 45
TOPIC_MINUTES = 30
QUESTION_MINUTES = 15
STORY_MINUTES = 15
MAX_ITEMS = 40
FOCUSES = ("coding", "papers", "behavioral", "system-design", "any")
_TOPIC_AREAS = {
    "system-design": ("system-design",),
    "ml-system-design": ("system-design", "ml-depth"),
    "ml-breadth": ("ml-breadth",),
    "ml-depth": ("ml-depth",),
    "project-deep-dive": ("ml-depth", "system-design"),
}


# --------------------------------------------------------------------------------------------------- rows
@dataclass(frozen=True, slots=True)
class RuleRow:
    id: int
    label: str
    rrule: str
    start_time: str
    minutes: int
    focus: str
    exceptions: list[str] = field(default_factory=list)

    @property
    def days(self) -> str:
        return describe_rrule(self.rrule)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "rrule": self.rrule,
            "start": self.start_time,
            "minutes": self.minutes,
            "focus": self.focus,
            "exceptions": self.exceptions,
        }


@dataclass(frozen=True, slots=True)
class BlockRow:
    id: int
    start: datetime
    end: datetime
    activity: str
    title: str
    status: str
    round_id: int | None
    pinned: bool
    items: list[dict[str, Any]] = field(default_factory=list)
    rule_id: int | None = None

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "activity": self.activity,
            "title": self.title,
            "status": self.status,
            "round_id": self.round_id,
            "items": self.items,
        }


@dataclass(frozen=True, slots=True)
class ShortfallRow:
    """Prep that does not fit before its deadline. Goals (reviews, weekly targets) have no round."""

    round_id: int | None
    company: str
    kind: str
    hours_short: float
    deadline: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "round_id": self.round_id,
            "company": self.company,
            "kind": self.kind,
            "hours_short": self.hours_short,
        }

    def describe(self) -> str:
        when = f" on {self.deadline.astimezone():%a %b %d %H:%M}" if self.deadline else ""
        if self.round_id is None:
            return f"{self.kind}: {self.hours_short:g} h do not fit"
        return f"{self.company} {self.kind}{when}: {self.hours_short:g} h of prep do not fit before it"


@dataclass(frozen=True, slots=True)
class PlanResult:
    start: date
    days: int
    blocks: list[BlockRow]
    shortfalls: list[ShortfallRow]
    goal_shortfalls: list[ShortfallRow]
    added: int
    removed: int
    kept: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)

    def summary(self) -> str:
        from tracker.domain.words import plural

        hours = sum(b.minutes for b in self.blocks) / 60
        return (
            f"{plural(len(self.blocks), 'block')} ({hours:.1f} h) from {self.start:%a %b %d}"
            f" for {plural(self.days, 'day')}: {self.added} added, {self.removed} removed, {self.kept} kept"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "blocks": [b.to_json() for b in self.blocks],
            # Goals (due reviews, weekly targets) too, with no round: round_id null, kind the goal's name.
            "shortfalls": [s.to_json() for s in (*self.shortfalls, *self.goal_shortfalls)],
        }


# --------------------------------------------------------------------------------------------------- helpers
def _zone(tz: tzinfo | None) -> tzinfo:
    if tz is not None:
        return tz
    from tracker.domain.when import local_zone

    return local_zone()


def _midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0, 0)).replace(tzinfo=tz).astimezone(UTC)


_DAY_NAMES = {"MO": "Mon", "TU": "Tue", "WE": "Wed", "TH": "Thu", "FR": "Fri", "SA": "Sat", "SU": "Sun"}


def describe_rrule(rrule: str) -> str:
    """``FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR`` → ``Mon–Fri``; anything unusual comes back as the RRULE."""
    from tracker.domain.rrules import RuleError, parse_rule

    try:
        parsed = parse_rule(rrule)
    except RuleError:
        return rrule
    simple = parsed.interval == 1 and parsed.count is None and parsed.until is None
    simple = simple and not (parsed.bymonthday or parsed.bymonth or parsed.bysetpos)
    if not simple:
        return parsed.to_text()
    if parsed.freq == "DAILY" and not parsed.byday:
        return "every day"
    if parsed.freq not in ("DAILY", "WEEKLY") or not parsed.byday or any(n for n, _ in parsed.byday):
        return parsed.to_text()
    days = sorted(d for _, d in parsed.byday)
    names = list(_DAY_NAMES.values())
    if len(days) == 7:
        return "every day"
    if len(days) >= 3 and days == list(range(days[0], days[-1] + 1)):
        return f"{names[days[0]]}–{names[days[-1]]}"
    return ", ".join(names[d] for d in days)


def _rule_row(r: Any) -> RuleRow:
    return RuleRow(r.id or 0, r.label, r.rrule, r.start_time, r.minutes, r.focus, list(r.exceptions or []))


def _block_row(b: Any) -> BlockRow:
    return BlockRow(
        b.id or 0,
        b.start_at,
        b.end_at,
        b.activity,
        b.title,
        b.status,
        b.round_id,
        b.pinned,
        list(b.items or []),
        b.rule_id,
    )


# --------------------------------------------------------------------------------------------------- rules
def list_rules(db: Database) -> list[RuleRow]:
    with db.raw_read() as con:  # plain SQL: the schedule area's first view needs no ORM
        return [
            RuleRow(rid, label, rrule, start, minutes, focus, list(parse_db_json(exceptions) or []))
            for rid, label, rrule, start, minutes, focus, exceptions in con.execute(
                "SELECT id, label, rrule, start_time, minutes, focus, exceptions FROM study_rule"
                " WHERE active = 1 ORDER BY id"
            )
        ]


def _rule_values(
    *,
    days: str | None,
    rrule: str | None,
    start: str,
    minutes: int,
    focus: str,
) -> tuple[str, str, int, str]:
    from tracker.domain.rrules import RuleError, days_to_rrule, parse_hhmm, validate_rrule

    if bool(days and days.strip()) == bool(rrule and rrule.strip()):
        raise Invalid("give either days (e.g. mon-fri) or an RRULE, not both and not neither")
    try:
        text = days_to_rrule(days) if days and days.strip() else validate_rrule(rrule or "")
        at = parse_hhmm(start)
    except RuleError as exc:
        raise Invalid(str(exc)) from None
    if not 1 <= int(minutes) <= 24 * 60:
        raise Invalid(f"minutes: {minutes} is not 1..1440")
    focus = (focus or "any").strip().lower().replace(" ", "-").replace("_", "-")
    if focus not in FOCUSES:
        raise Invalid(f"focus: {focus!r} is not one of {', '.join(FOCUSES)}")
    return text, f"{at:%H:%M}", int(minutes), focus


def _default_label(rrule: str, start: str, focus: str) -> str:
    what = {"any": "Study", "system-design": "System design"}.get(focus, focus.capitalize())
    return f"{what} {describe_rrule(rrule)} {start}"


def add_rule(
    db: Database,
    *,
    days: str | None = None,
    rrule: str | None = None,
    start: str,
    minutes: int,
    focus: str = "any",
    label: str | None = None,
) -> RuleRow:
    """Add a study rule from days (``mon-fri``, ``mon,wed,sat``) or a raw RRULE. Raises Invalid naming the
    wrong part."""
    from tracker.db.tables import StudyRule

    text, at, length, focus = _rule_values(days=days, rrule=rrule, start=start, minutes=minutes, focus=focus)
    name = clean_text(label) or _default_label(text, at, focus)
    with db.write() as session:
        rule = StudyRule(label=name, rrule=text, start_time=at, minutes=length, focus=focus)
        session.add(rule)
        session.flush()
        return _rule_row(rule)


def update_rule(
    db: Database,
    rule_id: int,
    *,
    days: str | None = None,
    rrule: str | None = None,
    start: str,
    minutes: int,
    focus: str = "any",
    label: str | None = None,
) -> RuleRow:
    from tracker.db.tables import StudyRule

    text, at, length, focus = _rule_values(days=days, rrule=rrule, start=start, minutes=minutes, focus=focus)
    with db.write() as session:
        rule = session.get(StudyRule, rule_id)
        if rule is None or not rule.active:
            raise NotFound(f"no study rule {rule_id}")
        rule.rrule, rule.start_time, rule.minutes, rule.focus = text, at, length, focus
        rule.label = clean_text(label) or _default_label(text, at, focus)
        session.add(rule)
        session.flush()
        return _rule_row(rule)


def remove_rule(db: Database, rule_id: int, *, now: datetime | None = None) -> tuple[RuleRow, int]:
    """Delete a rule and its future planned (not pinned) blocks; returns the rule and how many blocks went.
    Past, done, skipped and pinned blocks stay (their rule becomes empty)."""
    from sqlmodel import col, select

    from tracker.db.tables import StudyBlock, StudyRule

    now = now or now_utc()
    with db.write() as session:
        rule = session.get(StudyRule, rule_id)
        if rule is None or not rule.active:
            raise NotFound(f"no study rule {rule_id}")
        row = _rule_row(rule)
        future = session.exec(
            select(StudyBlock).where(
                StudyBlock.rule_id == rule_id,
                StudyBlock.status == "planned",
                StudyBlock.pinned == False,  # noqa: E712
                col(StudyBlock.start_at) >= now,
            )
        ).all()
        for block in future:
            session.delete(block)
        session.delete(rule)
        return row, len(future)


# --------------------------------------------------------------------------------------------------- days off
def list_days_off(db: Database) -> list[date]:
    with db.raw_read() as con:
        return [date.fromisoformat(day) for (day,) in con.execute("SELECT day FROM day_off ORDER BY day")]


def set_day_off(db: Database, day: date, off: bool = True, note: str | None = None) -> bool:
    """Mark (or unmark) a day off; returns whether the day is off now. Re-plan to apply it."""
    from sqlmodel import select

    from tracker.db.tables import DayOff

    with db.write() as session:
        row = session.exec(select(DayOff).where(DayOff.day == day)).first()
        if off and row is None:
            session.add(DayOff(day=day, note=clean_text(note)))
        elif not off and row is not None:
            session.delete(row)
        return off


# --------------------------------------------------------------------------------------------------- blocks
def list_blocks(db: Database, start: datetime, end: datetime) -> list[BlockRow]:
    with db.raw_read() as con:
        return [
            BlockRow(
                bid,
                _parsed_time(start_at),
                _parsed_time(end_at),
                activity,
                title,
                status,
                round_id,
                bool(pinned),
                list(parse_db_json(items) or []),
                rule_id,
            )
            for bid, start_at, end_at, activity, title, status, round_id, pinned, items, rule_id in con.execute(
                "SELECT id, start_at, end_at, activity, title, status, round_id, pinned, items, rule_id"
                " FROM study_block WHERE start_at >= ? AND start_at < ? ORDER BY start_at, id",
                (db_time(start), db_time(end)),
            )
        ]


def _parsed_time(value: str) -> datetime:
    at = parse_db_time(value)
    assert at is not None  # start_at and end_at are NOT NULL
    return at


def agenda(db: Database, day: date, days: int = 1, *, tz: tzinfo | None = None) -> list[BlockRow]:
    """Blocks that start on the local days ``day .. day + days - 1``, in time order."""
    if days < 1:
        raise Invalid(f"days: {days} must be at least 1")
    zone = _zone(tz)
    return list_blocks(db, _midnight(day, zone), _midnight(day + timedelta(days=days), zone))


def get_block(db: Database, block_id: int) -> BlockRow:
    from tracker.db.tables import StudyBlock

    with db.read() as session:
        block = session.get(StudyBlock, block_id)
        if block is None:
            raise NotFound(f"no study block {block_id}")
        return _block_row(block)


def set_block_status(db: Database, block_id: int, status: str) -> BlockRow:
    """Mark a block done, skipped or planned again."""
    from tracker.db.tables import StudyBlock

    if status not in ("planned", "done", "skipped"):
        raise Invalid(f"status: {status!r} is not planned, done or skipped")
    with db.write() as session:
        block = session.get(StudyBlock, block_id)
        if block is None:
            raise NotFound(f"no study block {block_id}")
        block.status = status
        session.add(block)
        session.flush()
        return _block_row(block)


def set_pinned(db: Database, block_id: int, pinned: bool | None = None) -> BlockRow:
    """Pin (re-planning keeps it) or unpin a block; ``None`` toggles."""
    from tracker.db.tables import StudyBlock

    with db.write() as session:
        block = session.get(StudyBlock, block_id)
        if block is None:
            raise NotFound(f"no study block {block_id}")
        block.pinned = (not block.pinned) if pinned is None else pinned
        session.add(block)
        session.flush()
        return _block_row(block)


def _overlap(session: Session, block: Any, start: datetime, end: datetime) -> Any | None:
    from sqlmodel import col, select

    from tracker.db.tables import StudyBlock

    return session.exec(
        select(StudyBlock)
        .where(
            StudyBlock.id != block.id,
            col(StudyBlock.start_at) < end,
            col(StudyBlock.end_at) > start,
        )
        .order_by(col(StudyBlock.start_at))
    ).first()


def reshape_block(
    db: Database, block_id: int, *, move: int = 0, resize: int = 0, tz: tzinfo | None = None
) -> BlockRow:
    """Move a block by ``move`` minutes and/or change its length by ``resize`` minutes; it becomes pinned.
    Refuses overlapping another block, blocks shorter than 5 minutes, and running past the end of its (local,
    ``tz``) day: it may end at midnight, not after (one that already did may still be shortened)."""
    from tracker.db.tables import StudyBlock

    zone = _zone(tz)
    with db.write() as session:
        block = session.get(StudyBlock, block_id)
        if block is None:
            raise NotFound(f"no study block {block_id}")
        start = block.start_at + timedelta(minutes=move)
        end = block.end_at + timedelta(minutes=move + resize)
        if end - start < timedelta(minutes=5):
            raise Invalid("a block must last at least 5 minutes")
        if end - start > timedelta(hours=24):
            raise Invalid("a block cannot last more than 24 hours")
        day_end = _midnight(start.astimezone(zone).date() + timedelta(days=1), zone)
        if end > day_end and end > block.end_at:
            local = start.astimezone(zone)
            raise Invalid(f"a block cannot run past the end of its day (midnight after {local:%a %d %b})")
        other = _overlap(session, block, start, end)
        if other is not None:
            span = f"{other.start_at.astimezone():%H:%M}–{other.end_at.astimezone():%H:%M}"
            raise Invalid(f"that would overlap block {other.id} ({other.title}, {span})")
        block.start_at, block.end_at, block.pinned = start, end, True
        session.add(block)
        session.flush()
        return _block_row(block)


def move_block(db: Database, block_id: int, minutes: int) -> BlockRow:
    return reshape_block(db, block_id, move=minutes)


def resize_block(db: Database, block_id: int, minutes: int) -> BlockRow:
    return reshape_block(db, block_id, resize=minutes)


# --------------------------------------------------------------------------------------------------- demand
def _number(value: Any, default: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return number if math.isfinite(number) and number >= 0 else default


def _number_setting(session: Session, key: str, default: float | None = None) -> float:
    """A non-negative number setting; ``default`` (for keys the settings registry does not list) else the
    registry's default when it is unset or not such a number."""
    from tracker.services.settings import default_value, read_value

    fallback = float(default_value(key) if default is None else default)
    return _number(read_value(session, key, fallback), fallback)


def prep_hours_for(kind: str, prep_days: int, overrides: dict[str, Any], per_day: float, cap: float) -> float:
    """Hours of prep a round asks for (see the module docstring)."""
    if isinstance(overrides, dict) and kind in overrides:
        return _number(overrides[kind], 0.0)
    return round(min(prep_days * per_day, cap), 2)


def _problem_item(p: Any) -> WorkItem:
    from tracker.domain.planner import WorkItem

    title = f"{p.number}. {p.title}" if p.number is not None else p.title
    return WorkItem("problem", p.id, title, REVIEW_MINUTES.get(p.difficulty or "", DEFAULT_PROBLEM_MINUTES))


class _Problem(NamedTuple):  # a tuple: five thousand of these are built per plan
    id: int
    number: int | None
    title: str
    difficulty: str | None
    due_at: datetime | None
    attempts: int
    mastery: int | None


def _utc(value: Any) -> datetime | None:
    """A stored naive-UTC timestamp (text or datetime) as an aware UTC datetime."""
    if value is None:
        return None
    at = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def _raw(session: Session, sql: str) -> list[Any]:
    """Rows of a plain query on the session's own connection (same transaction), without SQLAlchemy's
    per-row result processing: for the few big reads of a plan (thousands of problems and their tags)."""
    return session.connection().connection.driver_connection.execute(sql).fetchall()  # type: ignore[union-attr]


def _after_nulls(value: Any) -> tuple[bool, Any]:
    return (value is None, value if value is not None else 0)


class _Items:
    """Builds the concrete work lists from a few bulk reads (one session), whatever the number of rounds."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._problems: dict[int, _Problem] | None = None
        self._items: dict[int, WorkItem] = {}
        self._due: list[_Problem] | None = None
        self._company_new: dict[int, list[_Problem]] | None = None
        self._weak: tuple[WorkItem, ...] | None = None
        self._round_topics: dict[int, list[int]] | None = None
        self._topics: dict[int, Any] | None = None
        self._topic_papers: dict[int, list[int]] | None = None
        self._papers: dict[int, Any] | None = None
        self._uncovered: list[Any] | None = None
        self._stories: tuple[WorkItem, ...] | None = None

    # ------------------------------------------------------------------------------------------ problems
    @property
    def problems(self) -> dict[int, _Problem]:
        if self._problems is None:
            # one plain read (no ORM objects): this is the biggest table a plan looks at
            rows = _raw(
                self.session,
                "SELECT id, number, title, difficulty, due_at, attempts_count, mastery FROM problem",
            )
            self._problems = {
                pid: _Problem(pid, number, title, difficulty, _utc(due), attempts or 0, mastery)
                for pid, number, title, difficulty, due, attempts, mastery in rows
            }
        return self._problems

    @property
    def due_sorted(self) -> list[_Problem]:
        """Problems with a due date, soonest first."""
        if self._due is None:
            self._due = sorted(
                (p for p in self.problems.values() if p.due_at is not None),
                key=lambda p: (p.due_at, p.id),
            )
        return self._due

    def item(self, p: _Problem) -> WorkItem:
        found = self._items.get(p.id)
        if found is None:
            found = self._items[p.id] = _problem_item(p)
        return found

    def due(self, until: datetime, limit: int) -> tuple[WorkItem, ...]:
        out: list[WorkItem] = []
        for p in self.due_sorted:
            if p.due_at is None or p.due_at > until or len(out) >= limit:
                break
            out.append(self.item(p))
        return tuple(out)

    def company_new(self, company_id: int, limit: int) -> tuple[WorkItem, ...]:
        if self._company_new is None:
            by_company: dict[int, list[_Problem]] = {}
            problems = self.problems
            for pid, cid in _raw(self.session, "SELECT problem_id, company_id FROM problem_company"):
                p = problems.get(pid)
                if p is not None and p.attempts == 0:
                    by_company.setdefault(cid, []).append(p)
            for rows in by_company.values():
                rows.sort(key=lambda p: (*_after_nulls(p.number), p.id))
            self._company_new = by_company
        return tuple(self.item(p) for p in self._company_new.get(company_id, [])[:limit])

    def weak_patterns(self) -> tuple[WorkItem, ...]:
        """Per weakest pattern (share of weak last ratings), its new problems then its weak ones."""
        if self._weak is None:
            members: dict[int, list[_Problem]] = {}
            problems = self.problems
            for pid, pattern_id in _raw(self.session, "SELECT problem_id, pattern_id FROM problem_pattern"):
                p = problems.get(pid)
                if p is not None:
                    members.setdefault(pattern_id, []).append(p)

            def weakness(pattern_id: int) -> tuple[Any, ...]:
                rows = members[pattern_id]
                tried = [p for p in rows if p.mastery is not None]
                weak = sum(1 for p in tried if p.mastery in (1, 3))
                return (-(weak / len(tried)) if tried else 0.0, not tried, pattern_id)

            items: list[WorkItem] = []
            seen: set[int] = set()
            for pattern_id in sorted(members, key=weakness)[:6]:
                rows = [p for p in members[pattern_id] if p.mastery is None or p.mastery in (1, 3)]
                rows.sort(key=lambda p: (p.mastery is not None, *_after_nulls(p.number), p.id))
                for p in rows[:3]:
                    if p.id not in seen:
                        seen.add(p.id)
                        items.append(_problem_item(p))
            self._weak = tuple(items)
        return self._weak

    def coding(self, company_id: int | None, until: datetime, minutes: int) -> tuple[WorkItem, ...]:
        limit = max(4, min(MAX_ITEMS, minutes // 15 + 2))
        items: list[WorkItem] = list(self.due(until, limit))
        if company_id is not None:
            items += self.company_new(company_id, limit)
        items += self.weak_patterns()
        return _dedupe(items)[:limit]

    # ------------------------------------------------------------------------------------------ topics, papers
    def _load_topics(self) -> None:
        from sqlmodel import col, select

        from tracker.db.tables import Paper, PaperTopic, RoundTopic, Topic

        self._round_topics = {}
        for rid, tid in self.session.exec(select(RoundTopic.round_id, RoundTopic.topic_id)):
            self._round_topics.setdefault(rid, []).append(tid)
        topics: dict[int, Any] = {}
        for row in self.session.exec(select(Topic.id, Topic.name, Topic.area, Topic.last_reviewed_at)):
            assert row[0] is not None  # a row read from the database has an id
            topics[row[0]] = row
        self._topics = topics
        papers: dict[int, Any] = {}
        for paper in self.session.exec(
            select(Paper.id, Paper.title, Paper.status).where(
                col(Paper.status).in_(("to-read", "reading", "revisit"))
            )
        ):
            assert paper[0] is not None
            papers[paper[0]] = paper
        self._papers = papers
        self._topic_papers = {}
        for pid, tid in self.session.exec(select(PaperTopic.paper_id, PaperTopic.topic_id)):
            if pid in self._papers:
                self._topic_papers.setdefault(tid, []).append(pid)

    def _topics_of_area(self, areas: tuple[str, ...], limit: int) -> list[int]:
        if self._topics is None:
            self._load_topics()
        assert self._topics is not None
        rows = [t for t in self._topics.values() if t[2] in areas]
        rows.sort(key=lambda t: (t[3] is not None, t[3] or datetime.min.replace(tzinfo=UTC), t[0]))
        return [t[0] for t in rows[:limit]]

    def topic_ids(self, round_id: int | None, kind: str) -> list[int]:
        if self._round_topics is None:
            self._load_topics()
        assert self._round_topics is not None
        ids = sorted(self._round_topics.get(round_id or -1, []))
        if not ids and kind in _TOPIC_AREAS:
            ids = self._topics_of_area(_TOPIC_AREAS[kind], 8)
        return ids

    def topics(self, topic_ids: list[int], minutes: int) -> tuple[WorkItem, ...]:
        """To-read (and reading) papers of these topics first, then the topic pages, then papers to revisit."""
        from tracker.domain.planner import WorkItem

        if not topic_ids:
            return ()
        if self._topics is None:
            self._load_topics()
        assert self._topics is not None and self._papers is not None and self._topic_papers is not None
        paper_ids = sorted({pid for tid in topic_ids for pid in self._topic_papers.get(tid, [])})
        papers = [self._papers[pid] for pid in paper_ids]
        papers.sort(key=lambda p: (p[2] != "reading", p[2] == "revisit", p[0]))
        limit = max(4, min(MAX_ITEMS, minutes // 15 + 2))
        # only the first ``limit`` items are kept: build no more than that (a topic can have hundreds of papers)
        fresh = [
            WorkItem("paper", p[0], p[1], PAPER_MINUTES)
            for p in [p for p in papers if p[2] != "revisit"][:limit]
        ]
        pages = [
            WorkItem("topic", tid, f"Topic page: {self._topics[tid][1]}", TOPIC_MINUTES)
            for tid in [t for t in sorted(topic_ids) if t in self._topics][: max(0, limit - len(fresh))]
        ]
        left = max(0, limit - len(fresh) - len(pages))
        again = [
            WorkItem("paper", p[0], f"Revisit: {p[1]}", PAPER_MINUTES)
            for p in [p for p in papers if p[2] == "revisit"][:left]
        ]
        return tuple((fresh + pages + again)[:limit])

    def reading_list(self) -> tuple[WorkItem, ...]:
        from tracker.domain.planner import WorkItem

        if self._papers is None:
            self._load_topics()
        assert self._papers is not None
        papers = sorted(
            (p for p in self._papers.values() if p[2] in ("reading", "to-read")),
            key=lambda p: (p[2] != "reading", p[0]),
        )
        return tuple(WorkItem("paper", p[0], p[1], PAPER_MINUTES) for p in papers[:20])

    def design_topics(self) -> tuple[WorkItem, ...]:
        from tracker.domain.planner import WorkItem

        ids = self._topics_of_area(("system-design",), 20)
        assert self._topics is not None
        return tuple(
            WorkItem("topic", tid, f"Topic page: {self._topics[tid][1]}", TOPIC_MINUTES) for tid in ids
        )

    # ------------------------------------------------------------------------------------------ stories
    def behavioral(self, company_id: int | None, minutes: int) -> tuple[WorkItem, ...]:
        """Questions no story answers yet (the company's first), then the least rehearsed stories."""
        from sqlmodel import col, select

        from tracker.db.tables import Question, Story, StoryQuestion
        from tracker.domain.planner import WorkItem

        if self._uncovered is None:
            linked = select(StoryQuestion.question_id)
            self._uncovered = list(
                self.session.exec(
                    select(Question.id, Question.text, Question.company_id)
                    .where(Question.kind == "behavioral", col(Question.id).not_in(linked))
                    .order_by(col(Question.id))
                )
            )
        if self._stories is None:
            stories = self.session.exec(
                select(Story.id, Story.title)
                .order_by(
                    col(Story.last_rehearsed_at).is_not(None),
                    col(Story.last_rehearsed_at),
                    col(Story.strength),
                    col(Story.id),
                )
                .limit(MAX_ITEMS)
            )
            story_items: list[WorkItem] = []
            for sid, title in stories:
                assert sid is not None  # a row read from the database has an id
                story_items.append(WorkItem("story", sid, f"Rehearse: {title}", STORY_MINUTES))
            self._stories = tuple(story_items)
        limit = max(4, min(MAX_ITEMS, minutes // 10 + 2))
        questions = self._uncovered
        if company_id is not None:
            questions = sorted(questions, key=lambda q: (q[2] != company_id, q[0]))
        items = [
            WorkItem("question", qid, text, QUESTION_MINUTES) for qid, text, _ in questions[: limit // 2 + 2]
        ]
        return tuple((items + list(self._stories))[:limit])

    def for_round(
        self, round_id: int, company_id: int, kind: str, focus: str, until: datetime, minutes: int
    ) -> tuple[WorkItem, ...]:
        from dataclasses import replace

        items: list[WorkItem] = []
        if focus in ("coding", "any"):
            items += self.coding(company_id, until, minutes)
        if focus in ("system-design", "papers", "any"):
            topic_work = self.topics(self.topic_ids(round_id, kind), minutes)
            if focus != "any":  # the round's focus decides where its reading goes
                topic_work = tuple(replace(i, focus=focus) for i in topic_work)
            items += topic_work
        if focus in ("behavioral", "any"):
            items += self.behavioral(company_id, minutes)
        return _dedupe(items)

    def for_goal(self, focus: str) -> tuple[WorkItem, ...]:
        if focus == "papers":
            return self.reading_list()
        if focus == "coding":
            return self.weak_patterns()
        if focus == "behavioral":
            return self.behavioral(None, 120)
        return self.design_topics()


def _dedupe(items: list[WorkItem]) -> tuple[WorkItem, ...]:
    seen: set[tuple[str, int]] = set()
    out: list[WorkItem] = []
    for item in items:
        key = (item.kind, item.ref_id)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return tuple(out)


@dataclass
class _Inputs:
    rules: list[StudyRule]
    dates_off: list[date]
    rounds: list[RoundDemand]
    goals: list[GoalDemand]
    kept: list[KeptBlock]
    replaceable: list[Any]


def _study_rules(session: Session, tz: tzinfo) -> list[StudyRule]:
    from sqlmodel import col, select

    from tracker.db.tables import StudyRule as RuleTable
    from tracker.domain.planner import RuleError, StudyRule, parse_hhmm, parse_rule

    rules: list[StudyRule] = []
    for r in session.exec(select(RuleTable).where(RuleTable.active == True).order_by(col(RuleTable.id))):  # noqa: E712
        try:
            parsed = parse_rule(r.rrule)
            at = parse_hhmm(r.start_time)
        except RuleError as exc:
            raise Invalid(f"study rule {r.id} ({r.label}): {exc}") from None
        anchor = None
        if parsed.interval != 1 or parsed.count is not None:
            anchor = r.created_at.astimezone(tz).date()
        exceptions: set[date] = set()
        for text in r.exceptions or []:
            try:
                exceptions.add(date.fromisoformat(str(text)))
            except ValueError:
                continue
        focus = r.focus if r.focus in FOCUSES else "any"
        minutes = min(max(1, int(r.minutes)), 24 * 60)
        rules.append(
            StudyRule(r.id or 0, r.label, r.rrule, at, minutes, focus, frozenset(exceptions), anchor)
        )
    return rules


def _round_demands(
    session: Session, items: _Items, now: datetime, horizon_end: datetime, tz: tzinfo
) -> list[RoundDemand]:
    from sqlmodel import col, select

    from tracker.db.tables import BoardColumn, Company, Round
    from tracker.domain.planner import RoundDemand
    from tracker.services.catalog import round_kinds
    from tracker.services.settings import read_value

    kinds = round_kinds()
    overrides = read_value(session, PREP_HOURS_KEY, {})
    per_day = _number_setting(session, PREP_HOURS_PER_DAY_KEY, DEFAULT_PREP_HOURS_PER_DAY)
    cap = _number_setting(session, PREP_HOURS_MAX_KEY, DEFAULT_PREP_HOURS_MAX)
    stmt = (
        select(Round, Company.name)
        .join(Company, col(Company.id) == Round.company_id)
        .join(BoardColumn, col(BoardColumn.id) == Round.column_id)
        .where(
            col(Round.scheduled_at) > now,
            col(BoardColumn.is_done).is_(False),
            col(Round.outcome).is_(None),
        )
        .order_by(col(Round.scheduled_at), col(Round.id))
    )
    demands: list[RoundDemand] = []
    for rnd, company in session.exec(stmt):
        assert rnd.scheduled_at is not None
        spec = kinds.get(rnd.kind)
        prep_days = rnd.prep_days if rnd.prep_days is not None else (spec.prep_days if spec else 3)
        prep_days = max(0, int(prep_days))
        opens = _midnight(rnd.scheduled_at.astimezone(tz).date() - timedelta(days=prep_days), tz)
        if opens >= horizon_end:
            continue
        hours = prep_hours_for(rnd.kind, prep_days, overrides, per_day, cap)
        if hours <= 0:
            continue
        focus = spec.focus if spec is not None and spec.focus in FOCUSES else "any"
        work = items.for_round(
            rnd.id or 0, rnd.company_id, rnd.kind, focus, rnd.scheduled_at, round(hours * 60)
        )
        demands.append(
            RoundDemand(
                round_id=rnd.id or 0,
                company=company,
                kind=rnd.kind,
                starts_at=rnd.scheduled_at,
                prep_hours=hours,
                prep_days=prep_days,
                focus=focus,
                items=work,
            )
        )
    return demands


def _review_goals(
    session: Session, items: _Items, start_day: date, days: int, tz: tzinfo
) -> list[GoalDemand]:
    """One goal per day: the problems due that day (overdue ones on the first day), capped a day."""

    from tracker.domain.planner import GoalDemand
    from tracker.services.queue import REVIEW_CAP_KEY
    from tracker.services.settings import default_value

    cap = int(_number_setting(session, REVIEW_CAP_KEY)) or int(default_value(REVIEW_CAP_KEY))
    horizon_end = _midnight(start_day + timedelta(days=days), tz)
    due = [p for p in items.due_sorted if p.due_at is not None and p.due_at < horizon_end]
    goals: list[GoalDemand] = []
    index = 0
    backlog: list[Any] = []
    for offset in range(days):
        day = start_day + timedelta(days=offset)
        day_end = _midnight(day + timedelta(days=1), tz)
        # `due` holds only problems with a due date
        while index < len(due) and (due_at := due[index].due_at) is not None and due_at < day_end:
            backlog.append(due[index])
            index += 1
        if not backlog:
            continue
        today, backlog = backlog[:cap], backlog[cap:]
        work = tuple(items.item(p) for p in today)
        goals.append(
            GoalDemand(
                key=f"reviews:{day.isoformat()}",
                label=REVIEW_TITLE,
                focus="coding",
                minutes=sum(w.minutes for w in work),
                start=_midnight(day, tz),
                end=day_end,
                items=work,
            )
        )
    return goals


def _weekly_goals(
    session: Session, items: _Items, start_day: date, days: int, tz: tzinfo
) -> list[GoalDemand]:
    from tracker.domain.planner import weekly_goals
    from tracker.services.settings import read_value

    first_day = str(read_value(session, "week.first_day"))  # the weeks the schedule shows
    goals: list[GoalDemand] = []
    for key, focus, title, default in WEEKLY_GOALS:
        minutes = int(_number_setting(session, key, default))
        if minutes <= 0:
            continue
        goals += weekly_goals(
            f"weekly-{focus}", title, focus, minutes, start_day, days, tz, items.for_goal(focus), first_day
        )
    return goals


def _work_items(raw: Any) -> tuple[WorkItem, ...]:
    from tracker.domain.planner import ITEM_KINDS, WorkItem

    out: list[WorkItem] = []
    for entry in raw or []:
        try:
            if entry.get("kind") in ITEM_KINDS and int(entry.get("minutes") or 0) > 0:
                out.append(
                    WorkItem(
                        entry["kind"],
                        int(entry["ref_id"]),
                        str(entry.get("title", "")),
                        int(entry["minutes"]),
                    )
                )
        except (AttributeError, KeyError, TypeError, ValueError):
            continue
    return tuple(out)


def _gather(session: Session, *, now: datetime, start_day: date, days: int, tz: tzinfo) -> _Inputs:
    from sqlmodel import col, select

    from tracker.db.tables import DayOff, StudyBlock
    from tracker.domain.planner import KeptBlock, prep_window

    horizon_end = _midnight(start_day + timedelta(days=days), tz)
    items = _Items(session)
    rules = _study_rules(session, tz)
    dates_off = list(session.exec(select(col(DayOff.day))))
    rounds = _round_demands(session, items, now, horizon_end, tz)
    goals = _review_goals(session, items, start_day, days, tz) + _weekly_goals(
        session, items, start_day, days, tz
    )

    earliest = _midnight(start_day, tz)
    for r in rounds:
        earliest = min(earliest, prep_window(r, tz)[0])
    round_ids = {r.round_id for r in rounds}
    goals_by_label: dict[str, list[GoalDemand]] = {}
    for g in goals:
        goals_by_label.setdefault(g.label, []).append(g)

    kept: list[KeptBlock] = []
    replaceable: list[Any] = []
    for b in session.exec(
        select(StudyBlock)
        .where(col(StudyBlock.end_at) > earliest)
        .order_by(col(StudyBlock.start_at), col(StudyBlock.id))
    ):
        if b.status == "planned" and not b.pinned and now <= b.start_at < horizon_end:
            replaceable.append(b)
            continue
        # Planned blocks after the days being planned stay as they are (a plan of the next 3 days keeps next
        # week's), and count like pinned ones towards what their round or goal still needs.
        if b.start_at < _midnight(start_day, tz) and b.round_id not in round_ids:
            if b.end_at <= now:
                continue  # history before the planned days that no demand counts
        status = "pinned" if b.status == "planned" else b.status
        goal_key = None
        if b.round_id is None:
            goal_key = next(
                (g.key for g in goals_by_label.get(b.title, ()) if g.start <= b.start_at < g.end), None
            )
        kept.append(
            KeptBlock(
                b.start_at,
                b.end_at,
                status,
                b.round_id if b.round_id in round_ids else None,
                goal_key,
                _work_items(b.items),
            )
        )
    return _Inputs(rules, dates_off, rounds, goals, kept, replaceable)


def _signature(
    start: datetime,
    end: datetime,
    rule_id: int | None,
    round_id: int | None,
    activity: str,
    title: str,
    items: list[dict[str, Any]],
) -> tuple[Any, ...]:
    return (
        start.astimezone(UTC).replace(tzinfo=None),
        end.astimezone(UTC).replace(tzinfo=None),
        rule_id,
        round_id,
        activity,
        title,
        json.dumps(items, sort_keys=True),
    )


def _item_dicts(items: tuple[WorkItem, ...]) -> list[dict[str, Any]]:
    return [{"kind": i.kind, "ref_id": i.ref_id, "title": i.title, "minutes": i.minutes} for i in items]


def replan(
    db: Database,
    *,
    start: date | None = None,
    days: int = 14,
    now: datetime | None = None,
    tz: tzinfo | None = None,
    dry_run: bool = False,
) -> PlanResult:
    """(Re)plan study blocks for the local days ``start .. start + days - 1`` (default: from today).

    Never plans before ``now``. Keeps done, skipped, pinned and started blocks; every other future planned
    block is replaced, writing only the difference, in one transaction. ``dry_run`` computes the same result
    without writing (for shortfalls on the dashboard)."""
    from tracker.domain.planner import RuleError, plan

    if not 1 <= days <= 3660:
        raise Invalid(f"days: {days} is not 1..3660")
    zone = _zone(tz)
    now = (now or now_utc()).astimezone(UTC)
    today = now.astimezone(zone).date()
    start = start or today
    if start + timedelta(days=days) <= today:
        last = start + timedelta(days=days - 1)
        raise Invalid(
            f"{start:%a %d %b} – {last:%a %d %b} is in the past: only today and later days are planned"
        )
    plan_now = max(now, _midnight(start, zone))
    start_day = plan_now.astimezone(zone).date()
    # keep the horizon's last day where the caller asked it to be
    span = max(1, (start + timedelta(days=days) - start_day).days)
    horizon_end = _midnight(start_day + timedelta(days=span), zone)

    def compute(session: Session) -> tuple[Any, _Inputs]:
        inputs = _gather(session, now=plan_now, start_day=start_day, days=span, tz=zone)
        try:
            result = plan(
                inputs.rules,
                now=plan_now,
                days=span,
                tz=zone,
                dates_off=inputs.dates_off,
                kept=inputs.kept,
                rounds=inputs.rounds,
                goals=inputs.goals,
            )
        except RuleError as exc:
            raise Invalid(str(exc)) from None
        return result, inputs

    added = removed = 0
    if dry_run:
        with db.read() as session:
            result, inputs = compute(session)
    else:
        from tracker.db.tables import StudyBlock

        with db.write() as session:
            result, inputs = compute(session)
            old: dict[tuple[Any, ...], list[Any]] = {}
            for b in inputs.replaceable:
                sig = _signature(
                    b.start_at, b.end_at, b.rule_id, b.round_id, b.activity, b.title, list(b.items or [])
                )
                old.setdefault(sig, []).append(b)
            for pb in result.blocks:
                items = _item_dicts(pb.items)
                sig = _signature(pb.start, pb.end, pb.rule_id, pb.round_id, pb.focus, pb.title, items)
                if old.get(sig):
                    old[sig].pop(0)
                    continue
                session.add(
                    StudyBlock(
                        rule_id=pb.rule_id,
                        round_id=pb.round_id,
                        start_at=pb.start,
                        end_at=pb.end,
                        activity=pb.focus,
                        title=pb.title,
                        items=items,
                        status="planned",
                        pinned=False,
                    )
                )
                added += 1
            for rows in old.values():
                for b in rows:
                    session.delete(b)
                    removed += 1
    if dry_run:
        blocks = [
            BlockRow(
                0,
                b.start,
                b.end,
                b.focus,
                b.title,
                "planned",
                b.round_id,
                False,
                _item_dicts(b.items),
                b.rule_id,
            )
            for b in result.blocks
        ]
    else:
        blocks = list_blocks(db, _midnight(start_day, zone), horizon_end)
    round_by_id = {r.round_id: r for r in inputs.rounds}
    shortfalls = [
        ShortfallRow(s.round_id, s.company, s.kind, s.hours_short, round_by_id[s.round_id].starts_at)
        for s in result.shortfalls
        if s.round_id is not None
    ]
    goal_short: dict[str, float] = {}
    for s in result.shortfalls:
        if s.round_id is None:
            goal_short[s.kind] = goal_short.get(s.kind, 0.0) + s.hours_short
    goal_shortfalls = [ShortfallRow(None, "", kind, round(hours, 2)) for kind, hours in goal_short.items()]
    kept_count = sum(1 for b in blocks if b.status != "planned" or b.pinned or b.start < plan_now)
    return PlanResult(start_day, span, blocks, shortfalls, goal_shortfalls, added, removed, kept_count)


# --------------------------------------------------------------------------------------------------- calendar
@dataclass(frozen=True, slots=True)
class RoundEntry:
    id: int
    company: str
    kind: str
    label: str
    start: datetime
    minutes: int
    prepare: str | None
    outcome: str | None


def calendar_entries(db: Database) -> tuple[list[BlockRow], list[RoundEntry]]:
    """Every study block that was not skipped and every round with a time, for calendar export."""
    from sqlmodel import col, select

    from tracker.db.tables import Company, Round, StudyBlock
    from tracker.services.catalog import round_kinds

    kinds = round_kinds()
    with db.read() as session:
        blocks = [
            _block_row(b)
            for b in session.exec(
                select(StudyBlock)
                .where(StudyBlock.status != "skipped")
                .order_by(col(StudyBlock.start_at), col(StudyBlock.id))
            )
        ]
        rounds: list[RoundEntry] = []
        for r, company in session.exec(
            select(Round, Company.name)
            .join(Company, col(Company.id) == Round.company_id)
            .where(col(Round.scheduled_at).is_not(None))
            .order_by(col(Round.scheduled_at), col(Round.id))
        ):
            assert r.scheduled_at is not None  # the query keeps only rounds with a time
            rounds.append(
                RoundEntry(
                    r.id or 0,
                    company,
                    r.kind,
                    kinds[r.kind].label if r.kind in kinds else r.kind,
                    r.scheduled_at,
                    r.duration_minutes or (kinds[r.kind].duration if r.kind in kinds else 60),
                    r.prepare,
                    r.outcome,
                )
            )
    return blocks, rounds
