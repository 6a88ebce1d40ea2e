"""Taking back a delete (tracker/services/undo.py): every row a delete removed comes back exactly, with its id,
links, attempts and rehearsals; a restore that cannot go back as it was changes nothing."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from tracker.services.base import Conflict, Database, NotFound
from tracker.services.undo import restore


def everything(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, as the file holds it."""
    con = sqlite3.connect(db.path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        con.close()


@pytest.mark.parametrize("area", ["problem", "paper", "story", "topic", "question"])
def test_a_deleted_item_comes_back_exactly(demo_db: Database, area: str) -> None:
    from tracker.services import papers, problems, qa, stories, topics

    if area == "problem":  # the most attempted problem: attempts, patterns, lists, companies
        con = sqlite3.connect(demo_db.path)
        item_id = con.execute(
            "SELECT problem_id FROM attempt GROUP BY problem_id ORDER BY count(*) DESC"
        ).fetchone()[0]
        con.close()
        remove: Any = problems.remove_problem
    elif area == "paper":
        item_id = next(p.id for p in papers.list_papers(demo_db) if p.topics)
        remove = papers.remove_paper
    elif area == "story":
        item_id = max(stories.list_stories(demo_db), key=lambda s: len(s.question_ids)).id
        remove = stories.remove_story
    else:
        con = sqlite3.connect(demo_db.path)
        # A topic: its notes, papers and rounds, and the questions filed under it (set to no topic).
        if area == "topic":
            item_id = con.execute(
                "SELECT topic_id FROM question WHERE topic_id IN (SELECT topic_id FROM paper_topic)"
                " AND topic_id IN (SELECT topic_id FROM round_topic)"
            ).fetchone()[0]
            remove = topics.remove_topic
        else:  # a technical question with its answer, asked in a round
            item_id = con.execute(
                "SELECT id FROM question WHERE kind = 'technical' AND round_id IS NOT NULL"
            ).fetchone()[0]
            remove = qa.remove_technical_question
        con.close()
    before = everything(demo_db)
    removed = remove(demo_db, item_id)
    after = everything(demo_db)
    assert after != before and (len(removed.rows) > 1 or removed.cleared or area == "question")
    assert removed.label.startswith(area)
    if area == "topic":
        # The references the delete set to NULL are put back too.
        assert {table for table, *_ in removed.cleared} == {"question"}
        assert {table for table, *_ in removed.rows} >= {"topic", "paper_topic", "round_topic"}
    assert restore(demo_db, removed) == removed.label
    assert everything(demo_db) == before


def test_deleting_what_is_not_there_is_not_found(db: Database) -> None:
    from tracker.services.problems import remove_problem

    with pytest.raises(NotFound):
        remove_problem(db, 12345)


def test_a_restore_that_cannot_go_back_as_it_was_changes_nothing(db: Database) -> None:
    from tracker.services.problems import add_problem, remove_problem

    gone = add_problem(db, "Two Sum Variant", difficulty="easy", patterns=["Arrays"])
    removed = remove_problem(db, gone.id)
    taken = add_problem(db, "Another problem", difficulty="easy")  # may take the freed id
    if taken.id != gone.id:
        pytest.skip("the freed id was not reused")
    before = everything(db)
    with pytest.raises(Conflict, match="cannot bring back the problem"):
        restore(db, removed)
    assert everything(db) == before
