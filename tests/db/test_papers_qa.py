"""The technical Q&A catalog: answers, confidence, topic, where asked; filters."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tracker.services.base import Conflict, Database, Invalid, NotFound
from tracker.services.qa import (
    add_technical_question,
    delete_technical_question,
    get_technical_question,
    list_technical_questions,
    round_choices,
    set_answer,
    set_confidence,
    set_topic,
    update_technical_question,
)


def test_add_and_edit_answer_confidence_topic(db: Database) -> None:
    q = add_technical_question(db, "Explain NDCG", topic="Ranking metrics", company="Acme", confidence=2)
    assert (q.topic, q.company, q.confidence, q.answer) == ("Ranking metrics", "Acme", 2, None)
    set_answer(db, q.id, "DCG / ideal DCG; log2 position discount.")
    set_confidence(db, q.id, 4)
    set_topic(db, q.id, "Metrics")
    got = get_technical_question(db, q.id)
    assert got.answer == "DCG / ideal DCG; log2 position discount."
    assert (got.confidence, got.topic) == (4, "Metrics")
    set_confidence(db, q.id, None)
    assert get_technical_question(db, q.id).confidence is None


def test_bad_input_changes_nothing(db: Database) -> None:
    q = add_technical_question(db, "What is a KV cache?", confidence=3)
    with pytest.raises(Invalid, match="confidence"):
        set_confidence(db, q.id, 6)
    with pytest.raises(Invalid):
        update_technical_question(db, q.id, text="  ", answer="lost?")
    with pytest.raises(Conflict):
        add_technical_question(db, "what is a kv cache?")
    with pytest.raises(NotFound):
        set_answer(db, 999, "x")
    got = get_technical_question(db, q.id)
    assert (got.confidence, got.answer, got.text) == (3, None, "What is a KV cache?")


def test_where_asked_round_sets_its_company(db: Database) -> None:
    from tracker.services.pipeline import add_round

    rnd = add_round(db, "Bolt", "ml-breadth", at=datetime(2026, 11, 20, 15, tzinfo=UTC))
    add_round(db, "Acme", "coding")
    q = add_technical_question(db, "Precision vs recall?", round_id=rnd.id)
    assert q.company == "Bolt" and q.round_id == rnd.id and q.round and "ml-breadth" in q.round
    with pytest.raises(Invalid, match="another company"):
        add_technical_question(db, "Other", company="Acme", round_id=rnd.id)
    moved = update_technical_question(db, q.id, company="Acme")
    assert moved.company == "Acme" and moved.round_id is None
    labels = [c.label for c in round_choices(db)]
    assert labels[0].startswith("Bolt") and labels[-1].startswith("Acme")


def test_filters_topic_company_confidence(db: Database) -> None:
    from tracker.services.stories import merge_catalog_questions

    a = add_technical_question(db, "A?", topic="Transformers", company="Acme", confidence=1)
    b = add_technical_question(db, "B?", topic="Transformers", company="Bolt", confidence=4)
    c = add_technical_question(db, "C?", topic="Graphs", company="Acme")
    merge_catalog_questions(db, [{"text": "Tell me about a conflict.", "competency": "conflict"}])

    def ids(**kw: object) -> list[int]:
        return [q.id for q in list_technical_questions(db, **kw)]  # type: ignore[arg-type]

    # Least confident first, unrated before all; behavioral questions are not in the Q&A catalog.
    assert ids() == [c.id, a.id, b.id]
    assert ids(topic="transformers") == [a.id, b.id]
    assert ids(company="ACME") == [c.id, a.id]
    assert ids(confidence=4) == [b.id]
    assert ids(max_confidence=2) == [a.id]
    assert ids(unrated=True) == [c.id]
    assert ids(topic="Transformers", company="Bolt") == [b.id]
    assert ids(search="c?") == [c.id]
    delete_technical_question(db, c.id)
    assert ids(company="Acme") == [a.id]
