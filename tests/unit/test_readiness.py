from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tracker.domain.mastery import Mastery
from tracker.domain.readiness import (
    ReadinessEvidence,
    RoundInfo,
    StoryEvidence,
    TopicEvidence,
    behavioral,
    normalise_kind,
    parts_for_kind,
    readiness,
)

NOW = datetime(2025, 5, 1, 9, tzinfo=UTC)
SOON = NOW + timedelta(days=5)
M = Mastery


def coding_round(kind: str = "phone screen") -> RoundInfo:
    return RoundInfo(1, "Acme", kind, SOON)


def test_kind_mapping() -> None:
    assert normalise_kind(" ML_System Design ") == "ml-system-design"
    assert parts_for_kind("Phone Screen") == ("coding",)
    assert parts_for_kind("ml-depth") == ("depth",)
    assert parts_for_kind("System design") == ("design",)
    assert parts_for_kind("onsite") == ("coding", "design", "behavioral")
    assert parts_for_kind("team lunch") == ()


def test_coding_all_bug_free_is_100() -> None:
    ev = ReadinessEvidence(company_problems=(M.BUG_FREE,) * 4, core_problems=(M.BUG_FREE,) * 10)
    result = readiness(coding_round(), ev, NOW)
    assert result.score == 100
    assert result.reasons == []
    assert result.parts == {"coding": 100}


def test_coding_mastery_weights_and_reasons() -> None:
    ev = ReadinessEvidence(
        company_problems=(M.BUG_FREE, M.HAS_BUGS, None, None),  # (1 + 2/3) / 4
        core_problems=(M.BRUTE_FORCE, M.BUG_FREE),  # (1/3 + 1) / 2
    )
    result = readiness(coding_round(), ev, NOW)
    expected = 0.6 * (5 / 3) / 4 + 0.4 * (4 / 3) / 2
    assert result.score == round(100 * expected)
    assert result.reasons == [
        "Try 2 untried Acme problems",
        "Re-solve 1 Acme problem not yet bug free",
        "Re-solve 1 core-list problem not yet bug free",
    ]


def test_due_reviews_lower_the_score_and_come_first() -> None:
    base = ReadinessEvidence(company_problems=(M.BUG_FREE,) * 3)
    due = ReadinessEvidence(company_problems=(M.BUG_FREE,) * 3, due_reviews=6)
    assert readiness(coding_round(), base, NOW).score == 100
    result = readiness(coding_round(), due, NOW)
    assert result.score == 82
    assert result.reasons[0] == "Rate 6 due reviews"
    many = readiness(coding_round(), ReadinessEvidence(company_problems=(M.BUG_FREE,), due_reviews=50), NOW)
    assert many.score == 70  # capped at -30 %


def test_more_mastery_never_lowers_the_score() -> None:
    previous = -1
    for level in [None, *Mastery]:
        ev = ReadinessEvidence(company_problems=(level, M.HAS_BUGS), core_problems=(level,))
        score = readiness(coding_round(), ev, NOW).score
        assert score >= previous
        previous = score


def test_no_problems_says_what_to_do() -> None:
    result = readiness(coding_round(), ReadinessEvidence(), NOW)
    assert result.score == 0
    assert result.reasons == ["Tag Acme problems or pick a core list to practise"]


def test_design_uses_round_topics_only() -> None:
    round_ = RoundInfo(2, "Acme", "ML design", SOON, topics=("Recommender systems", "ranking"))
    ev = ReadinessEvidence(
        topics=(
            TopicEvidence("Recommender Systems", papers_read=1, papers_total=4, page_reviewed=True),
            TopicEvidence("Ranking", papers_read=0, papers_total=0, page_reviewed=False),
            TopicEvidence("Diffusion", papers_read=0, papers_total=9, page_reviewed=False),
        )
    )
    result = readiness(round_, ev, NOW)
    # design: 60 % pages (1 of 2), 40 % papers (1 of 4)
    assert result.score == round(100 * (0.6 * 0.5 + 0.4 * 0.25))
    assert result.reasons == [
        "Read 3 papers on Recommender Systems",
        "Add papers on Ranking",
        "Review the topic page for Ranking",
    ]


def test_depth_weights_papers_more() -> None:
    ev = ReadinessEvidence(topics=(TopicEvidence("Transformers", 4, 4, False),))
    depth = readiness(RoundInfo(3, "Acme", "ml-depth", SOON, ("transformers",)), ev, NOW)
    design = readiness(RoundInfo(3, "Acme", "system design", SOON, ("transformers",)), ev, NOW)
    assert depth.score == 60
    assert design.score == 40


def test_behavioral_counts_only_strong_rehearsed_stories() -> None:
    ev = ReadinessEvidence(
        question_ids=(1, 2, 3, 4, 5, 6, 7, 8),
        stories=(
            StoryEvidence(10, strength=4, rehearsals=2, question_ids=(1, 2)),
            StoryEvidence(11, strength=3, rehearsals=0, question_ids=(3,)),
            StoryEvidence(12, strength=2, rehearsals=5, question_ids=(4,)),
        ),
    )
    result = readiness(RoundInfo(4, "Acme", "behavioral", SOON), ev, NOW)
    assert result.score == 25  # 2 of 8 covered
    assert result.reasons == [
        "Write a story for 4 uncovered questions",
        "Strengthen the stories for 1 question (to strength 3+)",
        "Rehearse 1 strong story",
    ]


def test_behavioral_part_scored_once_gives_the_same_result_for_every_round() -> None:
    stories = (
        StoryEvidence(10, strength=4, rehearsals=2, question_ids=(1, 2)),
        StoryEvidence(11, strength=3, rehearsals=0, question_ids=(3,)),
    )
    rounds = [RoundInfo(4, "Acme", "behavioral", SOON), RoundInfo(5, "Acme", "onsite", SOON)]
    ev = ReadinessEvidence(company_problems=(M.HAS_BUGS,), question_ids=(1, 2, 3, 4), stories=stories)
    shared = behavioral(ReadinessEvidence(question_ids=(1, 2, 3, 4), stories=stories))
    for info in rounds:
        assert readiness(info, ev, NOW, behavioral_part=shared) == readiness(info, ev, NOW)
    assert readiness(rounds[0], ev, NOW).score == 50  # 2 of 4 covered


def test_prep_hours_count_for_twenty_percent() -> None:
    ev = ReadinessEvidence(company_problems=(M.BUG_FREE,), prep_hours_done=2.5, prep_hours_planned=10)
    result = readiness(coding_round(), ev, NOW)
    assert result.score == round(100 * (0.8 + 0.2 * 0.25))
    assert result.parts == {"coding": 100, "prep hours": 25}
    assert result.reasons == ["Do 7.5 more prep hours (2.5 of 10 done)"]


def test_onsite_averages_parts_weakest_first() -> None:
    ev = ReadinessEvidence(
        company_problems=(M.BUG_FREE, M.BUG_FREE),
        topics=(TopicEvidence("Caching", 1, 2, True),),
        question_ids=(1, 2),
    )
    result = readiness(RoundInfo(5, "Acme", "onsite", SOON, ("caching",)), ev, NOW)
    assert result.parts == {"coding": 100, "design": 80, "behavioral": 0}
    assert result.score == 60
    assert result.reasons[0] == "Write a story for 2 uncovered questions"


def test_unknown_kind_and_started_round() -> None:
    result = readiness(RoundInfo(6, "Acme", "team lunch", NOW - timedelta(hours=1)), ReadinessEvidence(), NOW)
    assert result.score == 0
    assert result.reasons == ["The round has started: record its outcome", "Plan prep hours for this round"]
    halfway = readiness(
        RoundInfo(6, "Acme", "team lunch"), ReadinessEvidence(prep_hours_done=1, prep_hours_planned=2), NOW
    )
    assert halfway.score == 50


@pytest.mark.parametrize("kind", ["phone screen", "ml design", "ml-depth", "behavioral", "onsite", "lunch"])
def test_score_bounds(kind: str) -> None:
    ev = ReadinessEvidence(
        company_problems=(M.BUG_FREE,) * 3,
        due_reviews=100,
        topics=(TopicEvidence("x", 10, 3, True),),
        question_ids=(1,),
        stories=(StoryEvidence(1, 5, 3, (1, 2)),),
        prep_hours_done=50,
        prep_hours_planned=5,
    )
    result = readiness(RoundInfo(1, "A", kind, SOON), ev, NOW)
    assert 0 <= result.score <= 100
