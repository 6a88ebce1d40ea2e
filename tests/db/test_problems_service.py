"""Problems service: rating writes an attempt and moves the FSRS card; paging, sorting, filtering; edit/delete."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tracker.domain.mastery import Mastery
from tracker.services.base import Database, Invalid, NotFound
from tracker.services.problems import (
    ProblemFilter,
    add_problem,
    count_grouped_by_pattern,
    count_problems,
    delete_problem,
    get_problem,
    list_grouped_by_pattern,
    list_problems,
    preview_rating,
    problem_detail,
    rate_problem,
    update_problem,
)

AT = datetime(2026, 11, 16, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("rating", "days"),
    [("no-clue", 1.0), ("brute-force", 1.5), ("has-bugs", None), ("bug-free", None)],
)
def test_first_rating_is_a_learning_step_with_the_fsrs_due_date(
    db: Database, rating: str, days: float | None
) -> None:
    p = add_problem(db, "Two Sum", number=1)
    result = rate_problem(db, p.id, rating, minutes=12, at=AT)
    assert result.problem.mastery == rating
    assert result.problem.attempts == 1
    if days is not None:
        assert result.next_due_at == AT + timedelta(days=days)
    else:
        assert result.next_due_at > AT + timedelta(days=1)
    # The preview shown before choosing is the date the rating then gives.
    p2 = add_problem(db, "Valid Anagram", number=242)
    assert preview_rating(db, p2.id, at=AT)[int(Mastery.parse(rating))] == result.next_due_at


def test_easier_ratings_give_later_reviews(db: Database) -> None:
    p = add_problem(db, "Two Sum", number=1)
    rate_problem(db, p.id, 3, at=AT)
    preview = preview_rating(db, p.id, at=AT + timedelta(days=3))
    assert preview[1] < preview[2] < preview[3] < preview[4]


def test_rating_is_recorded_in_detail_with_history_and_recall(db: Database) -> None:
    p = add_problem(db, "Two Sum", number=1)
    rate_problem(db, p.id, "no-clue", minutes=30, note="forgot the hash map", at=AT)
    rate_problem(db, p.id, "bug-free", minutes=8, gist="one pass with a dict", at=AT + timedelta(days=1))
    detail = problem_detail(db, p.id, now=AT + timedelta(days=2))
    assert [a.rating for a in detail.attempts] == ["bug-free", "no-clue"]
    assert detail.attempts[1].note == "forgot the hash map" and detail.attempts[1].minutes == 30
    assert detail.problem.gist == "one pass with a dict"
    assert detail.retrievability is not None and 0.5 < detail.retrievability <= 1.0


def test_a_back_dated_attempt_is_replayed_in_time_order(db: Database) -> None:
    """Rating an attempt made before the latest one (``rate --at "3 days ago"``) keeps the mastery and the next
    review of the latest attempt: the card is what rating both in the order they happened gives."""
    back_dated = add_problem(db, "Two Sum", number=1)
    rate_problem(db, back_dated.id, "bug-free", at=AT)
    result = rate_problem(db, back_dated.id, "no-clue", at=AT - timedelta(days=3))
    in_order = add_problem(db, "Valid Anagram", number=242)
    rate_problem(db, in_order.id, "no-clue", at=AT - timedelta(days=3))
    expected = rate_problem(db, in_order.id, "bug-free", at=AT)
    assert result.problem.mastery == "bug-free"
    assert result.next_due_at == expected.next_due_at > AT
    row = get_problem(db, back_dated.id)
    assert (row.mastery, row.attempts, row.due_at) == ("bug-free", 2, expected.next_due_at)
    assert row.last_attempt_at == AT
    assert [a.rating for a in problem_detail(db, back_dated.id, now=AT).attempts] == ["bug-free", "no-clue"]


def test_bad_rating_and_minutes_change_nothing(db: Database) -> None:
    p = add_problem(db, "Two Sum", number=1)
    with pytest.raises(Invalid):
        rate_problem(db, p.id, "great")
    with pytest.raises(Invalid):
        rate_problem(db, p.id, 4, minutes=-3)
    with pytest.raises(NotFound):
        rate_problem(db, 999, 4)
    assert get_problem(db, p.id).attempts == 0


def _many(db: Database) -> None:
    # Numbers outside the bundled catalogs, so nothing is filled in from them.
    add_problem(
        db, "Two Sum", number=9001, patterns=["Arrays & Hashing"], companies=["Northwind AI"], gist="dict"
    )
    add_problem(db, "Valid Anagram", number=9242, difficulty="easy", patterns=["Arrays & Hashing"])
    add_problem(
        db, "Median of Two Sorted Arrays", number=9004, patterns=["Binary Search"], lists=["Blind 75"]
    )
    add_problem(db, "[bold]Odd[/] title", number=99001, difficulty="hard")


def test_filter_as_you_type_matches_title_number_gist_and_tags(db: Database) -> None:
    _many(db)

    def titles(text: str) -> list[str]:
        return [r.title for r in list_problems(db, ProblemFilter(search=text))]

    assert titles("anagram") == ["Valid Anagram"]
    assert titles("9242") == ["Valid Anagram"]
    assert titles("dict") == ["Two Sum"]
    assert titles("northwind") == ["Two Sum"]
    assert titles("binary") == ["Median of Two Sorted Arrays"]
    assert titles("blind") == ["Median of Two Sorted Arrays"]
    assert titles("[bold]") == ["[bold]Odd[/] title"]


def test_sort_by_any_column_with_empty_values_last(db: Database) -> None:
    _many(db)
    rate_problem(db, 2, "bug-free", at=AT)
    keys = ["number", "difficulty", "patterns", "companies", "attempts"]
    asc = {k: [r.id for r in list_problems(db, ProblemFilter(order_by=k))] for k in keys}
    assert asc["number"] == [1, 3, 2, 4]
    assert asc["difficulty"][:2] == [2, 4]  # easy, hard; unknown last
    assert asc["patterns"][:3] == [1, 2, 3] and asc["patterns"][-1] == 4
    assert asc["companies"][0] == 1
    desc = [r.id for r in list_problems(db, ProblemFilter(order_by="attempts", descending=True))]
    assert desc[0] == 2
    desc_patterns = [r.id for r in list_problems(db, ProblemFilter(order_by="patterns", descending=True))]
    assert desc_patterns[0] == 3 and desc_patterns[-1] == 4


def test_pages_with_limit_and_offset(db: Database) -> None:
    for n in range(1, 26):
        add_problem(db, f"Problem {n}", number=1000 + n)
    first = list_problems(db, ProblemFilter(), limit=10)
    third = list_problems(db, ProblemFilter(), limit=10, offset=20)
    assert [r.number for r in first] == list(range(1001, 1011))
    assert [r.number for r in third] == list(range(1021, 1026))
    assert count_problems(db, ProblemFilter(search="Problem 1")) == 11


def test_views_due_and_weak(db: Database) -> None:
    _many(db)
    rate_problem(db, 1, "no-clue", at=AT - timedelta(days=5))
    rate_problem(db, 2, "bug-free", at=AT)
    rate_problem(db, 3, "has-bugs", at=AT)
    rate_problem(db, 4, "brute-force", at=AT)
    due = list_problems(db, ProblemFilter(due=True, now=AT))
    assert [r.id for r in due] == [1]
    weak = list_problems(db, ProblemFilter(weak=True))
    assert sorted(r.id for r in weak) == [1, 3]


def test_group_by_pattern_lists_a_problem_under_each_pattern(db: Database) -> None:
    add_problem(db, "A", number=9001, patterns=["Graphs", "Arrays"])
    add_problem(db, "B", number=9002, patterns=["Graphs"])
    add_problem(db, "C", number=9003)
    rows = list_grouped_by_pattern(db, ProblemFilter())
    assert [(g.group, g.problem.title) for g in rows] == [
        ("Arrays", "A"),
        ("Graphs", "A"),
        ("Graphs", "B"),
        (None, "C"),
    ]
    assert count_grouped_by_pattern(db) == 4
    assert [g.problem.title for g in list_grouped_by_pattern(db, limit=2, offset=2)] == ["B", "C"]


def test_update_replaces_tags_and_refuses_a_taken_number(db: Database) -> None:
    _many(db)
    row = update_problem(
        db, 2, title="Valid Anagram!", patterns=["Sorting"], companies=["Lumen"], notes="# hi"
    )
    assert row.title == "Valid Anagram!" and row.patterns == ["Sorting"] and row.companies == ["Lumen"]
    assert problem_detail(db, 2).notes == "# hi"
    with pytest.raises(Invalid):
        update_problem(db, 2, number=9001)
    assert get_problem(db, 2).number == 9242


def test_delete_removes_problem_and_attempts(db: Database) -> None:
    _many(db)
    rate_problem(db, 1, 4, at=AT)
    assert delete_problem(db, 1) == "Two Sum"
    with pytest.raises(NotFound):
        get_problem(db, 1)
    assert count_problems(db) == 3


def test_loading_a_list_merges_a_problem_added_by_hand_without_its_number(db: Database) -> None:
    """ "Two Sum" added by title (no number) is the catalog's #1: loading Blind 75 fills it in, adds no second one."""
    from tracker.services.catalog import load_catalog

    mine = add_problem(db, "Two Sum", gist="hash map of complements")
    report = load_catalog(db, "blind75")
    assert (report.added, report.merged) == (74, 1)
    row = get_problem(db, mine.id)
    assert (row.number, row.slug, row.gist, row.difficulty) == (
        1,
        "two-sum",
        "hash map of complements",
        "easy",
    )
    assert "Blind 75" in row.lists
    assert load_catalog(db, "neetcode150").merged == 75
    assert [r.title for r in list_problems(db, ProblemFilter(search="two sum"))].count("Two Sum") == 1
