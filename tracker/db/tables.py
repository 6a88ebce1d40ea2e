"""Every table of prep, in one file.

Conventions:
- datetimes are stored as naive UTC and come back timezone-aware (``UTCDateTime``);
- enumerations are plain strings guarded by CHECK constraints (the allowed values live in ``tracker.domain.enums``
  semantics but are repeated here as literals so the schema is self-describing);
- names that must be unique "case-insensitively" use ``COLLATE NOCASE``;
- every foreign key is declared, with ``ON DELETE`` chosen on purpose: children that only make sense with their parent
  cascade, references that are informative are set to NULL, and board columns refuse deletion while they hold rounds.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

# Named constraints let Alembic's batch mode on SQLite find and alter them later.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROUND_KINDS = (
    "recruiter",
    "hiring-manager",
    "phone-screen",
    "coding",
    "ml-coding",
    "system-design",
    "ml-system-design",
    "ml-breadth",
    "ml-depth",
    "project-deep-dive",
    "behavioral",
    "take-home",
    "team-match",
    "onsite",
    "other",
)
DIFFICULTIES = ("easy", "medium", "hard")
OUTCOMES = ("passed", "failed", "pending")
PAPER_STATUSES = ("to-read", "reading", "read", "revisit")
COMPANY_STATUSES = ("active", "offer", "rejected", "withdrawn", "paused")
COMPANY_SOURCES = ("referral", "recruiter", "cold-message", "applied", "other")
TOPIC_AREAS = ("coding", "system-design", "ml-breadth", "ml-depth", "behavioral", "other")
QUESTION_KINDS = ("behavioral", "technical")
FOCUSES = ("coding", "papers", "behavioral", "system-design", "any")
BLOCK_STATUSES = ("planned", "done", "skipped")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC, returns aware UTC. Naive input is taken to be UTC already."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def _in(column: str, values: tuple[str, ...], nullable: bool = False) -> str:
    allowed = ", ".join(f"'{v}'" for v in values)
    check = f"{column} IN ({allowed})"
    return f"{column} IS NULL OR {check}" if nullable else check


def _dt(*, index: bool = False, nullable: bool = True) -> Any:
    return Field(default=None, sa_type=UTCDateTime, index=index, nullable=nullable)


def _created() -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


def _nocase(*, unique: bool = False) -> Any:
    return Field(sa_type=sa.String(collation="NOCASE"), unique=unique, nullable=False)


def _fk(target: str, ondelete: str, *, nullable: bool = True, index: bool = True) -> Any:
    return Field(
        default=None,
        sa_column_args=[sa.ForeignKey(target, ondelete=ondelete)],
        sa_type=sa.Integer,
        nullable=nullable,
        index=index,
    )


def _json(default: Any) -> Any:
    return Field(default_factory=default, sa_type=sa.JSON, nullable=False)


# --------------------------------------------------------------------------------------------------------- pipeline
class Company(SQLModel, table=True):
    __tablename__ = "company"
    __table_args__ = (
        sa.CheckConstraint(_in("status", COMPANY_STATUSES), name="ck_company_status"),
        sa.CheckConstraint(_in("source", COMPANY_SOURCES, nullable=True), name="ck_company_source"),
    )
    id: int | None = Field(default=None, primary_key=True)
    name: str = _nocase(unique=True)
    role: str | None = None
    level: str | None = None
    team: str | None = None
    source: str | None = None
    status: str = Field(default="active")
    values: str | None = Field(
        default=None, description="company values or leadership principles, one per line"
    )
    notes: str | None = None
    created_at: datetime = _created()


class BoardColumn(SQLModel, table=True):
    __tablename__ = "board_column"
    id: int | None = Field(default=None, primary_key=True)
    name: str = _nocase(unique=True)
    position: int = Field(default=0, nullable=False)
    is_done: bool = Field(default=False, nullable=False)


class Round(SQLModel, table=True):
    __tablename__ = "round"
    __table_args__ = (
        sa.CheckConstraint(_in("kind", ROUND_KINDS), name="ck_round_kind"),
        sa.CheckConstraint(_in("outcome", OUTCOMES, nullable=True), name="ck_round_outcome"),
        sa.CheckConstraint("position >= 0", name="ck_round_position"),
        sa.Index("ix_round_column_position", "column_id", "position"),
    )
    id: int | None = Field(default=None, primary_key=True)
    company_id: int = _fk("company.id", "CASCADE", nullable=False)
    kind: str = Field(nullable=False)
    column_id: int = _fk("board_column.id", "RESTRICT", nullable=False, index=False)
    position: int = Field(default=0, nullable=False)
    scheduled_at: datetime | None = _dt(index=True)
    duration_minutes: int | None = None
    prep_days: int | None = None
    interviewer: str | None = None
    prepare: str | None = None
    notes: str | None = None
    outcome: str | None = None
    feedback: str | None = None
    created_at: datetime = _created()
    updated_at: datetime = _created()


class RoundEvent(SQLModel, table=True):
    """A move of a round on the board, kept for the weekly review's pipeline changes."""

    __tablename__ = "round_event"
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = _fk("round.id", "CASCADE", nullable=False)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False, index=True)
    from_column: str | None = None
    to_column: str | None = None
    outcome: str | None = None


# --------------------------------------------------------------------------------------------------------- problems
class Problem(SQLModel, table=True):
    __tablename__ = "problem"
    __table_args__ = (
        sa.CheckConstraint(_in("difficulty", DIFFICULTIES, nullable=True), name="ck_problem_difficulty"),
        sa.CheckConstraint("mastery IS NULL OR mastery BETWEEN 1 AND 4", name="ck_problem_mastery"),
    )
    id: int | None = Field(default=None, primary_key=True)
    number: int | None = Field(default=None, unique=True)
    slug: str | None = Field(default=None, unique=True)
    title: str = Field(nullable=False, index=True)
    url: str | None = None
    difficulty: str | None = None
    gist: str | None = None
    notes: str | None = None
    mastery: int | None = Field(default=None, index=True)
    card: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON, nullable=True)
    due_at: datetime | None = _dt(index=True)
    attempts_count: int = Field(default=0, nullable=False)
    last_attempt_at: datetime | None = _dt()
    created_at: datetime = _created()
    updated_at: datetime = _created()
    # What the problems filter searches: title, gist and tag names, lowercased. Kept by triggers (migration 0002);
    # never written by the app.
    search_text: str = Field(default="", nullable=False, sa_column_kwargs={"server_default": ""})


class Attempt(SQLModel, table=True):
    __tablename__ = "attempt"
    __table_args__ = (
        sa.CheckConstraint("rating BETWEEN 1 AND 4", name="ck_attempt_rating"),
        # covering for the week's numbers by rating and by problem (migration 0003)
        sa.Index("ix_attempt_at_rating_problem", "at", "rating", "problem_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    problem_id: int = _fk("problem.id", "CASCADE", nullable=False)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False, index=True)
    rating: int = Field(nullable=False)
    minutes: int | None = None
    note: str | None = None


class Pattern(SQLModel, table=True):
    __tablename__ = "pattern"
    id: int | None = Field(default=None, primary_key=True)
    name: str = _nocase(unique=True)


class ProblemList(SQLModel, table=True):
    __tablename__ = "problem_list"
    id: int | None = Field(default=None, primary_key=True)
    name: str = _nocase(unique=True)
    slug: str | None = Field(default=None, unique=True)


class ProblemPattern(SQLModel, table=True):
    __tablename__ = "problem_pattern"
    problem_id: int = Field(
        sa_column_args=[sa.ForeignKey("problem.id", ondelete="CASCADE")], primary_key=True, sa_type=sa.Integer
    )
    pattern_id: int = Field(
        sa_column_args=[sa.ForeignKey("pattern.id", ondelete="CASCADE")],
        primary_key=True,
        sa_type=sa.Integer,
        index=True,
    )


class ProblemListItem(SQLModel, table=True):
    __tablename__ = "problem_list_item"
    problem_id: int = Field(
        sa_column_args=[sa.ForeignKey("problem.id", ondelete="CASCADE")], primary_key=True, sa_type=sa.Integer
    )
    list_id: int = Field(
        sa_column_args=[sa.ForeignKey("problem_list.id", ondelete="CASCADE")],
        primary_key=True,
        sa_type=sa.Integer,
        index=True,
    )
    position: int = Field(default=0, nullable=False)


class ProblemCompany(SQLModel, table=True):
    __tablename__ = "problem_company"
    problem_id: int = Field(
        sa_column_args=[sa.ForeignKey("problem.id", ondelete="CASCADE")], primary_key=True, sa_type=sa.Integer
    )
    company_id: int = Field(
        sa_column_args=[sa.ForeignKey("company.id", ondelete="CASCADE")],
        primary_key=True,
        sa_type=sa.Integer,
        index=True,
    )


# ------------------------------------------------------------------------------------------- papers, topics, Q&A
class Topic(SQLModel, table=True):
    __tablename__ = "topic"
    __table_args__ = (sa.CheckConstraint(_in("area", TOPIC_AREAS), name="ck_topic_area"),)
    id: int | None = Field(default=None, primary_key=True)
    name: str = _nocase(unique=True)
    area: str = Field(default="other", nullable=False)
    notes: str | None = None
    last_reviewed_at: datetime | None = _dt()
    created_at: datetime = _created()


class Paper(SQLModel, table=True):
    __tablename__ = "paper"
    __table_args__ = (sa.CheckConstraint(_in("status", PAPER_STATUSES), name="ck_paper_status"),)
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(nullable=False, index=True)
    authors: str | None = None
    year: int | None = None
    venue: str | None = None
    url: str | None = None
    arxiv_id: str | None = Field(default=None, unique=True)
    domain: str | None = None
    status: str = Field(default="to-read", nullable=False, index=True)
    tldr: str | None = None
    notes: str | None = None
    read_on: date | None = Field(default=None, index=True)
    created_at: datetime = _created()
    updated_at: datetime = _created()


class PaperTopic(SQLModel, table=True):
    __tablename__ = "paper_topic"
    paper_id: int = Field(
        sa_column_args=[sa.ForeignKey("paper.id", ondelete="CASCADE")], primary_key=True, sa_type=sa.Integer
    )
    topic_id: int = Field(
        sa_column_args=[sa.ForeignKey("topic.id", ondelete="CASCADE")],
        primary_key=True,
        sa_type=sa.Integer,
        index=True,
    )


class RoundTopic(SQLModel, table=True):
    __tablename__ = "round_topic"
    round_id: int = Field(
        sa_column_args=[sa.ForeignKey("round.id", ondelete="CASCADE")], primary_key=True, sa_type=sa.Integer
    )
    topic_id: int = Field(
        sa_column_args=[sa.ForeignKey("topic.id", ondelete="CASCADE")],
        primary_key=True,
        sa_type=sa.Integer,
        index=True,
    )


class Question(SQLModel, table=True):
    __tablename__ = "question"
    __table_args__ = (
        sa.CheckConstraint(_in("kind", QUESTION_KINDS), name="ck_question_kind"),
        sa.CheckConstraint("confidence IS NULL OR confidence BETWEEN 1 AND 5", name="ck_question_confidence"),
    )
    id: int | None = Field(default=None, primary_key=True)
    text: str = _nocase(unique=True)
    kind: str = Field(default="behavioral", nullable=False, index=True)
    competency: str | None = None
    answer: str | None = None
    confidence: int | None = None
    topic_id: int | None = _fk("topic.id", "SET NULL")
    company_id: int | None = _fk("company.id", "SET NULL")
    round_id: int | None = _fk("round.id", "SET NULL")
    created_at: datetime = _created()


class Story(SQLModel, table=True):
    __tablename__ = "story"
    __table_args__ = (sa.CheckConstraint("strength BETWEEN 1 AND 5", name="ck_story_strength"),)
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(nullable=False)
    situation: str = Field(default="", nullable=False)
    task: str = Field(default="", nullable=False)
    action: str = Field(default="", nullable=False)
    result: str = Field(default="", nullable=False)
    tags: list[str] = _json(list)
    strength: int = Field(default=3, nullable=False)
    rehearsals: int = Field(default=0, nullable=False)
    last_rehearsed_at: datetime | None = _dt()
    created_at: datetime = _created()
    updated_at: datetime = _created()


class Rehearsal(SQLModel, table=True):
    __tablename__ = "rehearsal"
    id: int | None = Field(default=None, primary_key=True)
    story_id: int = _fk("story.id", "CASCADE", nullable=False)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False, index=True)
    seconds: int | None = None


class StoryQuestion(SQLModel, table=True):
    __tablename__ = "story_question"
    story_id: int = Field(
        sa_column_args=[sa.ForeignKey("story.id", ondelete="CASCADE")], primary_key=True, sa_type=sa.Integer
    )
    question_id: int = Field(
        sa_column_args=[sa.ForeignKey("question.id", ondelete="CASCADE")],
        primary_key=True,
        sa_type=sa.Integer,
        index=True,
    )
    is_best: bool = Field(default=False, nullable=False)


# --------------------------------------------------------------------------------------------------------- schedule
class StudyRule(SQLModel, table=True):
    __tablename__ = "study_rule"
    __table_args__ = (
        sa.CheckConstraint(_in("focus", FOCUSES), name="ck_rule_focus"),
        sa.CheckConstraint("minutes > 0", name="ck_rule_minutes"),
    )
    id: int | None = Field(default=None, primary_key=True)
    label: str = Field(default="", nullable=False)
    rrule: str = Field(nullable=False)
    start_time: str = Field(nullable=False, description="HH:MM local time")
    minutes: int = Field(nullable=False)
    focus: str = Field(default="any", nullable=False)
    exceptions: list[str] = _json(list)
    active: bool = Field(default=True, nullable=False)
    created_at: datetime = _created()


class DayOff(SQLModel, table=True):
    __tablename__ = "day_off"
    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(unique=True, nullable=False)
    note: str | None = None


class StudyBlock(SQLModel, table=True):
    __tablename__ = "study_block"
    __table_args__ = (
        sa.CheckConstraint(_in("status", BLOCK_STATUSES), name="ck_block_status"),
        sa.CheckConstraint(_in("activity", FOCUSES), name="ck_block_activity"),
        sa.CheckConstraint("end_at > start_at", name="ck_block_span"),
    )
    id: int | None = Field(default=None, primary_key=True)
    rule_id: int | None = _fk("study_rule.id", "SET NULL")
    round_id: int | None = _fk("round.id", "SET NULL")
    start_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
    end_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    activity: str = Field(default="any", nullable=False)
    title: str = Field(default="", nullable=False)
    items: list[dict[str, Any]] = _json(list)
    status: str = Field(default="planned", nullable=False, index=True)
    pinned: bool = Field(default=False, nullable=False)
    created_at: datetime = _created()


class Setting(SQLModel, table=True):
    __tablename__ = "setting"
    key: str = Field(primary_key=True)
    value: Any = Field(default=None, sa_type=sa.JSON, nullable=True)


metadata = SQLModel.metadata
