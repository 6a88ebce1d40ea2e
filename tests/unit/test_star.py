"""STAR rules: word counts, speaking time, best story, coverage, company values."""

from __future__ import annotations

from datetime import UTC, datetime

from tracker.domain.star import (
    COVERED,
    UNCOVERED,
    WEAK,
    LinkFacts,
    QuestionFacts,
    StoryFacts,
    best_story,
    compute_coverage,
    format_duration,
    normalize_tags,
    parse_values,
    speaking_seconds,
    star_counts,
    tag_key,
    value_coverage,
    word_count,
)


def test_word_count_ignores_markdown_punctuation() -> None:
    assert word_count("") == 0
    assert word_count(None) == 0
    assert word_count("- shipped **the** fix\n- cut p99 by 38%") == 7
    assert word_count("# Heading\n\n* * *\n1. one") == 3
    assert word_count("don't stop-believing") == 2


def test_speaking_time_at_140_words_per_minute() -> None:
    assert speaking_seconds(140) == 60
    assert speaking_seconds(70) == 30
    assert speaking_seconds(0) == 0
    assert format_duration(speaking_seconds(350)) == "2:30"
    assert format_duration(3725) == "1:02:05"


def test_star_counts_per_field_and_total() -> None:
    c = star_counts("one two", "three", "", "four five six")
    assert c.as_dict() == {"situation": 2, "task": 1, "action": 0, "result": 3}
    assert c.total == 6
    assert c.seconds == round(6 * 60 / 140)


def s(id: int, strength: int = 3, rehearsals: int = 1, last: int | None = None, tags=()) -> StoryFacts:
    at = datetime(2026, 11, last, tzinfo=UTC) if last else None
    return StoryFacts(id, f"story {id}", strength, rehearsals, at, tuple(tags))


def test_best_story_marked_beats_stronger() -> None:
    strong, marked = s(1, strength=5), s(2, strength=2)
    assert best_story([(strong, False), (marked, True)]) is marked


def test_best_story_unmarked_prefers_strength_then_rehearsals_then_recent_then_id() -> None:
    assert best_story([(s(1, 3), False), (s(2, 4), False)]).id == 2
    assert best_story([(s(1, 4, 1), False), (s(2, 4, 3), False)]).id == 2
    assert best_story([(s(1, 4, 2, last=3), False), (s(2, 4, 2, last=9), False)]).id == 2
    assert best_story([(s(5, 4, 2), False), (s(3, 4, 2), False)]).id == 3
    assert best_story([]) is None


def test_coverage_statuses_counts_and_order() -> None:
    questions = [
        QuestionFacts(1, "Conflict A", "conflict"),
        QuestionFacts(2, "Conflict B", "conflict"),
        QuestionFacts(3, "Lead A", "leadership"),
        QuestionFacts(4, "Lead B", "leadership"),
        QuestionFacts(5, "Own question", None),
    ]
    stories = [
        s(10, strength=5, rehearsals=2),
        s(11, strength=2, rehearsals=4),
        s(12, strength=4, rehearsals=0),
    ]
    links = [
        LinkFacts(10, 1),
        LinkFacts(11, 2),  # strength 2 → weak
        LinkFacts(12, 3),  # never rehearsed → weak
        LinkFacts(11, 3, is_best=True),  # marked best, still weak
        LinkFacts(99, 4),  # a dangling link is ignored
    ]
    cov = compute_coverage(questions, stories, links)
    status = {q.question.id: q.status for q in cov.questions}
    assert status == {1: COVERED, 2: WEAK, 3: WEAK, 4: UNCOVERED, 5: UNCOVERED}
    assert cov.for_question(3).best.id == 11
    assert [q.status for q in cov.questions] == [UNCOVERED, UNCOVERED, WEAK, WEAK, COVERED]
    assert (cov.total, cov.covered, cov.weak, cov.uncovered) == (5, 3, 2, 2)
    per = {c.competency: (c.questions, c.covered, c.weak, c.uncovered) for c in cov.competencies}
    assert per == {"conflict": (2, 2, 1, 0), "leadership": (2, 1, 1, 1), "other": (1, 0, 0, 1)}
    assert cov.competencies[0].competency == "leadership"  # most gaps first
    assert cov.for_question(2).reason == "strength 2"
    assert cov.for_question(4).reason == "no story"


def test_unlinked_stories_are_reported() -> None:
    cov = compute_coverage([QuestionFacts(1, "q")], [s(1), s(2)], [LinkFacts(1, 1)])
    assert [x.id for x in cov.unlinked_stories] == [2]


def test_tags_and_values_compare_loosely() -> None:
    assert tag_key("Bias for Action") == tag_key("bias-for-action") == "bias-for-action"
    assert normalize_tags(["Conflict", "conflict ", "a, b", " "]) == ["conflict", "a", "b"]
    assert parse_values("- Ownership\n\n* Bias for action\nownership\n2. Dive Deep") == [
        "Ownership",
        "Bias for action",
        "Dive Deep",
    ]
    stories = [s(1, 2, tags=["bias-for-action"]), s(2, 5, tags=["Bias for action", "x"]), s(3, tags=["y"])]
    result = value_coverage(["Bias for action", "Frugality"], stories)
    assert [st.id for st in result[0].stories] == [2, 1]
    assert result[1].covered is False
