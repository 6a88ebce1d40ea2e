"""The study scheduler: availability (recurring study rules) + demand (rounds, reviews, goals) → study blocks.

Pure and deterministic: the same inputs always give the same :class:`Plan`; nothing reads the clock.

Availability
    Each :class:`StudyRule` recurs on days given by an RRULE and starts at a local wall-clock time, so 07:00
    stays 07:00 local across a DST change (a start inside a spring-forward gap moves forward with the clock).
    :func:`windows` expands the rules into concrete UTC :class:`Window` s, skipping rule exceptions and global
    days off.

Demand
    :class:`RoundDemand` — prep for an interview round: ``prep_hours`` in total, only from local midnight
    ``prep_days`` days before the round's local date up to the round's start (see :func:`prep_window`).
    :class:`GoalDemand` — any other time target with its own ``[start, end)`` window: due reviews (focus
    coding, e.g. until tomorrow), weekly targets (:func:`weekly_goals`, e.g. papers 3 h a week).
    Done and pinned kept blocks count towards the demand they belong to; skipped ones do not.

Algorithm (earliest deadline first, greedy, chronological)
    Windows are visited in time order. Each window's free time (minus kept and already placed blocks, and
    not before ``now``) is filled from its start: among the demands that can use it — remaining time left,
    focus compatible with the rule, window open, at least :data:`MIN_BLOCK_MINUTES` usable before the demand's
    deadline — the one with the earliest deadline wins and gets ``min(usable time, remaining)``. Demand
    that does not fit before its deadline is reported as a :class:`Shortfall` (only for deadlines inside
    the planned horizon; later demand may still be planned after the horizon).

    Feeding a plan's blocks back as pinned/done kept blocks and planning again adds nothing; keeping any
    chronological prefix of the plan re-creates exactly the rest (re-plan stability).

    Cost is O(windows × active demands); demands are activated/retired as time advances.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal

from tracker.domain.rrules import (
    ParsedRule,
    RuleError,
    days_to_rrule,
    parse_days,
    parse_hhmm,
    parse_rule,
    rule_dates,
    validate_rrule,
)
from tracker.domain.when import week_start

__all__ = [
    "FOCUSES",
    "ITEM_KINDS",
    "KIND_FOCUS",
    "MIN_BLOCK_MINUTES",
    "GoalDemand",
    "KeptBlock",
    "Plan",
    "PlannedBlock",
    "RoundDemand",
    "RuleError",
    "Shortfall",
    "StudyRule",
    "Window",
    "WorkItem",
    "days_to_rrule",
    "fits",
    "parse_days",
    "parse_hhmm",
    "parse_rule",
    "plan",
    "prep_window",
    "validate_rrule",
    "weekly_goals",
    "windows",
]

Focus = Literal["coding", "papers", "behavioral", "system-design", "any"]
ItemKind = Literal["problem", "paper", "story", "question", "topic"]
BlockStatus = Literal["done", "skipped", "pinned"]

FOCUSES: tuple[str, ...] = ("coding", "papers", "behavioral", "system-design", "any")
ITEM_KINDS: tuple[str, ...] = ("problem", "paper", "story", "question", "topic")
KIND_FOCUS: dict[str, str] = {
    "problem": "coding",
    "paper": "papers",
    "story": "behavioral",
    "question": "behavioral",
    "topic": "system-design",
}
FOCUS_TITLES: dict[str, str] = {
    "coding": "Coding",
    "papers": "Papers",
    "behavioral": "Behavioral",
    "system-design": "System design",
    "any": "",
}
MIN_BLOCK_MINUTES = 15
"""Shortest block the planner opens (a demand's last piece may be shorter)."""


def _check_focus(focus: str) -> None:
    if focus not in FOCUSES:
        raise ValueError(f"focus: {focus!r} is not one of {', '.join(FOCUSES)}")


def _aware(name: str, at: datetime) -> None:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")


def fits(rule_focus: str, work_focus: str) -> bool:
    """Whether work of ``work_focus`` may go into time of ``rule_focus`` ("any" on either side fits)."""
    return rule_focus == "any" or work_focus == "any" or rule_focus == work_focus


# --------------------------------------------------------------------------------------------------
# Inputs


@dataclass(frozen=True, slots=True)
class StudyRule:
    """Recurring study time: ``minutes`` from ``start_time`` (local) on the days of ``rrule``.

    ``anchor`` is the rule's first day (DTSTART): INTERVAL and COUNT count from it. Pass the date the rule
    was created so that e.g. ``INTERVAL=2`` keeps its rhythm; ``None`` uses the first planned day.
    """

    id: int
    label: str
    rrule: str
    start_time: time
    minutes: int
    focus: str = "any"
    exceptions: frozenset[date] = frozenset()
    anchor: date | None = None

    def __post_init__(self) -> None:
        _check_focus(self.focus)
        if not 0 < self.minutes <= 24 * 60:
            raise ValueError(f"rule {self.label!r}: minutes must be 1..1440, not {self.minutes}")


@dataclass(frozen=True, slots=True)
class WorkItem:
    """A concrete thing to do in a block. ``focus`` defaults from ``kind`` (:data:`KIND_FOCUS`)."""

    kind: str
    ref_id: int
    title: str
    minutes: int = 30
    focus: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in ITEM_KINDS:
            raise ValueError(f"work item kind: {self.kind!r} is not one of {', '.join(ITEM_KINDS)}")
        if self.minutes <= 0:
            raise ValueError(f"work item {self.title!r}: minutes must be positive")
        if self.focus is not None:
            _check_focus(self.focus)

    @property
    def effective_focus(self) -> str:
        return self.focus or KIND_FOCUS[self.kind]


@dataclass(frozen=True, slots=True)
class RoundDemand:
    """Prep wanted for one interview round (one demand per round)."""

    round_id: int
    company: str
    kind: str
    starts_at: datetime
    prep_hours: float
    prep_days: int
    focus: str = "any"
    items: tuple[WorkItem, ...] = ()

    def __post_init__(self) -> None:
        _check_focus(self.focus)
        _aware("starts_at", self.starts_at)
        if self.prep_hours < 0 or self.prep_days < 0:
            raise ValueError(f"round {self.round_id}: prep hours and days must not be negative")


@dataclass(frozen=True, slots=True)
class GoalDemand:
    """A time target inside ``[start, end)``: due reviews, a weekly papers goal, a topic to cover."""

    key: str
    label: str
    focus: str
    minutes: int
    start: datetime
    end: datetime
    items: tuple[WorkItem, ...] = ()

    def __post_init__(self) -> None:
        _check_focus(self.focus)
        _aware("start", self.start)
        _aware("end", self.end)
        if self.minutes < 0:
            raise ValueError(f"goal {self.key!r}: minutes must not be negative")


@dataclass(frozen=True, slots=True)
class KeptBlock:
    """A block the planner must not touch. It occupies its time whatever its status; done and pinned
    blocks also count towards their round or goal."""

    start: datetime
    end: datetime
    status: str = "pinned"
    round_id: int | None = None
    goal_key: str | None = None
    items: tuple[WorkItem, ...] = ()

    def __post_init__(self) -> None:
        _aware("start", self.start)
        _aware("end", self.end)
        if self.status not in ("done", "skipped", "pinned"):
            raise ValueError(f"kept block status: {self.status!r} is not done, skipped or pinned")

    @property
    def counts(self) -> bool:
        return self.status != "skipped"


# --------------------------------------------------------------------------------------------------
# Outputs


@dataclass(frozen=True, slots=True)
class Window:
    """One concrete occurrence of a study rule, in UTC."""

    start: datetime
    end: datetime
    rule_id: int
    focus: str
    local_date: date


@dataclass(frozen=True, slots=True)
class PlannedBlock:
    start: datetime
    end: datetime
    rule_id: int
    focus: str
    title: str
    items: tuple[WorkItem, ...] = ()
    round_id: int | None = None
    goal_key: str | None = None

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    def as_kept(self, status: str = "pinned") -> KeptBlock:
        return KeptBlock(self.start, self.end, status, self.round_id, self.goal_key, self.items)


@dataclass(frozen=True, slots=True)
class Shortfall:
    """Demand that could not be placed before its deadline. Goals have ``round_id=None``."""

    round_id: int | None
    company: str
    kind: str
    hours_short: float
    goal_key: str | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    blocks: list[PlannedBlock] = field(default_factory=list)
    shortfalls: list[Shortfall] = field(default_factory=list)


# --------------------------------------------------------------------------------------------------
# Availability


def _local(day: date, at: time, tz: tzinfo) -> datetime:
    return datetime.combine(day, at).replace(tzinfo=tz).astimezone(UTC)


def windows(
    rules: Sequence[StudyRule],
    start_date: date,
    days: int,
    tz: tzinfo,
    dates_off: Collection[date] = (),
) -> list[Window]:
    """Concrete UTC windows for local dates ``start_date .. start_date + days - 1``, sorted by
    ``(start, rule_id)``. Raises :class:`RuleError` (prefixed with the rule's label) for a bad RRULE."""
    off = frozenset(dates_off)
    end_date = start_date + timedelta(days=max(0, days))
    result: list[Window] = []
    for rule in rules:
        parsed = _parse(rule)
        for day in rule_dates(parsed, rule.anchor or start_date, start_date, end_date):
            if day in off or day in rule.exceptions:
                continue
            start = _local(day, rule.start_time, tz)
            result.append(Window(start, start + timedelta(minutes=rule.minutes), rule.id, rule.focus, day))
    result.sort(key=lambda w: (w.start, w.rule_id, w.end))
    return result


def _parse(rule: StudyRule) -> ParsedRule:
    try:
        return parse_rule(rule.rrule)
    except RuleError as exc:
        raise RuleError(f"rule {rule.label!r}: {exc}") from None


def prep_window(round_: RoundDemand, tz: tzinfo) -> tuple[datetime, datetime]:
    """``[local midnight prep_days days before the round's local date, round start)`` in UTC."""
    local_day = round_.starts_at.astimezone(tz).date()
    opens = _local(local_day - timedelta(days=round_.prep_days), time(0, 0), tz)
    return min(opens, round_.starts_at.astimezone(UTC)), round_.starts_at.astimezone(UTC)


def weekly_goals(
    key: str,
    label: str,
    focus: str,
    minutes_per_week: int,
    start_date: date,
    days: int,
    tz: tzinfo,
    items: tuple[WorkItem, ...] = (),
    first_day: str = "monday",
) -> list[GoalDemand]:
    """One :class:`GoalDemand` per week touching ``start_date .. start_date + days - 1`` (local), the weeks
    starting on ``first_day`` (the person's ``week.first_day``: Monday, ISO weeks, or Sunday). Keyed
    ``f"{key}:{year}-W{week:02}"`` for ISO weeks, ``f"{key}:{sunday}"`` (its first day) for Sunday weeks. The first
    week, if partial, asks for the pro-rated share."""
    goals: list[GoalDemand] = []
    begins = week_start(start_date, first_day)
    end_date = start_date + timedelta(days=days)
    while begins < end_date:
        first = max(begins, start_date)
        share = (7 - (first - begins).days) / 7
        if begins.weekday() == 0:
            year, week, _ = begins.isocalendar()
            name = f"{year}-W{week:02}"
        else:
            name = begins.isoformat()
        goals.append(
            GoalDemand(
                key=f"{key}:{name}",
                label=label,
                focus=focus,
                minutes=round(minutes_per_week * share),
                start=_local(first, time(0, 0), tz),
                end=_local(begins + timedelta(days=7), time(0, 0), tz),
                items=items,
            )
        )
        begins += timedelta(days=7)
    return goals


# --------------------------------------------------------------------------------------------------
# Planning


class _Demand:
    """Mutable planning state of one demand (internal)."""

    __slots__ = ("deadline", "earliest", "focus", "goal", "items", "order", "remaining", "round")

    def __init__(
        self,
        order: tuple[datetime, int, str],
        earliest: datetime,
        deadline: datetime,
        focus: str,
        remaining: int,
        items: tuple[WorkItem, ...],
        round_: RoundDemand | None,
        goal: GoalDemand | None,
    ) -> None:
        self.order = order
        self.earliest = earliest
        self.deadline = deadline
        self.focus = focus
        self.remaining = remaining
        self.items = items
        self.round = round_
        self.goal = goal

    def title(self, focus: str) -> str:
        if self.goal is not None:
            return self.goal.label
        assert self.round is not None
        what = f"{self.round.company} {self.round.kind}".strip()
        prefix = FOCUS_TITLES.get(focus, "")
        return f"{prefix} prep: {what}" if prefix else f"Prep: {what}"

    def shortfall(self) -> Shortfall:
        hours = round(self.remaining / 60, 2)
        if self.round is not None:
            return Shortfall(self.round.round_id, self.round.company, self.round.kind, hours)
        assert self.goal is not None
        return Shortfall(None, "", self.goal.label, hours, goal_key=self.goal.key)


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _build_demands(
    rounds: Sequence[RoundDemand], goals: Sequence[GoalDemand], kept: Sequence[KeptBlock], tz: tzinfo
) -> list[_Demand]:
    round_ids = [r.round_id for r in rounds]
    if len(set(round_ids)) != len(round_ids):
        raise ValueError("each round may appear only once in the demand")
    goal_keys = [g.key for g in goals]
    if len(set(goal_keys)) != len(goal_keys):
        raise ValueError("each goal key may appear only once in the demand")
    done_round: dict[int, int] = {}
    for block in kept:
        if block.counts and block.round_id is not None:
            done_round[block.round_id] = done_round.get(block.round_id, 0) + _minutes(block.end - block.start)
    demands: list[_Demand] = []
    for r in rounds:
        opens, deadline = prep_window(r, tz)
        wanted = round(r.prep_hours * 60) - done_round.get(r.round_id, 0)
        demands.append(
            _Demand(
                (deadline, 0, str(r.round_id)), opens, deadline, r.focus, max(0, wanted), r.items, r, None
            )
        )
    for g in goals:
        start, end = g.start.astimezone(UTC), g.end.astimezone(UTC)
        done = sum(
            _minutes(b.end - b.start)
            for b in kept
            if b.counts and b.goal_key == g.key and start <= b.start.astimezone(UTC) < end
        )
        demands.append(
            _Demand((end, 1, g.key), start, end, g.focus, max(0, g.minutes - done), g.items, None, g)
        )
    return demands


def _merge(intervals: Iterable[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _pick_items(
    demand: _Demand, focus: str, minutes: int, used: dict[tuple[str, int], int]
) -> tuple[WorkItem, ...]:
    candidates = [
        (used.get((item.kind, item.ref_id), 0), index, item)
        for index, item in enumerate(demand.items)
        if fits(focus, item.effective_focus) and (focus != "any" or fits(demand.focus, item.effective_focus))
    ]
    candidates.sort(key=lambda c: (c[0], c[1]))
    chosen: list[WorkItem] = []
    total = 0
    for _, _, item in candidates:
        if chosen and total + item.minutes > minutes:
            continue
        chosen.append(item)
        total += item.minutes
        if total >= minutes:
            break
    for item in chosen:
        used[(item.kind, item.ref_id)] = used.get((item.kind, item.ref_id), 0) + 1
    return tuple(chosen)


def plan(
    rules: Sequence[StudyRule],
    *,
    now: datetime,
    days: int,
    tz: tzinfo,
    dates_off: Collection[date] = (),
    kept: Sequence[KeptBlock] = (),
    rounds: Sequence[RoundDemand] = (),
    goals: Sequence[GoalDemand] = (),
    min_block_minutes: int = MIN_BLOCK_MINUTES,
) -> Plan:
    """Plan study blocks for the local days ``now.date() .. + days - 1`` (see the module docstring).

    Blocks come back sorted by start; shortfalls sorted by deadline. Raises :class:`RuleError` for a bad
    rule and ``ValueError`` for inconsistent input (duplicate round ids or goal keys, naive datetimes).
    """
    _aware("now", now)
    now = now.astimezone(UTC)
    start_date = now.astimezone(tz).date()
    horizon_end = _local(start_date + timedelta(days=max(0, days)), time(0, 0), tz)
    min_block = timedelta(minutes=max(1, min_block_minutes))
    rule_focus = {r.id: r.focus for r in rules}

    busy = _merge((b.start.astimezone(UTC), b.end.astimezone(UTC)) for b in kept)
    busy_starts = [s for s, _ in busy]
    busy_ends = [e for _, e in busy]

    demands = _build_demands(rounds, goals, kept, tz)
    pending = sorted((d for d in demands if d.remaining > 0), key=lambda d: (d.earliest, d.order))
    next_pending = 0
    active: list[_Demand] = []  # sorted by deadline order (EDF)

    used: dict[tuple[str, int], int] = {}
    for block in kept:
        for item in block.items:
            used[(item.kind, item.ref_id)] = used.get((item.kind, item.ref_id), 0) + 1

    blocks: list[PlannedBlock] = []
    for window in windows(rules, start_date, days, tz, dates_off):
        if window.end <= now:
            continue
        # activate demands whose prep has opened before this window ends; retire finished ones
        while next_pending < len(pending) and pending[next_pending].earliest < window.end:
            demand = pending[next_pending]
            bisect.insort(active, demand, key=lambda d: d.order)
            next_pending += 1
        active = [d for d in active if d.remaining > 0 and d.deadline - window.start >= min_block]
        if not active:
            continue
        focus_of_rule = rule_focus[window.rule_id]
        usable = [d for d in active if fits(focus_of_rule, d.focus)]
        if not usable:
            continue

        # free pieces of the window
        pieces: list[tuple[datetime, datetime]] = []
        cursor = max(window.start, now)
        index = bisect.bisect_right(busy_ends, cursor)
        while index < len(busy_starts) and busy_starts[index] < window.end:
            if busy_starts[index] > cursor:
                pieces.append((cursor, busy_starts[index]))
            cursor = max(cursor, busy_ends[index])
            index += 1
        if cursor < window.end:
            pieces.append((cursor, window.end))

        for piece_start, piece_end in pieces:
            t = piece_start
            while piece_end - t >= min_block:
                chosen: _Demand | None = None
                for demand in usable:
                    if (
                        demand.remaining > 0
                        and demand.earliest <= t
                        and min(piece_end, demand.deadline) - t >= min_block
                    ):
                        chosen = demand
                        break
                if chosen is None:
                    later = [
                        d.earliest
                        for d in usable
                        if d.remaining > 0
                        and t < d.earliest
                        and min(piece_end, d.deadline) - d.earliest >= min_block
                    ]
                    if not later:
                        break
                    t = min(later)
                    continue
                length = min(_minutes(min(piece_end, chosen.deadline) - t), chosen.remaining)
                end = t + timedelta(minutes=length)
                block_focus = focus_of_rule if focus_of_rule != "any" else chosen.focus
                blocks.append(
                    PlannedBlock(
                        start=t,
                        end=end,
                        rule_id=window.rule_id,
                        focus=block_focus,
                        title=chosen.title(block_focus),
                        items=_pick_items(chosen, block_focus, length, used),
                        round_id=chosen.round.round_id if chosen.round is not None else None,
                        goal_key=chosen.goal.key if chosen.goal is not None else None,
                    )
                )
                chosen.remaining -= length
                at = bisect.bisect_left(busy_starts, t)
                busy_starts.insert(at, t)
                busy_ends.insert(at, end)
                t = end

    shortfalls = [
        d.shortfall()
        for d in sorted(demands, key=lambda d: d.order)
        if d.remaining > 0 and now < d.deadline <= horizon_end
    ]
    blocks.sort(key=lambda b: (b.start, b.rule_id))
    return Plan(blocks=blocks, shortfalls=shortfalls)
