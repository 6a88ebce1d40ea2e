"""The technical Q&A catalog: questions the user was asked (or expects), their best answer in Markdown, a topic,
a confidence from 1 to 5, and where they were asked (company, round).

Behavioral questions and the `prep question` commands live in tracker.services.questions; this module is the
technical side the papers area shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tracker.services.base import Conflict, Database, Invalid, NotFound, clean_text

if TYPE_CHECKING:
    from sqlmodel import Session

    from tracker.services.undo import Removed


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


@dataclass(frozen=True, slots=True)
class TechQuestion:
    id: int
    text: str
    answer: str | None
    confidence: int | None
    topic_id: int | None
    topic: str | None
    company_id: int | None
    company: str | None
    round_id: int | None
    round: str | None
    created_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "kind": "technical",
            "answer": self.answer,
            "confidence": self.confidence,
            "topic": self.topic,
            "company": self.company,
            "round_id": self.round_id,
            "created_at": self.created_at.isoformat() if self.created_at else None,
        }


@dataclass(frozen=True, slots=True)
class RoundChoice:
    id: int
    company_id: int
    label: str


def _confidence(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        level = int(value)
    except (TypeError, ValueError):
        raise Invalid(f"confidence must be from 1 to 5 (got {value!r})") from None
    if not 1 <= level <= 5:
        raise Invalid(f"confidence must be from 1 to 5 (got {level})")
    return level


def round_label(company: str, kind: str, at: datetime | None) -> str:
    when = at.astimezone().strftime("%Y-%m-%d") if at else "unscheduled"
    return f"{company} · {kind} · {when}"


def _topic_id(session: Session, name: str | None) -> int | None:
    from tracker.services.topics import topic_ids

    if not clean_text(name):
        return None
    return topic_ids(session, [name or ""], create=True)[0]


def _company_id(session: Session, name: str | None) -> int | None:
    from tracker.services.pipeline import find_company_id

    clean = clean_text(name)
    return find_company_id(session, clean, create=True) if clean else None


def _rows(session: Session, stmt: Any) -> list[TechQuestion]:
    from sqlmodel import col, select

    from tracker.db.tables import Company, Question, Round, Topic

    questions = list(session.exec(stmt))
    topics = dict(session.exec(select(Topic.id, Topic.name)).all())  # type: ignore[arg-type]
    companies = dict(session.exec(select(Company.id, Company.name)).all())  # type: ignore[arg-type]
    round_ids = {q.round_id for q in questions if q.round_id}
    rounds: dict[int, str] = {}
    if round_ids:
        for r in session.exec(select(Round).where(col(Round.id).in_(round_ids))):
            rounds[r.id or 0] = round_label(companies.get(r.company_id, "?"), r.kind, r.scheduled_at)
    return [
        TechQuestion(
            id=q.id or 0,
            text=q.text,
            answer=q.answer,
            confidence=q.confidence,
            topic_id=q.topic_id,
            topic=topics.get(q.topic_id) if q.topic_id else None,
            company_id=q.company_id,
            company=companies.get(q.company_id) if q.company_id else None,
            round_id=q.round_id,
            round=rounds.get(q.round_id) if q.round_id else None,
            created_at=q.created_at,
        )
        for q in questions
        if isinstance(q, Question)
    ]


def list_technical_questions(
    db: Database,
    *,
    topic: str | None = None,
    company: str | None = None,
    confidence: int | None = None,
    max_confidence: int | None = None,
    unrated: bool = False,
    search: str | None = None,
) -> list[TechQuestion]:
    """Technical questions, least confident first (unrated first of all), then by text.

    ``confidence`` keeps one level, ``max_confidence`` keeps that level and below, ``unrated`` keeps those without
    one; ``topic``/``company`` match names case-insensitively."""
    from sqlalchemy import func
    from sqlmodel import col, select

    from tracker.db.tables import Company, Question, Topic

    stmt = select(Question).where(Question.kind == "technical")
    if topic:
        stmt = stmt.where(
            col(Question.topic_id).in_(select(Topic.id).where(Topic.name == (clean_text(topic) or "")))
        )
    if company:
        stmt = stmt.where(
            col(Question.company_id).in_(
                select(Company.id).where(Company.name == (clean_text(company) or ""))
            )
        )
    if confidence is not None:
        stmt = stmt.where(Question.confidence == _confidence(confidence))
    if max_confidence is not None:
        stmt = stmt.where(col(Question.confidence) <= _confidence(max_confidence))
    if unrated:
        stmt = stmt.where(col(Question.confidence).is_(None))
    if search and search.strip():
        like = f"%{search.strip().lower()}%"
        stmt = stmt.where(
            func.lower(Question.text).like(like) | func.lower(func.coalesce(Question.answer, "")).like(like)
        )
    stmt = stmt.order_by(col(Question.confidence).is_not(None), col(Question.confidence), col(Question.text))
    with db.read() as session:
        return _rows(session, stmt)


def get_technical_question(db: Database, question_id: int) -> TechQuestion:
    from sqlmodel import select

    from tracker.db.tables import Question

    with db.read() as session:
        rows = _rows(
            session, select(Question).where(Question.id == question_id, Question.kind == "technical")
        )
    if not rows:
        raise NotFound(f"no technical question with id {question_id}")
    return rows[0]


def _check_round(session: Session, round_id: int | None, company_id: int | None) -> int | None:
    """The round's company (when a round is given); refuses a round of another company."""
    from tracker.db.tables import Round

    if round_id is None:
        return company_id
    rnd = session.get(Round, round_id)
    if rnd is None:
        raise NotFound(f"no round with id {round_id}")
    if company_id is not None and rnd.company_id != company_id:
        raise Invalid(f"round {round_id} belongs to another company")
    return rnd.company_id


def add_technical_question(
    db: Database,
    text: str,
    *,
    answer: str | None = None,
    confidence: int | None = None,
    topic: str | None = None,
    company: str | None = None,
    round_id: int | None = None,
) -> TechQuestion:
    """Add a technical question; a new topic or company name is created on the fly."""
    from sqlmodel import select

    from tracker.db.tables import Question

    clean = clean_text(text, field_name="question", required=True) or ""
    level = _confidence(confidence)
    with db.write() as session:
        found = session.exec(select(Question).where(Question.text == clean)).first()
        if found is not None:
            raise Conflict(f"that question is already in the bank (id {found.id})")
        question = Question(
            text=clean,
            kind="technical",
            answer=clean_text(answer),
            confidence=level,
            topic_id=_topic_id(session, topic),
            round_id=round_id,
        )
        question.company_id = _check_round(session, round_id, _company_id(session, company))
        session.add(question)
        session.flush()
        qid = question.id or 0
    return get_technical_question(db, qid)


def update_technical_question(
    db: Database,
    question_id: int,
    *,
    text: Any = UNSET,
    answer: Any = UNSET,
    confidence: Any = UNSET,
    topic: Any = UNSET,
    company: Any = UNSET,
    round_id: Any = UNSET,
) -> TechQuestion:
    """Change any of a technical question's fields in one write; None or "" clears an optional field."""
    from sqlmodel import col, select

    from tracker.db.tables import Question

    with db.write() as session:
        q = session.get(Question, question_id)
        if q is None or q.kind != "technical":
            raise NotFound(f"no technical question with id {question_id}")
        if text is not UNSET:
            clean = clean_text(text, field_name="question", required=True) or ""
            clash = session.exec(
                select(Question.id).where(Question.text == clean, col(Question.id) != question_id)
            ).first()
            if clash is not None:
                raise Conflict(f"that question is already in the bank (id {clash})")
            q.text = clean
        if answer is not UNSET:
            q.answer = clean_text(answer)
        if confidence is not UNSET:
            q.confidence = _confidence(confidence)
        if topic is not UNSET:
            q.topic_id = _topic_id(session, topic)
        if company is not UNSET:
            q.company_id = _company_id(session, company)
            if round_id is UNSET and q.round_id is not None:
                from tracker.db.tables import Round

                rnd = session.get(Round, q.round_id)
                if rnd is not None and rnd.company_id != q.company_id:
                    q.round_id = None
        if round_id is not UNSET:
            q.round_id = int(round_id) if round_id not in (None, "") else None
            if q.round_id is not None:
                q.company_id = _check_round(
                    session, q.round_id, q.company_id if company is not UNSET else None
                )
        session.add(q)
    return get_technical_question(db, question_id)


def set_answer(db: Database, question_id: int, answer: str | None) -> TechQuestion:
    return update_technical_question(db, question_id, answer=answer)


def set_confidence(db: Database, question_id: int, confidence: int | None) -> TechQuestion:
    return update_technical_question(db, question_id, confidence=confidence)


def set_topic(db: Database, question_id: int, topic: str | None) -> TechQuestion:
    return update_technical_question(db, question_id, topic=topic)


def delete_technical_question(db: Database, question_id: int) -> None:
    with db.write() as session:
        _delete_technical_question(session, question_id)


def remove_technical_question(db: Database, question_id: int) -> Removed:
    """:func:`delete_technical_question`, keeping what it removes so that :func:`tracker.services.undo.restore` can
    put it back (with your answer)."""
    from tracker.services.undo import deleting

    def delete(session: Session) -> str:
        return _delete_technical_question(session, question_id)

    return deleting(db, "question", question_id, delete, "question")


def _delete_technical_question(session: Session, question_id: int) -> str:
    from tracker.db.tables import Question

    q = session.get(Question, question_id)
    if q is None or q.kind != "technical":
        raise NotFound(f"no technical question with id {question_id}")
    text = q.text
    session.delete(q)
    return text


def round_choices(db: Database) -> list[RoundChoice]:
    """Every round as a choice for "where was it asked", newest first."""
    from sqlmodel import col, select

    from tracker.db.tables import Company, Round

    with db.read() as session:
        return [
            RoundChoice(r.id or 0, r.company_id, round_label(name, r.kind, r.scheduled_at))
            for r, name in session.exec(
                select(Round, Company.name)
                .join(Company, col(Company.id) == Round.company_id)
                .order_by(col(Round.scheduled_at).is_(None), col(Round.scheduled_at).desc())
            )
        ]
