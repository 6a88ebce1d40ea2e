"""A small, fixed database for the dashboard, readiness and weekly-review tests (times are explicit, never "now").

Week under review: ISO 2026-W47 (Mon 16 – Sun 22 Nov 2026), in Europe/Berlin (UTC+1). ``NOW`` is Wed 18 Nov
10:00 UTC (11:00 local), inside the 09:30–11:00 UTC study block.
"""

from __future__ import annotations

import atexit
import shutil
import sqlite3
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from tracker.services.base import Database

TZ = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def build(db: Database) -> dict[str, int]:
    """Fill ``db``; returns the ids the tests refer to."""
    from tracker.db.tables import Rehearsal, RoundTopic, Story, StudyBlock, Topic
    from tracker.services.papers import add_paper, set_status
    from tracker.services.pipeline import add_company, add_round, move_round
    from tracker.services.problems import add_problem, rate_problem
    from tracker.services.questions import add_question
    from tracker.services.stories import add_story

    add_company(db, "Acme [AI]")
    add_company(db, "Globex | Co")
    coding = add_round(db, "Acme [AI]", "coding", at=at(25, 14))
    behavioral = add_round(db, "Globex | Co", "behavioral", at=at(20, 9))
    design = add_round(db, "Acme [AI]", "system-design", at=at(26, 15))
    recruiter = add_round(db, "Acme [AI]", "recruiter", at=at(12, 10))

    two_sum = add_problem(
        db,
        "Two Sum",
        number=1,
        patterns=["Arrays & Hashing"],
        lists=["Blind 75"],
        companies=["Acme [AI]"],
        gist="hash map | one pass",
    )
    parens = add_problem(db, "Valid Parentheses", number=20, patterns=["Stack"], lists=["Blind 75"])
    merge = add_problem(
        db,
        "Merge Intervals",
        number=56,
        patterns=["Intervals"],
        lists=["NeetCode 150"],
        companies=["Acme [AI]"],
        gist="sort by start",
    )
    lru = add_problem(db, "LRU Cache", number=146, patterns=["Linked List"], companies=["Acme [AI]"])
    rate_problem(db, two_sum.id, "brute-force", at=at(10, 7), minutes=30)
    rate_problem(db, merge.id, "no-clue", at=at(12, 19), minutes=40)
    rate_problem(db, two_sum.id, "bug-free", at=at(17, 7), minutes=12)
    rate_problem(db, parens.id, "has-bugs", at=at(18, 8), minutes=25)

    attention = add_paper(db, "Attention Is All You Need", topics=["Transformers"])
    set_status(db, attention.id, "read", tldr="Self-attention replaces recurrence.", today=date(2026, 11, 17))
    bert = add_paper(db, "BERT", topics=["Transformers"])
    set_status(db, bert.id, "read", tldr="Masked language model pre-training.", today=date(2026, 11, 11))
    add_paper(db, "Scaling Laws", topics=["Transformers"])

    q1 = add_question(db, "Tell me about a conflict.", kind="behavioral")
    add_question(db, "Tell me about a failure.", kind="behavioral")
    story = add_story(
        db,
        "Led the <migration> & rollout",
        situation="s",
        task="t",
        action="a",
        result="r",
        strength=4,
        question_ids=[q1.id],
    )
    move_round(db, recruiter.id, "Done", outcome="passed")

    with db.write() as session:
        s = session.get(Story, story.id)
        s.created_at = at(16, 9)
        s.rehearsals = 2
        session.add(s)
        session.add(Rehearsal(story_id=story.id, at=at(10, 18)))
        session.add(Rehearsal(story_id=story.id, at=at(18, 7)))
        topic = session.exec(__import__("sqlmodel").select(Topic).where(Topic.name == "Transformers")).one()
        topic.last_reviewed_at = at(15, 12)
        session.add(topic)
        session.add(RoundTopic(round_id=design.id, topic_id=topic.id))
        # Move the recruiter round's event into the review week (the service stamps it with the real time).
        from sqlmodel import select

        from tracker.db.tables import RoundEvent

        for event in session.exec(select(RoundEvent)):
            event.at = at(17, 16)
            session.add(event)
        blocks = [
            StudyBlock(
                start_at=at(10, 7), end_at=at(10, 8), activity="coding", title="Coding", status="done"
            ),
            StudyBlock(
                start_at=at(11, 7), end_at=at(11, 8), activity="coding", title="Coding", status="skipped"
            ),
            StudyBlock(
                start_at=at(16, 7),
                end_at=at(16, 8),
                activity="coding",
                title="Coding",
                status="done",
                round_id=coding.id,
            ),
            StudyBlock(
                start_at=at(18, 9, 30),
                end_at=at(18, 11),
                activity="coding",
                title="Acme [AI] coding prep",
                status="planned",
                round_id=coding.id,
                items=[
                    {"kind": "problem", "ref_id": lru.id, "title": "146. LRU Cache", "minutes": 45},
                    {"kind": "paper", "ref_id": attention.id, "minutes": 45},
                ],
            ),
            StudyBlock(start_at=at(18, 18), end_at=at(18, 19), activity="behavioral", title="Stories"),
            StudyBlock(start_at=at(24, 7), end_at=at(24, 8, 30), activity="papers", title="Papers"),
        ]
        for b in blocks:
            session.add(b)
        session.flush()
        ids = {
            "coding": coding.id,
            "behavioral": behavioral.id,
            "design": design.id,
            "recruiter": recruiter.id,
            "current_block": blocks[3].id,
            "evening_block": blocks[4].id,
            "story": story.id,
            "two_sum": two_sum.id,
            "lru": lru.id,
        }
    return ids


_TEMPLATE: tuple[Path, dict[str, int]] | None = None


def fixed_copy(target: Path) -> tuple[Database, dict[str, int]]:
    """A copy of the fixed database at ``target`` (built once per test session, then copied)."""
    global _TEMPLATE
    if _TEMPLATE is None:
        folder = Path(tempfile.mkdtemp(prefix="prep-fixture-"))
        atexit.register(shutil.rmtree, folder, True)
        template = Database(folder / "fixed.db")
        template.ensure_schema()
        ids = build(template)
        template.close()
        _TEMPLATE = (folder / "fixed.db", ids)
    source, ids = _TEMPLATE
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    src.backup(dst)
    dst.close()
    src.close()
    db = Database(target)
    db.ensure_schema()
    return db, dict(ids)
