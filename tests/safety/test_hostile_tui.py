"""Hostile input through the TUI, driven with Pilot the way a person types it.

Each refusal asserts a clear notification (or inline error), the form still open with the app running and no
exception, and the database byte-for-byte unchanged (`iterdump` before and after). Text that is merely unusual —
Rich markup, control characters, emoji, right-to-left scripts, 100 KB notes — is saved and shown literally.
The CLI and importer cases live in test_hostile_cli.py.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Checkbox, DataTable, Input, Static, TextArea

from tests.tui.conftest import make_app, palette, settle
from tracker.services.base import Database

MARKUP = "[bold]x[/] [/] [red]y"
RTL = "مرحبا بالعالم שלום"
EMOJI = "🚀 rocket 👩‍💻"
BIG = "".join(f"{i:05d} lorem ipsum dolor sit amet, [b]not bold[/b] — ünïcödé ✓ 🚀\n" for i in range(1600))[
    :100_000
]


# ------------------------------------------------------------------------------------------------------ helpers
def dump(db: Database) -> list[str]:
    con = sqlite3.connect(Path(db.path))
    try:
        return list(con.iterdump())
    finally:
        con.close()


def messages(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


def refused(app: Any, *needles: str, screen: str) -> None:
    """The refusal was said in words, the form is still open, and the app is alive."""
    said = " | ".join(messages(app))
    for needle in needles:
        assert needle.lower() in said.lower(), said
    assert "Traceback" not in said
    assert app.screen.__class__.__name__ == screen
    assert app.is_running and app.return_code is None and app._exception is None


def rendered(widget: Any) -> str:
    return str(widget.render())


async def area(pilot: Any, key: str) -> Any:
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    return pilot.app.screen


async def save(pilot: Any) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot)


# ------------------------------------------------------------------------------------------------ problem form
async def _new_problem(pilot: Any, **values: str) -> Any:
    await area(pilot, "2")
    await pilot.press("n")
    await settle(pilot)
    modal = pilot.app.screen
    assert modal.__class__.__name__ == "ProblemFormModal"
    for selector, value in values.items():
        widget = modal.query_one(f"#{selector}")
        if isinstance(widget, TextArea):
            widget.load_text(value)
        else:
            widget.value = value
    await save(pilot)
    return modal


def _title_cells(app: Any) -> list[str]:
    table = app.screen.query_one("#problems-table", DataTable)
    col = table.get_column_index("title")
    return [str(table.get_cell_at((row, col))) for row in range(table.row_count)]


async def test_problem_title_and_gist_with_markup_are_saved_and_shown_literally(db: Database) -> None:
    from tracker.services.problems import problem_detail

    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _new_problem(
            pilot, **{"pf-title-input": MARKUP, "pf-gist": "[/]", "pf-patterns": "[b]Heap[/b]"}
        )
        assert app.screen.__class__.__name__ == "ProblemsScreen", messages(app)
        assert MARKUP in _title_cells(app)
        assert MARKUP in rendered(app.screen.query_one("#pd-header", Static))
        assert "[/]" in rendered(app.screen.query_one("#pd-gist", Static))
    detail = problem_detail(db, 1)
    assert (detail.problem.title, detail.problem.gist, detail.problem.patterns) == (
        MARKUP,
        "[/]",
        ["[b]Heap[/b]"],
    )


async def test_problem_control_characters_are_stripped_not_stored(db: Database) -> None:
    from tracker.services.problems import problem_detail

    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _new_problem(pilot, **{"pf-title-input": "Two\x00 Sum\x07\x1b[31m", "pf-gist": "hash\x08map"})
        assert app.screen.__class__.__name__ == "ProblemsScreen", messages(app)
    problem = problem_detail(db, 1).problem
    assert not any(ord(ch) < 32 for ch in problem.title + (problem.gist or ""))
    assert problem.title.startswith("Two Sum")


async def test_problem_emoji_and_right_to_left_text_round_trip(db: Database) -> None:
    from tracker.services.problems import problem_detail

    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _new_problem(
            pilot, **{"pf-title-input": f"{EMOJI} {RTL}", "pf-gist": RTL, "pf-companies": EMOJI}
        )
        assert app.screen.__class__.__name__ == "ProblemsScreen", messages(app)
        assert f"{EMOJI} {RTL}" in _title_cells(app)
        assert RTL in rendered(app.screen.query_one("#pd-gist", Static))
    problem = problem_detail(db, 1).problem
    assert (problem.title, problem.gist, problem.companies) == (f"{EMOJI} {RTL}", RTL, [EMOJI])


async def test_problem_100kb_notes_are_saved_whole(db: Database) -> None:
    from tracker.services.problems import problem_detail

    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _new_problem(pilot, **{"pf-title-input": "Long notes", "pf-notes": BIG})
        assert app.screen.__class__.__name__ == "ProblemsScreen", messages(app)
    assert problem_detail(db, 1).notes == BIG


async def test_problem_duplicate_number_is_refused(demo_db: Database) -> None:
    before = dump(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        modal = await _new_problem(pilot, **{"pf-number": "1", "pf-title-input": "Two Sum again"})
        refused(app, "exists", screen="ProblemFormModal")
        assert modal.query_one("#pf-title-input", Input).value == "Two Sum again"  # what was typed stays
    assert dump(demo_db) == before


async def test_problem_edit_to_an_empty_title_is_refused(demo_db: Database) -> None:
    before = dump(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await area(pilot, "2")
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ProblemFormModal"
        app.screen.query_one("#pf-title-input", Input).value = "   "
        await save(pilot)
        refused(app, "title", screen="ProblemFormModal")
    assert dump(demo_db) == before


# ------------------------------------------------------------------------------------------------ rating modal
@pytest.mark.parametrize(
    ("minutes", "needle"), [("-5", "minutes"), ("100000", "minutes"), ("12abc", "whole")]
)
async def test_rating_minutes_out_of_range_or_not_a_number(
    demo_db: Database, minutes: str, needle: str
) -> None:
    before = dump(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await area(pilot, "2")
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "RateModal"
        await pilot.press("4")
        app.screen.query_one("#rate-minutes", Input).value = minutes
        await save(pilot)
        refused(app, needle, screen="RateModal")
    assert dump(demo_db) == before


# -------------------------------------------------------------------------------------------------------- papers
async def _paper_form(pilot: Any, **values: str) -> Any:
    await area(pilot, "3")
    await pilot.press("a")
    await settle(pilot)
    modal = pilot.app.screen
    assert modal.__class__.__name__ == "PaperFormModal"
    for key, value in values.items():
        modal.query_one(f"#pf-{key}", Input).value = value
    await save(pilot)
    return modal


async def test_paper_bad_arxiv_id_is_refused(demo_db: Database) -> None:
    before = dump(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _paper_form(pilot, title="A paper", arxiv_id="17o6.O3762")
        refused(app, "arxiv", screen="PaperFormModal")
    assert dump(demo_db) == before


async def test_paper_duplicate_arxiv_id_is_refused(demo_db: Database) -> None:
    before = dump(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _paper_form(pilot, title="VGG, again", arxiv_id="1409.1556")
        refused(app, "1409.1556", screen="PaperFormModal")
    assert dump(demo_db) == before


async def test_paper_notes_of_100kb_are_saved_and_read_back(db: Database) -> None:
    from tracker.services.papers import add_paper, get_paper

    add_paper(db, title=f"{MARKUP} paper")
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await area(pilot, "3")
        await pilot.press("enter")
        await settle(pilot)
        page = app.screen
        assert page.__class__.__name__ == "PaperPageScreen"
        assert MARKUP in rendered(page.query_one("#paper-title", Static))
        page.query_one("#paper-notes", TextArea).load_text(BIG)
        await save(pilot)
        assert "notes saved" in rendered(page.query_one("#paper-saved", Static))
    assert get_paper(db, 1).notes == BIG
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:  # read back by a fresh app
        await area(pilot, "3")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#paper-notes", TextArea).text == BIG


# ------------------------------------------------------------------------------------------------------- stories
async def _story_editor(pilot: Any) -> Any:
    await area(pilot, "4")
    await pilot.press("n")
    await settle(pilot)
    modal = pilot.app.screen
    assert modal.__class__.__name__ == "StoryEditorModal"
    return modal


async def test_story_markup_in_every_star_field_is_shown_literally(db: Database) -> None:
    from tracker.services.stories import list_stories

    fields = {
        name: f"[red]{name}[/] [/] [link=x]{name}" for name in ("situation", "task", "action", "result")
    }
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        modal = await _story_editor(pilot)
        modal.query_one("#se-title", Input).value = "[bold]Launch[/]"
        modal.query_one("#se-tags", Input).value = "[i]ownership[/i]"
        for name, text in fields.items():
            modal.query_one(f"#se-{name}", TextArea).load_text(text)
        await save(pilot)
        assert app.screen.__class__.__name__ == "StoriesScreen", messages(app)
        await settle(pilot)
        preview = rendered(app.screen.query_one("#story-preview-text", Static))
        assert "[bold]Launch[/]" in preview
        for text in fields.values():
            assert text in preview
    [story] = list_stories(db)
    assert story.title == "[bold]Launch[/]"
    assert {name: getattr(story, name) for name in fields} == fields


async def test_story_with_an_empty_title_is_refused(demo_db: Database) -> None:
    before = dump(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        modal = await _story_editor(pilot)
        modal.query_one("#se-title", Input).value = "   "
        modal.query_one("#se-situation", TextArea).load_text("Something happened")
        await save(pilot)
        refused(app, "title", screen="StoryEditorModal")
        assert modal.query_one("#se-situation", TextArea).text == "Something happened"
    assert dump(demo_db) == before


# --------------------------------------------------------------------------------------------------------- board
@pytest.mark.parametrize("when", ["Feb 30 2pm", "25:99", "2026-13-01 10:00"])
async def test_new_round_with_an_impossible_date_is_refused(demo_db: Database, when: str) -> None:
    before = dump(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await area(pilot, "5")
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "NewRoundModal"
        app.screen.query_one("#round-new-company", Input).value = "Lumen Search"
        app.screen.query_one("#round-new-at", Input).value = when
        await save(pilot)
        refused(app, "cannot read", screen="NewRoundModal")
        assert "cannot read" in rendered(app.screen.query_one("#round-new-error", Static))
    assert dump(demo_db) == before


async def test_round_page_bad_date_is_refused_and_escape_does_not_lose_it(demo_db: Database) -> None:
    before = dump(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await area(pilot, "5")
        await pilot.press("enter")
        await settle(pilot)
        page = app.screen
        assert page.__class__.__name__ == "RoundScreen"
        page.query_one("#round-at", Input).value = "Feb 30 2pm"
        await pilot.pause()
        assert "cannot read" in rendered(page.query_one("#round-at-hint", Static))
        await save(pilot)
        refused(app, "cannot read", screen="RoundScreen")
        await pilot.press("escape")  # the first escape warns instead of leaving
        await settle(pilot)
        refused(app, "not saved", screen="RoundScreen")
    assert dump(demo_db) == before


async def test_company_name_differing_only_in_case_is_refused(demo_db: Database) -> None:
    before = dump(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await area(pilot, "5")
        await pilot.press("a")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "NewCompanyModal"
        app.screen.query_one("#company-new-name", Input).value = "LUMEN search"
        await save(pilot)
        refused(app, "exists", screen="NewCompanyModal")
    assert dump(demo_db) == before


async def test_deleting_a_column_that_holds_rounds_is_refused(demo_db: Database) -> None:
    before = dump(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await area(pilot, "5")
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ColumnsModal"
        app.screen.query_one("#columns-table", DataTable).move_cursor(row=0)
        await pilot.click("#columns-delete")
        await settle(pilot)
        refused(app, "still holds", screen="ColumnsModal")
    assert dump(demo_db) == before


# ------------------------------------------------------------------------------------------------------ schedule
@pytest.mark.parametrize(
    ("field", "value", "needle"),
    [
        ("rf-rrule", "FREQ=SOMETIMES;BYDAY=MO", "FREQ"),
        ("rf-start", "25:99", "start"),
        ("rf-minutes", "-30", "minutes"),
    ],
)
async def test_rule_form_refuses_bad_values(demo_db: Database, field: str, value: str, needle: str) -> None:
    before = dump(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await area(pilot, "6")
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "RuleFormModal"
        app.screen.query_one("#rf-mon", Checkbox).value = True
        app.screen.query_one(f"#{field}", Input).value = value
        await save(pilot)
        refused(app, needle, screen="RuleFormModal")
    assert dump(demo_db) == before


# ------------------------------------------------------------------------------------------------------ settings
async def _settings(pilot: Any) -> Any:
    await settle(pilot)
    await palette(pilot, "Settings")
    assert pilot.app.screen.__class__.__name__ == "SettingsModal"
    return pilot.app.screen


@pytest.mark.parametrize(
    ("key", "value", "needle"),
    [
        ("set-queue-daily-review-cap", "-3", "between 0 and"),
        ("set-queue-daily-new-cap", "[red]5[/]", "whole number"),
        ("set-timer-limits", "20/40", "timer"),
    ],
)
async def test_settings_refuse_bad_values(demo_db: Database, key: str, value: str, needle: str) -> None:
    before = dump(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        modal = await _settings(pilot)
        modal.query_one(f"#{key}", Input).value = value
        await save(pilot)
        refused(app, needle, screen="SettingsModal")
    assert dump(demo_db) == before


# ------------------------------------------------------------------------------------------------- week export
async def test_week_export_with_an_impossible_week_is_refused(demo_db: Database, tmp_path: Path) -> None:
    target = tmp_path / "week.md"
    before = dump(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "WeekExportModal"
        app.screen.query_one("#week-export-week", Input).value = "2026-W60"
        app.screen.query_one("#week-export-path", Input).value = str(target)
        await pilot.click("#week-export-write")
        await settle(pilot)
        refused(app, "week", screen="WeekExportModal")
    assert not target.exists()
    assert dump(demo_db) == before


# ----------------------------------------------------------------------------- found by walking through the app
@pytest.mark.parametrize("key", ["e", "r", "s", "d", "x"])
async def test_paper_keys_on_an_empty_list_say_why_nothing_happens(db: Database, key: str) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await area(pilot, "3")
        await pilot.press(key)
        await settle(pilot)
        refused(app, "no paper selected", screen="PapersScreen")


@pytest.mark.parametrize("key", ["enter", "o", "shift+right"])
async def test_board_keys_without_a_round_say_why_nothing_happens(db: Database, key: str) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await area(pilot, "5")
        await pilot.press(key)
        await settle(pilot)
        refused(app, "no round selected", screen="BoardScreen")
