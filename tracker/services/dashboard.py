"""The dashboard's numbers, from aggregates and indexed queries only (no table is loaded whole)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from tracker.services.base import Database


@dataclass(frozen=True, slots=True)
class NextRound:
    id: int
    company: str
    kind: str
    scheduled_at: datetime


@dataclass(frozen=True, slots=True)
class BlockLine:
    id: int
    start_at: datetime
    end_at: datetime
    activity: str
    title: str
    status: str


@dataclass(frozen=True, slots=True)
class DueLine:
    id: int
    number: int | None
    title: str
    due_at: datetime


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

    @property
    def empty(self) -> bool:
        return not (self.problems or self.papers or self.stories or self.companies)


def summary(db: Database, *, now: datetime | None = None) -> Summary:
    from sqlalchemy import func
    from sqlmodel import col, select

    from tracker.db.tables import Company, Paper, Problem, Round, Story, StudyBlock

    now = now or datetime.now(UTC)
    local = now.astimezone()
    day_start = local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)
    day_end = day_start + timedelta(days=1)

    def count(stmt: Any) -> int:
        return int(session.exec(stmt).one())

    with db.read() as session:
        problems = count(select(func.count()).select_from(Problem))
        attempted = count(select(func.count()).select_from(Problem).where(col(Problem.mastery).is_not(None)))
        due = count(select(func.count()).select_from(Problem).where(col(Problem.due_at) <= now))
        papers = count(select(func.count()).select_from(Paper))
        papers_read = count(select(func.count()).select_from(Paper).where(Paper.status == "read"))
        stories = count(select(func.count()).select_from(Story))
        companies = count(select(func.count()).select_from(Company))
        mastery = {
            str(level): int(n)
            for level, n in session.exec(
                select(Problem.mastery, func.count())
                .where(col(Problem.mastery).is_not(None))
                .group_by(Problem.mastery)
            )
        }
        next_rounds = [
            NextRound(r.id or 0, name, r.kind, r.scheduled_at)
            for r, name in session.exec(
                select(Round, Company.name)
                .join(Company, col(Company.id) == Round.company_id)
                .where(col(Round.scheduled_at) >= now)
                .order_by(Round.scheduled_at)
                .limit(5)
            )
            if r.scheduled_at is not None
        ]
        blocks = [
            BlockLine(b.id or 0, b.start_at, b.end_at, b.activity, b.title, b.status)
            for b in session.exec(
                select(StudyBlock)
                .where(col(StudyBlock.start_at) >= day_start, col(StudyBlock.start_at) < day_end)
                .order_by(StudyBlock.start_at)
            )
        ]
        due_first = [
            DueLine(p.id or 0, p.number, p.title, p.due_at)
            for p in session.exec(
                select(Problem).where(col(Problem.due_at) <= now).order_by(Problem.due_at).limit(5)
            )
            if p.due_at is not None
        ]
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
    )
