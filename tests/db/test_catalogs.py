"""The bundled catalogs are complete and consistent, and ship inside the package."""

from __future__ import annotations

import re

from tracker.db.tables import ROUND_KINDS
from tracker.services.catalog import (
    catalog_papers,
    catalog_problems,
    catalog_questions,
    lookup_problem,
    round_kinds,
)

SPOT_CHECKS = {
    1: ("Two Sum", "two-sum", "easy"),
    121: ("Best Time to Buy and Sell Stock", "best-time-to-buy-and-sell-stock", "easy"),
    200: ("Number of Islands", "number-of-islands", "medium"),
    23: ("Merge k Sorted Lists", "merge-k-sorted-lists", "hard"),
    295: ("Find Median from Data Stream", "find-median-from-data-stream", "hard"),
    269: ("Alien Dictionary", "alien-dictionary", "hard"),
}


def test_problem_lists_have_the_right_size_and_unique_keys() -> None:
    for name, size in (("blind75", 75), ("neetcode150", 150)):
        items = catalog_problems(name)
        assert len(items) == size
        assert len({p.number for p in items}) == size
        assert len({p.slug for p in items}) == size
        assert all(p.difficulty in ("easy", "medium", "hard") for p in items)
        assert all(p.patterns for p in items)


def test_lists_agree_with_each_other_and_with_leetcode() -> None:
    neet = {p.number: p for p in catalog_problems("neetcode150")}
    for p in catalog_problems("blind75"):
        if p.number in neet:
            assert (neet[p.number].title, neet[p.number].slug) == (p.title, p.slug)
    for number, (title, slug, difficulty) in SPOT_CHECKS.items():
        p = lookup_problem(number)
        assert p is not None and (p.title, p.slug, p.difficulty) == (title, slug, difficulty)


def test_papers_catalog() -> None:
    papers = catalog_papers()
    assert len(papers) >= 40
    titles = {p["title"] for p in papers}
    for required in ("Attention Is All You Need", "Deep Residual Learning for Image Recognition"):
        assert required in titles
    ids = [p["arxiv_id"] for p in papers if p["arxiv_id"]]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"\d{4}\.\d{4,5}", i) for i in ids)
    assert all(p["domain"] and p["year"].isdigit() for p in papers)


def test_behavioral_questions_grouped_by_competency() -> None:
    questions = catalog_questions()
    assert len(questions) >= 40
    by = {}
    for q in questions:
        by.setdefault(q["competency"], []).append(q["text"])
    assert len(by) >= 8
    assert len({q["text"].lower() for q in questions}) == len(questions)


def test_round_kinds_cover_every_kind_with_prep_days() -> None:
    kinds = round_kinds()
    assert set(kinds) == set(ROUND_KINDS)
    assert kinds["coding"].prep_days == 14
    assert kinds["ml-system-design"].prep_days == 7
    assert kinds["behavioral"].prep_days == 3
