"""Open the TUI on a database file: schema first (fast path: sqlite3 only), then the app."""

from __future__ import annotations

import sys
from pathlib import Path


def run_tui(path: Path) -> None:
    from tracker.db.migrate import MigrationFailed, NotAPrepDatabase, ensure_current

    try:
        backup = ensure_current(path)
    except (NotAPrepDatabase, MigrationFailed) as exc:
        sys.stderr.write(f"error: {exc}\n")
        raise SystemExit(2) from None
    from tracker.services.base import Database
    from tracker.tui.app import PrepApp

    db = Database(path, _migrated=True)
    app = PrepApp(db, backup=backup)
    app.run()
