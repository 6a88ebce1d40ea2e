"""The question bank, both kinds: behavioral questions (answered by stories) and technical ones (answered in text).

``add_question`` and ``list_questions`` are shared by `prep question`, the stories area and the technical Q&A screen.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.services.base import Database, Invalid, NotFound, clean_text
from tracker.services.stories import QuestionRow

if TYPE_CHECKING:
    from tracker.domain.star import Coverage

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
    with db.raw_read() as con:  # plain SQL: the stories area and `prep question list` need no ORM
        return rows_in(con, f, ids)


def rows_in(
    con: sqlite3.Connection, f: QuestionFilter, ids: list[int] | None = None, coverage: Coverage | None = None
) -> list[QuestionRow]:
    """The questions ``f`` selects, on an open :meth:`Database.raw_read` connection. ``coverage``: the bank's
    coverage read on the same connection, when the caller has it already."""
    from tracker.domain.star import COVERED, UNCOVERED, WEAK
    from tracker.services.stories import coverage_in

    conditions: list[str] = []
    params: list[object] = []
    if ids is not None:
        conditions.append(f"id IN ({', '.join('?' * len(ids))})")
        params.extend(int(i) for i in ids)
    if f.kind:
        conditions.append("kind = ?")
        params.append(f.kind)
    if f.uncovered:
        conditions.append("kind = 'behavioral'")
    for table, column, value in (("topic", "topic_id", f.topic), ("company", "company_id", f.company)):
        if value:
            name = clean_text(value) or ""
            found = con.execute(f"SELECT id FROM {table} WHERE name = ?", (name,)).fetchone()
            if found is None:
                raise NotFound(f"no {table} named {name!r}")
            conditions.append(f"{column} = ?")
            params.append(found[0])
    if f.search:
        conditions.append("instr(lower(text), ?) > 0")
        params.append(f.search.lower())
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    questions = con.execute(
        "SELECT id, text, kind, competency, answer, confidence, topic_id, company_id FROM question" + where,
        params,
    ).fetchall()
    topics = dict(con.execute("SELECT id, name FROM topic").fetchall())
    companies = dict(con.execute("SELECT id, name FROM company").fetchall())
    links: dict[int, list[int]] = {}
    for sid, qid in con.execute("SELECT story_id, question_id FROM story_question"):
        links.setdefault(qid, []).append(sid)
    cov = coverage
    if cov is None and any(q[2] == "behavioral" for q in questions):
        cov = coverage_in(con)

    wanted = {UNCOVERED, WEAK} if f.weak else {UNCOVERED}
    order = {UNCOVERED: 0, WEAK: 1, COVERED: 2}
    by_question = {c.question.id: c for c in cov.questions} if cov else {}
    rows: list[QuestionRow] = []
    for qid, text, kind, competency, answer, confidence, topic_id, company_id in questions:
        c = by_question.get(qid) if kind == "behavioral" else None
        if f.uncovered and (c is None or c.status not in wanted):
            continue
        rows.append(
            QuestionRow(
                id=qid,
                text=text,
                kind=kind,
                competency=competency,
                stories=len(links.get(qid, [])),
                topic=topics.get(topic_id) if topic_id else None,
                company=companies.get(company_id) if company_id else None,
                answer=answer,
                confidence=confidence,
                best_story_id=c.best.id if c and c.best else None,
                best_story=c.best.title if c and c.best else None,
                status=c.status if c else None,
                reason=c.reason if c else "",
                story_ids=sorted(links.get(qid, [])),
            )
        )
    if f.uncovered:
        rows.sort(
            key=lambda r: (order[r.status or COVERED], (r.competency or "").lower(), r.text.casefold(), r.id)
        )
    else:
        rows.sort(key=lambda r: (r.kind, (r.competency or "").lower(), r.text.casefold(), r.id))
    return rows
