"""STAR stories and the question bank."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tracker.services.base import Database


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

    def to_json(self) -> dict[str, Any]:
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
        }


@dataclass(frozen=True, slots=True)
class QuestionRow:
    id: int
    text: str
    kind: str
    competency: str | None
    stories: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "kind": self.kind,
            "competency": self.competency,
            "stories": self.stories,
        }


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


def list_stories(db: Database) -> list[StoryRow]:
    from sqlmodel import select

    from tracker.db.tables import Story, StoryQuestion

    with db.read() as session:
        links: dict[int, list[int]] = {}
        for sid, qid in session.exec(select(StoryQuestion.story_id, StoryQuestion.question_id)):
            links.setdefault(sid, []).append(qid)
        return [
            StoryRow(
                id=s.id or 0,
                title=s.title,
                situation=s.situation,
                task=s.task,
                action=s.action,
                result=s.result,
                tags=list(s.tags or []),
                strength=s.strength,
                rehearsals=s.rehearsals,
                last_rehearsed_at=s.last_rehearsed_at,
                question_ids=sorted(links.get(s.id or 0, [])),
            )
            for s in session.exec(select(Story).order_by(Story.title))
        ]


def list_questions(db: Database, *, kind: str | None = None) -> list[QuestionRow]:
    from sqlalchemy import func
    from sqlmodel import select

    from tracker.db.tables import Question, StoryQuestion

    with db.read() as session:
        counts = dict(
            session.exec(
                select(StoryQuestion.question_id, func.count()).group_by(StoryQuestion.question_id)
            ).all()  # type: ignore[arg-type]
        )
        stmt = select(Question).order_by(Question.competency, Question.text)
        if kind:
            stmt = stmt.where(Question.kind == kind)
        return [
            QuestionRow(
                id=q.id or 0, text=q.text, kind=q.kind, competency=q.competency, stories=counts.get(q.id, 0)
            )
            for q in session.exec(stmt)
        ]
