"""Papers: adding by title / arXiv id / URL with the catalog fill, status changes and the TL;DR rule, views."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tracker.services.base import Conflict, Database, Invalid, NotFound
from tracker.services.papers import (
    TldrRequired,
    add_paper,
    append_drill,
    delete_paper,
    find_paper,
    get_paper,
    list_papers,
    save_notes,
    set_status,
    update_paper,
)


def test_add_by_arxiv_id_fills_from_the_catalog(db: Database) -> None:
    row = add_paper(db, "2106.09685v2")
    assert row.title == "LoRA: Low-Rank Adaptation of Large Language Models"
    assert row.arxiv_id == "2106.09685"
    assert row.year == 2022 and row.venue == "ICLR" and row.domain == "llm"
    assert row.authors and row.authors.startswith("Edward J. Hu")
    assert row.tldr and "low-rank" in row.tldr
    assert row.url == "https://arxiv.org/abs/2106.09685"
    assert row.status == "to-read"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"title": "https://arxiv.org/pdf/1706.03762v7.pdf"},
        {"title": "https://doi.org/10.48550/arXiv.1706.03762"},
        {"title": "Attention is all you need"},
        {"title": "Transformers paper", "arxiv_id": "arXiv:1706.03762"},
        {"title": "Transformers paper", "url": "https://arxiv.org/abs/1706.03762"},
    ],
)
def test_add_by_url_title_or_option(db: Database, kwargs: dict[str, str]) -> None:
    row = add_paper(db, **kwargs)  # type: ignore[arg-type]
    assert row.arxiv_id == "1706.03762"
    assert row.year == 2017 and row.venue == "NeurIPS"
    if kwargs["title"] == "Transformers paper":
        assert row.title == "Transformers paper"  # what the user typed wins
    else:
        assert row.title == "Attention Is All You Need"


def test_add_by_doi_url_of_a_catalog_paper(db: Database) -> None:
    row = add_paper(db, "https://doi.org/10.1145/2959100.2959190")
    assert row.title == "Deep Neural Networks for YouTube Recommendations"
    assert row.arxiv_id is None and row.venue == "RecSys"


def test_user_fields_win_over_the_catalog(db: Database) -> None:
    row = add_paper(db, "1706.03762", venue="NIPS", year=2018, tldr="mine", domain="NLP")
    assert (row.venue, row.year, row.tldr, row.domain) == ("NIPS", 2018, "mine", "nlp")


def test_unknown_arxiv_id_needs_a_title(db: Database) -> None:
    with pytest.raises(Invalid, match="not in the bundled catalog"):
        add_paper(db, "2411.00001")
    row = add_paper(db, "My own find", arxiv_id="2411.00001v3", authors="A. Person", year="2024")
    assert (row.title, row.arxiv_id, row.year) == ("My own find", "2411.00001", 2024)
    assert row.url == "https://arxiv.org/abs/2411.00001"
    assert row.tldr is None and row.venue is None


def test_bad_input_is_refused_and_nothing_saved(db: Database) -> None:
    with pytest.raises(Invalid, match="not an arXiv id"):
        add_paper(db, "Something", arxiv_id="12345")
    with pytest.raises(Invalid, match="year"):
        add_paper(db, "Something", year="twenty")
    with pytest.raises(Invalid, match="status"):
        add_paper(db, "Something", status="done")
    with pytest.raises(Invalid):
        add_paper(db, "   ")
    assert list_papers(db) == []


def test_duplicates_are_refused(db: Database) -> None:
    first = add_paper(db, "1706.03762")
    with pytest.raises(Conflict, match=f"id {first.id}"):
        add_paper(db, "https://arxiv.org/abs/1706.03762v2")
    with pytest.raises(Conflict):
        add_paper(db, "attention is all you need", arxiv_id=None)
    assert len(list_papers(db)) == 1


def test_topics_are_created_and_linked(db: Database) -> None:
    from tracker.services.topics import list_topics

    row = add_paper(db, "1706.03762", topics=["Transformers", "attention", "Transformers"])
    assert row.topics == ["attention", "Transformers"]
    assert {t.name: t.papers for t in list_topics(db)} == {"attention": 1, "Transformers": 1}
    assert [p.id for p in list_papers(db, topic="transformers")] == [row.id]
    updated = update_paper(db, row.id, topics=["Transformers"])
    assert updated.topics == ["Transformers"]
    assert list_papers(db, topic="attention") == []


def test_marking_read_without_tldr_asks_for_one(db: Database) -> None:
    row = add_paper(db, "Unknown paper")
    with pytest.raises(TldrRequired, match="TL;DR"):
        set_status(db, row.id, "read")
    unchanged = find_paper(db, str(row.id))
    assert unchanged.status == "to-read" and unchanged.read_on is None
    done = set_status(db, row.id, "read", tldr="It shows X by doing Y.", today=date(2026, 11, 20))
    assert done.status == "read" and done.tldr == "It shows X by doing Y."
    assert done.read_on == date(2026, 11, 20)


def test_marking_read_with_a_stored_tldr_records_the_date(db: Database) -> None:
    row = add_paper(db, "1512.03385")  # ResNet: the catalog gives a TL;DR
    done = set_status(db, row.id, "read", today=date(2026, 11, 3))
    assert done.read_on == date(2026, 11, 3) and done.tldr == row.tldr
    again = set_status(db, row.id, "revisit")
    assert again.status == "revisit" and again.read_on == date(2026, 11, 3)


def test_add_as_read_needs_a_tldr(db: Database) -> None:
    with pytest.raises(TldrRequired):
        add_paper(db, "Fresh", status="read")
    row = add_paper(db, "Fresh", status="read", tldr="Short.", today=date(2026, 1, 2))
    assert row.read_on == date(2026, 1, 2)


def test_find_by_id_arxiv_or_title(db: Database) -> None:
    row = add_paper(db, "1706.03762")
    for ref in (str(row.id), "1706.03762", "arXiv:1706.03762v5", "attention is all you need"):
        assert find_paper(db, ref).id == row.id
    with pytest.raises(NotFound):
        find_paper(db, "Nope")


def test_edit_and_notes_and_delete(db: Database) -> None:
    row = add_paper(db, "Draft title")
    update_paper(db, row.id, title="Better title", year=2021, venue="", arxiv_id="2101.03961")
    save_notes(db, row.id, "# Notes\n\n- point")
    detail = get_paper(db, row.id)
    assert detail.paper.title == "Better title" and detail.paper.year == 2021
    assert detail.paper.arxiv_id == "2101.03961"
    assert detail.notes == "# Notes\n\n- point"
    delete_paper(db, row.id)
    with pytest.raises(NotFound):
        get_paper(db, row.id)


def test_drill_answers_are_appended_to_the_notes(db: Database) -> None:
    row = add_paper(db, "1706.03762", notes="Existing notes.")
    notes = append_drill(
        db,
        row.id,
        {
            "abstract": "Attention only.",
            "method": "Multi-head self-attention.",
            "results": "",
            "conclusion": "Scales.",
        },
        minutes_used=17,
        today=date(2026, 11, 20),
    )
    assert notes.startswith("Existing notes.\n\n## Explain-this-paper drill, 2026-11-20 (17 min)")
    assert "### Method\n\nMulti-head self-attention." in notes
    assert "### Results\n\n_(no answer)_" in notes
    assert get_paper(db, row.id).notes == notes
    with pytest.raises(Invalid):
        append_drill(db, row.id, {"abstract": "  "})


def test_views_this_month_and_reading_list_order(db: Database) -> None:
    from tracker.services.pipeline import add_round
    from tracker.services.topics import find_topic, link_round

    now = datetime(2026, 11, 16, 12, tzinfo=UTC)
    a = add_paper(db, "Read long ago", status="read", tldr="x", today=date(2026, 9, 1))
    b = add_paper(db, "Read this month", status="read", tldr="x", today=date(2026, 11, 2))
    plain = add_paper(db, "Later", year=2024)
    soon = add_paper(db, "For the soon round", year=2001, topics=["Ranking metrics"])
    later = add_paper(db, "For the later round", year=2002, topics=["Transformers"])
    r1 = add_round(db, "Acme", "ml-breadth", at=datetime(2026, 11, 20, 10, tzinfo=UTC))
    r2 = add_round(db, "Bolt", "ml-depth", at=datetime(2026, 12, 10, 10, tzinfo=UTC))
    link_round(db, find_topic(db, "ranking metrics").id, r1.id)
    link_round(db, find_topic(db, "Transformers").id, r2.id)
    link_round(db, find_topic(db, "Transformers").id, r2.id)  # linking twice is harmless

    month = list_papers(db, view="this-month", now=now)
    assert [p.id for p in month] == [b.id]
    reading = list_papers(db, view="reading-list", now=now)
    assert [p.id for p in reading] == [soon.id, later.id, plain.id]
    assert reading[0].next_round and reading[0].next_round.startswith("Acme ml-breadth")
    assert reading[2].next_round is None
    assert a.id not in [p.id for p in reading]
    # A round in the past no longer pulls its papers forward.
    after = list_papers(db, view="reading-list", now=now + timedelta(days=10))
    assert [p.id for p in after] == [later.id, plain.id, soon.id]


def test_filters_status_domain_search(db: Database) -> None:
    add_paper(db, "1706.03762")
    add_paper(db, "1512.03385")
    add_paper(db, "2106.09685", status="reading")
    assert [p.arxiv_id for p in list_papers(db, domain="Vision")] == ["1512.03385"]
    assert [p.arxiv_id for p in list_papers(db, status="reading")] == ["2106.09685"]
    assert [p.arxiv_id for p in list_papers(db, search="VASWANI")] == ["1706.03762"]


def test_markup_in_titles_is_stored_as_typed(db: Database) -> None:
    row = add_paper(db, "[bold]x[/] and [link=http://e]y[/link]")
    assert find_paper(db, str(row.id)).title == "[bold]x[/] and [link=http://e]y[/link]"


def test_edit_to_read_needs_a_tldr_and_changes_nothing_without_one(db: Database) -> None:
    row = add_paper(db, "Edited paper")
    with pytest.raises(TldrRequired):
        update_paper(db, row.id, title="Renamed", status="read")
    unchanged = find_paper(db, str(row.id))
    assert (unchanged.title, unchanged.status, unchanged.read_on) == ("Edited paper", "to-read", None)
    done = update_paper(db, row.id, title="Renamed", status="read", tldr="Short.")
    assert (done.title, done.status, done.tldr) == ("Renamed", "read", "Short.") and done.read_on is not None
    with pytest.raises(TldrRequired):
        update_paper(db, row.id, tldr="")


def test_a_paper_put_back_on_the_reading_list_has_no_read_on_date(db: Database) -> None:
    from datetime import date

    from tracker.services.papers import set_status, update_paper

    p = add_paper(db, "Some Paper", tldr="It works.")
    assert set_status(db, p.id, "read", today=date(2026, 12, 6)).read_on == date(2026, 12, 6)
    assert set_status(db, p.id, "revisit").read_on == date(2026, 12, 6)  # read, to be read again
    assert set_status(db, p.id, "to-read").read_on is None
    set_status(db, p.id, "read", today=date(2026, 12, 7))
    assert update_paper(db, p.id, status="reading").read_on is None
