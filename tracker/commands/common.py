"""Shared helpers for CLI commands: the database from the global options, JSON output, errors."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

import typer

from tracker.services.base import Database


class CliState:
    db_option: str | None = None
    _db: Database | None = None


STATE = CliState()


def database() -> Database:
    """The database chosen by --db / PREP_DB / the user data folder, upgraded to the current schema."""
    if STATE._db is None:
        from tracker.paths import db_path

        STATE._db = Database(Path(db_path(STATE.db_option)))
        STATE._db.ensure_schema()
    return STATE._db


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "to_json"):
        return value.to_json()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def emit_json(document: Any) -> None:
    sys.stdout.write(json.dumps(document, default=_default, ensure_ascii=False, indent=2) + "\n")


def fail(message: str, code: int = 1) -> NoReturn:
    sys.stderr.write(f"error: {message}\n")
    raise typer.Exit(code)


def echo(text: str = "") -> None:
    """Plain output: user text is never interpreted as markup."""
    sys.stdout.write(text + "\n")


def fmt_dt(value: datetime | None) -> str:
    if value is None:
        return "-"
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def table(rows: list[list[str]], headers: list[str]) -> None:
    """A plain aligned text table (no markup, safe for any user text). Columns are measured in terminal cells
    (wide characters take two), a cell is cut at 60 of them, and in a terminal the widest columns are narrowed
    until the table fits its width."""
    import shutil

    from tracker.domain.words import cell_width, fit

    if not rows:
        echo("(none)")
        return
    widths = [cell_width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], min(60, cell_width(cell)))
    if sys.stdout.isatty():
        room = shutil.get_terminal_size((100, 24)).columns - 2 * (len(widths) - 1)
        while sum(widths) > room and max(widths) > 6:
            widths[widths.index(max(widths))] -= 1
    echo("  ".join(fit(h, widths[i]) for i, h in enumerate(headers)).rstrip())
    for row in rows:
        echo("  ".join(fit(cell, widths[i]) for i, cell in enumerate(row)).rstrip())
