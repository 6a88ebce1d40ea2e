"""Names and titles as people type them: any script and case, stray blanks, composed or not; search text taken
literally."""

from __future__ import annotations

import unicodedata

import pytest

from tracker.services.base import NAME_MAX, Database, Invalid
from tracker.services.papers import add_paper, find_paper
from tracker.services.problems import (
    ProblemFilter,
    add_problem,
    find_problem,
    list_problems,
    rate_problem,
    update_problem,
)
from tracker.services.stories import add_story


def test_a_title_is_found_whatever_its_case_in_any_script(db: Database) -> None:
    for title in ("Ärger Problem", "Straße Planning", "Ünïcödé only", "Два указателя"):
        p = add_problem(db, title)
        assert find_problem(db, title.upper()).id == p.id
        assert find_problem(db, title.lower()).id == p.id
    rate_problem(db, find_problem(db, "ärger problem").id, "has-bugs")
    assert find_problem(db, "Ärger Problem").attempts == 1


def test_a_slug_is_stored_as_a_slug_and_found_as_typed(db: Database) -> None:
    p = add_problem(db, "Ünï Prob", slug="UPPER Slug")
    assert p.slug == "upper-slug"
    for ref in ("UPPER Slug", "upper slug", "upper-slug", "Ünï Prob", "ÜNÏ PROB"):
        assert find_problem(db, ref).id == p.id, ref
    assert update_problem(db, p.id, slug="  Other  Slug ").slug == "other-slug"
    with pytest.raises(Invalid, match="already exists"):
        add_problem(db, "Something else", slug="OTHER slug")  # the first one's slug, typed another way


def test_papers_differing_only_in_case_or_composition_are_one_paper(db: Database) -> None:
    nfc = "Café Attention"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    paper = add_paper(db, "Ünïcödé Only Paper")
    assert find_paper(db, "ünïcödé only paper").id == paper.id
    add_paper(db, nfc)
    for same in (nfd, nfc.upper(), "café attention"):
        with pytest.raises(Exception, match="already exists"):
            add_paper(db, same)


def test_titles_are_one_line_and_not_endless(db: Database) -> None:
    p = add_problem(db, "Tab\tand\nnew   line ")
    assert p.title == "Tab and new line"
    story = add_story(db, "  My\nbest   story ", situation="s", task="t", action="a", result="r")
    assert story.title == "My best story"
    with pytest.raises(Invalid, match="too long"):
        add_problem(db, "x" * (NAME_MAX + 1))
    with pytest.raises(Invalid, match="too long"):
        add_paper(db, "y" * 100_000)
    assert [r.title for r in list_problems(db, ProblemFilter())] == ["Tab and new line"]


def test_percent_and_underscore_in_a_search_are_text(db: Database) -> None:
    for title in ("Alpha", "Beta_x", "Gamma 50%"):
        add_problem(db, title)

    def found(text: str) -> list[str]:
        return sorted(r.title for r in list_problems(db, ProblemFilter(search=text)))

    assert found("%") == ["Gamma 50%"]
    assert found("_") == ["Beta_x"]
    assert found("l_h") == []
    assert found("a_x") == ["Beta_x"]
    assert found("\\") == []


def test_company_and_column_names_are_one_name_whatever_the_case_or_composition(db: Database) -> None:
    from tracker.services.pipeline import add_column, add_company, list_companies, update_company

    add_company(db, "Émile AI")
    for same in ("émile ai", "ÉMILE AI", unicodedata.normalize("NFD", "Émile AI"), "  Émile \t AI "):
        with pytest.raises(Invalid, match="already exists"):
            add_company(db, same)
    other = add_company(db, "New\nLine   Co")
    assert other.name == "New Line Co"
    with pytest.raises(Invalid, match="already exists"):
        update_company(db, other.id, name="émile AI")
    assert sorted(c.name for c in list_companies(db)) == ["New Line Co", "Émile AI"]
    add_column(db, "Onsite")
    with pytest.raises(Invalid, match="already exists"):
        add_column(db, "ONSITE")
