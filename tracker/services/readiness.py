"""Round readiness from SQL aggregates: the evidence for :func:`tracker.domain.readiness.readiness`.

Every measure is a grouped count over an indexed join; nothing is loaded whole. One call scores any number of
rounds with a fixed number of queries (the core-list, due and behavioral numbers are shared by all rounds).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from tracker.services.base import Database, now_utc

if TYPE_CHECKING:
    from sqlmodel import Session

CORE_LIST_SLUGS = ("blind75", "neetcode150")
CORE_LIST_NAMES = ("Blind 75", "NeetCode 150")
READ_STATUSES = ("read", "revisit")


@dataclass(frozen=True, slots=True)
class RoundReadiness:
    """How ready the user is for one round: 0..100, the measures behind it and what to do next."""

    round_id: int
    company: str
    kind: str
    scheduled_at: datetime | None
    score: int
    reasons: tuple[str, ...] = ()
    parts: dict[str, int] = field(default_factory=dict)

    @property
    def hint(self) -> str:
        """Short text for a card: ``"ready 62%"``."""
        return f"ready {self.score}%"

    @property
    def next_step(self) -> str:
        return self.reasons[0] if self.reasons else ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.round_id,
            "company": self.company,
            "kind": self.kind,
            "scheduled_at": self.scheduled_at.isoformat() if self.scheduled_at else None,
            "score": self.score,
            "parts": dict(self.parts),
            "reasons": list(self.reasons),
        }


def round_readiness(
    db: Database, round_ids: Iterable[int], now: datetime | None = None
) -> dict[int, RoundReadiness]:
    """Readiness of each round id that exists (unknown ids are left out)."""
    ids = list(dict.fromkeys(int(i) for i in round_ids))
    if not ids:
        return {}
    with db.read() as session:
        return readiness_in(session, ids, now or now_utc())


def _expand(counts: dict[int | None, int]) -> tuple[Any, ...]:
    from tracker.domain.mastery import Mastery

    out: list[Mastery | None] = []
    for level, n in sorted(counts.items(), key=lambda kv: (kv[0] is not None, kv[0] or 0)):
        value = Mastery(level) if level in (1, 2, 3, 4) else None
        out.extend([value] * int(n))
    return tuple(out)


def readiness_in(session: Session, round_ids: Sequence[int], now: datetime) -> dict[int, RoundReadiness]:
    """The same as :func:`round_readiness` inside an open read session (the dashboard shares its session)."""
    from sqlalchemy import case, func, or_
    from sqlmodel import col, select

    from tracker.db.tables import (
        Company,
        Paper,
        PaperTopic,
        Problem,
        ProblemCompany,
        ProblemList,
        ProblemListItem,
        Question,
        Round,
        RoundTopic,
        Setting,
        Story,
        StoryQuestion,
        StudyBlock,
        Topic,
    )
    from tracker.domain.readiness import (
        ReadinessEvidence,
        RoundInfo,
        StoryEvidence,
        TopicEvidence,
        parts_for_kind,
        readiness,
    )
    from tracker.services.topics import DEFAULT_STALE_DAYS, STALE_DAYS_KEY

    rounds = list(
        session.exec(
            select(Round.id, Round.company_id, Company.name, Round.kind, Round.scheduled_at)
            .join(Company, col(Company.id) == Round.company_id)
            .where(col(Round.id).in_(list(round_ids)))
        )
    )
    if not rounds:
        return {}
    parts = {rid: parts_for_kind(kind) for rid, _, _, kind, _ in rounds}
    wanted = {p for ps in parts.values() for p in ps}
    ids = [r[0] for r in rounds]

    # Coding: company-tagged problems, core lists, due reviews.
    company_mastery: dict[int, dict[int | None, int]] = {}
    core: tuple[Any, ...] = ()
    due = 0
    if "coding" in wanted:
        company_ids = list({cid for rid, cid, _, _, _ in rounds if "coding" in parts[rid]})
        for cid, level, n in session.exec(
            select(ProblemCompany.company_id, Problem.mastery, func.count())
            .join(Problem, col(Problem.id) == ProblemCompany.problem_id)
            .where(col(ProblemCompany.company_id).in_(company_ids))
            .group_by(ProblemCompany.company_id, Problem.mastery)
        ):
            company_mastery.setdefault(cid, {})[level] = int(n)
        core_ids = (
            select(ProblemListItem.problem_id)
            .join(ProblemList, col(ProblemList.id) == ProblemListItem.list_id)
            .where(
                or_(col(ProblemList.slug).in_(CORE_LIST_SLUGS), col(ProblemList.name).in_(CORE_LIST_NAMES))
            )
        )
        core = _expand(
            {
                level: int(n)
                for level, n in session.exec(
                    select(Problem.mastery, func.count())
                    .where(col(Problem.id).in_(core_ids))
                    .group_by(Problem.mastery)
                )
            }
        )
        due = int(
            session.exec(select(func.count()).select_from(Problem).where(col(Problem.due_at) <= now)).one()
        )

    # Design / depth: papers read and topic pages reviewed in the round's topics.
    topics: dict[int, list[TopicEvidence]] = {}
    if wanted & {"design", "depth"}:
        setting = session.get(Setting, STALE_DAYS_KEY)
        stale = (
            setting.value if setting is not None and isinstance(setting.value, int) else DEFAULT_STALE_DAYS
        )
        fresh_since = now - timedelta(days=max(1, stale))
        links = list(
            session.exec(
                select(RoundTopic.round_id, Topic.id, Topic.name, Topic.last_reviewed_at)
                .join(Topic, col(Topic.id) == RoundTopic.topic_id)
                .where(col(RoundTopic.round_id).in_(ids))
            )
        )
        topic_ids = list({tid for _, tid, _, _ in links})
        papers: dict[int, tuple[int, int]] = {}
        if topic_ids:
            read = func.coalesce(func.sum(case((col(Paper.status).in_(READ_STATUSES), 1), else_=0)), 0)
            for tid, total, n_read in session.exec(
                select(PaperTopic.topic_id, func.count(), read)
                .join(Paper, col(Paper.id) == PaperTopic.paper_id)
                .where(col(PaperTopic.topic_id).in_(topic_ids))
                .group_by(PaperTopic.topic_id)
            ):
                papers[tid] = (int(n_read), int(total))
        for rid, tid, name, reviewed in links:
            n_read, total = papers.get(tid, (0, 0))
            topics.setdefault(rid, []).append(
                TopicEvidence(
                    name=name,
                    papers_read=n_read,
                    papers_total=total,
                    page_reviewed=reviewed is not None and reviewed >= fresh_since,
                )
            )

    # Behavioral: the question bank and the stories that cover it.
    bank: tuple[int, ...] = ()
    stories: tuple[StoryEvidence, ...] = ()
    if "behavioral" in wanted:
        bank = tuple(
            int(q)
            for q in session.exec(
                select(Question.id).where(Question.kind == "behavioral").order_by(col(Question.id))
            )
        )
        linked: dict[int, list[int]] = {}
        facts: dict[int, tuple[int, int]] = {}
        for sid, strength, rehearsals, qid in session.exec(
            select(Story.id, Story.strength, Story.rehearsals, StoryQuestion.question_id)
            .join(StoryQuestion, col(StoryQuestion.story_id) == Story.id)
            .join(Question, col(Question.id) == StoryQuestion.question_id)
            .where(Question.kind == "behavioral")
        ):
            facts[sid] = (int(strength), int(rehearsals))
            linked.setdefault(sid, []).append(int(qid))
        stories = tuple(
            StoryEvidence(story_id=sid, strength=s, rehearsals=r, question_ids=tuple(linked[sid]))
            for sid, (s, r) in sorted(facts.items())
        )

    # Prep hours: the round's study blocks (skipped ones are not part of the plan any more).
    hours_expr = func.sum((func.julianday(StudyBlock.end_at) - func.julianday(StudyBlock.start_at)) * 24.0)
    done: dict[int, float] = {}
    planned: dict[int, float] = {}
    for rid, status, hours in session.exec(
        select(StudyBlock.round_id, StudyBlock.status, hours_expr)
        .where(col(StudyBlock.round_id).in_(ids), StudyBlock.status != "skipped")
        .group_by(StudyBlock.round_id, StudyBlock.status)
    ):
        if rid is None:
            continue
        planned[rid] = planned.get(rid, 0.0) + float(hours or 0.0)
        if status == "done":
            done[rid] = done.get(rid, 0.0) + float(hours or 0.0)

    out: dict[int, RoundReadiness] = {}
    for rid, cid, company, kind, at in rounds:
        evidence = ReadinessEvidence(
            company_problems=_expand(company_mastery.get(cid, {})) if "coding" in parts[rid] else (),
            core_problems=core if "coding" in parts[rid] else (),
            due_reviews=due if "coding" in parts[rid] else 0,
            topics=tuple(topics.get(rid, ())),
            question_ids=bank,
            stories=stories,
            prep_hours_done=round(done.get(rid, 0.0), 2),
            prep_hours_planned=round(planned.get(rid, 0.0), 2),
        )
        info = RoundInfo(
            round_id=rid,
            company=company,
            kind=kind,
            starts_at=at,
            topics=tuple(t.name for t in topics.get(rid, ())),
        )
        result = readiness(info, evidence, now)
        out[rid] = RoundReadiness(
            round_id=rid,
            company=company,
            kind=kind,
            scheduled_at=at,
            score=result.score,
            reasons=tuple(result.reasons),
            parts=dict(result.parts),
        )
    return out
