"""Topic pages from the papers area: the list with stale marks, a page with notes and links, mark reviewed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from textual.widgets import DataTable, Static

from tests.tui.conftest import make_app, settle
from tracker.services.base import Database
from tracker.services.papers import add_paper
from tracker.services.pipeline import add_round
from tracker.services.qa import add_technical_question
from tracker.services.topics import add_topic, find_topic, link_round, mark_reviewed, topic_page
from tracker.tui.screens.topics import TopicPageScreen, TopicsScreen

NOW = datetime(2026, 11, 16, 12, 0, tzinfo=UTC)


@pytest.fixture
def frozen(utc: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(TopicsScreen, "NOW", NOW)
    monkeypatch.setattr(TopicPageScreen, "NOW", NOW)


def seed(db: Database) -> int:
    topic = add_topic(
        db, "Transformers", area="ml-depth", notes="# Transformers\n\n- attention is **all** you need"
    )
    add_topic(db, "Dynamic programming", area="coding")
    fresh = add_topic(db, "[bold]Ranking[/] metrics", area="ml-breadth")
    mark_reviewed(db, fresh.id, now=NOW - timedelta(days=2))
    mark_reviewed(db, topic.id, now=NOW - timedelta(days=20))
    add_paper(db, "1706.03762", topics=["Transformers"])
    add_technical_question(db, "Why scale by sqrt(d_k)?", topic="Transformers", confidence=3, company="Acme")
    rnd = add_round(db, "Acme", "ml-depth", at=datetime(2026, 11, 20, 15, tzinfo=UTC))
    link_round(db, topic.id, rnd.id)
    return topic.id


async def open_topics(pilot) -> TopicsScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    await pilot.press("t")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, TopicsScreen)
    return screen


def select_topic(screen: TopicsScreen, name: str) -> DataTable:
    table = screen.query_one("#topics-table", DataTable)
    table.move_cursor(row=next(i for i in range(table.row_count) if str(table.get_row_at(i)[0]) == name))
    return table


async def test_topic_list_marks_stale_and_counts_links(db: Database, frozen: None) -> None:
    seed(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_topics(pilot)
        table = screen.query_one("#topics-table", DataTable)
        rows = {
            str(table.get_row_at(i)[0]): [str(c) for c in table.get_row_at(i)] for i in range(table.row_count)
        }
        assert set(rows) == {"Dynamic programming", "Transformers", "[bold]Ranking[/] metrics"}
        assert rows["Transformers"][2] == "2026-10-27  stale"
        assert rows["Dynamic programming"][2] == "never  stale"
        assert rows["[bold]Ranking[/] metrics"][2] == "2026-11-14"
        assert rows["Transformers"][3:] == ["1", "1", "1"]
        await pilot.press("slash", *"dyn", "enter")
        await pilot.pause()
        assert table.row_count == 1


async def test_topic_page_shows_links_saves_notes_and_marks_reviewed(db: Database, frozen: None) -> None:
    tid = seed(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_topics(pilot)
        select_topic(screen, "Transformers")
        await pilot.press("enter")
        await settle(pilot)
        page = app.screen
        assert isinstance(page, TopicPageScreen)
        links = str(page.query_one("#topic-links-text", Static).render())
        assert "Attention Is All You Need" in links
        assert "Why scale by sqrt(d_k)?" in links
        assert "Acme · ml-depth" in links
        assert "stale" in str(page.query_one("#topic-meta", Static).render())
        await pilot.press("m")
        await settle(pilot)
        assert "stale" not in str(page.query_one("#topic-meta", Static).render())
        await pilot.press("n", "end", "enter", *"- scaled dot product")
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, TopicsScreen)
    page_data = topic_page(db, tid, now=NOW)
    assert page_data.notes == "# Transformers\n- scaled dot product\n\n- attention is **all** you need"
    assert page_data.topic.last_reviewed_at == NOW and not page_data.topic.stale


async def test_add_topic_from_the_list(db: Database, frozen: None) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_topics(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Graphs", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one("#topics-table", DataTable).row_count == 1
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"graphs", "enter")  # duplicate: the form stays, with an error
        await settle(pilot)
        assert app.screen.__class__.__name__ == "TopicFormModal"
    assert find_topic(db, "Graphs").area == "other"


async def test_delete_a_topic_asks_first(db: Database, frozen: None) -> None:
    seed(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_topics(pilot)
        table = select_topic(screen, "Dynamic programming")
        await pilot.press("d")
        await pilot.pause()
        assert "Dynamic programming" in str(app.screen.query_one("Static").render())
        await pilot.press("n")  # keep it
        await settle(pilot)
        assert app.screen is screen and table.row_count == 3
        await pilot.press("d", "y")
        await settle(pilot)
        titles = {str(table.get_row_at(i)[0]) for i in range(table.row_count)}
        assert titles == {"Transformers", "[bold]Ranking[/] metrics"}
    with pytest.raises(Exception, match="no topic"):
        find_topic(db, "Dynamic programming")


def test_snapshot_topic_page(db: Database, snap_compare, frozen: None) -> None:
    tid = seed(db)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        pilot.app.push_screen(TopicPageScreen(tid))
        await settle(pilot)

    assert snap_compare(make_app(db), terminal_size=(120, 40), run_before=run_before)
