"""Round and company pages opened from the board."""

from __future__ import annotations

from tests.tui.conftest import make_app, settle
from tracker.domain.when import parse_when
from tracker.services.base import Database
from tracker.services.pipeline import add_round, company_detail, get_round, round_detail
from tracker.tui.screens.board import BoardScreen
from tracker.tui.widgets.board_card import BoardCard


async def open_board(pilot) -> None:
    await settle(pilot)
    await pilot.press("5")
    await settle(pilot)


async def test_round_page_edits_date_prepare_and_topics(db: Database) -> None:
    add_round(db, "Acme", "ml-system-design", column="Scheduling")
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "RoundScreen"
        at = app.screen.query_one("#round-at")
        at.value = "next blursday"
        await pilot.pause()
        assert "cannot read 'next blursday'" in str(app.screen.query_one("#round-at-hint").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert get_round(db, 1).scheduled_at is None  # refused, nothing saved
        assert app.screen.__class__.__name__ == "RoundScreen"
        at.value = "Dec 3 2pm"
        app.screen.query_one("#round-topics").value = "Recsys system design, Ranking metrics"
        prepare = app.screen.query_one("#round-prepare-text")
        prepare.text = ""
        prepare.focus()
        await pilot.press(*"# Feed")
        await settle(pilot)
        preview = app.screen.query_one("#round-prepare-preview")
        assert "Feed" in preview.source
        await pilot.press("escape")  # saves and goes back
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        card = str(app.screen.query_one("#card-1", BoardCard).render())
        assert "03 Dec 14:00" in card
    d = round_detail(db, 1)
    assert d.round.scheduled_at == parse_when("Dec 3 2pm")
    assert d.round.prepare == "# Feed"
    assert d.topics == ["Ranking metrics", "Recsys system design"]


async def test_company_page_edits_and_lists(db: Database) -> None:
    add_round(db, "[red]x[/]", "coding", column="Scheduling", at="2026-12-03 14:00")
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_board(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "CompanyScreen"
        assert "[red]x[/]" in str(app.screen.query_one("#company-title").render())
        assert app.screen.query_one("#company-rounds").row_count == 1
        app.screen.query_one("#company-role").value = "Research engineer"
        app.screen.query_one("#company-team").value = "Ranking"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
    d = company_detail(db, 1)
    assert (d.name, d.role, d.team) == ("[red]x[/]", "Research engineer", "Ranking")
