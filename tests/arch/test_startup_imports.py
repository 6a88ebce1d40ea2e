"""The dashboard's first load reads through plain sqlite3: SQLAlchemy/SQLModel (~30 MiB, ~0.5 s of CPU) are
imported only once the user goes somewhere else. fsrs (scheduling a card) and dateutil (parsing typed dates) wait
too: the dashboard only shows mastery and "in 3 days". Each check runs in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tracker.services.base import Database

ORM = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "fsrs", "dateutil")

SERVICES = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from tracker.services.base import Database
from tracker.services.dashboard import summary
from tracker.services.readiness import round_readiness

db = Database(Path(sys.argv[1]))
db.ensure_schema()
now = datetime(2026, 11, 16, 12, 0, tzinfo=UTC)  # the moment the demo database was made for (tests/conftest.py)
s = summary(db, now=now)
ready = round_readiness(db, [r.id for r in s.next_rounds], now=now)
assert s.problems > 0 and s.next_rounds, "the demo database has problems and upcoming rounds"
assert set(ready) == {r.id for r in s.next_rounds}
print("loaded=" + ",".join(m for m in {orm!r} if m in sys.modules))
"""

APP = """
import asyncio, sys
from pathlib import Path
from tracker.services.base import Database
from tracker.tui.app import PrepApp

async def main() -> None:
    db = Database(Path(sys.argv[1]))
    db.ensure_schema()
    app = PrepApp(db, welcome=sys.argv[2] == "welcome")
    async with app.run_test(size=(120, 40)) as pilot:
        dashboard = next(s for s in app.screen_stack if getattr(s, "AREA", None) == "dashboard")
        for _ in range(200):  # until the data worker has shown its numbers (bounded; no timing involved)
            await app.workers.wait_for_complete()
            await pilot.pause()
            if dashboard.data is not None:
                break
        assert dashboard.data is not None, "the dashboard never showed its data"
        print(type(app.screen).__name__, dashboard.data.problems)
        print("loaded=" + ",".join(m for m in {orm!r} if m in sys.modules))

asyncio.run(main())
"""


def _run(code: str, *args: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", code.replace("{orm!r}", repr(ORM)), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.splitlines()
    assert lines and lines[-1].startswith("loaded="), out.stdout[-2000:]
    return [*lines[:-1], lines[-1].removeprefix("loaded=")]


def test_dashboard_numbers_and_readiness_do_not_import_the_orm(demo_db: Database) -> None:
    loaded = _run(SERVICES, str(demo_db.path))[-1]
    assert loaded == "", f"the dashboard's data imported {loaded}"


def test_the_app_shows_the_dashboard_without_importing_the_orm(demo_db: Database) -> None:
    screen, loaded = _run(APP, str(demo_db.path), "no-welcome")[-2:]
    assert screen.startswith("DashboardScreen") and int(screen.split()[1]) > 0
    assert loaded == "", f"starting prep on the dashboard imported {loaded}"


def test_a_new_user_sees_the_welcome_without_importing_the_orm(db: Database) -> None:
    screen, loaded = _run(APP, str(Path(db.path)), "welcome")[-2:]
    assert screen == "WelcomeModal 0"
    assert loaded == "", f"the welcome check imported {loaded}"


PROBLEMS = """
import asyncio, sys
from pathlib import Path
from tracker.services.base import Database
from tracker.tui.app import PrepApp

PrepApp._load_orm_when_idle = lambda self: None  # the app imports it once the user pauses; this run never does
from tracker.tui import work
work.PAINT_FIRST_S = 600  # the schedule's shortfalls (the planner uses the ORM) wait: only the week is checked

async def main() -> None:
    db = Database(Path(sys.argv[1]))
    db.ensure_schema()
    app = PrepApp(db, welcome=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        screen = app.screen
        table = screen.query_one("#problems-table")
        for _ in range(200):  # until the first page, its filter choices and the detail pane are in (bounded)
            await app.workers.wait_for_complete()
            await pilot.pause()
            if table.row_count and screen._choices is not None and screen._detail_for is not None:
                break
        print(type(screen).__name__, table.row_count, len(screen._choices.patterns))
        await pilot.press("down", "down")  # the detail pane follows the cursor
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("3")  # the papers area's list is plain SQL too
        papers = app.screen
        for _ in range(200):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if papers.query_one("#listing").row_count:
                break
        print(type(papers).__name__, papers.query_one("#listing").row_count)
        await pilot.press("5")  # and the board
        board = app.screen
        for _ in range(200):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if board.query(".board-card"):
                break
        print(type(board).__name__, len(board.query(".board-card")))
        await pilot.press("4")  # and the stories, with their coverage
        stories = app.screen
        for _ in range(200):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if stories.data is not None:
                break
        print(type(stories).__name__, stories.query_one("#stories-table").row_count, stories.data.coverage.total)
        print("before the schedule:" + ",".join(m for m in {orm!r} if m in sys.modules))
        # and the schedule's week (its shortfalls use the planner, which needs the ORM; the week grid works in the
        # local zone, which needs dateutil)
        await pilot.press("6")
        schedule = app.screen
        for _ in range(200):  # the week may come after the screen's first frame on a loaded machine
            await pilot.pause()
            if schedule.rules:
                break
        print(type(schedule).__name__, len(schedule.blocks), schedule.rules)
        print("loaded=" + ",".join(m for m in ("sqlalchemy", "sqlmodel", "alembic") if m in sys.modules))

asyncio.run(main())
"""


def test_the_problems_papers_board_stories_and_schedule_areas_show_their_rows_without_importing_the_orm(
    demo_db: Database,
) -> None:
    """The problems area's page, filter choices and detail, the papers list, the board, the stories with their
    coverage and the schedule's week read with plain sqlite3: pressing 2, 3, 5, 4 or 6 on a fresh start shows them without
    waiting ~0.3 s for SQLAlchemy, and no worker thread can race the UI thread's import."""
    problems, papers, board, stories, before, schedule, orm = _run(PROBLEMS, str(demo_db.path))[-7:]
    name, rows, patterns = problems.split()
    assert name == "ProblemsScreen" and int(rows) > 0 and int(patterns) > 0
    assert papers.split()[0] == "PapersScreen" and int(papers.split()[1]) > 0
    assert board.split()[0] == "BoardScreen" and int(board.split()[1]) > 0
    name, rows, questions = stories.split()
    assert name == "StoriesScreen" and int(rows) > 0 and int(questions) > 0
    name, blocks, rules = schedule.split()
    assert (
        name == "ScheduleScreen" and int(blocks) >= 0 and int(rules) > 0
    )  # the demo may plan no block this week
    assert before == "before the schedule:", (
        f"opening the problems, papers, board and stories areas imported {before}"
    )
    assert orm == "", f"the schedule's week imported {orm}"


NOTES = """
import asyncio, sys
from pathlib import Path
from tracker.services.base import Database
from tracker.tui.app import PrepApp

async def main() -> None:
    db = Database(Path(sys.argv[1]))
    db.ensure_schema()
    app = PrepApp(db, welcome=False)
    app._warm_steps = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        for _ in range(200):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if app.screen._detail_for is not None:
                break
        notes = app.screen.query_one("#pd-notes")
        print(str(notes.render()).strip(), "rich.markdown" in sys.modules)
        await pilot.press("down")
        for _ in range(200):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if "rich.markdown" in sys.modules:
                break
        print(" ".join(str(notes.render_line(0).text).split()), "rich.markdown" in sys.modules)
        print("loaded=")

asyncio.run(main())
"""


def test_a_problem_without_notes_is_shown_without_the_markdown_renderer(db: Database) -> None:
    """Rich's Markdown and markdown-it take ~45 ms and 3 MiB to import: the problems area opens on a problem without
    notes without them, and loads them for the first problem with notes."""
    from tracker.services.problems import add_problem

    add_problem(db, "Alpha", number=1)
    add_problem(db, "Bravo", number=2, notes="**Two pointers** from both ends")
    first, second = _run(NOTES, str(Path(db.path)))[:2]
    assert first == "No notes. Press e to write some. False"
    assert second == "Two pointers from both ends True"
