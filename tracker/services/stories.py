"""STAR stories and the question bank: stories, links to questions, rehearsals, coverage, company values.

Every write is one ``db.write()`` block; every function returns plain dataclasses (domain records from
``tracker.domain.star`` are plain too), never live rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tracker.domain.star import (
    Coverage,
    LinkFacts,
    QuestionFacts,
    StarCounts,
    StoryFacts,
    ValueCoverage,
    compute_coverage,
    normalize_tags,
    parse_values,
    star_counts,
    value_coverage,
)
from tracker.services.base import (
    Database,
    Invalid,
    NotFound,
    clean_name,
    clean_text,
    dbapi_connection,
    now_utc,
    parse_db_json,
    parse_db_time,
)

if TYPE_CHECKING:
    from sqlmodel import Session

    from tracker.services.undo import Removed


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: int
    title: str
    situation: str
    task: str
    action: str
    result: str
    tags: list[str]
    strength: int
    rehearsals: int
    last_rehearsed_at: datetime | None
    question_ids: list[int] = field(default_factory=list)
    best_for: list[int] = field(default_factory=list)  # questions where this story is marked the best answer

    @property
    def counts(self) -> StarCounts:
        return star_counts(self.situation, self.task, self.action, self.result)

    @property
    def facts(self) -> StoryFacts:
        return StoryFacts(
            self.id, self.title, self.strength, self.rehearsals, self.last_rehearsed_at, tuple(self.tags)
        )

    def to_json(self) -> dict[str, Any]:
        counts = self.counts
        return {
            "id": self.id,
            "title": self.title,
            "situation": self.situation,
            "task": self.task,
            "action": self.action,
            "result": self.result,
            "tags": self.tags,
            "strength": self.strength,
            "rehearsals": self.rehearsals,
            "last_rehearsed_at": self.last_rehearsed_at.isoformat() if self.last_rehearsed_at else None,
            "questions": self.question_ids,
            "best_for": self.best_for,
            "words": counts.total,
            "speaking_seconds": counts.seconds,
        }


@dataclass(frozen=True, slots=True)
class QuestionRow:
    id: int
    text: str
    kind: str
    competency: str | None
    stories: int = 0
    topic: str | None = None
    company: str | None = None
    answer: str | None = None
    confidence: int | None = None
    best_story_id: int | None = None
    best_story: str | None = None
    status: str | None = None  # behavioral only: uncovered, weak or covered
    reason: str = ""  # why uncovered or weak
    story_ids: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "kind": self.kind,
            "competency": self.competency,
            "stories": self.stories,
            "story_ids": self.story_ids,
            "best_story_id": self.best_story_id,
            "best_story": self.best_story,
            "status": self.status,
            "reason": self.reason or None,
            "topic": self.topic,
            "company": self.company,
            "answer": self.answer,
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class CompanyValues:
    company_id: int
    company: str
    values: list[ValueCoverage]

    @property
    def covered(self) -> int:
        return sum(1 for v in self.values if v.covered)


@dataclass(frozen=True, slots=True)
class StoryBank:
    """Everything the Markdown export and the coverage screen need, read in one transaction."""

    coverage: Coverage
    stories: dict[int, StoryRow]


# ---------------------------------------------------------------------------------------------------- catalog
def merge_catalog_questions(db: Database, rows: Sequence[Mapping[str, str]]) -> tuple[int, int]:
    from sqlmodel import select

    from tracker.db.tables import Question

    added = merged = 0
    with db.write() as session:
        existing = {q.text.casefold(): q for q in session.exec(select(Question))}
        for row in rows:
            text = (row.get("text") or "").strip()
            if not text:
                continue
            found = existing.get(text.casefold())
            if found is not None:
                merged += 1
                if not found.competency and row.get("competency"):
                    found.competency = row["competency"].strip()
                continue
            q = Question(
                text=text, kind="behavioral", competency=(row.get("competency") or "").strip() or None
            )
            session.add(q)
            existing[text.casefold()] = q
            added += 1
    return added, merged


# ---------------------------------------------------------------------------------------------------- reading
def _story_rows(
    reader: Session | sqlite3.Connection, story_ids: Iterable[int] | None = None
) -> list[StoryRow]:
    """Stories by title (plain SQL: on a :meth:`Database.raw_read` connection or inside an open session)."""
    con = dbapi_connection(reader)
    where = ""
    params: tuple[int, ...] = ()
    if story_ids is not None:
        ids = tuple(int(i) for i in story_ids)
        where, params = f" WHERE story_id IN ({', '.join('?' * len(ids))})", ids
    links: dict[int, list[int]] = {}
    best: dict[int, list[int]] = {}
    for sid, qid, is_best in con.execute(
        f"SELECT story_id, question_id, is_best FROM story_question{where}", params
    ):
        links.setdefault(sid, []).append(qid)
        if is_best:
            best.setdefault(sid, []).append(qid)
    rows = con.execute(
        "SELECT id, title, situation, task, action, result, tags, strength, rehearsals, last_rehearsed_at"
        f" FROM story{where.replace('story_id', 'id')} ORDER BY title, id",
        params,
    )
    return [
        StoryRow(
            id=sid,
            title=title,
            situation=situation,
            task=task,
            action=action,
            result=result,
            tags=list(parse_db_json(tags) or []),
            strength=strength,
            rehearsals=rehearsals,
            last_rehearsed_at=parse_db_time(last),
            question_ids=sorted(links.get(sid, [])),
            best_for=sorted(best.get(sid, [])),
        )
        for sid, title, situation, task, action, result, tags, strength, rehearsals, last in rows
    ]


def list_stories(db: Database) -> list[StoryRow]:
    with db.raw_read() as con:
        return _story_rows(con)


def get_story(db: Database, story_id: int) -> StoryRow:
    with db.raw_read() as con:
        rows = _story_rows(con, [story_id])
    if not rows:
        raise NotFound(f"no story with id {story_id}")
    return rows[0]


def list_questions(db: Database, *, kind: str | None = None) -> list[QuestionRow]:
    """All questions (optionally of one kind); see ``tracker.services.questions`` for more filters."""
    from tracker.services.questions import list_questions as _list

    return _list(db, kind=kind)


def _coverage_facts(
    reader: Session | sqlite3.Connection,
) -> tuple[list[QuestionFacts], list[StoryFacts], list[LinkFacts]]:
    con = dbapi_connection(reader)
    questions = [
        QuestionFacts(qid, text, competency)
        for qid, text, competency in con.execute(
            "SELECT id, text, competency FROM question WHERE kind = 'behavioral'"
        )
    ]
    stories = [
        StoryFacts(sid, title, strength, rehearsals, parse_db_time(last), tuple(parse_db_json(tags) or []))
        for sid, title, strength, rehearsals, last, tags in con.execute(
            "SELECT id, title, strength, rehearsals, last_rehearsed_at, tags FROM story"
        )
    ]
    links = [
        LinkFacts(sid, qid, bool(best))
        for sid, qid, best in con.execute("SELECT story_id, question_id, is_best FROM story_question")
    ]
    return questions, stories, links


def coverage_in(reader: Session | sqlite3.Connection) -> Coverage:
    """Coverage of the behavioral questions, inside an open session or a :meth:`Database.raw_read`."""
    return compute_coverage(*_coverage_facts(reader))


def story_coverage(db: Database) -> Coverage:
    """Every behavioral question with its best story or none; per competency the counts; weakest first."""
    with db.raw_read() as con:
        return coverage_in(con)


def stories_overview(db: Database) -> tuple[list[StoryRow], list[QuestionRow], Coverage]:
    """What the stories area shows, in one read: every story, the behavioral questions with their best stories,
    and the bank's coverage (computed once, for both)."""
    from tracker.services.questions import QuestionFilter, rows_in

    with db.raw_read() as con:
        coverage = coverage_in(con)
        return _story_rows(con), rows_in(con, QuestionFilter(kind="behavioral"), coverage=coverage), coverage


def story_bank(db: Database) -> StoryBank:
    with db.raw_read() as con:
        cov = coverage_in(con)
        stories = {s.id: s for s in _story_rows(con)}
    return StoryBank(cov, stories)


def company_value_coverage(db: Database, company_id: int) -> CompanyValues:
    """The company's values (Company.values, one per line), each with the stories tagged with it.

    A story covers a value when one of its tags equals the value after folding case and punctuation:
    "Bias for action" is covered by a story tagged ``bias-for-action`` or ``bias for action``.
    """
    from sqlmodel import select

    from tracker.db.tables import Company, Story

    with db.read() as session:
        company = session.get(Company, company_id)
        if company is None:
            raise NotFound(f"no company with id {company_id}")
        values = parse_values(company.values)
        stories = [
            StoryFacts(s.id or 0, s.title, s.strength, s.rehearsals, s.last_rehearsed_at, tuple(s.tags or []))
            for s in session.exec(select(Story))
        ]
        return CompanyValues(company.id or 0, company.name, value_coverage(values, stories))


def all_company_values(db: Database) -> list[CompanyValues]:
    """``company_value_coverage`` for every company that lists values, by company name."""
    from sqlmodel import col, select

    from tracker.db.tables import Company, Story

    with db.read() as session:
        stories = [
            StoryFacts(s.id or 0, s.title, s.strength, s.rehearsals, s.last_rehearsed_at, tuple(s.tags or []))
            for s in session.exec(select(Story))
        ]
        out = []
        for company in session.exec(
            select(Company).where(col(Company.values).is_not(None)).order_by(Company.name)
        ):
            values = parse_values(company.values)
            if values:
                out.append(CompanyValues(company.id or 0, company.name, value_coverage(values, stories)))
        return out


def links_for_story(db: Database, story_id: int) -> dict[int, bool]:
    """question id → marked best, for one story."""
    from sqlmodel import select

    from tracker.db.tables import Story, StoryQuestion

    with db.read() as session:
        if session.get(Story, story_id) is None:
            raise NotFound(f"no story with id {story_id}")
        return {
            qid: bool(best)
            for qid, best in session.exec(
                select(StoryQuestion.question_id, StoryQuestion.is_best).where(
                    StoryQuestion.story_id == story_id
                )
            )
        }


def links_for_question(db: Database, question_id: int) -> dict[int, bool]:
    """story id → marked best, for one question."""
    from sqlmodel import select

    from tracker.db.tables import Question, StoryQuestion

    with db.read() as session:
        if session.get(Question, question_id) is None:
            raise NotFound(f"no question with id {question_id}")
        return {
            sid: bool(best)
            for sid, best in session.exec(
                select(StoryQuestion.story_id, StoryQuestion.is_best).where(
                    StoryQuestion.question_id == question_id
                )
            )
        }


# ---------------------------------------------------------------------------------------------------- writing
def _strength(value: int | str | None, default: int | None = None) -> int | None:
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Invalid(f"strength must be a whole number from 1 to 5 (got {value!r})") from None
    if not 1 <= number <= 5:
        raise Invalid(f"strength must be from 1 to 5 (got {number})")
    return number


def _star(value: str | None) -> str:
    return clean_text(value) or ""


def _question(session: Session, question_id: int) -> Any:
    from tracker.db.tables import Question

    question = session.get(Question, question_id)
    if question is None:
        raise NotFound(f"no question with id {question_id}")
    if question.kind != "behavioral":
        raise Invalid(f"question {question_id} is technical; stories answer behavioral questions")
    return question


def _story(session: Session, story_id: int) -> Any:
    from tracker.db.tables import Story

    story = session.get(Story, story_id)
    if story is None:
        raise NotFound(f"no story with id {story_id}")
    return story


def _clear_other_best(session: Session, question_id: int, keep_story_id: int) -> None:
    from sqlmodel import select

    from tracker.db.tables import StoryQuestion

    for link in session.exec(
        select(StoryQuestion).where(StoryQuestion.question_id == question_id, StoryQuestion.is_best)
    ):
        if link.story_id != keep_story_id:
            link.is_best = False
            session.add(link)


def _upsert_link(session: Session, story_id: int, question_id: int, best: bool | None) -> None:
    """Link (idempotent); ``best`` True marks it the one best answer, False unmarks, None leaves as is."""
    from tracker.db.tables import StoryQuestion

    link = session.get(StoryQuestion, (story_id, question_id))
    if link is None:
        link = StoryQuestion(story_id=story_id, question_id=question_id, is_best=False)
    if best is not None:
        link.is_best = best
    if link.is_best:
        session.flush()
        _clear_other_best(session, question_id, story_id)
    session.add(link)


def add_story(
    db: Database,
    title: str,
    *,
    situation: str | None = "",
    task: str | None = "",
    action: str | None = "",
    result: str | None = "",
    tags: Iterable[str] = (),
    strength: int | str | None = None,
    question_ids: Iterable[int] = (),
) -> StoryRow:
    from tracker.db.tables import Story

    clean_title = clean_name(title, field_name="title", required=True) or ""
    level = _strength(strength, 3)
    with db.write() as session:
        story = Story(
            title=clean_title,
            situation=_star(situation),
            task=_star(task),
            action=_star(action),
            result=_star(result),
            tags=normalize_tags(clean_text(t) or "" for t in tags),
            strength=level or 3,
        )
        session.add(story)
        session.flush()
        sid = story.id or 0
        for qid in dict.fromkeys(question_ids):
            _question(session, qid)
            _upsert_link(session, sid, qid, None)
    return get_story(db, sid)


_UNSET: Any = object()


def update_story(
    db: Database,
    story_id: int,
    *,
    title: str | None = _UNSET,
    situation: str | None = _UNSET,
    task: str | None = _UNSET,
    action: str | None = _UNSET,
    result: str | None = _UNSET,
    tags: Iterable[str] | None = _UNSET,
    strength: int | str | None = _UNSET,
) -> StoryRow:
    """Change the given fields only."""
    with db.write() as session:
        story = _story(session, story_id)
        if title is not _UNSET:
            story.title = clean_name(title, field_name="title", required=True) or ""
        for name, value in (("situation", situation), ("task", task), ("action", action), ("result", result)):
            if value is not _UNSET:
                setattr(story, name, _star(value))
        if tags is not _UNSET:
            story.tags = normalize_tags(clean_text(t) or "" for t in (tags or ()))
        if strength is not _UNSET:
            story.strength = _strength(strength, story.strength) or story.strength
        story.updated_at = now_utc()
        session.add(story)
    return get_story(db, story_id)


def delete_story(db: Database, story_id: int) -> None:
    """Delete a story with its links and rehearsals (the questions stay)."""
    with db.write() as session:
        _delete_story(session, story_id)


def remove_story(db: Database, story_id: int) -> Removed:
    """:func:`delete_story`, keeping what it removes so that :func:`tracker.services.undo.restore` can put it back."""
    from tracker.services.undo import deleting

    return deleting(db, "story", story_id, lambda session: _delete_story(session, story_id), "story")


def _delete_story(session: Session, story_id: int) -> str:
    from sqlmodel import col, delete

    from tracker.db.tables import Rehearsal, StoryQuestion

    story = _story(session, story_id)
    title = story.title
    session.exec(delete(StoryQuestion).where(col(StoryQuestion.story_id) == story_id))
    session.exec(delete(Rehearsal).where(col(Rehearsal.story_id) == story_id))
    session.delete(story)
    return title


def link_story(db: Database, story_id: int, question_id: int, *, best: bool = False) -> StoryRow:
    """Link a story to a question (idempotent). ``best`` makes it the question's one best answer."""
    with db.write() as session:
        _story(session, story_id)
        _question(session, question_id)
        _upsert_link(session, story_id, question_id, True if best else None)
    return get_story(db, story_id)


def unlink_story(db: Database, story_id: int, question_id: int) -> StoryRow:
    from tracker.db.tables import StoryQuestion

    with db.write() as session:
        _story(session, story_id)
        link = session.get(StoryQuestion, (story_id, question_id))
        if link is None:
            raise NotFound(f"story {story_id} is not linked to question {question_id}")
        session.delete(link)
    return get_story(db, story_id)


def set_best_story(db: Database, question_id: int, story_id: int | None) -> None:
    """Make ``story_id`` the question's one best answer (linking it if needed); None clears the mark."""
    from sqlmodel import select

    from tracker.db.tables import StoryQuestion

    with db.write() as session:
        _question(session, question_id)
        if story_id is None:
            for link in session.exec(select(StoryQuestion).where(StoryQuestion.question_id == question_id)):
                if link.is_best:
                    link.is_best = False
                    session.add(link)
            return
        _story(session, story_id)
        _upsert_link(session, story_id, question_id, True)


def set_story_links(db: Database, story_id: int, links: Mapping[int, bool]) -> StoryRow:
    """Replace a story's questions with ``links`` (question id → this story is the best answer)."""
    from sqlmodel import select

    from tracker.db.tables import StoryQuestion

    with db.write() as session:
        _story(session, story_id)
        for qid in links:
            _question(session, qid)
        for link in session.exec(select(StoryQuestion).where(StoryQuestion.story_id == story_id)):
            if link.question_id not in links:
                session.delete(link)
        session.flush()
        for qid, best in links.items():
            _upsert_link(session, story_id, qid, bool(best))
    return get_story(db, story_id)


def set_question_links(db: Database, question_id: int, links: Mapping[int, bool]) -> None:
    """Replace a question's stories with ``links`` (story id → best answer); at most one may be best."""
    from sqlmodel import select

    from tracker.db.tables import StoryQuestion

    if sum(1 for best in links.values() if best) > 1:
        raise Invalid("only one story can be the best answer to a question")
    with db.write() as session:
        _question(session, question_id)
        for sid in links:
            _story(session, sid)
        for link in session.exec(select(StoryQuestion).where(StoryQuestion.question_id == question_id)):
            if link.story_id not in links:
                session.delete(link)
        session.flush()
        for sid, best in sorted(links.items(), key=lambda kv: kv[1]):  # the best one last, so it wins
            _upsert_link(session, sid, question_id, bool(best))


def rehearse_story(
    db: Database,
    story_id: int,
    *,
    seconds: int | None = None,
    strength: int | str | None = None,
    at: datetime | None = None,
) -> StoryRow:
    """Record one rehearsal (and optionally a new strength) in one transaction."""
    from tracker.db.tables import Rehearsal

    if seconds is not None and seconds < 0:
        raise Invalid("rehearsal time cannot be negative")
    level = _strength(strength)
    when = at or now_utc()
    with db.write() as session:
        story = _story(session, story_id)
        session.add(Rehearsal(story_id=story_id, at=when, seconds=seconds))
        story.rehearsals = (story.rehearsals or 0) + 1
        if story.last_rehearsed_at is None or when > story.last_rehearsed_at:
            story.last_rehearsed_at = when
        if level is not None:
            story.strength = level
        story.updated_at = now_utc()
        session.add(story)
    return get_story(db, story_id)
