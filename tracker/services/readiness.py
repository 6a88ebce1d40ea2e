"""Round readiness from SQL aggregates: the evidence for :func:`tracker.domain.readiness.readiness`.

Every measure is a grouped count over an indexed join; nothing is loaded whole. One call scores any number of
rounds with a fixed number of queries (the core-list, due and behavioral numbers are shared by all rounds).
Plain SQL on the ``sqlite3`` connection (no ORM import): the dashboard's first load must not pull SQLAlchemy in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from tracker.services.base import Database, db_time, dbapi_connection, now_utc, parse_db_json, parse_db_time

if TYPE_CHECKING:
    import sqlite3

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
    with db.raw_read() as con:
        return readiness_in(con, ids, now or now_utc())


def _expand(counts: dict[int | None, int]) -> tuple[Any, ...]:
    from tracker.domain.mastery import Mastery

    out: list[Mastery | None] = []
    for level, n in sorted(counts.items(), key=lambda kv: (kv[0] is not None, kv[0] or 0)):
        value = Mastery(level) if level in (1, 2, 3, 4) else None
        out.extend([value] * int(n))
    return tuple(out)


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def readiness_in(
    session: Session | sqlite3.Connection, round_ids: Sequence[int], now: datetime
) -> dict[int, RoundReadiness]:
    """The same as :func:`round_readiness` inside an open read transaction: a :meth:`Database.raw_read`
    connection (the dashboard shares its snapshot) or an ORM Session."""
    from tracker.domain.readiness import (
        ReadinessEvidence,
        RoundInfo,
        StoryEvidence,
        TopicEvidence,
        behavioral,
        parts_for_kind,
        readiness,
    )
    from tracker.services.topics import DEFAULT_STALE_DAYS, STALE_DAYS_KEY

    con = dbapi_connection(session)
    wanted_ids = [int(i) for i in round_ids]
    if not wanted_ids:
        return {}
    rounds = [
        (int(rid), int(cid), name, kind, parse_db_time(at))
        for rid, cid, name, kind, at in con.execute(
            "SELECT round.id, round.company_id, company.name, round.kind, round.scheduled_at"
            " FROM round JOIN company ON company.id = round.company_id"
            f" WHERE round.id IN ({_marks(wanted_ids)})",
            wanted_ids,
        )
    ]
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
        for cid, level, n in con.execute(
            "SELECT problem_company.company_id, problem.mastery, count(*)"
            " FROM problem_company JOIN problem ON problem.id = problem_company.problem_id"
            f" WHERE problem_company.company_id IN ({_marks(company_ids)})"
            " GROUP BY problem_company.company_id, problem.mastery",
            company_ids,
        ):
            company_mastery.setdefault(cid, {})[level] = int(n)
        core_params = (*CORE_LIST_SLUGS, *CORE_LIST_NAMES)
        core = _expand(
            {
                level: int(n)
                for level, n in con.execute(
                    "SELECT problem.mastery, count(*) FROM problem"
                    " WHERE problem.id IN (SELECT problem_list_item.problem_id"
                    " FROM problem_list_item JOIN problem_list ON problem_list.id = problem_list_item.list_id"
                    f" WHERE problem_list.slug IN ({_marks(CORE_LIST_SLUGS)})"
                    f" OR problem_list.name IN ({_marks(CORE_LIST_NAMES)}))"
                    " GROUP BY problem.mastery",
                    core_params,
                )
            }
        )
        due = int(
            con.execute("SELECT count(*) FROM problem WHERE problem.due_at <= ?", (db_time(now),)).fetchone()[
                0
            ]
        )

    # Design / depth: papers read and topic pages reviewed in the round's topics.
    topics: dict[int, list[TopicEvidence]] = {}
    if wanted & {"design", "depth"}:
        row = con.execute(
            'SELECT setting.value FROM setting WHERE setting."key" = ?', (STALE_DAYS_KEY,)
        ).fetchone()
        value = parse_db_json(row[0]) if row is not None else None
        stale = value if isinstance(value, int) else DEFAULT_STALE_DAYS
        fresh_since = now - timedelta(days=max(1, stale))
        links = [
            (rid, tid, name, parse_db_time(reviewed))
            for rid, tid, name, reviewed in con.execute(
                "SELECT round_topic.round_id, topic.id, topic.name, topic.last_reviewed_at"
                " FROM round_topic JOIN topic ON topic.id = round_topic.topic_id"
                f" WHERE round_topic.round_id IN ({_marks(ids)})",
                ids,
            )
        ]
        topic_ids = list({tid for _, tid, _, _ in links})
        papers: dict[int, tuple[int, int]] = {}
        if topic_ids:
            for tid, total, n_read in con.execute(
                "SELECT paper_topic.topic_id, count(*),"
                f" coalesce(sum(CASE WHEN (paper.status IN ({_marks(READ_STATUSES)})) THEN 1 ELSE 0 END), 0)"
                " FROM paper_topic JOIN paper ON paper.id = paper_topic.paper_id"
                f" WHERE paper_topic.topic_id IN ({_marks(topic_ids)})"
                " GROUP BY paper_topic.topic_id",
                (*READ_STATUSES, *topic_ids),
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
            for (q,) in con.execute(
                "SELECT question.id FROM question WHERE question.kind = ? ORDER BY question.id",
                ("behavioral",),
            )
        )
        linked: dict[int, list[int]] = {}
        facts: dict[int, tuple[int, int]] = {}
        for sid, strength, rehearsals, qid in con.execute(
            "SELECT story.id, story.strength, story.rehearsals, story_question.question_id"
            " FROM story JOIN story_question ON story_question.story_id = story.id"
            " JOIN question ON question.id = story_question.question_id"
            " WHERE question.kind = ?",
            ("behavioral",),
        ):
            facts[sid] = (int(strength), int(rehearsals))
            linked.setdefault(sid, []).append(int(qid))
        stories = tuple(
            StoryEvidence(story_id=sid, strength=s, rehearsals=r, question_ids=tuple(linked[sid]))
            for sid, (s, r) in sorted(facts.items())
        )

    # Prep hours: the round's study blocks (skipped ones are not part of the plan any more).
    done: dict[int, float] = {}
    planned: dict[int, float] = {}
    for rid, status, hours in con.execute(
        "SELECT study_block.round_id, study_block.status,"
        " sum((julianday(study_block.end_at) - julianday(study_block.start_at)) * ?)"
        f" FROM study_block WHERE study_block.round_id IN ({_marks(ids)}) AND study_block.status != ?"
        " GROUP BY study_block.round_id, study_block.status",
        (24.0, *ids, "skipped"),
    ):
        if rid is None:
            continue
        planned[rid] = planned.get(rid, 0.0) + float(hours or 0.0)
        if status == "done":
            done[rid] = done.get(rid, 0.0) + float(hours or 0.0)

    # The same for every round: scored once, not once per behavioral round.
    shared = (
        behavioral(ReadinessEvidence(question_ids=bank, stories=stories)) if "behavioral" in wanted else None
    )
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
        result = readiness(info, evidence, now, behavioral_part=shared)
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
