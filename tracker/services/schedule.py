"""Study rules and study blocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tracker.services.base import Database


@dataclass(frozen=True, slots=True)
class RuleRow:
    id: int
    label: str
    rrule: str
    start_time: str
    minutes: int
    focus: str
    exceptions: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "rrule": self.rrule,
            "start": self.start_time,
            "minutes": self.minutes,
            "focus": self.focus,
            "exceptions": self.exceptions,
        }


@dataclass(frozen=True, slots=True)
class BlockRow:
    id: int
    start: datetime
    end: datetime
    activity: str
    title: str
    status: str
    round_id: int | None
    pinned: bool
    items: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "activity": self.activity,
            "title": self.title,
            "status": self.status,
            "round_id": self.round_id,
            "items": self.items,
        }


def list_rules(db: Database) -> list[RuleRow]:
    from sqlmodel import select

    from tracker.db.tables import StudyRule

    with db.read() as session:
        return [
            RuleRow(r.id or 0, r.label, r.rrule, r.start_time, r.minutes, r.focus, list(r.exceptions or []))
            for r in session.exec(select(StudyRule).where(StudyRule.active == True).order_by(StudyRule.id))  # noqa: E712
        ]


def list_blocks(db: Database, start: datetime, end: datetime) -> list[BlockRow]:
    from sqlmodel import col, select

    from tracker.db.tables import StudyBlock

    with db.read() as session:
        return [
            BlockRow(
                b.id or 0,
                b.start_at,
                b.end_at,
                b.activity,
                b.title,
                b.status,
                b.round_id,
                b.pinned,
                list(b.items or []),
            )
            for b in session.exec(
                select(StudyBlock)
                .where(col(StudyBlock.start_at) >= start, col(StudyBlock.start_at) < end)
                .order_by(StudyBlock.start_at)
            )
        ]
