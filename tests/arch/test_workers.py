"""Services are called from Textual thread workers. The first import of SQLAlchemy must not happen on two threads at
once (its circular imports then fail with "cannot import name ... from partially initialized module"), so the ORM is
loaded under a lock (``load_orm``) before any worker that uses the services starts (``db_work``)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tracker.services.base import Database

TUI = Path(__file__).resolve().parents[2] / "tracker" / "tui"

# Thread workers that read with plain sqlite3 only and so skip db_work: the dashboard's numbers (a bare @work) and
# the problems, papers, board, stories and schedule areas' and the paper page's plain-SQL reads (@raw_work). tests/arch/test_startup_imports.py checks they import no ORM.
RAW_WORKERS = {
    ("screens/dashboard.py", "_load"),
    ("screens/problems.py", "_fetch"),
    ("screens/problems.py", "_fetch_more"),
    ("screens/problems.py", "_load_choices"),
    ("screens/problems.py", "_fetch_detail"),
    ("screens/papers.py", "_load"),
    ("screens/board.py", "_load"),
    ("screens/stories.py", "_load_at"),
    ("screens/schedule.py", "_load"),
    ("screens/paper_page.py", "_fetch"),
    ("modals/paper_form.py", "_read_names"),
}

THREADS = """
import sys, threading
from pathlib import Path
from tracker.services import papers, pipeline, problems, stories
from tracker.services.base import Database, load_orm

assert "sqlalchemy" not in sys.modules
load_orm()
db = Database(Path(sys.argv[1]))
db.ensure_schema()
calls = [
    lambda: problems.tag_choices(db),
    lambda: problems.count_problems(db, problems.ProblemFilter()),
    lambda: pipeline.board(db),
    lambda: papers.get_paper(db, 1),
    lambda: stories.list_stories(db),
] * 3
start = threading.Barrier(len(calls))
errors = []

def run(call):
    start.wait()
    try:
        call()
    except Exception as exc:
        errors.append(repr(exc))

threads = [threading.Thread(target=run, args=(c,)) for c in calls]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("errors=" + " | ".join(errors))
"""


def test_services_called_from_many_threads_at_once_after_load_orm(demo_db: Database) -> None:
    out = subprocess.run(
        [sys.executable, "-c", THREADS, str(demo_db.path)], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "errors=", out.stdout[-2000:]


def _thread_workers() -> list[tuple[str, str, str]]:
    """(file, method, decorator) for every method decorated as a thread worker in tracker/tui."""
    found = []
    for path in sorted(TUI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.FunctionDef):
                continue
            for deco in node.decorator_list:
                if not isinstance(deco, ast.Call) or not isinstance(deco.func, ast.Name):
                    continue
                threaded = any(
                    k.arg == "thread" and isinstance(k.value, ast.Constant) and k.value.value
                    for k in deco.keywords
                )
                if deco.func.id in ("db_work", "raw_work") or (deco.func.id == "work" and threaded):
                    found.append((path.relative_to(TUI).as_posix(), node.name, deco.func.id))
    return found


def test_every_thread_worker_loads_the_orm_first() -> None:
    workers = _thread_workers()
    assert len(workers) > 15, workers  # the scan sees the app's workers
    bare = {(f, m) for f, m, deco in workers if deco in ("work", "raw_work") and (f, m) not in RAW_WORKERS}
    assert not bare, f"thread workers that may import SQLAlchemy concurrently; use @db_work: {sorted(bare)}"
    assert {(f, m) for f, m, deco in workers if deco in ("work", "raw_work")} == RAW_WORKERS
