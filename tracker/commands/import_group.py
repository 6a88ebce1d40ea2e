"""The shared `prep import` command group: several areas add commands to it (notion, json, problems)."""

from __future__ import annotations

import typer

_IMPORT_APPS: dict[int, typer.Typer] = {}


def get_import_app(app: typer.Typer) -> typer.Typer:
    """The `import` sub-app of `app`, created and added on first call; the same object afterwards."""
    key = id(app)
    found = _IMPORT_APPS.get(key)
    if found is None:
        found = typer.Typer(help="Bring data in: Notion CSV exports, problem lists, a JSON backup.")
        app.add_typer(found, name="import")
        _IMPORT_APPS[key] = found
    return found
