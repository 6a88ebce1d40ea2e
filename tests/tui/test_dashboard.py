"""The dashboard screen: what it shows on a fixed database at a frozen moment, its keys, `prep today --json`
agreeing with it, and a snapshot."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from textual.widgets import Input, Sparkline, Static

from tests.golden.fixture import NOW, fixed_copy
from tests.tui.conftest import make_app, settle
from tracker.services.base import Database
from tracker.services.problems import get_problem
from tracker.tui.screens.dashboard import DashboardScreen
from tracker.tui.widgets.dashboard_today import TodayList


@pytest.fixture
def frozen(utc: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """UTC local time and a dashboard clock stopped at the fixture's NOW (Wed 18 Nov 2026 10:00)."""
    monkeypatch.setattr(DashboardScreen, "clock", staticmethod(lambda: NOW))


@pytest.fixture
def fixed(tmp_path: Path) -> Iterator[tuple[Database, dict[str, int]]]:
    db, ids = fixed_copy(tmp_path / "fixed.db")
    yield db, ids
    db.close()


def text_of(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


async def test_panels_show_the_day(fixed: tuple[Database, dict[str, int]], frozen: None) -> None:
    db, ids = fixed
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        rounds = text_of(app, "#next-rounds")
        # Soonest first; user text with brackets shows literally; readiness with the next step.
        assert (
            rounds.index("Globex | Co") < rounds.index("Acme [AI] · coding") < rounds.index("system-design")
        )
        assert "50% ready" in rounds and "Write a story for 1 uncovered question" in rounds
        today = app.screen.query_one("#today", TodayList)
        assert [b.id for b in today.blocks] == [ids["current_block"], ids["evening_block"]]
        assert (
            today.block is not None and today.block.id == ids["current_block"]
        )  # the current one is selected
        current = str(today.get_option_at_index(0).prompt)
        assert "now · 60 min left" in current and "146. LRU Cache" in current
        assert "Attention Is All You Need" in current
        assert text_of(app, "#queue").startswith("1 due for review")
        assert "Merge Intervals" in text_of(app, "#queue")
        week = text_of(app, "#week")
        assert "hours done/plan" in week and "1/3.5" in week
        assert text_of(app, "#streak").startswith("3-day streak")
        assert list(app.screen.query_one("#activity-sparkline", Sparkline).data or [])[-3:] == [1.0, 2.0, 2.0]
        assert "Intervals" in text_of(app, "#weak") and "1 of 2 behavioral questions uncovered" in text_of(
            app, "#weak"
        )


async def test_a_failing_first_read_is_reported_and_the_app_keeps_running(
    fixed: tuple[Database, dict[str, int]], frozen: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.services import dashboard as service
    from tracker.services.base import ServiceError

    def broken(*args: object, **kwargs: object) -> None:
        raise ServiceError("database error: disk I/O error")

    monkeypatch.setattr(service, "summary", broken)
    db, _ = fixed
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert [n.message for n in app._notifications] == ["database error: disk I/O error"]
        await pilot.press("2")  # the rest of the app works
        await settle(pilot)
        assert type(app.screen).__name__ == "ProblemsScreen"


async def test_x_checks_the_selected_block_off_and_back(
    fixed: tuple[Database, dict[str, int]], frozen: None
) -> None:
    from tracker.services.dashboard import summary

    db, _ids = fixed
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert summary(db, now=NOW).today_blocks[0].status == "done"
        assert str(app.screen.query_one("#today", TodayList).get_option_at_index(0).prompt).startswith("✓")
        await pilot.press("x")
        await settle(pilot)
        assert summary(db, now=NOW).today_blocks[0].status == "planned"


async def test_o_opens_the_area_of_the_blocks_work(
    fixed: tuple[Database, dict[str, int]], frozen: None
) -> None:
    db, _ = fixed
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await settle(pilot)
        assert app.current_mode == "problems"
        assert any("146. LRU Cache" in str(n.message) for n in app._notifications)
        # the block's problem is selected, not just its area shown
        selected = app.screen.selected_id
        assert selected is not None and get_problem(db, selected).number == 146


async def test_r_starts_the_review_queue(fixed: tuple[Database, dict[str, int]], frozen: None) -> None:
    db, _ = fixed
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert app.current_mode == "problems"
        state = getattr(app.screen, "query_state", None)
        if state is not None:
            assert state.view == "due"


async def test_w_writes_the_week_review_and_says_where(
    fixed: tuple[Database, dict[str, int]], frozen: None, tmp_path: Path
) -> None:
    db, _ = fixed
    target = tmp_path / "week.md"
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()
        modal = app.screen
        assert modal.query_one("#week-export-week", Input).value == "2026-W47"
        assert modal.query_one("#week-export-path", Input).value.endswith("prep-week-2026-W47.md")
        modal.query_one("#week-export-path", Input).value = str(target)
        await pilot.click("#week-export-write")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert target.read_text(encoding="utf-8").startswith("# Weekly review 2026-W47")
        assert any(str(target) in str(n.message) for n in app._notifications)


async def test_w_with_a_bad_week_says_so_and_writes_nothing(
    fixed: tuple[Database, dict[str, int]], frozen: None, tmp_path: Path
) -> None:
    db, _ = fixed
    target = tmp_path / "week.md"
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()
        app.screen.query_one("#week-export-week", Input).value = "2026-W99"
        app.screen.query_one("#week-export-path", Input).value = str(target)
        await pilot.click("#week-export-write")
        await settle(pilot)
        assert not target.exists()
        assert any("ISO weeks 1..53" in str(n.message) for n in app._notifications)


async def test_prep_today_json_agrees_with_the_screen(
    fixed: tuple[Database, dict[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    """Both on the real clock: `prep today --json` and the dashboard show the same rounds, blocks and numbers."""
    from tests.cli.conftest import run_prep

    db, _ = fixed
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        shown_blocks = [b.id for b in screen.query_one("#today", TodayList).blocks]
        rounds = text_of(app, "#next-rounds")
        queue = text_of(app, "#queue")
        streak = text_of(app, "#streak")
        spark = [int(v) for v in screen.query_one("#activity-sparkline", Sparkline).data or []]
        mastery = text_of(app, "#mastery")
        weak = text_of(app, "#weak")
    doc = run_prep(["--db", str(db.path), "today", "--json"], capsys).json()
    assert [b["id"] for b in doc["today"]] == shown_blocks
    positions = [rounds.index(f"{r['company']} · {r['kind']}") for r in doc["next_rounds"]]
    assert positions == sorted(positions)
    for r in doc["next_rounds"]:
        assert f"{r['readiness']:>3}% ready" in rounds
    assert queue.startswith(f"{doc['reviews']['due']} due")
    assert all(d["title"] in queue for d in doc["reviews"]["first"])
    assert streak.startswith(f"{doc['streak']['days']}-day streak")
    assert spark == doc["streak"]["activity"]
    for key, n in doc["mastery"].items():
        assert f"{key.replace('_', ' ')} {n}" in mastery
    assert all(p["name"] in weak for p in doc["weakest_patterns"])
    assert f"{doc['behavioral']['uncovered']} of {doc['behavioral']['questions']}" in weak


def test_snapshot_dashboard(fixed: tuple[Database, dict[str, int]], frozen: None, snap_compare: Any) -> None:
    db, _ = fixed

    async def run_before(pilot: Any) -> None:
        await settle(pilot)

    assert snap_compare(make_app(db), terminal_size=(120, 40), run_before=run_before)


# ------------------------------------------------------------------------------------------------ small terminals
def screen_lines(app: Any) -> list[str]:
    """What the terminal shows, line by line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def line_with(lines: list[str], pattern: str) -> str:
    """The one shown line matching ``pattern`` (a regex), so a row's label and numbers are checked together."""
    found = [line for line in lines if re.search(pattern, line)]
    assert len(found) == 1, f"{pattern!r} on {len(found)} lines:\n" + "\n".join(lines)
    return found[0]


async def test_80x24_shows_todays_blocks_the_week_and_the_next_round(
    fixed: tuple[Database, dict[str, int]], frozen: None
) -> None:
    db, _ = fixed
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = screen_lines(app)
        assert app.screen.has_class("-narrow")
        # The next round: when, who, what kind, how soon and how ready, on its two lines.
        line_with(lines, r"20 Nov 09:00  Globex \| Co · behavioral")
        line_with(lines, r"in 2 days  \S+  50%")
        # Today's blocks: the current one with the time left and its work, then the evening one.
        line_with(lines, r"▶ 09:30–11:00  Acme \[AI\] coding prep")
        line_with(lines, r"now · 60 min left")
        line_with(lines, r"problem 146\. LRU Cache · 45 min")
        line_with(lines, r"paper Attention Is All You Need")
        line_with(lines, r"○ 18:00–19:00  Stories")
        # This week against last: every row whole on one line (label, this, last).
        line_with(lines, r"this +last")
        line_with(lines, r"problems +2 +2 +=")
        line_with(lines, r"■ bug free +1 +0")
        line_with(lines, r"■ brute force +0 +1")
        line_with(lines, r"hrs done/plan +1/3\.5 +1/2 +=")
        line_with(lines, r"papers read +1 +1")
        line_with(lines, r"rehearsals +1 +1")
        # The review queue.
        line_with(lines, r"1 due for review")
        line_with(lines, r"56\. Merge Intervals")


async def test_resizing_switches_between_the_short_and_the_long_forms(
    fixed: tuple[Database, dict[str, int]], frozen: None
) -> None:
    db, _ = fixed
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "stories rehearsed" in text_of(app, "#week")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "rehearsals" in text_of(app, "#week") and "stories rehearsed" not in text_of(app, "#week")
        assert "Tue 20 Nov" not in text_of(app, "#next-rounds")
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        assert app.screen.has_class("-stacked")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not app.screen.has_class("-narrow") and not app.screen.has_class("-stacked")
        assert "stories rehearsed" in text_of(app, "#week")
        assert "Fri 20 Nov 09:00  Globex | Co · behavioral  in 2 days" in text_of(app, "#next-rounds")
        today = app.screen.query_one("#today", TodayList)
        assert today.block is not None and today.block.title == "Acme [AI] coding prep"  # still selected


@pytest.mark.parametrize("width", range(29, 46))  # 29: the panel at 80 columns
def test_week_table_rows_fit_their_panel(width: int) -> None:
    from tracker.tui.widgets.dashboard_panels import week_text

    this = SimpleNamespace(
        attempts=123,
        ratings={"bug-free": 60, "has-bugs": 40, "brute-force": 20, "no-clue": 3},
        hours_done=12.5,
        hours_planned=17.5,
        papers_read=10,
        rehearsals=4,
    )
    last = SimpleNamespace(
        attempts=7, ratings={}, hours_done=0, hours_planned=2, papers_read=0, rehearsals=11
    )
    lines = week_text(this, last, width).plain.splitlines()
    assert len(lines) == 9
    assert ("stories rehearsed" in lines[-1]) == (width >= 42)  # the long labels whenever they fit
    assert all(len(line) <= width for line in lines), lines
    assert re.search(r"12\.5/17\.5 +0/2 +\+12\.5$", lines[6])
    assert re.search(r" +123 +7 +\+116$", lines[1])


def test_snapshot_dashboard_80x24(
    fixed: tuple[Database, dict[str, int]], frozen: None, snap_compare: Any
) -> None:
    db, _ = fixed

    async def run_before(pilot: Any) -> None:
        await settle(pilot)

    assert snap_compare(make_app(db), terminal_size=(80, 24), run_before=run_before)


async def test_an_empty_day_with_study_rules_says_nothing_is_planned_not_add_a_rule(db: Database) -> None:
    from tracker.services.problems import add_problem
    from tracker.services.schedule import add_rule

    add_problem(db, "Two Sum", number=1)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        empty = str(app.screen.query_one("#today", TodayList).get_option_at_index(0).prompt)
        assert "n adds a study rule" in empty  # no rules yet: how to add one
    add_rule(db, days="mon-sun", start="07:00", minutes=60, focus="coding")  # a rule, but nothing planned
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        empty = str(app.screen.query_one("#today", TodayList).get_option_at_index(0).prompt)
        assert "Nothing planned today" in empty and "r re-plans" in empty
        assert "adds a study rule" not in empty
