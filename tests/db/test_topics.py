"""Topic pages: areas, notes, last reviewed and the stale mark, and what links to a topic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tracker.services.base import Conflict, Database, Invalid, NotFound
from tracker.services.topics import (
    add_topic,
    delete_topic,
    find_topic,
    link_round,
    list_topics,
    mark_reviewed,
    save_topic_notes,
    set_stale_days,
    stale_days,
    topic_page,
    update_topic,
)

NOW = datetime(2026, 11, 16, 12, tzinfo=UTC)


def test_add_with_area_and_refuse_duplicates(db: Database) -> None:
    row = add_topic(db, "Recsys system design", area="System design")
    assert row.area == "system-design"
    assert add_topic(db, "Misc").area == "other"
    with pytest.raises(Conflict):
        add_topic(db, "recsys SYSTEM design")
    with pytest.raises(Invalid, match="area must be one of"):
        add_topic(db, "X", area="cooking")
    assert [t.name for t in list_topics(db)] == ["Misc", "Recsys system design"]


def test_stale_until_reviewed_and_after_the_setting(db: Database) -> None:
    row = add_topic(db, "Transformers", area="ml-depth")
    assert row.stale  # never reviewed
    mark_reviewed(db, row.id, now=NOW - timedelta(days=10))
    assert not list_topics(db, now=NOW)[0].stale
    assert list_topics(db, now=NOW + timedelta(days=5))[0].stale  # 15 days > 14
    assert stale_days(db) == 14
    set_stale_days(db, 30)
    assert not list_topics(db, now=NOW + timedelta(days=5))[0].stale
    with pytest.raises(Invalid):
        set_stale_days(db, 0)
    reviewed = mark_reviewed(db, row.id, now=NOW)
    assert reviewed.last_reviewed_at == NOW and not reviewed.stale


def test_page_shows_papers_questions_and_rounds_linking_to_it(db: Database) -> None:
    from tracker.services.papers import add_paper
    from tracker.services.pipeline import add_round
    from tracker.services.qa import add_technical_question

    topic = add_topic(db, "Transformers", area="ml-depth")
    paper = add_paper(db, "1706.03762", topics=["transformers"])
    add_paper(db, "1512.03385")  # not linked
    question = add_technical_question(db, "Why scale dot products by sqrt(d)?", topic="Transformers")
    rnd = add_round(db, "Acme", "ml-depth", at=NOW + timedelta(days=3))
    link_round(db, topic.id, rnd.id)
    link_round(db, topic.id, rnd.id)

    page = topic_page(db, topic.id, now=NOW)
    assert [p.id for p in page.papers] == [paper.id]
    assert [q.id for q in page.questions] == [question.id]
    assert [(r.id, r.company, r.kind) for r in page.rounds] == [(rnd.id, "Acme", "ml-depth")]
    row = find_topic(db, "transformers")
    assert (row.papers, row.questions, row.rounds) == (1, 1, 1)


def test_notes_rename_and_delete_keeps_the_rest(db: Database) -> None:
    from tracker.services.papers import add_paper, find_paper
    from tracker.services.qa import add_technical_question, get_technical_question

    topic = add_topic(db, "DP", area="coding")
    save_topic_notes(db, topic.id, "# DP\n\nState, transition, base case.")
    assert topic_page(db, topic.id).notes == "# DP\n\nState, transition, base case."
    update_topic(db, topic.id, name="Dynamic programming", area="coding")
    assert find_topic(db, "Dynamic programming").id == topic.id
    add_topic(db, "Graphs")
    with pytest.raises(Conflict):
        update_topic(db, topic.id, name="graphs")

    paper = add_paper(db, "A DP paper", topics=["Dynamic programming"])
    q = add_technical_question(db, "Edit distance?", topic="Dynamic programming")
    delete_topic(db, topic.id)
    with pytest.raises(NotFound):
        find_topic(db, "Dynamic programming")
    assert find_paper(db, str(paper.id)).topics == []
    assert get_technical_question(db, q.id).topic is None
