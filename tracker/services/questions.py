"""The question bank, both kinds: behavioral questions (answered by stories) and technical ones (answered in text).

``add_question`` and ``list_questions`` are shared by `prep question`, the stories area and the technical Q&A screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.services.base import Database, Invalid, NotFound, clean_text
from tracker.services.stories import QuestionRow

KINDS = ("behavioral", "technical")


@dataclass(frozen=True, slots=True)
class QuestionFilter:
    kind: str | None = None
    topic: str | None = None
    company: str | None = None
    uncovered: bool = False  # behavioral questions with no story
    weak: bool = False  # with ``uncovered``: also the weakly covered ones
    search: str | None = None


def check_kind(kind: str | None) -> str | None:
    if kind is None or kind == "":
        return None
    value = kind.strip().lower()
    if value not in KINDS:
        raise Invalid(f"kind must be behavioral or technical (got {kind!r})")
    return value


def _topic_id(session: object, name: str, kind: str, *, create: bool) -> int | None:
    from sqlmodel import select

    from tracker.db.tables import Topic

    clean = clean_text(name, field_name="topic")
    if not clean:
        return None
    topic = session.exec(select(Topic).where(Topic.name == clean)).first()  # type: ignore[attr-defined]
    if topic is None:
        if not create:
            raise NotFound(f"no topic named {clean!r}")
        topic = Topic(name=clean, area="behavioral" if kind == "behavioral" else "other")
        session.add(topic)  # type: ignore[attr-defined]
        session.flush()  # type: ignore[attr-defined]
    return topic.id


def add_question(
    db: Database,
    text: str,
    *,
    kind: str | None = "behavioral",
    topic: str | None = None,
    company: str | None = None,
    competency: str | None = None,
    answer: str | None = None,
    confidence: int | None = None,
) -> QuestionRow:
    """Add a question to the bank. A new topic or company name is created on the fly."""
    from sqlmodel import select

    from tracker.db.tables import Question
    from tracker.services.pipeline import find_company_id

    clean = clean_text(text, field_name="question", required=True) or ""
    kind_ = check_kind(kind) or "behavioral"
    if confidence is not None and not 1 <= int(confidence) <= 5:
        raise Invalid(f"confidence must be from 1 to 5 (got {confidence})")
    comp = clean_text(competency)
    with db.write() as session:
        found = session.exec(select(Question).where(Question.text == clean)).first()
        if found is not None:
            raise Invalid(f"that question is already in the bank (id {found.id})")
        question = Question(
            text=clean,
            kind=kind_,
            competency=comp.lower() if comp else None,
            answer=clean_text(answer),
            confidence=confidence,
            topic_id=_topic_id(session, topic, kind_, create=True) if topic else None,
            company_id=find_company_id(session, company, create=True) if company else None,
        )
        session.add(question)
        session.flush()
        qid = question.id or 0
    return get_question(db, qid)


def get_question(db: Database, question_id: int) -> QuestionRow:
    rows = _rows(db, QuestionFilter(), ids=[question_id])
    if not rows:
        raise NotFound(f"no question with id {question_id}")
    return rows[0]


def list_questions(
    db: Database,
    *,
    kind: str | None = None,
    topic: str | None = None,
    company: str | None = None,
    uncovered: bool = False,
    weak: bool = False,
    search: str | None = None,
) -> list[QuestionRow]:
    """Questions in bank order (kind, competency, text).

    ``uncovered`` keeps behavioral questions with no story (and with ``weak`` also the weakly covered), ordered as
    the coverage view orders them: no story first, then weak, by competency. ``topic``/``company`` match names
    case-insensitively; an unknown name is an error rather than an empty list.
    """
    return _rows(
        db,
        QuestionFilter(
            kind=check_kind(kind), topic=topic, company=company, uncovered=uncovered, weak=weak, search=search
        ),
    )


def _rows(db: Database, f: QuestionFilter, ids: list[int] | None = None) -> list[QuestionRow]:
    from sqlmodel import col, func, select

    from tracker.db.tables import Company, Question, StoryQuestion, Topic
    from tracker.domain.star import COVERED, UNCOVERED, WEAK
    from tracker.services.stories import coverage_in

    with db.read() as session:
        stmt = select(Question)
        if ids is not None:
            stmt = stmt.where(col(Question.id).in_(ids))
        if f.kind:
            stmt = stmt.where(Question.kind == f.kind)
        if f.uncovered:
            stmt = stmt.where(Question.kind == "behavioral")
        if f.topic:
            name = clean_text(f.topic) or ""
            tid = session.exec(select(Topic.id).where(Topic.name == name)).first()
            if tid is None:
                raise NotFound(f"no topic named {name!r}")
            stmt = stmt.where(Question.topic_id == tid)
        if f.company:
            name = clean_text(f.company) or ""
            cid = session.exec(select(Company.id).where(Company.name == name)).first()
            if cid is None:
                raise NotFound(f"no company named {name!r}")
            stmt = stmt.where(Question.company_id == cid)
        if f.search:
            stmt = stmt.where(func.lower(Question.text).contains((f.search or "").lower()))
        questions = list(session.exec(stmt))
        topics = dict(session.exec(select(Topic.id, Topic.name)).all())  # type: ignore[arg-type]
        companies = dict(session.exec(select(Company.id, Company.name)).all())  # type: ignore[arg-type]
        links: dict[int, list[int]] = {}
        for sid, qid in session.exec(select(StoryQuestion.story_id, StoryQuestion.question_id)):
            links.setdefault(qid, []).append(sid)
        cov = coverage_in(session) if any(q.kind == "behavioral" for q in questions) else None

    wanted = {UNCOVERED, WEAK} if f.weak else {UNCOVERED}
    order = {UNCOVERED: 0, WEAK: 1, COVERED: 2}
    by_question = {c.question.id: c for c in cov.questions} if cov else {}
    rows: list[QuestionRow] = []
    for q in questions:
        c = by_question.get(q.id or 0) if q.kind == "behavioral" else None
        if f.uncovered and (c is None or c.status not in wanted):
            continue
        rows.append(
            QuestionRow(
                id=q.id or 0,
                text=q.text,
                kind=q.kind,
                competency=q.competency,
                stories=len(links.get(q.id or 0, [])),
                topic=topics.get(q.topic_id) if q.topic_id else None,
                company=companies.get(q.company_id) if q.company_id else None,
                answer=q.answer,
                confidence=q.confidence,
                best_story_id=c.best.id if c and c.best else None,
                best_story=c.best.title if c and c.best else None,
                status=c.status if c else None,
                reason=c.reason if c else "",
                story_ids=sorted(links.get(q.id or 0, [])),
            )
        )
    if f.uncovered:
        rows.sort(
            key=lambda r: (order[r.status or COVERED], (r.competency or "").lower(), r.text.casefold(), r.id)
        )
    else:
        rows.sort(key=lambda r: (r.kind, (r.competency or "").lower(), r.text.casefold(), r.id))
    return rows
