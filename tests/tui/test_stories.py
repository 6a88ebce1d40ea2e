"""The stories area: list and preview, the STAR editor, linking from both sides, rehearsing, coverage."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from textual.widgets import DataTable, Input, Static, TextArea

from tests.tui.conftest import make_app, settle
from tracker.services.base import Database
from tracker.services.pipeline import add_company
from tracker.services.stories import (
    add_story,
    get_story,
    link_story,
    links_for_question,
    links_for_story,
    list_stories,
    merge_catalog_questions,
    rehearse_story,
)
from tracker.tui.modals.rehearse import RehearseModal
from tracker.tui.modals.story_editor import StoryEditorModal
from tracker.tui.modals.story_links import StoryLinksModal
from tracker.tui.screens.coverage import CoverageScreen
from tracker.tui.screens.stories import StoriesScreen

QUESTIONS = [
    {"text": "Tell me about a conflict with a teammate.", "competency": "conflict"},
    {"text": "Tell me about a time you disagreed with your manager.", "competency": "conflict"},
    {"text": "Tell me about a time you led without authority.", "competency": "leadership"},
    {"text": "Tell me about your biggest failure.", "competency": "failure"},
]


def seed(db: Database) -> dict[str, int]:
    """A small, fixed bank: two stories, four questions, one company with values."""
    merge_catalog_questions(db, QUESTIONS)
    strong = add_story(
        db,
        "Migrated the [bold]ranking[/] service",
        situation="Ranking ran on a deprecated stack [/] that paged twice a week.",
        task="Move it without a drop in engagement.",
        action="Shadowed traffic, built a diff dashboard, rolled out in 5% steps.",
        result="Zero downtime; p99 down 38%.",
        tags=["ownership", "conflict"],
        strength=4,
    ).id
    rehearse_story(
        db, strong, seconds=100, at=datetime(2026, 11, 20, 12, tzinfo=UTC)
    )  # a fixed day: snapshots
    weak = add_story(
        db, "[red]Missed[/] a deadline", situation="Two-week estimate.", task="Ship a pipeline.", strength=2
    ).id
    link_story(db, strong, 1, best=True)
    link_story(db, weak, 2)
    from tracker.db.tables import Company

    cid = add_company(db, "Northwind AI").id
    with db.write() as session:
        session.get(Company, cid).values = "Ownership\nBias for action"
    return {"strong": strong, "weak": weak}


async def open_stories(pilot: Any) -> StoriesScreen:
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, StoriesScreen)
    return screen


def cell_texts(table: DataTable[Any], row: int) -> list[str]:
    return [str(c) for c in table.get_row_at(row)]


def rendered(widget: Static) -> str:
    return str(widget.render())


async def test_list_and_preview_show_markup_literally(db: Database) -> None:
    seed(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_stories(pilot)
        table = screen.query_one("#stories-table", DataTable)
        rows = [cell_texts(table, i) for i in range(table.row_count)]
        assert rows[0][0] == "Migrated the [bold]ranking[/] service"  # sorted by title
        assert rows[1][0] == "[red]Missed[/] a deadline"
        assert rows[1][4] == "never"
        preview = rendered(screen.query_one("#story-preview-text", Static))
        assert "Migrated the [bold]ranking[/] service" in preview
        assert "deprecated stack [/] that" in preview
        assert "★ Tell me about a conflict with a teammate." in preview
        status = rendered(screen.query_one("#stories-status", Static))
        assert "2/4 questions have a story" in status and "2 without a story" in status


async def test_editor_counts_words_live_and_saves(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_stories(pilot)
        await pilot.press("n")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, StoryEditorModal)
        await pilot.press(*"Fixed [red]CI[/]")
        modal.query_one("#se-tags", Input).value = "conflict, Bias for action"
        situation = modal.query_one("#se-situation", TextArea)
        situation.focus()
        await pilot.press(*"CI failed a third of runs")
        await pilot.pause()
        assert situation.border_title == "Situation · 6 words"
        modal.query_one("#se-action", TextArea).text = " ".join(["word"] * 134)
        await pilot.pause()
        total = rendered(modal.query_one("#se-total", Static))
        assert "140 words · ~1:00 spoken" in total
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StoriesScreen)
        table = app.screen.query_one("#stories-table", DataTable)
        assert cell_texts(table, 0)[0] == "Fixed [red]CI[/]"
    [story] = list_stories(db)
    assert story.title == "Fixed [red]CI[/]"
    assert story.situation == "CI failed a third of runs"
    assert story.tags == ["conflict", "bias for action"]
    assert story.strength == 3


async def test_editor_keeps_text_when_save_is_refused_and_asks_before_discarding(db: Database) -> None:
    sid = seed(db)["weak"]
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_stories(pilot)
        table = screen.query_one("#stories-table", DataTable)
        table.move_cursor(row=table.get_row_index(str(sid)))
        await pilot.press("e")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, StoryEditorModal)
        assert modal.query_one("#se-situation", TextArea).text == "Two-week estimate."
        modal.query_one("#se-title", Input).value = "   "
        modal.query_one("#se-result", TextArea).text = "We slipped a week."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal  # still open, nothing lost
        assert modal.query_one("#se-result", TextArea).text == "We slipped a week."
        assert get_story(db, sid).title == "[red]Missed[/] a deadline"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is modal  # first Esc only warns
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StoriesScreen)
    assert get_story(db, sid).result == ""


async def test_link_questions_from_the_story_side(db: Database) -> None:
    ids = seed(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_stories(pilot)
        table = screen.query_one("#stories-table", DataTable)
        table.move_cursor(row=table.get_row_index(str(ids["weak"])))
        await pilot.press("l")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, StoryLinksModal)
        picker = modal.query_one("#sl-table", DataTable)
        assert cell_texts(picker, 0)[0].strip() == "✓"  # linked ones first
        # Filter to the failure question, link it and make this story its best answer.
        await pilot.press(*"failure")  # the filter has focus: typing narrows the list
        await pilot.pause()
        assert picker.row_count == 1
        await pilot.press("down", "b")
        modal.query_one("#sl-filter", Input).value = ""
        await pilot.pause()
        picker.focus()
        picker.move_cursor(row=0)
        await pilot.press("space")  # unlink question 2
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StoriesScreen)
        preview = rendered(app.screen.query_one("#story-preview-text", Static))
        assert "★ Tell me about your biggest failure." in preview
    assert links_for_story(db, ids["weak"]) == {4: True}


async def test_coverage_view_gaps_first_and_linking_from_the_question_side(db: Database) -> None:
    ids = seed(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_stories(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CoverageScreen)
        table = screen.query_one("#coverage-questions", DataTable)
        marks = [cell_texts(table, i)[0] for i in range(table.row_count)]
        assert marks == ["✗ no story", "✗ no story", "⚠ weak", "✓"]
        assert cell_texts(table, 2)[3].startswith("[red]Missed[/] a deadline")
        assert "never rehearsed" in cell_texts(table, 2)[3]
        summary = rendered(screen.query_one("#coverage-competencies", Static))
        assert "conflict" in summary and "2/2" in summary
        values = rendered(screen.query_one("#coverage-values-text", Static))
        assert "✓ Ownership" in values and "✗ Bias for action" in values

        # The leadership question has no story: link both, the strong one as best, from the question side.
        row = next(i for i in range(table.row_count) if "led without" in cell_texts(table, i)[2])
        table.move_cursor(row=row)
        await pilot.press("enter")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, StoryLinksModal)
        picker = modal.query_one("#sl-table", DataTable)
        picker.move_cursor(row=0)
        await pilot.press("b")  # best: story in row 0
        picker.move_cursor(row=1)
        await pilot.press("b")  # best moves to row 1: only one best per question
        picker.move_cursor(row=0)
        await pilot.press("space", "space")  # unlink then link row 0 again
        assert [cell_texts(picker, i)[1].strip() for i in range(2)] == ["", "★"]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        marks = [cell_texts(table, i)[0] for i in range(table.row_count)]
        assert marks.count("✗ no story") == 1
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StoriesScreen)
    best_story_in_row_1 = sorted(list_stories(db), key=lambda s: s.title.lower())[1].id
    assert links_for_question(db, 3) == {
        ids["strong"]: best_story_in_row_1 == ids["strong"],
        ids["weak"]: best_story_in_row_1 == ids["weak"],
    }


async def test_add_own_question_from_coverage(db: Database) -> None:
    seed(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_stories(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Why [b]this[/] team?")
        await pilot.press("enter")
        await pilot.press(*"motivation")
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one("#coverage-questions", DataTable)
        texts = [cell_texts(table, i)[2] for i in range(table.row_count)]
        assert "Why [b]this[/] team?" in texts
        assert table.row_count == 5


async def test_rehearse_records_time_and_new_strength(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    sid = seed(db)["weak"]
    now = [1000.0]
    monkeypatch.setattr(RehearseModal, "CLOCK", staticmethod(lambda: now[0]))
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_stories(pilot)
        table = screen.query_one("#stories-table", DataTable)
        table.move_cursor(row=table.get_row_index(str(sid)))
        await pilot.press("r")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, RehearseModal)
        assert "[red]Missed[/] a deadline" in rendered(modal.query_one("#rh-head", Static))
        now[0] += 30
        await pilot.press("space")  # pause for 60 s: not counted
        now[0] += 60
        await pilot.press("space")
        now[0] += 65
        await pilot.press("enter")
        await pilot.pause()
        assert "Took 1:35" in rendered(modal.query_one("#rh-ask", Static))
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, StoriesScreen)
        assert cell_texts(table, table.get_row_index(str(sid)))[4] == "1×"
    story = get_story(db, sid)
    assert (story.rehearsals, story.strength) == (1, 4)
    from sqlmodel import select

    from tracker.db.tables import Rehearsal

    with db.read() as session:
        assert [r.seconds for r in session.exec(select(Rehearsal).where(Rehearsal.story_id == sid))] == [95]


async def test_abandoned_rehearsal_records_nothing(db: Database) -> None:
    sid = seed(db)["weak"]
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_stories(pilot)
        table = screen.query_one("#stories-table", DataTable)
        table.move_cursor(row=table.get_row_index(str(sid)))
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StoriesScreen)
    assert get_story(db, sid).rehearsals == 0


async def test_delete_asks_first(db: Database) -> None:
    ids = seed(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_stories(pilot)
        table = screen.query_one("#stories-table", DataTable)
        table.move_cursor(row=table.get_row_index(str(ids["weak"])))
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert len(list_stories(db)) == 2
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert table.row_count == 1
    assert [s.id for s in list_stories(db)] == [ids["strong"]]


def _no_blink(app: Any) -> None:
    for widget in app.screen.query("TextArea, Input"):
        widget.cursor_blink = False


def test_snapshot_editor(db: Database, snap_compare: Any) -> None:
    ids = seed(db)

    async def run_before(pilot: Any) -> None:
        screen = await open_stories(pilot)
        table = screen.query_one("#stories-table", DataTable)
        table.move_cursor(row=table.get_row_index(str(ids["strong"])))
        await pilot.press("e")
        await settle(pilot)
        _no_blink(pilot.app)
        await pilot.pause()

    assert snap_compare(make_app(db), terminal_size=(120, 40), run_before=run_before)


def test_snapshot_list(db: Database, snap_compare: Any) -> None:
    seed(db)

    async def run_before(pilot: Any) -> None:
        await open_stories(pilot)
        _no_blink(pilot.app)
        await pilot.pause()

    assert snap_compare(make_app(db), terminal_size=(120, 40), run_before=run_before)


def test_snapshot_coverage(db: Database, snap_compare: Any) -> None:
    seed(db)

    async def run_before(pilot: Any) -> None:
        await open_stories(pilot)
        await pilot.press("c")
        await settle(pilot)

    assert snap_compare(make_app(db), terminal_size=(120, 40), run_before=run_before)


async def test_a_short_terminal_still_lists_stories(demo_db: Database) -> None:
    """At 60x20 the story preview gives way: the list shows rows, not only its header."""
    app = make_app(demo_db)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        table = app.screen.query_one("#stories-table", DataTable)
        assert table.row_count and table.region.height >= 4  # the header and at least three stories
        assert app.screen.query_one("#story-preview").region.height >= 3


async def test_slash_filters_the_stories_by_title_tags_or_star_text(demo_db: Database) -> None:
    from tracker.services.stories import list_stories

    stories = list_stories(demo_db)
    migrated = next(s for s in stories if s.title.startswith("Migrated"))
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        table = app.screen.query_one("#stories-table", DataTable)
        assert table.row_count == len(stories)
        await pilot.press("slash", *"migrated")
        await settle(pilot)
        assert table.row_count == 1 and app.screen.current_id() == migrated.id
        assert str(app.screen.query_one("#stories-status", Static).render()).startswith(
            f"1 of {len(stories)}"
        )
        await pilot.press("enter")  # back to the list, the filter kept
        await settle(pilot)
        assert app.screen.focused is table and table.row_count == 1
        await pilot.press("escape")  # clears it
        await settle(pilot)
        assert table.row_count == len(stories) and app.screen.current_id() == migrated.id
        await pilot.press("slash", *"zzzz nothing")
        await settle(pilot)
        assert table.row_count == 0


async def test_o_sorts_the_stories_by_each_column_and_a_header_click_too(demo_db: Database) -> None:
    from tracker.services.stories import list_stories

    stories = list_stories(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#stories-table", DataTable)

        def shown() -> list[Any]:
            by_id = {s.id: s for s in stories}
            return [
                by_id[int(str(table.coordinate_to_cell_key((i, 0)).row_key.value))]
                for i in range(table.row_count)
            ]

        await pilot.press("o", "o", "o")  # title, tags, strength: the weakest first
        await settle(pilot)
        strengths = [s.strength for s in shown()]
        assert strengths == sorted(strengths) and strengths[0] < strengths[-1]
        assert str(table.columns["strength"].label) == "Strength ▲"
        await pilot.press("O")  # the strongest first
        await settle(pilot)
        assert [s.strength for s in shown()] == sorted(strengths, reverse=True)
        await pilot.click(table, offset=(table.columns["title"].content_width // 2, 0))  # the Title header
        await settle(pilot)
        assert [s.title for s in shown()] == sorted((s.title for s in stories), key=str.casefold)
        selected = screen.current_id()
        for _ in range(7):  # round the rest of the columns, then back to the order as read
            await pilot.press("o")
        await settle(pilot)
        assert screen.sort_key is None and str(table.columns["strength"].label) == "Strength"
        assert screen.current_id() == selected  # the cursor stays on its story throughout
