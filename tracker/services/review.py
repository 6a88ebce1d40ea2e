"""The weekly review: records of an ISO week (and the week before, and the week after) from indexed range
queries, turned into :class:`tracker.domain.review.WeeklyReview` plus a few extras the domain leaves out
(mastery changes, weakest patterns, stories written)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from tracker.services.base import Database, Invalid

if TYPE_CHECKING:
    from tracker.domain.mastery import Mastery
    from tracker.domain.review import WeeklyReview
    from tracker.services.dashboard import WeakPattern

_WEEK = re.compile(r"^\s*(\d{4})-?[Ww](\d{1,2})\s*$")


@dataclass(frozen=True, slots=True)
class MasteryChange:
    problem: str
    before: Mastery | None
    after: Mastery

    @property
    def direction(self) -> str:
        if self.before is None:
            return "new"
        return "up" if self.after > self.before else "down" if self.after < self.before else "same"

    def to_json(self) -> dict[str, Any]:
        return {
            "problem": self.problem,
            "before": self.before.slug if self.before is not None else None,
            "after": self.after.slug,
            "direction": self.direction,
        }


@dataclass(frozen=True, slots=True)
class WeekReport:
    """The domain review and the extras, ready for the exporters."""

    review: WeeklyReview
    mastery_changes: list[MasteryChange] = field(default_factory=list)
    weakest_patterns: list[WeakPattern] = field(default_factory=list)
    stories_written: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.review.label


def parse_week(text: str) -> tuple[int, int]:
    """``2026-W47`` (or ``2026W47``, ``2026-w7``) → ``(2026, 47)``; a one-line error otherwise."""
    m = _WEEK.match(text or "")
    if not m:
        raise Invalid(f"cannot read {text!r} as an ISO week (use YYYY-Www, e.g. 2026-W47)")
    year, week = int(m.group(1)), int(m.group(2))
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        last = date(year, 12, 28).isocalendar()[1]
        raise Invalid(f"{year} has ISO weeks 1..{last} (got {week})") from None
    return year, week


def local_zone() -> tzinfo:
    from tracker.domain.when import local_zone as zone

    return zone()


def _midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time()).replace(tzinfo=tz).astimezone(UTC)


def week_report(db: Database, year: int, week: int, *, tz: tzinfo | None = None) -> WeekReport:
    """Everything the weekly review of ISO week ``week`` of ``year`` (local weeks in ``tz``) shows."""
    from sqlalchemy import func
    from sqlmodel import col, select

    from tracker.db.tables import (
        Attempt,
        Company,
        Paper,
        Problem,
        Rehearsal,
        Round,
        RoundEvent,
        Story,
        StudyBlock,
    )
    from tracker.domain.mastery import Mastery
    from tracker.domain.review import (
        AttemptRecord,
        BlockRecord,
        PaperRecord,
        RehearsalRecord,
        RoundEventRecord,
        UpcomingRound,
        build_weekly_review,
        iso_week_bounds,
    )
    from tracker.services.dashboard import _weakest_patterns

    zone = tz or local_zone()
    try:
        start, end = iso_week_bounds(year, week, zone)
    except ValueError as exc:
        raise Invalid(str(exc)) from None
    monday = date.fromisocalendar(year, week, 1)
    prev_start = _midnight(monday - timedelta(days=7), zone)
    next_end = _midnight(monday + timedelta(days=14), zone)

    with db.read() as session:
        attempts = [
            AttemptRecord(
                at=at,
                problem_title=title,
                rating=Mastery(rating),
                gist=gist or "",
                problem_number=number,
                minutes=minutes,
            )
            for at, title, rating, gist, number, minutes in session.exec(
                # sqlmodel types select() for at most 4 columns; this one has more
                select(  # type: ignore[call-overload]
                    Attempt.at, Problem.title, Attempt.rating, Problem.gist, Problem.number, Attempt.minutes
                )
                .join(Problem, col(Problem.id) == Attempt.problem_id)
                .where(col(Attempt.at) >= prev_start, col(Attempt.at) < end)
                .order_by(col(Attempt.at), col(Attempt.id))
            )
        ]
        papers = [
            PaperRecord(read_at=_midnight(read_on, zone), title=title, tldr=tldr or "")
            for read_on, title, tldr in session.exec(
                select(col(Paper.read_on), Paper.title, col(Paper.tldr))
                .where(
                    col(Paper.read_on) >= monday - timedelta(days=7),
                    col(Paper.read_on) < monday + timedelta(days=7),
                    col(Paper.status).in_(("read", "revisit")),
                )
                .order_by(col(Paper.read_on), col(Paper.id))
            )
            if read_on is not None
        ]
        rehearsals = [
            RehearsalRecord(at=at, story_title=title)
            for at, title in session.exec(
                select(Rehearsal.at, Story.title)
                .join(Story, col(Story.id) == Rehearsal.story_id)
                .where(col(Rehearsal.at) >= prev_start, col(Rehearsal.at) < end)
                .order_by(col(Rehearsal.at), col(Rehearsal.id))
            )
        ]
        events = [
            RoundEventRecord(
                at=at, company=company, kind=kind, to_column=to or "", from_column=frm, outcome=outcome
            )
            for at, company, kind, to, frm, outcome in session.exec(
                # sqlmodel types select() for at most 4 columns; this one has more
                select(  # type: ignore[call-overload]
                    RoundEvent.at,
                    Company.name,
                    Round.kind,
                    RoundEvent.to_column,
                    RoundEvent.from_column,
                    RoundEvent.outcome,
                )
                .join(Round, col(Round.id) == RoundEvent.round_id)
                .join(Company, col(Company.id) == Round.company_id)
                .where(col(RoundEvent.at) >= prev_start, col(RoundEvent.at) < end)
                .order_by(col(RoundEvent.at), col(RoundEvent.id))
            )
        ]
        blocks = [
            BlockRecord(start=s, end=e, title=title or activity, status=status, focus=activity)
            for s, e, title, status, activity in session.exec(
                # sqlmodel types select() for at most 4 columns; this one has more
                select(  # type: ignore[call-overload]
                    StudyBlock.start_at,
                    StudyBlock.end_at,
                    StudyBlock.title,
                    StudyBlock.status,
                    StudyBlock.activity,
                )
                .where(col(StudyBlock.start_at) >= prev_start, col(StudyBlock.start_at) < next_end)
                .order_by(col(StudyBlock.start_at), col(StudyBlock.id))
            )
        ]
        rounds = [
            UpcomingRound(starts_at=at, company=company, kind=kind)
            for at, company, kind in session.exec(
                select(Round.scheduled_at, Company.name, Round.kind)
                .join(Company, col(Company.id) == Round.company_id)
                .where(col(Round.scheduled_at) >= end, col(Round.scheduled_at) < next_end)
                .order_by(col(Round.scheduled_at), col(Round.id))
            )
            if at is not None
        ]

        # Mastery changes: each problem attempted this week, its rating before the week → its last one in it.
        week_last: dict[int, tuple[str, int]] = {}
        for pid, title, number, rating in session.exec(
            select(Attempt.problem_id, Problem.title, Problem.number, Attempt.rating)
            .join(Problem, col(Problem.id) == Attempt.problem_id)
            .where(col(Attempt.at) >= start, col(Attempt.at) < end)
            .order_by(col(Attempt.at), col(Attempt.id))
        ):
            week_last[int(pid)] = (f"{number}. {title}" if number is not None else title, int(rating))
        before: dict[int, int] = {}
        if week_last:
            latest = (
                select(Attempt.problem_id, func.max(Attempt.at).label("last_at"))
                .where(col(Attempt.problem_id).in_(list(week_last)), col(Attempt.at) < start)
                .group_by(col(Attempt.problem_id))
                .subquery()
            )
            for pid, rating in session.exec(
                select(Attempt.problem_id, Attempt.rating).join(
                    latest,
                    (latest.c.problem_id == Attempt.problem_id) & (latest.c.last_at == Attempt.at),
                )
            ):
                before[int(pid)] = int(rating)
        changes = [
            MasteryChange(name, Mastery(before[pid]) if pid in before else None, Mastery(after))
            for pid, (name, after) in week_last.items()
            if before.get(pid) != after
        ]
        changes.sort(key=lambda c: ({"up": 0, "new": 1, "down": 2}.get(c.direction, 3), c.problem.lower()))
        weakest = _weakest_patterns(session)
        written = [
            str(t)
            for t in session.exec(
                select(Story.title)
                .where(col(Story.created_at) >= start, col(Story.created_at) < end)
                .order_by(col(Story.created_at), col(Story.id))
            )
        ]

    review = build_weekly_review(
        year,
        week,
        zone,
        attempts=attempts,
        papers=papers,
        rehearsals=rehearsals,
        round_events=events,
        blocks=blocks,
        rounds=rounds,
    )
    return WeekReport(
        review=review, mastery_changes=changes, weakest_patterns=weakest, stories_written=written
    )


def week_of(at: datetime, tz: tzinfo | None = None) -> tuple[int, int]:
    """The local ISO week holding ``at``."""
    from tracker.domain.review import iso_week_of

    return iso_week_of(at, tz or local_zone())


def default_filename(year: int, week: int, fmt: str) -> str:
    ext = {"md": "md", "html": "html", "json": "json"}[fmt]
    return f"prep-week-{year}-W{week:02d}.{ext}"
