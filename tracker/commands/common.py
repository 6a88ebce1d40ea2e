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
    """A plain aligned text table (no markup, safe for any user text)."""
    if not rows:
        echo("(none)")
        return
    widths = [len(h) for h in headers]
    clipped = [[(c if len(c) <= 60 else c[:59] + "…") for c in row] for row in rows]
    for row in clipped:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    echo("  ".join(h.ljust(widths[i]) for i, h in enumerate(headers)).rstrip())
    for row in clipped:
        echo("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
