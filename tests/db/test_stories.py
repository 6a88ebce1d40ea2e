"""Stories and the question bank on a real database: links from both sides, best story, coverage, rehearsals."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tracker.io.stories_md import export_stories
from tracker.services.base import Database, Invalid, NotFound
from tracker.services.pipeline import add_company
from tracker.services.questions import add_question, get_question, list_questions
from tracker.services.stories import (
    add_story,
    company_value_coverage,
    delete_story,
    get_story,
    link_story,
    links_for_question,
    links_for_story,
    list_stories,
    merge_catalog_questions,
    rehearse_story,
    set_best_story,
    set_question_links,
    set_story_links,
    story_coverage,
    unlink_story,
    update_story,
)


def _story(db: Database, title: str = "Shipped it", **kw) -> int:
    base = {"situation": "s", "task": "t", "action": "a", "result": "r"}
    base.update(kw)
    return add_story(db, title, **base).id


def _bank(db: Database) -> list[int]:
    merge_catalog_questions(
        db,
        [
            {"text": "Tell me about a conflict.", "competency": "conflict"},
            {"text": "Tell me about a disagreement.", "competency": "conflict"},
            {"text": "Tell me about leading.", "competency": "leadership"},
        ],
    )
    return [q.id for q in list_questions(db, kind="behavioral")]


def test_link_from_story_side_shows_on_question_side(db: Database) -> None:
    q1, q2, _ = _bank(db)
    sid = _story(db, question_ids=[q1])
    set_story_links(db, sid, {q1: False, q2: True})
    assert links_for_question(db, q2) == {sid: True}
    assert links_for_question(db, q1) == {sid: False}
    assert get_story(db, sid).question_ids == sorted([q1, q2])
    assert get_question(db, q2).story_ids == [sid]
    # Replacing the set removes what is no longer chosen.
    set_story_links(db, sid, {q2: False})
    assert links_for_question(db, q1) == {}
    assert links_for_story(db, sid) == {q2: False}


def test_link_from_question_side_shows_on_story_side(db: Database) -> None:
    q1, *_ = _bank(db)
    a, b = _story(db, "A"), _story(db, "B")
    set_question_links(db, q1, {a: False, b: True})
    assert links_for_story(db, a) == {q1: False}
    assert links_for_story(db, b) == {q1: True}
    assert get_story(db, b).best_for == [q1]
    assert get_question(db, q1).best_story_id == b
    set_question_links(db, q1, {a: True})
    assert links_for_story(db, b) == {}
    assert get_question(db, q1).best_story_id == a


def test_only_one_best_story_per_question(db: Database) -> None:
    q1, *_ = _bank(db)
    a, b = _story(db, "A", strength=5), _story(db, "B", strength=1)
    link_story(db, a, q1, best=True)
    link_story(db, b, q1, best=True)
    assert links_for_question(db, q1) == {a: False, b: True}
    # The marked story is the best even though the other is stronger.
    assert get_question(db, q1).best_story == "B"
    set_best_story(db, q1, a)
    assert links_for_question(db, q1) == {a: True, b: False}
    with pytest.raises(Invalid):
        set_question_links(db, q1, {a: True, b: True})
    assert links_for_question(db, q1) == {a: True, b: False}  # unchanged after a refused write
    set_best_story(db, q1, None)
    assert links_for_question(db, q1) == {a: False, b: False}
    assert get_question(db, q1).best_story_id == a  # without a mark: the strongest
    # Marking from the story side also clears the other mark.
    set_story_links(db, b, {q1: True})
    assert links_for_question(db, q1) == {a: False, b: True}


def test_linking_is_idempotent_and_unlink_refuses_a_missing_link(db: Database) -> None:
    q1, *_ = _bank(db)
    sid = _story(db)
    link_story(db, sid, q1)
    link_story(db, sid, q1)
    assert get_story(db, sid).question_ids == [q1]
    unlink_story(db, sid, q1)
    with pytest.raises(NotFound):
        unlink_story(db, sid, q1)


def test_bad_links_are_refused_and_change_nothing(db: Database) -> None:
    q1, *_ = _bank(db)
    tech = add_question(db, "Explain attention.", kind="technical").id
    sid = _story(db)
    with pytest.raises(NotFound):
        link_story(db, sid, 9999)
    with pytest.raises(NotFound):
        link_story(db, 9999, q1)
    with pytest.raises(Invalid):
        link_story(db, sid, tech)
    with pytest.raises(NotFound):
        set_story_links(db, sid, {q1: False, 9999: False})
    assert get_story(db, sid).question_ids == []
    with pytest.raises(NotFound):
        add_story(db, "Other", question_ids=[9999])
    assert [s.title for s in list_stories(db)] == ["Shipped it"]


def test_coverage_counts(db: Database) -> None:
    q1, q2, q3 = _bank(db)
    strong = _story(db, "Strong", strength=4)
    weak = _story(db, "Weak", strength=2)
    rehearse_story(db, strong, seconds=90)
    rehearse_story(db, weak, seconds=90)
    link_story(db, strong, q1)
    link_story(db, weak, q2)
    cov = story_coverage(db)
    assert (cov.total, cov.covered, cov.weak, cov.uncovered) == (3, 2, 1, 1)
    per = {c.competency: (c.questions, c.covered, c.weak, c.uncovered) for c in cov.competencies}
    assert per == {"conflict": (2, 2, 1, 0), "leadership": (1, 0, 0, 1)}
    assert [q.question.id for q in cov.questions] == [q3, q2, q1]  # uncovered, weak, covered
    # A never-rehearsed story is weak however strong.
    fresh = _story(db, "Fresh", strength=5)
    link_story(db, fresh, q3, best=True)
    assert story_coverage(db).for_question(q3).status == "weak"
    uncovered = list_questions(db, uncovered=True)
    assert uncovered == []
    gaps = list_questions(db, uncovered=True, weak=True)
    assert [q.id for q in gaps] == [q2, q3]  # both weak: by competency
    assert {q.reason for q in gaps} == {"strength 2", "never rehearsed"}


def test_rehearsal_records_time_and_strength(db: Database) -> None:
    sid = _story(db, strength=2)
    at = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
    row = rehearse_story(db, sid, seconds=125, strength=4, at=at)
    assert (row.rehearsals, row.strength, row.last_rehearsed_at) == (1, 4, at)
    earlier = rehearse_story(db, sid, seconds=60, at=datetime(2026, 11, 1, tzinfo=UTC))
    assert earlier.rehearsals == 2 and earlier.last_rehearsed_at == at and earlier.strength == 4
    with pytest.raises(Invalid):
        rehearse_story(db, sid, strength=9)
    assert get_story(db, sid).rehearsals == 2


def test_story_validation_and_update(db: Database) -> None:
    with pytest.raises(Invalid):
        add_story(db, "  ")
    with pytest.raises(Invalid):
        add_story(db, "T", strength=0)
    sid = _story(db, tags=["Conflict", "conflict", "Bias for action"])
    assert get_story(db, sid).tags == ["conflict", "bias for action"]
    row = update_story(db, sid, action="I **fixed** it\n- and more", strength=5)
    assert row.action == "I **fixed** it\n- and more" and row.strength == 5 and row.title == "Shipped it"
    assert row.counts.action == 5
    with pytest.raises(Invalid):
        update_story(db, sid, title="")
    assert get_story(db, sid).title == "Shipped it"
    delete_story(db, sid)
    with pytest.raises(NotFound):
        get_story(db, sid)


def test_questions_of_both_kinds_with_topic_and_company(db: Database) -> None:
    q = add_question(db, "What is KV caching?", kind="technical", topic="Transformers", company="Acme")
    assert (q.kind, q.topic, q.company, q.status) == ("technical", "Transformers", "Acme", None)
    b = add_question(db, "Tell me about a failure.", competency="Failure")
    assert (b.kind, b.competency, b.status) == ("behavioral", "failure", "uncovered")
    with pytest.raises(Invalid):
        add_question(db, "what is kv caching?")
    with pytest.raises(Invalid):
        add_question(db, "x", kind="trivia")
    assert [r.id for r in list_questions(db, topic="transformers")] == [q.id]
    assert [r.id for r in list_questions(db, company="ACME")] == [q.id]
    assert [r.id for r in list_questions(db, kind="technical")] == [q.id]
    with pytest.raises(NotFound):
        list_questions(db, topic="Nope")


def test_company_values_are_covered_by_tagged_stories(db: Database) -> None:
    from tracker.db.tables import Company

    cid = add_company(db, "Acme").id
    with db.write() as session:
        company = session.get(Company, cid)
        company.values = "Ownership\n- Bias for action\n\nFrugality"
    own = _story(db, "Owned it", tags=["ownership"], strength=3)
    fast = _story(db, "Moved fast", tags=["bias-for-action", "ownership"], strength=5)
    result = company_value_coverage(db, cid)
    assert [v.value for v in result.values] == ["Ownership", "Bias for action", "Frugality"]
    assert [s.id for s in result.values[0].stories] == [fast, own]
    assert [s.id for s in result.values[1].stories] == [fast]
    assert result.values[2].stories == () and result.covered == 2
    with pytest.raises(NotFound):
        company_value_coverage(db, 999)


def test_export_is_question_by_question_and_literal(db: Database) -> None:
    q1, _q2, _q3 = _bank(db)
    sid = _story(db, "[red]Alert[/] story", situation="It was *bad* [/]", strength=4)
    rehearse_story(db, sid, seconds=60)
    link_story(db, sid, q1, best=True)
    _story(db, "Lonely story")
    text = export_stories(db)
    assert text.startswith("# Behavioral question bank")
    assert "## Conflict" in text and "## Leadership" in text
    conflict = text.index("### Tell me about a conflict.")
    assert text.index("#### Best story: [red]Alert[/] story") > conflict
    assert "It was *bad* [/]" in text
    lead = text.index("### Tell me about leading.")
    assert "no story" in text[lead : lead + 200]
    assert "## Stories not linked to any question" in text and "Lonely story" in text
    assert text.index("Tell me about a conflict.") < text.index("Tell me about a disagreement.")
