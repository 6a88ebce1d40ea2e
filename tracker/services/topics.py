"""Topic pages: one page of notes per topic or round kind, what links to it, and when it was last reviewed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from tracker.services.base import Conflict, Database, Invalid, NotFound, clean_text, now_utc

if TYPE_CHECKING:
    from sqlmodel import Session

    from tracker.services.undo import Removed

STALE_DAYS_KEY = "topics.stale_days"
DEFAULT_STALE_DAYS = 14
AREA_LABELS = {
    "coding": "Coding",
    "system-design": "System design",
    "ml-breadth": "ML breadth",
    "ml-depth": "ML depth",
    "behavioral": "Behavioral",
    "other": "Other",
}


@dataclass(frozen=True, slots=True)
class TopicRow:
    id: int
    name: str
    area: str
    last_reviewed_at: datetime | None
    stale: bool
    papers: int = 0
    questions: int = 0
    rounds: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "area": self.area,
            "last_reviewed_at": self.last_reviewed_at.isoformat() if self.last_reviewed_at else None,
            "stale": self.stale,
            "papers": self.papers,
            "questions": self.questions,
            "rounds": self.rounds,
        }


@dataclass(frozen=True, slots=True)
class LinkedPaper:
    id: int
    title: str
    status: str
    year: int | None


@dataclass(frozen=True, slots=True)
class LinkedQuestion:
    id: int
    text: str
    kind: str
    confidence: int | None


@dataclass(frozen=True, slots=True)
class LinkedRound:
    id: int
    company: str
    kind: str
    scheduled_at: datetime | None


@dataclass(frozen=True, slots=True)
class TopicPage:
    topic: TopicRow
    notes: str
    papers: list[LinkedPaper] = field(default_factory=list)
    questions: list[LinkedQuestion] = field(default_factory=list)
    rounds: list[LinkedRound] = field(default_factory=list)


def normalize_area(area: str | None) -> str:
    from tracker.db.tables import TOPIC_AREAS

    if area is None or not area.strip():
        return "other"
    value = area.strip().lower().replace(" ", "-").replace("_", "-")
    if value not in TOPIC_AREAS:
        raise Invalid(f"area must be one of {', '.join(TOPIC_AREAS)} (got {area!r})")
    return value


def is_stale(last_reviewed_at: datetime | None, now: datetime, days: int) -> bool:
    """Never reviewed, or last reviewed more than `days` days ago."""
    return last_reviewed_at is None or now - last_reviewed_at > timedelta(days=days)


def stale_days(db: Database) -> int:
    from tracker.services.settings import get_value

    value = get_value(db, STALE_DAYS_KEY)
    return value if isinstance(value, int) and value > 0 else DEFAULT_STALE_DAYS


def set_stale_days(db: Database, days: int) -> int:
    from tracker.services.settings import update_settings

    if days < 1:
        raise Invalid("stale after must be at least 1 day")
    update_settings(db, {STALE_DAYS_KEY: str(days)})
    return days


def topic_ids(session: Session, names: Iterable[str], *, create: bool = True) -> list[int]:
    """Ids of the named topics (case-insensitive), creating missing ones (area "other") when `create`."""
    from sqlmodel import select

    from tracker.db.tables import Topic

    out: list[int] = []
    for raw in names:
        name = clean_text(raw)
        if not name:
            continue
        topic = session.exec(select(Topic).where(Topic.name == name)).first()
        if topic is None:
            if not create:
                raise NotFound(f"no topic named {name!r}")
            topic = Topic(name=name, area="other")
            session.add(topic)
            session.flush()
        if topic.id not in out:
            out.append(topic.id or 0)
    return out


def _counts(session: Session) -> tuple[dict[int, int], dict[int, int], dict[int, int]]:
    from sqlalchemy import func
    from sqlmodel import col, select

    from tracker.db.tables import PaperTopic, Question, RoundTopic

    papers = dict(session.exec(select(PaperTopic.topic_id, func.count()).group_by(PaperTopic.topic_id)).all())  # type: ignore[arg-type]
    questions: dict[int, int] = dict(
        session.exec(
            select(Question.topic_id, func.count())  # type: ignore[arg-type]
            .where(col(Question.topic_id).is_not(None))
            .group_by(col(Question.topic_id))
        ).all()
    )
    rounds = dict(session.exec(select(RoundTopic.topic_id, func.count()).group_by(RoundTopic.topic_id)).all())  # type: ignore[arg-type]
    return papers, questions, rounds


def _row(t: Any, now: datetime, days: int, counts: tuple[dict[int, int], ...] | None = None) -> TopicRow:
    papers, questions, rounds = counts or ({}, {}, {})
    tid = t.id or 0
    return TopicRow(
        id=tid,
        name=t.name,
        area=t.area,
        last_reviewed_at=t.last_reviewed_at,
        stale=is_stale(t.last_reviewed_at, now, days),
        papers=papers.get(tid, 0),
        questions=questions.get(tid, 0),
        rounds=rounds.get(tid, 0),
    )


def add_topic(
    db: Database, name: str, *, area: str | None = None, notes: str | None = None, now: datetime | None = None
) -> TopicRow:
    from sqlmodel import select

    from tracker.db.tables import Topic

    clean = clean_text(name, field_name="topic name", required=True) or ""
    value = normalize_area(area)
    days = stale_days(db)
    with db.write() as session:
        if session.exec(select(Topic.id).where(Topic.name == clean)).first() is not None:
            raise Conflict(f"topic {clean!r} already exists")
        topic = Topic(name=clean, area=value, notes=clean_text(notes))
        session.add(topic)
        session.flush()
        return _row(topic, now or now_utc(), days)


def list_topics(db: Database, *, area: str | None = None, now: datetime | None = None) -> list[TopicRow]:
    from sqlmodel import select

    from tracker.db.tables import Topic

    days = stale_days(db)
    moment = now or now_utc()
    stmt = select(Topic).order_by(Topic.name)
    if area:
        stmt = stmt.where(Topic.area == normalize_area(area))
    with db.read() as session:
        counts = _counts(session)
        return [_row(t, moment, days, counts) for t in session.exec(stmt)]


def find_topic(db: Database, ref: str | int) -> TopicRow:
    """A topic by id or by name (case-insensitive)."""
    from sqlmodel import select

    from tracker.db.tables import Topic

    days = stale_days(db)
    with db.read() as session:
        topic = None
        if isinstance(ref, int) or str(ref).strip().isdigit():
            topic = session.get(Topic, int(ref))
        if topic is None:
            topic = session.exec(select(Topic).where(Topic.name == str(ref).strip())).first()
        if topic is None:
            raise NotFound(f"no topic {ref!r}")
        return _row(topic, now_utc(), days, _counts(session))


def topic_page(db: Database, topic_id: int, *, now: datetime | None = None) -> TopicPage:
    from sqlmodel import col, select

    from tracker.db.tables import Company, Paper, PaperTopic, Question, Round, RoundTopic, Topic

    days = stale_days(db)
    with db.read() as session:
        topic = session.get(Topic, topic_id)
        if topic is None:
            raise NotFound(f"no topic with id {topic_id}")
        papers = [
            LinkedPaper(p.id or 0, p.title, p.status, p.year)
            for p in session.exec(
                select(Paper)
                .join(PaperTopic, col(PaperTopic.paper_id) == Paper.id)
                .where(PaperTopic.topic_id == topic_id)
                .order_by(Paper.title)
            )
        ]
        questions = [
            LinkedQuestion(q.id or 0, q.text, q.kind, q.confidence)
            for q in session.exec(
                select(Question).where(Question.topic_id == topic_id).order_by(Question.text)
            )
        ]
        rounds = [
            LinkedRound(r.id or 0, name, r.kind, r.scheduled_at)
            for r, name in session.exec(
                select(Round, Company.name)
                .join(RoundTopic, col(RoundTopic.round_id) == Round.id)
                .join(Company, col(Company.id) == Round.company_id)
                .where(RoundTopic.topic_id == topic_id)
                .order_by(col(Round.scheduled_at).is_(None), col(Round.scheduled_at))
            )
        ]
        counts = ({topic_id: len(papers)}, {topic_id: len(questions)}, {topic_id: len(rounds)})
        row = _row(topic, now or now_utc(), days, counts)
        return TopicPage(
            topic=row, notes=topic.notes or "", papers=papers, questions=questions, rounds=rounds
        )


def update_topic(
    db: Database, topic_id: int, *, name: str | None = None, area: str | None = None
) -> TopicRow:
    from sqlmodel import col, select

    from tracker.db.tables import Topic

    clean = clean_text(name, field_name="topic name", required=True) if name is not None else None
    value = normalize_area(area) if area is not None else None
    days = stale_days(db)
    with db.write() as session:
        topic = session.get(Topic, topic_id)
        if topic is None:
            raise NotFound(f"no topic with id {topic_id}")
        if clean is not None and clean != topic.name:
            clash = session.exec(
                select(Topic.id).where(Topic.name == clean, col(Topic.id) != topic_id)
            ).first()
            if clash is not None:
                raise Conflict(f"topic {clean!r} already exists")
            topic.name = clean
        if value is not None:
            topic.area = value
        session.add(topic)
        session.flush()
        return _row(topic, now_utc(), days)


def save_topic_notes(db: Database, topic_id: int, notes: str) -> None:
    from tracker.db.tables import Topic

    with db.write() as session:
        topic = session.get(Topic, topic_id)
        if topic is None:
            raise NotFound(f"no topic with id {topic_id}")
        topic.notes = clean_text(notes)
        session.add(topic)


def mark_reviewed(db: Database, topic_id: int, *, now: datetime | None = None) -> TopicRow:
    from tracker.db.tables import Topic

    days = stale_days(db)
    moment = now or now_utc()
    with db.write() as session:
        topic = session.get(Topic, topic_id)
        if topic is None:
            raise NotFound(f"no topic with id {topic_id}")
        topic.last_reviewed_at = moment
        session.add(topic)
        session.flush()
        return _row(topic, moment, days)


def delete_topic(db: Database, topic_id: int) -> None:
    """Delete a topic; its links to papers and rounds go with it, questions keep their text without a topic."""
    with db.write() as session:
        _delete_topic(session, topic_id)


def remove_topic(db: Database, topic_id: int) -> Removed:
    """:func:`delete_topic`, keeping what it removes so that :func:`tracker.services.undo.restore` can put it back
    (its notes, its links, and the topic of the questions that had it)."""
    from tracker.services.undo import deleting

    return deleting(db, "topic", topic_id, lambda session: _delete_topic(session, topic_id), "topic")


def _delete_topic(session: Session, topic_id: int) -> str:
    from tracker.db.tables import Topic

    topic = session.get(Topic, topic_id)
    if topic is None:
        raise NotFound(f"no topic with id {topic_id}")
    name = topic.name
    session.delete(topic)
    return name


def link_round(db: Database, topic_id: int, round_id: int) -> None:
    """List a topic on a round (idempotent)."""
    from tracker.db.tables import Round, RoundTopic, Topic

    with db.write() as session:
        if session.get(Topic, topic_id) is None:
            raise NotFound(f"no topic with id {topic_id}")
        if session.get(Round, round_id) is None:
            raise NotFound(f"no round with id {round_id}")
        if session.get(RoundTopic, (round_id, topic_id)) is None:
            session.add(RoundTopic(round_id=round_id, topic_id=topic_id))
