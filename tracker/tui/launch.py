"""Open the TUI on a database file: schema first (fast path: sqlite3 only), then the app."""

from __future__ import annotations

import sys
from pathlib import Path


def run_tui(path: Path) -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # Started from a script or a pipe: a full-screen app would wait for keys that never come.
        sys.stderr.write("error: prep with no command opens the terminal app, and this is not a terminal; ")
        sys.stderr.write("see prep --help for the commands\n")
        raise SystemExit(2)
    from tracker.tui.idle_gc import hold_until_painted

    hold_until_painted()  # no garbage collection while everything that lives on is being built
    from tracker.services.base import Database, DatabaseUnusable

    db = Database(path)
    try:
        backup = db.ensure_schema()
    except DatabaseUnusable as exc:
        sys.stderr.write(f"error: {exc}\n")
        raise SystemExit(2) from None
    from tracker.services.settings import startup_value
    from tracker.tui.app import PrepApp

    app = PrepApp(db, backup=backup)
    theme = startup_value(db, "ui.theme")
    if isinstance(theme, str) and theme in app.available_themes:
        app.theme = theme
    app.run()
