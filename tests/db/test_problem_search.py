"""The problems filter searches one column (problem.search_text) that triggers keep current: every write that can
change what a problem is found by changes what the filter finds, at once."""

from __future__ import annotations

import sqlite3

from tracker.services.base import Database
from tracker.services.pipeline import update_company
from tracker.services.problems import (
    ProblemFilter,
    add_problem,
    count_problems,
    delete_problem,
    list_problems,
    problem_page,
    update_problem,
)


def found(db: Database, text: str) -> list[str]:
    return [r.title for r in list_problems(db, ProblemFilter(search=text))]


def test_edits_to_title_gist_and_tags_change_what_the_filter_finds(db: Database) -> None:
    pid = add_problem(
        db, "Alpha Paths", number=9001, patterns=["Graphs"], companies=["Acme"], lists=["Blind 75"]
    ).id
    add_problem(db, "Bravo Heap", number=9002)
    assert found(db, "graphs") == found(db, "ACME") == found(db, "blind") == ["Alpha Paths"]

    update_problem(db, pid, title="Alpha Trails", gist="BFS from every gate")
    assert found(db, "trails") == found(db, "every gate") == ["Alpha Trails"]
    assert found(db, "paths") == []

    update_problem(db, pid, patterns=["Heap / Priority Queue"], companies=[], lists=[])
    assert found(db, "graphs") == found(db, "acme") == found(db, "blind") == []
    assert found(db, "heap") == ["Alpha Trails", "Bravo Heap"]  # the new pattern, and the other one's title


def test_renaming_a_company_is_found_under_its_new_name(db: Database) -> None:
    add_problem(db, "Alpha Paths", number=9001, companies=["Acme"])  # the tag makes the company
    with sqlite3.connect(db.path) as con:
        cid = con.execute("SELECT id FROM company WHERE name = 'Acme'").fetchone()[0]
    update_company(db, cid, name="Globex")
    assert found(db, "globex") == ["Alpha Paths"] and found(db, "acme") == []


def test_a_term_never_spans_two_fields_and_deleted_problems_are_gone(db: Database) -> None:
    pid = add_problem(db, "Two Sum", number=9001, gist="hash map", patterns=["Arrays"]).id
    assert found(db, "sum hash") == []  # the end of the title and the start of the gist are not one text
    assert found(db, "9001") == ["Two Sum"]
    delete_problem(db, pid)
    assert found(db, "two") == []


def test_a_page_carries_the_count_of_every_match(db: Database) -> None:
    for n in range(1, 26):
        add_problem(db, f"Problem {n}", number=1000 + n)
    flt = ProblemFilter(search="problem 1")
    total, rows = problem_page(db, flt, limit=5)
    assert total == count_problems(db, flt) == 11
    assert [r.number for r in rows] == [1001, 1010, 1011, 1012, 1013]
    total, rows = problem_page(db, flt, limit=5, offset=20)  # past the end: the count still comes back
    assert (total, rows) == (11, [])
    assert problem_page(db, ProblemFilter(search="zzz"), limit=5) == (0, [])
