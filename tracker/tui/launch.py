"""Open the TUI on a database file: schema first (fast path: sqlite3 only), then the app."""

from __future__ import annotations

import sys
from pathlib import Path


def run_tui(path: Path) -> None:
    from tracker.services.base import Database, DatabaseUnusable

    db = Database(path)
    try:
        backup = db.ensure_schema()
    except DatabaseUnusable as exc:
        sys.stderr.write(f"error: {exc}\n")
        raise SystemExit(2) from None
    from tracker.tui.app import PrepApp

    app = PrepApp(db, backup=backup)
    app.run()
