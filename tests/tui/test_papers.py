"""The papers area as a user drives it: the table, views and filters, add/edit/delete, marking read with the
TL;DR prompt, the paper page with notes and the drill; markup-looking titles stay literal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from textual import events
from textual.widgets import DataTable, Input, Static, TextArea

from tests.tui.conftest import make_app, palette, settle
from tracker.services.base import Database
from tracker.services.papers import add_paper, find_paper, get_paper, list_papers
from tracker.tui.screens.papers import PapersScreen
from tracker.tui.widgets.dropdown import Dropdown
from tracker.tui.widgets.paged_table import CHUNK, PagedTable

DEMO_NOW = datetime(2026, 11, 16, 12, 0, tzinfo=UTC)


@pytest.fixture
def utc(local_zone: Callable[[str], None], monkeypatch: pytest.MonkeyPatch) -> None:
    local_zone("UTC")
    monkeypatch.setattr(PapersScreen, "NOW", DEMO_NOW)


async def open_papers(pilot) -> PapersScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PapersScreen)
    return screen


def titles(screen: PapersScreen) -> list[str]:
    """Every row's title, in order, also rows the table has not built yet (it builds them as they are reached)."""
    table = screen.query_one("#listing", PagedTable)
    return [str(table.row_cells(i)[0]) for i in range(table.total)]


async def test_a_long_list_builds_its_rows_as_the_user_reaches_them(demo_db: Database, utc: None) -> None:
    for i in range(CHUNK + 60 - len(list_papers(demo_db))):
        add_paper(demo_db, title=f"Zeta paper {i:03d}")
    total = len(list_papers(demo_db))
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_papers(pilot)
        table = screen.query_one("#listing", PagedTable)
        assert table.total == total
        assert table.row_count == CHUNK  # the rest is built when reached
        assert table.virtual_size.height == total + table.header_height  # the scrollbar counts every row
        assert f"All papers: {total}" in str(screen.query_one("#listing-status", Static).render())
        # ctrl+end reaches the real last paper, not the last row built so far
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert table.row_count == total
        assert table.cursor_row == total - 1
        assert screen.selected() is screen.shown[-1]
        # a new filter starts over with one chunk; walking down with the cursor builds the rest
        await pilot.press("ctrl+home", "slash", *"paper", "escape")
        await settle(pilot)
        assert table.row_count == min(CHUNK, len(screen.shown)) < len(screen.shown)
        for _ in range(CHUNK - 30):
            await pilot.press("down")
        await settle(pilot)
        assert table.row_count == len(screen.shown)
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == [
            p.title for p in screen.shown
        ]
        # and so does scrolling with the mouse wheel past what is built
        await pilot.press("ctrl+home", "slash", "ctrl+u", "escape")
        await settle(pilot)
        assert table.row_count == CHUNK
        for _ in range(40):  # the wheel over the table, as the terminal reports it
            table.post_message(events.MouseScrollDown(table, 5, 5, 0, 1, 0, False, False, False))
        await settle(pilot)
        assert table.row_count > CHUNK
        # and dragging the scrollbar to the end (a jump of the scroll position) shows the last rows, built
        table.scroll_end(animate=False)
        await settle(pilot)
        assert table.row_count == len(screen.shown)
        last = screen.shown[-1].title
        assert any(last[:20] in line for line in [s.text for s in app.screen._compositor.render_strips()])


async def test_filter_as_you_type_status_and_views(demo_db: Database, utc: None) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_papers(pilot)
        total = len(list_papers(demo_db))
        assert len(titles(screen)) == total
        await pilot.press("slash", *"flashattention")
        await pilot.pause()
        assert titles(screen) and all("FlashAttention" in t for t in titles(screen))
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert len(titles(screen)) == total

        screen.query_one("#papers-status", Dropdown).value = "reading"
        await pilot.pause()
        assert len(titles(screen)) == len(list_papers(demo_db, status="reading")) > 0

        screen.query_one("#papers-status", Dropdown).clear()
        screen.query_one("#papers-domain", Dropdown).value = "recsys"
        await pilot.pause()
        assert len(titles(screen)) == len(list_papers(demo_db, domain="recsys")) > 0

        await pilot.press("escape", "v")  # reading list
        await settle(pilot)
        assert screen.view == "reading-list"
        assert len(titles(screen)) == len(list_papers(demo_db, status="to-read"))
        labels = [str(c.label) for c in screen.query_one("#listing", DataTable).columns.values()]
        assert labels[:2] == ["Title", "For round"] and "Status" not in labels
        await pilot.press("v")  # read this month
        await settle(pilot)
        expected = list_papers(demo_db, view="this-month", now=DEMO_NOW)
        assert titles(screen) == [p.title for p in expected] and expected
        assert all(p.read_on and p.read_on.month == 11 for p in expected)


async def test_sort_by_column(demo_db: Database) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_papers(pilot)
        screen.sort_by("title")
        await pilot.pause()
        shown = titles(screen)
        assert shown == sorted(shown, key=str.casefold)
        screen.sort_by("title")
        await pilot.pause()
        assert titles(screen) == sorted(shown, key=str.casefold, reverse=True)


async def test_add_by_arxiv_id_fills_from_the_catalog(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_papers(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"https://arxiv.org/abs/2106.09685v2", "enter")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#pf-title", Input).value.startswith("LoRA")
        assert form.query_one("#pf-year", Input).value == "2022"
        assert form.query_one("#pf-topics", Input).has_focus
        await pilot.press(*"Fine-tuning, LoRA", "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert titles(screen) == ["LoRA: Low-Rank Adaptation of Large Language Models"]
    paper = find_paper(db, "2106.09685")
    assert paper.topics == ["Fine-tuning", "LoRA"] and paper.venue == "ICLR"


async def test_bad_input_keeps_the_form_and_what_was_typed(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_papers(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        form.query_one("#pf-title", Input).value = "My paper"
        form.query_one("#pf-year", Input).value = "soon"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert form.query_one("#pf-title", Input).value == "My paper"
        assert any("year" in n.message for n in app._notifications)
    assert list_papers(db) == []


async def test_marking_read_asks_for_the_tldr(db: Database) -> None:
    add_paper(db, "No summary yet")
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_papers(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "TldrModal"
        await pilot.press("enter")  # empty: refused, the prompt stays
        await pilot.pause()
        assert app.screen.__class__.__name__ == "TldrModal"
        await pilot.press(*"It shows X.", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PapersScreen)
    paper = find_paper(db, "No summary yet")
    assert paper.status == "read" and paper.tldr == "It shows X." and paper.read_on is not None


async def test_cancelling_the_tldr_prompt_leaves_the_paper_unread(db: Database) -> None:
    add_paper(db, "No summary yet")
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_papers(pilot)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
    assert find_paper(db, "No summary yet").status == "to-read"


async def test_delete_asks_first(db: Database) -> None:
    add_paper(db, "Keep or not")
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_papers(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "PaperConfirmModal"
        await pilot.press("n")
        await settle(pilot)
        assert titles(screen) == ["Keep or not"]
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert titles(screen) == []
    assert list_papers(db) == []


async def test_edit_changes_fields(db: Database) -> None:
    row = add_paper(db, "Old title")
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_papers(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#pf-title", Input).value = "New title"
        form.query_one("#pf-venue", Input).value = "ICML"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert titles(screen) == ["New title"]
    paper = find_paper(db, str(row.id))
    assert (paper.title, paper.venue, paper.status) == ("New title", "ICML", "to-read")


async def test_paper_page_notes_are_saved_and_previewed(db: Database) -> None:
    row = add_paper(db, "1706.03762")
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_papers(pilot)
        await pilot.press("enter")
        await settle(pilot)
        page = app.screen
        assert page.__class__.__name__ == "PaperPageScreen"
        assert "Transformer" in str(page.query_one("#paper-tldr", Static).render())
        await pilot.press("n", *"# Key idea", "enter", *"attention only")
        await pilot.press("escape", "escape")  # leave the editor, then the page
        await settle(pilot)
        assert isinstance(app.screen, PapersScreen)
    assert get_paper(db, row.id).notes == "# Key idea\nattention only"


async def test_drill_answers_go_into_the_notes(db: Database) -> None:
    row = add_paper(db, "1706.03762")
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_papers(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        drill = app.screen
        assert drill.__class__.__name__ == "DrillModal"
        assert "left" in str(drill.query_one("#drill-clock", Static).render())
        await pilot.press(*"Attention replaces recurrence.")
        drill.query_one("#drill-results", TextArea).load_text("BLEU 28.4 on WMT En-De.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        notes = page_notes = app.screen.query_one("#paper-notes", TextArea).text
        assert "### Abstract\n\nAttention replaces recurrence." in page_notes
    assert get_paper(db, row.id).notes.strip() == notes.strip()
    assert "### Results\n\nBLEU 28.4 on WMT En-De." in notes


def test_drill_clock_counts_down() -> None:
    from tracker.tui.modals.drill import DrillModal, clock_text

    ticks = iter([0.0, 65.0])
    modal = DrillModal("p", clock=lambda: next(ticks))
    assert modal.remaining() == 20 * 60 - 65
    assert str(clock_text(20 * 60 - 65)) == "18:55 left"
    assert "time's up" in str(clock_text(0))


async def test_markup_in_titles_shows_literally(db: Database) -> None:
    add_paper(db, "[bold]x[/]", tldr="[red]not red[/]", topics=["[i]t[/i]"])
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_papers(pilot)
        row = [str(c) for c in screen.query_one("#listing", DataTable).get_row_at(0)]
        assert "[bold]x[/]" in row and "[red]not red[/]" in row and "[i]t[/i]" in row
        await pilot.press("enter")
        await settle(pilot)
        assert str(app.screen.query_one("#paper-title", Static).render()) == "[bold]x[/]"


async def test_palette_opens_the_reading_list(demo_db: Database) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette(pilot, "papers: reading list")
        assert isinstance(app.screen, PapersScreen) and app.screen.view == "reading-list"


def test_snapshot_papers_screen(demo_db: Database, snap_compare, utc: None) -> None:
    add_paper(demo_db, "[bold]x[/] a title that looks like markup", year=2030, topics=["Transformers"])

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_papers(pilot)

    assert snap_compare(make_app(demo_db), terminal_size=(120, 40), run_before=run_before)


@pytest.mark.parametrize("width", [80, 120])
async def test_filter_bar_fits_a_small_terminal(demo_db: Database, width: int) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(width, 30)) as pilot:
        screen = await open_papers(pilot)
        box = screen.query_one("#papers-filter", Input)
        assert box.region.width >= 14
        for select in screen.query("#papers-bar Dropdown"):
            assert select.region.width >= 8 and select.region.right <= width, (select.id, select.region)
        views = str(screen.query_one("#papers-view", Static).render())
        if width < 100:
            assert views.strip() == "All  v"  # only the current view (v cycles) leaves room for the rest
        else:
            assert "Reading list" in views and "Read this month" in views
        await pilot.press("v")
        await settle(pilot)
        assert "Reading list" in str(screen.query_one("#papers-view", Static).render())


async def test_topic_and_domain_names_in_the_dropdowns_are_shown_as_typed(db: Database) -> None:
    add_paper(db, "Reward shaping", domain="[b]RL[/b]", topics=["Policy [gradient]"])
    add_paper(db, "Attention", domain="NLP", topics=["Transformers"])
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_papers(pilot)
        topic = screen.query_one("#papers-topic", Dropdown)
        topic.value = "Policy [gradient]"
        screen.query_one("#papers-domain", Dropdown).value = "[b]rl[/b]"  # domains are kept in lower case
        await settle(pilot)
        assert titles(screen) == ["Reward shaping"]
        shown = "\n".join(strip.text for strip in app.screen._compositor.render_strips()[:6])
        assert "[b]rl[/b]" in shown, shown
        assert topic.options[0][0].plain == "Policy [gradient]"
        assert topic.render().plain.startswith("Policy [")  # literal, and cut with "…" where the box ends


async def test_home_and_end_go_to_the_first_and_last_paper(demo_db: Database) -> None:
    """In a list of rows Home and End move to its first and last row (every row, though they are built as the
    list scrolls), not sideways."""
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        table = app.screen.query_one("#listing")
        await pilot.press("end")
        await settle(pilot)
        assert table.cursor_row == table.total - 1 > 40 and table.scroll_x == 0
        await pilot.press("home")
        await settle(pilot)
        assert table.cursor_row == 0 and table.scroll_y == 0


async def test_the_form_completes_domain_and_topics_from_those_in_use(db: Database) -> None:
    add_paper(db, "Attention", domain="NLP", topics=["Transformers", "Tokenizers"])
    add_paper(db, "BERT", domain="NLP", topics=["Transformers"])
    add_paper(db, "ResNet", domain="vision", topics=["[b]CNNs[/b]"])
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_papers(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        form.query_one("#pf-title", Input).focus()
        await pilot.press(*"Paper with completed names")
        form.query_one("#pf-domain", Input).focus()
        await pilot.press("N")
        await settle(pilot)
        domain = form.query_one("#pf-domain", Input)
        assert domain._suggestion == "Nlp"  # what was typed as typed, the rest as the name is written
        await pilot.press("right")  # accepts
        assert domain.value == "Nlp"
        form.query_one("#pf-topics", Input).focus()
        await pilot.press(*"tr")
        await settle(pilot)
        topics = form.query_one("#pf-topics", Input)
        assert topics._suggestion == "transformers"
        await pilot.press("right", *", t")
        await settle(pilot)
        assert topics._suggestion == "transformers, tokenizers"  # not the one listed already
        await pilot.press("right", *", [")
        await settle(pilot)
        assert topics._suggestion == "transformers, tokenizers, [b]CNNs[/b]"  # user text, never markup
        await pilot.press("right", "ctrl+s")
        await settle(pilot)
    paper = find_paper(db, "Paper with completed names")
    assert paper.domain == "nlp"
    assert sorted(paper.topics, key=str.casefold) == [
        "[b]CNNs[/b]",
        "Tokenizers",
        "Transformers",
    ]  # the same topics
