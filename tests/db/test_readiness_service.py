"""Round readiness gathered from the database (the scoring itself is unit-tested in tests/unit)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.golden.fixture import NOW, fixed_copy
from tracker.services.base import Database
from tracker.services.readiness import round_readiness


@pytest.fixture
def fixed(tmp_path: Path) -> Iterator[tuple[Database, dict[str, int]]]:
    db, ids = fixed_copy(tmp_path / "fixed.db")
    yield db, ids
    db.close()


def test_coding_round_uses_company_problems_core_lists_due_reviews_and_prep_hours(
    fixed: tuple[Database, dict[str, int]],
) -> None:
    db, ids = fixed
    r = round_readiness(db, [ids["coding"]], NOW)[ids["coding"]]
    # company: bug free, no clue, untried = 1/3; core lists (Blind 75 + NeetCode 150): 4, 3, 1 = (1 + 2/3)/3;
    # one due review: x0.97; prep 1 of 2.5 h done.
    coding = (0.6 * (1 / 3) + 0.4 * (5 / 9)) * 0.97
    assert r.parts == {"coding": round(100 * coding), "prep hours": 40}
    assert r.score == round(100 * (0.8 * coding + 0.2 * 0.4))
    assert r.reasons == (
        "Rate 1 due review",
        "Try 1 untried Acme [AI] problem",
        "Re-solve 1 Acme [AI] problem not yet bug free",
        "Re-solve 2 core-list problems not yet bug free",
        "Do 1.5 more prep hours (1 of 2.5 done)",
    )
    assert r.hint == f"ready {r.score}%"


def test_rating_a_company_problem_raises_the_score(fixed: tuple[Database, dict[str, int]]) -> None:
    db, ids = fixed
    from tracker.services.problems import rate_problem

    before = round_readiness(db, [ids["coding"]], NOW)[ids["coding"]].score
    rate_problem(db, ids["lru"], "bug-free", at=NOW - timedelta(minutes=5))
    after = round_readiness(db, [ids["coding"]], NOW)[ids["coding"]]
    assert after.score > before
    assert not any("untried" in reason and "Acme" in reason for reason in after.reasons)


def test_design_round_counts_papers_read_and_reviewed_pages_in_its_topics(
    fixed: tuple[Database, dict[str, int]],
) -> None:
    db, ids = fixed
    r = round_readiness(db, [ids["design"]], NOW)[ids["design"]]
    assert r.parts == {"design": round(100 * (0.4 * 2 / 3 + 0.6))}
    assert r.reasons == ("Read 1 paper on Transformers",)
    # A month later the topic page is stale: it no longer counts as reviewed.
    later = round_readiness(db, [ids["design"]], NOW + timedelta(days=30))[ids["design"]]
    assert later.parts["design"] == round(100 * 0.4 * 2 / 3)
    assert "Review the topic page for Transformers" in later.reasons


def test_behavioral_round_is_the_share_of_questions_with_strong_rehearsed_stories(
    fixed: tuple[Database, dict[str, int]],
) -> None:
    db, ids = fixed
    from tracker.services.questions import add_question
    from tracker.services.stories import link_story

    r = round_readiness(db, [ids["behavioral"]], NOW)[ids["behavioral"]]
    assert r.score == 50 and r.reasons == ("Write a story for 1 uncovered question",)
    q = add_question(db, "Tell me about a time you led.", kind="behavioral")
    link_story(db, ids["story"], q.id)
    assert round_readiness(db, [ids["behavioral"]], NOW)[ids["behavioral"]].score == 67


def test_many_rounds_at_once_and_unknown_ids_left_out(fixed: tuple[Database, dict[str, int]]) -> None:
    db, ids = fixed
    wanted = [ids["coding"], ids["design"], ids["behavioral"], 999]
    result = round_readiness(db, wanted, NOW)
    assert set(result) == {ids["coding"], ids["design"], ids["behavioral"]}
    assert round_readiness(db, [], NOW) == {}
    one_by_one = {i: round_readiness(db, [i], NOW)[i] for i in result}
    assert result == one_by_one


def test_json_shape(fixed: tuple[Database, dict[str, int]]) -> None:
    db, ids = fixed
    doc = round_readiness(db, [ids["design"]], NOW)[ids["design"]].to_json()
    assert doc["id"] == ids["design"] and doc["company"] == "Acme [AI]"
    assert set(doc) == {"id", "company", "kind", "scheduled_at", "score", "parts", "reasons"}
