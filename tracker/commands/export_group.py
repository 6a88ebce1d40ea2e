"""The shared `prep export` command group: several areas add commands to it (stories, week, ics, json)."""

from __future__ import annotations

import typer

_EXPORT_APPS: dict[int, typer.Typer] = {}


def get_export_app(app: typer.Typer) -> typer.Typer:
    """The `export` sub-app of `app`, created and added on first call; the same object afterwards."""
    key = id(app)
    found = _EXPORT_APPS.get(key)
    if found is None:
        found = typer.Typer(help="Write your data out: stories as Markdown, the week, a calendar, a backup.")
        app.add_typer(found, name="export")
        _EXPORT_APPS[key] = found
    return found
